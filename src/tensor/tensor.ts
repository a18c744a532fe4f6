/** Tensor: a Float32Array in row-major order plus its shape. Nothing more, on purpose. */
import { ConvError, counted, show } from '../geometry/errors.js';
import { assertAllocatable, product, shapeOf } from '../geometry/validate.js';

/**
 * What every compute function takes and returns: `data` holds the values in row-major order
 * (the last axis varies fastest, as PyTorch's contiguous tensors), `shape` their extents.
 *
 * @example
 * ```ts
 * const t = { shape: [1, 1, 2, 2], data: new Float32Array([1, 2, 3, 4]) }; // a valid Tensor
 * ```
 */
export interface Tensor {
  readonly shape: number[];
  readonly data: Float32Array;
}

/**
 * Wraps (copies) `data` as a tensor of `shape`; the length must match (else a `ConvError` with code
 * `DATA_LENGTH`).
 *
 * @example
 * ```ts
 * import { tensor } from 'convkit';
 * const x = tensor([1, 2, 3, 4, 5, 6], [1, 2, 3]); // 2 channels of 3 values
 * x.shape;    //=> [1, 2, 3]
 * x.data[4];  //=> 5
 * ```
 */
export function tensor(data: ArrayLike<number>, shape: readonly number[]): Tensor {
  const s = shapeOf(shape, 'shape');
  assertAllocatable(s, 'tensor');
  if (data === null || typeof data !== 'object' || typeof (data as ArrayLike<number>).length !== 'number') {
    throw new ConvError('DATA_LENGTH', `tensor data must be an array of numbers, but got ${show(data)}`, { hint: 'pass an array or Float32Array' });
  }
  const n = product(s);
  if (data.length !== n) {
    throw new ConvError('DATA_LENGTH', `tensor data has ${counted(data.length, 'value')} but shape [${s.join(', ')}] needs ${n}`, {
      values: { length: data.length, shape: s },
      hint: `give ${counted(n, 'value')}, or a shape whose product is ${data.length}`,
    });
  }
  checkNumbers(data, 'tensor data');
  return { shape: s, data: Float32Array.from(data) };
}

/**
 * Refuses data that is not numbers. Float32Array.from turns 'a' into NaN, '1' into 1 and null
 * into 0 without a word, so a misread CSV became a tensor of NaN while shapes were checked to the
 * letter (review R43a). NaN and ±Infinity given as numbers pass: PyTorch keeps them.
 */
function checkNumbers(data: ArrayLike<unknown>, name: string): void {
  if (ArrayBuffer.isView(data)) {
    if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
      throw new ConvError('INVALID_NUMBER', `${name} is a ${data.constructor.name}, whose BigInt values are not numbers`, { hint: 'pass a Float32Array or an array of numbers' });
    }
    return;
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v !== 'number') {
      throw new ConvError('INVALID_NUMBER', `${name}[${i}] is ${show(v)}, not a number`, {
        values: { index: i },
        hint: typeof v === 'string' ? 'give numbers, not strings (convert them with Number() first)' : 'give numbers (NaN and ±Infinity are taken as given)',
      });
    }
  }
}

/**
 * A tensor of `shape` filled with zeros.
 *
 * @example
 * ```ts
 * import { zeros } from 'convkit';
 * zeros([2, 3]); //=> { shape: [2, 3], data: [0, 0, 0, 0, 0, 0] }
 * ```
 */
export function zeros(shape: readonly number[]): Tensor {
  const s = shapeOf(shape, 'shape');
  assertAllocatable(s, 'tensor');
  return { shape: s, data: new Float32Array(product(s)) };
}

/** Checks that a caller's object is a tensor (shape + Float32Array of matching length). */
export function asTensor(t: unknown, what: string): Tensor {
  if (t !== null && typeof t === 'object' && !('data' in t) && typeof (t as { read?: unknown }).read === 'function' && 'released' in t) {
    throw new ConvError('INVALID_OPTION', `${what} is an engine tensor, which the compute functions read in place only as an input (a pooling's, a convolution's, and a backward pass's input or gradOutput)`, { hint: `pass its values as a plain tensor: ${what}.read()` });
  }
  if (t === null || typeof t !== 'object' || !('shape' in t) || !('data' in t)) {
    throw new ConvError('INVALID_OPTION', `${what} must be a tensor ({ shape, data }), but got ${show(t)}`, { hint: `create it with tensor(data, shape)` });
  }
  const { shape, data } = t as { shape: unknown; data: unknown };
  const s = shapeOf(shape, `${what} shape`);
  if (!(data instanceof Float32Array)) {
    if (Array.isArray(data) || ArrayBuffer.isView(data)) {
      checkNumbers(data as ArrayLike<unknown>, `${what}.data`);
      return tensor(data as ArrayLike<number>, s);
    }
    throw new ConvError('INVALID_OPTION', `${what}.data must be a Float32Array`, { hint: 'create it with tensor(data, shape)' });
  }
  if (data.length !== product(s)) {
    throw new ConvError('DATA_LENGTH', `${what} has ${counted(data.length, 'value')} but its shape [${s.join(', ')}] needs ${product(s)}`, { values: { length: data.length, shape: s } });
  }
  return { shape: s, data };
}
