/**
 * Chooses the engine that computes a pooling, as dispatch.ts does for convolutions: 'auto' runs
 * the fast WebAssembly engine's pooling kernels (wasm/pooling-plan.ts) whenever the engine is
 * loaded, and the reference loops otherwise or for poolings so small that the fast engine's fixed
 * per-call cost dominates. Max pooling gives exactly the reference's values; average pooling the
 * same within float32 rounding (the reference sums in float64).
 */
import type { PoolGeometry } from '../geometry/pool.js';
import { delivered, rethrowUnlessTooBig, type EngineName } from './dispatch.js';
import { referencePool } from './reference/pool.js';
import { wasmEngine } from './wasm/engine.js';
import { poolJob } from './wasm/pooling-job.js';
import { arrayOf, type InputData } from './wasm/resident.js';
import { poolWork } from './wasm/pooling-plan.js';

/**
 * At or below this much work (window taps over all outputs) 'auto' stays on the reference loops:
 * one fast-engine call has a fixed cost of a few µs whatever its size, which the loops match at
 * about 128 taps (bench/results/pooling.md, "Where 'auto' leaves the reference loops").
 */
export const POOL_TINY_WORK = 128;

/**
 * `x`: the input, or data kept in the engine's memory (an engine tensor). `into`: the array the
 * result is written to and returned as (the `out` option), else a fresh one.
 */
export function runPool(g: PoolGeometry, x: InputData, engine: EngineName, into: Float32Array | null = null): Float32Array {
  if (engine === 'auto' && poolWork(g) > POOL_TINY_WORK) {
    const fast = wasmEngine();
    if (fast) {
      try {
        return fast.runJob(poolJob(g, x, into));
      } catch (e) { rethrowUnlessTooBig(e); }
    }
  }
  return delivered(referencePool(g, arrayOf(x)), into);
}

/** Asynchronous variant: never blocks the calling thread on other threads (browser main thread). */
export async function runPoolAsync(g: PoolGeometry, x: InputData, engine: EngineName, into: Float32Array | null = null): Promise<Float32Array> {
  if (engine === 'auto' && poolWork(g) > POOL_TINY_WORK) {
    const fast = wasmEngine();
    if (fast) {
      try {
        return await fast.runJobAsync(poolJob(g, x, into));
      } catch (e) { rethrowUnlessTooBig(e); }
    }
  }
  return delivered(referencePool(g, arrayOf(x)), into);
}
