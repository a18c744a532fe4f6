/**
 * Chooses the engine that computes a geometry. 'reference' is always the plain loops; 'auto'
 * picks the fast WebAssembly engine (src/engine/wasm/) whenever it is loaded and the runtime has
 * SIMD, and falls back to the reference engine otherwise — both give the same numbers within
 * float32 tolerance. Convs below TINY_MAX_MACS multiply-adds take the tiny-call engine (plain JS,
 * bit-identical to the reference engine): there the wasm engine's fixed per-call cost dominates.
 * On the fast engine, the `algorithm` option (algorithm.ts) may send a 3×3 stride-1 conv to
 * Winograd (wasm/winograd-job.ts) instead of the direct GEMM path.
 */
import { ConvError, show } from '../geometry/errors.js';
import type { ConvGeometry } from '../geometry/types.js';
import { referenceConv } from './reference/conv.js';
import { macsOf, TINY_MAX_MACS, tinyConv } from './tiny.js';
import { wasmEngine, type WasmEngine } from './wasm/engine.js';
import { runWinograd, runWinogradAsync } from './wasm/winograd-job.js';
import { algorithmPlan, type ConvAlgorithm } from './algorithm.js';
import { arrayOf, detached, type InputData } from './wasm/resident.js';

/** Which engine computes: `'auto'` (the fast WebAssembly engine where it loads) or `'reference'` (plain loops, float64 sums). */
export type EngineName = 'reference' | 'auto';

export function engineOf(v: unknown): EngineName {
  if (v === undefined || v === null || v === 'auto') return 'auto';
  if (v === 'reference') return 'reference';
  throw new ConvError('INVALID_OPTION', `engine must be 'auto' or 'reference', but got ${show(v)}`, { values: { engine: v }, hint: "use 'auto' (fastest available) or 'reference'" });
}

/**
 * The result of an engine that allocates its own array, handed over in `into` when the caller
 * gave one (the `out` option; the fast engine writes there directly).
 */
export function delivered(result: Float32Array, into: Float32Array | null): Float32Array {
  if (!into) return result;
  into.set(result);
  return into;
}

/**
 * Where a conv runs on engine 'auto' (and for 'reference': nowhere but the reference loops, null):
 * the tiny-call engine for a small direct one, else the fast engine when it is loaded.
 */
function autoRoute(g: ConvGeometry, engine: EngineName, winograd: boolean): 'tiny' | WasmEngine | null {
  if (engine !== 'auto') return null;
  if (!winograd && macsOf(g) <= TINY_MAX_MACS) return 'tiny';
  return wasmEngine();
}

/** A RangeError from the fast engine means its memory could not grow (too big for it): the caller falls back. */
export function rethrowUnlessTooBig(e: unknown): void {
  if (!(e instanceof RangeError)) throw e;
}

/**
 * `x`: an array, or an engine tensor's kept block (the GEMM and depthwise paths read it where it
 * lies; Winograd copies it, the plain loops read it at once). `into`: the array the result is
 * written to and returned as (the `out` option), else a fresh one.
 */
export function runConv(g: ConvGeometry, x: InputData, w: Float32Array, bias: Float32Array | null, engine: EngineName, algorithm: ConvAlgorithm = 'auto', into: Float32Array | null = null): Float32Array {
  const winograd = algorithmPlan(g, engine, algorithm);
  const route = autoRoute(g, engine, winograd);
  if (route === 'tiny') return delivered(tinyConv(g, arrayOf(x), w, bias), into);
  if (route) {
    try {
      return winograd ? runWinograd(route, g, detached(x), w, bias, undefined, into) : route.conv(g, x, w, bias, undefined, into);
    } catch (e) { rethrowUnlessTooBig(e); }
  }
  return delivered(referenceConv(g, arrayOf(x), w, bias), into);
}

/** Asynchronous variant: never blocks the calling thread on other threads (browser main thread). */
export async function runConvAsync(g: ConvGeometry, x: InputData, w: Float32Array, bias: Float32Array | null, engine: EngineName, algorithm: ConvAlgorithm = 'auto', into: Float32Array | null = null): Promise<Float32Array> {
  const winograd = algorithmPlan(g, engine, algorithm);
  const route = autoRoute(g, engine, winograd);
  if (route === 'tiny') return delivered(tinyConv(g, arrayOf(x), w, bias), into);
  if (route) {
    try {
      return await (winograd ? runWinogradAsync(route, g, detached(x), w, bias, into) : route.convAsync(g, x, w, bias, undefined, into));
    } catch (e) { rethrowUnlessTooBig(e); }
  }
  return delivered(referenceConv(g, arrayOf(x), w, bias), into);
}
