/**
 * The backward pass on the fast engine against the reference engine, on seeded random
 * configurations of every option (rank 1-3, direct and transposed, groups and depthwise, stride,
 * dilation, [before, after] padding and 'same'/'valid', every padding mode, output padding, batch):
 * all three gradients agree within 1e-4 of their scale. Sizes are drawn large enough that the
 * weight gradient runs as the fast engine's GEMM (assembly/weight-grad.ts), which is also checked
 * directly (one and two threads, bitwise equal). The async variants give bitwise the numbers of
 * the sync ones.
 */
import { describe, expect, it } from 'vitest';
import {
  conv1dBackwardAsync, conv2dBackwardAsync, conv3dBackwardAsync, convBackward, convBackwardAsync, convTranspose1dBackwardAsync,
  convTranspose2dBackwardAsync, convTranspose3dBackwardAsync, convTransposeBackward, convTransposeBackwardAsync, isConvError,
  type ConvGradients, type PaddingMode, type Tensor,
} from '../../src/index.js';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { referenceWeightGrad } from '../../src/engine/reference/backward.js';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import { weightGradJob } from '../../src/engine/wasm/weight-grad.js';
import { macsOf, TINY_MAX_MACS } from '../../src/engine/tiny.js';
import { prod, randomData, relError, rng } from '../wasm/helpers.js';

const MODES: PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

interface Case {
  transposed: boolean;
  x: Tensor;
  w: Tensor;
  gy: Tensor | null;
  bias: Tensor | null;
  options: Record<string, unknown>;
}

function randomCase(r: () => number): Case {
  const rank = pick(r, [1, 2, 2, 2, 3]);
  const transposed = r() < 0.4;
  const depthwise = !transposed && r() < 0.15;
  const groups = depthwise ? int(r, 2, 6) : pick(r, [1, 1, 1, 2, 3]);
  const icg = depthwise ? 1 : int(r, 1, 9);
  const ocg = depthwise ? pick(r, [1, 2]) : int(r, 1, 9);
  const ic = icg * groups, oc = ocg * groups;
  const maxIn = rank === 3 ? 7 : rank === 2 ? 19 : 60;
  const spatial = Array.from({ length: rank }, () => int(r, 2, maxIn));
  const kernel = Array.from({ length: rank }, () => int(r, 1, rank === 3 ? 3 : 5));
  const stride = Array.from({ length: rank }, () => pick(r, [1, 1, 2, 3]));
  const dilation = Array.from({ length: rank }, () => pick(r, [1, 1, 2]));
  const batch = pick(r, [0, 1, 2]);
  const xShape = batch === 0 ? [ic, ...spatial] : [batch, ic, ...spatial];
  const wShape = transposed ? [ic, ocg, ...kernel] : [oc, icg, ...kernel];
  const options: Record<string, unknown> = { stride, dilation, groups };
  if (transposed) {
    options.padding = kernel.map((k) => [int(r, 0, k), int(r, 0, k)]);
    options.outputPadding = stride.map((s, i) => int(r, 0, Math.max(s, dilation[i]) - 1));
  } else {
    const u = r();
    options.padding = u < 0.1 ? 'valid' : u < 0.2 && stride.every((s) => s === 1) ? 'same' : kernel.map((k) => [int(r, 0, k), int(r, 0, k)]);
    options.paddingMode = r() < 0.4 ? 'zeros' : pick(r, MODES);
  }
  return {
    transposed,
    x: { shape: xShape, data: randomData(prod(xShape), r) },
    w: { shape: wShape, data: randomData(prod(wShape), r) },
    gy: null,
    bias: r() < 0.5 ? { shape: [oc], data: randomData(oc, r) } : null,
    options,
  };
}

const geometryOf = (c: Case) => {
  const shapes = { inputShape: c.x.shape, weightShape: c.w.shape, biasShape: c.bias?.shape };
  return c.transposed ? convTransposeGeometry(shapes, c.options) : convGeometry(shapes, c.options);
};

const ALL = { input: true, weight: true, bias: true };

describe('backward pass: fast engine against the reference engine', () => {
  it('agrees on 150 random configurations (every rank, mode, groups, stride, dilation, padding form)', () => {
    const r = rng(20261202);
    const kinds = new Set<string>();
    const bad: string[] = [];
    let valid = 0, gemm = 0;
    for (let tried = 0; valid < 150 && tried < 3000; tried++) {
      const c = randomCase(r);
      let g;
      try {
        g = geometryOf(c);
      } catch (e) {
        if (isConvError(e)) continue; // PyTorch refuses it too
        throw e;
      }
      c.gy = { shape: g.outputShape, data: randomData(prod(g.outputShape), r) };
      const back = c.transposed ? convTransposeBackward : convBackward;
      const ref = back(c.x, c.w, c.gy, { ...c.options, bias: c.bias, engine: 'reference', gradients: ALL });
      const fast = back(c.x, c.w, c.gy, { ...c.options, bias: c.bias, engine: 'auto', gradients: ALL });
      for (const k of ['input', 'weight', 'bias'] as const) {
        const a = fast[k], b = ref[k];
        if (!a || !b) { if (a !== b) bad.push(`${k} missing for ${JSON.stringify(c.options)}`); continue; }
        const err = a.shape.join() === b.shape.join() ? relError(a.data, b.data) : Infinity;
        if (!(err <= 1e-4)) bad.push(`${k}: ${err} for ${c.transposed ? 'T' : 'D'} x ${c.x.shape} w ${c.w.shape} ${JSON.stringify(c.options)}`);
      }
      if (macsOf(g) > TINY_MAX_MACS && prod(g.inputShape) > 0 && prod(g.outputShape) > 0) gemm++;
      kinds.add(`${c.transposed ? 'T' : 'D'}${g.rank}${g.groups > 1 ? 'g' : ''}${c.transposed ? '' : g.paddingMode}`);
      valid++;
    }
    expect(bad).toEqual([]);
    expect(valid).toBe(150);
    expect(gemm).toBeGreaterThan(100); // most configurations run the fast engine's weight-gradient GEMM
    expect(kinds.size).toBeGreaterThan(18);
  });

  it('computes the weight-gradient GEMM itself as the reference loops do, one and two threads bitwise equal', () => {
    const e = wasmEngine();
    expect(e).not.toBeNull();
    e!.setThreads(2);
    const r = rng(77);
    const shapes: [boolean, number[], number[], Record<string, unknown>][] = [
      // K = 4·9 = 36 columns (6 full tiles), 2 images, reflect; odd rows (5 output channels of a group).
      [false, [2, 8, 13, 17], [10, 4, 3, 3], { padding: [1, 2], groups: 2, paddingMode: 'reflect' }],
      // K = 3·5 = 15: a partial last tile of 3 columns; 1-D, circular, dilated, strided.
      [false, [1, 3, 301], [7, 3, 5], { padding: 4, dilation: 2, stride: 2, paddingMode: 'circular' }],
      // More than one pixel block (256) and one B block (48 columns): K = 32·9 = 288, P = 30·31.
      [false, [1, 32, 30, 31], [33, 32, 3, 3], { padding: 1 }],
      // 3-D replicate with a stride per axis.
      [false, [1, 3, 6, 7, 8], [4, 3, 2, 3, 2], { stride: [1, 2, 2], padding: 1, paddingMode: 'replicate' }],
      // Transposed: gradOutput's im2col (stride 2, crop and output padding), grouped, batch 2.
      [true, [2, 6, 9, 10], [6, 5, 4, 3], { stride: [2, 3], padding: [1, 2], outputPadding: [1, 0], groups: 3, dilation: [1, 2] }],
      [true, [1, 24, 20, 20], [24, 16, 3, 3], { stride: 2, padding: 1, outputPadding: 1 }],
      // Depthwise: one row of A per group.
      [false, [1, 6, 19, 23], [6, 1, 3, 3], { padding: 1, groups: 6 }],
    ];
    for (const [transposed, xs, ws, o] of shapes) {
      const g = transposed ? convTransposeGeometry({ inputShape: xs, weightShape: ws }, o) : convGeometry({ inputShape: xs, weightShape: ws }, o);
      const x = randomData(prod(xs), r), gy = randomData(prod(g.outputShape), r);
      const want = referenceWeightGrad(g, x, gy);
      const one = e!.runJob(weightGradJob(g, x, gy), 1);
      const two = e!.runJob(weightGradJob(g, x, gy), 2);
      expect(relError(one, want), JSON.stringify({ transposed, xs, ws, o })).toBeLessThan(1e-5);
      expect(two).toEqual(one);
    }
  });

  it('the async variants give the sync numbers (large layers on the worker threads, every alias)', async () => {
    const r = rng(5);
    const t = (shape: number[]): Tensor => ({ shape, data: randomData(prod(shape), r) });
    const same = (a: ConvGradients, b: ConvGradients): void => {
      for (const k of ['input', 'weight', 'bias'] as const) expect(a[k]).toEqual(b[k]);
    };
    // Large enough for the worker threads: 32→32 3×3 on 40×40 (14.7 M multiply-adds per gradient).
    const x2 = t([1, 32, 40, 40]), w2 = t([32, 32, 3, 3]), b2 = t([32]);
    const o2 = { padding: 1, bias: b2, gradients: ALL };
    const gy2 = t([1, 32, 40, 40]);
    same(await conv2dBackwardAsync(x2, w2, gy2, o2), convBackward(x2, w2, gy2, o2));
    // This layer's input gradient is a direct 3×3 stride-1 conv of the flipped kernel: the shape
    // 'auto' may run as Winograd. Still the reference's numbers.
    const ref = convBackward(x2, w2, gy2, { ...o2, engine: 'reference' }), fast = convBackward(x2, w2, gy2, o2);
    for (const k of ['input', 'weight', 'bias'] as const) expect(relError(fast[k]!.data, ref[k]!.data)).toBeLessThan(1e-4);
    same(await convBackwardAsync(x2, w2, gy2, { ...o2, paddingMode: 'reflect' }), convBackward(x2, w2, gy2, { ...o2, paddingMode: 'reflect' }));
    const wt = t([32, 16, 4, 4]), ot = { stride: 2, padding: 1, gradients: { input: true, weight: true } };
    const gyt = t([1, 16, 80, 80]);
    same(await convTranspose2dBackwardAsync(x2, wt, gyt, ot), convTransposeBackward(x2, wt, gyt, ot));
    same(await convTransposeBackwardAsync(x2, wt, gyt, ot), convTransposeBackward(x2, wt, gyt, ot));
    // Other ranks, small (computed in place), and a gradient left out.
    const x1 = t([2, 4, 30]), w1 = t([6, 2, 3]), gy1 = t([2, 6, 14]);
    const o1 = { stride: 2, groups: 2, gradients: { input: false } };
    same(await conv1dBackwardAsync(x1, w1, gy1, o1), convBackward(x1, w1, gy1, o1));
    const x3 = t([1, 2, 4, 5, 6]), w3 = t([3, 2, 2, 2, 2]), gy3 = t([1, 3, 3, 4, 5]);
    same(await conv3dBackwardAsync(x3, w3, gy3), convBackward(x3, w3, gy3));
    const wt1 = t([4, 3, 3]), gyt1 = t([2, 3, 61]);
    same(await convTranspose1dBackwardAsync(x1, wt1, gyt1, { stride: 2 }), convTransposeBackward(x1, wt1, gyt1, { stride: 2 }));
    const wt3 = t([2, 2, 2, 2, 2]), gyt3 = t([1, 2, 5, 6, 7]);
    same(await convTranspose3dBackwardAsync(x3, wt3, gyt3), convTransposeBackward(x3, wt3, gyt3));
    // Refusals as for the sync call.
    await expect(conv2dBackwardAsync(x2, w2, t([1, 32, 3, 3]))).rejects.toThrow(/gradOutput has shape/);
  });
});
