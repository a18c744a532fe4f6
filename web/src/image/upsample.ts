/**
 * Upsampling a picture by 2, four ways (after Odena, Dumoulin & Olah, "Deconvolution and
 * Checkerboard Artifacts", Distill 2016): a transposed convolution with kernel 4 and with kernel 3
 * (stride 2), each with equal weights, beside nearest and bilinear resizing followed by a 3 × 3
 * convolution. With kernel 3 and stride 2 neighbouring output pixels receive 1, 2 or 4 overlapping
 * kernel stamps, so even a flat kernel paints a checkerboard; kernel 4 overlaps evenly. Every
 * convolution is the library's, on the fast engine.
 */
import { conv2dAsync, convTranspose2d, convTranspose2dAsync } from '../../../src/ops/conv.js';
import { tensor } from '../../../src/tensor/tensor.js';
import type { Tensor } from '../../../src/tensor/tensor.js';
import { pictureTensor } from './picture.js';
import type { Picture } from './picture.js';
import { resize2x } from './resize.js';

export type UpsampleWay = 'transposed4' | 'transposed3' | 'nearest' | 'bilinear';
export const UPSAMPLE_WAYS: readonly UpsampleWay[] = ['transposed4', 'transposed3', 'nearest', 'bilinear'];

/** The transposed layers: PyTorch options giving exactly 2·H × 2·W. */
export const TRANSPOSED = {
  transposed4: { kernel: 4, options: { stride: 2, padding: 1 } },
  transposed3: { kernel: 3, options: { stride: 2, padding: 1, outputPadding: 1 } },
} as const;

/**
 * Equal weights scaled so that an output pixel gets, on average, the brightness of the input:
 * k² taps are spread over s² = 4 output pixels per input pixel.
 */
function flat(c: number, k: number, value: number): Tensor {
  return tensor(new Float32Array(c * k * k).fill(value), [c, 1, k, k]);
}

export async function upsample(p: Picture, way: UpsampleWay): Promise<Tensor> {
  const x = pictureTensor(p);
  const c = p.channels;
  if (way === 'transposed4' || way === 'transposed3') {
    const { kernel, options } = TRANSPOSED[way];
    return convTranspose2dAsync(x, flat(c, kernel, 4 / (kernel * kernel)), { ...options, groups: c });
  }
  const big = resize2x(p, way);
  return conv2dAsync(pictureTensor(big), flat(c, 3, 1 / 9), { padding: 1, paddingMode: 'replicate', groups: c });
}

/**
 * How many kernel stamps land on each output pixel of a transposed layer (one period, 2 × 2 away
 * from the border): the library's transposed convolution of ones by ones.
 */
export function overlapCounts(way: 'transposed4' | 'transposed3'): number[] {
  const { kernel, options } = TRANSPOSED[way];
  const y = convTranspose2d(tensor(new Float32Array(16).fill(1), [1, 1, 4, 4]), tensor(new Float32Array(kernel * kernel).fill(1), [1, 1, kernel, kernel]), options);
  const w = y.shape[3];
  return [y.data[2 * w + 2], y.data[2 * w + 3], y.data[3 * w + 2], y.data[3 * w + 3]];
}
