import { describe, expect, it } from 'vitest';
import { enumerateConfigs } from '../../src/arithmetic/enumerate-configs.js';

// A kernel of one tap has no holes for a dilation to widen: k=1 with d>1 is the same layer as k=1 d=1.
describe('enumerateConfigs lists a one-tap kernel once', () => {
  it('direct: k=1 appears only with d=1', () => {
    const r = enumerateConfigs({ input: 8, output: 4 });
    const oneTap = r.configs.filter((c) => c.kernel === 1);
    expect(oneTap.length).toBeGreaterThan(0);
    expect(oneTap.every((c) => c.dilation === 1)).toBe(true);
    // Every other kernel still comes with its dilations.
    expect(r.configs.some((c) => c.kernel === 3 && c.dilation === 2)).toBe(true);
    expect(r.count).toBe(r.configs.length);
    expect(r.lines.filter((l) => l.startsWith('k=1 '))).toEqual(oneTap.map((c) => `k=1 s=${c.stride} p=${c.padding} d=1  (#${c.relationship})`));
  });

  it('transposed: k=1 with d>1 only where the dilation allows an output padding d=1 does not (a ≥ s)', () => {
    const r = enumerateConfigs({ input: 4, output: 5, transposed: true, maxDilation: 3 });
    const oneTap = r.configs.filter((c) => c.kernel === 1 && c.dilation > 1);
    // i=4, s=1, p=0: 4 cells, a=1 makes 5; d=1 forbids a=1 (a < max(s, d)), d=2 allows it.
    expect(oneTap.length).toBeGreaterThan(0);
    expect(oneTap.every((c) => c.outputPadding >= c.stride)).toBe(true);
    const same = enumerateConfigs({ input: 4, output: 7, transposed: true });
    expect(same.configs.filter((c) => c.kernel === 1 && c.dilation > 1 && c.outputPadding < c.stride)).toEqual([]);
  });
});
