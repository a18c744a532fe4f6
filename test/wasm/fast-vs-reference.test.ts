/**
 * The fast engine against the reference engine on hundreds of random configurations: every
 * rank, direct and transposed, groups and depthwise, all padding modes, stride, dilation,
 * output padding, bias, batch — through the public API ('auto' vs 'reference') and through the
 * engine on one thread.
 */
import { describe, expect, it } from 'vitest';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import { prod, randomData, relError, rng } from './helpers.js';
import { checkRandomConfigs } from './random-configs.js';

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

  it('single-thread engine call equals the reference on realistic layer shapes', () => {
    const e = wasmEngine()!;
    const r = rng(7);
    const geoms = [
      convGeometry({ inputShape: [1, 32, 20, 21], weightShape: [24, 32, 3, 3], biasShape: [24] }, { padding: 1 }),
      convGeometry({ inputShape: [1, 40, 17, 19], weightShape: [36, 40, 3, 3] }, { padding: 2, dilation: 2, stride: 2 }),
      convGeometry({ inputShape: [2, 16, 15, 15], weightShape: [16, 1, 5, 5], biasShape: [16] }, { padding: 2, groups: 16, paddingMode: 'reflect' }),
      convTransposeGeometry({ inputShape: [1, 24, 9, 10], weightShape: [24, 20, 4, 4], biasShape: [20] }, { stride: 2, padding: 1 }),
      convTransposeGeometry({ inputShape: [1, 12, 8, 8], weightShape: [12, 8, 2, 2] }, { stride: 4 }), // empty phases: bias only
    ];
    for (const g of geoms) {
      const x = randomData(prod(g.inputShape), r), w = randomData(prod(g.weightShape), r);
      const b = g.hasBias ? randomData(g.outChannels, r) : null;
      expect(relError(e.conv(g, x, w, b, 1), referenceConv(g, x, w, b))).toBeLessThan(1e-4);
    }
  });
});
