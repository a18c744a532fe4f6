/** Shared helpers for the fast-engine tests: a seeded PRNG, random data, a scale-relative error. */
import { mulberry32 } from '../support/mulberry32.js';

export const rng = mulberry32;

export function randomData(n: number, r: () => number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = r() * 2 - 1;
  return a;
}

/** max |a − b| divided by the output's scale (max |b|, at least 1e-6). */
export function relError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let scale = 1e-6, err = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    err = Math.max(err, Math.abs(a[i] - b[i]));
  }
  return err / scale;
}

export const prod = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
