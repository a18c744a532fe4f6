/**
 * The committed peer fixtures (test/fixtures/dialects/*-peer.json, onnxruntime-models.json): what
 * ONNX Runtime and TensorFlow.js returned for each case, recorded by scripts/peer-fixtures.ts from
 * bench/'s install of the peers (`npm run bench:setup`), so the default test suite compares
 * convkit with real peer output without installing the peers. Float arrays are little-endian
 * float32, base64-encoded: the exact values the peer produced (NaN included).
 */
import { readFileSync } from 'node:fs';
import type { OnnxConvSpec } from '../../src/geometry/onnx.js';
import type { TensorFlowConvSpec } from '../../src/geometry/tensorflow.js';

export const FIXTURE_DIR = new URL('../fixtures/dialects/', import.meta.url);

/** What the peer did with one case: refused it (its message), or computed an output. */
export type PeerResult = { refused: true; reason: string } | { refused: false; shape: number[]; y: string };

/** One case as the peer saw it: the spec, the inputs (base64 float32) and the peer's result. */
export interface PeerCase<S> {
  spec: S;
  x: string;
  w: string;
  peer: PeerResult;
}

export type TfjsKind = 'conv1d' | 'conv2d' | 'conv3d' | 'depthwise' | 'conv2dTranspose' | 'conv3dTranspose';
export type OrtCase = PeerCase<OnnxConvSpec>;
export type TfjsCase = PeerCase<TensorFlowConvSpec> & { kind: TfjsKind };

export interface PeerFixture<C> {
  /** The command that wrote the file. */
  generator: string;
  /** The peer and its version. */
  peer: string;
  /** Cases by test (e.g. 'random Conv', 'refusals'), in the order the tests run them. */
  groups: Record<string, C[]>;
}

/** ONNX Runtime on the exported model fixtures: the output shapes for a zero input. */
export interface OrtModelRecord {
  model: string;
  /** sha256 of the .onnx file the shapes were recorded for. */
  sha256: string;
  input: { name: string; shape: number[] };
  outputs: { name: string; dims: number[] }[];
}

export function encodeF32(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

export function decodeF32(s: string): Float32Array {
  const b = Buffer.from(s, 'base64');
  if (b.byteLength % 4 !== 0) throw new Error(`not a float32 array: ${b.byteLength} bytes`);
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURE_DIR), 'utf8')) as T;
}

/**
 * Where the peer is installed (bench/node_modules): the differences between a committed fixture
 * and one generated now. The cases and inputs must be the same, the refusals and shapes too, and
 * the values within `tol` of the output's scale (another CPU or peer build may sum in another
 * order). An empty list means the recording still stands.
 */
export function fixtureDifferences<C extends PeerCase<unknown>>(committed: PeerFixture<C>, now: PeerFixture<C>, tol = 1e-5): string[] {
  const out: string[] = [];
  const groups = Object.keys(committed.groups);
  if (JSON.stringify(groups) !== JSON.stringify(Object.keys(now.groups))) return [`groups ${JSON.stringify(groups)} vs ${JSON.stringify(Object.keys(now.groups))}`];
  for (const g of groups) {
    const [a, b] = [committed.groups[g], now.groups[g]];
    if (a.length !== b.length) out.push(`${g}: ${a.length} cases recorded, ${b.length} now`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const where = `${g} #${i} ${JSON.stringify(a[i].spec)}`;
      const { peer: pa, ...caseA } = a[i];
      const { peer: pb, ...caseB } = b[i];
      if (JSON.stringify(caseA) !== JSON.stringify(caseB)) out.push(`${where}: the case or its inputs differ`);
      else if (pa.refused !== pb.refused) out.push(`${where}: ${pa.refused ? 'refused' : 'computed'} when recorded, ${pb.refused ? 'refused' : 'computed'} now`);
      else if (!pa.refused && !pb.refused) {
        if (JSON.stringify(pa.shape) !== JSON.stringify(pb.shape)) out.push(`${where}: shape [${pa.shape}] recorded, [${pb.shape}] now`);
        else {
          const [ya, yb] = [decodeF32(pa.y), decodeF32(pb.y)];
          let scale = 1e-3;
          let err = 0;
          for (let k = 0; k < ya.length; k++) {
            scale = Math.max(scale, Math.abs(ya[k]), Math.abs(yb[k]));
            const d = Math.abs(ya[k] - yb[k]);
            // NaN where both are NaN is the same result (tfjs's malformed outputs).
            err = Math.max(err, Number.isNaN(ya[k]) && Number.isNaN(yb[k]) ? 0 : Number.isNaN(d) ? Infinity : d);
          }
          if (ya.length !== yb.length || err / scale > tol) out.push(`${where}: values differ by ${err / scale} of the output's scale`);
        }
      }
    }
  }
  return out;
}
