/**
 * A job for the fast engine other than a forward convolution (the weight gradient,
 * weight-grad.ts): its own memory layout and tasks, run by WasmEngine.runJob on the same memory
 * and worker threads as the convolutions.
 */
import type { KernelExports } from './runtime.js';
import type { Task } from './plan.js';

/**
 * A result copied out of (shared) wasm memory into `into` (the caller's buffer, `out` of the public
 * calls) or else a fresh array: every job and the conv path read their result through this one
 * function. set() into an array rather than slice() of a view, and a reused buffer where the
 * caller has one: a fresh multi-MB array costs a page fault per 4 KiB on first touch
 * (bench/results/engine-design.md, "Reading a result out of shared memory").
 */
export function copyOut(mem: ArrayBuffer | SharedArrayBuffer, ptr: number, length: number, into: Float32Array | null = null): Float32Array {
  const out = into ?? new Float32Array(length);
  out.set(new Float32Array(mem, ptr, length));
  return out;
}

export interface JobLayout {
  /** Bytes of memory the layout uses (from 0). */
  bytes: number;
  tasks: Task[];
  /** Per-thread scratch: thread t uses [scratchPtr + t·scratchPer, +scratchPer). */
  scratchPtr: number;
  scratchPer: number;
  /**
   * Writes the data and tables into memory (nothing of an earlier call is assumed there).
   * `withInput` false: the input arrives through `feed` instead.
   */
  prepare(mem: ArrayBuffer, k: KernelExports, withInput?: boolean): void;
  /**
   * The result, copied out of memory after every task has run: into the caller's buffer, else
   * `made` when given (see freshLength), else a fresh array.
   */
  read(mem: ArrayBuffer, made?: Float32Array | null): Float32Array;
  /**
   * Optional: the length of the fresh result array read() would make (absent when the caller
   * gave a buffer). An async run makes it while the workers compute and touches its pages a slice
   * at a time between other events (engine.ts runMaking), then hands it to read().
   */
  freshLength?: number;
  /**
   * Optional, where task i reads only its own span of the input (pooling): copies that span in.
   * On threads the engine then prepares without the input and feeds the tasks one by one while
   * the other threads already compute the ones fed (WorkerThreads.runSync's `feed`).
   */
  feed?(mem: ArrayBuffer, i: number): void;
  /**
   * Optional, where each task writes final values to its own span of the output (pooling):
   * called on the calling thread, in task order, as tasks [i0, i1) are done, so the result is
   * copied out while other threads still compute (WorkerThreads.runSync's `drain`); read() then
   * returns what was drained.
   */
  drain?(mem: ArrayBuffer, i0: number, i1: number): void;
}

export interface Job {
  /** Multiply-adds: small jobs stay on the calling thread, as small convolutions do. */
  macs: number;
  /**
   * The layout for `slots` threads' scratch (task granularity only; results do not depend on it),
   * on the engine whose kernels are `k` and memory `memory` (a job whose input is kept in one
   * engine's memory reads it in place there, and copies it in on another).
   */
  plan(slots: number, k: KernelExports, memory: WebAssembly.Memory): JobLayout;
}
