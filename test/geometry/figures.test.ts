/**
 * The 19 classic configurations of Dumoulin & Visin's guide (../shared/reference/
 * conv_arithmetic_figures.json) through the geometry: output sizes, and for transposed figures the
 * equivalent direct convolution (i', ĩ', k', s', p', a, o'). A transposed figure's i/k/s/p describe
 * the direct convolution it transposes: the transposed conv takes i' = o of that direct conv and
 * restores i, with output padding a.
 */
import { describe, expect, it } from 'vitest';
import { convGeometry, convTransposeGeometry, poolGeometry } from '../../src/index.js';
import { REFERENCE_FIGURES } from '../fixtures/reference/figures.js';

const figures = REFERENCE_FIGURES;

describe('the classic figures of the convolution arithmetic guide', () => {
  it('are 19', () => {
    expect(figures).toHaveLength(19);
  });

  for (const f of figures) {
    it(`${f.name}: i=${f.i} k=${f.k} s=${f.s} p=${f.p} d=${f.d}${f.transposed ? ' (transposed)' : ''} → o=${f.o}`, () => {
      const options = { stride: f.s, padding: f.p, dilation: f.d };
      if (f.mode === 'average' || f.mode === 'max') {
        const g = poolGeometry(f.mode === 'max' ? 'max' : 'avg', [1, 1, f.i, f.i], { kernelSize: f.k, stride: f.s, padding: f.p }, 2);
        expect(g.outputShape).toEqual([1, 1, f.o, f.o]);
        return;
      }
      // The direct convolution (for a transposed figure: the one it transposes).
      const direct = convGeometry({ inputShape: [1, 1, f.i, f.i], weightShape: [1, 1, f.k, f.k] }, options);
      expect(direct.axes.map((a) => a.output)).toEqual([f.o, f.o]);
      expect(direct.axes[0].effectiveKernel).toBe(f.d * (f.k - 1) + 1);
      if (!f.transposed) {
        // A direct conv is its own equivalent direct convolution.
        const eq = direct.axes[0].equivalent;
        expect([eq.insertedZeros, eq.dilatedInput, eq.padBefore, eq.padAfter, eq.stride, eq.flipped, eq.output]).toEqual([0, f.i, f.p, f.p, f.s, false, f.o]);
        return;
      }
      const e = f.equivalent_direct!;
      expect(e.i_prime).toBe(f.o);
      const t = convTransposeGeometry({ inputShape: [1, 1, e.i_prime, e.i_prime], weightShape: [1, 1, f.k, f.k] }, { ...options, outputPadding: e.a });
      expect(t.outputShape).toEqual([1, 1, f.i, f.i]);
      for (const ax of t.axes) {
        expect(ax.input).toBe(e.i_prime);
        expect(ax.output).toBe(e.o_prime);
        expect(ax.outputPadding).toBe(e.a);
        const eq = ax.equivalent;
        expect(eq.dilatedInput).toBe(e.i_tilde_prime);
        expect(eq.insertedZeros).toBe(f.s - 1);
        expect(eq.kernel).toBe(e.k_prime);
        expect(eq.stride).toBe(e.s_prime);
        expect(eq.padBefore).toBe(e.p_prime);
        expect(eq.padAfter).toBe(e.p_prime + e.a);
        expect(eq.extra).toBe(e.a);
        expect(eq.flipped).toBe(true);
        expect(eq.output).toBe(e.o_prime);
        expect(eq.gridSize).toBe(e.p_prime + e.i_tilde_prime + e.p_prime + e.a);
        // o' = ĩ' + 2p' + a − k' + 1: the equivalent conv's own output formula.
        expect(eq.gridSize - eq.effectiveKernel + 1).toBe(e.o_prime);
      }
      // Output padding a is exactly what outputSize = i selects.
      const bySize = convTransposeGeometry({ inputShape: [1, 1, e.i_prime, e.i_prime], weightShape: [1, 1, f.k, f.k] }, { ...options, outputSize: [f.i, f.i] });
      expect(bySize.axes.map((a) => a.outputPadding)).toEqual([e.a, e.a]);
    });
  }
});
