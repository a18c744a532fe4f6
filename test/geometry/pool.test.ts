/** Pooling geometry: PyTorch's defaults and limits (stride = kernel, pad ≤ ⌊k/2⌋, ceil mode's last window). */
import { describe, expect, it } from 'vitest';
import { poolGeometry, type PoolOptions } from '../../src/index.js';

const out = (mode: 'max' | 'avg', input: number[], o: PoolOptions, rank = input.length - 2) => poolGeometry(mode, input, o, rank).outputShape;
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'accepted';
};

describe('pooling geometry', () => {
  it('needs a kernel size (PyTorch has no default)', () => {
    expect(code(() => poolGeometry('max', [1, 1, 4, 4], {} as PoolOptions, 2))).toBe('INVALID_OPTION');
  });

  it('defaults the stride to the kernel, also for stride [] and null', () => {
    for (const stride of [undefined, null, []]) expect(out('max', [1, 1, 7, 8], { kernelSize: [2, 3], stride: stride as never })).toEqual([1, 1, 3, 2]);
  });

  it('bounds the padding by half the undilated kernel, for max pooling with dilation too', () => {
    // stride defaults to 3: ⌊(9 + 2 − 7)/3⌋ + 1 = 2
    expect(out('max', [1, 1, 9], { kernelSize: 3, padding: 1, dilation: 3 })).toEqual([1, 1, 2]);
    expect(code(() => out('max', [1, 1, 9], { kernelSize: 3, padding: 2, dilation: 3 }))).toBe('PADDING_TOO_LARGE');
    expect(code(() => out('avg', [1, 1, 9], { kernelSize: 2, padding: 2 }))).toBe('PADDING_TOO_LARGE');
  });

  it("ceil mode adds a last window only when it starts inside the input or its left padding", () => {
    // i=5, k=2, s=2: floor gives 2, ceil 3 (the window at 4 starts inside the input).
    expect(out('avg', [1, 1, 5], { kernelSize: 2, stride: 2, ceilMode: true })).toEqual([1, 1, 3]);
    // i=5, k=1, s=3, p=0: ceil would give 3 but the window at 6 starts past the input → 2.
    expect(out('avg', [1, 1, 5], { kernelSize: 1, stride: 3, ceilMode: true })).toEqual([1, 1, 2]);
    // i=5, k=3, s=2, p=1: ceil gives 3 (window at 4−1=3 starts inside).
    expect(out('max', [1, 1, 5], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true })).toEqual([1, 1, 3]);
  });

  it('accepts an empty batch but refuses empty channels or spatial axes', () => {
    expect(out('max', [0, 2, 4, 4], { kernelSize: 2 })).toEqual([0, 2, 2, 2]);
    expect(code(() => out('max', [1, 0, 4, 4], { kernelSize: 2 }))).toBe('EMPTY_INPUT');
    expect(code(() => out('avg', [1, 1, 0, 4], { kernelSize: 2 }))).toBe('EMPTY_INPUT');
  });

  it('3-D average pooling refuses an input smaller than the kernel even when padding would fit it', () => {
    expect(code(() => out('avg', [1, 1, 2, 4, 4], { kernelSize: 3, padding: 1 }))).toBe('KERNEL_TOO_LARGE');
    expect(out('max', [1, 1, 2, 4, 4], { kernelSize: 3, padding: 1 })).toEqual([1, 1, 1, 2, 2]);
  });
});
