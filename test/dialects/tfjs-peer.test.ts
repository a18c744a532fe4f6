/**
 * fromTensorFlow({ dialect: 'tfjs' }) against TensorFlow.js 4.22 (tfjs-core + the CPU backend): random
 * conv1d / conv2d (NHWC and NCHW, batched and not) / conv3d / depthwiseConv2d / conv2dTranspose /
 * conv3dTranspose calls with 'same', 'valid', numeric and explicit pads, dilations, strides and
 * dimRoundingMode. The inputs and filters are moved into convkit's layouts with the adapter's
 * permutations, run by the reference engine, moved back, and compared (1e-4 of the output's scale).
 * Both must refuse the same calls, except where tfjs returns a malformed result (an output size ≤ 0,
 * or a transposed outputShape that does not convolve back to the input), which convkit refuses.
 *
 * TensorFlow.js's results are recorded in test/fixtures/dialects/tfjs-peer.json by
 * scripts/peer-fixtures.ts (the peer is not part of convkit's install: `npm run bench:setup`
 * installs it into bench/, then `npm run gen:peer-fixtures` regenerates the file).
 */
import { describe, expect, it } from 'vitest';
import { fromTensorFlow } from '../../src/geometry/tensorflow.js';
import { toConvkitInput, toConvkitWeight, toFrameworkOutput } from '../../src/geometry/dialect-result.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { ConvError } from '../../src/geometry/errors.js';
import { decodeF32, fixtureDifferences, readFixture, type PeerFixture, type TfjsCase } from './peer-fixtures.js';
import { relError } from './rng.js';
import { missingPeers } from '../../bench/peers/installed.js';

const fixture = readFixture<PeerFixture<TfjsCase>>('tfjs-peer.json');

function check(c: TfjsCase): string {
  const x = decodeF32(c.x);
  const w = decodeF32(c.w);
  const peer = c.peer.refused ? null : { shape: c.peer.shape, data: decodeF32(c.peer.y) };
  const peerError = c.peer.refused ? c.peer.reason : '';
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
  const out = toFrameworkOutput(ours, y);
  expect({ tag, length: out.length }).toEqual({ tag, length: peer.data.length });
  const err = relError(out, peer.data);
  expect({ tag, err: err < 1e-4 ? 'ok' : err }).toEqual({ tag, err: 'ok' });
  return 'computed';
}

describe(`fromTensorFlow (tfjs) vs TensorFlow.js CPU (${fixture.peer}, recorded)`, () => {
  it('150 random calls agree (shape, values within 1e-4, refusals)', () => {
    const cases = fixture.groups.random;
    expect(cases).toHaveLength(150);
    expect(cases.every((c) => c.spec.dialect === 'tfjs')).toBe(true);
    const tally: Record<string, number> = {};
    for (const c of cases) {
      const k = `${c.kind}:${check(c)}`;
      tally[k] = (tally[k] ?? 0) + 1;
    }
    if (process.env.DIALECTS_TALLY) console.log(tally);
    const computed = Object.entries(tally).filter(([k]) => k.endsWith(':computed')).reduce((a, [, n]) => a + n, 0);
    expect(computed).toBeGreaterThan(90);
    for (const kind of ['conv1d', 'conv2d', 'conv3d', 'depthwise', 'conv2dTranspose', 'conv3dTranspose']) expect(tally[`${kind}:computed`] ?? 0).toBeGreaterThan(3);
  });

  it("the 'tf' dialect (SAME/VALID/explicit) computes what tfjs computes where TF and tfjs share rules", () => {
    // 2-D and 1-D ops with keywords or explicit pads and the default rounding: TF's arithmetic (§3.1, §3.5).
    const cases = fixture.groups['tf dialect'];
    expect(cases).toHaveLength(40);
    for (const c of cases) {
      expect(c.spec.dialect).toBe('tf');
      expect(['conv1d', 'conv2d', 'depthwise', 'conv2dTranspose']).toContain(c.kind);
      expect(c.spec.dimRoundingMode).toBeUndefined();
      expect(typeof c.spec.padding).not.toBe('number');
    }
    expect(cases.map(check)).toEqual(cases.map(() => 'computed'));
  });

  it('worked examples run by tfjs: SAME K=3 s=2, trunc 3.5 → 3, conv3d unclamped same, transposed crops', () => {
    const cases = fixture.groups['worked examples'];
    expect(cases).toHaveLength(9);
    expect(cases.map(check)).toEqual(cases.map(() => 'computed'));
  });
});

// Where npm run bench:setup installed TensorFlow.js: the recording must still be what it gives.
describe.skipIf(missingPeers(['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu']).length > 0)('the recording is what TensorFlow.js gives now (runs where bench/ has it)', () => {
  it('tfjs-peer.json: same cases and inputs, refusals, shapes, values within 1e-5', async () => {
    const { loadTfjsCpu, tfjsFixture } = await import('../../scripts/peer-fixtures.js');
    expect(fixtureDifferences(fixture, tfjsFixture(await loadTfjsCpu()))).toEqual([]);
  });
});
