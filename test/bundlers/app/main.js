// A user's page: load the fast engine, run one convolution large enough for worker threads, and
// leave the outcome on globalThis for the test to read. With ?wasm=<folder> the page loads the
// kernels from .wasm files it serves there instead of the copy inside the bundle.
import { conv2dAsync, fastEngineReady, tensor } from 'convkit';
import { SHAPE, values } from './case.js';

async function main() {
  const wasm = new URLSearchParams(location.search).get('wasm');
  const info = await fastEngineReady(wasm ? { wasm } : {});
  const { channels: c, height: h, width: w, outChannels: oc, kernel: k, padding } = SHAPE;
  const x = tensor(values(c * h * w, 1), [1, c, h, w]);
  const weight = tensor(values(oc * c * k * k, 2), [oc, c, k, k]);
  const y = await conv2dAsync(x, weight, { padding });
  return { info, isolated: globalThis.crossOriginIsolated === true, shape: y.shape, output: Array.from(y.data) };
}

main().then(
  (result) => { globalThis.convkitResult = result; },
  (e) => { globalThis.convkitResult = { error: String((e && e.stack) || e) }; },
);
