/**
 * `npx tsx bench/tfjs-states.ts`: TF.js WASM's own call for case (i)'s input gradient (a conv2d,
 * 32→64, 3×3 stride 2 over 112×112, NHWC, result read with dataSync) timed alone — no convkit
 * engine, no worker threads in the process — in batches spread over a few seconds, with short
 * pauses between them. Its purpose: the backward benchmark's TF.js column moves between about
 * 3.3 and 4.4–7 ms from run to run; this shows whether TF.js moves on its own.
 *
 * Usage: npx tsx bench/tfjs-states.ts [--batches N] [--out name]
 * Writes bench/results/<name>.md (default tfjs-states).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';

(await import('./peers/installed.js')).requirePeers('npx tsx bench/tfjs-states.ts');
const { initTfjs, tf } = await import('./peers/tfjs.js');
const { rng } = await import('./timing.js');

const args = process.argv.slice(2);
const argOf = (k: string): string | undefined => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const batches = Number(argOf('--batches') ?? 40);
const outName = argOf('--out') ?? 'tfjs-states';

await initTfjs();
await tf.setBackend('wasm');
await tf.ready();
const r = rng(105);
const DY = tf.tensor4d(Float32Array.from({ length: 112 * 112 * 32 }, r), [1, 112, 112, 32]);
const W = tf.tensor4d(Float32Array.from({ length: 3 * 3 * 32 * 64 }, r), [3, 3, 32, 64]);
const call = (): void => {
  const t = tf.conv2d(DY, W, 2, 1, 'NHWC', 1);
  t.dataSync();
  t.dispose();
};
for (let i = 0; i < 20; i++) call();

const loadBefore = loadavg()[0];
const perBatch: number[] = [];
for (let b = 0; b < batches; b++) {
  // A pause between batches, as the backward benchmark's other engines make one.
  await new Promise((res) => setTimeout(res, 5 + (b % 4) * 10));
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) call();
  perBatch.push((performance.now() - t0) / 10);
}
const sorted = [...perBatch].sort((a, b) => a - b);
const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

const lines = [
  '# TF.js WASM on its own: case (i)\'s input-gradient conv, batch by batch',
  '',
  `- machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores; Node ${process.version}; ${new Date().toISOString()}; 1-min load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`,
  '- command: `npx tsx bench/tfjs-states.ts` (no convkit engine in the process; TF.js WASM single-threaded, as in bench/backward.ts)',
  `- ${batches} batches of 10 calls, 5–35 ms apart; ms per call`,
  '',
  `| min | 10th pct | median | 90th pct | max |`,
  '|---|---|---|---|---|',
  `| ${[sorted[0], q(0.1), q(0.5), q(0.9), sorted[sorted.length - 1]].map((v) => v.toFixed(2)).join(' | ')} |`,
  '',
  `Batches in order: ${perBatch.map((v) => v.toFixed(2)).join(', ')}`,
  '',
];
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/${outName}.md`, import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
DY.dispose();
W.dispose();
