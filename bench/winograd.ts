/**
 * `npx tsx bench/winograd.ts`: the fast engine's two algorithms for 3×3 stride-1 convolutions —
 * direct (dense GEMM) and Winograd F(4×4, 3×3) — against TensorFlow.js WASM and ONNX Runtime
 * Node, on the issue's cases (a) and (e) (and (f), dilation 4), 1 and 2 threads, in one process,
 * timed interleaved (bench/timing.ts). Prints medians, the effective GFLOP/s (2 · direct MACs /
 * time: what a direct conv would have to reach to be as fast), the fraction of the measured
 * multiply-add peak, the speed-ups, and each output's error against the reference engine.
 *
 * Usage: tsx bench/winograd.ts [--cases a,e,f] [--budget-ms N] [--out name]
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

try { setFlagsFromString('--experimental-wasm-relaxed-simd'); } catch { /* flag unknown: fine */ }

(await import('./peers/installed.js')).requirePeers('tsx bench/winograd.ts');
const { CASES, macs } = await import('./cases.js');
const { measurePeak } = await import('./peak.js');
const { cpuTime, relErr, rng, timeAll } = await import('./timing.js');
const { initTfjs, tfjsPeer } = await import('./peers/tfjs.js');
const { ortPeer } = await import('./peers/ort.js');
const { conv2d } = await import('../src/ops/conv.js');
const { wasmEngine } = await import('../src/engine/wasm/engine.js');
const { runWinograd } = await import('../src/engine/wasm/winograd-job.js');
const { loadedFeatures } = await import('../src/engine/wasm/runtime.js');
const { referenceConv } = await import('../src/engine/reference/conv.js');
const { convGeometry } = await import('../src/geometry/torch.js');
const { freshArrayProbe, probeLine, settleAllocator } = await import('./allocator-state.js');

const args = process.argv.slice(2);
const argOf = (k: string): string | undefined => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const only = (argOf('--cases') ?? 'a,e,f').split(',');
const budgetMs = Number(argOf('--budget-ms') ?? 600);
const outName = argOf('--out') ?? 'winograd';

const engine = wasmEngine();
if (!engine) throw new Error('convkit fast engine not available (run npm run build:wasm)');
const features = loadedFeatures()!;
await initTfjs();
// Fresh result arrays cost what this process's allocator state makes them cost: settle it first.
await settleAllocator();
const probeBefore = freshArrayProbe();
const loadBefore = loadavg()[0];
const peak = measurePeak();
const peak1 = Math.max(peak.mulAdd, peak.fma ?? 0);

const NAMES = ['direct-1t', 'direct-2t', 'winograd-1t', 'winograd-2t', 'tfjs-wasm', 'ort-2t', 'ort-1t'] as const;
interface Row { id: string; label: string; macs: number; ms: Record<string, number>; best: Record<string, number>; err: Record<string, number>; cpu: Record<string, number> }
const CPU_NAMES = ['direct-1t', 'winograd-1t', 'tfjs-wasm', 'ort-1t'] as const;

const rows: Row[] = [];

for (const bc of CASES.filter((c) => only.includes(c.id))) {
  const r = rng(bc.id.charCodeAt(0));
  const x = Float32Array.from({ length: bc.input.reduce((a, b) => a * b) }, r);
  const w = Float32Array.from({ length: bc.weight.reduce((a, b) => a * b) }, r);
  const opts = { stride: bc.stride, padding: bc.padding, dilation: bc.dilation, groups: bc.groups };
  const xt = { shape: [...bc.input], data: x }, wt = { shape: [...bc.weight], data: w };
  const g = convGeometry({ inputShape: bc.input, weightShape: bc.weight }, opts);
  const ref = referenceConv(g, x, w, null);
  engine.setThreads(2);
  const calls: Record<string, () => Float32Array> = {
    // 1 thread: the engine called directly, kept on the calling thread; 2 threads: the public API.
    'direct-1t': () => engine.conv(convGeometry({ inputShape: xt.shape, weightShape: wt.shape }, opts), x, w, null, 1),
    'direct-2t': () => conv2d(xt, wt, { ...opts, algorithm: 'direct' }).data,
    'winograd-1t': () => runWinograd(engine, convGeometry({ inputShape: xt.shape, weightShape: wt.shape }, opts), x, w, null, 1),
    'winograd-2t': () => conv2d(xt, wt, { ...opts, algorithm: 'winograd' }).data,
  };
  const tfw = await tfjsPeer('wasm', bc, x, w);
  const outs: Record<string, Float32Array> = { 'tfjs-wasm': tfw.nchw(tfw.run()) };
  for (const [n, f] of Object.entries(calls)) outs[n] = f();
  const times = await timeAll([...Object.entries(calls).map(([name, run]) => ({ name, run })), { name: 'tfjs-wasm', run: () => tfw.run() }], budgetMs * 5);
  // ONNX Runtime on its own, last: its pool spins on the other core after each run.
  const o2 = await ortPeer(bc, x, w, null, 2), o1 = await ortPeer(bc, x, w, null, 1);
  outs['ort-2t'] = await o2.run();
  outs['ort-1t'] = await o1.run();
  for (const [k, v] of await timeAll([{ name: 'ort-2t', run: () => o2.run() }, { name: 'ort-1t', run: () => o1.run() }], budgetMs * 2)) times.set(k, v);
  engine.setThreads(1);
  const cpu: Record<string, number> = {};
  const cpuRuns: Record<string, () => unknown> = { 'direct-1t': calls['direct-1t'], 'winograd-1t': calls['winograd-1t'], 'tfjs-wasm': () => tfw.run(), 'ort-1t': () => o1.run() };
  for (const n of CPU_NAMES) cpu[n] = await cpuTime(cpuRuns[n]);
  engine.setThreads(2);
  tfw.dispose(); o2.dispose(); o1.dispose();
  const row: Row = { id: bc.id, label: bc.label, macs: macs(bc), ms: {}, best: {}, err: {}, cpu };
  for (const n of NAMES) { row.ms[n] = times.get(n)!.median; row.best[n] = times.get(n)!.best; row.err[n] = relErr(outs[n], ref); }
  rows.push(row);
  console.log(`(${bc.id}) ${bc.label}: ` + NAMES.map((n) => `${n} ${row.ms[n].toFixed(2)} ms`).join(' | '));
}

const gf = (row: Row, n: string): number => (2 * row.macs) / (row.ms[n] * 1e6);
const x = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const probeAfter = freshArrayProbe();
const lines: string[] = [];
lines.push('# Winograd F(4×4, 3×3) vs direct, TensorFlow.js WASM and ONNX Runtime');
lines.push('');
lines.push(`- \`npx tsx bench/winograd.ts\`; machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores; Node ${process.version}; ${new Date().toISOString()}; 1-min load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (the machine is shared: compare ratios within this run)`);
lines.push(`- convkit kernels: ${features.relaxed ? 'relaxed-SIMD FMA' : 'SIMD mul+add'}; measured WebAssembly SIMD peak on 1 core: mul+add ${peak.mulAdd.toFixed(1)} GFLOP/s${peak.fma ? `, relaxed FMA ${peak.fma.toFixed(1)}` : ''} (peak used: ${peak1.toFixed(1)}; 2 threads compared with 2× it)`);
lines.push(probeLine(probeBefore, probeAfter));
lines.push('- medians of interleaved batches, batch 1, float32, no bias; effective GFLOP/s = 2 · direct MACs / time');
lines.push('');
lines.push('| case | ' + NAMES.map((n) => `${n} ms`).join(' | ') + ' | wino-2t vs tfjs-wasm | direct-2t vs tfjs-wasm | wino-2t vs direct-2t | wino-1t vs direct-1t | wino-2t vs ort-2t | wino-1t eff. GF/s (% peak) | wino-2t eff. GF/s (% 2×peak) |');
lines.push('|' + '---|'.repeat(NAMES.length + 8));
for (const r of rows) {
  lines.push(`| (${r.id}) ${r.label} | ` + NAMES.map((n) => r.ms[n].toFixed(2)).join(' | ') +
    ` | ${x(r.ms['tfjs-wasm'], r.ms['winograd-2t'])} | ${x(r.ms['tfjs-wasm'], r.ms['direct-2t'])} | ${x(r.ms['direct-2t'], r.ms['winograd-2t'])} | ${x(r.ms['direct-1t'], r.ms['winograd-1t'])} | ${x(r.ms['ort-2t'], r.ms['winograd-2t'])}` +
    ` | ${gf(r, 'winograd-1t').toFixed(1)} (${((100 * gf(r, 'winograd-1t')) / peak1).toFixed(0)} %) | ${gf(r, 'winograd-2t').toFixed(1)} (${((100 * gf(r, 'winograd-2t')) / (2 * peak1)).toFixed(0)} %) |`);
}
lines.push('');
lines.push('Ratios are speed-ups (the other\'s time / this one\'s): > 1 means the first named is faster.');
lines.push('');
lines.push('One thread, CPU time per call (ms; median of batches; not disturbed by waiting for a core): effective GFLOP/s = 2 · direct MACs / CPU time');
lines.push('');
lines.push('| case | ' + CPU_NAMES.map((n) => `${n} CPU ms`).join(' | ') + ' | wino vs tfjs-wasm | wino vs direct | wino vs ort-1t | wino eff. GF/s (% peak) | direct GF/s (% peak) |');
lines.push('|' + '---|'.repeat(CPU_NAMES.length + 6));
for (const r of rows) {
  const c = r.cpu, e = (n: string): number => (2 * r.macs) / (c[n] * 1e6);
  lines.push(`| (${r.id}) | ` + CPU_NAMES.map((n) => c[n].toFixed(2)).join(' | ') + ` | ${x(c['tfjs-wasm'], c['winograd-1t'])} | ${x(c['direct-1t'], c['winograd-1t'])} | ${x(c['ort-1t'], c['winograd-1t'])}` +
    ` | ${e('winograd-1t').toFixed(1)} (${((100 * e('winograd-1t')) / peak1).toFixed(0)} %) | ${e('direct-1t').toFixed(1)} (${((100 * e('direct-1t')) / peak1).toFixed(0)} %) |`);
}
lines.push('');
lines.push('Best batches (least disturbed), same run: ' + rows.map((r) => `(${r.id}) ` + NAMES.map((n) => `${n} ${r.best[n].toFixed(2)}`).join(', ')).join('; '));
lines.push('');
lines.push('Error against the reference engine (max |diff| / max |ref|): ' + rows.map((r) => `(${r.id}) ` + NAMES.map((n) => `${n} ${r.err[n].toExponential(1)}`).join(', ')).join('; '));
const md = lines.join('\n');
console.log('\n' + md);
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL(`${outName}-run.md`, dir), md + '\n');
writeFileSync(new URL(`${outName}-run.json`, dir), JSON.stringify({ date: new Date().toISOString(), loadavg: { start: loadBefore, end: loadavg()[0] }, freshArrayProbeMs: { before: probeBefore, after: probeAfter }, features, peak, rows }, null, 2) + '\n');
console.log(`\nwrote bench/results/${outName}-run.md and .json`);
engine.setThreads(1);
process.exit(0);
