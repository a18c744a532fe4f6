/**
 * The stacked field's enlargement marks the pixels a stack reads pink edged dark, as the layer's
 * enlargement marks its taps (canvas.ts strokeEdged, image-marks42). Its fills were translucent
 * pink with no edge: on the test card's magenta bar pink lay on magenta and the grid of read pixels
 * (the point of the study: gridding) all but vanished.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';
import { kindRuns, MAGENTA, magentaBarMiddle, near, pinkTouchesPicture, pointAtPixel, type Rgba } from './mark-pixels.js';

const h = fileHarness();

/** Points the stacked field (2, 2, 2 on the 512² card) at row 400 in the middle of the magenta bar. */
async function onMagenta(query: string, width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await h.open(query, { width, height });
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
  await page.selectOption('#image-field-stack', '2-2-2');
  // The bar, found on the field's own picture: row 400, its middle.
  const x = await magentaBarMiddle(page, '[data-field-picture]', 400);
  await pointAtPixel(page, '[data-field-picture]', 400, x);
  await page.waitForFunction((x) => document.querySelector<HTMLElement>('[data-field-summary]')!.dataset.output === `400,${x}`, x);
  return { page, errors };
}

describe('the stacked field’s enlargement on the magenta bar', () => {
  for (const [query, width, height] of [['?view=image&lang=en', 1400, 1000], ['?view=image&lang=zh', 390, 844]] as const) {
    it(`${width}×${height}: every read pixel's pink is edged dark, in rows and in columns`, async () => {
      const { page, errors } = await onMagenta(query, width, height);
      const { w, data, rows } = await page.$eval('[data-field-zoom]', (c) => {
        const z = c as HTMLCanvasElement;
        return { w: z.width, data: Array.from(z.getContext('2d')!.getImageData(0, 0, z.width, z.height).data), rows: document.querySelector<HTMLElement>('[data-field-summary]')!.dataset.rows!.split(' ').length };
      });
      const at = (x: number, y: number): Rgba => {
        const i = 4 * (y * w + x);
        return [data[i], data[i + 1], data[i + 2], data[i + 3]];
      };
      const hgt = data.length / 4 / w;
      // The enlargement shows the bar round the field (2, 2, 2 spans 13 pixels; the bar is 32 wide).
      expect(near(at(0, 0), MAGENTA), String(at(0, 0))).toBe(true);
      const lines = [
        ...Array.from({ length: hgt }, (_, y) => Array.from({ length: w }, (_, x) => at(x, y))),
        ...Array.from({ length: w }, (_, x) => Array.from({ length: hgt }, (_, y) => at(x, y))),
      ];
      let marked = 0;
      for (const px of lines) {
        const runs = kindRuns(px, MAGENTA);
        if (runs.includes('pink')) marked++;
        expect(pinkTouchesPicture(runs), runs.join(' ')).toBe(false);
      }
      // Each read row and each read column of the field crosses some pink.
      expect(marked).toBeGreaterThanOrEqual(2 * rows);
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
