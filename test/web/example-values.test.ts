/**
 * The page's example kernels: slice 0 is the one-channel figures' kernel, and in a 3 × 3 layer of
 * up to 16 channels a side every output channel has a kernel of its own (tour step 4 says so, and
 * its figure and output strip show them side by side).
 */
import { describe, expect, it } from 'vitest';
import { exampleWeight } from '../../web/src/example-values.js';

describe('exampleWeight', () => {
  it('keeps the first three slices: the pattern 2·row + column, shifted by the slice', () => {
    expect(Array.from(exampleWeight(3, 3, 3))).toEqual([0, 1, 2, 2, 0, 1, 1, 2, 0, 1, 2, 0, 0, 1, 2, 2, 0, 1, 2, 0, 1, 1, 2, 0, 0, 1, 2]);
  });

  it('gives every output channel of a 3 × 3 layer a kernel of its own, up to 16 channels a side', () => {
    for (let inC = 1; inC <= 16; inC++) {
      for (let outC = 2; outC <= 16; outC++) {
        const w = exampleWeight(outC * inC, 3, 3);
        const per = inC * 9;
        const kernels = new Set(Array.from({ length: outC }, (_, j) => w.subarray(j * per, (j + 1) * per).join(',')));
        expect(kernels.size, `${inC} → ${outC}`).toBe(outC);
      }
    }
  });

  it('uses only the small whole numbers 0–2 of the classic figures', () => {
    expect(new Set(exampleWeight(64, 3, 3))).toEqual(new Set([0, 1, 2]));
  });
});
