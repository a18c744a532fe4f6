/**
 * The fast engine's pooling (assembly/pooling.ts, src/engine/wasm/pooling-plan.ts) against the
 * reference engine: random PyTorch, ONNX and TensorFlow poolings (1-D to 3-D, padding on either side
 * or negative, ceil mode, dilation, every divisor rule, batches, empty windows), on one and two
 * threads; the recorded ONNX Runtime / TensorFlow.js cases and ONNX's conformance cases computed on
 * the fast engine; and the public entries routing 'auto' to it. Max pooling must give exactly the
 * reference's values (NaN where it has NaN, −0 where it has −0), average pooling within 1e-5 of
 * the output's scale (the reference sums in float64).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { referencePool } from '../../src/engine/reference/pool.js';
import { runPoolAsync } from '../../src/engine/pooling-dispatch.js';
import { WasmEngine, wasmEngine } from '../../src/engine/wasm/engine.js';
import { kernelModule } from '../../src/engine/wasm/runtime.js';
import { poolJob } from '../../src/engine/wasm/pooling-job.js';
import { ConvError } from '../../src/geometry/errors.js';
import { fromOnnxPool, type OnnxPoolSpec } from '../../src/geometry/onnx-pool.js';
import { poolGeometry, type PoolGeometry } from '../../src/geometry/pool.js';
import { poolInputToConvkit, poolOutputToFramework, type PoolDialectGeometry } from '../../src/geometry/pool-dialect.js';
import { fromTensorFlowPool, type TensorFlowPoolSpec } from '../../src/geometry/tensorflow-pool.js';
import { avgPool1d, avgPool1dAsync, avgPool2d, avgPool2dAsync, avgPool3d, avgPool3dAsync, computePoolGeometry, maxPool1d, maxPool1dAsync, maxPool2d, maxPool2dAsync, maxPool3d, maxPool3dAsync, onnxNode, tensor } from '../../src/index.js';
import { decodeF32, readFixture, type PeerCase, type PeerFixture } from '../dialects/peer-fixtures.js';
import { prod, rng } from './helpers.js';

const engine = wasmEngine();

/** Random values; with `special`, some NaN, ±Infinity, ±0 and repeated values (ties). */
function values(n: number, seed: number, special: boolean): Float32Array {
  const r = rng(seed);
  const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 0.5, -0.5];
  return Float32Array.from({ length: n }, () => (special && r() < 0.15 ? SPECIAL[Math.floor(r() * SPECIAL.length)] : r() * 2 - 1));
}

/** '' when `fast` is the reference's output: max exactly (NaN meets NaN, −0 only −0), average within 1e-5 of the scale. */
function differs(mode: 'max' | 'avg', fast: Float32Array, ref: Float32Array): string {
  if (fast.length !== ref.length) return `length ${fast.length} vs ${ref.length}`;
  let scale = 1e-3;
  for (const v of ref) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < ref.length; i++) {
    const a = fast[i], b = ref[i];
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    if (mode === 'max' || !Number.isFinite(b)) {
      if (!Object.is(a, b)) return `[${i}] ${a} vs ${b}`;
    } else if (!(Math.abs(a - b) <= 1e-5 * scale)) return `[${i}] ${a} vs ${b}`;
  }
  return '';
}

/** The geometry computed on the fast engine on `threads` threads, compared with the reference. */
function check(g: PoolGeometry, x: Float32Array, threads: number): string {
  const fast = engine!.runJob(poolJob(g, x), threads);
  const d = differs(g.mode, fast, referencePool(g, x));
  return d && `${threads} thread(s), ${JSON.stringify({ mode: g.mode, input: g.inputShape, axes: g.axes.map((a) => [a.kernel, a.stride, a.dilation, a.padBefore, a.padAfter, a.output]), cip: g.countIncludePad, div: g.divisorOverride, emptyMax: g.emptyMax, emptyAverage: g.emptyAverage })}: ${d}`;
}

const torchConfig = fc.integer({ min: 1, max: 3 }).chain((rank) =>
  fc.record({
    rank: fc.constant(rank),
    mode: fc.constantFrom<'max' | 'avg'>('max', 'avg'),
    lead: fc.constantFrom([1, 1], [2, 3], [0, 2], [3], [1, 5]),
    input: fc.array(fc.integer({ min: 1, max: rank === 3 ? 7 : rank === 2 ? 15 : 40 }), { minLength: rank, maxLength: rank }),
    kernel: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: rank, maxLength: rank }),
    stride: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: rank, maxLength: rank }),
    pad: fc.array(fc.nat({ max: 2 }), { minLength: rank, maxLength: rank }),
    dilation: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: rank, maxLength: rank }),
    ceilMode: fc.boolean(),
    countIncludePad: fc.boolean(),
    divisorOverride: fc.option(fc.integer({ min: -3, max: 7 }).filter((d) => d !== 0), { freq: 5 }),
    special: fc.boolean(),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  }),
);

type TorchConfig = typeof torchConfig extends fc.Arbitrary<infer T> ? T : never;

function torchGeometry(r: TorchConfig): PoolGeometry | null {
  try {
    return poolGeometry(r.mode, [...r.lead, ...r.input], {
      kernelSize: r.kernel,
      stride: r.stride,
      padding: r.pad.map((p, i) => Math.min(p, Math.floor(r.kernel[i] / 2))),
      dilation: r.mode === 'max' ? r.dilation : undefined,
      ceilMode: r.ceilMode,
      countIncludePad: r.countIncludePad,
      divisorOverride: r.mode === 'avg' ? r.divisorOverride : null,
    }, r.rank);
  } catch (e) {
    if (e instanceof ConvError) return null;
    throw e;
  }
}

const onnxConfig = fc.integer({ min: 1, max: 3 }).chain((rank) =>
  fc.record({
    op: fc.constantFrom<'AveragePool' | 'MaxPool'>('AveragePool', 'MaxPool'),
    lead: fc.constantFrom([1, 1], [2, 3], [1, 4]),
    input: fc.array(fc.integer({ min: 1, max: rank === 3 ? 7 : rank === 2 ? 13 : 30 }), { minLength: rank, maxLength: rank }),
    kernel: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: rank, maxLength: rank }),
    strides: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: rank, maxLength: rank }),
    dilations: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: rank, maxLength: rank }),
    autoPad: fc.constantFrom('NOTSET', 'NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'),
    pads: fc.array(fc.nat({ max: 4 }), { minLength: 2 * rank, maxLength: 2 * rank }),
    ceil: fc.nat({ max: 1 }),
    countIncludePad: fc.nat({ max: 1 }),
    special: fc.boolean(),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  }),
);

type OnnxConfig = typeof onnxConfig extends fc.Arbitrary<infer T> ? T : never;

function onnxGeometry(r: OnnxConfig): PoolGeometry | null {
  const spec: Record<string, unknown> = {
    op: r.op, xShape: [...r.lead, ...r.input], kernel_shape: r.kernel, strides: r.strides, dilations: r.dilations,
    auto_pad: r.autoPad, ceil_mode: r.ceil,
  };
  // Pads below the kernel (ONNX's bound), only without auto_pad.
  if (r.autoPad === 'NOTSET') spec.pads = r.pads.map((p, i) => Math.min(p, r.kernel[i % r.kernel.length] - 1));
  if (r.op === 'AveragePool') spec.count_include_pad = r.countIncludePad;
  try {
    return fromOnnxPool(spec as unknown as OnnxPoolSpec).geometry;
  } catch (e) {
    if (e instanceof ConvError) return null;
    throw e;
  }
}

describe.skipIf(!engine)('fast pooling vs the reference engine', () => {
  it('PyTorch poolings: 300 random configurations agree on one and two threads', () => {
    let computed = 0;
    fc.assert(
      fc.property(torchConfig, (r) => {
        const g = torchGeometry(r);
        if (!g) return;
        computed++;
        const x = values(prod(g.inputShape), r.seed, r.special);
        expect(check(g, x, 1)).toBe('');
        expect(check(g, x, 2)).toBe('');
      }),
      { numRuns: 300, seed: 20261202 },
    );
    expect(computed).toBeGreaterThan(150);
  });

  it('ONNX poolings (auto_pad SAME/VALID, asymmetric pads, dilated averages, counted pads, empty windows): 300 random nodes agree', () => {
    let computed = 0, empties = 0;
    fc.assert(
      fc.property(onnxConfig, (r) => {
        const g = onnxGeometry(r);
        if (!g) return;
        computed++;
        const x = values(prod(g.inputShape), r.seed, r.special);
        const ref = referencePool(g, x);
        if (g.mode === 'max' && ref.some((v) => v === g.emptyMax)) empties++;
        expect(check(g, x, 1)).toBe('');
        expect(check(g, x, 2)).toBe('');
      }),
      { numRuns: 300, seed: 20261203 },
    );
    expect(computed).toBeGreaterThan(150);
    expect(empties).toBeGreaterThan(0); // windows of padding alone take ONNX Runtime's lowest float
  });

  it('TensorFlow SAME averages leave the padding out; tfjs 2-D rounding modes; 3-D', () => {
    const specs: TensorFlowPoolSpec[] = [
      { op: 'avg', inputShape: [2, 9, 10, 3], poolSize: [3, 3], strides: 2, padding: 'SAME' },
      { op: 'max', inputShape: [2, 9, 10, 3], poolSize: [3, 4], strides: [2, 3], padding: 'SAME' },
      { op: 'avg', inputShape: [1, 7, 3], poolSize: [4], strides: 3, padding: 'SAME' },
      { op: 'avg', inputShape: [1, 5, 6, 7, 2], poolSize: [2, 3, 3], strides: 2, padding: 'SAME' },
      { op: 'max', inputShape: [1, 5, 6, 7, 2], poolSize: [3, 3, 2], strides: [1, 2, 2], padding: 'VALID' },
      { dialect: 'tfjs', op: 'avg', inputShape: [1, 8, 8, 2], poolSize: [3, 3], strides: 2, padding: 1, dimRoundingMode: 'ceil' },
      { dialect: 'tfjs', op: 'max', inputShape: [1, 8, 8, 2], poolSize: [3, 3], strides: 3, padding: 2, dimRoundingMode: 'round' },
      { dialect: 'keras', op: 'avg', inputShape: [2, 3, 11, 9], poolSize: [2, 2], padding: 'same', dataFormat: 'channels_first' } as TensorFlowPoolSpec,
    ];
    for (const [i, s] of specs.entries()) {
      const g = fromTensorFlowPool(s).geometry;
      const x = values(prod(g.inputShape), i + 1, false);
      expect(check(g, x, 1)).toBe('');
      expect(check(g, x, 2)).toBe('');
    }
  });

  it("max pooling keeps the reference's tie and NaN rules: ±0 ties, NaN, ±Infinity, every W path (strides 1, 2, 3; 3-wide and other windows; borders)", () => {
    const r = rng(99);
    const pick = (set: number[]) => Float32Array.from({ length: 4 * 2 * 9 * 37 }, () => set[Math.floor(r() * set.length)]);
    const sets = [[0, -0, -1], [0, -0, -1, NaN], [0, -0, Infinity, -Infinity, -1], [NaN, 1, -0]];
    let cases = 0;
    for (const [k, s, p, dil] of [[3, 2, 1, 1], [3, 1, 1, 1], [2, 2, 0, 1], [4, 2, 2, 1], [3, 2, 1, 2], [3, 3, 1, 1], [5, 1, 2, 1], [2, 1, 1, 3]]) {
      for (const set of sets) {
        const g = poolGeometry('max', [4, 2, 9, 37], { kernelSize: [2, k], stride: [1, s], padding: [1, p], dilation: [1, dil], ceilMode: true }, 2);
        const x = pick(set);
        expect(check(g, x, 1)).toBe('');
        expect(check(g, x, 2)).toBe('');
        cases++;
      }
    }
    // The stride-2 3-wide path's first vector has its padding lanes set in place: ONNX pads of 2
    // (beyond PyTorch's half-kernel bound) put two padding cells in it, asymmetric ones one or none.
    for (const pads of [[1, 2, 1, 2], [0, 2, 1, 0], [1, 1, 0, 2], [0, 0, 1, 1]]) {
      for (const set of sets) {
        const g = fromOnnxPool({ op: 'MaxPool', xShape: [4, 2, 9, 37], kernel_shape: [2, 3], strides: [1, 2], pads, ceil_mode: 1 } as unknown as OnnxPoolSpec).geometry;
        const x = pick(set);
        expect(check(g, x, 1)).toBe('');
        expect(check(g, x, 2)).toBe('');
        cases++;
      }
    }
    expect(cases).toBe(48);
  });

  it("the fused 3×3 stride-2 pass (windows chained along H) keeps the same rules: ±0 ties, NaN, ±Infinity, both borders, odd and even sizes; averages within 1e-5", () => {
    const r = rng(7);
    const sets = [[0, -0, -1], [0, -0, -1, NaN], [0, -0, Infinity, -Infinity, -1], [NaN, 1, -0], [2, 1, -1]];
    let cases = 0;
    // W 38 and 40 (every output a vector output), 13 (padding 0 or ONNX's: the last vector overlaps
    // the one before; padding 1: a right border, so the two passes); H 9 and 10 (the last window 3
    // rows or 2); padding 1, 0, and ONNX's 2 on the left.
    const specs: { shape: number[]; geometry: () => PoolGeometry }[] = [];
    for (const h of [9, 10]) {
      for (const w of [38, 40, 13]) {
        for (const p of [1, 0]) specs.push({ shape: [3, 2, h, w], geometry: () => poolGeometry('max', [3, 2, h, w], { kernelSize: 3, stride: 2, padding: p }, 2) });
        specs.push({ shape: [3, 2, h, w], geometry: () => fromOnnxPool({ op: 'MaxPool', xShape: [3, 2, h, w], kernel_shape: [3, 3], strides: [2, 2], pads: [1, 2, 1, 0] } as unknown as OnnxPoolSpec).geometry });
      }
    }
    for (const spec of specs) {
      for (const set of sets) {
        const g = spec.geometry();
        const x = Float32Array.from({ length: prod(spec.shape) }, () => set[Math.floor(r() * set.length)]);
        expect(check(g, x, 1)).toBe('');
        expect(check(g, x, 2)).toBe('');
        cases++;
      }
    }
    expect(cases).toBe(90);
    // Averages of the same windows take the fused pass too: padding counted or not, a divisor override.
    for (const spec of specs.slice(0, 6)) {
      const [n, c, h, w] = spec.shape;
      for (const options of [{ countIncludePad: true }, { countIncludePad: false }, { divisorOverride: 7 }]) {
        const g = poolGeometry('avg', [n, c, h, w], { kernelSize: 3, stride: 2, padding: 1, ...options }, 2);
        const x = Float32Array.from({ length: prod(spec.shape) }, () => r() * 4 - 2);
        expect(check(g, x, 1)).toBe('');
        expect(check(g, x, 2)).toBe('');
      }
    }
    // One NaN at a time, at every cell of a small plane: each must reach exactly the outputs whose windows read it.
    const g = poolGeometry('max', [1, 1, 9, 14], { kernelSize: 3, stride: 2, padding: 1 }, 2);
    for (let i = 0; i < 9 * 14; i++) {
      const x = Float32Array.from({ length: 9 * 14 }, (_, j) => (j === i ? NaN : Math.sin(j)));
      expect([i, check(g, x, 1)]).toEqual([i, '']);
    }
  });

  it('realistic layers: a ResNet stem, a VGG 2x2 pool, a global average, a 3-D video pool, on two threads', () => {
    const cases: [PoolGeometry, number][] = [
      [poolGeometry('max', [1, 64, 112, 112], { kernelSize: 3, stride: 2, padding: 1 }, 2), 1],
      [poolGeometry('max', [2, 32, 56, 56], { kernelSize: 2 }, 2), 2],
      [poolGeometry('avg', [2, 128, 7, 7], { kernelSize: 7 }, 2), 3],
      [poolGeometry('avg', [1, 16, 8, 28, 28], { kernelSize: [2, 3, 3], stride: [2, 2, 2], padding: [0, 1, 1], countIncludePad: false, ceilMode: true }, 3), 4],
      [poolGeometry('max', [1, 16, 8, 28, 28], { kernelSize: 3, stride: 2, padding: 1, dilation: [1, 2, 2] }, 3), 5],
    ];
    for (const [g, seed] of cases) expect(check(g, values(prod(g.inputShape), seed, false), 2)).toBe('');
  });
});

const ort = readFixture<PeerFixture<PeerCase<OnnxPoolSpec>>>('pool-onnxruntime-peer.json');
const tfjs = readFixture<PeerFixture<PeerCase<TensorFlowPoolSpec>>>('pool-tfjs-peer.json');

/** Every case the peer computed and convkit accepts, on the fast engine: its output against the peer's (1e-5 of the scale; max exactly). */
function peerCases<S>(groups: Record<string, PeerCase<S>[]>, resolve: (s: S) => PoolDialectGeometry): { computed: number; failures: string[] } {
  let computed = 0;
  const failures: string[] = [];
  for (const cases of Object.values(groups)) {
    for (const c of cases) {
      if (c.peer.refused) continue;
      let r: PoolDialectGeometry;
      try {
        r = resolve(c.spec);
      } catch (e) {
        if (e instanceof ConvError) continue;
        throw e;
      }
      const g = r.geometry;
      for (const threads of [1, 2]) {
        const y = poolOutputToFramework(r, engine!.runJob(poolJob(g, poolInputToConvkit(r, decodeF32(c.x))), threads));
        const d = differs(g.mode, y, decodeF32(c.peer.y));
        if (d) failures.push(`${JSON.stringify(c.spec)} on ${threads} thread(s): ${d}`);
      }
      computed++;
    }
  }
  return { computed, failures };
}

describe.skipIf(!engine)('fast pooling on the recorded peer and conformance cases', () => {
  it(`ONNX Runtime's AveragePool / MaxPool outputs (${ort.peer})`, () => {
    const r = peerCases(ort.groups, fromOnnxPool);
    expect(r.failures).toEqual([]);
    expect(r.computed).toBeGreaterThan(100);
  });

  it(`TensorFlow.js's pooling outputs (${tfjs.peer})`, () => {
    const r = peerCases(tfjs.groups, fromTensorFlowPool);
    expect(r.failures).toEqual([]);
    expect(r.computed).toBeGreaterThan(100);
  });

  it("ONNX's 39 conformance cases", () => {
    interface Case { name: string; op: 'AveragePool' | 'MaxPool'; attributes: Record<string, unknown>; xShape: number[]; x: string; yShape: number[]; y: string }
    const fixture = readFixture<{ cases: Case[] }>('pool-onnx-conformance.json');
    expect(fixture.cases).toHaveLength(39);
    const failures: string[] = [];
    for (const c of fixture.cases) {
      const g = fromOnnxPool({ op: c.op, xShape: c.xShape, ...c.attributes } as unknown as OnnxPoolSpec).geometry;
      expect(g.outputShape).toEqual(c.yShape);
      // One case types its expected averages to 4 decimals (see pool-onnx-conformance.test.ts): there
      // the reference engine, which meets them within 1e-4, is the judge.
      const x = decodeF32(c.x);
      const typed = c.name === 'test_averagepool_2d_ceil_last_window_starts_on_pad';
      if (typed) expect(differs(g.mode, referencePool(g, x), decodeF32(c.y))).not.toBe('');
      for (const threads of [1, 2]) {
        const d = differs(g.mode, engine!.runJob(poolJob(g, x), threads), typed ? referencePool(g, x) : decodeF32(c.y));
        if (d) failures.push(`${c.name} on ${threads} thread(s): ${d}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe.skipIf(!engine)('fast pooling on a thread pool that loses a worker', () => {
  it('a task held by a worker that died is taken over by the caller (no stall recovery), same numbers', () => {
    const e = new WasmEngine(kernelModule(true)!, true);
    const g = poolGeometry('avg', [2, 16, 30, 30], { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }, 2);
    const x = values(prod(g.inputShape), 11, false);
    const want = e.runJob(poolJob(g, x), 1);
    e.setThreads(2, { stallMs: 10_000 });
    const pool = e.runner as unknown as { simulateDeathHoldingTask(i: number): void; steals: number; recoveries: number };
    pool.simulateDeathHoldingTask(0);
    const t0 = performance.now();
    expect(e.runJob(poolJob(g, x), 2)).toEqual(want);
    expect(performance.now() - t0).toBeLessThan(5000); // not the 10 s stall
    expect(pool.steals).toBeGreaterThanOrEqual(1);
    expect(pool.recoveries).toBe(0);
    e.setThreads(1);
  });
});

describe.skipIf(!engine)("the public pooling entries on engine 'auto'", () => {
  afterEach(() => vi.restoreAllMocks());
  const x2 = tensor(values(2 * 3 * 20 * 20, 7, false), [2, 3, 20, 20]);

  it('every pooling function, computePoolGeometry and onnxNode run on the fast engine; engine: reference does not', () => {
    const spy = vi.spyOn(engine!, 'runJob');
    const x1 = tensor(values(3 * 200, 8, false), [3, 200]);
    const x3 = tensor(values(2 * 6 * 7 * 8, 9, false), [2, 6, 7, 8]);
    const calls = [
      () => avgPool1d(x1, { kernelSize: 3 }), () => maxPool1d(x1, { kernelSize: 3 }),
      () => avgPool2d(x2, { kernelSize: 3 }), () => maxPool2d(x2, { kernelSize: 3 }),
      () => avgPool3d(x3, { kernelSize: 2 }), () => maxPool3d(x3, { kernelSize: 2 }),
      () => computePoolGeometry(fromTensorFlowPool({ op: 'avg', inputShape: [2, 20, 20, 3], poolSize: [3, 3], padding: 'SAME' }), tensor(values(2400, 10, false), [2, 20, 20, 3])),
      () => onnxNode('MaxPool', { kernel_shape: [3, 3], auto_pad: 'SAME_LOWER' }, [x2]),
    ];
    for (const call of calls) call();
    expect(spy).toHaveBeenCalledTimes(calls.length);
    spy.mockClear();
    maxPool2d(x2, { kernelSize: 3, engine: 'reference' });
    onnxNode('AveragePool', { kernel_shape: [3, 3] }, [x2], { engine: 'reference' });
    computePoolGeometry(poolGeometry('avg', [2, 3, 20, 20], { kernelSize: 2 }, 2), x2, { engine: 'reference' });
    expect(spy).not.toHaveBeenCalled();
  });

  it("gives the reference's numbers through the public API, and the async entry the same", async () => {
    const opts = { kernelSize: 3, stride: 2, padding: 1, ceilMode: true };
    expect(differs('max', maxPool2d(x2, opts).data, maxPool2d(x2, { ...opts, engine: 'reference' }).data)).toBe('');
    expect(differs('avg', avgPool2d(x2, opts).data, avgPool2d(x2, { ...opts, engine: 'reference' }).data)).toBe('');
    const g = poolGeometry('avg', x2.shape, { ...opts, countIncludePad: false }, 2);
    expect(differs('avg', await runPoolAsync(g, x2.data, 'auto'), referencePool(g, x2.data))).toBe('');
  });

  it('the public async entries (1-D to 3-D, max and average) equal the sync ones, on the threads too', async () => {
    const x1 = tensor(values(3 * 300, 11, false), [3, 300]);
    const x3 = tensor(values(2 * 6 * 9 * 10, 12, false), [2, 6, 9, 10]);
    const big = tensor(values(64 * 56 * 56, 13, false), [1, 64, 56, 56]); // past POOL_TINY_WORK: the fast engine's threads
    const pairs = [
      [avgPool1dAsync, avgPool1d, x1, { kernelSize: 3, padding: 1, countIncludePad: false }],
      [maxPool1dAsync, maxPool1d, x1, { kernelSize: 4, stride: 2, dilation: 2 }],
      [avgPool2dAsync, avgPool2d, big, { kernelSize: 3, stride: 2, padding: 1 }],
      [maxPool2dAsync, maxPool2d, big, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }],
      [avgPool3dAsync, avgPool3d, x3, { kernelSize: 2, divisorOverride: 3 }],
      [maxPool3dAsync, maxPool3d, x3, { kernelSize: [2, 3, 2], stride: 1 }],
    ] as const;
    for (const [async, sync, x, o] of pairs) {
      const a = await async(x, o as never), b = sync(x, o as never);
      expect(a.shape).toEqual(b.shape);
      expect(a.data).toEqual(b.data);
    }
    await expect(maxPool2dAsync(x2, { kernelSize: 30 })).rejects.toThrow(ConvError); // a window larger than the padded input
  });

  it("refuses an engine it does not know, as convolutions do", () => {
    expect(() => maxPool2d(x2, { kernelSize: 2, engine: 'gpu' as never })).toThrow(/engine must be 'auto' or 'reference'/);
  });
});
