/**
 * Without WebAssembly SIMD the fast engine is not used: 'auto' runs the reference engine and
 * gives its numbers exactly (checked in a child Node whose WebAssembly.validate refuses every
 * module, since Node cannot switch SIMD off). The one-thread fallback without shared memory is
 * in engine-behaviour.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./no-simd-child.ts', import.meta.url));

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
