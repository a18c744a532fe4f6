/**
 * Refusals name what the caller wrote and the likely cause: one tap is "1 tap"; a negative size
 * given to explain is named as written (input[0]), not as an entry of the tensor shape built from
 * it; a result too large because of its padding says padding can be the cause.
 */
import { describe, expect, it } from 'vitest';
import { conv, conv2d, explain, tensor } from '../../src/index.js';
import { convGeometry } from '../../src/geometry/torch.js';
import { fromOnnxPool } from '../../src/geometry/onnx-pool.js';
import { poolGeometry } from '../../src/geometry/pool.js';
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
    // One tap is the least kernel: its value alone, not 'at most 1 tap'.
    expect(one.hint).toMatch(/ or a kernel of 1 tap$/);
    const two = refusal(() => conv2d(tensor(new Float32Array(4), [1, 1, 2, 2]), tensor(new Float32Array(9), [1, 1, 3, 3])));
    expect(two.hint).toMatch(/a kernel of at most 2 taps$/);
  });

  it('a bound that is also the least value names that value, not "at most" it', () => {
    // ONNX Runtime wants pads smaller than the kernel: with a kernel of 1 that is 0.
    const pads = refusal(() => fromOnnxPool({ op: 'MaxPool', xShape: [1, 1, 5, 5], kernel_shape: [1, 1], pads: [1, 0, 0, 0] }));
    expect([pads.code, pads.hint]).toEqual(['PADDING_TOO_LARGE', 'use pads of 0 on this axis']);
    const twoPads = refusal(() => fromOnnxPool({ op: 'MaxPool', xShape: [1, 1, 5, 5], kernel_shape: [3, 3], pads: [3, 0, 0, 0] }));
    expect(twoPads.hint).toBe('use pads of at most 2 on this axis');
    // PyTorch's pooling padding is at most half the kernel: none for a kernel of 1.
    expect(refusal(() => poolGeometry('max', [1, 1, 5, 5], { kernelSize: 1, padding: 1 }, 2)).hint).toBe('use padding 0');
    expect(refusal(() => poolGeometry('max', [1, 1, 5, 5], { kernelSize: 3, padding: 2 }, 2)).hint).toBe('use padding ≤ 1');
    // 3-D average pooling needs the unpadded input to hold the kernel: an input of 1 holds 1.
    expect(refusal(() => poolGeometry('avg', [1, 1, 1, 4, 4], { kernelSize: 2 }, 3)).hint).toBe('use a kernel of 1 on this axis');
    expect(refusal(() => poolGeometry('avg', [1, 1, 3, 4, 4], { kernelSize: 4 }, 3)).hint).toBe('use a kernel of at most 3 on this axis');
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

  it('groups advice offers only what passes every channel rule at once (review 40)', () => {
    // explain / the CLI: groups must divide both counts; "a divisor of 4" alone (2) fails on 1 output channel.
    const both = refusal(() => explain({ input: 5, kernel: 3, inChannels: 4, outChannels: 1, groups: 3 }));
    expect(both.code).toBe('GROUPS');
    expect(both.hint).toBe('use groups 1 (the only value that divides both channel counts, 4 and 1), or channel counts that are multiples of 3, such as inChannels 6 and outChannels 3');
    expect(() => explain({ input: 5, kernel: 3, inChannels: 4, outChannels: 1, groups: 1 })).not.toThrow();
    expect(() => explain({ input: 5, kernel: 3, inChannels: 6, outChannels: 3, groups: 3 })).not.toThrow();
    // A weight [O, C/groups, k…] fixes C/groups: only the input's C over it can pass the channel
    // check after the groups' (a divisor of O alone, 3 here, met "expects 6 input channels").
    const odd = refusal(() => convGeometry({ inputShape: [1, 4, 5, 5], weightShape: [6, 2, 3, 3] }, { groups: 4 }));
    expect(odd.code).toBe('GROUPS');
    expect(odd.hint).toBe("use groups=2: the input's 4 channels over the weight's 2 per group (it divides the 6 output channels)");
    expect(() => convGeometry({ inputShape: [1, 4, 5, 5], weightShape: [6, 2, 3, 3] }, { groups: 2 })).not.toThrow();
    const none = refusal(() => convGeometry({ inputShape: [1, 8, 5, 5], weightShape: [6, 2, 3, 3] }, { groups: 4 }));
    expect(none.hint).toMatch(/^no groups fit this weight and input: groups must divide the weight's 6 output channels and be the input's 8 channels over the weight's 2 per group/);
  });
});
