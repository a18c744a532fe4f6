/**
 * Parsing the options of the TensorFlow / Keras / TF.js dialect: the dialect and op names, per-axis
 * strides/dilations in TF's accepted forms, and the padding argument (keywords by dialect, tfjs
 * numbers, explicit pairs in dataFormat order). Arithmetic lives in tensorflow-arithmetic.ts.
 */
import { ConvError, counted, show } from './errors.js';
import { identityPermutation } from './layout-permute.js';
import { int } from './validate.js';

/** Whose rules apply: `tf.nn` ops, Keras layers (and `tf.nn.convolution`), or TensorFlow.js ops. */
export type TfDialect = 'tf' | 'keras' | 'tfjs';
/** The operation: a convolution, a transposed one, or a depthwise 2-D one (filter `[kH, kW, IC, multiplier]`). */
export type TfOp = 'conv' | 'convTranspose' | 'depthwise';
/** TensorFlow's layout names: channels last (`NHWC`, the default) or first (`NCHW`), per rank. */
export type TfDataFormat = 'NWC' | 'NCW' | 'NHWC' | 'NCHW' | 'NDHWC' | 'NCDHW';
/** TensorFlow.js's `dimRoundingMode`: how an output size with a fraction is rounded. */
export type TfRounding = 'trunc' | 'floor' | 'round' | 'ceil';
/**
 * A keyword, a number (tfjs), or one [before, after] pair per input dimension in dataFormat order.
 * The keywords by dialect: tf 'SAME' / 'VALID' (case-sensitive), Keras 'same' / 'valid' / 'causal'
 * (any case: Keras lower-cases it), tfjs 'same' / 'valid'. They are listed so an editor offers them;
 * any other string still type-checks (Keras's 'Same' is valid) and is refused at run time with the
 * dialect's own keywords.
 */
export type TfPadding = 'SAME' | 'VALID' | 'same' | 'valid' | 'causal' | (string & {}) | number | readonly (readonly number[])[];

export type PadKind =
  | { kind: 'same' }
  | { kind: 'valid' }
  | { kind: 'causal' }
  | { kind: 'number'; p: number }
  | { kind: 'explicit'; pairs: [number, number][] };

export interface Ctx {
  dialect: TfDialect;
  op: TfOp;
  /** The op's name in messages when it is not a convolution (the pooling dialect, tensorflow-pool.ts). */
  label?: string;
  rank: number;
  names: string[];
  rounding: TfRounding | undefined;
  /** tfjs 2-D numeric padding sizes every axis with this kernel extent and stride (the H axis's). */
  refKe: number;
  refStride: number;
}

export function opName(c: { dialect: TfDialect; op: TfOp; rank: number; label?: string }): string {
  if (c.label !== undefined) return c.label;
  if (c.dialect === 'tfjs') {
    if (c.op === 'depthwise') return 'tf.depthwiseConv2d';
    return c.op === 'conv' ? `tf.conv${c.rank}d` : `tf.conv${c.rank}dTranspose`;
  }
  if (c.dialect === 'keras') {
    if (c.op === 'depthwise') return 'keras DepthwiseConv2D';
    return c.op === 'conv' ? `keras Conv${c.rank}D` : `keras Conv${c.rank}DTranspose`;
  }
  if (c.op === 'depthwise') return 'tf.nn.depthwise_conv2d';
  return c.op === 'conv' ? `tf.nn.conv${c.rank}d` : `tf.nn.conv${c.rank}d_transpose`;
}

/**
 * strides / dilations: one value, one per spatial axis, or (tf) one per input dimension. `least`:
 * the smallest value the caller takes (1 for strides, 0 for an output padding), for int's hint.
 */
export function spatialOption(v: unknown, what: string, ctx: Ctx, channelsLast: boolean, least: number): number[] {
  const r = ctx.rank;
  if (v === undefined || v === null) return Array(r).fill(1);
  if (typeof v === 'number') return Array(r).fill(int(v, what, least));
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
    throw new ConvError('INVALID_OPTION', `${what} must be a number or a list of numbers, but got ${show(v)}`, { hint: `give one value or ${r}` });
  }
  const arr = Array.from(v as ArrayLike<unknown>).map((x, i) => int(x, `${what}[${i}]`, least));
  if (arr.length === 1) return Array(r).fill(arr[0]);
  if (arr.length === r) return arr;
  if (arr.length === r + 2 && ctx.dialect === 'tf') {
    const batchCh = channelsLast ? [arr[0], arr[r + 1]] : [arr[0], arr[1]];
    if (batchCh.some((x) => x !== 1)) {
      throw new ConvError('INVALID_OPTION', `${what} [${arr.join(', ')}] has ${batchCh.join(' and ')} at the batch and channel dimensions`, {
        values: { [what]: arr },
        hint: 'TensorFlow requires 1 at the batch and channel dimensions',
      });
    }
    return channelsLast ? arr.slice(1, r + 1) : arr.slice(2);
  }
  throw new ConvError('OPTION_LENGTH', `${what} has ${arr.length} values but ${opName(ctx)} has ${counted(r, 'spatial axis', 'spatial axes')}`, {
    values: { [what]: arr, rank: r },
    hint: `give 1 or ${r} values${ctx.dialect === 'tf' ? ` (or ${r + 2} with 1 at batch and channels)` : ''}`,
  });
}

export function parsePadding(v: unknown, ctx: Ctx, channelsLast: boolean): PadKind {
  const r = ctx.rank;
  const op = opName(ctx);
  if (typeof v === 'string') {
    if (ctx.dialect === 'tf') {
      if (v === 'SAME') return { kind: 'same' };
      if (v === 'VALID') return { kind: 'valid' };
      const hint = v.toUpperCase() === 'SAME' || v.toUpperCase() === 'VALID' ? `tf.nn ops are case-sensitive: use '${v.toUpperCase()}'` : "use 'SAME', 'VALID' or explicit [before, after] pairs";
      throw new ConvError('PADDING_STRING', `${op}: padding ${show(v)} is not one of "SAME", "VALID", "EXPLICIT" (explicit needs the pairs)`, { values: { padding: v }, hint });
    }
    if (ctx.dialect === 'keras') {
      const s = v.toLowerCase(); // Keras lower-cases the keyword.
      if (s === 'same') return { kind: 'same' };
      if (s === 'valid') return { kind: 'valid' };
      if (s === 'causal' && ctx.op === 'conv' && r === 1) return { kind: 'causal' };
      throw new ConvError('PADDING_STRING', `${op}: padding must be one of {'valid', 'same'${ctx.op === 'conv' && r === 1 ? ", 'causal'" : ''}}, but got ${show(v)}`, {
        values: { padding: v },
        hint: s === 'causal' ? "'causal' is for Conv1D only" : "use 'same' or 'valid'",
      });
    }
    if (v === 'same') return { kind: 'same' };
    if (v === 'valid') return { kind: 'valid' };
    throw new ConvError('PADDING_STRING', `${op}: unknown padding parameter ${show(v)}`, {
      values: { padding: v },
      hint: `tfjs takes lower-case 'same' or 'valid'${ctx.op === 'conv' && r === 3 ? ' or a number' : ', a number or explicit pairs'}`,
    });
  }
  if (typeof v === 'number') {
    if (ctx.dialect !== 'tfjs') {
      throw new ConvError('PADDING_STRING', `${op}: padding must be a keyword${ctx.dialect === 'tf' ? ' or explicit pairs' : ''}, not the number ${show(v)}`, {
        values: { padding: v },
        hint: ctx.dialect === 'tf' ? `give [[0, 0], [p, p], …, [0, 0]] for padding p` : "use 'same' or 'valid'",
      });
    }
    const p = int(v, 'padding', 0);
    if (p < 0) throw new ConvError('NEGATIVE_PADDING', `${op}: padding ${p} is negative`, { values: { padding: p }, hint: 'use padding ≥ 0 (tfjs does not check; convkit refuses)' });
    if (ctx.op === 'conv' && r === 1 && p !== 0) {
      // conv1d pads its dummy height axis too and then fails to reshape the taller result.
      throw new ConvError('PADDING_STRING', `tf.conv1d: numeric padding ${p} also pads the hidden height axis, and tfjs then fails to reshape its result`, {
        values: { padding: p },
        hint: "use 'same', 'valid', 0, or explicit pairs [[0,0],[0,0],[before,after],[0,0]]",
      });
    }
    return { kind: 'number', p };
  }
  if (Array.isArray(v)) {
    if (ctx.dialect === 'keras') throw new ConvError('PADDING_STRING', `${op}: padding must be 'same' or 'valid', not explicit pairs`, { hint: "use 'same' or 'valid'" });
    const is1dTfjs = ctx.dialect === 'tfjs' && r === 1;
    if (ctx.dialect === 'tfjs' && r === 3) throw new ConvError('PADDING_STRING', `${op}: explicit pairs are not supported by tfjs 3-D convolutions`, { hint: "use 'same', 'valid' or a number" });
    // tfjs conv1d passes the pairs to conv2d over [N, 1, W, C]: four pairs, the second for the dummy height.
    const dims = is1dTfjs ? 4 : r + 2;
    const pairs = v.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new ConvError('INVALID_OPTION', `${op}: explicit padding entry ${i} is ${show(pair)}, not a [before, after] pair`, { hint: `give ${dims} pairs in ${channelsLast ? 'channels-last' : 'channels-first'} order` });
      }
      return [int(pair[0], `padding[${i}][0]`, 0), int(pair[1], `padding[${i}][1]`, 0)] as [number, number];
    });
    if (pairs.length !== dims) {
      throw new ConvError('OPTION_LENGTH', `${op}: explicit padding has ${pairs.length} pairs but needs ${dims}`, {
        values: { padding: pairs },
        hint: `one [before, after] pair per input dimension in dataFormat order, with [0, 0] at batch and channels${is1dTfjs ? ' and at the dummy height axis of tf.conv1d' : ''}`,
      });
    }
    const spatialIdx = is1dTfjs ? [2] : channelsLast ? Array.from({ length: r }, (_, i) => i + 1) : Array.from({ length: r }, (_, i) => i + 2);
    const fixedIdx = identityPermutation(dims).filter((i) => !spatialIdx.includes(i));
    for (const i of fixedIdx) {
      if (pairs[i][0] !== 0 || pairs[i][1] !== 0) {
        throw new ConvError('INVALID_OPTION', `${op}: explicit padding pair ${i} is [${pairs[i].join(', ')}] but must be [0, 0] (batch/channel${is1dTfjs ? '/dummy height' : ''} dimension)`, {
          values: { padding: pairs },
          hint: 'pad only the spatial dimensions',
        });
      }
    }
    const spatial = spatialIdx.map((i) => pairs[i]);
    if (spatial.some(([b, e]) => b < 0 || e < 0)) {
      throw new ConvError('NEGATIVE_PADDING', `${op}: explicit padding ${show(spatial)} has a negative entry`, {
        values: { padding: spatial },
        hint: ctx.dialect === 'tf' ? 'TensorFlow requires all explicit paddings to be non-negative' : 'use pads ≥ 0 (tfjs does not check; convkit refuses)',
      });
    }
    return { kind: 'explicit', pairs: spatial };
  }
  throw new ConvError('INVALID_OPTION', `${op}: padding must be a keyword, a number or a list of pairs, but got ${show(v)}`, { hint: "e.g. 'SAME' (tf), 'same' (keras, tfjs)" });
}
