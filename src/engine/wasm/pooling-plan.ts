/**
 * Turns a PoolGeometry into a memory layout and the kernel calls of assembly/pooling.ts.
 *
 * The kernel pools whole planes (image × channel), reducing along W first and then over the
 * rows a window covers; every index it needs is a table built here from the geometry's axes
 * through geometry/taps.ts (`tapSource`, and the grid map the convolution plans use), so the
 * window rules — padding on either side or negative, ceil mode's reach past the end pad,
 * dilation, ONNX and TensorFlow padding — are the geometry's, never re-derived. The divisor of an
 * average is a product of per-axis factors (the window's counted cells, or its input cells when
 * padding does not count, or a fixed divisor) — the same numbers the reference engine divides
 * by; a window that reads no input cell takes the geometry's empty value.
 *
 * Tasks are ranges of planes (about eight per thread), each reading and writing its own span.
 */
import { gridTap, tapSource } from '../../geometry/taps.js';
import type { PoolGeometry } from '../../geometry/pool.js';
import type { DirectAxis } from '../../geometry/types.js';
import { product } from '../../geometry/validate.js';
import { countedTaps } from '../reference/pool.js';
import { axes3 } from './classes.js';
import { scratchSlots } from './scratch-slots.js';
import { Arena, gridMap, withColumnRun } from './plan.js';
import { poolTask, writePoolDesc, POOL_WORDS, type Task } from './layouts.generated.js';

/** Per output index along one axis: the input indices its window reads (tap order), their count, and its divisor factor. */
interface AxisWindows {
  src: Int32Array;
  count: Int32Array;
  factor: Float32Array;
  /** Per input index: whether some window reads it. */
  used: Int32Array;
}

function axisWindows(a: DirectAxis | null, countIncludePad: boolean): AxisWindows {
  if (!a) return { src: Int32Array.of(0), count: Int32Array.of(1), factor: Float32Array.of(1), used: Int32Array.of(1) };
  const src = new Int32Array(a.output * a.kernel);
  const count = new Int32Array(a.output);
  const factor = new Float32Array(a.output);
  const used = new Int32Array(a.input);
  for (let o = 0; o < a.output; o++) {
    let n = 0;
    for (let k = 0; k < a.kernel; k++) {
      const i = tapSource(a, o, k, 'zeros');
      if (i < 0) continue;
      src[o * a.kernel + n++] = i;
      used[i] = 1;
    }
    count[o] = n;
    factor[o] = countIncludePad ? countedTaps(a, o) : n;
  }
  return { src, count, factor, used };
}

const f32Bits = (v: number): number => new Int32Array(Float32Array.of(v).buffer)[0];

/** Bytes of one thread's scratch (assembly/pooling.ts): phase rows, one plane of W-reduced rows and their flags, one window's row pointers. */
function scratchBytes(sW: number, phase: number, rows: number, outWp: number, windowRows: number): number {
  return ((sW * phase * 4 + 15) & ~15) + rows * outWp * 4 + rows * 4 + windowRows * 4 + 64;
}

/** A pooling laid out in memory: where the input and output go, the tasks, and the tables to write. */
export interface PoolPlan {
  bytes: number;
  tasks: Task[];
  inPtr: number;
  outPtr: number;
  outLength: number;
  scratchPtr: number;
  scratchPer: number;
  /** Per task: [from, to) of the input it reads, in floats from inPtr. */
  taskInput: Int32Array;
  /** Per task: [from, to) of the output it writes, in floats from outPtr (consecutive tasks, consecutive spans). */
  taskOutput: Int32Array;
  /** Writes the descriptor and the index tables. */
  writeTables(mem: ArrayBuffer): void;
}

/** Plans a pooling for `threads` workers (task granularity only; results do not depend on it). */
export function planPool(g: PoolGeometry, threads: number): PoolPlan {
  const arena = new Arena();
  const [ad, ah, aw] = axes3(g);
  const wAxis = aw!;
  const ext = (a: DirectAxis | null, f: (a: DirectAxis) => number): number => (a ? f(a) : 1);
  const [inD, inH, inW] = [ad, ah, aw].map((a) => ext(a, (x) => x.input));
  const [outD, outH, outW] = [ad, ah, aw].map((a) => ext(a, (x) => x.output));
  const [kD, kH, kW] = [ad, ah, aw].map((a) => ext(a, (x) => x.kernel));
  const sW = wAxis.stride, dW = wAxis.dilation;
  const outWp = Math.ceil(outW / 4) * 4;
  const isMax = g.mode === 'max';

  // W: the padded grid of one row (cell → input column or −1) with its contiguous run, and where
  // each tap's cells start in the phase-split row.
  const cols = withColumnRun(gridMap(wAxis, 'zeros'));
  const gW = cols.length - 2;
  const phase = outWp + Math.floor(((kW - 1) * dW) / sW);
  const tapW = Int32Array.from({ length: kW }, (_, k) => ((k * dW) % sW) * phase + Math.floor((k * dW) / sW));
  const [wd, wh, ww] = [ad, ah, aw].map((a) => axisWindows(a, g.countIncludePad));
  const fW = new Float32Array(outWp);
  fW.set(ww.factor);
  if (g.divisorOverride !== null) {
    // A fixed divisor: the depth factor carries it (a missing axis still has one entry), the others are 1.
    wd.factor.fill(g.divisorOverride);
    wh.factor.fill(1);
    fW.fill(1);
  }
  // Outputs whose every W tap reads a cell of the contiguous run [lo, hi): the kernel reads them in place.
  const [lo, hi] = [cols[gW], cols[gW + 1]];
  const inRun = (ow: number): boolean => gridTap(wAxis, ow, 0) >= lo && gridTap(wAxis, ow, kW - 1) < hi;
  let owLo = 0;
  while (owLo < outW && !inRun(owLo)) owLo++;
  let owHi = owLo;
  while (owHi < outW && inRun(owHi)) owHi++;
  const emptyW = Int32Array.from(Array.from(ww.count.keys()).filter((o) => ww.count[o] === 0));
  const empty = isMax ? (g.emptyMax ?? -Infinity) : (g.emptyAverage ?? 0);

  const planes = g.batch * g.channels;
  const inSp = inD * inH * inW, outSp = outD * outH * outW;
  const inPtr = arena.alloc(planes * inSp * 4);
  const outLength = planes * outSp;
  const outPtr = arena.alloc(outLength * 4);
  const tables: [Int32Array | Float32Array, number][] = [
    cols, tapW, wd.src, wd.count, wh.src, wh.count, wd.used, wh.used, wd.factor, wh.factor, fW, emptyW.length ? emptyW : Int32Array.of(0),
  ].map((t) => [t, arena.alloc(t.length * 4)]);
  const [pCols, pTapW, pSrcD, pCntD, pSrcH, pCntH, pUsedD, pUsedH, pFD, pFH, pFW, pEmptyW] = tables.map((t) => t[1]);
  const descPtr = arena.alloc(POOL_WORDS * 4);
  const desc = {
    mode: isMax ? 0 : 1, inD, inH, inW, outD, outH, outW, kD, kH, kW, sW, gW, phase, cols: pCols, lo, hi, tapW: pTapW,
    srcD: pSrcD, cntD: pCntD, srcH: pSrcH, cntH: pCntH, usedD: pUsedD, usedH: pUsedH, fD: pFD, fH: pFH, fW: pFW,
    emptyW: pEmptyW, nEmptyW: emptyW.length, empty: f32Bits(empty), pad: f32Bits(isMax ? -Infinity : 0), outWp, dW, owLo, owHi,
  };
  const scratchPer = scratchBytes(sW, phase, inD * inH, outWp, kD * kH);
  const scratchPtr = arena.alloc(scratchPer * scratchSlots(threads));

  // About 8 tasks per thread, so threads run out of work together.
  const chunk = threads > 1 ? Math.max(1, Math.ceil(planes / (threads * 8))) : Math.max(1, planes);
  const tasks: Task[] = [];
  const taskInput: number[] = [], taskOutput: number[] = [];
  for (let p0 = 0; p0 < planes; p0 += chunk) {
    const p1 = Math.min(planes, p0 + chunk);
    tasks.push(poolTask({ x: inPtr, out: outPtr, p0, p1, d: descPtr }));
    taskInput.push(p0 * inSp, p1 * inSp);
    taskOutput.push(p0 * outSp, p1 * outSp);
  }
  return {
    bytes: arena.top,
    tasks,
    inPtr,
    outPtr,
    outLength,
    scratchPtr,
    scratchPer,
    taskInput: Int32Array.from(taskInput),
    taskOutput: Int32Array.from(taskOutput),
    writeTables(mem) {
      writePoolDesc(mem, descPtr, desc);
      for (const [t, ptr] of tables) {
        if (t instanceof Float32Array) new Float32Array(mem, ptr, t.length).set(t);
        else new Int32Array(mem, ptr, t.length).set(t);
      }
    },
  };
}

/** Work of a pooling (window taps over all outputs), to decide whether threads pay. */
export function poolWork(g: PoolGeometry): number {
  return g.batch * g.channels * product(g.axes.map((a) => a.output * a.kernel));
}
