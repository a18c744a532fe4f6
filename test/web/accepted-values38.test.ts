/**
 * The page's one walk over a setting's values (accepted-range.ts acceptedValues): a tour step's
 * control range and the export refusal's fit (export-refusal.ts) both ask it which values a layer
 * takes. It says "none" where no value is accepted (the tour's acceptedRange then keeps the form's
 * bounds), gives the first and the last value accepted even with a gap between them, and a fit
 * walked on both axes at once holds on both. Expected values come from the library's own checks,
 * one value at a time.
 */
import { describe, expect, it } from 'vitest';
import { checkGeometryDrawable } from '../../src/render/options.js';
import { buildLayer } from '../../web/src/layer.js';
import { rendererDraws } from '../../web/src/renderer-fits.js';
import { acceptedRange, acceptedValues } from '../../web/src/accepted-range.js';
import { BOUNDS, defaultState, type State } from '../../web/src/state.js';

const setKernel = (c: State, v: number): void => { c.kernel = [v, v]; };

/** Whether the library builds `s` and its renderer draws it, asked directly. */
function draws(s: State): boolean {
  const r = buildLayer(s);
  if (!r.ok) return false;
  try {
    checkGeometryDrawable(r.geometry);
    return true;
  } catch {
    return false;
  }
}

describe('acceptedValues: the shared walk', () => {
  it('says none where no value is accepted, and acceptedRange keeps the bounds then', () => {
    const s = defaultState();
    expect(acceptedValues(s, BOUNDS.kernel, setKernel, () => false)).toBeNull();
    expect(acceptedRange(s, BOUNDS.kernel, setKernel, () => false)).toEqual([...BOUNDS.kernel]);
    // Bounds that hold no value (the export's "below 1"): none, not the bounds.
    expect(acceptedValues(s, [1, 0], setKernel)).toBeNull();
  });

  it('gives the first and the last value accepted, whatever is refused between and around them', () => {
    const s = { ...defaultState(), input: [8, 8] as [number, number] };
    const taken = new Set([3, 4, 6]);
    const fits = (g: { axes: readonly { kernel: number }[] }): boolean => taken.has(g.axes[0].kernel);
    expect(acceptedValues(s, BOUNDS.kernel, setKernel, fits)).toEqual([3, 6]);
    expect(acceptedRange(s, BOUNDS.kernel, setKernel, fits)).toEqual([3, 6]);
    // The library's own refusals count at both ends: without padding a 4×4 input takes a kernel
    // of at most 4, and a kernel of 5 an input of at least 5.
    const unpadded: State = { ...s, padMode: 'number', pad: [0, 0, 0, 0] };
    expect(acceptedValues({ ...unpadded, input: [4, 4] }, BOUNDS.kernel, setKernel)).toEqual([1, 4]);
    expect(acceptedValues({ ...unpadded, kernel: [5, 5] }, BOUNDS.input, (c, v) => { c.input = [v, v]; })).toEqual([5, BOUNDS.input[1]]);
  });

  it('a fit walked on both axes at once holds on both, and one more does not', () => {
    // Transposed, kernel 3, stride 5: 10 × 24 draws along H (50 cells) but not along W (120).
    const s: State = { ...defaultState(), input: [10, 24], kernel: [3, 3], stride: [5, 5], padMode: 'number', pad: [0, 0, 0, 0], transposed: true };
    expect(draws(s)).toBe(false);
    const both = (c: State, v: number): void => { c.input = [Math.min(c.input[0], v), Math.min(c.input[1], v)]; };
    const got = acceptedValues(s, [BOUNDS.input[0], 23], both, (g) => rendererDraws(g));
    expect(got).not.toBeNull();
    const top = got![1];
    expect(draws({ ...s, input: [10, top] })).toBe(true);
    expect(draws({ ...s, input: [10, top + 1] })).toBe(false);
    // Walked along W only, H is left as it is; a square layer too large on both axes needs the
    // value on both: along H alone, 16 × 16 is refused again along W at every value.
    const square: State = { ...s, input: [16, 16] };
    const hOnly = (c: State, v: number): void => { c.input = [v, c.input[1]]; };
    expect(acceptedValues(square, [BOUNDS.input[0], 15], hOnly, (g) => rendererDraws(g))).toBeNull();
    const sq = acceptedValues(square, [BOUNDS.input[0], 15], both, (g) => rendererDraws(g));
    expect(sq).not.toBeNull();
    expect(draws({ ...s, input: [sq![1], sq![1]] })).toBe(true);
    expect(draws({ ...s, input: [sq![1] + 1, sq![1] + 1] })).toBe(false);
  });
});
