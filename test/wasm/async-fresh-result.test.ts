/**
 * An async call on the threads makes a large fresh result while the workers compute and touches
 * its pages a slice at a time between other events (engine.ts runMaking; JobLayout.freshLength for
 * jobs). The results are the ones the sync calls give, on every path that does it: a direct conv,
 * a Winograd conv, a pooling job, and a backward call's input gradient — each larger than one
 * slice, so the result is made in several slices; and other events run while the call is out.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { avgPool2d, avgPool2dAsync, conv2d, conv2dAsync, conv2dBackward, conv2dBackwardAsync, setFastEngineThreads, type Tensor } from '../../src/index.js';
import { prod, randomData, rng } from './helpers.js';

const tensorOf = (shape: number[], seed: number): Tensor => ({ shape, data: randomData(prod(shape), rng(seed)) });
const SLICE = 1 << 18; // engine.ts FAULT_SLICE

afterAll(() => { setFastEngineThreads(2); });

describe('async fresh results made during the run', () => {
  it('equal the sync results, on the direct, Winograd, pooling and backward paths', async () => {
    expect(setFastEngineThreads(2)).toBe(2);
    const direct = { x: tensorOf([1, 32, 130, 130], 1), w: tensorOf([72, 32, 3, 3], 2), options: { stride: 2, padding: 1, algorithm: 'direct' as const } };
    const wino = { x: tensorOf([1, 16, 96, 96], 3), w: tensorOf([32, 16, 3, 3], 4), options: { padding: 1, algorithm: 'winograd' as const } };
    const pooled = tensorOf([1, 32, 128, 128], 5);
    let turns = 0;
    const tick = setInterval(() => { turns++; }, 0);
    try {
      for (const c of [direct, wino]) {
        const want = conv2d(c.x, c.w, c.options);
        expect(want.data.length).toBeGreaterThan(SLICE);
        const got = await conv2dAsync(c.x, c.w, c.options);
        expect(got.shape).toEqual(want.shape);
        expect(got.data).toEqual(want.data);
      }
      const want = avgPool2d(pooled, { kernelSize: 3, stride: 1, padding: 1 });
      expect(want.data.length).toBeGreaterThan(SLICE);
      expect((await avgPool2dAsync(pooled, { kernelSize: 3, stride: 1, padding: 1 })).data).toEqual(want.data);
      const xb = tensorOf([1, 32, 96, 96], 8), wb = tensorOf([16, 32, 3, 3], 7), gy = tensorOf([1, 16, 96, 96], 6);
      const b = conv2dBackward(xb, wb, gy, { padding: 1 });
      const a = await conv2dBackwardAsync(xb, wb, gy, { padding: 1 });
      expect(b.input.data.length).toBeGreaterThan(SLICE);
      expect(a.input.data).toEqual(b.input.data);
      expect(a.weight.data).toEqual(b.weight.data);
    } finally {
      clearInterval(tick);
    }
    // The calls left the event loop free to run the timer meanwhile.
    expect(turns).toBeGreaterThan(0);
  }, 60_000);
});
