/**
 * The size and padding rules of one axis, each written once: effective kernel, window span,
 * direct and transposed output sizes, the output-padding limit, SAME padding and the equivalent
 * direct convolution's pad p′. Dialects, solvers, views and engines call these instead of
 * re-deriving them from raw numbers (docs/semantics.md, "Convolution, per axis").
 */

/** Extent of a kernel of `kernel` taps spaced `dilation` apart: k̂ = d(k − 1) + 1. */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/**
 * The largest kernel below `kernel` (down to 1) whose dilated window fits `room(k)` cells, the room
 * a kernel of k taps gets (its padding may depend on it): what a pooling refusal offers. 1 where
 * none fits.
 */
export function largestFittingKernel(kernel: number, dilation: number, room: (k: number) => number): number {
  let k = kernel - 1;
  while (k > 1 && effectiveKernel(k, dilation) > room(k)) k--;
  return k;
}

/**
 * Cells covered by `count` windows of `extent` cells placed `stride` apart: (count − 1)·s + extent.
 * A direct conv's `count` outputs read this many padded-input cells; a transposed conv's `count`
 * inputs scatter onto this many cells of its full (uncropped) output.
 */
export function windowSpan(count: number, stride: number, extent: number): number {
  return (count - 1) * stride + extent;
}

/** Output size of a direct convolution (floor division; caller guarantees a non-negative numerator). */
export function directOutputSize(input: number, kernel: number, stride: number, dilation: number, padBefore: number, padAfter: number): number {
  return Math.floor((input + padBefore + padAfter - effectiveKernel(kernel, dilation)) / stride) + 1;
}

/** The full output of a transposed convolution, before any crop or output padding: (i − 1)·s + k̂. */
export function transposedFullSize(input: number, kernel: number, stride: number, dilation: number): number {
  return windowSpan(input, stride, effectiveKernel(kernel, dilation));
}

/** Output size of a transposed convolution with crops cropBefore/cropAfter and output padding. */
export function transposedOutputSize(input: number, kernel: number, stride: number, dilation: number, cropBefore: number, cropAfter: number, outputPadding: number): number {
  return transposedFullSize(input, kernel, stride, dilation) - cropBefore - cropAfter + outputPadding;
}

/**
 * The smallest output padding a transposed axis refuses: max(s, d). Output padding only keeps
 * cells the full output already has room for, so it must be below the stride or the dilation.
 */
export function outputPaddingLimit(stride: number, dilation: number): number {
  return Math.max(stride, dilation);
}

/** Whether output padding `op` (≥ 0) is allowed: op < max(s, d). */
export function outputPaddingAllowed(op: number, stride: number, dilation: number): boolean {
  return op < outputPaddingLimit(stride, dilation);
}

/**
 * SAME's total padding: what ⌈i/s⌉ windows of `extent` cells need beyond the input,
 * (⌈i/s⌉ − 1)·s + extent − i. Negative when the last window ends inside the input; most frameworks
 * clamp it at 0, which the caller does (some do not).
 */
export function samePaddingTotal(input: number, stride: number, extent: number): number {
  return windowSpan(Math.ceil(input / stride), stride, extent) - input;
}

/**
 * Splits a total padding into [before, after], the odd cell at the end (`'after'`: PyTorch,
 * TensorFlow, ONNX SAME_UPPER) or at the start (`'before'`: ONNX SAME_LOWER). The halves round
 * down (a negative odd total puts its extra −1 on the other side).
 */
export function splitPadding(total: number, odd: 'before' | 'after'): [number, number] {
  const half = Math.floor(total / 2);
  return odd === 'after' ? [half, total - half] : [total - half, half];
}

/**
 * The guide's p′: a transposed axis that crops `crop` cells (PyTorch's padding p) is the direct
 * convolution, stride 1, over its zero-inserted input padded with p′ = k̂ − 1 − p cells (k̂ the
 * effective kernel). `transposedCropOf` is the same rule read the other way (p′ → p).
 */
export function equivalentPadOf(effectiveKernelExtent: number, crop: number): number {
  return effectiveKernelExtent - 1 - crop;
}

/** PyTorch's padding p (the crop) of the transposed axis whose equivalent direct conv pads p′. */
export function transposedCropOf(effectiveKernelExtent: number, equivalentPad: number): number {
  return effectiveKernelExtent - 1 - equivalentPad;
}
