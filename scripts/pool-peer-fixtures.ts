/**
 * Writes the pooling peer fixtures, by running the peers (the pooling counterpart of
 * scripts/peer-fixtures.ts, whose conventions it follows):
 *
 *   test/fixtures/dialects/pool-onnxruntime-peer.json  ONNX Runtime (CPU) on random and hand-picked
 *                                                      AveragePool / MaxPool nodes
 *   test/fixtures/dialects/pool-tfjs-peer.json         TensorFlow.js (CPU backend) on random and
 *                                                      hand-picked avgPool / maxPool / avgPool3d / maxPool3d calls
 *
 * Read by test/dialects/pool-peers.test.ts. The peers are bench/'s dependencies:
 *
 *   npm run bench:setup && npx tsx scripts/pool-peer-fixtures.ts
 *
 * Cases are drawn by seeded generators (test/dialects/rng.ts), so a rerun writes the same cases; each
 * keeps its input and the peer's output or refusal (`w` is empty: pooling has no weight).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { OnnxAutoPad } from '../src/geometry/onnx.js';
import type { OnnxPoolSpec } from '../src/geometry/onnx-pool.js';
import { fromTensorFlowPool, type TensorFlowPoolSpec } from '../src/geometry/tensorflow-pool.js';
import { loadPeer, peerVersion, requirePeers } from '../bench/peers/installed.js';
import type { Ort } from './peer-fixtures.js';
import { loadTfjsCpu } from './peer-fixtures.js';
import { oneNodeModel, type OnnxAttr } from '../test/dialects/onnx-model.js';
import { rng } from '../test/dialects/rng.js';
import { encodeF32, FIXTURE_DIR, type PeerCase, type PeerFixture, type PeerResult } from '../test/dialects/peer-fixtures.js';

const GENERATOR = 'npx tsx scripts/pool-peer-fixtures.ts';
const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);
type Rng = ReturnType<typeof rng>;

export type OrtPoolCase = PeerCase<OnnxPoolSpec>;
export type TfjsPoolCase = PeerCase<TensorFlowPoolSpec>;

/** One case per line, so a regenerated fixture diffs case by case. */
function write(name: string, value: PeerFixture<unknown>): void {
  const groups = Object.entries(value.groups).map(([g, cs]) => `  ${JSON.stringify(g)}: [\n${(cs as unknown[]).map((c) => `   ${JSON.stringify(c)}`).join(',\n')}\n  ]`);
  const text = `{\n "generator": ${JSON.stringify(value.generator)},\n "peer": ${JSON.stringify(value.peer)},\n "groups": {\n${groups.join(',\n')}\n }\n}\n`;
  if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(value)) throw new Error(`${name}: the formatted JSON does not read back as the value`);
  writeFileSync(new URL(name, FIXTURE_DIR), text);
  console.log(`wrote test/fixtures/dialects/${name} (${(text.length / 1024).toFixed(0)} kB)`);
}

// ---------------------------------------------------------------- a one-node ONNX model, Y = op(X)

/** The one-node ONNX model of a pooling spec (attributes in the spec's order, only those given). */
function poolModel(spec: OnnxPoolSpec): Uint8Array {
  const attrs: OnnxAttr[] = [];
  if (spec.auto_pad) attrs.push({ name: 'auto_pad', s: spec.auto_pad });
  for (const name of ['kernel_shape', 'pads', 'strides', 'dilations'] as const) {
    const v = spec[name];
    if (v) attrs.push({ name, ints: [...v] });
  }
  for (const name of ['ceil_mode', 'count_include_pad', 'storage_order'] as const) {
    const v = spec[name];
    if (v !== undefined) attrs.push({ name, i: v });
  }
  return oneNodeModel(spec.op, [{ name: 'X', shape: spec.xShape }], attrs);
}

export async function runOrt(ort: Ort, spec: OnnxPoolSpec, x: Float32Array): Promise<PeerResult> {
  let session: Awaited<ReturnType<Ort['InferenceSession']['create']>> | null = null;
  try {
    session = await ort.InferenceSession.create(poolModel(spec), { logSeverityLevel: 4 });
    const out = await session.run({ X: new ort.Tensor('float32', x, [...spec.xShape]) });
    return { refused: false, shape: out.Y.dims.map(Number), y: encodeF32(Float32Array.from(out.Y.data as Float32Array)) };
  } catch (e) {
    return { refused: true, reason: String(e).slice(0, 200) };
  } finally {
    await session?.release();
  }
}

/** A random node: every auto_pad, asymmetric pads up to the kernel, strides, dilations, ceil_mode, count_include_pad. */
function randomOnnxPool(r: Rng, op: OnnxPoolSpec['op']): OnnxPoolSpec {
  const rank = r.pick([1, 2, 2, 2, 3]);
  const kernel = Array.from({ length: rank }, () => r.int(1, rank === 3 ? 3 : 4));
  const autoPad: OnnxAutoPad = r.pick(['NOTSET', 'NOTSET', 'NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID']);
  const spec: OnnxPoolSpec = {
    op,
    xShape: [r.int(1, 2), r.int(1, 3), ...Array.from({ length: rank }, () => r.int(1, rank === 3 ? 6 : 9))],
    kernel_shape: kernel,
    strides: Array.from({ length: rank }, () => r.int(1, 3)),
  };
  if (autoPad !== 'NOTSET' || r.next() < 0.3) spec.auto_pad = autoPad;
  if (r.next() < 0.5) spec.dilations = Array.from({ length: rank }, () => r.int(1, 2));
  if (autoPad === 'NOTSET') spec.pads = Array.from({ length: 2 * rank }, (_, i) => (r.next() < 0.05 ? kernel[i % rank] : r.int(0, Math.max(0, kernel[i % rank] - 1))));
  if (r.next() < 0.4) spec.ceil_mode = 1;
  if (op === 'AveragePool' && r.next() < 0.5) spec.count_include_pad = r.int(0, 1);
  return spec;
}

async function ortCase(ort: Ort, spec: OnnxPoolSpec, seed: number): Promise<OrtPoolCase> {
  const x = rng(seed * 11 + 3).data(prod(spec.xShape));
  return { spec, x: encodeF32(x), w: '', peer: await runOrt(ort, spec, x) };
}

export async function onnxRuntimePoolFixture(ort: Ort): Promise<PeerFixture<OrtPoolCase>> {
  const groups: Record<string, OrtPoolCase[]> = {};
  for (const op of ['AveragePool', 'MaxPool'] as const) {
    const r = rng(op === 'AveragePool' ? 1313 : 1414);
    groups[`random ${op}`] = [];
    for (let i = 0; i < 80; i++) groups[`random ${op}`].push(await ortCase(ort, randomOnnxPool(r, op), i));
  }
  // What PyTorch's options cannot say: SAME, asymmetric and large pads, dilated averages, counted
  // pads with those, ceil mode with pads; and the rules ORT refuses.
  const x5 = { xShape: [1, 1, 5, 5] as number[] };
  const worked: OnnxPoolSpec[] = [];
  for (const op of ['AveragePool', 'MaxPool'] as const) {
    const avg = op === 'AveragePool';
    worked.push(
      { op, ...x5, kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_UPPER' },
      { op, ...x5, kernel_shape: [2, 2], auto_pad: 'SAME_LOWER' },
      { op, ...x5, kernel_shape: [3, 3], pads: [2, 0, 1, 2] },
      { op, ...x5, kernel_shape: [3, 3], dilations: [2, 2], pads: [1, 1, 1, 1] },
      { op, ...x5, kernel_shape: [3, 3], strides: [2, 2], pads: [2, 2, 2, 2], ceil_mode: 1 },
      { op, xShape: [1, 1, 7], kernel_shape: [2], strides: [3], dilations: [2], auto_pad: 'SAME_UPPER' },
      { op, xShape: [1, 1, 7], kernel_shape: [3], strides: [2], dilations: [2], ceil_mode: 1, pads: [1, 2] },
    );
    if (avg) {
      worked.push(
        { op, ...x5, kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_UPPER', count_include_pad: 1 },
        { op, ...x5, kernel_shape: [3, 3], pads: [2, 0, 1, 2], count_include_pad: 1 },
        { op, ...x5, kernel_shape: [3, 3], dilations: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 },
        { op, ...x5, kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], ceil_mode: 1, count_include_pad: 1 },
        { op, xShape: [1, 1, 8], kernel_shape: [3], strides: [3], pads: [0, 1], ceil_mode: 1, count_include_pad: 1 },
      );
    }
  }
  // The spec forbids auto_pad with pads; ORT's pools run it and ignore pads (its Conv refuses it).
  worked.push({ op: 'AveragePool', ...x5, kernel_shape: [2, 2], auto_pad: 'SAME_UPPER', pads: [1, 1, 1, 1] });
  groups['worked examples'] = [];
  for (const [i, spec] of worked.entries()) groups['worked examples'].push(await ortCase(ort, spec, 300 + i));
  const refusals: OnnxPoolSpec[] = [
    { op: 'MaxPool', ...x5, kernel_shape: [3, 3], pads: [3, 0, 0, 0] },
    { op: 'AveragePool', ...x5, kernel_shape: [2, 2], pads: [0, 0, 0, 2] },
    { op: 'MaxPool', ...x5, kernel_shape: [2, 2], pads: [-1, 0, 0, 0] },
    { op: 'MaxPool', ...x5, kernel_shape: [6, 6] },
    { op: 'AveragePool', ...x5, kernel_shape: [3, 3], dilations: [3, 3] },
    { op: 'MaxPool', ...x5, kernel_shape: [2, 2], strides: [0, 1] },
  ];
  groups.refusals = [];
  for (const [i, spec] of refusals.entries()) groups.refusals.push(await ortCase(ort, spec, 400 + i));
  // Windows up to s − 1 cells past the padded input (6 cells: 5 and pads [1, 0]) still count once,
  // in both modes; one cell more gives none. Pairs: the longest kernel that counts, then one tap
  // more; the largest dilation of a 3-tap kernel that counts, then one more.
  const overrun: OnnxPoolSpec[] = [];
  for (const op of ['AveragePool', 'MaxPool'] as const) for (const ceil_mode of [0, 1]) for (const s of [2, 3]) {
    const base = { op, xShape: [1, 1, 5], strides: [s], pads: [1, 0], ceil_mode };
    const k = 6 + s - 1;
    const d = Math.floor((6 + s - 2) / 2);
    overrun.push({ ...base, kernel_shape: [k] }, { ...base, kernel_shape: [k + 1] }, { ...base, kernel_shape: [3], dilations: [d] }, { ...base, kernel_shape: [3], dilations: [d + 1] });
  }
  groups['window past the end'] = [];
  for (const [i, spec] of overrun.entries()) groups['window past the end'].push(await ortCase(ort, spec, 500 + i));
  return { generator: GENERATOR, peer: `onnxruntime-node ${peerVersion('onnxruntime-node')} (CPU execution provider)`, groups };
}

// ---------------------------------------------------------------- TensorFlow.js: pooling calls

interface TfTensor {
  shape: number[];
  dataSync(): ArrayLike<number>;
}
type TfOp = (...args: unknown[]) => TfTensor;
export interface TfPool {
  tidy<T>(fn: () => T): T;
  tensor(data: Float32Array, shape: number[]): TfTensor;
  avgPool: TfOp;
  maxPool: TfOp;
  avgPool3d: TfOp;
  maxPool3d: TfOp;
}

function runTfjs(tf: TfPool, s: TensorFlowPoolSpec, x: Float32Array): PeerResult {
  try {
    return tf.tidy(() => {
      const xt = tf.tensor(x, [...s.inputShape]);
      const pad = typeof s.padding === 'string' ? s.padding.toLowerCase() : s.padding;
      const strides = s.strides ?? s.poolSize;
      const round = s.dimRoundingMode === 'trunc' ? undefined : s.dimRoundingMode;
      const three = s.poolSize !== undefined && Array.isArray(s.poolSize) && s.poolSize.length === 3;
      const fn = s.op === 'avg' ? (three ? tf.avgPool3d : tf.avgPool) : three ? tf.maxPool3d : tf.maxPool;
      const y = fn(xt, s.poolSize, strides, pad, round);
      return { refused: false as const, shape: [...y.shape], y: encodeF32(Float32Array.from(y.dataSync())) };
    });
  } catch (e) {
    return { refused: true, reason: String(e).slice(0, 200) };
  }
}

/** A random tfjs call: 2-D (batched or not) and 3-D, 'same' / 'valid' / a number / explicit pairs, dimRoundingMode. */
function randomTfjsPool(r: Rng): TensorFlowPoolSpec {
  const rank = r.pick([2, 2, 2, 3]);
  const poolSize = Array.from({ length: rank }, () => r.int(1, rank === 3 ? 3 : 4));
  const strides = Array.from({ length: rank }, () => r.int(1, 3));
  const input = Array.from({ length: rank }, () => r.int(1, rank === 3 ? 6 : 9));
  const C = r.int(1, 3);
  const batched = rank === 3 || r.next() < 0.8;
  const pk = r.pick(rank === 3 ? ['same', 'valid', 'num'] : ['same', 'valid', 'num', 'explicit']);
  let padding: TensorFlowPoolSpec['padding'];
  if (pk === 'num') padding = r.int(0, 2);
  else if (pk === 'explicit') {
    const pairs = Array.from({ length: rank }, () => [r.int(0, 2), r.int(0, 2)]);
    padding = [[0, 0], ...pairs, [0, 0]];
  } else padding = pk;
  const spec: TensorFlowPoolSpec = {
    dialect: 'tfjs',
    op: r.pick(['avg', 'max'] as const),
    inputShape: batched ? [r.int(1, 2), ...input, C] : [...input, C],
    poolSize,
    strides,
    padding,
  };
  if ((pk === 'num' || pk === 'explicit') && rank === 2 && r.next() < 0.6) spec.dimRoundingMode = r.pick(['floor', 'round', 'ceil'] as const);
  return spec;
}

function tfjsCase(tf: TfPool, spec: TensorFlowPoolSpec, seed: number): TfjsPoolCase {
  const x = rng(seed * 17 + 9).data(prod(spec.inputShape));
  return { spec, x: encodeF32(x), w: '', peer: runTfjs(tf, spec, x) };
}

export function tfjsPoolFixture(tf: TfPool): PeerFixture<TfjsPoolCase> {
  const groups: Record<string, TfjsPoolCase[]> = {};
  const r = rng(9191);
  groups.random = [];
  for (let i = 0; i < 120; i++) groups.random.push(tfjsCase(tf, randomTfjsPool(r), i));
  // The 'tf' and 'keras' dialects where their rules are tfjs's: keyword padding, batched, no rounding mode.
  groups['tf and keras dialects'] = [];
  const r2 = rng(9292);
  for (let i = 0; i < 400 && groups['tf and keras dialects'].length < 40; i++) {
    const s = randomTfjsPool(r2);
    // 2-D only: tfjs's 3-D SAME leaves a negative total unclamped, TF and Keras clamp it.
    if (typeof s.padding !== 'string' || s.poolSize.length !== 2 || s.inputShape.length !== 4) continue;
    const dialect = i % 2 === 0 ? 'tf' : 'keras';
    const spec: TensorFlowPoolSpec = { ...s, dialect, padding: dialect === 'tf' ? s.padding.toUpperCase() : s.padding };
    try {
      fromTensorFlowPool(spec);
    } catch {
      continue;
    }
    groups['tf and keras dialects'].push(tfjsCase(tf, spec, 2000 + i));
  }
  const worked: TensorFlowPoolSpec[] = [
    // SAME averages leave the padding out; tfjs 3-D SAME does not clamp its padding at 0; rounding modes.
    { dialect: 'tfjs', op: 'avg', inputShape: [1, 5, 5, 1], poolSize: [3, 3], strides: [2, 2], padding: 'same' },
    { dialect: 'tfjs', op: 'avg', inputShape: [1, 4, 4, 1], poolSize: [2, 2], strides: [1, 1], padding: 'same' },
    { dialect: 'tfjs', op: 'max', inputShape: [1, 6, 1, 1, 1], poolSize: [1, 1, 1], strides: [4, 1, 1], padding: 'same' },
    { dialect: 'tfjs', op: 'avg', inputShape: [1, 6, 1, 1, 1], poolSize: [1, 1, 1], strides: [4, 1, 1], padding: 'same' },
    { dialect: 'tfjs', op: 'avg', inputShape: [1, 8, 8, 1], poolSize: [3, 3], strides: [2, 2], padding: 1, dimRoundingMode: 'ceil' },
    { dialect: 'tfjs', op: 'max', inputShape: [1, 8, 8, 1], poolSize: [3, 3], strides: [2, 2], padding: 0, dimRoundingMode: 'round' },
    { dialect: 'tfjs', op: 'avg', inputShape: [1, 6, 6, 1], poolSize: [3, 2], strides: [1, 2], padding: 1 },
    { dialect: 'tfjs', op: 'avg', inputShape: [1, 5, 5, 1], poolSize: [3, 3], strides: [1, 1], padding: [[0, 0], [2, 0], [0, 2], [0, 0]] },
    { dialect: 'tf', op: 'avg', inputShape: [1, 5, 5, 1], poolSize: [2, 2], strides: [2, 2], padding: 'SAME' },
    { dialect: 'keras', op: 'avg', inputShape: [1, 5, 5, 1], poolSize: [2, 2], padding: 'same' },
  ];
  groups['worked examples'] = worked.map((s, i) => tfjsCase(tf, s, 500 + i));
  return { generator: GENERATOR, peer: `@tensorflow/tfjs-core ${peerVersion('@tensorflow/tfjs-core')} (cpu backend)`, groups };
}

async function main(): Promise<void> {
  requirePeers(GENERATOR, ['onnxruntime-node', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu']);
  write('pool-onnxruntime-peer.json', await onnxRuntimePoolFixture(loadPeer<Ort>('onnxruntime-node')));
  write('pool-tfjs-peer.json', tfjsPoolFixture((await loadTfjsCpu()) as unknown as TfPool));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
