/**
 * Review R4 of the picture mode's enlarged footprint (stop 46):
 * - Its legend says "dark frames: taps that read a zero", yet every tap had a dark edge, even where
 *   no tap reads a zero: a tap that reads a real pixel must carry no dark mark.
 * - The thick pink frames left each pixel's colour a small square: most of the cell must show it.
 * - With reflect padding the padded taps stayed hatched grey, though they read copies of pixels
 *   inside: such a tap shows the colour of the pixel it copies.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';
import { near, pointAtPixel, type Rgba } from './mark-pixels.js';

const h = fileHarness();

async function pickAt(query: string, y: number, x: number): Promise<Page> {
  const { page } = await h.open(query, { width: 1400, height: 1000 });
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
  await pointAtPixel(page, 'canvas[data-image-output]', y, x);
  await page.waitForFunction(([y, x]) => {
    const s = document.querySelector<HTMLElement>('[data-image-footprint]')!.dataset;
    return s.y === String(y) && s.x === String(x);
  }, [y, x]);
  return page;
}

interface Cell {
  /** The input pixel's own colour (for a padded tap, the colour of the pixel it copies). */
  colour: Rgba;
  /** The cell's pixels on the enlargement. */
  px: Rgba[];
}

/**
 * The enlargement's cell of picture pixel (row, col) (padded coordinates), and the colour of input
 * pixel (srcRow, srcCol) read off the input canvas. The cells' layout is the canvas's data-cells
 * ("top left scale": the picture pixel at its top-left corner and the enlargement).
 */
function cell(page: Page, row: number, col: number, srcRow: number, srcCol: number): Promise<Cell> {
  return page.evaluate(([row, col, srcRow, srcCol]) => {
    const z = document.querySelector<HTMLCanvasElement>('canvas[data-image-zoom]')!;
    const [top, left, scale] = z.dataset.cells!.split(' ').map(Number);
    const d = z.getContext('2d')!.getImageData((col - left) * scale, (row - top) * scale, scale, scale).data;
    const px: number[][] = [];
    for (let i = 0; i < d.length; i += 4) px.push([d[i], d[i + 1], d[i + 2], d[i + 3]]);
    const input = document.querySelector<HTMLCanvasElement>('canvas[data-image-input]')!;
    const colour = Array.from(input.getContext('2d')!.getImageData(srcCol, srcRow, 1, 1).data);
    return { colour, px };
  }, [row, col, srcRow, srcCol] as const) as Promise<Cell>;
}

const DARK: Rgba[] = [[0, 0, 0, 255], [0x22, 0x22, 0x22, 255]];
/** Pixels of the cell in a dark mark's colour that are not the picture's own colour. */
const darkMarks = (c: Cell) => c.px.filter((p) => !near(p, c.colour) && DARK.some((d) => near(p, d))).length;
/** The share of the cell that shows the pixel's colour. */
const shown = (c: Cell) => c.px.filter((p) => near(p, c.colour)).length / c.px.length;

describe('R4: the enlarged footprint matches its legend', () => {
  it('at the middle of the picture (no tap reads a zero) no tap has a dark frame, and most of each cell shows its pixel', async () => {
    const page = await pickAt('?view=image&k=3&s=1&p=1&lang=en', 256, 256);
    expect(await page.textContent('[data-image-footprint]')).not.toMatch(/zero/);
    for (const r of [255, 256, 257]) {
      for (const c of [255, 256, 257]) {
        const got = await cell(page, r, c, r, c);
        expect(darkMarks(got), `tap (${r}, ${c})`).toBe(0);
        expect(shown(got), `tap (${r}, ${c})`).toBeGreaterThanOrEqual(0.4);
      }
    }
    await page.close();
  }, 90_000);

  it('at a zero-padded corner the taps in the padding are framed dark, the taps inside are not', async () => {
    const page = await pickAt('?view=image&k=3&s=1&p=1&lang=en', 0, 0);
    // Padding cells: hatched grey, so "the pixel's colour" is none; a dark frame is there.
    const padded = await cell(page, -1, -1, 0, 0);
    expect(padded.px.filter((p) => DARK.some((d) => near(p, d))).length).toBeGreaterThan(0);
    for (const [r, c] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
      const got = await cell(page, r, c, r, c);
      expect(darkMarks(got), `tap (${r}, ${c})`).toBe(0);
      expect(shown(got), `tap (${r}, ${c})`).toBeGreaterThanOrEqual(0.4);
    }
    await page.close();
  }, 90_000);

  it('at a reflect-padded corner each padded tap shows the colour of the pixel it copies', async () => {
    const page = await pickAt('?view=image&k=3&s=1&p=1&pm=reflect&lang=en', 0, 0);
    expect(await page.textContent('[data-image-footprint]')).toMatch(/reflect padding/);
    // Reflect: padded row (column) −1 reads row (column) 1.
    for (const [r, c] of [[-1, -1], [-1, 0], [-1, 1], [0, -1], [1, -1]]) {
      const got = await cell(page, r, c, Math.abs(r), Math.abs(c));
      expect(darkMarks(got), `tap (${r}, ${c})`).toBe(0);
      expect(shown(got), `tap (${r}, ${c}) copies (${Math.abs(r)}, ${Math.abs(c)})`).toBeGreaterThanOrEqual(0.4);
    }
    await page.close();
  }, 90_000);
});
