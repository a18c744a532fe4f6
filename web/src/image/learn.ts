/**
 * Learning a 3 × 3 kernel by gradient descent: the prediction y = conv(x, w) is compared with a
 * target (the picture filtered by a known kernel), the loss is the mean squared error, and the
 * library's backward pass (convBackward) gives ∂L/∂w for the step. It also gives ∂L/∂x, the
 * error's path back to the input, which is the transposed convolution of the error with the same
 * kernel (x = Cᵀz): `step` checks that against the library's convTranspose2d and reports the gap.
 *
 * The optimiser is Adam (Kingma & Ba): natural pictures make the directions of a 3 × 3 kernel very
 * unequally curved (neighbouring pixels are alike), and plain gradient descent would crawl along
 * the flat ones for thousands of steps.
 *
 * The convolutions run in a unit of the target's size (`unit`, a power of two): the gradient for
 * the input grows with the square of the weights, so in plain float32 a target weight of 1e25 made
 * it Infinity and its gap to the transposed convolution NaN. Scaling by a power of two is exact,
 * so in this unit the library's float32 arithmetic is digit for digit what it would be on the
 * weights themselves, where those fit; the loss, ∂L/∂w and the gap are given back in the weights'
 * own units, in float64.
 */
import { convBackward } from '../../../src/ops/backward.js';
import { conv2d, convTranspose2d } from '../../../src/ops/conv.js';
import { tensor } from '../../../src/tensor/tensor.js';
import type { Tensor } from '../../../src/tensor/tensor.js';
import type { Picture } from './picture.js';
import { pictureTensor, toGrey } from './picture.js';

export const LEARN_OPTIONS = { padding: 1 } as const;

/**
 * A run has learned its target once the loss is this fraction of the zero kernel's. The target is
 * a 3 × 3 kernel on the same picture, so it can be reached exactly; float32 values carry about 7
 * digits, so a mean of squared errors stops falling near 1e-12–1e-14 of where it began, and
 * 1e-10 is reached on the way there (every prediction within ~1e-5 of the target's scale).
 */
export const LEARNED_RATIO = 1e-10;

/**
 * The largest target weight a run takes: 2¹²⁷, half of float32's largest number (3.4e38). On its
 * way to the target a learned weight overshoots it (by up to 15% on the presets and on random
 * kernels, pictures of 1 × 1 to 128 × 128), and a float32 weight cannot pass 3.4e38.
 */
export const LARGEST_TARGET = 2 ** 127;

export interface LearnState {
  x: Tensor;
  /**
   * The run's unit: the power of two at or below the target's largest |weight| (1 for a zero
   * target). The target picture, the prediction and the error are in this unit, the input
   * gradient in its square; the weights, the losses and the gap are in their own units.
   */
  unit: number;
  target: Tensor;
  /** The target's kernel (3 × 3, row-major). */
  targetKernel: Float32Array;
  w: Float32Array;
  step: number;
  losses: number[];
  prediction: Tensor | null;
  /** Error y − target of the last step. */
  error: Tensor | null;
  /** ∂L/∂x of the last step (the transposed convolution of the error). */
  inputGradient: Tensor | null;
  /** Largest |∂L/∂x − convTranspose2d(∂L/∂y, w)| of the last step. */
  transposeGap: number;
  /** Adam's moments, in float64: a target of 1e30 gives squared gradients beyond float32's range. */
  m: Float64Array;
  v: Float64Array;
  /**
   * The largest v so far (AMSGrad): Adam divides by √v, and once the gradients shrink near the
   * minimum v decays and its steps grow back, so the loss jumped ~10× some 550 steps into a run
   * (the smooth landscape with Sobel x). Dividing by the largest v keeps the steps from growing.
   */
  vMax: Float64Array;
  rate: number;
  /** `evaluate`'s result at the current weights, until a step changes them (so step 1 reuses the zero kernel's). */
  evaluated: { loss: number; gw: Float64Array } | null;
  /**
   * The step whose kernel's numbers left float32's range (a weight past 3.4e38, or anything
   * computed from it), or null. The run ends there: no further step, never said learned, and the
   * pictures and the gap stay the last finite kernel's. A target within LARGEST_TARGET is not
   * expected to get here; this is the guard behind that bound.
   */
  overflowAt: number | null;
}

/**
 * Adam's step is in the weights' own units (about `rate` per step while the gradient keeps its
 * sign), so a target of large weights would take thousands of steps at a rate made for Sobel's ±2.
 * The rate grows with the target's largest weight beyond 2: the whole run then scales with the
 * target, and a Sobel × 500 is learned in as many steps as Sobel.
 */
export function rateFor(targetKernel: ArrayLike<number>, base = 0.05): number {
  let m = 0;
  for (let i = 0; i < targetKernel.length; i++) m = Math.max(m, Math.abs(targetKernel[i]));
  return base * Math.max(1, m / 2);
}

/** A run on the grey version of `p`, aiming at `p` filtered by `targetKernel` (3 × 3), from zero weights. */
export function startLearning(p: Picture, targetKernel: ArrayLike<number>, rate = rateFor(targetKernel)): LearnState {
  const x = pictureTensor(toGrey(p));
  const kernel = Float32Array.from(targetKernel);
  let largest = 0;
  for (const v of kernel) largest = Math.max(largest, Math.abs(v));
  const unit = largest > 0 && Number.isFinite(largest) ? 2 ** Math.floor(Math.log2(largest)) : 1;
  const target = conv2d(x, tensor(kernel.map((v) => v / unit), [1, 1, 3, 3]), LEARN_OPTIONS);
  const s: LearnState = { x, unit, target, targetKernel: kernel, w: new Float32Array(9), step: 0, losses: [], prediction: null, error: null, inputGradient: null, transposeGap: 0, m: new Float64Array(9), v: new Float64Array(9), vMax: new Float64Array(9), rate, evaluated: null, overflowAt: null };
  // The zero kernel's prediction, error and gradients, so a run is seen before its first step.
  evaluate(s);
  return s;
}


/**
 * Forward, loss and backward (convBackward) at the current weights, in the run's unit: sets the
 * prediction, the error, the input gradient and its gap to the transposed convolution; returns
 * the loss and ∂L/∂w in the weights' own units.
 */
export function evaluate(s: LearnState): { loss: number; gw: Float64Array } {
  const c = s.unit;
  const w = tensor(s.w.map((v) => v / c), [1, 1, 3, 3]);
  const y = conv2d(s.x, w, LEARN_OPTIONS);
  const n = y.data.length;
  const err = new Float32Array(n);
  const gradOut = new Float32Array(n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const e = y.data[i] - s.target.data[i];
    err[i] = e;
    loss += e * e;
    gradOut[i] = (2 * e) / n;
  }
  loss /= n;
  const dy = tensor(gradOut, y.shape);
  const g = convBackward(s.x, w, dy, LEARN_OPTIONS);
  const gu = (g.weight as Tensor).data;
  const gx = g.input as Tensor;
  // The error's path back to the input, written as a transposed convolution with the same kernel.
  const viaTranspose = convTranspose2d(dy, w, LEARN_OPTIONS);
  let gap = 0;
  for (let i = 0; i < gx.data.length; i++) gap = Math.max(gap, Math.abs(gx.data[i] - viaTranspose.data[i]));
  // Back to the weights' units (L and ∂L/∂x scale with c², ∂L/∂w with c), in float64.
  s.evaluated = { loss: loss * c * c, gw: Float64Array.from(gu, (v) => v * c) };
  // Infinity or NaN anywhere (a NaN hides in Math.max): the run ends at this kernel, and what is
  // shown stays the last finite kernel's.
  if (!(Number.isFinite(s.evaluated.loss) && Number.isFinite(gap * c * c) && [y.data, err, gu, gx.data].every(finite))) {
    s.overflowAt ??= s.step;
    return s.evaluated;
  }
  s.prediction = y;
  s.error = tensor(err, y.shape);
  s.inputGradient = gx;
  s.transposeGap = gap * c * c;
  return s.evaluated;
}

function finite(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

/** One step: evaluate (unless already done at these weights), then the Adam update (AMSGrad's form). Returns the loss before the update. */
export function step(s: LearnState): number {
  const { loss, gw } = s.evaluated ?? evaluate(s);
  // An overflowed kernel is where the run ends: a step from it would only spread NaN into the weights.
  if (s.overflowAt !== null) return loss;
  s.evaluated = null; // the weights change below
  const b1 = 0.9;
  const b2 = 0.999;
  const t = s.step + 1;
  for (let i = 0; i < 9; i++) {
    s.m[i] = b1 * s.m[i] + (1 - b1) * gw[i];
    s.v[i] = b2 * s.v[i] + (1 - b2) * gw[i] * gw[i];
    s.vMax[i] = Math.max(s.vMax[i], s.v[i]);
    const mh = s.m[i] / (1 - b1 ** t);
    const vh = s.vMax[i] / (1 - b2 ** t);
    s.w[i] -= (s.rate * mh) / (Math.sqrt(vh) + 1e-8);
  }
  s.step = t;
  s.losses.push(loss);
  return loss;
}

/**
 * The loss of the kernel as it is now, without stepping: `evaluate`'s, which also sets the
 * prediction, error and gradients shown for it and is kept for the next step. `losses[i]` is the
 * loss of the weights before step i + 1 (`losses[0]` the zero kernel's); this is the next one.
 */
export function lossOf(s: LearnState): number {
  return (s.evaluated ?? evaluate(s)).loss;
}

/**
 * Whether a step has been taken and the current kernel's loss is at most LEARNED_RATIO of the zero
 * kernel's: never for a run whose numbers overflowed (its loss is no finite answer).
 */
export function learned(s: LearnState): boolean {
  const loss = lossOf(s);
  return s.step > 0 && s.overflowAt === null && Number.isFinite(loss) && loss <= s.losses[0] * LEARNED_RATIO;
}

/** Whether a target weight is beyond LARGEST_TARGET: its run could not stay in float32, so none is started. */
export function targetTooLarge(s: LearnState): boolean {
  return !s.targetKernel.every((v) => Math.abs(v) <= LARGEST_TARGET);
}

/** The largest difference between a learned weight and the target's. */
export function kernelGap(s: LearnState): number {
  let gap = 0;
  for (let i = 0; i < 9; i++) gap = Math.max(gap, Math.abs(s.w[i] - s.targetKernel[i]));
  return gap;
}
