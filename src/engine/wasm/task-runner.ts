/**
 * The interface between the engine (engine.ts), which plans a call and hands its tasks over, and
 * the worker threads (thread-pool.ts), which run them: a module of its own so that neither imports the other for it.
 */
import type { Task } from './plan.js';

/** Runs phase-2 tasks in parallel; resolves when all are done. Implemented by thread-pool.ts, used by engine.ts. */
export interface TaskRunner {
  /** Threads that will work (caller included). */
  readonly threads: number;
  /** Threads a job is planned for (caller + every worker ever started but the async worker); its plan reserves scratchSlots(slots) (scratch-slots.ts). */
  readonly slots: number;
  /** Why a worker stopped on its own (its error or exit code); undefined while all run. */
  readonly stoppedReason?: string;
  /** Whether async jobs also run on an async worker (thread-pool.ts); absent: no. */
  readonly hasAsyncWorker?: boolean;
  /** `drain(i0, i1)`, if given: called on the calling thread as tasks [i0, i1) are done; the ranges cover every task once, in no set order. */
  /** `feed(i)`, if given: copies task i's input in; a task starts only after its feed returned. */
  runSync(tasks: Task[], scratchPtr: number, scratchPer: number, tablePtr: number, drain?: (i0: number, i1: number) => void, feed?: (i: number) => void, meanwhile?: () => void): void;
  runAsync(tasks: Task[], scratchPtr: number, scratchPer: number, tablePtr: number): Promise<void>;
  /** Waits until no worker touches memory (before any call writes it). */
  quiesce(): void;
  /** How long workers busy-wait for the next job after one ends (ms). */
  setSpin(ms: number): void;
  close(): void;
}
