/**
 * Direct view: one frame per output cell (raster order), the kernel window over the grid of the
 * equivalent direct convolution. Per axis the maps come from geometry/taps.ts (gridTap, weightTap,
 * tapSource, gridCell), tabulated once per (output, tap) pair of that axis; across axes a tap is
 * the product of its per-axis parts.
 *
 * Speed (the playground redraws on every parameter change): a tap's `grid` and `kind` are those of
 * the grid cell it reads (the same gridCell classification, combined the same way), so the tap
 * shares that cell's coordinate array and kind (so does a frame's `windowStart`); its `input` is the
 * shared array of the input cell (intern.ts). Only the tap object itself is new per tap.
 */
import { gridCell, gridTap, tapSource, weightTap, type CellKind } from '../geometry/taps.js';
import type { AxisGeometry, PaddingMode } from '../geometry/types.js';
import { combineKinds } from './grid.js';
import type { CoordTable } from './intern.js';
import { allCoords, count } from './raster.js';
import type { DirectFrame, TraceGrid, TraceTap } from './types.js';

/** One axis, indexed [o · kernel + kEquivalent]. */
interface AxisTable {
  grid: Int32Array;
  /** Input index read (−1: a zero). */
  source: Int32Array;
  kind: CellKind[];
}

function axisTable(ax: AxisGeometry, mode: PaddingMode): AxisTable {
  const n = ax.output * ax.kernel;
  const table: AxisTable = { grid: new Int32Array(n), source: new Int32Array(n), kind: new Array<CellKind>(n) };
  for (let o = 0; o < ax.output; o++) {
    for (let k = 0; k < ax.kernel; k++) {
      const i = o * ax.kernel + k;
      const grid = gridTap(ax, o, k);
      table.grid[i] = grid;
      table.source[i] = tapSource(ax, o, weightTap(ax, k), mode);
      table.kind[i] = gridCell(ax, grid).kind;
    }
  }
  return table;
}

export function directFrames(axes: readonly AxisGeometry[], mode: PaddingMode, grid: TraceGrid, inputs: CoordTable): DirectFrame[] {
  const rank = axes.length;
  const tables = axes.map((a) => axisTable(a, mode));
  const kernels = allCoords(axes.map((a) => a.kernel));
  // The weight tap behind a displayed tap is the same in every frame: share one array per tap.
  const weights = kernels.map((kernel) => kernel.map((k, ax) => weightTap(axes[ax], k)));
  const kernelSize = axes.map((a) => a.kernel);
  const inputShape = axes.map((a) => a.input);
  const gridShape = grid.shape;
  const outputShape = axes.map((a) => a.output);
  const n = count(outputShape);
  const frames: DirectFrame[] = [];
  const output = new Array<number>(rank).fill(0);
  const gridAt = new Array<number>(rank).fill(0);
  const source = new Array<number>(rank).fill(0);
  for (let f = 0; f < n; f++) {
    // Sized once: every frame lists every tap (cheaper than growing by push: bench/results/trace.md).
    const taps = new Array<TraceTap>(kernels.length);
    for (let t = 0; t < kernels.length; t++) {
      const kernel = kernels[t];
      let gridFlat = 0;
      let inside = true;
      let sourceFlat = 0;
      let reads = true;
      for (let ax = 0; ax < rank; ax++) {
        const i = output[ax] * kernelSize[ax] + kernel[ax];
        const g = tables[ax].grid[i];
        gridAt[ax] = g;
        if (g < 0 || g >= gridShape[ax]) inside = false;
        gridFlat = gridFlat * gridShape[ax] + g;
        const s = tables[ax].source[i];
        source[ax] = s;
        if (s < 0) reads = false;
        sourceFlat = sourceFlat * inputShape[ax] + s;
      }
      // A window always lies inside the grid; the fallback only keeps the output defined if not.
      const cell = inside ? grid.cells[gridFlat] : undefined;
      taps[t] = {
        kernel,
        weight: weights[t],
        grid: cell ? cell.grid : gridAt.slice(),
        kind: cell ? cell.kind : combineKinds(kernel.map((k, ax) => tables[ax].kind[output[ax] * kernelSize[ax] + k])),
        input: reads ? inputs.at(sourceFlat, source) : null,
      };
    }
    let startFlat = 0;
    let startInside = true;
    for (let ax = 0; ax < rank; ax++) {
      const g = gridTap(axes[ax], output[ax], 0);
      gridAt[ax] = g;
      if (g < 0 || g >= gridShape[ax]) startInside = false;
      startFlat = startFlat * gridShape[ax] + g;
    }
    const windowStart = startInside ? grid.cells[startFlat].grid : gridAt.slice();
    frames.push({ output: output.slice(), windowStart, taps });
    // Next output cell in raster order (last axis fastest).
    for (let ax = rank - 1; ax >= 0; ax--) {
      if (++output[ax] < outputShape[ax]) break;
      output[ax] = 0;
    }
  }
  return frames;
}
