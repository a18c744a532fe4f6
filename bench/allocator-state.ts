/**
 * The allocator state a benchmark process runs in, settled and measured.
 *
 * What a fresh 800 KB result array costs in this process right after a two-thread call (median
 * of 40): ~0.05 ms when glibc's allocator hands back memory it kept, ~1–3 ms when it gave the
 * freed arrays back to the system and every page is faulted in again — which on this VM costs
 * some 30× more while (or shortly after) the worker thread runs (bench/results/engine-design.md,
 * "Fresh result arrays on two threads"). A process is in one state or the other, and may change
 * as it runs; every fresh-array column of a benchmark carries it, so the benchmarks report it
 * before and after their cases.
 *
 * Which state is glibc's: it serves an 800 KB array by mmap until it has freed a mapped block,
 * then from its heap, and gives the heap's free top back to the system past twice the largest
 * mapped block it freed. A short process whose largest freed block is a result array gives
 * memory back all the time; one that has freed a large block once (most real programs; a
 * benchmark after its first cases) keeps it. `settleAllocator` frees one 16 MB array at the start,
 * so every case of a run sees the state the later ones would see anyway, instead of the case
 * order deciding (bench/results/engine-design.md).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { conv2d } from '../src/index.js';

/**
 * Makes and frees one 16 MB array (a full GC, then a pause for the concurrent sweep to free it),
 * then makes fresh result arrays for a while: the state turns within those (the first probe
 * after the free still finds it as before, the next one settled, in 4 processes of 4).
 */
export async function settleAllocator(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let big: Float32Array | null = new Float32Array(4 << 20).fill(1);
  big = null;
  gc();
  await new Promise((r) => setTimeout(r, 100));
  gc();
  freshArrayProbe();
}

export function freshArrayProbe(): number {
  const x = { shape: [1, 32, 112, 112], data: Float32Array.from({ length: 32 * 112 * 112 }, (_, i) => Math.sin(i)) };
  const w = { shape: [64, 32, 3, 3], data: Float32Array.from({ length: 64 * 32 * 9 }, (_, i) => Math.cos(i)) };
  const into = new Float32Array(64 * 56 * 56);
  const t: number[] = [];
  for (let i = 0; i < 40; i++) {
    conv2d(x, w, { stride: 2, padding: 1, out: into }); // on both threads (the engine's default pool)
    const t0 = performance.now();
    new Float32Array(into.length).set(into);
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[20];
}

/** The report line (every benchmark that settles words it the same way). */
export function probeLine(before: number, after: number): string {
  return `- this process's fresh 800 KB array right after a two-thread call (bench/allocator-state.ts; settled first: one 16 MB array made and freed): ${before.toFixed(2)} ms before the cases, ${after.toFixed(2)} ms after (~0.05: the allocator reused freed memory; ~1–3: it gave it back to the system and every page is faulted in again, which the fresh-array columns then carry)`;
}
