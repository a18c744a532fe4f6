/**
 * On random configurations: the relationship explain names is the first of the paper's table whose
 * condition holds (conditions written here from the paper, independently of the implementation),
 * its formula evaluates to the geometry's output, and the substituted text does too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/arithmetic/explain.js';
import type { AxisExplanation } from '../../src/arithmetic/explain.js';
import { RELATIONSHIPS, relationship } from '../../src/arithmetic/relationships.js';
import { ConvError } from '../../src/geometry/errors.js';
import { convArb, evaluateFormula } from './arbitraries.js';

/** The paper's conditions (the relationships table of Dumoulin & Visin, arXiv:1603.07285); for transposed, i is the direct conv's input = o'. */
function paperRelationship(a: AxisExplanation, transposed: boolean): number | null {
  const [pb, pa] = a.padding;
  if (pb !== pa) return null;
  const p = pb;
  const { kernel: k, stride: s, dilation: d } = a;
  const odd = k % 2 === 1;
  if (!transposed) {
    if (d > 1) return 15;
    const table: [number, boolean][] = [
      [1, s === 1 && p === 0],
      [3, s === 1 && odd && p === Math.floor(k / 2)],
      [4, s === 1 && p === k - 1],
      [2, s === 1],
      [5, p === 0],
      [6, true],
    ];
    return table.find(([, c]) => c)![0];
  }
  if (d > 1) return null;
  const i = a.output;
  const table: [number, boolean][] = [
    [8, s === 1 && p === 0],
    [10, s === 1 && odd && p === Math.floor(k / 2)],
    [11, s === 1 && p === k - 1],
    [9, s === 1],
    [12, p === 0 && (i - k) % s === 0],
    [13, (i + 2 * p - k) % s === 0],
    [14, true],
  ];
  return table.find(([, c]) => c)![0];
}

describe('relationships on random configurations', () => {
  it('names the paper relationship, whose formula and substituted text give the geometry output', () => {
    let explained = 0;
    const seen = new Set<number | null>();
    fc.assert(
      fc.property(convArb, (options) => {
        let e;
        try {
          e = explain(options);
        } catch (err) {
          expect(err).toBeInstanceOf(ConvError);
          return;
        }
        explained++;
        e.axes.forEach((a, ax) => {
          expect(a.relationship).toBe(paperRelationship(a, e.transposed));
          expect(e.relationships[ax]).toBe(a.relationship);
          seen.add(a.relationship);
          if (a.relationship !== null) {
            const r = relationship(a.relationship);
            const v = { i: a.input, k: a.kernel, s: a.stride, p: a.padding[0], d: a.dilation, a: a.outputPadding };
            expect(r.evaluate(v)).toBe(a.output);
            expect(a.formula).toBe(r.formula);
          } else {
            expect(a.reason).not.toBeNull();
          }
          expect(evaluateFormula(a.substituted)).toBe(a.output);
          // Nothing to compute (o = i): the number is said once, "o = i = 5".
          const line = a.substituted === String(a.output) ? `${a.formula} = ${a.output}` : `${a.formula} = ${a.substituted} = ${a.output}`;
          expect(e.lines.join('\n')).toContain(line);
        });
      }),
      { numRuns: 3000, seed: 1603 },
    );
    expect(explained).toBeGreaterThan(1000);
    // Every relationship except pooling's (7) turns up among random convolutions, and so does "none".
    for (const id of [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, null]) expect(seen.has(id)).toBe(true);
  });

  it('has the fifteen relationships of the paper, numbered 1–15', () => {
    expect(RELATIONSHIPS.map((r) => r.id)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(RELATIONSHIPS.filter((r) => r.transposed).map((r) => r.id)).toEqual([8, 9, 10, 11, 12, 13, 14]);
  });

  it('gives null with the general formula for asymmetric padding and for dilated transposed convolutions', () => {
    const asym = explain({ input: [6, 6], kernel: 4, padding: 'same' });
    expect(asym.relationships).toEqual([null, null]);
    expect(asym.axes[0].reason).toBe('asymmetric-padding');
    expect(asym.axes[0].padding).toEqual([1, 2]);
    expect(asym.output).toEqual([6, 6]);
    expect(asym.axes[0].formula).toContain('p_b + p_a');

    const dt = explain({ input: 4, kernel: 3, dilation: 2, stride: 2, transposed: true, rank: 1 });
    expect(dt.relationships).toEqual([null]);
    expect(dt.axes[0].reason).toBe('dilated-transposed');
    expect(dt.output).toEqual([(4 - 1) * 2 + 2 * (3 - 1) + 1]);
    expect(dt.axes[0].equivalent!.iTildePrime).toBe(7);
  });

  it('picks the most specific relationship when several conditions hold', () => {
    // k = 1, p = 0, s = 1: relationships 1, 3 and 4 all hold; 1 is the most specific.
    expect(explain({ input: 5, kernel: 1, rank: 1 }).relationships).toEqual([1]);
    // k = 3, p = 1, s = 1: half padding (3), not the general zero-padding relationship (2).
    expect(explain({ input: 5, kernel: 3, padding: 1, rank: 1 }).relationships).toEqual([3]);
    // k = 2, p = 1, s = 1: full padding (4) — an even kernel has no half padding.
    expect(explain({ input: 5, kernel: 2, padding: 1, rank: 1 }).relationships).toEqual([4]);
    // Mixed per axis.
    expect(explain({ input: [5, 5], kernel: [3, 3], stride: [1, 2], padding: [1, 0] }).relationships).toEqual([3, 5]);
  });
});
