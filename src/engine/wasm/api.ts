/**
 * Public controls of the fast engine. Node loads it on first use; a browser must
 * `await fastEngineReady()` once (until then 'auto' uses the reference engine: same numbers).
 */
import { ConvError, show } from '../../geometry/errors.js';
import { readyWasm, wasmEngine } from './engine.js';
import { loadedFeatures } from './runtime.js';

export interface FastEngineInfo {
  /** WebAssembly SIMD kernels in use ('auto' uses the reference engine when false). */
  simd: boolean;
  /** Relaxed-SIMD fused multiply-add in use. */
  relaxed: boolean;
  /** Shared memory available (needed for threads). */
  shared: boolean;
  /** Threads a large call uses (the caller included). */
  threads: number;
}

/** Loads the fast engine without blocking; resolves to what is in use. */
export async function fastEngineReady(): Promise<FastEngineInfo> {
  await readyWasm();
  return fastEngineInfo();
}

/** What the fast engine uses right now (loads it synchronously where possible). */
export function fastEngineInfo(): FastEngineInfo {
  const e = wasmEngine();
  const f = loadedFeatures();
  return { simd: !!e, relaxed: !!e && !!f?.relaxed, shared: !!e && e.shared, threads: e?.runner?.threads ?? 1 };
}

export interface FastEngineThreadOptions {
  /**
   * After a call, worker threads busy-wait for the next one before sleeping — about as long as
   * the last gap between calls, at most this long (ms, 0–1000; default 20) — so that calls in
   * quick succession (a network's layers) find them awake, while calls further apart cost no
   * waiting. 0 spends no CPU between calls, at the price of a slow wake-up on a busy machine.
   */
  spinMs?: number;
}

/** Sets the threads large calls use (caller included; 1 = no workers). Returns what is in effect. */
export function setFastEngineThreads(n: number, options: FastEngineThreadOptions = {}): number {
  if (!Number.isInteger(n) || n < 1) {
    throw new ConvError('INVALID_OPTION', `threads must be a positive integer, but got ${show(n)}`, { values: { threads: n }, hint: 'e.g. 1 (no workers) or 2' });
  }
  const spin = options.spinMs;
  if (spin !== undefined && !(typeof spin === 'number' && spin >= 0 && spin <= 1000)) {
    throw new ConvError('INVALID_OPTION', `spinMs must be a number of milliseconds from 0 to 1000, but got ${show(spin)}`, { values: { spinMs: spin as number }, hint: 'e.g. 0 (sleep at once) or 20 (the default)' });
  }
  const e = wasmEngine();
  return e ? e.setThreads(n, spin === undefined ? {} : { spinMs: spin }) : 1;
}
