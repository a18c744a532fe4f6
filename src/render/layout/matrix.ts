/**
 * The convolution matrix C (or Cᵀ) as a picture: every entry named by its weight tap (or its
 * value), one row highlighted — the output cell it computes — and, beside it, the input grid with
 * the cells that row reads (the kernel window) and the output grid with that cell. All positions
 * come from the matrix data (entries, matrixCell), none from index arithmetic here.
 */
import { ConvError, show } from '../../geometry/errors.js';
import { matrixCell } from '../../matrix/ops.js';
import type { ConvMatrix } from '../../matrix/types.js';
import { label, type Lang } from '../labels.js';
import { palette as paletteOf, type PaletteName } from '../palette.js';
import { textWidth } from '../raster/font.js';
import type { Prim, Scene } from '../scene.js';
import { as2d, rc, SIZE, textPrim } from './common.js';
import { block, centre, type Plane } from './plane.js';
import { dims } from './text.js';

/** Options of the matrix pictures: the row to highlight, language and palette. */
export interface MatrixRenderOptions {
  /** Row to highlight (default 0); null for none. */
  highlightRow?: number | null;
  lang?: Lang;
  palette?: PaletteName;
}

/** Most rows or columns a matrix picture draws. */
export const MAX_MATRIX_SIDE = 256;
const MARGIN = 16;

export function matrixScene(m: ConvMatrix, options: MatrixRenderOptions = {}): Scene {
  if (m === null || typeof m !== 'object' || !Array.isArray(m.entries)) {
    throw new ConvError('INVALID_OPTION', `expected a ConvMatrix (from convMatrix), but got ${show(m)}`);
  }
  if (m.rows > MAX_MATRIX_SIDE || m.cols > MAX_MATRIX_SIDE) {
    throw new ConvError('TOO_LARGE', `the matrix is ${m.rows}×${m.cols}, more than the ${MAX_MATRIX_SIDE} rows or columns a picture can show`, {
      values: { rows: m.rows, cols: m.cols, limit: MAX_MATRIX_SIDE },
      hint: 'draw a smaller configuration (the matrix data itself has no such limit)',
    });
  }
  const lang = options.lang ?? 'en';
  const pal = paletteOf(options.palette ?? 'default');
  const hl = options.highlightRow === undefined ? 0 : options.highlightRow;
  if (hl !== null) matrixCell(m, 'row', hl); // validates the index (ConvError when out of range)

  const withValues = m.entries.some((e) => e.value !== null);
  const longest = Math.max(1, ...m.entries.map((e) => textWidth(withValues ? fmt(e.value) : e.label, SIZE.small)));
  const cw = m.cols <= 32 ? Math.max(26, Math.ceil(longest) + 6) : Math.max(6, Math.floor(1200 / m.cols));
  const ch = m.rows <= 32 ? 24 : Math.max(6, Math.floor(900 / m.rows));
  const showText = m.cols <= 32 && m.rows <= 32;

  const prims: Prim[] = [];
  // A transposed convolution's own operator is Cᵀ of the direct convolution it transposes.
  const isTransposeOfDirect = (m.form === 'CT') !== m.transposedGeometry;
  const title = label(lang, isTransposeOfDirect ? 'matrixTitleT' : 'matrixTitle') + label(lang, 'matrixSize', { rows: m.rows, cols: m.cols });
  prims.push(textPrim(MARGIN, 24, title, SIZE.title, pal.text));
  prims.push(textPrim(MARGIN, 42, `${label(lang, 'rows')} ${dims(m.rowShape.slice(1))} · ${label(lang, 'cols')} ${dims(m.colShape.slice(1))}`, SIZE.param, pal.muted));
  const left = MARGIN + 28, top = 70;
  const plane: Plane = { rows: m.rows, cols: m.cols, ox: left, oy: top, cw, ch, skew: 0 };

  // Column and row numbers.
  if (showText) {
    for (let c = 0; c < m.cols; c++) prims.push(textPrim(left + c * cw + cw / 2, top - 6, String(c), SIZE.small, pal.muted, 'middle'));
    for (let r = 0; r < m.rows; r++) prims.push(textPrim(left - 6, top + r * ch + ch / 2 + 4, String(r), SIZE.small, pal.muted, 'end'));
  }
  if (hl !== null) prims.push({ type: 'poly', points: block(plane, hl, 0, hl + 1, m.cols), fill: pal.shade, fillOpacity: 0.12 });
  prims.push({ type: 'rect', x: left, y: top, w: m.cols * cw, h: m.rows * ch, stroke: pal.grid, strokeWidth: 1 });
  for (let r = 1; r < m.rows; r++) prims.push({ type: 'line', x1: left, y1: top + r * ch, x2: left + m.cols * cw, y2: top + r * ch, stroke: pal.dashed, strokeWidth: 0.5, opacity: 0.6 });
  const readCols: number[] = [];
  for (const e of m.entries) {
    const inRow = e.row === hl;
    if (inRow) readCols.push(e.col);
    prims.push({ type: 'poly', points: block(plane, e.row, e.col, e.row + 1, e.col + 1, 0.08), fill: inRow ? pal.input : pal.output, fillOpacity: inRow ? 1 : 0.35 });
    if (showText) {
      const [x, y] = centre(plane, e.row, e.col);
      prims.push(textPrim(x, y + 4, withValues ? fmt(e.value) : e.label, SIZE.small, inRow ? pal.background : pal.text, 'middle'));
    }
  }
  let width = left + m.cols * cw + MARGIN;
  let height = top + m.rows * ch + 20;

  // The highlighted row as pictures: the input cells it reads (the window) → the output cell.
  if (hl !== null && m.rank <= 2) {
    const inShape = as2d(m.colShape.slice(1));
    const outShape = as2d(m.rowShape.slice(1));
    const gc = Math.max(10, Math.min(26, Math.floor(180 / Math.max(...inShape, ...outShape))));
    let x = MARGIN;
    const y = height + 26;
    const { cell: outCell, channel: oc } = matrixCell(m, 'row', hl);
    const read = new Set(readCols.map((col) => {
      const { channel, cell } = matrixCell(m, 'col', col);
      return channel === 0 ? rc(cell).join(',') : '';
    }));
    const inLabel = `${label(lang, 'input')} ${dims(m.colShape.slice(1))}`;
    prims.push(textPrim(x, y - 8, inLabel, SIZE.param, pal.text));
    const inPlane: Plane = { rows: inShape[0], cols: inShape[1], ox: x, oy: y, cw: gc, ch: gc, skew: 0 };
    for (let r = 0; r < inShape[0]; r++) for (let c = 0; c < inShape[1]; c++) {
      prims.push({ type: 'poly', points: block(inPlane, r, c), fill: pal.input, stroke: pal.grid, strokeWidth: 1 });
      if (read.has(`${r},${c}`)) prims.push({ type: 'poly', points: block(inPlane, r, c), fill: pal.shade, fillOpacity: pal.shadeOpacity });
    }
    x += Math.max(inShape[1] * gc, textWidth(inLabel, SIZE.param)) + 40;
    const outLabel = label(lang, 'matrixCell', { cell: rc(outCell).join(','), ch: m.rowShape[0] > 1 ? label(lang, 'matrixCellChannel', { c: oc }) : '', row: hl });
    prims.push(textPrim(x, y - 8, outLabel, SIZE.param, pal.text));
    const outPlane: Plane = { rows: outShape[0], cols: outShape[1], ox: x, oy: y, cw: gc, ch: gc, skew: 0 };
    for (let r = 0; r < outShape[0]; r++) for (let c = 0; c < outShape[1]; c++) {
      prims.push({ type: 'poly', points: block(outPlane, r, c), fill: pal.output, stroke: pal.grid, strokeWidth: 1 });
    }
    const [orow, ocol] = rc(outCell);
    prims.push({ type: 'poly', points: block(outPlane, orow, ocol), fill: pal.shade, fillOpacity: pal.shadeOpacity });
    width = Math.max(width, x + Math.max(outShape[1] * gc, textWidth(outLabel, SIZE.param)) + MARGIN);
    height = y + Math.max(inShape[0], outShape[0]) * gc + MARGIN;
  }
  width = Math.ceil(Math.max(width, MARGIN * 2 + textWidth(title, SIZE.title)));
  return { width, height: Math.ceil(height), background: pal.background, base: prims, frames: [[]], title, description: `${title}; ${label(lang, 'row')} ${hl ?? '-'}` };
}

function fmt(v: number | null): string {
  if (v === null) return '';
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
