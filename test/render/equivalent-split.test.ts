/**
 * A transposed conv's after-padding is split once, in the geometry (equivalent.pPrime and
 * equivalent.outputPadding): the explanation and the picture's caption must name the same p′ and
 * a. Seeded random configurations, padding past k̂ − 1 included (negative p′ crops the a cells).
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/arithmetic/explain.js';
import { isConvError } from '../../src/geometry/errors.js';
import { paramLines } from '../../src/render/layout/text.js';
import { trace } from '../../src/trace/index.js';
import type { DirectTrace, TraceSpecOptions } from '../../src/trace/types.js';
import { mulberry32 } from '../support/mulberry32.js';

/** The caption's way of writing per-axis [before, after] pads (one value when all agree). */
function captionPads(pads: readonly (readonly [number, number])[]): string {
  const symmetric = pads.every(([b, a]) => b === a);
  if (!symmetric) return pads.map(([b, a]) => `(${b},${a})`).join('×');
  const before = pads.map(([b]) => b);
  return before.every((v) => v === before[0]) ? String(before[0]) : before.join('×');
}

function captionValues(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0]) : values.join('×');
}

function randomSpec(next: () => number): TraceSpecOptions {
  const pick = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const rank = pick(1, 2);
  const axes = Array.from({ length: rank }, () => {
    const kernel = pick(1, 4);
    const stride = pick(1, 3);
    const dilation = pick(1, 2);
    const ke = dilation * (kernel - 1) + 1;
    const before = pick(0, ke + 1);
    const after = next() < 0.3 ? pick(0, ke + 1) : before;
    return { input: pick(1, 6), kernel, stride, dilation, pads: [before, after] as [number, number], op: pick(0, Math.max(stride, dilation) - 1) };
  });
  return {
    input: axes.map((a) => a.input),
    kernel: axes.map((a) => a.kernel),
    stride: axes.map((a) => a.stride),
    dilation: axes.map((a) => a.dilation),
    padding: axes.map((a) => a.pads),
    outputPadding: axes.map((a) => a.op),
    transposed: true,
  };
}

describe("explain and the picture split a transposed conv's padding the same way", () => {
  it('input 5, kernel 1, stride 2, padding 1, output padding 1: p′ = −1 on both sides, a = 1', () => {
    const spec: TraceSpecOptions = { input: [5], kernel: [1], stride: [2], padding: [1], outputPadding: [1], transposed: true };
    const eq = explain(spec).axes[0].equivalent!;
    expect([eq.pPrime, eq.a, eq.padAfter]).toEqual([[-1, -1], 1, 0]);
    const caption = paramLines(trace(spec) as DirectTrace, 'en')[1];
    expect(caption).toContain('p′ = -1 ·');
    expect(caption).toContain('a = 1 ·');
  });

  it('500 seeded random transposed configurations name the same p′ and a', () => {
    const next = mulberry32(1403);
    let compared = 0;
    let cropped = 0;
    for (let attempt = 0; compared < 500 && attempt < 5000; attempt++) {
      const spec = randomSpec(next);
      let tr: DirectTrace;
      try {
        tr = trace(spec) as DirectTrace;
      } catch (e) {
        if (isConvError(e)) continue; // an output below 1 cell: no picture, no explanation
        throw e;
      }
      const axes = explain(spec).axes.map((a) => a.equivalent!);
      for (let i = 0; i < axes.length; i++) {
        expect(tr.axes[i].pPrime, JSON.stringify(spec)).toEqual(axes[i].pPrime);
        expect(tr.axes[i].outputPadding, JSON.stringify(spec)).toBe(axes[i].a);
        expect(axes[i].pPrime[1] + axes[i].a, JSON.stringify(spec)).toBe(tr.axes[i].gridPadAfter);
        if (axes[i].a > 0 && axes[i].pPrime[1] < 0) cropped++;
      }
      const caption = paramLines(tr, 'en')[1];
      expect(caption, JSON.stringify(spec)).toContain(`p′ = ${captionPads(axes.map((a) => a.pPrime))} ·`);
      expect(caption, JSON.stringify(spec)).toContain(`a = ${captionValues(axes.map((a) => a.a))} ·`);
      compared++;
    }
    expect(compared).toBe(500);
    // The case the two used to disagree on (a negative p′ after, output padding > 0) is sampled.
    expect(cropped).toBeGreaterThan(20);
  });
});
