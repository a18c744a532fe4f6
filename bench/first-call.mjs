#!/usr/bin/env node
/**
 * The cost of a fresh process's first large conv, synchronous and asynchronous, as a user's
 * `node script.mjs` pays it (the built dist/; run `npm run build` first). Each run is a new
 * process that times its first call of the case below (64→64 channels, 56×56, 3×3, padding 1,
 * both cores) and its next three calls; sync and async processes alternate so both see the
 * same background load. A third kind of process only starts one empty worker thread and times it
 * until it answers (the start-up an async call must wait for: the caller of an async call never
 * computes). Prints medians over the runs, the ratio first-async / first-sync and the issue's
 * bar: first async <= 1.5 x first sync + one worker start-up.
 *
 *   node bench/first-call.mjs [--runs 9]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
const dist = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;

const child = (mode) => `
import { tensor, conv2d, conv2dAsync } from '${dist}';
const x = tensor(new Float32Array(64 * 56 * 56).map((_, i) => Math.sin(i)), [1, 64, 56, 56]);
const w = tensor(new Float32Array(64 * 64 * 9).map((_, i) => Math.cos(i) / 24), [64, 64, 3, 3]);
const times = [];
for (let i = 0; i < 4; i++) {
  const t0 = performance.now();
  ${mode === 'async' ? 'await conv2dAsync(x, w, { padding: 1 });' : 'conv2d(x, w, { padding: 1 });'}
  times.push(performance.now() - t0);
}
console.log(JSON.stringify(times));
`;

const workerStart = `
import { Worker } from 'node:worker_threads';
const t0 = performance.now();
const w = new Worker('process.getBuiltinModule("node:worker_threads").parentPort.postMessage(0)', { eval: true });
w.on('message', () => { console.log(JSON.stringify([performance.now() - t0])); w.terminate(); });
`;

const median = (a) => { const s = [...a].sort((p, q) => p - q); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const res = { sync: [], async: [], worker: [] };
for (let r = 0; r < runs; r++) {
  for (const mode of ['sync', 'async', 'worker']) {
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', mode === 'worker' ? workerStart : child(mode)], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`${mode} run failed (${out.status}): ${out.stderr}`);
    res[mode].push(JSON.parse(out.stdout.trim().split('\n').pop()));
  }
}
const row = (mode) => {
  const first = median(res[mode].map((t) => t[0]));
  const warm = median(res[mode].flatMap((t) => t.slice(1)));
  return { first, warm };
};
const s = row('sync'), a = row('async');
console.log(`runs: ${runs} per mode (alternating), load: ${(await import('node:os')).loadavg()[0].toFixed(2)}`);
console.log(`first sync call  ${s.first.toFixed(1)} ms   later sync calls  ${s.warm.toFixed(1)} ms (medians)`);
console.log(`first async call ${a.first.toFixed(1)} ms   later async calls ${a.warm.toFixed(1)} ms (medians)`);
const start = median(res.worker.map((t) => t[0]));
console.log(`one worker thread's start-up ${start.toFixed(1)} ms (median)`);
console.log(`first async / first sync: ${(a.first / s.first).toFixed(2)}`);
console.log(`bar: first async ${a.first.toFixed(1)} <= 1.5 x first sync + start-up = ${(1.5 * s.first + start).toFixed(1)} ms: ${a.first <= 1.5 * s.first + start ? 'met' : 'NOT met'}`);
