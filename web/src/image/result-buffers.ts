/**
 * Reusable result buffers for the library's `out` option. A picture's output is megabytes (3 MB for
 * a 512 × 512 RGB result) and a freshly allocated array of that size costs a page fault per 4 KiB
 * the first time it is written — milliseconds per change in Chromium, where every large
 * ArrayBuffer is a fresh mapping. Buffers handed back are kept by length and handed out again.
 *
 * A buffer is out of the pool from `take` until `give`: the engine writes into it until its
 * promise settles, and the page reads it while drawing, so two jobs (one running, a newer one
 * queued) never share one. Only the newest length is kept: a setting that changes the output's
 * size leaves the old buffers to the garbage collector instead of holding them all.
 */
export class ResultBuffers {
  private length = -1;
  private free: Float32Array[] = [];

  constructor(private readonly keep = 2) {}

  /** A buffer of exactly `length` values, not in use by anyone else until it is given back. */
  take(length: number): Float32Array {
    if (length !== this.length) {
      this.length = length;
      this.free = [];
    }
    return this.free.pop() ?? new Float32Array(length);
  }

  /** Hands a buffer back once nothing reads or writes it any more. */
  give(buffer: Float32Array): void {
    if (buffer.length === this.length && this.free.length < this.keep && !this.free.includes(buffer)) this.free.push(buffer);
  }

  /** Buffers waiting to be reused (for the tests). */
  get spare(): number {
    return this.free.length;
  }
}
