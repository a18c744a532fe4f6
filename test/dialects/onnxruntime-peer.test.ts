/**
 * fromOnnx against ONNX Runtime (onnxruntime-node, CPU): random Conv / ConvTranspose nodes with every
 * auto_pad, pads (including negative ones ORT accepts), strides, dilations, groups, output_padding and
 * output_shape. For each, either both refuse, or the shapes match exactly and convkit's reference
 * engine (run on the adapter's geometry) matches ORT's values within 1e-4 of the output's scale.
 */
import { describe, expect, it } from 'vitest';
import { fromOnnx, type OnnxAutoPad, type OnnxConvSpec } from '../../src/geometry/onnx.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { ConvError } from '../../src/geometry/errors.js';
import { convModel, type OnnxAttr } from './onnx-model.js';
import { relError, rng } from './rng.js';

type Ort = typeof import('onnxruntime-node');
let ort: Ort | null = null;
let loadError = '';
try {
  ort = await import('onnxruntime-node');
} catch (e) {
  loadError = String(e);
}

const prod = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

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

interface Outcome {
  refused: boolean;
  reason: string;
  dims?: number[];
  data?: Float32Array;
}

async function runOrt(s: OnnxConvSpec, x: Float32Array, w: Float32Array): Promise<Outcome> {
  try {
    const session = await ort!.InferenceSession.create(convModel(s.op, [...s.xShape], [...s.wShape], attrsOf(s)), { logSeverityLevel: 4 });
    const out = await session.run({ X: new ort!.Tensor('float32', x, [...s.xShape]), W: new ort!.Tensor('float32', w, [...s.wShape]) });
    const y = out.Y;
    return { refused: false, reason: '', dims: y.dims.map(Number), data: y.data as Float32Array };
  } catch (e) {
    return { refused: true, reason: String(e).slice(0, 200) };
  }
}

function randomSpec(r: ReturnType<typeof rng>, op: 'Conv' | 'ConvTranspose'): OnnxConvSpec {
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
  return spec;
}

async function check(spec: OnnxConvSpec, seed: number): Promise<string> {
  const r = rng(seed * 7 + 1);
  const x = r.data(prod([...spec.xShape]));
  const w = r.data(prod([...spec.wShape]));
  const peer = await runOrt(spec, x, w);
  let ours: ReturnType<typeof fromOnnx> | null = null;
  let ourReason = '';
  try {
    ours = fromOnnx(spec);
  } catch (e) {
    if (!(e instanceof ConvError)) throw e;
    ourReason = `${e.code}: ${e.message}`;
  }
  const tag = JSON.stringify(spec);
  if (peer.refused || !ours) {
    if (!ours !== peer.refused) throw new Error(`disagree on ${tag}: convkit ${ours ? 'accepts' : `refuses (${ourReason})`}, ORT ${peer.refused ? `refuses (${peer.reason})` : 'accepts'}`);
    return peer.refused ? 'refused' : 'accepted';
  }
  expect({ spec: tag, dims: ours.geometry.outputShape }).toEqual({ spec: tag, dims: peer.dims });
  const y = referenceConv(ours.geometry, x, w, null);
  const err = relError(y, peer.data!);
  expect({ spec: tag, err: err < 1e-4 ? 'ok' : err }).toEqual({ spec: tag, err: 'ok' });
  return 'computed';
}

describe.skipIf(!ort)(`fromOnnx vs ONNX Runtime ${loadError}`, () => {
  for (const op of ['Conv', 'ConvTranspose'] as const) {
    it(`${op}: 60 random nodes agree (shape, values within 1e-4, refusals)`, async () => {
      const r = rng(op === 'Conv' ? 2024 : 4048);
      const tally: Record<string, number> = {};
      for (let i = 0; i < 60; i++) {
        const outcome = await check(randomSpec(r, op), i);
        tally[outcome] = (tally[outcome] ?? 0) + 1;
      }
      if (process.env.DIALECTS_TALLY) console.log(op, tally);
      // Most random nodes must actually compute, or the comparison proves little.
      expect(tally.computed ?? 0).toBeGreaterThan(40);
    });
  }

  it('refusals agree: pads with auto_pad, kernel_shape, negative pads, SAME with dilation, output_padding, output_shape', async () => {
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
    const outcomes = [];
    for (const [i, spec] of refusals.entries()) outcomes.push(await check(spec, 100 + i));
    expect(outcomes).toEqual(refusals.map(() => 'refused'));
  });

  it('semantics.md worked examples, run by ORT', async () => {
    const x = Float32Array.from([1, 2, 3, 4]);
    const w = Float32Array.from([1, 10, 100]);
    for (const extra of [{ auto_pad: 'SAME_UPPER' as const }, { auto_pad: 'SAME_LOWER' as const }, { output_shape: [8] }, { output_shape: [10] }, { pads: [1, 1], output_padding: [1] }]) {
      expect(await check({ op: 'ConvTranspose', xShape: [1, 1, 4], wShape: [1, 1, 3], strides: [2], ...extra }, 3)).toBe('computed');
    }
    // ConvTranspose SAME whose full output is shorter than input·stride (ORT returns 7, not 8).
    expect(await check({ op: 'ConvTranspose', xShape: [1, 1, 4], wShape: [1, 1, 1], strides: [2], auto_pad: 'SAME_LOWER' }, 4)).toBe('computed');
    // SAME with a negative (unclamped) total: I=7, s=4, K=1.
    for (const auto_pad of ['SAME_UPPER', 'SAME_LOWER'] as const) {
      expect(await check({ op: 'Conv', xShape: [1, 1, 7], wShape: [1, 1, 1], strides: [4], auto_pad }, 5)).toBe('computed');
    }
    void x;
    void w;
  });
});
