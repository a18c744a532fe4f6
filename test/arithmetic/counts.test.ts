/**
 * Parameters against PyTorch's modules (fixture), and MACs against first-principles loops over the
 * definitions (docs/semantics.md, "Counting"): one MAC per term of the direct sum over output positions, and one
 * per scatter of an input cell for a transposed convolution.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/arithmetic/explain.js';
import type { Explanation } from '../../src/arithmetic/explain.js';
import { ConvError } from '../../src/geometry/errors.js';
import { convArb } from './arbitraries.js';

interface ParamCase {
  rank: number;
  transposed: boolean;
  inChannels: number;
  outChannels: number;
  groups: number;
  kernel: number[];
  bias: boolean;
  params: number;
  weightShape: number[];
}
const fixture: { torch: string; cases: ParamCase[] } = JSON.parse(readFileSync(new URL('./fixtures/params_torch.json', import.meta.url), 'utf8'));

/** All multi-indices of a shape, row-major. */
function* indices(shape: readonly number[]): Generator<number[]> {
  const idx = shape.map(() => 0);
  if (shape.some((n) => n === 0)) return;
  for (;;) {
    yield idx.slice();
    let ax = shape.length - 1;
    while (ax >= 0 && ++idx[ax] === shape[ax]) idx[ax--] = 0;
    if (ax < 0) return;
  }
}

/** Counts the terms of the convolution sums by walking them. */
function loopMacs(e: Explanation): number {
  const kernel = e.axes.map((a) => a.kernel);
  const icg = e.inChannels / e.groups;
  const ocg = e.outChannels / e.groups;
  let macs = 0;
  for (let n = 0; n < e.batch; n++) {
    if (!e.transposed) {
      // y[n, oc, o] = Σ_{ic in group(oc)} Σ_k x[n, ic, o·s − p + k·d]·W[oc, ic − g0, k]
      for (let oc = 0; oc < e.outChannels; oc++) {
        const g0 = Math.floor(oc / ocg) * icg;
        for (const _o of indices(e.output)) for (let ic = g0; ic < g0 + icg; ic++) for (const _k of indices(kernel)) macs++;
      }
    } else {
      // Scatter: every input cell of channel ic adds x·W[ic, oc − g0, k] into each oc of its group, each tap.
      for (let ic = 0; ic < e.inChannels; ic++) {
        const g0 = Math.floor(ic / icg) * ocg;
        for (const _i of indices(e.input)) for (let oc = g0; oc < g0 + ocg; oc++) for (const _k of indices(kernel)) macs++;
      }
    }
  }
  return macs;
}

describe('parameter counts', () => {
  it(`match torch ${fixture.torch} modules on ${fixture.cases.length} layers`, () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(100);
    for (const c of fixture.cases) {
      const e = explain({
        input: c.kernel.map((k) => k + 3),
        kernel: c.kernel,
        transposed: c.transposed,
        inChannels: c.inChannels,
        outChannels: c.outChannels,
        groups: c.groups,
        bias: c.bias,
      });
      expect(e.weightShape).toEqual(c.weightShape);
      expect(e.params).toBe(c.params);
      expect(c.bias ? e.paramsWithBias : e.paramsWithoutBias).toBe(c.params);
      expect(e.paramsWithBias - e.paramsWithoutBias).toBe(c.outChannels);
    }
  });

  it("match the example of docs/semantics.md, Counting: Conv2d(16, 32, 3, groups=2) and its transpose have 2336", () => {
    expect(explain({ input: 8, kernel: 3, inChannels: 16, outChannels: 32, groups: 2 }).params).toBe(2336);
    expect(explain({ input: 8, kernel: 3, inChannels: 16, outChannels: 32, groups: 2, transposed: true }).params).toBe(2336);
  });
});

describe('MACs and FLOPs', () => {
  it('equal the number of terms of the convolution sums on random configurations', () => {
    let checked = 0;
    fc.assert(
      fc.property(convArb, (options) => {
        let e: Explanation;
        try {
          e = explain(options);
        } catch (err) {
          expect(err).toBeInstanceOf(ConvError);
          return;
        }
        checked++;
        expect(e.macs).toBe(loopMacs(e));
        expect(e.flops).toBe(2 * e.macs);
        expect(e.counts!.countedBy).toBe(e.transposed ? 'input' : 'output');
      }),
      { numRuns: 300, seed: 9 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('count a transposed convolution by input positions, including products its crop discards', () => {
    // 3×3 input, k3 s2 p1 a1 → 6×6: 9 input cells × 9 taps = 81, though the 7×7 full output is cropped.
    const e = explain({ input: [3, 3], kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true });
    expect(e.macs).toBe(81);
    // The direct conv it transposes (6×6 → 3×3) has the same MACs: the two are adjoint.
    expect(explain({ input: [6, 6], kernel: 3, stride: 2, padding: 1 }).macs).toBe(81);
  });

  it('state the convention in both languages', () => {
    expect(explain({ input: 5, kernel: 3 }).convention).toMatch(/FLOPs = 2·MACs.*bias.*transposed.*input positions/);
    expect(explain({ input: 5, kernel: 3, lang: 'zh' }).convention).toMatch(/FLOPs = 2·MACs.*偏置.*转置卷积按输入位置/);
  });
});
