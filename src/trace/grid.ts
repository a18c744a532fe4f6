/**
 * The displayed grid: the input of the equivalent direct convolution, every cell classified by
 * gridCell (geometry/taps.ts) per axis and combined across axes.
 */
import { gridCell, padSource, type CellKind, type GridCell } from '../geometry/taps.js';
import type { AxisGeometry, PaddingMode } from '../geometry/types.js';
import type { CoordTable } from './intern.js';
import { count } from './raster.js';
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

/** Index of each kind in a per-axis kind code (the combined kinds are memoised by code). */
const KIND_CODE: Readonly<Record<CellKind, number>> = { input: 0, padding: 1, inserted: 2, extra: 3 };

/**
 * `inputs` shares the cells' `input` arrays with the frames that read them (see intern.ts). The
 * cells are walked in raster order with per-axis lookups into the gridCell tables; the per-axis
 * kind lists and their combined kind are built once per distinct combination (at most 4^rank).
 */
export function traceGrid(axes: readonly AxisGeometry[], mode: PaddingMode, inputs: CoordTable): TraceGrid {
  const rank = axes.length;
  const shape = axes.map((a) => a.equivalent.gridSize);
  const inputShape = axes.map((a) => a.input);
  const cells1d = axes.map(axisCells);
  const copies1d = axes.map((a) => axisCopies(a, mode));
  const allCopies = copies1d.every((c) => c !== null);
  const kindLists = new Map<number, { axisKinds: CellKind[]; kind: CellKind }>();
  const n = count(shape);
  const cells: TraceCell[] = [];
  const grid = new Array<number>(rank).fill(0);
  const scratch = new Array<number>(rank).fill(0);
  for (let f = 0; f < n; f++) {
    let code = 0;
    for (let ax = 0; ax < rank; ax++) code = code * 4 + KIND_CODE[cells1d[ax][grid[ax]].kind];
    let kinds = kindLists.get(code);
    if (kinds === undefined) {
      const axisKinds = grid.map((g, ax) => cells1d[ax][g].kind);
      kinds = { axisKinds, kind: combineKinds(axisKinds) };
      kindLists.set(code, kinds);
    }
    const kind = kinds.kind;
    let input: number[] | null = null;
    if (kind === 'input') {
      let flat = 0;
      for (let ax = 0; ax < rank; ax++) {
        scratch[ax] = cells1d[ax][grid[ax]].input;
        flat = flat * inputShape[ax] + scratch[ax];
      }
      input = inputs.at(flat, scratch);
    }
    let copies: number[] | null = null;
    if (kind === 'padding' && allCopies) {
      copies = grid.map((g, ax) => (copies1d[ax] as number[])[g]);
    }
    cells.push({ grid: grid.slice(), kind, axisKinds: kinds.axisKinds, input, copies });
    // Next cell in raster order (last axis fastest).
    for (let ax = rank - 1; ax >= 0; ax--) {
      if (++grid[ax] < shape[ax]) break;
      grid[ax] = 0;
    }
  }
  return { shape, cells };
}
