/**
 * Without WebAssembly SIMD the fast engine is not used: 'auto' runs the reference engine and
 * gives its numbers exactly (checked in a child Node whose WebAssembly.validate refuses every
 * module, since Node cannot switch SIMD off). One thread on a Node too old to reach worker_threads
 * (no process.getBuiltinModule) is said in reason. The one-thread fallback without shared memory
 * is in engine-behaviour.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./no-simd-child.ts', import.meta.url));
const oldNode = fileURLToPath(new URL('./no-builtin-module-child.ts', import.meta.url));

describe('fallback without SIMD', () => {
  it("reports no SIMD (with the reason, warned once) and computes 'auto' with the reference engine's numbers", () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(out.info).toMatchObject({ simd: false, relaxed: false, shared: false, threads: 1 });
    expect(out.info.reason).toMatch(/no WebAssembly SIMD.*reference engine/);
    // told once, on stderr, however many convolutions ran
    const warnings = run.stderr.split('\n').filter((l) => l.startsWith('convkit:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no WebAssembly SIMD.*needs Node 16\.4\+, Chrome 91\+/);
    expect(out.n).toBe(32 * 12 * 12);
    expect(out.conv).toBe(true);
    expect(out.transposed).toBe(true);
  }, 70_000);
});

describe('one thread on a Node without process.getBuiltinModule (before 20.16)', () => {
  it('says so in reason, naming the Node version, and still computes on the fast engine', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', oldNode], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(out.info).toMatchObject({ simd: true, shared: true, threads: 1 });
    expect(out.info.reason).toBe(`threads need process.getBuiltinModule (Node 20.16+ or 22.3+); this Node is ${out.version}, so one thread`);
    expect(out.centre).toBe(8 * 9);
  }, 70_000);
});
