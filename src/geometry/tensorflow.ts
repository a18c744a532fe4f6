/**
 * TensorFlow / Keras / TensorFlow.js dialect: a framework's description of a convolution
 * (channels-last shapes, filter [k…, in, out], 'SAME'/'VALID'/explicit/numeric padding, output_shape)
 * resolved to a ConvGeometry plus the layout permutations to move its tensors (docs/semantics.md,
 * "TensorFlow, Keras and TensorFlow.js" and "Across frameworks").
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
import { refuseUnknownOptions } from './options.js';
import { ConvError, counted, show } from './errors.js';
import { axisNames } from './build.js';
import { effectiveKernel, transposedFullSize, windowSpan } from './sizes.js';
import { finishDialect, type DialectGeometry } from './dialect-result.js';
import { channelsFirstToLast, channelsLastToFirst, identityPermutation } from './layout-permute.js';
import type { CanonicalAxis } from './types.js';
import { shapeOf } from './validate.js';
import { effectiveAfter, forwardAxis } from './tensorflow-arithmetic.js';
import { opName, parsePadding, spatialOption, type Ctx, type PadKind, type TfDataFormat, type TfDialect, type TfOp, type TfPadding, type TfRounding } from './tensorflow-options.js';

export type { TfDataFormat, TfDialect, TfOp, TfPadding, TfRounding } from './tensorflow-options.js';

/** A TensorFlow, Keras or TensorFlow.js convolution as that API states it (channels-last shapes by default). */
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
  /** TF's names, or Keras's 'channels_last' / 'channels_first'. */
  dataFormat?: TfDataFormat | 'channels_last' | 'channels_first';
  /** Transposed: the output's spatial sizes, or its full shape in dataFormat order. Required for tf and tfjs. */
  outputShape?: readonly number[];
  /** Keras Conv*DTranspose only: picks the output size as Keras does (docs/semantics.md, "Keras"). */
  outputPadding?: number | readonly number[];
  /** tfjs only: how an output size with a fraction is rounded (default 'trunc', tfjs's `undefined`). */
  dimRoundingMode?: TfRounding;
}

const DIALECTS: readonly TfDialect[] = ['tf', 'keras', 'tfjs'];
const OPS: readonly TfOp[] = ['conv', 'convTranspose', 'depthwise'];
const ROUNDINGS: readonly TfRounding[] = ['trunc', 'floor', 'round', 'ceil'];
const LAST: Record<number, TfDataFormat> = { 1: 'NWC', 2: 'NHWC', 3: 'NDHWC' };
const FIRST: Record<number, TfDataFormat> = { 1: 'NCW', 2: 'NCHW', 3: 'NCDHW' };

function spatialOf(shape: number[], channelsLast: boolean, batched: boolean, r: number): number[] {
  const start = batched ? (channelsLast ? 1 : 2) : 0;
  return shape.slice(start, start + r);
}

/** The spec's keys: any other is refused (a misspelt attribute was read as its default). */
const CONV_SPEC_KEYS: readonly string[] = ['dialect', 'op', 'inputShape', 'filterShape', 'strides', 'padding', 'dilations', 'dataFormat', 'outputShape', 'outputPadding', 'dimRoundingMode'];

/**
 * Resolves a TensorFlow (`dialect: 'tf'`, default), Keras (`'keras'`) or TensorFlow.js (`'tfjs'`)
 * convolution to convkit's geometry, with the permutations that move its tensors (channels-last,
 * filter `[k…, IC/g, OC]`) into convkit's layouts and back, and the PyTorch layer that computes
 * the same values. Each API's own refusals and quirks apply.
 *
 * @example
 * ```ts
 * import { fromTensorFlow } from 'convkit';
 * const r = fromTensorFlow({ op: 'conv', inputShape: [1, 5, 5, 3], filterShape: [3, 3, 3, 8], strides: 2, padding: 'SAME' });
 * r.geometry.outputShape;  //=> [1, 8, 3, 3]
 * r.frameworkOutputShape;  //=> [1, 3, 3, 8]
 * r.pads;                  //=> [[1, 1], [1, 1]]
 * r.weightShape;           //=> [8, 3, 3, 3]
 * r.torchEquivalent;       //=> 'conv2d(stride=2, padding=1)'
 * ```
 */
export function fromTensorFlow(spec: TensorFlowConvSpec): DialectGeometry {
  if (spec === null || typeof spec !== 'object') throw new ConvError('INVALID_OPTION', `fromTensorFlow needs an options object, but got ${show(spec)}`, { hint: "e.g. { op: 'conv', inputShape, filterShape, padding: 'SAME' }" });
  refuseUnknownOptions(spec as unknown as Record<string, unknown>, CONV_SPEC_KEYS, 'fromTensorFlow', "TensorFlow's argument names, camel-cased");
  const dialect = spec.dialect ?? 'tf';
  if (!DIALECTS.includes(dialect)) throw new ConvError('INVALID_OPTION', `unknown TensorFlow dialect ${show(dialect)}`, { hint: `use one of ${DIALECTS.join(', ')}` });
  const op = spec.op;
  if (!OPS.includes(op)) throw new ConvError('INVALID_OPTION', op === undefined ? 'fromTensorFlow needs an op' : `unknown op ${show(op)}`, { hint: `use op: one of ${OPS.join(', ')}` });
  const filter = shapeOf(spec.filterShape, 'filterShape');
  const r = filter.length - 2;
  if (r < 1 || r > 3) {
    throw new ConvError('WEIGHT_RANK', `filterShape [${filter.join(', ')}] has ${Math.max(r, 0)} spatial axes`, { values: { filterShape: filter }, hint: 'convkit handles 1 to 3 spatial axes: a filter of 3 to 5 dimensions' });
  }
  const ctxBase = { dialect, op, rank: r };
  if (op === 'depthwise' && r !== 2) throw new ConvError('WEIGHT_RANK', `${opName(ctxBase)} takes a 4-D filter [kH, kW, IC, multiplier], but got [${filter.join(', ')}]`, { values: { filterShape: filter } });
  if (dialect === 'tfjs' && op === 'convTranspose' && r === 1) throw new ConvError('WEIGHT_RANK', 'tfjs has no conv1dTranspose', { hint: 'use a 2-D transposed convolution with a height of 1' });

  // Data format: channels-last unless stated; tfjs supports fewer formats than TF.
  // Keras spells the two layouts 'channels_last' / 'channels_first'.
  const given = spec.dataFormat as string | undefined;
  const format = given === undefined || given === 'channels_last' ? LAST[r] : given === 'channels_first' ? FIRST[r] : given;
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
  const strides = spatialOption(spec.strides, 'strides', ctx, channelsLast, 1);
  const dilations = spatialOption(spec.dilations, 'dilations', ctx, channelsLast, 1);
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
  const inChannels = C;
  let outChannels: number;
  let groups = 1;
  let weightShape: number[];
  let weightPermutation: number[];
  let layout: string;
  const kIdx = identityPermutation(r);
  if (op === 'depthwise') {
    if (filter[2] !== C) {
      throw new ConvError('CHANNELS', `${opName(ctx)}: the input has ${counted(C, 'channel')} but the filter's in-channel dimension is ${filter[2]}`, { values: { inputChannels: C, filterShape: filter }, hint: `use a filter of shape [${kernel.join(', ')}, ${C}, multiplier]` });
    }
    outChannels = C * filter[3];
    groups = C;
    weightPermutation = [2, 3, ...kIdx];
    weightShape = [outChannels, 1, ...kernel];
    layout = `filter [${kNames}, IC, multiplier] → [IC·multiplier, 1, ${kNames}] (output channel ic·multiplier + m)`;
  } else if (op === 'convTranspose') {
    if (filter[r + 1] !== C) {
      throw new ConvError('CHANNELS', `${opName(ctx)}: the input has ${counted(C, 'channel')} but the filter [${filter.join(', ')}] expects ${filter[r + 1]} (its last dimension)`, {
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
      if (f.pb < 0) notes.push(`tfjs conv3d 'same' does not clamp the padding at 0: axis ${names[i]} starts ${-f.pb} cell(s) into the input, where TensorFlow starts at 0`);
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
        const range = pad.kind === 'same' ? ` (SAME accepts ${(spatialIn[i] - 1) * strides[i] + 1}…${spatialIn[i] * strides[i]})` : pad.kind === 'valid' ? ` (VALID accepts ${windowSpan(spatialIn[i], strides[i], kes[i])}…${spatialIn[i] * strides[i] + kes[i] - 1})` : '';
        const who = dialect === 'tfjs' ? 'tfjs does not check this and then computes with the wrong input extent (missing rows or NaN)' : 'TensorFlow refuses it (Conv2DCustomBackpropInput: size of out_backprop doesn\'t match computed)';
        throw new ConvError('OUTPUT_SIZE', `${opName(ctx)}: output size ${O} on axis ${names[i]} convolves back to ${f.out}, not the input size ${spatialIn[i]}${range}; ${who}`, {
          axis: names[i],
          values: { input: spatialIn[i], output: O, kernel: kernel[i], stride: strides[i], dilation: dilations[i], computed: f.out },
          hint: `pick an output size whose forward convolution with the same stride and padding has size ${spatialIn[i]}`,
        });
      }
      const full = transposedFullSize(spatialIn[i], kernel[i], strides[i], dilations[i]);
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
    const opad = spec.outputPadding === undefined ? undefined : spatialOption(spec.outputPadding, 'outputPadding', ctx, channelsLast, 0);
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
        return pad.kind === 'valid' ? windowSpan(I, s, ke) + o : (I - 1) * s + (ke % 2) + o;
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
    throw new ConvError('CHANNELS', `${op}: outputShape has ${counted(c, 'channel')} but the filter produces ${outChannels}`, { values: { outputShape: shape, outChannels }, hint: `use ${counted(outChannels, 'channel')}` });
  }
  return spatialOf(shape, channelsLast, batched, r);
}
