/**
 * The backward pass: the gradients of L = Σ gradOutput·y with respect to the input, the weight and
 * the bias of y = conv(input, weight, options) or y = convTranspose(input, weight, options), as
 * PyTorch's autograd gives them (`torch.nn.grad.conv2d_input` / `conv2d_weight`).
 *
 * - The input gradient of a convolution is the transposed convolution of gradOutput with the same
 *   weight, stride, padding, dilation and groups, its output padding chosen to give back the input's
 *   size (docs/semantics.md, "Convolution, per axis": the transposed conv is the adjoint). It runs
 *   on the engines (`engine: 'auto'` takes the fast one). With a reflect / replicate / circular
 *   padding the transposed conv gives the gradient of the padded input, which is folded back onto
 *   the cells the padding copied (src/engine/reference/backward.ts, foldPadding).
 * - The input gradient of a transposed convolution is, the same way, the direct convolution of
 *   gradOutput with the same weight.
 * - The weight gradient is, on `engine: 'auto'`, itself a direct convolution (of the padded input,
 *   or of gradOutput on the full transposed grid, by the other operand, stride and dilation swapped:
 *   directWeightGrad, transposedWeightGrad) run on the engines; on 'reference' it is the reference
 *   loops over the forward tap tables (float64 sums). The bias gradient is a plain sum.
 */
import { CONV_BACKWARD_OPTIONS, CONV_TRANSPOSE_BACKWARD_OPTIONS } from './option-names.js';
import { callOptions, refuseUnknownOptions } from '../geometry/options.js';
import { buildGeometry } from '../geometry/build.js';
import { transposedOutputSize } from '../geometry/sizes.js';
import { ConvError, show } from '../geometry/errors.js';
import type { CanonicalAxis, ConvGeometry, DirectConvGeometry, TransposedConvGeometry } from '../geometry/types.js';
import { assertAllocatable, product } from '../geometry/validate.js';
import { delivered, engineOf, runConv, runConvAsync, type EngineName } from '../engine/dispatch.js';
import { fastWeightGrad, fastWeightGradAsync } from '../engine/gradients.js';
import { cropLeading, foldPadding, padInput, referenceBiasGrad, referenceWeightGrad, shiftPlanes } from '../engine/reference/backward.js';
import { asTensor, type Tensor } from '../tensor/tensor.js';
import { detached, type InputData } from '../engine/wasm/resident.js';
import type { ConvOptions, ConvTransposeOptions } from './conv.js';
import { inputOf, type InputTensor } from './engine-tensor.js';
import { outBufferOf } from './out-buffer.js';
import { GeometryMemo } from './geometry-memo.js';

/**
 * Which gradients a backward call computes. `input` and `weight` default to true; `bias` defaults
 * to whether `options.bias` is given (its values do not change any gradient). A gradient not asked
 * for comes back as `null`.
 *
 * @example
 * ```ts
 * const onlyTheKernel = { gradients: { input: false, weight: true } }; // e.g. to learn a kernel
 * ```
 */
export interface GradientSelection {
  input?: boolean;
  weight?: boolean;
  bias?: boolean;
}

/**
 * Where a backward call writes its gradients (the `out` option of the backward functions): a
 * Float32Array of the input's, the weight's or `[OC]`'s size for each gradient to be written in place
 * of a fresh array, so a training loop reuses its buffers. Each must not share memory with the
 * input, weight or gradOutput.
 *
 * @example
 * ```ts
 * const out = { weight: new Float32Array(3 * 3) }; // the weight gradient of a 1->1 3x3 kernel, reused every step
 * ```
 */
export interface GradientBuffers {
  input?: Float32Array | null;
  weight?: Float32Array | null;
  bias?: Float32Array | null;
}

/**
 * Options of `convBackward` and its rank aliases: those of `conv` (stride, padding, dilation,
 * groups, paddingMode, bias, engine) plus `gradients`, which picks the gradients to compute, and
 * `out`, the buffers they are written to ({@link GradientBuffers}).
 *
 * @example
 * ```ts
 * const options = { stride: 2, padding: 1, paddingMode: 'reflect', gradients: { bias: true } };
 * ```
 */
export type ConvBackwardOptions = Omit<ConvOptions, 'out' | 'algorithm'> & { gradients?: GradientSelection; out?: GradientBuffers | null };
/**
 * Options of `convTransposeBackward` and its rank aliases: those of `convTranspose` (stride, padding,
 * outputPadding or outputSize, dilation, groups, bias, engine) plus `gradients`.
 *
 * @example
 * ```ts
 * const options = { stride: 2, padding: 1, outputPadding: 1, gradients: { input: true, weight: false } };
 * ```
 */
export type ConvTransposeBackwardOptions = Omit<ConvTransposeOptions, 'out' | 'algorithm'> & { gradients?: GradientSelection; out?: GradientBuffers | null };

/**
 * The gradients of Σ gradOutput·y: `input` has the input's shape, `weight` the weight's, `bias`
 * `[OC]`; each is `null` when it was not asked for (see {@link GradientSelection}).
 *
 * @example
 * ```ts
 * import { conv1dBackward, tensor } from 'convkit';
 * const g = conv1dBackward(tensor([1, 2, 3], [1, 1, 3]), tensor([1, 1], [1, 1, 2]), tensor([1, 1], [1, 1, 2]));
 * g.bias; //=> null
 * ```
 */
export interface ConvGradients {
  input: Tensor | null;
  weight: Tensor | null;
  bias: Tensor | null;
}

/**
 * What a backward call returns, typed from its options as far as the call's types say them:
 * `conv2dBackward(x, w, gy).input` is a Tensor (it always is), `gradients: { input: false }` gives
 * `input: null`, and options typed only as the option interfaces give ConvGradients (each
 * `Tensor | null`). `G` is the `gradients` option's type, `B` the `bias` option's.
 *
 * @example
 * ```ts
 * import { conv1dBackward, tensor } from 'convkit';
 * const g = conv1dBackward(tensor([1, 2, 3], [1, 1, 3]), tensor([1, 1], [1, 1, 2]), tensor([1, 1], [1, 1, 2]), { gradients: { input: false } });
 * Array.from(g.weight.data); //=> [3, 5]
 * g.input;       //=> null
 * ```
 */
export type GradientsOf<G extends GradientSelection = GradientSelection, B extends BiasOption = BiasOption> = {
  input: Wanted<Flag<G, 'input'>, Tensor>;
  weight: Wanted<Flag<G, 'weight'>, Tensor>;
  bias: Wanted<Flag<G, 'bias'>, BiasDefault<B>>;
};

/** The `bias` option's type: what decides the bias gradient's default. */
export type BiasOption = Tensor | null | undefined;

/** The flag `gradients` gives a gradient: true, false, or undefined where it may be absent. */
type Flag<G, K extends keyof GradientSelection> = G extends unknown ? (K extends keyof G ? G[K] : undefined) : never;
/** A gradient's type from its flag, and from what it defaults to when the flag is absent. */
type Wanted<V, Default> = [V] extends [true] ? Tensor
  : [V] extends [false] ? null
  : [V] extends [undefined] ? Default
  : [V] extends [true | undefined] ? ([Default] extends [Tensor] ? Tensor : Tensor | null)
  : Tensor | null;
/** The bias gradient is computed by default when a bias is given. */
type BiasDefault<B> = [B] extends [Tensor] ? Tensor : [B] extends [null | undefined] ? null : Tensor | null;


/** The names `gradients` and `out` take. */
const GRADIENT_NAMES: readonly string[] = ['input', 'weight', 'bias'];

function selection(v: unknown, hasBias: boolean): Required<GradientSelection> {
  if (v === undefined || v === null) return { input: true, weight: true, bias: hasBias };
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new ConvError('INVALID_OPTION', `gradients must be an object such as { input: true, weight: true, bias: false }, but got ${show(v)}`, {
      values: { gradients: v },
      hint: 'give { input?, weight?, bias? } as booleans',
    });
  }
  const s = v as Record<string, unknown>;
  // A misspelt name would be read as its default: that gradient computed, or not, silently.
  refuseUnknownOptions(s, GRADIENT_NAMES, 'gradients', 'the gradients are input, weight and bias');
  const flag = (name: 'input' | 'weight' | 'bias', fallback: boolean): boolean => {
    const f = s[name];
    if (f === undefined) return fallback;
    if (typeof f !== 'boolean') {
      throw new ConvError('INVALID_OPTION', `gradients.${name} must be true or false, but got ${show(f)}`, { values: { gradients: v }, hint: `use gradients.${name}: true or false` });
    }
    return f;
  };
  return { input: flag('input', true), weight: flag('weight', true), bias: flag('bias', hasBias) };
}

/**
 * An operand as an array: an engine tensor's kept block is copied out at the first read of
 * `data` (once), for the gradients that do not read it where it lies.
 */
function readable(t: { shape: number[]; data: InputData }): Tensor {
  if (t.data instanceof Float32Array) return { shape: t.shape, data: t.data };
  const kept = t.data;
  let copy: Float32Array | null = null;
  return { shape: t.shape, get data() { return (copy ??= detached(kept)); } };
}

/** The forward geometry, the tensors and what to compute; gradOutput must have the output's shape. */
function prepare(transposed: boolean, rank: number | undefined, input: InputTensor, weight: Tensor, gradOutput: InputTensor, options: unknown) {
  const call = `${transposed ? 'convTranspose' : 'conv'}${rank ? `${rank}d` : ''}Backward`;
  const o = callOptions(options, transposed ? CONV_TRANSPOSE_BACKWARD_OPTIONS : CONV_BACKWARD_OPTIONS, call);
  const xIn = inputOf(input, call, 'input');
  const gyIn = inputOf(gradOutput, call, 'gradOutput');
  const x = readable(xIn);
  const w = asTensor(weight, 'weight');
  const gy = readable(gyIn);
  const b = o.bias === undefined || o.bias === null ? null : asTensor(o.bias as Tensor, 'bias');
  const engine = engineOf(o.engine);
  const bShape = b ? b.shape : null;
  // A training loop calls the same layer's backward over and over: the last geometry is reused
  // when every value it was computed from is the same (geometry-memo.ts), as the forward ops do.
  const g = memo.resolve(transposed, rank, x.shape, w.shape, bShape, o);
  const want = selection(o.gradients, b !== null);
  const same = gy.shape.length === g.outputShape.length && gy.shape.every((n, i) => n === g.outputShape[i]);
  if (!same) {
    throw new ConvError('INVALID_OPTION', `gradOutput has shape [${gy.shape.join(', ')}] but the ${transposed ? 'transposed ' : ''}convolution's output has shape [${g.outputShape.join(', ')}]`, {
      values: { gradOutputShape: gy.shape, outputShape: g.outputShape },
      hint: `give gradOutput the output's shape [${g.outputShape.join(', ')}]`,
    });
  }
  const outChannels = transposed ? g.weightShape[1] * g.groups : g.weightShape[0];
  // Kept operands the weight and bias gradients read are copied now, while they are surely still
  // kept: the asynchronous pass reads them after its awaits, by which time they may be released.
  if (want.weight) void x.data;
  if (want.weight || want.bias) void gy.data;
  const arrays = [xIn.data, w.data, gyIn.data].filter((d): d is Float32Array => d instanceof Float32Array);
  const out = gradientBuffers(o.out, g, outChannels, arrays);
  // The input gradient's conv reads gradOutput where an engine tensor keeps it (gyKept).
  return { g, x, w, gy, gyKept: gyIn.data, engine, want, outChannels, out };
}

/** The checked `out` option: each buffer given has its gradient's size and shares no memory with an operand. */
function gradientBuffers(v: unknown, g: ConvGeometry, outChannels: number, operands: Float32Array[]): Required<GradientBuffers> {
  if (v === undefined || v === null) return { input: null, weight: null, bias: null };
  if (typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) {
    throw new ConvError('INVALID_OPTION', `out of a backward call must be an object such as { input, weight, bias } of Float32Arrays, but got ${show(v)}`, {
      values: { out: v },
      hint: 'give { input?, weight?, bias? }, each a Float32Array of that gradient\'s size',
    });
  }
  const o = v as Record<string, unknown>;
  // A misspelt name (`inptu`) would leave that gradient in a fresh array without a word.
  refuseUnknownOptions(o, GRADIENT_NAMES, 'out', 'the gradients are input, weight and bias');
  const one = (name: 'input' | 'weight' | 'bias', shape: readonly number[]): Float32Array | null =>
    outBufferOf(o[name], shape, operands, `out.${name}`, `the ${name} gradient`);
  return { input: one('input', g.inputShape), weight: one('weight', g.weightShape), bias: one('bias', [outChannels]) };
}

/** Per-axis numbers of the geometry that computes the input gradient. */
function gradAxes(g: ConvGeometry, spatialIn: (ax: number) => number, pads: (ax: number) => [number, number], outputPadding: (ax: number) => number): CanonicalAxis[] {
  return g.axes.map((a, i) => ({
    input: spatialIn(i),
    kernel: a.kernel,
    stride: a.stride,
    dilation: a.dilation,
    padBefore: pads(i)[0],
    padAfter: pads(i)[1],
    outputPadding: outputPadding(i),
  }));
}

/**
 * A bias-free, zero-padded, batched geometry a gradient runs on as an ordinary conv (checked by
 * buildGeometry like any layer's).
 */
function gradGeometry(transposed: boolean, batch: number, inChannels: number, outChannels: number, groups: number, axes: CanonicalAxis[], weightShape: number[]): ConvGeometry {
  return buildGeometry({ transposed, batch, batched: true, inChannels, outChannels, groups, hasBias: false, paddingMode: 'zeros', axes, weightShape });
}

/** A gradient that is one convolution on the engines: its geometry, operands, and what its output becomes. */
interface ConvStep {
  geometry: ConvGeometry;
  x: InputData;
  w: Float32Array;
  finish(out: Float32Array): Float32Array;
  /** `finish` returns the conv's result as it is: the conv may write straight into the caller's buffer. */
  inPlace: boolean;
}

/**
 * The geometry an input gradient runs on depends on the forward geometry alone: kept per geometry
 * object, so a layer whose geometry the memo returned again skips building and checking it.
 */
const gradGeometries = new WeakMap<ConvGeometry, { geometry: ConvGeometry; flip: boolean }>();

function cachedGradGeometry(g: ConvGeometry, make: () => { geometry: ConvGeometry; flip: boolean }): { geometry: ConvGeometry; flip: boolean } {
  let c = gradGeometries.get(g);
  if (!c) {
    c = make();
    assertAllocatable(c.geometry.outputShape, 'input gradient');
    gradGeometries.set(g, c);
  }
  return c;
}

/** Input gradient of a direct convolution: a transposed conv of gradOutput (then the padding-mode fold). */
function directInputGrad(g: DirectConvGeometry, w: Float32Array, gy: InputData): ConvStep {
  const zeros = g.paddingMode === 'zeros';
  const finish = (padded: Float32Array): Float32Array => (zeros ? padded : foldPadding(g, padded));
  const { geometry, flip } = cachedGradGeometry(g, () => {
    // Zeros: crop the padding inside the transposed conv. Other modes: keep the padded grid, fold it after.
    const pads = (i: number): [number, number] => (zeros ? [g.axes[i].padBefore, g.axes[i].padAfter] : [0, 0]);
    // The cells past the last window that the direct conv never read: (I + pb + pa − Ke) mod s of them.
    const rest = (i: number) => {
      const a = g.axes[i];
      return (a.input + a.padBefore + a.padAfter - a.effectiveKernel) % a.stride;
    };
    // Stride 1: the transposed conv is the direct conv with the kernel flipped and its channel axes
    // swapped, padded by d(k − 1) − p on each side (the equivalent direct conv of
    // docs/semantics.md) — so the gradient runs on whatever algorithm the engine picks for direct
    // convs (Winograd for 3×3), as the forward does. Not when a crop exceeds d(k − 1).
    const full = (i: number): [number, number] => {
      const a = g.axes[i], span = a.effectiveKernel - 1;
      return [span - pads(i)[0], span - pads(i)[1]];
    };
    if (g.axes.every((a, i) => a.stride === 1 && full(i)[0] >= 0 && full(i)[1] >= 0)) {
      return { geometry: gradGeometry(false, g.batch, g.outChannels, g.inChannels, g.groups, gradAxes(g, (i) => g.axes[i].output, full, () => 0), [g.inChannels, g.outChannels / g.groups, ...g.axes.map((a) => a.kernel)]), flip: true };
    }
    return { geometry: gradGeometry(true, g.batch, g.outChannels, g.inChannels, g.groups, gradAxes(g, (i) => g.axes[i].output, pads, rest), g.weightShape), flip: false };
  });
  return { geometry, x: gy, w: flip ? flipSwapped(g, w) : w, finish, inPlace: zeros };
}

/**
 * A direct conv's weight `[OC, IC/g, k…]` as the weight of its transpose written as a direct conv:
 * `[IC, OC/g, k…]`, w'[g·icg + i, o, t] = w[g·ocg + o, i, taps − 1 − t] (every axis reversed).
 */
function flipSwapped(g: ConvGeometry, w: Float32Array): Float32Array {
  const icg = g.inChannels / g.groups, ocg = g.outChannels / g.groups;
  const taps = product(g.axes.map((a) => a.kernel));
  const out = new Float32Array(w.length);
  for (let gi = 0; gi < g.groups; gi++) {
    for (let o = 0; o < ocg; o++) {
      for (let i = 0; i < icg; i++) {
        const from = ((gi * ocg + o) * icg + i) * taps, to = ((gi * icg + i) * ocg + o) * taps;
        for (let t = 0; t < taps; t++) out[to + t] = w[from + taps - 1 - t];
      }
    }
  }
  return out;
}

/**
 * Input gradient of a transposed convolution: the direct conv of gradOutput with the same weight,
 * padded by what the transposed conv cropped.
 */
function transposedInputGrad(g: TransposedConvGeometry, w: Float32Array, gy: InputData): ConvStep {
  const d = cachedGradGeometry(g, () => ({ geometry: gradGeometry(false, g.batch, g.outChannels, g.inChannels, g.groups, gradAxes(g, (i) => g.axes[i].output, (i) => [g.axes[i].cropBefore, g.axes[i].cropAfter], () => 0), g.weightShape), flip: false })).geometry;
  // An output padding of a whole stride or more (allowed when the dilation is larger) adds cells no
  // input cell reaches; the direct conv then computes floor(op / s) extra positions at the end.
  const got = d.axes.map((a) => a.output);
  const keep = g.axes.map((a) => a.input);
  const inPlace = got.every((n, i) => n === keep[i]);
  return { geometry: d, x: gy, w, finish: (out) => (inPlace ? out : cropLeading(out, g.batch * g.inChannels, got, keep)), inPlace };
}

/** Channels `c0 … c0 + count − 1` of `[N, C, spatial]` data as `[count, N, spatial]` (batch and channels swapped). */
function swapBatchChannels(data: Float32Array, N: number, C: number, c0: number, count: number, spatial: number): Float32Array {
  const out = new Float32Array(count * N * spatial);
  for (let c = 0; c < count; c++) {
    for (let n = 0; n < N; n++) {
      const from = (n * C + c0 + c) * spatial;
      out.set(data.subarray(from, from + spatial), (c * N + n) * spatial);
    }
  }
  return out;
}

/**
 * Weight gradient of a transposed convolution on the engines: per group, dW[ic, oc, k] =
 * Σ_n Σ_i x[n, ic, i] · gradOutput[n, oc, i·s − pb + k·d] is a direct convolution of gradOutput
 * placed on the full (uncropped) output grid, `(I − 1)·s + Ke` cells per axis, batch and channels
 * swapped, by the input taken as the kernel, with stride d and dilation s: exactly k taps per axis.
 */
function transposedWeightGrad(g: TransposedConvGeometry, x: Float32Array, gy: Float32Array, engine: EngineName): Float32Array {
  const N = g.batch;
  const icPerGroup = g.inChannels / g.groups;
  const ocPerGroup = g.outChannels / g.groups;
  const outExtents = g.axes.map((a) => a.output);
  const full = g.axes.map((a) => transposedOutputSize(a.input, a.kernel, a.stride, a.dilation, 0, 0, 0)); // uncropped
  const fullSpatial = product(full);
  const gFull = shiftPlanes(gy, N * g.outChannels, outExtents, full, g.axes.map((a) => a.cropBefore));
  const inExtents = g.axes.map((a) => a.input);
  const inSpatial = product(inExtents);
  const kernel = g.axes.map((a) => a.kernel);
  const taps = product(kernel);
  const dW = new Float32Array(product(g.weightShape));
  for (let gi = 0; gi < g.groups; gi++) {
    const t = gradGeometry(false, ocPerGroup, N, icPerGroup, 1, g.axes.map((a, i) => ({ input: full[i], kernel: a.input, stride: a.dilation, dilation: a.stride, padBefore: 0, padAfter: 0, outputPadding: 0 })), [icPerGroup, N, ...inExtents]);
    const xs = swapBatchChannels(gFull, N, g.outChannels, gi * ocPerGroup, ocPerGroup, fullSpatial);
    const ws = swapBatchChannels(x, N, g.inChannels, gi * icPerGroup, icPerGroup, inSpatial);
    const out = runConv(t, xs, ws, null, engine); // [OC/g, IC/g, k…]
    for (let ocl = 0; ocl < ocPerGroup; ocl++) {
      for (let icl = 0; icl < icPerGroup; icl++) {
        const from = (ocl * icPerGroup + icl) * taps;
        dW.set(out.subarray(from, from + taps), ((gi * icPerGroup + icl) * ocPerGroup + ocl) * taps);
      }
    }
  }
  return dW;
}

/**
 * Weight gradient of a direct convolution on the engines: per group, dW[oc, ic, k] =
 * Σ_n Σ_o gradOutput[n, oc, o] · xPadded[n, ic, o·s + k·d] is itself a direct convolution — the
 * padded input with batch and channels swapped (`[IC/g, N, …]`) convolved by gradOutput taken as
 * the kernel (`[OC/g, N, O…]`), the forward's dilation as its stride and the forward's stride as its
 * dilation. It gives `k + ⌊r/d⌋` taps per axis (`r` the cells after the last window), cut to `k`.
 */
function directWeightGrad(g: DirectConvGeometry, x: Float32Array, gy: Float32Array, engine: EngineName): Float32Array {
  const N = g.batch;
  const icPerGroup = g.inChannels / g.groups;
  const ocPerGroup = g.outChannels / g.groups;
  const padded = padInput(g, x);
  const padExtents = g.axes.map((a) => a.input + a.padBefore + a.padAfter);
  const padSpatial = product(padExtents);
  const outExtents = g.axes.map((a) => a.output);
  const outSpatial = product(outExtents);
  const kernel = g.axes.map((a) => a.kernel);
  const taps = product(kernel);
  const dW = new Float32Array(product(g.weightShape));
  for (let gi = 0; gi < g.groups; gi++) {
    const xs = swapBatchChannels(padded, N, g.inChannels, gi * icPerGroup, icPerGroup, padSpatial);
    const ws = swapBatchChannels(gy, N, g.outChannels, gi * ocPerGroup, ocPerGroup, outSpatial);
    const t = gradGeometry(false, icPerGroup, N, ocPerGroup, 1, g.axes.map((a, i) => ({ input: padExtents[i], kernel: a.output, stride: a.dilation, dilation: a.stride, padBefore: 0, padAfter: 0, outputPadding: 0 })), [ocPerGroup, N, ...outExtents]);
    const out = runConv(t, xs, ws, null, engine); // [IC/g, OC/g, k' …]
    const got = t.axes.map((a) => a.output);
    const cut = got.every((k, i) => k === kernel[i]) ? out : cropLeading(out, icPerGroup * ocPerGroup, got, kernel);
    for (let icl = 0; icl < icPerGroup; icl++) {
      for (let ocl = 0; ocl < ocPerGroup; ocl++) {
        const from = (icl * ocPerGroup + ocl) * taps;
        dW.set(cut.subarray(from, from + taps), ((gi * ocPerGroup + ocl) * icPerGroup + icl) * taps);
      }
    }
  }
  return dW;
}

/** The backward functions' own memo of the last forward geometry (the forward ops keep theirs). */
const memo = new GeometryMemo();

type Prepared = ReturnType<typeof prepare>;

/** What both the synchronous and the asynchronous pass compute around the engines' calls. */
function plan(p: Prepared) {
  const { g, w, gy, gyKept, want, outChannels, out } = p;
  // Batch 0 or channels 0: nothing was computed forward, every gradient is zero.
  const empty = product(g.inputShape) === 0 || product(g.outputShape) === 0;
  const inputStep = want.input && !empty ? (g.transposed ? transposedInputGrad(g, w.data, gyKept) : directInputGrad(g, w.data, gyKept)) : null;
  // A gradient not computed (empty) is zero: written into its buffer when one was given.
  const tensor = (shape: number[], data: Float32Array | null, into: Float32Array | null): Tensor => ({ shape: shape.slice(), data: data ?? into?.fill(0) ?? new Float32Array(product(shape)) });
  return {
    inputStep,
    /** The weight gradient is computed (not zero, not skipped). */
    weight: want.weight && !empty,
    result(gx: Float32Array | null, gw: Float32Array | null): ConvGradients {
      return {
        input: want.input ? tensor(g.inputShape, gx, out.input) : null,
        weight: want.weight ? tensor(g.weightShape, gw, out.weight) : null,
        bias: want.bias ? tensor([outChannels], empty ? null : delivered(referenceBiasGrad(g, gy.data), out.bias), out.bias) : null,
      };
    },
  };
}

/**
 * The weight gradient without the fast engine's GEMM: the reference loops over the forward tap
 * tables on 'reference'; on 'auto' (tiny gradients, or no fast engine) the gradient as a
 * convolution through runConv, which picks the tiny-call or the reference engine.
 */
function portableWeightGrad(p: Prepared): Float32Array {
  const { g, x, gy, engine } = p;
  if (engine === 'reference') return delivered(referenceWeightGrad(g, x.data, gy.data), p.out.weight);
  return delivered(g.transposed ? transposedWeightGrad(g, x.data, gy.data, engine) : directWeightGrad(g, x.data, gy.data, engine), p.out.weight);
}

function backward(transposed: boolean, rank: number | undefined, input: InputTensor, weight: Tensor, gradOutput: InputTensor, options: unknown): ConvGradients {
  const p = prepare(transposed, rank, input, weight, gradOutput, options);
  const s = plan(p);
  const step = s.inputStep;
  const gx = step ? (step.inPlace ? runConv(step.geometry, step.x, step.w, null, p.engine, 'auto', p.out.input) : delivered(step.finish(runConv(step.geometry, step.x, step.w, null, p.engine)), p.out.input)) : null;
  // 'auto': the weight gradient on the fast engine when it runs there (Winograd or GEMM: gradients.ts).
  const gw = s.weight ? (p.engine === 'auto' ? fastWeightGrad(p.g, p.x.data, p.gy.data, p.out.weight) : null) ?? portableWeightGrad(p) : null;
  return s.result(gx, gw);
}

/** The asynchronous pass: the same numbers, the engines' work awaited on their worker threads. */
async function backwardAsync(transposed: boolean, rank: number | undefined, input: InputTensor, weight: Tensor, gradOutput: InputTensor, options: unknown): Promise<ConvGradients> {
  const p = prepare(transposed, rank, input, weight, gradOutput, options);
  const s = plan(p);
  // Both calls are queued at once: the engine runs them one after the other without a gap.
  const step = s.inputStep;
  const gx = step ? runConvAsync(step.geometry, step.x, step.w, null, p.engine, 'auto', step.inPlace ? p.out.input : null) : null;
  const fast = s.weight && p.engine === 'auto' ? fastWeightGradAsync(p.g, p.x.data, p.gy.data, p.out.weight) : null;
  const [outX, outW] = await Promise.all([gx, fast]);
  const dx = outX ? (step!.inPlace ? outX : delivered(step!.finish(outX), p.out.input)) : null;
  const gw = s.weight ? outW ?? portableWeightGrad(p) : null;
  return s.result(dx, gw);
}

/**
 * A backward function's signature: its gradients typed from its options (GradientsOf), `O` the
 * options of its forward op (ConvBackwardOptions or ConvTransposeBackwardOptions).
 *
 * @example
 * ```ts
 * import { conv2dBackward, tensor } from 'convkit';
 * // conv2dBackward is a BackwardFunction<ConvBackwardOptions>: with no gradients option, input is a Tensor
 * const g = conv2dBackward(tensor([1, 2, 3, 4], [1, 1, 2, 2]), tensor([2], [1, 1, 1, 1]), tensor([1, 1, 1, 1], [1, 1, 2, 2]));
 * Array.from(g.input.data); //=> [2, 2, 2, 2]
 * ```
 */
export type BackwardFunction<O> = <G extends GradientSelection = {}, B extends BiasOption = undefined>(
  input: InputTensor, weight: Tensor, gradOutput: InputTensor, options?: O & { gradients?: G; bias?: B },
) => GradientsOf<G, B>;
/**
 * The async variants' signature: as {@link BackwardFunction}, the gradients as a promise.
 *
 * @example
 * ```ts
 * import { conv2dBackwardAsync, tensor } from 'convkit';
 * // conv2dBackwardAsync is a BackwardAsyncFunction<ConvBackwardOptions>
 * const g = await conv2dBackwardAsync(tensor([1, 2, 3, 4], [1, 1, 2, 2]), tensor([2], [1, 1, 1, 1]), tensor([1, 1, 1, 1], [1, 1, 2, 2]), { gradients: { input: false } });
 * Array.from(g.weight.data); //=> [10]
 * ```
 */
export type BackwardAsyncFunction<O> = <G extends GradientSelection = {}, B extends BiasOption = undefined>(
  input: InputTensor, weight: Tensor, gradOutput: InputTensor, options?: O & { gradients?: G; bias?: B },
) => Promise<GradientsOf<G, B>>;

/** The public function of one backward pass (conv or transposed, a rank or any), typed from its options. */
function backwardOf<O>(transposed: boolean, rank: number | undefined): BackwardFunction<O> {
  return ((input: InputTensor, weight: Tensor, gradOutput: InputTensor, options?: unknown) => backward(transposed, rank, input, weight, gradOutput, options)) as unknown as BackwardFunction<O>;
}

function backwardAsyncOf<O>(transposed: boolean, rank: number | undefined): BackwardAsyncFunction<O> {
  return ((input: InputTensor, weight: Tensor, gradOutput: InputTensor, options?: unknown) => backwardAsync(transposed, rank, input, weight, gradOutput, options)) as unknown as BackwardAsyncFunction<O>;
}

/**
 * The backward pass of `conv` (any spatial rank, taken from the weight): the gradients of
 * Σ gradOutput·conv(input, weight, options) with respect to the input, the weight and the bias, as
 * PyTorch's autograd computes them. The input gradient is the transposed convolution of gradOutput
 * (on the fast engine with `engine: 'auto'`); a reflect, replicate or circular padding sends the
 * gradient of each padding cell back to the input cell it copied. Refuses what `conv` refuses, and a
 * gradOutput not of the output's shape (`INVALID_OPTION`).
 *
 * @example
 * ```ts
 * import { convBackward, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4], [1, 1, 4]);
 * const w = tensor([1, -1], [1, 1, 2]);            // y = [x0 - x1, x1 - x2, x2 - x3]
 * const g = convBackward(x, w, tensor([1, 1, 1], [1, 1, 3]), { gradients: { bias: true } });
 * Array.from(g.input.data);  //=> [1, 0, 0, -1]
 * Array.from(g.weight.data); //=> [6, 9]
 * Array.from(g.bias.data);   //=> [3]
 * ```
 */
export const convBackward = backwardOf<ConvBackwardOptions>(false, undefined);
/**
 * The backward pass of `conv1d` (input `[N, C, L]` or `[C, L]`): see {@link convBackward}.
 *
 * @example
 * ```ts
 * import { conv1dBackward, tensor } from 'convkit';
 * const x = tensor([1, 2, 3], [1, 1, 3]);
 * const w = tensor([1, 1, 1], [1, 1, 3]);
 * // reflect padding 1 reads x1 at both ends: [x1 x0 x1 x2 x1]; its gradient folds back onto x1.
 * const g = conv1dBackward(x, w, tensor([1, 0, 0], [1, 1, 3]), { padding: 1, paddingMode: 'reflect' });
 * Array.from(g.input.data);  //=> [1, 2, 0]
 * Array.from(g.weight.data); //=> [2, 1, 2]
 * ```
 */
export const conv1dBackward = backwardOf<ConvBackwardOptions>(false, 1);
/**
 * The backward pass of `conv2d` (input `[N, C, H, W]` or `[C, H, W]`): see {@link convBackward}.
 *
 * @example
 * ```ts
 * import { conv2dBackward, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4], [1, 1, 2, 2]);
 * const w = tensor([1, 2, 3, 4], [1, 1, 2, 2]);
 * const g = conv2dBackward(x, w, tensor([1], [1, 1, 1, 1]));  // y = x · w, one output
 * Array.from(g.input.data);  //=> [1, 2, 3, 4]
 * Array.from(g.weight.data); //=> [1, 2, 3, 4]
 * ```
 */
export const conv2dBackward = backwardOf<ConvBackwardOptions>(false, 2);
/**
 * The backward pass of `conv3d` (input `[N, C, D, H, W]` or `[C, D, H, W]`): see {@link convBackward}.
 *
 * @example
 * ```ts
 * import { conv3dBackward, tensor } from 'convkit';
 * const x = tensor(new Float32Array(8).fill(1), [1, 1, 2, 2, 2]);
 * const w = tensor([2], [1, 1, 1, 1, 1]);
 * const g = conv3dBackward(x, w, tensor(new Float32Array(8).fill(1), [1, 1, 2, 2, 2]));
 * Array.from(g.input.data);  //=> [2, 2, 2, 2, 2, 2, 2, 2]
 * Array.from(g.weight.data); //=> [8]
 * ```
 */
export const conv3dBackward = backwardOf<ConvBackwardOptions>(false, 3);
/**
 * The backward pass of `convTranspose` (any spatial rank, taken from the weight `[IC, OC/groups, k…]`):
 * the gradients of Σ gradOutput·convTranspose(input, weight, options). The input gradient is the
 * direct convolution of gradOutput with the same weight, stride, padding, dilation and groups.
 * Refuses what `convTranspose` refuses.
 *
 * @example
 * ```ts
 * import { convTransposeBackward, tensor } from 'convkit';
 * const x = tensor([1, 2], [1, 1, 2]);
 * const w = tensor([1, 1], [1, 1, 2]);             // y = [x0, x0, x1, x1] with stride 2
 * const g = convTransposeBackward(x, w, tensor([1, 2, 3, 4], [1, 1, 4]), { stride: 2 });
 * Array.from(g.input.data);  //=> [3, 7]
 * Array.from(g.weight.data); //=> [7, 10]
 * ```
 */
export const convTransposeBackward = backwardOf<ConvTransposeBackwardOptions>(true, undefined);
/**
 * The backward pass of `convTranspose1d`: see {@link convTransposeBackward}.
 *
 * @example
 * ```ts
 * import { convTranspose1dBackward, tensor } from 'convkit';
 * const g = convTranspose1dBackward(tensor([1, 2], [1, 1, 2]), tensor([1, 1, 1], [1, 1, 3]), tensor([1, 1, 1, 1], [1, 1, 4]));
 * Array.from(g.input.data);  //=> [3, 3]
 * Array.from(g.weight.data); //=> [3, 3, 3]
 * ```
 */
export const convTranspose1dBackward = backwardOf<ConvTransposeBackwardOptions>(true, 1);
/**
 * The backward pass of `convTranspose2d`: see {@link convTransposeBackward}.
 *
 * @example
 * ```ts
 * import { convTranspose2dBackward, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4], [1, 1, 2, 2]);
 * const w = tensor([1, 1, 1, 1], [1, 1, 2, 2]);
 * const g = convTranspose2dBackward(x, w, tensor(new Float32Array(16).fill(1), [1, 1, 4, 4]), { stride: 2 });
 * Array.from(g.input.data);  //=> [4, 4, 4, 4]
 * Array.from(g.weight.data); //=> [10, 10, 10, 10]
 * ```
 */
export const convTranspose2dBackward = backwardOf<ConvTransposeBackwardOptions>(true, 2);
/**
 * The backward pass of `convTranspose3d`: see {@link convTransposeBackward}.
 *
 * @example
 * ```ts
 * import { convTranspose3dBackward, tensor } from 'convkit';
 * const g = convTranspose3dBackward(tensor([3], [1, 1, 1, 1, 1]), tensor([1, 2], [1, 1, 1, 1, 2]), tensor([1, 1], [1, 1, 1, 1, 2]));
 * Array.from(g.input.data);  //=> [3]
 * Array.from(g.weight.data); //=> [3, 3]
 * ```
 */
export const convTranspose3dBackward = backwardOf<ConvTransposeBackwardOptions>(true, 3);

// Asynchronous variants: the same gradients; the engines' work runs on their worker threads.
/**
 * The asynchronous {@link convBackward}: the same gradients, computed on the fast engine's worker
 * threads while the caller only awaits, so a browser's main thread stays responsive (small
 * gradients are computed in place; without workers, large ones in slices that yield: README, "Async").
 *
 * @example
 * ```ts
 * import { convBackwardAsync, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4], [1, 1, 4]);
 * const w = tensor([1, -1], [1, 1, 2]);
 * const g = await convBackwardAsync(x, w, tensor([1, 1, 1], [1, 1, 3]));
 * Array.from(g.input.data);  //=> [1, 0, 0, -1]
 * Array.from(g.weight.data); //=> [6, 9]
 * ```
 */
export const convBackwardAsync = backwardAsyncOf<ConvBackwardOptions>(false, undefined);
/**
 * The asynchronous {@link conv1dBackward}.
 *
 * @example
 * ```ts
 * import { conv1dBackwardAsync, tensor } from 'convkit';
 * const g = await conv1dBackwardAsync(tensor([1, 2, 3], [1, 1, 3]), tensor([1, 1], [1, 1, 2]), tensor([1, 1], [1, 1, 2]), { gradients: { bias: true } });
 * Array.from(g.input.data);  //=> [1, 2, 1]
 * Array.from(g.weight.data); //=> [3, 5]
 * Array.from(g.bias.data);   //=> [2]
 * ```
 */
export const conv1dBackwardAsync = backwardAsyncOf<ConvBackwardOptions>(false, 1);
/**
 * The asynchronous {@link conv2dBackward}: large layers run on the worker threads.
 *
 * @example
 * ```ts
 * import { conv2dBackwardAsync, tensor } from 'convkit';
 * // A 64 -> 64 channel 3x3 layer on a 56x56 map, gradOutput all ones: large enough for the threads.
 * const x = tensor(new Float32Array(64 * 56 * 56).fill(1), [1, 64, 56, 56]);
 * const w = tensor(new Float32Array(64 * 64 * 9).fill(0.5), [64, 64, 3, 3]);
 * const g = await conv2dBackwardAsync(x, w, tensor(new Float32Array(64 * 56 * 56).fill(1), [1, 64, 56, 56]), { padding: 1 });
 * g.weight.shape;    //=> [64, 64, 3, 3]
 * g.weight.data[4];  //=> 3136
 * g.input.data[57];  //=> 288
 * // the centre tap sees all 56 x 56 cells; an inner input cell is read by 64 channels x 9 taps x 0.5
 * ```
 */
export const conv2dBackwardAsync = backwardAsyncOf<ConvBackwardOptions>(false, 2);
/**
 * The asynchronous {@link conv3dBackward}.
 *
 * @example
 * ```ts
 * import { conv3dBackwardAsync, tensor } from 'convkit';
 * const x = tensor(new Float32Array(8).fill(1), [1, 1, 2, 2, 2]);
 * const g = await conv3dBackwardAsync(x, tensor([2], [1, 1, 1, 1, 1]), tensor(new Float32Array(8).fill(1), [1, 1, 2, 2, 2]));
 * Array.from(g.weight.data); //=> [8]
 * ```
 */
export const conv3dBackwardAsync = backwardAsyncOf<ConvBackwardOptions>(false, 3);
/**
 * The asynchronous {@link convTransposeBackward}.
 *
 * @example
 * ```ts
 * import { convTransposeBackwardAsync, tensor } from 'convkit';
 * const g = await convTransposeBackwardAsync(tensor([1, 2], [1, 1, 2]), tensor([1, 1], [1, 1, 2]), tensor([1, 2, 3, 4], [1, 1, 4]), { stride: 2 });
 * Array.from(g.input.data);  //=> [3, 7]
 * Array.from(g.weight.data); //=> [7, 10]
 * ```
 */
export const convTransposeBackwardAsync = backwardAsyncOf<ConvTransposeBackwardOptions>(true, undefined);
/**
 * The asynchronous {@link convTranspose1dBackward}.
 *
 * @example
 * ```ts
 * import { convTranspose1dBackwardAsync, tensor } from 'convkit';
 * const g = await convTranspose1dBackwardAsync(tensor([1, 2], [1, 1, 2]), tensor([1, 1, 1], [1, 1, 3]), tensor([1, 1, 1, 1], [1, 1, 4]));
 * Array.from(g.input.data);  //=> [3, 3]
 * ```
 */
export const convTranspose1dBackwardAsync = backwardAsyncOf<ConvTransposeBackwardOptions>(true, 1);
/**
 * The asynchronous {@link convTranspose2dBackward}: large layers run on the worker threads.
 *
 * @example
 * ```ts
 * import { convTranspose2dBackwardAsync, tensor } from 'convkit';
 * // A learned 2x upsampling, 64 -> 32 channels, 56x56 -> 112x112.
 * const x = tensor(new Float32Array(64 * 56 * 56).fill(1), [1, 64, 56, 56]);
 * const w = tensor(new Float32Array(64 * 32 * 9).fill(1), [64, 32, 3, 3]);
 * const gy = tensor(new Float32Array(32 * 112 * 112).fill(1), [1, 32, 112, 112]);
 * const g = await convTranspose2dBackwardAsync(x, w, gy, { stride: 2, padding: 1, outputPadding: 1 });
 * g.input.shape;     //=> [1, 64, 56, 56]
 * g.input.data[57];  //=> 288
 * g.weight.data[4];  //=> 3136
 * // an inner input cell reaches 3 x 3 output cells of each of 32 channels; the centre tap of every input cell lands inside
 * ```
 */
export const convTranspose2dBackwardAsync = backwardAsyncOf<ConvTransposeBackwardOptions>(true, 2);
/**
 * The asynchronous {@link convTranspose3dBackward}.
 *
 * @example
 * ```ts
 * import { convTranspose3dBackwardAsync, tensor } from 'convkit';
 * const g = await convTranspose3dBackwardAsync(tensor([3], [1, 1, 1, 1, 1]), tensor([1, 2], [1, 1, 1, 1, 2]), tensor([1, 1], [1, 1, 1, 1, 2]));
 * Array.from(g.weight.data); //=> [3, 3]
 * ```
 */
export const convTranspose3dBackwardAsync = backwardAsyncOf<ConvTransposeBackwardOptions>(true, 3);
