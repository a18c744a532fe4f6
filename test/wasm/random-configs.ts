/**
 * Random valid configurations through the fast engine, compared with the reference engine: every
 * rank, direct and transposed, groups and depthwise, all padding modes, stride, dilation, output
 * padding, bias, batch. Shared by the vitest suite (whatever kernel build this runtime loads) and
 * by relaxed-check.ts, which a child Node runs with relaxed SIMD switched on.
 */
import { conv, convTranspose, isConvError, type PaddingMode, type Tensor } from '../../src/index.js';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { prod, randomData, relError, rng } from './helpers.js';

const MODES: PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

interface Case {
  transposed: boolean;
  x: Tensor;
  w: Tensor;
  bias: Tensor | null;
  options: Record<string, unknown>;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function randomCase(r: () => number): Case {
  const rank = pick(r, [1, 2, 2, 2, 3]);
  const transposed = r() < 0.35;
  const groups = pick(r, [1, 1, 1, 2, 3]);
  const depthwise = !transposed && r() < 0.2;
  const icg = depthwise ? 1 : int(r, 1, 4);
  const ocg = depthwise ? pick(r, [1, 2]) : int(r, 1, 7);
  const g = depthwise ? int(r, 1, 6) : groups;
  const ic = icg * g, oc = ocg * g;
  const maxIn = rank === 3 ? 6 : rank === 2 ? 12 : 24;
  const spatial = Array.from({ length: rank }, () => int(r, 1, maxIn));
  const kernel = Array.from({ length: rank }, () => int(r, 1, rank === 3 ? 3 : 5));
  const stride = Array.from({ length: rank }, () => pick(r, [1, 1, 2, 3]));
  const dilation = Array.from({ length: rank }, () => pick(r, [1, 1, 2]));
  const batch = pick(r, [0, 1, 2]);
  const xShape = batch === 0 ? [ic, ...spatial] : [batch, ic, ...spatial];
  const wShape = transposed ? [ic, ocg, ...kernel] : [oc, icg, ...kernel];
  const hasBias = r() < 0.6;
  const options: Record<string, unknown> = { stride, dilation, groups: g };
  if (transposed) {
    options.padding = kernel.map((k) => int(r, 0, k));
    options.outputPadding = stride.map((s, i) => int(r, 0, Math.max(s, dilation[i]) - 1));
  } else {
    options.padding = r() < 0.15 ? 'valid' : kernel.map((k) => int(r, 0, k));
    options.paddingMode = r() < 0.5 ? 'zeros' : pick(r, MODES);
  }
  return {
    transposed,
    x: { shape: xShape, data: randomData(prod(xShape), r) },
    w: { shape: wShape, data: randomData(prod(wShape), r) },
    bias: hasBias ? { shape: [oc], data: randomData(oc, r) } : null,
    options,
  };
}

export interface RandomCheck {
  valid: number;
  /** Distinct (direct/transposed, rank, groups, padding mode) kinds seen. */
  kinds: number;
  /** Configurations whose error exceeded 1e-4 of the output scale (or whose shape differed). */
  mismatches: string[];
  /** Configurations where two threads did not give bitwise the numbers of one thread. */
  twoThreadDiffers: string[];
}

/** Draws configurations until `want` valid ones (PyTorch would accept them) were compared. */
export function checkRandomConfigs(want: number, seed: number): RandomCheck {
  const r = rng(seed);
  let valid = 0, tried = 0;
  const kinds = new Set<string>();
  const mismatches: string[] = [], twoThreadDiffers: string[] = [];
  while (valid < want && tried < want * 12) {
    tried++;
    const c = randomCase(r);
    const op = c.transposed ? convTranspose : conv;
    let ref: Tensor;
    try {
      ref = op(c.x, c.w, { ...c.options, bias: c.bias, engine: 'reference' });
    } catch (e) {
      if (isConvError(e)) continue; // PyTorch would reject this configuration too
      throw e;
    }
    const what = JSON.stringify({ t: c.transposed, x: c.x.shape, w: c.w.shape, o: c.options, b: !!c.bias });
    const fast = op(c.x, c.w, { ...c.options, bias: c.bias, engine: 'auto' });
    const err = fast.shape.join() === ref.shape.join() ? relError(fast.data, ref.data) : Infinity;
    if (!(err <= 1e-4)) mismatches.push(`${err} for ${what}`);
    if (valid % 4 === 0) {
      // Forced onto both threads, however small: bitwise the same as one thread.
      const g = c.transposed
        ? convTransposeGeometry({ inputShape: c.x.shape, weightShape: c.w.shape, biasShape: c.bias?.shape }, c.options)
        : convGeometry({ inputShape: c.x.shape, weightShape: c.w.shape, biasShape: c.bias?.shape }, c.options);
      const e = wasmEngine()!;
      const b = c.bias ? c.bias.data : null;
      const one = e.conv(g, c.x.data, c.w.data, b, 1), two = e.conv(g, c.x.data, c.w.data, b, 2);
      if (one.length !== two.length || one.some((v, i) => !Object.is(v, two[i]))) twoThreadDiffers.push(what);
    }
    kinds.add(`${c.transposed ? 'T' : 'D'}${c.x.shape.length}${(c.options.groups as number) > 1 ? 'g' : ''}${c.options.paddingMode ?? ''}`);
    valid++;
  }
  return { valid, kinds: kinds.size, mismatches, twoThreadDiffers };
}

/**
 * Realistic layer shapes through the engine on one and two threads, against the reference.
 * Returns a line per failure (empty: all agree, two threads bitwise equal to one).
 */
export function checkLayerShapes(): string[] {
  const e = wasmEngine()!;
  const r = rng(7);
  const geoms = [
    convGeometry({ inputShape: [1, 32, 20, 21], weightShape: [24, 32, 3, 3], biasShape: [24] }, { padding: 1 }),
    convGeometry({ inputShape: [1, 40, 17, 19], weightShape: [36, 40, 3, 3] }, { padding: 2, dilation: 2, stride: 2 }),
    convGeometry({ inputShape: [2, 16, 15, 15], weightShape: [16, 1, 5, 5], biasShape: [16] }, { padding: 2, groups: 16, paddingMode: 'reflect' }),
    convTransposeGeometry({ inputShape: [1, 24, 9, 10], weightShape: [24, 20, 4, 4], biasShape: [20] }, { stride: 2, padding: 1 }),
    convTransposeGeometry({ inputShape: [1, 12, 8, 8], weightShape: [12, 8, 2, 2] }, { stride: 4 }), // empty phases: bias only
    // 1×1 stride-1 unpadded: the kernel reads the input in place (no packed copy). K = 300
    // spans two K blocks, 13×11 pixels end mid-vector, groups and batch offset the rows.
    convGeometry({ inputShape: [2, 600, 13, 11], weightShape: [70, 300, 1, 1], biasShape: [70] }, { groups: 2 }),
    convGeometry({ inputShape: [1, 9, 3, 5, 7], weightShape: [5, 9, 1, 1, 1] }, {}),
    convGeometry({ inputShape: [1, 7, 29], weightShape: [13, 7, 1] }, {}),
    // Depthwise stride 2: the 3×3 shuffle path (10 outputs per row: two vectors and a tail),
    // with a channel multiplier and reflect padding; the general stride-2 path (5×5, dilated);
    // 1-D.
    convGeometry({ inputShape: [1, 24, 17, 19], weightShape: [48, 1, 3, 3], biasShape: [48] }, { stride: 2, padding: 1, groups: 24, paddingMode: 'reflect' }),
    convGeometry({ inputShape: [2, 12, 21, 23], weightShape: [12, 1, 5, 5] }, { stride: 2, padding: 4, dilation: 2, groups: 12 }),
    convGeometry({ inputShape: [1, 8, 41], weightShape: [8, 1, 3] }, { stride: 2, padding: 1, groups: 8 }),
    // Depthwise general kernels: stride 1 in steps of 16, 8, 4 outputs and a tail (31 = 16+8+4+3),
    // dilated; stride 2 in steps of 8, 4 and a tail (15).
    convGeometry({ inputShape: [1, 6, 9, 31], weightShape: [6, 1, 5, 5], biasShape: [6] }, { padding: 2, groups: 6 }),
    convGeometry({ inputShape: [1, 4, 11, 35], weightShape: [4, 1, 3, 5] }, { padding: [2, 4], dilation: 2, groups: 4, paddingMode: 'circular' }),
    convGeometry({ inputShape: [1, 5, 12, 31], weightShape: [10, 1, 5, 5] }, { stride: 2, padding: 2, groups: 5 }),
    // 3-D depthwise: grid planes stacked, tap rows stepping between planes; depth padding through
    // the depth map (replicate, circular), strided and dilated depth, a 1×3×3 kernel on the 3×3
    // register path with several output planes, stride 2 in W.
    convGeometry({ inputShape: [1, 6, 7, 9, 35], weightShape: [12, 1, 3, 3, 3], biasShape: [12] }, { padding: 1, groups: 6, paddingMode: 'replicate' }),
    convGeometry({ inputShape: [2, 4, 9, 8, 21], weightShape: [4, 1, 3, 2, 3] }, { stride: [2, 1, 2], dilation: [2, 1, 1], padding: [2, 1, 1], groups: 4, paddingMode: 'circular' }),
    convGeometry({ inputShape: [1, 3, 4, 10, 13], weightShape: [3, 1, 1, 3, 3] }, { padding: [0, 1, 1], groups: 3 }),
    // Output-channel tilings (relaxed build: 6-row tiles then 4-row ones): every remainder of 6,
    // with K over one block (30 channels × 9 taps = 270) so partial tiles also accumulate.
    ...[8, 9, 10, 11, 13, 14, 32].map((oc) => convGeometry({ inputShape: [1, 30, 7, 11], weightShape: [oc, 30, 3, 3], biasShape: [oc] }, { padding: 1 })),
    convTransposeGeometry({ inputShape: [1, 12, 9, 10], weightShape: [12, 32, 3, 3], biasShape: [32] }, { stride: 2, padding: 1, outputPadding: 1 }),
    // Many groups with K in one block: one threaded task per group, computed in place (400 pixels,
    // more than a block); a transposed one, whose tasks also scatter; one with K over a block.
    convGeometry({ inputShape: [1, 64, 20, 20], weightShape: [64, 4, 3, 3], biasShape: [64] }, { padding: 1, groups: 16 }),
    convTransposeGeometry({ inputShape: [2, 24, 9, 9], weightShape: [24, 2, 4, 4] }, { stride: 2, padding: 1, groups: 12 }),
    convGeometry({ inputShape: [1, 480, 12, 12], weightShape: [24, 40, 3, 3] }, { padding: 1, groups: 12 }),
    // Indirect B (output rows a multiple of 8 wide, or wide enough): stride 1 with reflect
    // padding, K over a packed block (360 rows: one indirect block, final writes), K over an
    // indirect block (1170 rows: accumulated in a private block on threads), stride 2 along W
    // (split planes) with dilation, 1-D stride 2, many groups in place.
    convGeometry({ inputShape: [1, 12, 9, 32], weightShape: [16, 12, 3, 3], biasShape: [16] }, { padding: 1, paddingMode: 'reflect' }),
    convGeometry({ inputShape: [1, 40, 10, 16], weightShape: [20, 40, 3, 3] }, { padding: 1 }),
    convGeometry({ inputShape: [1, 130, 6, 16], weightShape: [10, 130, 3, 3], biasShape: [10] }, { padding: 1 }),
    convGeometry({ inputShape: [1, 8, 11, 64], weightShape: [10, 8, 3, 5], biasShape: [10] }, { stride: [1, 2], padding: [1, 4], dilation: [1, 2] }),
    convGeometry({ inputShape: [2, 6, 126], weightShape: [9, 6, 4] }, { stride: 2, padding: 1, paddingMode: 'circular' }),
    convGeometry({ inputShape: [1, 64, 16, 24], weightShape: [64, 4, 3, 3] }, { padding: 1, groups: 16 }),
    // Transposed convs on indirect B (every phase's rows a multiple of 8 wide): k4 s2 p1, k3 s2
    // p1 op1, 1-D stride 3, stride 1 dilated, grouped in place.
    convTransposeGeometry({ inputShape: [1, 12, 8, 16], weightShape: [12, 10, 4, 4], biasShape: [10] }, { stride: 2, padding: 1 }),
    convTransposeGeometry({ inputShape: [1, 9, 7, 16], weightShape: [9, 6, 3, 3] }, { stride: 2, padding: 1, outputPadding: 1 }),
    convTransposeGeometry({ inputShape: [2, 6, 24], weightShape: [6, 4, 3] }, { stride: 3 }),
    convTransposeGeometry({ inputShape: [1, 8, 6, 16], weightShape: [8, 8, 3, 3] }, { padding: 2, dilation: 2 }),
    convTransposeGeometry({ inputShape: [2, 24, 8, 16], weightShape: [24, 2, 4, 4] }, { stride: 2, padding: 1, groups: 12 }),
  ];
  const failures: string[] = [];
  for (const g of geoms) {
    const x = randomData(prod(g.inputShape), r), w = randomData(prod(g.weightShape), r);
    const b = g.hasBias ? randomData(g.outChannels, r) : null;
    const one = e.conv(g, x, w, b, 1);
    const err = relError(one, referenceConv(g, x, w, b));
    const what = `${g.transposed ? 'T' : 'D'} x${g.inputShape.join('×')} w${g.weightShape.join('×')}`;
    if (!(err < 1e-4)) failures.push(`${what}: error ${err}`);
    const two = e.conv(g, x, w, b, 2);
    if (two.length !== one.length || two.some((v, i) => !Object.is(v, one[i]))) failures.push(`${what}: two threads differ`);
  }
  return failures;
}
