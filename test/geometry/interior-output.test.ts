/**
 * interiorOutput: the output cells clear of a layer's edges (tour part 9 reads its overlap counts
 * there). Pinned against forms derived by hand, not from tapPosition: a direct output's taps
 * span o·s − p_before … o·s − p_before + (k−1)·d, which must lie in [0, i). A transposed layer is
 * checked from the input side, as the scatter view draws it: input x stamps tap j on full position
 * x·s + j·d, so output o (full position o + crop) is inside iff no input beyond [0, i) would stamp
 * it, whatever the input's length; with dilation 1 that is k − s ≤ o + crop ≤ i·s − 1. (With a
 * dilation, a position no tap of any input can reach, e.g. every odd one at stride 2 and rate 2, is
 * inside: its count, 0, is what an endless input gives too.)
 */
import { describe, expect, it } from 'vitest';
import { ConvError, convGeometry, convTransposeGeometry, interiorOutput, type AxisGeometry } from '../../src/index.js';

function axis(input: number, kernel: number, options: Record<string, unknown>, transposed: boolean): AxisGeometry | null {
  const shapes = { inputShape: [1, 1, input], weightShape: [1, 1, kernel] };
  try {
    return (transposed ? convTransposeGeometry(shapes, options) : convGeometry(shapes, options)).axes[0];
  } catch (e) {
    if (e instanceof ConvError) return null;
    throw e;
  }
}

const cells = (ax: AxisGeometry) => Array.from({ length: ax.output }, (_, o) => interiorOutput(ax, o));

describe('interiorOutput', () => {
  it('tour part 9: kernel 4 at stride 2 on 3 inputs has the centre 4 of its 8 outputs inside; kernel 3 the centre 3 of 7', () => {
    expect(cells(axis(3, 4, { stride: 2 }, true)!)).toEqual([false, false, true, true, true, true, false, false]);
    expect(cells(axis(3, 3, { stride: 2 }, true)!)).toEqual([false, true, true, true, true, true, false].map((_, o) => o >= 1 && o <= 5));
  });

  it('agrees with the closed forms on every small 1-D layer, direct and transposed', () => {
    let direct = 0, transposed = 0;
    for (let i = 1; i <= 7; i++) for (let k = 1; k <= 4; k++) for (let s = 1; s <= 3; s++) for (let d = 1; d <= 2; d++) for (let p = 0; p <= 3; p++) {
      const conv = axis(i, k, { stride: s, dilation: d, padding: p }, false);
      if (conv && !conv.transposed) {
        direct++;
        const pb = conv.padBefore;
        const want = Array.from({ length: conv.output }, (_, o) => o * s - pb >= 0 && o * s - pb + (k - 1) * d <= i - 1);
        expect(cells(conv), `conv i${i} k${k} s${s} d${d} p${p}`).toEqual(want);
      }
      for (let op = 0; op < Math.max(s, d); op++) {
        const tr = axis(i, k, { stride: s, dilation: d, padding: p, outputPadding: op }, true);
        if (!tr) continue;
        transposed++;
        const stampedFromOutside = (f: number) => {
          for (let x = -20; x < i + 20; x++) for (let j = 0; j < k; j++) if ((x < 0 || x >= i) && x * s + j * d === f) return true;
          return false;
        };
        const want = Array.from({ length: tr.output }, (_, o) => !stampedFromOutside(o + p));
        expect(cells(tr), `convTranspose i${i} k${k} s${s} d${d} p${p} op${op}`).toEqual(want);
        if (d === 1) expect(cells(tr)).toEqual(Array.from({ length: tr.output }, (_, o) => o + p >= k - s && o + p <= i * s - 1));
      }
    }
    // The sweep really covers both kinds (a refusal of everything would pass vacuously).
    expect(direct).toBeGreaterThan(300);
    expect(transposed).toBeGreaterThan(300);
  });
});
