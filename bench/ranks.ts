/**
 * `npx tsx bench/ranks.ts`: the fast engine on 1-D and 3-D convolutions (the main benchmark's
 * cases are all 2-D), against TensorFlow.js (WASM where it has the kernel, else CPU) and ONNX
 * Runtime, in one process with the same interleaved timing and agreement check. Writes
 * results/ranks.json and .md.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import type * as tfTypes from './peers/tfjs.js';

try { setFlagsFromString('--experimental-wasm-relaxed-simd'); } catch { /* flag unknown: fine */ }
(await import('./peers/installed.js')).requirePeers('bench/ranks.ts');
const { initTfjs, tf } = await import('./peers/tfjs.js'); // no wasm compiled by this import: the flag above still applies
const { permute } = await import('./peers/permute.js');
const { ortConvPeer } = await import('./peers/ort.js');
const { measurePeak } = await import('./peak.js');
const { relErr, rng, timeAll } = await import('./timing.js');
const { conv, convTranspose } = await import('../src/index.js');
const { wasmEngine } = await import('../src/engine/wasm/engine.js');
const { referenceConv } = await import('../src/engine/reference/conv.js');
const { convGeometry, convTransposeGeometry } = await import('../src/geometry/torch.js');

interface RankCase {
  id: string;
  label: string;
  input: number[];
  weight: number[];
  stride: number;
  padding: number;
  transposed: boolean;
  groups?: number;
}

const CASES: RankCase[] = [
  { id: 'r1', label: 'conv1d 64→64 L8192 k3 p1', input: [1, 64, 8192], weight: [64, 64, 3], stride: 1, padding: 1, transposed: false },
  { id: 'r2', label: 'conv1d 32→64 L16000 k8 s2 p3', input: [1, 32, 16000], weight: [64, 32, 8], stride: 2, padding: 3, transposed: false },
  { id: 'r3', label: 'conv3d 32→32 16×28×28 k3 p1', input: [1, 32, 16, 28, 28], weight: [32, 32, 3, 3, 3], stride: 1, padding: 1, transposed: false },
  { id: 'r4', label: 'convTranspose3d 32→16 8×14×14→16×28×28 k4 s2 p1', input: [1, 32, 8, 14, 14], weight: [32, 16, 4, 4, 4], stride: 2, padding: 1, transposed: true },
  // TF.js has no grouped conv3d: ONNX Runtime is the only peer here.
  { id: 'r5', label: 'depthwise conv3d 64 16×28×28 k3 p1', input: [1, 64, 16, 28, 28], weight: [64, 1, 3, 3, 3], stride: 1, padding: 1, transposed: false, groups: 64 },
];

/** TF.js on one backend for one case (channels-last), or null when the backend lacks the kernel. */
async function tfjsRun(backend: 'wasm' | 'cpu', bc: RankCase, x: Float32Array, w: Float32Array, outShape: number[]): Promise<{ run: () => Float32Array; nchw: (o: Float32Array) => Float32Array } | null> {
  const rank = bc.input.length - 2;
  const kernel = rank === 1 ? 'Conv2D' : bc.transposed ? 'Conv3DBackpropInputV2' : 'Conv3D';
  if ((bc.groups ?? 1) > 1 || !tf.getKernel(kernel, backend)) return null;
  await tf.setBackend(backend);
  await tf.ready();
  const last = (s: number[]): number[] => [0, ...s.slice(2).map((_, i) => i + 2), 1];
  const xs = permute(x, bc.input, last(bc.input));
  const xt = tf.tensor(xs, last(bc.input).map((p) => bc.input[p]));
  // Weights: [O, I, k…] → [k…, I, O]; transposed [I, O, k…] → [k…, O, I].
  const wperm = [...bc.weight.slice(2).map((_, i) => i + 2), 1, 0];
  const wt = tf.tensor(permute(w, bc.weight, wperm), wperm.map((p) => bc.weight[p]));
  const outLast = last(outShape).map((p) => outShape[p]);
  const back = (o: Float32Array): Float32Array => {
    const inv = last(outShape).map((_, i) => last(outShape).indexOf(i));
    return permute(o, outLast, inv);
  };
  const op = (): tfTypes.Tensor => {
    // Every case's padding is what TF's 'same' gives (TF.js conv3d takes nothing else).
    if (rank === 1) return tf.conv1d(xt as tfTypes.Tensor3D, wt as tfTypes.Tensor3D, bc.stride, 'same', 'NWC');
    if (bc.transposed) return tf.conv3dTranspose(xt as tfTypes.Tensor5D, wt as tfTypes.Tensor5D, outLast as [number, number, number, number, number], bc.stride, 'same');
    return tf.conv3d(xt as tfTypes.Tensor5D, wt as tfTypes.Tensor5D, bc.stride, 'same');
  };
  return {
    run() {
      if (tf.getBackend() !== backend) void tf.setBackend(backend);
      const y = op();
      const d = y.dataSync() as Float32Array;
      y.dispose();
      return d;
    },
    nchw: back,
  };
}

const engine = wasmEngine();
if (!engine) throw new Error('convkit fast engine not available (run npm run build:wasm)');
engine.setThreads(2);
await initTfjs();
const peak = measurePeak();
const peak1 = Math.max(peak.mulAdd, peak.fma ?? 0);
const loadBefore = loadavg()[0];

interface Row { id: string; label: string; macs: number; engines: Record<string, { ms: number; best: number; relErr: number }> }
const rows: Row[] = [];
for (const bc of CASES) {
  const r = rng(bc.id.charCodeAt(1));
  const x = Float32Array.from({ length: bc.input.reduce((a, b) => a * b) }, r);
  const w = Float32Array.from({ length: bc.weight.reduce((a, b) => a * b) }, r);
  const opts = { stride: bc.stride, padding: bc.padding, groups: bc.groups ?? 1 };
  const g = (bc.transposed ? convTransposeGeometry : convGeometry)({ inputShape: bc.input, weightShape: bc.weight }, opts);
  const outShape = [...g.outputShape];
  let macs = g.outChannels * (g.inChannels / g.groups);
  for (const a of g.axes) macs *= a.kernel * (g.transposed ? a.input : a.output);
  const ref = referenceConv(g, x, w, null);
  const xt = { shape: bc.input, data: x }, wt = { shape: bc.weight, data: w };
  const call2 = bc.transposed ? () => convTranspose(xt, wt, opts).data : () => conv(xt, wt, opts).data;
  const call1 = () => engine.conv((bc.transposed ? convTransposeGeometry : convGeometry)({ inputShape: bc.input, weightShape: bc.weight }, opts), x, w, null, 1);
  const tfw = await tfjsRun('wasm', bc, x, w, outShape);
  const tfc = await tfjsRun('cpu', bc, x, w, outShape);
  const spec = { ...bc, dilation: 1, outputPadding: 0, groups: bc.groups ?? 1 };
  const o2 = await ortConvPeer(spec, outShape, x, w, null, 2);
  const o1 = await ortConvPeer(spec, outShape, x, w, null, 1);
  const outs: Record<string, Float32Array> = { 'convkit-1t': call1(), 'convkit-2t': call2(), 'ort-2t': await o2.run(), 'ort-1t': await o1.run() };
  const runs: { name: string; run: () => unknown }[] = [{ name: 'convkit-1t', run: call1 }, { name: 'convkit-2t', run: call2 }];
  if (tfw) { outs['tfjs-wasm'] = tfw.nchw(tfw.run()); runs.push({ name: 'tfjs-wasm', run: () => tfw.run() }); }
  const times = await timeAll(runs, 500 * runs.length);
  // TF.js CPU is far slower: timed on its own, with a small budget.
  if (tfc) { outs['tfjs-cpu'] = tfc.nchw(tfc.run()); times.set('tfjs-cpu', (await timeAll([{ name: 'tfjs-cpu', run: () => tfc.run() }], 300)).get('tfjs-cpu')!); }
  // ONNX Runtime apart: its pool spins after each run (see engine.ts).
  for (const [k, v] of await timeAll([{ name: 'ort-2t', run: () => o2.run() }, { name: 'ort-1t', run: () => o1.run() }], 1000)) times.set(k, v);
  o1.dispose(); o2.dispose();
  const engines: Row['engines'] = {};
  for (const [name, t] of times) engines[name] = { ms: t.median, best: t.best, relErr: relErr(outs[name], ref) };
  rows.push({ id: bc.id, label: bc.label, macs, engines });
  console.log(`(${bc.id}) ${bc.label}: ` + [...times].map(([n, t]) => `${n} ${t.median.toFixed(3)} ms`).join(' | '));
}

const gf = (row: Row, n: string): number => (2 * row.macs) / (row.engines[n].ms * 1e6);
const agrees = (row: Row, n: string): boolean => row.engines[n].relErr <= 1e-4;
// A peer whose output disagrees with the reference gets no ratio: its time is not for the same result.
const ratio = (row: Row, a: string, b: string): string => (!row.engines[b] ? '—' : !agrees(row, b) ? 'wrong result' : `${(row.engines[b].ms / row.engines[a].ms).toFixed(2)}×`);
const cell = (row: Row, n: string): string => (!row.engines[n] ? '—' : `${row.engines[n].ms.toFixed(3)}${agrees(row, n) ? '' : ` ✗ (error ${row.engines[n].relErr.toExponential(1)} of the output scale)`}`);
const disagreeing = rows.flatMap((row) => Object.keys(row.engines).filter((n) => !agrees(row, n)).map((n) => `(${row.id}) ${n}`));
const lines = [
  '# convkit fast engine: 1-D and 3-D',
  '',
  `- machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores; Node ${process.version}; ${new Date().toISOString()}; 1-min load ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
  `- WebAssembly SIMD peak, 1 core: ${peak1.toFixed(1)} GFLOP/s; medians of interleaved batches; GFLOP/s = 2·MACs/time (transposed: MACs by input positions)`,
  `- every output checked against convkit's reference engine (1e-4 of the output scale): ${disagreeing.length === 0 ? 'all agree' : `all agree except ${disagreeing.join(', ')} (marked ✗, no ratio)`}`,
  '- TF.js takes only \'same\'/\'valid\' for conv3d: every case\'s padding is what \'same\' gives',
  '',
  '| case | convkit-1t ms (GF/s) | convkit-2t ms (GF/s) | tfjs-wasm ms | tfjs-cpu ms | ort-2t ms | ort-1t ms | 2t vs tfjs-wasm | 2t vs tfjs-cpu | 2t vs ort-2t | 1t % peak |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map((row) => {
    const e = row.engines;
    return `| (${row.id}) ${row.label} | ${e['convkit-1t'].ms.toFixed(3)} (${gf(row, 'convkit-1t').toFixed(1)}) | ${e['convkit-2t'].ms.toFixed(3)} (${gf(row, 'convkit-2t').toFixed(1)}) | ` +
      `${cell(row, 'tfjs-wasm')} | ${cell(row, 'tfjs-cpu')} | ${cell(row, 'ort-2t')} | ${cell(row, 'ort-1t')} | ` +
      `${ratio(row, 'convkit-2t', 'tfjs-wasm')} | ${ratio(row, 'convkit-2t', 'tfjs-cpu')} | ${ratio(row, 'convkit-2t', 'ort-2t')} | ${((100 * gf(row, 'convkit-1t')) / peak1).toFixed(0)}% |`;
  }),
];
const md = lines.join('\n');
console.log('\n' + md);
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('ranks.json', dir), JSON.stringify({ date: new Date().toISOString(), peak, rows }, null, 2) + '\n');
writeFileSync(new URL('ranks.md', dir), md + '\n');
engine.setThreads(1);
