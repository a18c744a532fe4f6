/** Reference pooling (max, average) over a PoolGeometry, with PyTorch's divisor rules. */
import { tapSource } from '../../geometry/taps.js';
import type { PoolGeometry } from '../../geometry/pool.js';
import { product } from '../../geometry/validate.js';
import { rowMajorStrides } from './conv.js';

export function referencePool(g: PoolGeometry, x: Float32Array): Float32Array {
  const inStrides = rowMajorStrides(g.axes.map((a) => a.input));
  const inSpatial = product(g.axes.map((a) => a.input));
  const outExtents = g.axes.map((a) => a.output);
  const outSpatial = product(outExtents);
  const taps = product(g.axes.map((a) => a.kernel));
  const planes = g.batch * g.channels;
  const out = new Float32Array(planes * outSpatial);
  const offsets = new Int32Array(taps);
  const outIndex = new Array<number>(g.rank).fill(0);
  for (let pos = 0; pos < outSpatial; pos++) {
    let rem = pos;
    for (let ax = g.rank - 1; ax >= 0; ax--) {
      outIndex[ax] = rem % outExtents[ax];
      rem = (rem - outIndex[ax]) / outExtents[ax];
    }
    // Average pooling's divisor: window clipped to the padded input (countIncludePad) or to the input.
    let windowSize = 1;
    for (let ax = 0; ax < g.rank; ax++) {
      const a = g.axes[ax];
      const start = outIndex[ax] * a.stride - a.padBefore;
      const end = Math.min(start + a.kernel, a.input + a.padAfter);
      windowSize *= end - start;
    }
    let valid = 0;
    for (let t = 0; t < taps; t++) {
      let r = t;
      let off = 0;
      for (let ax = g.rank - 1; ax >= 0; ax--) {
        const k = r % g.axes[ax].kernel;
        r = (r - k) / g.axes[ax].kernel;
        const src = tapSource(g.axes[ax], outIndex[ax], k);
        if (src < 0) {
          off = -1;
          break;
        }
        off += src * inStrides[ax];
      }
      offsets[t] = off;
      if (off >= 0) valid++;
    }
    const divisor = g.divisorOverride ?? (g.countIncludePad ? windowSize : valid);
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * inSpatial;
      let result: number;
      if (g.mode === 'max') {
        result = -Infinity;
        for (let t = 0; t < taps; t++) {
          if (offsets[t] < 0) continue;
          const v = x[base + offsets[t]];
          if (v > result || Number.isNaN(v)) result = v;
          if (Number.isNaN(result)) break;
        }
      } else {
        let sum = 0;
        for (let t = 0; t < taps; t++) if (offsets[t] >= 0) sum += x[base + offsets[t]];
        result = sum / divisor;
      }
      out[plane * outSpatial + pos] = result;
    }
  }
  return out;
}
