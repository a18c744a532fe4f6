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

export interface LearnState {
  x: Tensor;
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
  evaluated: { loss: number; gw: Float32Array } | null;
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
  const target = conv2d(x, tensor(kernel, [1, 1, 3, 3]), LEARN_OPTIONS);
  const s: LearnState = { x, target, targetKernel: kernel, w: new Float32Array(9), step: 0, losses: [], prediction: null, error: null, inputGradient: null, transposeGap: 0, m: new Float64Array(9), v: new Float64Array(9), vMax: new Float64Array(9), rate, evaluated: null };
  // The zero kernel's prediction, error and gradients, so a run is seen before its first step.
  evaluate(s);
  return s;
}


/**
 * Forward, loss and backward (convBackward) at the current weights: sets the prediction, the
 * error, the input gradient and its gap to the transposed convolution; returns the loss and ∂L/∂w.
 */
export function evaluate(s: LearnState): { loss: number; gw: Float32Array } {
  const w = tensor(Float32Array.from(s.w), [1, 1, 3, 3]);
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
  const gw = (g.weight as Tensor).data;
  const gx = g.input as Tensor;
  // The error's path back to the input, written as a transposed convolution with the same kernel.
  const viaTranspose = convTranspose2d(dy, w, LEARN_OPTIONS);
  let gap = 0;
  for (let i = 0; i < gx.data.length; i++) gap = Math.max(gap, Math.abs(gx.data[i] - viaTranspose.data[i]));
  s.prediction = y;
  s.error = tensor(err, y.shape);
  s.inputGradient = gx;
  s.transposeGap = gap;
  s.evaluated = { loss, gw };
  return s.evaluated;
}

/** One step: evaluate (unless already done at these weights), then the Adam update (AMSGrad's form). Returns the loss before the update. */
export function step(s: LearnState): number {
  const { loss, gw } = s.evaluated ?? evaluate(s);
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

/** Whether a step has been taken and the current kernel's loss is at most LEARNED_RATIO of the zero kernel's. */
export function learned(s: LearnState): boolean {
  return s.step > 0 && lossOf(s) <= s.losses[0] * LEARNED_RATIO;
}

/** Whether the target is out of float32's range (a weight near 3.4e38 / 9 or beyond): nothing can be learned. */
export function targetOverflows(s: LearnState): boolean {
  return !s.target.data.every(Number.isFinite);
}

/** The largest difference between a learned weight and the target's. */
export function kernelGap(s: LearnState): number {
  let gap = 0;
  for (let i = 0; i < 9; i++) gap = Math.max(gap, Math.abs(s.w[i] - s.targetKernel[i]));
  return gap;
}
