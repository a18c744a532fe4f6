/**
 * An async call with no worker threads (one thread set, or a browser page without cross-origin
 * isolation, where no shared memory means no workers) computes on the caller's thread; it does so
 * in slices and yields to the event loop between them, so timers and a page's input keep running
 * while a large conv computes. Before, the whole conv ran in one go and an interval meanwhile
 * never fired (review R5: 0 ticks of a 4 ms interval during a 151 ms conv in Chromium). Run as a
 * user runs it: a plain node script against dist/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = pathToFileURL(fileURLToPath(new URL('../../dist/', import.meta.url))).href;

const SCRIPT = `
import { tensor, conv2d, conv2dAsync, conv2dBackward, conv2dBackwardAsync, setFastEngineThreads, fastEngineInfo } from '${dist}index.js';
setFastEngineThreads(1);
let s = 1;
const rand = (n) => Float32Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5);
const x = tensor(rand(64 * 224 * 224), [1, 64, 224, 224]);
const w = tensor(rand(64 * 64 * 9), [64, 64, 3, 3]);
const gy = tensor(rand(64 * 224 * 224), [1, 64, 224, 224]);
const opts = { padding: 1 };
const worst = (a, b) => { let m = 0, r = 0; for (let i = 0; i < a.length; i++) { m = Math.max(m, Math.abs(a[i] - b[i])); r = Math.max(r, Math.abs(b[i])); } return m / r; };
async function ticksDuring(f) {
  let ticks = 0;
  const iv = setInterval(() => { ticks++; }, 1);
  const y = await f();
  clearInterval(iv);
  return { ticks, y };
}
const direct = { ...opts, algorithm: 'direct' };
const fwdRef = conv2d(x, w, direct).data;
const fwd = await ticksDuring(() => conv2dAsync(x, w, direct));
// 'auto' runs this layer as Winograd (4× fewer multiplies).
const winoRef = conv2d(x, w, opts).data;
const wino = await ticksDuring(() => conv2dAsync(x, w, opts));
const dwRef = conv2dBackward(x, w, gy, { ...opts, gradients: { input: false, weight: true } }).weight.data;
const dw = await ticksDuring(() => conv2dBackwardAsync(x, w, gy, { ...opts, gradients: { input: false, weight: true } }));
console.log(JSON.stringify({
  threads: fastEngineInfo().threads, simd: fastEngineInfo().simd,
  fwdTicks: fwd.ticks, fwdErr: worst(fwd.y.data, fwdRef),
  winoTicks: wino.ticks, winoErr: worst(wino.y.data, winoRef),
  dwTicks: dw.ticks, dwErr: worst(dw.y.weight.data, dwRef),
}));
`;

describe('async calls without worker threads', () => {
  it('yield to the event loop while they compute, and give the numbers of the sync call', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-slices-'));
    const file = join(dir, 'slices.mjs');
    writeFileSync(file, SCRIPT);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out).toMatchObject({ threads: 1, simd: true });
    // A 64→64 3×3 conv over 224×224 (1.85 G multiply-adds: ~100 ms on one thread as a GEMM, ~30 as
    // Winograd) and its weight gradient: the interval fires between slices (0 times when the call
    // computed in one go).
    expect(out.fwdTicks).toBeGreaterThanOrEqual(2);
    expect(out.winoTicks).toBeGreaterThanOrEqual(2);
    expect(out.dwTicks).toBeGreaterThanOrEqual(2);
    expect(out.fwdErr).toBeLessThan(1e-5);
    expect(out.winoErr).toBeLessThan(1e-5);
    expect(out.dwErr).toBeLessThan(1e-5);
  }, 150_000);
});
