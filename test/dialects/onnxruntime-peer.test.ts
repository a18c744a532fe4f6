/**
 * fromOnnx against ONNX Runtime (onnxruntime-node, CPU): random Conv / ConvTranspose nodes with every
 * auto_pad, pads (including negative ones ORT accepts), strides, dilations, groups, output_padding and
 * output_shape. For each, either both refuse, or the shapes match exactly and convkit's reference
 * engine (run on the adapter's geometry) matches ORT's values within 1e-4 of the output's scale.
 *
 * ORT's results are recorded in test/fixtures/dialects/onnxruntime-peer.json by
 * scripts/peer-fixtures.ts (the peer is not part of convkit's install: `npm run bench:setup`
 * installs it into bench/, then `npm run gen:peer-fixtures` regenerates the file).
 */
import { describe, expect, it } from 'vitest';
import { fromOnnx, type OnnxConvSpec } from '../../src/geometry/onnx.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { ConvError } from '../../src/geometry/errors.js';
import { decodeF32, fixtureDifferences, readFixture, type OrtCase, type OrtModelRecord, type PeerFixture } from './peer-fixtures.js';
import { relError } from './rng.js';
import { loadPeer, missingPeers } from '../../bench/peers/installed.js';

const fixture = readFixture<PeerFixture<OrtCase>>('onnxruntime-peer.json');

function check(c: OrtCase): string {
  const spec: OnnxConvSpec = c.spec;
  const peer = c.peer;
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
  expect({ spec: tag, dims: ours.geometry.outputShape }).toEqual({ spec: tag, dims: peer.shape });
  const y = referenceConv(ours.geometry, decodeF32(c.x), decodeF32(c.w), null);
  const expected = decodeF32(peer.y);
  expect({ spec: tag, length: y.length }).toEqual({ spec: tag, length: expected.length });
  const err = relError(y, expected);
  expect({ spec: tag, err: err < 1e-4 ? 'ok' : err }).toEqual({ spec: tag, err: 'ok' });
  return 'computed';
}

describe(`fromOnnx vs ONNX Runtime (${fixture.peer}, recorded)`, () => {
  for (const op of ['Conv', 'ConvTranspose'] as const) {
    it(`${op}: 60 random nodes agree (shape, values within 1e-4, refusals)`, () => {
      const cases = fixture.groups[`random ${op}`];
      expect(cases).toHaveLength(60);
      expect(cases.every((c) => c.spec.op === op)).toBe(true);
      const tally: Record<string, number> = {};
      for (const c of cases) {
        const outcome = check(c);
        tally[outcome] = (tally[outcome] ?? 0) + 1;
      }
      if (process.env.DIALECTS_TALLY) console.log(op, tally);
      // Most random nodes must actually compute, or the comparison proves little.
      expect(tally.computed ?? 0).toBeGreaterThan(40);
    });
  }

  it('refusals agree: pads with auto_pad, kernel_shape, negative pads, SAME with dilation, output_padding, output_shape', () => {
    const cases = fixture.groups.refusals;
    expect(cases).toHaveLength(13);
    expect(cases.map(check)).toEqual(cases.map(() => 'refused'));
  });

  it('worked examples, run by ORT: SAME transposed, output_shape, pads + output_padding, SAME shorter than I·s, unclamped SAME', () => {
    const cases = fixture.groups['worked examples'];
    expect(cases).toHaveLength(8);
    expect(cases.map(check)).toEqual(cases.map(() => 'computed'));
  });
});

// Where npm run bench:setup installed ONNX Runtime: the recordings must still be what it gives.
describe.skipIf(missingPeers(['onnxruntime-node']).length > 0)('the recordings are what ONNX Runtime gives now (runs where bench/ has it)', () => {
  it('onnxruntime-peer.json: same cases and inputs, refusals, shapes, values within 1e-5', async () => {
    const { onnxRuntimeFixture } = await import('../../scripts/peer-fixtures.js');
    const now = await onnxRuntimeFixture(loadPeer('onnxruntime-node'));
    expect(fixtureDifferences(fixture, now)).toEqual([]);
  });

  it('onnxruntime-models.json: the same output shapes', async () => {
    const { onnxRuntimeModels } = await import('../../scripts/peer-fixtures.js');
    const recorded = readFixture<{ models: OrtModelRecord[] }>('onnxruntime-models.json');
    expect(await onnxRuntimeModels(loadPeer('onnxruntime-node'))).toEqual(recorded.models);
  });
});
