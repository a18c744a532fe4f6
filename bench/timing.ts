/**
 * Timing helpers shared by the benchmarks: a seeded generator for inputs, interleaved batch
 * timing (every engine sees the same background load) and the agreement check.
 */

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

interface Runner {
  name: string;
  run: () => unknown | Promise<unknown>;
  inner: number;
  samples: number[];
  sync: boolean;
}

/**
 * Interleaved timing: every round runs one batch of each engine in turn (batches of calls
 * ≥ batchMs, default 1 ms), so all engines see the same background load on this shared machine.
 * Rounds go on until the budget is spent (at least 5). Returns per-engine median and best per-call ms.
 */
export async function timeAll(runs: { name: string; run: () => unknown | Promise<unknown> }[], budget: number, batchMs = 1): Promise<Map<string, { median: number; best: number }>> {
  const rs: Runner[] = [];
  for (const r of runs) {
    const first = r.run();
    const sync = !(first instanceof Promise);
    await first;
    // Warm up for 30 ms before sizing the batches: a µs-scale call timed cold (before V8 has
    // optimised it) would size batches of a fraction of a millisecond, timed mostly cold too.
    const w0 = performance.now();
    while (performance.now() - w0 < 30) await r.run();
    const t0 = performance.now();
    await r.run();
    const once = performance.now() - t0;
    rs.push({ ...r, inner: Math.max(1, Math.ceil(batchMs / Math.max(once, 1e-4))), samples: [], sync });
  }
  const start = performance.now();
  for (let round = 0; round < 5 || (performance.now() - start < budget && round < 40); round++) {
    for (const r of rs) {
      const t0 = performance.now();
      // Synchronous calls are not awaited: an await per call would add ~0.1 µs to the µs-scale case (j).
      if (r.sync) for (let i = 0; i < r.inner; i++) r.run();
      else for (let i = 0; i < r.inner; i++) await r.run();
      r.samples.push((performance.now() - t0) / r.inner);
    }
  }
  const out = new Map<string, { median: number; best: number }>();
  for (const r of rs) {
    r.samples.sort((a, b) => a - b);
    out.set(r.name, { median: r.samples[Math.floor(r.samples.length / 2)], best: r.samples[0] });
  }
  return out;
}

/**
 * One-thread CPU time per call (process CPU time, median of 7 batches of ≥ 40 ms): on a machine
 * shared with busy processes, wall time includes the time the thread waited for a core; CPU
 * time does not. For one-thread runs only, with the engine's workers stopped (they would spin).
 */
export async function cpuTime(run: () => unknown): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const c0 = process.cpuUsage();
  await run();
  const once = Math.max(0.05, (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000);
  const n = Math.max(1, Math.ceil(40 / once));
  const batches: number[] = [];
  for (let b = 0; b < 7; b++) {
    const c = process.cpuUsage();
    for (let i = 0; i < n; i++) await run();
    const d = process.cpuUsage(c);
    batches.push((d.user + d.system) / 1000 / n);
  }
  return batches.sort((a, b) => a - b)[3];
}
export function relErr(a: Float32Array, ref: Float32Array): number {
  if (a.length !== ref.length) return Infinity;
  let scale = 1e-12, err = 0;
  for (let i = 0; i < ref.length; i++) { scale = Math.max(scale, Math.abs(ref[i])); err = Math.max(err, Math.abs(a[i] - ref[i])); }
  return err / scale;
}

