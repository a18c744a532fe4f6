/**
 * The relaxed-SIMD kernels (6-row FMA tiles, the build the benchmark and Chromium use) against
 * the reference engine. Vitest's own workers load the plain SIMD build, so this runs the shared
 * random-configuration check in a child Node that has relaxed SIMD switched on.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./relaxed-check.ts', import.meta.url));

describe('relaxed-SIMD kernel build', () => {
  it('loads in a Node with relaxed SIMD and agrees with the reference on 300 random configurations and on layer shapes', () => {
    const run = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', script, '300', '424242'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const { features, check, layers } = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(features).toMatchObject({ simd: true, relaxed: true });
    expect(check.mismatches).toEqual([]);
    expect(layers).toEqual([]);
    expect(check.twoThreadDiffers).toEqual([]);
    expect(check.valid).toBe(300);
    expect(check.kinds).toBeGreaterThan(20);
  }, 150_000);
});
