/**
 * The public compute functions, named and shaped as PyTorch's functional API:
 * conv1d/2d/3d and convTranspose1d/2d/3d(input, weight, options).
 */
import { CONV_OPTIONS, CONV_SHAPE_OPTIONS, CONV_TRANSPOSE_OPTIONS, CONV_TRANSPOSE_SHAPE_OPTIONS } from './option-names.js';
import { callOptions } from '../geometry/options.js';
import { ConvError } from '../geometry/errors.js';
import { convGeometry, convTransposeGeometry, type ConvShapeOptions, type ConvTransposeShapeOptions } from '../geometry/torch.js';
import type { ConvGeometry } from '../geometry/types.js';
import { assertAllocatable } from '../geometry/validate.js';
import { engineOf, runConv, runConvAsync, type EngineName } from '../engine/dispatch.js';
import { algorithmOf, type ConvAlgorithm } from '../engine/algorithm.js';
import { asTensor, type Tensor } from '../tensor/tensor.js';
import type { InputData } from '../engine/wasm/resident.js';
import { inputOf, type InputTensor } from './engine-tensor.js';
import { GeometryMemo } from './geometry-memo.js';
import { outBufferOf } from './out-buffer.js';

/** What a compute call takes besides the geometry: the bias and the engine. */
export interface ComputeOptions {
  /** One value per output channel, shape `[OC]`; added to every output cell of that channel. */
  bias?: Tensor | null;
  /** 'auto' (default): the fastest engine available; 'reference': the plain loops. */
  engine?: EngineName;
  /**
   * How the fast engine sums a direct conv: 'auto' (default: Winograd where measured faster),
   * 'direct', or 'winograd' (2-D, groups 1, 3×3, stride 1; refused with a ConvError otherwise).
   */
  algorithm?: ConvAlgorithm;
  /**
   * A Float32Array of the output's size that receives the result and becomes the returned tensor's
   * data, instead of a fresh array per call: a layer run over and over reuses one buffer. It must
   * not share memory with the input; with the Async functions, leave it alone until the promise settles.
   */
  out?: Float32Array | null;
}
/**
 * Options of `conv1d/2d/3d` and `conv`: PyTorch's `stride`, `padding`, `dilation`, `groups`,
 * `paddingMode`, plus `bias` and `engine`.
 *
 * @example
 * ```ts
 * const options = { stride: 2, padding: [1, 0], dilation: 1, groups: 1, paddingMode: 'reflect', engine: 'auto' };
 * ```
 */
export type ConvOptions = ConvShapeOptions & ComputeOptions;
/**
 * Options of `convTranspose1d/2d/3d` and `convTranspose`: PyTorch's `stride`, `padding` (cells cropped
 * from the full output), `outputPadding` or `outputSize`, `dilation`, `groups`, plus `bias` and `engine`.
 *
 * @example
 * ```ts
 * const options = { stride: 2, padding: 1, outputPadding: 1 }; // doubles a 2-D map: 16x16 -> 32x32 with k=3
 * ```
 */
export type ConvTransposeOptions = ConvTransposeShapeOptions & ComputeOptions;


/** The input as the engines take it: its data, or the block an engine tensor keeps. */
type Input = { shape: number[]; data: InputData };

/** The checked `out` buffer (an engine tensor's block cannot be shared with a Float32Array). */
const outFor = (out: unknown, g: ConvGeometry, x: Input): Float32Array | null => outBufferOf(out, g.outputShape, x.data instanceof Float32Array ? x.data : []);

function compute(g: ConvGeometry, x: Input, w: Tensor, bias: Tensor | null, engine: EngineName, algorithm: ConvAlgorithm, out: unknown): Tensor {
  assertAllocatable(g.outputShape, 'output');
  const data = runConv(g, x.data, w.data, bias ? bias.data : null, engine, algorithm, outFor(out, g, x));
  return { shape: g.outputShape.slice(), data };
}

type Resolved = [ConvGeometry, Input, Tensor, Tensor | null, EngineName, ConvAlgorithm, unknown];

function resolve(transposed: boolean, rank: number | undefined, input: InputTensor, weight: Tensor, options?: ConvOptions | ConvTransposeOptions): Resolved {
  const call = `${transposed ? 'convTranspose' : 'conv'}${rank ?? ''}${rank ? 'd' : ''}`;
  const o = callOptions(options, transposed ? CONV_TRANSPOSE_OPTIONS : CONV_OPTIONS, call) as ConvOptions & ConvTransposeOptions;
  const x = inputOf(input, call);
  const w = asTensor(weight, 'weight');
  const b = o.bias === undefined || o.bias === null ? null : asTensor(o.bias, 'bias');
  const engine = engineOf(o.engine);
  const algorithm = algorithmOf(o.algorithm);
  const bShape = b ? b.shape : null;
  const opts = o as unknown as Record<string, unknown>;
  const g = memo.resolve(transposed, rank, x.shape, w.shape, bShape, opts);
  return [g, x, w, b, engine, algorithm, o.out];
}

/** The last geometry resolved (a layer called again skips validation; keyed on values only). */
const memo = new GeometryMemo();

function convN(rank: number | undefined, input: InputTensor, weight: Tensor, options?: ConvOptions): Tensor {
  return compute(...resolve(false, rank, input, weight, options));
}

function convTransposeN(rank: number | undefined, input: InputTensor, weight: Tensor, options?: ConvTransposeOptions): Tensor {
  return compute(...resolve(true, rank, input, weight, options));
}

/** Async: never blocks the calling thread on the engine's worker threads (browser main thread). */
async function computeAsync(g: ConvGeometry, x: Input, w: Tensor, bias: Tensor | null, engine: EngineName, algorithm: ConvAlgorithm, out: unknown): Promise<Tensor> {
  assertAllocatable(g.outputShape, 'output');
  const data = await runConvAsync(g, x.data, w.data, bias ? bias.data : null, engine, algorithm, outFor(out, g, x));
  return { shape: [...g.outputShape], data };
}

/**
 * Convolution of any spatial rank, taken from the weight (`[OC, IC/groups, k…]`): what `conv1d`,
 * `conv2d` and `conv3d` compute when the rank is not known in advance.
 *
 * @example
 * ```ts
 * import { conv, tensor } from 'convkit';
 * const y = conv(tensor([1, 2, 3, 4, 5], [1, 1, 5]), tensor([1, 1, 1], [1, 1, 3])); // a 1-D conv
 * Array.from(y.data); //=> [6, 9, 12]
 * ```
 */
export const conv = (x: InputTensor, w: Tensor, options?: ConvOptions): Tensor => convN(undefined, x, w, options);
/**
 * 1-D convolution (cross-correlation, as PyTorch's `conv1d`): input `[N, C, L]` or unbatched
 * `[C, L]`, weight `[OC, C/groups, k]`. Throws a {@link ConvError} for any configuration PyTorch refuses.
 *
 * @example
 * ```ts
 * import { conv1d, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4, 5], [1, 1, 5]);
 * const w = tensor([1, 1, 1], [1, 1, 3]);          // a moving sum of three
 * Array.from(conv1d(x, w).data);                   //=> [6, 9, 12]
 * Array.from(conv1d(x, w, { padding: 1 }).data);   //=> [3, 6, 9, 12, 9]
 * Array.from(conv1d(x, w, { dilation: 2 }).data);  //=> [9]
 * Array.from(conv1d(x, w, { padding: 'same', paddingMode: 'circular' }).data); //=> [8, 6, 9, 12, 10]
 * ```
 */
export const conv1d = (x: InputTensor, w: Tensor, options?: ConvOptions): Tensor => convN(1, x, w, options);
/**
 * 2-D convolution (cross-correlation, as PyTorch's `conv2d`): input `[N, C, H, W]` or unbatched
 * `[C, H, W]`, weight `[OC, C/groups, kH, kW]`, optional `bias` `[OC]`. Options take a number, one
 * per axis, or for padding `[before, after]` pairs, `'same'` and `'valid'`.
 *
 * @example
 * ```ts
 * import { conv2d, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 1, 4, 4]);
 * const w = tensor([1, 0, 0, -1], [1, 1, 2, 2]);   // x[i][j] - x[i+1][j+1]
 * const y = conv2d(x, w);
 * y.shape;                                         //=> [1, 1, 3, 3]
 * Array.from(conv2d(x, w, { stride: 2 }).data);    //=> [-5, -5, -5, -5]
 * // Two groups (depthwise) with a bias per output channel:
 * const xs = tensor([1, 2, 3, 4, 10, 20, 30, 40], [1, 2, 2, 2]);
 * const ones = tensor([1, 1, 1, 1, 1, 1, 1, 1], [2, 1, 2, 2]);
 * Array.from(conv2d(xs, ones, { groups: 2, bias: tensor([0.5, -1], [2]) }).data); //=> [10.5, 99]
 * ```
 */
export const conv2d = (x: InputTensor, w: Tensor, options?: ConvOptions): Tensor => convN(2, x, w, options);
/**
 * 3-D convolution (as PyTorch's `conv3d`): input `[N, C, D, H, W]` or unbatched `[C, D, H, W]`,
 * weight `[OC, C/groups, kD, kH, kW]`.
 *
 * @example
 * ```ts
 * import { conv3d, tensor } from 'convkit';
 * const x = tensor(Array.from({ length: 27 }, (_, i) => i), [1, 1, 3, 3, 3]);
 * const w = tensor(new Float32Array(8).fill(1), [1, 1, 2, 2, 2]); // sums 2x2x2 blocks
 * const y = conv3d(x, w);
 * y.shape;                                         //=> [1, 1, 2, 2, 2]
 * Array.from(y.data);                              //=> [52, 60, 76, 84, 124, 132, 148, 156]
 * ```
 */
export const conv3d = (x: InputTensor, w: Tensor, options?: ConvOptions): Tensor => convN(3, x, w, options);
/**
 * Transposed convolution of any spatial rank, taken from the weight (`[IC, OC/groups, k…]`).
 *
 * @example
 * ```ts
 * import { convTranspose, tensor } from 'convkit';
 * const y = convTranspose(tensor([1, 2, 3], [1, 1, 3]), tensor([1, 1, 1], [1, 1, 3]), { stride: 2 });
 * Array.from(y.data); //=> [1, 1, 3, 2, 5, 3, 3]
 * ```
 */
export const convTranspose = (x: InputTensor, w: Tensor, options?: ConvTransposeOptions): Tensor => convTransposeN(undefined, x, w, options);
/**
 * 1-D transposed convolution (as PyTorch's `conv_transpose1d`): each input cell adds its value times
 * the kernel at `stride` steps; `padding` crops cells from both ends of that full output and
 * `outputPadding` (or `outputSize`) adds cells at the end. Weight `[IC, OC/groups, k]`.
 *
 * @example
 * ```ts
 * import { convTranspose1d, tensor } from 'convkit';
 * const x = tensor([1, 2, 3], [1, 1, 3]);
 * const w = tensor([1, 1, 1], [1, 1, 3]);
 * Array.from(convTranspose1d(x, w, { stride: 2 }).data); //=> [1, 1, 3, 2, 5, 3, 3]
 * Array.from(convTranspose1d(x, w, { stride: 2, padding: 1, outputPadding: 1 }).data); //=> [1, 3, 2, 5, 3, 3]
 * ```
 */
export const convTranspose1d = (x: InputTensor, w: Tensor, options?: ConvTransposeOptions): Tensor => convTransposeN(1, x, w, options);
/**
 * 2-D transposed convolution (as PyTorch's `conv_transpose2d`): input `[N, IC, H, W]` or unbatched,
 * weight `[IC, OC/groups, kH, kW]`; the usual learned 2× upsampling is `{ stride: 2, padding: 1,
 * outputPadding: 1 }` with a 3×3 kernel.
 *
 * @example
 * ```ts
 * import { convTranspose2d, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4], [1, 1, 2, 2]);
 * const w = tensor([1, 1, 1, 1], [1, 1, 2, 2]);
 * const y = convTranspose2d(x, w, { stride: 2 });   // every cell becomes a 2x2 block
 * y.shape;                                          //=> [1, 1, 4, 4]
 * Array.from(y.data); //=> [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]
 * ```
 */
export const convTranspose2d = (x: InputTensor, w: Tensor, options?: ConvTransposeOptions): Tensor => convTransposeN(2, x, w, options);
/**
 * 3-D transposed convolution (as PyTorch's `conv_transpose3d`): input `[N, IC, D, H, W]` or
 * unbatched, weight `[IC, OC/groups, kD, kH, kW]`.
 *
 * @example
 * ```ts
 * import { convTranspose3d, tensor } from 'convkit';
 * const x = tensor([1, 2], [1, 1, 1, 1, 2]);
 * const w = tensor(new Float32Array(8).fill(1), [1, 1, 2, 2, 2]);
 * convTranspose3d(x, w, { stride: 2 }).shape;       //=> [1, 1, 2, 2, 4]
 * ```
 */
export const convTranspose3d = (x: InputTensor, w: Tensor, options?: ConvTransposeOptions): Tensor => convTransposeN(3, x, w, options);

// Asynchronous variants: same results; the work runs on the engine's worker threads.
/**
 * The asynchronous `conv`: any spatial rank, taken from the weight: the same result, computed on the engine's worker threads
 * while the caller only awaits, so a browser's main thread stays responsive (small convolutions
 * are computed in place; without workers, large ones in slices that yield: README, "Async").
 *
 * @example
 * ```ts
 * import { convAsync, tensor } from 'convkit';
 * const y = await convAsync(tensor([1, 2, 3, 4, 5], [1, 1, 5]), tensor([1, 1, 1], [1, 1, 3]));
 * Array.from(y.data); //=> [6, 9, 12]
 * ```
 */
export const convAsync = async (x: InputTensor, w: Tensor, options?: ConvOptions): Promise<Tensor> => computeAsync(...resolve(false, undefined, x, w, options));
/**
 * The asynchronous `conv1d`: the same result, computed on the engine's worker threads
 * while the caller only awaits, so a browser's main thread stays responsive (small convolutions
 * are computed in place; without workers, large ones in slices that yield: README, "Async").
 *
 * @example
 * ```ts
 * import { conv1dAsync, tensor } from 'convkit';
 * const y = await conv1dAsync(tensor([1, 2, 3, 4, 5], [1, 1, 5]), tensor([1, 1, 1], [1, 1, 3]), { padding: 1 });
 * Array.from(y.data); //=> [3, 6, 9, 12, 9]
 * ```
 */
export const conv1dAsync = async (x: InputTensor, w: Tensor, options?: ConvOptions): Promise<Tensor> => computeAsync(...resolve(false, 1, x, w, options));
/**
 * The asynchronous `conv2d`: the same result, computed on the engine's worker threads
 * while the caller only awaits, so a browser's main thread stays responsive (small convolutions
 * are computed in place; without workers, large ones in slices that yield: README, "Async").
 *
 * @example
 * ```ts
 * import { conv2dAsync, tensor } from 'convkit';
 * // A 64 -> 64 channel 3x3 layer on a 56x56 map: large enough to run on the worker threads.
 * const x = tensor(new Float32Array(64 * 56 * 56).fill(1), [1, 64, 56, 56]);
 * const w = tensor(new Float32Array(64 * 64 * 9).fill(0.5), [64, 64, 3, 3]);
 * const y = await conv2dAsync(x, w, { padding: 1 });
 * y.shape;   //=> [1, 64, 56, 56]
 * y.data[57]; //=> 288
 * // an inner cell: 64 channels x 9 taps x 0.5
 * ```
 */
export const conv2dAsync = async (x: InputTensor, w: Tensor, options?: ConvOptions): Promise<Tensor> => computeAsync(...resolve(false, 2, x, w, options));
/**
 * The asynchronous `conv3d`: the same result, computed on the engine's worker threads
 * while the caller only awaits, so a browser's main thread stays responsive (small convolutions
 * are computed in place; without workers, large ones in slices that yield: README, "Async").
 *
 * @example
 * ```ts
 * import { conv3dAsync, tensor } from 'convkit';
 * const x = tensor(new Float32Array(27).fill(1), [1, 1, 3, 3, 3]);
 * const y = await conv3dAsync(x, tensor(new Float32Array(8).fill(1), [1, 1, 2, 2, 2]));
 * Array.from(y.data); //=> [8, 8, 8, 8, 8, 8, 8, 8]
 * ```
 */
export const conv3dAsync = async (x: InputTensor, w: Tensor, options?: ConvOptions): Promise<Tensor> => computeAsync(...resolve(false, 3, x, w, options));
/**
 * The asynchronous `convTranspose`: any spatial rank, taken from the weight: the same result, computed on the engine's worker threads
 * while the caller only awaits, so a browser's main thread stays responsive (small convolutions
 * are computed in place; without workers, large ones in slices that yield: README, "Async").
 *
 * @example
 * ```ts
 * import { convTransposeAsync, tensor } from 'convkit';
 * const y = await convTransposeAsync(tensor([1, 2, 3], [1, 1, 3]), tensor([1, 1, 1], [1, 1, 3]), { stride: 2 });
 * Array.from(y.data); //=> [1, 1, 3, 2, 5, 3, 3]
 * ```
 */
export const convTransposeAsync = async (x: InputTensor, w: Tensor, options?: ConvTransposeOptions): Promise<Tensor> => computeAsync(...resolve(true, undefined, x, w, options));
/**
 * The asynchronous `convTranspose1d`: the same result, computed on the engine's worker threads
 * while the caller only awaits, so a browser's main thread stays responsive (small convolutions
 * are computed in place; without workers, large ones in slices that yield: README, "Async").
 *
 * @example
 * ```ts
 * import { convTranspose1dAsync, tensor } from 'convkit';
 * const y = await convTranspose1dAsync(tensor([1, 2, 3], [1, 1, 3]), tensor([1, 1, 1], [1, 1, 3]), { stride: 2, padding: 1 });
 * Array.from(y.data); //=> [1, 3, 2, 5, 3]
 * ```
 */
export const convTranspose1dAsync = async (x: InputTensor, w: Tensor, options?: ConvTransposeOptions): Promise<Tensor> => computeAsync(...resolve(true, 1, x, w, options));
/**
 * The asynchronous `convTranspose2d`: the same result, computed on the engine's worker threads
 * while the caller only awaits, so a browser's main thread stays responsive (small convolutions
 * are computed in place; without workers, large ones in slices that yield: README, "Async").
 *
 * @example
 * ```ts
 * import { convTranspose2dAsync, tensor } from 'convkit';
 * const y = await convTranspose2dAsync(tensor([1, 2, 3, 4], [1, 1, 2, 2]), tensor([1, 1, 1, 1], [1, 1, 2, 2]), { stride: 2 });
 * y.shape; //=> [1, 1, 4, 4]
 * ```
 */
export const convTranspose2dAsync = async (x: InputTensor, w: Tensor, options?: ConvTransposeOptions): Promise<Tensor> => computeAsync(...resolve(true, 2, x, w, options));
/**
 * The asynchronous `convTranspose3d`: the same result, computed on the engine's worker threads
 * while the caller only awaits, so a browser's main thread stays responsive (small convolutions
 * are computed in place; without workers, large ones in slices that yield: README, "Async").
 *
 * @example
 * ```ts
 * import { convTranspose3dAsync, tensor } from 'convkit';
 * const y = await convTranspose3dAsync(tensor([1, 2], [1, 1, 1, 1, 2]), tensor(new Float32Array(8).fill(1), [1, 1, 2, 2, 2]), { stride: 2 });
 * y.shape; //=> [1, 1, 2, 2, 4]
 * ```
 */
export const convTranspose3dAsync = async (x: InputTensor, w: Tensor, options?: ConvTransposeOptions): Promise<Tensor> => computeAsync(...resolve(true, 3, x, w, options));

/**
 * Output shape of a convolution, without computing it (and with the same refusals as `conv`).
 *
 * @example
 * ```ts
 * import { convOutputShape } from 'convkit';
 * convOutputShape([1, 3, 32, 32], [16, 3, 3, 3], { stride: 2, padding: 1 }); //=> [1, 16, 16, 16]
 * convOutputShape([1, 3, 32, 32], [16, 3, 3, 3], { padding: 'same' });       //=> [1, 16, 32, 32]
 * ```
 */
export function convOutputShape(inputShape: readonly number[], weightShape: readonly number[], options?: ConvShapeOptions): number[] {
  return convGeometry({ inputShape, weightShape }, callOptions(options, CONV_SHAPE_OPTIONS, 'convOutputShape') as ConvShapeOptions).outputShape;
}

/**
 * Output shape of a transposed convolution, without computing it (weight `[IC, OC/groups, k…]`).
 *
 * @example
 * ```ts
 * import { convTransposeOutputShape } from 'convkit';
 * convTransposeOutputShape([1, 16, 16, 16], [16, 8, 3, 3], { stride: 2, padding: 1, outputPadding: 1 }); //=> [1, 8, 32, 32]
 * ```
 */
export function convTransposeOutputShape(inputShape: readonly number[], weightShape: readonly number[], options?: ConvTransposeShapeOptions): number[] {
  return convTransposeGeometry({ inputShape, weightShape }, callOptions(options, CONV_TRANSPOSE_SHAPE_OPTIONS, 'convTransposeOutputShape') as ConvTransposeShapeOptions).outputShape;
}
