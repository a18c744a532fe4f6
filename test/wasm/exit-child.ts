/**
 * Run by process-exit.test.ts in a child Node: a two-thread conv with workers told to busy-wait
 * a full second afterwards, then nothing — the process must end on its own.
 */
import { conv2d, fastEngineInfo, setFastEngineThreads } from '../../src/index.js';

setFastEngineThreads(2, { spinMs: 1000 });
const x = { shape: [1, 32, 40, 40], data: new Float32Array(32 * 40 * 40).fill(0.5) };
const w = { shape: [32, 32, 3, 3], data: new Float32Array(32 * 32 * 9).fill(0.25) };
const y = conv2d(x, w, { padding: 1 });
process.stdout.write(`${JSON.stringify({ threads: fastEngineInfo().threads, centre: y.data[20 * 40 + 20], t0: performance.now() })}\n`);
