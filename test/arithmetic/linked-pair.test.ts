/** The linked pair x → z = Cx → Cᵀz, checked against the convolution matrix and the reference engine. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEAST_SQUARES_LIMIT, linkedPair } from '../../src/arithmetic/linked-pair.js';
import { ConvError } from '../../src/geometry/errors.js';
import { convTransposeGeometry } from '../../src/geometry/torch.js';
import { apply, convMatrix, transpose, tutorialMatrices } from '../../src/matrix/index.js';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-4) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i])));
};

describe('linkedPair', () => {
  it("the tutorial's example: 4×4 → 2×2 → 4×4, same shape, other values", () => {
    const x = Array.from({ length: 16 }, (_, i) => i + 1);
    const w = [1, 0, -1, 2, 0, -2, 1, 0, -1];
    const p = linkedPair({ input: 4, kernel: 3 }, { input: x, weight: w });
    expect(p.outputShape).toEqual([1, 2, 2]);
    expect(p.inputShape).toEqual([1, 4, 4]);
    expect(p.transposed.axes.map((a) => a.output)).toEqual([4, 4]);
    // z by hand: output (0,0) = Σ x[r][c]·w[r][c] over the top-left 3×3 window.
    expect(p.z[0]).toBe(1 * 1 + 3 * -1 + 5 * 2 + 7 * -2 + 9 * 1 + 11 * -1);
    const C = convMatrix(p.direct, { weight: w });
    close(p.z, apply(C, x));
    close(p.restored, apply(transpose(C), p.z));
    expect(Array.from(p.difference).some((v) => v !== 0)).toBe(true);
    close(p.difference, x.map((v, i) => v - p.restored[i]));
  });

  it('for random convs: z = Cx, Cᵀz from the transposed conv with the same kernel, and the least-squares inverse maps back to z', () => {
    fc.assert(
      fc.property(
        fc.record({
          h: fc.integer({ min: 2, max: 7 }), w: fc.integer({ min: 1, max: 7 }),
          k: fc.integer({ min: 1, max: 3 }), s: fc.integer({ min: 1, max: 3 }),
          d: fc.integer({ min: 1, max: 2 }), p: fc.integer({ min: 0, max: 2 }),
          ic: fc.integer({ min: 1, max: 2 }), oc: fc.integer({ min: 1, max: 2 }),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        ({ h, w, k, s, d, p, ic, oc, seed }) => {
          const options = { input: [h, w], kernel: k, stride: s, dilation: d, padding: p, inChannels: ic, outChannels: oc };
          let pair;
          try {
            pair = linkedPair(options, { leastSquares: true });
          } catch (e) {
            if (e instanceof ConvError && e.code === 'KERNEL_TOO_LARGE') return;
            throw e;
          }
          const x = Array.from({ length: ic * h * w }, (_, i) => Math.sin(i * 12.9898 + seed) * 3);
          pair = linkedPair(options, { input: x, weight: pair.weight, leastSquares: true });
          const { C, CT } = tutorialMatrices(pair.direct, { weight: pair.weight });
          close(pair.z, apply(C, x));
          close(pair.restored, apply(CT, pair.z));
          expect(pair.transposed.axes.map((a) => a.output)).toEqual([h, w]);
          // C⁺z: C maps it back to z, and it has no part in C's null space (x − C⁺z ⟂ C⁺z).
          close(apply(C, pair.inverse!), pair.z, 1e-3);
          const dot = pair.inverse!.reduce((acc, v, i) => acc + v * pair.inverseDifference![i], 0);
          expect(Math.abs(dot)).toBeLessThan(1e-2 * (1 + x.reduce((a, v) => a + v * v, 0)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('recovers x exactly when C has full column rank (stride 1, padding k − 1: more outputs than inputs)', () => {
    const x = [3, -1, 2, 5, 0.5];
    const p = linkedPair({ input: [5], kernel: 3, padding: 2 }, { input: x, weight: [1, 2, 1], leastSquares: true });
    close(p.inverse!, x, 1e-4);
  });

  it('refuses what it cannot pair, with a ConvError', () => {
    expect(() => linkedPair({ input: 4, kernel: 3, pool: 'max' })).toThrow(ConvError);
    expect(() => linkedPair({ input: 4, kernel: 3, padding: 1, paddingMode: 'reflect' })).toThrow(/zero padding/);
    expect(() => linkedPair({ input: 4, kernel: 3 }, { input: [1, 2] })).toThrow(/needs 16/);
    const big = LEAST_SQUARES_LIMIT + 1;
    expect(() => linkedPair({ input: [1, big + 2], kernel: [1, 3] }, { leastSquares: true })).toThrow(/least-squares/);
  });
});

describe('linkedPair from a transposed conv', () => {
  it('starts from the direct conv it transposes, for every output padding', () => {
    fc.assert(
      fc.property(
        fc.record({ i: fc.integer({ min: 1, max: 6 }), k: fc.integer({ min: 1, max: 4 }), s: fc.integer({ min: 1, max: 3 }), p: fc.integer({ min: 0, max: 2 }), op: fc.integer({ min: 0, max: 2 }) }),
        ({ i, k, s, p, op }) => {
          const t = { input: [i, i], kernel: k, stride: s, padding: p, outputPadding: op, transposed: true };
          let pair;
          try {
            pair = linkedPair(t);
          } catch (e) {
            if (e instanceof ConvError) return;
            throw e;
          }
          const g = convTransposeGeometry({ inputShape: [1, 1, i, i], weightShape: [1, 1, k, k] }, { stride: s, padding: p, outputPadding: op });
          expect(pair.transposed.axes.map((a) => [a.input, a.output, a.outputPadding])).toEqual(g.axes.map((a) => [a.input, a.output, a.outputPadding]));
          expect(pair.direct.axes.map((a) => a.output)).toEqual([i, i]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('tutorialMatrices', () => {
  it('C is the direct conv\'s matrix (4×16) and Cᵀ the transposed one\'s (16×4), from either layer of the pair', () => {
    const direct = tutorialMatrices(linkedPair({ input: 4, kernel: 3 }).direct);
    expect([direct.C.rows, direct.C.cols, direct.CT.rows, direct.CT.cols]).toEqual([4, 16, 16, 4]);
    const g = convTransposeGeometry({ inputShape: [1, 1, 2, 2], weightShape: [1, 1, 3, 3] }, {});
    const t = tutorialMatrices(g);
    expect([t.C.rows, t.C.cols, t.CT.rows, t.CT.cols]).toEqual([4, 16, 16, 4]);
    expect(t.C.entries.map((e) => [e.row, e.col, e.label])).toEqual(direct.C.entries.map((e) => [e.row, e.col, e.label]));
  });

  it('refuses what is not a convolution geometry in its own name (convMatrix spoke of "explain options")', async () => {
    const { tutorialMatrix } = await import('../../src/matrix/index.js');
    const { poolGeometry } = await import('../../src/geometry/pool.js');
    const refusal = (f: () => unknown): ConvError => {
      try { f(); } catch (e) { expect(e).toBeInstanceOf(ConvError); return e as ConvError; }
      throw new Error('expected a refusal');
    };
    const none = refusal(() => (tutorialMatrices as (g?: unknown) => unknown)());
    expect(none.code).toBe('INVALID_OPTION');
    expect(none.message).toMatch(/^tutorialMatrices takes a convolution's geometry, but got undefined; pass one from convGeometry or convTransposeGeometry, e\.g\. tutorialMatrices\(convGeometry\(/);
    expect(refusal(() => tutorialMatrix(null as never, 'C')).message).toMatch(/^tutorialMatrix takes a convolution's geometry, but got null;.*, 'C'\)$/);
    expect(refusal(() => tutorialMatrices(poolGeometry('max', [1, 1, 4, 4], { kernelSize: 2 }, 2) as never)).message).toMatch(/but got a pooling geometry/);
  });
});

describe('tutorialMatrix', () => {
  it('builds the one asked for, equal to that of tutorialMatrices', async () => {
    const { tutorialMatrix } = await import('../../src/matrix/index.js');
    for (const g of [linkedPair({ input: [4, 5], kernel: 3, stride: 2 }).direct, convTransposeGeometry({ inputShape: [1, 1, 2, 3], weightShape: [1, 1, 3, 2] }, { stride: 2 })]) {
      const both = tutorialMatrices(g);
      for (const which of ['C', 'CT'] as const) {
        const one = tutorialMatrix(g, which);
        expect([one.rows, one.cols]).toEqual([both[which].rows, both[which].cols]);
        expect(one.entries.map((e) => [e.row, e.col, e.label])).toEqual(both[which].entries.map((e) => [e.row, e.col, e.label]));
      }
    }
  });
});
