#!/usr/bin/env node
/**
 * What the pool's async worker buys: the same layers called sync (caller + 1 worker) and async
 * (the caller awaits) on 2 threads, in processes with the async worker (the default) and without
 * it (`asyncWorker: false`: an async job then runs on the one worker). Each process warms up, then
 * times sync and async calls alternately, then async calls back to back; processes of the two kinds alternate. Results go into
 * reused buffers (the `out` option, as the page's image mode calls): a fresh multi-MB array per
 * call would add page faults whose cost on this VM depends on the allocator's state and on
 * which threads run meanwhile (bench/results/engine-design.md), not on the pool. The built dist/
 * (`npm run build` first).
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
const cases = ${JSON.stringify(CASES)};
const med = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
const out = [];
for (const [name, xs, ws, o] of cases) {
  const n = (s) => s.reduce((a, b) => a * b, 1);
  const x = tensor(Float32Array.from({ length: n(xs) }, (_, i) => (i % 13) / 13 - 0.5), xs);
  const w = tensor(Float32Array.from({ length: n(ws) }, (_, i) => (i % 7) / 7 - 0.5), ws);
  const oo = { ...o, out: new Float32Array(conv2d(x, w, o).data.length) };
  for (let i = 0; i < 20; i++) { conv2d(x, w, oo); await conv2dAsync(x, w, oo); }
  const s = [], a = [], b = [];
  for (let i = 0; i < ${calls}; i++) {
    let t0 = performance.now(); conv2d(x, w, oo); s.push(performance.now() - t0);
    t0 = performance.now(); await conv2dAsync(x, w, oo); a.push(performance.now() - t0);
  }
  for (let i = 0; i < ${calls}; i++) { const t0 = performance.now(); await conv2dAsync(x, w, oo); b.push(performance.now() - t0); }
  out.push({ name, sync: med(s), async: med(a), asyncB2b: med(b) });
}
console.log(JSON.stringify(out));
`;

const got = { true: [], false: [] };
const load0 = loadavg()[0];
for (let r = 0; r < runs; r++) {
  for (const mode of [true, false]) {
    const p = spawnSync(process.execPath, ['--input-type=module', '-e', child(mode)], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(p.stderr);
    got[mode].push(JSON.parse(p.stdout.trim().split('\n').pop()));
  }
}
const med = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
console.log(`${dist} · ${new Date().toISOString()} · load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)} · ${runs} processes of each kind, ${calls} calls each; medians over processes of per-process medians, ms`);
console.log('| layer | sync, 2 threads (async worker / none) | async after sync: async worker / one worker | async back to back: async worker / one worker |');
console.log('|---|---|---|---|');
CASES.forEach(([name], i) => {
  const on = got.true.map((r) => r[i]), off = got.false.map((r) => r[i]);
  const pair = (k) => `${med(on.map((c) => c[k])).toFixed(2)} / ${med(off.map((c) => c[k])).toFixed(2)} (${(med(off.map((c) => c[k])) / med(on.map((c) => c[k]))).toFixed(2)}×)`;
  console.log(`| ${name} | ${pair('sync')} | ${pair('async')} | ${pair('asyncB2b')} |`);
});
