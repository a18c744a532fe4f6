// convkit fast engine kernels (AssemblyScript → WebAssembly SIMD).
//
// No allocation, no static data: every buffer is a byte offset into the (possibly shared) memory
// that the JS driver lays out, so several instances (one per worker thread) can run over the same
// memory at once as long as each uses its own scratch region. All index rules arrive as tables the
// driver computed from the ConvGeometry (geometry/taps.ts); nothing here re-derives them.
//
// The dense path is a packed-panel GEMM: out[oc][p] = Σ_k A[oc][k] · B[k][p], where k runs over
// (input channel of the group, kernel tap of the class) and p over the output positions of the
// class. B is packed per block of pixels (KC rows × NC pixels, row-major) straight from the input
// through the tap tables (no im2col of the whole input) — or, for a 1×1 stride-1 conv, read in
// place — A (weights) is packed once per call into MR-row panels. An MR×8 register-blocked
// microkernel (2·MR f32x4 accumulators) does the MACs. Depthwise convs (1-D to 3-D) have their
// own direct kernel over padded planes.

import { madd } from './simd';
import { micro4, micro4r, micro6, micro6r } from './microkernels.generated';
import {
  D_COLMAP, D_GH, D_GW, D_GWP, D_HIW, D_ICG, D_IDENTITY, D_INH, D_INSP, D_INW, D_LOW, D_ND, D_NH, D_NW, D_OUTW, D_ROWMAP, D_ROWS, D_SH, D_SPLIT, D_STEP,
  D_TABD, D_TABH, D_TABW, D_TD, D_TH, D_TW,
  W_COLMAP, W_DD, W_DEPTHMAP, W_DH, W_DW, W_GD, W_GH, W_GW, W_IND, W_INH, W_INW, W_KD, W_KH, W_KW, W_MULT,
  W_OUTD, W_OUTH, W_OUTW, W_ROWMAP, W_SD, W_SH, W_SW,
} from './layouts.generated';

const MR_SIMD: i32 = 4;
const MR_RELAXED: i32 = 6;
const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? MR_RELAXED : MR_SIMD;
const NR: i32 = 8;
const KC: i32 = 256;
// 256 pixels per block: B (256 × 256 floats) stays in L2, and against 128-pixel blocks there is
// half the per-block work and half the copy-outs of two-thread tasks
// (bench/results/engine-design.md, "Pixel blocks of 256").
const NC: i32 = 256;
// Indirect B (padded planes) is read in place, nothing packed: blocking its K only bounds how
// much of a tile's A panel one microkernel call streams (1152 rows: 27 KB of a 6-row panel, in
// L1). Up to that many rows a task writes each output once, complete (final writes, plan.ts).
const KC_ROWS: i32 = 1152;

// Descriptor words (D_*, W_*): layouts.generated.ts, from assembly/layouts.mjs.
@inline function di(d: usize, i: i32): i32 { return load<i32>(d + (<usize>i << 2)); }

/** Packs B rows k0..k0+kc (pixels p0..p0+nc, zero-padded to ncPad) from input channel block x. */
export function packB(d: usize, x: usize, dst: usize, k0: i32, kc: i32, p0: i32, nc: i32, ncPad: i32): void {
  const nD = di(d, D_ND), nH = di(d, D_NH), nW = di(d, D_NW);
  const tD = di(d, D_TD), tH = di(d, D_TH), tW = di(d, D_TW);
  const tabD = <usize>di(d, D_TABD), tabH = <usize>di(d, D_TABH), tabW = <usize>di(d, D_TABW);
  const loW = <usize>di(d, D_LOW), hiW = <usize>di(d, D_HIW);
  const inH = di(d, D_INH), inW = di(d, D_INW), inSp = di(d, D_INSP);
  const step = di(d, D_STEP);
  const plane = nH * nW;
  const od0 = p0 / plane;
  const r0 = p0 - od0 * plane;
  const oh0 = r0 / nW;
  const ow0 = r0 - oh0 * nW;
  // k = ((icl·tD + td)·tH + th)·tW + tw: split once, then step the digits (no division per row).
  let tw = k0 % tW, th = (k0 / tW) % tH, td = (k0 / (tW * tH)) % tD, icl = k0 / (tW * tH * tD);
  for (let kk = 0; kk < kc; kk++) {
    if (kk > 0 && ++tw == tW) {
      tw = 0;
      if (++th == tH) { th = 0; if (++td == tD) { td = 0; icl++; } }
    }
    const chan = x + (<usize>(icl * inSp) << 2);
    const col = tabW + (<usize>(tw * nW) << 2);
    const lo = load<i32>(loW + (<usize>tw << 2));
    const hi = load<i32>(hiW + (<usize>tw << 2));
    const rowD = tabD + (<usize>(td * nD) << 2);
    const rowH = tabH + (<usize>(th * nH) << 2);
    const out = dst + (<usize>(kk * ncPad) << 2);
    let j = 0, od = od0, oh = oh0, ow = ow0;
    while (j < nc) {
      let seg = nW - ow;
      if (seg > nc - j) seg = nc - j;
      const sd = load<i32>(rowD + (<usize>od << 2));
      const sh = load<i32>(rowH + (<usize>oh << 2));
      const o = out + (<usize>j << 2);
      if ((sd | sh) < 0) {
        const bytes = <usize>seg << 2;
        let q: usize = 0;
        for (; q + 16 <= bytes; q += 16) v128.store(o + q, i32x4.splat(0));
        for (; q < bytes; q += 4) store<f32>(o + q, 0);
      } else {
        const base = chan + (<usize>((sd * inH + sh) * inW) << 2);
        const b = ow + seg;
        let a = ow;
        let m0 = lo > a ? lo : a; if (m0 > b) m0 = b;
        let m1 = hi < b ? hi : b; if (m1 < m0) m1 = m0;
        for (; a < m0; a++) {
          const s = load<i32>(col + (<usize>a << 2));
          store<f32>(o + (<usize>(a - ow) << 2), s < 0 ? 0 : load<f32>(base + (<usize>s << 2)));
        }
        if (m1 > m0) {
          const s = load<i32>(col + (<usize>m0 << 2));
          if (step == 1) {
            // Rows are short (tens of floats): a vector loop beats a memory.copy call.
            const dst = o + (<usize>(m0 - ow) << 2), src = base + (<usize>s << 2);
            const bytes = <usize>(m1 - m0) << 2;
            let q: usize = 0;
            for (; q + 16 <= bytes; q += 16) v128.store(dst + q, v128.load(src + q));
            for (; q < bytes; q += 4) store<f32>(dst + q, load<f32>(src + q));
          } else if (step == 2) {
            // Even lanes of two vectors: 4 outputs per shuffle. Lane 7 may read one cell past
            // the run; it is dropped (and memory always continues past the input).
            let q = m0;
            let src = base + (<usize>s << 2);
            for (; q + 4 <= m1; q += 4) {
              v128.store(o + (<usize>(q - ow) << 2), v128.shuffle<f32>(v128.load(src), v128.load(src, 16), 0, 2, 4, 6));
              src += 32;
            }
            for (; q < m1; q++) { store<f32>(o + (<usize>(q - ow) << 2), load<f32>(src)); src += 8; }
          } else {
            let src = base + (<usize>s << 2);
            const inc = <usize>step << 2;
            for (let q = m0; q < m1; q++) { store<f32>(o + (<usize>(q - ow) << 2), load<f32>(src)); src += inc; }
          }
        }
        for (a = m1; a < b; a++) {
          const s = load<i32>(col + (<usize>a << 2));
          store<f32>(o + (<usize>(a - ow) << 2), s < 0 ? 0 : load<f32>(base + (<usize>s << 2)));
        }
      }
      j += seg;
      ow = 0;
      if (++oh == nH) { oh = 0; od++; }
    }
    if (ncPad > nc) memory.fill(out + (<usize>nc << 2), 0, <usize>(ncPad - nc) << 2);
  }
}

/**
 * Output-channel tiles. The relaxed build uses 6-row tiles, then 4-row ones, so that an even
 * channel count leaves no padded row (32 = 6·4 + 4·2, 128 = 6·20 + 4·2); five leftover rows make
 * one 6-row tile; an odd count ends with one partial tile. The plain build uses 4-row tiles.
 * Tile t starts at row tileRow(t) and its packed panel holds tileHeight(t) rows.
 */
function sixRowTiles(OC: i32): i32 {
  if (MR != 6) return 0;
  const q = OC / 6;
  return OC % 6 == 2 && q > 0 ? q - 1 : q;
}
function tileCount(OC: i32): i32 {
  const n6 = sixRowTiles(OC), R = OC - 6 * n6;
  return n6 + (R == 5 ? 1 : (R + 3) / 4);
}
@inline function tileRow(t: i32, n6: i32): i32 { return t <= n6 ? 6 * t : 6 * n6 + 4 * (t - n6); }
@inline function tileHeight(t: i32, n6: i32, OC: i32): i32 { return t < n6 || OC - 6 * n6 == 5 ? 6 : 4; }

/**
 * Packs weights into row panels (one per tile): panel of tile t at row0·K, dst[k][r] =
 * w[(row0+r)·ocStride + icl·icStride + tapOff[tt]] with k = icl·taps + tt (zero for rows past
 * `oc`). Direct weights are [OC, IC/g, k…] and transposed ones [IC, OC/g, k…]: the strides say
 * which.
 */
export function packA(w: usize, dst: usize, oc: i32, icg: i32, taps: i32, tapOff: usize, ocStride: i32, icStride: i32): void {
  const K = icg * taps;
  const n6 = sixRowTiles(oc), tiles = tileCount(oc);
  for (let t = 0; t < tiles; t++) {
    const row0 = tileRow(t, n6), h = tileHeight(t, n6, oc);
    const panel = dst + (<usize>(row0 * K) << 2);
    for (let r = 0; r < h; r++) {
      const o = row0 + r;
      if (o >= oc) {
        for (let k = 0; k < K; k++) store<f32>(panel + (<usize>(k * h + r) << 2), 0);
        continue;
      }
      for (let icl = 0; icl < icg; icl++) {
        const src = w + (<usize>(o * ocStride + icl * icStride) << 2);
        for (let tt = 0; tt < taps; tt++) {
          const k = icl * taps + tt;
          store<f32>(panel + (<usize>(k * h + r) << 2), load<f32>(src + (<usize>load<i32>(tapOff + (<usize>tt << 2)) << 2)));
        }
      }
    }
  }
}

/**
 * One register tile: C[r][j] (+)= Σ_k A[k][r] · B[k][j] with a panel of h rows (4 or 6);
 * `acc` false → start from bias[r]. A partial tile (mr < h or nr < 8) goes through `tmp` so
 * that no store leaves the tile. FMA keeps each update in place, so the relaxed build affords
 * 6-row tiles.
 */
@inline function tileC(a: usize, h: i32, b: usize, bs: usize, offs: usize, indirect: bool, kc: i32, c: usize, ldc: usize, bias: usize, acc: bool, mr: i32, nr: i32, tmp: usize): void {
  const full = mr == h && nr == NR;
  let cc = c, lc = ldc;
  if (!full) {
    cc = tmp; lc = NR << 2;
    if (acc) {
      for (let r = 0; r < mr; r++) for (let j = 0; j < nr; j++) store<f32>(tmp + (<usize>(r * NR + j) << 2), load<f32>(c + <usize>r * ldc + (<usize>j << 2)));
    }
  }
  if (indirect) {
    if (h == 4) micro4r(a, b, offs, kc, cc, lc, bias, acc);
    else micro6r(a, b, offs, kc, cc, lc, bias, acc);
  } else {
    if (h == 4) micro4(a, b, bs, kc, cc, lc, bias, acc);
    else micro6(a, b, bs, kc, cc, lc, bias, acc);
  }
  if (!full) {
    for (let r = 0; r < mr; r++) for (let j = 0; j < nr; j++) store<f32>(c + <usize>r * ldc + (<usize>j << 2), load<f32>(tmp + (<usize>(r * NR + j) << 2)));
  }
}

/** A tile over packed B. */
function micro(a: usize, h: i32, b: usize, bs: usize, kc: i32, c: usize, ldc: usize, bias: usize, acc: bool, mr: i32, nr: i32, tmp: usize): void {
  tileC(a, h, b, bs, 0, false, kc, c, ldc, bias, acc, mr, nr, tmp);
}

/** A tile over indirect B (padded planes, offset table). */
function microRows(a: usize, h: i32, b: usize, offs: usize, kc: i32, c: usize, ldc: usize, bias: usize, acc: bool, mr: i32, nr: i32, tmp: usize): void {
  tileC(a, h, b, 0, offs, true, kc, c, ldc, bias, acc, mr, nr, tmp);
}

/**
 * One class of one group: C[oc][p] for oc < OC and p in [p0, p1) (ldc = row length of C), from
 * input block x (the group's first channel — or its first padded plane when the descriptor
 * names an offset table: indirect B), packed weights wp (packA) and bias (MR-padded).
 * `scratch` holds KC·NC floats of packed B plus 32 floats of tile buffer; threads split [p0, p1).
 */
export function convGemm(d: usize, x: usize, wp: usize, bias: usize, c: usize, ldc: i32, K: i32, OC: i32, p0: i32, p1: i32, scratch: usize, priv: i32): void {
  const tmp = scratch + (<usize>(KC * NC) << 2);
  // priv: accumulate this block (p1 − p0 ≤ NC) in the thread's own buffer; copyOut publishes it.
  // A task computed twice (a straggler and the thread that stole it) then never mixes partial sums.
  let cb = c, lc = ldc, shift = 0;
  if (priv) { cb = tmp + 256; lc = NC; shift = p0; }
  const n6 = sixRowTiles(OC), tiles = tileCount(OC);
  // Identity B (1×1 stride-1 conv): the microkernel reads the input rows in place, 8 pixels per
  // step with a row stride of inSp; columns past the block end are read but never stored.
  const identity = di(d, D_IDENTITY) != 0;
  const inSp = di(d, D_INSP);
  const offs = <usize>di(d, D_ROWS);
  if (offs != 0) {
    // Indirect B (stride 1 or 2 along W): x is the group's first padded plane (gemmPlanes),
    // and row k of B for a run of pixels in one output row is the plane row
    // offs[k] cells after the run's first cell — read in place, nothing packed. Runs never
    // cross an output row. (Blocking runs into NC-pixel blocks as the packed path does measured
    // no faster.)
    const outW = di(d, D_OUTW), sH = di(d, D_SH), gWp = di(d, D_GWP);
    for (let p = p0; p < p1;) {
      const oh = p / outW, ow0 = p - oh * outW;
      const n = outW - ow0 < p1 - p ? outW - ow0 : p1 - p;
      const base = x + (<usize>(oh * sH * gWp + ow0) << 2);
      for (let k0 = 0; k0 < K; k0 += KC_ROWS) {
        const kc = K - k0 < KC_ROWS ? K - k0 : KC_ROWS;
        for (let t = 0; t < tiles; t++) {
          const row0 = tileRow(t, n6), h = tileHeight(t, n6, OC);
          const mr = OC - row0 < h ? OC - row0 : h;
          const a = wp + (<usize>(row0 * K + k0 * h) << 2);
          const crow = cb + (<usize>(row0 * lc + p - shift) << 2);
          for (let j = 0; j < n; j += NR) {
            const nr = n - j < NR ? n - j : NR;
            microRows(a, h, base + (<usize>j << 2), offs + (<usize>k0 << 2), kc, crow + (<usize>j << 2), <usize>lc << 2, bias + (<usize>row0 << 2), k0 > 0, mr, nr, tmp);
          }
        }
      }
      p += n;
    }
    return;
  }
  for (let pb = p0; pb < p1; pb += NC) {
    const nc = p1 - pb < NC ? p1 - pb : NC;
    const ncPad = (nc + NR - 1) & ~(NR - 1);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = K - k0 < KC ? K - k0 : KC;
      let bp = scratch, bs = <usize>ncPad << 2;
      if (identity) {
        bp = x + (<usize>(k0 * inSp + pb) << 2);
        bs = <usize>inSp << 2;
      } else {
        packB(d, x, scratch, k0, kc, pb, nc, ncPad);
      }
      for (let t = 0; t < tiles; t++) {
        const row0 = tileRow(t, n6), h = tileHeight(t, n6, OC);
        const mr = OC - row0 < h ? OC - row0 : h;
        const a = wp + (<usize>(row0 * K + k0 * h) << 2);
        const crow = cb + (<usize>(row0 * lc + pb - shift) << 2);
        for (let j = 0; j < ncPad; j += NR) {
          const nr = nc - j < NR ? nc - j : NR;
          micro(a, h, bp + (<usize>j << 2), bs, kc, crow + (<usize>j << 2), <usize>lc << 2, bias + (<usize>row0 << 2), k0 > 0, mr, nr, tmp);
        }
      }
    }
  }
}

/** Publishes a private block (convGemm with priv): C[oc][p0..p1) for oc < OC. */
export function copyOut(scratch: usize, c: usize, ldc: i32, OC: i32, p0: i32, p1: i32): void {
  const cb = scratch + (<usize>(KC * NC + 64) << 2);
  for (let o = 0; o < OC; o++) {
    memory.copy(c + (<usize>(o * ldc + p0) << 2), cb + (<usize>(o * NC) << 2), <usize>(p1 - p0) << 2);
  }
}

/**
 * Scatters pixels [p0, p1) of a class's C[oc][p] (row length ldc) to out[oc·outSp + off[p]]: the
 * sub-pixel interleave of a transposed conv, done by the thread that computed those pixels.
 */
export function scatter(c: usize, ldc: i32, out: usize, off: usize, OC: i32, outSp: i32, p0: i32, p1: i32): void {
  for (let o = 0; o < OC; o++) {
    const src = c + (<usize>(o * ldc) << 2);
    const dst = out + (<usize>(o * outSp) << 2);
    for (let p = p0; p < p1; p++) store<f32>(dst + (<usize>load<i32>(off + (<usize>p << 2)) << 2), load<f32>(src + (<usize>p << 2)));
  }
}

/** out[oc·outSp + off[p]] = bias[oc] for a class with no tap at all (s > k phases). */
export function fillBias(out: usize, off: usize, bias: usize, OC: i32, P: i32, outSp: i32): void {
  for (let o = 0; o < OC; o++) {
    const v = load<f32>(bias + (<usize>o << 2));
    const dst = out + (<usize>(o * outSp) << 2);
    for (let p = 0; p < P; p++) store<f32>(dst + (<usize>load<i32>(off + (<usize>p << 2)) << 2), v);
  }
}

/**
 * One step of a depthwise output row: `vecs` (1, 2 or 4) vectors of 4 outputs, stride `sw` (1, or
 * 2: even lanes of 8 cells) — both constants at every call, so the branches fold away. `p`: the
 * step's first cell in the first tap row; tap row (kd, kh) is kd·zStep + kh·yStep cells below;
 * weights wk (kD × kH × kW), bias bv.
 */
@inline function dwStep(vecs: i32, sw: i32, p: usize, zStep: i32, yStep: i32, wk: usize, kD: i32, kH: i32, kW: i32, dW: i32, bv: f32, o: usize): void {
  let a0 = f32x4.splat(bv), a1 = a0, a2 = a0, a3 = a0;
  let wt = wk;
  for (let kd = 0; kd < kD; kd++) {
    for (let kh = 0; kh < kH; kh++) {
      const prow = p + (<usize>(kd * zStep + kh * yStep) << 2);
      for (let kw = 0; kw < kW; kw++) {
        const wv = v128.load32_splat(wt);
        wt += 4;
        const q = prow + (<usize>(kw * dW) << 2);
        if (sw == 1) {
          a0 = madd(wv, v128.load(q), a0);
          if (vecs > 1) a1 = madd(wv, v128.load(q, 16), a1);
          if (vecs > 2) { a2 = madd(wv, v128.load(q, 32), a2); a3 = madd(wv, v128.load(q, 48), a3); }
        } else {
          a0 = madd(wv, v128.shuffle<f32>(v128.load(q), v128.load(q, 16), 0, 2, 4, 6), a0);
          if (vecs > 1) a1 = madd(wv, v128.shuffle<f32>(v128.load(q, 32), v128.load(q, 48), 0, 2, 4, 6), a1);
        }
      }
    }
  }
  v128.store(o, a0);
  if (vecs > 1) v128.store(o, a1, 16);
  if (vecs > 2) { v128.store(o, a2, 32); v128.store(o, a3, 48); }
}

/**
 * Depthwise 1-D/2-D/3-D (one input channel per group, `mult` output channels each), direct conv.
 * For each channel the padded grid (gD planes of gH × gW cells, gW rounded up so vector reads
 * stay inside) is built in the thread's `scratch` through depthMap/rowMap/colMap (input index or
 * −1), stacked plane after plane, so a 3-D kernel is a 2-D one whose tap rows step dD·gH rows between kernel planes. Every
 * output row is then a sum of shifted vector reads. Channels [c0, c1) so threads can split them.
 */
export function depthwise(x: usize, w: usize, bias: usize, out: usize, c0: i32, c1: i32, d: usize, scratch: usize): void {
  const mult = di(d, W_MULT);
  const inD = di(d, W_IND), inH = di(d, W_INH), inW = di(d, W_INW);
  const outD = di(d, W_OUTD), outH = di(d, W_OUTH), outW = di(d, W_OUTW);
  const kD = di(d, W_KD), kH = di(d, W_KH), kW = di(d, W_KW);
  const sD = di(d, W_SD), sH = di(d, W_SH), sW = di(d, W_SW);
  const dD = di(d, W_DD), dH = di(d, W_DH), dW = di(d, W_DW);
  const depthMap = <usize>di(d, W_DEPTHMAP), rowMap = <usize>di(d, W_ROWMAP), colMap = <usize>di(d, W_COLMAP);
  const gD = di(d, W_GD), gH = di(d, W_GH), gW = di(d, W_GW);
  const taps = kD * kH * kW;
  const gWp = gW + 8;
  const outRows = outD * outH;
  for (let c = c0; c < c1; c++) {
    const xc = x + (<usize>(c * inD * inH * inW) << 2);
    for (let gz = 0; gz < gD; gz++) {
      const sz = load<i32>(depthMap + (<usize>gz << 2));
      const pz = scratch + (<usize>(gz * gH * gWp) << 2);
      if (sz < 0) { memory.fill(pz, 0, <usize>(gH * gWp) << 2); continue; }
      buildPlane(xc + (<usize>(sz * inH * inW) << 2), pz, rowMap, colMap, 0, gH, gW, inW);
    }
    for (let m = 0; m < mult; m++) {
      const oc = c * mult + m;
      const wk = w + (<usize>(oc * taps) << 2);
      const bv = load<f32>(bias + (<usize>oc << 2));
      const oplane = out + (<usize>(oc * outRows * outW) << 2);
      if (kD == 1 && kH == 3 && kW == 3 && (sW == 1 || (sW == 2 && dW == 1))) {
        // 3×3, stride 1 (any dilation) or 2 (downsampling blocks): the weights held in registers,
        // 4 outputs per step. Stride 2: a row's three taps for 4 outputs read cells 2·ow + 0..8 —
        // the even lanes of two vectors, the odd lanes, and the even lanes shifted by one: three
        // loads and three shuffles per row instead of six loads.
        const w0 = v128.load32_splat(wk), w1 = v128.load32_splat(wk, 4), w2 = v128.load32_splat(wk, 8);
        const w3 = v128.load32_splat(wk, 12), w4 = v128.load32_splat(wk, 16), w5 = v128.load32_splat(wk, 20);
        const w6 = v128.load32_splat(wk, 24), w7 = v128.load32_splat(wk, 28), w8 = v128.load32_splat(wk, 32);
        const bb = f32x4.splat(bv);
        const dx = <usize>dW << 2, dx2 = <usize>(2 * dW) << 2;
        for (let rr = 0, od = 0, oh = 0; rr < outRows; rr++) {
          const r0 = scratch + (<usize>((od * sD * gH + oh * sH) * gWp) << 2);
          if (++oh == outH) { oh = 0; od++; }
          const r1 = r0 + (<usize>(dH * gWp) << 2);
          const r2 = r1 + (<usize>(dH * gWp) << 2);
          const orow = oplane + (<usize>(rr * outW) << 2);
          let ow = 0;
          if (sW == 1) {
            for (; ow + 4 <= outW; ow += 4) {
              const o = <usize>ow << 2;
              let a = madd(w0, v128.load(r0 + o), bb);
              let b = f32x4.mul(w1, v128.load(r0 + o + dx));
              a = madd(w2, v128.load(r0 + o + dx2), a);
              b = madd(w3, v128.load(r1 + o), b);
              a = madd(w4, v128.load(r1 + o + dx), a);
              b = madd(w5, v128.load(r1 + o + dx2), b);
              a = madd(w6, v128.load(r2 + o), a);
              b = madd(w7, v128.load(r2 + o + dx), b);
              a = madd(w8, v128.load(r2 + o + dx2), a);
              v128.store(orow + o, f32x4.add(a, b));
            }
          } else {
            for (; ow + 4 <= outW; ow += 4) {
              const o = <usize>(2 * ow) << 2;
              let v0 = v128.load(r0 + o), v1 = v128.load(r0 + o, 16), v2 = v128.load(r0 + o, 32);
              let ev = v128.shuffle<f32>(v0, v1, 0, 2, 4, 6);
              let a = madd(w0, ev, bb);
              let b = f32x4.mul(w1, v128.shuffle<f32>(v0, v1, 1, 3, 5, 7));
              a = madd(w2, v128.shuffle<f32>(ev, v2, 1, 2, 3, 4), a);
              v0 = v128.load(r1 + o); v1 = v128.load(r1 + o, 16); v2 = v128.load(r1 + o, 32);
              ev = v128.shuffle<f32>(v0, v1, 0, 2, 4, 6);
              b = madd(w3, ev, b);
              a = madd(w4, v128.shuffle<f32>(v0, v1, 1, 3, 5, 7), a);
              b = madd(w5, v128.shuffle<f32>(ev, v2, 1, 2, 3, 4), b);
              v0 = v128.load(r2 + o); v1 = v128.load(r2 + o, 16); v2 = v128.load(r2 + o, 32);
              ev = v128.shuffle<f32>(v0, v1, 0, 2, 4, 6);
              a = madd(w6, ev, a);
              b = madd(w7, v128.shuffle<f32>(v0, v1, 1, 3, 5, 7), b);
              a = madd(w8, v128.shuffle<f32>(ev, v2, 1, 2, 3, 4), a);
              v128.store(orow + (<usize>ow << 2), f32x4.add(a, b));
            }
          }
          for (; ow < outW; ow++) {
            const o = <usize>(ow * sW) << 2;
            let s2 = bv;
            s2 += load<f32>(wk) * load<f32>(r0 + o) + load<f32>(wk, 4) * load<f32>(r0 + o + dx) + load<f32>(wk, 8) * load<f32>(r0 + o + dx2);
            s2 += load<f32>(wk, 12) * load<f32>(r1 + o) + load<f32>(wk, 16) * load<f32>(r1 + o + dx) + load<f32>(wk, 20) * load<f32>(r1 + o + dx2);
            s2 += load<f32>(wk, 24) * load<f32>(r2 + o) + load<f32>(wk, 28) * load<f32>(r2 + o + dx) + load<f32>(wk, 32) * load<f32>(r2 + o + dx2);
            store<f32>(orow + (<usize>ow << 2), s2);
          }
        }
        continue;
      }
      // Any kernel: tap rows (kd, kh) sit kd·dD·gH + kh·dH grid rows below the output's first.
      const zStep = dD * gH * gWp, yStep = dH * gWp;
      for (let rr = 0, od = 0, oh = 0; rr < outRows; rr++) {
        const row = scratch + (<usize>((od * sD * gH + oh * sH) * gWp) << 2);
        if (++oh == outH) { oh = 0; od++; }
        const orow = oplane + (<usize>(rr * outW) << 2);
        let ow = 0;
        if (sW == 1) {
          // 16, then 8, then 4 outputs per step: independent accumulators (one would be a chain
          // of taps dependent multiply-adds), each weight splat used by all of them.
          for (; ow + 16 <= outW; ow += 16) dwStep(4, 1, row + (<usize>ow << 2), zStep, yStep, wk, kD, kH, kW, dW, bv, orow + (<usize>ow << 2));
          for (; ow + 8 <= outW; ow += 8) dwStep(2, 1, row + (<usize>ow << 2), zStep, yStep, wk, kD, kH, kW, dW, bv, orow + (<usize>ow << 2));
          for (; ow + 4 <= outW; ow += 4) dwStep(1, 1, row + (<usize>ow << 2), zStep, yStep, wk, kD, kH, kW, dW, bv, orow + (<usize>ow << 2));
        } else if (sW == 2) {
          // Stride 2: outputs ow..ow+3 read the even lanes of 8 consecutive cells per tap.
          for (; ow + 8 <= outW; ow += 8) dwStep(2, 2, row + (<usize>(2 * ow) << 2), zStep, yStep, wk, kD, kH, kW, dW, bv, orow + (<usize>ow << 2));
          for (; ow + 4 <= outW; ow += 4) dwStep(1, 2, row + (<usize>(2 * ow) << 2), zStep, yStep, wk, kD, kH, kW, dW, bv, orow + (<usize>ow << 2));
        }
        for (; ow < outW; ow++) {
          let s = bv;
          let wt = wk;
          for (let kd = 0; kd < kD; kd++) {
            for (let kh = 0; kh < kH; kh++) {
              const prow = row + (<usize>(kd * zStep + kh * yStep + ow * sW) << 2);
              for (let kw = 0; kw < kW; kw++) {
                s += load<f32>(wt) * load<f32>(prow + (<usize>(kw * dW) << 2));
                wt += 4;
              }
            }
          }
          store<f32>(orow + (<usize>ow << 2), s);
        }
      }
    }
  }
}

/** Padded planes of channels [0, C) (plane c at planes + c·gH·(gW + 8) floats), for the GEMM's
 * indirect B. */
export function buildPlanes(x: usize, planes: usize, C: i32, inH: i32, inW: i32, rowMap: usize, colMap: usize, gH: i32, gW: i32): void {
  for (let c = 0; c < C; c++) {
    buildPlane(x + (<usize>(c * inH * inW) << 2), planes + (<usize>(c * gH * (gW + 8)) << 2), rowMap, colMap, 0, gH, gW, inW);
  }
}

/**
 * Plane rows [gy0, gy1) of a group's channels, from its input xin into its planes at x, with the
 * tables of the class descriptor. Stride 2 along W (word split): each grid row split into its
 * even cells, 8 cells of padding, its odd cells, 8 more (row stride gWe + gWo + 16), so that the
 * cells 2·ow + c of a run of outputs are consecutive in one half. plan.ts builds every plane this
 * way on one thread; on threads each GEMM task builds the rows it reads before it computes, so
 * they are built on the core that reads them (rows two tasks share are built by both, with the
 * same values).
 */
export function gemmPlanes(d: usize, xin: usize, x: usize, gy0: i32, gy1: i32): void {
  const C = di(d, D_ICG), inSp = di(d, D_INSP), inW = di(d, D_INW), gH = di(d, D_GH), gW = di(d, D_GW), gWp = di(d, D_GWP);
  const rowMap = <usize>di(d, D_ROWMAP), colMap = <usize>di(d, D_COLMAP), split = di(d, D_SPLIT) != 0;
  for (let c = 0; c < C; c++) {
    const xp = xin + (<usize>(c * inSp) << 2), pz = x + (<usize>(c * gH * gWp) << 2);
    if (split) buildSplitPlane(xp, pz, rowMap, colMap, gy0, gy1, gW, inW);
    else buildPlane(xp, pz, rowMap, colMap, gy0, gy1, gW, inW);
  }
}

/** Rows [gy0, gy1) of one split plane (see gemmPlanes) from input plane xp. */
function buildSplitPlane(xp: usize, pz: usize, rowMap: usize, colMap: usize, gy0: i32, gy1: i32, gW: i32, inW: i32): void {
  const gWe = (gW + 1) >> 1, gWo = gW >> 1;
  const stride = gWe + gWo + 16;
  // The run [lo, hi) of grid columns holding consecutive input columns (withColumnRun's trailer):
  // eight cells at a time, four even and four odd; the borders go through the map.
  const lo = load<i32>(colMap + (<usize>gW << 2)), hi = load<i32>(colMap + (<usize>(gW + 1) << 2));
  const runOff = hi > lo ? <usize>(load<i32>(colMap + (<usize>lo << 2)) - lo) << 2 : 0; // xr + runOff + g·4: cell g
  for (let gy = gy0; gy < gy1; gy++) {
    const sy = load<i32>(rowMap + (<usize>gy << 2));
    const prow = pz + (<usize>(gy * stride) << 2);
    if (sy < 0) { memory.fill(prow, 0, <usize>stride << 2); continue; }
    const xr = xp + (<usize>(sy * inW) << 2);
    const odd = prow + (<usize>(gWe + 8) << 2);
    let g = 0;
    const vecLo = hi > lo ? lo + (lo & 1) : gW; // the first even cell of the run
    for (; g < vecLo; g++) splitCell(prow, odd, xr, colMap, g);
    const run = xr + runOff;
    for (; g + 8 <= hi; g += 8) {
      const a = v128.load(run + (<usize>g << 2)), b = v128.load(run + (<usize>g << 2), 16);
      const pos = <usize>(g >> 1) << 2;
      v128.store(prow + pos, v128.shuffle<f32>(a, b, 0, 2, 4, 6));
      v128.store(odd + pos, v128.shuffle<f32>(a, b, 1, 3, 5, 7));
    }
    for (; g < gW; g++) splitCell(prow, odd, xr, colMap, g);
    v128.store(prow + (<usize>gWe << 2), i32x4.splat(0));
    v128.store(prow + (<usize>gWe << 2), i32x4.splat(0), 16);
    v128.store(odd + (<usize>gWo << 2), i32x4.splat(0));
    v128.store(odd + (<usize>gWo << 2), i32x4.splat(0), 16);
  }
}

/** Cell gx of a split row: input column colMap[gx] of row xr (0 where it is padding), to its half. */
@inline function splitCell(prow: usize, odd: usize, xr: usize, colMap: usize, gx: i32): void {
  const sx = load<i32>(colMap + (<usize>gx << 2));
  const v: f32 = sx < 0 ? 0 : load<f32>(xr + (<usize>sx << 2));
  store<f32>((gx & 1 ? odd : prow) + (<usize>(gx >> 1) << 2), v);
}

/** Rows [gy0, gy1) of one padded grid plane (gH × gW cells of row stride gW + 8) from input plane xp. */
function buildPlane(xp: usize, pz: usize, rowMap: usize, colMap: usize, gy0: i32, gy1: i32, gW: i32, inW: i32): void {
  const gWp = gW + 8;
  // colMap[gW], colMap[gW+1]: the [lo, hi) run of grid columns that map to consecutive input
  // columns — copied in one block; the borders go through the map.
  const lo = load<i32>(colMap + (<usize>gW << 2));
  const hi = load<i32>(colMap + (<usize>(gW + 1) << 2));
  for (let gy = gy0; gy < gy1; gy++) {
    const sy = load<i32>(rowMap + (<usize>gy << 2));
    const prow = pz + (<usize>(gy * gWp) << 2);
    if (sy < 0) { memory.fill(prow, 0, <usize>gWp << 2); continue; }
    const xr = xp + (<usize>(sy * inW) << 2);
    for (let gx = 0; gx < lo; gx++) {
      const sx = load<i32>(colMap + (<usize>gx << 2));
      store<f32>(prow + (<usize>gx << 2), sx < 0 ? 0 : load<f32>(xr + (<usize>sx << 2)));
    }
    if (hi > lo) {
      // Short rows: a vector loop beats a memory.copy call.
      const dst = prow + (<usize>lo << 2), src = xr + (<usize>load<i32>(colMap + (<usize>lo << 2)) << 2);
      const bytes = <usize>(hi - lo) << 2;
      let q: usize = 0;
      for (; q + 16 <= bytes; q += 16) v128.store(dst + q, v128.load(src + q));
      for (; q < bytes; q += 4) store<f32>(dst + q, load<f32>(src + q));
    }
    for (let gx = hi > lo ? hi : lo; gx < gW; gx++) {
      const sx = load<i32>(colMap + (<usize>gx << 2));
      store<f32>(prow + (<usize>gx << 2), sx < 0 ? 0 : load<f32>(xr + (<usize>sx << 2)));
    }
    v128.store(prow + (<usize>gW << 2), i32x4.splat(0));
    v128.store(prow + (<usize>gW << 2), i32x4.splat(0), 16);
  }
}

/**
 * Peak microbenchmark, shaped like a GEMM inner loop: 12 independent accumulators, each step
 * acc += x·b (mul+add, or one relaxed FMA). `iters` rounds → iters·12·8 flops.
 */
export function peak(iters: i32, seed: f32): f32 {
  const b = f32x4.splat(seed);
  const x0 = f32x4.splat(1.5);
  let a0 = f32x4.splat(1), a1 = f32x4.splat(2), a2 = f32x4.splat(3), a3 = f32x4.splat(4);
  let a4 = f32x4.splat(5), a5 = f32x4.splat(6), a6 = f32x4.splat(7), a7 = f32x4.splat(8);
  let a8 = f32x4.splat(9), a9 = f32x4.splat(10), a10 = f32x4.splat(11), a11 = f32x4.splat(12);
  for (let i = 0; i < iters; i++) {
    a0 = madd(x0, b, a0); a1 = madd(x0, b, a1); a2 = madd(x0, b, a2); a3 = madd(x0, b, a3);
    a4 = madd(x0, b, a4); a5 = madd(x0, b, a5); a6 = madd(x0, b, a6); a7 = madd(x0, b, a7);
    a8 = madd(x0, b, a8); a9 = madd(x0, b, a9); a10 = madd(x0, b, a10); a11 = madd(x0, b, a11);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)), f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11))));
  return f32x4.extract_lane(s, 0);
}

/** Rows of the register tile (the driver pads output channels to a multiple of it). */
export function tileRows(): i32 { return MR; }

/** Bytes of per-thread GEMM scratch: packed B block, tile buffer, private C block of `oc` rows. */
export function gemmScratchBytes(oc: i32): i32 { return (KC * NC + 64 + ((oc + MR - 1) / MR) * MR * NC) << 2; }

/** Pixels per packed block (a GEMM task on threads is one block). */
export function blockPixels(): i32 { return NC; }

/** Rows of B per K block: a GEMM with K ≤ this writes each output once, complete. */
export function kBlock(): i32 { return KC; }

/** The same for indirect B (padded planes read in place). */
export function kBlockRows(): i32 { return KC_ROWS; }

export * from './weight-grad';
export * from './pooling';
export * from './winograd';
export * from './winograd-grad';
