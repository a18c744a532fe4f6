/** Operations on a ConvMatrix: transpose, apply (C·x), values from a weight, dense views, indices. */
import { ConvError, counted, show } from '../geometry/errors.js';
import { coordsOf, count, flatIndex } from '../trace/raster.js';
import { checkMatrixSize } from './build.js';
import type { ConvMatrix, MatrixEntry } from './types.js';

function byRowThenCol(a: MatrixEntry, b: MatrixEntry): number {
  return a.row - b.row || a.col - b.col;
}

/**
 * Cᵀ: rows and columns swapped (the matrix of the transposed convolution, and back).
 *
 * @example
 * ```ts
 * import { convMatrix, transposeMatrix } from 'convkit';
 * const C = convMatrix({ input: [4, 4], kernel: 3 });
 * const T = transposeMatrix(C);
 * [T.form, T.rows, T.cols]; //=> ['CT', 16, 4]
 * ```
 */
export function transpose(c: ConvMatrix): ConvMatrix {
  const entries = c.entries.map((e) => ({ ...e, row: e.col, col: e.row })).sort(byRowThenCol);
  return {
    ...c,
    form: c.form === 'C' ? 'CT' : 'C',
    rows: c.cols,
    cols: c.rows,
    rowShape: [...c.colShape],
    colShape: [...c.rowShape],
    entries,
  };
}

/**
 * The same matrix with every entry's value taken from `weight` (layout: c.weightShape).
 *
 * @example
 * ```ts
 * import { convMatrix, matrixWithWeight } from 'convkit';
 * const C = convMatrix({ input: [4, 4], kernel: 3 });
 * matrixWithWeight(C, [1, 2, 3, 4, 5, 6, 7, 8, 9]).entries[0]; //=> { row: 0, col: 0, label: 'w₀₀', value: 1 }
 * ```
 */
export function withWeight(c: ConvMatrix, weight: ArrayLike<number>): ConvMatrix {
  const n = count(c.weightShape);
  if (weight === null || typeof weight !== 'object' || weight.length !== n) {
    throw new ConvError('DATA_LENGTH', `weight must hold ${counted(n, 'value')} for the weight shape [${c.weightShape.join(', ')}], but got ${show(weight)}`, { hint: `give ${counted(n, 'value')}` });
  }
  return {
    ...c,
    entries: c.entries.map((e) => {
      let value = 0;
      for (const t of e.terms) value += weight[flatIndex(t.weight, c.weightShape)];
      return { ...e, value };
    }),
  };
}

/**
 * y = C·x for one sample: x holds `cols` values (channel-major, raster order), y gets `rows`.
 * Values come from the entries, or from `weight` when given (a symbolic matrix has none).
 *
 * @example
 * ```ts
 * import { applyMatrix, conv2d, convMatrix, tensor } from 'convkit';
 * const C = convMatrix({ input: [4, 4], kernel: 3 });
 * const x = Array.from({ length: 16 }, (_, i) => i);
 * const w = [1, 0, 0, 0, 0, 0, 0, 0, 1];              // top-left + bottom-right taps
 * applyMatrix(C, x, w);                              //=> [10, 12, 18, 20]
 * conv2d(tensor(x, [1, 1, 4, 4]), tensor(w, [1, 1, 3, 3])).data; //=> [10, 12, 18, 20]
 * ```
 */
export function apply(c: ConvMatrix, x: ArrayLike<number>, weight?: ArrayLike<number>): Float64Array {
  const m = weight ? withWeight(c, weight) : c;
  if (x === null || typeof x !== 'object' || x.length !== m.cols) {
    throw new ConvError('DATA_LENGTH', `C is ${m.rows}×${m.cols}, so x must hold ${counted(m.cols, 'value')}, but got ${x && typeof x === 'object' ? x.length : show(x)}`, {
      hint: `give ${counted(m.cols, 'value')} (channels × cells of [${m.colShape.join(', ')}])`,
    });
  }
  const y = new Float64Array(m.rows);
  for (const e of m.entries) {
    if (e.value === null) {
      throw new ConvError('INVALID_OPTION', 'this matrix is symbolic (no weight values)', { hint: 'build it with { weight } or pass the weight to apply(C, x, weight)' });
    }
    y[e.row] += e.value * x[e.col];
  }
  return y;
}

/**
 * Dense numbers (0 where no entry); refused when larger than the matrix limit.
 *
 * @example
 * ```ts
 * import { convMatrix, matrixToDense } from 'convkit';
 * const C = convMatrix({ input: [4, 4], kernel: 3 }, { weight: [1, 0, 0, 0, 0, 0, 0, 0, 1] });
 * matrixToDense(C)[0]; //=> [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
 * ```
 */
export function toDense(c: ConvMatrix): number[][] {
  checkMatrixSize(c.rows, c.cols, c.rows * c.cols);
  const d = Array.from({ length: c.rows }, () => new Array<number>(c.cols).fill(0));
  for (const e of c.entries) {
    if (e.value === null) throw new ConvError('INVALID_OPTION', 'this matrix is symbolic (no weight values)', { hint: 'use denseLabels, or build it with { weight }' });
    d[e.row][e.col] = e.value;
  }
  return d;
}

/**
 * Dense labels ('' where no entry), e.g. for a text table of the 4×16 matrix.
 *
 * @example
 * ```ts
 * import { convMatrix, matrixLabels } from 'convkit';
 * const C = convMatrix({ input: [4, 4], kernel: 3 });
 * matrixLabels(C)[3].slice(4, 8); //=> ['', 'w₀₀', 'w₀₁', 'w₀₂']
 * ```
 */
export function denseLabels(c: ConvMatrix): string[][] {
  checkMatrixSize(c.rows, c.cols, c.rows * c.cols);
  const d = Array.from({ length: c.rows }, () => new Array<string>(c.cols).fill(''));
  for (const e of c.entries) d[e.row][e.col] = e.label;
  return d;
}

/**
 * Channel and spatial cell of a row or column index.
 *
 * @example
 * ```ts
 * import { convMatrix, matrixCell } from 'convkit';
 * const C = convMatrix({ input: [4, 4], kernel: 3 });
 * matrixCell(C, 'col', 5); //=> { channel: 0, cell: [1, 1] }
 * matrixCell(C, 'row', 3); //=> { channel: 0, cell: [1, 1] }
 * ```
 */
export function matrixCell(c: ConvMatrix, side: 'row' | 'col', index: number): { channel: number; cell: number[] } {
  const shape = side === 'row' ? c.rowShape : c.colShape;
  const n = side === 'row' ? c.rows : c.cols;
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new ConvError('INVALID_NUMBER', `${side} index ${show(index)} is outside 0…${n - 1}`, { hint: `use an index below ${n}` });
  }
  const [channel, ...cell] = coordsOf(index, shape);
  return { channel, cell };
}

/**
 * Row or column index of a channel and spatial cell (the inverse of {@link matrixCell}).
 *
 * @example
 * ```ts
 * import { convMatrix, matrixIndex } from 'convkit';
 * const C = convMatrix({ input: [4, 4], kernel: 3 });
 * matrixIndex(C, 'col', 0, [1, 1]); //=> 5
 * ```
 */
export function matrixIndex(c: ConvMatrix, side: 'row' | 'col', channel: number, cell: readonly number[]): number {
  const shape = side === 'row' ? c.rowShape : c.colShape;
  const coords = [channel, ...cell];
  if (coords.length !== shape.length || coords.some((v, i) => !Number.isInteger(v) || v < 0 || v >= shape[i])) {
    throw new ConvError('INVALID_NUMBER', `channel ${show(channel)}, cell ${show(cell)} is outside the ${side} shape [${shape.join(', ')}]`, { hint: 'give a channel and one in-range index per axis' });
  }
  return flatIndex(coords, shape);
}
