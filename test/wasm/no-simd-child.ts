/**
 * Run by fallback.test.ts in a child Node that pretends to have no WebAssembly SIMD: every
 * module fails validation, as the kernels would on a runtime without SIMD. Prints what the
 * engine reports and whether 'auto' gives the reference engine's numbers.
 */
WebAssembly.validate = () => false;

const { conv2d, convTranspose1d, fastEngineInfo } = await import('../../src/index.js');
const r = (n: number, seed: number): Float32Array => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);
const x = { shape: [1, 16, 24, 24], data: r(16 * 576, 1) };
const w = { shape: [32, 16, 3, 3], data: r(32 * 144, 2) };
const auto = conv2d(x, w, { padding: 1, stride: 2 }).data;
const ref = conv2d(x, w, { padding: 1, stride: 2, engine: 'reference' }).data;
const xt = { shape: [4, 30], data: r(120, 3) }, wt = { shape: [4, 2, 5], data: r(40, 4) };
const tAuto = convTranspose1d(xt, wt, { stride: 3, padding: 1 }).data;
const tRef = convTranspose1d(xt, wt, { stride: 3, padding: 1, engine: 'reference' }).data;
const same = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
process.stdout.write(`${JSON.stringify({ info: fastEngineInfo(), conv: same(auto, ref), transposed: same(tAuto, tRef), n: auto.length })}\n`);
