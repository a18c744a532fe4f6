/**
 * The receptive field of a stack of dilated layers on a picture, from the library's network
 * analysis: the network is built (buildNetwork) for the picture's size and the input pixels one
 * output pixel depends on come from outputRegion, per axis. A 2-D kernel is a full rectangle of
 * taps, so the pixels are every (row, column) pair of the two axes' sets; the holes between them
 * are the gridding of stacked equal rates.
 *
 * The stacks to compare are the playground's current layer (its kernel and dilation) repeated three
 * times, beside the same kernel at rates 1, 2, 5 — the pair the tutorial's stack figure draws — and
 * a few fixed 3 × 3 stacks. Every layer has stride 1 (as in the tutorial's figure) and is padded to
 * keep the picture's size, so the field can be shown for any pixel of the picture.
 */
import { buildNetwork } from '../../../src/network/build.js';
import { continuousField, outputRegion } from '../../../src/network/receptive.js';
import type { ConvLayerDef, Network } from '../../../src/network/types.js';
import { listText } from '../list-text.js';

/** Dilation rate of one layer, [H, W]. */
export type Rate = [number, number];

export interface Stack {
  id: string;
  /** Every layer's kernel size, [H, W]. */
  kernel: [number, number];
  rates: Rate[];
  /** Built from the playground's current layer (else a fixed 3 × 3 stack). */
  fromLayer: boolean;
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

/** The playground's layer (kernel, dilation) three times, and its kernel at rates 1, 2, 5. */
export function layerStacks(kernel: readonly [number, number], dilation: readonly [number, number]): Stack[] {
  const k: [number, number] = [kernel[0], kernel[1]];
  const d: Rate = [dilation[0], dilation[1]];
  return [
    { id: LAYER_STACK, kernel: k, rates: [d, [...d], [...d]], fromLayer: true },
    { id: LAYER_HDC, kernel: k, rates: square([1, 2, 5]), fromLayer: true },
  ];
}

/** The stack's kernel as the page writes a size: "3 × 3". */
export function kernelText(stack: Stack): string {
  return `${stack.kernel[0]} × ${stack.kernel[1]}`;
}

/** Whether every layer of the stack has the same rates (the stacks that grid when they leave holes). */
export function equalRates(stack: Stack): boolean {
  const [h, w] = stack.rates[0];
  return stack.rates.every(([a, b]) => a === h && b === w);
}

/** The stack's rates as a reader reads them: "2, 2, 2", or "2×1, 2×1" where the axes differ. */
export function ratesText(stack: Stack, lang: 'en' | 'zh' = 'en'): string {
  return listText(stack.rates.map(([a, b]) => (a === b ? String(a) : `${a}×${b}`)), lang);
}

/** The stack as a network on an input of height × width (each layer keeps the size: stride 1, padded). */
export function stackNetwork(stack: Stack, height: number, width: number): Network {
  const [kh, kw] = stack.kernel;
  // The padding that keeps the size, the odd cell after (PyTorch's 'same' split).
  const keep = (k: number, d: number): [number, number] => [Math.floor((d * (k - 1)) / 2), d * (k - 1) - Math.floor((d * (k - 1)) / 2)];
  const layers: ConvLayerDef[] = stack.rates.map(([dh, dw], i) => ({
    kind: 'conv', name: `d${i + 1}`, op: 'conv', inputs: [i === 0 ? 'x' : `d${i}`], outChannels: 1, kernel: [kh, kw], stride: [1, 1], dilation: [dh, dw],
    padding: { pairs: [keep(kh, dh), keep(kw, dw)] }, groups: 1, bias: false,
  }));
  return buildNetwork({ input: { name: 'x', shape: [1, 1, height, width] }, layers });
}

export interface StackField {
  rows: number[];
  cols: number[];
  /** Span of the field on each axis and the holes inside it (rows × cols pixels not read). */
  span: [number, number];
  pixels: number;
  holes: number;
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

/** The input pixels output pixel (oy, ox) of the stack reads (pixels outside the picture read nothing). */
export function stackField(net: Network, oy: number, ox: number): StackField {
  const [h, w] = outputRegion(net, [oy, ox]);
  const span: [number, number] = [h.start === null ? 0 : (h.end as number) - h.start + 1, w.start === null ? 0 : (w.end as number) - w.start + 1];
  const pixels = h.cells.length * w.cells.length;
  return { rows: h.cells, cols: w.cells, span, pixels, holes: span[0] * span[1] - pixels };
}
