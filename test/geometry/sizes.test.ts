/**
 * The one-axis size rules of src/geometry/sizes.ts, checked against what they promise rather than
 * against a copy of their formulas: SAME's padding gives ⌈i/s⌉ outputs, a transposed conv's full
 * output is what its scatter writes, and the output-padding limit is the edge of what the PyTorch
 * dialect accepts.
 */
import { describe, expect, it } from 'vitest';
import { convTransposeGeometry, isConvError } from '../../src/index.js';
import {
  directOutputSize,
  effectiveKernel,
  outputPaddingAllowed,
  samePaddingTotal,
  splitPadding,
  transposedFullSize,
  windowSpan,
} from '../../src/geometry/sizes.js';

describe('one-axis size rules', () => {
  it('SAME padding (clamped at 0) gives ⌈i/s⌉ outputs and is the least padding that does', () => {
    let checked = 0;
    for (let i = 1; i <= 12; i++) {
      for (let k = 1; k <= 5; k++) {
        for (let s = 1; s <= 4; s++) {
          for (let d = 1; d <= 3; d++) {
            const ke = effectiveKernel(k, d);
            const total = Math.max(0, samePaddingTotal(i, s, ke));
            const [before, after] = splitPadding(total, 'after');
            if (i + total < ke) continue;
            expect(directOutputSize(i, k, s, d, before, after)).toBe(Math.ceil(i / s));
            if (total > 0) expect(directOutputSize(i, k, s, d, 0, total - 1)).toBeLessThan(Math.ceil(i / s));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('splitPadding puts the odd cell at the named end', () => {
    expect(splitPadding(5, 'after')).toEqual([2, 3]);
    expect(splitPadding(5, 'before')).toEqual([3, 2]);
    expect(splitPadding(4, 'before')).toEqual([2, 2]);
    expect(splitPadding(0, 'after')).toEqual([0, 0]);
  });

  it("a transposed conv's full output is the last cell its scatter writes, plus one", () => {
    for (let i = 1; i <= 6; i++) {
      for (let k = 1; k <= 4; k++) {
        for (let s = 1; s <= 3; s++) {
          for (let d = 1; d <= 3; d++) {
            // Input i writes positions i·s + t·d (docs/semantics.md, scatter form).
            const last = (i - 1) * s + (k - 1) * d;
            expect(transposedFullSize(i, k, s, d)).toBe(last + 1);
            expect(windowSpan(i, s, effectiveKernel(k, d))).toBe(last + 1);
          }
        }
      }
    }
  });

  it('outputPaddingAllowed is exactly what the PyTorch dialect accepts', () => {
    for (let s = 1; s <= 4; s++) {
      for (let d = 1; d <= 4; d++) {
        for (let op = 0; op <= 5; op++) {
          let accepted = true;
          try {
            convTransposeGeometry({ inputShape: [1, 1, 4], weightShape: [1, 1, 3] }, { stride: s, dilation: d, outputPadding: op });
          } catch (e) {
            if (!isConvError(e)) throw e;
            expect(e.code).toBe('OUTPUT_PADDING');
            accepted = false;
          }
          expect(accepted).toBe(outputPaddingAllowed(op, s, d));
        }
      }
    }
  });
});
