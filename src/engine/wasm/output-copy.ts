/**
 * How a threaded call's result leaves wasm memory. Layouts whose tasks own output ranges copy
 * them out as tasks finish (`drain`): the copy, its page faults and any GC of the fresh result
 * array overlap the other threads' work (the array is made at the first drain, after the job is
 * published) — contiguous spans per task (depthwise) or, for dense direct convs, a pixel range
 * of every output channel (strided rows). Otherwise (transposed convs scatter into the whole
 * output, so nothing is final before the join) the result array is made and its pages touched
 * `meanwhile`, leaving only a plain copy after the join (faulting in a fresh multi-MB array
 * costs about as much as the copy).
 */
import { copyOut } from './job.js';
import type { Layout } from './plan.js';

export interface OutputCopy {
  drain?: (i0: number, i1: number) => void;
  meanwhile?: () => void;
  result(): Float32Array;
}

export function outputCopy(layout: Layout, mem: Float32Array, into: Float32Array | null): OutputCopy {
  const spans = layout.taskOutput, rows = layout.taskOutRows;
  const outBase = layout.outPtr >> 2;
  let out: Float32Array | null = into;
  const fresh = (): Float32Array => (out ??= new Float32Array(layout.outLength));
  if (spans) {
    return {
      drain(i0, i1) {
        const o = fresh();
        for (let i = i0; i < i1; i++) {
          const start = spans[2 * i], len = spans[2 * i + 1];
          o.set(mem.subarray(outBase + start, outBase + start + len), start);
        }
      },
      result: fresh, // no task: an empty output
    };
  }
  if (rows) {
    const views = rowViews(layout, rows, mem);
    return {
      drain(i0, i1) {
        const o = fresh();
        for (let i = i0; i < i1; i++) {
          const v = views[i], stride = rows[4 * i + 3];
          for (let r = 0, s = rows[4 * i]; r < v.length; r++, s += stride) o.set(v[r], s);
        }
      },
      result: fresh,
    };
  }
  return {
    // A fresh array's pages are first touched here, while the workers compute (a caller's buffer is already mapped).
    meanwhile: into ? undefined : () => { fresh().fill(0); },
    result: () => copyOut(mem.buffer, layout.outPtr, layout.outLength, fresh()),
  };
}

/**
 * The views a strided-rows drain copies from: task i's output rows (taskOutRows: start, length,
 * count, stride), made once per layout and memory buffer. A (i)-sized input gradient drains 896
 * rows a call, and making a subarray per row cost about as much as copying the rows.
 */
const rowViewCache = new WeakMap<Layout, { buffer: ArrayBufferLike; views: Float32Array[][] }>();

function rowViews(layout: Layout, rows: Int32Array, mem: Float32Array): Float32Array[][] {
  const hit = rowViewCache.get(layout);
  if (hit && hit.buffer === mem.buffer) return hit.views;
  const outBase = layout.outPtr >> 2;
  const views: Float32Array[][] = [];
  for (let i = 0; 4 * i < rows.length; i++) {
    const start = rows[4 * i], len = rows[4 * i + 1], n = rows[4 * i + 2], stride = rows[4 * i + 3];
    const v: Float32Array[] = [];
    for (let r = 0, s = start; r < n; r++, s += stride) v.push(mem.subarray(outBase + s, outBase + s + len));
    views.push(v);
  }
  rowViewCache.set(layout, { buffer: mem.buffer, views });
  return views;
}
