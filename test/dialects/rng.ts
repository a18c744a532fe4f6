import { mulberry32 } from '../support/mulberry32.js';

/** A seeded generator (mulberry32) so random peer configurations are the same on every run. */
export function rng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    data: (n: number) => Float32Array.from({ length: n }, () => next() * 2 - 1),
  };
}

/** max |a − b| relative to the larger of the outputs' scales (1 for tiny outputs). */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1e-6;
  let err = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(a[i]), Math.abs(b[i]));
    const d = Math.abs(a[i] - b[i]);
    err = Number.isNaN(d) ? Infinity : Math.max(err, d);
  }
  return err / Math.max(scale, 1e-3);
}
