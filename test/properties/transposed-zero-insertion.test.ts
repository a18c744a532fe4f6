/**
 * A transposed convolution equals the direct convolution of its geometry's equivalent: insert s−1
 * zeros between input cells, pad by `axes[i].equivalent` (a negative pad crops), flip the kernel,
 * swap its in/out channel axes within each group, and convolve with stride 1. The construction is
 * done here from first principles; only the pads are read from the geometry, and those are checked
 * against d(k−1)−p before and d(k−1)−p+a after.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convTranspose, convTransposeGeometry, tensor, type ConvGeometry } from '../../src/index.js';
import { convParamsArb, naiveConv, prod, randomValues, ravel, relError, unravel, type ConvParams } from './helpers.js';

export const ZERO_INSERTION_RUNS = 1500;

interface TransposedCase {
  xShape: number[]; // batched
  wShape: number[];
  options: { stride: number[]; padding: [number, number][]; outputPadding: number[]; dilation: number[]; groups: number };
}

function transposedCase(p: ConvParams): TransposedCase {
  const ic = p.groups * p.inPerGroup;
  const spatial = p.axes.map((a) => 1 + a.extra);
  const padding: [number, number][] = [];
  const outputPadding: number[] = [];
  p.axes.forEach((a, i) => {
    const op = (p.seed >>> (3 * i)) % Math.max(a.stride, a.dilation);
    const full = (spatial[i] - 1) * a.stride + a.dilation * (a.kernel - 1) + 1 + op;
    let [pb, pa] = [a.padBefore, p.symmetric ? a.padBefore : a.padAfter];
    if (full - pb - pa < 1) [pb, pa] = [0, 0]; // keep the output non-empty
    padding.push([pb, pa]);
    outputPadding.push(op);
  });
  return {
    xShape: [p.batch, ic, ...spatial],
    wShape: [ic, p.outPerGroup, ...p.axes.map((a) => a.kernel)],
    options: { stride: p.axes.map((a) => a.stride), padding, outputPadding, dilation: p.axes.map((a) => a.dilation), groups: p.groups },
  };
}

/** Steps 1–2: zero insertion then pad/crop, per the geometry's equivalent direct conv. */
function dilateAndPad(x: Float32Array, xShape: number[], g: ConvGeometry): { data: Float64Array; shape: number[] } {
  const [N, C, ...sp] = xShape;
  const grid = g.axes.map((a) => a.equivalent.padBefore + a.equivalent.dilatedInput + a.equivalent.padAfter);
  const out = new Float64Array(N * C * prod(grid));
  const coords = new Array<number>(sp.length);
  const target = new Array<number>(sp.length);
  for (let nc = 0; nc < N * C; nc++) {
    for (let i = 0; i < prod(sp); i++) {
      unravel(i, sp, coords);
      let inside = true;
      for (let a = 0; a < sp.length; a++) {
        // Input cell i lands at i·s in the dilated input, then shifts by the (possibly negative) pad.
        target[a] = coords[a] * g.axes[a].stride + g.axes[a].equivalent.padBefore;
        if (target[a] < 0 || target[a] >= grid[a]) inside = false; // cropped away
      }
      if (inside) out[nc * prod(grid) + ravel(target, grid)] = x[nc * prod(sp) + i];
    }
  }
  return { data: out, shape: [N, C, ...grid] };
}

/** Step 3: direct weight [OC, IC/g, k…] from transposed [IC, OC/g, k…], flipped in space. */
function flipAndSwap(w: Float32Array, wShape: number[], groups: number): { data: Float64Array; shape: number[] } {
  const [IC, OCg, ...k] = wShape;
  const ICg = IC / groups;
  const taps = prod(k);
  const out = new Float64Array(IC * OCg * taps);
  const kc = new Array<number>(k.length);
  for (let g = 0; g < groups; g++) {
    for (let o = 0; o < OCg; o++) {
      for (let i = 0; i < ICg; i++) {
        for (let t = 0; t < taps; t++) {
          unravel(t, k, kc);
          const flipped = ravel(kc.map((c, a) => k[a] - 1 - c), k);
          out[((g * OCg + o) * ICg + i) * taps + t] = w[((g * ICg + i) * OCg + o) * taps + flipped];
        }
      }
    }
  }
  return { data: out, shape: [OCg * groups, ICg, ...k] };
}

function check(p: ConvParams): void {
  const c = transposedCase(p);
  const x = tensor(randomValues(prod(c.xShape), p.seed), c.xShape);
  const w = tensor(randomValues(prod(c.wShape), p.seed + 7), c.wShape);
  const g = convTransposeGeometry({ inputShape: c.xShape, weightShape: c.wShape }, c.options);
  g.axes.forEach((a, i) => {
    const dk = a.dilation * (a.kernel - 1);
    expect(a.equivalent.insertedZeros).toBe(a.stride - 1);
    expect(a.equivalent.dilatedInput).toBe((c.xShape[2 + i] - 1) * a.stride + 1);
    expect(a.equivalent.padBefore).toBe(dk - c.options.padding[i][0]);
    expect(a.equivalent.padAfter).toBe(dk - c.options.padding[i][1] + c.options.outputPadding[i]);
    expect(a.equivalent.stride).toBe(1);
    expect(a.equivalent.flipped).toBe(true);
  });
  const xd = dilateAndPad(x.data, c.xShape, g);
  const wd = flipAndSwap(w.data, c.wShape, p.groups);
  const rank = p.rank;
  const ref = naiveConv(xd.data, wd.data, {
    xShape: xd.shape,
    wShape: wd.shape,
    stride: Array(rank).fill(1),
    dilation: c.options.dilation,
    padBefore: Array(rank).fill(0),
    padAfter: Array(rank).fill(0),
    groups: p.groups,
  });
  const y = convTranspose(x, w, c.options);
  expect(y.shape).toEqual(ref.shape);
  expect(relError(y.data, ref.data)).toBeLessThanOrEqual(1e-5);
}

describe('transposed convolution = zero-insertion direct convolution of its geometry', () => {
  it(`holds on ${ZERO_INSERTION_RUNS} random configurations (p > d(k−1) crops, output padding up to max(s, d) − 1)`, () => {
    fc.assert(fc.property(convParamsArb, (p) => check(p)), { numRuns: ZERO_INSERTION_RUNS, seed: 0x7a11 });
  });

  it('holds where the crop exceeds d(k−1) (a negative equivalent pad) and with s=1, d=2, a=1', () => {
    const base = { batch: 1, unbatched: false, groups: 1, inPerGroup: 1, outPerGroup: 1, bias: false };
    // k=2, p=3 > d(k−1)=1: the equivalent pad is −2 on both sides.
    check({ ...base, rank: 1, symmetric: true, seed: 0, axes: [{ kernel: 2, stride: 2, dilation: 1, padBefore: 3, padAfter: 3, extra: 5 }] });
    // s=1, d=2: seed 1 picks a = 1 (< d), legal in PyTorch.
    check({ ...base, rank: 2, symmetric: true, seed: 1 | (1 << 3), axes: [0, 1].map(() => ({ kernel: 3, stride: 1, dilation: 2, padBefore: 0, padAfter: 0, extra: 4 })) });
  });
});
