/**
 * Keeps a Node process alive while an asynchronous conv is pending. The worker threads are
 * unref'd (idle workers must never keep a process from exiting) and `Atomics.waitAsync` holds
 * no handle, so without this a script whose only work is `await conv2dAsync(…)` would reach
 * the end of its event loop with the promise unsettled: Node then exits (code 13 for a
 * top-level await) and the result is lost. A ref'd timer is held from the first pending job to
 * the last one's end, so an idle process still exits at once. In a browser the timer is just an
 * idle interval.
 */
let pending = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/** Marks one async job pending; call the returned function (once) when it settles. */
export function holdEventLoop(): () => void {
  if (pending++ === 0) timer = setInterval(() => {}, 1e9);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--pending === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Jobs now pending (tests read it). */
export function pendingJobs(): number {
  return pending;
}
