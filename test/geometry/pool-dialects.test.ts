/**
 * The pooling dialects' own rules, one worked example each (docs/semantics.md, "ONNX pooling" and
 * "TensorFlow pooling"); the numbers come from the recorded peers (test/dialects/pool-peers.test.ts
 * checks every value against them). Also: where a PyTorch recipe exists it computes the same values.
 */
import { describe, expect, it } from 'vitest';
import { fromOnnxPool, type OnnxPoolSpec } from '../../src/geometry/onnx-pool.js';
import { fromTensorFlowPool, type TensorFlowPoolSpec } from '../../src/geometry/tensorflow-pool.js';
import { ConvError } from '../../src/geometry/errors.js';
import { computePoolGeometry } from '../../src/ops/onnx-node.js';
import { avgPool2d, maxPool2d } from '../../src/ops/pool.js';
import { tensor } from '../../src/tensor/tensor.js';
import { refusal } from '../support/refusal.js';

const onnx = (s: Omit<OnnxPoolSpec, 'op'> & { op?: OnnxPoolSpec['op'] }) => fromOnnxPool({ op: 'AveragePool', ...s });
const tf = (s: TensorFlowPoolSpec) => fromTensorFlowPool(s);

describe('fromOnnxPool', () => {
  it('strides default to 1, not to the kernel', () => {
    expect(onnx({ op: 'MaxPool', xShape: [1, 1, 4, 4], kernel_shape: [2, 2] }).geometry.outputShape).toEqual([1, 1, 3, 3]);
  });

  it('takes pads per side up to one less than the kernel, and says why PyTorch cannot', () => {
    const r = onnx({ xShape: [1, 1, 5, 5], kernel_shape: [3, 3], pads: [2, 0, 1, 2] });
    expect(r.pads).toEqual([[2, 1], [0, 2]]);
    expect(r.geometry.outputShape).toEqual([1, 1, 6, 5]);
    expect(r.torchEquivalent).toBe(
      "not expressible with PyTorch's pooling options: the padding is not the same on both sides; PyTorch allows at most half the kernel as padding; " +
        'instead avg_pool2d(F.pad(x, (0,2,2,1)), kernel_size=3, stride=1) / avg_pool2d(F.pad(torch.ones_like(x), (0,2,2,1)), kernel_size=3, stride=1)',
    );
    const e = refusal(() => onnx({ xShape: [1, 1, 5, 5], kernel_shape: [3, 3], pads: [3, 0, 0, 0] }));
    expect([e.code, e.axis, e.hint]).toEqual(['PADDING_TOO_LARGE', 'H', 'use pads of at most 2 on this axis']);
    expect(refusal(() => onnx({ xShape: [1, 1, 5, 5], kernel_shape: [3, 3], pads: [-1, 0, 0, 0] })).code).toBe('NEGATIVE_PADDING');
  });

  it('gives the PyTorch call where one exists, and it computes the same values', () => {
    const x = tensor(Float32Array.from({ length: 49 }, (_, i) => Math.sin(i * 1.7)), [1, 1, 7, 7]);
    const avg = onnx({ xShape: [1, 1, 7, 7], kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], ceil_mode: 1 });
    expect(avg.torchEquivalent).toBe('avg_pool2d(kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)');
    expect(Array.from(computePoolGeometry(avg, x).data)).toEqual(Array.from(avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }).data));
    const max = onnx({ op: 'MaxPool', xShape: [1, 1, 7, 7], kernel_shape: [2, 2], strides: [1, 1], dilations: [2, 2], pads: [1, 1, 1, 1] });
    expect(max.torchEquivalent).toBe('max_pool2d(kernel_size=2, stride=1, padding=1, dilation=2)');
    expect(Array.from(computePoolGeometry(max, x).data)).toEqual(Array.from(maxPool2d(x, { kernelSize: 2, stride: 1, padding: 1, dilation: 2 }).data));
    expect(onnx({ xShape: [1, 1, 7, 7], kernel_shape: [2, 2], dilations: [2, 2] }).torchEquivalent).toBe("not expressible with PyTorch's pooling options: PyTorch has no dilated average pooling");
  });

  it('the padded recipes compute the same values (F.pad then pooling without padding, here with convkit\'s PyTorch ops)', () => {
    // F.pad of a [1, 1, H, W] tensor: (left, right, top, bottom), filled with `value`.
    const pad = (t: { shape: number[]; data: Float32Array }, [l, r, top, b]: number[], value: number) => {
      const [H, W] = t.shape.slice(2);
      const [h, w] = [H + top + b, W + l + r];
      const out = new Float32Array(h * w).fill(value);
      for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) out[(i + top) * w + j + l] = t.data[i * W + j];
      return tensor(out, [1, 1, h, w]);
    };
    const x = tensor(Float32Array.from({ length: 30 }, (_, i) => Math.cos(i * 2.3)), [1, 1, 5, 6]);
    const ones = tensor(new Float32Array(30).fill(1), [1, 1, 5, 6]);
    const spec = { xShape: [1, 1, 5, 6], kernel_shape: [3, 2], strides: [2, 1], pads: [2, 0, 1, 1], ceil_mode: 1 };
    const flat = [0, 1, 2, 1]; // F.pad order: W before, W after, H before, H after
    const opts = { kernelSize: [3, 2], stride: [2, 1], ceilMode: true };
    const close = (a: Float32Array, b: Float32Array) => {
      expect(a.length).toBe(b.length);
      a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 6));
    };
    const max = fromOnnxPool({ op: 'MaxPool', ...spec });
    expect(max.torchEquivalent).toContain("instead F.pad(x, (0,1,2,1), value=float('-inf')) then max_pool2d(kernel_size=(3, 2), stride=(2, 1), ceil_mode=True)");
    close(computePoolGeometry(max, x).data, maxPool2d(pad(x, flat, -Infinity), opts).data);
    const counted = onnx({ ...spec, count_include_pad: 1 });
    expect(counted.torchEquivalent).toContain('instead F.pad(x, (0,1,2,1)) then avg_pool2d(');
    close(computePoolGeometry(counted, x).data, avgPool2d(pad(x, flat, 0), opts).data);
    const excluded = onnx(spec);
    const sums = avgPool2d(pad(x, flat, 0), opts).data;
    const counts = avgPool2d(pad(ones, flat, 0), opts).data;
    close(computePoolGeometry(excluded, x).data, sums.map((v, i) => v / counts[i]));
  });

  it('counts windows with truncating integer division in floor mode (one more window than PyTorch for a negative remainder)', () => {
    expect(onnx({ xShape: [1, 1, 1], kernel_shape: [2], strides: [3], auto_pad: 'VALID' }).geometry.outputShape).toEqual([1, 1, 1]);
    const e = refusal(() => onnx({ op: 'MaxPool', xShape: [1, 1, 5, 5], kernel_shape: [6, 6] }));
    expect(e.code).toBe('KERNEL_TOO_LARGE');
  });

  it('sizes SAME padding with the undilated kernel, unclamped; only the undilated MaxPool refuses a negative pad', () => {
    const d = onnx({ xShape: [1, 1, 7], kernel_shape: [2], dilations: [2], auto_pad: 'SAME_LOWER' });
    expect([d.pads, d.geometry.outputShape]).toEqual([[[1, 0]], [1, 1, 6]]);
    const upper = onnx({ xShape: [1, 1, 7], kernel_shape: [1], strides: [4], auto_pad: 'SAME_UPPER' });
    expect([upper.pads, upper.geometry.outputShape]).toEqual([[[-1, -1]], [1, 1, 2]]);
    expect(Array.from(computePoolGeometry(upper, tensor([1, 2, 3, 4, 5, 6, 7], [1, 1, 7])).data)).toEqual([2, 6]);
    expect(refusal(() => fromOnnxPool({ op: 'MaxPool', xShape: [1, 1, 7], kernel_shape: [1], strides: [4], auto_pad: 'SAME_UPPER' })).code).toBe('NEGATIVE_PADDING');
    expect(fromOnnxPool({ op: 'MaxPool', xShape: [1, 1, 7], kernel_shape: [2], strides: [2], dilations: [3], auto_pad: 'SAME_LOWER' }).geometry.outputShape).toEqual([1, 1, 3]);
  });

  it('runs auto_pad with pads as ONNX Runtime does (pads ignored) and says so', () => {
    const r = onnx({ xShape: [1, 1, 5, 5], kernel_shape: [2, 2], auto_pad: 'SAME_UPPER', pads: [1, 1, 1, 1] });
    expect(r.pads).toEqual([[0, 1], [0, 1]]);
    expect(r.notes[0]).toContain('ONNX Runtime ignores pads');
  });

  it('count_include_pad counts the padding but not cells a ceil-mode window reads past it', () => {
    const r = onnx({ xShape: [1, 1, 8], kernel_shape: [3], strides: [3], pads: [0, 1], ceil_mode: 1, count_include_pad: 1 });
    expect(r.geometry.outputShape).toEqual([1, 1, 3]);
    // Windows [0,3), [3,6), [6,9): the last holds x6, x7 and one pad cell → divided by 3.
    expect(Array.from(computePoolGeometry(r, tensor([3, 3, 3, 6, 6, 6, 9, 9], [1, 1, 8])).data)).toEqual([3, 6, 6]);
  });

  it('an empty window: average 0, maximum the lowest float32', () => {
    const spec = { xShape: [1, 1, 1], kernel_shape: [2], pads: [1, 1], dilations: [2] };
    expect(Array.from(computePoolGeometry(onnx(spec), tensor([5], [1, 1, 1])).data)).toEqual([0]);
    expect(Array.from(computePoolGeometry(fromOnnxPool({ op: 'MaxPool', ...spec }), tensor([5], [1, 1, 1])).data)).toEqual([-3.4028234663852886e38]);
  });

  it("refuses what ONNX does not define, naming what is valid", () => {
    expect(refusal(() => onnx({ xShape: [1, 1, 4, 4] } as never)).message).toContain('kernel_shape attribute is required');
    expect(refusal(() => onnx({ xShape: [1, 1, 4, 4], kernel_shape: [2] })).code).toBe('OPTION_LENGTH');
    expect(refusal(() => onnx({ xShape: [1, 1, 4, 4], kernel_shape: [2, 2], ceil_mode: 2 })).hint).toBe('use ceil_mode: 0 or 1');
    // Not a whole number, or beyond 2³¹ − 1: still "0 or 1", not "such as 1, 2 or 3" or a range of integers.
    expect(refusal(() => onnx({ xShape: [1, 1, 4, 4], kernel_shape: [2, 2], ceil_mode: 0.5 })).message).toBe('AveragePool: ceil_mode must be 0 or 1, but is 0.5; use ceil_mode: 0 or 1');
    expect(refusal(() => onnx({ xShape: [1, 1, 4, 4], kernel_shape: [2, 2], ceil_mode: 3e9 })).hint).toBe('use ceil_mode: 0 or 1');
    expect(refusal(() => onnx({ xShape: [1, 1, 4, 4], kernel_shape: [2, 3e9] })).hint).toBe('use a value from 1 to 2147483647');
    expect(refusal(() => onnx({ xShape: [1, 1, 4, 4], kernel_shape: [2, 2], pads: [0, 0, 0, -3e9] })).hint).toBe('use a value from 0 to 2147483647');
    expect(refusal(() => onnx({ xShape: [1, 1, 4, 4], kernel_shape: [2, 2], auto_pad: 'SAME' as never })).code).toBe('PADDING_STRING');
    expect(refusal(() => fromOnnxPool({ op: 'MaxPool', xShape: [1, 1, 4, 4], kernel_shape: [2, 2], count_include_pad: 1 })).code).toBe('INVALID_OPTION');
    expect(refusal(() => onnx({ xShape: [1, 4, 4], kernel_shape: [2, 2] })).code).toBe('OPTION_LENGTH');
    expect(refusal(() => onnx({ xShape: [1, 1], kernel_shape: [] })).code).toBe('INPUT_RANK');
  });
});

describe('fromTensorFlowPool', () => {
  it('SAME averages leave the padding out; the recipe is PyTorch with count_include_pad=False when the pads are symmetric', () => {
    const r = tf({ op: 'avg', inputShape: [1, 5, 1], poolSize: [2], strides: 2, padding: 'SAME' });
    expect(r.pads).toEqual([[0, 1]]);
    expect(Array.from(computePoolGeometry(r, tensor([1, 3, 5, 7, 9], [1, 5, 1])).data)).toEqual([2, 6, 9]);
    const sym = tf({ dialect: 'keras', op: 'avg', inputShape: [1, 6, 6, 2], poolSize: [3, 3], strides: 1, padding: 'same' });
    expect(sym.torchEquivalent).toBe('avg_pool2d(kernel_size=3, stride=1, padding=1, count_include_pad=False)');
    expect(sym.frameworkOutputShape).toEqual([1, 6, 6, 2]);
  });

  it("Keras's strides default to the pool size; channels_first keeps the layout", () => {
    const r = tf({ dialect: 'keras', op: 'max', inputShape: [2, 3, 8, 8], poolSize: [2, 2], padding: 'valid', dataFormat: 'channels_first' });
    expect(r.geometry.outputShape).toEqual([2, 3, 4, 4]);
    expect(r.inputPermutation).toEqual([0, 1, 2, 3]);
  });

  it("tfjs: numbers, explicit pairs, rounding, unbatched inputs, and its 2-D empty average NaN", () => {
    const r = tf({ dialect: 'tfjs', op: 'avg', inputShape: [8, 8, 1], poolSize: [3, 3], strides: [2, 2], padding: 1, dimRoundingMode: 'ceil' });
    expect(r.frameworkOutputShape).toEqual([5, 5, 1]);
    const e = tf({ dialect: 'tfjs', op: 'avg', inputShape: [1, 3, 1, 1], poolSize: [2, 1], strides: [1, 1], padding: [[0, 0], [2, 0], [0, 0], [0, 0]], dimRoundingMode: 'floor' });
    expect(Array.from(computePoolGeometry(e, tensor([1, 2, 3], [1, 3, 1, 1])).data).map(String)).toEqual(['NaN', '1', '1.5', '2.5']);
  });

  it('refuses what each API refuses', () => {
    expect(refusal(() => tf({ op: 'avg', inputShape: [1, 4, 4, 1], poolSize: [2, 2], strides: 2, padding: [[0, 0], [1, 1], [1, 1], [0, 0]] })).code).toBe('PADDING_STRING');
    expect(refusal(() => tf({ op: 'avg', inputShape: [1, 4, 4, 1], poolSize: [2, 2], strides: 2, padding: 'same' })).hint).toBe("tf.nn ops are case-sensitive: use 'SAME'");
    expect(refusal(() => tf({ dialect: 'keras', op: 'avg', inputShape: [1, 4, 1], poolSize: [2], padding: 'causal' })).code).toBe('PADDING_STRING');
    expect(refusal(() => tf({ dialect: 'tfjs', op: 'avg', inputShape: [1, 4, 1], poolSize: [2], padding: 'valid' })).code).toBe('OPTION_LENGTH');
    expect(refusal(() => tf({ dialect: 'tfjs', op: 'max', inputShape: [1, 1, 4, 4], poolSize: [2, 2], padding: 'valid', dataFormat: 'NCHW' })).code).toBe('INVALID_OPTION');
    expect(refusal(() => tf({ dialect: 'tfjs', op: 'max', inputShape: [1, 4, 4, 1], poolSize: [2, 2], padding: 'same', dimRoundingMode: 'ceil' })).code).toBe('PADDING_STRING');
    const big = refusal(() => tf({ op: 'max', inputShape: [1, 2, 2, 1], poolSize: [3, 3], strides: 1, padding: 'VALID' }));
    expect([big.code, big.axis]).toEqual(['KERNEL_TOO_LARGE', 'H']);
  });
});

describe('robustness: malformed specs are refused with a ConvError, nothing else is thrown', () => {
  const junk: unknown[] = [undefined, null, NaN, -1, 0, 1.5, 'x', [], [NaN], [1, 2, 3, 4, 5, 6, 7], {}, 1e12];
  const onnxBase: Record<string, unknown> = { op: 'AveragePool', xShape: [1, 2, 5, 5], kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], dilations: [1, 1], ceil_mode: 1, count_include_pad: 1, auto_pad: 'NOTSET' };
  const tfBase: Record<string, unknown> = { dialect: 'tfjs', op: 'avg', inputShape: [1, 5, 5, 2], poolSize: [3, 3], strides: [2, 2], padding: 1, dimRoundingMode: 'ceil' };
  for (const [name, base, run] of [['fromOnnxPool', onnxBase, fromOnnxPool], ['fromTensorFlowPool', tfBase, fromTensorFlowPool]] as const) {
    it(`${name}: every field replaced by each of ${junk.length} bad values`, () => {
      let refused = 0;
      for (const key of Object.keys(base)) {
        for (const v of junk) {
          try {
            (run as (s: unknown) => unknown)({ ...base, [key]: v });
          } catch (e) {
            if (!(e instanceof ConvError)) throw new Error(`${name} with ${key} = ${String(v)} threw ${String(e)}`);
            refused++;
          }
        }
      }
      expect(refused).toBeGreaterThan(Object.keys(base).length * 4);
    });
  }
});
