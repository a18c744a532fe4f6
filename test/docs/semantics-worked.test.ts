/**
 * The examples docs/semantics.md works by hand, "Padding argument" (a strided 'same') and "ONNX
 * pooling" (a window past the padded input): the doc still states them, and the library still
 * gives them. The numbers are the doc's, from the formulas it writes out, not read from convkit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convGeometry } from '../../src/geometry/torch.js';
import { fromTensorFlow } from '../../src/geometry/tensorflow.js';
import { fromOnnxPool } from '../../src/geometry/onnx-pool.js';
import { refusal } from '../support/refusal.js';

const doc = readFileSync(new URL('../../docs/semantics.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

/** The doc states `sentence` (whitespace folded); a failure names the sentence, not the whole doc. */
function states(sentence: string): void {
  expect({ sentence, stated: doc.includes(sentence) }).toEqual({ sentence, stated: true });
}


describe('docs/semantics.md: worked examples', () => {
  it("strided 'same', I = 5, K = 3, s = 2: PyTorch's refusal names TensorFlow's SAME pads [1, 1], 3 outputs; I = 6 gives [0, 1]", () => {
    states('"padding=\'same\' is not supported for strided convolutions"');
    states('By hand, `I = 5, K = 3, s = 2`: `O = ⌈5 / 2⌉ = 3`, total `max((3 − 1)·2 + 3 − 5, 0) = 2`, split 1 / 1');
    states('At `I = 6` the total is `max(2·2 + 3 − 6, 0) = 1`, split 0 / 1');
    for (const [I, pads] of [[5, [1, 1]], [6, [0, 1]]] as const) {
      const e = refusal(() => convGeometry({ inputShape: [1, 1, I], weightShape: [1, 1, 3] }, { stride: 2, padding: 'same' }));
      expect([e.code, e.values?.tensorflowSame]).toEqual(['SAME_STRIDED', [pads]]);
      expect(e.hint).toContain(`padding [[${pads[0]}, ${pads[1]}]]`);
      const tf = fromTensorFlow({ op: 'conv', inputShape: [1, I, 1], filterShape: [3, 1, 1], strides: 2, padding: 'SAME' });
      expect([tf.geometry.outputShape[2], tf.pads]).toEqual([3, [pads]]);
      // The pads the refusal offers give PyTorch TensorFlow's 3 outputs.
      expect(convGeometry({ inputShape: [1, 1, I], weightShape: [1, 1, 3] }, { stride: 2, padding: [pads] }).outputShape[2]).toBe(3);
    }
  });

  it('ONNX pooling, I = 5, kernel 7, stride 2: 2 cells past the end is refused; pads adding up to 1 or a kernel of 6 taps run', () => {
    states('`I = 5`, `kernel_shape = [7]`, `strides = [2]`: the window runs 2 cells past the end, and the hint offers pads adding up to at least 1 or a kernel of at most 6 taps');
    const node = { op: 'MaxPool' as const, xShape: [1, 1, 5], kernel_shape: [7], strides: [2] };
    const e = refusal(() => fromOnnxPool(node));
    expect([e.code, e.hint]).toEqual(['KERNEL_TOO_LARGE', 'use pads adding up to at least 1 or a kernel of at most 6 taps on this axis']);
    expect(fromOnnxPool({ ...node, pads: [0, 1] }).geometry.outputShape[2]).toBe(1);
    expect(fromOnnxPool({ ...node, kernel_shape: [6] }).geometry.outputShape[2]).toBe(1);
  });
});
