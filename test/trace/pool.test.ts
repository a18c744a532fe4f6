import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referencePool } from '../../src/engine/reference/pool.js';
import { ConvError } from '../../src/geometry/errors.js';
import { poolGeometry, type PoolGeometry } from '../../src/geometry/pool.js';
import { count, flatIndex } from '../../src/trace/raster.js';
import { trace } from '../../src/trace/trace.js';
import type { DirectTrace } from '../../src/trace/types.js';
import { expectClose, randomValues } from './configs.js';

const poolConfig = fc.integer({ min: 1, max: 3 }).chain((rank) =>
  fc.record({
    rank: fc.constant(rank),
    mode: fc.constantFrom<'max' | 'avg'>('max', 'avg'),
    input: fc.array(fc.integer({ min: 1, max: rank === 3 ? 4 : 7 }), { minLength: rank, maxLength: rank }),
    kernel: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: rank, maxLength: rank }),
    stride: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: rank, maxLength: rank }),
    padding: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: rank, maxLength: rank }),
    dilation: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: rank, maxLength: rank }),
    ceilMode: fc.boolean(),
    channels: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  }),
).map((r) => {
  try {
    return poolGeometry(r.mode, [1, r.channels, ...r.input], {
      kernelSize: r.kernel,
      stride: r.stride,
      padding: r.padding,
      dilation: r.mode === 'max' ? r.dilation : undefined,
      ceilMode: r.ceilMode,
      countIncludePad: false,
    }, r.rank);
  } catch (e) {
    if (e instanceof ConvError) return null;
    throw e;
  }
}).filter((g): g is PoolGeometry => g !== null);

describe('trace: pooling', () => {
  it('frames recompute max pooling and average pooling (padding not counted)', () => {
    fc.assert(
      fc.property(poolConfig, fc.integer({ min: 1, max: 2 ** 30 }), (g, seed) => {
        const t = trace(g) as DirectTrace;
        expect(t.op).toBe(g.mode === 'max' ? 'maxPool' : 'avgPool');
        expect(t.frames.length).toBe(count(g.axes.map((a) => a.output)));
        expect(t.grid.shape).toEqual(g.axes.map((a) => a.equivalent.gridSize));
        const x = randomValues(count(g.inputShape), seed);
        const inCells = count(t.inputShape);
        const outCells = count(t.outputShape);
        const y = new Float64Array(g.channels * outCells);
        for (let c = 0; c < g.channels; c++) {
          for (const [f, frame] of t.frames.entries()) {
            const vals = frame.taps.filter((tp) => tp.input !== null).map((tp) => x[c * inCells + flatIndex(tp.input!, t.inputShape)]);
            y[c * outCells + f] = g.mode === 'max' ? Math.max(...vals) : vals.reduce((a, b) => a + b, 0) / vals.length;
          }
        }
        expectClose(y, referencePool(g, x), `${g.mode} pooling from the trace`);
      }),
      { numRuns: 200 },
    );
  });

  it('traces the numerical pooling figures from options', () => {
    const t = trace({ input: [5, 5], kernel: 3, stride: 1, pool: 'avg' });
    expect(t.frames.length).toBe(9);
    expect(t.kernel.flipped).toBe(false);
    expect(t.channels.groups).toBe(1);
  });
});
