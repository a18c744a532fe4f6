/**
 * Random convolution configurations for property tests of the trace and the matrix: small sizes
 * (fast), every feature (rank 1–3, stride, padding incl. asymmetric and 'same', dilation, groups,
 * channels, padding modes, transposed with output padding). Invalid combinations are filtered by
 * building the geometry (the builders are the only judges of validity).
 */
import fc from 'fast-check';
import { ConvError } from '../../src/geometry/errors.js';
import type { ConvGeometry, PaddingMode } from '../../src/geometry/types.js';
import { resolveGeometry } from '../../src/trace/resolve.js';
import type { TraceSpecOptions } from '../../src/trace/types.js';

export interface Config {
  options: TraceSpecOptions;
  seed: number;
}

const perAxis = (rank: number, arb: fc.Arbitrary<number>) => fc.array(arb, { minLength: rank, maxLength: rank });

function configArb(opts: { transposed?: boolean; modes?: boolean; maxInput?: number }): fc.Arbitrary<Config> {
  const maxInput = opts.maxInput ?? 6;
  return fc.integer({ min: 1, max: 3 }).chain((rank) =>
    fc.record({
      rank: fc.constant(rank),
      input: perAxis(rank, fc.integer({ min: 1, max: rank === 3 ? Math.min(4, maxInput) : maxInput })),
      kernel: perAxis(rank, fc.integer({ min: 1, max: rank === 3 ? 3 : 4 })),
      stride: perAxis(rank, fc.integer({ min: 1, max: 3 })),
      dilation: perAxis(rank, fc.integer({ min: 1, max: 3 })),
      pads: perAxis(rank, fc.integer({ min: 0, max: 3 })),
      padsAfter: fc.option(perAxis(rank, fc.integer({ min: 0, max: 3 })), { nil: undefined }),
      same: fc.boolean(),
      transposed: opts.transposed === undefined ? fc.boolean() : fc.constant(opts.transposed),
      outputPadding: perAxis(rank, fc.integer({ min: 0, max: 2 })),
      groups: fc.integer({ min: 1, max: 3 }),
      icPer: fc.integer({ min: 1, max: 2 }),
      ocPer: fc.integer({ min: 1, max: 2 }),
      mode: opts.modes ? fc.constantFrom<PaddingMode>('zeros', 'zeros', 'reflect', 'replicate', 'circular') : fc.constant<PaddingMode>('zeros'),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
    }).map((r): Config => {
      const padding = r.same && !r.transposed && r.stride.every((s) => s === 1)
        ? ('same' as const)
        : r.padsAfter && !r.transposed
          ? r.pads.map((p, i) => [p, r.padsAfter![i]] as [number, number])
          : r.pads;
      const options: TraceSpecOptions = {
        input: r.input,
        kernel: r.kernel,
        stride: r.stride,
        dilation: r.dilation,
        padding,
        transposed: r.transposed,
        inChannels: r.groups * r.icPer,
        outChannels: r.groups * r.ocPer,
        groups: r.groups,
      };
      if (r.transposed) options.outputPadding = r.outputPadding;
      else options.paddingMode = r.mode;
      return { options, seed: r.seed };
    }),
  );
}

/** Configurations whose geometry builds, with the geometry. */
export function validConfig(opts: { transposed?: boolean; modes?: boolean; maxInput?: number } = {}): fc.Arbitrary<Config & { geometry: ConvGeometry }> {
  return configArb(opts)
    .map((c) => {
      try {
        const r = resolveGeometry(c.options);
        return r.kind === 'conv' ? { ...c, geometry: r.geometry } : null;
      } catch (e) {
        if (e instanceof ConvError) return null;
        throw e;
      }
    })
    .filter((c): c is Config & { geometry: ConvGeometry } => c !== null);
}

/** Deterministic pseudo-random values in [-1, 1) (mulberry32). */
export function randomValues(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length} ≠ ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    // Equal infinities (a max-pool window wholly in padding) and NaN on both sides count as equal.
    if (actual[i] === expected[i] || (Number.isNaN(actual[i]) && Number.isNaN(expected[i]))) continue;
    const tol = 1e-4 * (1 + Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
      throw new Error(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`);
    }
  }
}
