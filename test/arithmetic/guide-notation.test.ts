/** The guide's notation of a transposed convolution ⇄ PyTorch's options, checked through the geometry. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromGuideNotation, guideNotation, guidePaddingMost } from '../../src/arithmetic/guide-notation.js';
import { ConvError } from '../../src/geometry/errors.js';
import { convTransposeGeometry } from '../../src/geometry/torch.js';
import { refusal } from '../support/refusal.js';


describe('fromGuideNotation', () => {
  it("reads the tutorial's transposed 2×2 → 4×4 with padding 2 as PyTorch's padding 0", () => {
    const r = fromGuideNotation({ input: 2, kernel: 3, padding: 2 });
    expect(r.options.padding).toEqual([0, 0]);
    expect(r.options.stride).toEqual([1, 1]);
    expect(r.geometry.axes.map((a) => a.output)).toEqual([4, 4]);
    expect(r.notation[0].guidePadding).toEqual([2, 2]);
  });

  it('reads stride "1/2" as PyTorch\'s stride 2 (one zero between input cells): 2×2 → 5×5', () => {
    const r = fromGuideNotation({ input: 2, kernel: 3, stride: '1/2', padding: 2 });
    expect(r.options.stride).toEqual([2, 2]);
    expect(r.options.padding).toEqual([0, 0]);
    expect(r.geometry.axes.map((a) => a.output)).toEqual([5, 5]);
    expect(r.notation[0].insertedZeros).toBe(1);
    expect(r.notation[0].stretchedInput).toBe(3);
    expect(r.notation[0].guideStride).toBe('1/2');
    expect(fromGuideNotation({ input: 2, kernel: 3, stride: '2', padding: 2 }).options.stride).toEqual([2, 2]);
    expect(fromGuideNotation({ input: 2, kernel: 3, stride: ['1/2', 1], padding: 2 }).options.stride).toEqual([2, 1]);
  });

  it("the guide's a extra cells are PyTorch's output padding (5×5, k3, s2, p1 transposed back: 3×3 → 5×5 with p′ = 1)", () => {
    const r = fromGuideNotation({ input: 3, kernel: 3, stride: '1/2', padding: 1, a: 0 });
    expect(r.options.padding).toEqual([1, 1]);
    expect(r.geometry.axes[0].output).toBe(5);
    const r6 = fromGuideNotation({ input: 3, kernel: 3, stride: '1/2', padding: 1, a: 1 });
    expect(r6.options.outputPadding).toEqual([1, 1]);
    expect(r6.geometry.axes[0].output).toBe(6);
  });

  it('refuses a p′ larger than k̂ − 1 and a stride that is not s or 1/s, saying what is valid', () => {
    const big = refusal(() => fromGuideNotation({ input: 2, kernel: 3, padding: 3 }));
    expect(big.code).toBe('NEGATIVE_PADDING');
    expect(big.message).toMatch(/from 0 to 2/);
    // Below 0 too: the range the refusal states starts at 0, so −1 is refused with the same range.
    const neg = refusal(() => fromGuideNotation({ input: 2, kernel: 3, padding: -1 }));
    expect(neg.code).toBe('NEGATIVE_PADDING');
    expect(neg.message).toMatch(/p′ = -1 on axis H is negative.*from 0 to 2/s);
    expect(refusal(() => fromGuideNotation({ input: 2, kernel: 3, padding: [[0, -1], [0, 0]] })).code).toBe('NEGATIVE_PADDING');
    expect(guidePaddingMost(3)).toBe(2);
    expect(guidePaddingMost(3, 2)).toBe(4);
    const frac = refusal(() => fromGuideNotation({ input: 2, kernel: 3, stride: '2/3' }));
    expect(frac.code).toBe('STRIDE');
    expect(frac.message).toMatch(/1\/s/);
    expect(refusal(() => fromGuideNotation({ input: 2, kernel: 3, stride: '1/0' })).code).toBe('STRIDE');
    expect(refusal(() => fromGuideNotation({ input: 2, kernel: 3, stride: 0 })).code).toBe('STRIDE');
    expect(refusal(() => fromGuideNotation({ input: 2, kernel: 3, nope: 1 } as never)).code).toBe('INVALID_OPTION');
    // a must be smaller than the stride: the geometry's own refusal.
    expect(refusal(() => fromGuideNotation({ input: 2, kernel: 3, a: 1 })).code).toBe('OUTPUT_PADDING');
  });

  it('round trip: any PyTorch transposed conv, written in the guide\'s numbers and read back, is the same layer', () => {
    fc.assert(
      fc.property(
        fc.record({
          i: fc.integer({ min: 1, max: 9 }),
          k: fc.integer({ min: 1, max: 5 }),
          s: fc.integer({ min: 1, max: 4 }),
          d: fc.integer({ min: 1, max: 3 }),
          p: fc.integer({ min: 0, max: 6 }),
          op: fc.integer({ min: 0, max: 3 }),
        }),
        ({ i, k, s, d, p, op }) => {
          let g;
          try {
            g = convTransposeGeometry({ inputShape: [1, 1, i], weightShape: [1, 1, k] }, { stride: s, padding: p, dilation: d, outputPadding: op }, 1);
          } catch (e) {
            if (e instanceof ConvError) return;
            throw e;
          }
          const [n] = guideNotation(g);
          const ke = d * (k - 1) + 1;
          // p′ = k̂ − 1 − p on the equivalent direct conv; the guide's fractional stride 1/s.
          expect(n.guidePadding).toEqual([ke - 1 - p, ke - 1 - p]);
          expect(n.guideStride).toBe(s === 1 ? '1' : `1/${s}`);
          if (n.guidePadding[0] < 0) return; // a crop beyond k̂ − 1: the guide has no negative padding to type
          const back = fromGuideNotation({ input: [i], kernel: k, stride: n.guideStride, padding: n.guidePadding[0], a: n.a, dilation: d });
          expect(back.options.padding).toEqual([p]);
          expect(back.options.stride).toEqual([s]);
          expect(back.options.outputPadding).toEqual([op]);
          expect(back.geometry.axes[0].output).toBe(g.axes[0].output);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('guideNotation', () => {
  it('a direct conv is its own guide notation (stride s, padding p, nothing inserted)', () => {
    const [h, w] = guideNotation({ input: [5, 6], kernel: 3, stride: 2, padding: [1, 0] });
    expect(h).toMatchObject({ transposed: false, guideStride: '2', insertedZeros: 0, guidePadding: [1, 1], padding: [1, 1], a: 0, output: 3 });
    expect(w).toMatchObject({ guidePadding: [0, 0], output: 2 });
  });
});
