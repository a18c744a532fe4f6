/** A convolution matrix as text: a table of tap labels, or a summary when it is too wide to read. */
import { formatNumber, type Lang } from '../i18n/index.js';
import { reportText as t } from '../i18n/reports.js';
import { denseLabels } from './ops.js';
import type { ConvMatrix } from './types.js';

/** The matrix as text lines; `lang` 'zh' gives the heading in Chinese. */
export function matrixText(c: ConvMatrix, maxCols = 64, maxRows = 256, lang: Lang = 'en'): string[] {
  // A transposed geometry's own operator is Cᵀ of the direct convolution it transposes.
  const name = (c.form === 'C') !== c.transposedGeometry ? 'C' : 'Cᵀ';
  const head = t(lang, 'matrix.head', { name, rows: String(c.rows), cols: String(c.cols), rowShape: c.rowShape.join('×'), colShape: c.colShape.join('×'), nnz: formatNumber(c.entries.length) });
  if (c.cols > maxCols || c.rows > maxRows) return [head, t(lang, 'matrix.tooLarge', { maxRows: String(maxRows), maxCols: String(maxCols) })];
  const labels = denseLabels(c);
  const withValues = c.entries.length > 0 && c.entries[0].value !== null;
  if (withValues) {
    const byPos = new Map(c.entries.map((e) => [e.row * c.cols + e.col, e.value as number]));
    labels.forEach((row, r) => row.forEach((_, col) => (row[col] = byPos.has(r * c.cols + col) ? String(Number(byPos.get(r * c.cols + col)!.toPrecision(4))) : '')));
  }
  const width = Math.max(1, ...labels.flat().map((s) => s.length));
  return [head, ...labels.map((row) => '  ' + row.map((s) => (s || '0').padStart(width)).join(' '))];
}
