/**
 * The guide's notation for a transposed convolution, both ways.
 *
 * Dumoulin & Visin describe a transposed convolution by the direct convolution that computes it:
 * stride 1 over the input with s − 1 zeros inserted between cells (hence "stride 1/s", a
 * fractionally strided convolution), padded with p′ zeros on each side (and `a` more after), with
 * the kernel flipped. PyTorch states the same layer by s, the crop p and the output padding a.
 * `guideNotation` reads the guide's numbers off the geometry's equivalent direct conv
 * (`axis.equivalent`); `fromGuideNotation` turns the guide's numbers into PyTorch's options through
 * the geometry's own rule (`transposedCropOf`, beside the forward rule) and checks the result by
 * building it.
 */
import { transposedCropOf, effectiveKernel } from '../geometry/sizes.js';
import { ConvError, show } from '../geometry/errors.js';
import { paddingArgument } from '../geometry/axis-kind.js';
import type { ConvGeometry } from '../geometry/types.js';
import { int, perAxis } from '../geometry/validate.js';
import { resolveSpec, rankOf } from '../geometry/options.js';
import type { ConvSpecOptions } from '../geometry/options.js';

/** One axis in the guide's words. */
export interface GuideAxisNotation {
  axis: string;
  transposed: boolean;
  /** PyTorch's stride s (for a transposed axis the guide's stride is 1/s). */
  stride: number;
  /** The stride as the guide writes it: "2" for a direct conv, "1/2" for a transposed one (s = 2), "1" for s = 1. */
  guideStride: string;
  /** Zeros inserted between neighbouring input cells (s − 1 when transposed, else 0). */
  insertedZeros: number;
  /** Input after the insertion (ĩ′), or the input itself for a direct conv. */
  stretchedInput: number;
  kernel: number;
  dilation: number;
  /** The guide's padding: p′ before and after (without `a`) for a transposed axis; p for a direct one. */
  guidePadding: [number, number];
  /** The `a` extra cells after p′ (PyTorch's output padding); 0 for a direct conv. */
  a: number;
  /** PyTorch's padding [before, after]: the zero padding (direct) or the crop (transposed). */
  padding: [number, number];
  /** Whether the equivalent conv reads the kernel rotated by 180° (transposed). */
  flipped: boolean;
  input: number;
  output: number;
}

/**
 * Per axis: the guide's numbers beside PyTorch's, read off the geometry's equivalent direct conv.
 *
 * @example
 * ```ts
 * import { guideNotation } from 'convkit';
 * const [h] = guideNotation({ input: 2, kernel: 3, transposed: true });
 * // p′ = 2 in the guide's words is PyTorch's padding 0:
 * h; //=> { guidePadding: [2, 2], padding: [0, 0], output: 4 }
 * guideNotation({ input: 2, kernel: 3, stride: 2, transposed: true })[0].guideStride; //=> '1/2'
 * ```
 */
export function guideNotation(input: ConvGeometry | ConvSpecOptions): GuideAxisNotation[] {
  const g = isGeometry(input) ? input : geometryOf(input);
  return g.axes.map((a) => {
    const e = a.equivalent;
    return {
      axis: a.name,
      transposed: a.transposed,
      stride: a.stride,
      guideStride: a.transposed ? (a.stride === 1 ? '1' : `1/${a.stride}`) : String(a.stride),
      insertedZeros: e.insertedZeros,
      stretchedInput: e.dilatedInput,
      kernel: a.kernel,
      dilation: a.dilation,
      guidePadding: a.transposed ? [e.padBefore, e.padAfter - a.outputPadding] : [a.padBefore, a.padAfter],
      a: a.outputPadding,
      padding: paddingArgument(a),
      flipped: e.flipped,
      input: a.input,
      output: a.output,
    };
  });
}

/** A transposed convolution in the guide's numbers. */
export interface GuideTransposeOptions {
  /** i′: the transposed conv's input size (one number or one per axis). */
  input: number | readonly number[];
  kernel: number | readonly number[];
  /**
   * The guide's stride: "1/2" (fractional: one zero between cells), or PyTorch's s as a number or
   * a string ("2" means the same as "1/2"). One value or one per axis. Default 1.
   */
  stride?: number | string | readonly (number | string)[];
  /**
   * p′: the zeros around the (zero-inserted) input of the equivalent direct conv, one number, one
   * per axis, or [before, after] pairs per axis. Default 0.
   */
  padding?: number | readonly (number | readonly [number, number])[];
  /** a: extra zeros after p′ (PyTorch's output padding). Default 0. */
  a?: number | readonly number[];
  dilation?: number | readonly number[];
  inChannels?: number;
  outChannels?: number;
  groups?: number;
  bias?: boolean;
  rank?: number;
}

/** What {@link fromGuideNotation} returns: PyTorch's options, the geometry, and the layer read back in the guide's words. */
export interface GuideConversion {
  /** PyTorch's options of the same layer (explain-style; `padding` is the crop). */
  options: ConvSpecOptions & { transposed: true; stride: number[]; padding: number[] | [number, number][]; outputPadding: number[] };
  geometry: ConvGeometry;
  /** The layer read back in the guide's words (equal to what was given). */
  notation: GuideAxisNotation[];
}

const GUIDE_KEYS = ['input', 'kernel', 'stride', 'padding', 'a', 'dilation', 'inChannels', 'outChannels', 'groups', 'bias', 'rank'];

/**
 * The guide's description of a transposed convolution → PyTorch's options (and the geometry).
 * Refusals are ConvErrors that say what would be valid: a stride like "2/3", or a p′ outside
 * 0 … k̂ − 1 (above, PyTorch's padding would be negative; below, the guide would crop, which it
 * never writes).
 *
 * @example
 * ```ts
 * import { fromGuideNotation } from 'convkit';
 * // "a transposed convolution of a 2×2 input with a 3×3 kernel and padding 2" (the guide's p′):
 * fromGuideNotation({ input: 2, kernel: 3, padding: 2 }).options.padding; //=> [0, 0]
 * // "stride 1/2" is PyTorch's stride 2:
 * fromGuideNotation({ input: 2, kernel: 3, stride: '1/2', padding: 2 }).options.stride; //=> [2, 2]
 * ```
 */
export function fromGuideNotation(options: GuideTransposeOptions): GuideConversion {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConvError('INVALID_OPTION', `options must be an object, but got ${show(options)}`, { hint: "e.g. { input: 2, kernel: 3, stride: '1/2', padding: 2 }" });
  }
  const o = options as unknown as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!GUIDE_KEYS.includes(key)) {
      throw new ConvError('INVALID_OPTION', `unknown option ${show(key)} for the guide's notation`, { values: { [key]: o[key] }, hint: `use ${GUIDE_KEYS.join(', ')}` });
    }
  }
  const rank = rankOf({ ...o, stride: Array.isArray(o.stride) ? o.stride : undefined, outputPadding: o.a });
  const names = rank === 1 ? ['L'] : rank === 2 ? ['H', 'W'] : ['D', 'H', 'W'];
  const kernel = perAxis(o.kernel, 'kernel', rank, 1, 1);
  const dilation = perAxis(o.dilation, 'dilation', rank, 1, 1);
  const a = perAxis(o.a, 'a', rank, 0, 0);
  const stride = strides(o.stride, rank, names);
  const pPrime = guidePads(o.padding, rank);
  const padding = pPrime.map(([before, after], i) => {
    const ke = effectiveKernel(kernel[i], dilation[i]);
    const most = guidePaddingMost(kernel[i], dilation[i]);
    const values = { padding: [before, after], kernel: kernel[i], dilation: dilation[i], effectiveKernel: ke };
    const range = `use p′ from 0 to ${most} (PyTorch's padding ${most} to 0)`;
    // The guide's p′ counts zeros added around the input: below 0 it would crop, which the guide
    // never writes (its hint's range starts at 0, so the refusal keeps to the range it states).
    if (before < 0 || after < 0) {
      const low = Math.min(before, after);
      throw new ConvError('NEGATIVE_PADDING', `the guide's padding p′ = ${low} on axis ${names[i]} is negative: p′ counts zeros added around the input`, { axis: names[i], values, hint: range });
    }
    if (before > most || after > most) {
      const big = Math.max(before, after);
      throw new ConvError('NEGATIVE_PADDING', `the guide's padding p′ = ${big} on axis ${names[i]} is more than k̂ − 1 = ${most} (kernel ${kernel[i]}${dilation[i] > 1 ? ` dilated by ${dilation[i]}` : ''}): no transposed convolution pads that much`, {
        axis: names[i],
        values,
        hint: `${range}, or a direct convolution with padding ${big} when no zeros are inserted`,
      });
    }
    return [transposedCropOf(ke, before), transposedCropOf(ke, after)] as [number, number];
  });
  const symmetric = padding.every(([b, af]) => b === af);
  const torch = {
    input: o.input as number | number[],
    kernel,
    stride,
    padding: symmetric ? padding.map(([b]) => b) : padding,
    dilation,
    outputPadding: a,
    transposed: true as const,
    rank,
    ...(o.inChannels !== undefined ? { inChannels: o.inChannels as number } : {}),
    ...(o.outChannels !== undefined ? { outChannels: o.outChannels as number } : {}),
    ...(o.groups !== undefined ? { groups: o.groups as number } : {}),
    ...(o.bias !== undefined ? { bias: o.bias as boolean } : {}),
  };
  const geometry = geometryOf(torch);
  const notation = guideNotation(geometry);
  notation.forEach((n, i) => {
    if (n.guidePadding[0] !== pPrime[i][0] || n.guidePadding[1] !== pPrime[i][1] || n.stride !== stride[i]) {
      throw new Error(`fromGuideNotation: internal error, axis ${n.axis} reads back as p′ ${n.guidePadding}, s ${n.stride}`);
    }
  });
  return { options: torch, geometry, notation };
}

/**
 * The largest p′ the guide writes for a kernel of `kernel` taps at `dilation`: k̂ − 1 (PyTorch's
 * padding 0). Its p′ runs from 0 to this; {@link fromGuideNotation} refuses the rest, and a form
 * that takes p′ states the same range from here.
 */
export function guidePaddingMost(kernel: number, dilation = 1): number {
  return transposedCropOf(effectiveKernel(kernel, dilation), 0);
}

function isGeometry(v: unknown): v is ConvGeometry {
  return v !== null && typeof v === 'object' && Array.isArray((v as ConvGeometry).axes) && Array.isArray((v as ConvGeometry).weightShape);
}

function geometryOf(options: ConvSpecOptions): ConvGeometry {
  const r = resolveSpec(options);
  if (r.kind !== 'conv') throw new ConvError('INVALID_OPTION', 'the guide notation describes convolutions, not pooling', { hint: 'leave pool out' });
  return r.geometry;
}

/** "1/2" → 2, "2" → 2, 2 → 2; anything else (2/3, 0, 1/0) is refused with the forms that work. */
function parseStride(v: unknown, axis: string): number {
  if (typeof v === 'number') return strideInt(v, v, axis);
  if (typeof v === 'string') {
    const m = /^\s*(\d+)\s*(?:\/\s*(\d+)\s*)?$/.exec(v);
    if (m) {
      const top = Number(m[1]);
      const bottom = m[2] === undefined ? 1 : Number(m[2]);
      if (m[2] === undefined) return strideInt(top, v, axis);
      if (top === 1 && bottom >= 1) return strideInt(bottom, v, axis);
      if (bottom === 1) return strideInt(top, v, axis);
    }
  }
  throw new ConvError('STRIDE', `stride ${show(v)} on axis ${axis} is not a stride the guide uses`, {
    axis,
    values: { stride: v },
    hint: 'write a whole number s, or a fraction 1/s for a transposed convolution (s − 1 zeros between input cells), e.g. "1/2"',
  });
}

function strideInt(s: number, given: unknown, axis: string): number {
  if (!Number.isInteger(s) || s < 1) {
    throw new ConvError('STRIDE', `stride ${show(given)} on axis ${axis} must be at least 1`, { axis, values: { stride: given }, hint: 'use s ≥ 1, or 1/s for a transposed convolution, e.g. "1/2"' });
  }
  return s;
}

function strides(v: unknown, rank: number, names: string[]): number[] {
  if (v === undefined || v === null) return Array(rank).fill(1);
  if (Array.isArray(v)) {
    if (v.length !== 1 && v.length !== rank) {
      throw new ConvError('OPTION_LENGTH', `stride has ${v.length} values but the convolution has ${rank} spatial axes`, { values: { stride: v }, hint: `give one stride or ${rank}` });
    }
    return names.map((n, i) => parseStride(v.length === 1 ? v[0] : v[i], n));
  }
  return names.map((n) => parseStride(v, n));
}

function guidePads(v: unknown, rank: number): [number, number][] {
  if (v === undefined || v === null) return Array.from({ length: rank }, () => [0, 0]);
  if (typeof v === 'number') {
    const p = int(v, 'padding');
    return Array.from({ length: rank }, () => [p, p]);
  }
  if (Array.isArray(v) && (v.length === rank || v.length === 1)) {
    const per = v.length === 1 ? Array(rank).fill(v[0]) : v;
    return per.map((x: unknown, i: number): [number, number] => {
      if (Array.isArray(x) && x.length === 2) return [int(x[0], `padding[${i}][0]`), int(x[1], `padding[${i}][1]`)];
      const p = int(x, `padding[${i}]`);
      return [p, p];
    });
  }
  throw new ConvError('OPTION_LENGTH', `padding ${show(v)} must be one number, one per axis, or [before, after] pairs per axis`, { values: { padding: v }, hint: `give p′ as a number or ${rank} values` });
}
