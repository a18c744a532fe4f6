/**
 * The empty cells of the classic figure's grid (padding, inserted zeros, output padding `a`) as the
 * page draws them. The library's renderer outlines each empty cell on its own, inset a little, so
 * a GIF shows the cells apart; on the page's large figure every edge between two empty cells was
 * then two lines a few pixels apart (a dash beside a dot where padding meets an inserted zero) and
 * the stretched input looked blurred (tour steps 7, 10, 13). Here each such edge is one line, and
 * an edge of an input cell is left to that cell's solid outline. An edge of an inserted zero has
 * the zero's short dash, so every zero between the input cells is outlined as the legend draws it
 * (step 7's subject); the others, the long dash of padding and `a` (the padding's ring, whose
 * place says what it is, keeps it on its outer edges). Which cell is which comes from the trace;
 * where each cell is, from the renderer's own plane; the dashes and the colour, from the renderer's.
 *
 * The output padding's `a` cells are also tinted with the output's colour, in the grid and in the
 * legend's swatch: the renderer prints an `a` in each only where the cell holds it, which a phone's
 * larger text does not, and the three dashed swatches alone could not be told apart there (tour
 * step 10, whose subject they are). The tint says "more output" wherever the figure is drawn.
 */
import { as2d, dashOf, rc } from '../../src/render/layout/common.js';
import { block, point } from '../../src/render/layout/plane.js';
import type { Plane } from '../../src/render/layout/plane.js';
import { label } from '../../src/render/labels.js';
import type { Lang } from '../../src/render/labels.js';
import type { PolyPrim, Prim, Rgb } from '../../src/render/scene.js';
import type { PathPrim } from '../../src/render/svg.js';
import type { CellKind, Trace } from '../../src/trace/types.js';

const r2 = (v: number): string => String(Math.round(v * 100) / 100);

/** A polygon the renderer draws as an empty cell's outline: dashed, unfilled. */
const isEmptyCell = (p: Prim): p is PolyPrim => p.type === 'poly' && p.dash !== undefined && p.fill === undefined;

/** How strongly the `a` cells take the output's colour: a tint, under the `a` and the window's shade. */
const TINT = 0.3;

/**
 * `base` without the empty cells' own outlines (the `a` cells tinted in their place, and their
 * legend swatch), and their edges, one line each, to draw after it (one path per dash). Unchanged,
 * and no lines, where the picture has no empty cells or they are not the trace's grid cells one for
 * one (a layout this does not know). `output`: the output cells' colour; `lang`: the legend's.
 */
export function emptyCells(base: readonly Prim[], trace: Trace, grid: Plane | undefined, output: Rgb, lang: Lang): { base: Prim[]; lines: PathPrim[] } {
  const outlines = base.filter(isEmptyCell);
  const empty = trace.grid.cells.filter((c) => c.kind !== 'input');
  if (!grid || outlines.length === 0 || outlines.length !== empty.length) return { base: [...base], lines: [] };
  const tint = { fill: output, fillOpacity: TINT };
  const [GH, GW] = as2d(trace.grid.shape);
  const kindAt = (r: number, c: number): CellKind | null => (r < 0 || c < 0 || r >= GH || c >= GW ? null : trace.grid.cells[r * GW + c].kind);
  const paths = new Map<string, PathPrim>();
  const { stroke, strokeWidth } = outlines[0];
  const drawn = new Set<string>();
  const edge = (key: string, a: CellKind, b: CellKind | null, from: [number, number], to: [number, number]) => {
    if (b === 'input' || drawn.has(key)) return;
    drawn.add(key);
    const dash = dashOf(a === 'inserted' || b === 'inserted' ? 'inserted' : 'padding');
    const id = dash.join(',');
    let path = paths.get(id);
    if (!path) paths.set(id, (path = { type: 'path', d: '', stroke, strokeWidth, dash }));
    // Rows left to right and columns top to bottom, each edge its own subpath: every dash pattern
    // starts at a cell's corner, as it does on the renderer's own outlines.
    const [p, q] = [point(grid, ...from), point(grid, ...to)];
    path.d += `M${r2(p[0])} ${r2(p[1])}L${r2(q[0])} ${r2(q[1])}`;
  };
  for (const cell of empty) {
    const [r, c] = rc(cell.grid);
    const k = cell.kind;
    edge(`h${r},${c}`, k, kindAt(r - 1, c), [r, c], [r, c + 1]);
    edge(`h${r + 1},${c}`, k, kindAt(r + 1, c), [r + 1, c], [r + 1, c + 1]);
    edge(`v${r},${c}`, k, kindAt(r, c - 1), [r, c], [r + 1, c]);
    edge(`v${r},${c + 1}`, k, kindAt(r, c + 1), [r, c + 1], [r + 1, c + 1]);
  }
  // In the outlines' place (in order, so an `a` printed in a cell comes over its tint): a tint for
  // an `a` cell, nothing for the others. The legend's swatch is the dashed square before its words.
  const extra = label(lang, 'legendExtra');
  const out: Prim[] = [];
  let n = 0;
  base.forEach((p, i) => {
    const next = base[i + 1];
    if (isEmptyCell(p)) {
      const cell = empty[n++];
      if (cell.kind === 'extra') out.push({ type: 'poly', points: block(grid, ...rc(cell.grid)), ...tint });
    } else if (p.type === 'rect' && p.dash && next?.type === 'text' && next.text === extra) out.push({ ...p, ...tint });
    else out.push(p);
  });
  return { base: out, lines: [...paths.values()] };
}
