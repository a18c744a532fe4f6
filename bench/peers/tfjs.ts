/**
 * TensorFlow.js peers (CPU = pure JS, WASM = XNNPACK, single-threaded in Node). TF.js is NHWC,
 * so inputs/weights are converted once up front and the output converted back to NCHW for the
 * agreement check; the timed call is the op plus reading its result (dataSync), as convkit's
 * timed call returns its Float32Array.
 */
import { createRequire } from 'node:module';
// The peers come from bench/node_modules (npm run bench:setup). The root typecheck, which also
// covers bench/, runs on installs without them: there these imports resolve to nothing (any).
// @ts-ignore -- optional peer, see above
import * as tf from '@tensorflow/tfjs-core';
// @ts-ignore -- optional peer, see above
import '@tensorflow/tfjs-backend-cpu';
// @ts-ignore -- optional peer, see above
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { outputShape, type BenchCase } from '../cases.js';
import { permute } from './permute.js';

export { tf };
export type Tensor = tf.Tensor;
export type Tensor3D = tf.Tensor3D;
export type Tensor5D = tf.Tensor5D;

export async function initTfjs(): Promise<void> {
  const require = createRequire(import.meta.url);
  const dist = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm').replace(/[^/]+$/, '');
  setWasmPaths(dist);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

const nchwToNhwc = (x: Float32Array, shape: number[]): Float32Array => permute(x, shape, [0, 2, 3, 1]);
const nhwcToNchw = (x: Float32Array, [n, c, h, w]: number[]): Float32Array => permute(x, [n, h, w, c], [0, 3, 1, 2]);
/** [A, B, kh, kw] → [kh, kw, B, A] (conv: OIHW → HWIO; transposed IOHW → HW(O)(I); depthwise C1HW → HWC1). */
const weightToHwba = (wt: Float32Array, shape: number[]): Float32Array => permute(wt, shape, [2, 3, 1, 0]);

export interface PeerRun {
  run(): Float32Array;
  /** The last result in NCHW. */
  nchw(out: Float32Array): Float32Array;
  dispose(): void;
}

export async function tfjsPeer(backend: 'cpu' | 'wasm', bc: BenchCase, x: Float32Array, w: Float32Array): Promise<PeerRun> {
  await tf.setBackend(backend);
  await tf.ready();
  const [, c, h, wd] = bc.input;
  const os = outputShape(bc);
  const xt = tf.tensor4d(nchwToNhwc(x, bc.input), [1, h, wd, c]);
  const [wa, wb, kh, kw] = bc.weight;
  let wt: tf.Tensor4D;
  if (bc.depthwise) wt = tf.tensor4d(weightToHwba(w, bc.weight), [kh, kw, wa, wb]); // [kh,kw,C,1]: same flat order as [kh,kw,1,C]
  else if (bc.transposed) wt = tf.tensor4d(weightToHwba(w, bc.weight), [kh, kw, wb, wa]);
  else wt = tf.tensor4d(weightToHwba(w, bc.weight), [kh, kw, wb, wa]);
  const op = (): tf.Tensor => {
    if (bc.transposed) return tf.conv2dTranspose(xt, wt, [1, os[2], os[3], os[1]], bc.stride, bc.padding);
    if (bc.depthwise) return tf.depthwiseConv2d(xt, wt, bc.stride, bc.padding, 'NHWC', bc.dilation);
    return tf.conv2d(xt, wt, bc.stride, bc.padding, 'NHWC', bc.dilation);
  };
  return {
    run() {
      // Several peers live side by side: make sure this one's backend is the active one.
      if (tf.getBackend() !== backend) void tf.setBackend(backend);
      if (tf.getBackend() !== backend) throw new Error(`TF.js backend ${backend} not active`);
      const y = op();
      const d = y.dataSync() as Float32Array;
      y.dispose();
      return d;
    },
    nchw(out) {
      return nhwcToNchw(out, os);
    },
    dispose() {
      xt.dispose(); wt.dispose();
    },
  };
}
