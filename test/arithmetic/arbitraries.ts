/** Random convolution configurations in the explain dialect (valid and invalid sizes both occur). */
import fc from 'fast-check';
import type { ExplainOptions } from '../../src/arithmetic/explain.js';

export interface AxisDraw {
  i: number;
  k: number;
  s: number;
  d: number;
  pad: number | [number, number];
  op: number;
}

const axisArb = (transposed: boolean): fc.Arbitrary<AxisDraw> =>
  fc.record({
    i: fc.integer({ min: 1, max: 12 }),
    k: fc.integer({ min: 1, max: 6 }),
    s: fc.integer({ min: 1, max: 4 }),
    d: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 3 })),
    pad: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 5 }) },
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })) },
    ),
    op: transposed ? fc.integer({ min: 0, max: 3 }) : fc.constant(0),
  });

export const convArb: fc.Arbitrary<ExplainOptions> = fc.boolean().chain((transposed) =>
  fc
    .record({
      rank: fc.integer({ min: 1, max: 3 }),
      groups: fc.integer({ min: 1, max: 3 }),
      icPer: fc.integer({ min: 1, max: 3 }),
      ocPer: fc.integer({ min: 1, max: 3 }),
      batch: fc.integer({ min: 1, max: 2 }),
      bias: fc.boolean(),
    })
    .chain((c) =>
      fc.array(axisArb(transposed), { minLength: c.rank, maxLength: c.rank }).map((axes): ExplainOptions => {
        const anyPair = axes.some((a) => Array.isArray(a.pad));
        return {
          input: axes.map((a) => a.i),
          kernel: axes.map((a) => a.k),
          stride: axes.map((a) => a.s),
          dilation: axes.map((a) => a.d),
          padding: anyPair ? axes.map((a) => (Array.isArray(a.pad) ? a.pad : [a.pad, a.pad] as [number, number])) : axes.map((a) => a.pad as number),
          ...(transposed ? { transposed: true, outputPadding: axes.map((a) => Math.min(a.op, Math.max(a.s, a.d) - 1)) } : {}),
          inChannels: c.groups * c.icPer,
          outChannels: c.groups * c.ocPer,
          groups: c.groups,
          batch: c.batch,
          bias: c.bias,
        };
      }),
    ),
);

/** Evaluates a substituted formula such as "⌊(5 + 2·1 − 3)/2⌋ + 1" (tests only). */
export function evaluateFormula(text: string): number {
  const js = text.replaceAll('⌊', 'Math.floor(').replaceAll('⌋', ')').replaceAll('·', '*').replaceAll('−', '-');
  if (!/^[\d\s+\-*/().Mathflorceil]+$/.test(js)) throw new Error(`unexpected formula text ${text}`);
  return Function(`"use strict"; return (${js});`)() as number;
}
