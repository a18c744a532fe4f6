/**
 * Scatter view: one frame per input cell, stamping the (unflipped) kernel onto the output — how a
 * transposed convolution is usually explained, and where its uneven overlap (the checkerboard)
 * shows. A direct convolution gets the same view as "each input's contribution".
 *
 * The stamp is the inverse of tapSource, found per axis by asking tapSource for every (output, tap)
 * pair — never by a formula of our own, so the scatter view cannot drift from the engines.
 */
import { tapSource } from '../geometry/taps.js';
import type { AxisGeometry, PaddingMode } from '../geometry/types.js';
import { allCoords, cartesian, count, flatIndex } from './raster.js';
import type { ScatterFrame, ScatterTap } from './types.js';

/** inverse[i][k]: the outputs o whose tap k reads input i on this axis. */
function axisInverse(ax: AxisGeometry, mode: PaddingMode): number[][][] {
  const inv = Array.from({ length: ax.input }, () => Array.from({ length: ax.kernel }, () => [] as number[]));
  for (let o = 0; o < ax.output; o++) {
    for (let k = 0; k < ax.kernel; k++) {
      const i = tapSource(ax, o, k, mode);
      if (i >= 0) inv[i][k].push(o);
    }
  }
  return inv;
}

export function scatterFrames(axes: readonly AxisGeometry[], mode: PaddingMode): { frames: ScatterFrame[]; overlap: number[] } {
  const inverses = axes.map((a) => axisInverse(a, mode));
  const outShape = axes.map((a) => a.output);
  const overlap = new Array<number>(count(outShape)).fill(0);
  const kernels = allCoords(axes.map((a) => a.kernel));
  const frames = allCoords(axes.map((a) => a.input)).map((input) => {
    const taps: ScatterTap[] = [];
    for (const kernel of kernels) {
      const outs = cartesian(kernel.map((k, ax) => inverses[ax][input[ax]][k]));
      if (outs.length === 0) {
        taps.push({ kernel, weight: kernel.slice(), output: null });
        continue;
      }
      for (const output of outs) {
        overlap[flatIndex(output, outShape)]++;
        taps.push({ kernel, weight: kernel.slice(), output });
      }
    }
    return { input, taps };
  });
  return { frames, overlap };
}
