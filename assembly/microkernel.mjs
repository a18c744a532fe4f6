// The GEMM register tile, written once for any row count (as XNNPACK generates its tiles):
// rows × 8 outputs in 2·rows f32x4 accumulators, C (+)= A·B over kc rows of B. generate.mjs
// instantiates it for the 4-row tiles of the plain SIMD build and the 6-row tiles of the relaxed
// (FMA) one; `madd` (simd.ts) is mul+add or one relaxed FMA by build, so each row count serves
// both builds. The generated code is what the hand-written copies were, statement for statement
// (the compiled kernels are byte-identical), with each row's statements on one line per phase.

/** The statements of one phase for rows 0…rows−1, on one line. */
const perRow = (rows, f) => Array.from({ length: rows }, (_, r) => f(r)).join(' ');

function tile(rows) {
  const acc = perRow(rows, (r) => `c${r}0: v128, c${r}1: v128,`).slice(0, -1);
  return [
    `/** ${rows}×8 register tile (see micro${rows}): \`indirect\` is a constant at each use, so one branch stays. */`,
    `@inline function tile${rows}(a: usize, b: usize, bs: usize, offs: usize, indirect: bool, kc: i32, cc: usize, lc: usize, bias: usize, acc: bool): void {`,
    `  let ${acc};`,
    '  if (acc) {',
    `    ${perRow(rows, (r) => `c${r}0 = v128.load(cc + ${r} * lc); c${r}1 = v128.load(cc + ${r} * lc, 16);`)}`,
    '  } else {',
    `    ${perRow(rows, (r) => `c${r}0 = v128.load32_splat(bias, ${4 * r}); c${r}1 = c${r}0;`)}`,
    '  }',
    '  let pa = a, pb = b, po = offs;',
    '  for (let k = 0; k < kc; k++) {',
    '    // Packed B: rows bs bytes apart. Indirect B: row k starts offs[k] cells after b.',
    '    let q = pb;',
    '    if (indirect) { q = b + (<usize>load<i32>(po) << 2); po += 4; }',
    '    const b0 = v128.load(q), b1 = v128.load(q, 16);',
    `    let s: v128; ${perRow(rows, (r) => `s = v128.load32_splat(pa, ${4 * r}); c${r}0 = madd(s, b0, c${r}0); c${r}1 = madd(s, b1, c${r}1);`)}`,
    `    pa += ${4 * rows};`,
    '    pb += bs;',
    '  }',
    `  ${perRow(rows, (r) => `v128.store(cc + ${r} * lc, c${r}0); v128.store(cc + ${r} * lc, c${r}1, 16);`)}`,
    '}',
  ].join('\n');
}

/** Packed B (rows bs bytes apart) and indirect B (row k at offs[k] cells after b), as functions of their own. */
function entries(rows) {
  return [
    `export function micro${rows}(a: usize, b: usize, bs: usize, kc: i32, cc: usize, lc: usize, bias: usize, acc: bool): void { tile${rows}(a, b, bs, 0, false, kc, cc, lc, bias, acc); }`,
    `export function micro${rows}r(a: usize, b: usize, offs: usize, kc: i32, cc: usize, lc: usize, bias: usize, acc: bool): void { tile${rows}(a, b, 0, offs, true, kc, cc, lc, bias, acc); }`,
  ].join('\n');
}

/** The microkernels module: tiles of 4 and 6 rows. */
export function microkernelsSource(header) {
  return [
    `${header}. Do not edit.`,
    '// The GEMM microkernels: C[r][j] (+)= Σ_k A[k][r] · B[k][j] for one register tile. They are',
    '// functions of their own (inlined into the caller\'s loop nest they ran slower).',
    "import { madd } from './simd';",
    '',
    tile(4),
    '',
    tile(6),
    '',
    entries(4),
    entries(6),
    '',
  ].join('\n');
}
