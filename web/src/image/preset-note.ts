/**
 * What the kernel editor says under its preset menu about where a preset's weights sit, when they
 * do not fill the kernel: a classic 3 × 3 in a larger kernel fills a 3 × 3 of it with zeros
 * around, and a kernel with an even side has no centre on that side, so the 3 × 3 (or identity's
 * 1) goes half a cell before the middle — in a 4 × 4 kernel its top-left corner. A reader who put
 * Sobel on the 4 × 4 kernel of a k4 s2 transposed layer saw stripes and no word of why.
 * The place is presetSpan's (kernels.ts), the one rule presetKernel follows; rows and columns are
 * counted from 0, as the editor's cells and its − / + line name them and PyTorch indexes a weight
 * (a note counting from 1 named the bottom-right 3 × 3 of a 4 × 4 kernel by the editor's numbers).
 */
import type { Lang } from '../state.js';
import { it } from './image-text.js';
import { presetSpan } from './kernels.js';
import type { PresetName } from './kernels.js';

type Side = 'both' | 'rows' | 'cols';

export function presetNote(lang: Lang, name: PresetName, kh: number, kw: number): string {
  const span = presetSpan(name, kh, kw);
  if (!span) return '';
  const evenH = kh % 2 === 0;
  const evenW = kw % 2 === 0;
  const one = span.rows[0] === span.rows[1];
  const rows = one ? it(lang, 'rowOne', { a: span.rows[0] }) : it(lang, 'rowSpan', { a: span.rows[0], b: span.rows[1] });
  const cols = one ? it(lang, 'colOne', { a: span.cols[0] }) : it(lang, 'colSpan', { a: span.cols[0], b: span.cols[1] });
  // A range stays whole across a line end ("columns 0–2", not "columns 0– / 2"); the Chinese
  // templates already join it.
  const whole = (t: string) => t.replace(/–(?!\u2060)/g, '–\u2060');
  const vars = { name: it(lang, name), kh, kw, rows: whole(rows), cols: whole(cols) };
  if (!evenH && !evenW) return one ? '' : it(lang, 'presetMiddle', vars);
  const side: Side = evenH && evenW ? 'both' : evenH ? 'rows' : 'cols';
  const off = { ...vars, line: it(lang, `noCentre_${side}` as const), dir: it(lang, `halfCell_${side}` as const) };
  if (one) return it(lang, 'identityOffCentre', off);
  // The 3 × 3 against the kernel's first row and column (4 on a side): named as a corner or an edge.
  const atStart = span.rows[0] === 0 && span.cols[0] === 0;
  return it(lang, 'presetOffCentre', { ...off, where: it(lang, atStart ? `cornerAt_${side}` as const : `nearMiddle_${side}` as const) });
}
