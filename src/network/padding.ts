/**
 * Resolving ONNX-style automatic padding against a layer's actual input size (semantics.md §5.2,
 * §5.3). The results are plain [before, after] pairs handed to the geometry, which derives every
 * size; nothing here computes an output size.
 */
import { ConvError } from '../geometry/errors.js';
import type { AutoPad, PaddingDef } from './types.js';

const dilated = (k: number, d: number): number => d * (k - 1) + 1;

/**
 * Conv and pooling: VALID → 0; SAME_* → total = max(0, (⌈I/s⌉−1)·s + Ke − I), the odd cell at the
 * end for SAME_UPPER and at the beginning for SAME_LOWER.
 */
export function directPads(padding: PaddingDef, input: number[], kernel: number[], stride: number[], dilation: number[], layer: string): [number, number][] {
  if ('pairs' in padding) {
    if (padding.pairs.length !== input.length) {
      throw new ConvError('MODEL_GRAPH', `layer "${layer}": padding has ${padding.pairs.length} axes but the input has ${input.length} spatial axes`, {
        hint: `give ${input.length} [before, after] pairs`,
      });
    }
    return padding.pairs.map(([b, a]) => [b, a]);
  }
  return input.map((i, ax) => {
    if (padding.auto === 'VALID') return [0, 0];
    const s = stride[ax];
    const total = Math.max(0, (Math.ceil(i / s) - 1) * s + dilated(kernel[ax], dilation[ax]) - i);
    const small = Math.floor(total / 2);
    return padding.auto === 'SAME_UPPER' ? [small, total - small] : [total - small, small];
  });
}

/**
 * ConvTranspose: explicit crops, or (ONNX) a wanted output size — `output_shape`, or I·s for
 * SAME_* — from which total = s(I−1) + op + Ke − O is split: SAME_UPPER puts the odd cell at the
 * end, every other case (SAME_LOWER, NOTSET with output_shape) at the beginning, as the spec and
 * ORT ≥ 1.13 do.
 */
export function transposedPads(
  padding: PaddingDef,
  outputShape: number[] | undefined,
  input: number[],
  kernel: number[],
  stride: number[],
  dilation: number[],
  outputPadding: number[],
  layer: string,
): [number, number][] {
  let auto: AutoPad | 'NOTSET' = 'pairs' in padding ? 'NOTSET' : padding.auto;
  if (outputShape === undefined) {
    if ('pairs' in padding) return directPads(padding, input, kernel, stride, dilation, layer);
    if (auto === 'VALID') return input.map(() => [0, 0]);
  }
  if (auto === 'VALID') auto = 'NOTSET';
  const target = outputShape ?? input.map((i, ax) => i * stride[ax]);
  if (target.length !== input.length) {
    throw new ConvError('MODEL_GRAPH', `layer "${layer}": output_shape has ${target.length} values but the input has ${input.length} spatial axes`, {
      hint: `give ${input.length} spatial sizes`,
    });
  }
  return input.map((i, ax) => {
    const full = stride[ax] * (i - 1) + outputPadding[ax] + dilated(kernel[ax], dilation[ax]);
    const total = full - target[ax];
    if (total < 0) {
      throw new ConvError('MODEL_GRAPH', `layer "${layer}": wanted output size ${target[ax]} on spatial axis ${ax} is larger than the full transposed output ${full}`, {
        hint: `use an output size ≤ ${full}`,
      });
    }
    const small = Math.floor(total / 2);
    return auto === 'SAME_UPPER' ? [small, total - small] : [total - small, small];
  });
}
