/**
 * Refusals name what the caller wrote and the likely cause: one tap is "1 tap"; a negative size
 * given to explain is named as written (input[0]), not as an entry of the tensor shape built from
 * it; a result too large because of its padding says padding can be the cause.
 */
import { describe, expect, it } from 'vitest';
import { conv, conv2d, explain, tensor } from '../../src/index.js';
import type { ConvError } from '../../src/geometry/errors.js';

function refusal(f: () => unknown): ConvError {
  try {
    f();
  } catch (e) {
    return e as ConvError;
  }
  throw new Error('expected a refusal');
}

describe('refusal wording', () => {
  it('counts one tap in the singular and more in the plural', () => {
    const one = refusal(() => conv(tensor(new Float32Array(16), [1, 1, 4, 4]), tensor(new Float32Array(27), [1, 1, 3, 3, 3])));
    expect(one.code).toBe('KERNEL_TOO_LARGE');
    expect(one.hint).toMatch(/a kernel of at most 1 tap$/);
    const two = refusal(() => conv2d(tensor(new Float32Array(4), [1, 1, 2, 2]), tensor(new Float32Array(9), [1, 1, 3, 3])));
    expect(two.hint).toMatch(/a kernel of at most 2 taps$/);
  });

  it('explain names a negative size as the caller gave it', () => {
    const list = refusal(() => explain({ input: [-5, 5], kernel: 3 }));
    expect(list.code).toBe('INVALID_NUMBER');
    expect(list.message).toMatch(/^input\[0\] is -5; sizes cannot be negative/);
    const second = refusal(() => explain({ input: [5, 5], kernel: [3, -1] }));
    expect(second.message).toMatch(/^kernel\[1\] is -1/);
    const single = refusal(() => explain({ input: -4, kernel: 3 }));
    expect(single.message).toMatch(/^input is -4/);
  });

  it('a result too large names padding and (transposed) stride among the causes; a tensor does not', () => {
    const padded = refusal(() => conv2d(tensor(new Float32Array(1), [1, 1, 1, 1]), tensor(new Float32Array(1), [1, 1, 1, 1]), { padding: 20000 }));
    expect(padded.code).toBe('TOO_LARGE');
    expect(padded.hint).toMatch(/less padding/);
    const big = refusal(() => tensor(new Float32Array(0), [1 << 15, 1 << 15]));
    expect(big.code).toBe('TOO_LARGE');
    expect(big.hint).not.toMatch(/padding/);
  });
});
