/**
 * restoreTranspose: the transposed convolution that maps a convolution's output back to the size
 * of its input — same kernel, stride, padding and dilation, channels swapped, and output padding
 * a = (i + p_b + p_a − k̂) mod s per axis: the cells the direct convolution's floor dropped
 * (relationship 14's `a`). Checked by building the transposed geometry.
 */
import { ConvError } from '../geometry/errors.js';
import { explain } from './explain.js';
import type { Explanation, ExplainOptions } from './explain.js';
import { resolveSpec } from '../geometry/options.js';
import type { ConvSpecOptions } from '../geometry/options.js';

/** The transposed convolution that undoes a convolution's size change, explained. */
export interface RestoreTransposeResult {
  /** Options of the transposed convolution, ready for `explain` (and, renamed, for convTranspose*d). */
  transposed: ExplainOptions & { transposed: true; outputPadding: number[]; padding: number[] | [number, number][] };
  /** Per axis: the output padding a = (i + p_b + p_a − k̂) mod s. */
  outputPadding: number[];
  /** Spatial sizes: the direct conv's input (= the transposed conv's output) and its output. */
  input: number[];
  output: number[];
  /** The transposed convolution explained (relationships, equivalent direct convolution, counts). */
  explanation: Explanation;
}

/**
 * The transposed convolution that maps a convolution's output back to its input size: same
 * kernel, stride, padding and dilation, and the output padding the direct conv's floor dropped.
 *
 * @example
 * ```ts
 * import { restoreTranspose } from 'convkit';
 * const r = restoreTranspose({ input: [8, 8], kernel: 3, stride: 2, padding: 1 });
 * r.output;         //=> [4, 4]
 * r.outputPadding;  //=> [1, 1]
 * r.transposed;     //=> { input: [4, 4], kernel: [3, 3], stride: [2, 2], padding: [1, 1], outputPadding: [1, 1], transposed: true }
 * ```
 */
export function restoreTranspose(options: ConvSpecOptions & { lang?: ExplainOptions['lang'] }): RestoreTransposeResult {
  const spec = resolveSpec(options, ['lang']);
  if (spec.kind !== 'conv' || spec.geometry.transposed) {
    throw new ConvError('INVALID_OPTION', 'restoreTranspose takes a direct convolution', { hint: 'leave transposed and pool out: give the convolution whose input size the transposed one should restore' });
  }
  const g = spec.geometry;
  const outputPadding = g.axes.map((a) => (a.input + a.padBefore + a.padAfter - a.effectiveKernel) % a.stride);
  const symmetric = g.axes.every((a) => a.padBefore === a.padAfter);
  const transposed = {
    input: g.axes.map((a) => a.output),
    kernel: g.axes.map((a) => a.kernel),
    stride: g.axes.map((a) => a.stride),
    padding: symmetric ? g.axes.map((a) => a.padBefore) : g.axes.map((a) => [a.padBefore, a.padAfter] as [number, number]),
    dilation: g.axes.map((a) => a.dilation),
    outputPadding,
    transposed: true as const,
    inChannels: g.outChannels,
    outChannels: g.inChannels,
    groups: g.groups,
    bias: g.hasBias,
    batch: g.batch,
    rank: g.rank,
    ...(options.lang !== undefined ? { lang: options.lang } : {}),
  };
  const explanation = explain(transposed);
  const input = g.axes.map((a) => a.input);
  if (explanation.output.some((o, i) => o !== input[i])) {
    throw new Error(`restoreTranspose: internal error, the transposed geometry gives ${explanation.output} instead of ${input}`);
  }
  return { transposed, outputPadding, input, output: transposed.input, explanation };
}
