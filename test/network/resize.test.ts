import { describe, expect, it } from 'vitest';
import { dependencySet, exactField } from '../../src/network/receptive.js';
import { buildNetwork } from '../../src/network/build.js';

/** Input cells output o of a resize reads, from the interpolation formula itself (ONNX Resize). */
function formula(mode: 'nearest' | 'linear', o: number, s: number, n: number): number[] {
  if (mode === 'nearest') return [Math.floor(o / s)]; // asymmetric + floor, or half_pixel + round (no ties for integer s)
  const x = (o + 0.5) / s - 0.5;
  const lo = Math.floor(x);
  const frac = x - lo;
  const cells = new Set<number>();
  const clamp = (i: number) => Math.min(n - 1, Math.max(0, i));
  cells.add(clamp(lo));
  if (frac > 1e-12) cells.add(clamp(lo + 1)); // a tap with weight 0 reads nothing
  return [...cells].sort((a, b) => a - b);
}

describe('resize (integer upsampling) as depthwise transposed-conv taps', () => {
  for (const mode of ['nearest', 'linear'] as const) {
    it(`${mode}: every output reads exactly the cells the interpolation formula weights (s = 1…6, I = 1…9)`, () => {
      for (let s = 1; s <= 6; s++) {
        for (let n = 1; n <= 9; n++) {
          const net = buildNetwork({ input: { name: 'x', shape: [1, 2, n] }, layers: [{ name: 'r', op: 'Resize', kind: 'resize', mode, inputs: ['x'], scales: [s] }] });
          const out = net.nodes[0].outputShape[2];
          expect(out).toBe(n * s);
          for (let o = 0; o < out; o++) expect(dependencySet(net, 'r', 0, [o], true), `s ${s} n ${n} o ${o}`).toEqual(formula(mode, o, s, n));
          expect(net.nodes[0].params + net.nodes[0].macs).toBe(0);
        }
      }
    });
  }

  it('sizes instead of scales; a non-integer or downscaling factor is listed as not analysed, the rest analysed', () => {
    const net = buildNetwork({ input: { name: 'x', shape: [1, 1, 4, 5] }, layers: [{ name: 'r', op: 'Resize', kind: 'resize', mode: 'nearest', inputs: ['x'], sizes: [8, 15] }] });
    expect(net.nodes[0].outputShape).toEqual([1, 1, 8, 15]);
    expect(exactField(net, 'r', 1).period).toBe(3);
    const conv = { op: 'Conv', kind: 'conv' as const, outChannels: 1, kernel: [3, 3], stride: [1, 1], dilation: [1, 1], groups: 1, bias: false };
    for (const [sizes, why] of [[[6, 10], /output size 6 for input 4 on spatial axis 0: convkit analyses upsampling by whole factors/], [[2, 5], /output size 2 for input 4/]] as const) {
      const odd = buildNetwork({ input: { name: 'x', shape: [1, 1, 4, 5] }, layers: [
        { name: 'c', inputs: ['x'], ...conv, padding: { pairs: [[1, 1], [1, 1]] as [number, number][] } },
        { name: 'r', op: 'Resize', kind: 'resize', mode: 'nearest', inputs: ['c'], sizes: [...sizes] },
        { name: 'after', inputs: ['r'], ...conv, padding: { pairs: [[1, 1], [1, 1]] as [number, number][] } },
        { name: 'side', inputs: ['c'], ...conv, padding: { pairs: [[1, 1], [1, 1]] as [number, number][] } },
      ] });
      expect(odd.skipped.map((s) => s.name)).toEqual(['r', 'after']);
      expect(odd.skipped[0].reason).toMatch(why);
      expect(odd.skipped[1].reason).toBe('depends on "r" (Resize), which is not analysed');
      expect(odd.nodes.map((n) => n.name)).toEqual(['c', 'side']);
      expect(odd.outputs).toEqual(['side']);
    }
  });
});
