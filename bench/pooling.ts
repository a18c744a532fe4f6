/**
 * Pooling: convkit's reference loops, its fast engine (1 thread; 2 threads through the public API;
 * 2 threads asynchronous; 2 threads writing into a reused `out` buffer) and TensorFlow.js WASM (XNNPACK, single-threaded in Node, NHWC) on a
 * ResNet stem's max pool (3×3 stride 2 over 64×112×112), an average pool of the same shape and a
 * 3-D max pool, in one process with interleaved timing (timing.ts). Every output is checked
 * against the reference engine. The public entry on an engine tensor (the input kept in wasm
 * memory, as TF.js keeps its tensor in its heap) is timed beside it, and the fast engine's kernel
 * alone (input already in wasm memory, one thread), to show where a call's time goes.
 *
 * Usage: npx tsx bench/pooling.ts [--budget-ms N] [--batch-ms N] [--out name]   (peers: npm run bench:setup)
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';

(await import('./peers/installed.js')).requirePeers('npx tsx bench/pooling.ts');
const { relErr, rng, timeAll } = await import('./timing.js');
const { initTfjs, tf } = await import('./peers/tfjs.js');
const { permute } = await import('./peers/permute.js');
const { avgPool2d, computePoolGeometry, engineTensor, fromTensorFlowPool, maxPool2d } = await import('../src/index.js');
const { poolGeometry } = await import('../src/geometry/pool.js');
const { referencePool } = await import('../src/engine/reference/pool.js');
const { wasmEngine } = await import('../src/engine/wasm/engine.js');
const { poolJob } = await import('../src/engine/wasm/pooling-job.js');
const { planPool } = await import('../src/engine/wasm/pooling-plan.js');
const { runTask } = await import('../src/engine/wasm/plan.js');
const { runPoolAsync } = await import('../src/engine/pooling-dispatch.js');
const { freshArrayProbe, probeLine, settleAllocator } = await import('./allocator-state.js');
type PoolOptions = import('../src/geometry/pool.js').PoolOptions;
type TensorFlowPoolSpec = import('../src/geometry/tensorflow-pool.js').TensorFlowPoolSpec;

const args = process.argv.slice(2);
const argOf = (k: string): string | undefined => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const budgetMs = Number(argOf('--budget-ms') ?? 1500);
const outName = argOf('--out') ?? 'pooling';
// Calls per timed batch: at least this many ms of them (1: as bench/engine.ts; 10: calls back to
// back, as a network's layers come, so a worker's wake-up after the other engines' batches is shared).
const batchMs = Number(argOf('--batch-ms') ?? 1);

interface Case {
  id: string;
  label: string;
  mode: 'max' | 'avg';
  rank: 2 | 3;
  input: number[];
  /** convkit (PyTorch) options, or a TensorFlow dialect spec; the TF.js call below has the same windows and divisor. */
  options?: PoolOptions;
  dialect?: TensorFlowPoolSpec;
  tfjs(x: import('./peers/tfjs.js').Tensor): import('./peers/tfjs.js').Tensor;
}

const CASES: Case[] = [
  {
    id: 'a', label: 'max 3×3 s2 p1, 1×64×112×112 (ResNet stem)', mode: 'max', rank: 2, input: [1, 64, 112, 112],
    options: { kernelSize: 3, stride: 2, padding: 1 },
    tfjs: (x) => tf.maxPool(x as never, 3, 2, 1),
  },
  {
    // TF.js leaves padding out of an average: count_include_pad=False is the same divisor.
    id: 'b', label: 'avg 3×3 s2 p1 (padding not counted), 1×64×112×112', mode: 'avg', rank: 2, input: [1, 64, 112, 112],
    options: { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false },
    tfjs: (x) => tf.avgPool(x as never, 3, 2, 1),
  },
  {
    // TensorFlow's SAME: 0 cells before, 1 after on every axis — a geometry only the dialect
    // adapter expresses (fromTensorFlowPool), computed with computePoolGeometry.
    id: 'c', label: "max 3×3×3 s2 SAME (tfjs), 1×32×16×56×56 (3-D)", mode: 'max', rank: 3, input: [1, 32, 16, 56, 56],
    dialect: { dialect: 'tfjs', op: 'max', inputShape: [1, 16, 56, 56, 32], poolSize: [3, 3, 3], strides: 2, padding: 'same' },
    tfjs: (x) => tf.maxPool3d(x as never, 3, 2, 'same'),
  },
];

const engine = wasmEngine();
if (!engine) throw new Error('convkit fast engine not available (run npm run build:wasm)');
engine.setThreads(2);
await initTfjs();
await tf.setBackend('wasm');
await tf.ready();

const loadBefore = loadavg()[0];
await settleAllocator();
const probeBefore = freshArrayProbe();
const NAMES = ['reference', 'fast-1t', 'fast-2t', 'fast-2t-out', 'fast-2t-async', 'fast-2t-kept', 'fast-2t-kept-out', 'tfjs-wasm', 'kernel-1t'] as const;
interface Result { id: string; label: string; engines: Record<string, { ms: number; bestMs: number; relErr: number }> }
const results: Result[] = [];

for (const c of CASES) {
  const r = rng(c.id.charCodeAt(0));
  const x = Float32Array.from({ length: c.input.reduce((a, b) => a * b) }, r);
  const xt = { shape: c.input, data: x };
  const tfDialect = c.dialect ? fromTensorFlowPool(c.dialect) : null;
  const g = tfDialect ? tfDialect.geometry : poolGeometry(c.mode, c.input, c.options!, c.rank);
  const ref = referencePool(g, x);
  // The public entry: the PyTorch-style function, or computePoolGeometry on the dialect result
  // (convkit's layout, as the other engines here are given it).
  const kept = engineTensor(xt);
  const pub = (engineName: 'auto' | 'reference', out?: Float32Array, input: typeof xt | typeof kept = xt): Float32Array => (tfDialect
    ? computePoolGeometry(tfDialect, input, { layout: 'convkit', engine: engineName, out }).data
    : (c.mode === 'max' ? maxPool2d : avgPool2d)(input, { ...c.options!, engine: engineName, out }).data);
  // A caller pooling again and again hands in one result buffer (the out option) instead of a fresh array per call.
  const reused = new Float32Array(ref.length);
  // TF.js: channels last, converted once; the timed call is the op plus reading its result.
  const last = c.rank === 3 ? [0, 2, 3, 4, 1] : [0, 2, 3, 1];
  const xTf = tf.tensor(permute(x, c.input, last), last.map((i) => c.input[i]));
  const outLast = last.map((i) => g.outputShape[i]);
  const back = c.rank === 3 ? [0, 4, 1, 2, 3] : [0, 3, 1, 2];
  const tfRun = (): Float32Array => { const y = c.tfjs(xTf); const d = y.dataSync() as Float32Array; y.dispose(); return d; };
  // The kernel alone: input already in wasm memory, tables written, one thread.
  const plan = planPool(g, 1);
  const kernelRun = (): void => {
    engine.ensure(plan.bytes);
    for (const t of plan.tasks) runTask(engine.kernels, t, plan.scratchPtr, false);
  };
  const runs = [
    { name: 'reference', run: () => pub('reference') },
    { name: 'fast-1t', run: () => engine.runJob(poolJob(g, x), 1) },
    { name: 'fast-2t', run: () => pub('auto') },
    { name: 'fast-2t-out', run: () => pub('auto', reused) },
    { name: 'fast-2t-async', run: () => runPoolAsync(g, x, 'auto') },
    { name: 'fast-2t-kept', run: () => pub('auto', undefined, kept) },
    { name: 'fast-2t-kept-out', run: () => pub('auto', reused, kept) },
    { name: 'tfjs-wasm', run: tfRun },
  ];
  const outs: Record<string, Float32Array> = {};
  for (const rn of runs) outs[rn.name] = await rn.run();
  outs['tfjs-wasm'] = permute(outs['tfjs-wasm'], outLast, back);
  const times = await timeAll(runs, budgetMs, batchMs);
  // Set up once (the timed loop then leaves the input in place), after the calls above used the memory.
  engine.ensure(plan.bytes);
  new Float32Array(engine.memory.buffer, plan.inPtr, x.length).set(x);
  plan.writeTables(engine.memory.buffer as ArrayBuffer);
  kernelRun();
  outs['kernel-1t'] = new Float32Array(engine.memory.buffer, plan.outPtr, plan.outLength).slice();
  const kt = await timeAll([{ name: 'kernel-1t', run: kernelRun }], budgetMs / 4);
  times.set('kernel-1t', kt.get('kernel-1t')!);
  xTf.dispose();
  kept.release();
  const res: Result = { id: c.id, label: c.label, engines: {} };
  for (const n of NAMES) {
    const t = times.get(n)!;
    res.engines[n] = { ms: t.median, bestMs: t.best, relErr: relErr(outs[n], ref) };
  }
  results.push(res);
  console.log(`(${c.id}) ${c.label}: ` + NAMES.map((n) => `${n} ${res.engines[n].ms.toFixed(3)} ms`).join(' | '));
}

const probeAfter = freshArrayProbe();
const agree = results.every((c) => Object.values(c.engines).every((e) => e.relErr <= 1e-5));
const lines: string[] = [];
lines.push('# Pooling: fast engine vs reference and TensorFlow.js WASM');
lines.push('');
lines.push(`- command: \`npx tsx bench/pooling.ts${args.length ? ' ' + args.join(' ') : ''}\``);
lines.push(`- machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores; Node ${process.version}; ${new Date().toISOString()}; 1-min load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (the machine is shared)`);
lines.push('- engines: `reference` = the public function with `engine: \'reference\'`; `fast-1t` = the fast engine on the calling thread; `fast-2t` = the public entry (`maxPool2d` / `avgPool2d`, or `computePoolGeometry` on the `fromTensorFlowPool` result; engine \'auto\', pool of 2 threads); `fast-2t-out` = the same public entry with `out`, one result buffer reused by every call (checked after the timed calls: each call writes the same values); `fast-2t-async` = the asynchronous entry on 2 threads; `fast-2t-kept` = the public entry on an engine tensor (`engineTensor(x)`, made once: the input stays in wasm memory as TF.js keeps its tensor in its heap; a fresh result array per call, as TF.js `dataSync` gives); `fast-2t-kept-out` = the same into one reused result buffer; `tfjs-wasm` = TensorFlow.js 4.22 WASM (XNNPACK, SIMD, single-threaded in Node; NHWC, its layout), op + `dataSync`; `kernel-1t` = the fast kernel alone on one thread, input already in wasm memory and no result array (where the time of a call goes)');
lines.push("- every call but `fast-2t-out`'s returns a fresh Float32Array (convkit copies the input into wasm memory, except from an engine tensor, and the result out; TF.js keeps its input in its heap and copies the result out into a fresh array: `dataSync` has no way to reuse one). Like for like with TF.js: `fast-2t-kept`");
lines.push(`- outputs checked against the reference engine: ${agree ? 'all agree within 1e-5 of the output scale (max pooling: exactly)' : 'DISAGREEMENT, see relErr in the JSON'}`);
lines.push(probeLine(probeBefore, probeAfter));
lines.push(`- medians of interleaved batches (bench/timing.ts) of at least ${batchMs} ms of calls each, ms per call`);
lines.push('');
lines.push('| case | ' + NAMES.join(' | ') + ' | fast-2t vs reference | fast-2t vs tfjs-wasm | fast-2t-kept vs tfjs-wasm | fast-1t vs tfjs-wasm |');
lines.push('|' + '---|'.repeat(NAMES.length + 5));
for (const c of results) {
  const e = c.engines;
  const ratio = (a: string, b: string): string => `${(e[b].ms / e[a].ms).toFixed(1)}×`;
  lines.push(`| (${c.id}) ${c.label} | ` + NAMES.map((n) => e[n].ms.toFixed(3)).join(' | ') + ` | ${ratio('fast-2t', 'reference')} | ${ratio('fast-2t', 'tfjs-wasm')} | ${ratio('fast-2t-kept', 'tfjs-wasm')} | ${ratio('fast-1t', 'tfjs-wasm')} |`);
}
lines.push('');
lines.push('Ratios are speed-ups (other time / convkit time): > 1 means convkit is faster. Best batches, same run:');
lines.push('');
lines.push('| case | ' + NAMES.join(' | ') + ' |');
lines.push('|' + '---|'.repeat(NAMES.length + 1));
for (const c of results) lines.push(`| (${c.id}) | ` + NAMES.map((n) => c.engines[n].bestMs.toFixed(3)).join(' | ') + ' |');
const md = lines.join('\n');
console.log('\n' + md);
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL(`${outName}.json`, dir), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, cores: availableParallelism(), loadavg: { start: loadBefore, end: loadavg()[0] }, freshArrayProbeMs: { before: probeBefore, after: probeAfter }, results }, null, 2) + '\n');
writeFileSync(new URL(`${outName}-run.md`, dir), md + '\n');
console.log(`\nwrote bench/results/${outName}.json and ${outName}-run.md`);
engine.setThreads(1);
