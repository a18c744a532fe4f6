/** How the fast engine cuts a GEMM's pixels into tasks for the worker threads (plan.ts splitPixels). */
import { describe, expect, it } from 'vitest';
import { splitPixels } from '../../src/engine/wasm/plan.js';

describe('splitPixels', () => {
  it('covers every pixel once, in tasks of at most one block that differ by at most 8 pixels', () => {
    for (const threads of [2, 3, 4, 8]) {
      for (let P = 1; P <= 20000; P += P < 300 ? 1 : 97) {
        const cuts = splitPixels(P, threads, 256);
        expect(cuts[0]).toBe(0);
        expect(cuts[cuts.length - 1]).toBe(P);
        const sizes = cuts.slice(1).map((c, i) => c - cuts[i]);
        expect(Math.min(...sizes)).toBeGreaterThan(0);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(256);
        // Equal to within one 8-pixel unit, except a last task shortened by P's remainder.
        expect(Math.max(...sizes.slice(0, -1), 0) - Math.min(...sizes.slice(0, -1), Infinity)).toBeLessThanOrEqual(8);
        if (P >= 32 * 6 * threads) expect(sizes.length % threads).toBe(0); // the threads run out together
      }
    }
  });

  it('gives the 784-pixel layer of case (b) twelve tasks of 64-72 pixels, not eleven', () => {
    const cuts = splitPixels(784, 2, 256);
    expect(cuts.length - 1).toBe(12);
    expect(cuts.slice(1).map((c, i) => c - cuts[i]).every((s) => s === 64 || s === 72)).toBe(true);
    expect(splitPixels(0, 2, 256)).toEqual([0]);
  });
});
