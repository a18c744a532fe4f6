/**
 * Random valid configurations through the fast engine, compared with the reference engine: every
 * rank, direct and transposed, groups and depthwise, all padding modes, stride, dilation, output
 * padding, bias, batch. Shared by the vitest suite (whatever kernel build this runtime loads) and
 * by relaxed-check.ts, which a child Node runs with relaxed SIMD switched on.
 */
import { conv, convTranspose, isConvError, type PaddingMode, type Tensor } from '../../src/index.js';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
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
