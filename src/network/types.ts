/**
 * Networks: a dialect-free list of layers (what a layer list or an ONNX file becomes), and the
 * built network, where every layer carries the geometry that `src/geometry/` computed for it.
 * Sizes are never derived here: a built node's output shape is its geometry's output shape.
 */
import type { PoolGeometry, PoolMode } from '../geometry/pool.js';
import type { OnnxConvSpec } from '../geometry/onnx.js';
import type { ConvGeometry } from '../geometry/types.js';

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
}

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

export interface PoolLayerDef extends LayerBase {
  kind: 'pool';
  mode: PoolMode;
  kernel: number[];
  stride: number[];
  dilation: number[];
  padding: PaddingDef;
  ceilMode: boolean;
  countIncludePad: boolean;
}

export interface GlobalPoolLayerDef extends LayerBase {
  kind: 'globalPool';
  mode: PoolMode;
}

/** Shape-preserving ops (activations, normalisation, dropout…): no spatial mixing. */
export interface ElementwiseLayerDef extends LayerBase {
  kind: 'elementwise';
}

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
export type LayerDef = ConvLayerDef | PoolLayerDef | GlobalPoolLayerDef | ResizeLayerDef | PadLayerDef | ElementwiseLayerDef | MergeLayerDef | UnknownLayerDef;
/** The `kind` of a layer: `'conv'`, `'convTranspose'`, `'pool'`, `'globalPool'`, `'resize'`, `'pad'`, `'add'`, `'concat'`, `'elementwise'` or `'unknown'`. */
export type LayerKind = LayerDef['kind'];

/** A network before its sizes are known: the input's shape and the layers in words (what a layer list or an ONNX file becomes). */
export interface NetworkDef {
  name?: string;
  /** The single spatial input: [N, C, spatial…] or [C, spatial…]. */
  input: { name: string; shape: number[] };
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
   * pad, a depthwise 1-tap conv with that padding (and padding mode); for a pool whose pads PyTorch's pooling cannot express (ONNX
   * asymmetric pads), the window geometry of the equivalent depthwise conv (kind stays 'pool').
   */
  conv?: ConvGeometry;
  /** For pool and globalPool (a global pool is a pool whose window is the whole input). */
  pool?: PoolGeometry;
  /** Learned parameters (weights + bias). */
  params: number;
  /** Multiply-accumulates; transposed convs counted by input positions (see counts.ts). */
  macs: number;
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
  input: { name: string; shape: number[] };
  /** Number of spatial axes. */
  rank: number;
  /** Analysed layers in topological order (producers before consumers). */
  nodes: NetworkNode[];
  byName: Map<string, NetworkNode>;
  outputs: string[];
  /** Unknown ops and the layers downstream of them, in source order. Never silently dropped. */
  skipped: SkippedLayer[];
}
