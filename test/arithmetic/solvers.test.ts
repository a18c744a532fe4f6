/** Solvers checked on random configurations by building the geometry of every answer. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enumerateConfigs } from '../../src/arithmetic/enumerate-configs.js';
import { explain } from '../../src/arithmetic/explain.js';
import { restoreTranspose } from '../../src/arithmetic/restore-transpose.js';
import { solvePadding } from '../../src/arithmetic/solve-padding.js';
import { ConvError } from '../../src/geometry/errors.js';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { convArb } from './arbitraries.js';

/** Output of a 1-D direct conv via the geometry, or null when the geometry refuses it. */
function directOut(i: number, k: number, s: number, d: number, pads: [number, number]): number | null {
  try {
    return convGeometry({ inputShape: [1, 1, i], weightShape: [1, 1, k] }, { stride: s, dilation: d, padding: [pads] }, 1).axes[0].output;
  } catch (e) {
    if (e instanceof ConvError) return null;
    throw e;
  }
}

function transposedOut(i: number, k: number, s: number, d: number, pads: [number, number], op: number): number | null {
  try {
    return convTransposeGeometry({ inputShape: [1, 1, i], weightShape: [1, 1, k] }, { stride: s, dilation: d, padding: [pads], outputPadding: op }, 1).axes[0].output;
  } catch (e) {
    if (e instanceof ConvError) return null;
    throw e;
  }
}

const axis = fc.record({
  i: fc.integer({ min: 1, max: 40 }),
  k: fc.integer({ min: 1, max: 7 }),
  s: fc.integer({ min: 1, max: 4 }),
  d: fc.integer({ min: 1, max: 3 }),
  o: fc.integer({ min: 1, max: 60 }),
});

describe('solvePadding (direct)', () => {
  it('finds the smallest symmetric padding, else the minimal asymmetric one, or refuses when none exists', () => {
    let solved = 0;
    let asymmetric = 0;
    fc.assert(
      fc.property(axis, ({ i, k, s, d, o }) => {
        // Brute force over total paddings: which [before, after] give o?
        const symmetric: number[] = [];
        const totals: number[] = [];
        for (let P = 0; P <= 2 * (o * s + d * k + 2); P++) {
          if (directOut(i, k, s, d, [Math.floor(P / 2), P - Math.floor(P / 2)]) === o) {
            totals.push(P);
            if (P % 2 === 0) symmetric.push(P / 2);
          }
        }
        let r;
        try {
          r = solvePadding({ input: i, output: o, kernel: k, stride: s, dilation: d, rank: 1 });
        } catch (e) {
          expect(e).toBeInstanceOf(ConvError);
          expect((e as ConvError).code).toBe('OUTPUT_SIZE');
          expect(totals).toEqual([]);
          return;
        }
        solved++;
        const a = r.axes[0];
        expect(directOut(i, k, s, d, a.pads)).toBe(o);
        expect(r.output).toEqual([o]);
        if (symmetric.length > 0) {
          expect(a.symmetric).toBe(true);
          expect(a.padding).toBe(symmetric[0]);
          expect(r.padding).toEqual([symmetric[0]]);
        } else {
          asymmetric++;
          expect(a.symmetric).toBe(false);
          expect(a.pads[0] + a.pads[1]).toBe(totals[0]);
          expect(a.pads[1] - a.pads[0]).toBe(1);
        }
      }),
      { numRuns: 600, seed: 7 },
    );
    expect(solved).toBeGreaterThan(50);
    expect(asymmetric).toBeGreaterThan(0);
  });

  it("solves 'same' for an even kernel as PyTorch places it (odd cell after)", () => {
    const r = solvePadding({ input: [6, 7], output: [6, 7], kernel: [4, 3] });
    expect(r.padding).toEqual([[1, 2], [1, 1]]);
    expect(r.lines[0]).toContain('no symmetric padding');
    const same = convGeometry({ inputShape: [1, 1, 6, 7], weightShape: [1, 1, 4, 3] }, { padding: 'same' }, 2);
    expect(same.axes.map((x) => [x.padBefore, x.padAfter])).toEqual(r.padding);
  });
});

describe('solvePadding (transposed)', () => {
  it('finds padding and the smallest output padding giving the size, or refuses when none exists', () => {
    let solved = 0;
    fc.assert(
      fc.property(axis, ({ i, k, s, d, o }) => {
        const maxA = Math.max(s, d) - 1;
        // Brute force: smallest a with a symmetric crop; else smallest a with any crop.
        let best: { p: number; a: number } | null = null;
        let any: { P: number; a: number } | null = null;
        for (let a = 0; a <= maxA && !best; a++) {
          for (let P = 0; P <= (i - 1) * s + d * (k - 1) + a; P++) {
            if (transposedOut(i, k, s, d, [Math.floor(P / 2), P - Math.floor(P / 2)], a) !== o) continue;
            if (P % 2 === 0) {
              best = { p: P / 2, a };
              break;
            }
            any ??= { P, a };
          }
        }
        let r;
        try {
          r = solvePadding({ input: i, output: o, kernel: k, stride: s, dilation: d, transposed: true, rank: 1 });
        } catch (e) {
          expect(e).toBeInstanceOf(ConvError);
          expect(best).toBeNull();
          expect(any).toBeNull();
          return;
        }
        solved++;
        const x = r.axes[0];
        expect(transposedOut(i, k, s, d, x.pads, x.outputPadding)).toBe(o);
        if (best) {
          expect(x.symmetric).toBe(true);
          expect([x.padding, x.outputPadding]).toEqual([best.p, best.a]);
        } else {
          expect(x.symmetric).toBe(false);
          expect(x.outputPadding).toBe(any!.a);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(solved).toBeGreaterThan(30);
  });

  it('solves the output padding alone when the padding is given', () => {
    const r = solvePadding({ input: 3, output: 6, kernel: 3, stride: 2, padding: 1, transposed: true, rank: 1 });
    expect(r.outputPadding).toEqual([1]);
    expect(() => solvePadding({ input: 3, output: 9, kernel: 3, stride: 2, padding: 1, transposed: true, rank: 1 })).toThrow(/can be 5 to 6, not 9/);
    // A padding that crops the whole output away: the hint names paddings that work, not outputs from 1 to −8.
    const crop = { input: 4, output: 3, kernel: 3, stride: 2, transposed: true, rank: 1 } as const;
    expect(() => solvePadding({ ...crop, padding: 9 })).toThrow(/^padding 9 crops the whole output away \(its size would be at most -8\), so it cannot be 3 on axis L; use padding 3, or leave the padding out to solve it too$/);
    expect(solvePadding({ ...crop, padding: 3 }).output).toEqual([3]);
    expect(() => solvePadding({ input: 2, output: 1, kernel: 1, padding: 2, transposed: true, rank: 1 })).toThrow(/; leave the padding out to solve it \(no padding equal on both sides gives it\)$/);
    expect(solvePadding({ input: 2, output: 1, kernel: 1, transposed: true, rank: 1 }).padding).toEqual([[0, 1]]);
    // Input 1, kernel 1, stride 1 reaches one size, 1: named as that size, not 'at most 1' (review 42).
    expect(() => solvePadding({ input: 1, output: 5, kernel: 1, padding: 3, transposed: true, rank: 1 })).toThrow(/; ask for an output of 1, or use a larger stride, kernel or dilation$/);
    expect(() => solvePadding({ input: 1, output: 5, kernel: 1, transposed: true, rank: 1 })).toThrow(/; ask for an output of 1, or use a larger stride, kernel or dilation$/);
    expect(solvePadding({ input: 1, output: 1, kernel: 1, transposed: true, rank: 1 }).output).toEqual([1]);
    // Two sizes reachable: still a bound.
    expect(() => solvePadding({ input: 1, output: 5, kernel: 1, stride: 2, transposed: true, rank: 1 })).toThrow(/; ask for an output of at most 2, or use/);
    // A given padding at stride 1 leaves one size (3 − 1 + 3 − 2 = 3): 'only 3', not '3 to 3'.
    expect(() => solvePadding({ input: 3, output: 9, kernel: 3, padding: 1, transposed: true, rank: 1 })).toThrow(/^with padding 1 the output can only be 3, not 9 on axis L; ask for an output of 3, or leave the padding out to solve it too$/);
    expect(solvePadding({ input: 3, output: 3, kernel: 3, padding: 1, transposed: true, rank: 1 }).output).toEqual([3]);
  });
});

describe('restoreTranspose', () => {
  it("restores the input size of random convolutions, with a = (i + p_b + p_a − k̂) mod s as output padding", () => {
    let restored = 0;
    fc.assert(
      fc.property(convArb, (options) => {
        if (options.transposed) return;
        let conv;
        try {
          conv = explain(options);
        } catch {
          return;
        }
        restored++;
        const r = restoreTranspose(options);
        expect(r.output).toEqual(conv.output);
        expect(r.input).toEqual(conv.input);
        const g = convTransposeGeometry(
          { inputShape: [1, conv.outChannels, ...conv.output], weightShape: [conv.outChannels, conv.inChannels / conv.groups, ...conv.axes.map((a) => a.kernel)] },
          { stride: r.transposed.stride, padding: r.transposed.padding, dilation: r.transposed.dilation, outputPadding: r.outputPadding, groups: conv.groups },
        );
        expect(g.axes.map((a) => a.output)).toEqual(conv.input);
        conv.axes.forEach((a, ax) => {
          const paperA = (a.input + a.padding[0] + a.padding[1] - a.effectiveKernel) % a.stride;
          expect(r.outputPadding[ax]).toBe(paperA);
          if (a.dilation === 1 && a.padding[0] === a.padding[1] && paperA > 0) expect(r.explanation.relationships[ax]).toBe(14);
        });
        // Same weights (transposed layout); the bias belongs to the other side, so compare without it.
        expect(r.explanation.paramsWithoutBias).toBe(conv.paramsWithoutBias);
        expect(r.explanation.macs).toBe(conv.macs);
      }),
      { numRuns: 400, seed: 5 },
    );
    expect(restored).toBeGreaterThan(100);
  });

  it('refuses a transposed or pooling configuration', () => {
    expect(() => restoreTranspose({ input: 3, kernel: 3, transposed: true })).toThrow(ConvError);
    expect(() => restoreTranspose({ input: 3, kernel: 3, pool: 'max' })).toThrow(ConvError);
  });
});

describe('enumerateConfigs', () => {
  const io = fc.record({ i: fc.integer({ min: 1, max: 24 }), o: fc.integer({ min: 1, max: 30 }), transposed: fc.boolean() });

  it('lists exactly the configurations within bounds whose geometry maps i to o, simplest first', () => {
    fc.assert(
      fc.property(io, ({ i, o, transposed }) => {
        const bounds = { maxKernel: 5, maxStride: 3, maxPadding: 2, maxDilation: 2 };
        const r = enumerateConfigs({ input: i, output: o, transposed, ...bounds, limit: 10_000 });
        const brute: string[] = [];
        for (let d = 1; d <= 2; d++)
          for (let k = 1; k <= 5; k++)
            for (let s = 1; s <= 3; s++)
              for (let p = 0; p <= 2; p++) {
                // k=1 with d>1 repeats k=1 d=1, unless (transposed) d allows an output padding a ≥ s.
                if (!transposed) {
                  if (directOut(i, k, s, d, [p, p]) === o && !(k === 1 && d > 1)) brute.push(`${k},${s},${p},${d},0`);
                } else {
                  for (let a = 0; a < Math.max(s, d); a++) if (transposedOut(i, k, s, d, [p, p], a) === o && !(k === 1 && d > 1 && a < s)) brute.push(`${k},${s},${p},${d},${a}`);
                }
              }
        expect(r.configs.map((c) => `${c.kernel},${c.stride},${c.padding},${c.dilation},${c.outputPadding}`)).toEqual(brute);
        expect(r.count).toBe(brute.length);
        expect(r.truncated).toBe(false);
      }),
      { numRuns: 150, seed: 3 },
    );
  });

  it('truncates to the limit but counts all', () => {
    const all = enumerateConfigs({ input: 32, output: 16 });
    const few = enumerateConfigs({ input: 32, output: 16, limit: 3 });
    expect(few.configs).toEqual(all.configs.slice(0, 3));
    expect(few.count).toBe(all.count);
    expect(few.truncated).toBe(all.count > 3);
    expect(all.configs[0]).toMatchObject({ kernel: 1, stride: 2, padding: 0, dilation: 1, relationship: 5 });
  });

  it('refuses unbounded or oversized searches and bad sizes', () => {
    expect(() => enumerateConfigs({ input: 32, output: 16, maxKernel: Infinity })).toThrow(ConvError);
    expect(() => enumerateConfigs({ input: 32, output: 16, maxKernel: 1000, maxStride: 1000, maxPadding: 1000 })).toThrow(/larger than 1000000/);
    expect(() => enumerateConfigs({ input: 0, output: 16 })).toThrow(ConvError);
    expect(() => enumerateConfigs({ input: 3.5, output: 16 })).toThrow(ConvError);
    expect(() => enumerateConfigs({ output: 16 } as never)).toThrow(/input size is missing/);
  });
});

describe('the solvers in Chinese', () => {
  it('name each axis by its direction, as explain and the page do (高度方向（H）, not 轴 H)', () => {
    const lines = solvePadding({ input: [7, 5], kernel: 3, output: [7, 5], lang: 'zh' }).lines;
    expect(lines[0]).toMatch(/^高度方向（H）：/);
    expect(lines[1]).toMatch(/^宽度方向（W）：/);
    expect(solvePadding({ input: 4, kernel: 4, stride: 2, output: 8, transposed: true, rank: 1, lang: 'zh' }).lines[0]).toMatch(/^长度方向（L）：/);
    expect(solvePadding({ input: [7, 5], kernel: 3, output: [7, 5] }).lines[0]).toMatch(/^axis H:/);
  });

  it('the layer table\'s counting conventions say 单元 and 空洞, as the glossary does (not 格, 缺口)', async () => {
    const { CONVENTIONS_ZH } = await import('../../src/i18n/summary.js');
    expect(CONVENTIONS_ZH.join('')).not.toMatch(/缺口|格/);
    expect(CONVENTIONS_ZH[3]).toContain('空洞 =');
  });
});

describe("the solvers' near misses", () => {
  const hintOf = (f: () => unknown): string | undefined => {
    try { f(); } catch (e) { expect(e).toBeInstanceOf(ConvError); return (e as ConvError).hint; }
    throw new Error('accepted');
  };
  it("name the option meant as the solver's own, not as one of PyTorch's keywords", () => {
    expect(hintOf(() => enumerateConfigs({ input: 8, output: 4, maxKernels: 5 } as never))).toBe('did you mean maxKernel? (an option of enumerateConfigs)');
    expect(hintOf(() => solvePadding({ input: 8, output: 4, kernel: 3, strides: 2 } as never))).toBe('did you mean stride? (an option of solvePadding)');
  });
});
