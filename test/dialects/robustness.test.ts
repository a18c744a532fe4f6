/**
 * Whatever a caller passes (wrong types, NaN, fractions, negatives, huge sizes, wrong lengths), the
 * adapters return a geometry or throw a ConvError — never another exception, never a NaN size.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fromOnnx } from '../../src/geometry/onnx.js';
import { fromTensorFlow } from '../../src/geometry/tensorflow.js';
import { ConvError } from '../../src/geometry/errors.js';
import type { DialectGeometry } from '../../src/geometry/dialect-result.js';

const weirdNumber = fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constantFrom(NaN, Infinity, -0, 1.5, 2 ** 40, '3', null, undefined));
const smallShape = (len: fc.Arbitrary<number>) => len.chain((n) => fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }));
const shapeLike = fc.oneof(smallShape(fc.integer({ min: 0, max: 6 })), fc.array(weirdNumber, { maxLength: 6 }), fc.constantFrom('1x2', null, 5));
const perAxis = fc.oneof(weirdNumber, fc.array(weirdNumber, { maxLength: 5 }));
const pairs = fc.array(fc.oneof(fc.tuple(weirdNumber, weirdNumber), fc.array(weirdNumber, { maxLength: 3 })), { maxLength: 5 });

function outcome(f: () => DialectGeometry): string {
  try {
    const g = f();
    for (const n of [...g.geometry.outputShape, ...g.pads.flat(), ...g.outputPadding]) {
      if (!Number.isInteger(n)) throw new Error(`non-integer size ${n}`);
    }
    expect(g.geometry.outputShape.slice(g.geometry.batched ? 2 : 1).every((n) => n >= 1)).toBe(true);
    return 'ok';
  } catch (e) {
    if (e instanceof ConvError) return e.code;
    throw e;
  }
}

const tally: Record<string, number> = {};
const count = (o: string) => (tally[o] = (tally[o] ?? 0) + 1);
afterAll(() => {
  if (process.env.DIALECTS_TALLY) console.log(tally);
});

/** Mostly `arb`, now and then a weird value. */
const mostly = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: arb, weight: 60 }, { arbitrary: weirdNumber, weight: 1 });
const ints = (lo: number, hi: number, len: number) => fc.array(mostly(fc.integer({ min: lo, max: hi })), { minLength: len, maxLength: len });

/** Shapes of the right rank with small sizes: most reach the geometry, some are refused deep inside. */
const structuredTf = fc.integer({ min: 1, max: 3 }).chain((r) =>
  fc.record({
    dialect: fc.constantFrom('tf', 'keras', 'tfjs'),
    op: fc.constantFrom('conv', 'convTranspose', 'depthwise'),
    inputShape: fc.tuple(fc.oneof({ arbitrary: ints(1, 7, r), weight: 20 }, { arbitrary: ints(0, 7, r), weight: 1 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 5 }).map((d) => d === 0)).map(([sp, c, unbatched]) => (unbatched ? [...sp, c] : [1, ...sp, c])),
    filterShape: fc.tuple(ints(1, 3, r), ints(1, 2, 2)).map(([k, io]) => [...k, ...io]),
    strides: fc.oneof(mostly(fc.integer({ min: 1, max: 3 })), ints(1, 3, r)),
    dilations: fc.oneof(mostly(fc.integer({ min: 1, max: 2 })), ints(1, 2, r)),
    padding: fc.oneof(
      fc.constantFrom('SAME', 'VALID', 'same', 'valid', 'causal'),
      mostly(fc.integer({ min: -1, max: 3 })),
      fc.array(fc.tuple(fc.integer({ min: -1, max: 2 }), fc.integer({ min: 0, max: 2 })), { minLength: r + 2, maxLength: r + 2 }),
    ),
    dataFormat: fc.constantFrom(undefined, undefined, r === 1 ? 'NCW' : r === 2 ? 'NCHW' : 'NCDHW'),
    outputShape: fc.option(fc.oneof(ints(0, 12, r), ints(0, 12, r + 2)), { nil: undefined }),
    outputPadding: fc.option(fc.integer({ min: -1, max: 2 }), { nil: undefined }),
    dimRoundingMode: fc.constantFrom(undefined, undefined, 'floor', 'ceil', 'round'),
  }),
);

const structuredOnnx = fc.integer({ min: 1, max: 3 }).chain((r) =>
  fc.record({
    op: fc.constantFrom('Conv', 'ConvTranspose'),
    xShape: fc.tuple(ints(1, 7, r), fc.integer({ min: 1, max: 2 })).map(([sp, c]) => [1, c, ...sp]),
    wShape: fc.tuple(ints(1, 3, r), ints(1, 2, 2)).map(([k, io]) => [...io, ...k]),
    auto_pad: fc.constantFrom('NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID', undefined),
    pads: fc.option(ints(-1, 3, 2 * r), { nil: undefined }),
    strides: fc.option(ints(1, 3, r), { nil: undefined }),
    dilations: fc.option(ints(1, 2, r), { nil: undefined }),
    group: mostly(fc.integer({ min: 1, max: 2 })),
    output_padding: fc.option(ints(-1, 2, r), { nil: undefined }),
    output_shape: fc.option(ints(0, 14, r), { nil: undefined }),
  }),
);
describe('adapters refuse bad input only with ConvError', () => {
  it('fromTensorFlow', () => {
    fc.assert(
      fc.property(
        fc.record({
          dialect: fc.constantFrom('tf', 'keras', 'tfjs', 'torch', undefined),
          op: fc.constantFrom('conv', 'convTranspose', 'depthwise', 'pool'),
          inputShape: shapeLike,
          filterShape: shapeLike,
          strides: perAxis,
          dilations: perAxis,
          padding: fc.oneof(fc.constantFrom('SAME', 'VALID', 'same', 'valid', 'causal', 'full', 'EXPLICIT'), weirdNumber, pairs),
          dataFormat: fc.constantFrom('NHWC', 'NCHW', 'NWC', 'NCW', 'NDHWC', 'NCDHW', 'HWC', undefined),
          outputShape: fc.option(shapeLike, { nil: undefined }),
          outputPadding: fc.option(perAxis, { nil: undefined }),
          dimRoundingMode: fc.constantFrom('trunc', 'floor', 'round', 'ceil', 'up', undefined),
        }),
        (spec) => {
          count(outcome(() => fromTensorFlow(spec as never)));
        },
      ),
      { numRuns: 2000, seed: 11 },
    );
  });
  it('fromOnnx', () => {
    fc.assert(
      fc.property(
        fc.record({
          op: fc.constantFrom('Conv', 'ConvTranspose', 'Pool'),
          xShape: shapeLike,
          wShape: shapeLike,
          auto_pad: fc.constantFrom('NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID', 'same', undefined),
          pads: fc.option(fc.array(weirdNumber, { maxLength: 7 }), { nil: undefined }),
          strides: fc.option(fc.array(weirdNumber, { maxLength: 4 }), { nil: undefined }),
          dilations: fc.option(fc.array(weirdNumber, { maxLength: 4 }), { nil: undefined }),
          group: weirdNumber,
          kernel_shape: fc.option(fc.array(weirdNumber, { maxLength: 4 }), { nil: undefined }),
          output_padding: fc.option(fc.array(weirdNumber, { maxLength: 4 }), { nil: undefined }),
          output_shape: fc.option(shapeLike, { nil: undefined }),
        }),
        (spec) => {
          count(outcome(() => fromOnnx(spec as never)));
        },
      ),
      { numRuns: 2000, seed: 12 },
    );
  });
  it('structured specs reach the geometry and still only return or throw ConvError', () => {
    const before = tally.ok ?? 0;
    // Usually drop the options the op does not take, so most specs get past the first checks.
    const tidyTf = fc.tuple(structuredTf, fc.integer({ min: 0, max: 9 })).map(([spec, dice]) => {
      const s: Record<string, unknown> = { ...spec };
      if (dice > 0) {
        if (s.op !== 'convTranspose') delete s.outputShape;
        if (s.op !== 'convTranspose' || s.dialect !== 'keras') delete s.outputPadding;
        if (s.dialect !== 'tfjs') delete s.dimRoundingMode;
        if (s.dialect === 'tfjs') delete s.dataFormat;
      }
      return s;
    });
    const tidyOnnx = fc.tuple(structuredOnnx, fc.integer({ min: 0, max: 9 })).map(([spec, dice]) => {
      const s: Record<string, unknown> = { ...spec };
      if (dice > 0) {
        if (s.auto_pad !== undefined && s.auto_pad !== 'NOTSET') delete s.pads;
        if (s.op === 'Conv') {
          delete s.output_padding;
          delete s.output_shape;
        }
      }
      return s;
    });
    fc.assert(fc.property(tidyTf, (spec) => void count(outcome(() => fromTensorFlow(spec as never)))), { numRuns: 3000, seed: 13 });
    fc.assert(fc.property(tidyOnnx, (spec) => void count(outcome(() => fromOnnx(spec as never)))), { numRuns: 3000, seed: 14 });
    // A fair share must be accepted, or the deep checks went unexercised.
    expect((tally.ok ?? 0) - before).toBeGreaterThan(250);
  });
  it('non-object specs', () => {
    for (const v of [null, undefined, 3, 'conv', []]) {
      expect(['INVALID_OPTION', 'ok']).toContain(outcome(() => fromTensorFlow(v as never)));
      expect(['INVALID_OPTION', 'ok']).toContain(outcome(() => fromOnnx(v as never)));
    }
  });
});
