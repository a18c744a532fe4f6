/**
 * The zeros a transposed convolution inserts between input cells are filled grey in the classic
 * figures, padding left white: both are empty, dashed cells, and with only the dash to tell them
 * apart (short vs long) they read as one kind at 1× and as nothing on a phone, where the inserted
 * zeros are what tour part 7 is about. The grids figure tints them grey already; the renderer (the
 * CLI, the gallery and the page's classic figure alike) now does too, cells outlined apart or
 * joined, and the legend's swatch is filled as its cells are.
 */
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { dashOf, rc } from '../../src/render/layout/common.js';
import { centre, type Plane } from '../../src/render/layout/plane.js';
import { contrastRatio, palette, type PaletteName } from '../../src/render/palette.js';
import { renderPng, sceneOf } from '../../src/render/index.js';
import type { EmptyCells } from '../../src/render/options.js';
import type { PolyPrim, Prim, RectPrim, Rgb } from '../../src/render/scene.js';
import { trace } from '../../src/trace/trace.js';
import type { TraceInput } from '../../src/trace/types.js';

/** Tour part 7's layer: 2×2 input, one zero between its cells, padded by 2 (a 7×7 grid). */
const TOUR7: TraceInput = { input: [2, 2], kernel: 3, stride: 2, transposed: true };
/** Padding, inserted zeros and output padding `a` together. */
const ALL_KINDS: TraceInput = { input: [3, 3], kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true };

const same = (a: readonly number[] | undefined, b: readonly number[]) => a !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);

/** Whether (x, y) lies inside the polygon (even–odd rule). */
function inside(points: readonly number[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = points.length - 2; i < points.length; j = i, i += 2) {
    const [xi, yi, xj, yj] = [points[i], points[i + 1], points[j], points[j + 1]];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** The fills of the base's polygons that cover the centre of cell (r, c) of `plane`. */
function fillsAt(base: readonly Prim[], plane: Plane, r: number, c: number): Rgb[] {
  const [x, y] = centre(plane, r, c);
  return base.filter((p): p is PolyPrim => p.type === 'poly' && p.fill !== undefined && inside(p.points, x, y)).map((p) => p.fill!);
}

describe('inserted zeros are filled, padding is not', () => {
  for (const paletteName of ['default', 'colorblind'] as PaletteName[]) {
    for (const emptyCells of ['apart', 'joined'] as EmptyCells[]) {
      it(`${paletteName} palette, empty cells ${emptyCells}: each inserted zero is filled with the palette's inserted grey, each padding cell is not`, () => {
        const pal = palette(paletteName);
        for (const input of [TOUR7, ALL_KINDS]) {
          const s = sceneOf(input, { palette: paletteName, emptyCells });
          const plane = s.planes!.grid!;
          const cells = trace(input).grid.cells;
          expect(cells.some((c) => c.kind === 'inserted') && cells.some((c) => c.kind === 'padding')).toBe(true);
          for (const cell of cells) {
            const [r, c] = rc(cell.grid);
            const fills = fillsAt(s.base, plane, r, c);
            if (cell.kind === 'inserted') expect(fills, `inserted zero at ${r},${c}`).toEqual([pal.inserted]);
            if (cell.kind === 'padding') expect(fills, `padding at ${r},${c}`).toEqual([]);
          }
        }
      });

      it(`${paletteName} palette, empty cells ${emptyCells}: the legend's inserted-zero swatch is filled as the cells are, padding's is not`, () => {
        const pal = palette(paletteName);
        const s = sceneOf(ALL_KINDS, { palette: paletteName, emptyCells });
        const swatches = s.base.filter((p): p is RectPrim => p.type === 'rect');
        const swatch = (kind: 'padding' | 'inserted') => swatches.filter((p) => same(p.dash, dashOf(kind)));
        expect(swatch('inserted')).toHaveLength(1);
        expect(swatch('inserted')[0].fill).toBeDefined();
        expect(swatch('inserted')[0].fill).toEqual(pal.inserted);
        // Padding's and `a`'s swatches share the long dash; padding's comes first.
        expect(swatch('padding')[0].fill).toBeUndefined();
      });
    }

    it(`${paletteName} palette: the inserted grey is a neutral grey, told from the white background and from the input, and dark text still reads on it`, () => {
      const pal = palette(paletteName);
      const [r, g, b] = pal.inserted;
      expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThanOrEqual(4);
      // Light enough that the window's shade over it reads as over padding; dark enough to see.
      expect(contrastRatio(pal.inserted, pal.background)).toBeGreaterThanOrEqual(1.1);
      expect(contrastRatio(pal.inserted, pal.input)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(pal.inserted, pal.text)).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('PNG: the centre pixel of an inserted zero is the grey, of a padding cell the background (both modes)', () => {
    const pal = palette('default');
    for (const emptyCells of ['apart', 'joined'] as EmptyCells[]) {
      const s = sceneOf(TOUR7, { emptyCells });
      const plane = s.planes!.grid!;
      // Frame 0's window covers the top-left 3×3 cells: read cells outside it.
      const png = decode(renderPng(TOUR7, { emptyCells, frame: 0 }));
      const px = (r: number, c: number) => {
        const [x, y] = centre(plane, r, c).map(Math.floor);
        const i = (y * png.width + x) * png.channels;
        return Array.from(png.data.slice(i, i + 3));
      };
      const cells = trace(TOUR7).grid.cells;
      const kindAt = (r: number, c: number) => cells.find((cell) => same(rc(cell.grid), [r, c]))!.kind;
      expect([kindAt(3, 3), kindAt(6, 6)]).toEqual(['inserted', 'padding']);
      expect(px(3, 3), emptyCells).toEqual([...pal.inserted]);
      expect(px(6, 6), emptyCells).toEqual([...pal.background]);
    }
  });
});
