#!/usr/bin/env node
/**
 * How long an async call holds the event loop: the longest gap between two runs of a 1 ms timer
 * while `await conv2dBackwardAsync(…)` (input and weight gradients, fresh result arrays) is out,
 * against the same call writing into reused buffers (`out`), which makes no fresh arrays. The
 * case is a 128→128 3×3 layer on [8, 128, 56, 56] (12.8 MB input gradient), both cores, the
 * built dist/ (`npm run build` first). Each process makes 3 warm-up calls and then `--calls`
 * timed ones; fresh and out processes alternate; prints the medians over all timed calls.
 *
 *   node bench/async-stall.mjs [--runs 3] [--calls 6] [--dist path/to/dist]
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const runs = Number(arg('--runs', 3)), calls = Number(arg('--calls', 6));
const dist = pathToFileURL(resolve(arg('--dist', fileURLToPath(new URL('../dist', import.meta.url))), 'index.js')).href;

const child = (mode) => `
import { tensor, conv2dBackwardAsync } from '${dist}';
const N = 8, C = 128, H = 56;
const x = tensor(Float32Array.from({ length: N * C * H * H }, (_, i) => (i % 13) / 13), [N, C, H, H]);
const w = tensor(Float32Array.from({ length: C * C * 9 }, (_, i) => (i % 7) / 70), [C, C, 3, 3]);
const gy = tensor(Float32Array.from({ length: N * C * H * H }, (_, i) => (i % 5) / 5), [N, C, H, H]);
const out = ${mode === 'out' ? '{ input: new Float32Array(x.data.length), weight: new Float32Array(w.data.length) }' : 'undefined'};
const rows = [];
for (let i = 0; i < 3 + ${calls}; i++) {
  let last = performance.now(), worst = 0;
  const tick = setInterval(() => { const t = performance.now(); worst = Math.max(worst, t - last); last = t; }, 1);
  const t0 = performance.now();
  await conv2dBackwardAsync(x, w, gy, { padding: 1, out });
  const ms = performance.now() - t0;
  clearInterval(tick);
  if (i >= 3) rows.push([ms, worst]);
}
console.log(JSON.stringify(rows));
`;

const got = { fresh: [], out: [] };
for (let r = 0; r < runs; r++) {
  for (const mode of ['fresh', 'out']) {
    const p = spawnSync(process.execPath, ['--input-type=module', '-e', child(mode)], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(p.stderr);
    got[mode].push(...JSON.parse(p.stdout.trim().split('\n').pop()));
  }
}
const med = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
console.log(`${dist}`);
for (const mode of ['fresh', 'out']) {
  console.log(`${mode.padEnd(6)} call ${med(got[mode].map((r) => r[0])).toFixed(1)} ms   longest event-loop gap ${med(got[mode].map((r) => r[1])).toFixed(1)} ms   (median of ${got[mode].length} calls)`);
}
