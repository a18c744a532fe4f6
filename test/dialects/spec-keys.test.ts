/**
 * The dialect adapters read only the keys their spec names; any other is refused, with the one
 * meant when it is a near miss (`stride` for `strides`, `autoPad` for `auto_pad`): a misspelt
 * attribute used to be read as its default, a silently wrong geometry. A missing op says so.
 */
import { describe, expect, it } from 'vitest';
import { fromOnnx } from '../../src/geometry/onnx.js';
import { fromOnnxPool } from '../../src/geometry/onnx-pool.js';
import { fromTensorFlow } from '../../src/geometry/tensorflow.js';
import { fromTensorFlowPool } from '../../src/geometry/tensorflow-pool.js';
import { refusal } from '../support/refusal.js';


const onnxConv = { op: 'Conv', xShape: [1, 1, 5, 5], wShape: [1, 1, 3, 3] } as const;
const onnxPool = { op: 'MaxPool', xShape: [1, 1, 5, 5], kernel_shape: [2, 2] } as const;
const tfConv = { op: 'conv', inputShape: [1, 5, 5, 1], filterShape: [3, 3, 1, 1], padding: 'SAME' } as const;
const tfPool = { op: 'avg', inputShape: [1, 5, 5, 3], poolSize: [2, 2], padding: 'SAME' } as const;

describe('dialect specs refuse keys they do not take', () => {
  it('a near miss is named: ONNX snake_case, TensorFlow camelCase', () => {
    const cases: [() => unknown, string, string][] = [
      [() => fromOnnx({ ...onnxConv, stride: [2, 2] } as never), 'unknown fromOnnx option "stride"', "did you mean strides? (ONNX's attribute names)"],
      [() => fromOnnx({ ...onnxConv, autoPad: 'VALID' } as never), 'unknown fromOnnx option "autoPad"', "did you mean auto_pad? (ONNX's attribute names)"],
      [() => fromOnnxPool({ ...onnxPool, ceilMode: 1 } as never), 'unknown fromOnnxPool option "ceilMode"', "did you mean ceil_mode? (ONNX's attribute names)"],
      [() => fromTensorFlow({ ...tfConv, stride: 2 } as never), 'unknown fromTensorFlow option "stride"', "did you mean strides? (TensorFlow's argument names, camel-cased)"],
      [() => fromTensorFlow({ ...tfConv, data_format: 'NHWC' } as never), 'unknown fromTensorFlow option "data_format"', "did you mean dataFormat? (TensorFlow's argument names, camel-cased)"],
      [() => fromTensorFlowPool({ ...tfPool, stride: 2 } as never), 'unknown fromTensorFlowPool option "stride"', "did you mean strides? (TensorFlow's argument names, camel-cased)"],
    ];
    for (const [f, message, hint] of cases) {
      const e = refusal(f);
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.message.startsWith(message)).toBe(true);
      expect(e.hint).toBe(hint);
    }
    // Spelled right, the same attribute is read: the stride changes the output.
    expect(fromOnnx({ ...onnxConv, strides: [2, 2] }).geometry.outputShape).toEqual([1, 1, 2, 2]);
    expect(fromTensorFlowPool({ ...tfPool, strides: 2 }).frameworkOutputShape).toEqual([1, 3, 3, 3]);
  });

  it('a key near nothing lists the spec’s keys; an undefined value is no key', () => {
    expect(refusal(() => fromTensorFlow({ ...tfConv, foo: 1 } as never)).hint).toBe('use dialect, op, inputShape, filterShape, strides, padding, dilations, dataFormat, outputShape, outputPadding, dimRoundingMode');
    expect(fromOnnx({ ...onnxConv, pads: undefined }).geometry.outputShape).toEqual([1, 1, 3, 3]);
  });

  it('a missing op is said to be missing', () => {
    expect(refusal(() => fromOnnx({ xShape: [1, 1, 5, 5], wShape: [1, 1, 3, 3] } as never)).message).toBe("fromOnnx needs the node's op; use op: 'Conv' or 'ConvTranspose'");
    expect(refusal(() => fromOnnxPool({ xShape: [1, 1, 5, 5], kernel_shape: [2, 2] } as never)).message).toBe("fromOnnxPool needs the node's op; use op: 'AveragePool' or 'MaxPool'");
    expect(refusal(() => fromTensorFlow({ inputShape: [1, 5, 5, 1], filterShape: [3, 3, 1, 1], padding: 'SAME' } as never)).message).toBe('fromTensorFlow needs an op; use op: one of conv, convTranspose, depthwise');
    expect(refusal(() => fromTensorFlowPool({ inputShape: [1, 5, 5, 3], poolSize: [2, 2], padding: 'SAME' } as never)).message).toBe("fromTensorFlowPool needs an op; use op: 'avg' or 'max'");
    expect(refusal(() => fromOnnx({ ...onnxConv, op: 'Gemm' } as never)).message).toBe("unknown ONNX op \"Gemm\"; use op: 'Conv' or 'ConvTranspose'");
  });
});
