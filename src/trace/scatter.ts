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

/**
 * The same transposed axis without its crop: PyTorch's `padding` removes padBefore cells from the
 * start and padAfter from the end of this full output, so its tapSource inverse gives the full position.
 */
function uncropped(ax: AxisGeometry): AxisGeometry {
  return { ...ax, padBefore: 0, padAfter: 0, output: ax.output + ax.padBefore + ax.padAfter };
}

export interface ScatterResult {
  frames: ScatterFrame[];
  overlap: number[];
  fullOutputShape: number[] | null;
  fullOverlap: number[] | null;
}

export function scatterFrames(axes: readonly AxisGeometry[], mode: PaddingMode): ScatterResult {
  const transposed = axes.some((a) => a.transposed);
  const inverses = axes.map((a) => axisInverse(a, mode));
  const fullAxes = transposed ? axes.map(uncropped) : null;
  const fullInverses = fullAxes ? fullAxes.map((a) => axisInverse(a, mode)) : null;
  const outShape = axes.map((a) => a.output);
  const fullShape = fullAxes ? fullAxes.map((a) => a.output) : null;
  const overlap = new Array<number>(count(outShape)).fill(0);
  const fullOverlap = fullShape ? new Array<number>(count(fullShape)).fill(0) : null;
  const kernels = allCoords(axes.map((a) => a.kernel));
  const frames = allCoords(axes.map((a) => a.input)).map((input) => {
    const taps: ScatterTap[] = [];
    for (const kernel of kernels) {
      let full: number[] | null = null;
      if (fullInverses && fullShape && fullOverlap) {
        // A transposed conv writes every (input, tap) pair exactly once in the full output.
        full = kernel.map((k, ax) => fullInverses[ax][input[ax]][k][0]);
        fullOverlap[flatIndex(full, fullShape)]++;
      }
      const outs = cartesian(kernel.map((k, ax) => inverses[ax][input[ax]][k]));
      if (outs.length === 0) {
        taps.push({ kernel, weight: kernel, output: null, full });
        continue;
      }
      for (const output of outs) {
        overlap[flatIndex(output, outShape)]++;
        taps.push({ kernel, weight: kernel, output, full });
      }
    }
    return { input, taps };
  });
  return { frames, overlap, fullOutputShape: fullShape, fullOverlap };
}
