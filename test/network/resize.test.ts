import { describe, expect, it } from 'vitest';
import { dependencySet, exactField } from '../../src/arithmetic/receptive.js';
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

  it('sizes instead of scales; a non-integer factor is refused clearly', () => {
    const net = buildNetwork({ input: { name: 'x', shape: [1, 1, 4, 5] }, layers: [{ name: 'r', op: 'Resize', kind: 'resize', mode: 'nearest', inputs: ['x'], sizes: [8, 15] }] });
    expect(net.nodes[0].outputShape).toEqual([1, 1, 8, 15]);
    expect(exactField(net, 'r', 1).period).toBe(3);
    expect(() => buildNetwork({ input: { name: 'x', shape: [1, 1, 4, 5] }, layers: [{ name: 'r', op: 'Resize', kind: 'resize', mode: 'nearest', inputs: ['x'], sizes: [6, 10] }] })).toThrow(/not a whole upsampling factor/);
  });
});
