/**
 * The export's refusal offers a fit for every axis that is too large, not only the first one the
 * renderer names: a square transposed layer at stride 5 is too large along H and W, and an input
 * that fits along H alone would be refused again along W. A layer too large along one axis only is
 * offered a fit along that axis. Checked against the library's own size guard (checkGeometryDrawable).
 */
import { describe, expect, it } from 'vitest';
import { checkGeometryDrawable } from '../../src/render/options.js';
import { renderRefusalText } from '../../web/src/export-refusal.js';
import { buildLayer } from '../../web/src/layer.js';
import { defaultState, type State } from '../../web/src/state.js';
import { refusalOf } from './refusal-of.js';

const state = (input: [number, number]): State => ({ ...defaultState(), input, kernel: [3, 3], stride: [5, 5], pad: [0, 0, 0, 0], transposed: true });


const draws = (s: State): boolean => {
  const r = buildLayer(s);
  if (!r.ok) return false;
  try { checkGeometryDrawable(r.geometry); return true; } catch { return false; }
};

describe('the export refusal’s fit, per axis', () => {
  it('a square layer too large along both axes: the fit holds along both, and one more does not', () => {
    const s = state([16, 16]);
    const text = renderRefusalText(refusalOf(s), 'classic', s, 'en');
    const m = /an input of at most (\d+) along H and W fits, or at this input a stride of at most (\d+)\./.exec(text);
    expect(m, text).not.toBeNull();
    const [i, st] = [Number(m![1]), Number(m![2])];
    expect(draws({ ...s, input: [i, i] })).toBe(true);
    expect(draws({ ...s, input: [i + 1, i + 1] })).toBe(false);
    expect(draws({ ...s, stride: [st, st] })).toBe(true);
    expect(draws({ ...s, stride: [st + 1, st + 1] })).toBe(false);
    // Along H alone it would not fit: W is still too large.
    expect(draws({ ...s, input: [i, 16] })).toBe(false);
    expect(renderRefusalText(refusalOf(s), 'classic', s, 'zh')).toMatch(/把高度和宽度方向上的输入减到不超过 \d+ 就能画出/);
  });

  it('a layer too large along W only: the fit names W and changes W alone', () => {
    const s = state([4, 16]);
    const e = refusalOf(s);
    expect(e.axis).toBe('W');
    const text = renderRefusalText(e, 'classic', s, 'en');
    const m = /an input of at most (\d+) along W fits/.exec(text);
    expect(m, text).not.toBeNull();
    const i = Number(m![1]);
    expect(draws({ ...s, input: [4, i] })).toBe(true);
    expect(draws({ ...s, input: [4, i + 1] })).toBe(false);
  });
});
