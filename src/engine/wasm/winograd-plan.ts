/**
 * Lays out a Winograd F(4×4, 3×3) convolution (kernel: assembly/winograd.ts) in wasm memory.
 *
 * Eligible: 2-D, direct, groups 1, a 3×3 kernel, stride 1, any dilation, padding and padding
 * mode (winograd-eligibility.ts). A conv of dilation (dH, dW) is dH·dW plain 3×3 convs, one per
 * interleaved sub-grid of the padded grid (space-to-batch): output (a + dH·i, b + dW·j) reads
 * grid cells (a + dH·(i + kh), b + dW·(j + kw)), so sub-grid (a, b) is a dilation-1 conv over
 * the grid cells ≡ (a, b) mod (dH, dW). Each (image, sub-grid) pair gets its own padded planes,
 * built through the geometry's grid maps (geometry/taps.ts via plan.ts gridMap: any padding
 * mode), sized for whole 4×4 tiles (cells past the grid read zero; the outputs they feed are
 * never written).
 *
 * Weights are transformed and packed on every call (as the direct path packs them), so a weight
 * changed in place is never served stale.
 */
import type { AxisGeometry, ConvGeometry } from '../../geometry/types.js';
import { asDirect } from '../../geometry/axis-kind.js';
import { axes3 } from './classes.js';
import { scratchSlots } from './scratch-slots.js';
import { Arena, gridMap, withColumnRun, type KernelShape } from './plan.js';
import {
  GEMM_CLASS_WORDS, GEMM_CLASS_ZERO, winogradTask, winogradWeightsTask, WINOGRAD_WORDS, writeGemmClassDesc, writeWinogradDesc,
  type GemmClassDesc, type KernelExports, type Task, type WinogradDesc,
} from './layouts.generated.js';

/** Output tile edge and input tile edge of F(4×4, 3×3). */
const M_OUT = 4;

/**
 * Tiles per task: a multiple of 8 (the microkernel's column width), 8 to 64, with V and M (36
 * floats per tile and channel each) within ~150 KB so a block's transforms and GEMMs stay in the
 * nearest caches (64→64 56×56, one thread: 8 tiles 1.70 ms, 16: 2.11, 32: 2.32, 64: 2.72); with
 * threads, small enough for ~4 tasks per thread so they run out of work together.
 */
export function blockTiles(IC: number, OC: number, tiles: number, threads: number): number {
  const perTile = 36 * (IC + OC) * 4;
  const fit = Math.max(8, Math.min(64, 8 * Math.floor(150_000 / perTile / 8)));
  return threads > 1 ? Math.max(8, Math.min(fit, 8 * Math.ceil(tiles / (32 * threads)))) : fit;
}

/**
 * Two phases over one layout, run as two jobs back to back: the weight transform (split by
 * panel rows over the threads), then the tile blocks, which read its result.
 */
export interface WinogradPlan {
  bytes: number;
  scratchPtr: number;
  scratchPer: number;
  outPtr: number;
  outLength: number;
  /** Phase 1: transformed weights, a range of panel rows per task. */
  weightTasks: Task[];
  /** Writes phase 1's data: the weights and the panel table. */
  prepareWeights(mem: ArrayBuffer, k: KernelExports, w: Float32Array): void;
  /** Phase 2: blocks of tiles. */
  tasks: Task[];
  /** Writes phase 2's data (input, padded planes, bias, tables), leaving the transformed weights. */
  prepare(mem: ArrayBuffer, k: KernelExports, x: Float32Array, bias: Float32Array | null): void;
}

export interface SubAxis {
  /** Per sub-grid offset a: the plane's cell → input index map (or −1), with the column-run trailer for W. */
  maps: Int32Array[];
  /** Per offset: outputs of the sub-grid along this axis. */
  valid: number[];
  tiles: number;
  cells: number;
}

export function subAxis(a: AxisGeometry, g: ConvGeometry, trailer: boolean): SubAxis {
  const grid = gridMap(asDirect(a), g.paddingMode);
  const d = a.dilation;
  const tiles = Math.ceil(Math.ceil(a.output / d) / M_OUT);
  const cells = M_OUT * tiles + 2;
  const maps: Int32Array[] = [], valid: number[] = [];
  for (let off = 0; off < d; off++) {
    const m = Int32Array.from({ length: cells }, (_, i) => (off + d * i < grid.length ? grid[off + d * i] : -1));
    maps.push(trailer ? withColumnRun(m) : m);
    valid.push(Math.max(0, Math.ceil((a.output - off) / d)));
  }
  return { maps, valid, tiles, cells };
}

export function planWinograd(g: ConvGeometry, threads: number, ks: KernelShape, k: KernelExports): WinogradPlan {
  const [, ah, aw] = axes3(g);
  const H = ah!, W = aw!;
  const N = g.batch, IC = g.inChannels, OC = g.outChannels;
  const MR = ks.tileRows;
  const ocPad = Math.ceil(OC / MR) * MR;
  const sh = subAxis(H, g, false), sw = subAxis(W, g, true);
  const S = H.dilation * W.dilation;
  const images = N * S;
  const gH = sh.cells, gW = sw.cells, gWp = gW + 8;
  const plane = gH * gWp;
  const tpi = sh.tiles * sw.tiles;
  const tiles = images * tpi;
  const T = blockTiles(IC, OC, tiles, threads);
  const inSp = H.input * W.input, outSp = H.output * W.output;

  const arena = new Arena();
  const xPtr = arena.alloc(N * IC * inSp * 4);
  const wPtr = arena.alloc(OC * IC * 9 * 4);
  const panelsPtr = arena.alloc((1 + 2 * OC) * 4);
  const probePtr = arena.alloc(2 * ocPad * 4);
  const probeDst = arena.alloc(2 * ocPad * 4);
  const uStride = ocPad * IC * 4;
  const uPtr = arena.alloc(36 * uStride);
  const biasPtr = arena.alloc((ocPad + MR) * 4);
  const zerosPtr = arena.alloc((ocPad + MR) * 4);
  const outLength = N * OC * outSp;
  const outPtr = arena.alloc(outLength * 4);
  const planesPtr = arena.alloc(images * IC * plane * 4);
  const rowPtrs = sh.maps.map((m) => arena.alloc(m.length * 4));
  const colPtrs = sw.maps.map((m) => arena.alloc(m.length * 4));
  const tapOffPtr = arena.alloc(4);
  const imgPtr = arena.alloc(images * 4 * 4);
  const gemmDesc = arena.alloc(GEMM_CLASS_WORDS * 4);
  const descPtr = arena.alloc(WINOGRAD_WORDS * 4);
  const scratchPer = (k.winogradScratchBytes(IC, OC, T) + 63) & ~63;
  const scratchPtr = arena.alloc(scratchPer * scratchSlots(threads));

  const img = new Int32Array(images * 4);
  for (let n = 0; n < N; n++) {
    for (let a = 0; a < H.dilation; a++) for (let b = 0; b < W.dilation; b++) {
      const q = (n * H.dilation + a) * W.dilation + b;
      img.set([planesPtr + q * IC * plane * 4, outPtr + (n * OC * outSp + a * W.output + b) * 4, sh.valid[a], sw.valid[b]], 4 * q);
    }
  }
  const desc: WinogradDesc = {
    ic: IC, oc: OC, tW: sw.tiles, tpi, t: T, gWp, plane, img: imgPtr, oRow: H.dilation * W.output, oCol: W.dilation, oCh: outSp,
    bias: biasPtr, zeros: zerosPtr, gemm: gemmDesc, u: uPtr, uStride, tiles,
  };
  // The GEMM reads V_ξ in place: identity B of IC rows with row stride T.
  const gemm: GemmClassDesc = { ...GEMM_CLASS_ZERO, inSp: T, icg: IC, identity: 1 };

  const tasks: Task[] = [];
  for (let t0 = 0; t0 < tiles; t0 += T) tasks.push(winogradTask({ d: descPtr, t0, t1: Math.min(tiles, t0 + T) }));
  // Rows [r0, r1) of the weights per task: each panel is transformed by the task its first row falls in.
  const weightTasks: Task[] = [];
  const parts = threads > 1 ? Math.min(4 * threads, Math.ceil(OC / 6)) : 1;
  for (let i = 0; i < parts; i++) {
    weightTasks.push(winogradWeightsTask({ w: wPtr, u: uPtr, uStride, panels: panelsPtr, OC, IC, r0: Math.floor((i * OC) / parts), r1: Math.floor(((i + 1) * OC) / parts) }));
  }

  /**
   * packA's panels of an [OC × K] matrix (their count, then first row and height of each), read off packA itself so the panel
   * layout has one home: a probe [OC × 2] holding oc·2 + k + 1 is packed; row oc sits r rows into
   * its panel of height h when (oc, 0) lands at float (oc − r)·2 + r and (oc, 1) h floats later.
   */
  let panels: Int32Array | null = null;
  function packedPanels(mem: ArrayBuffer, kx: KernelExports): Int32Array {
    new Float32Array(mem, probePtr, 2 * OC).set(Float32Array.from({ length: 2 * OC }, (_, i) => i + 1));
    kx.packA(probePtr, probeDst, OC, 2, 1, tapOffPtr, 2, 1);
    const packed = new Float32Array(mem, probeDst, 2 * ocPad);
    const pos = new Int32Array(2 * OC);
    packed.forEach((v, p) => { if (v > 0) pos[v - 1] = p; });
    const out: number[] = [];
    for (let oc = 0; oc < OC; oc++) if (2 * oc - pos[2 * oc] === 0) out.push(oc, pos[2 * oc + 1] - pos[2 * oc]);
    return Int32Array.from([out.length / 2, ...out]);
  }

  return {
    bytes: arena.top,
    tasks,
    weightTasks,
    scratchPtr,
    scratchPer,
    outPtr,
    outLength,
    prepareWeights(mem, kx, w) {
      new Float32Array(mem, wPtr, w.length).set(w);
      new Int32Array(mem, tapOffPtr, 1)[0] = 0;
      panels ??= packedPanels(mem, kx);
      new Int32Array(mem, panelsPtr, panels.length).set(panels);
    },
    prepare(mem, kx, x, bias) {
      new Float32Array(mem, xPtr, x.length).set(x);
      const b = new Float32Array(mem, biasPtr, ocPad + MR);
      b.fill(0);
      if (bias) b.set(bias);
      new Float32Array(mem, zerosPtr, ocPad + MR).fill(0);
      writeWinogradDesc(mem, descPtr, desc);
      writeGemmClassDesc(mem, gemmDesc, gemm);
      new Int32Array(mem, imgPtr, img.length).set(img);
      sh.maps.forEach((m, i) => new Int32Array(mem, rowPtrs[i], m.length).set(m));
      sw.maps.forEach((m, i) => new Int32Array(mem, colPtrs[i], m.length).set(m));
      for (let n = 0; n < N; n++) {
        for (let a = 0; a < H.dilation; a++) for (let c = 0; c < W.dilation; c++) {
          const q = (n * H.dilation + a) * W.dilation + c;
          kx.buildPlanes(xPtr + n * IC * inSp * 4, planesPtr + q * IC * plane * 4, IC, H.input, W.input, rowPtrs[a], colPtrs[c], gH, gW);
        }
      }
    },
  };
}
