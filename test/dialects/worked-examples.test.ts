/**
 * The worked examples of docs/semantics.md ("TensorFlow" to "Across frameworks") through the dialect adapters: sizes, pads, where the odd
 * padding element goes, the PyTorch recipe, and the refusals. Values come from convkit's reference
 * engine run on the adapter's geometry (the peer tests compare those engines with TF.js and ORT).
 */
import { describe, expect, it } from 'vitest';
import { fromOnnx } from '../../src/geometry/onnx.js';
import { fromTensorFlow } from '../../src/geometry/tensorflow.js';
import { toConvkitWeight, type DialectGeometry } from '../../src/geometry/dialect-result.js';
import { permuteData, channelsFirstToLast, channelsLastToFirst } from '../../src/geometry/layout-permute.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { ConvError } from '../../src/geometry/errors.js';

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);
const run = (r: DialectGeometry, x: number[], w: number[]) => Array.from(referenceConv(r.geometry, Float32Array.from(x), Float32Array.from(w), null));
function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConvError);
    return (e as ConvError).code;
  }
  return 'accepted';
}

describe('TensorFlow SAME / VALID (§3.1)', () => {
  it('SAME K=3 s=2 on 6 pads (0, 1) and gives [321, 543, 65]', () => {
    const r = fromTensorFlow({ op: 'conv', inputShape: [1, 6, 1], filterShape: [3, 1, 1], strides: 2, padding: 'SAME' });
    expect(r.pads).toEqual([[0, 1]]);
    expect(r.geometry.outputShape).toEqual([1, 1, 3]);
    expect(r.frameworkOutputShape).toEqual([1, 3, 1]);
    expect(run(r, range(6), [1, 10, 100])).toEqual([321, 543, 65]);
  });
  it('2-D SAME K=3 s=2 on 6×6 reads as F.pad then conv2d', () => {
    const r = fromTensorFlow({ op: 'conv', inputShape: [1, 6, 6, 2], filterShape: [3, 3, 2, 4], strides: [1, 2, 2, 1], padding: 'SAME' });
    expect(r.pads).toEqual([[0, 1], [0, 1]]);
    expect(r.torchEquivalent).toBe('F.pad(x, (0,1,0,1)) then conv2d(padding=0, stride=2)');
    expect(r.weightShape).toEqual([4, 2, 3, 3]);
    expect(r.frameworkOutputShape).toEqual([1, 3, 3, 4]);
  });
  it('SAME with stride 1 and odd kernel is symmetric PyTorch padding', () => {
    const r = fromTensorFlow({ op: 'conv', inputShape: [2, 3, 7, 7], dataFormat: 'NCHW', filterShape: [5, 3, 3, 6], padding: 'SAME', dilations: [1, 1, 1, 1] });
    expect(r.pads).toEqual([[2, 2], [1, 1]]);
    expect(r.torchEquivalent).toBe('conv2d(padding=(2, 1))');
    expect(r.geometry.outputShape).toEqual([2, 6, 7, 7]);
  });
  it('VALID: O = (I − Ke + s) / s; O = 0 is refused (TF returns an empty tensor)', () => {
    const r = fromTensorFlow({ op: 'conv', inputShape: [1, 7, 7, 1], filterShape: [3, 3, 1, 1], strides: 2, padding: 'VALID', dilations: 2 });
    expect(r.geometry.outputShape).toEqual([1, 1, 2, 2]);
    expect(code(() => fromTensorFlow({ op: 'conv', inputShape: [1, 2, 2, 1], filterShape: [3, 3, 1, 8], padding: 'VALID' }))).toBe('KERNEL_TOO_LARGE');
  });
  it('explicit pads in NHWC and NCHW order', () => {
    const a = fromTensorFlow({ op: 'conv', inputShape: [1, 5, 6, 1], filterShape: [3, 3, 1, 1], padding: [[0, 0], [1, 2], [0, 3], [0, 0]] });
    const b = fromTensorFlow({ op: 'conv', inputShape: [1, 1, 5, 6], dataFormat: 'NCHW', filterShape: [3, 3, 1, 1], padding: [[0, 0], [0, 0], [1, 2], [0, 3]] });
    expect(a.pads).toEqual([[1, 2], [0, 3]]);
    const k = fromTensorFlow({ dialect: 'keras', op: 'conv', inputShape: [1, 2, 5, 6], dataFormat: 'channels_first', filterShape: [3, 3, 2, 1], padding: 'same' });
    expect(k.geometry.inputShape).toEqual([1, 2, 5, 6]);
    expect(k.inputPermutation).toEqual([0, 1, 2, 3]);
    expect(b.pads).toEqual([[1, 2], [0, 3]]);
    expect(a.geometry.outputShape).toEqual([1, 1, 6, 7]);
    expect(code(() => fromTensorFlow({ op: 'conv', inputShape: [1, 5, 6, 1], filterShape: [3, 3, 1, 1], padding: [[1, 0], [1, 2], [0, 3], [0, 0]] }))).toBe('INVALID_OPTION');
    expect(code(() => fromTensorFlow({ op: 'conv', inputShape: [1, 5, 6, 1], filterShape: [3, 3, 1, 1], padding: [[0, 0], [-1, 2], [0, 3], [0, 0]] }))).toBe('NEGATIVE_PADDING');
  });
  it('padding strings are case-sensitive in tf.nn, lower case in tfjs, any case in Keras', () => {
    const base = { op: 'conv' as const, inputShape: [1, 5, 5, 1], filterShape: [3, 3, 1, 1] };
    expect(code(() => fromTensorFlow({ ...base, padding: 'same' }))).toBe('PADDING_STRING');
    expect(code(() => fromTensorFlow({ ...base, dialect: 'tfjs', padding: 'SAME' }))).toBe('PADDING_STRING');
    expect(fromTensorFlow({ ...base, dialect: 'keras', padding: 'Same' }).pads).toEqual([[1, 1], [1, 1]]);
    expect(code(() => fromTensorFlow({ ...base, dialect: 'keras', padding: 'causal' }))).toBe('PADDING_STRING');
  });
  it('Keras Conv1D causal left-pads d(K−1)', () => {
    const r = fromTensorFlow({ dialect: 'keras', op: 'conv', inputShape: [1, 6, 1], filterShape: [3, 1, 1], dilations: 2, padding: 'causal' });
    expect(r.pads).toEqual([[4, 0]]);
    expect(r.geometry.outputShape).toEqual([1, 1, 6]);
    expect(run(r, range(6), [1, 10, 100])).toEqual([100, 200, 310, 420, 531, 642]);
  });
});

describe('groups, depthwise and refusals (§3.3, §3.4, §4.2)', () => {
  it('grouped conv through the filter in-depth', () => {
    const r = fromTensorFlow({ op: 'conv', inputShape: [1, 5, 5, 4], filterShape: [3, 3, 2, 6], padding: 'VALID' });
    expect(r.geometry.groups).toBe(2);
    expect(r.weightShape).toEqual([6, 2, 3, 3]);
    expect(code(() => fromTensorFlow({ op: 'conv', inputShape: [1, 5, 5, 4], filterShape: [3, 3, 3, 6], padding: 'VALID' }))).toBe('CHANNELS');
    expect(code(() => fromTensorFlow({ op: 'conv', inputShape: [1, 5, 5, 4], filterShape: [3, 3, 2, 7], padding: 'VALID' }))).toBe('GROUPS');
    expect(code(() => fromTensorFlow({ dialect: 'tfjs', op: 'conv', inputShape: [1, 5, 5, 4], filterShape: [3, 3, 2, 6], padding: 'valid' }))).toBe('CHANNELS');
  });
  it('depthwise: filter [kH, kW, IC, mult] → [IC·mult, 1, kH, kW], groups = IC', () => {
    const r = fromTensorFlow({ op: 'depthwise', inputShape: [1, 4, 4, 3], filterShape: [2, 2, 3, 2], padding: 'VALID' });
    expect(r.geometry.groups).toBe(3);
    expect(r.geometry.outChannels).toBe(6);
    expect(r.weightShape).toEqual([6, 1, 2, 2]);
    // Filter value (a, b, c, m) = 1000a + 100b + 10c + m lands at torch [c·2 + m, 0, a, b].
    const f = [];
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) for (let c = 0; c < 3; c++) for (let m = 0; m < 2; m++) f.push(1000 * a + 100 * b + 10 * c + m);
    const w = toConvkitWeight(r, f);
    expect(w[(2 * 2 + 1) * 4 + 1 * 2 + 0]).toBe(1000 + 20 + 1);
  });
  it('strides > 1 with dilations > 1: raw tf.nn.conv2d accepts, Keras/tfjs/depthwise refuse', () => {
    const base = { op: 'conv' as const, inputShape: [1, 7, 7, 1], filterShape: [3, 3, 1, 1], strides: 2, dilations: 2 };
    expect(fromTensorFlow({ ...base, padding: 'SAME' }).geometry.outputShape).toEqual([1, 1, 4, 4]);
    expect(code(() => fromTensorFlow({ ...base, dialect: 'keras', padding: 'same' }))).toBe('DILATION');
    expect(code(() => fromTensorFlow({ ...base, dialect: 'tfjs', padding: 'same' }))).toBe('DILATION');
    expect(code(() => fromTensorFlow({ ...base, op: 'depthwise', filterShape: [3, 3, 1, 1], padding: 'SAME' }))).toBe('DILATION');
    // tfjs's rule is global: strides [2,1] with dilations [1,2] is refused too.
    expect(code(() => fromTensorFlow({ ...base, dialect: 'tfjs', strides: [2, 1], dilations: [1, 2], padding: 'same' }))).toBe('DILATION');
    expect(code(() => fromTensorFlow({ ...base, strides: 0, padding: 'SAME' }))).toBe('STRIDE');
  });
});

describe('TensorFlow transposed convolution (§3.5, §3.7)', () => {
  const full = (x: number[], w: number[]) => run(fromOnnx({ op: 'ConvTranspose', xShape: [1, 1, 4], wShape: [1, 1, 3], strides: [2] }), x, w);
  const x = [1, 2, 3, 4];
  const w = [1, 10, 100];
  const tconv = (padding: string, O: number) => fromTensorFlow({ op: 'convTranspose', inputShape: [1, 4, 1], filterShape: [3, 1, 1], strides: 2, padding, outputShape: [1, O, 1] });
  it('SAME accepts {7, 8}, VALID {9, 10}; others are refused', () => {
    expect([6, 7, 8, 9].map((O) => code(() => tconv('SAME', O)))).toEqual(['OUTPUT_SIZE', 'accepted', 'accepted', 'OUTPUT_SIZE']);
    expect([8, 9, 10, 11].map((O) => code(() => tconv('VALID', O)))).toEqual(['OUTPUT_SIZE', 'accepted', 'accepted', 'OUTPUT_SIZE']);
  });
  it('values are the full output cropped at the forward-SAME before, extra crop at the end', () => {
    const f = full(x, w);
    expect(f.length).toBe(9);
    expect(run(tconv('SAME', 8), x, w)).toEqual(f.slice(0, 8));
    expect(run(tconv('SAME', 7), x, w)).toEqual(f.slice(1, 8));
    expect(run(tconv('VALID', 9), x, w)).toEqual(f);
    expect(run(tconv('VALID', 10), x, w)).toEqual([...f, 0]);
    expect(tconv('SAME', 8).pads).toEqual([[0, 1]]);
    expect(tconv('SAME', 7).pads).toEqual([[1, 1]]);
    expect(tconv('SAME', 7).torchEquivalent).toBe('conv_transpose1d(stride=2, padding=1)');
    expect(tconv('SAME', 8).torchEquivalent).toBe('not expressible with symmetric padding: conv_transpose1d(stride=2, padding=0) then crop [0:8]');
    expect(tconv('VALID', 10).torchEquivalent).toBe('conv_transpose1d(stride=2, padding=0, output_padding=1)');
  });
  it('outputShape is required (tf, tfjs) and checked against the filter', () => {
    expect(code(() => fromTensorFlow({ op: 'convTranspose', inputShape: [1, 4, 1], filterShape: [3, 1, 1], strides: 2, padding: 'SAME' }))).toBe('OUTPUT_SIZE');
    expect(code(() => fromTensorFlow({ op: 'convTranspose', inputShape: [1, 4, 1], filterShape: [3, 1, 1], strides: 2, padding: 'SAME', outputShape: [1, 8, 2] }))).toBe('CHANNELS');
    expect(code(() => fromTensorFlow({ op: 'convTranspose', inputShape: [1, 4, 2], filterShape: [3, 1, 1], strides: 2, padding: 'SAME', outputShape: [8] }))).toBe('CHANNELS');
  });
  it('Keras Conv2DTranspose sizes: I=4 K=3 → s2 same 8, s2 same op0 7, s3 same op0 10, s3 valid 12', () => {
    const k = (strides: number, padding: string, outputPadding?: number) =>
      fromTensorFlow({ dialect: 'keras', op: 'convTranspose', inputShape: [1, 4, 4, 1], filterShape: [3, 3, 1, 1], strides, padding, outputPadding }).geometry.outputShape[2];
    expect([k(2, 'same'), k(2, 'same', 0), k(3, 'same', 0), k(3, 'valid')]).toEqual([8, 7, 10, 12]);
    expect(code(() => k(1, 'same', 1))).toBe('OUTPUT_PADDING');
  });
});

describe('TensorFlow.js (§4)', () => {
  const tfjs = (padding: number | string, dimRoundingMode?: 'trunc' | 'floor' | 'round' | 'ceil') =>
    fromTensorFlow({ dialect: 'tfjs', op: 'conv', inputShape: [1, 8, 8, 1], filterShape: [3, 3, 1, 1], strides: 2, padding, dimRoundingMode });
  it('numeric pad rounds 3.5 to 3 (trunc, floor) or 4 (round, ceil)', () => {
    expect(tfjs(0).geometry.outputShape).toEqual([1, 1, 3, 3]);
    expect(tfjs(0, 'trunc').geometry.outputShape).toEqual([1, 1, 3, 3]);
    expect(tfjs(0, 'floor').geometry.outputShape).toEqual([1, 1, 3, 3]);
    expect(tfjs(0, 'round').geometry.outputShape).toEqual([1, 1, 4, 4]);
    // Rounding up reads one zero past the end.
    expect(tfjs(0, 'ceil').pads).toEqual([[0, 1], [0, 1]]);
    expect(code(() => tfjs('same', 'floor'))).toBe('PADDING_STRING');
  });
  it('numeric pad sizes every axis with the first axis kernel and stride', () => {
    const r = fromTensorFlow({ dialect: 'tfjs', op: 'conv', inputShape: [1, 6, 6, 1], filterShape: [1, 3, 1, 1], padding: 0 });
    expect(r.geometry.outputShape).toEqual([1, 1, 6, 6]);
    expect(r.pads).toEqual([[0, 0], [0, 2]]);
    expect(r.notes.length).toBeGreaterThan(0);
  });
  it('conv3d same does not clamp the padding: depth 6, stride 4, kernel 1 reads [1, 5]', () => {
    const r = fromTensorFlow({ dialect: 'tfjs', op: 'conv', inputShape: [1, 6, 1, 1, 1], filterShape: [1, 1, 1, 1, 1], strides: [4, 1, 1], padding: 'same' });
    expect(r.pads[0]).toEqual([-1, 0]);
    expect(run(r, range(6), [1])).toEqual([2, 6]);
    const tf = fromTensorFlow({ op: 'conv', inputShape: [1, 6, 1, 1, 1], filterShape: [1, 1, 1, 1, 1], strides: [4, 1, 1], padding: 'SAME' });
    expect(run(tf, range(6), [1])).toEqual([1, 5]);
  });
  it('conv1d numeric pad: 0 keeps the input length, > 0 fails in tfjs', () => {
    const r = fromTensorFlow({ dialect: 'tfjs', op: 'conv', inputShape: [1, 6, 1], filterShape: [3, 1, 1], padding: 0 });
    expect(run(r, range(6), [1, 10, 100])).toEqual([321, 432, 543, 654, 65, 6]);
    expect(code(() => fromTensorFlow({ dialect: 'tfjs', op: 'conv', inputShape: [1, 6, 1], filterShape: [3, 1, 1], padding: 1 }))).toBe('PADDING_STRING');
  });
  it('conv2dTranspose: inconsistent outputShape is refused (tfjs returns NaN or drops rows)', () => {
    const t = (O: number) => fromTensorFlow({ dialect: 'tfjs', op: 'convTranspose', inputShape: [1, 4, 1, 1], filterShape: [3, 1, 1, 1], strides: [2, 1], padding: 'same', outputShape: [1, O, 1, 1] });
    expect([6, 7, 8, 9].map((O) => code(() => t(O)))).toEqual(['OUTPUT_SIZE', 'accepted', 'accepted', 'OUTPUT_SIZE']);
    expect(run(t(8), [1, 2, 3, 4], [1, 10, 100])).toEqual([1, 10, 102, 20, 203, 30, 304, 40]);
    expect(code(() => fromTensorFlow({ dialect: 'tfjs', op: 'convTranspose', inputShape: [1, 4, 1, 1], filterShape: [3, 1, 1, 1], dilations: 2, padding: 'same', outputShape: [1, 4, 1, 1] }))).toBe('DILATION');
  });
});

describe('ONNX Conv (§5.1, §5.2)', () => {
  it('SAME_UPPER puts the extra pad at the end, SAME_LOWER at the beginning', () => {
    const up = fromOnnx({ op: 'Conv', xShape: [1, 1, 5], wShape: [1, 1, 2], auto_pad: 'SAME_UPPER' });
    const lo = fromOnnx({ op: 'Conv', xShape: [1, 1, 5], wShape: [1, 1, 2], auto_pad: 'SAME_LOWER' });
    expect(up.pads).toEqual([[0, 1]]);
    expect(lo.pads).toEqual([[1, 0]]);
    expect(run(up, range(5), [1, 0])).toEqual([1, 2, 3, 4, 5]);
    expect(run(lo, range(5), [1, 0])).toEqual([0, 1, 2, 3, 4]);
    expect(lo.torchEquivalent).toBe('F.pad(x, (1,0)) then conv1d(padding=0)');
  });
  it('pads are [x1_begin, x2_begin, x1_end, x2_end]', () => {
    const r = fromOnnx({ op: 'Conv', xShape: [1, 1, 8, 8], wShape: [1, 1, 3, 3], pads: [1, 0, 2, 1] });
    expect(r.pads).toEqual([[1, 2], [0, 1]]);
    expect(r.geometry.outputShape).toEqual([1, 1, 9, 7]);
    expect(r.torchEquivalent).toBe('F.pad(x, (0,1,1,2)) then conv2d(padding=0)');
    // Negative pads: outside the spec, and ORT 1.30's shape inference refuses them.
    expect(code(() => fromOnnx({ op: 'Conv', xShape: [1, 1, 8, 8], wShape: [1, 1, 3, 3], pads: [-1, 0, 0, 0] }))).toBe('NEGATIVE_PADDING');
  });
  it('VALID and refusals (§5.4)', () => {
    expect(fromOnnx({ op: 'Conv', xShape: [1, 1, 7], wShape: [1, 1, 3], strides: [2], auto_pad: 'VALID' }).geometry.outputShape).toEqual([1, 1, 3]);
    expect(code(() => fromOnnx({ op: 'Conv', xShape: [1, 4, 5, 5], wShape: [6, 1, 3, 3], group: 3 }))).toBe('CHANNELS');
    expect(code(() => fromOnnx({ op: 'Conv', xShape: [1, 4, 5, 5], wShape: [5, 2, 3, 3], group: 2 }))).toBe('GROUPS');
    expect(code(() => fromOnnx({ op: 'Conv', xShape: [1, 1, 2, 2], wShape: [1, 1, 3, 3] }))).toBe('KERNEL_TOO_LARGE');
    expect(code(() => fromOnnx({ op: 'Conv', xShape: [1, 1, 5, 5], wShape: [1, 1, 3, 3], dilations: [2, 2], auto_pad: 'SAME_UPPER' }))).toBe('DILATION');
    expect(code(() => fromOnnx({ op: 'Conv', xShape: [1, 1, 5, 5], wShape: [1, 1, 3, 3], pads: [1, 1, 1, 1], auto_pad: 'SAME_UPPER' }))).toBe('INVALID_OPTION');
    expect(code(() => fromOnnx({ op: 'Conv', xShape: [1, 1, 5, 5], wShape: [1, 1, 3, 3], pads: [1, 1] }))).toBe('OPTION_LENGTH');
  });
});

describe('ONNX ConvTranspose (§5.3)', () => {
  const base = { op: 'ConvTranspose' as const, xShape: [1, 1, 4], wShape: [1, 1, 3], strides: [2] };
  const x = [1, 2, 3, 4];
  const w = [1, 10, 100];
  const full = run(fromOnnx(base), x, w);
  it('I=4 K=3 s=2: SAME_UPPER → full[0:8], SAME_LOWER → full[1:9], NOTSET + output_shape 8 → full[1:9]', () => {
    const up = fromOnnx({ ...base, auto_pad: 'SAME_UPPER' });
    const lo = fromOnnx({ ...base, auto_pad: 'SAME_LOWER' });
    const os = fromOnnx({ ...base, output_shape: [8] });
    expect(full.length).toBe(9);
    expect(run(up, x, w)).toEqual(full.slice(0, 8));
    expect(run(lo, x, w)).toEqual(full.slice(1, 9));
    expect(run(os, x, w)).toEqual(full.slice(1, 9));
    expect(os.pads).toEqual([[1, 0]]);
    expect(lo.torchEquivalent).toBe('not expressible with symmetric padding: conv_transpose1d(stride=2, padding=0) then crop [1:9]');
  });
  it('output_shape overrides pads; a larger one keeps zeros at the end', () => {
    const r = fromOnnx({ ...base, pads: [3, 3], output_shape: [10] });
    expect(r.pads).toEqual([[0, 0]]);
    expect(r.outputPadding).toEqual([1]);
    expect(run(r, x, w)).toEqual([...full, 0]);
  });
  it('pads and output_padding match PyTorch conv_transpose(padding, output_padding)', () => {
    const r = fromOnnx({ ...base, pads: [1, 1], output_padding: [1] });
    expect(r.geometry.outputShape).toEqual([1, 1, 8]);
    expect(r.torchEquivalent).toBe('conv_transpose1d(stride=2, padding=1, output_padding=1)');
    expect(run(r, x, w)).toEqual(full.slice(1, 9));
  });
  it('refusals (§5.4)', () => {
    expect(code(() => fromOnnx({ ...base, output_padding: [2] }))).toBe('OUTPUT_PADDING');
    expect(code(() => fromOnnx({ ...base, strides: [1], dilations: [2], output_padding: [1] }))).toBe('OUTPUT_PADDING');
    expect(code(() => fromOnnx({ op: 'ConvTranspose', xShape: [1, 3, 4], wShape: [3, 2, 3], group: 2 }))).toBe('GROUPS');
    expect(code(() => fromOnnx({ op: 'ConvTranspose', xShape: [1, 4, 4], wShape: [3, 2, 3] }))).toBe('CHANNELS');
    expect(code(() => fromOnnx({ op: 'ConvTranspose', xShape: [1, 1, 1], wShape: [1, 1, 1], pads: [1, 1] }))).toBe('OUTPUT_TOO_SMALL');
  });
  it('SAME with a kernel too small to reach input·stride: ORT returns the full output (a note says so)', () => {
    const r = fromOnnx({ op: 'ConvTranspose', xShape: [1, 1, 4], wShape: [1, 1, 1], strides: [2], auto_pad: 'SAME_UPPER' });
    expect(r.geometry.outputShape).toEqual([1, 1, 7]);
    expect(r.notes.join(' ')).toContain('input·stride = 8');
  });
  it('grouped: M = W.shape[1]·group', () => {
    const r = fromOnnx({ op: 'ConvTranspose', xShape: [2, 4, 3, 3], wShape: [4, 3, 2, 2], group: 2, strides: [2, 2] });
    expect(r.geometry.outputShape).toEqual([2, 6, 6, 6]);
  });
});

describe('layout permutations', () => {
  it('channels-last ↔ channels-first round-trips', () => {
    const shape = [2, 3, 4, 5];
    const data = range(120, 0);
    const first = permuteData(data, shape, channelsLastToFirst(2));
    expect(first[1]).toBe(5); // [0, c=1, 0, 0] was [0, 0, 0, 1]
    const back = permuteData(first, [2, 5, 3, 4], channelsFirstToLast(2));
    expect(Array.from(back)).toEqual(data);
  });
});
