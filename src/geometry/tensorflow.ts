/**
 * TensorFlow / Keras / TensorFlow.js dialect: a framework's description of a convolution
 * (channels-last shapes, filter [k…, in, out], 'SAME'/'VALID'/explicit/numeric padding, output_shape)
 * resolved to a ConvGeometry plus the layout permutations to move its tensors (semantics.md §3, §4, §6).
 *
 * Three dialects, because they disagree:
 *  - 'tf'    tf.nn.conv1d/conv2d/conv3d/conv_transpose/depthwise_conv2d: 'SAME' | 'VALID' (upper case)
 *            or explicit pairs; the raw convs accept stride > 1 together with dilation > 1.
 *  - 'keras' tf.nn.convolution and Keras Conv*D/Conv*DTranspose/DepthwiseConv2D: 'same' | 'valid' |
 *            'causal' (Conv1D); refuses strides > 1 with dilation_rate > 1; transposed output from
 *            output_padding.
 *  - 'tfjs'  TensorFlow.js ops: 'same' | 'valid' | a number | explicit pairs, dimRoundingMode, no groups,
 *            "either strides or dilations must be 1", no dilation on conv2dTranspose, and its quirks
 *            (numeric pad sizes every axis with the first axis's kernel/stride; conv3d 'same' does not
 *            clamp the padding at 0).
 */
import { ConvError, show } from './errors.js';
import { axisNames, effectiveKernel } from './build.js';
import { finishDialect, type DialectGeometry } from './dialect-result.js';
import { channelsFirstToLast, channelsLastToFirst, identityPermutation } from './layout-permute.js';
import type { CanonicalAxis } from './types.js';
import { int, shapeOf } from './validate.js';

export type TfDialect = 'tf' | 'keras' | 'tfjs';
export type TfOp = 'conv' | 'convTranspose' | 'depthwise';
export type TfDataFormat = 'NWC' | 'NCW' | 'NHWC' | 'NCHW' | 'NDHWC' | 'NCDHW';
export type TfRounding = 'trunc' | 'floor' | 'round' | 'ceil';
/** A keyword, a number (tfjs), or one [before, after] pair per input dimension in dataFormat order. */
export type TfPadding = string | number | readonly (readonly number[])[];

export interface TensorFlowConvSpec {
  /** Which API's rules apply (default 'tf'). */
  dialect?: TfDialect;
  op: TfOp;
  /** In dataFormat order: [N, spatial…, C] or [N, C, spatial…]; tfjs also takes an unbatched [spatial…, C]. */
  inputShape: readonly number[];
  /** conv [k…, IC/g, OC]; convTranspose [k…, OC, IC]; depthwise [kH, kW, IC, multiplier]. */
  filterShape: readonly number[];
  /** One value, one per spatial axis, or (tf) one per input dimension with 1 at batch and channels. */
  strides?: number | readonly number[];
  padding: TfPadding;
  dilations?: number | readonly number[];
  dataFormat?: TfDataFormat;
  /** Transposed: the output's spatial sizes, or its full shape in dataFormat order. Required for tf and tfjs. */
  outputShape?: readonly number[];
  /** Keras Conv*DTranspose only: picks the output size as Keras does (semantics.md §3.7). */
  outputPadding?: number | readonly number[];
  /** tfjs only: how an output size with a fraction is rounded (default 'trunc', tfjs's `undefined`). */
  dimRoundingMode?: TfRounding;
}

const DIALECTS: readonly TfDialect[] = ['tf', 'keras', 'tfjs'];
const OPS: readonly TfOp[] = ['conv', 'convTranspose', 'depthwise'];
const ROUNDINGS: readonly TfRounding[] = ['trunc', 'floor', 'round', 'ceil'];
const LAST: Record<number, TfDataFormat> = { 1: 'NWC', 2: 'NHWC', 3: 'NDHWC' };
const FIRST: Record<number, TfDataFormat> = { 1: 'NCW', 2: 'NCHW', 3: 'NCDHW' };

type PadKind =
  | { kind: 'same' }
  | { kind: 'valid' }
  | { kind: 'causal' }
  | { kind: 'number'; p: number }
  | { kind: 'explicit'; pairs: [number, number][] };

interface Ctx {
  dialect: TfDialect;
  op: TfOp;
  rank: number;
  names: string[];
  rounding: TfRounding | undefined;
  /** tfjs 2-D numeric padding sizes every axis with this kernel extent and stride (the H axis's). */
  refKe: number;
  refStride: number;
}

function opName(c: { dialect: TfDialect; op: TfOp; rank: number }): string {
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

function roundBy(v: number, mode: TfRounding | undefined): number {
  switch (mode) {
    case 'floor':
      return Math.floor(v);
    case 'round':
      return Math.round(v);
    case 'ceil':
      return Math.ceil(v);
    default:
      return Math.trunc(v);
  }
}

/** strides / dilations: one value, one per spatial axis, or (tf) one per input dimension. */
function spatialOption(v: unknown, what: string, ctx: Ctx, channelsLast: boolean): number[] {
  const r = ctx.rank;
  if (v === undefined || v === null) return Array(r).fill(1);
  if (typeof v === 'number') return Array(r).fill(int(v, what));
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
    throw new ConvError('INVALID_OPTION', `${what} must be a number or a list of numbers, but got ${show(v)}`, { hint: `give one value or ${r}` });
  }
  const arr = Array.from(v as ArrayLike<unknown>).map((x, i) => int(x, `${what}[${i}]`));
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
  throw new ConvError('OPTION_LENGTH', `${what} has ${arr.length} values but ${opName(ctx)} has ${r} spatial ${r === 1 ? 'axis' : 'axes'}`, {
    values: { [what]: arr, rank: r },
    hint: `give 1 or ${r} values${ctx.dialect === 'tf' ? ` (or ${r + 2} with 1 at batch and channels)` : ''}`,
  });
}

function parsePadding(v: unknown, ctx: Ctx, channelsLast: boolean): PadKind {
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
    const p = int(v, 'padding');
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
      return [int(pair[0], `padding[${i}][0]`), int(pair[1], `padding[${i}][1]`)] as [number, number];
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

interface Forward {
  /** Padding before/after as the framework computes it (may be negative for tfjs conv3d 'same'). */
  pb: number;
  pa: number;
  out: number;
}

/** Forward convolution size and padding on one axis, by the dialect's own arithmetic. */
function forwardAxis(pad: PadKind, input: number, ke: number, stride: number, ax: number, ctx: Ctx): Forward {
  const tfjs = ctx.dialect === 'tfjs';
  switch (pad.kind) {
    case 'same': {
      const out = Math.ceil(input / stride);
      let total = (out - 1) * stride + ke - input;
      // TF and 2-D tfjs clamp at 0; tfjs's 3-D path (get3DPadAndOutInfo) does not (semantics.md §4.4).
      if (!(tfjs && ctx.rank === 3)) total = Math.max(0, total);
      const pb = Math.floor(total / 2);
      return { pb, pa: total - pb, out };
    }
    case 'valid':
      // TF: (I − Ke + s) / s in C++ integer division; tfjs: ceil((I − Ke + 1) / s).
      return { pb: 0, pa: 0, out: tfjs ? Math.ceil((input - ke + 1) / stride) : Math.trunc((input - ke + stride) / stride) };
    case 'causal':
      return { pb: ke - 1, pa: 0, out: Math.floor((input - 1) / stride) + 1 };
    case 'number': {
      const p = pad.p;
      if (ctx.rank === 3) {
        // computeOutputShape4D: an axis whose padded input is shorter than the kernel gets size 0.
        return { pb: p, pa: p, out: input + 2 * p >= ke ? roundBy((input - ke + 2 * p) / stride + 1, ctx.rounding) : 0 };
      }
      // computeOutputShape2D sizes every axis with the first axis's kernel and stride (a tfjs quirk).
      return { pb: p, pa: p, out: roundBy((input - ctx.refKe + 2 * p) / ctx.refStride + 1, ctx.rounding) };
    }
    case 'explicit': {
      const [pb, pa] = pad.pairs[ax];
      const out = tfjs ? roundBy((input - ke + pb + pa) / stride + 1, ctx.rounding) : Math.trunc((input + pb + pa - ke + stride) / stride);
      return { pb, pa, out };
    }
  }
}

/**
 * The padding after that makes floor((I + pb + pa − Ke)/s) + 1 equal the framework's size `out`:
 * the nominal one when it already does, else the cells the framework actually reads (rounding up
 * reads zeros past the end; the quirks above may read fewer).
 */
function effectiveAfter(f: Forward, input: number, ke: number, stride: number): number {
  const nominal = Math.floor((input + f.pb + f.pa - ke) / stride) + 1;
  return nominal === f.out && input + f.pb + f.pa >= ke ? f.pa : (f.out - 1) * stride + ke - input - f.pb;
}

function spatialOf(shape: number[], channelsLast: boolean, batched: boolean, r: number): number[] {
  const start = batched ? (channelsLast ? 1 : 2) : 0;
  return shape.slice(start, start + r);
}

export function fromTensorFlow(spec: TensorFlowConvSpec): DialectGeometry {
  if (spec === null || typeof spec !== 'object') throw new ConvError('INVALID_OPTION', `fromTensorFlow needs an options object, but got ${show(spec)}`, { hint: "e.g. { op: 'conv', inputShape, filterShape, padding: 'SAME' }" });
  const dialect = spec.dialect ?? 'tf';
  if (!DIALECTS.includes(dialect)) throw new ConvError('INVALID_OPTION', `unknown TensorFlow dialect ${show(dialect)}`, { hint: `use one of ${DIALECTS.join(', ')}` });
  const op = spec.op;
  if (!OPS.includes(op)) throw new ConvError('INVALID_OPTION', `unknown op ${show(op)}`, { hint: `use one of ${OPS.join(', ')}` });
  const filter = shapeOf(spec.filterShape, 'filterShape');
  const r = filter.length - 2;
  if (r < 1 || r > 3) {
    throw new ConvError('WEIGHT_RANK', `filterShape [${filter.join(', ')}] has ${Math.max(r, 0)} spatial axes`, { values: { filterShape: filter }, hint: 'convkit handles 1 to 3 spatial axes: a filter of 3 to 5 dimensions' });
  }
  const ctxBase = { dialect, op, rank: r };
  if (op === 'depthwise' && r !== 2) throw new ConvError('WEIGHT_RANK', `${opName(ctxBase)} takes a 4-D filter [kH, kW, IC, multiplier], but got [${filter.join(', ')}]`, { values: { filterShape: filter } });
  if (dialect === 'tfjs' && op === 'convTranspose' && r === 1) throw new ConvError('WEIGHT_RANK', 'tfjs has no conv1dTranspose', { hint: 'use a 2-D transposed convolution with a height of 1' });

  // Data format: channels-last unless stated; tfjs supports fewer formats than TF.
  const format = spec.dataFormat ?? LAST[r];
  if (format !== LAST[r] && format !== FIRST[r]) {
    throw new ConvError('INVALID_OPTION', `${opName(ctxBase)}: dataFormat ${show(format)} does not fit ${r} spatial axes`, { values: { dataFormat: format }, hint: `use ${LAST[r]} or ${FIRST[r]}` });
  }
  const channelsLast = format === LAST[r];
  if (dialect === 'tfjs' && !channelsLast && !(op === 'conv' && r === 2)) {
    throw new ConvError('INVALID_OPTION', `${opName(ctxBase)}: got dataFormat ${format} but only ${LAST[r]} is supported`, { values: { dataFormat: format }, hint: `use ${LAST[r]}` });
  }

  const input = shapeOf(spec.inputShape, 'inputShape');
  let batched: boolean;
  if (input.length === r + 2) batched = true;
  else if (input.length === r + 1 && dialect === 'tfjs' && !(op === 'conv' && r === 2 && !channelsLast)) batched = false;
  else {
    throw new ConvError('INPUT_RANK', `${opName(ctxBase)}: input of shape [${input.join(', ')}] should have ${r + 2} dimensions (${format})`, {
      values: { inputShape: input },
      hint: `give the input as ${format}${dialect === 'tfjs' ? ' (or unbatched, without N)' : ''}`,
    });
  }
  const N = batched ? input[0] : 1;
  const C = channelsLast ? input[input.length - 1] : input[1];
  const spatialIn = spatialOf(input, channelsLast, batched, r);
  const names = axisNames(r);
  spatialIn.forEach((v, i) => {
    if (v === 0) throw new ConvError('EMPTY_INPUT', `input axis ${names[i]} has size 0`, { axis: names[i], values: { inputShape: input }, hint: 'only the batch or channel dimension may be 0' });
  });

  const ctx: Ctx = { ...ctxBase, names, rounding: undefined, refKe: 1, refStride: 1 };
  const strides = spatialOption(spec.strides, 'strides', ctx, channelsLast);
  const dilations = spatialOption(spec.dilations, 'dilations', ctx, channelsLast);
  const kernel = filter.slice(0, r);
  strides.forEach((s, i) => {
    if (s <= 0) throw new ConvError('STRIDE', `${opName(ctx)}: stride ${s} on axis ${names[i]} must be larger than 0`, { axis: names[i], values: { strides }, hint: 'use strides ≥ 1' });
  });
  dilations.forEach((d, i) => {
    if (d <= 0) throw new ConvError('DILATION', `${opName(ctx)}: dilation ${d} on axis ${names[i]} must be larger than 0`, { axis: names[i], values: { dilations }, hint: 'use dilations ≥ 1' });
  });
  kernel.forEach((k, i) => {
    if (k === 0) throw new ConvError('KERNEL_SIZE', `filter size on axis ${names[i]} is 0`, { axis: names[i], values: { filterShape: filter }, hint: 'use kernel sizes ≥ 1' });
  });
  const anyStride = strides.some((s) => s > 1);
  const anyDilation = dilations.some((d) => d > 1);
  if (dialect === 'tfjs' && op === 'convTranspose' && anyDilation) {
    throw new ConvError('DILATION', `${opName(ctx)} has no dilation argument, but dilations [${dilations.join(', ')}] were given`, { values: { dilations }, hint: 'use dilations 1 (tfjs transposed convolutions are not dilated)' });
  }
  // tf.nn.convolution, Keras Conv/Depthwise, tf.nn.depthwise_conv2d and every tfjs op: all strides 1 or all dilations 1.
  const strideDilationRule = dialect === 'tfjs' || op === 'depthwise' || (dialect === 'keras' && op === 'conv');
  if (strideDilationRule && anyStride && anyDilation) {
    throw new ConvError('DILATION', `${opName(ctx)}: strides > 1 are not supported together with dilations > 1 (strides [${strides.join(', ')}], dilations [${dilations.join(', ')}])`, {
      values: { strides, dilations },
      hint: dialect === 'tfjs' ? 'tfjs needs either all strides or all dilations to be 1' : 'use strides 1 with dilation, or dilation 1 with strides (raw tf.nn.conv2d accepts both)',
    });
  }

  // Rounding (tfjs only, and only with numeric or explicit pads).
  if (spec.dimRoundingMode !== undefined) {
    if (dialect !== 'tfjs') throw new ConvError('INVALID_OPTION', `dimRoundingMode is a tfjs option, not ${dialect}'s`, { hint: "use dialect: 'tfjs' or drop dimRoundingMode" });
    if (r === 3) throw new ConvError('INVALID_OPTION', `${opName(ctx)} takes no dimRoundingMode (tfjs 3-D ops always truncate)`, { hint: 'drop dimRoundingMode' });
    if (!ROUNDINGS.includes(spec.dimRoundingMode)) throw new ConvError('INVALID_OPTION', `unknown dimRoundingMode ${show(spec.dimRoundingMode)}`, { hint: `use one of ${ROUNDINGS.join(', ')}` });
    if (typeof spec.padding === 'string') {
      throw new ConvError('PADDING_STRING', `${opName(ctx)}: pad must be an integer when using dimRoundingMode ${spec.dimRoundingMode} but got pad ${spec.padding}`, { values: { padding: spec.padding }, hint: 'give a number or explicit pairs, or drop dimRoundingMode' });
    }
    ctx.rounding = spec.dimRoundingMode === 'trunc' ? undefined : spec.dimRoundingMode;
  }
  const pad = parsePadding(spec.padding, ctx, channelsLast);
  const kes = kernel.map((k, i) => effectiveKernel(k, dilations[i]));
  // tfjs 1-D ops run as 2-D over a dummy height of 1 (kernel 1, stride 1) — the axis numeric pads are sized with.
  ctx.refKe = r === 1 ? 1 : kes[0];
  ctx.refStride = r === 1 ? 1 : strides[0];
  const notes: string[] = [];
  if (pad.kind === 'number' && r === 2 && (kes[1] !== kes[0] || strides[1] !== strides[0])) {
    notes.push('tfjs sizes a numerically padded output with the first axis\'s kernel and stride on every axis (conv_util computeOutputShape2D); the W axis follows that size');
  }
  if (pad.kind === 'number' && r === 1) notes.push('tf.conv1d with pad 0 runs conv2d over a dummy height axis, so its output length is the input length (missing cells read zeros)');

  // Channels, groups and the weight's layout.
  const spatialNames = names.join(', ');
  const kNames = names.map((n) => `k${n}`).join(', ');
  let inChannels = C;
  let outChannels: number;
  let groups = 1;
  let weightShape: number[];
  let weightPermutation: number[];
  let layout: string;
  const kIdx = identityPermutation(r);
  if (op === 'depthwise') {
    if (filter[2] !== C) {
      throw new ConvError('CHANNELS', `${opName(ctx)}: the input has ${C} channels but the filter's in-channel dimension is ${filter[2]}`, { values: { inputChannels: C, filterShape: filter }, hint: `use a filter of shape [${kernel.join(', ')}, ${C}, multiplier]` });
    }
    outChannels = C * filter[3];
    groups = C;
    weightPermutation = [2, 3, ...kIdx];
    weightShape = [outChannels, 1, ...kernel];
    layout = `filter [${kNames}, IC, multiplier] → [IC·multiplier, 1, ${kNames}] (output channel ic·multiplier + m)`;
  } else if (op === 'convTranspose') {
    if (filter[r + 1] !== C) {
      throw new ConvError('CHANNELS', `${opName(ctx)}: the input has ${C} channels but the filter [${filter.join(', ')}] expects ${filter[r + 1]} (its last dimension)`, {
        values: { inputChannels: C, filterShape: filter },
        hint: `a transposed filter is [${kNames}, out channels, in channels]`,
      });
    }
    outChannels = filter[r];
    weightPermutation = [r + 1, r, ...kIdx];
    weightShape = [C, outChannels, ...kernel];
    layout = `filter [${kNames}, OC, IC] → [IC, OC, ${kNames}]`;
  } else {
    const filterIn = filter[r];
    outChannels = filter[r + 1];
    if (dialect === 'tfjs') {
      if (filterIn !== C) throw new ConvError('CHANNELS', `${opName(ctx)}: depth of input (${C}) must match input depth for filter ${filterIn}`, { values: { inputChannels: C, filterShape: filter }, hint: 'tfjs has no grouped convolution; use depthwiseConv2d for one group per channel' });
    } else {
      if (filterIn === 0 || C % filterIn !== 0) {
        throw new ConvError('CHANNELS', `${opName(ctx)}: input depth must be evenly divisible by filter depth: ${C} vs ${filterIn}`, { values: { inputChannels: C, filterShape: filter }, hint: `the filter's in-depth is input channels / groups; use a divisor of ${C}` });
      }
      groups = C / filterIn;
      if (groups > 1 && outChannels % groups !== 0) {
        throw new ConvError('GROUPS', `${opName(ctx)}: output depth must be evenly divisible by number of groups: ${outChannels} vs ${groups}`, { values: { outChannels, groups }, hint: `use a multiple of ${groups} output channels` });
      }
    }
    weightPermutation = [r + 1, r, ...kIdx];
    weightShape = [outChannels, filterIn, ...kernel];
    layout = `filter [${kNames}, IC/g, OC] → [OC, IC/g, ${kNames}]`;
  }
  layout = `${format} input → [N, C, ${spatialNames}]; ${layout}`;

  // Per-axis geometry.
  const axes: CanonicalAxis[] = [];
  if (op !== 'convTranspose') {
    if (spec.outputShape !== undefined) throw new ConvError('INVALID_OPTION', 'outputShape is for transposed convolutions', { hint: "use op: 'convTranspose' or drop outputShape" });
    if (spec.outputPadding !== undefined) throw new ConvError('INVALID_OPTION', 'outputPadding is for transposed convolutions', { hint: "use op: 'convTranspose' or drop outputPadding" });
    for (let i = 0; i < r; i++) {
      const f = forwardAxis(pad, spatialIn[i], kes[i], strides[i], i, ctx);
      if (f.out <= 0) {
        const what = dialect === 'tfjs' ? `tfjs would return an output of size ${f.out}` : f.out === 0 ? 'TensorFlow would return an empty output' : 'TensorFlow refuses it: computed output size would be negative';
        throw new ConvError('KERNEL_TOO_LARGE', `${opName(ctx)}: output size on axis ${names[i]} would be ${f.out} (input ${spatialIn[i]}, effective kernel ${kes[i]}, stride ${strides[i]}); ${what}`, {
          axis: names[i],
          values: { input: spatialIn[i], effectiveKernel: kes[i], stride: strides[i], output: f.out },
          hint: `convkit needs an output of at least 1: use more padding ('SAME'), a larger input or a smaller kernel`,
        });
      }
      if (f.pb < 0) notes.push(`tfjs conv3d 'same' does not clamp the padding at 0: axis ${names[i]} starts ${-f.pb} cell(s) into the input, where TensorFlow starts at 0 (semantics.md §4.4)`);
      axes.push({ input: spatialIn[i], kernel: kernel[i], stride: strides[i], dilation: dilations[i], padBefore: f.pb, padAfter: effectiveAfter(f, spatialIn[i], kes[i], strides[i]), outputPadding: 0 });
    }
  } else {
    const outSpatial = transposedOutputSizes(spec, ctx, pad, spatialIn, kes, strides, channelsLast, batched, N, outChannels);
    if (anyDilation && dialect !== 'tfjs') notes.push("TensorFlow's CPU kernels refuse conv2d_transpose with dilation > 1 ('Current CPU implementations do not yet support dilation rates larger than 1'); GPU kernels accept it");
    for (let i = 0; i < r; i++) {
      const O = outSpatial[i];
      // The backprop-input kernel pads as the forward conv of the *output* size would (§3.5, §4.3).
      const f = forwardAxis(pad, O, kes[i], strides[i], i, ctx);
      if (f.out !== spatialIn[i]) {
        const range = pad.kind === 'same' ? ` (SAME accepts ${(spatialIn[i] - 1) * strides[i] + 1}…${spatialIn[i] * strides[i]})` : pad.kind === 'valid' ? ` (VALID accepts ${(spatialIn[i] - 1) * strides[i] + kes[i]}…${spatialIn[i] * strides[i] + kes[i] - 1})` : '';
        const who = dialect === 'tfjs' ? 'tfjs does not check this and then computes with the wrong input extent (missing rows or NaN)' : 'TensorFlow refuses it (Conv2DCustomBackpropInput: size of out_backprop doesn\'t match computed)';
        throw new ConvError('OUTPUT_SIZE', `${opName(ctx)}: output size ${O} on axis ${names[i]} convolves back to ${f.out}, not the input size ${spatialIn[i]}${range}; ${who}`, {
          axis: names[i],
          values: { input: spatialIn[i], output: O, kernel: kernel[i], stride: strides[i], dilation: dilations[i], computed: f.out },
          hint: `pick an output size whose forward convolution with the same stride and padding has size ${spatialIn[i]}`,
        });
      }
      const full = (spatialIn[i] - 1) * strides[i] + kes[i];
      const rest = full - f.pb - O;
      axes.push({ input: spatialIn[i], kernel: kernel[i], stride: strides[i], dilation: dilations[i], padBefore: f.pb, padAfter: Math.max(0, rest), outputPadding: Math.max(0, -rest) });
    }
  }

  const inputPermutation = channelsLast ? channelsLastToFirst(r, batched) : identityPermutation(r + 2);
  const outputPermutation = channelsLast ? channelsFirstToLast(r, batched) : identityPermutation(r + 2);
  return finishDialect({
    transposed: op === 'convTranspose',
    batch: N,
    batched,
    inChannels,
    outChannels,
    groups,
    axes,
    weightShape,
    frameworkWeightShape: filter,
    weightPermutation,
    frameworkInputShape: input,
    inputPermutation,
    outputPermutation,
    layout,
    notes,
  });
}

/** The transposed output's spatial sizes: from outputShape, or Keras's rule from outputPadding. */
function transposedOutputSizes(
  spec: TensorFlowConvSpec,
  ctx: Ctx,
  pad: PadKind,
  spatialIn: number[],
  kes: number[],
  strides: number[],
  channelsLast: boolean,
  batched: boolean,
  N: number,
  outChannels: number,
): number[] {
  const r = ctx.rank;
  const op = opName(ctx);
  if (spec.outputShape === undefined) {
    if (ctx.dialect !== 'keras') {
      throw new ConvError('OUTPUT_SIZE', `${op} needs outputShape`, { hint: `give the ${r} output spatial sizes, e.g. input·stride for SAME` });
    }
    const opad = spec.outputPadding === undefined ? undefined : spatialOption(spec.outputPadding, 'outputPadding', ctx, channelsLast);
    return spatialIn.map((I, i) => {
      const s = strides[i];
      const ke = kes[i];
      if (opad !== undefined) {
        const o = opad[i];
        if (o < 0 || o >= s) {
          throw new ConvError('OUTPUT_PADDING', `${op}: output_padding must be strictly less than strides for all dimensions; at axis ${ctx.names[i]} output_padding is ${o} but the stride is ${s}`, {
            axis: ctx.names[i],
            values: { outputPadding: opad, strides },
            hint: `use 0 ≤ output_padding < ${s}`,
          });
        }
        return pad.kind === 'valid' ? (I - 1) * s + ke + o : (I - 1) * s + (ke % 2) + o;
      }
      return pad.kind === 'valid' ? (I - 1) * s + Math.max(ke, s) : I * s;
    });
  }
  if (spec.outputPadding !== undefined) throw new ConvError('INVALID_OPTION', `${op}: give outputShape or outputPadding, not both`, { hint: 'outputShape decides the size' });
  const shape = shapeOf(spec.outputShape, 'outputShape');
  if (shape.length === r) return shape;
  const full = batched ? r + 2 : r + 1;
  if (shape.length !== full) {
    throw new ConvError('OPTION_LENGTH', `${op}: outputShape has ${shape.length} values`, { values: { outputShape: shape }, hint: `give ${r} spatial sizes or the full ${full}-D shape` });
  }
  const n = batched ? shape[0] : N;
  const c = channelsLast ? shape[shape.length - 1] : shape[batched ? 1 : 0];
  if (n !== N) throw new ConvError('OUTPUT_SIZE', `${op}: outputShape batch ${n} differs from the input batch ${N}`, { values: { outputShape: shape }, hint: `use batch ${N}` });
  if (c !== outChannels) {
    throw new ConvError('CHANNELS', `${op}: outputShape has ${c} channels but the filter produces ${outChannels}`, { values: { outputShape: shape, outChannels }, hint: `use ${outChannels} channels` });
  }
  return spatialOf(shape, channelsLast, batched, r);
}
