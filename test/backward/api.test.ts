/**
 * The backward ops' contract besides the numbers (test/backward/torch-fixtures.test.ts and
 * properties.test.ts check those): refusals are the forward op's ConvErrors, a gradOutput of the
 * wrong shape and a malformed `gradients` selection are refused, gradients not asked for are null,
 * unbatched inputs give unbatched gradients, a batch's gradients are the sums of its samples'.
 */
import { describe, expect, it } from 'vitest';
import {
  ConvError,
  conv,
  conv1dBackward,
  conv2d,
  conv2dBackward,
  convBackward,
  convTranspose,
  convTranspose2d,
  convTranspose2dBackward,
  convTransposeBackward,
  tensor,
  zeros,
  type Tensor,
} from '../../src/index.js';
import { prod, randomValues } from '../properties/helpers.js';

function rand(shape: number[], seed: number): Tensor {
  return tensor(randomValues(prod(shape), seed), shape);
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConvError);
    return (e as ConvError).code;
  }
  return 'accepted';
}

describe('backward ops: refusals', () => {
  // Each configuration the forward op refuses; the backward op must refuse it with the same code.
  const direct: [string, number[], number[], Record<string, unknown>][] = [
    ['kernel larger than the input', [1, 1, 2, 2], [1, 1, 3, 3], {}],
    ['reflect pad not below the input', [1, 1, 3, 3], [1, 1, 3, 3], { padding: 3, paddingMode: 'reflect' }],
    ['circular pad wrapping twice', [1, 1, 2, 2], [1, 1, 1, 1], { padding: 3, paddingMode: 'circular' }],
    ['strided same', [1, 1, 5, 5], [1, 1, 3, 3], { padding: 'same', stride: 2 }],
    ['channels not matching', [1, 3, 5, 5], [2, 2, 3, 3], {}],
    ['groups not dividing', [1, 4, 5, 5], [3, 2, 3, 3], { groups: 2 }],
    ['input rank', [5, 5], [1, 1, 3, 3], {}],
    ['negative padding', [1, 1, 5, 5], [1, 1, 3, 3], { padding: -1 }],
    ['bias of the wrong length', [1, 1, 5, 5], [2, 1, 3, 3], { bias: tensor([1, 2, 3], [3]) }],
    ['unknown engine', [1, 1, 5, 5], [1, 1, 3, 3], { engine: 'gpu' }],
  ];
  for (const [what, xs, ws, options] of direct) {
    it(`conv2dBackward refuses as conv2d does: ${what}`, () => {
      const x = zeros(xs);
      const w = zeros(ws);
      const expected = codeOf(() => conv2d(x, w, options as never));
      expect(expected).not.toBe('accepted');
      expect(codeOf(() => conv2dBackward(x, w, zeros([1, 1, 1, 1]), options as never))).toBe(expected);
    });
  }
  const transposed: [string, number[], number[], Record<string, unknown>][] = [
    ['a padding mode', [1, 1, 3, 3], [1, 1, 3, 3], { paddingMode: 'reflect' }],
    ['output padding not below stride or dilation', [1, 1, 3, 3], [1, 1, 3, 3], { stride: 2, outputPadding: 2 }],
    ['output too small', [1, 1, 1, 1], [1, 1, 1, 1], { padding: 1 }],
    ['outputSize out of range', [1, 1, 3, 3], [1, 1, 3, 3], { stride: 2, outputSize: [9, 9] }],
    ['string padding', [1, 1, 3, 3], [1, 1, 3, 3], { padding: 'same' }],
  ];
  for (const [what, xs, ws, options] of transposed) {
    it(`convTranspose2dBackward refuses as convTranspose2d does: ${what}`, () => {
      const x = zeros(xs);
      const w = zeros(ws);
      const expected = codeOf(() => convTranspose2d(x, w, options as never));
      expect(expected).not.toBe('accepted');
      expect(codeOf(() => convTranspose2dBackward(x, w, zeros([1, 1, 1, 1]), options as never))).toBe(expected);
    });
  }

  it('refuses a gradOutput that is not of the output shape, naming both shapes', () => {
    const x = rand([1, 2, 5], 1);
    const w = rand([3, 2, 3], 2);
    for (const shape of [[1, 3, 4], [3, 3], [1, 2, 3], [1, 3, 3, 1]]) {
      try {
        convBackward(x, w, zeros(shape));
        expect.fail(`gradOutput [${shape}] accepted`);
      } catch (e) {
        expect(e).toBeInstanceOf(ConvError);
        expect((e as ConvError).code).toBe('INVALID_OPTION');
        expect((e as ConvError).message).toContain(`[${conv(x, w).shape.join(', ')}]`);
      }
    }
    // convTranspose of [1, 3, 4] by this weight is [1, 2, 6].
    expect(codeOf(() => convTransposeBackward(rand([1, 3, 4], 3), w, zeros([1, 2, 4])))).toBe('INVALID_OPTION');
  });

  it('refuses a malformed gradients selection and non-object options', () => {
    const x = rand([1, 1, 4], 1);
    const w = rand([1, 1, 2], 2);
    const gy = rand([1, 1, 3], 3);
    for (const gradients of ['all', [true], { input: 1 }, { bias: 'yes' }]) {
      expect(codeOf(() => convBackward(x, w, gy, { gradients } as never))).toBe('INVALID_OPTION');
    }
    expect(codeOf(() => convBackward(x, w, gy, 3 as never))).toBe('INVALID_OPTION');
  });
});

describe('backward ops: what comes back', () => {
  it('computes only the gradients asked for; the bias gradient by default only with a bias', () => {
    const x = rand([2, 2, 6], 1);
    const w = rand([4, 2, 3], 2);
    const gy = rand([2, 4, 4], 3);
    const all = convBackward(x, w, gy, { gradients: { bias: true } });
    expect(all.input!.shape).toEqual([2, 2, 6]);
    expect(all.weight!.shape).toEqual([4, 2, 3]);
    expect(all.bias!.shape).toEqual([4]);
    expect(convBackward(x, w, gy).bias).toBeNull();
    const withBias = convBackward(x, w, gy, { bias: rand([4], 4) });
    expect(Array.from(withBias.bias!.data)).toEqual(Array.from(all.bias!.data));
    const onlyWeight = convBackward(x, w, gy, { gradients: { input: false } });
    expect(onlyWeight.input).toBeNull();
    expect(Array.from(onlyWeight.weight!.data)).toEqual(Array.from(all.weight!.data));
    const onlyInput = convBackward(x, w, gy, { gradients: { weight: false } });
    expect(onlyInput.weight).toBeNull();
    expect(Array.from(onlyInput.input!.data)).toEqual(Array.from(all.input!.data));
  });

  it('the bias gradient is the per-channel sum of gradOutput', () => {
    const gy = rand([2, 3, 2, 2], 7);
    const g = conv2dBackward(rand([2, 1, 3, 3], 5), rand([3, 1, 2, 2], 6), gy, { gradients: { bias: true } });
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let n = 0; n < 2; n++) for (let p = 0; p < 4; p++) s += gy.data[(n * 3 + c) * 4 + p];
      expect(g.bias!.data[c]).toBeCloseTo(s, 5);
    }
  });

  for (const engine of ['reference', 'auto'] as const) {
    it(`unbatched inputs give the batched gradients without the batch axis (${engine})`, () => {
      const x = rand([3, 5, 4], 1);
      const w = rand([2, 3, 3, 2], 2);
      const o = { stride: [2, 1], padding: 1, paddingMode: 'replicate' as const, engine };
      const y = conv2d(x, w, o);
      const gy = rand(y.shape, 3);
      const un = conv2dBackward(x, w, gy, o);
      const ba = conv2dBackward({ shape: [1, ...x.shape], data: x.data }, w, { shape: [1, ...gy.shape], data: gy.data }, o);
      expect(un.input!.shape).toEqual(x.shape);
      expect(Array.from(un.input!.data)).toEqual(Array.from(ba.input!.data));
      expect(Array.from(un.weight!.data)).toEqual(Array.from(ba.weight!.data));
    });

    it(`a batch's weight gradient is the sum of its samples', its input gradient theirs side by side (${engine})`, () => {
      const w = rand([4, 3, 3, 3], 2);
      const o = { stride: 2, padding: 1, outputPadding: 1, engine };
      const xs = [rand([1, 4, 3, 3], 10), rand([1, 4, 3, 3], 11)];
      const y0 = convTranspose(xs[0], w, o);
      const gys = [rand(y0.shape, 12), rand(y0.shape, 13)];
      const cat = (a: Tensor, b: Tensor): Tensor => ({ shape: [2, ...a.shape.slice(1)], data: Float32Array.from([...a.data, ...b.data]) });
      const both = convTransposeBackward(cat(xs[0], xs[1]), w, cat(gys[0], gys[1]), o);
      const one = xs.map((x, i) => convTransposeBackward(x, w, gys[i], o));
      expect(Array.from(both.input!.data)).toEqual([...one[0].input!.data, ...one[1].input!.data]);
      both.weight!.data.forEach((v, i) => expect(v).toBeCloseTo(one[0].weight!.data[i] + one[1].weight!.data[i], 4));
    });
  }

  it('a layer called again reuses its geometry only while every value is the same (options changed in place included)', () => {
    // The backward functions keep the last geometry (geometry-memo.ts) and the input gradient's
    // geometry per geometry: a stride, padding or mode changed inside the same options object,
    // or the other op, must each give that layer's own gradients.
    const x = rand([1, 2, 9, 9], 3), w = rand([3, 2, 3, 3], 4);
    const opts: { stride: number[]; padding: number; paddingMode?: 'zeros' | 'reflect'; engine: 'reference' | 'auto' } = { stride: [2, 2], padding: 1, engine: 'auto' };
    const fresh = (o: typeof opts) => ({ ...o, stride: [...o.stride] });
    const check = () => {
      const gy = rand(conv2d(x, w, fresh(opts)).shape, 5);
      const got = conv2dBackward(x, w, gy, opts);
      const want = conv2dBackward(x, w, gy, { ...fresh(opts), engine: 'reference' });
      expect(got.input!.shape).toEqual(want.input!.shape);
      got.input!.data.forEach((v, i) => expect(v).toBeCloseTo(want.input!.data[i], 4));
      got.weight!.data.forEach((v, i) => expect(v).toBeCloseTo(want.weight!.data[i], 3));
    };
    check();
    check(); // the same values: the memo's geometry
    opts.stride[1] = 1; // changed in place
    check();
    opts.padding = 0;
    check();
    opts.paddingMode = 'reflect';
    opts.padding = 1;
    check();
    // The transposed op with the same shapes and options is another layer.
    const t = convTranspose2dBackward(x, rand([2, 3, 3, 3], 6), rand(convTranspose2d(x, rand([2, 3, 3, 3], 6), { stride: 2 }).shape, 7), { stride: 2 });
    expect(t.input!.shape).toEqual([1, 2, 9, 9]);
    expect(t.weight!.shape).toEqual([2, 3, 3, 3]);
  });

  it('an empty batch gives zero gradients of the right shapes', () => {
    const g = conv1dBackward(zeros([0, 2, 5]), rand([3, 2, 3], 1), zeros([0, 3, 3]), { gradients: { bias: true } });
    expect(g.input!.shape).toEqual([0, 2, 5]);
    expect(Array.from(g.weight!.data)).toEqual(new Array(18).fill(0));
    expect(Array.from(g.bias!.data)).toEqual([0, 0, 0]);
  });
});
