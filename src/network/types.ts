/**
 * Networks: a dialect-free list of layers (what a layer list or an ONNX file becomes), and the
 * built network, where every layer carries the geometry that `src/geometry/` computed for it.
 * Sizes are never derived here: a built node's output shape is its geometry's output shape.
 */
import type { PoolGeometry, PoolMode } from '../geometry/pool.js';
import type { OnnxConvSpec } from '../geometry/onnx.js';
import type { OnnxPoolSpec } from '../geometry/onnx-pool.js';
import type { ConvGeometry, PaddingMode } from '../geometry/types.js';

/** ONNX-style automatic padding; resolved against the layer's input size when the network is built. */
export type AutoPad = 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';

/** Padding per spatial axis as [before, after] pairs, or an automatic rule. */
export type PaddingDef = { pairs: [number, number][] } | { auto: AutoPad };

interface LayerBase {
  /** Unique name; other layers refer to it in `inputs`. */
  name: string;
  /** The op as the source named it ("Conv", "conv", "Relu", …), for display. */
  op: string;
  /** Producers: layer names or the network input's name. */
  inputs: string[];
  /**
   * Layers (or inputs) whose *shapes*, not values, this layer's attributes read: a Resize whose sizes
   * are Shape(x)[2:] of some tensor x, a Reshape to Shape(x)… They order the graph and block the layer
   * when they are not analysed, but no data flows from them (the receptive field ignores them).
   */
  shapeInputs?: string[];
}

/** A convolution or transposed convolution layer, in the numbers its source gave (resolved by the geometry when built). */
export interface ConvLayerDef extends LayerBase {
  kind: 'conv' | 'convTranspose';
  outChannels: number;
  kernel: number[];
  stride: number[];
  dilation: number[];
  padding: PaddingDef;
  groups: number;
  bias: boolean;
  /** Transposed only. */
  outputPadding?: number[];
  /**
   * PyTorch's `padding_mode` (default 'zeros'): what the padding holds. The geometry refuses any
   * other mode on a transposed layer, as PyTorch does; receptive fields follow the copies it makes.
   */
  paddingMode?: PaddingMode;
  /** Transposed only: wanted spatial output; PyTorch's `output_size` rule picks the output padding. */
  outputShape?: number[];
  /** The weight's shape when the source gives it (ONNX initializer), checked against the input. */
  weightShape?: number[];
  /**
   * ONNX nodes: the raw attributes, resolved by the geometry's ONNX dialect (`fromOnnx`, checked
   * against ONNX Runtime) instead of the fields above, which are then for display only.
   */
  onnx?: Omit<OnnxConvSpec, 'op' | 'xShape' | 'wShape'>;
}

/** A max or average pooling layer with its window, stride, dilation, padding and PyTorch's flags. */
export interface PoolLayerDef extends LayerBase {
  kind: 'pool';
  mode: PoolMode;
  kernel: number[];
  stride: number[];
  dilation: number[];
  padding: PaddingDef;
  ceilMode: boolean;
  countIncludePad: boolean;
  /**
   * ONNX nodes: the raw attributes, resolved by the geometry's ONNX pooling dialect (`fromOnnxPool`,
   * checked against ONNX Runtime: its SAME split, pads beyond half the window, ceil mode with any
   * pads, dilated averages) instead of the fields above, which are then for display only.
   */
  onnx?: Omit<OnnxPoolSpec, 'op' | 'xShape'>;
}

/** A global max or average pool: one window over the whole input. */
export interface GlobalPoolLayerDef extends LayerBase {
  kind: 'globalPool';
  mode: PoolMode;
}

/** Shape-preserving ops (activations, normalisation, dropout…): no spatial mixing. */
export interface ElementwiseLayerDef extends LayerBase {
  kind: 'elementwise';
  /**
   * Learned values the op applies, as the source gives them (BatchNormalization's scale and shift,
   * PRelu's slopes, the bias an Add applies after a MatMul…): counted as parameters. Running
   * statistics (BatchNormalization's mean and variance) are buffers, not parameters, as in PyTorch.
   */
  params?: number;
  /** Running statistics and other non-learned tensors the op holds (BatchNormalization mean + variance). */
  buffers?: number;
  /**
   * Parameters and buffers per input channel, when the source does not give their sizes (a layer
   * list's `batchNorm`: 2 and 2); counted from the input's channels when the network is built.
   */
  perChannel?: { params: number; buffers: number };
  /**
   * Multiply-adds per output element when the op is an affine map of its input at inference
   * (unfused BatchNormalization: x·γ/σ + (β − μγ/σ), 1 per element); reported apart from the
   * weight MACs (see summary.ts).
   */
  affinePerElement?: number;
}

/**
 * A fully connected layer (ONNX Gemm, or MatMul by a constant matrix; `linear` in layer lists) on a
 * flat [N, F] tensor: out = x·Wᵀ + b. In the network a flat tensor is kept as [N, F, 1, …] (spatial
 * sizes 1), where a linear layer is a 1×1 convolution; MACs = N·inFeatures·outFeatures.
 */
export interface LinearLayerDef extends LayerBase {
  kind: 'linear';
  outFeatures: number;
  /** Input features as the weight says (checked against the input when the network is built); else taken from the input. */
  inFeatures?: number;
  bias: boolean;
  /** Elements of the bias when the source gives it (an ONNX Gemm's C may be a scalar or [N]). */
  biasSize?: number;
}

/**
 * ONNX Flatten (axis 1) or a Reshape to [N, F]: the spatial axes are folded into features. Every
 * output reads the whole input, like a global pool; the result is flat ([N, F], kept as [N, F, 1, …]).
 * With `shape`, a Reshape: a reshape to the input's own shape is an identity, to [N, F] a flatten;
 * anything else is listed as not analysed when the network is built.
 */
export interface FlattenLayerDef extends LayerBase {
  kind: 'flatten';
  /** Reshape's target shape (ONNX rules: 0 copies the input's dimension, −1 is inferred), possibly computed from shapes. */
  shape?: ValueExpr;
}

/**
 * A small integer or float tensor computed inside the graph from constants and from the *shapes* of
 * tensors (ONNX Shape → Gather/Slice → Concat → Resize sizes, as torch exports
 * `F.interpolate(size=x.shape[-2:])`). Kept as an expression and evaluated when the network is built,
 * when every shape is known (also after `--input-shape`). See values.ts.
 */
export type ValueExpr =
  | { op: 'const'; dims: number[]; data: number[] }
  /** Shape of a layer's output (or of a network input), dimensions [start, end). */
  | { op: 'shape'; of: string; start?: number; end?: number }
  | { op: 'gather'; data: ValueExpr; indices: ValueExpr; axis: number }
  | { op: 'slice'; data: ValueExpr; starts: ValueExpr; ends: ValueExpr; axes?: ValueExpr; steps?: ValueExpr }
  | { op: 'concat'; parts: ValueExpr[]; axis: number }
  /** Unsqueeze / Squeeze / Reshape / Flatten / Identity of a value: same data, other dims. */
  | { op: 'reshape'; data: ValueExpr; how: 'unsqueeze' | 'squeeze' | 'reshape' | 'flatten' | 'identity'; arg?: ValueExpr; axis?: number }
  /** Cast: to an integer type (truncates) or to a float type. */
  | { op: 'cast'; data: ValueExpr; integer: boolean }
  | { op: 'binary'; fn: 'Add' | 'Sub' | 'Mul' | 'Div' | 'Max' | 'Min'; a: ValueExpr; b: ValueExpr }
  | { op: 'unary'; fn: 'Floor' | 'Ceil' | 'Neg' | 'Abs' | 'Round'; data: ValueExpr };

/** Branches that merge: `add` (equal shapes) or `concat` along channels. */
export interface MergeLayerDef extends LayerBase {
  kind: 'add' | 'concat';
}

/**
 * Upsampling by integer factors (ONNX Resize/Upsample; `upsample` in layer lists): nearest
 * (output o reads input ⌊o/s⌋) or linear with half-pixel centres (reads ⌊x⌋ and ⌊x⌋+1,
 * x = (o + ½)/s − ½, clamped). Both are the taps of a depthwise transposed conv (see build.ts).
 */
export interface ResizeLayerDef extends LayerBase {
  kind: 'resize';
  mode: 'nearest' | 'linear';
  /** Integer factor per spatial axis, or… */
  scales?: number[];
  /** …the wanted spatial output sizes (each a multiple of the input's). */
  sizes?: number[];
  /**
   * ONNX: scales or sizes over all axes [N, C, spatial…] computed inside the graph (from the shape of
   * some tensor); evaluated when the network is built, then taken as `scales` / `sizes`.
   */
  computed?: { what: 'scales' | 'sizes'; value: ValueExpr };
}

/** Explicit padding (ONNX Pad, Keras ZeroPadding): zeros, or cells copied by reflection / replication. */
export interface PadLayerDef extends LayerBase {
  kind: 'pad';
  /** [before, after] per spatial axis, ≥ 0. */
  pairs: [number, number][];
  mode: 'zeros' | 'reflect' | 'replicate';
}

/** An op convkit does not analyse; listed, with everything downstream of it. */
export interface UnknownLayerDef extends LayerBase {
  kind: 'unknown';
  reason: string;
}

/** One layer of a {@link NetworkDef}, told apart by `kind`: conv, pool, resize, pad, merge, shape-preserving or unknown. */
export type LayerDef =
  | ConvLayerDef
  | PoolLayerDef
  | GlobalPoolLayerDef
  | ResizeLayerDef
  | PadLayerDef
  | ElementwiseLayerDef
  | MergeLayerDef
  | LinearLayerDef
  | FlattenLayerDef
  | UnknownLayerDef;
/** The `kind` of a layer: `'conv'`, `'convTranspose'`, `'pool'`, `'globalPool'`, `'resize'`, `'pad'`, `'add'`, `'concat'`, `'elementwise'`, `'linear'`, `'flatten'` or `'unknown'`. */
export type LayerKind = LayerDef['kind'];

/** A network before its sizes are known: the input's shape and the layers in words (what a layer list or an ONNX file becomes). */
export interface NetworkDef {
  name?: string;
  /** The (first) spatial input: [N, C, spatial…] or [C, spatial…]. */
  input: { name: string; shape: number[] };
  /** Further network inputs (an ONNX graph with several); each gets its own receptive fields. */
  extraInputs?: { name: string; shape: number[] }[];
  layers: LayerDef[];
  /** Layers whose outputs are the network's outputs (default: layers nobody consumes). */
  outputs?: string[];
}

/** A built layer: its shapes, the geometry `src/geometry` computed for it, its parameters and MACs. */
export interface NetworkNode {
  def: LayerDef;
  name: string;
  kind: LayerKind;
  inputShapes: number[][];
  outputShape: number[];
  /**
   * For conv and convTranspose; for resize, the equivalent depthwise transposed conv (its taps); for
   * pad, a depthwise 1-tap conv with that padding (and padding mode); for a layer list's pool whose pads PyTorch's pooling cannot express
   * (asymmetric SAME pads), the window geometry of the equivalent depthwise conv (kind stays 'pool';
   * ONNX pools are resolved by their own dialect and have `pool`).
   */
  conv?: ConvGeometry;
  /** For pool and globalPool (a global pool is a pool whose window is the whole input). */
  pool?: PoolGeometry;
  /** Learned parameters (weights + bias). */
  params: number;
  /** Multiply-accumulates; transposed convs counted by input positions (see counts.ts). */
  macs: number;
  /** Non-learned tensors the layer holds (BatchNormalization's running mean and variance). */
  buffers?: number;
  /** Multiply-adds of an affine elementwise op (unfused BatchNormalization), apart from `macs`. */
  affineMacs?: number;
  /** The output is a flat [N, F] tensor, kept here as [N, F, 1, …] (after Flatten, Gemm…). */
  flat?: boolean;
}

/** A layer that is listed but not analysed (an unknown op, or one downstream of it), and why. */
export interface SkippedLayer {
  name: string;
  op: string;
  /** Why it is not analysed: its own op is unknown, or it depends on one that is. */
  reason: string;
}

/** A built network: analysed layers in topological order, by name, its outputs, and the layers skipped. */
export interface Network {
  name: string;
  /** The first network input. */
  input: { name: string; shape: number[] };
  /** Every network input, the first one first. */
  inputs: { name: string; shape: number[] }[];
  /** Number of spatial axes. */
  rank: number;
  /** Analysed layers in topological order (producers before consumers). */
  nodes: NetworkNode[];
  byName: Map<string, NetworkNode>;
  outputs: string[];
  /** Unknown ops and the layers downstream of them, in source order. Never silently dropped. */
  skipped: SkippedLayer[];
  /** Outputs the source names (ONNX graph outputs, a layer list's `outputs`) that are not analysed. */
  skippedOutputs: string[];
}
