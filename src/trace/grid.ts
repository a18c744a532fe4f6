/**
 * The displayed grid: the input of the equivalent direct convolution, every cell classified by
 * gridCell (geometry/taps.ts) per axis and combined across axes.
 */
import { gridCell, padSource, type CellKind, type GridCell } from '../geometry/taps.js';
import type { AxisGeometry, PaddingMode } from '../geometry/types.js';
import { allCoords } from './raster.js';
import type { TraceCell, TraceGrid } from './types.js';

/** Outermost kind wins: an `a` cell row is extra everywhere, a padding row is padding everywhere. */
const PRECEDENCE: readonly CellKind[] = ['extra', 'padding', 'inserted', 'input'];

export function combineKinds(kinds: readonly CellKind[]): CellKind {
  for (const k of PRECEDENCE) if (kinds.includes(k)) return k;
  return 'input';
}

/** Per-axis classification of every grid cell (gridCell over 0 … gridSize−1). */
export function axisCells(ax: AxisGeometry): GridCell[] {
  return Array.from({ length: ax.equivalent.gridSize }, (_, g) => gridCell(ax, g));
}

/**
 * Per-axis source of a padding cell under a non-zeros padding mode. Only direct convolutions have
 * such modes, and their grid is the input with padding around it (no inserted cells), so grid cell g
 * is input coordinate g − padBefore, mapped into the input as the mode does.
 */
function axisCopies(ax: AxisGeometry, mode: PaddingMode): number[] | null {
  if (mode === 'zeros' || ax.transposed) return null;
  return Array.from({ length: ax.equivalent.gridSize }, (_, g) => padSource(g - ax.equivalent.padBefore, ax.input, mode));
}

export function traceGrid(axes: readonly AxisGeometry[], mode: PaddingMode): TraceGrid {
  const shape = axes.map((a) => a.equivalent.gridSize);
  const cells1d = axes.map(axisCells);
  const copies1d = axes.map((a) => axisCopies(a, mode));
  const cells: TraceCell[] = allCoords(shape).map((grid) => {
    const per = grid.map((g, ax) => cells1d[ax][g]);
    const axisKinds = per.map((c) => c.kind);
    const kind = combineKinds(axisKinds);
    const input = kind === 'input' ? per.map((c) => c.input) : null;
    let copies: number[] | null = null;
    if (kind === 'padding' && copies1d.every((c) => c !== null)) {
      copies = grid.map((g, ax) => (copies1d[ax] as number[])[g]);
    }
    return { grid, kind, axisKinds, input, copies };
  });
  return { shape, cells };
}
