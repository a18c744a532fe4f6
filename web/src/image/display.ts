/**
 * How a convolution's output planes become screen pixels. Values are mapped linearly,
 * byte = 255 · clamp(offset + scale · v): a kernel whose weights sum to zero (edges, curvature)
 * gives signed values, drawn with zero at mid-grey and the largest possible response at black or
 * white; any other kernel is drawn as it is, clipped to [0, 1] like a photograph.
 */
import type { Tensor } from '../../../src/tensor/tensor.js';
import { isZeroSum } from './kernels.js';

export interface DisplayMap {
  offset: number;
  scale: number;
  /** 'signed': mid-grey is zero. */
  kind: 'clip' | 'signed';
}

export function displayOf(kernel: ArrayLike<number>): DisplayMap {
  if (!isZeroSum(kernel)) return { offset: 0, scale: 1, kind: 'clip' };
  let abs = 0;
  for (let i = 0; i < kernel.length; i++) abs += Math.abs(kernel[i]);
  // On inputs in [0, 1] a zero-sum kernel's output lies in ±(Σ|w|)/2.
  return { offset: 0.5, scale: 1 / abs, kind: 'signed' };
}

/** One screen byte for value v (shared with the tests, which check the page's pixels against it). */
export function toByte(v: number, m: DisplayMap): number {
  const u = m.offset + m.scale * v;
  return Math.round(255 * (u < 0 ? 0 : u > 1 ? 1 : u));
}

/**
 * RGBA bytes of planes [1, C, H, W] (C = 1 grey, C = 3 RGB, otherwise the first channel in grey)
 * into `out` (length 4·H·W).
 */
export function planesToRgba(t: Tensor, m: DisplayMap, out: Uint8ClampedArray): void {
  // Uint8ClampedArray clamps and rounds on assignment.
  const [, c, hgt, wid] = t.shape;
  const n = hgt * wid;
  const d = t.data;
  const { offset, scale } = m;
  const k = 255 * scale;
  const o = 255 * offset;
  if (c === 3) {
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      out[j] = o + k * d[i];
      out[j + 1] = o + k * d[n + i];
      out[j + 2] = o + k * d[2 * n + i];
      out[j + 3] = 255;
    }
  } else {
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const v = o + k * d[i];
      out[j] = v;
      out[j + 1] = v;
      out[j + 2] = v;
      out[j + 3] = 255;
    }
  }
}
