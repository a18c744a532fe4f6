/**
 * Chooses the engine that computes a convolution's weight gradient on `engine: 'auto'`: the fast
 * engine's GEMM over the forward's tap tables (src/engine/wasm/weight-grad.ts) when it is loaded
 * and the gradient is not tiny; otherwise null, and the caller takes its portable path (the
 * gradient as a convolution through runConv, which picks the tiny-call or reference engine).
 */
import type { ConvGeometry } from '../geometry/types.js';
import { macsOf, TINY_MAX_MACS } from './tiny.js';
import { wasmEngine } from './wasm/engine.js';
import { weightGradJob } from './wasm/weight-grad.js';

/** The weight gradient on the fast engine (the weight's layout), or null where it does not run. */
/** `into`: the caller's buffer for the result (the `out` option), else a fresh array. */
export function fastWeightGrad(g: ConvGeometry, x: Float32Array, gy: Float32Array, into: Float32Array | null = null): Float32Array | null {
  const fast = macsOf(g) > TINY_MAX_MACS ? wasmEngine() : null;
  if (!fast) return null;
  try {
    return fast.runJob(weightGradJob(g, x, gy, into));
  } catch (e) {
    if (!(e instanceof RangeError)) throw e; // wasm memory could not grow: too big for it
    return null;
  }
}

/** fastWeightGrad without blocking the calling thread on the engine's worker threads. */
export async function fastWeightGradAsync(g: ConvGeometry, x: Float32Array, gy: Float32Array, into: Float32Array | null = null): Promise<Float32Array | null> {
  const fast = macsOf(g) > TINY_MAX_MACS ? wasmEngine() : null;
  if (!fast) return null;
  try {
    return await fast.runJobAsync(weightGradJob(g, x, gy, into));
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return null;
  }
}
