/**
 * TensorFlow / Keras / TensorFlow.js pooling dialect: a framework's average or max pooling
 * (channels-last shapes, 'SAME'/'VALID', tfjs numbers and explicit pairs) resolved to a PoolGeometry
 * (docs/semantics.md, "TensorFlow pooling"). Sizes and pads are those of the dialect's convolutions
 * (tensorflow-arithmetic.ts, including tfjs's quirks); averages divide by the input cells a window
 * covers, never by padding.
 */
import { refuseUnknownOptions } from './options.js';
import { ConvError, show } from './errors.js';
import { axisNames } from './build.js';
import { channelsFirstToLast, channelsLastToFirst, identityPermutation } from './layout-permute.js';
import { poolAxis } from './pool.js';
import { finishPoolDialect, type PoolDialectGeometry } from './pool-dialect.js';
import { effectiveAfter, forwardAxis } from './tensorflow-arithmetic.js';
import { parsePadding, spatialOption, type Ctx, type TfDataFormat, type TfDialect, type TfPadding, type TfRounding } from './tensorflow-options.js';
import { shapeOf } from './validate.js';

/** A TensorFlow (`tf.nn.avg_pool`/`max_pool`), Keras (`AveragePooling*D`/`MaxPooling*D`) or TensorFlow.js (`tf.avgPool`, `tf.maxPool`, `…3d`) pooling. */
export interface TensorFlowPoolSpec {
  /** Which API's rules apply (default 'tf'). */
  dialect?: TfDialect;
  op: 'avg' | 'max';
  /** In dataFormat order: [N, spatial…, C] or [N, C, spatial…]; tfjs also takes an unbatched [spatial…, C]. */
  inputShape: readonly number[];
  /** The window per spatial axis (TF's `ksize`, Keras's `pool_size`, tfjs's `filterSize`); its length is the spatial rank. */
  poolSize: readonly number[];
  /** One value or one per spatial axis; default poolSize (Keras's default; tf.nn and tfjs require it). */
  strides?: number | readonly number[];
  padding: TfPadding;
  /** TF's names, or Keras's 'channels_last' / 'channels_first'; tfjs pools are channels-last only. */
  dataFormat?: TfDataFormat | 'channels_last' | 'channels_first';
  /** tfjs 2-D pools only, with a numeric or explicit padding. */
  dimRoundingMode?: TfRounding;
}

const LAST: Record<number, TfDataFormat> = { 1: 'NWC', 2: 'NHWC', 3: 'NDHWC' };
const FIRST: Record<number, TfDataFormat> = { 1: 'NCW', 2: 'NCHW', 3: 'NCDHW' };
const ROUNDINGS: readonly TfRounding[] = ['trunc', 'floor', 'round', 'ceil'];

function label(dialect: TfDialect, op: 'avg' | 'max', r: number): string {
  if (dialect === 'tfjs') return `tf.${op}Pool${r === 3 ? '3d' : ''}`;
  if (dialect === 'keras') return `keras ${op === 'avg' ? 'Average' : 'Max'}Pooling${r}D`;
  return `tf.nn.${op}_pool${r}d`;
}

/** The spec's keys: any other is refused (a misspelt attribute was read as its default). */
const POOL_SPEC_KEYS: readonly string[] = ['dialect', 'op', 'inputShape', 'poolSize', 'strides', 'padding', 'dataFormat', 'dimRoundingMode'];

/**
 * Resolves a TensorFlow (`dialect: 'tf'`, default), Keras (`'keras'`) or TensorFlow.js (`'tfjs'`)
 * pooling to convkit's pooling geometry, with the permutations that move its channels-last tensors
 * into convkit's layout and back. SAME averages leave the padding out of the divisor.
 *
 * @example
 * ```ts
 * import { fromTensorFlowPool } from 'convkit';
 * const r = fromTensorFlowPool({ op: 'avg', inputShape: [1, 5, 5, 3], poolSize: [2, 2], strides: 2, padding: 'SAME' });
 * r.geometry.outputShape;  //=> [1, 3, 3, 3]
 * r.frameworkOutputShape;  //=> [1, 3, 3, 3]
 * r.pads;                  //=> [[0, 1], [0, 1]]
 * r.geometry.countIncludePad; //=> false
 * ```
 */
export function fromTensorFlowPool(spec: TensorFlowPoolSpec): PoolDialectGeometry {
  if (spec === null || typeof spec !== 'object') throw new ConvError('INVALID_OPTION', `fromTensorFlowPool needs an options object, but got ${show(spec)}`, { hint: "e.g. { op: 'max', inputShape, poolSize: [2, 2], padding: 'SAME' }" });
  refuseUnknownOptions(spec as unknown as Record<string, unknown>, POOL_SPEC_KEYS, 'fromTensorFlowPool', "TensorFlow's argument names, camel-cased");
  const dialect = spec.dialect ?? 'tf';
  if (dialect !== 'tf' && dialect !== 'keras' && dialect !== 'tfjs') throw new ConvError('INVALID_OPTION', `unknown TensorFlow dialect ${show(dialect)}`, { hint: 'use one of tf, keras, tfjs' });
  const op = spec.op;
  if (op !== 'avg' && op !== 'max') throw new ConvError('INVALID_OPTION', op === undefined ? 'fromTensorFlowPool needs an op' : `unknown pooling op ${show(op)}`, { hint: "use op: 'avg' or 'max'" });
  const kernel = shapeOf(spec.poolSize, 'poolSize');
  const r = kernel.length;
  if (r < 1 || r > 3 || (dialect === 'tfjs' && r === 1)) {
    throw new ConvError('OPTION_LENGTH', `poolSize [${kernel.join(', ')}] gives ${r} spatial axes`, {
      values: { poolSize: kernel },
      hint: dialect === 'tfjs' ? 'tfjs pools in 2-D (avgPool, maxPool) or 3-D (avgPool3d, maxPool3d): give 2 or 3 sizes' : 'give one window size per spatial axis (1 to 3)',
    });
  }
  const name = label(dialect, op, r);
  const names = axisNames(r);
  const ctx: Ctx = { dialect, op: 'conv', rank: r, names, rounding: undefined, refKe: 1, refStride: 1, label: name };

  const given = spec.dataFormat as string | undefined;
  const format = given === undefined || given === 'channels_last' ? LAST[r] : given === 'channels_first' ? FIRST[r] : given;
  if (format !== LAST[r] && format !== FIRST[r]) throw new ConvError('INVALID_OPTION', `${name}: dataFormat ${show(format)} does not fit ${r} spatial axes`, { values: { dataFormat: format }, hint: `use ${LAST[r]} or ${FIRST[r]}` });
  const channelsLast = format === LAST[r];
  if (dialect === 'tfjs' && !channelsLast) throw new ConvError('INVALID_OPTION', `${name}: got dataFormat ${format} but only ${LAST[r]} is supported`, { values: { dataFormat: format }, hint: `use ${LAST[r]}` });

  const input = shapeOf(spec.inputShape, 'inputShape');
  let batched: boolean;
  if (input.length === r + 2) batched = true;
  else if (input.length === r + 1 && dialect === 'tfjs') batched = false;
  else {
    throw new ConvError('INPUT_RANK', `${name}: input of shape [${input.join(', ')}] should have ${r + 2} dimensions (${format})`, { values: { inputShape: input }, hint: `give the input as ${format}${dialect === 'tfjs' ? ' (or unbatched, without N)' : ''}` });
  }
  const C = channelsLast ? input[input.length - 1] : input[batched ? 1 : 0];
  const start = batched ? (channelsLast ? 1 : 2) : channelsLast ? 0 : 1;
  const spatialIn = input.slice(start, start + r);
  spatialIn.forEach((v, i) => {
    if (v === 0) throw new ConvError('EMPTY_INPUT', `input axis ${names[i]} has size 0`, { axis: names[i], values: { inputShape: input }, hint: 'only the batch or channel dimension may be 0' });
  });
  if (C === 0) throw new ConvError('EMPTY_INPUT', `${name}: the input has 0 channels`, { values: { inputShape: input }, hint: 'give the input at least one channel' });
  kernel.forEach((k, i) => {
    if (k <= 0) throw new ConvError('KERNEL_SIZE', `${name}: pool size ${k} on axis ${names[i]} must be positive`, { axis: names[i], values: { poolSize: kernel }, hint: 'use window sizes ≥ 1' });
  });
  const strides = spec.strides === undefined || spec.strides === null ? kernel : spatialOption(spec.strides, 'strides', ctx, channelsLast, 1);
  strides.forEach((s, i) => {
    if (s <= 0) throw new ConvError('STRIDE', `${name}: stride ${s} on axis ${names[i]} must be larger than 0`, { axis: names[i], values: { strides }, hint: 'use strides ≥ 1' });
  });

  if (spec.dimRoundingMode !== undefined) {
    if (dialect !== 'tfjs') throw new ConvError('INVALID_OPTION', `dimRoundingMode is a tfjs option, not ${dialect}'s`, { hint: "use dialect: 'tfjs' or drop dimRoundingMode" });
    if (!ROUNDINGS.includes(spec.dimRoundingMode)) throw new ConvError('INVALID_OPTION', `unknown dimRoundingMode ${show(spec.dimRoundingMode)}`, { hint: `use one of ${ROUNDINGS.join(', ')}` });
    if (typeof spec.padding === 'string') {
      throw new ConvError('PADDING_STRING', `${name}: pad must be an integer when using dimRoundingMode ${spec.dimRoundingMode} but got pad ${spec.padding}`, { values: { padding: spec.padding }, hint: 'give a number or explicit pairs, or drop dimRoundingMode' });
    }
    ctx.rounding = spec.dimRoundingMode === 'trunc' ? undefined : spec.dimRoundingMode;
  }
  if (dialect === 'tf' && op === 'avg' && Array.isArray(spec.padding)) {
    throw new ConvError('PADDING_STRING', `${name}: explicit padding is for max pooling only`, { values: { padding: spec.padding }, hint: "use 'SAME' or 'VALID', or pad the input first" });
  }
  const pad = parsePadding(spec.padding, ctx, channelsLast);
  if (pad.kind === 'causal') throw new ConvError('PADDING_STRING', `${name}: padding must be one of {'valid', 'same'}, but got 'causal'`, { values: { padding: spec.padding }, hint: "'causal' is for Conv1D only" });
  // tfjs 2-D numeric pads size every axis with the first axis's window and stride (tensorflow-arithmetic.ts).
  ctx.refKe = kernel[0];
  ctx.refStride = strides[0];
  const notes: string[] = [];
  if (pad.kind === 'number' && r === 2 && (kernel[1] !== kernel[0] || strides[1] !== strides[0])) {
    notes.push("tfjs sizes a numerically padded output with the first axis's window and stride on every axis (conv_util computeOutputShape2D); the W axis follows that size");
  }
  const axes = spatialIn.map((I, i) => {
    const f = forwardAxis(pad, I, kernel[i], strides[i], i, ctx);
    if (f.out <= 0) {
      throw new ConvError('KERNEL_TOO_LARGE', `${name}: output size on axis ${names[i]} would be ${f.out} (input ${I}, window ${kernel[i]}, stride ${strides[i]})`, {
        axis: names[i],
        values: { input: I, poolSize: kernel[i], stride: strides[i], output: f.out },
        hint: "convkit needs an output of at least 1: use 'SAME' padding, a larger input or a smaller window",
      });
    }
    if (f.pb < 0) notes.push(`tfjs 3-D 'same' does not clamp the padding at 0: axis ${names[i]} starts ${-f.pb} cell(s) into the input, where TensorFlow starts at 0`);
    return poolAxis(i, names[i], { input: I, kernel: kernel[i], stride: strides[i], dilation: 1, padBefore: f.pb, padAfter: effectiveAfter(f, I, kernel[i], strides[i]) }, f.out);
  });
  const lead = batched ? [input[0], C] : [C];
  return finishPoolDialect({
    mode: op,
    // tfjs's 2-D average of a window of padding alone is 0 / 0; its 3-D pools give 0.
    ...(dialect === 'tfjs' && r === 2 ? { emptyAverage: NaN } : {}),
    rank: r,
    batched,
    inputShape: [...lead, ...spatialIn],
    axes,
    ceilMode: false,
    countIncludePad: false,
    divisorOverride: null,
    frameworkInputShape: input,
    inputPermutation: channelsLast ? channelsLastToFirst(r, batched) : identityPermutation(input.length),
    outputPermutation: channelsLast ? channelsFirstToLast(r, batched) : identityPermutation(input.length),
    layout: `${format} input → [N, C, ${names.join(', ')}]`,
    notes,
  });
}
