/**
 * Chooses the engine that computes a convolution's weight gradient on `engine: 'auto'`: on the
 * fast engine when it is loaded and the gradient is not tiny — by Winograd (wasm/winograd-grad.ts)
 * where the forward would run as Winograd too and it is not dilated (preferWinograd: the gradient
 * measured faster than the GEMM on the same configurations, bench/results/engine-design.md), else
 * as the GEMM over the forward's tap tables (wasm/weight-grad.ts); otherwise null, and the caller
 * takes its portable path (the gradient as a convolution through runConv, which picks the
 * tiny-call or reference engine).
 */
import type { ConvGeometry } from '../geometry/types.js';
import { rethrowUnlessTooBig } from './dispatch.js';
import { preferWinograd } from './algorithm.js';
import { macsOf, TINY_MAX_MACS } from './tiny.js';
import { wasmEngine } from './wasm/engine.js';
import { weightGradJob } from './wasm/weight-grad.js';
import { runWinogradGrad, runWinogradGradAsync, winogradGradIneligibility } from './wasm/winograd-grad.js';

/** Whether the weight gradient of `g` runs as Winograd on the fast engine. */
function winogradGrad(g: ConvGeometry): boolean {
  return winogradGradIneligibility(g) === null && preferWinograd(g);
}

/** The weight gradient on the fast engine (the weight's layout), or null where it does not run. */
/** `into`: the caller's buffer for the result (the `out` option), else a fresh array. */
export function fastWeightGrad(g: ConvGeometry, x: Float32Array, gy: Float32Array, into: Float32Array | null = null): Float32Array | null {
  const fast = macsOf(g) > TINY_MAX_MACS ? wasmEngine() : null;
  if (!fast) return null;
  try {
    return (winogradGrad(g) ? runWinogradGrad(fast, g, x, gy, into) : null) ?? fast.runJob(weightGradJob(g, x, gy, into));
  } catch (e) {
    rethrowUnlessTooBig(e);
    return null;
  }
}

/** fastWeightGrad without blocking the calling thread on the engine's worker threads. */
export async function fastWeightGradAsync(g: ConvGeometry, x: Float32Array, gy: Float32Array, into: Float32Array | null = null): Promise<Float32Array | null> {
  const fast = macsOf(g) > TINY_MAX_MACS ? wasmEngine() : null;
  if (!fast) return null;
  try {
    return (winogradGrad(g) ? await runWinogradGradAsync(fast, g, x, gy, into) : null) ?? await fast.runJobAsync(weightGradJob(g, x, gy, into));
  } catch (e) {
    rethrowUnlessTooBig(e);
    return null;
  }
}
