/**
 * Scatter view: one frame per input cell, stamping the (unflipped) kernel onto the output — how a
 * transposed convolution is usually explained, and where its uneven overlap (the checkerboard)
 * shows. A direct convolution gets the same view as "each input's contribution".
 *
 * The stamp is the inverse of tapSource, found per axis by asking tapSource for every (output, tap)
 * pair — never by a formula of our own, so the scatter view cannot drift from the engines.
 */
import { transposedOutputSize } from '../geometry/sizes.js';
import { tapSource } from '../geometry/taps.js';
import type { AxisGeometry, PaddingMode, TransposedAxis } from '../geometry/types.js';
import { CoordTable } from './intern.js';
import { allCoords, count, flatIndex } from './raster.js';
import type { ScatterFrame, ScatterTap } from './types.js';

/**
 * inverse[i][k]: the positions of `outputs` cells, the first at output `first`, whose tap k reads
 * input i on this axis (as the positions' own indices, 0 for output `first`).
 */
function axisInverse(ax: AxisGeometry, mode: PaddingMode, first: number, outputs: number): number[][][] {
  const inv = Array.from({ length: ax.input }, () => Array.from({ length: ax.kernel }, () => [] as number[]));
  for (let o = 0; o < outputs; o++) {
    for (let k = 0; k < ax.kernel; k++) {
      const i = tapSource(ax, first + o, k, mode);
      if (i >= 0) inv[i][k].push(o);
    }
  }
  return inv;
}

/**
 * A transposed axis's full output: PyTorch's `padding` crops cropBefore cells from its start and
 * cropAfter from its end, so full position f is output f − cropBefore (tapSource leaves outputs
 * outside [0, o) unchecked on a transposed axis).
 */
function fullInverse(ax: TransposedAxis): { size: number; inverse: number[][][] } {
  const size = transposedOutputSize(ax.input, ax.kernel, ax.stride, ax.dilation, 0, 0, ax.outputPadding);
  return { size, inverse: axisInverse(ax, 'zeros', -ax.cropBefore, size) };
}

export interface ScatterResult {
  frames: ScatterFrame[];
  overlap: number[];
  fullOutputShape: number[] | null;
  fullOverlap: number[] | null;
}

export function scatterFrames(axes: readonly AxisGeometry[], mode: PaddingMode, inputs: CoordTable): ScatterResult {
  const rank = axes.length;
  const inverses = axes.map((a) => axisInverse(a, mode, 0, a.output));
  // A transposed layer also writes its cropped cells: the full output holds them.
  const fullAxes = axes.every((a): a is TransposedAxis => a.transposed) ? axes.map(fullInverse) : null;
  const fullInverses = fullAxes ? fullAxes.map((a) => a.inverse) : null;
  const inShape = axes.map((a) => a.input);
  const outShape = axes.map((a) => a.output);
  const fullShape = fullAxes ? fullAxes.map((a) => a.size) : null;
  const overlap = new Array<number>(count(outShape)).fill(0);
  const fullOverlap = fullShape ? new Array<number>(count(fullShape)).fill(0) : null;
  // Every write of one output cell (and one full-output cell) shares one coordinate array.
  const outputs = new CoordTable(outShape);
  const fulls = fullShape ? new CoordTable(fullShape) : null;
  const kernels = allCoords(axes.map((a) => a.kernel));
  const n = count(inShape);
  const frames: ScatterFrame[] = [];
  const at = new Array<number>(rank).fill(0);
  const scratch = new Array<number>(rank).fill(0);
  const lists = new Array<number[]>(rank);
  const pick = new Array<number>(rank).fill(0);
  for (let f = 0; f < n; f++) {
    let inFlat = 0;
    for (let ax = 0; ax < rank; ax++) inFlat = inFlat * inShape[ax] + at[ax];
    const input = inputs.at(inFlat, at);
    const taps: ScatterTap[] = [];
    for (const kernel of kernels) {
      let full: number[] | null = null;
      if (fullInverses && fullShape && fullOverlap && fulls) {
        // A transposed conv writes every (input, tap) pair exactly once in the full output.
        let fullFlat = 0;
        let found = true;
        for (let ax = 0; ax < rank; ax++) {
          const v = fullInverses[ax][at[ax]][kernel[ax]][0];
          if (v === undefined) found = false;
          scratch[ax] = v;
          fullFlat = fullFlat * fullShape[ax] + v;
        }
        if (found) {
          full = fulls.at(fullFlat, scratch);
          fullOverlap[fullFlat]++;
        } else {
          // Never for a valid geometry; kept identical to the plain construction.
          full = kernel.map((k, ax) => fullInverses[ax][at[ax]][k][0]);
          fullOverlap[flatIndex(full, fullShape)]++;
        }
      }
      // The outputs this tap writes: the product of the per-axis inverses, in raster order.
      let empty = false;
      for (let ax = 0; ax < rank; ax++) {
        lists[ax] = inverses[ax][at[ax]][kernel[ax]];
        pick[ax] = 0;
        if (lists[ax].length === 0) empty = true;
      }
      if (empty) {
        taps.push({ kernel, weight: kernel, output: null, full });
        continue;
      }
      for (;;) {
        let outFlat = 0;
        for (let ax = 0; ax < rank; ax++) {
          scratch[ax] = lists[ax][pick[ax]];
          outFlat = outFlat * outShape[ax] + scratch[ax];
        }
        overlap[outFlat]++;
        taps.push({ kernel, weight: kernel, output: outputs.at(outFlat, scratch), full });
        let ax = rank - 1;
        for (; ax >= 0; ax--) {
          if (++pick[ax] < lists[ax].length) break;
          pick[ax] = 0;
        }
        if (ax < 0) break;
      }
    }
    frames.push({ input, taps });
    // Next input cell in raster order (last axis fastest).
    for (let ax = rank - 1; ax >= 0; ax--) {
      if (++at[ax] < inShape[ax]) break;
      at[ax] = 0;
    }
  }
  return { frames, overlap, fullOutputShape: fullShape, fullOverlap };
}
