/**
 * The receptive field of a stack of dilated layers on a picture, from the library's network
 * analysis: the network is built (buildNetwork) for the picture's size and the input pixels one
 * output pixel depends on come from outputRegion, per axis. A 2-D kernel is a full rectangle of
 * taps, so the pixels are every (row, column) pair of the two axes' sets; the holes between them
 * are the gridding of stacked equal rates.
 *
 * The stacks to compare are the playground's current layer repeated three times as the picture runs
 * it (its kernel, stride, dilation, padding, transposed or not: picture-layer.ts), beside the same
 * kernel at rates 1, 2, 5 — the pair the tutorial's stack figure draws — and a few fixed 3 × 3
 * stacks. Those others have stride 1 (as in the tutorial's figure) and are padded to keep the
 * picture's size. A stack that changes the size has fewer (or more) outputs than the picture has
 * pixels: the output shown for a picture pixel is the one whose field is centred nearest it
 * (outputAt, from the library's continuous field).
 */
import { buildNetwork } from '../../../src/network/build.js';
import { continuousField, dependencySet, outputRegion } from '../../../src/network/receptive.js';
import type { ConvLayerDef, Network, NetworkNode } from '../../../src/network/types.js';
import { isConvError } from '../../../src/geometry/errors.js';
import type { ConvError } from '../../../src/geometry/errors.js';
import { listText } from '../list-text.js';
import { spans } from './footprint.js';
import { pictureGeometry } from './picture-layer.js';
import type { PictureLayer } from './picture-layer.js';

/** Dilation rate of one layer, [H, W]. */
export type Rate = [number, number];

export interface Stack {
  id: string;
  /** Every layer's kernel size, [H, W]. */
  kernel: [number, number];
  rates: Rate[];
  /** Built from the playground's current layer (else a fixed 3 × 3 stack). */
  fromLayer: boolean;
  /**
   * The layer as the picture runs it, when the stack is that layer repeated: its stride, padding,
   * output padding and kind are the layer's. Absent: stride 1, padded to keep the size.
   */
  layer?: PictureLayer;
}

const square = (rates: number[]): Rate[] => rates.map((d) => [d, d]);

/** Fixed stacks: equal rates grid, rates with no common factor (HDC) cover every pixel. */
export const STACKS: readonly Stack[] = [
  { id: '2-2-2', kernel: [3, 3], rates: square([2, 2, 2]), fromLayer: false },
  { id: '1-2-5', kernel: [3, 3], rates: square([1, 2, 5]), fromLayer: false },
  { id: '1-2-4', kernel: [3, 3], rates: square([1, 2, 4]), fromLayer: false },
  { id: '4-4', kernel: [3, 3], rates: square([4, 4]), fromLayer: false },
];

/** Ids of the two stacks built from the playground's layer. */
export const LAYER_STACK = 'layer';
/** The fixed stack with equal rates (2, 2, 2): gridding at a glance. */
export const GRIDDING_STACK = '2-2-2';
export const LAYER_HDC = 'layer-1-2-5';

/**
 * The playground's layer three times, and its kernel at rates 1, 2, 5 (stride 1). With `layer` (the
 * layer as the picture runs it) the first is that layer as it is; without, its kernel and dilation
 * at stride 1, keeping the size.
 */
export function layerStacks(kernel: readonly [number, number], dilation: readonly [number, number], layer?: PictureLayer): Stack[] {
  const k: [number, number] = [kernel[0], kernel[1]];
  const d: Rate = [dilation[0], dilation[1]];
  return [
    { id: LAYER_STACK, kernel: k, rates: [d, [...d], [...d]], fromLayer: true, ...(layer ? { layer } : {}) },
    { id: LAYER_HDC, kernel: k, rates: square([1, 2, 5]), fromLayer: true },
  ];
}

/** The fixed stack with the same layers as `stack` (its kernel at 1, 2, 5 when that kernel is 3 × 3), or null. */
export function sameFixed(stack: Stack): Stack | null {
  if (stack.layer) return null;
  const same = (a: Stack) => a.kernel[0] === stack.kernel[0] && a.kernel[1] === stack.kernel[1] && a.rates.length === stack.rates.length && a.rates.every((r, i) => r[0] === stack.rates[i][0] && r[1] === stack.rates[i][1]);
  return STACKS.find(same) ?? null;
}

/** Stride of each layer of the stack, [H, W] (1, 1 unless it repeats the playground's layer). */
export function strideOf(stack: Stack): [number, number] {
  const s = stack.layer?.options.stride ?? 1;
  return typeof s === 'number' ? [s, s] : [s[0], s[1] ?? s[0]];
}

/** The stack's stride as a reader reads it: "2", or "2×1" where the axes differ. */
export function strideText(stack: Stack, line = false): string {
  const [a, b] = strideOf(stack);
  // A 1-D layer (line-layer.ts isLine) is written on its one axis, W, as the stage's captions write it.
  if (line) return String(b);
  return a === b ? String(a) : `${a}×${b}`;
}

/** The stack's kernel as the page writes a size: "3×3", or a 1-D layer's length "3" (line-layer.ts sizeText). */
export function kernelText(stack: Stack, line = false): string {
  return line ? String(stack.kernel[1]) : `${stack.kernel[0]}×${stack.kernel[1]}`;
}

/** Whether every layer of the stack has the same rates (the stacks that grid when they leave holes). */
export function equalRates(stack: Stack): boolean {
  const [h, w] = stack.rates[0];
  return stack.rates.every(([a, b]) => a === h && b === w);
}

/** The stack's rates as a reader reads them: "2, 2, 2", or "2×1, 2×1" where the axes differ; a 1-D layer's W rates. */
export function ratesText(stack: Stack, lang: 'en' | 'zh' = 'en', line = false): string {
  return listText(stack.rates.map(([a, b]) => (line ? String(b) : a === b ? String(a) : `${a}×${b}`)), lang);
}

/**
 * The stack as a network on an input of height × width: each layer keeps the size (stride 1, padded),
 * or, for the playground's layer repeated, is that layer with the padding (or crop) and output
 * padding the library resolves for it on the picture. Throws the library's ConvError when the
 * layer, or a copy of it on the previous one's output, cannot run.
 */
export function stackNetwork(stack: Stack, height: number, width: number): Network {
  if (stack.layer) return repeatedLayer(stack, stack.layer, height, width);
  const [kh, kw] = stack.kernel;
  // The padding that keeps the size, the odd cell after (PyTorch's 'same' split).
  const keep = (k: number, d: number): [number, number] => [Math.floor((d * (k - 1)) / 2), d * (k - 1) - Math.floor((d * (k - 1)) / 2)];
  const layers: ConvLayerDef[] = stack.rates.map(([dh, dw], i) => ({
    kind: 'conv', name: `d${i + 1}`, op: 'conv', inputs: [i === 0 ? 'x' : `d${i}`], outChannels: 1, kernel: [kh, kw], stride: [1, 1], dilation: [dh, dw],
    padding: { pairs: [keep(kh, dh), keep(kw, dw)] }, groups: 1, bias: false,
  }));
  return buildNetwork({ input: { name: 'x', shape: [1, 1, height, width] }, layers });
}

function repeatedLayer(stack: Stack, layer: PictureLayer, height: number, width: number): Network {
  // The library resolves the layer's padding ('same', 'valid', pairs) and output padding on the
  // picture; every copy takes the same pairs ('same' is stride 1 only, where each copy keeps the size).
  const g = pictureGeometry(layer, { height, width, channels: 1 });
  const pairs = g.axes.map((a): [number, number] => (a.transposed ? [a.cropBefore, a.cropAfter] : [a.padBefore, a.padAfter]));
  const layers: ConvLayerDef[] = stack.rates.map((rate, i) => ({
    kind: layer.transposed ? 'convTranspose' : 'conv', name: `d${i + 1}`, op: layer.transposed ? 'convTranspose' : 'conv', inputs: [i === 0 ? 'x' : `d${i}`], outChannels: 1,
    kernel: [...stack.kernel], stride: g.axes.map((a) => a.stride), dilation: [...rate], padding: { pairs }, groups: 1, bias: false,
    // The padding mode too: the library's field then follows the copies it makes (reflect reads
    // mirrored pixels, circular the far edge), and refuses it on a transposed layer as PyTorch does.
    ...(layer.options.paddingMode ? { paddingMode: layer.options.paddingMode } : {}),
    ...(layer.transposed ? { outputPadding: g.axes.map((a) => a.outputPadding) } : {}),
  }));
  // Built copy by copy, so that a copy refused on the previous copy's output is named with that output's size.
  let net = buildNetwork({ input: { name: 'x', shape: [1, 1, height, width] }, layers: layers.slice(0, 1) });
  for (let i = 2; i <= layers.length; i++) {
    const before = (net.byName.get(`d${i - 1}`) as NetworkNode).outputShape.slice(-2) as [number, number];
    try {
      net = buildNetwork({ input: { name: 'x', shape: [1, 1, height, width] }, layers: layers.slice(0, i) });
    } catch (e) {
      if (!isConvError(e)) throw e;
      throw new CopyRefused(i, before, e);
    }
  }
  return net;
}

/** Copy `copy` (from 1) of the layer cannot run on the `input` (H, W) the copy before it gives: the library's refusal. */
export class CopyRefused extends Error {
  constructor(readonly copy: number, readonly input: [number, number], readonly refusal: ConvError) {
    super(refusal.message);
  }
}

/**
 * The output of the stack whose field is centred nearest picture pixel (y, x): the library's
 * continuous field gives output 0's centre c₀ and the step J between outputs, so u = (y − c₀)/J,
 * rounded and kept inside the output. A stack that keeps the size gives (y, x) back.
 */
export function outputAt(net: Network, y: number, x: number): [number, number] {
  const out = net.outputs[0];
  const axes = continuousField(net).nodes.get(out);
  const shape = (net.byName.get(out) as NetworkNode).outputShape.slice(-2);
  return [y, x].map((v, a) => {
    const ax = axes?.[a];
    const u = ax ? Math.round((v - ax.centre.num / ax.centre.den) / (ax.jump.num / ax.jump.den)) : v;
    return Math.min(shape[a] - 1, Math.max(0, u));
  }) as [number, number];
}

export interface StackField {
  rows: number[];
  cols: number[];
  /**
   * The rows (columns) read as runs [first, last]: one run, unless circular padding wraps the
   * field round to the far edge (a gap wider than the field's own gaps starts a new run).
   */
  rowRuns: [number, number][];
  colRuns: [number, number][];
  /** Span of the field on each axis (its runs together) and the holes inside it (pixels of the runs not read). */
  span: [number, number];
  pixels: number;
  holes: number;
  /** The span this output's field has where the picture's edge cuts nothing off (padding cells counted as positions). */
  unclipped: [number, number];
  /** Some path through the stack reaches beyond the picture's edge, into the padding. */
  beyond: boolean;
}

/** The field's span away from the picture's edges, [H, W]: the library's continuous receptive field of the stack's output. */
export function fullSpan(net: Network): [number, number] {
  const axes = continuousField(net).nodes.get(net.outputs[0]);
  const size = (a: number): number => {
    const r = axes?.[a]?.size;
    return r ? r.num / r.den : 0;
  };
  return [size(0), size(1)];
}

/** Widest gap between neighbouring positions of a sorted list (1 for fewer than two). */
function widestGap(v: readonly number[]): number {
  let g = 1;
  for (let i = 1; i < v.length; i++) g = Math.max(g, v[i] - v[i - 1]);
  return g;
}

/**
 * The input pixels output pixel (oy, ox) of the stack reads: the library's exact field, in which
 * a padding mode that copies pixels (reflect, replicate, circular) reads the pixels it copies, and
 * zero padding reads nothing.
 */
export function stackField(net: Network, oy: number, ox: number): StackField {
  const out = net.outputs[0];
  const size = net.input.shape.slice(-2);
  const region = outputRegion(net, [oy, ox]);
  // The field's own gaps are those of its positions with the edges ignored (padding cells as
  // positions): a wider gap between two pixels read is circular padding's wrap, not a hole.
  const runs = region.map((r, a) => spans(r.cells, widestGap(dependencySet(net, out, a, [r.output], false))));
  const length = (v: [number, number][]) => v.reduce((n, [a, b]) => n + b - a + 1, 0);
  const span: [number, number] = [length(runs[0]), length(runs[1])];
  const [h, w] = region;
  const pixels = h.cells.length * w.cells.length;
  const beyond = region.some((r, a) => r.unbounded.start !== null && (r.unbounded.start < 0 || (r.unbounded.end as number) >= size[a]));
  return { rows: h.cells, cols: w.cells, rowRuns: runs[0], colRuns: runs[1], span, pixels, holes: span[0] * span[1] - pixels, unclipped: [h.unbounded.span, w.unbounded.span], beyond };
}

/**
 * Outputs u and u + period of the stack read the same pattern of pixels, shifted (the library's
 * continuous field: its step between outputs is shift/period pixels), per axis: a transposed
 * stride-2 layer three times repeats every 8 outputs.
 */
export function periodOf(net: Network): [number, number] {
  const axes = continuousField(net).nodes.get(net.outputs[0]);
  return [0, 1].map((a) => axes?.[a]?.jump.den ?? 1) as [number, number];
}

/**
 * How many picture pixels each output of one repeating block (periodOf) reads, taken in the middle
 * of the output, away from the crop and the output padding: the library's exact field, per axis,
 * and a pixel (y, x) is read when its row and its column are. Ascending, one value per output.
 */
export function blockReads(net: Network): number[] {
  const out = net.outputs[0];
  const shape = (net.byName.get(out) as NetworkNode).outputShape.slice(-2);
  const period = periodOf(net);
  const perAxis = period.map((p, a) => {
    const start = Math.max(0, Math.min(shape[a] - p, Math.floor(shape[a] / 2)));
    const n: number[] = [];
    for (let u = start; u < Math.min(shape[a], start + p); u++) n.push(dependencySet(net, out, a, [u], true).length);
    return n;
  });
  const counts: number[] = [];
  for (const a of perAxis[0]) for (const b of perAxis[1]) counts.push(a * b);
  return counts.sort((a, b) => a - b);
}
