/**
 * Run by winograd.test.ts in a child Node with --experimental-wasm-relaxed-simd: Winograd on the
 * relaxed build, whose 6-row GEMM panels the weight transform writes (every remainder of the
 * output channels mod 6, 1 and 2 threads, with and without dilation) against the reference
 * engine. Prints one JSON line: the build that loaded and the worst error of the output scale.
 */
import { referenceConv } from '../../src/engine/reference/conv.js';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import { loadSync } from '../../src/engine/wasm/runtime.js';
import { runWinograd } from '../../src/engine/wasm/winograd-job.js';
import { convGeometry } from '../../src/geometry/torch.js';
import { prod, randomData, relError, rng } from './helpers.js';

const features = loadSync();
const engine = wasmEngine()!;
const r = rng(6);
let worst = 0;
let runs = 0;
for (const oc of [1, 2, 3, 4, 5, 6, 7, 8, 11, 13, 14, 17, 20, 23, 64]) {
  for (const d of [1, 2]) {
    const xs = [2, 7, 9, 10], ws = [oc, 7, 3, 3];
    const g = convGeometry({ inputShape: xs, weightShape: ws, biasShape: [oc] }, { padding: d, dilation: d });
    const x = randomData(prod(xs), r), w = randomData(prod(ws), r), b = randomData(oc, r);
    const ref = referenceConv(g, x, w, b);
    for (const threads of [1, 2]) { worst = Math.max(worst, relError(runWinograd(engine, g, x, w, b, threads), ref)); runs++; }
  }
}
process.stdout.write(`${JSON.stringify({ features, tileRows: engine.kernels.tileRows(), worst, runs })}\n`);
