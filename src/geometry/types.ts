/**
 * ConvGeometry: the single description of a convolution that every view reads.
 *
 * One record per spatial axis plus channels and groups. A transposed convolution is described in
 * its own terms (input i', crop p, output padding) *and* through its equivalent direct convolution
 * (input dilated by s−1 zeros, pads d(k−1)−p and d(k−1)−p+op, kernel flipped, stride 1). A direct
 * convolution's equivalent direct convolution is itself, so a view that draws "the direct
 * convolution over a grid" draws both kinds from `axis.equivalent` with no special case.
 */

/**
 * How a direct convolution fills the cells beyond the input, as PyTorch's `padding_mode`: zeros;
 * `reflect` mirrors without repeating the edge (…2 1 | 0 1 2 3 | 2 1…); `replicate` repeats the edge;
 * `circular` wraps around. Transposed convolutions take only `'zeros'`.
 */
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** The equivalent direct convolution of one axis (for a direct conv: the conv itself). */
export interface EquivalentDirectAxis {
  /** Cells inserted between neighbouring input cells (s−1 for transposed, 0 for direct). */
  insertedZeros: number;
  /** Size of the input after insertion: ĩ' = i + (s−1)(i−1) for transposed, i for direct. */
  dilatedInput: number;
  /** Padding added before the (dilated) input. Negative means cells are cropped instead. */
  padBefore: number;
  /** Padding added after it, output padding included (the paper's `a` extra cells). May be negative. */
  padAfter: number;
  /**
   * The guide's split of that padding (relationship 14): p′ = d(k−1) − p on each side, then
   * `outputPadding` (its `a`) more cells at the end, so padBefore = pPrime[0] and
   * padAfter = pPrime[1] + outputPadding. A direct conv: its own pads and 0. Every caption and
   * explanation that names p′ and a reads these.
   */
  pPrime: [number, number];
  outputPadding: number;
  /**
   * Of `padAfter`, how many cells are drawn as output-padding (`a`) cells: min(a, max(0, padAfter)),
   * fewer than `a` when a negative p′ crops them (what gridCell marks 'extra').
   */
  extra: number;
  /** Stride of the equivalent conv: s for direct, 1 for transposed. */
  stride: number;
  /** Kernel taps, dilation, effective extent (same as the layer's). */
  kernel: number;
  dilation: number;
  effectiveKernel: number;
  /** True when the kernel is read flipped (transposed). */
  flipped: boolean;
  /** Displayed grid size: padBefore + dilatedInput + padAfter (clamped crop included). */
  gridSize: number;
  /** Output size (equal to the layer's). */
  output: number;
}

/**
 * One spatial axis of a convolution: the layer's own numbers (input, kernel, stride, dilation,
 * padding, output padding, output) and, in `equivalent`, the direct convolution that computes it.
 */
export interface AxisGeometry {
  /** Position among spatial axes (0-based) and its display name: L (1-D), H W (2-D), D H W (3-D). */
  index: number;
  name: string;
  transposed: boolean;
  /** Input extent i (for transposed: i'). */
  input: number;
  kernel: number;
  stride: number;
  dilation: number;
  /** Effective (dilated) kernel extent d(k−1)+1. */
  effectiveKernel: number;
  /**
   * Direct: zero/mode padding added before and after the input.
   * Transposed: cells cropped from the start and the end of the full output (PyTorch's `padding`).
   */
  padBefore: number;
  padAfter: number;
  /** Transposed only: extra cells kept at the end (PyTorch's `output_padding`, the paper's `a`). */
  outputPadding: number;
  /** Output extent o. */
  output: number;
  equivalent: EquivalentDirectAxis;
}

/**
 * A convolution resolved and validated: channels, groups and one {@link AxisGeometry} per spatial
 * axis. Every view (engines, explanations, matrix, trace, pictures) reads this record; build it
 * with `convGeometry`, `convTransposeGeometry`, `fromTensorFlow` or `fromOnnx`.
 */
export interface ConvGeometry {
  transposed: boolean;
  /** Number of spatial axes (1, 2 or 3). */
  rank: number;
  /** Batch size N (1 for an unbatched input) and whether the input had a batch axis. */
  batch: number;
  batched: boolean;
  inChannels: number;
  outChannels: number;
  groups: number;
  hasBias: boolean;
  paddingMode: PaddingMode;
  axes: AxisGeometry[];
  /** Full shapes as the caller gave / will receive them (unbatched stays unbatched). */
  inputShape: number[];
  weightShape: number[];
  outputShape: number[];
}

/** Per-axis values already resolved to numbers: the dialect-free input of `buildGeometry`. */
export interface CanonicalAxis {
  input: number;
  kernel: number;
  stride: number;
  dilation: number;
  padBefore: number;
  padAfter: number;
  outputPadding: number;
}

export interface CanonicalSpec {
  transposed: boolean;
  batch: number;
  batched: boolean;
  inChannels: number;
  outChannels: number;
  groups: number;
  hasBias: boolean;
  paddingMode: PaddingMode;
  axes: CanonicalAxis[];
  weightShape: number[];
}
