/**
 * tensor() and the compute functions take numbers only: Float32Array.from once turned 'a' into
 * NaN, '1' into 1 and null into 0 without a word, while shapes were checked to the letter
 * (review R43a).
 */
import { describe, expect, it } from 'vitest';
import { conv2d, tensor } from '../../src/index.js';
import { refusal } from '../support/refusal.js';


describe('tensor data', () => {
  it('refuses values that are not numbers, naming the first and what to give', () => {
    const s = refusal(() => tensor(['a', 'b', 'c', 'd'] as unknown as number[], [2, 2]));
    expect(s.code).toBe('INVALID_NUMBER');
    expect(s.message).toMatch(/^tensor data\[0\] is "a", not a number;/);
    expect(s.hint).toMatch(/Number\(\)/);
    const n = refusal(() => tensor([1, 2, null, undefined] as unknown as number[], [4]));
    expect(n.message).toMatch(/^tensor data\[2\] is null, not a number;/);
    const b = refusal(() => tensor(new BigInt64Array(4) as unknown as number[], [4]));
    expect(b.message).toMatch(/BigInt64Array/);
  });

  it('a tensor-like object with an array of strings is refused by the compute function too', () => {
    const w = tensor([1, 0, 0, 1], [1, 1, 2, 2]);
    const r = refusal(() => conv2d({ shape: [1, 1, 2, 2], data: ['1', '2', 'x', 4] } as never, w));
    expect(r.message).toMatch(/^input\.data\[0\] is "1", not a number; give numbers, not strings/);
  });

  it('keeps numbers as given, NaN and infinities included, from arrays and typed arrays', () => {
    expect(Array.from(tensor([1.5, NaN, Infinity, -Infinity], [4]).data)).toEqual([1.5, NaN, Infinity, -Infinity]);
    expect(Array.from(tensor(new Int16Array([1, -2]), [2]).data)).toEqual([1, -2]);
    expect(Array.from(tensor(new Float64Array([0.25, 3]), [2]).data)).toEqual([0.25, 3]);
  });
});
