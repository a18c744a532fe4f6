/**
 * Resolving ONNX-style automatic padding of pooling layers and layer-list convs against the actual
 * input size (docs/semantics.md, "Conv" under ONNX; ONNX convs go through the geometry's own ONNX dialect, fromOnnx). The results are plain [before, after] pairs handed to the geometry, which derives every
 * size; nothing here computes an output size.
 */
import { ConvError } from '../geometry/errors.js';
import { effectiveKernel, samePaddingTotal, splitPadding } from '../geometry/sizes.js';
import type { PaddingDef } from './types.js';


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
    const total = Math.max(0, samePaddingTotal(i, stride[ax], effectiveKernel(kernel[ax], dilation[ax])));
    return splitPadding(total, padding.auto === 'SAME_UPPER' ? 'after' : 'before');
  });
}
