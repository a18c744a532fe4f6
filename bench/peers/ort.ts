/** ONNX Runtime for Node (native MLAS): a one-node model per case, weights as initializers. */
// From bench/node_modules (npm run bench:setup); the root typecheck runs without it (then: any).
// @ts-ignore -- optional peer, see above
import * as ort from 'onnxruntime-node';
import { outputShape, type BenchCase } from '../cases.js';
import { onnxConvModel, type ConvSpec } from './onnx-model.js';
import type { PeerRun } from './tfjs.js';

export interface AsyncPeerRun {
  run(): Promise<Float32Array>;
  nchw(out: Float32Array): Float32Array;
  dispose(): void;
}

export async function ortPeer(bc: BenchCase, x: Float32Array, w: Float32Array, bias: Float32Array | null, threads: number): Promise<AsyncPeerRun> {
  return ortConvPeer(bc, outputShape(bc), x, w, bias, threads);
}

/** Any rank: the output shape comes from the caller (convkit's geometry in bench/ranks.ts). */
export async function ortConvPeer(spec: ConvSpec, outShape: readonly number[], x: Float32Array, w: Float32Array, bias: Float32Array | null, threads: number): Promise<AsyncPeerRun> {
  const model = onnxConvModel(spec, w, bias, outShape);
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential' });
  const feeds = { x: new ort.Tensor('float32', x, [...spec.input]) };
  return {
    async run() {
      const r = await session.run(feeds);
      return r.y.data as Float32Array;
    },
    nchw: (out) => out,
    dispose() {
      void session.release();
    },
  };
}
export type { PeerRun };
