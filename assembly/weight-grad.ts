// Weight-gradient GEMM of the backward pass (re-exported by kernels.ts).
//
// dW[m][k] = Σ_n Σ_p A[n][m][p] · B[n][k][p]: A holds M rows of one image's data in pixel order
// (a direct conv: gradOutput's channels of the group; a transposed one: the input's), B is the
// im2col of the other operand through a direct conv's tap tables (the forward's own, or for a
// transposed conv the gradient-of-input conv over gradOutput), k = (channel of the group, tap).
// The sum runs over the pixels — a long reduction — so both operands are read along it: a tile of
// 3 rows of A by 4 rows of B keeps 12 four-lane accumulators of partial dot products, each A and
// B vector feeding 4 or 3 multiply-adds, and folds them once per block of pixels. B comes from
// packB (the forward's packer: any padding mode, stride, dilation), a block of kc rows × NCW
// pixels; a task owns a range [k0, k1) of dW's columns in every row, so threads write disjoint
// parts and need no reduction.

import { packB } from './kernels';
import { madd } from './simd';

/** Pixels per block (a multiple of 8). */
const NCW: i32 = 256;
/** Columns of dW per B block (a multiple of the tile's 6): 48 rows of 256 pixels, twice (packed, then interleaved). */
const KCW: i32 = 48;

/** [Σ a, Σ b, Σ c, Σ d]: the lanes of four accumulators summed, one per lane. */
@inline function hsum4(a: v128, b: v128, c: v128, d: v128): v128 {
  const ab = f32x4.add(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
  const cd = f32x4.add(v128.shuffle<f32>(c, d, 0, 1, 4, 5), v128.shuffle<f32>(c, d, 2, 3, 6, 7));
  return f32x4.add(v128.shuffle<f32>(ab, cd, 0, 2, 4, 6), v128.shuffle<f32>(ab, cd, 1, 3, 5, 7));
}

/** [Σ a, Σ b, ·, ·]. */
@inline function hsum2(a: v128, b: v128): v128 {
  const ab = f32x4.add(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
  return f32x4.add(v128.shuffle<f32>(ab, ab, 0, 2, 0, 2), v128.shuffle<f32>(ab, ab, 1, 3, 1, 3));
}

/** Adds one tile row's six sums (lo: columns 0–3, hi: 4–5) into C, the first nr of them. */
@inline function addRow(c: usize, lo: v128, hi: v128, nr: i32, tmp: usize): void {
  if (nr == 6) {
    v128.store(c, f32x4.add(v128.load(c), lo));
    store<f32>(c, load<f32>(c, 16) + f32x4.extract_lane(hi, 0), 16);
    store<f32>(c, load<f32>(c, 20) + f32x4.extract_lane(hi, 1), 20);
    return;
  }
  v128.store(tmp, lo);
  v128.store(tmp, hi, 16);
  for (let j = 0; j < nr; j++) store<f32>(c + (<usize>j << 2), load<f32>(c + (<usize>j << 2)) + load<f32>(tmp + (<usize>j << 2)));
}

/**
 * One 2×6 tile over `chunks` (even) steps of 4 pixels: A interleaved in pairs of rows (4 pixels of
 * row 0, then of row 1), B in groups of six rows (4 pixels of each in turn), so each step is one
 * pointer and immediate offsets: 8 loads, 12 multiply-adds, 12 accumulators — 15 vector registers,
 * what V8 allocates on x64 without spilling.
 */
function tile26(a: usize, b: usize, chunks: i32, c: usize, ldc: usize, mr: i32, nr: i32, tmp: usize): void {
  let c00 = f32x4.splat(0), c01 = c00, c02 = c00, c03 = c00, c04 = c00, c05 = c00;
  let c10 = c00, c11 = c00, c12 = c00, c13 = c00, c14 = c00, c15 = c00;
  let pa = a, pb = b;
  for (let q = 0; q < chunks; q += 2) {
    let x0 = v128.load(pa), x1 = v128.load(pa, 16);
    let y = v128.load(pb);
    c00 = madd(x0, y, c00); c10 = madd(x1, y, c10);
    y = v128.load(pb, 16); c01 = madd(x0, y, c01); c11 = madd(x1, y, c11);
    y = v128.load(pb, 32); c02 = madd(x0, y, c02); c12 = madd(x1, y, c12);
    y = v128.load(pb, 48); c03 = madd(x0, y, c03); c13 = madd(x1, y, c13);
    y = v128.load(pb, 64); c04 = madd(x0, y, c04); c14 = madd(x1, y, c14);
    y = v128.load(pb, 80); c05 = madd(x0, y, c05); c15 = madd(x1, y, c15);
    x0 = v128.load(pa, 32); x1 = v128.load(pa, 48);
    y = v128.load(pb, 96); c00 = madd(x0, y, c00); c10 = madd(x1, y, c10);
    y = v128.load(pb, 112); c01 = madd(x0, y, c01); c11 = madd(x1, y, c11);
    y = v128.load(pb, 128); c02 = madd(x0, y, c02); c12 = madd(x1, y, c12);
    y = v128.load(pb, 144); c03 = madd(x0, y, c03); c13 = madd(x1, y, c13);
    y = v128.load(pb, 160); c04 = madd(x0, y, c04); c14 = madd(x1, y, c14);
    y = v128.load(pb, 176); c05 = madd(x0, y, c05); c15 = madd(x1, y, c15);
    pa += 64;
    pb += 192;
  }
  addRow(c, hsum4(c00, c01, c02, c03), hsum2(c04, c05), nr, tmp);
  if (mr > 1) addRow(c + ldc, hsum4(c10, c11, c12, c13), hsum2(c14, c15), nr, tmp);
}

/**
 * Columns [k0, k1) of one group's dW (M rows of K, at c), summed over N images: image n's A rows
 * start at a + n·aImg floats (row length P), its B operand (the group's first channel of the
 * packed operand, read through descriptor d as packB reads a conv's input) at z + n·zImg floats.
 * The task first zeroes its columns, so running it again gives the same numbers.
 */
export function weightGrad(d: usize, z: usize, zImg: i32, a: usize, aImg: i32, M: i32, P: i32, N: i32, c: usize, K: i32, k0: i32, k1: i32, scratch: usize): void {
  const Mpad = (M + 1) & ~1;
  const ab = scratch;                                   // A, pairs of rows interleaved: Mpad × NCW
  const bp = ab + (<usize>(Mpad * NCW) << 2);           // B as packB writes it: KCW × NCW
  const bi = bp + (<usize>(KCW * NCW) << 2);            // B interleaved in groups of 6 rows
  const tmp = bi + (<usize>(KCW * NCW) << 2);
  const ldc = <usize>K << 2;
  for (let r = 0; r < M; r++) memory.fill(c + (<usize>(r * K + k0) << 2), 0, <usize>(k1 - k0) << 2);
  for (let n = 0; n < N; n++) {
    const an = a + (<usize>(n * aImg) << 2);
    const zn = z + (<usize>(n * zImg) << 2);
    for (let pb = 0; pb < P; pb += NCW) {
      const nc = P - pb < NCW ? P - pb : NCW;
      const ncPad = (nc + 7) & ~7;
      const chunks = ncPad >> 2;
      // A block: row pairs, 4 pixels of each in turn, zero past nc (an odd M's last partner row
      // is left as it is: its sums are never stored).
      for (let r = 0; r < M; r++) {
        const src = an + (<usize>(r * P + pb) << 2);
        let dst = ab + (<usize>((r >> 1) * 2 * ncPad + (r & 1) * 4) << 2);
        let q = 0;
        for (; q + 4 <= nc; q += 4) { v128.store(dst, v128.load(src + (<usize>q << 2))); dst += 32; }
        for (; q < ncPad; q += 4) {
          for (let l = 0; l < 4; l++) store<f32>(dst + (<usize>l << 2), q + l < nc ? load<f32>(src + (<usize>(q + l) << 2)) : 0);
          dst += 32;
        }
      }
      for (let kb = k0; kb < k1; kb += KCW) {
        const kc = k1 - kb < KCW ? k1 - kb : KCW;
        packB(d, zn, bp, kb, kc, pb, nc, ncPad);
        // Groups of 6 rows, 4 pixels of each in turn (a last group's missing rows stay stale:
        // their sums are never stored).
        for (let j = 0; j < kc; j++) {
          const src = bp + (<usize>(j * ncPad) << 2);
          let dst = bi + (<usize>((j / 6) * 6 * ncPad + (j % 6) * 4) << 2);
          for (let q = 0; q < ncPad; q += 4) { v128.store(dst, v128.load(src + (<usize>q << 2))); dst += 96; }
        }
        for (let r0 = 0; r0 < M; r0 += 2) {
          const mr = M - r0 < 2 ? M - r0 : 2;
          const ar = ab + (<usize>(r0 * ncPad) << 2);
          const cr = c + <usize>r0 * ldc + (<usize>kb << 2);
          for (let j0 = 0; j0 < kc; j0 += 6) {
            const nr = kc - j0 < 6 ? kc - j0 : 6;
            tile26(ar, bi + (<usize>(j0 * ncPad) << 2), chunks, cr + (<usize>j0 << 2), ldc, mr, nr, tmp);
          }
        }
      }
    }
  }
}

/** Bytes of per-thread scratch for weightGrad with M rows of A. */
export function weightGradScratchBytes(M: i32): i32 {
  return ((((M + 1) & ~1) + 2 * KCW) * NCW + 16) << 2;
}

/** Columns of dW per B block: tasks cut K at multiples of it when they can. */
export function weightGradColumns(): i32 { return KCW; }
