/**
 * Per-axis index maps: which input cell a kernel tap reads, and what each cell of the equivalent
 * direct convolution's grid is. The engines and the trace both use these, so a picture can never
 * disagree with a computed value.
 */
import type { AxisGeometry, PaddingMode } from './types.js';

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/**
 * Maps an out-of-range coordinate into [0, n) as a padding mode does (zeros → −1).
 *
 * @example
 * ```ts
 * import { padSource } from 'convkit';
 * [-2, -1, 5, 6].map((x) => padSource(x, 5, 'reflect')); //=> [2, 1, 3, 2]
 * padSource(-1, 5, 'circular');                          //=> 4
 * padSource(7, 5, 'replicate');                          //=> 4
 * padSource(-1, 5, 'zeros');                             //=> -1
 * ```
 */
export function padSource(x: number, n: number, mode: PaddingMode): number {
  if (x >= 0 && x < n) return x;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'replicate':
      return x < 0 ? 0 : n - 1;
    case 'circular':
      return mod(x, n);
    case 'reflect': {
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      const m = mod(x, period);
      return m < n ? m : period - m;
    }
  }
}

/**
 * The input position tap `k` (unflipped, as stored in the weight) of output `o` lands on, with no
 * bounds: direct x = o·s − p_before + k·d, anywhere on the line (padding cells are positions too);
 * transposed (gather form) i = (o + p_before − k·d) / s, or null when that falls between two input
 * cells (on a zero the stride inserts). {@link tapSource} is this position clipped to the input.
 * Views that treat every layer as infinitely wide (receptive fields, the scatter view's full
 * output, the engine's tap classes) read this instead of bending the geometry.
 *
 * @example
 * ```ts
 * import { convGeometry, convTransposeGeometry, tapPosition } from 'convkit';
 * const ax = convGeometry({ inputShape: [1, 1, 5], weightShape: [1, 1, 3] }, { stride: 2, padding: 1 }).axes[0];
 * [tapPosition(ax, 0, 0), tapPosition(ax, 2, 2)]; //=> [-1, 5]
 * const tr = convTransposeGeometry({ inputShape: [1, 1, 3], weightShape: [1, 1, 3] }, { stride: 2, padding: 1 }).axes[0];
 * [0, 1, 2].map((k) => tapPosition(tr, 0, k));   //=> [null, 0, null]
 * ```
 */
export function tapPosition(ax: AxisGeometry, o: number, k: number): number | null {
  if (!ax.transposed) return o * ax.stride - ax.padBefore + k * ax.dilation;
  const t = o + ax.cropBefore - k * ax.dilation;
  return mod(t, ax.stride) === 0 ? t / ax.stride : null;
}

/**
 * Whether output `o` lies inside the layer on this axis: every tap that lands on an input position
 * ({@link tapPosition} not null) lands on a real input cell, none on padding or past the input's
 * ends. A transposed layer's inner cells are those every input that could reach them exists for
 * (taps on the zeros its stride inserts do not count): there its overlap counts are the ones an
 * endless input would give, so "even" or "uneven" is read there, not at the edges.
 *
 * @example
 * ```ts
 * import { convTransposeGeometry, interiorOutput } from 'convkit';
 * const ax = convTransposeGeometry({ inputShape: [1, 1, 3], weightShape: [1, 1, 4] }, { stride: 2 }).axes[0];
 * Array.from({ length: ax.output }, (_, o) => interiorOutput(ax, o)); //=> [false, false, true, true, true, true, false, false]
 * ```
 */
export function interiorOutput(ax: AxisGeometry, o: number): boolean {
  for (let k = 0; k < ax.kernel; k++) {
    const x = tapPosition(ax, o, k);
    if (x !== null && (x < 0 || x >= ax.input)) return false;
  }
  return true;
}

/**
 * Input index (along this axis) read by kernel tap `k` (unflipped, as stored in the weight) for
 * output index `o`, or −1 when the tap reads zero padding, an inserted zero or a cropped cell:
 * {@link tapPosition} clipped to [0, i) (direct: through the padding mode).
 *
 * @example
 * ```ts
 * import { convGeometry, tapSource } from 'convkit';
 * const ax = convGeometry({ inputShape: [1, 1, 5], weightShape: [1, 1, 3] }, { stride: 2, padding: 1 }).axes[0];
 * [0, 1, 2].map((k) => tapSource(ax, 0, k)); //=> [-1, 0, 1]
 * [0, 1, 2].map((k) => tapSource(ax, 2, k)); //=> [3, 4, -1]
 * ```
 */
export function tapSource(ax: AxisGeometry, o: number, k: number, mode: PaddingMode = 'zeros'): number {
  const x = tapPosition(ax, o, k);
  if (!ax.transposed) return padSource(x as number, ax.input, mode);
  return x !== null && x >= 0 && x < ax.input ? x : -1;
}

/**
 * What a cell of the equivalent direct convolution's grid holds: an input value, padding, a zero
 * inserted between input cells by a transposed conv's stride, or an output-padding cell.
 */
export type CellKind = 'input' | 'padding' | 'inserted' | 'extra';

/** One cell of the equivalent direct convolution's grid (see {@link gridCell}). */
export interface GridCell {
  kind: CellKind;
  /** Input index for 'input' cells, else −1. */
  input: number;
}

/**
 * What cell `g` (0-based) of the equivalent direct convolution's grid is: an input cell, padding,
 * a zero inserted by the stride of a transposed conv, or one of the output-padding (`a`) cells.
 *
 * @example
 * ```ts
 * import { convTransposeGeometry, gridCell } from 'convkit';
 * const ax = convTransposeGeometry({ inputShape: [1, 1, 3], weightShape: [1, 1, 3] }, { stride: 2, padding: 1, outputPadding: 1 }).axes[0];
 * const kinds = Array.from({ length: ax.equivalent.gridSize }, (_, g) => gridCell(ax, g).kind);
 * kinds; //=> ['padding', 'input', 'inserted', 'input', 'inserted', 'input', 'padding', 'extra']
 * ```
 */
export function gridCell(ax: AxisGeometry, g: number): GridCell {
  const eq = ax.equivalent;
  const c = g - eq.padBefore;
  if (c >= 0 && c < eq.dilatedInput) {
    const step = eq.insertedZeros + 1;
    return c % step === 0 ? { kind: 'input', input: c / step } : { kind: 'inserted', input: -1 };
  }
  if (c < 0) return { kind: 'padding', input: -1 };
  const after = c - eq.dilatedInput;
  return { kind: after >= eq.padAfter - eq.extra ? 'extra' : 'padding', input: -1 };
}

/**
 * Grid cell read by tap `k` of output `o` in the equivalent direct convolution, with the tap index
 * as the equivalent conv stores it (flipped for transposed). Returns the grid coordinate.
 *
 * @example
 * ```ts
 * import { convTransposeGeometry, gridTap } from 'convkit';
 * const ax = convTransposeGeometry({ inputShape: [1, 1, 3], weightShape: [1, 1, 3] }, { stride: 2 }).axes[0];
 * gridTap(ax, 2, 1); //=> 3
 * ```
 */
export function gridTap(ax: AxisGeometry, o: number, kEquivalent: number): number {
  const eq = ax.equivalent;
  return o * eq.stride + kEquivalent * eq.dilation;
}

/**
 * The weight's tap index behind tap `kEquivalent` of the equivalent conv (flipped when transposed).
 *
 * @example
 * ```ts
 * import { convTransposeGeometry, weightTap } from 'convkit';
 * const ax = convTransposeGeometry({ inputShape: [1, 1, 3], weightShape: [1, 1, 3] }, { stride: 2 }).axes[0];
 * weightTap(ax, 0); //=> 2
 * ```
 */
export function weightTap(ax: AxisGeometry, kEquivalent: number): number {
  return ax.equivalent.flipped ? ax.kernel - 1 - kEquivalent : kEquivalent;
}
