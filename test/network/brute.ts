/**
 * Brute-force receptive fields: run a network through the reference engine on one-hot inputs
 * (batch item x has a single 1 at input cell x; all weights 1, no bias) and read which outputs
 * became non-zero. Every value is a sum of non-negative terms, so "non-zero" is exactly
 * "depends on x". Independent of the set propagation in src/network/receptive.ts.
 */
import { referenceConv } from '../../src/engine/reference/conv.js';
import { referencePool } from '../../src/engine/reference/pool.js';
import type { Network } from '../../src/network/types.js';

const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

/** Runs `net` (whose input is batched) and returns every node's output data. */
export function runOnes(net: Network, input: Float32Array): Map<string, Float32Array> {
  const vals = new Map<string, Float32Array>([[net.input.name, input]]);
  for (const node of net.nodes) {
    const xs = node.def.inputs.map((i) => vals.get(i) as Float32Array);
    let out: Float32Array;
    if (node.conv) out = referenceConv(node.conv, xs[0], new Float32Array(prod(node.conv.weightShape)).fill(1), null);
    else if (node.pool) out = referencePool(node.pool, xs[0]);
    else if (node.kind === 'add') {
      // NumPy broadcasting of size-1 axes (same rank).
      const os = node.outputShape;
      out = new Float32Array(prod(os));
      const idx = new Array<number>(os.length).fill(0);
      xs.forEach((x, k) => {
        const shape = node.inputShapes[k];
        for (let flat = 0; flat < out.length; flat++) {
          let rem = flat;
          for (let d = os.length - 1; d >= 0; d--) {
            idx[d] = rem % os[d];
            rem = (rem - idx[d]) / os[d];
          }
          let src = 0;
          for (let d = 0; d < os.length; d++) src = src * shape[d] + (shape[d] === 1 ? 0 : idx[d]);
          out[flat] += x[src];
        }
      });
    } else if (node.kind === 'concat') {
      const batch = node.outputShape[0];
      out = new Float32Array(prod(node.outputShape));
      let o = 0;
      for (let b = 0; b < batch; b++) {
        for (const x of xs) {
          const per = x.length / batch;
          out.set(x.subarray(b * per, (b + 1) * per), o);
          o += per;
        }
      }
    } else out = xs[0];
    vals.set(node.name, out);
  }
  return vals;
}

/**
 * For a 1-D network built with input [L, 1, L] (batch L): deps[u] = sorted input cells that output
 * cell u of `target` depends on.
 */
export function bruteDeps1d(net: Network, target: string): number[][] {
  const L = net.input.shape[2];
  const x = new Float32Array(L * L);
  for (let i = 0; i < L; i++) x[i * L + i] = 1;
  const out = runOnes(net, x).get(target) as Float32Array;
  const shape = (net.byName.get(target) as { outputShape: number[] }).outputShape;
  const [N, C, O] = shape;
  const deps: number[][] = Array.from({ length: O }, () => []);
  for (let u = 0; u < O; u++) {
    for (let b = 0; b < N; b++) {
      let any = false;
      for (let c = 0; c < C; c++) if (out[(b * C + c) * O + u] !== 0) any = true;
      if (any) deps[u].push(b);
    }
  }
  return deps;
}
