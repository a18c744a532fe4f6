/**
 * The weight gradient by Winograd F(3×3, 4×4) (src/engine/wasm/winograd-grad.ts): against the
 * reference engine on random eligible configurations (batch, channels, sizes that are not
 * multiples of 4, [before, after] padding, every padding mode; one and two threads, sync and
 * async, into a caller's buffer), and which path the public backward call takes: Winograd where
 * 'auto' prefers it, the GEMM for dilated, strided and small calls.
 */
import { describe, expect, it } from 'vitest';
import { conv2dBackward, conv2dBackwardAsync, tensor, type PaddingMode } from '../../src/index.js';
import { preferWinograd } from '../../src/engine/algorithm.js';
import { referenceWeightGrad } from '../../src/engine/reference/backward.js';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import { weightGradJob } from '../../src/engine/wasm/weight-grad.js';
import { runWinogradGrad, runWinogradGradAsync, winogradGradIneligibility } from '../../src/engine/wasm/winograd-grad.js';
import { convGeometry } from '../../src/geometry/torch.js';
import { prod, randomData, relError, rng } from '../wasm/helpers.js';

/** The forward Winograd's tolerance (test/wasm/winograd.test.ts): 1e-4 of the result's scale. */
const TOL = 1e-4;
const MODES: PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

describe('Winograd weight gradient vs the reference engine', () => {
  it('agrees within 1e-4 of the scale on random eligible configurations: 1 and 2 threads, sync and async, into a buffer', async () => {
    const engine = wasmEngine()!;
    expect(engine).not.toBeNull();
    const r = rng(20261202);
    const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
    let checked = 0;
    for (let i = 0; i < 40; i++) {
      const n = int(1, 3), ic = int(1, 40), oc = int(1, 24), h = int(3, 23), w = int(3, 23);
      const padding: [number, number][] = [[int(0, 2), int(0, 2)], [int(0, 2), int(0, 2)]];
      const paddingMode = MODES[i % 4];
      const xs = [n, ic, h, w], ws = [oc, ic, 3, 3];
      let g;
      try {
        g = convGeometry({ inputShape: xs, weightShape: ws }, { padding, paddingMode });
      } catch {
        continue; // a reflect padding as wide as the input: refused by the geometry as by PyTorch
      }
      expect(winogradGradIneligibility(g)).toBeNull();
      const x = randomData(prod(xs), r), gy = randomData(prod(g.outputShape), r);
      const ref = referenceWeightGrad(g, x, gy);
      const label = JSON.stringify({ xs, ws, padding, paddingMode });
      const one = runWinogradGrad(engine, g, x, gy, null, 1)!;
      expect(relError(one, ref), label).toBeLessThanOrEqual(TOL);
      // Tasks own their outputs and compute them the same way on any thread: bitwise equal.
      expect(runWinogradGrad(engine, g, x, gy, null, 2), label).toEqual(one);
      const into = new Float32Array(one.length).fill(NaN);
      expect(runWinogradGrad(engine, g, x, gy, into, 2)).toBe(into);
      expect(into).toEqual(one);
      const intoAsync = new Float32Array(one.length).fill(NaN);
      const got = await runWinogradGradAsync(engine, g, x, gy, intoAsync);
      expect(got).toBe(intoAsync);
      expect(intoAsync).toEqual(one);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('refuses what it does not compute (those keep the GEMM path)', () => {
    const geo = (opts: Record<string, unknown>, ws = [4, 4, 3, 3], xs = [1, 4, 12, 12]) => convGeometry({ inputShape: xs, weightShape: ws }, opts);
    expect(winogradGradIneligibility(geo({ padding: 2, dilation: 2 }))).toMatch(/dilation is 2×2/);
    expect(winogradGradIneligibility(geo({ stride: 2 }))).toMatch(/stride/);
    expect(winogradGradIneligibility(geo({ groups: 2 }, [4, 2, 3, 3]))).toMatch(/groups 2/);
    expect(winogradGradIneligibility(geo({}, [4, 4, 5, 5]))).toMatch(/kernel is 5×5/);
    expect(winogradGradIneligibility(geo({ padding: 1 }))).toBeNull();
  });
});

describe("the public backward call's weight gradient on engine 'auto'", () => {
  const engine = wasmEngine()!;
  function call(xs: number[], ws: number[], options: Record<string, unknown>) {
    const g = convGeometry({ inputShape: xs, weightShape: ws }, options);
    const r = rng(prod(xs) + prod(ws));
    const x = randomData(prod(xs), r), w = randomData(prod(ws), r), gy = randomData(prod(g.outputShape), r);
    const args = [tensor(x, xs), tensor(w, ws), tensor(gy, g.outputShape)] as const;
    return { g, x, gy, args, ref: referenceWeightGrad(g, x, gy) };
  }

  it('runs as Winograd where the forward would (bitwise its numbers), sync, async and into the out buffer', async () => {
    for (const [xs, options] of [[[1, 16, 23, 21], { padding: 1 }], [[2, 24, 17, 30], { padding: [0, 2], paddingMode: 'reflect' }]] as const) {
      const ws = [20, xs[1], 3, 3];
      const c = call([...xs], ws, options);
      expect(preferWinograd(c.g)).toBe(true);
      const wino = runWinogradGrad(engine, c.g, c.x, c.gy)!;
      expect(relError(wino, c.ref)).toBeLessThanOrEqual(TOL);
      const opts = { ...options, gradients: { input: false, weight: true } };
      expect(conv2dBackward(...c.args, opts).weight!.data).toEqual(wino);
      expect((await conv2dBackwardAsync(...c.args, opts)).weight!.data).toEqual(wino);
      const buf = new Float32Array(prod(ws));
      const got = conv2dBackward(...c.args, { ...opts, out: { weight: buf } }).weight!;
      expect(got.data).toBe(buf);
      expect(buf).toEqual(wino);
    }
  });

  it('keeps the GEMM path for a dilated or strided conv and for few channels', () => {
    for (const [xs, ws, options] of [
      [[1, 16, 30, 30], [16, 16, 3, 3], { padding: 2, dilation: 2 }],
      [[1, 16, 30, 30], [16, 16, 3, 3], { padding: 1, stride: 2 }],
      [[1, 8, 40, 40], [8, 8, 3, 3], { padding: 1 }],
    ] as const) {
      const c = call([...xs], [...ws], options);
      const gemm = engine.runJob(weightGradJob(c.g, c.x, c.gy));
      expect(relError(gemm, c.ref)).toBeLessThanOrEqual(TOL);
      expect(conv2dBackward(...c.args, { ...options, gradients: { input: false, weight: true } }).weight!.data).toEqual(gemm);
    }
  });
});
