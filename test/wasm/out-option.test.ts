/**
 * The `out` option: every engine path (tiny, fast direct on one thread and on the threads with
 * its drained or fed copies, Winograd, transposed, async, reference, pooling) writes the whole
 * result into the caller's buffer and returns it, with exactly the numbers a fresh call gives.
 */
import { describe, expect, it } from 'vitest';
import { avgPool2d, conv2d, conv2dAsync, convTranspose2d, convTranspose2dAsync, isConvError, maxPool2d, setFastEngineThreads, type Tensor } from '../../src/index.js';
import { prod, randomData, rng } from './helpers.js';

const tensorOf = (shape: number[], seed: number): Tensor => ({ shape, data: randomData(prod(shape), rng(seed)) });

/** A buffer of poison, so a cell the engine forgot to write shows up as NaN. */
const poisoned = (n: number): Float32Array => new Float32Array(n).fill(Number.NaN);

const cases: { name: string; x: number[]; w: number[]; options: Record<string, unknown>; transposed?: boolean }[] = [
  { name: 'tiny conv (plain JS engine)', x: [1, 1, 5, 5], w: [1, 1, 3, 3], options: {} },
  { name: 'dense conv, strided and padded', x: [2, 8, 33, 31], w: [16, 8, 3, 3], options: { stride: 2, padding: 1 } },
  { name: 'depthwise conv (input fed task by task)', x: [1, 32, 40, 40], w: [32, 1, 3, 3], options: { groups: 32, padding: 1 } },
  { name: 'Winograd-eligible 3x3 stride 1', x: [1, 16, 48, 48], w: [16, 16, 3, 3], options: { padding: 1, algorithm: 'winograd' } },
  { name: 'transposed 2x upsampling', x: [1, 8, 24, 24], w: [8, 4, 4, 4], options: { stride: 2, padding: 1 }, transposed: true },
  { name: 'reference engine', x: [1, 4, 12, 12], w: [6, 4, 3, 3], options: { engine: 'reference', dilation: 2 } },
];

describe('the out option', () => {
  for (const threads of [1, 2]) {
    for (const c of cases) {
      it(`${c.name}, ${threads} thread(s): sync and async write the whole result into out`, async () => {
        setFastEngineThreads(threads);
        const x = tensorOf(c.x, 1), w = tensorOf(c.w, 2);
        const op = c.transposed ? convTranspose2d : conv2d;
        const opAsync = c.transposed ? convTranspose2dAsync : conv2dAsync;
        const fresh = op(x, w, c.options);
        const out = poisoned(fresh.data.length);
        const y = op(x, w, { ...c.options, out });
        expect(y.data).toBe(out);
        expect(y.shape).toEqual(fresh.shape);
        expect(out).toEqual(fresh.data);
        const again = poisoned(fresh.data.length);
        const z = await opAsync(x, w, { ...c.options, out: again });
        expect(z.data).toBe(again);
        expect(again).toEqual(fresh.data);
      });
    }
  }

  it('pooling writes into out on one thread and on two (drained as tasks finish)', () => {
    const x = tensorOf([1, 64, 56, 56], 3);
    for (const threads of [1, 2]) {
      setFastEngineThreads(threads);
      for (const pool of [maxPool2d, avgPool2d]) {
        const o = { kernelSize: 3, stride: 2, padding: 1 };
        const fresh = pool(x, o);
        const out = poisoned(fresh.data.length);
        expect(pool(x, { ...o, out }).data).toBe(out);
        expect(out).toEqual(fresh.data);
      }
    }
  });

  it('refuses a wrong out, saying what would be valid', () => {
    const x = tensorOf([1, 1, 6, 6], 4), w = tensorOf([1, 1, 3, 3], 5);
    const refusal = (out: unknown): string => {
      try { conv2d(x, w, { out: out as Float32Array }); } catch (e) { expect(isConvError(e)).toBe(true); return (e as Error).message; }
      return 'accepted';
    };
    expect(refusal([1, 2, 3])).toMatch(/out must be a Float32Array.*new Float32Array\(16\) for the output \[1, 1, 4, 4\]/);
    expect(refusal(new Float64Array(16))).toMatch(/out must be a Float32Array/);
    expect(refusal(new Float32Array(15))).toMatch(/out has 15 values, but the output \[1, 1, 4, 4\] has 16/);
    const shared = new Float32Array(52);
    const xs = { shape: [1, 1, 6, 6], data: shared.subarray(0, 36) };
    let msg = '';
    try { conv2d(xs, w, { out: shared.subarray(30, 46) }); } catch (e) { msg = (e as Error).message; }
    expect(msg).toMatch(/out shares memory with an operand of the call/);
    // Beside the input in one buffer, without overlap, is fine.
    expect(conv2d(xs, w, { out: shared.subarray(36, 52) }).data).toEqual(conv2d(xs, w).data);
    expect(() => maxPool2d(x, { kernelSize: 2, out: new Float32Array(8) })).toThrow(/out has 8 values, but the output \[1, 1, 3, 3\] has 9/);
  });
});

describe('the out option of computeGeometry and computePoolGeometry', () => {
  it('receives the result in the layout returned (framework or convkit)', async () => {
    const { computeGeometry, computePoolGeometry, fromTensorFlow, fromTensorFlowPool } = await import('../../src/index.js');
    const r = fromTensorFlow({ op: 'conv', inputShape: [1, 9, 9, 3], filterShape: [3, 3, 3, 4], padding: 'SAME', strides: 2 });
    const x = tensorOf([1, 9, 9, 3], 7), w = tensorOf([3, 3, 3, 4], 8);
    for (const layout of ['framework', 'convkit'] as const) {
      const xs = layout === 'framework' ? x : { shape: r.geometry.inputShape, data: x.data };
      const ws = layout === 'framework' ? w : { shape: r.weightShape, data: w.data };
      const fresh = computeGeometry(r, xs, ws, { layout });
      const out = poisoned(fresh.data.length);
      expect(computeGeometry(r, xs, ws, { layout, out }).data).toBe(out);
      expect(out).toEqual(fresh.data);
    }
    const p = fromTensorFlowPool({ op: 'max', inputShape: [1, 30, 30, 16], poolSize: [3, 3], strides: 2, padding: 'SAME' });
    const xp = tensorOf([1, 30, 30, 16], 9);
    const fresh = computePoolGeometry(p, xp);
    const out = poisoned(fresh.data.length);
    expect(computePoolGeometry(p, xp, { out }).data).toBe(out);
    expect(out).toEqual(fresh.data);
    expect(() => computePoolGeometry(p, xp, { out: new Float32Array(3) })).toThrow(/out has 3 values, but the output \[1, 15, 15, 16\] has 3600/);
  });
});

describe('the out option of the backward pass', () => {
  const configs: { name: string; x: number[]; w: number[]; options: Record<string, unknown>; transposed?: boolean }[] = [
    { name: 'direct, zeros padding (input gradient written in place)', x: [2, 8, 20, 20], w: [16, 8, 3, 3], options: { stride: 2, padding: 1 } },
    { name: 'direct, stride 1 (the input gradient as a direct conv)', x: [1, 16, 24, 24], w: [16, 16, 3, 3], options: { padding: 1 } },
    { name: 'direct, reflect padding (folded after)', x: [1, 4, 12, 12], w: [6, 4, 3, 3], options: { padding: 1, paddingMode: 'reflect' } },
    { name: 'transposed with an output padding', x: [1, 8, 16, 16], w: [8, 4, 3, 3], options: { stride: 2, padding: 1, outputPadding: 1 }, transposed: true },
    { name: 'reference engine', x: [1, 3, 9, 9], w: [5, 3, 3, 3], options: { engine: 'reference', dilation: 2 } },
  ];
  for (const c of configs) {
    it(`${c.name}: every gradient lands in its buffer, sync and async`, async () => {
      const { convBackward, convBackwardAsync, convTransposeBackward, convTransposeBackwardAsync } = await import('../../src/index.js');
      setFastEngineThreads(2);
      const x = tensorOf(c.x, 11), w = tensorOf(c.w, 12);
      const ocs = c.transposed ? c.w[1] : c.w[0];
      const bias = tensorOf([ocs], 13);
      const op = c.transposed ? convTransposeBackward : convBackward;
      const opAsync = c.transposed ? convTransposeBackwardAsync : convBackwardAsync;
      const y = (c.transposed ? convTranspose2d : conv2d)(x, w, c.options);
      const gy = tensorOf(y.shape, 14);
      const fresh = op(x, w, gy, { ...c.options, bias });
      for (const run of [op, opAsync]) {
        const out = { input: poisoned(x.data.length), weight: poisoned(w.data.length), bias: poisoned(ocs) };
        const g = await run(x, w, gy, { ...c.options, bias, out });
        expect(g.input!.data).toBe(out.input);
        expect(g.weight!.data).toBe(out.weight);
        expect(g.bias!.data).toBe(out.bias);
        expect(out.input).toEqual(fresh.input!.data);
        expect(out.weight).toEqual(fresh.weight!.data);
        expect(out.bias).toEqual(fresh.bias!.data);
      }
    });
  }

  it('refuses buffers of the wrong size or sharing memory with an operand', async () => {
    const { convBackward } = await import('../../src/index.js');
    const x = tensorOf([1, 1, 6, 6], 4), w = tensorOf([1, 1, 3, 3], 5), gy = tensorOf([1, 1, 4, 4], 6);
    expect(() => convBackward(x, w, gy, { out: { weight: new Float32Array(8) } })).toThrow(/out\.weight has 8 values, but the weight gradient \[1, 1, 3, 3\] has 9/);
    expect(() => convBackward(x, w, gy, { out: { input: gy.data.subarray(0, 16) as Float32Array } })).toThrow(/out\.input has 16 values, but the input gradient \[1, 1, 6, 6\] has 36/);
    expect(() => convBackward(x, w, gy, { out: { weight: w.data } })).toThrow(/out\.weight shares memory with an operand/);
    expect(() => convBackward(x, w, gy, { out: { bias: [0] as never } })).toThrow(/out\.bias must be a Float32Array.*new Float32Array\(1\) for the bias gradient \[1\]/);
    expect(() => convBackward(x, w, gy, { out: new Float32Array(36) as never })).toThrow(/out of a backward call must be an object such as \{ input, weight, bias \}/);
  });
});
