// Pooling kernels (max and average, 1-D to 3-D) over NCHW planes, for the fast engine.
//
// A pool's window is a box, so it reduces one axis at a time: first along W, row by row (each
// input row becomes a row of outW partial results), then over the rows a window covers (its
// valid (d, h) input rows), vectorised along the output row. All index rules arrive as tables
// the driver (src/engine/wasm/pooling-plan.ts) built from the PoolGeometry through
// geometry/taps.ts: which grid cell holds which input column, which input rows each output row
// reads, and the per-axis divisor factors. Nothing here re-derives them.
//
// Average pools with stride 1 or 2 along W go the other way round, in one pass: each output row
// sums its window's input rows down the columns, then along W (avgPlaneDirect). It writes no
// W-reduced copy of the plane, so it moves less memory and runs fewer instructions than the two
// passes (bench/pooling.ts, case (b)). A sum in another order rounds
// differently; averages are held to the reference within 1e-5 of the scale, maxima exactly, and
// a max cannot swap the order (ties between −0 and +0, NaN), so maxima keep W first, then the
// rows. 3-wide stride-2 max windows that chain along H (each 3-row window starts on the row the
// one before ended on) do both in one pass per output row, the W-reduced rows in registers and
// the shared one carried to the next output row (planeFused): half the two passes' time for a
// ResNet stem's max pool; averages of such windows go the same way (W first, then the rows).
//
// W pass: the row is laid out as its padded grid (padding = −∞ for max, 0 for a sum, so a tap
// that reads padding changes nothing), split by the stride into `sW` phase rows (cell g at
// phase g mod sW, position g div sW): tap k of output ow then reads position ow + ⌊k·dW/sW⌋ of
// phase k·dW mod sW — consecutive outputs read consecutive cells, whatever the stride.

// Pool descriptor words: layouts.generated.ts (P_*), from assembly/layouts.mjs.
import { P_CNTD, P_CNTH, P_COLS, P_DW, P_EMPTY, P_EMPTYW, P_FD, P_FH, P_FW, P_GW, P_HI, P_IND, P_INH, P_INW, P_KD, P_KH, P_KW, P_LO, P_MODE, P_NEMPTYW, P_OUTD, P_OUTH, P_OUTW, P_OUTWP, P_OWHI, P_OWLO, P_PAD, P_PHASE, P_SRCD, P_SRCH, P_SW, P_TAPW, P_USEDD, P_USEDH, P_WORDS } from './layouts.generated';

/** Descriptor words (the driver allocates this many). */
export function poolDescWords(): i32 { return P_WORDS; }

@inline function pi(d: usize, i: i32): i32 { return load<i32>(d + (<usize>i << 2)); }
@inline function at(t: usize, i: i32): i32 { return load<i32>(t + (<usize>i << 2)); }

// The reference's max: v replaces the running maximum when it is greater, or when it is NaN
// (pmax keeps a NaN maximum: NaN < v is false). Ties keep the earlier tap, so ±0 come out as the
// reference gives them, unlike f32x4.max. Without NaN, pmax alone is that rule (exact = false):
// the fast path, taken for rows whose values hold no NaN.
@inline function maxStep(acc: v128, v: v128): v128 {
  return v128.bitselect(v, f32x4.pmax(acc, v), f32x4.ne(v, v));
}
@inline function step(isMax: bool, exact: bool, acc: v128, v: v128): v128 {
  if (!isMax) return f32x4.add(acc, v);
  return exact ? maxStep(acc, v) : f32x4.pmax(acc, v);
}

/** Cells [g0, g1) of the grid into the phase rows: through the column map, or (run ≠ 0) from run + g·4. */
@inline function putCells(dst: usize, g0: i32, g1: i32, sW: i32, L: i32, cols: usize, gW: i32, src: usize, run: usize, pad: f32): void {
  if (g1 <= g0) return;
  // Cell g sits at phase g mod sW, position g div sW: counters, not a division per cell.
  let ph = g0 % sW, pos = g0 / sW;
  for (let g = g0; g < g1; g++) {
    let v = pad;
    if (run != 0) v = load<f32>(run + (<usize>g << 2));
    else {
      const c = g < gW ? at(cols, g) : -1;
      if (c >= 0) v = load<f32>(src + (<usize>c << 2));
    }
    store<f32>(dst + (<usize>(ph * L + pos) << 2), v);
    if (++ph == sW) { ph = 0; pos++; }
  }
}

/** Lays input row `src` out as its padded grid split into sW phase rows of L cells each. */
function phaseRow(src: usize, dst: usize, d: usize, pad: f32): void {
  const sW = pi(d, P_SW), gW = pi(d, P_GW), L = pi(d, P_PHASE);
  const cols = <usize>pi(d, P_COLS), lo = pi(d, P_LO), hi = pi(d, P_HI);
  putCells(dst, 0, lo, sW, L, cols, gW, src, 0, pad);
  putCells(dst, hi > lo ? hi : lo, L * sW, sW, L, cols, gW, src, 0, pad);
  if (hi <= lo) return;
  // The run: cell g holds input column c0 + (g − lo).
  const run = src + (<usize>(at(cols, lo) - lo) << 2); // run + g·4 = cell g's value
  let g = lo;
  if (sW == 1) {
    for (; g + 4 <= hi; g += 4) v128.store(dst + (<usize>g << 2), v128.load(run + (<usize>g << 2)));
  } else if (sW == 2) {
    // Eight cells → four even (phase 0) and four odd (phase 1) ones.
    if (g & 1) { putCells(dst, g, g + 1, 2, L, cols, gW, src, run, pad); g++; }
    const odd = dst + (<usize>L << 2);
    for (; g + 8 <= hi; g += 8) {
      const a = v128.load(run + (<usize>g << 2)), b = v128.load(run + (<usize>g << 2), 16);
      const pos = <usize>(g >> 1) << 2;
      v128.store(dst + pos, v128.shuffle<f32>(a, b, 0, 2, 4, 6));
      v128.store(odd + pos, v128.shuffle<f32>(a, b, 1, 3, 5, 7));
    }
  }
  putCells(dst, g, hi, sW, L, cols, gW, src, run, pad);
}

/**
 * Reduces one phase-split row along W: out[ow] for ow < outWp (lanes past outW are don't-cares).
 * Returns whether a NaN may have been read (max without `exact`: every vector read is also summed,
 * and a NaN sum — a NaN read, or +∞ and −∞ — sends the row through the exact rule).
 */
@inline function reduceW(isMax: bool, exact: bool, ph: usize, tapW: usize, kW: i32, outWp: i32, out: usize): bool {
  const check = isMax && !exact;
  let chk = f32x4.splat(0);
  if (kW == 3) {
    // The common 3-wide window: its three tap offsets held in registers.
    const t0 = ph + (<usize>at(tapW, 0) << 2), t1 = ph + (<usize>at(tapW, 1) << 2), t2 = ph + (<usize>at(tapW, 2) << 2);
    for (let j = 0; j < outWp; j += 4) {
      const o = <usize>j << 2;
      const v0 = v128.load(t0 + o), v1 = v128.load(t1 + o), v2 = v128.load(t2 + o);
      if (check) chk = f32x4.add(chk, f32x4.add(v0, f32x4.add(v1, v2)));
      v128.store(out + o, step(isMax, exact, step(isMax, exact, v0, v1), v2));
    }
  } else {
    for (let j = 0; j < outWp; j += 4) {
      const o = <usize>j << 2;
      let acc = v128.load(ph + (<usize>at(tapW, 0) << 2) + o);
      if (check) chk = f32x4.add(chk, acc);
      for (let k = 1; k < kW; k++) {
        const v = v128.load(ph + (<usize>at(tapW, k) << 2) + o);
        if (check) chk = f32x4.add(chk, v);
        acc = step(isMax, exact, acc, v);
      }
      v128.store(out + o, acc);
    }
  }
  return check && v128.any_true(f32x4.ne(chk, chk));
}

@inline function stepS(isMax: bool, exact: bool, acc: f32, v: f32): f32 {
  if (!isMax) return acc + v;
  return (acc < v || (exact && v != v)) ? v : acc;
}

/**
 * Whether the first outputs of a 3-wide stride-2 row, whose windows start in the padding (cells
 * [0, lo) of the grid, at most four) and end before output owLo ≤ 4, can be one vector at ow = 0:
 * cells 0..3 loaded from before the run with the padding lanes set (padLanes), which needs the
 * run to cover every other cell those four outputs read (cells lo..8).
 */
@inline function leftVectorFits(d: usize): bool {
  return pi(d, P_OWLO) <= 4 && pi(d, P_LO) <= 4 && pi(d, P_HI) >= 9;
}

/** The lanes of cells 0..3 that are padding (cell < lo): set to the padding value, the loaded bytes never used. */
@inline function padLanes(lo: i32): v128 {
  return i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(lo));
}

/**
 * The W pass of one row for strides 1 and 2, read straight from the input row (no phase copy):
 * outputs [owLo, owHi) read only cells of the run (input column = cell + run0), four at a time —
 * stride 2 takes the even or odd lanes of eight cells; the others (borders, the last few) go
 * through the column map one by one, except the left border of the 3-wide stride-2 window, one
 * vector with its padding lanes set (one-by-one it took a fifth of a ResNet stem's max pool).
 * Returns whether a NaN may have been read (see reduceW).
 */
@inline function reduceWDirect(isMax: bool, exact: bool, src: usize, d: usize, pad: f32, out: usize): bool {
  const sW = pi(d, P_SW), kW = pi(d, P_KW), dW = pi(d, P_DW), outW = pi(d, P_OUTW), gW = pi(d, P_GW);
  const cols = <usize>pi(d, P_COLS), lo = pi(d, P_LO), owLo = pi(d, P_OWLO), owHi = pi(d, P_OWHI);
  const check = isMax && !exact;
  const run = src + (<usize>(at(cols, lo) - lo) << 2); // run + g·4: cell g of the run
  let chk = f32x4.splat(0);
  let chkS: f32 = 0;
  let leftDone = false; // outputs [0, owLo) written by the vector path
  // Vectors at owLo, owLo + 4, …, the last one ending at owHi (it may redo a few outputs: the
  // same values); none when fewer than four outputs are inside.
  const vecs = owHi - owLo >= 4;
  const vEnd = vecs ? owHi : owLo;
  if (sW == 1) {
    for (let v0w = owLo; v0w < vEnd; v0w += 4) {
      const ow = v0w + 4 <= owHi ? v0w : owHi - 4;
      const c = run + (<usize>ow << 2);
      let acc = v128.load(c);
      if (check) chk = f32x4.add(chk, acc);
      for (let k = 1; k < kW; k++) {
        const v = v128.load(c + (<usize>(k * dW) << 2));
        if (check) chk = f32x4.add(chk, v);
        acc = step(isMax, exact, acc, v);
      }
      v128.store(out + (<usize>ow << 2), acc);
    }
  } else if (kW == 3 && dW == 1) {
    // Cells 2·ow + 0..8: the even lanes of two vectors, the odd lanes, the even lanes shifted by
    // one. v0 and v1 hold every cell but the last one, which the NaN check adds after the loop.
    let last: f32 = 0;
    // The first outputs, whose windows start in the padding, as one vector (leftVectorFits).
    if (vecs && owLo > 0 && leftVectorFits(d)) {
      const v0 = v128.bitselect(f32x4.splat(pad), v128.load(run), padLanes(lo)), v1 = v128.load(run, 16), v2 = v128.load(run, 32);
      const ev = v128.shuffle<f32>(v0, v1, 0, 2, 4, 6);
      const ev2 = v128.shuffle<f32>(ev, v2, 1, 2, 3, 4);
      if (check) chk = f32x4.add(chk, f32x4.add(v0, v1));
      v128.store(out, step(isMax, exact, step(isMax, exact, ev, v128.shuffle<f32>(v0, v1, 1, 3, 5, 7)), ev2));
      leftDone = true;
    }
    for (let v0w = owLo; v0w < vEnd; v0w += 4) {
      const ow = v0w + 4 <= owHi ? v0w : owHi - 4;
      const c = run + (<usize>(2 * ow) << 2);
      const v0 = v128.load(c), v1 = v128.load(c, 16), v2 = v128.load(c, 32);
      const ev = v128.shuffle<f32>(v0, v1, 0, 2, 4, 6);
      const ev2 = v128.shuffle<f32>(ev, v2, 1, 2, 3, 4);
      if (check) { chk = f32x4.add(chk, f32x4.add(v0, v1)); last = f32x4.extract_lane(v2, 0); }
      v128.store(out + (<usize>ow << 2), step(isMax, exact, step(isMax, exact, ev, v128.shuffle<f32>(v0, v1, 1, 3, 5, 7)), ev2));
    }
    chkS += last;
  } else {
    for (let v0w = owLo; v0w < vEnd; v0w += 4) {
      const ow = v0w + 4 <= owHi ? v0w : owHi - 4;
      const c = run + (<usize>(2 * ow) << 2);
      let acc = v128.shuffle<f32>(v128.load(c), v128.load(c, 16), 0, 2, 4, 6);
      if (check) chk = f32x4.add(chk, acc);
      for (let k = 1; k < kW; k++) {
        const e = k * dW;
        const q = c + (<usize>(e & ~1) << 2);
        const v = (e & 1) ? v128.shuffle<f32>(v128.load(q), v128.load(q, 16), 1, 3, 5, 7) : v128.shuffle<f32>(v128.load(q), v128.load(q, 16), 0, 2, 4, 6);
        if (check) chk = f32x4.add(chk, v);
        acc = step(isMax, exact, acc, v);
      }
      v128.store(out + (<usize>ow << 2), acc);
    }
  }
  // Outputs left: [0, owLo) and [vEnd, outW), tap by tap through the column map.
  for (let o = leftDone ? owLo : 0; o < outW; o++) {
    if (o == owLo) { o = vEnd; if (o >= outW) break; }
    let acc = pad;
    for (let k = 0; k < kW; k++) {
      const g = o * sW + k * dW;
      const col = g < gW ? at(cols, g) : -1;
      const v = col < 0 ? pad : load<f32>(src + (<usize>col << 2));
      if (check) chkS += v;
      acc = k == 0 ? v : stepS(isMax, exact, acc, v);
    }
    store<f32>(out + (<usize>o << 2), acc);
  }
  return check && (v128.any_true(f32x4.ne(chk, chk)) || chkS != chkS);
}

/** One output row of a max combined by the exact rule (windows with a NaN: rare, so called, not inlined). */
function maxCombineExact(ptrs: usize, n: i32, outW: i32, outWp: i32, orow: usize): void {
  combineRow(true, true, ptrs, n, outW, outWp, orow, f32x4.splat(0), 0);
}

/** A phase-split max row's W pass by the exact rule (rare, as maxRowExact). */
function maxPhaseRowExact(ph: usize, tapW: usize, kW: i32, outWp: i32, out: usize): void {
  reduceW(true, true, ph, tapW, kW, outWp, out);
}

/** A max row's W pass by the exact rule (rows that may hold a NaN: rare, so one copy of the code, called). */
function maxRowExact(src: usize, d: usize, pad: f32, out: usize): void {
  reduceWDirect(true, true, src, d, pad, out);
}

/** windowRows' second result: the OR of the window rows' `flags` (a module global, so per thread). */
let windowFlags: i32 = 0;

/**
 * The rows of output row (od, oh)'s window, in tap order (D outer, H inner) as the reference
 * visits them: for each, base + r·stride into `ptrs` (r = its input row, d·inH + h), and, when
 * `flags` ≠ 0, the OR of flags[r] into windowFlags. Returns how many (0: the window reads no
 * input cell).
 */
@inline function windowRows(d: usize, od: i32, oh: i32, base: usize, stride: usize, ptrs: usize, flags: usize): i32 {
  const inH = pi(d, P_INH), kD = pi(d, P_KD), kH = pi(d, P_KH);
  const srcD = <usize>pi(d, P_SRCD), cntD = <usize>pi(d, P_CNTD), srcH = <usize>pi(d, P_SRCH), cntH = <usize>pi(d, P_CNTH);
  const nd = at(cntD, od), nh = at(cntH, oh);
  let n = 0, f = 0;
  for (let a = 0; a < nd; a++) {
    const id = at(srcD, od * kD + a);
    for (let b = 0; b < nh; b++) {
      const r = id * inH + at(srcH, oh * kH + b);
      store<usize>(ptrs + (<usize>n << 2), base + <usize>r * stride);
      if (flags != 0) f |= at(flags, r);
      n++;
    }
  }
  windowFlags = f;
  return n;
}

/** Writes `v` into outW cells from orow (an output row whose window reads no input cell). */
@inline function fillRow(orow: usize, outW: i32, v: f32): void {
  for (let j = 0; j < outW; j++) store<f32>(orow + (<usize>j << 2), v);
}

/** Combines the W-reduced rows of each output row's window and writes the output plane. */
@inline function combineRows(isMax: bool, d: usize, rows: usize, flags: usize, ptrs: usize, out: usize, empty: f32): void {
  const outD = pi(d, P_OUTD), outH = pi(d, P_OUTH), outW = pi(d, P_OUTW), outWp = pi(d, P_OUTWP);
  const fD = <usize>pi(d, P_FD), fH = <usize>pi(d, P_FH), fW = <usize>pi(d, P_FW);
  const emptyW = <usize>pi(d, P_EMPTYW), nEmptyW = pi(d, P_NEMPTYW);
  const rowBytes = <usize>outWp << 2;
  for (let od = 0; od < outD; od++) {
    for (let oh = 0; oh < outH; oh++) {
      const orow = out + (<usize>((od * outH + oh) * outW) << 2);
      const n = windowRows(d, od, oh, rows, rowBytes, ptrs, flags);
      if (n == 0) { fillRow(orow, outW, empty); continue; }
      if (isMax && windowFlags != 0) { // a row of the window may hold a NaN
        maxCombineExact(ptrs, n, outW, outWp, orow);
      } else {
        const scale = isMax ? f32x4.splat(0) : f32x4.splat(load<f32>(fD + (<usize>od << 2)) * load<f32>(fH + (<usize>oh << 2)));
        combineRow(isMax, false, ptrs, n, outW, outWp, orow, scale, fW);
      }
      for (let e = 0; e < nEmptyW; e++) store<f32>(orow + (<usize>at(emptyW, e) << 2), empty);
    }
  }
}

/** Writes output lanes j..j+3 (average: divided by scale · fW[j..]); lanes at or past outW are dropped. */
@inline function putOut(isMax: bool, acc: v128, j: i32, outW: i32, orow: usize, scale: v128, fW: usize): void {
  const o = <usize>j << 2;
  if (!isMax) acc = f32x4.div(acc, f32x4.mul(scale, v128.load(fW + o)));
  if (j + 4 <= outW) v128.store(orow + o, acc);
  else {
    store<f32>(orow + o, f32x4.extract_lane(acc, 0));
    if (j + 1 < outW) store<f32>(orow + o, f32x4.extract_lane(acc, 1), 4);
    if (j + 2 < outW) store<f32>(orow + o, f32x4.extract_lane(acc, 2), 8);
  }
}

/** One output row: the window's n W-reduced rows combined (average: divided by scale · fW[ow]). */
@inline function combineRow(isMax: bool, exact: bool, ptrs: usize, n: i32, outW: i32, outWp: i32, orow: usize, scale: v128, fW: usize): void {
  const r0 = load<usize>(ptrs);
  if (n == 2 || n == 3) {
    // The common 2- and 3-row windows: their rows held in registers.
    const r1 = load<usize>(ptrs, 4), r2 = n == 3 ? load<usize>(ptrs, 8) : 0;
    for (let j = 0; j < outWp; j += 4) {
      const o = <usize>j << 2;
      let acc = step(isMax, exact, v128.load(r0 + o), v128.load(r1 + o));
      if (n == 3) acc = step(isMax, exact, acc, v128.load(r2 + o));
      putOut(isMax, acc, j, outW, orow, scale, fW);
    }
    return;
  }
  for (let j = 0; j < outWp; j += 4) {
    const o = <usize>j << 2;
    let acc = v128.load(r0 + o);
    for (let r = 1; r < n; r++) acc = step(isMax, exact, acc, v128.load(load<usize>(ptrs + (<usize>r << 2)) + o));
    putOut(isMax, acc, j, outW, orow, scale, fW);
  }
}

/** Σ over a window's n input rows of the vector at byte offset `off` (n = 2 or 3: rows in registers; 0: any n, from `ptrs`). */
@inline function rowSum(nc: i32, n: i32, r0: usize, r1: usize, r2: usize, ptrs: usize, off: usize): v128 {
  if (nc == 3) return f32x4.add(f32x4.add(v128.load(r0 + off), v128.load(r1 + off)), v128.load(r2 + off));
  if (nc == 2) return f32x4.add(v128.load(r0 + off), v128.load(r1 + off));
  let s = v128.load(r0 + off);
  for (let r = 1; r < n; r++) s = f32x4.add(s, v128.load(load<usize>(ptrs + (<usize>r << 2)) + off));
  return s;
}

/**
 * The vector outputs of one average row, [owLo, vEnd) (the last vector ending at owHi), strides 1
 * and 2: each tap's cells summed down the window's rows first, then along W — one pass over the
 * input rows, no W-reduced copy of the plane. `ptrs`: per window row, the address of cell 0 of its run.
 */
@inline function avgRowVectors(nc: i32, n: i32, ptrs: usize, d: usize, orow: usize, scale: v128, fW: usize): void {
  const sW = pi(d, P_SW), kW = pi(d, P_KW), dW = pi(d, P_DW), owLo = pi(d, P_OWLO), owHi = pi(d, P_OWHI);
  const r0 = load<usize>(ptrs), r1 = n > 1 ? load<usize>(ptrs, 4) : 0, r2 = n > 2 ? load<usize>(ptrs, 8) : 0;
  for (let v0w = owLo; v0w < owHi; v0w += 4) {
    const ow = v0w + 4 <= owHi ? v0w : owHi - 4;
    let acc: v128;
    if (sW == 1) {
      const c = <usize>ow << 2;
      acc = rowSum(nc, n, r0, r1, r2, ptrs, c);
      for (let k = 1; k < kW; k++) acc = f32x4.add(acc, rowSum(nc, n, r0, r1, r2, ptrs, c + (<usize>(k * dW) << 2)));
    } else if (kW == 3 && dW == 1) {
      // Cells 2·ow + 0..8 summed down the rows: even lanes, odd lanes, even lanes shifted by one.
      const c = <usize>(2 * ow) << 2;
      const a = rowSum(nc, n, r0, r1, r2, ptrs, c), b = rowSum(nc, n, r0, r1, r2, ptrs, c + 16), e = rowSum(nc, n, r0, r1, r2, ptrs, c + 32);
      const ev = v128.shuffle<f32>(a, b, 0, 2, 4, 6);
      acc = f32x4.add(f32x4.add(ev, v128.shuffle<f32>(a, b, 1, 3, 5, 7)), v128.shuffle<f32>(ev, e, 1, 2, 3, 4));
    } else {
      const c = <usize>(2 * ow) << 2;
      acc = f32x4.splat(0);
      for (let k = 0; k < kW; k++) {
        const e = k * dW;
        const q = c + (<usize>(e & ~1) << 2);
        const a = rowSum(nc, n, r0, r1, r2, ptrs, q), b = rowSum(nc, n, r0, r1, r2, ptrs, q + 16);
        acc = f32x4.add(acc, (e & 1) ? v128.shuffle<f32>(a, b, 1, 3, 5, 7) : v128.shuffle<f32>(a, b, 0, 2, 4, 6));
      }
    }
    v128.store(orow + (<usize>ow << 2), f32x4.div(acc, f32x4.mul(scale, v128.load(fW + (<usize>ow << 2)))));
  }
}

/**
 * One plane of an average pool with strides 1 or 2 along W and outputs inside the run: output
 * row by output row, straight from the input rows its window covers (avgRowVectors); the outputs
 * outside the run one by one through the column map.
 */
function avgPlaneDirect(xp: usize, op: usize, d: usize, ptrs: usize): void {
  const inW = pi(d, P_INW), outD = pi(d, P_OUTD), outH = pi(d, P_OUTH), outW = pi(d, P_OUTW);
  const kW = pi(d, P_KW), sW = pi(d, P_SW), dW = pi(d, P_DW), gW = pi(d, P_GW);
  const fD = <usize>pi(d, P_FD), fH = <usize>pi(d, P_FH), fW = <usize>pi(d, P_FW);
  const cols = <usize>pi(d, P_COLS), lo = pi(d, P_LO), owLo = pi(d, P_OWLO), owHi = pi(d, P_OWHI);
  const emptyW = <usize>pi(d, P_EMPTYW), nEmptyW = pi(d, P_NEMPTYW), empty = reinterpret<f32>(pi(d, P_EMPTY));
  const run = <usize>(at(cols, lo) - lo) << 2; // row + run + g·4: cell g of the run
  const vEnd = owHi - owLo >= 4 ? owHi : owLo;
  for (let od = 0; od < outD; od++) {
    for (let oh = 0; oh < outH; oh++) {
      const orow = op + (<usize>((od * outH + oh) * outW) << 2);
      const n = windowRows(d, od, oh, xp + run, <usize>inW << 2, ptrs, 0);
      if (n == 0) { fillRow(orow, outW, empty); continue; }
      const s = load<f32>(fD + (<usize>od << 2)) * load<f32>(fH + (<usize>oh << 2));
      if (vEnd > owLo) {
        const scale = f32x4.splat(s);
        if (n == 3) avgRowVectors(3, 3, ptrs, d, orow, scale, fW);
        else if (n == 2) avgRowVectors(2, 2, ptrs, d, orow, scale, fW);
        else avgRowVectors(0, n, ptrs, d, orow, scale, fW);
      }
      // Outputs outside the run: tap by tap through the column map (padding adds nothing).
      for (let o = 0; o < outW; o++) {
        if (o == owLo) { o = vEnd; if (o >= outW) break; }
        let acc: f32 = 0;
        for (let k = 0; k < kW; k++) {
          const g = o * sW + k * dW;
          const col = g < gW ? at(cols, g) : -1;
          if (col < 0) continue;
          for (let r = 0; r < n; r++) acc += load<f32>(load<usize>(ptrs + (<usize>r << 2)) - run + (<usize>col << 2));
        }
        store<f32>(orow + (<usize>o << 2), acc / (s * load<f32>(fW + (<usize>o << 2))));
      }
      for (let e = 0; e < nEmptyW; e++) store<f32>(orow + (<usize>at(emptyW, e) << 2), empty);
    }
  }
}


/**
 * Whether a 2-D pool's windows chain along H: each output row reads consecutive input rows,
 * at most three, and each window after the first starts at the row the one before it ended on
 * (3-high stride-2 windows) — so one W-reduced row carries from an output row to the next.
 */
function rowsChain(d: usize): bool {
  const outH = pi(d, P_OUTH), kH = pi(d, P_KH);
  const srcH = <usize>pi(d, P_SRCH), cntH = <usize>pi(d, P_CNTH);
  if (kH != 3 || pi(d, P_OUTD) != 1 || pi(d, P_IND) != 1 || pi(d, P_INH) < 5) return false;
  let last = -1;
  for (let oh = 0; oh < outH; oh++) {
    const n = at(cntH, oh);
    if (n < 2) return false;
    const first = at(srcH, oh * kH);
    for (let b = 1; b < n; b++) if (at(srcH, oh * kH + b) != first + b) return false;
    if (oh > 0 && first != last) return false;
    last = first + n - 1;
  }
  return true;
}

/** pmax (max, the fast rule: exact without NaN) or a sum. */
@inline function comb(isMax: bool, a: v128, b: v128): v128 {
  return isMax ? f32x4.pmax(a, b) : f32x4.add(a, b);
}

/** The W-reduced vector of outputs ow..ow+3 of one row (3-wide, stride 2) from its cells' three vectors. */
@inline function w3s2(isMax: bool, v0: v128, v1: v128, v2: v128): v128 {
  const ev = v128.shuffle<f32>(v0, v1, 0, 2, 4, 6);
  return comb(isMax, comb(isMax, ev, v128.shuffle<f32>(v0, v1, 1, 3, 5, 7)), v128.shuffle<f32>(ev, v2, 1, 2, 3, 4));
}

/**
 * One plane of a pool whose windows are 3 wide with stride 2 along W (every output a vector
 * output, its left border as reduceWDirect's padded vector) and chain along H (rowsChain): output
 * row by output row, each new input row reduced along W in registers and combined at once; the
 * W-reduced row its window ends on is kept for the next output row (two rows of scratch, used
 * in turn). Max: the same tap order as the two passes (W first, then the rows in order), so the
 * same numbers; a row whose values may hold a NaN is redone by the exact two-pass rule. Average:
 * sums in that order, divided as avgPlaneDirect divides.
 */
@inline function planeFused(isMax: bool, xp: usize, op: usize, d: usize, rows: usize, ptrs: usize): void {
  const inW = pi(d, P_INW), outH = pi(d, P_OUTH), outW = pi(d, P_OUTW), outWp = pi(d, P_OUTWP);
  const cols = <usize>pi(d, P_COLS), lo = pi(d, P_LO);
  const emptyW = <usize>pi(d, P_EMPTYW), nEmptyW = pi(d, P_NEMPTYW), empty = reinterpret<f32>(pi(d, P_EMPTY));
  const padS = reinterpret<f32>(pi(d, P_PAD)), pad = f32x4.splat(padS);
  const lanes = padLanes(lo);
  const runOff = <usize>(at(cols, lo) - lo) << 2; // row + runOff + g·4: cell g of the run
  const rowBytes = <usize>outWp << 2;
  const lastOw = outW - 4;
  const fD0 = load<f32>(<usize>pi(d, P_FD)), fH = <usize>pi(d, P_FH), fW = <usize>pi(d, P_FW);
  let prev = rows, next = rows + rowBytes; // W-reduced rows: the one carried, the one being made
  const exact = rows + 2 * rowBytes; // three rows for the exact redo
  let prevPtr: usize = 0; // input row whose W-reduced row is in `prev` (0: none)
  for (let oh = 0; oh < outH; oh++) {
    const orow = op + (<usize>(oh * outW) << 2);
    const n = windowRows(d, 0, oh, xp, <usize>inW << 2, ptrs, 0);
    const r0 = load<usize>(ptrs), r1 = load<usize>(ptrs, 4), r2 = n > 2 ? load<usize>(ptrs, 8) : 0;
    const carried = r0 == prevPtr;
    const last = n > 2 ? r2 : r1;
    const scale = f32x4.splat(isMax ? 0 : fD0 * load<f32>(fH + (<usize>oh << 2)));
    // The NaN check sums every cell read (the padding lanes' value too, as reduceWDirect does).
    let chk = f32x4.splat(0);
    const c0 = r0 + runOff, c1 = r1 + runOff, c2 = r2 + runOff;
    // ow = 0: cells 0..3 hold the padding lanes. Peeled from the loop below: a padding select on
    // every vector made the pass 5–15 % slower.
    {
      const a0 = v128.bitselect(pad, v128.load(c0), lanes), a1 = v128.load(c0, 16);
      const b0 = v128.bitselect(pad, v128.load(c1), lanes), b1 = v128.load(c1, 16);
      const w1 = w3s2(isMax, b0, b1, v128.load(c1, 32));
      let acc = carried ? v128.load(prev) : w3s2(isMax, a0, a1, v128.load(c0, 32));
      if (isMax && !carried) chk = f32x4.add(chk, f32x4.add(a0, a1));
      if (isMax) chk = f32x4.add(chk, f32x4.add(b0, b1));
      acc = comb(isMax, acc, w1);
      let wl = w1;
      if (n > 2) {
        const e0 = v128.bitselect(pad, v128.load(c2), lanes), e1 = v128.load(c2, 16);
        wl = w3s2(isMax, e0, e1, v128.load(c2, 32));
        if (isMax) chk = f32x4.add(chk, f32x4.add(e0, e1));
        acc = comb(isMax, acc, wl);
      }
      v128.store(next, wl);
      v128.store(orow, isMax ? acc : f32x4.div(acc, f32x4.mul(scale, v128.load(fW))));
    }
    for (let ow = 4; ow < outW; ow += 4) {
      const o = ow <= lastOw ? ow : lastOw;
      const cb = <usize>(2 * o) << 2, ob = <usize>o << 2;
      const b0 = v128.load(c1 + cb), b1 = v128.load(c1 + cb, 16);
      const w1 = w3s2(isMax, b0, b1, v128.load(c1 + cb, 32));
      if (isMax) chk = f32x4.add(chk, f32x4.add(b0, b1));
      let acc: v128;
      if (carried) acc = v128.load(prev + ob);
      else {
        const a0 = v128.load(c0 + cb), a1 = v128.load(c0 + cb, 16);
        acc = w3s2(isMax, a0, a1, v128.load(c0 + cb, 32));
        if (isMax) chk = f32x4.add(chk, f32x4.add(a0, a1));
      }
      acc = comb(isMax, acc, w1);
      let wl = w1;
      if (n > 2) {
        const e0 = v128.load(c2 + cb), e1 = v128.load(c2 + cb, 16);
        wl = w3s2(isMax, e0, e1, v128.load(c2 + cb, 32));
        if (isMax) chk = f32x4.add(chk, f32x4.add(e0, e1));
        acc = comb(isMax, acc, wl);
      }
      v128.store(next + ob, wl);
      v128.store(orow + ob, isMax ? acc : f32x4.div(acc, f32x4.mul(scale, v128.load(fW + ob))));
    }
    // The last cell read (cell 2·outW, lane 0 of the last vector's third load), not in any v0, v1.
    const lb = <usize>(2 * lastOw) << 2;
    let tail: f32 = 0;
    if (isMax) {
      tail = f32x4.extract_lane(v128.load(c1 + lb, 32), 0);
      if (!carried) tail += f32x4.extract_lane(v128.load(c0 + lb, 32), 0);
      if (n > 2) tail += f32x4.extract_lane(v128.load(c2 + lb, 32), 0);
    }
    // The carried row is exact either way (a row with a NaN was redone below), and a NaN in it
    // comes through pmax as the exact rule keeps it (an earlier NaN stays): only new rows count.
    if (isMax && (v128.any_true(f32x4.ne(chk, chk)) || tail != tail)) {
      // The exact rule, as the two passes: each window row reduced exactly, then combined exactly.
      for (let r = 0; r < n; r++) {
        const src = load<usize>(ptrs + (<usize>r << 2));
        maxRowExact(src, d, padS, exact + <usize>r * rowBytes);
        store<usize>(ptrs + (<usize>r << 2), exact + <usize>r * rowBytes);
      }
      maxCombineExact(ptrs, n, outW, outWp, orow);
      memory.copy(next, exact + <usize>(n - 1) * rowBytes, rowBytes);
    }
    for (let e = 0; e < nEmptyW; e++) store<f32>(orow + (<usize>at(emptyW, e) << 2), empty);
    prevPtr = last;
    const t = prev; prev = next; next = t;
  }
}

// Each its own function: inlined into the plane loop, the fused pass ran 1.5× slower.
function maxPlaneFused(xp: usize, op: usize, d: usize, rows: usize, ptrs: usize): void { planeFused(true, xp, op, d, rows, ptrs); }
function avgPlaneFused(xp: usize, op: usize, d: usize, rows: usize, ptrs: usize): void { planeFused(false, xp, op, d, rows, ptrs); }

@inline function poolPlanesOf(isMax: bool, x: usize, out: usize, p0: i32, p1: i32, d: usize, scratch: usize): void {
  const inD = pi(d, P_IND), inH = pi(d, P_INH), inW = pi(d, P_INW);
  const outD = pi(d, P_OUTD), outH = pi(d, P_OUTH), outW = pi(d, P_OUTW), outWp = pi(d, P_OUTWP);
  const kW = pi(d, P_KW), sW = pi(d, P_SW), L = pi(d, P_PHASE);
  const tapW = <usize>pi(d, P_TAPW), usedD = <usize>pi(d, P_USEDD), usedH = <usize>pi(d, P_USEDH);
  const pad = reinterpret<f32>(pi(d, P_PAD)), empty = reinterpret<f32>(pi(d, P_EMPTY));
  // Scratch: the phase rows, the W-reduced rows of one plane, their NaN flags, one window's row pointers.
  const ph = scratch;
  const rows = (ph + (<usize>(sW * L) << 2) + 15) & ~15;
  const flags = rows + (<usize>(inD * inH * outWp) << 2);
  const ptrs = flags + (<usize>(inD * inH) << 2);
  const inSp = inD * inH * inW, outSp = outD * outH * outW;
  // Strides 1 and 2 with outputs inside the run read rows in place; others lay rows out in phases.
  const direct = (sW == 1 || sW == 2) && pi(d, P_OWHI) > pi(d, P_OWLO);
  // 3×3 stride-2 windows with every output a vector output (the left border's padded vector,
  // leftVectorFits) that chain along H: one fused pass per plane (planeFused).
  const fused = direct && sW == 2 && kW == 3 && pi(d, P_DW) == 1 && outW >= 4 && pi(d, P_OWHI) == outW &&
    leftVectorFits(d) && rowsChain(d);
  for (let p = p0; p < p1; p++) {
    const xp = x + (<usize>p * <usize>inSp << 2);
    if (fused) {
      if (isMax) maxPlaneFused(xp, out + (<usize>p * <usize>outSp << 2), d, rows, ptrs);
      else avgPlaneFused(xp, out + (<usize>p * <usize>outSp << 2), d, rows, ptrs);
      continue;
    }
    if (!isMax && direct) {
      avgPlaneDirect(xp, out + (<usize>p * <usize>outSp << 2), d, ptrs);
      continue;
    }
    for (let id = 0; id < inD; id++) {
      if (at(usedD, id) == 0) continue;
      for (let ih = 0; ih < inH; ih++) {
        if (at(usedH, ih) == 0) continue;
        const r = id * inH + ih;
        const dst = rows + (<usize>(r * outWp) << 2);
        const src = xp + (<usize>(r * inW) << 2);
        let nan = false;
        if (direct) {
          nan = reduceWDirect(isMax, false, src, d, pad, dst);
          if (nan) maxRowExact(src, d, pad, dst); // only a max reports a NaN
        } else {
          phaseRow(src, ph, d, pad);
          nan = reduceW(isMax, false, ph, tapW, kW, outWp, dst);
          if (nan) maxPhaseRowExact(ph, tapW, kW, outWp, dst); // only a max reports a NaN
        }
        store<i32>(flags + (<usize>r << 2), nan ? 1 : 0);
      }
    }
    combineRows(isMax, d, rows, flags, ptrs, out + (<usize>p * <usize>outSp << 2), empty);
  }
}

/** Pools planes [p0, p1) (image·channel) of x into out; `scratch`: poolScratchBytes of the plan. */
export function poolPlanes(x: usize, out: usize, p0: i32, p1: i32, d: usize, scratch: usize): void {
  if (pi(d, P_MODE) == 0) poolPlanesOf(true, x, out, p0, p1, d, scratch);
  else poolPlanesOf(false, x, out, p0, p1, d, scratch);
}
