/**
 * `npx tsx bench/winograd-stride2.ts`: would a stride-2 Winograd make case (i)'s input gradient
 * faster? Measured before building it.
 *
 * (i)'s input gradient is a 32→64 3×3 stride-2 conv over 112×112 (bench/cases.ts). Split into its
 * four stride-2 phases (space-to-depth), it is a 128→64 2×2 stride-1 conv over 57×57, which
 * Winograd F(4×4, 2×2) computes as 25 products of 64 × 128 by 128 × 196 tiles: 40.1 M
 * multiply-adds against the direct GEMM's 57.8 M (1.44× fewer). What that costs depends on how
 * fast the Winograd pipeline (transforms, short products, the weights transformed on each call)
 * runs per multiply-add against the direct GEMM. The engine's F(4×4, 3×3) on a 128→64 3×3 conv
 * over 56×56 does 36 products of exactly that shape, 57.8 M multiply-adds, as many as (i)'s
 * direct GEMM: their time ratio is the pipeline's cost per multiply-add, and 25/36 of it
 * estimates F(4×4, 2×2)'s time against the direct path (its transforms shrink in about the same
 * ratio: 5×5 tiles for 6×6).
 *
 * Both on one thread (the calling thread) and on two, through the public API, interleaved
 * batches (timing.ts timeAll), medians. Prints a table; writes nothing.
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';

try { setFlagsFromString('--experimental-wasm-relaxed-simd'); } catch { /* flag unknown: fine */ }

const { rng, timeAll } = await import('./timing.js');
const api = await import('../src/index.js');

const r = rng(7);
const fill = (n: number) => Float32Array.from({ length: n }, () => r() - 0.5);
const gy = { shape: [1, 32, 112, 112], data: fill(32 * 112 * 112) };
const w32 = { shape: [64, 32, 3, 3], data: fill(64 * 32 * 9) };
const x128 = { shape: [1, 128, 56, 56], data: fill(128 * 56 * 56) };
const w128 = { shape: [64, 128, 3, 3], data: fill(64 * 128 * 9) };

console.log(`load ${loadavg()[0].toFixed(1)} at the start`);
console.log('| threads | (i) dx, direct GEMM (57.8 M MACs) ms | F(4×4, 3×3), 128→64 56×56 (57.8 M MACs) ms | pipeline / direct | F(4×4, 2×2) estimate / direct (× 25/36) |');
console.log('|---|---|---|---|---|');
for (const threads of [1, 2]) {
  api.setFastEngineThreads(threads);
  const times = await timeAll([
    { name: 'direct', run: () => api.conv2d(gy, w32, { stride: 2, padding: 1, algorithm: 'direct' }) },
    { name: 'winograd', run: () => api.conv2d(x128, w128, { padding: 1, algorithm: 'winograd' }) },
  ], 6000);
  const d = times.get('direct')!.median, w = times.get('winograd')!.median;
  console.log(`| ${threads} | ${d.toFixed(2)} | ${w.toFixed(2)} | ${(w / d).toFixed(2)} | ${((w / d) * 25 / 36).toFixed(2)} |`);
}
console.log(`load ${loadavg()[0].toFixed(1)} at the end`);
process.exit(0);
