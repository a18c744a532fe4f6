/**
 * The weight gradient of a 3×3 stride-1 conv by Winograd F(3×3, 4×4) on the fast engine (kernel:
 * assembly/winograd-grad.ts, which derives it from the forward's F(4×4, 3×3)).
 *
 * Eligible: what the forward's Winograd computes (algorithm.ts winogradIneligibility) with
 * dilation 1 — a dilated conv keeps the GEMM path. The input is laid out as the forward lays it
 * out (winograd-plan.ts subAxis: padded planes through the geometry's grid maps, so any padding
 * mode), gradOutput is read in place. Three jobs run back to back on one layout (as the forward's
 * two do): the transforms of blocks of tiles (U: OC rows, V: IC rows per position ξ, one column
 * per tile of every image), the 36 products M_ξ = U_ξ · V_ξᵀ (the weightGrad kernel over an
 * identity B, one position per task), and the output transform Gᵀ M G per range of output
 * channels. Every task writes its own part, so they run on any thread in any order.
 */
import type { ConvGeometry } from '../../geometry/types.js';
import { winogradIneligibility } from '../algorithm.js';
import type { WasmEngine } from './engine.js';
import { copyOut, type Job, type JobLayout } from './job.js';
import {
  GEMM_CLASS_WORDS, GEMM_CLASS_ZERO, WINOGRAD_GRAD_WORDS, weightGradTask, winogradGradOutTask, winogradGradTilesTask,
  writeGemmClassDesc, writeWinogradGradDesc, type GemmClassDesc, type KernelExports, type Task, type WinogradGradDesc,
} from './layouts.generated.js';
import { Arena } from './plan.js';
import { PlanCache } from './plan-cache.js';
import { scratchSlots } from './scratch-slots.js';
import { subAxis } from './winograd-plan.js';

/**
 * Largest layout (bytes) planned: the transformed operands take 36·(IC + OC) floats per tile of
 * every image at once; past this the GEMM path, which needs no such buffers, runs instead.
 */
const MAX_BYTES = 256 * 2 ** 20;

/** Why `g`'s weight gradient cannot run as Winograd, or null when it can. */
export function winogradGradIneligibility(g: ConvGeometry): string | null {
  const reason = winogradIneligibility(g);
  if (reason) return reason;
  if (g.axes.some((a) => a.dilation !== 1)) return `its dilation is ${g.axes.map((a) => a.dilation).join('×')}`;
  if (g.batch === 0 || g.inChannels === 0 || g.outChannels === 0) return 'it has no image or no channel';
  return null;
}

/** The layout of the three jobs; it holds pointers and tables, never data. */
interface GradPlan {
  bytes: number;
  scratchPtr: number;
  scratchPer: number;
  tileTasks: Task[];
  productTasks: Task[];
  outTasks: Task[];
  outPtr: number;
  outLength: number;
  /** Writes the data, tables and descriptors, and builds the padded planes (before the first job). */
  prepare(mem: ArrayBuffer, k: KernelExports, x: Float32Array, gy: Float32Array): void;
}

/**
 * Where the data of `g`'s weight gradient lies: everything but the threads' scratch, so the same
 * arithmetic serves the size check (before the engine picks threads) and the plan.
 */
function dataLayout(g: ConvGeometry) {
  const [H, W] = g.axes;
  const N = g.batch, IC = g.inChannels, OC = g.outChannels;
  const sh = subAxis(H, g, false), sw = subAxis(W, g, true);
  const gH = sh.cells, gW = sw.cells, gWp = gW + 8, plane = gH * gWp;
  const tpi = sh.tiles * sw.tiles, tiles = N * tpi;
  // Rows of U and V, and the blocks of tiles that threads write into them, in whole cache lines
  // of 16 floats: two threads never write into one line.
  const stride = Math.ceil(tiles / 16) * 16;
  const inSp = H.input * W.input, outSp = H.output * W.output;

  const arena = new Arena();
  const xPtr = arena.alloc(N * IC * inSp * 4);
  const gyPtr = arena.alloc(N * OC * outSp * 4);
  const planesPtr = arena.alloc(N * IC * plane * 4);
  const rowPtr = arena.alloc(sh.maps[0].length * 4);
  const colPtr = arena.alloc(sw.maps[0].length * 4);
  // Positions a cache line more than their rows apart: the transforms store one vector into each
  // of the 36, which at a multiple of 4 KiB apart (64 rows of 208 floats) all fall into one L1 set.
  const uPos = (OC * stride + 16) * 4, vPos = (IC * stride + 16) * 4;
  const uPtr = arena.alloc(36 * uPos);
  const vPtr = arena.alloc(36 * vPos);
  const mPtr = arena.alloc(36 * OC * IC * 4);
  const outLength = OC * IC * 9;
  const outPtr = arena.alloc(outLength * 4);
  const tabPtrs = [1, 1, stride, 1, 1].map((n) => arena.alloc(n * 4));
  const gemmPtr = arena.alloc(GEMM_CLASS_WORDS * 4);
  const descPtr = arena.alloc(WINOGRAD_GRAD_WORDS * 4);
  return {
    arena, sh, sw, gWp, plane, tpi, tiles, stride, inSp, outSp, xPtr, gyPtr, planesPtr, rowPtr, colPtr,
    uPos, vPos, uPtr, vPtr, mPtr, outLength, outPtr, tabPtrs, gemmPtr, descPtr,
  };
}

function planWinogradGrad(g: ConvGeometry, slots: number, k: KernelExports): GradPlan {
  const [H, W] = g.axes;
  const N = g.batch, IC = g.inChannels, OC = g.outChannels;
  const {
    arena, sh, sw, gWp, plane, tpi, tiles, stride, inSp, outSp, xPtr, gyPtr, planesPtr, rowPtr, colPtr,
    uPos, vPos, uPtr, vPtr, mPtr, outLength, outPtr, tabPtrs, gemmPtr, descPtr,
  } = dataLayout(g);
  // Blocks of tiles: a multiple of 16, about 8 per thread, at most 64.
  const TB = Math.min(64, 16 * Math.ceil(tiles / (8 * slots) / 16));
  // B of the products: row ic of V_ξ read in place, as packB reads a 1 × stride image's channels.
  const cols = Int32Array.from({ length: stride }, (_, i) => i);
  const scratchPer = (Math.max(k.winogradGradScratchBytes(TB), k.weightGradScratchBytes(OC)) + 63) & ~63;
  const scratchPtr = arena.alloc(scratchPer * scratchSlots(slots));

  const desc: WinogradGradDesc = {
    ic: IC, oc: OC, tW: sw.tiles, tpi, gWp, plane, planes: planesPtr, gy: gyPtr, oH: H.output, oW: W.output,
    u: uPtr, v: vPtr, stride, tiles, uPos, vPos,
  };
  const gemm: GemmClassDesc = {
    ...GEMM_CLASS_ZERO, nD: 1, nH: 1, nW: stride, tD: 1, tH: 1, tW: 1,
    tabD: tabPtrs[0], tabH: tabPtrs[1], tabW: tabPtrs[2], loW: tabPtrs[3], hiW: tabPtrs[4],
    inH: 1, inW: stride, inSp: stride, icg: IC, step: 1,
  };

  const tileTasks: Task[] = [];
  for (let t0 = 0; t0 < stride; t0 += TB) tileTasks.push(winogradGradTilesTask({ d: descPtr, t0, t1: Math.min(stride, t0 + TB) }));
  const productTasks: Task[] = [];
  for (let x = 0; x < 36; x++) {
    productTasks.push(weightGradTask({
      d: gemmPtr, z: vPtr + x * vPos, zImg: 0, a: uPtr + x * uPos, aImg: 0,
      M: OC, P: stride, N: 1, c: mPtr + x * OC * IC * 4, K: IC, k0: 0, k1: IC,
    }));
  }
  const outTasks: Task[] = [];
  const parts = Math.min(OC, 4 * slots);
  for (let i = 0; i < parts; i++) {
    outTasks.push(winogradGradOutTask({ m: mPtr, w: outPtr, OC, IC, oc0: Math.floor((i * OC) / parts), oc1: Math.floor(((i + 1) * OC) / parts) }));
  }

  return {
    bytes: arena.top,
    scratchPtr,
    scratchPer,
    tileTasks,
    productTasks,
    outTasks,
    outPtr,
    outLength,
    prepare(mem, kx, x, gy) {
      new Float32Array(mem, xPtr, x.length).set(x);
      new Float32Array(mem, gyPtr, gy.length).set(gy);
      new Int32Array(mem, rowPtr, sh.maps[0].length).set(sh.maps[0]);
      new Int32Array(mem, colPtr, sw.maps[0].length).set(sw.maps[0]);
      [Int32Array.of(0), Int32Array.of(0), cols, Int32Array.of(0), Int32Array.of(stride)].forEach((t, i) => new Int32Array(mem, tabPtrs[i], t.length).set(t));
      writeGemmClassDesc(mem, gemmPtr, gemm);
      writeWinogradGradDesc(mem, descPtr, desc);
      for (let n = 0; n < N; n++) {
        kx.buildPlanes(xPtr + n * IC * inSp * 4, planesPtr + n * IC * plane * 4, IC, H.input, W.input, rowPtr, colPtr, sh.cells, sw.cells);
      }
    },
  };
}

/** Plans kept: a network's distinct layers. */
const plans = new PlanCache<GradPlan>(32);

function cachedPlan(g: ConvGeometry, slots: number, k: KernelExports): GradPlan {
  let key = `${g.batch},${g.inChannels},${g.outChannels},${g.paddingMode},${slots}`;
  for (const a of g.axes) key += `|${a.input},${a.equivalent.padBefore},${a.equivalent.padAfter}`;
  return plans.get(key, () => planWinogradGrad(g, slots, k));
}

/**
 * The three jobs of `g`'s weight gradient (eligible: winogradGradIneligibility) for input x and
 * gradOutput gy, or null where the layout would be too large. All report the same work, so the
 * engine gives them the same threads and thus the same plan.
 */
function winogradGradJobs(g: ConvGeometry, x: Float32Array, gy: Float32Array, into: Float32Array | null): [Job, Job, Job] | null {
  if (dataLayout(g).arena.top > MAX_BYTES) return null;
  const macs = g.batch * g.outChannels * g.inChannels * 9 * g.axes.reduce((p, a) => p * a.output, 1);
  const layout = (p: GradPlan, phase: 0 | 1 | 2): JobLayout => ({
    bytes: p.bytes,
    tasks: [p.tileTasks, p.productTasks, p.outTasks][phase],
    scratchPtr: p.scratchPtr,
    scratchPer: p.scratchPer,
    prepare: phase === 0 ? (mem, k) => p.prepare(mem, k, x, gy) : () => {},
    read: phase === 2 ? (mem, made) => copyOut(mem, p.outPtr, p.outLength, into ?? made) : () => new Float32Array(0),
    freshLength: phase === 2 && !into ? p.outLength : undefined,
  });
  const job = (phase: 0 | 1 | 2): Job => ({ macs, plan: (slots, k) => layout(cachedPlan(g, slots, k), phase) });
  return [job(0), job(1), job(2)];
}

/**
 * The weight gradient of the eligible conv `g` by Winograd on `engine` (the weight's layout), or
 * null where its layout would be too large; `into`: the caller's buffer, else a fresh array.
 */
export function runWinogradGrad(engine: WasmEngine, g: ConvGeometry, x: Float32Array, gy: Float32Array, into: Float32Array | null = null, threads?: number): Float32Array | null {
  const jobs = winogradGradJobs(g, x, gy, into);
  return jobs && engine.runJobs(jobs, threads);
}

/** runWinogradGrad without blocking: the three jobs are queued at once, so no other job runs between them. */
export async function runWinogradGradAsync(engine: WasmEngine, g: ConvGeometry, x: Float32Array, gy: Float32Array, into: Float32Array | null = null): Promise<Float32Array | null> {
  const jobs = winogradGradJobs(g, x, gy, into);
  return jobs && engine.runJobsAsync(jobs);
}
