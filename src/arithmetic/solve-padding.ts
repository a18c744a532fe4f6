/**
 * solvePadding: the padding that gives a wanted output size.
 *
 * Direct: the total padding P must satisfy ⌊(i + P − k̂)/s⌋ + 1 = o, i.e. P ∈ [(o−1)s + k̂ − i,
 * (o−1)s + k̂ − i + s − 1]. We return the smallest symmetric padding in that range, or — when the
 * range holds only an odd total (stride 1) — the minimal asymmetric pair, the odd cell after (as
 * PyTorch's and TensorFlow's 'same' place it).
 * Transposed: o' = (i'−1)s − P + k̂ + a with 0 ≤ a < max(s, d); we return the smallest output
 * padding `a` for which a symmetric crop exists (or the given padding's `a`).
 * Every answer is checked by building its geometry.
 */
import { axisNames } from '../geometry/build.js';
import { directOutputSize, effectiveKernel, outputPaddingLimit, transposedFullSize, windowSpan } from '../geometry/sizes.js';
import { atMost, ConvError, ofRange } from '../geometry/errors.js';
import { convGeometry, convTransposeGeometry } from '../geometry/torch.js';
import type { ConvGeometry } from '../geometry/types.js';
import { axisName } from '../i18n/axis-name.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/index.js';
import { langOf } from '../i18n/index.js';
import { perAxisAtLeast } from './check.js';
import { checkSpecObject, rankOf } from '../geometry/options.js';

/** What `solvePadding` solves for: sizes in and out, kernel, and optionally stride, dilation, transposed. */
export interface SolvePaddingOptions {
  input: number | readonly number[];
  /** The wanted spatial output size. */
  output: number | readonly number[];
  kernel: number | readonly number[];
  stride?: number | readonly number[];
  dilation?: number | readonly number[];
  transposed?: boolean;
  /** Transposed only: keep this padding (crop) and solve the output padding alone. */
  padding?: number | readonly number[];
  rank?: number;
  lang?: Lang;
}

/** One axis of a {@link PaddingSolution}. */
export interface PaddingAxisSolution {
  axis: string;
  input: number;
  output: number;
  kernel: number;
  stride: number;
  dilation: number;
  /** Whether a symmetric padding exists (then pads[0] === pads[1]). */
  symmetric: boolean;
  /** The symmetric padding, or null when only an asymmetric one gives the size. */
  padding: number | null;
  /** `[before, after]`: what to use. */
  pads: [number, number];
  /** Transposed: the output padding (`a`); 0 for direct. */
  outputPadding: number;
}

/** The padding (and output padding) found, per axis and as options ready to pass on. */
export interface PaddingSolution {
  transposed: boolean;
  rank: number;
  axes: PaddingAxisSolution[];
  /** Ready for the options of conv*d / convTranspose*d: numbers when symmetric, else [before, after] pairs. */
  padding: number[] | [number, number][];
  outputPadding: number[];
  /** The output sizes of the geometry built from the answer (equal to the wanted ones). */
  output: number[];
  geometry: ConvGeometry;
  lines: string[];
}

const KEYS = ['input', 'output', 'kernel', 'stride', 'dilation', 'transposed', 'padding', 'rank', 'lang'];

function impossible(axis: string, message: string, hint: string, values: Record<string, unknown>): ConvError {
  return new ConvError('OUTPUT_SIZE', `${message} on axis ${axis}`, { axis, values, hint });
}

function solveDirectAxis(name: string, i: number, o: number, k: number, s: number, d: number): PaddingAxisSolution {
  const ke = effectiveKernel(k, d);
  const lo = windowSpan(o, s, ke) - i;
  const hi = lo + s - 1;
  if (hi < 0) {
    const smallest = directOutputSize(i, k, s, d, 0, 0);
    throw impossible(name, `output ${o} is smaller than ${smallest}, the output with no padding`, `ask for an output of at least ${smallest}, or use a larger stride, kernel or dilation`, { input: i, output: o, kernel: k, stride: s, dilation: d });
  }
  const from = Math.max(lo, 0);
  const even = from % 2 === 0 ? from : from + 1;
  const base = { axis: name, input: i, output: o, kernel: k, stride: s, dilation: d, outputPadding: 0 };
  if (even <= hi) return { ...base, symmetric: true, padding: even / 2, pads: [even / 2, even / 2] };
  const before = Math.floor(from / 2);
  return { ...base, symmetric: false, padding: null, pads: [before, from - before] };
}

function solveTransposedAxis(name: string, i: number, o: number, k: number, s: number, d: number, fixed: number | undefined): PaddingAxisSolution {
  const maxA = outputPaddingLimit(s, d) - 1;
  const full = transposedFullSize(i, k, s, d); // output before crop and output padding
  const base = { axis: name, input: i, output: o, kernel: k, stride: s, dilation: d };
  if (fixed !== undefined) {
    const a = o - (full - 2 * fixed);
    if (a < 0 || a > maxA) {
      const min = full - 2 * fixed;
      const values = { input: i, output: o, kernel: k, stride: s, dilation: d, padding: fixed };
      if (min + maxA < 1) {
        // This padding crops the whole output away: no output size to offer, so name the paddings
        // that give the wanted one (a = o − (full − 2p) within 0…maxA), if any.
        const least = Math.max(0, Math.ceil((full - o) / 2));
        const most = Math.floor((full - o + maxA) / 2);
        const hint = o > full + maxA
          ? `ask for an output of ${atMost(full + maxA, 1)}, or use a larger stride, kernel or dilation`
          : least <= most
            ? `use padding ${least === most ? least : `${least} to ${most}`}, or leave the padding out to solve it too`
            : 'leave the padding out to solve it (no padding equal on both sides gives it)';
        throw impossible(name, `padding ${fixed} crops the whole output away (its size would be at most ${min + maxA}), so it cannot be ${o}`, hint, values);
      }
      const lo = Math.max(1, min);
      const can = min + maxA <= lo ? `only be ${lo}` : `be ${lo} to ${min + maxA}`;
      throw impossible(name, `with padding ${fixed} the output can ${can}, not ${o}`, `ask for an output ${ofRange(lo, min + maxA)}, or leave the padding out to solve it too`, values);
    }
    return { ...base, symmetric: true, padding: fixed, pads: [fixed, fixed], outputPadding: a };
  }
  let firstAsym: number | null = null;
  for (let a = 0; a <= maxA; a++) {
    const P = full + a - o;
    if (P < 0) continue;
    if (P % 2 === 0) return { ...base, symmetric: true, padding: P / 2, pads: [P / 2, P / 2], outputPadding: a };
    if (firstAsym === null) firstAsym = a;
  }
  if (firstAsym === null) {
    throw impossible(name, `output ${o} is larger than ${full + maxA}, the largest a transposed convolution of input ${i} reaches`, `ask for an output of ${atMost(full + maxA, 1)}, or use a larger stride, kernel or dilation`, { input: i, output: o, kernel: k, stride: s, dilation: d });
  }
  const P = full + firstAsym - o;
  const before = Math.floor(P / 2);
  return { ...base, symmetric: false, padding: null, pads: [before, P - before], outputPadding: firstAsym };
}

/**
 * The padding (and, transposed, output padding) that gives the wanted output size; checked by
 * building the geometry. Symmetric when one exists, else the minimal `[before, after]` pair with
 * the odd cell after.
 *
 * @example
 * ```ts
 * import { solvePadding } from 'convkit';
 * solvePadding({ input: 64, output: 32, kernel: 3, stride: 2, rank: 1 }).padding; //=> [1]
 * solvePadding({ input: 8, output: 8, kernel: 4, rank: 1 }).padding;             //=> [[1, 2]]
 * const up = solvePadding({ input: 32, output: 64, kernel: 3, stride: 2, transposed: true, rank: 1 });
 * [up.padding, up.outputPadding]; //=> [[1], [1]]
 * ```
 */
export function solvePadding(options: SolvePaddingOptions): PaddingSolution {
  const o = checkSpecObject(options, KEYS, 'solvePadding');
  const lang = langOf(o.lang);
  for (const key of ['input', 'output', 'kernel']) {
    if (o[key] === undefined || o[key] === null) throw new ConvError('INVALID_OPTION', `${key} size is missing`, { hint: `give ${key}: 5 or ${key}: [5, 5]` });
  }
  const rank = rankOf({ ...o, outputSize: o.output });
  const input = perAxisAtLeast(o.input, 'input', rank, 0, 1);
  const output = perAxisAtLeast(o.output, 'output', rank, 0, 1);
  const kernel = perAxisAtLeast(o.kernel, 'kernel', rank, 0, 1);
  const stride = perAxisAtLeast(o.stride, 'stride', rank, 1, 1);
  const dilation = perAxisAtLeast(o.dilation, 'dilation', rank, 1, 1);
  const transposed = o.transposed === true;
  if (o.transposed !== undefined && typeof o.transposed !== 'boolean') {
    throw new ConvError('INVALID_OPTION', 'transposed must be true or false', { values: { transposed: o.transposed }, hint: 'give transposed: true or leave it out' });
  }
  let fixed: number[] | undefined;
  if (o.padding !== undefined && o.padding !== null) {
    if (!transposed) throw new ConvError('INVALID_OPTION', 'padding is what solvePadding finds for a direct convolution', { hint: 'leave padding out (it is given only to solve a transposed convolution’s output padding)' });
    fixed = perAxisAtLeast(o.padding, 'padding', rank, 0, 0);
  }
  const names = axisNames(rank);
  const axes = names.map((name, ax) =>
    transposed
      ? solveTransposedAxis(name, input[ax], output[ax], kernel[ax], stride[ax], dilation[ax], fixed?.[ax])
      : solveDirectAxis(name, input[ax], output[ax], kernel[ax], stride[ax], dilation[ax]),
  );
  const allSymmetric = axes.every((a) => a.symmetric);
  const padding = allSymmetric ? axes.map((a) => a.pads[0]) : axes.map((a) => [...a.pads] as [number, number]);
  const outputPadding = axes.map((a) => a.outputPadding);
  const shapes = { inputShape: [1, 1, ...input], weightShape: [1, 1, ...kernel] };
  const geometry = transposed
    ? convTransposeGeometry(shapes, { stride, dilation, padding, outputPadding }, rank)
    : convGeometry(shapes, { stride, dilation, padding }, rank);
  const got = geometry.axes.map((a) => a.output);
  if (got.some((g, i) => g !== output[i])) throw new Error(`solvePadding: internal error, geometry gives ${got} for wanted ${output}`);
  const lines = axes.map((a) => {
    const vars = { axis: axisName(lang, a.axis), p: a.pads[0], before: a.pads[0], after: a.pads[1], a: a.outputPadding, o: a.output };
    if (transposed) return t(lang, a.symmetric ? 'solve.padding.transposed' : 'solve.padding.transposedAsymmetric', vars);
    return t(lang, a.symmetric ? 'solve.padding.symmetric' : 'solve.padding.asymmetric', vars);
  });
  return { transposed, rank, axes, padding, outputPadding, output: got, geometry, lines };
}
