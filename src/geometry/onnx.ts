/**
 * ONNX dialect: a Conv / ConvTranspose node's attributes resolved to a ConvGeometry with the
 * semantics of the ONNX spec as ONNX Runtime (≥ 1.13, checked against 1.30) implements them
 * (docs/semantics.md, "ONNX" and "Across frameworks"):
 *  - pads are [x1_begin, x2_begin, …, x1_end, x2_end, …];
 *  - Conv SAME_UPPER/SAME_LOWER put an odd extra pad at the end/beginning (total clamped at 0, as
 *    ORT's results show); ORT refuses dilation > 1 with SAME_*;
 *  - ConvTranspose SAME_UPPER crops an odd extra cell at the end, SAME_LOWER and NOTSET/VALID with
 *    output_shape at the beginning; a given output_shape overrides pads (total clamped at 0).
 * Layouts are PyTorch's already (NCHW, W [M, C/g, k…] / [C, M/g, k…]), so the permutations are identities.
 */
import { refuseUnknownOptions } from './options.js';
import { atMost, ConvError, ofRange, show } from './errors.js';
import { axisNames } from './build.js';
import { directOutputSize, effectiveKernel, outputPaddingAllowed, outputPaddingLimit, samePaddingTotal, splitPadding, transposedFullSize } from './sizes.js';
import { finishDialect, type DialectGeometry } from './dialect-result.js';
import { identityPermutation } from './layout-permute.js';
import type { CanonicalAxis } from './types.js';
import { int, shapeOf } from './validate.js';

/** ONNX's `auto_pad`: explicit `pads` (`NOTSET`), TensorFlow-style SAME with the odd cell at the end or the start, or none. */
export type OnnxAutoPad = 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';

/** What every ONNX window operator (Conv, ConvTranspose, AveragePool, MaxPool) states: X's shape and the window attributes, named as in the spec. */
export interface OnnxWindowSpec {
  /** X: [N, C, D1…]. */
  xShape: readonly number[];
  auto_pad?: OnnxAutoPad;
  /** [x1_begin, x2_begin, …, x1_end, x2_end, …] (pooling: each below the kernel). */
  pads?: readonly number[];
  /** Default 1 on every axis. */
  strides?: readonly number[];
  dilations?: readonly number[];
}

/** An ONNX `Conv` or `ConvTranspose` node: the shapes of X and W and the node's attributes, named as in the spec. */
export interface OnnxConvSpec extends OnnxWindowSpec {
  op: 'Conv' | 'ConvTranspose';
  /** W: Conv [M, C/group, k…]; ConvTranspose [C, M/group, k…]. */
  wShape: readonly number[];
  group?: number;
  kernel_shape?: readonly number[];
  /** ConvTranspose only. */
  output_padding?: readonly number[];
  /** ConvTranspose only: spatial sizes (or the full N+2 shape, as ORT accepts). */
  output_shape?: readonly number[];
}

export const AUTO_PADS: readonly OnnxAutoPad[] = ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'];

/**
 * The window attributes every ONNX window operator checks alike: strides and dilations (one per
 * spatial axis, default 1, positive) and auto_pad (one of AUTO_PADS, default NOTSET).
 */
export function windowAttributes(spec: OnnxWindowSpec, op: string, names: readonly string[]): { strides: number[]; dilations: number[]; autoPad: OnnxAutoPad } {
  const r = names.length;
  const strides = ints(spec.strides, 'strides', r, 1, op, 1);
  const dilations = ints(spec.dilations, 'dilations', r, 1, op, 1);
  strides.forEach((s, i) => {
    if (s <= 0) throw new ConvError('STRIDE', `${op}: stride ${s} on axis ${names[i]} must be positive`, { axis: names[i], values: { strides }, hint: 'use strides ≥ 1' });
  });
  dilations.forEach((d, i) => {
    if (d <= 0) throw new ConvError('DILATION', `${op}: dilation ${d} on axis ${names[i]} must be positive`, { axis: names[i], values: { dilations }, hint: 'use dilations ≥ 1' });
  });
  const autoPad = spec.auto_pad ?? 'NOTSET';
  if (!AUTO_PADS.includes(autoPad)) throw new ConvError('PADDING_STRING', `${op}: unknown auto_pad ${show(autoPad)}`, { values: { auto_pad: autoPad }, hint: `use one of ${AUTO_PADS.join(', ')}` });
  return { strides, dilations, autoPad };
}

/** C++ integer division (truncates toward zero), as ORT computes. */
function cdiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** An ONNX ints attribute: `length` integers, or `fallback` repeated when absent (`least`: the smallest the caller takes, for int's hint). */
export function ints(v: unknown, what: string, length: number, fallback: number, op: string, least: number): number[] {
  if (v === undefined || v === null) return Array(length).fill(fallback);
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
    throw new ConvError('INVALID_OPTION', `${op}: attribute ${what} must be a list of integers, but got ${show(v)}`, { hint: `give ${length} integers` });
  }
  const arr = Array.from(v as ArrayLike<unknown>).map((x, i) => int(x, `${what}[${i}]`, least));
  if (arr.length !== length) {
    throw new ConvError('OPTION_LENGTH', `${op}: ${what} has ${arr.length} values but needs ${length}`, { values: { [what]: arr }, hint: `give ${length} values` });
  }
  return arr;
}

/**
 * ONNX's SAME_UPPER / SAME_LOWER padding of a forward window (Conv, AveragePool, MaxPool) on one
 * axis: `[before, after]` for an output of ceil(I / s) windows of extent `ke`, the total clamped at 0
 * (unless `clamp` is false), an odd cell at the end (UPPER) or the start (LOWER) (docs/semantics.md,
 * "Conv" and "ONNX pooling").
 */
export function onnxSamePads(I: number, s: number, ke: number, autoPad: 'SAME_UPPER' | 'SAME_LOWER', clamp = true): [number, number] {
  // Target ceil(I/s). ORT's source leaves the total unclamped, but 1.30's Conv results match a total
  // clamped at 0 (checked: I=7, s=4, K=1 reads cells 0 and 4 in both modes), as TF does. Its pooling
  // kernels do not clamp (and then refuse the negative pad): `clamp = false` gives that total.
  const unclamped = samePaddingTotal(I, s, ke);
  const total = clamp ? Math.max(0, unclamped) : unclamped;
  if (total >= 0) return splitPadding(total, autoPad === 'SAME_LOWER' ? 'before' : 'after');
  // ORT halves with C++ division, which rounds a negative total toward zero: unlike splitPadding's
  // floor, both modes then put the odd −1 at the end.
  const pb = autoPad === 'SAME_LOWER' ? cdiv(total + 1, 2) : cdiv(total, 2);
  return [pb, total - pb];
}

/** The spec's keys: any other is refused (a misspelt attribute was read as its default). */
const CONV_SPEC_KEYS: readonly string[] = ['op', 'xShape', 'wShape', 'auto_pad', 'pads', 'strides', 'dilations', 'group', 'kernel_shape', 'output_padding', 'output_shape'];

/**
 * Resolves an ONNX `Conv` or `ConvTranspose` node (opset 22 attributes, as ONNX Runtime applies
 * them) to convkit's geometry, with the PyTorch recipe that computes the same values — or why a
 * symmetric PyTorch padding cannot (SAME_LOWER's odd cell at the start).
 *
 * @example
 * ```ts
 * import { fromOnnx } from 'convkit';
 * const r = fromOnnx({ op: 'ConvTranspose', xShape: [1, 1, 3, 3], wShape: [1, 1, 3, 3], strides: [2, 2], auto_pad: 'SAME_LOWER' });
 * r.geometry.outputShape; //=> [1, 1, 6, 6]
 * r.pads;                 //=> [[1, 0], [1, 0]]
 * r.torchEquivalent;      //=> 'not expressible with symmetric padding: conv_transpose2d(stride=2, padding=0) then crop [1:7, 1:7]'
 * ```
 */
export function fromOnnx(spec: OnnxConvSpec): DialectGeometry {
  if (spec === null || typeof spec !== 'object') throw new ConvError('INVALID_OPTION', `fromOnnx needs an options object, but got ${show(spec)}`, { hint: "e.g. { op: 'Conv', xShape, wShape }" });
  refuseUnknownOptions(spec as unknown as Record<string, unknown>, CONV_SPEC_KEYS, 'fromOnnx', "ONNX's attribute names");
  const op = spec.op;
  if (op !== 'Conv' && op !== 'ConvTranspose') throw new ConvError('INVALID_OPTION', op === undefined ? 'fromOnnx needs the node\'s op' : `unknown ONNX op ${show(op)}`, { hint: "use op: 'Conv' or 'ConvTranspose'" });
  const transposed = op === 'ConvTranspose';
  const x = shapeOf(spec.xShape, 'xShape');
  const w = shapeOf(spec.wShape, 'wShape');
  if (w.length < 3) throw new ConvError('WEIGHT_RANK', `${op}: W of shape [${w.join(', ')}] needs at least 3 dimensions`, { values: { wShape: w }, hint: transposed ? 'W is [C, M/group, k…]' : 'W is [M, C/group, k…]' });
  const r = w.length - 2;
  if (r > 3) throw new ConvError('WEIGHT_RANK', `convkit handles 1 to 3 spatial axes, but W of shape [${w.join(', ')}] has ${r}`, { values: { wShape: w } });
  if (x.length !== w.length) {
    throw new ConvError('INPUT_RANK', `${op}: X of shape [${x.join(', ')}] and W of shape [${w.join(', ')}] have different ranks`, { values: { xShape: x, wShape: w }, hint: `give X as [N, C, ${axisNames(r).join(', ')}]` });
  }
  const names = axisNames(r);
  const N = x[0];
  const C = x[1];
  const spatialIn = x.slice(2);
  spatialIn.forEach((v, i) => {
    if (v === 0) throw new ConvError('EMPTY_INPUT', `X axis ${names[i]} has size 0`, { axis: names[i], values: { xShape: x }, hint: 'only the batch or channel dimension may be 0' });
  });
  const kernel = w.slice(2);
  if (spec.kernel_shape !== undefined) {
    const ks = ints(spec.kernel_shape, 'kernel_shape', r, 1, op, 1);
    if (ks.some((k, i) => k !== kernel[i])) {
      throw new ConvError('KERNEL_SIZE', `${op}: kernel_shape [${ks.join(', ')}] does not match W's spatial shape [${kernel.join(', ')}]`, { values: { kernel_shape: ks, wShape: w }, hint: 'drop kernel_shape or make it equal W.shape[2:]' });
    }
  }
  kernel.forEach((k, i) => {
    if (k === 0) throw new ConvError('KERNEL_SIZE', `${op}: kernel size on axis ${names[i]} is 0`, { axis: names[i], values: { wShape: w }, hint: 'use kernel sizes ≥ 1' });
  });
  const group = int(spec.group ?? 1, 'group', 1);
  if (group <= 0) throw new ConvError('GROUPS', `${op}: group count is ${group}`, { values: { group }, hint: 'use group ≥ 1' });
  const { strides, dilations, autoPad } = windowAttributes(spec, op, names);
  if (spec.pads !== undefined && autoPad !== 'NOTSET') {
    throw new ConvError('INVALID_OPTION', `${op}: the node has both 'auto_pad' (${autoPad}) and 'pads' attributes`, { values: { auto_pad: autoPad, pads: spec.pads }, hint: "give pads with auto_pad NOTSET, or drop pads" });
  }
  const pads = ints(spec.pads, 'pads', 2 * r, 0, op, 0);
  const kes = kernel.map((k, i) => effectiveKernel(k, dilations[i]));
  const notes: string[] = [];
  // The spec says pads ≥ 0; ORT 1.30's shape inference refuses negative ones ("Attribute pads must not
  // contain negative values") when it sees the node (its kernel alone crops: docs/semantics.md, "Conv").
  if (autoPad === 'NOTSET' && pads.some((p) => p < 0)) {
    throw new ConvError('NEGATIVE_PADDING', `${op}: pads [${pads.join(', ')}] contain a negative value`, { values: { pads }, hint: 'ONNX requires pads ≥ 0; crop the input with a Slice node instead' });
  }

  const axes: CanonicalAxis[] = [];
  let outChannels: number;
  if (!transposed) {
    if (spec.output_padding !== undefined || spec.output_shape !== undefined) {
      throw new ConvError('INVALID_OPTION', 'Conv has no output_padding or output_shape attribute', { hint: "use op: 'ConvTranspose'" });
    }
    if (C !== w[1] * group) {
      throw new ConvError('CHANNELS', `Conv: input channels C is not equal to kernel channels * group. C: ${C} kernel channels: ${w[1]} group: ${group}`, { values: { C, kernelChannels: w[1], group }, hint: `X needs ${w[1] * group} channels, or W.shape[1] = C / group` });
    }
    outChannels = w[0];
    if (outChannels % group !== 0) {
      throw new ConvError('GROUPS', `Conv: output channels M is not divisible by group. M: ${outChannels} group: ${group}`, { values: { M: outChannels, group }, hint: `use a multiple of ${group} output channels` });
    }
    if ((autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') && dilations.some((d) => d !== 1)) {
      throw new ConvError('DILATION', `Conv: dilation is not supported with auto_pad ${autoPad} (ONNX Runtime refuses it)`, { values: { dilations }, hint: 'use explicit pads with dilation, or dilation 1' });
    }
    for (let i = 0; i < r; i++) {
      const I = spatialIn[i];
      let pb = pads[i];
      let pa = pads[r + i];
      if (autoPad === 'VALID') pb = pa = 0;
      else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') [pb, pa] = onnxSamePads(I, strides[i], kernel[i], autoPad);
      axes.push({ input: I, kernel: kernel[i], stride: strides[i], dilation: dilations[i], padBefore: pb, padAfter: pa, outputPadding: 0 });
    }
  } else {
    if (w[0] !== C) {
      throw new ConvError('CHANNELS', `ConvTranspose: filter number not equal to input channel number. filter_number: ${w[0]} num_input_channels: ${C}`, { values: { C, wShape: w }, hint: `W.shape[0] must be ${C}` });
    }
    if (C % group !== 0) {
      throw new ConvError('GROUPS', `ConvTranspose: input channels is not divisible by group. num_input_channels: ${C} group: ${group}`, { values: { C, group }, hint: `use a group that divides ${C}` });
    }
    outChannels = w[1] * group;
    const adj = ints(spec.output_padding, 'output_padding', r, 0, op, 0);
    adj.forEach((a, i) => {
      if (a < 0) throw new ConvError('NEGATIVE_OUTPUT_PADDING', `ConvTranspose: output_padding ${a} on axis ${names[i]} is negative`, { axis: names[i], values: { output_padding: adj }, hint: 'use output_padding ≥ 0' });
      const limit = outputPaddingLimit(strides[i], dilations[i]);
      if (!outputPaddingAllowed(a, strides[i], dilations[i])) {
        throw new ConvError('OUTPUT_PADDING', `ConvTranspose: output_padding[${i}] (${a}) must be less than max(stride, dilation) (${limit}) for spatial dimension ${i}`, { axis: names[i], values: { output_padding: adj, strides, dilations }, hint: `use output_padding < ${limit}` });
      }
      if (a >= strides[i]) {
        // Allowed by the previous rule, refused by ORT's consistency check (docs/semantics.md, "ConvTranspose").
        throw new ConvError('OUTPUT_PADDING', `ConvTranspose: output_padding (${a}) may be too large for stride (${strides[i]}) on axis ${names[i]}: ONNX Runtime finds the computed output shape inconsistent`, { axis: names[i], values: { output_padding: adj, strides }, hint: `use output_padding < ${strides[i]}` });
      }
    });
    let outShape: number[] | undefined;
    if (spec.output_shape !== undefined) {
      const os = shapeOf(spec.output_shape, 'output_shape');
      if (os.length !== r && os.length !== r + 2) {
        throw new ConvError('OPTION_LENGTH', `ConvTranspose: output_shape attribute has ${os.length} elements, expected ${r} or ${r + 2}`, { values: { output_shape: os }, hint: `give the ${r} spatial sizes` });
      }
      outShape = os.length === r ? os : os.slice(2);
    }
    for (let i = 0; i < r; i++) {
      const I = spatialIn[i];
      const s = strides[i];
      const full = transposedFullSize(I, kernel[i], s, dilations[i]);
      let head: number;
      let tail: number;
      let out: number;
      // DistributePadding: SAME_UPPER crops the odd extra at the end; every other mode at the beginning.
      const distribute = (total: number): [number, number] => splitPadding(total, autoPad === 'SAME_UPPER' ? 'after' : 'before');
      if (outShape !== undefined) {
        out = outShape[i];
        [head, tail] = distribute(Math.max(0, full + adj[i] - out));
        // ORT checks that the output convolves back to the input; with the total clamped at 0 this
        // allows at most full + s − 1 (checked against ORT 1.30: I=4, K=3, s=2 accepts 10, refuses 11).
        const back = directOutputSize(out, kernel[i], s, dilations[i], head, tail);
        if (back !== I) {
          throw new ConvError('OUTPUT_SIZE', `ConvTranspose: output_shape ${out} on axis ${names[i]} does not fit the input of ${I}: ONNX Runtime convolves ${out} cells back to ${back}, not ${I}`, {
            axis: names[i],
            values: { input: I, output_shape: out, kernel: kernel[i], stride: s, dilation: dilations[i], output_padding: adj[i] },
            hint: `use an output size of ${atMost(full + s - 1, 1)} on this axis`,
          });
        }
        if (out < 1) {
          // Every size from 1 up convolves back to the input (the crop takes what is too much); 0 leaves nothing.
          throw new ConvError('OUTPUT_TOO_SMALL', `ConvTranspose: output_shape ${out} on axis ${names[i]} leaves no output`, {
            axis: names[i],
            values: { input: I, output_shape: out, kernel: kernel[i], stride: s, dilation: dilations[i], output_padding: adj[i] },
            hint: `use an output size ${ofRange(1, full + s - 1)} on this axis`,
          });
        }
      } else {
        if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
          [head, tail] = distribute(Math.max(0, full + adj[i] - I * s));
          if (full + adj[i] < I * s) {
            notes.push(`${autoPad} on axis ${names[i]}: the ONNX spec (and its shape inference) says the output is input·stride = ${I * s}, but ONNX Runtime clamps the padding at 0 and returns ${full + adj[i]}; convkit follows ONNX Runtime`);
          }
        }
        else if (autoPad === 'VALID') [head, tail] = [0, 0];
        else [head, tail] = [pads[i], pads[r + i]];
        out = full + adj[i] - head - tail;
      }
      if (out <= 0) {
        throw new ConvError('OUTPUT_TOO_SMALL', `ConvTranspose: computed output dimension is ${out} (≤ 0) for axis ${names[i]}: (${I}−1)·${s} + ${adj[i]} + ${kes[i]} − ${head} − ${tail}`, {
          axis: names[i],
          values: { input: I, stride: s, effectiveKernel: kes[i], pads: [head, tail], output_padding: adj[i], output: out },
          hint: 'use smaller pads or a larger input, kernel or stride',
        });
      }
      // In convkit's terms: crop `head` and `tail`; whatever the output holds past full − head − tail is output padding.
      axes.push({ input: I, kernel: kernel[i], stride: s, dilation: dilations[i], padBefore: head, padAfter: tail, outputPadding: out - (full - head - tail) });
    }
  }
  return finishDialect({
    transposed,
    batch: N,
    batched: true,
    inChannels: C,
    outChannels,
    groups: group,
    axes,
    weightShape: [...w],
    frameworkWeightShape: [...w],
    weightPermutation: identityPermutation(r + 2),
    frameworkInputShape: [...x],
    inputPermutation: identityPermutation(r + 2),
    outputPermutation: identityPermutation(r + 2),
    layout: transposed ? 'NCHW-style X and Y; W [C, M/group, k…] as PyTorch' : 'NCHW-style X and Y; W [M, C/group, k…] as PyTorch',
    notes,
  });
}
