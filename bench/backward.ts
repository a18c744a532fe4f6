/**
 * `npx tsx bench/backward.ts`: the backward pass of cases (a), (b), (h), (i) (bench/cases.ts) — the
 * input, weight and bias gradients — on convkit's fast engine (calling thread only, the public
 * sync API on the 2-thread pool, and the async API), against the forward conv of the same case
 * and against the peers' gradients, in one process; every result is checked against convkit's
 * reference engine. Writes bench/results/backward.md (+ .json).
 *
 * Peers (bench/node_modules): TensorFlow.js registers no gradient functions without its umbrella
 * package, so its gradient kernels are called as tf.grad would call them:
 * - input gradient: conv2dTranspose (Conv2DBackpropInput) for a conv, conv2d for a transposed conv;
 * - weight gradient: the Conv2DBackpropFilter kernel on CPU; the WASM backend has no such kernel
 *   (tf.grad of a conv2d fails there), so on WASM it is Conv3DBackpropFilterV2 with depth 1 — the
 *   kernel tf.grad of conv3d uses — over an input padded once outside the timed call (conv3d
 *   takes only 'same'/'valid'), which is the most favourable way to run it;
 * - bias gradient: tf.sum over N, H, W.
 * ONNX Runtime (inference only) has no gradient ops; it runs the input gradient as what it is, a
 * ConvTranspose (conv) or Conv (transposed conv) of gradOutput, and has no weight gradient.
 *
 * Usage: npx tsx bench/backward.ts [--cases a,b,h,i] [--budget-ms N] [--out name] [--async-worker off]
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

try { setFlagsFromString('--experimental-wasm-relaxed-simd'); } catch { /* flag unknown: fine */ }

(await import('./peers/installed.js')).requirePeers('npx tsx bench/backward.ts');
const { CASES, macs, outputShape } = await import('./cases.js');
const { cpuTime, relErr, rng, timeAll } = await import('./timing.js');
const { initTfjs, tf, tfjsPeer } = await import('./peers/tfjs.js');
const { ortConvPeer, ortPeer } = await import('./peers/ort.js');
const { permute } = await import('./peers/permute.js');
const { freshArrayProbe, probeLine, settleAllocator } = await import('./allocator-state.js');
const api = await import('../src/index.js');
const { wasmEngine } = await import('../src/engine/wasm/engine.js');
const { loadedFeatures } = await import('../src/engine/wasm/runtime.js');
type BenchCase = import('./cases.js').BenchCase;

const args = process.argv.slice(2);
const argOf = (k: string): string | undefined => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const only = (argOf('--cases') ?? 'a,b,h,i').split(',');
const budgetMs = Number(argOf('--budget-ms') ?? 300);
const outName = argOf('--out') ?? 'backward';
/** The pool's async worker (bench/results/async-threads.md): 'off' times the pool without it. */
const asyncWorker = argOf('--async-worker') !== 'off';

const engine = wasmEngine();
if (!engine) throw new Error('convkit fast engine not available (run npm run build:wasm)');
const features = loadedFeatures()!;
engine.setThreads(2, { asyncWorker });
await initTfjs();

/**
 * "1t": the same public call with the engine's workers detached for its duration, so every engine
 * call of it (input gradient, weight gradient, forward) stays on the calling thread. The workers
 * are quiesced first: a worker may still be finishing a task the caller stole from it (a sync
 * call returns once every task is done, by whoever), and a detached engine would not wait for it
 * before rewriting the task table (the worker then ran a half-written task: "memory access out of
 * bounds", and the run went on with one thread).
 */
function oneThread<T>(f: () => T): () => T {
  return () => {
    const r = engine!.runner;
    r?.quiesce();
    engine!.runner = null;
    try { return f(); } finally { engine!.runner = r; }
  };
}

const NAMES = ['fwd', 'dx', 'dW', 'db'] as const;
/** fwdDirect: the forward on the GEMM path (algorithm 'direct'), where 'auto' picks Winograd. */
type Grad = (typeof NAMES)[number] | 'fwdDirect';
interface Cell { ms: number; best: number; relErr: number }
/** cpuDx: one-thread CPU time per input-gradient call (ms), convkit and TF.js WASM (timing.ts cpuTime). */
interface CaseResult { id: string; label: string; macs: number; cells: Record<string, Partial<Record<Grad, Cell>>>; cpuDx?: { convkit: number; tfjsWasm: number } }
const results: CaseResult[] = [];
const loadBefore = loadavg()[0];

/** Engine tensors of a case, released when the run ends. */
const releaseAfter: { release(): void }[] = [];

await settleAllocator();
const probeBefore = freshArrayProbe();

const toNhwc = (d: Float32Array, s: number[]): Float32Array => permute(d, s, [0, 2, 3, 1]);
const fromNhwc = (d: Float32Array, [n, c, h, w]: number[]): Float32Array => permute(d, [n, h, w, c], [0, 3, 1, 2]);

for (const bc of CASES) {
  if (!only.includes(bc.id)) continue;
  const r = rng(bc.id.charCodeAt(0) + 7);
  const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
  const oshape = outputShape(bc);
  const x = Float32Array.from({ length: size(bc.input) }, r);
  const w = Float32Array.from({ length: size(bc.weight) }, r);
  const gy = Float32Array.from({ length: size(oshape) }, r);
  const bias = Float32Array.from({ length: oshape[1] }, r);
  const xt = { shape: [...bc.input], data: x }, wt = { shape: [...bc.weight], data: w }, gyt = { shape: [...oshape], data: gy };
  const opts = { stride: bc.stride, padding: bc.padding, dilation: bc.dilation, groups: bc.groups, ...(bc.transposed ? { outputPadding: bc.outputPadding } : {}) };
  const back = bc.transposed ? api.convTranspose2dBackward : api.conv2dBackward;
  const backAsync = bc.transposed ? api.convTranspose2dBackwardAsync : api.conv2dBackwardAsync;
  const fwd = bc.transposed ? () => api.convTranspose2d(xt, wt, opts).data : () => api.conv2d(xt, wt, opts).data;
  const fwdAsync = bc.transposed ? async () => (await api.convTranspose2dAsync(xt, wt, opts)).data : async () => (await api.conv2dAsync(xt, wt, opts)).data;
  const only1 = (g: Grad) => ({ ...opts, bias: { shape: [bias.length], data: bias }, gradients: { input: g === 'dx', weight: g === 'dW', bias: g === 'db' } });
  const pick = (g: Grad, res: { input: { data: Float32Array } | null; weight: { data: Float32Array } | null; bias: { data: Float32Array } | null }): Float32Array =>
    (g === 'dx' ? res.input : g === 'dW' ? res.weight : res.bias)!.data;
  const grad = (g: Grad) => () => pick(g, back(xt, wt, gyt, only1(g)));
  const gradAsync = (g: Grad) => async () => pick(g, await backAsync(xt, wt, gyt, only1(g)));

  // The truth: convkit's reference engine (float64 sums).
  const refAll = back(xt, wt, gyt, { ...opts, bias: { shape: [bias.length], data: bias }, engine: 'reference', gradients: { input: true, weight: true, bias: true } });
  const ref: Record<(typeof NAMES)[number], Float32Array> = {
    fwd: (bc.transposed ? api.convTranspose2d(xt, wt, { ...opts, engine: 'reference' }) : api.conv2d(xt, wt, { ...opts, engine: 'reference' })).data,
    dx: refAll.input!.data, dW: refAll.weight!.data, db: refAll.bias!.data,
  };

  // TF.js (NHWC; weights HWIO, or [kh, kw, out, in] for transposed — as bench/peers/tfjs.ts).
  const [, c, h, wd] = bc.input;
  const [wa, wb, kh, kw] = bc.weight;
  const [, oc, oh, ow] = oshape;
  const hw = permute(w, bc.weight, [2, 3, 1, 0]);
  const gyN = toNhwc(gy, oshape), xN = toNhwc(x, bc.input);
  interface TfRuns { fwd: () => Float32Array; dx: () => Float32Array; dW: () => Float32Array; db: () => Float32Array; dispose(): void }
  async function tfRuns(backend: 'wasm' | 'cpu'): Promise<TfRuns> {
    const peer = await tfjsPeer(backend, bc, x, w);
    const X = tf.tensor4d(xN, [1, h, wd, c]);
    const DY = tf.tensor4d(gyN, [1, oh, ow, oc]);
    const W = tf.tensor4d(hw, [kh, kw, wb, wa]);
    const p = bc.padding;
    // The weight gradient's conv: over x for a conv, over gradOutput for a transposed conv.
    const [convIn, convInShape, convDy, filterShape] = bc.transposed
      ? [DY, [1, oh, ow, oc], X, [kh, kw, oc, c]] as const
      : [X, [1, h, wd, c], DY, [kh, kw, c, oc]] as const;
    let padded: import('./peers/tfjs.js').Tensor | null = null;
    if (backend === 'wasm') {
      const t = tf.pad(convIn, [[0, 0], [p, p], [p, p], [0, 0]]);
      padded = tf.reshape(t, [1, 1, convInShape[1] + 2 * p, convInShape[2] + 2 * p, convInShape[3]]);
      t.dispose();
    }
    const dy5 = backend === 'wasm' ? tf.reshape(convDy, [1, 1, ...convDy.shape.slice(1)]) : null;
    const read = (t: import('./peers/tfjs.js').Tensor): Float32Array => {
      if (tf.getBackend() !== backend) void tf.setBackend(backend);
      const d = t.dataSync() as Float32Array;
      t.dispose();
      return d;
    };
    const on = (): void => { if (tf.getBackend() !== backend) void tf.setBackend(backend); };
    return {
      fwd: () => peer.run(),
      dx: () => {
        on();
        return read(bc.transposed ? tf.conv2d(DY, W, bc.stride, p, 'NHWC', 1) : tf.conv2dTranspose(DY, W, [1, h, wd, c], bc.stride, p));
      },
      dW: () => {
        on();
        if (backend === 'wasm') {
          return read(tf.engine().runKernel('Conv3DBackpropFilterV2', { x: padded!, dy: dy5! }, { strides: [1, bc.stride, bc.stride], pad: 'valid', filterShape: [1, ...filterShape] }));
        }
        return read(tf.engine().runKernel('Conv2DBackpropFilter', { x: convIn, dy: convDy }, { strides: bc.stride, pad: p, dataFormat: 'NHWC', filterShape: [...filterShape] }));
      },
      db: () => { on(); return read(tf.sum(DY, [0, 1, 2])); },
      dispose() { peer.dispose(); for (const t of [X, DY, W, padded, dy5]) t?.dispose(); },
    };
  }
  const tfw = await tfRuns('wasm');
  const tfc = await tfRuns('cpu');
  const tfNchw: Record<(typeof NAMES)[number], (d: Float32Array) => Float32Array> = {
    fwd: (d) => fromNhwc(d, oshape),
    dx: (d) => fromNhwc(d, bc.input),
    dW: (d) => permute(d, [kh, kw, bc.transposed ? oc : c, bc.transposed ? c : oc], [3, 2, 0, 1]),
    db: (d) => d,
  };

  // ONNX Runtime: the forward conv, and the input gradient as the conv it is.
  const gradSpec = { input: oshape, weight: bc.weight, stride: bc.stride, padding: bc.padding, dilation: bc.dilation, groups: bc.groups, transposed: !bc.transposed,
    // A ConvTranspose back to the input's extent: the cells past the last window ((I + 2p − Ke) mod s).
    outputPadding: bc.transposed ? 0 : (bc.input[2] + 2 * bc.padding - bc.dilation * (bc.weight[2] - 1) - 1) % bc.stride };

  // convkit runs, interleaved with TF.js WASM (every engine sees the same background load).
  const runs: { name: string; grad: Grad; run: () => unknown }[] = [];
  const check: { name: string; grad: Grad; out: () => Promise<Float32Array> }[] = [];
  const add = (name: string, g: Grad, run: () => unknown, nchw: (d: Float32Array) => Float32Array = (d) => d): void => {
    runs.push({ name, grad: g, run });
    check.push({ name, grad: g, out: async () => nchw((await run()) as Float32Array) });
  };
  // The forward conv on the GEMM path too ('direct'), where the build has the algorithm option:
  // 'auto' runs (a)'s 3×3 stride-1 forward as Winograd, while the weight gradient is a GEMM.
  let fwdDirect: (() => Float32Array) | null = null;
  if (!bc.transposed) {
    try {
      const o = { ...opts, algorithm: 'direct' } as typeof opts;
      api.conv2d(xt, wt, o);
      fwdDirect = () => api.conv2d(xt, wt, o).data;
    } catch { /* no algorithm option in this build */ }
  }
  if (fwdDirect) {
    runs.push({ name: 'convkit-1t', grad: 'fwdDirect' as Grad, run: oneThread(fwdDirect) }, { name: 'convkit-2t', grad: 'fwdDirect' as Grad, run: fwdDirect });
    for (const name of ['convkit-1t', 'convkit-2t']) check.push({ name, grad: 'fwdDirect', out: async () => fwdDirect!() });
  }
  add('convkit-1t', 'fwd', oneThread(fwd));
  add('convkit-2t', 'fwd', fwd);
  add('convkit-async', 'fwd', fwdAsync);
  for (const g of ['dx', 'dW'] as const) {
    add('convkit-1t', g, oneThread(grad(g)));
    add('convkit-2t', g, grad(g));
    add('convkit-async', g, gradAsync(g));
  }
  add('convkit-2t', 'db', grad('db'));
  // The same sync calls writing into buffers reused call after call (the out option), as a loop
  // that runs a layer again and again would: no fresh result array per call.
  const fwdBuf = new Float32Array(size(oshape)), dxBuf = new Float32Array(x.length), dwBuf = new Float32Array(w.length);
  add('convkit-2t-out', 'fwd', bc.transposed ? () => api.convTranspose2d(xt, wt, { ...opts, out: fwdBuf }).data : () => api.conv2d(xt, wt, { ...opts, out: fwdBuf }).data);
  add('convkit-2t-out', 'dx', () => back(xt, wt, gyt, { ...only1('dx'), out: { input: dxBuf } }).input!.data);
  add('convkit-2t-out', 'dW', () => back(xt, wt, gyt, { ...only1('dW'), out: { weight: dwBuf } }).weight!.data);
  // The operands kept in the engine's memory (engine tensors), as TF.js's are in its heap, and a
  // fresh result array per call, as its dataSync returns: the like-for-like column.
  const kx = api.engineTensor(xt), kgy = api.engineTensor(gyt);
  add('convkit-2t-kept', 'fwd', bc.transposed ? () => api.convTranspose2d(kx, wt, opts).data : () => api.conv2d(kx, wt, opts).data);
  for (const g of ['dx', 'dW'] as const) add('convkit-2t-kept', g, () => pick(g, back(kx, wt, kgy, only1(g))));
  for (const g of NAMES) add('tfjs-wasm', g, tfw[g], tfNchw[g]);
  releaseAfter.push(kx, kgy);
  const res: CaseResult = { id: bc.id, label: bc.label, macs: macs(bc), cells: {} };
  const put = (name: string, g: Grad, t: { median: number; best: number }, err: number): void => {
    (res.cells[name] ??= {})[g] = { ms: t.median, best: t.best, relErr: err };
  };
  const errs = new Map<string, number>();
  for (const k of check) errs.set(`${k.name}/${k.grad}`, relErr(await k.out(), ref[k.grad === 'fwdDirect' ? 'fwd' : k.grad]));
  const key = (r: { name: string; grad: Grad }): string => `${r.name}/${r.grad}`;
  const times = await timeAll(runs.map((r) => ({ name: key(r), run: r.run })), budgetMs * runs.length);
  for (const r of runs) put(r.name, r.grad, times.get(key(r))!, errs.get(key(r))!);
  // TF.js CPU is far slower: timed on its own, with a smaller budget; a call over half a second
  // (its weight gradient takes tens of seconds) is timed once, by the call that checks it.
  const cpuRuns: { name: string; run: () => unknown }[] = [];
  for (const g of NAMES) {
    const t0 = performance.now();
    const out = tfc[g]();
    const once = performance.now() - t0;
    const err = relErr(tfNchw[g](out), ref[g]);
    if (once > 500) put('tfjs-cpu', g, { median: once, best: once }, err);
    else { errs.set(`tfjs-cpu/${g}`, err); cpuRuns.push({ name: `tfjs-cpu/${g}`, run: tfc[g] }); }
  }
  const cpuTimes = await timeAll(cpuRuns, budgetMs * 2);
  for (const r of cpuRuns) put('tfjs-cpu', r.name.split('/')[1] as Grad, cpuTimes.get(r.name)!, errs.get(r.name)!);
  // The input gradient's CPU time on one thread, convkit's and TF.js WASM's: whether a run's
  // TF.js wall time is its work or its wait for a core (the machine is shared).
  engine.setThreads(1);
  res.cpuDx = { convkit: await cpuTime(grad('dx')), tfjsWasm: await cpuTime(tfw.dx) };
  engine.setThreads(2, { asyncWorker });
  tfw.dispose(); tfc.dispose();
  // ONNX Runtime last and on its own (its pool spins on the other core after each run).
  const ortRuns: { name: string; run: () => Promise<Float32Array> }[] = [];
  for (const t of [2, 1]) {
    const f = await ortPeer(bc, x, w, null, t);
    const d = await ortConvPeer(gradSpec, bc.input, gy, w, null, t);
    ortRuns.push({ name: `ort-${t}t/fwd`, run: () => f.run() }, { name: `ort-${t}t/dx`, run: () => d.run() });
  }
  const ortErr = new Map<string, number>();
  for (const o of ortRuns) ortErr.set(o.name, relErr(await o.run(), ref[o.name.endsWith('dx') ? 'dx' : 'fwd']));
  const ortTimes = await timeAll(ortRuns, budgetMs * ortRuns.length);
  for (const o of ortRuns) {
    const [name, g] = o.name.split('/') as [string, Grad];
    put(name, g, ortTimes.get(o.name)!, ortErr.get(o.name)!);
  }
  results.push(res);
  console.log(`(${bc.id}) ${bc.label}: ` + Object.entries(res.cells).map(([n, cs]) => `${n} ` + Object.entries(cs).map(([g, v]) => `${g} ${v!.ms.toFixed(2)}`).join(' ')).join(' | '));
}

// ---- report ----
const probeAfter = freshArrayProbe();
for (const t of releaseAfter) t.release();
const ENGINES = ['convkit-1t', 'convkit-2t', 'convkit-2t-out', 'convkit-2t-kept', 'convkit-async', 'tfjs-wasm', 'tfjs-cpu', 'ort-2t', 'ort-1t'];
const wrong = results.flatMap((c) => Object.entries(c.cells).flatMap(([e, cs]) => Object.entries(cs).filter(([, v]) => !(v!.relErr <= 1e-4)).map(([g, v]) => `(${c.id}) ${e} ${g}: ${v!.relErr.toExponential(1)}`)));
const worstOk = Math.max(...results.flatMap((c) => Object.values(c.cells).flatMap((cs) => Object.values(cs).map((v) => v!.relErr).filter((e) => e <= 1e-4))));
/** A peer's time counts in a ratio only when its result is right. */
const right = (c: CaseResult, e: string, g: Grad): boolean => (c.cells[e]?.[g]?.relErr ?? Infinity) <= 1e-4;
/** a / b as every table writes a ratio. */
const q = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
/** A case's median (`m`) and best-batch (`b`) ms of engine e's gradient g. */
const timesOf = (c: CaseResult) => ({ m: (e: string, g: Grad): number => c.cells[e]![g]!.ms, b: (e: string, g: Grad): number => c.cells[e]![g]!.best });
const lines: string[] = [];
lines.push('# convkit backward-pass benchmark');
lines.push('');
lines.push(`- machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores; Node ${process.version}; ${new Date().toISOString()}; 1-min load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (the machine is shared)`);
lines.push(`- convkit kernels: ${features.relaxed ? 'relaxed-SIMD FMA' : 'SIMD mul+add'}; threads: ${engine.runner?.threads ?? 1}, async worker ${asyncWorker ? 'on' : 'off (--async-worker off)'}${engine.runner?.stoppedReason ? ` (of 2: a worker stopped, ${engine.runner.stoppedReason}; the 2t columns are then 1-thread numbers)` : ''}`);
lines.push('- command: `npx tsx bench/backward.ts` (medians of interleaved batches; batch 1, float32)');
lines.push('- fwd = the forward conv, dx = input gradient, dW = weight gradient, db = bias gradient; each timed alone (convkit: `gradients` picks one)');
lines.push('- convkit-1t: the public sync call kept on the calling thread; convkit-2t: the public sync call on the 2-thread pool; convkit-2t-out: the same with the `out` option, one result buffer reused by every call (TF.js `dataSync` always returns a fresh array); convkit-2t-kept: the sync call on 2 threads with input and gradOutput as engine tensors (`engineTensor`, kept in the engine\'s memory as TF.js tensors are in its heap) and a fresh result array, i.e. what the TF.js column does; convkit-async: the public async call (`conv2dBackwardAsync` …), 2 threads');
lines.push(probeLine(probeBefore, probeAfter));
lines.push('- TF.js CPU calls over 0.5 s (its weight gradient) are timed once; everything else is the median of interleaved batches');
lines.push('- TF.js: Conv2DBackpropInput / conv2d for dx; Conv2DBackpropFilter (CPU) and Conv3DBackpropFilterV2 with depth 1 (WASM has no 2-D filter-gradient kernel) for dW; WASM single-threaded in Node. ONNX Runtime: dx as a ConvTranspose / Conv of gradOutput; no weight gradient (inference only)');
lines.push(`- every result checked against convkit's reference engine: all within ${worstOk.toExponential(1)} of the output's scale${wrong.length ? `, except (marked ✗, left out of the ratios) ${wrong.join('; ')}` : ''}`);
if (wrong.some((w) => w.includes('tfjs-wasm dW'))) lines.push("- TF.js WASM's Conv3DBackpropFilterV2 gives wrong numbers with a stride (it disagrees with TF.js CPU's on a 9×9 stride-2 probe too), so TF.js WASM has no correct weight gradient for (b), (h), (i)");
lines.push('');
lines.push('Median ms:');
lines.push('');
lines.push('| case | grad | ' + ENGINES.join(' | ') + ' |');
lines.push('|' + '---|'.repeat(ENGINES.length + 2));
for (const c of results) {
  for (const g of ['fwd', 'fwdDirect', 'dx', 'dW', 'db'] as Grad[]) {
    if (!c.cells['convkit-2t']?.[g]) continue;
    lines.push(`| (${c.id}) ${g === 'fwd' ? c.label : ''} | ${g === 'fwdDirect' ? 'fwd (GEMM)' : g} | ` + ENGINES.map((e) => { const v = c.cells[e]?.[g]; return v ? `${v.ms.toFixed(2)}${v.relErr <= 1e-4 ? '' : ' ✗'}` : '—'; }).join(' | ') + ' |');
  }
}
lines.push('');
lines.push('Bars (issue 12): dx ≤ 1.25× the forward conv, dW ≤ 2× the forward conv (same engine and threads), and ≥ 2× TF.js WASM on both (convkit-2t: both cores). fwd is the forward as `auto` runs it (Winograd for (a) where the build has it); fwd (GEMM) the same conv with algorithm \'direct\', the multiply-add path the weight gradient uses.');
lines.push('');
lines.push('| case | dx/fwd 1t | dx/fwd 2t | dx/fwd async | dW/fwd 1t | dW/fwd 2t | dW/fwd async | dW / fwd (GEMM) 1t, 2t | tfjs-wasm dx / convkit-2t dx | tfjs-wasm dW / convkit-2t dW | 1t: tfjs-wasm dx / dx, dW / dW | bars (2t) |');
lines.push('|' + '---|'.repeat(12));
for (const c of results) {
  const { m } = timesOf(c);
  const dxF = m('convkit-2t', 'dx') / m('convkit-2t', 'fwd'), dwF = m('convkit-2t', 'dW') / m('convkit-2t', 'fwd');
  const vx = right(c, 'tfjs-wasm', 'dx') ? m('tfjs-wasm', 'dx') / m('convkit-2t', 'dx') : NaN;
  const vw = right(c, 'tfjs-wasm', 'dW') ? m('tfjs-wasm', 'dW') / m('convkit-2t', 'dW') : NaN;
  const r2 = (v: number): string => (Number.isNaN(v) ? '✗ (peer wrong)' : `${v.toFixed(2)}×`);
  const ok = (b: boolean): string => (b ? 'holds' : 'MISSED');
  lines.push(`| (${c.id}) | ${q(m('convkit-1t', 'dx'), m('convkit-1t', 'fwd'))} | ${dxF.toFixed(2)}× | ${q(m('convkit-async', 'dx'), m('convkit-async', 'fwd'))} | ${q(m('convkit-1t', 'dW'), m('convkit-1t', 'fwd'))} | ${dwF.toFixed(2)}× | ${q(m('convkit-async', 'dW'), m('convkit-async', 'fwd'))}` +
    ` | ${c.cells['convkit-2t']!.fwdDirect ? `${q(m('convkit-1t', 'dW'), m('convkit-1t', 'fwdDirect'))}, ${q(m('convkit-2t', 'dW'), m('convkit-2t', 'fwdDirect'))}` : '—'}` +
    ` | ${r2(vx)} | ${r2(vw)} | ${r2(m('tfjs-wasm', 'dx') / m('convkit-1t', 'dx'))}, ${right(c, 'tfjs-wasm', 'dW') ? q(m('tfjs-wasm', 'dW'), m('convkit-1t', 'dW')) : '✗'}` +
    ` | dx/fwd ${ok(dxF <= 1.25)}, dW/fwd ${ok(dwF <= 2)}, dx vs tfjs-wasm ${ok(vx >= 2)}, dW vs tfjs-wasm ${Number.isNaN(vw) ? 'no correct peer' : ok(vw >= 2)} |`);
}
lines.push('');
lines.push('The same ratios from the best batch of each (least disturbed by the shared machine), same run:');
lines.push('');
lines.push('| case | dx/fwd 1t | dx/fwd 2t | dW/fwd 1t | dW/fwd 2t | dW / fwd (GEMM) 1t, 2t | tfjs-wasm dx / convkit-2t dx | tfjs-wasm dW / convkit-2t dW |');
lines.push('|' + '---|'.repeat(8));
for (const c of results) {
  const { b } = timesOf(c);
  const direct = c.cells['convkit-2t']!.fwdDirect ? `${q(b('convkit-1t', 'dW'), b('convkit-1t', 'fwdDirect'))}, ${q(b('convkit-2t', 'dW'), b('convkit-2t', 'fwdDirect'))}` : '—';
  lines.push(`| (${c.id}) | ${q(b('convkit-1t', 'dx'), b('convkit-1t', 'fwd'))} | ${q(b('convkit-2t', 'dx'), b('convkit-2t', 'fwd'))} | ${q(b('convkit-1t', 'dW'), b('convkit-1t', 'fwd'))} | ${q(b('convkit-2t', 'dW'), b('convkit-2t', 'fwd'))} | ${direct} | ${q(b('tfjs-wasm', 'dx'), b('convkit-2t', 'dx'))} | ${right(c, 'tfjs-wasm', 'dW') ? q(b('tfjs-wasm', 'dW'), b('convkit-2t', 'dW')) : '✗ (peer wrong)'} |`);
}
lines.push('');
lines.push('Like for like with TF.js (convkit-2t-kept: operands kept in the engine, fresh results), and the bar ≥ 2× TF.js WASM on it:');
lines.push('');
lines.push('| case | dx/fwd | dW/fwd | tfjs-wasm dx / dx | tfjs-wasm dW / dW | dx vs tfjs-wasm (kept) |');
lines.push('|' + '---|'.repeat(6));
for (const c of results) {
  const { m } = timesOf(c);
  const vx = right(c, 'tfjs-wasm', 'dx') ? m('tfjs-wasm', 'dx') / m('convkit-2t-kept', 'dx') : NaN;
  lines.push(`| (${c.id}) | ${q(m('convkit-2t-kept', 'dx'), m('convkit-2t-kept', 'fwd'))} | ${q(m('convkit-2t-kept', 'dW'), m('convkit-2t-kept', 'fwd'))} | ${Number.isNaN(vx) ? '✗ (peer wrong)' : `${vx.toFixed(2)}×`} | ${right(c, 'tfjs-wasm', 'dW') ? q(m('tfjs-wasm', 'dW'), m('convkit-2t-kept', 'dW')) : '✗ (peer wrong)'} | ${vx >= 2 ? 'holds' : 'MISSED'} |`);
}
lines.push('');
lines.push("One thread, CPU time per input-gradient call (ms; median of batches; a thread's wait for a core is not in it), beside the same calls' wall time above:");
lines.push('');
lines.push('| case | convkit dx CPU | tfjs-wasm dx CPU | tfjs-wasm / convkit (CPU) | tfjs-wasm dx wall / CPU |');
lines.push('|' + '---|'.repeat(5));
for (const c of results) {
  if (!c.cpuDx) continue;
  const { convkit, tfjsWasm } = c.cpuDx;
  lines.push(`| (${c.id}) | ${convkit.toFixed(2)} | ${tfjsWasm.toFixed(2)} | ${(tfjsWasm / convkit).toFixed(2)}× | ${(c.cells['tfjs-wasm']!.dx!.ms / tfjsWasm).toFixed(2)} |`);
}
lines.push('');
lines.push('With reused result buffers (convkit-2t-out; the forward with `out` too):');
lines.push('');
lines.push('| case | dx/fwd | dW/fwd | tfjs-wasm dx / dx | tfjs-wasm dW / dW |');
lines.push('|' + '---|'.repeat(5));
for (const c of results) {
  const { m } = timesOf(c);
  lines.push(`| (${c.id}) | ${q(m('convkit-2t-out', 'dx'), m('convkit-2t-out', 'fwd'))} | ${q(m('convkit-2t-out', 'dW'), m('convkit-2t-out', 'fwd'))} | ${right(c, 'tfjs-wasm', 'dx') ? q(m('tfjs-wasm', 'dx'), m('convkit-2t-out', 'dx')) : '✗ (peer wrong)'} | ${right(c, 'tfjs-wasm', 'dW') ? q(m('tfjs-wasm', 'dW'), m('convkit-2t-out', 'dW')) : '✗ (peer wrong)'} |`);
}
const md = lines.join('\n');
console.log('\n' + md);
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL(`${outName}.md`, dir), md + '\n');
writeFileSync(new URL(`${outName}.json`, dir), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, loadavg: { start: loadBefore, end: loadavg()[0] }, features, freshArrayProbeMs: { before: probeBefore, after: probeAfter }, results }, null, 2) + '\n');
console.log(`\nwrote bench/results/${outName}.md and .json`);
engine.setThreads(1);
process.exit(0);
