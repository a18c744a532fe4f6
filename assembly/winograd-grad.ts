// The weight gradient of a Winograd-eligible conv (3×3, stride 1, dilation 1) by F(3×3, 4×4).
//
// dW[oc][ic][u][v] = Σ_n Σ_(y,x) gy[n][oc][y][x] · xp[n][ic][y + u][x + v] over the padded input xp.
// Cut the output grid into the forward's 4×4 tiles: tile t reads the same 6×6 patch d of xp as
// the forward's input transform, and its share is a correlation of d with the 4×4 gy tile g
// giving 3×3 taps. Transposing the forward's F(4, 3) (y = Aᵀ[(G w) ⊙ (Bᵀ d)]) gives
// dW_t = Gᵀ [ (A g Aᵀ) ⊙ (Bᵀ d B) ] G, so the sum over tiles runs in the 6×6 transformed domain:
// M_ξ[oc][ic] = Σ_t U_ξ[oc][t] · V_ξ[ic][t] with U = A g Aᵀ and V = Bᵀ d B, then
// dW[oc][ic] = Gᵀ M[oc][ic] G — 36 products per tile and channel pair instead of 144.
// The driver (src/engine/wasm/winograd-grad.ts) runs three jobs: winogradGradTiles (U and V of a
// block of tiles: disjoint columns), the 36 products (the weightGrad kernel, one position per
// task), winogradGradOut (Gᵀ M G for a range of output channels).
import { inputTiles, transpose4 } from './winograd-transforms';
import { Y_GWP, Y_GY, Y_IC, Y_OC, Y_OH, Y_OW, Y_PLANE, Y_PLANES, Y_STRIDE, Y_TILES, Y_TPI, Y_TW, Y_U, Y_UPOS, Y_V, Y_VPOS } from './layouts.generated';

@inline function yi(d: usize, i: i32): i32 { return load<i32>(d + (<usize>i << 2)); }

/** Bytes of one thread's scratch for blocks of at most T tiles: the tile table and 40 vectors. */
export function winogradGradScratchBytes(T: i32): i32 {
  return (4 * T + 40 * 4) * 4 + 64;
}

/**
 * A h for 4 vectors h0..h3 (lanes = tiles): 6 vectors at p, `s` bytes apart.
 * A rows (1, 0, 0, 0), (1, 1, 1, 1), (1, −1, 1, −1), (1, 2, 4, 8), (1, −2, 4, −8), (0, 0, 0, 1).
 */
@inline function aTimes(h0: v128, h1: v128, h2: v128, h3: v128, p: usize, s: usize): void {
  const e = f32x4.add(h0, h2), o = f32x4.add(h1, h3);
  const e4 = f32x4.add(h0, f32x4.mul(h2, f32x4.splat(4)));
  const o4 = f32x4.add(f32x4.add(h1, h1), f32x4.mul(h3, f32x4.splat(8)));
  v128.store(p, h0);
  v128.store(p + s, f32x4.add(e, o));
  v128.store(p + 2 * s, f32x4.sub(e, o));
  v128.store(p + 3 * s, f32x4.add(e4, o4));
  v128.store(p + 4 * s, f32x4.sub(e4, o4));
  v128.store(p + 5 * s, h3);
}

/**
 * Columns [t0, t1) of U and V (t0 a multiple of 4; column t = tile t): V (input transform, all IC
 * channels) and U = A g Aᵀ (all OC channels of gy), in rows of `stride` floats (position ξ's rows
 * start at ξ·uPos, ξ·vPos bytes). Columns past the last tile get U = 0 (their V repeats the last
 * tile), so they add nothing.
 */
export function winogradGradTiles(d: usize, t0: i32, t1: i32, scratch: usize): void {
  const IC = yi(d, Y_IC), OC = yi(d, Y_OC), tW = yi(d, Y_TW), tpi = yi(d, Y_TPI);
  const gWp = yi(d, Y_GWP), plane = yi(d, Y_PLANE), planes = <usize>yi(d, Y_PLANES);
  const gy = <usize>yi(d, Y_GY), OH = yi(d, Y_OH), OW = yi(d, Y_OW);
  const U = <usize>yi(d, Y_U), V = <usize>yi(d, Y_V), stride = yi(d, Y_STRIDE), tiles = yi(d, Y_TILES);
  const uPos = <usize>yi(d, Y_UPOS), vPos = <usize>yi(d, Y_VPOS);
  const n = t1 - t0;
  const T = (n + 3) & ~3;
  const tab = scratch;                            // per tile: plane cell, gy cell, rows, cols
  const tmp = (tab + (<usize>(4 * T) << 2) + 15) & ~15; // 40 vectors
  for (let j = 0; j < T; j++) {
    const real = j < n && t0 + j < tiles;
    const t = real ? t0 + j : tiles - 1;
    const q = t / tpi, r = t - q * tpi, th = r / tW, tw = r - th * tW;
    const e = tab + (<usize>(j * 4) << 2);
    store<i32>(e, <i32>planes + ((q * IC * plane + 4 * th * gWp + 4 * tw) << 2));
    store<i32>(e, <i32>gy + ((q * OC * OH * OW + 4 * th * OW + 4 * tw) << 2), 4);
    const vr = OH - 4 * th, vc = OW - 4 * tw;
    store<i32>(e, real ? (vr < 4 ? vr : 4) : 0, 8);
    store<i32>(e, vc < 4 ? vc : 4, 12);
  }
  const rowF = <usize>stride << 2;
  inputTiles(tab, T, IC, plane, gWp, V + (<usize>t0 << 2), rowF, vPos, tmp);
  // U, 4 tiles per step (lanes = tiles): each tile's 4 rows as vectors (zero past gy's edges),
  // transposed so that g[r][c] holds 4 tiles; A down the 4 columns, then along the 6 rows.
  const ocB = <usize>(OH * OW) << 2;
  const rowB = <usize>OW << 2;
  const g = tmp;                  // 16 vectors: g[r][c]
  const w = tmp + 16 * 16;        // 24 vectors: (A g)[i][c]
  for (let j = 0; j < T; j += 4) {
    const e = tab + (<usize>(j * 4) << 2);
    for (let oc = 0; oc < OC; oc++) {
      const co = <usize>oc * ocB;
      for (let r = 0; r < 4; r++) {
        // Row r of the 4 tiles, one vector each: lane c = column c.
        const rv = w + (<usize>r << 6);
        for (let l = 0; l < 4; l++) {
          const el = e + (<usize>(l * 4) << 2);
          const rows = load<i32>(el, 8), cols = load<i32>(el, 12);
          const src = <usize>load<i32>(el, 4) + co + <usize>r * rowB;
          const dst = rv + (<usize>l << 4);
          if (r >= rows) { v128.store(dst, i32x4.splat(0)); continue; }
          if (cols == 4) { v128.store(dst, v128.load(src)); continue; }
          for (let c = 0; c < 4; c++) store<f32>(dst + (<usize>c << 2), c < cols ? load<f32>(src + (<usize>c << 2)) : 0);
        }
        transpose4(v128.load(rv), v128.load(rv, 16), v128.load(rv, 32), v128.load(rv, 48), g + (<usize>r << 6));
      }
      // Down each column c: g[0..3][c] → (A g)[0..5][c].
      for (let c = 0; c < 4; c++) {
        const gc = g + (<usize>c << 4);
        aTimes(v128.load(gc), v128.load(gc, 64), v128.load(gc, 128), v128.load(gc, 192), w + (<usize>c << 4), 64);
      }
      // Along each row i: (A g)[i][0..3] → U[6i..6i+5], straight into U's columns.
      const dst = U + <usize>oc * rowF + (<usize>(t0 + j) << 2);
      for (let i = 0; i < 6; i++) {
        const wi = w + (<usize>i << 6);
        aTimes(v128.load(wi), v128.load(wi, 16), v128.load(wi, 32), v128.load(wi, 48), dst + <usize>(6 * i) * uPos, uPos);
      }
    }
  }
}

/**
 * dW[oc][ic] = Gᵀ M[oc][ic] G for output channels [oc0, oc1): M holds the 36 products (position
 * ξ's OC × IC block at m + ξ·OC·IC floats), dW the weight's layout [OC, IC, 3, 3]. 4 input
 * channels per step (lanes; the last step's missing ones read 0 and are not stored).
 */
export function winogradGradOut(m: usize, w: usize, OC: i32, IC: i32, oc0: i32, oc1: i32): void {
  const pos = <usize>(OC * IC) << 2;
  for (let oc = oc0; oc < oc1; oc++) {
    for (let ic = 0; ic < IC; ic += 4) {
      const lanes = IC - ic < 4 ? IC - ic : 4;
      const src = m + (<usize>(oc * IC + ic) << 2);
      const dst = w + (<usize>((oc * IC + ic) * 9) << 2);
      // Column v of dW: t_i = (M G)[i][v] for the 6 rows i, then Gᵀ t.
      for (let v = 0; v < 3; v++) {
        const t0 = gRow(src, pos, v, lanes), t1 = gRow(src + 6 * pos, pos, v, lanes), t2 = gRow(src + 12 * pos, pos, v, lanes);
        const t3 = gRow(src + 18 * pos, pos, v, lanes), t4 = gRow(src + 24 * pos, pos, v, lanes), t5 = gRow(src + 30 * pos, pos, v, lanes);
        for (let u = 0; u < 3; u++) {
          const z = gT(t0, t1, t2, t3, t4, t5, u);
          const o = dst + (<usize>(3 * u + v) << 2);
          store<f32>(o, f32x4.extract_lane(z, 0));
          if (lanes > 1) store<f32>(o, f32x4.extract_lane(z, 1), 36);
          if (lanes > 2) store<f32>(o, f32x4.extract_lane(z, 2), 72);
          if (lanes > 3) store<f32>(o, f32x4.extract_lane(z, 3), 108);
        }
      }
    }
  }
}

/**
 * Row k of Gᵀ times (m0 … m5):
 * Gᵀ rows (¼, −⅙, −⅙, 1/24, 1/24, 0), (0, −⅙, ⅙, 1/12, −1/12, 0), (0, −⅙, −⅙, ⅙, ⅙, 1).
 */
@inline function gT(m0: v128, m1: v128, m2: v128, m3: v128, m4: v128, m5: v128, k: i32): v128 {
  const s6 = f32x4.splat(<f32>(1.0 / 6.0));
  if (k == 0) return f32x4.add(f32x4.sub(f32x4.mul(m0, f32x4.splat(0.25)), f32x4.mul(f32x4.add(m1, m2), s6)), f32x4.mul(f32x4.add(m3, m4), f32x4.splat(<f32>(1.0 / 24.0))));
  if (k == 1) return f32x4.add(f32x4.mul(f32x4.sub(m2, m1), s6), f32x4.mul(f32x4.sub(m3, m4), f32x4.splat(<f32>(1.0 / 12.0))));
  return f32x4.add(f32x4.mul(f32x4.sub(f32x4.add(m3, m4), f32x4.add(m1, m2)), s6), m5);
}

/** `lanes` (1–4) consecutive floats at p, zero past them. */
@inline function loadLanes(p: usize, lanes: i32): v128 {
  if (lanes == 4) return v128.load(p);
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (lanes > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (lanes > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** (M G)[i][v] for 4 channels: the row of M whose 6 positions start at p, `pos` bytes apart. */
@inline function gRow(p: usize, pos: usize, v: i32, lanes: i32): v128 {
  return gT(loadLanes(p, lanes), loadLanes(p + pos, lanes), loadLanes(p + 2 * pos, lanes), loadLanes(p + 3 * pos, lanes), loadLanes(p + 4 * pos, lanes), loadLanes(p + 5 * pos, lanes), v);
}
