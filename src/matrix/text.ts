/** A convolution matrix as text: a table of tap labels, or a summary when it is too wide to read. */
import { denseLabels } from './ops.js';
import type { ConvMatrix } from './types.js';

export function matrixText(c: ConvMatrix, maxCols = 64, maxRows = 256): string[] {
  // A transposed geometry's own operator is Cᵀ of the direct convolution it transposes.
  const name = (c.form === 'C') !== c.transposedGeometry ? 'C' : 'Cᵀ';
  const head = `${name}: ${c.rows}×${c.cols} (rows: ${c.rowShape.join('×')} output cells, columns: ${c.colShape.join('×')} input cells, channel first), ${c.entries.length} non-zeros`;
  if (c.cols > maxCols || c.rows > maxRows) return [head, `  too large to print as a table (at most ${maxRows}×${maxCols}); use --json`];
  const labels = denseLabels(c);
  const withValues = c.entries.length > 0 && c.entries[0].value !== null;
  if (withValues) {
    const byPos = new Map(c.entries.map((e) => [e.row * c.cols + e.col, e.value as number]));
    labels.forEach((row, r) => row.forEach((_, col) => (row[col] = byPos.has(r * c.cols + col) ? String(Number(byPos.get(r * c.cols + col)!.toPrecision(4))) : '')));
  }
  const width = Math.max(1, ...labels.flat().map((s) => s.length));
  return [head, ...labels.map((row) => '  ' + row.map((s) => (s || '0').padStart(width)).join(' '))];
}
