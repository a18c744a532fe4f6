// Winograd minimal filtering F(4×4, 3×3) for stride-1 3×3 convolutions (fast engine).
//
// Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A per 4×4 output tile d (6×6 input cells): 36 multiplications
// per tile and channel pair instead of 144. The driver (src/engine/wasm/winograd-plan.ts)
// transforms and packs the weights (winogradWeights, then packA per position) and builds padded
// input planes (buildPlanes) — one set per image and, for a dilated conv, per sub-grid. A task is
// a block of tiles: input transform into V[36][IC][T], 36 GEMMs M_ξ = U_ξ · V_ξ on the dense
// engine's microkernels (convGemm over an identity B: the rows of V_ξ are read in place), output
// transform with bias into the output. Tasks write disjoint output cells, so they run on any
// thread in any order. The points 0, ±1, ±2, ∞ keep the transform constants small (measured
// float32 error: bench/results/winograd.md).
import { convGemm } from './kernels';
import { inputTiles, transpose4 } from './winograd-transforms';
import { X_BIAS, X_GEMM, X_GWP, X_IC, X_IMG, X_OC, X_OCH, X_OCOL, X_OROW, X_PLANE, X_T, X_TILES, X_TPI, X_TW, X_U, X_USTRIDE, X_ZEROS } from './layouts.generated';

// Descriptor words: layouts.generated.ts (X_*), from assembly/layouts.mjs.
@inline function xi(d: usize, i: i32): i32 { return load<i32>(d + (<usize>i << 2)); }

/** Bytes of one thread's scratch for a block of T tiles. */
export function winogradScratchBytes(IC: i32, OC: i32, T: i32): i32 {
  // V, M, per-tile tables (4 words), 40 vectors of transform temporaries, the GEMM's own scratch.
  return (36 * IC * T + 36 * OC * T + 4 * T + 40 * 4) * 4 + 64 + 256 * 256 * 4 + 64 * 4 + 64;
}

/**
 * Transformed weights U_ξ = (G g Gᵀ)[ξ] (ξ = 6·i + j) for weights w [OC, IC, 3, 3], written
 * straight into packA's panel layout: panel p (table `panels`: their count, then first row and
 * height h of each) of position ξ starts at float row0·IC of u + ξ·uStride and holds element
 * (row0 + r, ic) at ic·h + r. Only the panels whose first row is in [r0, r1): threads split them.
 * Lanes are 4 consecutive rows of one panel (rows 0–3 and h−4…h−1: a 6-row panel's middle rows
 * are computed twice), so each (ξ, ic) is one vector store. Rows past OC repeat the last filter:
 * the GEMM computes them in its tile buffer and never stores them.
 * G rows: (¼, 0, 0), (−⅙, −⅙, −⅙), (−⅙, ⅙, −⅙), (1/24, 1/12, ⅙), (1/24, −1/12, ⅙), (0, 0, 1).
 * `scratch`: 27 vectors.
 */
export function winogradWeights(w: usize, u: usize, uStride: i32, panels: usize, OC: i32, IC: i32, r0: i32, r1: i32, scratch: usize): void {
  const q = f32x4.splat(0.25), s6 = f32x4.splat(<f32>(-1.0 / 6.0)), a24 = f32x4.splat(<f32>(1.0 / 24.0));
  const a12 = f32x4.splat(<f32>(1.0 / 12.0)), a6 = f32x4.splat(<f32>(1.0 / 6.0));
  const t = scratch;
  const fs = <usize>(IC * 9) << 2; // bytes between output channels' filters
  const nPanels = load<i32>(panels);
  for (let p = 0; p < nPanels; p++) {
    const row0 = load<i32>(panels + (<usize>(2 * p + 1) << 2)), h = load<i32>(panels + (<usize>(2 * p + 2) << 2));
    if (row0 < r0 || row0 >= r1) continue;
    for (let g = 0; g <= h - 4; g += h - 4 > 0 ? h - 4 : 4) {
      const o0 = row0 + g;
      const f0 = w + <usize>(o0 < OC ? o0 : OC - 1) * fs;
      const f1 = w + <usize>(o0 + 1 < OC ? o0 + 1 : OC - 1) * fs;
      const f2 = w + <usize>(o0 + 2 < OC ? o0 + 2 : OC - 1) * fs;
      const f3 = w + <usize>(o0 + 3 < OC ? o0 + 3 : OC - 1) * fs;
      for (let ic = 0; ic < IC; ic++) {
        const k = <usize>(ic * 9) << 2;
        // The 9 taps of 4 filters as 9 lane vectors: taps 0–3 and 4–7 by two 4×4 transposes, tap 8 by lanes.
        const taps = t + 18 * 16;
        transpose4(v128.load(f0 + k), v128.load(f1 + k), v128.load(f2 + k), v128.load(f3 + k), taps);
        transpose4(v128.load(f0 + k, 16), v128.load(f1 + k, 16), v128.load(f2 + k, 16), v128.load(f3 + k, 16), taps + 64);
        let t8 = f32x4.splat(load<f32>(f0 + k, 32));
        t8 = f32x4.replace_lane(t8, 1, load<f32>(f1 + k, 32));
        t8 = f32x4.replace_lane(t8, 2, load<f32>(f2 + k, 32));
        t8 = f32x4.replace_lane(t8, 3, load<f32>(f3 + k, 32));
        v128.store(taps + 128, t8);
        // t = G g, column by column (taps c, 3 + c, 6 + c: kernel rows 0, 1, 2).
        for (let c = 0; c < 3; c++) {
          const tc = taps + (<usize>c << 4);
          gTimes(v128.load(tc), v128.load(tc, 48), v128.load(tc, 96), t + (<usize>c << 4), 48, q, s6, a24, a12, a6);
        }
        // U = t Gᵀ, row by row: row r of t (3 vectors) → positions 6r..6r+5, into the panels.
        const dst = u + (<usize>(row0 * IC + ic * h + g) << 2);
        for (let r = 0; r < 6; r++) {
          const tr = t + (<usize>(r * 3) << 4);
          gTimes(v128.load(tr), v128.load(tr, 16), v128.load(tr, 32), dst + <usize>(6 * r) * <usize>uStride, <usize>uStride, q, s6, a24, a12, a6);
        }
      }
    }
  }
}

/** G (6 × 3) times the column (g0, g1, g2): 6 vectors at p, `s` bytes apart. */
@inline function gTimes(g0: v128, g1: v128, g2: v128, p: usize, s: usize, q: v128, s6: v128, a24: v128, a12: v128, a6: v128): void {
  const e = f32x4.add(g0, g2);
  const l = f32x4.add(f32x4.mul(g0, a24), f32x4.mul(g2, a6)), m = f32x4.mul(g1, a12);
  v128.store(p, f32x4.mul(g0, q));
  v128.store(p + s, f32x4.mul(f32x4.add(e, g1), s6));
  v128.store(p + 2 * s, f32x4.mul(f32x4.sub(e, g1), s6));
  v128.store(p + 3 * s, f32x4.add(l, m));
  v128.store(p + 4 * s, f32x4.sub(l, m));
  v128.store(p + 5 * s, g2);
}

/**
 * Aᵀ x for 6 vectors at p (step `s`), 4 results at q (step `qs`):
 * Aᵀ rows (1, 1, 1, 1, 1, 0), (0, 1, −1, 2, −2, 0), (0, 1, 1, 4, 4, 0), (0, 1, −1, 8, −8, 1).
 */
@inline function outputT(p: usize, s: usize, q: usize, qs: usize): void {
  const x0 = v128.load(p), x1 = v128.load(p + s), x2 = v128.load(p + 2 * s);
  const x3 = v128.load(p + 3 * s), x4 = v128.load(p + 4 * s), x5 = v128.load(p + 5 * s);
  const sp = f32x4.add(x1, x2), sm = f32x4.sub(x1, x2);
  const tp = f32x4.add(x3, x4), tm = f32x4.sub(x3, x4);
  v128.store(q, f32x4.add(f32x4.add(x0, sp), tp));
  v128.store(q + qs, f32x4.add(sm, f32x4.mul(f32x4.splat(2), tm)));
  v128.store(q + 2 * qs, f32x4.add(sp, f32x4.mul(f32x4.splat(4), tp)));
  v128.store(q + 3 * qs, f32x4.add(f32x4.add(sm, f32x4.mul(f32x4.splat(8), tm)), x5));
}

/** Tiles [t0, t1) (one block of at most T tiles): input transform, 36 GEMMs, output transform. */
export function winogradTiles(d: usize, t0: i32, t1: i32, scratch: usize): void {
  const IC = xi(d, X_IC), OC = xi(d, X_OC), tW = xi(d, X_TW), tpi = xi(d, X_TPI), T = xi(d, X_T);
  const gWp = xi(d, X_GWP), plane = xi(d, X_PLANE), img = <usize>xi(d, X_IMG);
  const oRow = xi(d, X_OROW), oCol = xi(d, X_OCOL), oCh = xi(d, X_OCH);
  const bias = <usize>xi(d, X_BIAS), zeros = <usize>xi(d, X_ZEROS), gd = <usize>xi(d, X_GEMM);
  const U = <usize>xi(d, X_U), uStride = <usize>xi(d, X_USTRIDE), tiles = xi(d, X_TILES);
  const V = scratch;
  const M = V + (<usize>(36 * IC * T) << 2);
  const tab = M + (<usize>(36 * OC * T) << 2);   // per tile: in offset, out offset, rows, cols
  const tmp = tab + (<usize>(4 * T) << 2);        // 40 vectors
  const gs = ((tmp + 40 * 16 + 63) & ~63);        // GEMM scratch
  const n = t1 - t0;
  for (let j = 0; j < T; j++) {
    // Past the block's end: the last tile again (its columns of V are computed, never written out).
    const t = j < n ? t0 + j : (t1 - 1 < tiles ? t1 - 1 : tiles - 1);
    const q = t / tpi, r = t - q * tpi, th = r / tW, tw = r - th * tW;
    const im = img + (<usize>(q * 4) << 2);
    const e = tab + (<usize>(j * 4) << 2);
    store<i32>(e, load<i32>(im) + (((4 * th) * gWp + 4 * tw) << 2));
    store<i32>(e, load<i32>(im, 4) + (((4 * th) * oRow + 4 * tw * oCol) << 2), 4);
    const vr = load<i32>(im, 8) - 4 * th, vc = load<i32>(im, 12) - 4 * tw;
    store<i32>(e, j < n ? (vr < 4 ? vr : 4) : 0, 8);
    store<i32>(e, vc < 4 ? vc : 4, 12);
  }
  // Input transform into V[36][IC][T].
  inputTiles(tab, T, IC, plane, gWp, V, <usize>T << 2, <usize>(IC * T) << 2, tmp);
  const vPos = <usize>(IC * T) << 2; // bytes between positions of V
  // Elementwise stage: per position ξ, M_ξ [OC × T] = U_ξ [OC × IC] · V_ξ [IC × T].
  for (let x = 0; x < 36; x++) {
    convGemm(gd, V + <usize>x * vPos, U + <usize>x * uStride, zeros, M + (<usize>(x * OC * T) << 2), T, IC, OC, 0, T, gs, 0);
  }
  // Output transform, 4 tiles per step, plus bias; edge tiles keep only their valid cells.
  const mPos = <usize>(OC * T) << 2;
  const y = tmp + 24 * 16; // 4 × 4 result vectors after the tmp's 6 × 4 middle rows
  for (let oc = 0; oc < OC; oc++) {
    const bv = f32x4.splat(load<f32>(bias + (<usize>oc << 2)));
    const ocOff = <usize>(oc * oCh) << 2;
    for (let j = 0; j < T && j < n; j += 4) {
      const src = M + (<usize>(oc * T + j) << 2);
      // Rows first: row i (6 positions 6i..6i+5) → 4 values, into tmp[i][0..3].
      for (let i = 0; i < 6; i++) outputT(src + <usize>(6 * i) * mPos, mPos, tmp + (<usize>(i * 4) << 4), 16);
      // Then columns: column c of the 6 × 4 middle → Y[0..3][c].
      for (let c = 0; c < 4; c++) outputT(tmp + (<usize>c << 4), 64, y + (<usize>c << 4), 64);
      // y[i][c] holds row i, column c for 4 tiles: transpose each row to per-tile vectors.
      for (let i = 0; i < 4; i++) {
        const yi = y + (<usize>(i * 4) << 4);
        transpose4(f32x4.add(v128.load(yi), bv), f32x4.add(v128.load(yi, 16), bv), f32x4.add(v128.load(yi, 32), bv), f32x4.add(v128.load(yi, 48), bv), yi);
      }
      for (let l = 0; l < 4; l++) {
        const e = tab + (<usize>((j + l) * 4) << 2);
        const rows = load<i32>(e, 8), cols = load<i32>(e, 12);
        if (rows <= 0) continue;
        const o = <usize>load<i32>(e, 4) + ocOff;
        for (let i = 0; i < rows; i++) {
          const v = y + (<usize>(i * 4 + l) << 4);
          const orow = o + (<usize>(i * oRow) << 2);
          if (cols == 4 && oCol == 1) { v128.store(orow, v128.load(v)); continue; }
          for (let c = 0; c < cols; c++) store<f32>(orow + (<usize>(c * oCol) << 2), load<f32>(v + (<usize>c << 2)));
        }
      }
    }
  }
}
