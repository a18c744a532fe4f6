/**
 * fromTensorFlow({ dialect: 'tfjs' }) against TensorFlow.js 4.22 (tfjs-core + the CPU backend): random
 * conv1d / conv2d (NHWC and NCHW, batched and not) / conv3d / depthwiseConv2d / conv2dTranspose /
 * conv3dTranspose calls with 'same', 'valid', numeric and explicit pads, dilations, strides and
 * dimRoundingMode. The inputs and filters are moved into convkit's layouts with the adapter's
 * permutations, run by the reference engine, moved back, and compared (1e-4 of the output's scale).
 * Both must refuse the same calls, except where tfjs returns a malformed result (an output size ≤ 0,
 * or a transposed outputShape that does not convolve back to the input), which convkit refuses.
 */
import { describe, expect, it } from 'vitest';
import { fromTensorFlow, type TensorFlowConvSpec, type TfRounding } from '../../src/geometry/tensorflow.js';
import { toConvkitInput, toConvkitWeight, toFrameworkOutput } from '../../src/geometry/dialect-result.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { ConvError } from '../../src/geometry/errors.js';
import { relError, rng } from './rng.js';

type Tf = typeof import('@tensorflow/tfjs-core');
let tf: Tf | null = null;
let loadError = '';
try {
  tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
} catch (e) {
  tf = null;
  loadError = String(e);
}

const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);
type Kind = 'conv1d' | 'conv2d' | 'conv3d' | 'depthwise' | 'conv2dTranspose' | 'conv3dTranspose';
interface Case {
  kind: Kind;
  spec: TensorFlowConvSpec;
}

/** Calls the tfjs op the spec describes; returns its output shape and values. */
function runTfjs(c: Case, x: Float32Array, w: Float32Array): { shape: number[]; data: Float32Array } {
  const t = tf!;
  const s = c.spec;
  return t.tidy(() => {
    const xt = t.tensor(x, [...s.inputShape]);
    const wt = t.tensor(w, [...s.filterShape]);
    const pad = (typeof s.padding === 'string' ? s.padding.toLowerCase() : s.padding) as never;
    const strides = (s.strides ?? 1) as never;
    const dilations = (s.dilations ?? 1) as never;
    const round = (s.dimRoundingMode === 'trunc' ? undefined : s.dimRoundingMode) as never;
    let y: unknown;
    switch (c.kind) {
      case 'conv1d':
        y = t.conv1d(xt as never, wt as never, strides, pad, 'NWC', dilations, round);
        break;
      case 'conv2d':
        y = t.conv2d(xt as never, wt as never, strides, pad, (s.dataFormat ?? 'NHWC') as never, dilations, round);
        break;
      case 'conv3d':
        y = t.conv3d(xt as never, wt as never, strides, pad, 'NDHWC', dilations);
        break;
      case 'depthwise':
        y = t.depthwiseConv2d(xt as never, wt as never, strides, pad, 'NHWC', dilations, round);
        break;
      case 'conv2dTranspose':
        y = t.conv2dTranspose(xt as never, wt as never, s.outputShape as never, strides, pad, round);
        break;
      case 'conv3dTranspose':
        y = t.conv3dTranspose(xt as never, wt as never, s.outputShape as never, strides, pad);
        break;
    }
    const out = y as { shape: number[]; dataSync(): ArrayLike<number> };
    return { shape: out.shape, data: Float32Array.from(out.dataSync()) };
  });
}

function randomCase(r: ReturnType<typeof rng>): Case {
  const kind = r.pick<Kind>(['conv1d', 'conv2d', 'conv2d', 'conv2d', 'conv3d', 'depthwise', 'conv2dTranspose', 'conv2dTranspose', 'conv3dTranspose']);
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
  return { kind, spec };
}

function check(c: Case, seed: number): string {
  const r = rng(seed * 13 + 5);
  const x = r.data(prod(c.spec.inputShape));
  const w = r.data(prod(c.spec.filterShape));
  let peer: { shape: number[]; data: Float32Array } | null = null;
  let peerError = '';
  try {
    peer = runTfjs(c, x, w);
  } catch (e) {
    peerError = String(e).slice(0, 200);
  }
  let ours: ReturnType<typeof fromTensorFlow> | null = null;
  let ourError: ConvError | null = null;
  try {
    ours = fromTensorFlow(c.spec);
  } catch (e) {
    if (!(e instanceof ConvError)) throw e;
    ourError = e;
  }
  const tag = `${c.kind} ${JSON.stringify(c.spec)}`;
  if (!ours) {
    if (!peer) return 'refused';
    // tfjs accepted: only acceptable where its result is malformed (documented divergences).
    const malformed = peer.shape.some((d) => d <= 0) || Array.from(peer.data).some((v) => Number.isNaN(v));
    const droppedRows = ourError!.code === 'OUTPUT_SIZE';
    if (!malformed && !droppedRows) throw new Error(`disagree on ${tag}: convkit refuses (${ourError!.code}: ${ourError!.message}) but tfjs returns shape [${peer.shape}]`);
    return 'tfjs-malformed';
  }
  if (!peer) throw new Error(`disagree on ${tag}: convkit accepts but tfjs throws ${peerError}`);
  expect({ tag, shape: ours.frameworkOutputShape }).toEqual({ tag, shape: peer.shape });
  const y = referenceConv(ours.geometry, toConvkitInput(ours, x), toConvkitWeight(ours, w), null);
  const err = relError(toFrameworkOutput(ours, y), peer.data);
  expect({ tag, err: err < 1e-4 ? 'ok' : err }).toEqual({ tag, err: 'ok' });
  return 'computed';
}

describe.skipIf(!tf)(`fromTensorFlow (tfjs) vs TensorFlow.js CPU ${loadError}`, () => {
  it('150 random calls agree (shape, values within 1e-4, refusals)', () => {
    const r = rng(777);
    const tally: Record<string, number> = {};
    for (let i = 0; i < 150; i++) {
      const c = randomCase(r);
      const outcome = check(c, i);
      const k = `${c.kind}:${outcome}`;
      tally[k] = (tally[k] ?? 0) + 1;
    }
    if (process.env.DIALECTS_TALLY) console.log(tally);
    const computed = Object.entries(tally).filter(([k]) => k.endsWith(':computed')).reduce((a, [, n]) => a + n, 0);
    expect(computed).toBeGreaterThan(90);
    for (const kind of ['conv1d', 'conv2d', 'conv3d', 'depthwise', 'conv2dTranspose', 'conv3dTranspose']) expect(tally[`${kind}:computed`] ?? 0).toBeGreaterThan(3);
  });

  it("the 'tf' dialect (SAME/VALID/explicit) computes what tfjs computes where TF and tfjs share rules", () => {
    // 2-D and 1-D ops with keywords or explicit pads and the default rounding: TF's arithmetic (§3.1, §3.5).
    const r = rng(4242);
    let compared = 0;
    for (let i = 0; i < 400 && compared < 40; i++) {
      const c = randomCase(r);
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
      expect(check({ kind: c.kind, spec: tfSpec }, 2000 + i)).toBe('computed');
      compared++;
    }
    expect(compared).toBe(40);
  });

  it('worked examples run by tfjs: SAME K=3 s=2, trunc 3.5 → 3, conv3d unclamped same, transposed crops', () => {
    const cases: Case[] = [
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
    expect(cases.map((c, i) => check(c, 1000 + i))).toEqual(cases.map(() => 'computed'));
  });
});
