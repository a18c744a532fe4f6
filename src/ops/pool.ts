/**
 * avgPool1d/2d/3d and maxPool1d/2d/3d, as PyTorch's functional pooling, on the fast engine where
 * it is loaded (engine/pooling-dispatch.ts); `engine: 'reference'` keeps the plain loops.
 */
import { AVG_POOL_OPTIONS, MAX_POOL_OPTIONS } from './option-names.js';
import { callOptions } from '../geometry/options.js';
import { poolGeometry, type PoolMode, type PoolOptions } from '../geometry/pool.js';
import { assertAllocatable } from '../geometry/validate.js';
import { engineOf, type EngineName } from '../engine/dispatch.js';
import { runPool, runPoolAsync } from '../engine/pooling-dispatch.js';
import type { Tensor } from '../tensor/tensor.js';
import { inputOf, type InputTensor } from './engine-tensor.js';
import { outBufferOf } from './out-buffer.js';

/**
 * PyTorch's pooling options plus the engine, 'auto' (default, the fast engine where loaded) or
 * 'reference', and `out`: a Float32Array of the output's size to write the result into (as the
 * convolutions take it), instead of a fresh array per call.
 */
type PoolCallOptions = PoolOptions & { engine?: EngineName; out?: Float32Array | null };
/** Each pooling's own keywords (PyTorch's): the divisor's options are average pooling's, dilation max pooling's. */
type MaxPoolCallOptions = Omit<PoolCallOptions, 'countIncludePad' | 'divisorOverride'>;
type AvgPoolCallOptions = Omit<PoolCallOptions, 'dilation'>;

function resolve(mode: PoolMode, rank: number, input: InputTensor, options: PoolCallOptions) {
  callOptions(options, mode === 'max' ? MAX_POOL_OPTIONS : AVG_POOL_OPTIONS, `${mode}Pool${rank}d`);
  const x = inputOf(input, `${mode}Pool${rank}d`);
  const g = poolGeometry(mode, x.shape, options, rank);
  const engine = engineOf(options.engine);
  assertAllocatable(g.outputShape, 'output');
  return { g, x, engine, out: outBufferOf(options.out, g.outputShape, x.data instanceof Float32Array ? x.data : []) };
}

function pool(mode: PoolMode, rank: number, input: InputTensor, options: PoolCallOptions): Tensor {
  const { g, x, engine, out } = resolve(mode, rank, input, options);
  return { shape: [...g.outputShape], data: runPool(g, x.data, engine, out) };
}

async function poolAsync(mode: PoolMode, rank: number, input: InputTensor, options: PoolCallOptions): Promise<Tensor> {
  const { g, x, engine, out } = resolve(mode, rank, input, options);
  return { shape: [...g.outputShape], data: await runPoolAsync(g, x.data, engine, out) };
}

/**
 * 1-D average pooling (as PyTorch's `avg_pool1d`): input `[N, C, L]` or `[C, L]`. The stride
 * defaults to the kernel; padding counts in the divisor unless `countIncludePad: false`.
 *
 * @example
 * ```ts
 * import { avgPool1d, tensor } from 'convkit';
 * const x = tensor([1, 3, 2, 5, 4], [1, 1, 5]);
 * Array.from(avgPool1d(x, { kernelSize: 3, padding: 1, countIncludePad: false }).data); //=> [2, 3.6666667]
 * ```
 */
export const avgPool1d = (x: InputTensor, options: AvgPoolCallOptions): Tensor => pool('avg', 1, x, options);
/**
 * 2-D average pooling (as PyTorch's `avg_pool2d`): input `[N, C, H, W]` or `[C, H, W]`; options
 * `kernelSize`, `stride` (default: the kernel), `padding`, `ceilMode`, `countIncludePad`, `divisorOverride`,
 * and `engine` ('auto' or 'reference', as every pooling function takes).
 *
 * @example
 * ```ts
 * import { avgPool2d, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 1, 4, 4]);
 * Array.from(avgPool2d(x, { kernelSize: 2 }).data); //=> [3.5, 5.5, 11.5, 13.5]
 * ```
 */
export const avgPool2d = (x: InputTensor, options: AvgPoolCallOptions): Tensor => pool('avg', 2, x, options);
/**
 * 3-D average pooling (as PyTorch's `avg_pool3d`): input `[N, C, D, H, W]` or `[C, D, H, W]`.
 *
 * @example
 * ```ts
 * import { avgPool3d, tensor } from 'convkit';
 * const x = tensor([0, 1, 2, 3, 4, 5, 6, 7], [1, 1, 2, 2, 2]);
 * Array.from(avgPool3d(x, { kernelSize: 2 }).data); //=> [3.5]
 * ```
 */
export const avgPool3d = (x: InputTensor, options: AvgPoolCallOptions): Tensor => pool('avg', 3, x, options);
/**
 * 1-D max pooling (as PyTorch's `max_pool1d`): input `[N, C, L]` or `[C, L]`; options `kernelSize`,
 * `stride` (default: the kernel), `padding` (at most half the kernel), `dilation`, `ceilMode`.
 *
 * @example
 * ```ts
 * import { maxPool1d, tensor } from 'convkit';
 * Array.from(maxPool1d(tensor([1, 3, 2, 5, 4], [1, 1, 5]), { kernelSize: 2, stride: 1 }).data); //=> [3, 3, 5, 5]
 * ```
 */
export const maxPool1d = (x: InputTensor, options: MaxPoolCallOptions): Tensor => pool('max', 1, x, options);
/**
 * 2-D max pooling (as PyTorch's `max_pool2d`): input `[N, C, H, W]` or `[C, H, W]`.
 *
 * @example
 * ```ts
 * import { maxPool2d, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 1, 4, 4]);
 * Array.from(maxPool2d(x, { kernelSize: 2 }).data);                      //=> [6, 8, 14, 16]
 * maxPool2d(x, { kernelSize: 3, stride: 2, ceilMode: true }).shape;       //=> [1, 1, 2, 2]
 * ```
 */
export const maxPool2d = (x: InputTensor, options: MaxPoolCallOptions): Tensor => pool('max', 2, x, options);
/**
 * 3-D max pooling (as PyTorch's `max_pool3d`): input `[N, C, D, H, W]` or `[C, D, H, W]`.
 *
 * @example
 * ```ts
 * import { maxPool3d, tensor } from 'convkit';
 * Array.from(maxPool3d(tensor([0, 1, 2, 3, 4, 5, 6, 7], [1, 1, 2, 2, 2]), { kernelSize: 2 }).data); //=> [7]
 * ```
 */
export const maxPool3d = (x: InputTensor, options: MaxPoolCallOptions): Tensor => pool('max', 3, x, options);

// Asynchronous variants: same results; large poolings run on the engine's worker threads.
/**
 * The asynchronous `avgPool1d`: the same result, computed on the engine's worker threads while the
 * caller only awaits, so a browser's main thread stays responsive (small poolings are computed in place).
 *
 * @example
 * ```ts
 * import { avgPool1dAsync, tensor } from 'convkit';
 * const y = await avgPool1dAsync(tensor([1, 3, 2, 5], [1, 1, 4]), { kernelSize: 2 });
 * Array.from(y.data); //=> [2, 3.5]
 * ```
 */
export const avgPool1dAsync = async (x: InputTensor, options: AvgPoolCallOptions): Promise<Tensor> => poolAsync('avg', 1, x, options);
/**
 * The asynchronous `avgPool2d`: see {@link avgPool1dAsync}.
 *
 * @example
 * ```ts
 * import { avgPool2dAsync, tensor } from 'convkit';
 * // A 64-channel 112x112 map: large enough to run on the worker threads.
 * const x = tensor(new Float32Array(64 * 112 * 112).fill(2), [1, 64, 112, 112]);
 * const y = await avgPool2dAsync(x, { kernelSize: 2 });
 * y.shape;    //=> [1, 64, 56, 56]
 * y.data[0];  //=> 2
 * ```
 */
export const avgPool2dAsync = async (x: InputTensor, options: AvgPoolCallOptions): Promise<Tensor> => poolAsync('avg', 2, x, options);
/**
 * The asynchronous `avgPool3d`: see {@link avgPool1dAsync}.
 *
 * @example
 * ```ts
 * import { avgPool3dAsync, tensor } from 'convkit';
 * const y = await avgPool3dAsync(tensor([0, 1, 2, 3, 4, 5, 6, 7], [1, 1, 2, 2, 2]), { kernelSize: 2 });
 * Array.from(y.data); //=> [3.5]
 * ```
 */
export const avgPool3dAsync = async (x: InputTensor, options: AvgPoolCallOptions): Promise<Tensor> => poolAsync('avg', 3, x, options);
/**
 * The asynchronous `maxPool1d`: see {@link avgPool1dAsync}.
 *
 * @example
 * ```ts
 * import { maxPool1dAsync, tensor } from 'convkit';
 * const y = await maxPool1dAsync(tensor([1, 3, 2, 5, 4], [1, 1, 5]), { kernelSize: 2, stride: 1 });
 * Array.from(y.data); //=> [3, 3, 5, 5]
 * ```
 */
export const maxPool1dAsync = async (x: InputTensor, options: MaxPoolCallOptions): Promise<Tensor> => poolAsync('max', 1, x, options);
/**
 * The asynchronous `maxPool2d`: see {@link avgPool1dAsync}.
 *
 * @example
 * ```ts
 * import { maxPool2dAsync, tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 1, 4, 4]);
 * Array.from((await maxPool2dAsync(x, { kernelSize: 2 })).data); //=> [6, 8, 14, 16]
 * ```
 */
export const maxPool2dAsync = async (x: InputTensor, options: MaxPoolCallOptions): Promise<Tensor> => poolAsync('max', 2, x, options);
/**
 * The asynchronous `maxPool3d`: see {@link avgPool1dAsync}.
 *
 * @example
 * ```ts
 * import { maxPool3dAsync, tensor } from 'convkit';
 * const y = await maxPool3dAsync(tensor([0, 1, 2, 3, 4, 5, 6, 7], [1, 1, 2, 2, 2]), { kernelSize: 2 });
 * Array.from(y.data); //=> [7]
 * ```
 */
export const maxPool3dAsync = async (x: InputTensor, options: MaxPoolCallOptions): Promise<Tensor> => poolAsync('max', 3, x, options);
