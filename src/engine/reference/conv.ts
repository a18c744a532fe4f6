/**
 * The reference engine: direct loops over a ConvGeometry, float64 accumulation. It is the truth
 * the fast engine is checked against, so it favours plainness: one routine for every rank,
 * direct or transposed, every padding mode, groups and bias. Input/tap index maps come from
 * geometry/taps.ts (the same maps the trace draws).
 */
import { tapSource } from '../../geometry/taps.js';
import type { ConvGeometry } from '../../geometry/types.js';
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

/**
 * For one output position, the flat spatial input offset read by every kernel tap (−1 = zero).
 * `outIndex` holds the output's per-axis coordinates.
 */
export function tapOffsets(g: ConvGeometry, outIndex: readonly number[], into: Int32Array): void {
  const kernel = g.axes.map((a) => a.kernel);
  const inStrides = rowMajorStrides(g.axes.map((a) => a.input));
  const taps = into.length;
  for (let t = 0; t < taps; t++) {
    let rem = t;
    let offset = 0;
    for (let ax = g.rank - 1; ax >= 0; ax--) {
      const k = rem % kernel[ax];
      rem = (rem - k) / kernel[ax];
      const src = tapSource(g.axes[ax], outIndex[ax], k, g.paddingMode);
      if (src < 0) {
        offset = -1;
        break;
      }
      offset += src * inStrides[ax];
    }
    into[t] = offset;
  }
}

/** Runs the convolution (direct or transposed) that `g` describes. */
export function referenceConv(g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null): Float32Array {
  const N = g.batch;
  const inSpatial = product(g.axes.map((a) => a.input));
  const outExtents = g.axes.map((a) => a.output);
  const outSpatial = product(outExtents);
  const taps = product(g.axes.map((a) => a.kernel));
  const icPerGroup = g.inChannels / g.groups;
  const ocPerGroup = g.outChannels / g.groups;
  const out = new Float32Array(N * g.outChannels * outSpatial);
  const offsets = new Int32Array(taps);
  const outIndex = new Array<number>(g.rank).fill(0);

  for (let pos = 0; pos < outSpatial; pos++) {
    // Per-axis coordinates of this output position (row-major).
    let rem = pos;
    for (let ax = g.rank - 1; ax >= 0; ax--) {
      outIndex[ax] = rem % outExtents[ax];
      rem = (rem - outIndex[ax]) / outExtents[ax];
    }
    tapOffsets(g, outIndex, offsets);
    for (let n = 0; n < N; n++) {
      for (let oc = 0; oc < g.outChannels; oc++) {
        const group = Math.floor(oc / ocPerGroup);
        const ocInGroup = oc - group * ocPerGroup;
        let acc = bias ? bias[oc] : 0;
        for (let icl = 0; icl < icPerGroup; icl++) {
          const ic = group * icPerGroup + icl;
          const xBase = (n * g.inChannels + ic) * inSpatial;
          // Direct weight [OC, IC/g, k…]; transposed weight [IC, OC/g, k…].
          const wBase = g.transposed ? (ic * ocPerGroup + ocInGroup) * taps : (oc * icPerGroup + icl) * taps;
          for (let t = 0; t < taps; t++) {
            const off = offsets[t];
            if (off >= 0) acc += x[xBase + off] * w[wBase + t];
          }
        }
        out[(n * g.outChannels + oc) * outSpatial + pos] = acc;
      }
    }
  }
  return out;
}
