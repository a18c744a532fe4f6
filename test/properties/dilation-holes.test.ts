/**
 * Kernel dilation is hole insertion: a conv with dilation d equals the conv (dilation 1) with a
 * kernel of d(k−1)+1 taps per axis holding the weights at multiples of d and zeros between — for
 * every stride, padding (numbers, pairs, 'same', 'valid'), padding mode, group count and rank.
 * Also: convkit's direct conv equals the textbook definition (test/properties/helpers.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConvError, conv, tensor, type Tensor } from '../../src/index.js';
import { convParamsArb, effective, inputExtent, naiveConv, padAfterOf, paddingOption, prod, randomValues, ravel, relError, unravel, type ConvParams } from './helpers.js';

export const DILATION_RUNS = 1500;
export const DEFINITION_RUNS = 1000;

function holed(w: Float32Array, wShape: number[], dilation: number[]): Tensor {
  const [OC, Cg, ...k] = wShape;
  const ke = k.map((kk, a) => dilation[a] * (kk - 1) + 1);
  const out = new Float32Array(OC * Cg * prod(ke));
  const kc = new Array<number>(k.length);
  for (let oc = 0; oc < OC * Cg; oc++) {
    for (let t = 0; t < prod(k); t++) {
      unravel(t, k, kc);
      out[oc * prod(ke) + ravel(kc.map((c, a) => c * dilation[a]), ke)] = w[oc * prod(k) + t];
    }
  }
  return tensor(out, [OC, Cg, ...ke]);
}

function outcome(f: () => Tensor): Tensor | ConvError {
  try {
    return f();
  } catch (e) {
    if (e instanceof ConvError) return e;
    throw e;
  }
}

const modes = ['zeros', 'reflect', 'replicate', 'circular'] as const;

function checkHoles(p: ConvParams): void {
  const ic = p.groups * p.inPerGroup;
  const spatial = p.axes.map((a) => inputExtent(p, a));
  const xShape = [...(p.unbatched ? [] : [p.batch]), ic, ...spatial];
  const wShape = [p.groups * p.outPerGroup, p.inPerGroup, ...p.axes.map((a) => a.kernel)];
  const x = tensor(randomValues(prod(xShape), p.seed), xShape);
  const w = tensor(randomValues(prod(wShape), p.seed + 3), wShape);
  const dilation = p.axes.map((a) => a.dilation);
  const stride = p.axes.map((a) => a.stride);
  const choice = p.seed % 7;
  const padding = choice === 5 ? 'valid' : choice === 6 && stride.every((s) => s === 1) ? 'same' : paddingOption(p);
  const paddingMode = modes[(p.seed >>> 4) % 4];
  const bias = p.bias ? tensor(randomValues(wShape[0], p.seed + 5), [wShape[0]]) : null;
  const options = { stride, padding, groups: p.groups, paddingMode, bias } as const;
  const a = outcome(() => conv(x, w, { ...options, dilation }));
  const b = outcome(() => conv(x, holed(w.data, wShape, dilation), { ...options, dilation: 1 }));
  if (a instanceof ConvError || b instanceof ConvError) {
    // Same extent, same pads: both refuse (e.g. a reflect pad ≥ the input) with the same code.
    expect(a).toBeInstanceOf(ConvError);
    expect(b).toBeInstanceOf(ConvError);
    expect((b as ConvError).code).toBe((a as ConvError).code);
    return;
  }
  expect(a.shape).toEqual(b.shape);
  expect(relError(a.data, b.data)).toBeLessThanOrEqual(1e-5);
}

function checkDefinition(p: ConvParams): void {
  const ic = p.groups * p.inPerGroup;
  const spatial = p.axes.map((a) => inputExtent(p, a));
  const xShape = [p.batch, ic, ...spatial];
  const wShape = [p.groups * p.outPerGroup, p.inPerGroup, ...p.axes.map((a) => a.kernel)];
  const x = tensor(randomValues(prod(xShape), p.seed), xShape);
  const w = tensor(randomValues(prod(wShape), p.seed + 3), wShape);
  const spec = {
    xShape, wShape, groups: p.groups,
    stride: p.axes.map((a) => a.stride), dilation: p.axes.map((a) => a.dilation),
    padBefore: p.axes.map((a) => a.padBefore), padAfter: p.axes.map((a) => padAfterOf(p, a)),
  };
  const ref = naiveConv(x.data, w.data, spec);
  const y = conv(x, w, { stride: spec.stride, dilation: spec.dilation, groups: p.groups, padding: paddingOption(p) });
  expect(y.shape).toEqual(ref.shape);
  expect(relError(y.data, ref.data)).toBeLessThanOrEqual(1e-5);
  // Output extent from the formula ⌊(i + pb + pa − Ke)/s⌋ + 1, per axis.
  p.axes.forEach((a, i) => expect(y.shape[2 + i]).toBe(Math.floor((spatial[i] + a.padBefore + padAfterOf(p, a) - effective(a)) / a.stride) + 1));
}

describe('dilated conv = conv with an explicitly holed kernel', () => {
  it(`holds on ${DILATION_RUNS} random configurations (all padding modes, 'same'/'valid', groups, 1-3 D)`, () => {
    fc.assert(fc.property(convParamsArb, (p) => checkHoles(p)), { numRuns: DILATION_RUNS, seed: 0xd11a });
  });
});

describe('direct conv = the textbook definition', () => {
  it(`holds on ${DEFINITION_RUNS} random configurations`, () => {
    fc.assert(fc.property(convParamsArb, (p) => checkDefinition(p)), { numRuns: DEFINITION_RUNS, seed: 0xdef1 });
  });
});
