#!/usr/bin/env node
/**
 * What the pool's async worker buys: the same layers called sync (caller + 1 worker) and async
 * (the caller awaits) on 2 threads, in processes with the async worker (the default) and without
 * it (`asyncWorker: false`: an async job then runs on the one worker). Each process warms up, then
 * times sync and async calls alternately; processes of the two kinds alternate. Fresh result
 * arrays, the allocator settled first (one 16 MB array made and freed, as bench/allocator-state.ts
 * does). The built dist/ (`npm run build` first).
 *
 *   node bench/async-threads.mjs [--runs 4] [--calls 40] [--dist path/to/dist]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const runs = Number(arg('--runs', 4)), calls = Number(arg('--calls', 40));
const distDir = resolve(arg('--dist', fileURLToPath(new URL('../dist', import.meta.url))));
const dist = pathToFileURL(distDir + '/').href;

/** name, input shape, weight shape, options: (a), (i)'s input gradient as the conv it is, a picture. */
const CASES = [
  ['(a) 64→64 56×56 k3 p1', [1, 64, 56, 56], [64, 64, 3, 3], { padding: 1 }],
  ['(i) dx: 32→64 112×112 k3 s2 p1', [1, 32, 112, 112], [64, 32, 3, 3], { stride: 2, padding: 1 }],
  ['RGB 512×512, 3×3 per channel', [1, 3, 512, 512], [3, 1, 3, 3], { padding: 1, groups: 3 }],
];

const child = (asyncWorker) => `
import { tensor, conv2d, conv2dAsync, fastEngineInfo } from '${dist}index.js';
const { currentWasmEngine } = await import('${dist}engine/wasm/engine.js');
fastEngineInfo();
currentWasmEngine().setThreads(2, { asyncWorker: ${asyncWorker} });
{ const big = new Float32Array(4 << 20); big.fill(1); } // settle glibc's mmap threshold (allocator-state.ts)
globalThis.gc?.();
const cases = ${JSON.stringify(CASES)};
const med = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
const out = [];
for (const [name, xs, ws, o] of cases) {
  const n = (s) => s.reduce((a, b) => a * b, 1);
  const x = tensor(Float32Array.from({ length: n(xs) }, (_, i) => (i % 13) / 13 - 0.5), xs);
  const w = tensor(Float32Array.from({ length: n(ws) }, (_, i) => (i % 7) / 7 - 0.5), ws);
  for (let i = 0; i < 20; i++) { conv2d(x, w, o); await conv2dAsync(x, w, o); }
  const s = [], a = [];
  for (let i = 0; i < ${calls}; i++) {
    let t0 = performance.now(); conv2d(x, w, o); s.push(performance.now() - t0);
    t0 = performance.now(); await conv2dAsync(x, w, o); a.push(performance.now() - t0);
  }
  out.push({ name, sync: med(s), async: med(a), asyncTasks: currentWasmEngine().runner.asyncWorkerTasks ?? 0 });
}
console.log(JSON.stringify(out));
`;

const got = { true: [], false: [] };
const load0 = loadavg()[0];
for (let r = 0; r < runs; r++) {
  for (const mode of [true, false]) {
    const p = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', child(mode)], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(p.stderr);
    got[mode].push(JSON.parse(p.stdout.trim().split('\n').pop()));
  }
}
const med = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
console.log(`${dist} · ${new Date().toISOString()} · load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)} · ${runs} processes of each kind, ${calls} calls each; medians over processes of per-process medians, ms`);
console.log('| layer | sync, 2 threads | async, async worker | async, one worker | one worker / async worker |');
console.log('|---|---|---|---|---|');
CASES.forEach(([name], i) => {
  const on = got.true.map((r) => r[i]), off = got.false.map((r) => r[i]);
  const s = med([...on, ...off].map((c) => c.sync)), a1 = med(on.map((c) => c.async)), a0 = med(off.map((c) => c.async));
  console.log(`| ${name} | ${s.toFixed(2)} | ${a1.toFixed(2)} | ${a0.toFixed(2)} | ${(a0 / a1).toFixed(2)}× |`);
});
