/**
 * PyTorch's dialect: shapes + options as `torch.nn.functional.conv*d` / `conv_transpose*d` take them
 * (plus the module-level `padding_mode` and `output_size`), validated in ATen's order, resolved to
 * a ConvGeometry. Every condition PyTorch refuses is refused here with a ConvError; nothing it
 * accepts is refused (docs/semantics.md, "PyTorch").
 */
import { buildGeometry } from './build.js';
import { effectiveKernel, outputPaddingAllowed, outputPaddingLimit, samePaddingTotal, splitPadding, transposedOutputSize } from './sizes.js';
import { axisNames } from './build.js';
import { ConvError, counted, ofRange, show } from './errors.js';
import type { CanonicalAxis, ConvGeometry, DirectConvGeometry, PaddingMode, TransposedConvGeometry } from './types.js';
import { divisors, gcd, int, perAxis, shapeOf } from './validate.js';

/** One number for every spatial axis, or one per axis (PyTorch's `int or tuple`). */
export type IntOrTuple = number | readonly number[];
/** One value per axis, or a [before, after] pair per axis (asymmetric padding). */
export type PaddingSpec = number | readonly (number | readonly [number, number])[] | 'same' | 'valid';

/** The shape options of a direct convolution, as PyTorch's `conv*d` (and `padding_mode`) take them. */
export interface ConvShapeOptions {
  stride?: IntOrTuple;
  padding?: PaddingSpec;
  dilation?: IntOrTuple;
  groups?: number;
  paddingMode?: PaddingMode;
}

/** The shape options of a transposed convolution, as PyTorch's `conv_transpose*d` (and the module's `output_size`) take them. */
export interface ConvTransposeShapeOptions {
  stride?: IntOrTuple;
  /** Cropped from both ends of the full output; [before, after] pairs allowed (an extension PyTorch lacks). */
  padding?: number | readonly (number | readonly [number, number])[];
  outputPadding?: IntOrTuple;
  dilation?: IntOrTuple;
  groups?: number;
  /** Spatial sizes wanted (N values, or the full shape): picks outputPadding as PyTorch's module does. */
  outputSize?: readonly number[];
  paddingMode?: PaddingMode;
}

const PADDING_MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** Checks the input's rank for an op of fixed spatial rank and returns whether it is batched (E0). */
function batchify(input: number[], opRank: number | undefined, weightRank: number, opName: string): boolean {
  const rank = opRank ?? weightRank;
  if (input.length === rank + 2) return true;
  if (input.length === rank + 1) return false;
  const op = opRank ? `${opName}${opRank}d` : opName;
  const where = opRank !== undefined ? `to ${op}` : `for a ${weightRank + 2}-dimensional weight`;
  throw new ConvError('INPUT_RANK', `expected a ${rank + 1}-D (unbatched) or ${rank + 2}-D (batched) input ${where}, but got an input of shape [${input.join(', ')}]`, {
    values: { inputShape: input, spatialRank: rank },
    hint: `give the input as [N, C, ${axisNames(rank).join(', ')}] or [C, ${axisNames(rank).join(', ')}]`,
  });
}

function weightRankOf(weight: number[], opRank: number | undefined): number {
  if (weight.length < 3) {
    throw new ConvError('WEIGHT_RANK', `weight should have at least three dimensions, but has shape [${weight.join(', ')}]`, {
      values: { weightShape: weight },
      hint: 'give the weight as [out channels, in channels / groups, k…]',
    });
  }
  const rank = weight.length - 2;
  if (rank > 3) {
    throw new ConvError('WEIGHT_RANK', `convkit supports 1 to 3 spatial axes, but the weight of shape [${weight.join(', ')}] has ${rank}`, {
      values: { weightShape: weight },
      hint: 'use a weight with 3, 4 or 5 dimensions',
    });
  }
  if (opRank !== undefined && rank !== opRank) {
    // PyTorch reports this as a rank mismatch between input and weight (E7).
    throw new ConvError('INPUT_RANK', `expected a ${opRank + 2}-D weight for a ${opRank}-D convolution, but got a weight of shape [${weight.join(', ')}]`, {
      values: { weightShape: weight, spatialRank: opRank },
      hint: `give the weight as [out channels, in channels / groups, ${Array(opRank).fill('k').join(', ')}]`,
    });
  }
  return rank;
}

function checkGroups(groups: unknown): number {
  const g = int(groups ?? 1, 'groups', 1);
  if (g <= 0) {
    throw new ConvError('GROUPS', `groups must be positive, but got ${g}`, { values: { groups: g }, hint: 'use groups ≥ 1 (1 is an ordinary convolution)' });
  }
  return g;
}

function checkPositive(values: number[], name: string, code: 'STRIDE' | 'DILATION', rank: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v <= 0) {
      const names = axisNames(rank);
      throw new ConvError(code, `${name} must be positive, but got ${v} on axis ${names[i]}`, { axis: names[i], values: { [name]: values }, hint: `use ${name} ≥ 1` });
    }
  }
}

function checkNonNegative(values: number[], name: string, code: 'NEGATIVE_PADDING' | 'NEGATIVE_OUTPUT_PADDING', rank: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < 0) {
      const names = axisNames(rank);
      throw new ConvError(code, `${name} cannot be negative, but got ${v} on axis ${names[i]}`, { axis: names[i], values: { [name]: values }, hint: `use ${name} ≥ 0` });
    }
  }
}

/** checkNonNegative of the flattened pairs, flattening only when one is negative (the error's values). */
function checkNonNegativePairs(pads: [number, number][], rank: number): void {
  for (let i = 0; i < pads.length; i++) {
    if (pads[i][0] < 0 || pads[i][1] < 0) checkNonNegative(pads.flat(), 'padding', 'NEGATIVE_PADDING', rank);
  }
}

/** Resolves numeric or pair padding to per-axis [before, after]. */
function paddingPairs(v: unknown, rank: number): [number, number][] {
  if (Array.isArray(v) && v.some((x) => Array.isArray(x))) {
    if (v.length !== rank) {
      throw new ConvError('OPTION_LENGTH', `padding has ${v.length} entries but the convolution has ${counted(rank, 'spatial axis', 'spatial axes')}`, {
        values: { padding: v, rank },
        hint: `give one number or one [before, after] pair per axis (${rank})`,
      });
    }
    return v.map((x: unknown, i: number) => {
      if (Array.isArray(x)) {
        if (x.length !== 2) {
          throw new ConvError('OPTION_LENGTH', `padding[${i}] has ${x.length} values; a per-axis pair is [before, after]`, { values: { padding: v }, hint: 'e.g. [[0, 1], [1, 1]]' });
        }
        return [int(x[0], `padding[${i}][0]`, 0), int(x[1], `padding[${i}][1]`, 0)];
      }
      const p = int(x, `padding[${i}]`, 0);
      return [p, p];
    });
  }
  return perAxis(v, 'padding', rank, 0, 0).map((p) => [p, p]);
}

function paddingModeOf(v: unknown): PaddingMode {
  if (v === undefined || v === null) return 'zeros';
  if (typeof v === 'string' && (PADDING_MODES as readonly string[]).includes(v)) return v as PaddingMode;
  throw new ConvError('PADDING_MODE', `paddingMode must be one of zeros, reflect, replicate, circular, but got ${show(v)}`, {
    values: { paddingMode: v },
    hint: "use 'zeros' (the default), 'reflect', 'replicate' or 'circular'",
  });
}

function checkKernelAndDilation(weight: number[], dilation: number[], rank: number): number[] {
  checkPositive(dilation, 'dilation', 'DILATION', rank);
  const kernel = weight.slice(2);
  for (let i = 0; i < kernel.length; i++) {
    const k = kernel[i];
    if (k <= 0) {
      const names = axisNames(rank);
      throw new ConvError('KERNEL_SIZE', `kernel size must be positive, but is ${k} on axis ${names[i]} (weight shape [${weight.join(', ')}])`, {
        axis: names[i],
        values: { weightShape: weight },
        hint: 'give every kernel axis at least 1 tap',
      });
    }
  }
  return kernel;
}

function checkBias(biasShape: unknown, outChannels: number, weight: number[], transposed: boolean): boolean {
  if (biasShape === undefined || biasShape === null) return false;
  const b = shapeOf(biasShape, 'bias shape');
  if (b.length !== 1 || b[0] !== outChannels) {
    throw new ConvError('BIAS', `${transposed ? 'transposed ' : ''}weight of shape [${weight.join(', ')}] needs a 1-D bias of ${counted(outChannels, 'element')}, but the bias has shape [${b.join(', ')}]`, {
      values: { biasShape: b, outChannels },
      hint: `give a bias of ${counted(outChannels, 'value')}, one per output channel`,
    });
  }
  return true;
}

/**
 * PyTorch computes an empty input (numel 0) only when its batch or channel axis is 0 ("Only zero
 * batch or zero channel inputs are supported"); then spatial axes may be 0 too.
 */
function checkSpatialNonEmpty(input: number[], rank: number, batch: number, channels: number): void {
  if (batch === 0 || channels === 0) return;
  for (let i = 0; i < rank; i++) {
    if (input[input.length - rank + i] === 0) {
      const names = axisNames(rank);
      throw new ConvError('EMPTY_INPUT', `input of shape [${input.join(', ')}] has an empty axis ${names[i]}; only the batch or channel axis may be 0`, {
        axis: names[i],
        values: { inputShape: input },
        hint: 'give every spatial axis at least one cell',
      });
    }
  }
}

/** Non-zeros padding modes build the padded input by reading it; check each pad can be made. */
function checkModePadding(mode: PaddingMode, pads: [number, number][], spatial: number[], rank: number): void {
  if (mode === 'zeros') return;
  const names = axisNames(rank);
  pads.forEach(([b, a], i) => {
    const n = spatial[i];
    if (mode === 'reflect' && (b >= n || a >= n)) {
      throw new ConvError('PADDING_MODE', `reflect padding (${b}, ${a}) must be smaller than the input size ${n} on axis ${names[i]}`, {
        axis: names[i],
        values: { padding: [b, a], input: n, paddingMode: mode },
        hint: `use padding ≤ ${n - 1} with 'reflect', or 'replicate'`,
      });
    }
    if (mode === 'circular' && (b > n || a > n)) {
      throw new ConvError('PADDING_MODE', `circular padding (${b}, ${a}) would wrap around the input of size ${n} more than once on axis ${names[i]}`, {
        axis: names[i],
        values: { padding: [b, a], input: n, paddingMode: mode },
        hint: `use padding ≤ ${n} with 'circular'`,
      });
    }
  });
}

/** The shapes a geometry is resolved from: input, weight (PyTorch layout) and optional bias. */
export interface ShapeSet {
  inputShape: readonly number[];
  weightShape: readonly number[];
  biasShape?: readonly number[] | null;
}

/** Per-axis resolved numbers for `buildGeometry` (outputPadding null: a direct conv). */
function canonicalAxes(spatial: number[], kernel: number[], stride: number[], dilation: number[], pads: [number, number][], outputPadding: number[] | null): CanonicalAxis[] {
  const axes: CanonicalAxis[] = [];
  for (let ax = 0; ax < spatial.length; ax++) {
    axes.push({
      input: spatial[ax],
      kernel: kernel[ax],
      stride: stride[ax],
      dilation: dilation[ax],
      padBefore: pads[ax][0],
      padAfter: pads[ax][1],
      outputPadding: outputPadding ? outputPadding[ax] : 0,
    });
  }
  return axes;
}

/**
 * What both directions check first, in ATen's order: the options object, the shapes, the
 * spatial rank (from the weight), batching (E0), and the per-axis stride, dilation and groups.
 */
function prologue(shapes: ShapeSet, options: ConvShapeOptions | ConvTransposeShapeOptions, opRank: number | undefined, opName: string, example: string) {
  if (options === null || typeof options !== 'object') {
    throw new ConvError('INVALID_OPTION', `options must be an object, but got ${show(options)}`, { hint: example });
  }
  const input = shapeOf(shapes.inputShape, 'input shape');
  const weight = shapeOf(shapes.weightShape, 'weight shape');
  const rank = weightRankOf(weight, opRank);
  const batched = batchify(input, opRank, rank, opName);
  const stride = perAxis(options.stride, 'stride', rank, 1, 1);
  const dilation = perAxis(options.dilation, 'dilation', rank, 1, 1);
  const groups = checkGroups(options.groups);
  return { input, weight, batched, rank, stride, dilation, groups };
}

/**
 * TensorFlow's SAME padding: ⌈i/s⌉ windows, the odd cell at the end, never below 0. At stride 1
 * the total is d(k−1) and PyTorch's 'same' is the same padding (ONNX SAME_UPPER agrees too).
 */
function samePads(spatial: number[], kernel: number[], stride: number[], dilation: number[]): [number, number][] {
  return spatial.map((i, ax) => splitPadding(Math.max(0, samePaddingTotal(i, stride[ax], effectiveKernel(kernel[ax], dilation[ax]))), 'after'));
}

/**
 * 'same' with a stride on axis `ax`: PyTorch's rule, not convolution's — TensorFlow and Keras take
 * it and pad for ⌈i/s⌉ outputs — so the refusal names PyTorch and gives TensorFlow's padding as
 * the pairs convGeometry takes (also in `values.tensorflowSame`, for the page). None where a size,
 * kernel, stride or dilation below 1 leaves no such padding (refused later in any case).
 */
function sameStrided(spatial: number[], kernel: number[], stride: number[], dilation: number[], ax: number, names: readonly string[]): ConvError {
  const tf = [...spatial, ...kernel, ...stride, ...dilation].every((n) => n >= 1) ? samePads(spatial, kernel, stride, dilation) : null;
  const pairs = tf && `[${tf.map(([b, a]) => `[${b}, ${a}]`).join(', ')}]`;
  return new ConvError('SAME_STRIDED', `PyTorch allows padding='same' only with stride 1, but the stride is ${stride[ax]} on axis ${names[ax]} (TensorFlow's 'SAME' takes a stride: it pads for ⌈input / stride⌉ outputs)`, {
    axis: names[ax],
    values: tf ? { stride, dilation, tensorflowSame: tf } : { stride },
    hint: `use stride 1 with 'same', or give the padding as numbers${pairs ? `, e.g. TensorFlow's 'SAME' here: padding ${pairs}` : ''} (convkit's solvePadding finds the padding for any output size)`,
  });
}

/**
 * Geometry of `conv{opRank}d(input, weight, bias, options)` in PyTorch's dialect.
 * `opRank` fixes the spatial rank (conv2d → 2); leave it out to take the rank from the weight.
 *
 * @example
 * ```ts
 * import { convGeometry } from 'convkit';
 * const g = convGeometry({ inputShape: [1, 3, 32, 32], weightShape: [16, 3, 3, 3] }, { stride: 2, padding: 1 });
 * g.outputShape; //=> [1, 16, 16, 16]
 * g.axes[1];     //=> { name: 'W', input: 32, kernel: 3, stride: 2, padBefore: 1, padAfter: 1, output: 16 }
 * ```
 */
export function convGeometry(shapes: ShapeSet, options: ConvShapeOptions = {}, opRank?: number): DirectConvGeometry {
  const { input, weight, batched, rank, stride, dilation, groups } = prologue(shapes, options, opRank, 'conv', 'e.g. { stride: 2, padding: 1 }');
  const mode = paddingModeOf(options.paddingMode);

  let pads: [number, number][];
  const padding = options.padding;
  if (typeof padding === 'string') {
    if (padding === 'valid') pads = Array.from({ length: rank }, () => [0, 0]);
    else if (padding === 'same') {
      const names = axisNames(rank);
      const spatialIn = input.slice(input.length - rank);
      stride.forEach((s, i) => {
        if (s !== 1) throw sameStrided(spatialIn, weight.slice(2), stride, dilation, i, names);
      });
      checkPositive(dilation, 'dilation', 'DILATION', rank);
      pads = samePads(spatialIn, weight.slice(2), stride, dilation);
    } else {
      throw new ConvError('PADDING_STRING', `invalid padding string ${show(padding)}`, { values: { padding }, hint: "use 'same', 'valid', a number, or one number or [before, after] pair per axis" });
    }
  } else {
    pads = paddingPairs(padding, rank);
  }
  checkNonNegativePairs(pads, rank);
  checkPositive(stride, 'stride', 'STRIDE', rank);

  const outChannels = weight[0];
  if (outChannels < groups) {
    throw new ConvError('GROUPS', `groups=${groups} needs at least ${counted(groups, 'output channel')}, but the weight of shape [${weight.join(', ')}] has ${outChannels}`, {
      values: { groups, weightShape: weight },
      // No output channels: no groups value helps (every one divides 0); the weight must change.
      hint: outChannels === 0 ? emptyWeightHint(weight, groups, false) : directGroupsHint(weight, input[batched ? 1 : 0]),
    });
  }
  if (outChannels % groups !== 0) {
    throw new ConvError('GROUPS', `groups=${groups} must divide the ${outChannels} output channels of the weight [${weight.join(', ')}]`, {
      values: { groups, weightShape: weight },
      hint: directGroupsHint(weight, input[batched ? 1 : 0]),
    });
  }
  const inChannels = input[batched ? 1 : 0];
  if (inChannels !== weight[1] * groups) {
    throw new ConvError('CHANNELS', `weight of shape [${weight.join(', ')}] with groups=${groups} expects ${counted(weight[1] * groups, 'input channel')}, but the input of shape [${input.join(', ')}] has ${inChannels}`, {
      values: { inputShape: input, weightShape: weight, groups },
      hint: directChannelsHint(outChannels, weight[1] * groups, inChannels, groups),
    });
  }
  const hasBias = checkBias(shapes.biasShape, outChannels, weight, false);
  const kernel = checkKernelAndDilation(weight, dilation, rank);
  const batch = batched ? input[0] : 1;
  const spatial = input.slice(input.length - rank);
  checkSpatialNonEmpty(input, rank, batch, inChannels);
  checkModePadding(mode, pads, spatial, rank);
  if ((mode === 'reflect' || mode === 'replicate') && inChannels === 0) {
    // PyTorch's reflection/replication pads need every non-batch axis non-empty (circular does not).
    throw new ConvError('PADDING_MODE', `${mode} padding cannot pad an input with 0 channels (shape [${input.join(', ')}])`, {
      values: { inputShape: input, paddingMode: mode },
      hint: "use paddingMode 'zeros' or 'circular', or give the input at least one channel",
    });
  }

  const axes = canonicalAxes(spatial, kernel, stride, dilation, pads, null);
  // ATen's calc_output_size: an input with 0 channels gives an output with 0 channels (not OC
  // channels of bias), so the output is empty like the input.
  const outChannelsOut = inChannels === 0 ? 0 : outChannels;
  return buildGeometry({ transposed: false, batch, batched, inChannels, outChannels: outChannelsOut, groups, hasBias, paddingMode: mode, axes, weightShape: weight });
}

/**
 * Geometry of `conv_transpose{opRank}d(input, weight, bias, options)` in PyTorch's dialect: each
 * axis's `padding` p is the crop `cropBefore`/`cropAfter` of its full output, and its equivalent
 * direct convolution pads d(k−1)−p (zeros inserted, kernel flipped).
 *
 * @example
 * ```ts
 * import { convTransposeGeometry } from 'convkit';
 * const g = convTransposeGeometry({ inputShape: [1, 1, 3], weightShape: [1, 1, 3] }, { stride: 2, padding: 1, outputPadding: 1 });
 * g.outputShape;          //=> [1, 1, 6]
 * g.axes[0];              //=> { transposed: true, cropBefore: 1, cropAfter: 1, outputPadding: 1, output: 6 }
 * g.axes[0].equivalent;   //=> { insertedZeros: 1, dilatedInput: 5, padBefore: 1, padAfter: 2, extra: 1, stride: 1, flipped: true }
 * ```
 */
export function convTransposeGeometry(shapes: ShapeSet, options: ConvTransposeShapeOptions = {}, opRank?: number): TransposedConvGeometry {
  const { input, weight, batched, rank, stride, dilation, groups } = prologue(shapes, options, opRank, 'conv_transpose', 'e.g. { stride: 2, padding: 1, outputPadding: 1 }');
  let outputPadding = perAxis(options.outputPadding, 'outputPadding', rank, 0, 0);
  if (typeof options.padding === 'string') {
    throw new ConvError('PADDING_STRING', `transposed convolutions take numeric padding, but got ${show(options.padding)}`, {
      values: { padding: options.padding },
      hint: 'give a number or one per axis (convkit solvePadding finds the padding for a wanted output size), or use outputSize',
    });
  }
  if (options.paddingMode !== undefined && options.paddingMode !== null && options.paddingMode !== 'zeros') {
    paddingModeOf(options.paddingMode);
    throw new ConvError('PADDING_MODE', `only 'zeros' padding mode is supported for transposed convolutions, but got ${show(options.paddingMode)}`, {
      values: { paddingMode: options.paddingMode },
      hint: "leave paddingMode out or use 'zeros'",
    });
  }
  const pads = paddingPairs(options.padding, rank);
  checkNonNegativePairs(pads, rank);
  checkNonNegative(outputPadding, 'outputPadding', 'NEGATIVE_OUTPUT_PADDING', rank);
  checkPositive(stride, 'stride', 'STRIDE', rank);

  const inChannelsW = weight[0];
  if (inChannelsW < groups) {
    throw new ConvError('GROUPS', `groups=${groups} needs at least ${counted(groups, 'channel')} at dimension 0 of the transposed weight [${weight.join(', ')}]`, {
      values: { groups, weightShape: weight },
      hint: inChannelsW === 0 ? emptyWeightHint(weight, groups, true) : `use groups ≤ ${inChannelsW} that divides ${inChannelsW}`,
    });
  }
  if (inChannelsW % groups !== 0) {
    throw new ConvError('GROUPS', `groups=${groups} must divide the ${inChannelsW} input channels of the transposed weight [${weight.join(', ')}]`, {
      values: { groups, weightShape: weight },
      hint: `use groups among ${divisors(inChannelsW).join(', ')}`,
    });
  }
  const inChannels = input[batched ? 1 : 0];
  if (inChannels !== inChannelsW) {
    throw new ConvError('CHANNELS', `transposed weight of shape [${weight.join(', ')}] expects ${counted(inChannelsW, 'input channel')}, but the input of shape [${input.join(', ')}] has ${inChannels}`, {
      values: { inputShape: input, weightShape: weight },
      // A weight [C, …] needs groups dividing C: with groups 4 and 6 channels, "[6, …]" alone met the groups refusal next.
      hint: `give the input ${counted(inChannelsW, 'channel')}, or a transposed weight of shape [${inChannels}, out channels / groups, …]${inChannels % groups === 0 ? '' : ` with groups ${orList(divisors(inChannels))} (${divisors(inChannels).length === 1 ? 'the only value dividing' : divisors(inChannels).length >= 12 ? 'values dividing' : 'the values dividing'} ${inChannels})`}`,
    });
  }
  const outChannels = weight[1] * groups;
  if (outChannels === 0) {
    // PyTorch refuses an empty transposed weight ("non-empty … weight tensor expected").
    throw new ConvError('CHANNELS', `transposed weight of shape [${weight.join(', ')}] has 0 output channels per group`, {
      values: { weightShape: weight },
      hint: 'give the transposed weight as [in channels, out channels / groups ≥ 1, k…]',
    });
  }
  const hasBias = checkBias(shapes.biasShape, outChannels, weight, true);
  const kernel = checkKernelAndDilation(weight, dilation, rank);
  const batch = batched ? input[0] : 1;
  const spatial = input.slice(input.length - rank);
  checkSpatialNonEmpty(input, rank, batch, inChannels);
  const names = axisNames(rank);

  if (options.outputSize !== undefined && options.outputSize !== null) {
    outputPadding = outputPaddingForSize(options.outputSize, rank, batched, spatial, kernel, stride, dilation, pads);
  } else if (batch > 0) {
    // PyTorch checks this in its compute kernels, which an empty (zero-batch) input never reaches.
    outputPadding.forEach((op, i) => {
      if (!outputPaddingAllowed(op, stride[i], dilation[i])) {
        throw new ConvError('OUTPUT_PADDING', `output padding ${op} must be smaller than either the stride ${stride[i]} or the dilation ${dilation[i]} on axis ${names[i]}`, {
          axis: names[i],
          values: { outputPadding, stride, dilation },
          hint: `use outputPadding < ${outputPaddingLimit(stride[i], dilation[i])} on this axis`,
        });
      }
    });
  }

  const axes = canonicalAxes(spatial, kernel, stride, dilation, pads, outputPadding);
  return buildGeometry({ transposed: true, batch, batched, inChannels, outChannels, groups, hasBias, paddingMode: 'zeros', axes, weightShape: weight });
}

/** PyTorch's `ConvTranspose*d.forward(output_size=…)`: output padding = wanted − minimum, < stride. */
function outputPaddingForSize(
  outputSize: readonly number[],
  rank: number,
  batched: boolean,
  spatial: number[],
  kernel: number[],
  stride: number[],
  dilation: number[],
  pads: [number, number][],
): number[] {
  const sizes = shapeOf(outputSize, 'outputSize');
  const full = rank + (batched ? 2 : 1);
  if (sizes.length !== rank && sizes.length !== full) {
    throw new ConvError('OUTPUT_SIZE', `outputSize must have ${rank} or ${full} elements, but got ${sizes.length}`, {
      values: { outputSize: sizes },
      hint: `give the ${rank} spatial sizes, e.g. [${spatial.map((s, i) => s * stride[i]).join(', ')}]`,
    });
  }
  const want = sizes.slice(sizes.length - rank);
  const names = axisNames(rank);
  return want.map((o, i) => {
    const min = transposedOutputSize(spatial[i], kernel[i], stride[i], dilation[i], pads[i][0], pads[i][1], 0);
    // PyTorch's range ignores dilation (max = min + s − 1); we keep that so we refuse what it refuses.
    const max = min + stride[i] - 1;
    if (o < min || o > max) {
      throw new ConvError('OUTPUT_SIZE', `requested output size ${o} on axis ${names[i]}, but ${max <= min ? `the only valid size is ${min}` : `valid sizes range from ${min} to ${max}`}`, {
        axis: names[i],
        values: { outputSize: want, min, max },
        hint: `pick a size ${ofRange(min, max)}, or change the padding or stride`,
      });
    }
    return o - min;
  });
}

/**
 * What fits a direct weight [O, C/groups, k…] whose channels do not match the input's C: an input
 * of the channels it expects, or a weight for C. Where `groups` does not divide C no weight of C/groups
 * exists ("[8, C/groups, …]" for C = 6 and groups 4 named one), so the groups that divide both C
 * and O are named instead, with the weight one of them takes.
 */
/** 'a', 'a or b', 'a, b or c'; a list cut at 12 values (divisors) ends in '…'. */
function orList(xs: readonly number[]): string {
  return xs.length === 1 ? String(xs[0]) : xs.length >= 12 ? `${xs.join(', ')}, …` : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

function directChannelsHint(o: number, expected: number, c: number, groups: number): string {
  const input = `give the input ${counted(expected, 'channel')}`;
  if (c % groups === 0) return `${input}, or a weight of shape [${o}, ${c / groups}, …]`;
  const fit = divisors(gcd(c, o));
  if (fit.length === 1) return `${input}, or, for ${counted(c, 'input channel')}, use groups=1 with a weight of shape [${o}, ${c}, …] (1 is the only groups value dividing both ${c} and the ${counted(o, 'output channel')})`;
  const g = fit.filter((d) => d < groups).pop() ?? 1;
  return `${input}, or, for ${counted(c, 'input channel')}, use groups ${orList(fit)} (the values dividing both ${c} and the ${counted(o, 'output channel')}) with a weight of shape [${o}, ${c}/groups, …], such as [${o}, ${c / g}, …] with groups=${g}`;
}

/**
 * A weight with 0 channels at dimension 0: the least shape that passes. Dimension 0 counts the
 * output channels of a conv's weight, and the input channels of a transposed conv's, which the
 * input must then match.
 */
function emptyWeightHint(weight: readonly number[], groups: number, transposed: boolean): string {
  const multiple = groups > 1 ? ` (a multiple of groups=${groups})` : '';
  const [kind, what, also] = transposed ? ['transposed ', 'input channel', ', and the input as many'] : ['', 'output channel', ''];
  return `give the ${kind}weight at least ${counted(groups, what)} at dimension 0${multiple}${also}, such as [${[groups, ...weight.slice(1)].join(', ')}]`;
}

/**
 * The groups a direct weight [O, C/groups, k…] allows with an input of C channels: the weight's
 * second dimension fixes C/groups, so only C over it can pass the channel check that follows
 * (a divisor of O alone, as this hint once offered, met that check's refusal next).
 */
function directGroupsHint(weight: readonly number[], inChannels: number): string {
  const [o, per] = weight;
  const g = per > 0 && inChannels % per === 0 ? inChannels / per : 0;
  if (g >= 1 && o % g === 0) return `use groups=${g}: the input's ${counted(inChannels, 'channel')} over the weight's ${per} per group (it divides the ${o} output channels)`;
  return `no groups fit this weight and input: groups must divide the weight's ${counted(o, 'output channel')} and be the input's ${counted(inChannels, 'channel')} over the weight's ${per} per group; change the weight's shape`;
}
