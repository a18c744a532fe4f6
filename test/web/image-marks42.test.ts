/**
 * Review 42: the marks on the part of the picture an output pixel reads.
 * - The enlargement's pink tap frames had no dark edge: on the test card's magenta bar pink lay on
 *   magenta (WCAG contrast ~1.1) and the frames all but vanished. They now take an edge of the
 *   map of the whole input (where-map.ts), one rule for both (canvas.ts strokeEdged): dark there,
 *   white in the enlargement, where dark frames mean taps that read a zero (footprint-zoom46).
 * - Circular padding at a corner reads the picture's far edges too. On a picture shown enlarged (a
 *   small file of the reader's own) the input's outline framed only the window at the corner: the far
 *   parts were dots, with no frame (the ring that finds a small part is not drawn there).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';
import { kindRuns, magentaBarMiddle, near, PINK, pinkTouchesPicture, pointAtPixel, type Rgba } from './mark-pixels.js';

const h = fileHarness();

async function drawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
}

/** The pick is on (y, x) (the sentence says so). */
async function picked(page: Page, y: number, x: number): Promise<void> {
  await page.waitForFunction(([y, x]) => {
    const s = document.querySelector<HTMLElement>('[data-image-footprint]')!.dataset;
    return s.y === String(y) && s.x === String(x);
  }, [y, x]);
}

/** Opens the 512² card with a 3 × 3 layer and points at output pixel (400, x) in the middle of its magenta bar. */
async function onMagenta(): Promise<{ page: Page; errors: string[]; x: number }> {
  const { page, errors } = await h.open('?view=image&k=3&s=1&p=1&lang=en', { width: 1400, height: 1000 });
  await drawn(page);
  // The magenta bar, found on the input's own pixels (not from the card's code): row 400, its middle.
  const x = await magentaBarMiddle(page, 'canvas[data-image-input]', 400);
  await pointAtPixel(page, 'canvas[data-image-output]', 400, x);
  await picked(page, 400, x);
  return { page, errors, x };
}

describe('review 42: the footprint’s marks', () => {
  it('the enlargement’s pink frames have an edge (white, contrast ≥ 3 against pink and magenta) on both sides, so they show on the card’s magenta bar', async () => {
    const { page, errors, x } = await onMagenta();
    // The enlargement's middle row runs through the middle row of taps: magenta around them.
    const row = await page.$eval('canvas[data-image-zoom]', (c) => {
      const z = c as HTMLCanvasElement;
      return Array.from(z.getContext('2d')!.getImageData(0, Math.floor(z.height / 2), z.width, 1).data);
    });
    const px: Rgba[] = [];
    for (let i = 0; i < row.length; i += 4) px.push([row[i], row[i + 1], row[i + 2], row[i + 3]]);
    const bg = px[0];
    expect(near(bg, [255, 0, 255, 255]), String(bg)).toBe(true);
    // Each pixel named: the picture (magenta), the pink of a frame, or an edge (contrast ≥ 3 against
    // both: mark-pixels.ts calls it 'edge'); runs of one kind taken once. Pink must never touch the
    // picture: an edge lies between.
    const runs = kindRuns(px, bg);
    expect(runs.filter((k) => k === 'pink').length, runs.join(' ')).toBeGreaterThanOrEqual(2);
    expect(pinkTouchesPicture(runs), runs.join(' ')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('the input’s outline of the part read (frame and ring) is edged dark too, on the magenta bar', async () => {
    const { page, errors, x } = await onMagenta();
    // The input as it is seen: picture and overlay together, along row 400 from 15 pixels left of
    // the footprint's middle (the bar is 32 wide) to the pixel before its taps (the ring, then the frame; the taps are
    // filled pink pixels, no line).
    const px = await page.$eval('canvas[data-image-input]', (c, x) => {
      const o = c.parentElement!.querySelector<HTMLCanvasElement>('canvas.overlay')!;
      const z = o.width / (c as HTMLCanvasElement).width;
      const both = document.createElement('canvas');
      both.width = o.width;
      both.height = o.height;
      const ctx = both.getContext('2d')!;
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(c as HTMLCanvasElement, 0, 0, o.width, o.height);
      ctx.drawImage(o, 0, 0);
      const d = ctx.getImageData(Math.round((x - 15) * z), Math.round(400.5 * z), Math.round(14 * z), 1).data;
      const out: number[][] = [];
      for (let i = 0; i < d.length; i += 4) out.push([d[i], d[i + 1], d[i + 2], d[i + 3]]);
      return out;
    }, x);
    const bg = px[0] as Rgba;
    expect(near(bg, [255, 0, 255, 255]), String(bg)).toBe(true);
    const runs = kindRuns(px as Rgba[], bg);
    // The ring's line and the frame's.
    expect(runs.filter((k) => k === 'pink').length, runs.join(' ')).toBeGreaterThanOrEqual(2);
    expect(pinkTouchesPicture(runs), runs.join(' ')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('circular padding at corner (0, 0) of a picture shown enlarged frames every part it reads, the far edges too', async () => {
    const { page, errors } = await h.open('?view=image&k=3&s=1&p=1&pm=circular&lang=en', { width: 1400, height: 1000 });
    await drawn(page);
    const N = 16;
    const bytes = await page.evaluate(async (n) => {
      const c = new OffscreenCanvas(n, n);
      const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
      ctx.fillStyle = '#3a6ea5';
      ctx.fillRect(0, 0, n, n);
      return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer()));
    }, N);
    await page.setInputFiles('#image-file', { name: 'small.png', mimeType: 'image/png', buffer: Buffer.from(bytes) });
    await page.waitForSelector(`[data-image-mode][data-picture="own"][data-size="${N}x${N}x3"]`);
    await drawn(page);
    await page.focus('canvas[data-image-output]');
    for (const key of ['Shift+ArrowUp', 'Shift+ArrowUp', 'Shift+ArrowLeft', 'Shift+ArrowLeft']) await page.keyboard.press(key);
    await picked(page, 0, 0);
    // A 3 × 3 kernel, padding 1, output pixel 0: rows (and columns) −1, 0, 1, and −1 wraps to N − 1.
    const read = [...new Set([-1, 0, 1].map((v) => (v + N) % N))].sort((a, b) => a - b);
    expect(read).toEqual([0, 1, N - 1]);
    const parts: [number, number][] = [[0, 1], [N - 1, N - 1]];
    const overlay = await page.$eval('canvas[data-image-input]', (c) => {
      const o = c.parentElement!.querySelector<HTMLCanvasElement>('canvas.overlay')!;
      return { w: o.width, h: o.height, zoom: o.width / (c as HTMLCanvasElement).width, data: Array.from(o.getContext('2d')!.getImageData(0, 0, o.width, o.height).data) };
    });
    // Shown enlarged: a part is at least 24 screen pixels wide, so the ring that finds a small part is
    // not drawn, and only a frame marks it.
    expect(overlay.zoom).toBeGreaterThanOrEqual(12);
    const pinkAt = (x: number, y: number) => {
      const i = 4 * (y * overlay.w + x);
      return overlay.data[i + 3] > 128 && near([overlay.data[i], overlay.data[i + 1], overlay.data[i + 2], 255], PINK);
    };
    const z = overlay.zoom;
    for (const [t, b] of parts) {
      for (const [l, r] of parts) {
        // Each side of the part that has room on the overlay: a pink line within 6 screen pixels outside it.
        const my = Math.floor(((t + b + 1) / 2) * z);
        const mx = Math.floor(((l + r + 1) / 2) * z);
        const sides: [string, [number, number][]][] = [
          ['left', Array.from({ length: 6 }, (_, i) => [l * z - 1 - i, my])],
          ['right', Array.from({ length: 6 }, (_, i) => [(r + 1) * z + i, my])],
          ['top', Array.from({ length: 6 }, (_, i) => [mx, t * z - 1 - i])],
          ['bottom', Array.from({ length: 6 }, (_, i) => [mx, (b + 1) * z + i])],
        ];
        let checked = 0;
        for (const [side, cells] of sides) {
          if (cells.some(([x, y]) => x < 0 || y < 0 || x >= overlay.w || y >= overlay.h)) continue;
          checked++;
          expect(cells.some(([x, y]) => pinkAt(x, y)), `rows ${t}–${b}, columns ${l}–${r}: ${side} side`).toBe(true);
        }
        expect(checked).toBeGreaterThanOrEqual(2);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
