// The input transform of Winograd F(4×4, 3×3), shared by the forward conv (winograd.ts) and its
// weight gradient (winograd-grad.ts), which both read the same 6×6 patches of the padded planes.

/** 4×4 transpose of rows a, b, c, e (lanes = columns) into columns, written to p[0..3]. */
@inline export function transpose4(a: v128, b: v128, c: v128, e: v128, p: usize): void {
  const ab0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5), ab1 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
  const ce0 = v128.shuffle<f32>(c, e, 0, 4, 1, 5), ce1 = v128.shuffle<f32>(c, e, 2, 6, 3, 7);
  v128.store(p, v128.shuffle<f32>(ab0, ce0, 0, 1, 4, 5));
  v128.store(p, v128.shuffle<f32>(ab0, ce0, 2, 3, 6, 7), 16);
  v128.store(p, v128.shuffle<f32>(ab1, ce1, 0, 1, 4, 5), 32);
  v128.store(p, v128.shuffle<f32>(ab1, ce1, 2, 3, 6, 7), 48);
}

/**
 * Bᵀ x for 6 vectors at p (step `s` bytes), written back in place:
 * Bᵀ rows (4, 0, −5, 0, 1, 0), (0, −4, −4, 1, 1, 0), (0, 4, −4, −1, 1, 0),
 * (0, −2, −1, 2, 1, 0), (0, 2, −1, −2, 1, 0), (0, 4, 0, −5, 0, 1).
 */
@inline function inputT(p: usize, s: usize): void {
  const x0 = v128.load(p), x1 = v128.load(p + s), x2 = v128.load(p + 2 * s);
  const x3 = v128.load(p + 3 * s), x4 = v128.load(p + 4 * s), x5 = v128.load(p + 5 * s);
  const four = f32x4.splat(4), five = f32x4.splat(5), two = f32x4.splat(2);
  const a = f32x4.sub(x4, f32x4.mul(four, x2));   // x4 − 4x2
  const b = f32x4.sub(x3, f32x4.mul(four, x1));   // x3 − 4x1
  const c = f32x4.sub(x4, x2);                    // x4 − x2
  const e = f32x4.mul(two, f32x4.sub(x3, x1));    // 2(x3 − x1)
  v128.store(p, f32x4.add(f32x4.sub(f32x4.mul(four, x0), f32x4.mul(five, x2)), x4));
  v128.store(p + s, f32x4.add(a, b));
  v128.store(p + 2 * s, f32x4.sub(a, b));
  v128.store(p + 3 * s, f32x4.add(c, e));
  v128.store(p + 4 * s, f32x4.sub(c, e));
  v128.store(p + 5 * s, f32x4.add(f32x4.sub(f32x4.mul(four, x1), f32x4.mul(five, x3)), x5));
}

/**
 * V = Bᵀ d B for tiles [0, T) of a tile table (T a multiple of 4; entry j: 4 words at tab + 16·j,
 * the first the byte address of the tile's top-left cell in channel 0's plane), all IC channels
 * (planes `plane` floats apart, rows gWp floats apart). Position ξ, channel ic, tile j goes to
 * v + ξ·vPos + ic·icStride + 4·j (bytes). 4 tiles per step (lanes = tiles): a tile row's 6 cells
 * come from two vector loads per tile, transposed into 6 column vectors. `tmp`: 36 vectors.
 */
export function inputTiles(tab: usize, T: i32, IC: i32, plane: i32, gWp: i32, v: usize, icStride: usize, vPos: usize, tmp: usize): void {
  const rowB = <usize>gWp << 2;
  for (let j = 0; j < T; j += 4) {
    const e = tab + (<usize>(j * 4) << 2);
    const p0 = <usize>load<i32>(e), p1 = <usize>load<i32>(e, 16), p2 = <usize>load<i32>(e, 32), p3 = <usize>load<i32>(e, 48);
    for (let ic = 0; ic < IC; ic++) {
      const co = <usize>(ic * plane) << 2;
      for (let r = 0; r < 6; r++) {
        const ro = co + <usize>r * rowB;
        const w = tmp + (<usize>(r * 6) << 4);
        transpose4(v128.load(p0 + ro), v128.load(p1 + ro), v128.load(p2 + ro), v128.load(p3 + ro), w);
        const h0 = v128.load(p0 + ro, 16), h1 = v128.load(p1 + ro, 16), h2 = v128.load(p2 + ro, 16), h3 = v128.load(p3 + ro, 16);
        const l01 = v128.shuffle<f32>(h0, h1, 0, 4, 1, 5), l23 = v128.shuffle<f32>(h2, h3, 0, 4, 1, 5);
        v128.store(w, v128.shuffle<f32>(l01, l23, 0, 1, 4, 5), 64);
        v128.store(w, v128.shuffle<f32>(l01, l23, 2, 3, 6, 7), 80);
        inputT(w, 16);        // along the row: Bᵀ applied to its 6 columns
      }
      for (let c = 0; c < 6; c++) inputT(tmp + (<usize>c << 4), 96); // down each column
      const dst = v + <usize>ic * icStride + (<usize>j << 2);
      for (let x = 0; x < 36; x++) v128.store(dst + <usize>x * vPos, v128.load(tmp + (<usize>x << 4)));
    }
  }
}
