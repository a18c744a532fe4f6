/**
 * Direct view: one frame per output cell (raster order), the kernel window over the grid of the
 * equivalent direct convolution. Per axis the maps come from geometry/taps.ts (gridTap, weightTap,
 * tapSource, gridCell); across axes a tap is the product of its per-axis parts.
 */
import { gridCell, gridTap, tapSource, weightTap, type CellKind } from '../geometry/taps.js';
import type { AxisGeometry, PaddingMode } from '../geometry/types.js';
import { combineKinds } from './grid.js';
import { allCoords } from './raster.js';
import type { DirectFrame } from './types.js';

interface AxisTap {
  grid: number;
  weight: number;
  /** Input index read (−1: a zero). */
  source: number;
  kind: CellKind;
}

/** table[o][kEquivalent] for one axis. */
function axisTable(ax: AxisGeometry, mode: PaddingMode): AxisTap[][] {
  return Array.from({ length: ax.output }, (_, o) =>
    Array.from({ length: ax.kernel }, (_, k) => {
      const grid = gridTap(ax, o, k);
      const weight = weightTap(ax, k);
      return { grid, weight, source: tapSource(ax, o, weight, mode), kind: gridCell(ax, grid).kind };
    }),
  );
}

export function directFrames(axes: readonly AxisGeometry[], mode: PaddingMode): DirectFrame[] {
  const tables = axes.map((a) => axisTable(a, mode));
  const kernels = allCoords(axes.map((a) => a.kernel));
  // The weight tap behind a displayed tap is the same in every frame: share one array per tap.
  const weights = kernels.map((kernel) => kernel.map((k, ax) => weightTap(axes[ax], k)));
  return allCoords(axes.map((a) => a.output)).map((output) => {
    const rows = output.map((o, ax) => tables[ax][o]);
    const taps = kernels.map((kernel, t) => {
      const parts = kernel.map((k, ax) => rows[ax][k]);
      const reads = parts.every((p) => p.source >= 0);
      return {
        kernel,
        weight: weights[t],
        grid: parts.map((p) => p.grid),
        kind: combineKinds(parts.map((p) => p.kind)),
        input: reads ? parts.map((p) => p.source) : null,
      };
    });
    return { output, windowStart: output.map((o, ax) => gridTap(axes[ax], o, 0)), taps };
  });
}
