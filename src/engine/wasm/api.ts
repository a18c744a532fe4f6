/**
 * Public controls of the fast engine. Its kernels are built into the library and load on first
 * use; `await fastEngineReady()` once lets a browser that compiles large modules only
 * asynchronously use them from its first call (until then 'auto' uses the reference engine:
 * same numbers).
 */
import { ConvError, show } from '../../geometry/errors.js';
import { refuseUnknownOptions } from '../../geometry/options.js';
import { readyWasm, wasmEngine } from './engine.js';
import { isKernelSource, kernelSourceProblem, loadedFeatures, loadProblem, threadsProblem, useSource, type KernelSource } from './runtime.js';
import { canSpawnWorkers } from './thread-pool.js';

export type { KernelSource } from './runtime.js';

/**
 * What the fast engine uses (from `fastEngineReady()` and `fastEngineInfo()`), and why not more.
 *
 * @example
 * ```ts
 * import { fastEngineInfo } from 'convkit';
 * const { simd, threads, reason } = fastEngineInfo();
 * simd; //=> true
 * ```
 */
export interface FastEngineInfo {
  /** WebAssembly SIMD kernels in use ('auto' uses the reference engine when false). */
  simd: boolean;
  /** Relaxed-SIMD fused multiply-add in use. */
  relaxed: boolean;
  /** Shared memory available (needed for threads). */
  shared: boolean;
  /** Threads a large call uses (the caller included). */
  threads: number;
  /**
   * Whether async calls also compute on the pool's async worker, so on as many threads as sync
   * calls (their caller only awaits): by default in Node, not in browsers
   * (`setFastEngineThreads(n, { asyncWorker })` chooses).
   */
  asyncWorker: boolean;
  /**
   * Why the fast engine, or its threads, are not in use: no WebAssembly SIMD, kernels that could
   * not be loaded, still loading, no shared memory (a page that is not cross-origin
   * isolated), a runtime that cannot start worker threads (Node before 20.16 lacks
   * process.getBuiltinModule), or a worker thread that stopped (with its error). Absent when
   * nothing is missing.
   */
  reason?: string;
}

/**
 * Options of `fastEngineReady()`.
 *
 * @example
 * ```ts
 * // In a page that serves node_modules/convkit/dist/engine/wasm/bin/*.wasm from /convkit/,
 * // passed to fastEngineReady() before the first convolution:
 * const options = { wasm: '/convkit/' };
 * ```
 */
export interface FastEngineOptions {
  /**
   * Load the kernels from here instead of the copy built into convkit: the URL of a folder
   * serving the .wasm files of `node_modules/convkit/dist/engine/wasm/bin/`, or one URL or
   * bytes per variant. Must come before the first convolution (which loads the built-in copy).
   * If it cannot be read, convkit uses its built-in copy (the same kernels) and `reason` says why.
   */
  wasm?: KernelSource;
}

/**
 * Loads the fast engine without blocking; resolves to what is in use. Call it once in a browser
 * before the first convolution, so that even a browser that compiles WebAssembly only
 * asynchronously on its main thread runs the first large call on the fast engine. Node needs
 * no call (the engine loads on first use), but it does no harm.
 *
 * The kernels are built into convkit, so bundlers need no configuration. To serve the .wasm
 * files yourself instead, copy `node_modules/convkit/dist/engine/wasm/bin/*.wasm` to your site
 * and call `fastEngineReady({ wasm: '/that/folder/' })` before any convolution (see
 * `KernelSource`). That does not make a bundle smaller (the built-in copy is still imported);
 * it is for sites that must serve WebAssembly as files (README, "Bundlers"). Served files that cannot be read
 * (a wrong path) leave the built-in copy in use. When the fast engine cannot run at all (no
 * WebAssembly SIMD, a policy that forbids compiling WebAssembly), 'auto' computes the same
 * numbers with the reference engine. Either way `reason` says why, and convkit writes one
 * console warning.
 *
 * @example
 * ```ts
 * import { fastEngineReady } from 'convkit';
 * const info = await fastEngineReady();
 * info.simd; //=> true
 * if (info.threads < 2) console.log(info.reason); // e.g. a page without COOP/COEP headers
 * ```
 */
export async function fastEngineReady(options: FastEngineOptions = {}): Promise<FastEngineInfo> {
  if (options === null || typeof options !== 'object') {
    throw new ConvError('INVALID_OPTION', `fastEngineReady options must be an object, but got ${show(options)}`, { hint: "e.g. {} or { wasm: '/convkit/' }" });
  }
  const source = options.wasm;
  if (source !== undefined) {
    if (!isKernelSource(source)) {
      throw new ConvError('INVALID_OPTION', `wasm must be a folder URL or an object of kernel variants with at least 'kernels-simd' (each a URL or bytes), but got ${show(source)}`, {
        hint: "e.g. { wasm: '/convkit/' } or { wasm: { 'kernels-simd': bytes } }; variants: kernels-simd, kernels-relaxed, kernels-simd-shared, kernels-relaxed-shared",
      });
    }
    if (!useSource(source)) {
      throw new ConvError('INVALID_OPTION', 'fastEngineReady({ wasm }) came after the fast engine had loaded its kernels from another source (the built-in copy loads on the first convolution)', {
        hint: 'call fastEngineReady({ wasm }) once, before any convolution, or leave out wasm',
      });
    }
  }
  await readyWasm();
  return fastEngineInfo();
}

/**
 * Why threads cannot start although shared memory works, or null: Node reaches worker_threads
 * through process.getBuiltinModule (20.16+; a static import would break browser bundles), and a
 * runtime may have no workers at all.
 */
function workersProblem(): string | null {
  if (canSpawnWorkers()) return null;
  const proc = (globalThis as { process?: { version?: string; versions?: { node?: string }; getBuiltinModule?: unknown } }).process;
  if (proc?.versions?.node && typeof proc.getBuiltinModule !== 'function') {
    return `threads need process.getBuiltinModule (Node 20.16+ or 22.3+); this Node is ${proc.version}, so one thread`;
  }
  return 'this runtime cannot start worker threads, so one thread';
}

/**
 * What the fast engine uses right now (loads it synchronously where possible).
 *
 * @example
 * ```ts
 * import { fastEngineInfo } from 'convkit';
 * fastEngineInfo().simd; //=> true
 * ```
 */
export function fastEngineInfo(): FastEngineInfo {
  const e = wasmEngine();
  const f = loadedFeatures();
  const info: FastEngineInfo = { simd: !!e, relaxed: !!e && !!f?.relaxed, shared: !!e && e.shared, threads: e?.runner?.threads ?? 1, asyncWorker: e?.runner?.hasAsyncWorker ?? false };
  const stopped = e?.runner?.stoppedReason;
  const lost = stopped === undefined ? null : `a worker thread stopped (${stopped}), so large calls use ${info.threads} thread(s); setFastEngineThreads starts new workers`;
  const engineReason = e ? (e.shared ? lost ?? workersProblem() : threadsProblem()) : (loadProblem() ?? 'the fast engine is not loaded yet; await fastEngineReady()');
  const reason = [kernelSourceProblem(), engineReason].filter((r) => r).join('; ');
  if (reason) info.reason = reason;
  return info;
}

/**
 * Options of `setFastEngineThreads()`.
 *
 * @example
 * ```ts
 * import { setFastEngineThreads } from 'convkit';
 * setFastEngineThreads(2, { spinMs: 0 }); //=> 2
 * ```
 */
export interface FastEngineThreadOptions {
  /**
   * After a call, worker threads busy-wait for the next one before sleeping — about as long as
   * the last gap between calls, at most this long (ms, 0–1000; default 20) — so that calls in
   * quick succession (a network's layers) find them awake, while calls further apart cost no
   * waiting. 0 spends no CPU between calls, at the price of a slow wake-up on a busy machine.
   */
  spinMs?: number;
  /**
   * Whether the pool keeps one more worker for async calls (default: true in Node, false in
   * browsers). An async caller only awaits, so without it an async call computes on one thread
   * fewer than a sync one; with it, async calls in a row ran 1.2–2× faster on 2 threads in Node
   * (bench/results/async-threads.md). It sleeps through sync calls, but a process that alternates
   * sync and async calls on few cores pays for waking it at each async call (0.8–1.3× there, the
   * sync calls 0.8–1×): such a process may turn it off. In a browser the page's own thread and
   * the browser's threads need the cores too: in Chromium on 2 cores async convs ran slower with
   * it (1.7–2.2 against 1.2–1.5 ms), so there it is off unless asked for.
   */
  asyncWorker?: boolean;
}

/** The most threads setFastEngineThreads takes. */
const MAX_THREADS = 64;

/**
 * Sets the threads large calls use (caller included; 1 = no workers; at most 64). Returns what is in effect:
 * 1 where threads cannot run (no SIMD, or a page without cross-origin isolation).
 *
 * @example
 * ```ts
 * import { setFastEngineThreads } from 'convkit';
 * setFastEngineThreads(1); //=> 1
 * setFastEngineThreads(2); //=> 2
 * ```
 */
export function setFastEngineThreads(n: number, options: FastEngineThreadOptions = {}): number {
  if (!Number.isInteger(n) || n < 1) {
    throw new ConvError('INVALID_OPTION', `threads must be a positive integer, but got ${show(n)}`, { values: { threads: n }, hint: 'e.g. 1 (no workers) or 2' });
  }
  // Each thread is a worker started now and a scratch slot in every plan: a thousand took minutes
  // to start on two cores, and threads beyond the cores only wait for one.
  if (n > MAX_THREADS) {
    throw new ConvError('INVALID_OPTION', `threads must be an integer from 1 to ${MAX_THREADS}, but got ${show(n)}`, { values: { threads: n }, hint: `use at most the number of cores (more threads than cores only take turns on them), e.g. 2` });
  }
  if (options === null || typeof options !== 'object') {
    throw new ConvError('INVALID_OPTION', `setFastEngineThreads options must be an object, but got ${show(options)}`, { hint: 'e.g. { spinMs: 0 }' });
  }
  // A misspelt spinMs (`spin`) would leave the default in place without a word.
  refuseUnknownOptions(options as Record<string, unknown>, ['spinMs', 'asyncWorker'], 'setFastEngineThreads');
  const spin = options.spinMs;
  if (spin !== undefined && !(typeof spin === 'number' && spin >= 0 && spin <= 1000)) {
    throw new ConvError('INVALID_OPTION', `spinMs must be a number of milliseconds from 0 to 1000, but got ${show(spin)}`, { values: { spinMs: spin as number }, hint: 'e.g. 0 (sleep at once) or 20 (the default)' });
  }
  const asyncWorker = options.asyncWorker;
  if (asyncWorker !== undefined && typeof asyncWorker !== 'boolean') {
    throw new ConvError('INVALID_OPTION', `asyncWorker must be true or false, but got ${show(asyncWorker)}`, { values: { asyncWorker }, hint: 'e.g. false (async calls on one worker fewer)' });
  }
  const e = wasmEngine();
  return e ? e.setThreads(n, { ...(spin === undefined ? {} : { spinMs: spin }), ...(asyncWorker === undefined ? {} : { asyncWorker }) }) : 1;
}
