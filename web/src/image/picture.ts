/**
 * A picture as the image mode holds it: planes of floats in [0, 1], channel-major (C × H × W),
 * the layout the library's tensors use, so a picture is handed to a convolution without copying.
 */
import type { Tensor } from '../../../src/tensor/tensor.js';

export interface Picture {
  width: number;
  height: number;
  /** 3 = RGB, 1 = grey. */
  channels: 1 | 3;
  /** C × H × W, row-major, values in [0, 1]. */
  data: Float32Array;
}

/** Luma weights (ITU-R BT.601), the usual grey of a colour picture. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** The grey version of a picture (a grey one is returned as it is). */
export function toGrey(p: Picture): Picture {
  if (p.channels === 1) return p;
  const n = p.width * p.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = LUMA[0] * p.data[i] + LUMA[1] * p.data[n + i] + LUMA[2] * p.data[2 * n + i];
  return { width: p.width, height: p.height, channels: 1, data: out };
}

/**
 * The picture as a batched tensor [1, C, H, W] sharing its data. Not through `tensor()`, which
 * copies: for a 512 × 512 RGB picture that copy cost more than the convolution (profiled in
 * Chromium: most of the page's time per change went to Float32Array.from).
 */
export function pictureTensor(p: Picture): Tensor {
  return { shape: [1, p.channels, p.height, p.width], data: p.data };
}

/** RGBA bytes (a canvas's ImageData) → a picture with values in [0, 1]. */
export function fromRgba(rgba: Uint8ClampedArray, width: number, height: number): Picture {
  const n = width * height;
  const data = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    data[i] = rgba[4 * i] / 255;
    data[n + i] = rgba[4 * i + 1] / 255;
    data[2 * n + i] = rgba[4 * i + 2] / 255;
  }
  return { width, height, channels: 3, data };
}
