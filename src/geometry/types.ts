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

/** What every spatial axis records, whatever the kind of convolution. */
export interface AxisGeometryBase {
  /** Position among spatial axes (0-based) and its display name: L (1-D), H W (2-D), D H W (3-D). */
  index: number;
  name: string;
  /** Input extent i (for transposed: i'). */
  input: number;
  kernel: number;
  stride: number;
  dilation: number;
  /** Effective (dilated) kernel extent d(k−1)+1. */
  effectiveKernel: number;
  /** Extra cells kept at the end of a transposed output (PyTorch's `output_padding`, the paper's `a`); 0 for a direct axis. */
  outputPadding: number;
  /** Output extent o. */
  output: number;
  /** The direct convolution that computes this axis (for a direct axis: the axis itself). */
  equivalent: EquivalentDirectAxis;
}

/**
 * One spatial axis of a direct convolution (or of a pooling): its padding, in cells added before
 * and after the input (negative: the windows start inside it, as some dialects allow).
 */
export interface DirectAxis extends AxisGeometryBase {
  transposed: false;
  /** Cells added before the input (zeros, or what the padding mode copies there). */
  padBefore: number;
  /** Cells added after the input. */
  padAfter: number;
}

/**
 * One spatial axis of a transposed convolution: PyTorch's `padding` is a crop here, the cells
 * removed from the start and the end of the full output (i'−1)·s + d(k−1) + 1. The padding of the
 * direct convolution that computes it, d(k−1) − crop, is in `equivalent`.
 */
export interface TransposedAxis extends AxisGeometryBase {
  transposed: true;
  /** Cells cropped from the start of the full output (PyTorch's `padding`, p). */
  cropBefore: number;
  /** Cells cropped from its end, before `outputPadding` cells are added back. */
  cropAfter: number;
}

/**
 * One spatial axis of a convolution: the layer's own numbers (input, kernel, stride, dilation,
 * padding or crop, output padding, output) and, in `equivalent`, the direct convolution that
 * computes it. Narrow on `transposed` to read the padding (direct) or the crop (transposed); a view
 * that only needs the grid the kernel slides over reads `equivalent`, the same for both kinds.
 */
export type AxisGeometry = DirectAxis | TransposedAxis;

/** What every ConvGeometry records, whatever the kind of convolution. */
export interface ConvGeometryBase {
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
  /** Full shapes as the caller gave / will receive them (unbatched stays unbatched). */
  inputShape: number[];
  weightShape: number[];
  outputShape: number[];
}

/** A direct convolution resolved: every axis a {@link DirectAxis}. */
export interface DirectConvGeometry extends ConvGeometryBase {
  transposed: false;
  axes: DirectAxis[];
}

/** A transposed convolution resolved: every axis a {@link TransposedAxis}; `paddingMode` is `'zeros'`. */
export interface TransposedConvGeometry extends ConvGeometryBase {
  transposed: true;
  axes: TransposedAxis[];
}

/**
 * A convolution resolved and validated: channels, groups and one {@link AxisGeometry} per spatial
 * axis, all of the kind `transposed` says (narrowing on it narrows the axes too). Every view
 * (engines, explanations, matrix, trace, pictures) reads this record; build it with
 * `convGeometry`, `convTransposeGeometry`, `fromTensorFlow` or `fromOnnx`.
 */
export type ConvGeometry = DirectConvGeometry | TransposedConvGeometry;

/**
 * Per-axis values already resolved to numbers: the dialect-free input of `buildGeometry` (a
 * dialect result also echoes them as its `pads`). `padBefore`/`padAfter` keep the layer's
 * `padding` argument as every dialect states it for both kinds (PyTorch's `padding`, ONNX's
 * `pads`, TensorFlow's resolved SAME/VALID/explicit pads), which the parsers resolve with the same
 * code for both; `buildAxis` turns it into a {@link DirectAxis}'s padding or a
 * {@link TransposedAxis}'s crop, so nothing past the builder sees the two meanings.
 */
export interface CanonicalAxis {
  input: number;
  kernel: number;
  stride: number;
  dilation: number;
  /** Direct: cells added before the input. Transposed: cells cropped from the start of the full output. */
  padBefore: number;
  /** Direct: cells added after the input. Transposed: cells cropped from the end of the full output. */
  padAfter: number;
  /** Transposed only: cells kept past the full output; 0 for a direct axis. */
  outputPadding: number;
}

/** A convolution's numbers before `buildGeometry` derives its axes and shapes: the record's own fields, then per-axis {@link CanonicalAxis}. */
export interface CanonicalSpec extends Omit<ConvGeometryBase, 'rank' | 'inputShape' | 'outputShape'> {
  transposed: boolean;
  axes: CanonicalAxis[];
}
