/**
 * The `kernelFills` render option: the kernel panel paints each cell in the fill of the weight it
 * names (indexed by the stored weight's raster tap, as `convMatrix`'s entries), so a transposed
 * layer's flipped kernel shows each colour where its weight is drawn; the names or values are
 * printed in whichever of black and white reads on the fill. Without the option the picture is
 * the default one.
 */
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { ConvError } from '../../src/geometry/errors.js';
import { convMatrix } from '../../src/matrix/index.js';
import { weightLabel } from '../../src/matrix/label.js';
import { readableOn, rgbOf } from '../../src/render/palette.js';
import { renderPng, renderSvg, sceneOf } from '../../src/render/index.js';
import type { Prim, RenderOptions, Scene } from '../../src/render/index.js';
import type { TraceInput } from '../../src/trace/types.js';
import { patchShare } from './gif-decode.js';

const FILLS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#7a5195', '#4d4d4d'];

type Poly = Extract<Prim, { type: 'poly' }>;
type Text = Extract<Prim, { type: 'text' }>;

/** Whether (x, y) is inside an axis-aligned polygon's box (the kernel's cells are squares). */
const holds = (p: Poly, x: number, y: number) => {
  const xs = p.points.filter((_, i) => i % 2 === 0), ys = p.points.filter((_, i) => i % 2 === 1);
  return x > Math.min(...xs) && x < Math.max(...xs) && y > Math.min(...ys) && y < Math.max(...ys);
};

/** The kernel cell printing `text`: its text primitive and the filled cell under it. */
function cellOf(scene: Scene, text: string): { label: Text; cell: Poly } {
  const label = scene.base.find((p): p is Text => p.type === 'text' && p.text === text);
  expect(label, text).toBeDefined();
  const cell = scene.base.filter((p): p is Poly => p.type === 'poly' && p.fill !== undefined && holds(p, label!.x, label!.y - 3)).at(-1);
  expect(cell, text).toBeDefined();
  return { label: label!, cell: cell! };
}

/** The matrix's tap of each weight label (`w₀₀` → 0 …), from the library's own matrix. */
function tapsOf(cfg: TraceInput): Map<string, number> {
  const m = convMatrix(cfg as Parameters<typeof convMatrix>[0]);
  const taps = new Map<string, number>();
  for (const e of m.entries) for (const t of e.terms) taps.set(weightLabel(t.kernel, [3, 3]), t.tap);
  return taps;
}

describe('kernelFills', () => {
  const cases: [string, TraceInput, RenderOptions][] = [
    ['a convolution', { input: [4, 4], kernel: 3 }, { theme: 'classic' }],
    ['a transposed convolution (kernel flipped)', { input: [2, 2], kernel: 3, stride: 2, transposed: true }, { emptyCells: 'joined' }],
    ['its scatter view (kernel as stored)', { input: [2, 2], kernel: 3, stride: 2, transposed: true }, { view: 'scatter' }],
    ['flat grids, colour-blind palette, Chinese', { input: [5, 5], kernel: 3, padding: 1 }, { theme: 'flat', palette: 'colorblind', lang: 'zh' }],
  ];
  for (const [what, cfg, o] of cases) {
    it(`${what}: each weight's cell takes the fill of its matrix tap, its name in a colour that reads on it`, () => {
      const scene = sceneOf(cfg, { ...o, kernelFills: FILLS });
      const taps = tapsOf(cfg);
      expect(taps.size).toBe(9);
      for (const [name, tap] of taps) {
        const { label, cell } = cellOf(scene, name);
        expect(cell.fill, name).toEqual(rgbOf(FILLS[tap]));
        expect(label.color, name).toEqual(readableOn(rgbOf(FILLS[tap])!));
      }
    });
  }

  it('a transposed layer draws its weights flipped, each with its own colour: w₂₂ where the direct layer has w₀₀', () => {
    const direct = sceneOf({ input: [4, 4], kernel: 3 }, { kernelFills: FILLS });
    const flipped = sceneOf({ input: [2, 2], kernel: 3, stride: 2, transposed: true }, { kernelFills: FILLS });
    const corner = (s: Scene, name: string) => cellOf(s, name).label;
    // Top-left of the panel: w₀₀ in the direct layer, w₂₂ in the flipped one, each in its own colour.
    expect(corner(flipped, 'w₂₂').x).toBeLessThan(corner(flipped, 'w₀₀').x);
    expect(corner(direct, 'w₀₀').x).toBeLessThan(corner(direct, 'w₂₂').x);
    expect(cellOf(flipped, 'w₂₂').cell.fill).toEqual(cellOf(direct, 'w₂₂').cell.fill);
  });

  it('numbers shown: the values are printed on the fills, readable', () => {
    const w = [1, 2, 0, 2, 1, 1, 0, 1, 2];
    const scene = sceneOf({ input: [4, 4], kernel: 3 }, { numeric: true, values: { weight: w }, kernelFills: FILLS });
    const texts = scene.base.filter((p): p is Text => p.type === 'text' && FILLS.some((f) => p.color.join() === readableOn(rgbOf(f)!).join()) && /^\d$/.test(p.text));
    // The nine weights, each on its tap's fill (their values are the weights in raster order).
    const onFills = texts.filter((t) => scene.base.some((p) => p.type === 'poly' && p.fill && FILLS.some((f) => rgbOf(f)!.join() === p.fill!.join()) && holds(p, t.x, t.y - 3)));
    expect(onFills.map((t) => Number(t.text)).sort()).toEqual([...w].sort());
  });

  it('a shorter list is cycled (tap t takes fill t mod n)', () => {
    const two = ['#000000', '#ffffff'];
    const scene = sceneOf({ input: [4, 4], kernel: 3 }, { kernelFills: two });
    for (const [name, tap] of tapsOf({ input: [4, 4], kernel: 3 })) expect(cellOf(scene, name).cell.fill, name).toEqual(rgbOf(two[tap % 2]));
  });

  it('the PNG paints the fills too', () => {
    const cfg = { input: [4, 4], kernel: 3 };
    const scene = sceneOf(cfg, { kernelFills: FILLS });
    const img = decode(renderPng(cfg, { kernelFills: FILLS }));
    for (const [name, tap] of tapsOf(cfg)) {
      const { cell } = cellOf(scene, name);
      // A point of the cell away from its name: its lower-left quarter.
      const xs = cell.points.filter((_, i) => i % 2 === 0), ys = cell.points.filter((_, i) => i % 2 === 1);
      const x = Math.min(...xs) + 4, y = Math.max(...ys) - 4;
      expect(patchShare(img.data as Uint8Array, img.width, x, y, rgbOf(FILLS[tap])!, 1, img.channels), name).toBe(1);
    }
  });

  it('without the option (or with it undefined) the picture is the default one', () => {
    const cfg = { input: [3, 3], kernel: 3, stride: 2, padding: 1, transposed: true };
    expect(renderSvg(cfg, { kernelFills: undefined, frame: 2 })).toBe(renderSvg(cfg, { frame: 2 }));
    expect(renderSvg(cfg, { kernelFills: FILLS, frame: 2 })).not.toBe(renderSvg(cfg, { frame: 2 }));
  });

  it('refuses anything but a non-empty list of #rrggbb colours', () => {
    for (const bad of ['#0072b2', [], ['red'], ['#0072b2', 7], ['#07b']]) {
      let err: unknown;
      try { sceneOf({ input: 4, kernel: 3 }, { kernelFills: bad as string[] }); } catch (e) { err = e; }
      expect(err, JSON.stringify(bad)).toBeInstanceOf(ConvError);
      expect((err as ConvError).code).toBe('INVALID_OPTION');
      expect((err as ConvError).message).toMatch(/^kernelFills must be a non-empty list of '#rrggbb' colours/);
    }
  });
});
