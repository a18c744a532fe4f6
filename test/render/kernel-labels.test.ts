/**
 * The `kernelLabels` render option: with `kernelFills`, each kernel cell's name or value is printed
 * in the colour given for the weight it names (indexed and cycled as the fills), instead of the
 * black or white `readableOn` picks on the fill as given — for a picture shown through a filter,
 * where that pick no longer reads. Malformed lists, and labels without fills, are refused.
 */
import { describe, expect, it } from 'vitest';
import { ConvError } from '../../src/geometry/errors.js';
import { weightLabel } from '../../src/matrix/label.js';
import { readableOn, rgbOf } from '../../src/render/palette.js';
import { renderSvg, sceneOf } from '../../src/render/index.js';
import type { Prim } from '../../src/render/index.js';

const FILLS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#7a5195', '#4d4d4d'];
/** Colours no readableOn pick could be, one per tap of a 3×3 kernel's first three, cycled. */
const LABELS = ['#ff0000', '#00ff00', '#0000ff'];

type Text = Extract<Prim, { type: 'text' }>;

/** The colour each weight's label (w₀₀ …) is printed in. */
function labelColours(cfg: Parameters<typeof sceneOf>[0], o: Parameters<typeof sceneOf>[1]): Map<string, number[]> {
  const names = new Set(Array.from({ length: 9 }, (_, i) => weightLabel([Math.floor(i / 3), i % 3], [3, 3])));
  const out = new Map<string, number[]>();
  for (const p of sceneOf(cfg, o).base) if (p.type === 'text' && names.has((p as Text).text)) out.set((p as Text).text, [...(p as Text).color]);
  return out;
}

describe('kernelLabels', () => {
  for (const cfg of [{ input: [4, 4], kernel: 3 }, { input: [2, 2], kernel: 3, stride: 2, transposed: true }]) {
    it(`${cfg.transposed ? 'transposed' : 'direct'}: each label takes its weight's colour, cycled`, () => {
      const colours = labelColours(cfg, { kernelFills: FILLS, kernelLabels: LABELS });
      expect(colours.size).toBe(9);
      for (let i = 0; i < 9; i++) {
        expect(colours.get(weightLabel([Math.floor(i / 3), i % 3], [3, 3])), `tap ${i}`).toEqual(rgbOf(LABELS[i % LABELS.length]));
      }
    });
  }

  it('without it the labels are readableOn of each fill, and the picture is the one of before', () => {
    const cfg = { input: [4, 4], kernel: 3 };
    const colours = labelColours(cfg, { kernelFills: FILLS });
    for (let i = 0; i < 9; i++) expect(colours.get(weightLabel([Math.floor(i / 3), i % 3], [3, 3]))).toEqual(readableOn(rgbOf(FILLS[i])!));
    expect(renderSvg(cfg, { kernelFills: FILLS, kernelLabels: undefined })).toBe(renderSvg(cfg, { kernelFills: FILLS }));
    expect(renderSvg(cfg, { kernelFills: FILLS, kernelLabels: LABELS })).not.toBe(renderSvg(cfg, { kernelFills: FILLS }));
  });

  it('numeric: the values are printed in the given colours too', () => {
    const w = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const scene = sceneOf({ input: [4, 4], kernel: 3 }, { numeric: true, values: { weight: w }, kernelFills: FILLS, kernelLabels: LABELS });
    const printed = scene.base.filter((p): p is Text => p.type === 'text' && LABELS.some((c) => rgbOf(c)!.every((v, i) => v === (p as Text).color[i])));
    expect(printed.map((p) => p.text).sort()).toEqual(w.map(String).sort());
  });

  it('refuses anything but a non-empty list of #rrggbb colours', () => {
    for (const bad of ['#ffffff', [], ['white'], ['#ffffff', 0], ['#fff']]) {
      let err: unknown;
      try { sceneOf({ input: 4, kernel: 3 }, { kernelFills: FILLS, kernelLabels: bad as string[] }); } catch (e) { err = e; }
      expect(err, JSON.stringify(bad)).toBeInstanceOf(ConvError);
      expect((err as ConvError).code).toBe('INVALID_OPTION');
      expect((err as ConvError).message).toMatch(/^kernelLabels must be a non-empty list of '#rrggbb' colours/);
    }
  });

  it('refuses labels without fills, saying kernelFills is missing', () => {
    let err: unknown;
    try { sceneOf({ input: 4, kernel: 3 }, { kernelLabels: LABELS }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ConvError);
    expect((err as ConvError).code).toBe('INVALID_OPTION');
    expect((err as ConvError).message).toMatch(/kernelFills was not given/);
  });
});
