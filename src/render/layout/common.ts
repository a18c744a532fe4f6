/** Pieces shared by the layouts: 2-D views of N-d traces, cell styles, the kernel panel, the legend. */
import { ConvError } from '../../geometry/errors.js';
import { weightLabel } from '../../matrix/label.js';
import { flatIndex } from '../../trace/raster.js';
import type { CellKind, Trace } from '../../trace/types.js';
import { label, type Lang } from '../labels.js';
import type { EmptyCells } from '../options.js';
import { readableOn, type Palette } from '../palette.js';
import { textInk, textWidth } from '../raster/font.js';
import type { Prim, Rgb } from '../scene.js';
import { block, centre, point, type Plane } from './plane.js';

/** A 1-D trace is drawn as one row; 3-D is refused (the playground slices it). */
export function as2d(shape: readonly number[]): [number, number] {
  if (shape.length === 1) return [1, shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  throw new ConvError('INVALID_OPTION', `pictures draw 1-D and 2-D convolutions, but this one has ${shape.length} spatial axes`, {
    values: { rank: shape.length },
    hint: 'draw one 2-D slice (e.g. fix the depth axis), or use the trace data directly',
  });
}

export function rc(coords: readonly number[]): [number, number] {
  return coords.length === 1 ? [0, coords[0]] : [coords[0], coords[1]];
}

export const SIZE = { title: 14, label: 14, param: 12, small: 10 } as const;

export type TextSizes = { readonly [K in keyof typeof SIZE]: number };

/** The text sizes of a picture drawn with the `textScale` option. */
export function textSizes(scale: number): TextSizes {
  return { title: SIZE.title * scale, label: SIZE.label * scale, param: SIZE.param * scale, small: SIZE.small * scale };
}

/**
 * The size of a number printed inside a cell: `want` (a scaled size), but not beyond what the cell
 * holds once the text is scaled up; never below `base`, the size the picture uses unscaled.
 */
export function inCell(want: number, base: number, cell: number, fill: number): number {
  return Math.min(want, Math.max(base, cell * fill));
}

/** Dash pattern of an empty cell: padding and `a` cells long dashes, inserted zeros short ones. */
export function dashOf(kind: CellKind): readonly [number, number] {
  return kind === 'inserted' ? [2, 2] : [4, 3];
}

/** The fill of an empty cell of `kind`: inserted zeros grey in every mode, `a` cells only joined, padding none. */
function emptyFill(kind: CellKind, pal: Palette, empty: EmptyCells): Rgb | undefined {
  if (kind === 'inserted') return pal.inserted;
  return kind === 'extra' && empty === 'joined' ? pal.extra : undefined;
}

/**
 * A grid cell as the classic figures draw it: filled input, or an empty dashed cell outlined apart
 * (inset), an inserted zero filled with the palette's `inserted` grey. With empty cells `joined`,
 * an empty cell draws no outline of its own (`emptyEdges` draws the grid's edges once each), an
 * inserted zero is filled whole and an `a` cell with the palette's `extra`, under the `a` and the
 * window's shade.
 */
export function cellPrims(plane: Plane, r: number, c: number, kind: CellKind | 'output', pal: Palette, out: Prim[], scale = 1, empty: EmptyCells = 'apart'): void {
  const points = block(plane, r, c);
  if (kind === 'input' || kind === 'output') {
    out.push({ type: 'poly', points, fill: kind === 'input' ? pal.input : pal.output, stroke: pal.grid, strokeWidth: 1 });
    return;
  }
  const fill = emptyFill(kind, pal, empty);
  if (empty === 'apart') out.push({ type: 'poly', points: block(plane, r, c, r + 1, c + 1, 0.06), ...(fill ? { fill } : {}), stroke: pal.dashed, strokeWidth: 1, dash: dashOf(kind) });
  else if (fill) out.push({ type: 'poly', points, fill });
  if (kind !== 'extra') return;
  const size = SIZE.small * scale;
  const drop = markDrop(plane, 'a', size);
  if (drop === null) return;
  const [x, y] = centre(plane, r, c);
  out.push({ type: 'text', x, y: y + drop, text: 'a', size, color: pal.muted, anchor: 'middle' });
}

/** The clear room left all round a mark printed in a cell, as a fraction of its text size. */
const MARK_CLEAR = 0.15;

/**
 * Where a mark printed in a cell of `plane` has its baseline, below the cell's centre (its ink
 * centred there), or null where its ink with MARK_CLEAR all round does not fit inside the cell. The
 * classic theme's cells lean, so the ink's top and bottom corners are what must fit: a glyph
 * `h` tall takes `skew·h/ch` more of the cell's width. Whether the mark reads at the size a picture
 * is shown is the caller's to ensure (its textScale), as for all of the picture's text.
 */
function markDrop(plane: Plane, text: string, size: number): number | null {
  const { top, bottom } = textInk(text, size);
  const h = bottom - top;
  const m = MARK_CLEAR * size;
  if (h + 2 * m > plane.ch || textWidth(text, size) + 2 * m + (plane.skew * h) / plane.ch > plane.cw) return null;
  return -(top + bottom) / 2;
}

/**
 * The edges of the grid's empty cells, each drawn once as a dashed line from corner to corner (so
 * every dash starts at a cell's corner, as on an outline drawn apart): an inserted zero's short dash
 * where a zero is on either side, else padding's long dash. An edge an empty cell shares with an
 * input cell is left to the input cell's solid outline. Which cell is which comes from the trace,
 * where each edge is from `plane`, the grid's own map. In order: each empty cell's top, bottom,
 * left and right edge not drawn before.
 */
export function emptyEdges(tr: Trace, plane: Plane, pal: Palette, out: Prim[]): void {
  const [GH, GW] = as2d(tr.grid.shape);
  const kinds: CellKind[] = new Array(GH * GW);
  for (const cell of tr.grid.cells) {
    const [r, c] = rc(cell.grid);
    kinds[r * GW + c] = cell.kind;
  }
  const kindAt = (r: number, c: number): CellKind | null => (r < 0 || c < 0 || r >= GH || c >= GW ? null : kinds[r * GW + c]);
  // Horizontal edge (r, c) is the top of cell (r, c); vertical edge (r, c) its left.
  const drawn = new Set<number>();
  const edge = (key: number, a: CellKind, b: CellKind | null, r0: number, c0: number, r1: number, c1: number) => {
    if (b === 'input' || drawn.has(key)) return;
    drawn.add(key);
    const [x1, y1] = point(plane, r0, c0);
    const [x2, y2] = point(plane, r1, c1);
    out.push({ type: 'line', x1, y1, x2, y2, stroke: pal.dashed, strokeWidth: 1, dash: dashOf(a === 'inserted' || b === 'inserted' ? 'inserted' : 'padding') });
  };
  const H = (r: number, c: number) => 2 * (r * (GW + 1) + c);
  const V = (r: number, c: number) => 2 * (r * (GW + 1) + c) + 1;
  for (const cell of tr.grid.cells) {
    const k = cell.kind;
    if (k === 'input') continue;
    const [r, c] = rc(cell.grid);
    edge(H(r, c), k, kindAt(r - 1, c), r, c, r, c + 1);
    edge(H(r + 1, c), k, kindAt(r + 1, c), r + 1, c, r + 1, c + 1);
    edge(V(r, c), k, kindAt(r, c - 1), r, c, r + 1, c);
    edge(V(r, c + 1), k, kindAt(r, c + 1), r, c + 1, r + 1, c + 1);
  }
}

export function shadePrim(plane: Plane, r0: number, c0: number, r1: number, c1: number, pal: Palette): Prim {
  return { type: 'poly', points: block(plane, r0, c0, r1, c1), fill: pal.shade, fillOpacity: pal.shadeOpacity };
}

/**
 * Legend of the empty cell kinds present in the grid (what the dashed cells are), each swatch
 * filled as its cells are: inserted zeros grey, and with empty cells `joined` the `a` swatch too.
 */
export function legendPrims(tr: Trace, x: number, y: number, pal: Palette, lang: Lang, out: Prim[], scale = 1, empty: EmptyCells = 'apart'): number {
  const kinds = new Set(tr.grid.cells.map((c) => c.kind));
  let pen = x;
  const entries: [CellKind, string][] = [
    ['padding', label(lang, 'legendPadding')],
    ['inserted', label(lang, 'legendInserted')],
    ['extra', label(lang, 'legendExtra')],
  ];
  for (const [kind, text] of entries) {
    if (!kinds.has(kind)) continue;
    const fill = emptyFill(kind, pal, empty);
    const tint = fill ? { fill } : {};
    out.push({ type: 'rect', x: pen, y: y - 11 * scale, w: 14 * scale, h: 14 * scale, stroke: pal.dashed, strokeWidth: 1, dash: dashOf(kind), ...tint });
    out.push({ type: 'text', x: pen + 20 * scale, y, text, size: SIZE.param * scale, color: pal.muted });
    pen += 20 * scale + textWidth(text, SIZE.param * scale) + 16 * scale;
  }
  return pen - x;
}

export interface KernelPanel {
  width: number;
  height: number;
  prims: Prim[];
}

/**
 * The kernel as a small grid of its displayed taps, each named by the weight element it multiplies
 * (w₀₀ …) or showing its value; for a transposed convolution the names show the 180° rotation.
 * With `fills` (the kernelFills option) each cell takes the fill of the weight it names, and its
 * label the colour `labels` (kernelLabels) gives that weight, else black or white by `readableOn`.
 */
export function kernelPanel(tr: Trace, x: number, y: number, pal: Palette, lang: Lang, weights: number[] | null, stored = false, scale = 1, fills: readonly Rgb[] | null = null, labels: readonly Rgb[] | null = null): KernelPanel {
  const S = textSizes(scale);
  const [kh, kw] = as2d(tr.kernel.shape);
  const kShape = tr.kernel.shape;
  const title = `${label(lang, 'kernel')} ${kShape.join('×')}`;
  const sub = tr.kernel.flipped && !stored ? label(lang, 'flipped') : '';
  const showNames = kw <= 6 && kh <= 6;
  // Named taps: the cell grows with the names printed in it.
  const cell = showNames ? 26 * scale : Math.max(8, Math.floor(120 / Math.max(kh, kw)));
  const prims: Prim[] = [];
  prims.push({ type: 'text', x, y: y + 12 * scale, text: title, size: S.param, color: pal.text });
  let top = y + 18 * scale;
  if (sub) {
    prims.push({ type: 'text', x, y: y + 28 * scale, text: sub, size: S.param, color: pal.muted });
    top = y + 34 * scale;
  }
  const plane: Plane = { rows: kh, cols: kw, ox: x, oy: top, cw: cell, ch: cell, skew: 0 };
  for (const tap of tr.kernel.taps) {
    // The scatter view stamps the weight as stored: each tap at its own (unflipped) place.
    const [r, c] = rc(stored ? tap.weight : tap.kernel);
    const at = flatIndex(tap.weight, kShape);
    const fill = fills ? fills[at % fills.length] : null;
    if (fill) prims.push({ type: 'poly', points: block(plane, r, c), fill, stroke: pal.grid, strokeWidth: 1 });
    else {
      prims.push({ type: 'poly', points: block(plane, r, c), fill: pal.background, stroke: pal.grid, strokeWidth: 1 });
      prims.push({ type: 'poly', points: block(plane, r, c), fill: pal.shade, fillOpacity: 0.15 });
    }
    if (!showNames) continue;
    const [cx, cy] = centre(plane, r, c);
    const text = weights ? String(weights[at]) : weightLabel(tap.weight, kShape);
    prims.push({ type: 'text', x: cx, y: cy + 4 * scale, text, size: weights ? S.param : S.small, color: fill ? (labels ? labels[at % labels.length] : readableOn(fill)) : pal.text, anchor: 'middle' });
  }
  const width = Math.max(kw * cell, textWidth(title, S.param), sub ? textWidth(sub, S.param) : 0);
  return { width, height: top - y + kh * cell, prims };
}

export function textPrim(x: number, y: number, text: string, size: number, color: Rgb, anchor: 'start' | 'middle' | 'end' = 'start'): Prim {
  return { type: 'text', x, y, text, size, color, anchor };
}
