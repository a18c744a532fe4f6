/**
 * The fast engine against the reference engine (checks in random-configs.ts, shared with the
 * relaxed-SIMD child run): hundreds of random configurations through the public API ('auto' vs
 * 'reference'), and realistic layer shapes through the engine on one and two threads.
 */
import { describe, expect, it } from 'vitest';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import { checkLayerShapes, checkRandomConfigs } from './random-configs.js';

describe('fast engine vs reference engine', () => {
  it('is loaded with SIMD in this runtime (run `npm run build:wasm` if not)', () => {
    expect(wasmEngine()).not.toBeNull();
  });

  it('agrees within 1e-4 of the output scale on 400 random valid configurations', () => {
    const res = checkRandomConfigs(400, 20261128);
    expect(res.mismatches).toEqual([]);
    expect(res.valid).toBe(400);
    expect(res.twoThreadDiffers).toEqual([]);
    expect(res.kinds).toBeGreaterThan(20);
  });

  it('engine calls on one and two threads equal the reference on realistic layer shapes', () => {
    expect(checkLayerShapes()).toEqual([]);
  });
});
