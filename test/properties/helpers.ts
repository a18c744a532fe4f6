/**
 * Test-only references built from first principles (no convkit code): a seeded PRNG, a naive N-d
 * direct convolution with zero padding, and fast-check arbitraries for small valid configurations.
 * Property tests compare convkit against these.
 */
import fc from 'fast-check';
import { mulberry32 } from '../support/mulberry32.js';

/** Mulberry32: a tiny seeded PRNG so a failing case can be replayed from its seed. */
export const prng = mulberry32;

/** `n` values in [-1, 1) from `seed`. */
export function randomValues(n: number, seed: number): Float32Array {
  const r = prng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = r() * 2 - 1;
  return out;
}

export function prod(xs: readonly number[]): number {
  return xs.reduce((a, b) => a * b, 1);
}

/** Row-major coordinates of flat index `i` in `extents`. */
export function unravel(i: number, extents: readonly number[], into: number[]): number[] {
  for (let a = extents.length - 1; a >= 0; a--) {
    into[a] = i % extents[a];
    i = Math.floor(i / extents[a]);
  }
  return into;
}

export function ravel(coords: readonly number[], extents: readonly number[]): number {
  let off = 0;
  for (let a = 0; a < extents.length; a++) off = off * extents[a] + coords[a];
  return off;
}

export interface NaiveConvSpec {
  /** [N, C, ...spatial] (always batched here). */
  xShape: number[];
  /** [OC, C/groups, ...kernel]. */
  wShape: number[];
  stride: number[];
  dilation: number[];
  padBefore: number[];
  padAfter: number[];
  groups: number;
}

/**
 * y[n, oc, o] = Σ_{ic in group(oc)} Σ_k x[n, ic, o·s − pb + k·d] · w[oc, ic − g0, k], zero outside.
 * Written from the textbook definition, float64 accumulation.
 */
export function naiveConv(x: ArrayLike<number>, w: ArrayLike<number>, spec: NaiveConvSpec): { shape: number[]; data: Float64Array } {
  const [N, C, ...inSp] = spec.xShape;
  const [OC, Cg, ...k] = spec.wShape;
  const rank = inSp.length;
  const outSp = inSp.map((i, a) => Math.floor((i + spec.padBefore[a] + spec.padAfter[a] - (spec.dilation[a] * (k[a] - 1) + 1)) / spec.stride[a]) + 1);
  const OCg = OC / spec.groups;
  const out = new Float64Array(N * OC * prod(outSp));
  const oc_ = new Array<number>(rank);
  const kc = new Array<number>(rank);
  const ic_ = new Array<number>(rank);
  const outCount = prod(outSp);
  const taps = prod(k);
  for (let n = 0; n < N; n++) {
    for (let oc = 0; oc < OC; oc++) {
      const g = Math.floor(oc / OCg);
      for (let o = 0; o < outCount; o++) {
        unravel(o, outSp, oc_);
        let acc = 0;
        for (let c = 0; c < Cg; c++) {
          const ic = g * Cg + c;
          for (let t = 0; t < taps; t++) {
            unravel(t, k, kc);
            let inside = true;
            for (let a = 0; a < rank; a++) {
              ic_[a] = oc_[a] * spec.stride[a] - spec.padBefore[a] + kc[a] * spec.dilation[a];
              if (ic_[a] < 0 || ic_[a] >= inSp[a]) inside = false;
            }
            if (!inside) continue;
            acc += x[(n * C + ic) * prod(inSp) + ravel(ic_, inSp)] * w[(oc * Cg + c) * taps + t];
          }
        }
        out[(n * OC + oc) * outCount + o] = acc;
      }
    }
  }
  return { shape: [N, OC, ...outSp], data: out };
}

/** Largest |a−b| over the arrays, relative to max(1, max |b|). */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]);
    if (!(e <= worst)) worst = e;
  }
  return worst / scale;
}

/** One spatial axis of a small configuration. */
export interface AxisParams {
  kernel: number;
  stride: number;
  dilation: number;
  padBefore: number;
  padAfter: number;
  /** Cells of input beyond the minimum that fits the dilated kernel. */
  extra: number;
}

export interface ConvParams {
  rank: number;
  batch: number;
  /** Leave the batch axis out (PyTorch's unbatched input). */
  unbatched: boolean;
  groups: number;
  inPerGroup: number;
  outPerGroup: number;
  axes: AxisParams[];
  symmetric: boolean;
  bias: boolean;
  seed: number;
}

const axisArb = (maxKernel: number) =>
  fc.record({
    kernel: fc.integer({ min: 1, max: maxKernel }),
    stride: fc.integer({ min: 1, max: 3 }),
    dilation: fc.integer({ min: 1, max: 3 }),
    padBefore: fc.integer({ min: 0, max: 3 }),
    padAfter: fc.integer({ min: 0, max: 3 }),
    extra: fc.integer({ min: 0, max: 3 }),
  });

/** Small valid direct-conv configurations in 1-3 spatial dimensions. */
export const convParamsArb: fc.Arbitrary<ConvParams> = fc.integer({ min: 1, max: 3 }).chain((rank) =>
  fc.record({
    rank: fc.constant(rank),
    batch: fc.integer({ min: 1, max: 2 }),
    unbatched: fc.boolean(),
    groups: fc.integer({ min: 1, max: 3 }),
    inPerGroup: fc.integer({ min: 1, max: rank === 3 ? 2 : 3 }),
    outPerGroup: fc.integer({ min: 1, max: rank === 3 ? 2 : 3 }),
    axes: fc.array(axisArb(rank === 3 ? 2 : 3), { minLength: rank, maxLength: rank }),
    symmetric: fc.boolean(),
    bias: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  }),
);

export function effective(a: AxisParams): number {
  return a.dilation * (a.kernel - 1) + 1;
}

/** Pads as convkit options: symmetric → the before value per axis; else [before, after] pairs. */
export function paddingOption(p: ConvParams): number[] | [number, number][] {
  return p.symmetric ? p.axes.map((a) => a.padBefore) : p.axes.map((a) => [a.padBefore, a.padAfter] as [number, number]);
}

export function padAfterOf(p: ConvParams, a: AxisParams): number {
  return p.symmetric ? a.padBefore : a.padAfter;
}

/** Input extent of a direct conv so that the padded input fits the dilated kernel. */
export function inputExtent(p: ConvParams, a: AxisParams): number {
  return Math.max(1, effective(a) - a.padBefore - padAfterOf(p, a)) + a.extra;
}
