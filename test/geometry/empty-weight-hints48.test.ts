/**
 * A weight with no channels at its first dimension is refused (as PyTorch refuses it: groups=1
 * needs at least 1 there), and the hint says to give it channels, not to use a groups value that
 * is already in use or is "≤ 0" (review R5, stop 48). A wrong `out` is told to be left out in words
 * that read as a sentence.
 */
import { describe, expect, it } from 'vitest';
import { conv2d, convTranspose2d, tensor } from '../../src/index.js';
import { refusal } from '../support/refusal.js';


describe('hints for a weight with no channels at dimension 0', () => {
  it('a direct weight [0, 2, 3, 3]: give it output channels', () => {
    const e = refusal(() => conv2d(tensor(new Float32Array(32), [1, 2, 4, 4]), tensor(new Float32Array(0), [0, 2, 3, 3])));
    expect(e.code).toBe('GROUPS');
    expect(e.hint).toBe('give the weight at least 1 output channel at dimension 0, such as [1, 2, 3, 3]');
  });
  it('with groups 2, the weight needs a multiple of 2', () => {
    const e = refusal(() => conv2d(tensor(new Float32Array(64), [1, 4, 4, 4]), tensor(new Float32Array(0), [0, 2, 3, 3]), { groups: 2 }));
    expect(e.hint).toBe('give the weight at least 2 output channels at dimension 0 (a multiple of groups=2), such as [2, 2, 3, 3]');
  });
  it('a transposed weight [0, 3, 3, 3]: give it input channels, not "groups ≤ 0"', () => {
    const e = refusal(() => convTranspose2d(tensor(new Float32Array(0), [1, 0, 4, 4]), tensor(new Float32Array(0), [0, 3, 3, 3])));
    expect(e.code).toBe('GROUPS');
    expect(e.hint).not.toMatch(/≤ 0/);
    expect(e.hint).toBe('give the transposed weight at least 1 input channel at dimension 0, and the input as many, such as [1, 3, 3, 3]');
  });
});

describe('the out option refused', () => {
  it('says to leave out out in a sentence that reads', () => {
    const e = refusal(() => conv2d(tensor(new Float32Array(16), [1, 1, 4, 4]), tensor(new Float32Array(9), [1, 1, 3, 3]), { out: new Float64Array(4) as unknown as Float32Array }));
    expect(e.hint).toBe('pass new Float32Array(4) for the output [1, 1, 2, 2], or leave the out option unset for a fresh array');
  });
});
