/**
 * `npx tsx bench/winograd-accuracy.ts`: float32 error of Winograd F(2×2,3×3), F(4×4,3×3) and
 * F(6×6,3×3) against float64 direct sums, over input channel counts 3…512 — the measurement
 * behind the fast engine's choice of F(4×4,3×3). Each transform is evaluated in float32 (every
 * product and sum rounded with Math.fround, the channel sum accumulated in float32 per
 * position, as the engine's GEMM does); the direct float32 sum is shown for comparison. Also the
 * engine's own Winograd kernel on full convolutions of those channel counts. Error: max |y − ref|
 * over the max |ref| of the output (the test suite's measure), data and weights uniform in [−1, 1].
 */
import { rng } from './timing.js';

const { referenceConv } = await import('../src/engine/reference/conv.js');
const { wasmEngine } = await import('../src/engine/wasm/engine.js');
const { runWinograd } = await import('../src/engine/wasm/winograd-job.js');
const { convGeometry } = await import('../src/geometry/torch.js');

type Mat = number[][];
const f = Math.fround;

// Interpolation points 0, ±1, ±2 (F(4)); 0, ±1, ±2, ±½ (F(6)); 0, ±1 (F(2)); and ∞.
const F2 = {
  m: 2,
  BT: [[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]],
  G: [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]],
  AT: [[1, 1, 1, 0], [0, 1, -1, -1]],
};
const F4 = {
  m: 4,
  BT: [[4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0], [0, -2, -1, 2, 1, 0], [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1]],
  G: [[1 / 4, 0, 0], [-1 / 6, -1 / 6, -1 / 6], [-1 / 6, 1 / 6, -1 / 6], [1 / 24, 1 / 12, 1 / 6], [1 / 24, -1 / 12, 1 / 6], [0, 0, 1]],
  AT: [[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0], [0, 1, -1, 8, -8, 1]],
};
const F6 = {
  m: 6,
  BT: [
    [1, 0, -21 / 4, 0, 21 / 4, 0, -1, 0], [0, 1, 1, -17 / 4, -17 / 4, 1, 1, 0], [0, -1, 1, 17 / 4, -17 / 4, -1, 1, 0],
    [0, 1 / 2, 1 / 4, -5 / 2, -5 / 4, 2, 1, 0], [0, -1 / 2, 1 / 4, 5 / 2, -5 / 4, -2, 1, 0], [0, 2, 4, -5 / 2, -5, 1 / 2, 1, 0],
    [0, -2, 4, 5 / 2, -5, -1 / 2, 1, 0], [0, -1, 0, 21 / 4, 0, -21 / 4, 0, 1],
  ],
  G: [[1, 0, 0], [-2 / 9, -2 / 9, -2 / 9], [-2 / 9, 2 / 9, -2 / 9], [1 / 90, 1 / 45, 2 / 45], [1 / 90, -1 / 45, 2 / 45], [32 / 45, 16 / 45, 8 / 45], [32 / 45, -16 / 45, 8 / 45], [0, 0, 1]],
  AT: [
    [1, 1, 1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 1 / 2, -1 / 2, 0], [0, 1, 1, 4, 4, 1 / 4, 1 / 4, 0],
    [0, 1, -1, 8, -8, 1 / 8, -1 / 8, 0], [0, 1, 1, 16, 16, 1 / 16, 1 / 16, 0], [0, 1, -1, 32, -32, 1 / 32, -1 / 32, 1],
  ],
};

/** a · b, rounded to float32 after every multiply-add when `r` is f, exact (float64) otherwise. */
function mul(a: Mat, b: Mat, r: (v: number) => number): Mat {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => r(s + r(v * b[k][j])), 0)));
}
const T = (a: Mat): Mat => a[0].map((_, j) => a.map((row) => row[j]));

/** One output tile over C channels: float32 Winograd (y) and the float64 direct sum (ref), plus the float32 direct sum. */
function tile(F: typeof F4, C: number, r: () => number): { wino: Mat; ref: Mat; direct32: Mat } {
  const a = F.m + 2;
  const G32 = F.G.map((row) => row.map(f)), BT32 = F.BT.map((row) => row.map(f)), AT32 = F.AT.map((row) => row.map(f));
  const acc: Mat = Array.from({ length: a }, () => Array(a).fill(0));
  const ref: Mat = Array.from({ length: F.m }, () => Array(F.m).fill(0));
  const d32: Mat = Array.from({ length: F.m }, () => Array(F.m).fill(0));
  for (let c = 0; c < C; c++) {
    const d = Array.from({ length: a }, () => Array.from({ length: a }, () => f(r() * 2 - 1)));
    const g = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => f(r() * 2 - 1)));
    const U = mul(mul(G32, g, f), T(G32), f);
    const V = mul(mul(BT32, d, f), T(BT32), f);
    for (let i = 0; i < a; i++) for (let j = 0; j < a; j++) acc[i][j] = f(acc[i][j] + f(U[i][j] * V[i][j]));
    for (let i = 0; i < F.m; i++) for (let j = 0; j < F.m; j++) {
      let s = 0, s32 = 0;
      for (let u = 0; u < 3; u++) for (let v = 0; v < 3; v++) { s += d[i + u][j + v] * g[u][v]; s32 = f(s32 + f(d[i + u][j + v] * g[u][v])); }
      ref[i][j] += s;
      d32[i][j] = f(d32[i][j] + s32);
    }
  }
  return { wino: mul(mul(AT32, acc, f), T(AT32), f), ref, direct32: d32 };
}

const CHANNELS = [3, 16, 64, 128, 256, 512];
const TILES = 24;
const lines: string[] = [];
lines.push('| input channels | direct float32 | F(2×2,3×3) | F(4×4,3×3) | F(6×6,3×3) | engine F(4×4,3×3), 64 outputs × 24×24 |');
lines.push('|---|---|---|---|---|---|');
const engine = wasmEngine();
for (const C of CHANNELS) {
  const cells: string[] = [];
  let directErr = 0, directScale = 0;
  for (const F of [F2, F4, F6]) {
    const r = rng(C * 7 + F.m);
    let err = 0, scale = 0;
    for (let t = 0; t < TILES; t++) {
      const { wino, ref, direct32 } = tile(F, C, r);
      for (let i = 0; i < F.m; i++) for (let j = 0; j < F.m; j++) {
        err = Math.max(err, Math.abs(wino[i][j] - ref[i][j]));
        scale = Math.max(scale, Math.abs(ref[i][j]));
        if (F === F4) { directErr = Math.max(directErr, Math.abs(direct32[i][j] - ref[i][j])); directScale = Math.max(directScale, Math.abs(ref[i][j])); }
      }
    }
    cells.push((err / scale).toExponential(1));
  }
  let engineErr = '—';
  if (engine) {
    const r = rng(C);
    const xs = [1, C, 24, 24], ws = [64, C, 3, 3];
    const g = convGeometry({ inputShape: xs, weightShape: ws }, { padding: 1 });
    const x = Float32Array.from({ length: C * 576 }, () => r() * 2 - 1), w = Float32Array.from({ length: 64 * C * 9 }, () => r() * 2 - 1);
    const ref = referenceConv(g, x, w, null);
    const y = runWinograd(engine, g, x, w, null, 1);
    let err = 0, scale = 0;
    for (let i = 0; i < ref.length; i++) { err = Math.max(err, Math.abs(y[i] - ref[i])); scale = Math.max(scale, Math.abs(ref[i])); }
    engineErr = (err / scale).toExponential(1);
  }
  lines.push(`| ${C} | ${(directErr / directScale).toExponential(1)} | ${cells.join(' | ')} | ${engineErr} |`);
  console.log(lines[lines.length - 1]);
}
console.log('\n' + lines.join('\n'));
process.exit(0);
