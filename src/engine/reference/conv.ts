/**
 * The reference engine: direct loops over a ConvGeometry, float64 accumulation. It is the truth
 * the fast engine is checked against, so it favours plainness: one routine for every rank,
 * direct or transposed, every padding mode, groups and bias. Input/tap index maps come from
 * geometry/taps.ts (the same maps the trace draws).
 */
import { tapSource } from '../../geometry/taps.js';
import type { AxisGeometry, ConvGeometry, PaddingMode } from '../../geometry/types.js';
import { product } from '../../geometry/validate.js';

/** Strides (in elements) of a row-major array with the given extents. */
export function rowMajorStrides(extents: readonly number[]): number[] {
  const out = new Array<number>(extents.length);
  let acc = 1;
  for (let i = extents.length - 1; i >= 0; i--) {
    out[i] = acc;
    acc *= extents[i];
  }
  return out;
}

/** Per-axis coordinates of flat (row-major) position `pos` within `extents`, written into `into`. */
export function unravel(pos: number, extents: readonly number[], into: number[]): void {
  let rem = pos;
  for (let ax = extents.length - 1; ax >= 0; ax--) {
    into[ax] = rem % extents[ax];
    rem = (rem - into[ax]) / extents[ax];
  }
}

/**
 * For one output position (per-axis coordinates `outIndex`), the flat spatial input offset read
 * by every kernel tap, or −1 where the tap reads a zero (padding, inserted zero, crop).
 * Returns how many taps read the input.
 */
export function tapOffsets(axes: readonly AxisGeometry[], mode: PaddingMode, outIndex: readonly number[], into: Int32Array): number {
  const kernel = axes.map((a) => a.kernel);
  const inStrides = rowMajorStrides(axes.map((a) => a.input));
  let reading = 0;
  const tap = new Array<number>(axes.length);
  for (let t = 0; t < into.length; t++) {
    unravel(t, kernel, tap);
    let offset = 0;
    for (let ax = 0; ax < axes.length; ax++) {
      const src = tapSource(axes[ax], outIndex[ax], tap[ax], mode);
      if (src < 0) {
        offset = -1;
        break;
      }
      offset += src * inStrides[ax];
    }
    into[t] = offset;
    if (offset >= 0) reading++;
  }
  return reading;
}

/** The extents the reference loops walk (referenceConv and the weight gradient share them). */
export interface LoopSizes {
  N: number;
  inSpatial: number;
  outExtents: number[];
  outSpatial: number;
  taps: number;
  icPerGroup: number;
  ocPerGroup: number;
}

export function loopSizes(g: ConvGeometry): LoopSizes {
  const outExtents = g.axes.map((a) => a.output);
  return {
    N: g.batch,
    inSpatial: product(g.axes.map((a) => a.input)),
    outExtents,
    outSpatial: product(outExtents),
    taps: product(g.axes.map((a) => a.kernel)),
    icPerGroup: g.inChannels / g.groups,
    ocPerGroup: g.outChannels / g.groups,
  };
}

/** Where the taps of output channel oc and input channel ic start in the weight: direct [OC, IC/g, k…], transposed [IC, OC/g, k…]. */
export function weightBase(g: ConvGeometry, s: LoopSizes, oc: number, ic: number): number {
  return g.transposed ? (ic * s.ocPerGroup + (oc % s.ocPerGroup)) * s.taps : (oc * s.icPerGroup + (ic % s.icPerGroup)) * s.taps;
}

/**
 * The loop both reference passes walk: every output position `pos` (row-major) with, in `offsets`,
 * where each tap of its window reads the input plane (tapOffsets; −1 where it reads nothing).
 */
export function forEachOutput(g: ConvGeometry, s: LoopSizes, visit: (pos: number, offsets: Int32Array) => void): void {
  const offsets = new Int32Array(s.taps);
  const outIndex = new Array<number>(g.rank).fill(0);
  for (let pos = 0; pos < s.outSpatial; pos++) {
    unravel(pos, s.outExtents, outIndex);
    tapOffsets(g.axes, g.paddingMode, outIndex, offsets);
    visit(pos, offsets);
  }
}

/** Runs the convolution (direct or transposed) that `g` describes. */
export function referenceConv(g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null): Float32Array {
  const sizes = loopSizes(g);
  const { N, inSpatial, outSpatial, taps, icPerGroup, ocPerGroup } = sizes;
  const out = new Float32Array(N * g.outChannels * outSpatial);
  forEachOutput(g, sizes, (pos, offsets) => {
    for (let n = 0; n < N; n++) {
      for (let oc = 0; oc < g.outChannels; oc++) {
        const group = Math.floor(oc / ocPerGroup);
        let acc = bias ? bias[oc] : 0;
        for (let icl = 0; icl < icPerGroup; icl++) {
          const ic = group * icPerGroup + icl;
          const xBase = (n * g.inChannels + ic) * inSpatial;
          const wBase = weightBase(g, sizes, oc, ic);
          for (let t = 0; t < taps; t++) {
            const off = offsets[t];
            if (off >= 0) acc += x[xBase + off] * w[wBase + t];
          }
        }
        out[(n * g.outChannels + oc) * outSpatial + pos] = acc;
      }
    }
  });
  return out;
}
