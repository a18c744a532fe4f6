/**
 * Turns a ConvGeometry plus its data into a memory layout and a list of kernel calls.
 *
 * Phases: (1) copy input/weight/bias and the index tables into wasm memory, pack the weights
 * (every call: packing costs no more than checksumming would, so a weight mutated in place can
 * never be served stale); (2) the parallel part — a list of independent tasks (GEMM pixel ranges,
 * which for a transposed conv also scatter their pixels to the output — the sub-pixel
 * interleave; depthwise channel ranges) that any thread may run; (3) bias-only phases of
 * transposed convs (finish). The executor runs phase 2 on one or more threads.
 */
import { windowSpan } from '../../geometry/sizes.js';
import { padSource } from '../../geometry/taps.js';
import type { AxisGeometry, ConvGeometry, DirectAxis, DirectConvGeometry, PaddingMode } from '../../geometry/types.js';
import { product } from '../../geometry/validate.js';
import { axes3, axisClasses, type AxisClass } from './classes.js';
import { scratchSlots } from './scratch-slots.js';
import {
  callConvGemm, callCopyOut, callGemmPlanes, callScatter, callTask, depthwiseTask, gemmTask, GEMM_CLASS_WORDS, GEMM_TASK, TASK_GEMM,
  writeDepthwiseDesc, writeGemmClassDesc, DEPTHWISE_WORDS, type KernelExports, type Task,
} from './layouts.generated.js';

/** What the plan needs to know about the compiled kernels. */
export interface KernelShape {
  /** Rows of the register tile (output channels are padded to a multiple). */
  tileRows: number;
  /** Pixels per packed block: a GEMM task on threads is one block (unless its writes are final, see below). */
  blockPixels: number;
  /** Rows of B per K block: with K ≤ kBlock a GEMM writes each output once, complete. */
  kBlock: number;
  /** The same for indirect B (padded planes, read in place). */
  kBlockRows: number;
  /** Per-thread GEMM scratch for `oc` output channels. */
  scratchBytes(oc: number): number;
}

/** The kernels' shape as they report it (every planner reads it from here). */
export function kernelShape(k: KernelExports): KernelShape {
  return { tileRows: k.tileRows(), blockPixels: k.blockPixels(), kBlock: k.kBlock(), kBlockRows: k.kBlockRows(), scratchBytes: (oc) => k.gemmScratchBytes(oc) };
}

export { TASK_DEPTHWISE, TASK_GEMM, TASK_POOL, TASK_WEIGHT_GRAD, TASK_WINOGRAD, TASK_WINOGRAD_WEIGHTS, type Task } from './layouts.generated.js';

/**
 * Runs one task on one thread, whole: a GEMM task builds the plane rows it reads (word `xin` ≠ 0)
 * and computes its pixel range (`priv`: in the thread's scratch, then copied to its place —
 * worker threads, and a caller stealing a task), and a transposed conv's task scatters its pixels
 * to the output (words out, off, outSp; out = 0: nothing to scatter). The workers' program
 * (thread-pool.ts) does the same steps.
 */
export function runTask(k: KernelExports, t: Task, scratch: number, priv: boolean): void {
  const a = t.args;
  if (t.kind !== TASK_GEMM) {
    callTask(k, t.kind, a, 0, scratch);
    return;
  }
  const inPrivate = priv && a[GEMM_TASK.final] !== 1; // final writes: computed in place
  if (a[GEMM_TASK.xin] !== 0) callGemmPlanes(k, a, 0);
  callConvGemm(k, a, 0, scratch, inPrivate ? 1 : 0);
  if (inPrivate) callCopyOut(k, a, 0, scratch);
  if (a[GEMM_TASK.out] !== 0) callScatter(k, a, 0);
}

/** A GEMM task whose plane build reads its input `shift` bytes further on (an input read where it lies). */
function rebased(t: Task, shift: number): Task {
  const args = t.args.slice();
  args[GEMM_TASK.xin] += shift;
  return { kind: t.kind, args };
}

export interface Layout {
  bytes: number;
  /**
   * Writes data and tables into memory and packs weights, and returns the tasks to run: `tasks`,
   * or, when the input is read where it lies, copies pointing there. `x`: the input as an array,
   * or the byte address where it already lies in this memory (an engine tensor,
   * ops/engine-tensor.ts), which nothing of this layout overlaps. `tablesValid`: this layout
   * was the last one prepared, so its index tables are in place. `copyInput` false: the caller
   * copies the input itself (per task, see taskFeed).
   */
  prepare(mem: ArrayBuffer, k: KernelExports, x: Float32Array | number, w: Float32Array, bias: Float32Array | null, tablesValid: boolean, copyInput?: boolean): Task[];
  tasks: Task[];
  finish(k: KernelExports): void;
  outPtr: number;
  outLength: number;
  /**
   * When every task writes one contiguous span of the output and finish() writes nothing:
   * [start, length] (in floats from outPtr) per task, so the caller can copy spans out early.
   */
  taskOutput?: Int32Array;
  /**
   * When the caller may copy the input in task by task (tasks are fed in order, each released
   * once its feed returned): per task [start, channels, plane, from, to] — copy the floats
   * [start + c·plane + from, start + c·plane + to) for c < channels (nothing when from = to).
   * Together the feeds copy every input float a task reads, before that task is released.
   */
  taskFeed?: Int32Array;
  /**
   * When finish() writes nothing and task i writes `rows` runs of `length` floats at
   * start + r·stride (from outPtr): [start, length, rows, stride] per task (dense direct convs).
   */
  taskOutRows?: Int32Array;
  inPtr: number;
  /** Per-thread scratch: thread t uses [scratchPtr + t·scratchPer, +scratchPer). */
  scratchPtr: number;
  scratchPer: number;
}

/**
 * Whether `w` holds bit for bit the floats at `ptr` (the copy the last call packed from). Bits,
 * not values: a weight changed from 0 to −0, or between NaNs, is packed again.
 */
function sameBits(w: Float32Array, mem: ArrayBuffer, ptr: number): boolean {
  const a = new Int32Array(w.buffer, w.byteOffset, w.length), b = new Int32Array(mem, ptr, w.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class Arena {
  top = 64;
  alloc(bytes: number): number {
    const p = this.top;
    this.top = (this.top + bytes + 63) & ~63;
    return p;
  }
}

function isDepthwise(g: DirectConvGeometry): boolean {
  const icg = g.inChannels / g.groups;
  const ocg = g.outChannels / g.groups;
  return icg === 1 && ocg <= 2;
}

/** Plans a conv for `threads` workers (task granularity only; results do not depend on it). */
export function planConv(g: ConvGeometry, threads: number, ks: KernelShape): Layout {
  return !g.transposed && isDepthwise(g) ? planDepthwise(g, threads, ks) : planGemm(g, threads, ks);
}

interface ClassPlan {
  cls: AxisClass[];
  P: number;
  taps: number;
  K: number;
  desc: number;
  tabs: number[];
  tapOff: number;
  outOff: number;
  direct: boolean;
  packed: number[]; // per group
  temp: number[]; // per batch×group (transposed only)
  /** Indirect B: where row k of B starts relative to a run's first cell, and its table. */
  offs: Int32Array | null;
  offsPtr: number;
}

/**
 * Grid of a direct conv along one axis: cell i reads input padSource(i − padBefore), the cell
 * that tapSource(o, k) names for o·s + k·d = i (any padding mode). A missing axis: one cell, 0.
 */
export function gridMap(a: DirectAxis | null, mode: PaddingMode): Int32Array {
  if (!a) return Int32Array.of(0);
  const n = windowSpan(a.output, a.stride, a.effectiveKernel);
  return Int32Array.from({ length: n }, (_, i) => padSource(i - a.padBefore, a.input, mode));
}

/**
 * A column map plus two words: the [lo, hi) run of grid columns that map to consecutive input
 * columns, which the kernels copy as one block (the borders go through the map).
 */
export function withColumnRun(cols: Int32Array): Int32Array {
  const gW = cols.length;
  const m = new Int32Array(gW + 2);
  m.set(cols);
  let lo = 0;
  while (lo < gW && m[lo] < 0) lo++;
  let hi = lo;
  while (hi < gW && m[hi] === m[lo] + (hi - lo)) hi++;
  m[gW] = lo;
  m[gW + 1] = hi;
  return m;
}

/** Padded input planes that a GEMM reads B from in place (see planGemm). */
interface RowsPlan {
  rowMap: Int32Array;
  /** With the [lo, hi) run trailer (withColumnRun). */
  colMap: Int32Array;
  gH: number;
  gW: number;
  /** Cells per plane row (split rows: even half, 8, odd half, 8). */
  gWp: number;
  split: boolean;
  /** Plane rows between the runs of successive class output rows. */
  sH: number;
  /** Row k = icl·taps + tap of B: cells after the run's first cell (per class). */
  offs(cls: AxisClass[], icg: number, planeSize: number): Int32Array;
}

/** Run widths (output row lengths) whose last 8-pixel group wastes at most ~3 %. */
const goodRun = (n: number): boolean => (8 - (n % 8)) % 8 <= n / 32;

/**
 * Indirect B. Direct convs of rank ≤ 2 with stride 1 or 2 along W: a run of outputs in one row
 * reads, for each tap, consecutive cells of a padded plane row (stride 2: of one half of a row
 * split into even and odd cells). Transposed convs of rank ≤ 2: in a sub-pixel phase, tap t
 * reads input cell o + a_t for class output o (the phase's tables are affine), so zero-padded
 * planes serve every phase. Null when that does not hold or runs are too ragged: a row whose
 * last 8-pixel group is mostly empty wastes more than packing B costs (bench/results/engine-design.md).
 */
function rowsPlan(g: ConvGeometry, ax: (AxisGeometry | null)[], perAxis: AxisClass[][], identityB: boolean): RowsPlan | null {
  if (g.rank > 2 || identityB) return null;
  const [aH, aW] = [ax[1], ax[2]!];
  const inH = aH ? aH.input : 1, inW = aW.input;
  if (!g.transposed) {
    const [, rowAxis, colAxis] = axes3(g);
    const sW = aW.stride;
    if ((sW !== 1 && sW !== 2) || !goodRun(aW.output)) return null;
    const rowMap = gridMap(rowAxis, g.paddingMode);
    const colMap = withColumnRun(gridMap(colAxis, g.paddingMode));
    const gH = rowMap.length, gW = colMap.length - 2;
    const gWe = (gW + 1) >> 1;
    const gWp = sW === 2 ? gWe + (gW >> 1) + 16 : gW + 8;
    const dH = aH ? aH.dilation : 1, dW = aW.dilation;
    // Split rows: cell 2·ow + c is ow + c/2 of the even half, or ow + (c − 1)/2 of the odd one.
    const col = (c: number): number => (sW === 1 ? c : c % 2 === 0 ? c / 2 : gWe + 8 + (c - 1) / 2);
    return {
      rowMap, colMap, gH, gW, gWp, split: sW === 2, sH: aH ? aH.stride : 1,
      offs(cls, icg, planeSize) {
        const [, ch, cw] = cls;
        const o = new Int32Array(icg * ch.taps.length * cw.taps.length);
        let k = 0;
        for (let icl = 0; icl < icg; icl++) for (const kh of ch.taps) for (const kw of cw.taps) o[k++] = icl * planeSize + kh * dH * gWp + col(kw * dW);
        return o;
      },
    };
  }
  // Transposed: per class and tap, the shift a with input = o + a (null if not affine).
  const shifts = (c: AxisClass, n: number): number[] | null => {
    const out: number[] = [];
    for (let t = 0; t < c.taps.length; t++) {
      let a: number | null = null;
      for (let o = 0; o < c.outs.length; o++) {
        const v = c.tab[t * c.outs.length + o];
        if (v >= 0) { if (a === null) a = v - o; else if (v - o !== a) return null; }
      }
      if (a === null) return null;
      for (let o = 0; o < c.outs.length; o++) {
        const v = c.tab[t * c.outs.length + o];
        if (v < 0 && o + a >= 0 && o + a < n) return null; // padding must fall outside the input
      }
      out.push(a);
    }
    return out;
  };
  const shift = new Map<AxisClass, number[]>();
  let T = 0, L = 0, gH = inH, gW = inW;
  for (const c of perAxis[1]) {
    const s = shifts(c, inH);
    if (!s) return null;
    shift.set(c, s);
    for (const a of s) { T = Math.max(T, -a); gH = Math.max(gH, c.outs.length + a); }
  }
  for (const c of perAxis[2]) {
    const s = shifts(c, inW);
    if (!s || !goodRun(c.outs.length)) return null;
    shift.set(c, s);
    for (const a of s) { L = Math.max(L, -a); gW = Math.max(gW, c.outs.length + a); }
  }
  gH += T; gW += L;
  const gWp = gW + 8;
  const rowMap = Int32Array.from({ length: gH }, (_, i) => (i - T >= 0 && i - T < inH ? i - T : -1));
  const colMap = withColumnRun(Int32Array.from({ length: gW }, (_, i) => (i - L >= 0 && i - L < inW ? i - L : -1)));
  return {
    rowMap, colMap, gH, gW, gWp, split: false, sH: 1,
    offs(cls, icg, planeSize) {
      const [, ch, cw] = cls;
      const sh = shift.get(ch) ?? [], sw = shift.get(cw) ?? [];
      const o = new Int32Array(icg * sh.length * sw.length);
      let k = 0;
      for (let icl = 0; icl < icg; icl++) for (const a of sh) for (const b of sw) o[k++] = icl * planeSize + (a + T) * gWp + b + L;
      return o;
    },
  };
}

/**
 * Task boundaries for P pixels on `threads` threads: tasks of at most one block, at least 32
 * pixels, several per thread, their count a multiple of the threads and their sizes equal to
 * within 8 pixels — so the threads run out of work together (784 pixels in rounded-up chunks of
 * 72 made 11 tasks: one thread ran 6 while the other waited a whole task).
 */
export function splitPixels(P: number, threads: number, blockPixels: number): number[] {
  if (P <= 0) return [0];
  const units = Math.ceil(P / 8);
  let n = Math.max(threads * 6, Math.ceil(P / blockPixels));
  n = Math.ceil(n / threads) * threads;
  n = Math.max(1, Math.min(n, Math.floor(units / 4)));
  const cuts = [0];
  for (let i = 1; i <= n; i++) cuts.push(Math.min(P, 8 * Math.round((i * units) / n)));
  return cuts;
}

function planGemm(g: ConvGeometry, threads: number, ks: KernelShape): Layout {
  const MR = ks.tileRows;
  const arena = new Arena();
  const N = g.batch;
  const G = g.groups;
  const icg = g.inChannels / G;
  const ocg = g.outChannels / G;
  const ocgPad = Math.ceil(ocg / MR) * MR;
  const ax = axes3(g);
  const inExt = ax.map((a) => (a ? a.input : 1));
  const outExt = ax.map((a) => (a ? a.output : 1));
  const kExt = ax.map((a) => (a ? a.kernel : 1));
  const inSp = product(inExt);
  const outSp = product(outExt);
  const wTaps = product(kExt);

  const xPtr = arena.alloc(N * g.inChannels * inSp * 4);
  const wLen = g.outChannels * icg * wTaps;
  const wPtr = arena.alloc(wLen * 4);
  const biasPtr = arena.alloc((g.outChannels + MR) * 4);
  const outLength = N * g.outChannels * outSp;
  const outPtr = arena.alloc(outLength * 4);

  const perAxis = ax.map((a) => axisClasses(a, g));
  // A 1×1 stride-1 conv without padding: B[k][p] is the input itself (channel k, pixel p), so
  // the kernel reads it in place instead of packing a copy (descriptor word `identity`).
  const identityB = !g.transposed && g.axes.every((a) => a.kernel === 1 && a.stride === 1 && a.padBefore === 0 && a.padAfter === 0);
  // Other convs of rank ≤ 2 read B in place from padded input planes when they can (rowsPlan;
  // descriptor words rows, outW, sH, gWp), built once per call: packing B per pixel block is a
  // visible share of a dense conv and most of a grouped one with few channels per group
  // (bench/results/engine-design.md).
  const rows = rowsPlan(g, ax, perAxis, identityB);
  const planeSize = rows ? rows.gH * rows.gWp : 0;
  const planesPtr = rows ? arena.alloc(N * g.inChannels * planeSize * 4) : 0;
  const rowPtr = rows ? arena.alloc(rows.gH * 4) : 0;
  const colPtr = rows ? arena.alloc((rows.gW + 2) * 4) : 0;
  const classes: ClassPlan[] = [];
  for (const cd of perAxis[0]) for (const ch of perAxis[1]) for (const cw of perAxis[2]) {
    const cls = [cd, ch, cw];
    const P = cd.outs.length * ch.outs.length * cw.outs.length;
    const taps = cd.taps.length * ch.taps.length * cw.taps.length;
    const direct = !g.transposed;
    const cp: ClassPlan = {
      cls, P, taps, K: icg * taps, direct,
      desc: arena.alloc(GEMM_CLASS_WORDS * 4),
      tabs: cls.map((c) => arena.alloc(c.tab.length * 4)).concat(arena.alloc(cw.lo.length * 4), arena.alloc(cw.hi.length * 4)),
      tapOff: arena.alloc(Math.max(1, taps) * 4),
      outOff: direct ? 0 : arena.alloc(P * 4),
      packed: [],
      temp: [],
      offs: rows && taps > 0 ? rows.offs(cls, icg, planeSize) : null,
      offsPtr: 0,
    };
    if (cp.offs) cp.offsPtr = arena.alloc(cp.offs.length * 4);
    if (taps > 0) {
      for (let gi = 0; gi < G; gi++) cp.packed.push(arena.alloc(ocgPad * cp.K * 4));
      if (!direct) for (let i = 0; i < N * G; i++) cp.temp.push(arena.alloc(ocgPad * P * 4));
    }
    classes.push(cp);
  }
  const scratchBytes = ks.scratchBytes(ocg);
  const scratchPtr = arena.alloc(scratchBytes * scratchSlots(threads));

  // With threads, each task of a direct conv builds the plane rows it reads (gemmPlanes) instead
  // of the caller building every plane first: that was a serial share of the call, and the
  // caller wrote the lines the other core had read (twice the cost, bench/cross-core-writes.mjs).
  // A task keeps its thread from call to call (thread-pool.ts), so its rows do too; rows two
  // tasks share are built by both, with the same values.
  const tasksBuild = !!rows && !g.transposed && threads > 1;
  // Output rows [oh0, oh1) read the grid rows their windows span (a missing H axis: row 0).
  const reachH = ax[1] ? ax[1].effectiveKernel : 1;
  const planeRows = (p0: number, p1: number): [number, number] => {
    const outW = outExt[2], sH = rows!.sH;
    const oh0 = Math.floor(p0 / outW), oh1 = Math.ceil(p1 / outW);
    return [oh0 * sH, Math.min(rows!.gH, oh0 * sH + windowSpan(oh1 - oh0, sH, reachH))];
  };

  const tasks: Task[] = [];
  const outRows: number[] = [];
  for (const cp of classes) {
    if (cp.taps === 0) continue;
    for (let n = 0; n < N; n++) for (let gi = 0; gi < G; gi++) {
      const x = rows ? planesPtr + ((n * g.inChannels + gi * icg) * planeSize) * 4 : xPtr + ((n * g.inChannels + gi * icg) * inSp) * 4;
      const c = cp.direct ? outPtr + ((n * g.outChannels + gi * ocg) * outSp) * 4 : cp.temp[n * G + gi];
      const ldc = cp.direct ? outSp : cp.P;
      // K within one block: each output is written once, complete, so a task needs no private
      // block (task word `final`): a task computed twice (a straggler and the thread that stole
      // it) writes the same numbers. Many groups (or images): one task per group, of any size
      // (pixel-range tasks of a 32-group conv were too small to pay for their hand-over).
      const oneBlock = cp.K <= (cp.offs ? ks.kBlockRows : ks.kBlock);
      const whole = threads > 1 && oneBlock && N * G >= threads * 6;
      const cuts = threads > 1 && !whole ? splitPixels(cp.P, threads, ks.blockPixels) : [0, cp.P];
      for (let t = 0; t + 1 < cuts.length; t++) {
        const p0 = cuts[t], p1 = cuts[t + 1];
        const out = cp.direct ? 0 : outPtr + ((n * g.outChannels + gi * ocg) * outSp) * 4;
        const [gy0, gy1] = tasksBuild ? planeRows(p0, p1) : [0, 0];
        tasks.push(gemmTask({
          d: cp.desc, x, wp: cp.packed[gi], bias: biasPtr + gi * ocg * 4, c, ldc, K: cp.K, OC: ocg, p0, p1,
          out, off: cp.direct ? 0 : cp.outOff, outSp: cp.direct ? 0 : outSp, final: oneBlock ? 1 : 0,
          xin: tasksBuild ? xPtr + ((n * g.inChannels + gi * icg) * inSp) * 4 : 0, gy0, gy1,
        }));
        // A direct conv has one class whose pixel p is output offset p.
        outRows.push((n * g.outChannels + gi * ocg) * outSp + p0, p1 - p0, ocg, outSp);
      }
    }
  }

  return {
    bytes: arena.top,
    tasks,
    taskOutRows: g.transposed || classes.length !== 1 ? undefined : Int32Array.from(outRows),
    inPtr: xPtr,
    outPtr,
    outLength,
    scratchPtr,
    scratchPer: scratchBytes,
    prepare(mem, k, x, w, bias, tablesValid, copyInput = true) {
      // An input already in memory: the planes are built from it where it lies (the tasks' xin
      // words, or the build below); kernels that read the input itself get it copied to xPtr.
      const src = typeof x === 'number' && rows ? x : xPtr;
      if (typeof x !== 'number') { if (copyInput) new Float32Array(mem, xPtr, x.length).set(x); }
      else if (!rows) new Uint8Array(mem).copyWithin(xPtr, x, x + N * g.inChannels * inSp * 4);
      // The same layer called again with the same weights (an inference loop, the page's image
      // mode): the weights packed last call are still in place, so they are neither copied nor
      // packed again (as TF.js WASM keeps a conv's packed filter between calls).
      const packedValid = tablesValid && sameBits(w, mem, wPtr);
      if (!packedValid) new Float32Array(mem, wPtr, w.length).set(w);
      const b = new Float32Array(mem, biasPtr, g.outChannels + MR);
      b.fill(0);
      if (bias) b.set(bias);
      for (const cp of classes) {
        const [cd, ch, cw] = cp.cls;
        if (tablesValid) { if (!packedValid) packWeights(cp); continue; }
        writeGemmClassDesc(mem, cp.desc, {
          nD: cd.outs.length, nH: ch.outs.length, nW: cw.outs.length, tD: cd.taps.length, tH: ch.taps.length, tW: cw.taps.length,
          tabD: cp.tabs[0], tabH: cp.tabs[1], tabW: cp.tabs[2], loW: cp.tabs[3], hiW: cp.tabs[4], inH: inExt[1], inW: inExt[2], inSp, icg,
          step: cw.step, identity: identityB ? 1 : 0, rows: cp.offsPtr, outW: cw.outs.length, sH: rows ? rows.sH : 1, gWp: rows ? rows.gWp : 0,
          rowMap: rowPtr, colMap: colPtr, gH: rows ? rows.gH : 0, gW: rows ? rows.gW : 0, split: rows?.split ? 1 : 0,
        });
        if (cp.offs) new Int32Array(mem, cp.offsPtr, cp.offs.length).set(cp.offs);
        cp.cls.forEach((c, i) => new Int32Array(mem, cp.tabs[i], c.tab.length).set(c.tab));
        new Int32Array(mem, cp.tabs[3], cw.lo.length).set(cw.lo);
        new Int32Array(mem, cp.tabs[4], cw.hi.length).set(cw.hi);
        const tapOff = new Int32Array(mem, cp.tapOff, Math.max(1, cp.taps));
        let t = 0;
        for (const kd of cd.taps) for (const kh of ch.taps) for (const kw of cw.taps) tapOff[t++] = (kd * kExt[1] + kh) * kExt[2] + kw;
        if (!cp.direct) {
          const off = new Int32Array(mem, cp.outOff, cp.P);
          let p = 0;
          for (const od of cd.outs) for (const oh of ch.outs) for (const ow of cw.outs) off[p++] = (od * outExt[1] + oh) * outExt[2] + ow;
        }
        packWeights(cp);
      }
      if (rows) {
        if (!tablesValid) {
          new Int32Array(mem, rowPtr, rows.gH).set(rows.rowMap);
          new Int32Array(mem, colPtr, rows.gW + 2).set(rows.colMap);
        }
        if (tasksBuild) return src === xPtr ? tasks : tasks.map((t) => rebased(t, src - xPtr)); // the tasks build the planes
        // Every plane, per image and group, through the descriptor's tables (any class's: they share them).
        for (let n = 0; n < N; n++) for (let gi = 0; gi < G; gi++) {
          const first = n * g.inChannels + gi * icg;
          k.gemmPlanes(classes[0].desc, src + first * inSp * 4, planesPtr + first * planeSize * 4, 0, rows.gH);
        }
      }
      return tasks;
      function packWeights(cp: ClassPlan): void {
        if (cp.taps === 0) return;
        for (let gi = 0; gi < G; gi++) {
          if (g.transposed) {
            // Transposed weight [IC, OC/g, k…]: row oc steps by taps, column ic by (OC/g)·taps.
            k.packA(wPtr + gi * icg * ocg * wTaps * 4, cp.packed[gi], ocg, icg, cp.taps, cp.tapOff, wTaps, ocg * wTaps);
          } else {
            k.packA(wPtr + gi * ocg * icg * wTaps * 4, cp.packed[gi], ocg, icg, cp.taps, cp.tapOff, icg * wTaps, wTaps);
          }
        }
      }
    },
    finish(k) {
      if (!g.transposed) return;
      // Phases with taps were scattered by their tasks; a phase no tap reaches is the bias.
      for (const cp of classes) {
        if (cp.taps !== 0) continue;
        for (let n = 0; n < N; n++) for (let gi = 0; gi < G; gi++) {
          k.fillBias(outPtr + ((n * g.outChannels + gi * ocg) * outSp) * 4, cp.outOff, biasPtr + gi * ocg * 4, ocg, cp.P, outSp);
        }
      }
    },
  };
}

function planDepthwise(g: DirectConvGeometry, threads: number, ks: KernelShape): Layout {
  const MR = ks.tileRows;
  const arena = new Arena();
  const N = g.batch;
  const C = g.inChannels;
  const mult = g.outChannels / g.groups;
  const [ad, ah, aw] = axes3(g);
  const ext = (a: AxisGeometry | null, f: (a: AxisGeometry) => number): number => (a ? f(a) : 1);
  const [inD, inH, inW] = [ad, ah, aw].map((a) => ext(a, (x) => x.input));
  const [outD, outH, outW] = [ad, ah, aw].map((a) => ext(a, (x) => x.output));
  const [kD, kH, kW] = [ad, ah, aw].map((a) => ext(a, (x) => x.kernel));
  const [sD, sH, sW] = [ad, ah, aw].map((a) => ext(a, (x) => x.stride));
  const [dD, dH, dW] = [ad, ah, aw].map((a) => ext(a, (x) => x.dilation));
  const depthMap = gridMap(ad, g.paddingMode), rowMap = gridMap(ah, g.paddingMode);
  const colMap = withColumnRun(gridMap(aw, g.paddingMode));
  const gD = depthMap.length, gH = rowMap.length, gW = colMap.length - 2;
  const inSp = inD * inH * inW;
  const outSp = outD * outH * outW;
  const xPtr = arena.alloc(N * C * inSp * 4);
  const wPtr = arena.alloc(g.outChannels * kD * kH * kW * 4);
  const biasPtr = arena.alloc((g.outChannels + MR) * 4);
  const outLength = N * g.outChannels * outSp;
  const outPtr = arena.alloc(outLength * 4);
  const depthPtr = arena.alloc(gD * 4);
  const rowPtr = arena.alloc(gH * 4);
  const colPtr = arena.alloc((gW + 2) * 4);
  const descPtr = arena.alloc(DEPTHWISE_WORDS * 4);
  const desc = { mult, inD, inH, inW, outD, outH, outW, kD, kH, kW, sD, sH, sW, dD, dH, dW, depthMap: depthPtr, rowMap: rowPtr, colMap: colPtr, gD, gH, gW };
  const planeBytes = gD * gH * (gW + 8) * 4;
  const scratchPer = planeBytes + 64;
  const scratchPtr = arena.alloc(scratchPer * scratchSlots(threads));
  const tasks: Task[] = [];
  const chunk = threads > 1 ? Math.max(1, Math.ceil(C / (threads * 8))) : C;
  const spans: number[] = [], feed: number[] = [];
  for (let n = 0; n < N; n++) {
    for (let c0 = 0; c0 < C; c0 += chunk) {
      // Channels [c0, c1) of image n: output channels [c0·mult, c1·mult), one contiguous span.
      spans.push((n * g.outChannels + c0 * mult) * outSp, (Math.min(C, c0 + chunk) - c0) * mult * outSp);
      const inLen = (Math.min(C, c0 + chunk) - c0) * inSp;
      feed.push((n * C + c0) * inSp, 1, inLen, 0, inLen);
      tasks.push(depthwiseTask({
        x: xPtr + n * C * inSp * 4, w: wPtr, bias: biasPtr, out: outPtr + n * g.outChannels * outSp * 4, c0, c1: Math.min(C, c0 + chunk), d: descPtr,
      }));
    }
  }
  return {
    bytes: arena.top,
    tasks,
    outPtr,
    outLength,
    taskOutput: Int32Array.from(spans),
    taskFeed: Int32Array.from(feed),
    inPtr: xPtr,
    scratchPtr,
    scratchPer,
    prepare(mem, _k, x, w, bias, tablesValid, copyInput = true) {
      if (typeof x === 'number') new Uint8Array(mem).copyWithin(xPtr, x, x + N * C * inSp * 4);
      else if (copyInput) new Float32Array(mem, xPtr, x.length).set(x);
      new Float32Array(mem, wPtr, w.length).set(w);
      const b = new Float32Array(mem, biasPtr, g.outChannels);
      b.fill(0);
      if (bias) b.set(bias);
      if (tablesValid) return tasks;
      writeDepthwiseDesc(mem, descPtr, desc);
      new Int32Array(mem, depthPtr, gD).set(depthMap);
      new Int32Array(mem, rowPtr, gH).set(rowMap);
      new Int32Array(mem, colPtr, gW + 2).set(colMap);
      return tasks;
    },
    finish() {},
  };
}
