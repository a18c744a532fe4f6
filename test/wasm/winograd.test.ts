/**
 * Winograd F(4×4, 3×3) on the fast engine (algorithm 'winograd'): against the reference engine on
 * random eligible configurations (padding, padding modes, dilation by space-to-batch, batch,
 * bias; one and two threads), against PyTorch on every eligible fixture, and the option's
 * refusals.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConvError, conv1d, conv2d, conv2dAsync, conv3d, convTranspose2d, tensor, zeros, type Tensor } from '../../src/index.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import { runWinograd } from '../../src/engine/wasm/winograd-job.js';
import { convGeometry } from '../../src/geometry/torch.js';
import { prod, randomData, relError, rng } from './helpers.js';

const TOL = 1e-4;

describe('Winograd vs the reference engine', () => {
  it('is available (the fast engine loads with SIMD here)', () => {
    expect(wasmEngine()).not.toBeNull();
  });

  it('agrees within 1e-4 of the output scale on random eligible configurations, on one and two threads', () => {
    const engine = wasmEngine()!;
    const modes = ['zeros', 'reflect', 'replicate', 'circular'] as const;
    const config = fc.record({
      n: fc.integer({ min: 1, max: 2 }), ic: fc.integer({ min: 1, max: 40 }), oc: fc.integer({ min: 1, max: 19 }),
      h: fc.integer({ min: 1, max: 23 }), w: fc.integer({ min: 1, max: 23 }),
      ph: fc.integer({ min: 0, max: 4 }), pw: fc.integer({ min: 0, max: 4 }),
      dh: fc.integer({ min: 1, max: 3 }), dw: fc.integer({ min: 1, max: 3 }),
      mode: fc.constantFrom(...modes), bias: fc.boolean(), seed: fc.integer({ min: 1, max: 1e9 }),
    });
    let checked = 0;
    fc.assert(fc.property(config, (c) => {
      const xs = [c.n, c.ic, c.h, c.w], ws = [c.oc, c.ic, 3, 3];
      let g;
      try {
        g = convGeometry({ inputShape: xs, weightShape: ws, biasShape: c.bias ? [c.oc] : undefined }, { padding: [c.ph, c.pw], dilation: [c.dh, c.dw], paddingMode: c.mode });
      } catch (e) {
        if (e instanceof ConvError) return true; // a geometry PyTorch refuses (kernel past the padded input, reflect pad ≥ input)
        throw e;
      }
      const r = rng(c.seed);
      const x = randomData(prod(xs), r), w = randomData(prod(ws), r), b = c.bias ? randomData(c.oc, r) : null;
      const ref = referenceConv(g, x, w, b);
      const api = conv2d(tensor(x, xs), tensor(w, ws), { padding: [c.ph, c.pw], dilation: [c.dh, c.dw], paddingMode: c.mode, bias: b ? tensor(b, [c.oc]) : null, algorithm: 'winograd' });
      expect(api.shape).toEqual(g.outputShape);
      expect(relError(api.data, ref)).toBeLessThanOrEqual(TOL);
      for (const threads of [1, 2]) expect(relError(runWinograd(engine, g, x, w, b, threads), ref)).toBeLessThanOrEqual(TOL);
      checked++;
      return true;
    }), { numRuns: 120, seed: 20261202 });
    expect(checked).toBeGreaterThan(80);
  });

  it('agrees on layer shapes with many channels and tiles (64→64 56×56; 256→256 dilation 2; 300→20 with K over one block)', () => {
    const engine = wasmEngine()!;
    const r = rng(7);
    for (const [xs, ws, o] of [
      [[1, 64, 56, 56], [64, 64, 3, 3], { padding: 1 }],
      [[1, 256, 20, 20], [256, 256, 3, 3], { padding: 2, dilation: 2 }],
      [[2, 300, 9, 11], [20, 300, 3, 3], { padding: 1 }],
    ] as const) {
      const g = convGeometry({ inputShape: [...xs], weightShape: [...ws], biasShape: [ws[0]] }, o);
      const x = randomData(prod(xs), r), w = randomData(prod(ws), r), b = randomData(ws[0], r);
      const ref = referenceConv(g, x, w, b);
      for (const threads of [1, 2]) expect(relError(runWinograd(engine, g, x, w, b, threads), ref), `${xs} ${threads} threads`).toBeLessThanOrEqual(TOL);
    }
  });

  it('reads the weights of each call (a weight changed in place is never served stale)', () => {
    const xs = [1, 8, 12, 12], ws = [8, 8, 3, 3];
    const r = rng(3);
    const x = tensor(randomData(prod(xs), r), xs), w = tensor(randomData(prod(ws), r), ws);
    const first = conv2d(x, w, { padding: 1, algorithm: 'winograd' }).data.slice();
    w.data[0] += 1;
    const second = conv2d(x, w, { padding: 1, algorithm: 'winograd' }).data;
    const ref = conv2d(x, w, { padding: 1, engine: 'reference' }).data;
    expect(relError(second, ref)).toBeLessThanOrEqual(TOL);
    expect(relError(first, ref)).toBeGreaterThan(TOL);
  });

  it('runs asynchronously too', async () => {
    const xs = [1, 16, 20, 20], ws = [16, 16, 3, 3];
    const r = rng(5);
    const x = tensor(randomData(prod(xs), r), xs), w = tensor(randomData(prod(ws), r), ws);
    const y = await conv2dAsync(x, w, { padding: 2, dilation: 2, algorithm: 'winograd' });
    expect(relError(y.data, conv2d(x, w, { padding: 2, dilation: 2, engine: 'reference' }).data)).toBeLessThanOrEqual(TOL);
  });

  it('keeps its two phases together when async calls queue up and a sync call comes between', async () => {
    // Each call is a weight-transform job then a tile job on one memory: another call's job
    // between them would leave the tiles reading other weights.
    const r = rng(9);
    const calls = [[1, 24, 18, 18, 20, 1], [2, 17, 13, 15, 33, 2], [1, 40, 10, 9, 16, 1]].map(([n, ic, h, wd, oc, d]) => {
      const x = tensor(randomData(n * ic * h * wd, r), [n, ic, h, wd]), w = tensor(randomData(oc * ic * 9, r), [oc, ic, 3, 3]);
      const o = { padding: d, dilation: d };
      return { x, w, o, ref: conv2d(x, w, { ...o, engine: 'reference' }).data };
    });
    const pending = calls.map((c) => conv2dAsync(c.x, c.w, { ...c.o, algorithm: 'winograd' }));
    const sync = conv2d(calls[1].x, calls[1].w, { ...calls[1].o, algorithm: 'winograd' });
    expect(relError(sync.data, calls[1].ref)).toBeLessThanOrEqual(TOL);
    const ys = await Promise.all(pending);
    ys.forEach((y, i) => expect(relError(y.data, calls[i].ref), `call ${i}`).toBeLessThanOrEqual(TOL));
  });
});

describe('Winograd on the relaxed-SIMD build (6-row GEMM panels)', () => {
  it('agrees with the reference for every output-channel remainder mod 6, in a child Node with relaxed SIMD', () => {
    const script = fileURLToPath(new URL('./winograd-relaxed-check.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', script], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(out.features).toMatchObject({ simd: true, relaxed: true });
    expect(out.tileRows).toBe(6);
    expect(out.runs).toBe(60);
    expect(out.worst).toBeLessThanOrEqual(TOL);
  }, 150_000);
});

interface FixtureCase {
  op: string;
  inputShape: number[];
  weightShape: number[] | null;
  biasShape: number[] | null;
  options: Record<string, unknown>;
  expectError?: boolean;
  outputShape?: number[];
  input?: number[];
  weight?: number[];
  bias?: number[];
  output?: (number | string)[];
}

describe('Winograd vs PyTorch fixtures', () => {
  const fixtures = JSON.parse(readFileSync(new URL('../fixtures/torch/fixtures.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] };
  const asArray = (v: unknown, n: number): unknown[] => (Array.isArray(v) ? v : Array(n).fill(v));
  // Eligible: conv2d, groups 1, a 3×3 kernel, stride 1 (any padding, mode, dilation, batch, bias).
  const eligible = fixtures.cases.filter((c) => !c.expectError && c.op === 'conv2d' && c.weightShape?.[2] === 3 && c.weightShape?.[3] === 3 &&
    (c.options.groups ?? 1) === 1 && asArray(c.options.stride ?? 1, 2).every((s) => s === 1));

  it(`matches PyTorch within 1e-4 of the output scale on every eligible conv2d fixture (${eligible.length})`, () => {
    expect(eligible.length).toBeGreaterThan(5);
    for (const c of eligible) {
      const x = c.input ? tensor(c.input, c.inputShape) : zeros(c.inputShape);
      const w = c.weight ? tensor(c.weight, c.weightShape!) : zeros(c.weightShape!);
      const bias = c.biasShape ? (c.bias ? tensor(c.bias, c.biasShape) : zeros(c.biasShape)) : null;
      const y: Tensor = conv2d(x, w, { ...c.options, bias, algorithm: 'winograd' } as never);
      expect(y.shape).toEqual(c.outputShape);
      const expected = Float32Array.from((c.output ?? []).map(Number));
      let scale = 1;
      for (const v of expected) scale = Math.max(scale, Math.abs(v));
      let worst = 0;
      for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(y.data[i] - expected[i]));
      expect(worst / scale, JSON.stringify({ in: c.inputShape, w: c.weightShape, o: c.options })).toBeLessThanOrEqual(TOL);
    }
  });
});

describe("the algorithm option's refusals", () => {
  const x2 = zeros([1, 4, 8, 8]);
  const refuse = (f: () => unknown, ...parts: string[]): void => {
    let thrown: unknown = null;
    try { f(); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(ConvError);
    expect((thrown as ConvError).code).toBe('INVALID_OPTION');
    for (const p of parts) expect((thrown as ConvError).message).toContain(p);
  };

  it("refuses 'winograd' on configurations it does not compute, saying which it does", () => {
    const which = 'groups 1, a 3×3 kernel and stride 1';
    refuse(() => conv2d(x2, zeros([4, 4, 3, 3]), { stride: 2, algorithm: 'winograd' }), 'stride is 2×2', which);
    refuse(() => conv2d(x2, zeros([4, 2, 3, 3]), { groups: 2, algorithm: 'winograd' }), 'groups 2', which);
    refuse(() => conv2d(x2, zeros([4, 4, 5, 5]), { algorithm: 'winograd' }), 'kernel is 5×5', which);
    refuse(() => conv2d(x2, zeros([4, 4, 3, 1]), { algorithm: 'winograd' }), 'kernel is 3×1', which);
    refuse(() => convTranspose2d(x2, zeros([4, 4, 3, 3]), { algorithm: 'winograd' }), 'transposed', which);
    refuse(() => conv1d(zeros([1, 4, 8]), zeros([4, 4, 3]), { algorithm: 'winograd' }), '1 spatial axis', which);
    refuse(() => conv3d(zeros([1, 4, 8, 8, 8]), zeros([4, 4, 3, 3, 3]), { algorithm: 'winograd' }), '3 spatial axes', which);
  });

  it("refuses 'winograd' on the reference engine and unknown algorithm names", () => {
    refuse(() => conv2d(x2, zeros([4, 4, 3, 3]), { algorithm: 'winograd', engine: 'reference' }), "engine is 'reference'");
    refuse(() => conv2d(x2, zeros([4, 4, 3, 3]), { algorithm: 'fft' as never }), "'auto', 'direct' or 'winograd'", '"fft"');
  });

  it("'direct' and 'auto' accept every configuration ('auto' falls back to direct where Winograd does not fit)", () => {
    const r = rng(11);
    const x = tensor(randomData(4 * 64, r), [1, 4, 8, 8]);
    const w = tensor(randomData(4 * 2 * 9, r), [4, 2, 3, 3]);
    const ref = conv2d(x, w, { groups: 2, stride: 2, engine: 'reference' }).data;
    for (const algorithm of ['auto', 'direct'] as const) expect(relError(conv2d(x, w, { groups: 2, stride: 2, algorithm }).data, ref)).toBeLessThanOrEqual(TOL);
  });
});
