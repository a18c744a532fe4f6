/**
 * Computing a resolved geometry or an ONNX node in one call: `computeGeometry` runs any convolution
 * geometry (PyTorch's, or a TensorFlow / ONNX dialect result with its tensors in that framework's
 * layouts) on the fast engine; `computePoolGeometry` runs a pooling geometry on it too;
 * `onnxNode` takes an ONNX Conv, ConvTranspose, AveragePool or MaxPool node as the operator spec
 * writes it (attribute names and defaults, inputs X, W, B) and returns Y.
 */
import { ConvError, show } from '../geometry/errors.js';
import { permuteData } from '../geometry/layout-permute.js';
import { fromOnnx, type OnnxConvSpec } from '../geometry/onnx.js';
import { fromOnnxPool, type OnnxPoolSpec } from '../geometry/onnx-pool.js';
import type { DialectGeometry } from '../geometry/dialect-result.js';
import type { PoolGeometry } from '../geometry/pool.js';
import type { PoolDialectGeometry } from '../geometry/pool-dialect.js';
import type { ConvGeometry } from '../geometry/types.js';
import { assertAllocatable, shapeOf } from '../geometry/validate.js';
import { delivered, engineOf, runConv, type EngineName } from '../engine/dispatch.js';
import { runPool } from '../engine/pooling-dispatch.js';
import { asTensor, type Tensor } from '../tensor/tensor.js';
import { arrayOf } from '../engine/wasm/resident.js';
import { inputOf, type EngineTensor } from './engine-tensor.js';
import { outBufferOf } from './out-buffer.js';

/** Options of `computeGeometry`: the bias, the engine, and which layouts a dialect result's tensors are in. */
export interface ComputeGeometryOptions {
  /** One value per output channel, shape `[OC]`. */
  bias?: Tensor | null;
  /** 'auto' (default): the fastest engine available; 'reference': the plain loops. */
  engine?: EngineName;
  /**
   * For a dialect result (`fromTensorFlow`, `fromOnnx`): 'framework' (default) takes the input and
   * weight in the framework's layouts and returns the output in its layout; 'convkit' takes and
   * returns convkit's (PyTorch's) layouts. A plain ConvGeometry is always in convkit's layouts.
   */
  layout?: 'framework' | 'convkit';
  /** A Float32Array of the output's size that receives the result (in the layout returned), instead of a fresh array. */
  out?: Float32Array | null;
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function expectShape(t: { shape: readonly number[] }, want: readonly number[], what: string): void {
  if (!same(t.shape, want)) {
    throw new ConvError(t.shape.length === want.length ? 'INVALID_OPTION' : 'INPUT_RANK', `${what} has shape [${t.shape.join(', ')}] but the geometry was resolved for [${want.join(', ')}]`, {
      values: { shape: t.shape, expected: want },
      hint: `give a ${what} of shape [${want.join(', ')}], or resolve the geometry again for this one`,
    });
  }
}

function layoutOf(v: unknown): 'framework' | 'convkit' {
  if (v === undefined || v === 'framework' || v === 'convkit') return v ?? 'framework';
  throw new ConvError('INVALID_OPTION', `layout must be 'framework' or 'convkit', but got ${show(v)}`, { hint: "use 'framework' (the dialect's own layouts) or 'convkit'" });
}

/**
 * Computes a convolution geometry — PyTorch's (`convGeometry`, `convTransposeGeometry`) or a dialect
 * result (`fromTensorFlow`, `fromOnnx`) — on the fast engine, without re-deriving PyTorch options.
 * A dialect result takes and returns its framework's layouts (`layout: 'convkit'` for convkit's).
 * The tensors must have the shapes the geometry was resolved for.
 *
 * @example
 * ```ts
 * import { computeGeometry, fromTensorFlow, tensor } from 'convkit';
 * // TensorFlow: NHWC input 1x3x3x1, filter [2, 2, 1, 1], SAME (one cell of padding at the end).
 * const r = fromTensorFlow({ op: 'conv', inputShape: [1, 3, 3, 1], filterShape: [2, 2, 1, 1], padding: 'SAME' });
 * const y = computeGeometry(r, tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]), tensor([1, 1, 1, 1], [2, 2, 1, 1]));
 * y.shape;             //=> [1, 3, 3, 1]
 * Array.from(y.data);  //=> [12, 16, 9, 24, 28, 15, 15, 17, 9]
 * ```
 */
export function computeGeometry(g: ConvGeometry | DialectGeometry, input: Tensor, weight: Tensor, options: ComputeGeometryOptions = {}): Tensor {
  if (g === null || typeof g !== 'object' || !('axes' in g || 'geometry' in g)) {
    throw new ConvError('INVALID_OPTION', `computeGeometry needs a convolution geometry or a dialect result, but got ${show(g)}`, { hint: 'resolve one with convGeometry, fromTensorFlow or fromOnnx' });
  }
  if (options === null || typeof options !== 'object') throw new ConvError('INVALID_OPTION', `options must be an object, but got ${show(options)}`, { hint: 'e.g. { bias, engine }' });
  const dialect = 'geometry' in g ? g : null;
  const geometry = dialect ? dialect.geometry : (g as ConvGeometry);
  if ('mode' in geometry) throw new ConvError('INVALID_OPTION', 'computeGeometry computes convolutions; this is a pooling geometry', { hint: 'use computePoolGeometry' });
  const framework = dialect !== null && layoutOf(options.layout) === 'framework';
  let x = asTensor(input, 'input');
  const given = x.data;
  let w = asTensor(weight, 'weight');
  if (framework) {
    expectShape(x, dialect.frameworkInputShape, 'input');
    expectShape(w, dialect.frameworkWeightShape, 'weight');
    x = { shape: geometry.inputShape, data: permuteData(x.data, x.shape, dialect.inputPermutation) };
    w = { shape: dialect.weightShape, data: permuteData(w.data, w.shape, dialect.weightPermutation) };
  }
  expectShape(x, geometry.inputShape, 'input');
  expectShape(w, geometry.weightShape, 'weight');
  const b = options.bias === undefined || options.bias === null ? null : asTensor(options.bias, 'bias');
  if (b && (b.shape.length !== 1 || b.shape[0] !== geometry.outChannels)) {
    throw new ConvError('BIAS', `the bias has shape [${b.shape.join(', ')}] but the convolution has ${geometry.outChannels} output channels`, { values: { biasShape: b.shape, outChannels: geometry.outChannels }, hint: `give a bias of ${geometry.outChannels} values, one per output channel` });
  }
  assertAllocatable(geometry.outputShape, 'output');
  const run = geometry.hasBias === (b !== null) ? geometry : { ...geometry, hasBias: b !== null };
  const out = outBufferOf(options.out, framework ? dialect.frameworkOutputShape : geometry.outputShape, given);
  const data = runConv(run, x.data, w.data, b ? b.data : null, engineOf(options.engine), 'auto', framework ? null : out);
  if (!framework) return { shape: [...geometry.outputShape], data };
  return { shape: [...dialect.frameworkOutputShape], data: delivered(permuteData(data, geometry.outputShape, dialect.outputPermutation), out) };
}

/**
 * Computes a pooling geometry — PyTorch's (`poolGeometry`) or a dialect result (`fromOnnxPool`,
 * `fromTensorFlowPool`, whose input and output are in the framework's layout unless
 * `layout: 'convkit'`) — on the fast engine (`engine: 'reference'`: the plain loops).
 *
 * @example
 * ```ts
 * import { computePoolGeometry, fromTensorFlowPool, tensor } from 'convkit';
 * // A SAME average leaves the padding out: the last window of [1, 2, 3] is 3 / 1, not 3 / 2.
 * const r = fromTensorFlowPool({ op: 'avg', inputShape: [1, 3, 1], poolSize: [2], strides: 2, padding: 'SAME' });
 * Array.from(computePoolGeometry(r, tensor([1, 2, 3], [1, 3, 1])).data); //=> [1.5, 3]
 * ```
 */
export function computePoolGeometry(g: PoolGeometry | PoolDialectGeometry, input: Tensor | EngineTensor, options: { layout?: 'framework' | 'convkit'; engine?: EngineName; out?: Float32Array | null } = {}): Tensor {
  if (g === null || typeof g !== 'object' || !('axes' in g || 'geometry' in g)) {
    throw new ConvError('INVALID_OPTION', `computePoolGeometry needs a pooling geometry or a pooling dialect result, but got ${show(g)}`, { hint: 'resolve one with poolGeometry, fromOnnxPool or fromTensorFlowPool' });
  }
  const dialect = 'geometry' in g ? g : null;
  const geometry = dialect ? dialect.geometry : (g as PoolGeometry);
  if (!('mode' in geometry)) throw new ConvError('INVALID_OPTION', 'computePoolGeometry computes pooling; this is a convolution geometry', { hint: 'use computeGeometry' });
  const framework = dialect !== null && layoutOf(options?.layout) === 'framework';
  let x = inputOf(input, 'computePoolGeometry');
  const given = x.data instanceof Float32Array ? x.data : [];
  if (framework) {
    expectShape(x, dialect.frameworkInputShape, 'input');
    // Permuted into a fresh array (an engine tensor is read once, through a view).
    x = { shape: geometry.inputShape, data: permuteData(arrayOf(x.data), x.shape, dialect.inputPermutation) };
  }
  expectShape(x, geometry.inputShape, 'input');
  assertAllocatable(geometry.outputShape, 'output');
  const out = outBufferOf(options?.out, framework ? dialect.frameworkOutputShape : geometry.outputShape, given);
  const data = runPool(geometry, x.data, engineOf(options?.engine), framework ? null : out);
  if (!framework) return { shape: [...geometry.outputShape], data };
  return { shape: [...dialect.frameworkOutputShape], data: delivered(permuteData(data, geometry.outputShape, dialect.outputPermutation), out) };
}

/** The ONNX operators `onnxNode` computes. */
export type OnnxNodeOp = 'Conv' | 'ConvTranspose' | 'AveragePool' | 'MaxPool';

/** A node's attributes by their ONNX names: ints as numbers, lists of ints as arrays, `auto_pad` as a string. */
export type OnnxNodeAttributes = Readonly<Record<string, number | string | readonly number[]>>;

/** Each op's attributes as the ONNX operator spec names them (opset 22). */
const ATTRIBUTES: Record<OnnxNodeOp, readonly string[]> = {
  Conv: ['auto_pad', 'dilations', 'group', 'kernel_shape', 'pads', 'strides'],
  ConvTranspose: ['auto_pad', 'dilations', 'group', 'kernel_shape', 'output_padding', 'output_shape', 'pads', 'strides'],
  AveragePool: ['auto_pad', 'ceil_mode', 'count_include_pad', 'dilations', 'kernel_shape', 'pads', 'strides'],
  MaxPool: ['auto_pad', 'ceil_mode', 'dilations', 'kernel_shape', 'pads', 'storage_order', 'strides'],
};
const INPUTS: Record<OnnxNodeOp, readonly string[]> = { Conv: ['X', 'W', 'B'], ConvTranspose: ['X', 'W', 'B'], AveragePool: ['X'], MaxPool: ['X'] };

/**
 * Runs one ONNX node: `Conv`, `ConvTranspose` (inputs X, W and optional B), `AveragePool` or `MaxPool`
 * (input X), with the attributes named and defaulted as the ONNX operator spec writes them and
 * applied as ONNX Runtime applies them (docs/semantics.md, "ONNX" and "ONNX pooling"). Returns Y;
 * MaxPool's optional Indices output is not computed. Every op runs on the fast engine where it is
 * loaded (`engine: 'reference'`: the plain loops).
 *
 * @example
 * ```ts
 * import { onnxNode, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
 * const y = onnxNode('Conv', { pads: [1, 1, 0, 0] }, [x, tensor([1, 1, 1, 1], [1, 1, 2, 2]), tensor([10], [1])]);
 * y.shape;            //=> [1, 1, 3, 3]
 * Array.from(y.data); //=> [11, 13, 15, 15, 22, 26, 21, 34, 38]
 * Array.from(onnxNode('AveragePool', { kernel_shape: [2, 2], auto_pad: 'SAME_UPPER' }, [x]).data); //=> [3, 4, 4.5, 6, 7, 7.5, 7.5, 8.5, 9]
 * ```
 */
export function onnxNode(op: OnnxNodeOp, attributes: OnnxNodeAttributes | null | undefined, inputs: readonly (Tensor | null | undefined)[], options: { engine?: EngineName } = {}): Tensor {
  if (!(op in ATTRIBUTES)) throw new ConvError('INVALID_OPTION', `onnxNode computes Conv, ConvTranspose, AveragePool and MaxPool, not ${show(op)}`, { hint: `use one of ${Object.keys(ATTRIBUTES).join(', ')}` });
  const attrs = attributes ?? {};
  if (typeof attrs !== 'object' || Array.isArray(attrs)) throw new ConvError('INVALID_OPTION', `${op}: attributes must be an object keyed by ONNX attribute name, but got ${show(attrs)}`, { hint: `e.g. { ${ATTRIBUTES[op].includes('kernel_shape') && op !== 'Conv' ? 'kernel_shape: [2, 2], ' : ''}strides: [2, 2] }` });
  for (const name of Object.keys(attrs)) {
    if (!ATTRIBUTES[op].includes(name)) {
      throw new ConvError('INVALID_OPTION', `${op} has no attribute ${show(name)}`, { values: { attribute: name }, hint: `${op}'s attributes are ${ATTRIBUTES[op].join(', ')}` });
    }
  }
  if (!Array.isArray(inputs)) throw new ConvError('INVALID_OPTION', `${op}: inputs must be a list [${INPUTS[op].join(', ')}], but got ${show(inputs)}`, { hint: `give [${INPUTS[op].join(', ')}] in the spec's order` });
  const names = INPUTS[op];
  const required = op === 'Conv' || op === 'ConvTranspose' ? 2 : 1;
  if (inputs.length > names.length) {
    throw new ConvError('INVALID_OPTION', `${op} takes at most ${names.length} input${names.length > 1 ? 's' : ''} (${names.join(', ')}), but got ${inputs.length}`, { hint: `give [${names.join(', ')}]` });
  }
  for (let i = 0; i < required; i++) {
    if (inputs[i] === undefined || inputs[i] === null) throw new ConvError('INVALID_OPTION', `${op}: input ${names[i]} is missing`, { hint: `give [${names.slice(0, required).join(', ')}${required < names.length ? `, optional ${names.slice(required).join(', ')}` : ''}]` });
  }
  const x = asTensor(inputs[0], 'X');
  // Attribute values pass through as the spec names them; fromOnnx / fromOnnxPool check each.
  const a = attrs as Record<string, never>;
  if (op === 'AveragePool' || op === 'MaxPool') {
    const r = fromOnnxPool({ op, xShape: x.shape, ...a } as unknown as OnnxPoolSpec);
    return computePoolGeometry(r.geometry, x, { engine: options.engine });
  }
  const w = asTensor(inputs[1], 'W');
  const b = inputs[2] === undefined || inputs[2] === null ? null : asTensor(inputs[2], 'B');
  if (b && b.shape.length !== 1) throw new ConvError('BIAS', `${op}: B must be 1-D, but has shape [${shapeOf(b.shape, 'B shape').join(', ')}]`, { values: { biasShape: b.shape }, hint: 'give B as one value per output channel' });
  const r = fromOnnx({ op, xShape: x.shape, wShape: w.shape, ...a } as unknown as OnnxConvSpec);
  return computeGeometry(r.geometry, x, w, { bias: b, engine: options.engine });
}
