/**
 * convMatrix(): the convolution as a sparse matrix C with y = C·x (layout and meaning in types.ts).
 *
 * Row by row it is the gather form the engines compute: output cell o of channel oc reads, through
 * tap k of the weight, input cell tapSource(o, k) of each input channel of its group. The same
 * tapSource serves direct and transposed geometries, so the matrix of a transposed geometry comes
 * out as Cᵀ of its direct convolution without a second construction.
 */
import { ConvError, counted, show } from '../geometry/errors.js';
import { callOptions } from '../geometry/options.js';
import { tapSource } from '../geometry/taps.js';
import type { ConvGeometry } from '../geometry/types.js';
import { allCoords, count, flatIndex } from '../trace/raster.js';
import { resolveGeometry } from '../trace/resolve.js';
import type { TraceInput } from '../trace/types.js';
import { weightLabel } from './label.js';
import { MATRIX_LIMIT, type ConvMatrix, type MatrixEntry, type MatrixTerm } from './types.js';

/** Options of {@link convMatrix}: weight values to fill in, or one channel pair's block only. */
export interface ConvMatrixOptions {
  /** Weight values in the geometry's weight layout (row-major over weightShape): fills `value`. */
  weight?: ArrayLike<number> | null;
  /**
   * Only the block of one (output channel, input channel) pair: a single-channel matrix (rowShape
   * [1, ...output], colShape [1, ...input]) — readable when the full operator is too large to show.
   * A pair in different groups gives a block without entries.
   */
  channelPair?: readonly [number, number] | null;
}

function checkPair(p: unknown, g: ConvGeometry): [number, number] | null {
  if (p === undefined || p === null) return null;
  const ok = Array.isArray(p) && p.length === 2 && Number.isInteger(p[0]) && Number.isInteger(p[1]) &&
    p[0] >= 0 && p[0] < g.outChannels && p[1] >= 0 && p[1] < g.inChannels;
  if (!ok) {
    throw new ConvError('INVALID_OPTION', `channelPair must be [output channel 0…${g.outChannels - 1}, input channel 0…${g.inChannels - 1}], but got ${show(p)}`, {
      values: { channelPair: p, outChannels: g.outChannels, inChannels: g.inChannels },
      hint: 'e.g. channelPair: [0, 0]',
    });
  }
  return [p[0], p[1]];
}

function checkWeight(w: unknown, g: ConvGeometry): ArrayLike<number> | null {
  if (w === undefined || w === null) return null;
  if (typeof w !== 'object' || typeof (w as ArrayLike<number>).length !== 'number') {
    throw new ConvError('INVALID_OPTION', `weight must be an array of numbers, but got ${show(w)}`, { hint: 'pass an array or Float32Array in the weight layout' });
  }
  const n = count(g.weightShape);
  const arr = w as ArrayLike<number>;
  if (arr.length !== n) {
    throw new ConvError('DATA_LENGTH', `weight has ${counted(arr.length, 'value')} but the weight shape [${g.weightShape.join(', ')}] needs ${n}`, {
      values: { length: arr.length, weightShape: g.weightShape },
      hint: `give ${counted(n, 'value')}`,
    });
  }
  return arr;
}

/** Refuses a matrix with more structural non-zeros (or rows + columns) than MATRIX_LIMIT. */
export function checkMatrixSize(rows: number, cols: number, nonZeros: number): void {
  if (nonZeros > MATRIX_LIMIT || rows + cols > MATRIX_LIMIT) {
    throw new ConvError('TOO_LARGE', `the convolution matrix would be ${rows}×${cols} with up to ${nonZeros} non-zeros, more than the limit of ${MATRIX_LIMIT}`, {
      values: { rows, cols, nonZeros, limit: MATRIX_LIMIT },
      hint: 'use a smaller input, kernel or channel count',
    });
  }
}

/** convMatrix's second argument: a name it does not take is refused, not ignored. */
const MATRIX_OPTIONS: readonly string[] = ['weight', 'channelPair'];

/**
 * The convolution as a sparse matrix C with y = C·x (the classic 4×16 matrix of a 3×3 kernel on a
 * 4×4 input), entries labelled with the weight taps they multiply by (`w₀₀ … w₂₂`) and valued when
 * a weight is given. A transposed geometry gives Cᵀ of the direct convolution it transposes.
 * Takes a geometry or explain-style options.
 *
 * @example
 * ```ts
 * import { convMatrix, matrixLabels } from 'convkit';
 * const C = convMatrix({ input: [4, 4], kernel: 3 });
 * [C.rows, C.cols, C.entries.length]; //=> [4, 16, 36]
 * matrixLabels(C)[0].slice(0, 6);     //=> ['w₀₀', 'w₀₁', 'w₀₂', '', 'w₁₀', 'w₁₁']
 * ```
 */
export function convMatrix(input: TraceInput, options: ConvMatrixOptions = {}): ConvMatrix {
  callOptions(options ?? undefined, MATRIX_OPTIONS, 'convMatrix', '{ weight: [...] }'); // null: none
  // `convMatrix({ ...cfg, weight })`: the weight belongs in the second argument, and says so.
  const resolved = resolveGeometry(input, { names: MATRIX_OPTIONS, kind: 'convMatrix', call: 'convMatrix' });
  if (resolved.kind !== 'conv') {
    throw new ConvError('INVALID_OPTION', 'convMatrix takes a convolution, not a pooling layer', { hint: 'leave pool out' });
  }
  const g = resolved.geometry;
  const weight = checkWeight(options?.weight, g);
  const axes = g.axes;
  const inShape = axes.map((a) => a.input);
  const outShape = axes.map((a) => a.output);
  const kernelShape = axes.map((a) => a.kernel);
  const inCells = count(inShape);
  const outCells = count(outShape);
  const taps = count(kernelShape);
  const icPerGroup = g.inChannels / g.groups;
  const ocPerGroup = g.outChannels / g.groups;
  const pair = checkPair(options?.channelPair, g);
  const rows = (pair ? 1 : g.outChannels) * outCells;
  const cols = (pair ? 1 : g.inChannels) * inCells;
  checkMatrixSize(rows, cols, rows * (pair ? 1 : icPerGroup) * taps);

  const kernels = allCoords(kernelShape);
  // sources[ax][o][k]: input index read on this axis (−1: a zero), straight from tapSource.
  const sources = axes.map((a) => Array.from({ length: a.output }, (_, o) => Array.from({ length: a.kernel }, (_, k) => tapSource(a, o, k, g.paddingMode))));
  const showChannels = g.weightShape[0] * g.weightShape[1] > 1;
  const entries: MatrixEntry[] = [];
  const outputs = allCoords(outShape);

  // One term (and one single-term list and label) per weight element, shared by every row that
  // uses it: a large matrix repeats the same few taps millions of times.
  const termOf = (oc: number, icl: number, t: number): MatrixTerm => {
    const group = Math.floor(oc / ocPerGroup);
    const ic = group * icPerGroup + icl;
    // Direct weight [OC, IC/g, k…]; transposed weight [IC, OC/g, k…].
    const lead = g.transposed ? [ic, oc - group * ocPerGroup] : [oc, icl];
    return { weight: [...lead, ...kernels[t]], kernel: kernels[t], tap: t };
  };
  const labelOf = (tm: MatrixTerm) => weightLabel(tm.kernel, kernelShape, showChannels ? [tm.weight[0], tm.weight[1]] : undefined);
  const valueOf = (terms: readonly MatrixTerm[]) => {
    if (!weight) return null;
    let v = 0;
    for (const tm of terms) v += weight[flatIndex(tm.weight, g.weightShape)];
    return v;
  };

  for (let oc = 0; oc < g.outChannels; oc++) {
    if (pair && oc !== pair[0]) continue;
    const group = Math.floor(oc / ocPerGroup);
    const singles = Array.from({ length: icPerGroup }, (_, icl) =>
      Array.from({ length: taps }, (_, t) => {
        const terms = [termOf(oc, icl, t)];
        return { terms, label: labelOf(terms[0]), value: valueOf(terms) };
      }),
    );
    for (let of = 0; of < outCells; of++) {
      const o = outputs[of];
      const row = pair ? of : oc * outCells + of;
      // col → (icl, taps) read there; more than one tap only with reflect/replicate/circular padding.
      const byCol = new Map<number, { icl: number; taps: number[] }>();
      for (let t = 0; t < taps; t++) {
        const k = kernels[t];
        const src = k.map((kk, ax) => sources[ax][o[ax]][kk]);
        if (src.some((s) => s < 0)) continue;
        const cell = flatIndex(src, inShape);
        for (let icl = 0; icl < icPerGroup; icl++) {
          const ic = group * icPerGroup + icl;
          if (pair && ic !== pair[1]) continue;
          const col = pair ? cell : ic * inCells + cell;
          const hit = byCol.get(col);
          if (hit) hit.taps.push(t);
          else byCol.set(col, { icl, taps: [t] });
        }
      }
      for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
        const { icl, taps: ts } = byCol.get(col)!;
        if (ts.length === 1) {
          const s1 = singles[icl][ts[0]];
          entries.push({ row, col, terms: s1.terms, label: s1.label, value: s1.value });
        } else {
          const terms = ts.map((t) => singles[icl][t].terms[0]);
          entries.push({ row, col, terms, label: terms.map(labelOf).join('+'), value: valueOf(terms) });
        }
      }
    }
  }
  return {
    version: 1,
    form: 'C',
    transposedGeometry: g.transposed,
    rank: g.rank,
    rows,
    cols,
    rowShape: [pair ? 1 : g.outChannels, ...outShape],
    colShape: [pair ? 1 : g.inChannels, ...inShape],
    channelPair: pair,
    weightShape: [...g.weightShape],
    entries,
  };
}
