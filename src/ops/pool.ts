/** avgPool1d/2d/3d and maxPool1d/2d/3d, as PyTorch's functional pooling. */
import { poolGeometry, type PoolMode, type PoolOptions } from '../geometry/pool.js';
import { assertAllocatable } from '../geometry/validate.js';
import { referencePool } from '../engine/reference/pool.js';
import { asTensor, type Tensor } from '../tensor/tensor.js';

function pool(mode: PoolMode, rank: number, input: Tensor, options: PoolOptions): Tensor {
  const x = asTensor(input, 'input');
  const g = poolGeometry(mode, x.shape, options, rank);
  assertAllocatable(g.outputShape, 'output');
  return { shape: [...g.outputShape], data: referencePool(g, x.data) };
}

export const avgPool1d = (x: Tensor, options: PoolOptions): Tensor => pool('avg', 1, x, options);
export const avgPool2d = (x: Tensor, options: PoolOptions): Tensor => pool('avg', 2, x, options);
export const avgPool3d = (x: Tensor, options: PoolOptions): Tensor => pool('avg', 3, x, options);
export const maxPool1d = (x: Tensor, options: PoolOptions): Tensor => pool('max', 1, x, options);
export const maxPool2d = (x: Tensor, options: PoolOptions): Tensor => pool('max', 2, x, options);
export const maxPool3d = (x: Tensor, options: PoolOptions): Tensor => pool('max', 3, x, options);
