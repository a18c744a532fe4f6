/**
 * Pooling geometry in PyTorch's dialect (max_pool*d / avg_pool*d): the same per-axis record as a
 * convolution (kernel, stride, padding, dilation → output), with PyTorch's pooling rules — stride
 * defaults to the kernel, padding at most half the (effective) kernel, optional ceil mode.
 */
import { axisNames, directAxisRecord, directEquivalent } from './build.js';
import { effectiveKernel, largestFittingKernel, windowSpan } from './sizes.js';
import { atMost, ConvError, counted, dilationFitting, show, useOneOf } from './errors.js';
import type { CanonicalAxis, DirectAxis } from './types.js';
import { perAxis, shapeOf } from './validate.js';

/** Which pooling: the window's maximum or its mean. */
export type PoolMode = 'max' | 'avg';

/** PyTorch's pooling arguments, camel-cased (`kernel_size` → `kernelSize`). */
export interface PoolOptions {
  /** Window extent, one number or one per axis. */
  kernelSize: number | readonly number[];
  /** Defaults to kernelSize. */
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  /** Max pooling only. */
  dilation?: number | readonly number[];
  ceilMode?: boolean;
  /** Average pooling: count padding cells in the divisor (default true, as PyTorch). */
  countIncludePad?: boolean;
  /** Average pooling: divide by this instead of the window size. */
  divisorOverride?: number | null;
}

/** A pooling resolved: the per-axis records a convolution has, plus the pooling flags and both shapes. */
export interface PoolGeometry {
  mode: PoolMode;
  rank: number;
  batch: number;
  batched: boolean;
  channels: number;
  /** Pooling is direct: every axis pads its input. */
  axes: DirectAxis[];
  ceilMode: boolean;
  countIncludePad: boolean;
  divisorOverride: number | null;
  /**
   * What max pooling gives for a window that reads no input cell (only the ONNX and TensorFlow.js
   * dialects allow one): −Infinity unless set (ONNX Runtime gives the lowest float32).
   */
  emptyMax?: number;
  /** What average pooling gives for such a window: 0 unless set (TensorFlow.js's 2-D pools give NaN). */
  emptyAverage?: number;
  inputShape: number[];
  outputShape: number[];
}

/**
 * Windows along one axis: floor((I + pb + pe − Ke) / s) + 1, or rounded up in ceil mode, where the
 * last window must still start inside the input or its left padding (PyTorch's rule, which ONNX
 * Runtime applies too: docs/semantics.md, "Pooling" and "ONNX pooling").
 */
export function poolOutput(i: number, ke: number, s: number, pb: number, pe: number, ceil: boolean): number {
  const num = i + pb + pe - ke + (ceil ? s - 1 : 0);
  let o = Math.floor(num / s) + 1;
  if (ceil && (o - 1) * s >= i + pb) o--;
  return o;
}

/**
 * Resolves a pooling in PyTorch's rules (stride defaults to the kernel, padding at most half the
 * effective kernel, ceil mode's last window starts inside the input or its left padding), or throws
 * a `ConvError` where PyTorch refuses.
 *
 * @example
 * ```ts
 * import { poolGeometry } from 'convkit';
 * const g = poolGeometry('max', [1, 1, 5, 5], { kernelSize: 3, stride: 2, padding: 1 }, 2);
 * g.outputShape;  //=> [1, 1, 3, 3]
 * g.axes[0];      //=> { name: 'H', input: 5, kernel: 3, stride: 2, padBefore: 1, padAfter: 1, output: 3 }
 * ```
 */
export function poolGeometry(mode: PoolMode, inputShape: readonly number[], options: PoolOptions, rank: number): PoolGeometry {
  if (options === null || typeof options !== 'object') {
    throw new ConvError('INVALID_OPTION', `pooling options must be an object, but got ${show(options)}`, { hint: 'e.g. { kernelSize: 3, stride: 1 }' });
  }
  if (rank !== 1 && rank !== 2 && rank !== 3) {
    // Every message below names the op by its rank (maxPool2d): without one they read "NaN-D".
    throw new ConvError('INVALID_OPTION', `poolGeometry needs the pooling's rank (1, 2 or 3 spatial axes) as its fourth argument, but got ${show(rank)}`, { hint: "e.g. poolGeometry('max', [1, 1, 5, 5], { kernelSize: 3 }, 2)" });
  }
  const input = shapeOf(inputShape, 'input shape');
  if (input.length !== rank + 1 && input.length !== rank + 2) {
    throw new ConvError('INPUT_RANK', `expected a ${rank + 1}-D (unbatched) or ${rank + 2}-D (batched) input to ${mode}Pool${rank}d, but got shape [${input.join(', ')}]`, {
      values: { inputShape: input },
      hint: `give the input as [N, C, ${axisNames(rank).join(', ')}] or [C, ${axisNames(rank).join(', ')}]`,
    });
  }
  const batched = input.length === rank + 2;
  const names = axisNames(rank);
  if (options.kernelSize === undefined || options.kernelSize === null) {
    // PyTorch's kernel_size has no default (a TypeError there).
    throw new ConvError('INVALID_OPTION', `${mode} pooling needs a kernelSize`, { hint: 'e.g. { kernelSize: 2 }' });
  }
  const kernel = perAxis(options.kernelSize, 'kernelSize', rank, 1, 1);
  // PyTorch: stride None or [] (the functional default) means the kernel size.
  const noStride = options.stride === undefined || options.stride === null || (Array.isArray(options.stride) && options.stride.length === 0);
  const stride = noStride ? kernel : perAxis(options.stride, 'stride', rank, 1, 1);
  const padding = perAxis(options.padding, 'padding', rank, 0, 0);
  if (mode === 'avg' && options.dilation !== undefined && options.dilation !== null) {
    throw new ConvError('INVALID_OPTION', 'average pooling has no dilation', { hint: 'leave dilation out, or use max pooling' });
  }
  const dilation = perAxis(options.dilation, 'dilation', rank, 1, 1);
  const ceilMode = options.ceilMode === true;
  const countIncludePad = options.countIncludePad !== false;
  let divisorOverride: number | null = null;
  if (options.divisorOverride !== undefined && options.divisorOverride !== null) {
    const d = perAxis(options.divisorOverride, 'divisorOverride', 1, 1)[0];
    if (d === 0) throw new ConvError('INVALID_NUMBER', 'divisorOverride cannot be 0', { hint: 'leave it out or give a non-zero integer' });
    divisorOverride = d;
  }
  const spatial = input.slice(input.length - rank);
  const channels = input[batched ? 1 : 0];
  if (channels === 0) {
    // Pooling (unlike convolution) accepts an empty input only through its batch axis.
    throw new ConvError('EMPTY_INPUT', `input of shape [${input.join(', ')}] has 0 channels; ${mode} pooling accepts only the batch axis as 0`, {
      values: { inputShape: input },
      hint: 'give the input at least one channel',
    });
  }
  const axes = spatial.map((i, ax): DirectAxis => {
    const [k, s, p, d, name] = [kernel[ax], stride[ax], padding[ax], dilation[ax], names[ax]];
    const bad = (code: 'KERNEL_SIZE' | 'STRIDE' | 'DILATION' | 'NEGATIVE_PADDING' | 'EMPTY_INPUT' | 'KERNEL_TOO_LARGE', what: string, hint: string) =>
      new ConvError(code, `${what} on axis ${name}`, { axis: name, values: { kernelSize: k, stride: s, padding: p, dilation: d, input: i }, hint });
    if (k <= 0) throw bad('KERNEL_SIZE', `pooling kernel size must be positive, but is ${k}`, 'use kernelSize ≥ 1');
    if (s <= 0) throw bad('STRIDE', `stride must be positive, but is ${s}`, 'use stride ≥ 1');
    if (d <= 0) throw bad('DILATION', `dilation must be positive, but is ${d}`, 'use dilation ≥ 1');
    if (p < 0) throw bad('NEGATIVE_PADDING', `padding cannot be negative, but is ${p}`, 'use padding ≥ 0');
    if (i === 0) throw bad('EMPTY_INPUT', 'input is empty', 'give every spatial axis at least one cell');
    if (mode === 'avg' && rank === 3 && i < k) {
      // ATen's avg_pool3d (only it) also requires the unpadded input to hold the kernel.
      throw bad('KERNEL_TOO_LARGE', `3-D average pooling kernel ${k} is larger than the input ${i}`, `use a kernel of ${atMost(i, 1)} on this axis`);
    }
    const ke = effectiveKernel(k, d);
    // PyTorch bounds the padding by half the *undilated* kernel, for max pooling too
    // ("pad should be at most half of kernel size"), whatever the dilation.
    const maxPad = Math.floor(k / 2);
    if (p > maxPad) {
      throw new ConvError('PADDING_TOO_LARGE', `pooling padding ${p} is more than half the kernel (${k}) on axis ${name}`, {
        axis: name,
        values: { padding: p, kernelSize: k, dilation: d },
        hint: maxPad === 0 ? 'use padding 0' : `use padding ≤ ${maxPad}`,
      });
    }
    const o = poolOutput(i, ke, s, p, p, ceilMode);
    if (o < 1) {
      throw new ConvError('KERNEL_TOO_LARGE', `pooling window ${ke} does not fit the padded input ${i + 2 * p} on axis ${name} (output would be ${o})`, {
        axis: name,
        values: { input: i, kernelSize: k, dilation: d, padding: p },
        hint: poolFitHint(i, k, d, p, ceilMode ? s - 1 : 0),
      });
    }
    return poolAxis(ax, name, { input: i, kernel: k, stride: s, dilation: d, padBefore: p, padAfter: p }, o);
  });
  return finishPool({ mode, rank, batched, inputShape: input, axes, ceilMode, countIncludePad, divisorOverride });
}

/**
 * What would let a PyTorch pooling window fit its padded input: padding (at most half the kernel),
 * a smaller dilation, or a smaller kernel — whose own half bounds the padding, so a kernel too
 * small for the padding is offered with the padding it allows. `overrun`: how far ceil mode lets
 * the one window run past the padded end (stride − 1; PyTorch rounds the window count up), 0 in
 * floor mode — so a ceil-mode window of 6 over 5 cells with stride 2 is accepted and the hint for 7
 * says 6, not 5.
 */
function poolFitHint(i: number, k: number, d: number, p: number, overrun: number): string {
  const ke = effectiveKernel(k, d);
  const pad = Math.ceil((ke - i - overrun) / 2);
  const changes = [...(pad <= Math.floor(k / 2) ? [`padding ${pad}`] : []), ...dilationFitting(k, d, i + 2 * p + overrun)];
  const padFor = (kk: number) => Math.min(p, Math.floor(kk / 2));
  const fit = largestFittingKernel(k, d, (kk) => i + 2 * padFor(kk) + overrun);
  const fitPad = padFor(fit);
  return useOneOf(changes, fitPad === p ? `a kernel of ${atMost(fit, 1, counted(fit, 'tap'))}` : `a kernel of ${counted(fit, 'tap')} with padding ${fitPad}`);
}

/**
 * One pooling axis in the dialect-free terms the builders below take: a convolution's canonical
 * axis without output padding. `padBefore` may be negative (the first window starts inside the
 * input); `padAfter` is the padding after the input as the framework states it, the bound an
 * average's divisor counts to when padding is counted (docs/semantics.md, "Pooling") — windows
 * may read past it (ceil mode).
 */
export type PoolAxisSpec = Omit<CanonicalAxis, 'outputPadding'>;

/**
 * The DirectAxis of one pooling axis with `output` windows: the nominal pads, and in `equivalent`
 * the padded grid the windows actually cover (ceil mode or a framework's rounding may read past
 * the nominal end pad).
 */
export function poolAxis(index: number, name: string, a: PoolAxisSpec, output: number): DirectAxis {
  const ke = effectiveKernel(a.kernel, a.dilation);
  const reach = Math.max(a.padAfter, windowSpan(output, a.stride, ke) - a.input - a.padBefore);
  return directAxisRecord(a, index, name, output, directEquivalent(a, reach, output));
}

/**
 * The parts of a PoolGeometry that the PyTorch, ONNX and TensorFlow pooling dialects each resolve:
 * all but what finishPool derives (batch and channels from the input shape, the output shape).
 */
export type PoolParts = Omit<PoolGeometry, 'batch' | 'channels' | 'outputShape'>;

/** Assembles a PoolGeometry (batch, channels, output shape) from resolved axes. */
export function finishPool(p: PoolParts): PoolGeometry {
  const input = p.inputShape;
  const lead = p.batched ? input.slice(0, 2) : input.slice(0, 1);
  return {
    mode: p.mode,
    rank: p.rank,
    batch: p.batched ? input[0] : 1,
    batched: p.batched,
    channels: lead[lead.length - 1],
    axes: p.axes,
    ceilMode: p.ceilMode,
    countIncludePad: p.countIncludePad,
    divisorOverride: p.divisorOverride,
    ...(p.emptyMax === undefined ? {} : { emptyMax: p.emptyMax }),
    ...(p.emptyAverage === undefined ? {} : { emptyAverage: p.emptyAverage }),
    inputShape: input,
    outputShape: [...lead, ...p.axes.map((a) => a.output)],
  };
}
