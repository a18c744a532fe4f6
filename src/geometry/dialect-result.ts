/**
 * What a dialect adapter (TensorFlow/TF.js, ONNX) returns: the ConvGeometry plus everything a caller
 * needs to move that framework's tensors into convkit's layouts and back, and a PyTorch recipe.
 */
import { buildGeometry } from './build.js';
import { permuteData, permuteShape } from './layout-permute.js';
import { torchEquivalent } from './torch-equivalent.js';
import type { CanonicalAxis, ConvGeometry } from './types.js';

/** What every dialect result (convolution or pooling) carries besides its geometry: the layouts both ways and a PyTorch recipe. */
export interface DialectLayout {
  geometry: { outputShape: number[] };
  /** The framework's input shape and the permutation to convkit's [N, C, spatial…] (or [C, spatial…]). */
  frameworkInputShape: number[];
  inputPermutation: number[];
  /** convkit's output [N, C, spatial…] → the framework's output layout, and that shape. */
  outputPermutation: number[];
  frameworkOutputShape: number[];
  /** One line on the layouts, e.g. "NHWC input, filter [kH, kW, IC/g, OC] → [OC, IC/g, kH, kW]". */
  layout: string;
  /** A PyTorch recipe computing the same values (docs/semantics.md, "Across frameworks"), or why PyTorch cannot. */
  torchEquivalent: string;
  /** Where the framework's behaviour is surprising or differs from its siblings. */
  notes: string[];
}

/** What `fromTensorFlow` and `fromOnnx` return: the geometry, the layout permutations both ways, and a PyTorch recipe. */
export interface DialectGeometry extends DialectLayout {
  geometry: ConvGeometry;
  /**
   * Per spatial axis, [before, after]: padding for a direct conv, the crop from the full output for a
   * transposed one (what the framework computed; negative = the framework reads/keeps extra cells).
   */
  pads: [number, number][];
  /** Per spatial axis: cells kept past the full output of a transposed conv (0 for direct). */
  outputPadding: number[];
  /** The framework's weight layout, and the permutation that takes it to convkit's (then reshape to weightShape). */
  frameworkWeightShape: number[];
  weightPermutation: number[];
  /** convkit's weight shape: [OC, IC/g, k…] (direct) or [IC, OC/g, k…] (transposed). */
  weightShape: number[];
}

export interface DialectParts {
  transposed: boolean;
  batch: number;
  batched: boolean;
  inChannels: number;
  outChannels: number;
  groups: number;
  axes: CanonicalAxis[];
  weightShape: number[];
  frameworkWeightShape: number[];
  weightPermutation: number[];
  frameworkInputShape: number[];
  inputPermutation: number[];
  outputPermutation: number[];
  layout: string;
  notes: string[];
}

export function finishDialect(p: DialectParts): DialectGeometry {
  const geometry = buildGeometry({
    transposed: p.transposed,
    batch: p.batch,
    batched: p.batched,
    inChannels: p.inChannels,
    outChannels: p.outChannels,
    groups: p.groups,
    hasBias: false,
    paddingMode: 'zeros',
    axes: p.axes,
    weightShape: p.weightShape,
  });
  return {
    geometry,
    pads: p.axes.map((a) => [a.padBefore, a.padAfter]),
    outputPadding: p.axes.map((a) => (p.transposed ? a.outputPadding : 0)),
    frameworkWeightShape: p.frameworkWeightShape,
    weightPermutation: p.weightPermutation,
    weightShape: p.weightShape,
    frameworkInputShape: p.frameworkInputShape,
    inputPermutation: p.inputPermutation,
    outputPermutation: p.outputPermutation,
    frameworkOutputShape: permuteShape(geometry.outputShape, p.outputPermutation),
    layout: p.layout,
    torchEquivalent: torchEquivalent(geometry),
    notes: p.notes,
  };
}

/**
 * The framework's weight values in convkit's layout (row-major `weightShape`).
 *
 * @example
 * ```ts
 * import { fromTensorFlow, toConvkitWeight } from 'convkit';
 * // A 1x1 conv of a 2x2 NHWC image with 2 channels, filter [1, 1, IC, OC]:
 * const r = fromTensorFlow({ op: 'conv', inputShape: [1, 2, 2, 2], filterShape: [1, 1, 2, 1], padding: 'VALID' });
 * r.weightShape;                      //=> [1, 2, 1, 1]
 * toConvkitWeight(r, [1, 0.5]);       //=> [1, 0.5]
 * ```
 */
export function toConvkitWeight(r: DialectGeometry, data: ArrayLike<number>): Float32Array {
  return permuteData(data, r.frameworkWeightShape, r.weightPermutation);
}

/**
 * The framework's input values in convkit's [N, C, spatial…] layout.
 *
 * @example
 * ```ts
 * import { fromTensorFlow, toConvkitInput } from 'convkit';
 * // A 1x1 conv of a 2x2 NHWC image with 2 channels, filter [1, 1, IC, OC]:
 * const r = fromTensorFlow({ op: 'conv', inputShape: [1, 2, 2, 2], filterShape: [1, 1, 2, 1], padding: 'VALID' });
 * toConvkitInput(r, [1, 10, 2, 20, 3, 30, 4, 40]); //=> [1, 2, 3, 4, 10, 20, 30, 40]
 * ```
 */
export function toConvkitInput(r: DialectLayout, data: ArrayLike<number>): Float32Array {
  return permuteData(data, r.frameworkInputShape, r.inputPermutation);
}

/**
 * convkit's output values (geometry.outputShape) in the framework's layout.
 *
 * @example
 * ```ts
 * import { conv2d, fromTensorFlow, tensor, toConvkitInput, toConvkitWeight, toFrameworkOutput } from 'convkit';
 * // A 1x1 conv of a 2x2 NHWC image with 2 channels, filter [1, 1, IC, OC]:
 * const r = fromTensorFlow({ op: 'conv', inputShape: [1, 2, 2, 2], filterShape: [1, 1, 2, 1], padding: 'VALID' });
 * const x = tensor(toConvkitInput(r, [1, 10, 2, 20, 3, 30, 4, 40]), r.geometry.inputShape);
 * const y = conv2d(x, tensor(toConvkitWeight(r, [1, 0.5]), r.weightShape));
 * toFrameworkOutput(r, y.data); //=> [6, 12, 18, 24]
 * r.frameworkOutputShape;       //=> [1, 2, 2, 1]
 * ```
 */
export function toFrameworkOutput(r: DialectLayout, data: ArrayLike<number>): Float32Array {
  return permuteData(data, r.geometry.outputShape, r.outputPermutation);
}
