/**
 * `npm run bench`: convkit's fast engine (1 and 2 threads, through the public API) against
 * TensorFlow.js CPU, TensorFlow.js WASM and ONNX Runtime Node on cases (a)–(j), in one process.
 * Checks every engine's output against convkit's reference engine, prints median ms, GFLOP/s
 * (2·MACs, no inserted zeros), ratios, and the fraction of this machine's measured WebAssembly
 * SIMD peak, and writes JSON + Markdown to bench/results/.
 *
 * Usage: tsx bench/engine.ts [--cases a,b,...] [--budget-ms N] [--out name]
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// Relaxed-SIMD FMA: detected, never required. On Node 20 it sits behind a V8 flag, which must
// be set before any wasm is compiled.
try { setFlagsFromString('--experimental-wasm-relaxed-simd'); } catch { /* flag unknown: fine */ }

// The peers live in bench/node_modules (npm run bench:setup): say so plainly when they are missing.
(await import('./peers/installed.js')).requirePeers('npm run bench');
const { CASES, macs } = await import('./cases.js');
const { measurePeak } = await import('./peak.js');
const { relErr, rng, timeAll } = await import('./timing.js');
const { initTfjs, tfjsPeer } = await import('./peers/tfjs.js');
const { ortPeer } = await import('./peers/ort.js');
const { conv2d, convTranspose2d } = await import('../src/index.js');
const { wasmEngine } = await import('../src/engine/wasm/engine.js');
const { loadedFeatures } = await import('../src/engine/wasm/runtime.js');
const { referenceConv } = await import('../src/engine/reference/conv.js');
const { convGeometry, convTransposeGeometry } = await import('../src/geometry/torch.js');
const { freshArrayProbe, probeLine, settleAllocator } = await import('./allocator-state.js');
type BenchCase = import('./cases.js').BenchCase;

const args = process.argv.slice(2);
const argOf = (k: string): string | undefined => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const only = argOf('--cases')?.split(',');
const budgetMs = Number(argOf('--budget-ms') ?? 400);
const outName = argOf('--out') ?? 'engine';

interface EngineResult { ms: number; bestMs: number; gflops: number; relErr: number }
interface CaseResult {
  id: string; label: string; macs: number; engines: Record<string, EngineResult>;
  /** Transposed cases: convkit on the dense conv with the same MACs (ms, 1 and 2 threads). */
  denseTwin?: { label: string; ms1: number; ms2: number; best1: number; best2: number };
}

const engine = wasmEngine();
if (!engine) throw new Error('convkit fast engine not available (run npm run build:wasm)');
const features = loadedFeatures()!;
await initTfjs();

// Fresh result arrays cost what this process's allocator state makes them cost: settle it first.
await settleAllocator();
const probeBefore = freshArrayProbe();
const loadBefore = loadavg()[0];
const peak = measurePeak();
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} · node ${process.version}`);
console.log(`convkit kernels: ${features.relaxed ? 'relaxed-SIMD FMA' : 'SIMD mul+add'}, shared memory ${features.shared ? 'yes' : 'no'}`);
console.log(`WebAssembly SIMD peak (1 core): mul+add ${peak.mulAdd.toFixed(1)} GFLOP/s${peak.fma ? `, relaxed FMA ${peak.fma.toFixed(1)} GFLOP/s` : ''}`);
const peak1 = Math.max(peak.mulAdd, peak.fma ?? 0);

const results: CaseResult[] = [];
for (const bc of CASES) {
  if (only && !only.includes(bc.id)) continue;
  const r = rng(bc.id.charCodeAt(0));
  const x = Float32Array.from({ length: bc.input.reduce((a, b) => a * b) }, r);
  const w = Float32Array.from({ length: bc.weight.reduce((a, b) => a * b) }, r);
  const opts = { stride: bc.stride, padding: bc.padding, dilation: bc.dilation, groups: bc.groups };
  const xt = { shape: [...bc.input], data: x };
  const wt = { shape: [...bc.weight], data: w };
  const g = bc.transposed
    ? convTransposeGeometry({ inputShape: bc.input, weightShape: bc.weight }, { ...opts, outputPadding: bc.outputPadding })
    : convGeometry({ inputShape: bc.input, weightShape: bc.weight }, opts);
  const ref = referenceConv(g, x, w, null);
  const tOpts = { ...opts, outputPadding: bc.outputPadding };
  // 2 threads: the public API as a user calls it (the pool is set to 2 threads). 1 thread: the
  // same steps (geometry, then the engine) with the call kept on the calling thread.
  const call2 = bc.transposed ? () => convTranspose2d(xt, wt, tOpts).data : () => conv2d(xt, wt, opts).data;
  const call1 = bc.transposed
    ? () => engine.conv(convTransposeGeometry({ inputShape: xt.shape, weightShape: wt.shape }, tOpts), x, w, null, 1)
    : () => engine.conv(convGeometry({ inputShape: xt.shape, weightShape: wt.shape }, opts), x, w, null, 1);
  const m = macs(bc);
  const res: CaseResult = { id: bc.id, label: bc.label, macs: m, engines: {} };
  engine.setThreads(2);
  const tfw = await tfjsPeer('wasm', bc, x, w);
  const tfc = await tfjsPeer('cpu', bc, x, w);
  const outs: Record<string, Float32Array> = {
    'convkit-1t': call1(), 'convkit-2t': call2(),
    'tfjs-wasm': tfw.nchw(tfw.run()), 'tfjs-cpu': tfc.nchw(tfc.run()),
  };
  const runs: { name: string; run: () => unknown }[] = [
    { name: 'convkit-1t', run: call1 }, { name: 'convkit-2t', run: call2 }, { name: 'tfjs-wasm', run: () => tfw.run() },
  ];
  let twin1: (() => unknown) | null = null, twin2: (() => unknown) | null = null;
  if (bc.transposed) {
    // The dense conv with the same MACs: same channels and kernel, stride 1, output = input size.
    const kh = bc.weight[2];
    const twinW = { shape: [bc.weight[1], bc.weight[0], kh, bc.weight[3]], data: w };
    twin1 = () => engine.conv(convGeometry({ inputShape: xt.shape, weightShape: twinW.shape }, { padding: 'same' }), x, w, null, 1);
    twin2 = () => conv2d(xt, twinW, { padding: 'same' }).data;
    runs.push({ name: 'twin-1t', run: twin1 }, { name: 'twin-2t', run: twin2 });
  }
  const times = await timeAll(runs, budgetMs * runs.length);
  // TF.js CPU is 100× slower: timed on its own, with a smaller budget.
  const cpuTime = await timeAll([{ name: 'tfjs-cpu', run: () => tfc.run() }], budgetMs);
  times.set('tfjs-cpu', cpuTime.get('tfjs-cpu')!);
  // ONNX Runtime last and on its own: its thread pool spins on the other core for a while after
  // each run, which would steal that core from whatever ran next.
  const o2 = await ortPeer(bc, x, w, null, 2);
  const o1 = await ortPeer(bc, x, w, null, 1);
  outs['ort-2t'] = await o2.run();
  outs['ort-1t'] = await o1.run();
  const ortTimes = await timeAll([{ name: 'ort-2t', run: () => o2.run() }, { name: 'ort-1t', run: () => o1.run() }], budgetMs * 2);
  for (const [k, v] of ortTimes) times.set(k, v);
  for (const name of ['convkit-1t', 'convkit-2t', 'tfjs-wasm', 'tfjs-cpu', 'ort-2t', 'ort-1t']) {
    const t = times.get(name)!;
    res.engines[name] = { ms: t.median, bestMs: t.best, gflops: (2 * m) / (t.median * 1e6), relErr: relErr(outs[name], ref) };
  }
  if (twin1) {
    const t1 = times.get('twin-1t')!, t2 = times.get('twin-2t')!;
    res.denseTwin = { label: `conv ${bc.weight[0]}→${bc.weight[1]} ${bc.input[2]}×${bc.input[3]} k${bc.weight[2]} 'same'`, ms1: t1.median, ms2: t2.median, best1: t1.best, best2: t2.best };
  }
  tfw.dispose(); tfc.dispose(); o2.dispose(); o1.dispose();
  results.push(res);
  const e = res.engines;
  const fmt = (n: string): string => (bc.id === 'j' ? `${(e[n].ms * 1000).toFixed(2)}µs` : `${e[n].ms.toFixed(2)}ms ${e[n].gflops.toFixed(1)}GF/s`);
  console.log(`(${bc.id}) ${bc.label}: ` + Object.keys(e).map((n) => `${n} ${fmt(n)}`).join(' | '));
}

// ---- report ----
const names = ['convkit-1t', 'convkit-2t', 'tfjs-wasm', 'tfjs-cpu', 'ort-2t', 'ort-1t'];
const allAgree = results.every((c) => Object.values(c.engines).every((e) => e.relErr <= 1e-4));
const probeAfter = freshArrayProbe();
const lines: string[] = [];
lines.push(`# convkit fast engine benchmark`);
lines.push('');
lines.push(`- machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores; Node ${process.version}; ${new Date().toISOString()}; 1-min load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (the machine is shared)`);
lines.push(`- convkit kernels: ${features.relaxed ? 'relaxed-SIMD FMA' : 'SIMD mul+add'}; threads over shared memory: ${features.shared ? 'yes' : 'no'}`);
lines.push(probeLine(probeBefore, probeAfter));
lines.push(`- measured WebAssembly SIMD peak, 1 core: mul+add ${peak.mulAdd.toFixed(1)} GFLOP/s${peak.fma ? `, relaxed FMA ${peak.fma.toFixed(1)} GFLOP/s` : ''} (peak used below: ${peak1.toFixed(1)}; 2 threads are compared with 2× it)`);
lines.push(`- medians of batches; GFLOP/s = 2·MACs/time with MACs of the direct formulation (transposed: by input positions, no inserted zeros); batch 1, float32, no bias; TF.js in NHWC (its layout), others NCHW`);
lines.push(`- every engine's output checked against convkit's reference engine: ${allAgree ? 'all agree within 1e-4 of the output scale' : 'DISAGREEMENT, see relErr'}`);
lines.push('');
lines.push('| case | ' + names.map((n) => `${n} ms (GF/s)`).join(' | ') + ' | 2t vs tfjs-wasm | 1t vs tfjs-wasm | 2t vs tfjs-cpu | 2t vs ort-2t | 1t % peak | 2t % 2×peak |');
lines.push('|' + '---|'.repeat(names.length + 7));
for (const c of results) {
  const e = c.engines;
  const cell = (n: string): string => (c.id === 'j' ? `${(e[n].ms * 1000).toFixed(2)} µs` : `${e[n].ms.toFixed(3)} (${e[n].gflops.toFixed(1)})`);
  const ratio = (a: string, b: string): string => `${(e[b].ms / e[a].ms).toFixed(2)}×`;
  lines.push(`| (${c.id}) ${c.label} | ` + names.map(cell).join(' | ') +
    ` | ${ratio('convkit-2t', 'tfjs-wasm')} | ${ratio('convkit-1t', 'tfjs-wasm')} | ${ratio('convkit-2t', 'tfjs-cpu')} | ${ratio('convkit-2t', 'ort-2t')}` +
    ` | ${((100 * e['convkit-1t'].gflops) / peak1).toFixed(0)}% | ${((100 * e['convkit-2t'].gflops) / (2 * peak1)).toFixed(0)}% |`);
}
lines.push('');
lines.push('Ratios are speed-ups (peer time / convkit time): > 1 means convkit is faster.');
lines.push('');
lines.push('Best batch (least disturbed by the shared machine), same run:');
lines.push('');
lines.push('| case | ' + names.map((n) => `${n} best ms`).join(' | ') + ' | 2t vs tfjs-wasm | 1t vs tfjs-wasm | 1t % peak |');
lines.push('|' + '---|'.repeat(names.length + 4));
for (const c of results) {
  const e = c.engines;
  const cell = (n: string): string => (c.id === 'j' ? `${(e[n].bestMs * 1000).toFixed(2)} µs` : e[n].bestMs.toFixed(3));
  const ratio = (a: string, b: string): string => `${(e[b].bestMs / e[a].bestMs).toFixed(2)}×`;
  lines.push(`| (${c.id}) | ` + names.map(cell).join(' | ') + ` | ${ratio('convkit-2t', 'tfjs-wasm')} | ${ratio('convkit-1t', 'tfjs-wasm')} | ${((100 * 2 * c.macs) / (e['convkit-1t'].bestMs * 1e6) / peak1).toFixed(0)}% |`);
}
for (const c of results) {
  if (!c.denseTwin) continue;
  const e = c.engines;
  const d = c.denseTwin;
  lines.push(`- (${c.id}) vs the dense conv with the same MACs (${d.label}), medians: 1 thread ${e['convkit-1t'].ms.toFixed(3)} vs ${d.ms1.toFixed(3)} ms (${(e['convkit-1t'].ms / d.ms1).toFixed(2)}× its time), 2 threads ${e['convkit-2t'].ms.toFixed(3)} vs ${d.ms2.toFixed(3)} ms (${(e['convkit-2t'].ms / d.ms2).toFixed(2)}×); best batches: ${(e['convkit-1t'].bestMs / d.best1).toFixed(2)}× and ${(e['convkit-2t'].bestMs / d.best2).toFixed(2)}×`);
}
const md = lines.join('\n');
console.log('\n' + md);
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const json = { date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, cores: availableParallelism(), loadavg: { start: loadBefore, end: loadavg()[0] }, freshArrayProbeMs: { before: probeBefore, after: probeAfter }, features, peak, results };
writeFileSync(new URL(`${outName}.json`, dir), JSON.stringify(json, null, 2) + '\n');
writeFileSync(new URL(`${outName}.md`, dir), md + '\n');
console.log(`\nwrote bench/results/${outName}.json and .md`);
engine.setThreads(1);
