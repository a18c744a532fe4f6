/**
 * Whatever a caller passes — negative, fractional, NaN, infinite or huge numbers, strings, null,
 * wrong ranks, wrong channel counts, option lists of the wrong length, junk objects — every public
 * conv / pool / shape / tensor function returns a result or throws a ConvError: never another
 * exception, never NaN from finite input. Results too large for memory are refused with TOO_LARGE
 * before anything is allocated. Value computations are only run where the work is small (the
 * geometry, which costs nothing, is checked for every case).
 */
import { CONV_OPTIONS, CONV_TRANSPOSE_OPTIONS } from '../../src/ops/option-names.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConvError,
  avgPool1d, avgPool2d, avgPool3d, maxPool1d, maxPool2d, maxPool3d,
  conv, conv1d, conv2d, conv3d, convAsync, conv1dAsync, conv2dAsync, conv3dAsync,
  convGeometry, convOutputShape, convTranspose, convTranspose1d, convTranspose2d, convTranspose3d,
  convTransposeAsync, convTranspose1dAsync, convTranspose2dAsync, convTranspose3dAsync,
  convTransposeGeometry, convTransposeOutputShape, poolGeometry, tensor, zeros,
  type ConvGeometry,
  type Tensor,
} from '../../src/index.js';
import { MAX_ELEMENTS } from '../../src/geometry/validate.js';
import { convParamsArb, inputExtent, prod, randomValues, type ConvParams } from './helpers.js';

export const FUZZ_CONV_RUNS = 3000;
export const FUZZ_POOL_RUNS = 1500;
export const FUZZ_SHAPE_RUNS = 2000;
export const FUZZ_TENSOR_RUNS = 1000;
export const TOO_LARGE_RUNS = 300;
export const FUZZ_ASYNC_RUNS = 500;

/** Numbers and non-numbers a caller might pass where an integer belongs. */
const junkNumber: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5 }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: -1 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(NaN, Infinity, -Infinity, 0.5, 1.5, -0, 1e12, 2 ** 40, 2 ** 31, 2 ** 31 - 1, 2 ** 53, 1e300, Number.MIN_VALUE, 1e4, 3e4),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('2', 'same', 'valid', 'full', '', 'SAME', 'zeros', 'reflect', 'circular') },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, {}, [], 3n, Symbol('s'), () => 1, new Float32Array([1, 2])) },
);

const optionValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: junkNumber },
  { weight: 3, arbitrary: fc.array(junkNumber, { maxLength: 4 }) },
  { weight: 2, arbitrary: fc.array(fc.oneof(junkNumber, fc.array(junkNumber, { maxLength: 3 })), { maxLength: 4 }) },
);

const junkShape: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.array(junkNumber, { maxLength: 6 }) },
  { weight: 1, arbitrary: junkNumber },
);

const convKeys = ['stride', 'padding', 'dilation', 'groups', 'paddingMode', 'outputPadding', 'outputSize', 'bias', 'engine', 'unknownOption'] as const;

type ConvOp = (x: Tensor, w: Tensor, o?: unknown) => Tensor;
type AsyncConvOp = (x: Tensor, w: Tensor, o?: unknown) => Promise<Tensor>;
const convOps: { name: string; fn: ConvOp; async: AsyncConvOp; rank: number | undefined; transposed: boolean }[] = [
  { name: 'conv', fn: conv as ConvOp, async: convAsync as AsyncConvOp, rank: undefined, transposed: false },
  { name: 'conv1d', fn: conv1d as ConvOp, async: conv1dAsync as AsyncConvOp, rank: 1, transposed: false },
  { name: 'conv2d', fn: conv2d as ConvOp, async: conv2dAsync as AsyncConvOp, rank: 2, transposed: false },
  { name: 'conv3d', fn: conv3d as ConvOp, async: conv3dAsync as AsyncConvOp, rank: 3, transposed: false },
  { name: 'convTranspose', fn: convTranspose as ConvOp, async: convTransposeAsync as AsyncConvOp, rank: undefined, transposed: true },
  { name: 'convTranspose1d', fn: convTranspose1d as ConvOp, async: convTranspose1dAsync as AsyncConvOp, rank: 1, transposed: true },
  { name: 'convTranspose2d', fn: convTranspose2d as ConvOp, async: convTranspose2dAsync as AsyncConvOp, rank: 2, transposed: true },
  { name: 'convTranspose3d', fn: convTranspose3d as ConvOp, async: convTranspose3dAsync as AsyncConvOp, rank: 3, transposed: true },
];

type PoolOp = (x: Tensor, o: unknown) => Tensor;
const poolOps: { fn: PoolOp; mode: 'max' | 'avg'; rank: number }[] = [
  { fn: avgPool1d as PoolOp, mode: 'avg', rank: 1 },
  { fn: avgPool2d as PoolOp, mode: 'avg', rank: 2 },
  { fn: avgPool3d as PoolOp, mode: 'avg', rank: 3 },
  { fn: maxPool1d as PoolOp, mode: 'max', rank: 1 },
  { fn: maxPool2d as PoolOp, mode: 'max', rank: 2 },
  { fn: maxPool3d as PoolOp, mode: 'max', rank: 3 },
];

/** JSON for messages that survives BigInt, symbols and functions. */
function str(v: unknown): string {
  return String(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'symbol' || typeof x === 'function' ? typeof x : x)));
}

/** Runs f; returns its value, or the ConvError it threw; fails the property on any other throw. */
function settle<T>(f: () => T, what: string): T | ConvError {
  try {
    return f();
  } catch (e) {
    if (e instanceof ConvError) {
      expect(typeof e.code, what).toBe('string');
      expect(e.code.length, what).toBeGreaterThan(0);
      expect(e.message.length, what).toBeGreaterThan(0);
      return e;
    }
    throw new Error(`${what} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} instead of a ConvError`);
  }
}

/** A real tensor when the shape is a small valid one, else what a careless caller might pass. */
function tensorFor(shape: unknown, seed: number): unknown {
  if (Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0 && d < 2 ** 31) && prod(shape as number[]) <= 4096) {
    return tensor(randomValues(prod(shape as number[]), seed), shape as number[]);
  }
  return seed % 3 === 0 ? { shape, data: new Float32Array(0) } : seed % 3 === 1 ? shape : { shape };
}

/**
 * Shape as the geometry says, no NaN; convolutions of finite input are finite. (Max pooling over a
 * window of padding only is −∞ in PyTorch too, so pooling may give −∞.)
 */
function expectSaneResult(y: Tensor, expectedShape: number[], what: string, allowMinusInfinity = false): void {
  expect(y.shape, what).toEqual(expectedShape);
  expect(y.data).toBeInstanceOf(Float32Array);
  expect(y.data.length, what).toBe(prod(expectedShape));
  for (let i = 0; i < y.data.length; i++) {
    const v = y.data[i];
    if (!Number.isFinite(v) && !(allowMinusInfinity && v === -Infinity)) expect.fail(`${what}: output element ${i} is ${v} from finite input`);
  }
}

/** Work (MACs) and output elements of a geometry, to decide whether computing it is cheap. */
function cost(g: { outputShape: number[]; weightShape: number[]; inChannels: number; groups: number; batch: number; transposed: boolean; axes: { input: number }[] }): { macs: number; out: number } {
  const out = prod(g.outputShape);
  const taps = prod(g.weightShape.slice(2));
  const macs = g.transposed ? g.batch * g.inChannels * prod(g.axes.map((a) => a.input)) * g.weightShape[1] * taps : out * Math.max(1, g.weightShape[1]) * taps;
  return { macs, out };
}

/** How the conv fuzz cases ended, so the test can show it is not vacuous. */
const tally = { computed: 0, refused: 0, tooLarge: 0, skipped: 0 };

interface ConvFuzz {
  base: ConvParams;
  op: number;
  mutations: [number, unknown][];
  inputShape: unknown | null;
  weightShape: unknown | null;
  optionsJunk: unknown | null;
}

/** `arb` in about one case out of `n`, else null. */
const sometimes = <T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const convFuzzArb: fc.Arbitrary<ConvFuzz> = fc.record({
  base: convParamsArb,
  // Mostly an op of the base configuration's rank (index rank, or 0/4 for the rank-free ops).
  op: fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 1 })).map(([t, generic]) => [t, generic] as const) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: convOps.length - 1 }) },
  ).map((v) => (typeof v === 'number' ? v : -1 - ((v[0] ? 1 : 0) * 2 + v[1]))),
  mutations: fc.oneof(
    { weight: 2, arbitrary: fc.constant([] as [number, unknown][]) },
    { weight: 3, arbitrary: fc.array(fc.tuple(fc.integer({ min: 0, max: convKeys.length - 1 }), optionValue), { minLength: 1, maxLength: 3 }) },
  ),
  inputShape: sometimes(junkShape, 8),
  weightShape: sometimes(junkShape, 8),
  optionsJunk: sometimes(fc.oneof(junkNumber, fc.constant('stride')), 20),
});

/** Negative op codes pick an op of the base rank: −1 direct, −2 direct generic, −3 transposed, −4 transposed generic. */
function opFor(code: number, rank: number): (typeof convOps)[number] {
  if (code >= 0) return convOps[code];
  const transposed = code <= -3;
  const generic = code === -2 || code === -4;
  return convOps[(transposed ? 4 : 0) + (generic ? 0 : rank)];
}

interface ConvCall {
  op: (typeof convOps)[number];
  xShape: unknown;
  wShape: unknown;
  x: unknown;
  w: unknown;
  options: Record<string, unknown>;
  opts: unknown;
  what: string;
}

/** The arguments one fuzz case passes: a base configuration, mutated. */
function convCall(f: ConvFuzz): ConvCall {
  const p = f.base;
  const op = opFor(f.op, p.rank);
  const ic = p.groups * p.inPerGroup;
  const oc = p.groups * p.outPerGroup;
  const spatial = p.axes.map((a) => inputExtent(p, a));
  const xShape = f.inputShape ?? [...(p.unbatched ? [] : [p.batch]), ic, ...spatial];
  const wShape = f.weightShape ?? (op.transposed ? [ic, p.outPerGroup] : [oc, p.inPerGroup]).concat(p.axes.map((a) => a.kernel));
  const options: Record<string, unknown> = {
    stride: p.axes.map((a) => a.stride),
    dilation: p.axes.map((a) => a.dilation),
    groups: p.groups,
    padding: op.transposed ? p.axes.map((a) => a.padBefore) : p.axes.map((a) => [a.padBefore, a.padAfter]),
  };
  for (const [k, v] of f.mutations) options[convKeys[k]] = convKeys[k] === 'bias' && Array.isArray(v) ? tensorFor(v, 5) : v;
  const x = tensorFor(xShape, p.seed);
  const w = tensorFor(wShape, p.seed + 1);
  const opts = f.optionsJunk ?? options;
  const what = `${op.name}(x ${str(xShape)}, w ${str(wShape)}, ${str(opts)})`;
  return { op, xShape, wShape, x, w, options, opts, what };
}

/** Geometry of a call (or its ConvError), and whether computing it is cheap enough to run here. */
function plan(c: ConvCall): { g: ConvGeometry | ConvError; cheap: boolean } {
  const geometryOf = c.op.transposed ? convTransposeGeometry : convGeometry;
  const g = settle(() => geometryOf({ inputShape: c.xShape as number[], weightShape: c.wShape as number[] }, c.opts as never, c.op.rank), `${c.what} geometry`);
  if (g instanceof ConvError) return { g, cheap: true };
  const { macs, out } = cost(g);
  return { g, cheap: macs <= 2e5 && out <= 1e5 };
}

function runConvFuzz(f: ConvFuzz): void {
  const { op, xShape, wShape, x, w, options, opts, what } = convCall(f);

  // The geometry decides everything and costs nothing: it must settle for every input.
  const geometryOf = op.transposed ? convTransposeGeometry : convGeometry;
  const shapes = { inputShape: xShape as number[], weightShape: wShape as number[] };
  const g = settle(() => geometryOf(shapes, opts as never, op.rank), `${what} geometry`);
  const shapeFn = op.transposed ? convTransposeOutputShape : convOutputShape;
  const s = settle(() => shapeFn(xShape as number[], wShape as number[], opts as never), `${what} shape`);
  if (!(s instanceof ConvError)) expect(s.every((d) => Number.isInteger(d) && d >= 0)).toBe(true);
  if (g instanceof ConvError) {
    expect(settle(() => op.fn(x as Tensor, w as Tensor, opts), what)).toBeInstanceOf(ConvError);
    tally.refused++;
    return;
  }
  const { macs, out } = cost(g);
  if (out > MAX_ELEMENTS) {
    tally.tooLarge++;
    const r = settle(() => op.fn(x as Tensor, w as Tensor, opts), what);
    expect(r, what).toBeInstanceOf(ConvError);
    if ((r as ConvError).code !== 'TOO_LARGE') {
      // Something else (a junk bias or engine, an option the op does not take, or the tensors
      // themselves) may be refused first.
      const foreign = Object.keys(options).some((k) => options[k] !== undefined && !(op.transposed ? CONV_TRANSPOSE_OPTIONS : CONV_OPTIONS).includes(k));
      expect(x && typeof x === 'object' && 'data' in x && (x as Tensor).data instanceof Float32Array && (x as Tensor).data.length > 0 && opts === options && options.bias === undefined && options.engine === undefined && !foreign).toBe(false);
    }
    return;
  }
  if (macs > 2e5 || out > 1e5) {
    tally.skipped++; // valid but too much work for a property test
    return;
  }
  const r = settle(() => op.fn(x as Tensor, w as Tensor, opts), what);
  if (r instanceof ConvError) tally.refused++;
  else {
    expectSaneResult(r, g.outputShape, what);
    tally.computed++;
  }
}

interface PoolFuzz {
  op: number;
  inputShape: unknown;
  kernelSize: unknown;
  mutations: [number, unknown][];
  junk: unknown | null;
  seed: number;
}
const poolKeys = ['stride', 'padding', 'dilation', 'ceilMode', 'countIncludePad', 'divisorOverride', 'kernelSize'] as const;

const poolFuzzArb: fc.Arbitrary<PoolFuzz> = fc.integer({ min: 0, max: poolOps.length - 1 }).chain((op) =>
  fc.record({
    op: fc.constant(op),
    // Mostly a valid input of the op's rank (batched or not), sometimes anything.
    inputShape: fc.oneof(
      { weight: 4, arbitrary: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: poolOps[op].rank + 1, maxLength: poolOps[op].rank + 2 }) },
      { weight: 1, arbitrary: junkShape },
    ),
    kernelSize: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: optionValue }),
    mutations: fc.oneof(
      { weight: 2, arbitrary: fc.constant([] as [number, unknown][]) },
      { weight: 3, arbitrary: fc.array(fc.tuple(fc.integer({ min: 0, max: poolKeys.length - 1 }), fc.oneof(optionValue, fc.boolean())), { minLength: 1, maxLength: 3 }) },
    ),
    junk: sometimes(junkNumber, 20),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  }),
);

function runPoolFuzz(f: PoolFuzz): void {
  const op = poolOps[f.op];
  const options: Record<string, unknown> = { kernelSize: f.kernelSize };
  for (const [k, v] of f.mutations) options[poolKeys[k]] = v;
  const opts = f.junk ?? options;
  const x = tensorFor(f.inputShape, f.seed);
  const what = `${op.mode}Pool${op.rank}d(x ${str(f.inputShape)}, ${str(opts)})`;
  const g = settle(() => poolGeometry(op.mode, f.inputShape as number[], opts as never, op.rank), `${what} geometry`);
  if (g instanceof ConvError) {
    expect(settle(() => op.fn(x as Tensor, opts), what)).toBeInstanceOf(ConvError);
    poolTally.refused++;
    return;
  }
  if (prod(g.outputShape) * prod(g.axes.map((a) => a.kernel)) > 2e5) return;
  const r = settle(() => op.fn(x as Tensor, opts), what);
  if (r instanceof ConvError) poolTally.refused++;
  else {
    expectSaneResult(r, g.outputShape, what, op.mode === 'max');
    poolTally.computed++;
  }
}
const poolTally = { computed: 0, refused: 0 };

describe('every input yields a result or a ConvError', () => {
  it(`conv / convTranspose (all ranks) with ${FUZZ_CONV_RUNS} mutated and junk option objects and shapes`, () => {
    fc.assert(fc.property(convFuzzArb, runConvFuzz), { numRuns: FUZZ_CONV_RUNS, seed: 0xf022 });
    // Both outcomes are well represented: the fuzz computes real convolutions and refuses junk.
    expect(tally.computed, JSON.stringify(tally)).toBeGreaterThan(FUZZ_CONV_RUNS / 5);
    expect(tally.refused, JSON.stringify(tally)).toBeGreaterThan(FUZZ_CONV_RUNS / 5);
  });

  it(`pooling with ${FUZZ_POOL_RUNS} random and junk options`, () => {
    fc.assert(fc.property(poolFuzzArb, runPoolFuzz), { numRuns: FUZZ_POOL_RUNS, seed: 0xf00d });
    expect(poolTally.computed, JSON.stringify(poolTally)).toBeGreaterThan(FUZZ_POOL_RUNS / 5);
    expect(poolTally.refused, JSON.stringify(poolTally)).toBeGreaterThan(FUZZ_POOL_RUNS / 5);
  });

  it(`convOutputShape / convTransposeOutputShape with ${FUZZ_SHAPE_RUNS} fully random arguments`, () => {
    const optionsArb = fc.oneof(
      junkNumber,
      fc.dictionary(fc.constantFrom(...convKeys), optionValue, { maxKeys: 5 }),
    );
    fc.assert(
      fc.property(junkShape, junkShape, optionsArb, fc.boolean(), (xs, ws, o, transposed) => {
        const fn = transposed ? convTransposeOutputShape : convOutputShape;
        const r = settle(() => fn(xs as number[], ws as number[], o as never), `shape(${str([xs, ws, o])})`);
        if (!(r instanceof ConvError)) expect(r.every((d) => Number.isInteger(d) && d >= 0)).toBe(true);
      }),
      { numRuns: FUZZ_SHAPE_RUNS, seed: 0x5a9e },
    );
  });

  it(`tensor() / zeros() with ${FUZZ_TENSOR_RUNS} random data and shapes`, () => {
    const dataArb = fc.oneof(fc.array(fc.double(), { maxLength: 30 }), junkNumber, fc.string(), fc.constant({ length: 4 }));
    fc.assert(
      fc.property(dataArb, junkShape, (data, shape) => {
        const t = settle(() => tensor(data as number[], shape as number[]), 'tensor');
        if (!(t instanceof ConvError)) expect(t.data.length).toBe(prod(t.shape));
        const z = settle(() => zeros(shape as number[]), 'zeros');
        if (!(z instanceof ConvError)) expect(z.data.length).toBe(prod(z.shape));
      }),
      { numRuns: FUZZ_TENSOR_RUNS, seed: 0x7e45 },
    );
  });
});

describe('the async conv variants', () => {
  it(`resolve to the sync result or reject with a ConvError (${FUZZ_ASYNC_RUNS} fuzz cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(convFuzzArb, async (f) => {
        const c = convCall(f);
        const { g, cheap } = plan(c);
        if (!cheap) return;
        let result: Tensor | ConvError;
        try {
          result = await c.op.async(c.x as Tensor, c.w as Tensor, c.opts);
        } catch (e) {
          if (!(e instanceof ConvError)) throw new Error(`${c.what} (async) rejected with ${String(e)} instead of a ConvError`);
          result = e;
        }
        if (g instanceof ConvError) expect(result, c.what).toBeInstanceOf(ConvError);
        else if (!(result instanceof ConvError)) {
          expectSaneResult(result, g.outputShape, `${c.what} (async)`);
          const sync = c.op.fn(c.x as Tensor, c.w as Tensor, c.opts);
          expect(Array.from(result.data), c.what).toEqual(Array.from(sync.data));
        }
      }),
      { numRuns: FUZZ_ASYNC_RUNS, seed: 0xa5c },
    );
  });
});

describe('results too large for memory are refused with TOO_LARGE before allocating', () => {
  it(`transposed convs with huge stride or dilation on a tiny input (${TOO_LARGE_RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2 ** 28, max: 2 ** 31 - 1 }), fc.boolean(), fc.integer({ min: 2, max: 4 }), (rank, big, viaDilation, extent) => {
        const xShape = [1, 1, ...Array(rank).fill(extent)];
        const wShape = [1, 1, ...Array(rank).fill(2)];
        const options = viaDilation ? { dilation: big } : { stride: big };
        const shape = convTransposeOutputShape(xShape, wShape, options);
        const expectedPerAxis = viaDilation ? (extent - 1) + big + 1 : (extent - 1) * big + 2;
        expect(shape).toEqual([1, 1, ...Array(rank).fill(expectedPerAxis)]);
        const y = settle(() => convTranspose(tensor(new Float32Array(extent ** rank), xShape), zeros(wShape), options), 'convTranspose');
        const elements = expectedPerAxis ** rank;
        if (elements > MAX_ELEMENTS) expect((y as ConvError).code).toBe('TOO_LARGE');
        else expect.fail(`test generated an allocatable output of ${elements} elements`);
      }),
      { numRuns: TOO_LARGE_RUNS, seed: 0x1a29e },
    );
  });

  it('direct convs with huge padding, and tensors with huge shapes', () => {
    const shape = convOutputShape([1, 1, 2, 2], [1, 1, 1, 1], { padding: 2 ** 20 });
    expect(shape).toEqual([1, 1, 2 ** 21 + 2, 2 ** 21 + 2]);
    const y = settle(() => conv2d(zeros([1, 1, 2, 2]), zeros([1, 1, 1, 1]), { padding: 2 ** 20 }), 'conv2d');
    expect((y as ConvError).code).toBe('TOO_LARGE');
    for (const s of [[2 ** 15, 2 ** 15], [2 ** 28 + 1], [65536, 65536, 2]]) {
      expect((settle(() => zeros(s), 'zeros') as ConvError).code).toBe('TOO_LARGE');
      expect((settle(() => tensor([1], s), 'tensor') as ConvError).code).toBe('TOO_LARGE');
    }
    // Extents past 2^31−1 cannot even be described exactly; refused as invalid numbers.
    expect((settle(() => convOutputShape([1, 1, 2 ** 40], [1, 1, 3]), 'shape') as ConvError).code).toBe('INVALID_NUMBER');
    expect((settle(() => convOutputShape([1, 1, 1e12], [1, 1, 3]), 'shape') as ConvError).code).toBe('INVALID_NUMBER');
  });
});
