/**
 * The 19 classic figures of Dumoulin & Visin (../shared/reference/conv_arithmetic_figures.json)
 * explain to the sizes, relationships and equivalent direct convolutions the paper gives.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/arithmetic/explain.js';
import { REFERENCE_FIGURES } from '../fixtures/reference/figures.js';

const figures = REFERENCE_FIGURES;

/** The relationship each figure illustrates, by its name (the paper's section it belongs to). */
const expected: Record<string, number> = {
  no_padding_no_strides: 1,
  no_padding_no_strides_transposed: 8,
  arbitrary_padding_no_strides: 2,
  arbitrary_padding_no_strides_transposed: 9,
  same_padding_no_strides: 3,
  same_padding_no_strides_transposed: 10,
  full_padding_no_strides: 4,
  full_padding_no_strides_transposed: 11,
  no_padding_strides: 5,
  no_padding_strides_transposed: 12,
  padding_strides: 6,
  // (5 + 2·1 − 3) mod 2 = 0: s divides i + 2p − k.
  padding_strides_transposed: 13,
  padding_strides_odd: 6,
  // (6 + 2·1 − 3) mod 2 = 1 = a.
  padding_strides_odd_transposed: 14,
  dilation: 15,
  numerical_no_padding_no_strides: 1,
  numerical_padding_strides: 6,
  numerical_average_pooling: 7,
  numerical_max_pooling: 7,
};

describe('the 19 classic figures', () => {
  it('are all there', () => {
    expect(figures).toHaveLength(19);
    expect(new Set(figures.map((f) => f.name))).toEqual(new Set(Object.keys(expected)));
  });

  for (const f of figures) {
    it(`${f.name} → relationship ${expected[f.name]}`, () => {
      const pool = f.mode === 'average' ? 'avg' : f.mode === 'max' ? 'max' : undefined;
      if (!f.transposed) {
        const e = explain({ input: [f.i, f.i], kernel: f.k, stride: f.s, padding: f.p, dilation: f.d, ...(pool ? { pool } : {}) });
        expect(e.output).toEqual([f.o, f.o]);
        expect(e.relationships).toEqual([expected[f.name], expected[f.name]]);
        // One animation frame per output cell.
        expect(e.output[0] * e.output[1]).toBe(f.frames);
        expect(e.axes[0].effectiveKernel).toBe(f.d * (f.k - 1) + 1);
        return;
      }
      // A transposed figure is the transpose of the direct conv (i, k, s, p): its input is o, its output i.
      const q = f.equivalent_direct!;
      const e = explain({ input: [f.o, f.o], kernel: f.k, stride: f.s, padding: f.p, transposed: true, outputPadding: q.a });
      expect(e.output).toEqual([f.i, f.i]);
      expect(e.relationships).toEqual([expected[f.name], expected[f.name]]);
      expect(e.output[0] * e.output[1]).toBe(f.frames);
      for (const a of e.axes) {
        const eq = a.equivalent!;
        expect(eq.iPrime).toBe(q.i_prime);
        expect(eq.iTildePrime).toBe(q.i_tilde_prime);
        expect(eq.kPrime).toBe(q.k_prime);
        expect(eq.sPrime).toBe(q.s_prime);
        expect(eq.pPrime).toEqual([q.p_prime, q.p_prime]);
        expect(eq.a).toBe(q.a);
        expect(eq.padAfter).toBe(q.p_prime + q.a);
        expect(eq.oPrime).toBe(q.o_prime);
        expect(eq.flipped).toBe(true);
      }
    });
  }

  it('padding_strides shows its formula with the numbers substituted', () => {
    const e = explain({ input: [5, 5], kernel: 3, stride: 2, padding: 1 });
    expect(e.axes[0].formula).toBe('o = ⌊(i + 2p − k)/s⌋ + 1');
    expect(e.axes[0].substituted).toBe('⌊(5 + 2·1 − 3)/2⌋ + 1');
    expect(e.lines).toContain('  o = ⌊(i + 2p − k)/s⌋ + 1 = ⌊(5 + 2·1 − 3)/2⌋ + 1 = 3');
  });

  it('padding_strides_odd_transposed shows relationship 14 with a = 1', () => {
    const e = explain({ input: 3, kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: 1, rank: 1 });
    expect(e.axes[0].formula).toBe('o′ = s(i′ − 1) + a + k − 2p');
    expect(e.axes[0].substituted).toBe('2·(3 − 1) + 1 + 3 − 2·1');
    expect(e.output).toEqual([6]);
  });
});
