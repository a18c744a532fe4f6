/**
 * Axis permutations between framework tensor layouts and convkit's (PyTorch's) layouts.
 *
 * The dialect adapters describe *where* each axis goes (a permutation); this file moves the numbers,
 * so a caller holding a TensorFlow filter or an NHWC activation can feed convkit's engines.
 */
import { ConvError, counted } from './errors.js';
import { product } from './validate.js';

/**
 * Shape after permuting: out[i] = shape[perm[i]].
 *
 * @example
 * ```ts
 * import { permuteShape } from 'convkit';
 * permuteShape([1, 5, 5, 3], [0, 3, 1, 2]); //=> [1, 3, 5, 5]
 * ```
 */
export function permuteShape(shape: readonly number[], perm: readonly number[]): number[] {
  return perm.map((p) => shape[p]);
}

/**
 * Row-major data of `shape` rearranged so that output axis i is input axis perm[i]
 * (numpy's `transpose(perm)`).
 *
 * @example
 * ```ts
 * import { permuteData } from 'convkit';
 * permuteData([1, 2, 3, 4, 5, 6], [2, 3], [1, 0]); //=> [1, 4, 2, 5, 3, 6]
 * ```
 */
export function permuteData(data: ArrayLike<number>, shape: readonly number[], perm: readonly number[]): Float32Array {
  const rank = shape.length;
  const sorted = [...perm].sort((a, b) => a - b);
  if (perm.length !== rank || sorted.some((p, i) => p !== i)) {
    throw new ConvError('INVALID_OPTION', `permutation [${perm.join(', ')}] does not fit a ${rank}-D shape`, { hint: `give each of 0…${rank - 1} once` });
  }
  const n = product(shape);
  if (data.length !== n) {
    throw new ConvError('DATA_LENGTH', `data has ${counted(data.length, 'value')} but shape [${shape.join(', ')}] needs ${n}`, { values: { length: data.length, shape: [...shape] } });
  }
  const outShape = permuteShape(shape, perm);
  const inStrides = new Array<number>(rank);
  let acc = 1;
  for (let i = rank - 1; i >= 0; i--) {
    inStrides[i] = acc;
    acc *= shape[i];
  }
  // Stride in the input of each output axis.
  const stepOf = perm.map((p) => inStrides[p]);
  const out = new Float32Array(n);
  const idx = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < n; o++) {
    out[o] = data[src];
    // Advance the output index odometer, keeping `src` in step.
    for (let ax = rank - 1; ax >= 0; ax--) {
      idx[ax]++;
      src += stepOf[ax];
      if (idx[ax] < outShape[ax]) break;
      src -= stepOf[ax] * idx[ax];
      idx[ax] = 0;
    }
  }
  return out;
}

/** [N, spatial…, C] → [N, C, spatial…] for `rank` spatial axes (batched) or [spatial…, C] → [C, spatial…]. */
export function channelsLastToFirst(rank: number, batched = true): number[] {
  const sp = Array.from({ length: rank }, (_, i) => i + (batched ? 1 : 0));
  return batched ? [0, rank + 1, ...sp] : [rank, ...sp];
}

/** [N, C, spatial…] → [N, spatial…, C] (the inverse of channelsLastToFirst). */
export function channelsFirstToLast(rank: number, batched = true): number[] {
  const sp = Array.from({ length: rank }, (_, i) => i + (batched ? 2 : 1));
  return batched ? [0, ...sp, 1] : [...sp, 0];
}

export function identityPermutation(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
