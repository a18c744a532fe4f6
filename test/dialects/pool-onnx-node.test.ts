/**
 * The one-call APIs: `onnxNode` for Conv and ConvTranspose against ONNX Runtime's recorded outputs
 * (test/fixtures/dialects/onnxruntime-peer.json, the same nodes fromOnnx is checked with), its B
 * input, its attribute checks and the pooling defaults of the spec; `computeGeometry` on
 * TensorFlow.js's recorded calls (tfjs-peer.json) with the tensors in tfjs's own layouts, on the
 * fast engine; `computePoolGeometry` with both layouts. For pooling against the peers see
 * pool-peers.test.ts and pool-onnx-conformance.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { computeGeometry, computePoolGeometry, onnxNode } from '../../src/ops/onnx-node.js';
import { fromTensorFlow } from '../../src/geometry/tensorflow.js';
import { fromTensorFlowPool } from '../../src/geometry/tensorflow-pool.js';
import { fromOnnxPool } from '../../src/geometry/onnx-pool.js';
import { ConvError } from '../../src/geometry/errors.js';
import { avgPool2d } from '../../src/ops/pool.js';
import { tensor } from '../../src/tensor/tensor.js';
import { decodeF32, readFixture, type OrtCase, type PeerFixture, type TfjsCase } from './peer-fixtures.js';
import { relError } from './rng.js';

const ort = readFixture<PeerFixture<OrtCase>>('onnxruntime-peer.json');
const tfjs = readFixture<PeerFixture<TfjsCase>>('tfjs-peer.json');

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ConvError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('onnxNode: Conv and ConvTranspose as ONNX Runtime computes them (recorded)', () => {
  const cases = Object.values(ort.groups).flat();
  it(`${cases.length} recorded nodes: refusals agree, outputs within 1e-4 of ORT's, on the fast engine and the reference`, () => {
    let computed = 0;
    for (const c of cases) {
      const { op, xShape, wShape, ...attributes } = c.spec;
      const inputs = [tensor(decodeF32(c.x), xShape), tensor(decodeF32(c.w), wShape)];
      const tag = JSON.stringify(c.spec);
      if (c.peer.refused) {
        expect({ tag, code: codeOf(() => onnxNode(op, attributes, inputs)) }).not.toEqual({ tag, code: 'accepted' });
        continue;
      }
      for (const engine of ['auto', 'reference'] as const) {
        const y = onnxNode(op, attributes, inputs, { engine });
        expect({ tag, shape: y.shape }).toEqual({ tag, shape: c.peer.shape });
        expect({ tag, engine, ok: relError(y.data, decodeF32(c.peer.y)) < 1e-4 }).toEqual({ tag, engine, ok: true });
      }
      computed++;
    }
    expect(computed).toBeGreaterThan(90);
  });

  it('B is added to every cell of its output channel', () => {
    const x = tensor(Float32Array.from({ length: 2 * 16 }, (_, i) => Math.sin(i)), [1, 2, 4, 4]);
    for (const [op, w] of [['Conv', tensor(Float32Array.from({ length: 3 * 2 * 9 }, (_, i) => Math.cos(i)), [3, 2, 3, 3])], ['ConvTranspose', tensor(Float32Array.from({ length: 2 * 3 * 9 }, (_, i) => Math.cos(i)), [2, 3, 3, 3])]] as const) {
      const attrs = { strides: [2, 2], pads: [1, 0, 0, 1] };
      const plain = onnxNode(op, attrs, [x, w]);
      const biased = onnxNode(op, attrs, [x, w, tensor([1, -2, 0.5], [3])]);
      const per = plain.data.length / 3;
      for (let i = 0; i < plain.data.length; i++) expect(biased.data[i]).toBeCloseTo(plain.data[i] + [1, -2, 0.5][Math.floor(i / per)], 5);
    }
  });

  it("takes the spec's attribute names and inputs only, saying which are valid", () => {
    const x = tensor(new Float32Array(16), [1, 1, 4, 4]);
    const w = tensor(new Float32Array(9), [1, 1, 3, 3]);
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as ConvError;
      }
      throw new Error('accepted');
    };
    const e1 = err(() => onnxNode('Conv', { padding: [1, 1, 1, 1] }, [x, w]));
    expect(e1.code).toBe('INVALID_OPTION');
    expect(e1.message).toContain('auto_pad, dilations, group, kernel_shape, pads, strides');
    expect(err(() => onnxNode('Conv', {}, [x])).message).toContain('input W is missing');
    expect(err(() => onnxNode('MaxPool', { kernel_shape: [2, 2] }, [x, w])).message).toContain('at most 1 input');
    expect(err(() => onnxNode('MaxPool', { kernel_shape: [2, 2], count_include_pad: 1 }, [x])).code).toBe('INVALID_OPTION');
    expect(err(() => onnxNode('AveragePool', {}, [x])).message).toContain('kernel_shape attribute is required');
    expect(err(() => onnxNode('Relu' as never, {}, [x])).code).toBe('INVALID_OPTION');
    expect(err(() => onnxNode('Conv', {}, [x, w, tensor([1, 2], [2])])).code).toBe('BIAS');
    // Refusals of the node itself come from the dialect (here ORT's: SAME with dilation on a Conv).
    expect(err(() => onnxNode('Conv', { auto_pad: 'SAME_UPPER', dilations: [2, 2] }, [x, w])).code).toBe('DILATION');
  });

  it("pools with ONNX's defaults, not PyTorch's: strides 1 and averages without the padding", () => {
    const x = tensor(Float32Array.from({ length: 16 }, (_, i) => i + 1), [1, 1, 4, 4]);
    expect(onnxNode('MaxPool', { kernel_shape: [2, 2] }, [x]).shape).toEqual([1, 1, 3, 3]);
    const onnx = onnxNode('AveragePool', { kernel_shape: [3, 3], strides: [3, 3], pads: [1, 1, 1, 1] }, [x]);
    expect(Array.from(onnx.data)).toEqual(Array.from(avgPool2d(x, { kernelSize: 3, padding: 1, countIncludePad: false }).data));
    const counted = onnxNode('AveragePool', { kernel_shape: [3, 3], strides: [3, 3], pads: [1, 1, 1, 1], count_include_pad: 1 }, [x]);
    expect(Array.from(counted.data)).toEqual(Array.from(avgPool2d(x, { kernelSize: 3, padding: 1 }).data));
  });
});

describe('computeGeometry: a TensorFlow.js dialect result run in tfjs layouts (recorded)', () => {
  it('every recorded tfjs call that computes agrees within 1e-4, on the fast engine', () => {
    let computed = 0;
    for (const c of Object.values(tfjs.groups).flat()) {
      if (c.peer.refused) continue;
      let r;
      try {
        r = fromTensorFlow(c.spec);
      } catch (e) {
        if (e instanceof ConvError) continue; // an empty tfjs output convkit refuses (tfjs-peer.test.ts)
        throw e;
      }
      const y = computeGeometry(r, tensor(decodeF32(c.x), c.spec.inputShape), tensor(decodeF32(c.w), c.spec.filterShape));
      const tag = JSON.stringify(c.spec);
      expect({ tag, shape: y.shape }).toEqual({ tag, shape: c.peer.shape });
      const expected = decodeF32(c.peer.y);
      if (expected.some((v) => Number.isNaN(v))) continue; // tfjs's malformed outputs (tfjs-peer.test.ts)
      expect({ tag, ok: relError(y.data, expected) < 1e-4 }).toEqual({ tag, ok: true });
      computed++;
    }
    expect(computed).toBeGreaterThan(100);
  });

  it("takes convkit's layouts with layout: 'convkit', and refuses tensors of other shapes", () => {
    const r = fromTensorFlow({ op: 'conv', inputShape: [1, 3, 3, 2], filterShape: [2, 2, 2, 1], padding: 'VALID' });
    const xNhwc = Float32Array.from({ length: 18 }, (_, i) => i);
    const wTf = Float32Array.from({ length: 8 }, (_, i) => 1 - i / 4);
    const a = computeGeometry(r, tensor(xNhwc, [1, 3, 3, 2]), tensor(wTf, [2, 2, 2, 1]));
    const xNchw = Float32Array.from({ length: 18 }, (_, i) => xNhwc[(i % 9) * 2 + Math.floor(i / 9)]);
    const wOihw = Float32Array.from({ length: 8 }, (_, i) => wTf[(i % 4) * 2 + Math.floor(i / 4)]);
    const b = computeGeometry(r, tensor(xNchw, [1, 2, 3, 3]), tensor(wOihw, [1, 2, 2, 2]), { layout: 'convkit' });
    expect(a.shape).toEqual([1, 2, 2, 1]);
    expect(b.shape).toEqual([1, 1, 2, 2]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(codeOf(() => computeGeometry(r, tensor(xNchw, [1, 2, 3, 3]), tensor(wTf, [2, 2, 2, 1])))).toBe('INVALID_OPTION');
    expect(codeOf(() => computeGeometry(r.geometry, tensor(xNchw, [2, 3, 3]), tensor(wOihw, [1, 2, 2, 2])))).toBe('INPUT_RANK');
    expect(codeOf(() => computeGeometry(r, tensor(xNhwc, [1, 3, 3, 2]), tensor(wTf, [2, 2, 2, 1]), { bias: tensor([1, 2], [2]) }))).toBe('BIAS');
  });

  it('computePoolGeometry runs a pooling dialect result in either layout, and only pooling', () => {
    const r = fromTensorFlowPool({ op: 'max', inputShape: [1, 2, 2, 2], poolSize: [2, 2], padding: 'VALID' });
    const x = tensor([1, 8, 2, 7, 3, 6, 4, 5], [1, 2, 2, 2]);
    expect(Array.from(computePoolGeometry(r, x).data)).toEqual([4, 8]);
    expect(computePoolGeometry(r, tensor([1, 2, 3, 4, 8, 7, 6, 5], [1, 2, 2, 2]), { layout: 'convkit' }).shape).toEqual([1, 2, 1, 1]);
    expect(codeOf(() => computePoolGeometry(fromTensorFlow({ op: 'conv', inputShape: [1, 3, 3, 1], filterShape: [1, 1, 1, 1], padding: 'VALID' }) as never, x))).toBe('INVALID_OPTION');
    expect(codeOf(() => computeGeometry(fromOnnxPool({ op: 'MaxPool', xShape: [1, 1, 2, 2], kernel_shape: [2, 2] }) as never, x, x))).toBe('INVALID_OPTION');
  });
});

describe('onnxNode robustness', () => {
  it('bad attribute values and inputs are refused with a ConvError, nothing else is thrown', () => {
    const x = tensor(new Float32Array(2 * 25), [1, 2, 5, 5]);
    const w = tensor(new Float32Array(4 * 9), [2, 2, 3, 3]);
    const junk: unknown[] = [null, NaN, -1, 1.5, 'x', [], [NaN, 1], [1, 2, 3, 4, 5, 6, 7], {}, true];
    let refused = 0;
    for (const [op, inputs] of [['Conv', [x, w]], ['ConvTranspose', [x, w]], ['AveragePool', [x]], ['MaxPool', [x]]] as const) {
      const base: Record<string, unknown> = op === 'Conv' || op === 'ConvTranspose' ? { strides: [1, 1] } : { kernel_shape: [2, 2] };
      for (const name of ['auto_pad', 'pads', 'strides', 'dilations', 'kernel_shape', 'group', 'ceil_mode', 'output_shape']) {
        for (const v of junk) {
          try {
            onnxNode(op, { ...base, [name]: v } as never, inputs);
          } catch (e) {
            if (!(e instanceof ConvError)) throw new Error(`${op} with ${name} = ${String(v)} threw ${String(e)}`);
            refused++;
          }
        }
      }
      for (const bad of [null, [], [x, x, x, x], [{ shape: [1], data: 'no' }], 'x']) {
        expect(codeOf(() => onnxNode(op, base as never, bad as never))).not.toBe('accepted');
      }
    }
    expect(refused).toBeGreaterThan(200);
  });
});
