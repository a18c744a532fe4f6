/**
 * Scratch slots a plan for `threads` (task granularity) reserves: one per thread, and on threads
 * one more, the pool's async worker's (thread-pool.ts; its index is `threads`). Sync and async
 * calls of a layer thus share one plan and one layout in memory: with a plan of their own, async
 * calls moved every buffer of the layer, and the sync call after an async one found none of
 * them in the caches (bench/results/async-threads.md). A module of its own: the planners and the
 * task runner's interface both name it, and neither imports the other.
 */
export function scratchSlots(threads: number): number {
  return threads > 1 ? threads + 1 : 1;
}
