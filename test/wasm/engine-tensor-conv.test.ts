/**
 * Engine tensors as the input of convolutions and of the backward pass (src/ops/conv.ts,
 * src/ops/backward.ts): the GEMM path builds its planes from the kept block where it lies (on the
 * calling thread, or in each task on the workers), the other paths copy it within the memory or
 * read a copy. Every result must be bit for bit the plain tensor's, on one thread and on two,
 * sync and async, also after a larger job moved the kept data.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import {
  conv1d, conv2d, conv2dAsync, conv2dBackward, conv3d, convTranspose2d, convTranspose2dBackward, convTranspose2dBackwardAsync, engineTensor, tensor,
  type Tensor,
} from '../../src/index.js';
import { prod, randomData, rng } from './helpers.js';

const engine = wasmEngine();
const random = (shape: number[], seed: number): Tensor => tensor(randomData(prod(shape), rng(seed)), shape);
const bits = (t: Tensor | null): number[] => (t ? Array.from(new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length)) : []);

type Call = (x: unknown, w: Tensor, o: object) => Tensor;
const cases: { name: string; f: Call; x: number[]; w: number[]; o: object }[] = [
  { name: '3×3 stride 2 (split planes; the workers build them per task)', f: conv2d as Call, x: [1, 32, 64, 64], w: [64, 32, 3, 3], o: { stride: 2, padding: 1 } },
  { name: '3×3 stride 1, direct (planes), with a bias', f: conv2d as Call, x: [2, 8, 20, 24], w: [16, 8, 3, 3], o: { padding: 1, algorithm: 'direct', bias: random([16], 3) } },
  { name: '3×3 stride 1 on Winograd (reads a copy)', f: conv2d as Call, x: [1, 16, 28, 28], w: [16, 16, 3, 3], o: { padding: 1, algorithm: 'winograd' } },
  { name: 'reflect padding, dilation 2', f: conv2d as Call, x: [1, 6, 30, 31], w: [12, 6, 3, 3], o: { padding: 2, dilation: 2, paddingMode: 'reflect' } },
  { name: 'transposed 4×4 stride 2 (sub-pixel planes)', f: convTranspose2d as Call, x: [1, 32, 16, 16], w: [32, 16, 4, 4], o: { stride: 2, padding: 1 } },
  { name: 'depthwise (fed channel spans when plain)', f: conv2d as Call, x: [1, 64, 40, 40], w: [64, 1, 3, 3], o: { padding: 1, groups: 64 } },
  { name: '3-D (no planes: copied within the memory)', f: conv3d as Call, x: [1, 4, 10, 12, 12], w: [8, 4, 3, 3, 3], o: { padding: 1 } },
  { name: 'tiny 1-D (the plain loops)', f: conv1d as Call, x: [1, 1, 9], w: [1, 1, 3], o: {} },
  { name: "engine 'reference'", f: conv2d as Call, x: [1, 3, 9, 9], w: [4, 3, 3, 3], o: { engine: 'reference' } },
];

describe.skipIf(!engine)('engine tensors: convolutions read them in place', () => {
  afterAll(() => { engine?.setThreads(2); });

  for (const threads of [1, 2]) {
    it(`give the plain tensor's results, on ${threads} thread(s)`, () => {
      engine!.setThreads(threads);
      for (const [i, c] of cases.entries()) {
        const x = random(c.x, 20 + i), w = random(c.w, 40 + i);
        const kept = engineTensor(x);
        const want = c.f(x, w, c.o);
        // Other values through the same layout first: a kept call that read the layout's own
        // input area instead of the block would give these.
        c.f(random(c.x, 60 + i), w, c.o);
        const got = c.f(kept, w, c.o);
        expect([c.name, got.shape]).toEqual([c.name, want.shape]);
        expect([c.name, bits(got)]).toEqual([c.name, bits(want)]);
        const out = new Float32Array(want.data.length).fill(NaN);
        expect([c.name, bits(c.f(kept, w, { ...c.o, out }))]).toEqual([c.name, bits(want)]);
        // The kept values are read, never written.
        expect(bits(kept.read())).toEqual(bits(x));
        kept.release();
      }
    });
  }

  it('async, and after a larger job moved the kept data above its layout', async () => {
    engine!.setThreads(2);
    const x = random([1, 32, 64, 64], 7), w = random([64, 32, 3, 3], 8);
    const kept = engineTensor(x);
    const want = conv2d(x, w, { stride: 2, padding: 1 });
    conv2d(random([1, 32, 64, 64], 12), w, { stride: 2, padding: 1 });
    expect(bits(await conv2dAsync(kept, w, { stride: 2, padding: 1 }))).toEqual(bits(want));
    conv2d(random([1, 64, 96, 96], 9), random([64, 64, 3, 3], 10), { padding: 1, algorithm: 'direct' });
    conv2d(random([1, 32, 64, 64], 11), w, { stride: 2, padding: 1 });
    expect(bits(conv2d(kept, w, { stride: 2, padding: 1 }))).toEqual(bits(want));
    // Released right after an async call was queued: that call still reads the kept values.
    const pending = conv2dAsync(kept, w, { stride: 2, padding: 1 });
    kept.release();
    expect(bits(await pending)).toEqual(bits(want));
    expect(() => conv2d(kept, w, { stride: 2, padding: 1 })).toThrow(/conv2d: this engine tensor was released/);
  });
});

describe.skipIf(!engine)('engine tensors: the backward pass reads them in place', () => {
  // The input gradient of a transposed conv is the direct conv of gradOutput (benchmark case (i), smaller; rows of 24 so it reads planes).
  const o = { stride: 2, padding: 1, outputPadding: 1, bias: random([16], 5) };
  const x = random([1, 32, 24, 24], 1), w = random([32, 16, 3, 3], 2), gy = random([1, 16, 48, 48], 3);

  for (const threads of [1, 2]) {
    it(`every gradient is the plain tensors', on ${threads} thread(s)`, () => {
      engine!.setThreads(threads);
      const want = convTranspose2dBackward(x, w, gy, { ...o, gradients: { bias: true } });
      const kx = engineTensor(x), kgy = engineTensor(gy);
      convTranspose2dBackward(random([1, 32, 24, 24], 11), w, random([1, 16, 48, 48], 12), { ...o, gradients: { bias: true } });
      const got = convTranspose2dBackward(kx, w, kgy, { ...o, gradients: { bias: true } });
      for (const k of ['input', 'weight', 'bias'] as const) expect([k, bits(got[k])]).toEqual([k, bits(want[k])]);
      const onlyDx = convTranspose2dBackward(x, w, kgy, { ...o, gradients: { input: true, weight: false } });
      expect(bits(onlyDx.input)).toEqual(bits(want.input));
      // A direct conv's gradients, with reflect padding (the input gradient folded back).
      const d = { padding: 1, paddingMode: 'reflect' as const, stride: 2 };
      const xd = random([2, 8, 15, 16], 6), wd = random([12, 8, 3, 3], 7), gyd = random([2, 12, 8, 8], 8);
      const wantD = conv2dBackward(xd, wd, gyd, d);
      const kxd = engineTensor(xd), kgyd = engineTensor(gyd);
      conv2dBackward(random([2, 8, 15, 16], 13), wd, random([2, 12, 8, 8], 14), d);
      const gotD = conv2dBackward(kxd, wd, kgyd, d);
      for (const k of ['input', 'weight'] as const) expect([k, bits(gotD[k])]).toEqual([k, bits(wantD[k])]);
      for (const t of [kx, kgy, kxd, kgyd]) t.release();
    });
  }

  it('async: released at once, the pass still reads the kept values', async () => {
    engine!.setThreads(2);
    const want = convTranspose2dBackward(x, w, gy, o);
    const kx = engineTensor(x), kgy = engineTensor(gy);
    const pending = convTranspose2dBackwardAsync(kx, w, kgy, o);
    kx.release();
    kgy.release();
    const got = await pending;
    for (const k of ['input', 'weight'] as const) expect([k, bits(got[k])]).toEqual([k, bits(want[k])]);
    expect(() => convTranspose2dBackward(kx, w, gy, o)).toThrow(/convTranspose2dBackward: this engine tensor was released/);
  });
});
