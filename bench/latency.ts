/**
 * `tsx bench/latency.ts`: per-call latency of a tiny conv, case (j) 1→1 5×5 k3 s2 p1, through
 * the public conv2d ('auto' and 'reference'), the geometry alone, the fast engine alone, and
 * TF.js WASM/CPU on the same case (as bench/engine.ts runs them). Interleaved rounds: each round
 * times one batch of every contender in turn, so all see the same background load; prints the
 * median and best per-call µs over the rounds.
 *
 * Usage: tsx bench/latency.ts [--rounds N] [--calls N] [--case j]
 */
import { setFlagsFromString } from 'node:v8';
import { loadavg } from 'node:os';

try { setFlagsFromString('--experimental-wasm-relaxed-simd'); } catch { /* flag unknown: fine */ }

(await import('./peers/installed.js')).requirePeers('bench/latency.ts', ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm']);
const { CASES } = await import('./cases.js');
const { initTfjs, tfjsPeer } = await import('./peers/tfjs.js');
const { conv2d } = await import('../src/index.js');
const { wasmEngine } = await import('../src/engine/wasm/engine.js');
const { convGeometry } = await import('../src/geometry/torch.js');

const args = process.argv.slice(2);
const argOf = (k: string): string | undefined => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const rounds = Number(argOf('--rounds') ?? 60);
const calls = Number(argOf('--calls') ?? 2000);
const bc = CASES.find((c) => c.id === (argOf('--case') ?? 'j'))!;

let s = 7;
const rnd = (): number => { s = (s * 1103515245 + 12345) >>> 0; return s / 2 ** 32 - 0.5; };
const x = Float32Array.from({ length: bc.input.reduce((a, b) => a * b) }, rnd);
const w = Float32Array.from({ length: bc.weight.reduce((a, b) => a * b) }, rnd);
const xt = { shape: [...bc.input], data: x };
const wt = { shape: [...bc.weight], data: w };
const opts = { stride: bc.stride, padding: bc.padding, dilation: bc.dilation, groups: bc.groups };
const engine = wasmEngine()!;
await initTfjs();
const tfw = await tfjsPeer('wasm', bc, x, w);
const tfc = await tfjsPeer('cpu', bc, x, w);

let sink = 0;
const contenders: { name: string; run: () => unknown }[] = [
  { name: "conv2d 'auto'", run: () => conv2d(xt, wt, opts) },
  { name: "conv2d 'reference'", run: () => conv2d(xt, wt, { ...opts, engine: 'reference' }) },
  { name: 'convGeometry alone', run: () => convGeometry({ inputShape: xt.shape, weightShape: wt.shape }, opts) },
  { name: 'geometry + wasm engine (1 thread)', run: () => engine.conv(convGeometry({ inputShape: xt.shape, weightShape: wt.shape }, opts), x, w, null, 1) },
  { name: 'tfjs-wasm', run: () => tfw.run() },
  { name: 'tfjs-cpu', run: () => tfc.run() },
];
const samples = contenders.map(() => [] as number[]);
for (const c of contenders) for (let i = 0; i < calls; i++) c.run(); // warm up (JIT)
const load0 = loadavg()[0];
for (let r = 0; r < rounds; r++) {
  contenders.forEach((c, k) => {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) if (c.run()) sink++;
    samples[k].push(((performance.now() - t0) * 1000) / calls);
  });
}
console.log(`case (${bc.id}) ${bc.label}: ${rounds} interleaved rounds × ${calls} calls; load ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
contenders.forEach((c, k) => {
  const v = samples[k].sort((a, b) => a - b);
  console.log(`${c.name.padEnd(36)} median ${v[v.length >> 1].toFixed(2).padStart(6)} µs   best ${v[0].toFixed(2).padStart(6)} µs`);
});
if (sink < 0) console.log(sink);
tfw.dispose(); tfc.dispose();
engine.setThreads(1);
