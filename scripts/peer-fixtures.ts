/**
 * Writes the peer fixtures the default test suite compares convkit with, by running the peers:
 *
 *   test/fixtures/dialects/onnxruntime-peer.json  ONNX Runtime (CPU) on random and hand-picked Conv /
 *                                                 ConvTranspose nodes (test/dialects/onnxruntime-peer.test.ts)
 *   test/fixtures/dialects/tfjs-peer.json         TensorFlow.js 4.22 (CPU backend) on random and
 *                                                 hand-picked conv calls (test/dialects/tfjs-peer.test.ts)
 *   test/fixtures/dialects/onnxruntime-models.json  ONNX Runtime's output shapes for the exported
 *                                                 models in test/fixtures/onnx/ (test/model/onnx.test.ts)
 *
 * The peers are not in convkit's install; install them once into bench/node_modules:
 *
 *   npm run bench:setup && npm run gen:peer-fixtures     (= npx tsx scripts/peer-fixtures.ts)
 *
 * Every case keeps the inputs the peer was given and what it returned (or its refusal), so the
 * tests need nothing but the fixture and convkit. The cases are drawn by seeded generators
 * (test/dialects/rng.ts): rerunning this script writes the same cases; the values can differ in
 * the last bits where a new peer version or CPU sums in another order. The tests import the
 * generating functions to compare the committed files with the peers where these are installed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fromOnnx, type OnnxAutoPad, type OnnxConvSpec } from '../src/geometry/onnx.js';
import { fromTensorFlow, type TensorFlowConvSpec, type TfRounding } from '../src/geometry/tensorflow.js';
import { onnxToNetwork } from '../src/model/onnx.js';
import { buildNetwork } from '../src/network/build.js';
import { loadPeer, peerVersion, requirePeers } from '../bench/peers/installed.js';
import { convModel, type OnnxAttr } from '../test/dialects/onnx-model.js';
import { rng } from '../test/dialects/rng.js';
import { encodeF32, FIXTURE_DIR, type OrtCase, type OrtModelRecord, type PeerFixture, type PeerResult, type TfjsCase, type TfjsKind } from '../test/dialects/peer-fixtures.js';

const GENERATOR = 'npx tsx scripts/peer-fixtures.ts';
const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);
type Rng = ReturnType<typeof rng>;

/** JSON with one case (or model) per line, so a regenerated fixture diffs case by case. */
function format(value: object): string {
  const object = (o: object, pad: string): string => `{\n${Object.entries(o).map((e) => `${pad} ${field(e, `${pad} `)}`).join(',\n')}\n${pad}}`;
  const field = ([k, v]: [string, unknown], pad: string): string => {
    if (Array.isArray(v)) return `${JSON.stringify(k)}: [\n${v.map((c) => `${pad} ${JSON.stringify(c)}`).join(',\n')}\n${pad}]`;
    if (v && typeof v === 'object') return `${JSON.stringify(k)}: ${object(v, pad)}`;
    return `${JSON.stringify(k)}: ${JSON.stringify(v)}`;
  };
  return `${object(value, '')}\n`;
}

function write(name: string, value: object): void {
  const url = new URL(name, FIXTURE_DIR);
  const text = format(value);
  if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(value)) throw new Error(`${name}: the formatted JSON does not read back as the value`);
  writeFileSync(url, text);
  console.log(`wrote ${url.pathname.replace(/^.*\/test\//, 'test/')} (${(text.length / 1024).toFixed(0)} kB)`);
}

// ---------------------------------------------------------------- ONNX Runtime: Conv / ConvTranspose nodes

/** The part of onnxruntime-node's API used here. */
interface OrtTensor {
  dims: readonly number[];
  data: unknown;
}
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
export interface Ort {
  InferenceSession: { create(model: Uint8Array, options?: object): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
}

function attrsOf(s: OnnxConvSpec): OnnxAttr[] {
  const a: OnnxAttr[] = [];
  if (s.auto_pad) a.push({ name: 'auto_pad', s: s.auto_pad });
  if (s.pads) a.push({ name: 'pads', ints: [...s.pads] });
  if (s.strides) a.push({ name: 'strides', ints: [...s.strides] });
  if (s.dilations) a.push({ name: 'dilations', ints: [...s.dilations] });
  if (s.group !== undefined) a.push({ name: 'group', i: s.group });
  if (s.output_padding) a.push({ name: 'output_padding', ints: [...s.output_padding] });
  if (s.output_shape) a.push({ name: 'output_shape', ints: [...s.output_shape] });
  if (s.kernel_shape) a.push({ name: 'kernel_shape', ints: [...s.kernel_shape] });
  return a;
}

async function runOrt(ort: Ort, s: OnnxConvSpec, x: Float32Array, w: Float32Array): Promise<PeerResult> {
  let session: OrtSession | null = null;
  try {
    session = await ort.InferenceSession.create(convModel(s.op, [...s.xShape], [...s.wShape], attrsOf(s)), { logSeverityLevel: 4 });
    const out = await session.run({ X: new ort.Tensor('float32', x, [...s.xShape]), W: new ort.Tensor('float32', w, [...s.wShape]) });
    return { refused: false, shape: out.Y.dims.map(Number), y: encodeF32(Float32Array.from(out.Y.data as Float32Array)) };
  } catch (e) {
    return { refused: true, reason: String(e).slice(0, 200) };
  } finally {
    await session?.release();
  }
}

/** A random node: every auto_pad, pads (some negative), strides, dilations, groups, output_padding/shape. */
function randomOnnxSpec(r: Rng, op: 'Conv' | 'ConvTranspose'): OnnxConvSpec {
  const rank = r.pick([1, 2, 2, 2, 3]);
  const group = r.pick([1, 1, 2, 3]);
  const cpg = r.int(1, 2);
  const mpg = r.int(1, 2);
  const kernel = Array.from({ length: rank }, () => r.int(1, rank === 3 ? 3 : 4));
  const strides = Array.from({ length: rank }, () => r.int(1, 3));
  const autoPad: OnnxAutoPad = r.pick(['NOTSET', 'NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID']);
  const dilations = Array.from({ length: rank }, () => (autoPad.startsWith('SAME') && op === 'Conv' ? 1 : r.int(1, 2)));
  const input = Array.from({ length: rank }, () => r.int(1, rank === 3 ? 5 : 8));
  const N = r.int(1, 2);
  const spec: OnnxConvSpec = {
    op,
    xShape: [N, group * cpg, ...input],
    wShape: op === 'Conv' ? [group * mpg, cpg, ...kernel] : [group * cpg, mpg, ...kernel],
    auto_pad: autoPad === 'NOTSET' && r.next() < 0.5 ? undefined : autoPad,
    strides,
    dilations,
    group,
  };
  if (autoPad === 'NOTSET') spec.pads = Array.from({ length: 2 * rank }, () => (r.next() < 0.08 ? -1 : r.int(0, 2)));
  if (op === 'ConvTranspose') {
    if (r.next() < 0.4) spec.output_padding = strides.map((s) => r.int(0, s - 1));
    if (r.next() < 0.35) {
      spec.output_shape = input.map((I, i) => {
        const full = (I - 1) * strides[i] + dilations[i] * (kernel[i] - 1) + 1 + (spec.output_padding?.[i] ?? 0);
        return Math.max(1, full - r.int(-1, 3));
      });
    }
  }
  if (spec.auto_pad === undefined) delete spec.auto_pad;
  return spec;
}

async function ortCase(ort: Ort, spec: OnnxConvSpec, seed: number): Promise<OrtCase> {
  const r = rng(seed * 7 + 1);
  const x = r.data(prod(spec.xShape));
  const w = r.data(prod(spec.wShape));
  return { spec, x: encodeF32(x), w: encodeF32(w), peer: await runOrt(ort, spec, x, w) };
}

export async function onnxRuntimeFixture(ort: Ort): Promise<PeerFixture<OrtCase>> {
  const groups: Record<string, OrtCase[]> = {};
  for (const op of ['Conv', 'ConvTranspose'] as const) {
    const r = rng(op === 'Conv' ? 2024 : 4048);
    const cases: OrtCase[] = [];
    for (let i = 0; i < 60; i++) cases.push(await ortCase(ort, randomOnnxSpec(r, op), i));
    groups[`random ${op}`] = cases;
  }
  // Each of these is a rule ONNX Runtime enforces (convkit must refuse them too).
  const conv = { op: 'Conv' as const, xShape: [1, 1, 5], wShape: [1, 1, 3] };
  const convT = { op: 'ConvTranspose' as const, xShape: [1, 1, 4], wShape: [1, 1, 3], strides: [2] };
  const refusals: OnnxConvSpec[] = [
    { ...conv, auto_pad: 'SAME_UPPER', pads: [1, 1] },
    { ...conv, auto_pad: 'VALID', pads: [1, 1] },
    { ...convT, auto_pad: 'SAME_LOWER', pads: [1, 1] },
    { ...conv, kernel_shape: [2] },
    { ...conv, pads: [-1, 0] },
    { ...convT, pads: [0, -1] },
    { ...conv, auto_pad: 'SAME_LOWER', dilations: [2] },
    { ...convT, output_padding: [2] },
    { ...convT, strides: [1], dilations: [2], output_padding: [1] },
    { ...convT, output_shape: [11] },
    { ...convT, group: 2, xShape: [1, 3, 4], wShape: [3, 1, 3] },
    { op: 'Conv', xShape: [1, 4, 5], wShape: [5, 2, 3], group: 2 },
    { op: 'Conv', xShape: [1, 1, 2, 2], wShape: [1, 1, 3, 3] },
  ];
  groups.refusals = [];
  for (const [i, spec] of refusals.entries()) groups.refusals.push(await ortCase(ort, spec, 100 + i));
  // The worked examples of the dialect notes: SAME transposed, output_shape, pads + output_padding,
  // a SAME transposed conv whose full output is shorter than input·stride (ORT gives 7, not 8), and
  // SAME with a negative (unclamped) total (I=7, s=4, K=1).
  const worked: [OnnxConvSpec, number][] = [];
  for (const extra of [{ auto_pad: 'SAME_UPPER' as const }, { auto_pad: 'SAME_LOWER' as const }, { output_shape: [8] }, { output_shape: [10] }, { pads: [1, 1], output_padding: [1] }]) {
    worked.push([{ op: 'ConvTranspose', xShape: [1, 1, 4], wShape: [1, 1, 3], strides: [2], ...extra }, 3]);
  }
  worked.push([{ op: 'ConvTranspose', xShape: [1, 1, 4], wShape: [1, 1, 1], strides: [2], auto_pad: 'SAME_LOWER' }, 4]);
  for (const auto_pad of ['SAME_UPPER', 'SAME_LOWER'] as const) worked.push([{ op: 'Conv', xShape: [1, 1, 7], wShape: [1, 1, 1], strides: [4], auto_pad }, 5]);
  groups['worked examples'] = [];
  for (const [spec, seed] of worked) groups['worked examples'].push(await ortCase(ort, spec, seed));
  return { generator: GENERATOR, peer: `onnxruntime-node ${peerVersion('onnxruntime-node')} (CPU execution provider)`, groups };
}

/** ONNX Runtime's output shapes for the exported models, fed a zero input of convkit's input shape. */
export async function onnxRuntimeModels(ort: Ort): Promise<OrtModelRecord[]> {
  const records: OrtModelRecord[] = [];
  for (const model of ['deeplab_head', 'unet_tiny', 'fpn_tiny']) {
    const bytes = new Uint8Array(readFileSync(new URL(`../test/fixtures/onnx/${model}.onnx`, import.meta.url)));
    const net = buildNetwork(onnxToNetwork(bytes));
    const session = await ort.InferenceSession.create(bytes);
    const shape = [...net.input.shape];
    const out = await session.run({ [net.input.name]: new ort.Tensor('float32', new Float32Array(prod(shape)), shape) });
    records.push({
      model: `${model}.onnx`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      input: { name: net.input.name, shape },
      outputs: session.outputNames.map((name) => ({ name, dims: out[name].dims.map(Number) })),
    });
    await session.release();
  }
  return records;
}

// ---------------------------------------------------------------- TensorFlow.js: conv calls

/** The part of tfjs-core's API used here (tensors are opaque). */
interface TfTensor {
  shape: number[];
  dataSync(): ArrayLike<number>;
}
type TfOp = (...args: unknown[]) => TfTensor;
export interface Tf {
  setBackend(name: string): Promise<boolean>;
  tidy<T>(fn: () => T): T;
  tensor(data: Float32Array, shape: number[]): TfTensor;
  conv1d: TfOp;
  conv2d: TfOp;
  conv3d: TfOp;
  depthwiseConv2d: TfOp;
  conv2dTranspose: TfOp;
  conv3dTranspose: TfOp;
}

/** Calls the tfjs op the spec describes: its output shape and values, or its refusal. */
function runTfjs(tf: Tf, kind: TfjsKind, s: TensorFlowConvSpec, x: Float32Array, w: Float32Array): PeerResult {
  try {
    return tf.tidy(() => {
      const xt = tf.tensor(x, [...s.inputShape]);
      const wt = tf.tensor(w, [...s.filterShape]);
      const pad = typeof s.padding === 'string' ? s.padding.toLowerCase() : s.padding;
      const strides = s.strides ?? 1;
      const dilations = s.dilations ?? 1;
      const round = s.dimRoundingMode === 'trunc' ? undefined : s.dimRoundingMode;
      let y: TfTensor;
      switch (kind) {
        case 'conv1d':
          y = tf.conv1d(xt, wt, strides, pad, 'NWC', dilations, round);
          break;
        case 'conv2d':
          y = tf.conv2d(xt, wt, strides, pad, s.dataFormat ?? 'NHWC', dilations, round);
          break;
        case 'conv3d':
          y = tf.conv3d(xt, wt, strides, pad, 'NDHWC', dilations);
          break;
        case 'depthwise':
          y = tf.depthwiseConv2d(xt, wt, strides, pad, 'NHWC', dilations, round);
          break;
        case 'conv2dTranspose':
          y = tf.conv2dTranspose(xt, wt, s.outputShape, strides, pad, round);
          break;
        case 'conv3dTranspose':
          y = tf.conv3dTranspose(xt, wt, s.outputShape, strides, pad);
          break;
      }
      return { refused: false as const, shape: [...y.shape], y: encodeF32(Float32Array.from(y.dataSync())) };
    });
  } catch (e) {
    return { refused: true, reason: String(e).slice(0, 200) };
  }
}

/**
 * A random call: conv1d / conv2d (NHWC and NCHW, batched and not) / conv3d / depthwiseConv2d /
 * conv2dTranspose / conv3dTranspose with 'same', 'valid', numeric and explicit pads, dilations,
 * strides and dimRoundingMode; mostly valid mixes, some that tfjs refuses.
 */
function randomTfjsCase(r: Rng): { kind: TfjsKind; spec: TensorFlowConvSpec } {
  const kind = r.pick<TfjsKind>(['conv1d', 'conv2d', 'conv2d', 'conv2d', 'conv3d', 'depthwise', 'conv2dTranspose', 'conv2dTranspose', 'conv3dTranspose']);
  const rank = kind === 'conv1d' ? 1 : kind.startsWith('conv3d') ? 3 : 2;
  const small = rank === 3;
  const K = () => r.int(1, small ? 3 : 4);
  const kernel = Array.from({ length: rank }, K);
  const transposed = kind.endsWith('Transpose');
  // Mostly valid stride/dilation mixes; now and then both > 1, which tfjs refuses.
  const mix = r.next();
  let strides = Array.from({ length: rank }, () => r.int(1, 3));
  let dilations = Array.from({ length: rank }, () => r.int(1, 2));
  if (transposed) dilations = dilations.map(() => 1);
  else if (mix < 0.45) dilations = dilations.map(() => 1);
  else if (mix < 0.9) strides = strides.map(() => 1);
  const input = Array.from({ length: rank }, () => r.int(1, small ? 5 : 8));
  const C = r.int(1, 3);
  const OC = r.int(1, 3);
  const batched = rank !== 2 || r.next() < 0.8;
  const N = r.int(1, 2);
  const nchw = kind === 'conv2d' && batched && r.next() < 0.3;
  const inputShape = nchw ? [N, C, ...input] : batched ? [N, ...input, C] : [...input, C];
  // Padding: keywords, numbers (conv1d: only 0) and explicit pairs (2-D ops and conv1d's 4-pair form).
  const padKinds = kind === 'conv3dTranspose' ? ['same', 'valid'] : kind === 'conv3d' ? ['same', 'valid', 'num'] : ['same', 'valid', 'num', 'explicit'];
  const pk = r.pick(padKinds);
  let padding: TensorFlowConvSpec['padding'];
  if (pk === 'num') padding = kind === 'conv1d' ? 0 : r.int(0, 2);
  else if (pk === 'explicit') {
    const pairs = Array.from({ length: rank }, () => [r.int(0, 2), r.int(0, 2)]);
    padding = kind === 'conv1d' ? [[0, 0], [0, 0], pairs[0], [0, 0]] : nchw ? [[0, 0], [0, 0], ...pairs] : [[0, 0], ...pairs, [0, 0]];
  } else padding = pk;
  const dimRoundingMode = (pk === 'num' || pk === 'explicit') && rank === 2 && r.next() < 0.6 ? r.pick<TfRounding>(['floor', 'round', 'ceil']) : undefined;
  const spec: TensorFlowConvSpec = {
    dialect: 'tfjs',
    op: kind === 'depthwise' ? 'depthwise' : transposed ? 'convTranspose' : 'conv',
    inputShape,
    filterShape: kind === 'depthwise' ? [...kernel, C, OC] : [...kernel, transposed ? OC : C, transposed ? C : OC],
    strides: kind === 'conv1d' ? strides[0] : strides,
    dilations: transposed ? undefined : kind === 'conv1d' ? dilations[0] : dilations,
    padding,
    dataFormat: nchw ? 'NCHW' : undefined,
    dimRoundingMode,
  };
  if (transposed) {
    // A size near the admissible range of a forward conv back to `input`.
    const guess = () => input.map((I, i) => Math.max(1, (I - 1) * strides[i] + r.int(0, strides[i] + kernel[i] - 1) - (typeof padding === 'number' ? padding : 0)));
    const withOut = (out: number[]) => (batched ? [N, ...out, OC] : [...out, OC]);
    spec.outputShape = withOut(guess());
    // Mostly sizes that convolve back to the input (found by trying), some arbitrary ones (refusals).
    for (let t = 0; t < 40 && r.next() < 0.97; t++) {
      const o = withOut(guess());
      try {
        fromTensorFlow({ ...spec, outputShape: o });
        spec.outputShape = o;
        break;
      } catch {
        /* try another size */
      }
    }
  }
  // JSON has no undefined: leave unset fields out.
  for (const k of Object.keys(spec) as (keyof TensorFlowConvSpec)[]) if (spec[k] === undefined) delete spec[k];
  return { kind, spec };
}

function tfjsCase(tf: Tf, kind: TfjsKind, spec: TensorFlowConvSpec, seed: number): TfjsCase {
  const r = rng(seed * 13 + 5);
  const x = r.data(prod(spec.inputShape));
  const w = r.data(prod(spec.filterShape));
  return { kind, spec, x: encodeF32(x), w: encodeF32(w), peer: runTfjs(tf, kind, spec, x, w) };
}

export function tfjsFixture(tf: Tf): PeerFixture<TfjsCase> {
  const groups: Record<string, TfjsCase[]> = {};
  {
    const r = rng(777);
    groups.random = [];
    for (let i = 0; i < 150; i++) {
      const c = randomTfjsCase(r);
      groups.random.push(tfjsCase(tf, c.kind, c.spec, i));
    }
  }
  {
    // The 'tf' dialect where TF and tfjs share rules: 2-D and 1-D ops with keywords or explicit pads and
    // the default rounding, which convkit accepts in both dialects; tfjs computes the call.
    const r = rng(4242);
    groups['tf dialect'] = [];
    for (let i = 0; i < 400 && groups['tf dialect'].length < 40; i++) {
      const c = randomTfjsCase(r);
      const s = c.spec;
      const shared = (c.kind === 'conv2d' || c.kind === 'depthwise' || c.kind === 'conv2dTranspose' || c.kind === 'conv1d') && s.dimRoundingMode === undefined && s.inputShape.length === s.filterShape.length;
      if (!shared || typeof s.padding === 'number' || (c.kind === 'conv1d' && Array.isArray(s.padding))) continue;
      const padding = typeof s.padding === 'string' ? s.padding.toUpperCase() : s.padding;
      let tfSpec: TensorFlowConvSpec;
      try {
        fromTensorFlow(s);
        tfSpec = { ...s, dialect: 'tf', padding };
        fromTensorFlow(tfSpec);
      } catch {
        continue;
      }
      groups['tf dialect'].push(tfjsCase(tf, c.kind, tfSpec, 2000 + i));
    }
  }
  const worked: { kind: TfjsKind; spec: TensorFlowConvSpec }[] = [
    // SAME K=3 s=2; trunc 3.5 → 3 (and ceil); numeric pad on one axis; conv3d's unclamped SAME; transposed crops.
    { kind: 'conv1d', spec: { dialect: 'tfjs', op: 'conv', inputShape: [1, 6, 1], filterShape: [3, 1, 1], strides: 2, padding: 'same' } },
    { kind: 'conv2d', spec: { dialect: 'tfjs', op: 'conv', inputShape: [1, 8, 8, 1], filterShape: [3, 3, 1, 1], strides: [2, 2], padding: 0 } },
    { kind: 'conv2d', spec: { dialect: 'tfjs', op: 'conv', inputShape: [1, 8, 8, 1], filterShape: [3, 3, 1, 1], strides: [2, 2], padding: 0, dimRoundingMode: 'ceil' } },
    { kind: 'conv2d', spec: { dialect: 'tfjs', op: 'conv', inputShape: [1, 6, 6, 1], filterShape: [1, 3, 1, 1], padding: 1 } },
    { kind: 'conv1d', spec: { dialect: 'tfjs', op: 'conv', inputShape: [1, 6, 1], filterShape: [3, 1, 1], padding: 0 } },
    { kind: 'conv3d', spec: { dialect: 'tfjs', op: 'conv', inputShape: [1, 6, 1, 1, 1], filterShape: [1, 1, 1, 1, 1], strides: [4, 1, 1], padding: 'same' } },
    { kind: 'conv2dTranspose', spec: { dialect: 'tfjs', op: 'convTranspose', inputShape: [1, 4, 1, 1], filterShape: [3, 1, 1, 1], strides: [2, 1], padding: 'same', outputShape: [1, 7, 1, 1] } },
    { kind: 'conv2dTranspose', spec: { dialect: 'tfjs', op: 'convTranspose', inputShape: [1, 4, 1, 1], filterShape: [3, 1, 1, 1], strides: [2, 1], padding: 'same', outputShape: [1, 8, 1, 1] } },
    // Numeric pad sized by the first axis: W keeps one cell past the full output (a bias-only cell).
    { kind: 'conv2dTranspose', spec: { dialect: 'tfjs', op: 'convTranspose', inputShape: [1, 5, 5, 1], filterShape: [4, 1, 1, 1], padding: 2, outputShape: [1, 4, 4, 1] } },
  ];
  groups['worked examples'] = worked.map((c, i) => tfjsCase(tf, c.kind, c.spec, 1000 + i));
  return { generator: GENERATOR, peer: `@tensorflow/tfjs-core ${peerVersion('@tensorflow/tfjs-core')} + tfjs-backend-cpu ${peerVersion('@tensorflow/tfjs-backend-cpu')}`, groups };
}

/** TensorFlow.js from bench/node_modules with the CPU backend active. */
export async function loadTfjsCpu(): Promise<Tf> {
  const tf = loadPeer<Tf>('@tensorflow/tfjs-core');
  loadPeer('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  return tf;
}

// ---------------------------------------------------------------- main

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const which = process.argv.slice(2);
  const want = (name: string) => which.length === 0 || which.includes(name);
  if (want('onnxruntime') || want('models')) {
    requirePeers('scripts/peer-fixtures.ts', ['onnxruntime-node']);
    const ort = loadPeer<Ort>('onnxruntime-node');
    if (want('onnxruntime')) write('onnxruntime-peer.json', await onnxRuntimeFixture(ort));
    if (want('models')) write('onnxruntime-models.json', { generator: GENERATOR, peer: `onnxruntime-node ${peerVersion('onnxruntime-node')}`, models: await onnxRuntimeModels(ort) });
  }
  if (want('tfjs')) {
    requirePeers('scripts/peer-fixtures.ts', ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu']);
    write('tfjs-peer.json', tfjsFixture(await loadTfjsCpu()));
  }
}
