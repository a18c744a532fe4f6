/**
 * fromOnnxPool and fromTensorFlowPool against the peers: ONNX Runtime on random and hand-picked
 * AveragePool / MaxPool nodes (SAME, asymmetric and large pads, dilated averages, counted pads, ceil
 * mode), TensorFlow.js on avgPool / maxPool / avgPool3d / maxPool3d calls. Either both refuse, or
 * the shapes match exactly and convkit's reference pooling, run on the adapter's geometry with the
 * input moved by its permutations, matches the peer within 1e-5 of the output's scale.
 *
 * Recorded in test/fixtures/dialects/pool-*-peer.json by scripts/pool-peer-fixtures.ts (the peers
 * are bench/'s: `npm run bench:setup`, then `npx tsx scripts/pool-peer-fixtures.ts`).
 */
import { describe, expect, it } from 'vitest';
import { fromOnnxPool, type OnnxPoolSpec } from '../../src/geometry/onnx-pool.js';
import { fromTensorFlowPool, type TensorFlowPoolSpec } from '../../src/geometry/tensorflow-pool.js';
import { poolInputToConvkit, poolOutputToFramework, type PoolDialectGeometry } from '../../src/geometry/pool-dialect.js';
import { referencePool } from '../../src/engine/reference/pool.js';
import { ConvError } from '../../src/geometry/errors.js';
import { decodeF32, fixtureDifferences, readFixture, type PeerCase, type PeerFixture } from './peer-fixtures.js';
import { loadPeer, missingPeers } from '../../bench/peers/installed.js';

const ort = readFixture<PeerFixture<PeerCase<OnnxPoolSpec>>>('pool-onnxruntime-peer.json');
const tfjs = readFixture<PeerFixture<PeerCase<TensorFlowPoolSpec>>>('pool-tfjs-peer.json');

/** max |a − b| over the output's scale; NaN must meet NaN and ±Infinity the same infinity. */
function mismatch(a: Float32Array, b: Float32Array): number {
  let scale = 1e-3;
  let err = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i]) || !Number.isFinite(a[i]) || !Number.isFinite(b[i])) {
      if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return Infinity;
      continue;
    }
    scale = Math.max(scale, Math.abs(a[i]), Math.abs(b[i]));
    err = Math.max(err, Math.abs(a[i] - b[i]));
  }
  return err / scale;
}

function check<S>(c: PeerCase<S>, resolve: (s: S) => PoolDialectGeometry): string {
  let ours: PoolDialectGeometry | null = null;
  let reason = '';
  try {
    ours = resolve(c.spec);
  } catch (e) {
    if (!(e instanceof ConvError)) throw e;
    reason = `${e.code}: ${e.message}`;
  }
  const tag = JSON.stringify(c.spec);
  const peer = c.peer;
  // A peer that returns an empty output where the window does not fit (VALID, tfjs's rounding):
  // convkit refuses it, as for convolutions (docs/semantics.md, "TensorFlow" and "ONNX pooling").
  if (!ours && !peer.refused && peer.shape.includes(0) && reason.startsWith('KERNEL_TOO_LARGE')) return 'empty';
  if (peer.refused || !ours) {
    if (!ours !== peer.refused) throw new Error(`disagree on ${tag}: convkit ${ours ? `accepts (${JSON.stringify(ours.frameworkOutputShape)})` : `refuses (${reason})`}, peer ${peer.refused ? `refuses (${peer.reason})` : `gives [${peer.shape}]`}`);
    return 'refused';
  }
  expect({ spec: tag, shape: ours.frameworkOutputShape }).toEqual({ spec: tag, shape: peer.shape });
  const y = poolOutputToFramework(ours, referencePool(ours.geometry, poolInputToConvkit(ours, decodeF32(c.x))));
  const expected = decodeF32(peer.y);
  const err = mismatch(y, expected);
  if (!(err <= 1e-5)) throw new Error(`values differ on ${tag} by ${err}: convkit [${Array.from(y).slice(0, 12).join(', ')}], peer [${Array.from(expected).slice(0, 12).join(', ')}]`);
  return 'computed';
}

function tally<S>(cases: PeerCase<S>[], resolve: (s: S) => PoolDialectGeometry): Record<string, number> {
  const t: Record<string, number> = {};
  for (const c of cases) {
    const o = check(c, resolve);
    t[o] = (t[o] ?? 0) + 1;
  }
  return t;
}

describe(`fromOnnxPool vs ONNX Runtime (${ort.peer}, recorded)`, () => {
  for (const op of ['AveragePool', 'MaxPool'] as const) {
    it(`${op}: 80 random nodes agree (shape, values, refusals)`, () => {
      const cases = ort.groups[`random ${op}`];
      expect(cases).toHaveLength(80);
      expect(tally(cases, fromOnnxPool).computed).toBeGreaterThan(50);
    });
  }
  it('worked examples: SAME, asymmetric and large pads, dilated averages, counted pads, ceil mode, auto_pad with pads', () => {
    const cases = ort.groups['worked examples'];
    expect(cases.map((c) => check(c, fromOnnxPool))).toEqual(cases.map(() => 'computed'));
  });
  it('refusals agree: pads not below the kernel, negative pads, a window larger than the input, stride 0', () => {
    const cases = ort.groups.refusals;
    // ORT returns an empty output for the 6x6 window on 5x5 (floor mode); convkit refuses it.
    expect(cases.map((c) => check(c, fromOnnxPool))).toEqual(['refused', 'refused', 'refused', 'empty', 'refused', 'refused']);
  });
  it("a window up to s − 1 cells past the padded input counts once in both modes, one more gives none: the refusal's hint names ORT's limit", () => {
    const cases = ort.groups['window past the end'];
    expect(cases).toHaveLength(32);
    // Pairs: ORT's largest kernel (or dilation) that gives one window, then one step more that gives none.
    for (let i = 0; i < cases.length; i += 2) {
      const [fits, over] = [cases[i], cases[i + 1]];
      expect([fits, over].map((c) => (c.peer.refused ? 'refused' : c.peer.shape[2]))).toEqual([1, 0]);
      expect([check(fits, fromOnnxPool), check(over, fromOnnxPool)]).toEqual(['computed', 'empty']);
      let hint = '';
      try {
        fromOnnxPool(over.spec);
      } catch (e) {
        hint = (e as ConvError).hint!;
      }
      const dilated = fits.spec.dilations !== undefined;
      expect(hint).toContain(dilated ? `dilation at most ${fits.spec.dilations![0]}` : `a kernel of at most ${fits.spec.kernel_shape[0]} taps`);
    }
  });
});

describe(`fromTensorFlowPool vs TensorFlow.js (${tfjs.peer}, recorded)`, () => {
  it('120 random tfjs calls agree (2-D and 3-D, same / valid / numbers / explicit pairs, rounding modes)', () => {
    const cases = tfjs.groups.random;
    expect(cases).toHaveLength(120);
    expect(tally(cases, fromTensorFlowPool).computed).toBeGreaterThan(80);
  });
  it("the 'tf' and 'keras' dialects agree with tfjs where their rules are the same", () => {
    const cases = tfjs.groups['tf and keras dialects'];
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(cases.map((c) => check(c, fromTensorFlowPool))).toEqual(cases.map(() => 'computed'));
  });
  it('worked examples: SAME averages without the padding, unclamped 3-D SAME, rounding modes, explicit pairs', () => {
    const cases = tfjs.groups['worked examples'];
    expect(cases.map((c) => check(c, fromTensorFlowPool))).toEqual(cases.map(() => 'computed'));
  });
});

describe.skipIf(missingPeers(['onnxruntime-node', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu']).length > 0)('the recordings are what the peers give now (runs where bench/ has them)', () => {
  it('pool-onnxruntime-peer.json', async () => {
    const { onnxRuntimePoolFixture } = await import('../../scripts/pool-peer-fixtures.js');
    expect(fixtureDifferences(ort, await onnxRuntimePoolFixture(loadPeer('onnxruntime-node')))).toEqual([]);
  });
  it('pool-tfjs-peer.json', async () => {
    const { tfjsPoolFixture } = await import('../../scripts/pool-peer-fixtures.js');
    const { loadTfjsCpu } = await import('../../scripts/peer-fixtures.js');
    expect(fixtureDifferences(tfjs, tfjsPoolFixture((await loadTfjsCpu()) as never))).toEqual([]);
  });
});
