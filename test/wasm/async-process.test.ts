/**
 * Async convs as a user's plain `node script.mjs` runs them, against the built dist/ (vitest's own
 * process stays alive by itself, so only a child process shows these defects):
 * - `await conv2dAsync(…)` at the top level of a module, and `.then(…)`, deliver the result and
 *   the process exits 0 — a pending job keeps the event loop alive, idle workers do not;
 * - freshly started workers join a job published while they were still starting (one used to
 *   miss it, and the async call waited for the 2 s stall recovery); meanwhile the caller of an
 *   async call computes tasks one at a time, so the first call costs about what a sync one does;
 * - an async call, whose caller only waits, is computed by the pool's async worker too (one more
 *   than a sync call's workers), and sync calls never wake it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = pathToFileURL(fileURLToPath(new URL('../../dist/', import.meta.url))).href;
const dir = mkdtempSync(join(tmpdir(), 'convkit-async-'));

/** 64→64 channels, 56×56, 3×3, padding 1: large enough for the worker threads. */
const SETUP = `
import { tensor, conv2dAsync, fastEngineInfo } from '${dist}index.js';
const x = tensor(new Float32Array(64 * 56 * 56).fill(0.5), [1, 64, 56, 56]);
const w = tensor(new Float32Array(64 * 64 * 9).fill(0.25), [64, 64, 3, 3]);
// Every output of an all-0.5 input and all-0.25 kernel is 0.125 × (taps inside the input) × 64.
const expected = (r, c) => 0.125 * 64 * (r === 0 || r === 55 ? 2 : 3) * (c === 0 || c === 55 ? 2 : 3);
const check = (y) => {
  let worst = 0;
  for (let o = 0; o < 64; o += 7) for (let r = 0; r < 56; r++) for (let c = 0; c < 56; c++)
    worst = Math.max(worst, Math.abs(y.data[(o * 56 + r) * 56 + c] - expected(r, c)));
  return { shape: y.shape, worst };
};
`;

function runScript(name: string, body: string) {
  const file = join(dir, name);
  writeFileSync(file, SETUP + body);
  return spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
}

function lastJson(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').pop();
  if (!line) throw new Error('the script printed nothing');
  return JSON.parse(line) as Record<string, unknown>;
}

describe('async convs in a plain Node script', () => {
  it('top-level await delivers the result and the process exits 0', () => {
    const run = runScript('tla.mjs', `
const y = await conv2dAsync(x, w, { padding: 1 });
console.log(JSON.stringify({ ...check(y), threads: fastEngineInfo().threads }));
`);
    expect(run.signal).toBeNull(); // it ended by itself, not by the timeout
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0); // 13 = "unsettled top-level await": the job did not keep Node alive
    const out = lastJson(run.stdout);
    expect(out.shape).toEqual([1, 64, 56, 56]);
    expect(out.worst).toBeLessThan(1e-4);
    expect(out.threads).toBeGreaterThan(1); // the case really ran on the worker threads
  }, 70_000);

  it('.then() runs its callback before the process exits', () => {
    const run = runScript('then.mjs', `
conv2dAsync(x, w, { padding: 1 }).then((y) => console.log(JSON.stringify(check(y))));
`);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    const out = lastJson(run.stdout);
    expect(out.worst).toBeLessThan(1e-4);
  }, 70_000);

  it('several queued jobs all settle, then the process exits', () => {
    const run = runScript('queued.mjs', `
const ys = await Promise.all([1, 2, 3].map(() => conv2dAsync(x, w, { padding: 1 })));
console.log(JSON.stringify({ worst: Math.max(...ys.map((y) => check(y).worst)), n: ys.length }));
`);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(lastJson(run.stdout)).toEqual({ worst: expect.any(Number), n: 3 });
    expect(lastJson(run.stdout).worst as number).toBeLessThan(1e-4);
  }, 70_000);

  it('workers started after a job was published join it (the caller left out), without the stall recovery', () => {
    const run = runScript('late-workers.mjs', `
const { currentWasmEngine } = await import('${dist}engine/wasm/engine.js');
fastEngineInfo(); // loads the engine
// Fresh workers still starting when the job below is published, and a caller
// that leaves every task to them: they must see the job, or it waits for the 2 s recovery.
currentWasmEngine().setThreads(2, { asyncCallerHelps: false });
const y = await conv2dAsync(x, w, { padding: 1 });
const workers = currentWasmEngine().runner;
console.log(JSON.stringify({ ...check(y), recoveries: workers.recoveries, callerTasks: workers.callerTasks }));
`);
    expect(run.status).toBe(0);
    const out = lastJson(run.stdout);
    expect(out.worst).toBeLessThan(1e-4);
    expect(out.callerTasks).toBe(0);
    expect(out.recoveries).toBe(0); // 1 = the workers missed the job and the caller redid it after 2 s
  }, 70_000);

  it('the first async calls on fresh workers finish without the stall recovery and release the keep-alive', () => {
    const run = runScript('first.mjs', `
const ys = [];
for (let i = 0; i < 3; i++) ys.push(await conv2dAsync(x, w, { padding: 1 }));
const { currentWasmEngine } = await import('${dist}engine/wasm/engine.js');
const { pendingJobs } = await import('${dist}engine/wasm/keep-alive.js');
const workers = currentWasmEngine().runner;
console.log(JSON.stringify({ worst: Math.max(...ys.map((y) => check(y).worst)), recoveries: workers.recoveries, pending: pendingJobs() }));
`);
    expect(run.status).toBe(0);
    const out = lastJson(run.stdout);
    expect(out.worst).toBeLessThan(1e-4);
    expect(out.recoveries).toBe(0);
    expect(out.pending).toBe(0); // the keep-alive was released
  }, 70_000);

  it('async calls are computed by the async worker beside the others, and sync calls leave it asleep', () => {
    const run = runScript('async-worker.mjs', `
import { conv2d } from '${dist}index.js';
const { currentWasmEngine } = await import('${dist}engine/wasm/engine.js');
fastEngineInfo(); // loads the engine
currentWasmEngine().setThreads(2, { asyncCallerHelps: false });
const pool = currentWasmEngine().runner;
let worst = 0, calls = 0;
// The async worker claims tasks from the same cursor as the other worker: within a few calls it
// has some (a freshly started thread may miss the first ones).
while (pool.asyncWorkerTasks === 0 && calls < 50) { worst = Math.max(worst, check(await conv2dAsync(x, w, { padding: 1 })).worst); calls++; }
const afterAsync = pool.asyncWorkerTasks;
for (let i = 0; i < 20; i++) worst = Math.max(worst, check(conv2d(x, w, { padding: 1 })).worst);
console.log(JSON.stringify({ worst, calls, afterAsync, afterSync: pool.asyncWorkerTasks, callerTasks: pool.callerTasks, recoveries: pool.recoveries }));
`);
    expect(run.status).toBe(0);
    const out = lastJson(run.stdout);
    expect(out.worst).toBeLessThan(1e-4);
    expect(out.afterAsync as number).toBeGreaterThan(0);
    expect(out.afterSync).toBe(out.afterAsync); // sync jobs are planned without its scratch slot
    expect(out.recoveries).toBe(0);
  }, 70_000);
});
