/**
 * The transposed convolution is the adjoint of the convolution with the same weight, stride,
 * padding, dilation and groups: ⟨conv(x), z⟩ = ⟨x, convTranspose(z)⟩ for every x and z, once the
 * output padding makes convTranspose(z) the shape of x (a = (i + pb + pa − Ke) mod s per axis).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conv, convTranspose, convTransposeGeometry, tensor } from '../../src/index.js';
import { convParamsArb, effective, inputExtent, padAfterOf, paddingOption, prod, randomValues, type ConvParams } from './helpers.js';

export const ADJOINT_RUNS = 1500;

function dot(a: ArrayLike<number>, b: ArrayLike<number>): { value: number; magnitude: number } {
  let value = 0;
  let magnitude = 0;
  for (let i = 0; i < a.length; i++) {
    value += a[i] * b[i];
    magnitude += Math.abs(a[i] * b[i]);
  }
  return { value, magnitude };
}

function check(p: ConvParams): void {
  const ic = p.groups * p.inPerGroup;
  const oc = p.groups * p.outPerGroup;
  const spatial = p.axes.map((a) => inputExtent(p, a));
  const lead = p.unbatched ? [] : [p.batch];
  const xShape = [...lead, ic, ...spatial];
  const wShape = [oc, p.inPerGroup, ...p.axes.map((a) => a.kernel)];
  const x = tensor(randomValues(prod(xShape), p.seed), xShape);
  const w = tensor(randomValues(prod(wShape), p.seed + 1), wShape);
  const common = { stride: p.axes.map((a) => a.stride), dilation: p.axes.map((a) => a.dilation), groups: p.groups, padding: paddingOption(p) };
  const y = conv(x, w, common);
  const z = tensor(randomValues(prod(y.shape), p.seed + 2), y.shape);
  const outputPadding = p.axes.map((a, i) => (spatial[i] + a.padBefore + padAfterOf(p, a) - effective(a)) % a.stride);
  const u = convTranspose(z, w, { ...common, outputPadding });
  expect(u.shape).toEqual(xShape);
  // The geometry agrees that this transposed conv restores x's extent.
  const g = convTransposeGeometry({ inputShape: z.shape, weightShape: wShape }, { ...common, outputPadding });
  expect(g.axes.map((a) => a.output)).toEqual(spatial);
  const lhs = dot(y.data, z.data);
  const rhs = dot(x.data, u.data);
  expect(Math.abs(lhs.value - rhs.value)).toBeLessThanOrEqual(1e-5 * (lhs.magnitude + rhs.magnitude) + 1e-9);
}

describe('adjoint identity ⟨conv(x), z⟩ = ⟨x, convTranspose(z)⟩', () => {
  it(`holds on ${ADJOINT_RUNS} random configurations (1-3 D, stride, padding pairs, dilation, groups, unbatched)`, () => {
    fc.assert(fc.property(convParamsArb, (p) => check(p)), { numRuns: ADJOINT_RUNS, seed: 0x5eed });
  });

  it('holds for the classic stride-2 k3 p1 case on a 5×5 input (a = 0) and a 6×6 input (a = 1)', () => {
    for (const extent of [5, 6]) {
      const p: ConvParams = {
        rank: 2, batch: 1, unbatched: false, groups: 1, inPerGroup: 1, outPerGroup: 1, symmetric: true, bias: false, seed: extent,
        axes: [0, 1].map(() => ({ kernel: 3, stride: 2, dilation: 1, padBefore: 1, padAfter: 1, extra: extent - 1 })),
      };
      check(p);
    }
  });
});
