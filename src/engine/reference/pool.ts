/**
 * Reference pooling (max, average) over a PoolGeometry, for every dialect: asymmetric pads, dilated
 * windows (average too) and the divisor rules of docs/semantics.md, "Pooling".
 */
import { tapPosition } from '../../geometry/taps.js';
import type { DirectAxis } from '../../geometry/types.js';
import type { PoolGeometry } from '../../geometry/pool.js';
import { product } from '../../geometry/validate.js';
import { tapOffsets, unravel } from './conv.js';

/**
 * Taps of output `o`'s window that land in [−padBefore, input + padAfter): the window's size when
 * padding counts in an average's divisor. Cells a window reads past the nominal end pad (ceil mode,
 * a framework's rounding) never count. (The fast engine's divisors use it too.)
 */
export function countedTaps(a: DirectAxis, o: number): number {
  let n = 0;
  for (let k = 0; k < a.kernel; k++) {
    const x = tapPosition(a, o, k) as number; // direct: never null
    if (x >= -a.padBefore && x < a.input + a.padAfter) n++;
  }
  return n;
}

export function referencePool(g: PoolGeometry, x: Float32Array): Float32Array {
  const inSpatial = product(g.axes.map((a) => a.input));
  const outExtents = g.axes.map((a) => a.output);
  const outSpatial = product(outExtents);
  const taps = product(g.axes.map((a) => a.kernel));
  const planes = g.batch * g.channels;
  const out = new Float32Array(planes * outSpatial);
  const offsets = new Int32Array(taps);
  const outIndex = new Array<number>(g.rank).fill(0);
  for (let pos = 0; pos < outSpatial; pos++) {
    unravel(pos, outExtents, outIndex);
    let windowSize = 1;
    for (let ax = 0; ax < g.rank; ax++) windowSize *= countedTaps(g.axes[ax], outIndex[ax]);
    // Pooling reads no padding value: out-of-range taps are skipped (max) or not summed (avg).
    const valid = tapOffsets(g.axes, 'zeros', outIndex, offsets);
    const divisor = g.divisorOverride ?? (g.countIncludePad ? windowSize : valid);
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * inSpatial;
      let result: number;
      if (valid === 0) {
        // A window of padding alone (ONNX and tfjs dialects): see PoolGeometry.emptyMax / emptyAverage.
        result = g.mode === 'max' ? (g.emptyMax ?? -Infinity) : (g.emptyAverage ?? 0);
      } else if (g.mode === 'max') {
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
