/**
 * The weight gradient of a convolution as a GEMM on the fast engine (kernel:
 * assembly/weight-grad.ts). Per group, dW[m][k] = Σ_n Σ_p A[n][m][p] · B[n][k][p]:
 *
 * - direct conv: A = gradOutput (the group's output channels, p over output positions) and B the
 *   im2col of the input through the forward's own tap tables (any padding mode: the tables read
 *   reflected / replicated / wrapped cells as the forward did), k = (input channel, tap) — the
 *   weight's layout [OC, IC/g, k…];
 * - transposed conv: y[i·s − pb + k·d] += x[i]·w[k], so A = the input (p over input positions)
 *   and B the im2col of gradOutput through the direct conv with input = the output's extents,
 *   output = the input's, the same stride, padding and dilation (zeros: cells outside the kept
 *   output received nothing), k = (output channel, tap) — the weight's layout [IC, OC/g, k…].
 *
 * Tasks own column ranges of dW (all rows), so threads never add into the same cells.
 */
import type { ConvGeometry, DirectAxis, DirectConvGeometry } from '../../geometry/types.js';
import { product } from '../../geometry/validate.js';
import { axes3, axisClasses } from './classes.js';
import { scratchSlots } from './scratch-slots.js';
import { copyOut, type Job, type JobLayout } from './job.js';
import { GEMM_CLASS_WORDS, weightGradTask, writeGemmClassDesc, type Task } from './layouts.generated.js';
import type { KernelExports } from './runtime.js';

/** The GEMM's operands, described independently of the data (the plan's cache key). */
interface Operands {
  /** The direct conv whose tap tables read B (its input is the z operand). */
  im2col: DirectConvGeometry;
  N: number;
  G: number;
  /** z: channels in all, per group, cells per channel. */
  zC: number;
  zg: number;
  zSp: number;
  /** A: channels in all, rows per group, pixels per row. */
  aC: number;
  M: number;
  P: number;
  /** Columns of dW per group: zg × taps. */
  K: number;
}

function operands(g: ConvGeometry): Operands {
  const G = g.groups;
  const icg = g.inChannels / G, ocg = g.outChannels / G;
  const taps = product(g.axes.map((a) => a.kernel));
  const inSp = product(g.axes.map((a) => a.input)), outSp = product(g.axes.map((a) => a.output));
  if (!g.transposed) {
    return { im2col: g, N: g.batch, G, zC: g.inChannels, zg: icg, zSp: inSp, aC: g.outChannels, M: ocg, P: outSp, K: icg * taps };
  }
  // Only the fields the tap tables read are meaningful on these axes (classes.ts: tapSource).
  // gradOutput's cell o·s − crop + k·d: a direct conv whose padding is the transposed conv's crop.
  const axes = g.axes.map(({ cropBefore, cropAfter, ...a }): DirectAxis => ({ ...a, transposed: false, padBefore: cropBefore, padAfter: cropAfter, input: a.output, output: a.input }));
  const im2col: DirectConvGeometry = { ...g, transposed: false, paddingMode: 'zeros', axes };
  return { im2col, N: g.batch, G, zC: g.outChannels, zg: ocg, zSp: outSp, aC: g.inChannels, M: icg, P: inSp, K: ocg * taps };
}

/** Column cuts of K for one group: multiples of the tile's 6 columns, at most `per` wide, their count a multiple of the threads. */
function columnCuts(K: number, G: number, slots: number, per: number): number[] {
  const units = Math.ceil(K / 6);
  let n = Math.ceil(K / per);
  if (slots > 1 && G < 4 * slots) n = Math.ceil(Math.max(n, Math.ceil((4 * slots) / G)) / slots) * slots;
  n = Math.max(1, Math.min(n, units));
  const cuts = [0];
  for (let i = 1; i <= n; i++) cuts.push(Math.min(K, 6 * Math.round((i * units) / n)));
  return cuts;
}

function planWeightGrad(o: Operands, slots: number, k: KernelExports, data: { z: Float32Array; a: Float32Array }, into: Float32Array | null): JobLayout {
  let top = 64;
  const alloc = (bytes: number): number => {
    const p = top;
    top = (top + bytes + 63) & ~63;
    return p;
  };
  const zPtr = alloc(o.N * o.zC * o.zSp * 4);
  const aPtr = alloc(o.N * o.aC * o.P * 4);
  const cLen = o.G * o.M * o.K;
  const cPtr = alloc(cLen * 4);
  const ax = axes3(o.im2col);
  const [cd, ch, cw] = ax.map((a) => axisClasses(a, o.im2col)[0]);
  const tabs = [cd.tab, ch.tab, cw.tab, cw.lo, cw.hi];
  const tabPtrs = tabs.map((t) => alloc(t.length * 4));
  const desc = alloc(GEMM_CLASS_WORDS * 4);
  const inExt = ax.map((a) => (a ? a.input : 1));
  const words = {
    nD: cd.outs.length, nH: ch.outs.length, nW: cw.outs.length, tD: cd.taps.length, tH: ch.taps.length, tW: cw.taps.length,
    tabD: tabPtrs[0], tabH: tabPtrs[1], tabW: tabPtrs[2], loW: tabPtrs[3], hiW: tabPtrs[4], inH: inExt[1], inW: inExt[2], inSp: o.zSp, icg: o.zg,
    step: cw.step, identity: 0, rows: 0, outW: cw.outs.length, sH: 1, gWp: 0, rowMap: 0, colMap: 0, gH: 0, gW: 0, split: 0,
  };
  const scratchPer = (k.weightGradScratchBytes(o.M) + 63) & ~63;
  const scratchPtr = alloc(scratchPer * scratchSlots(slots));
  const tasks: Task[] = [];
  const cuts = columnCuts(o.K, o.G, slots, k.weightGradColumns());
  for (let gi = 0; gi < o.G; gi++) {
    for (let t = 0; t + 1 < cuts.length; t++) {
      tasks.push(weightGradTask({
        d: desc, z: zPtr + gi * o.zg * o.zSp * 4, zImg: o.zC * o.zSp, a: aPtr + gi * o.M * o.P * 4, aImg: o.aC * o.P,
        M: o.M, P: o.P, N: o.N, c: cPtr + gi * o.M * o.K * 4, K: o.K, k0: cuts[t], k1: cuts[t + 1],
      }));
    }
  }
  return {
    bytes: top,
    tasks,
    scratchPtr,
    scratchPer,
    prepare(mem) {
      new Float32Array(mem, zPtr, data.z.length).set(data.z);
      new Float32Array(mem, aPtr, data.a.length).set(data.a);
      tabs.forEach((t, i) => new Int32Array(mem, tabPtrs[i], t.length).set(t));
      writeGemmClassDesc(mem, desc, words);
    },
    read(mem) {
      return copyOut(mem, cPtr, cLen, into);
    },
  };
}

/**
 * The weight gradient of `g` (direct or transposed, any rank, groups, padding mode) for input x
 * and gradOutput gy, as a job for WasmEngine.runJob; the result has the weight's layout.
 */
export function weightGradJob(g: ConvGeometry, x: Float32Array, gy: Float32Array, into: Float32Array | null = null): Job {
  const o = operands(g);
  const data = g.transposed ? { z: gy, a: x } : { z: x, a: gy };
  return {
    macs: o.N * o.G * o.M * o.K * o.P,
    plan: (slots, k) => planWeightGrad(o, slots, k, data, into),
  };
}
