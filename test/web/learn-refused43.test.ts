/**
 * A refused learning target (weights beyond float32's half, learn.ts targetTooLarge) starts no run,
 * so there is no prediction, error or gradient for the input. Their canvases were left blank and
 * their captions (Prediction, Error, Gradient for the input) stood spread across the panel with
 * nothing above them, with the notes on how those pictures are drawn and computed. Now every
 * caption the panel shows has a drawn picture above it; a target that can be learned brings the
 * three back, drawn.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** Each picture figure the learning panel shows (caption on screen): its caption, and whether its canvas has a pixel drawn. */
function shown(page: Page): Promise<{ caption: string; drawn: boolean }[]> {
  return page.$$eval('[data-image-learn] [data-learn-figure]', (figs) =>
    figs.filter((f) => f.querySelector('figcaption')!.getBoundingClientRect().height > 0).map((f) => {
      const c = f.querySelector('canvas')!;
      const box = c.getBoundingClientRect();
      let drawn = false;
      if (box.width > 0 && box.height > 0) {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length && !drawn; i += 4) drawn = d[i] > 0;
      }
      return { caption: f.querySelector('figcaption')!.textContent ?? '', drawn };
    }));
}

const CORNER = '[data-kernel-editor="learn-target"] input[data-r="0"][data-c="0"]';

describe('a refused learning target', () => {
  for (const [lang, width, height] of [['en', 1400, 1000], ['zh', 390, 844]] as const) {
    it(`${lang} ${width}×${height}: shows no caption over an empty picture, and a learnable target brings the pictures back`, async () => {
      const { page, errors } = await h.open(`?view=image&lang=${lang}&lt=-2e38,0,1,-2,0,2,-1,0,1`, { width, height });
      await page.waitForFunction(() => /float32/.test(document.querySelector('[data-learn-progress]')?.textContent ?? ''), null, { timeout: 30_000 });
      const refused = await shown(page);
      // The target is drawn; nothing is captioned that is not.
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(refused.filter((f) => !f.drawn).map((f) => f.caption)).toEqual([]);
      // The notes on the pictures a run draws go with them.
      expect(await page.isVisible('[data-learn-scale]')).toBe(false);
      expect(await page.isVisible('[data-learn-transpose]')).toBe(false);
      // Sobel x again: a run can start, and its prediction, error and gradient are drawn.
      await page.fill(CORNER, '-1');
      await page.press(CORNER, 'Tab');
      await page.waitForFunction(() => !/float32/.test(document.querySelector('[data-learn-progress]')?.textContent ?? ''));
      const back = await shown(page);
      expect(back.length).toBe(4);
      expect(back.filter((f) => !f.drawn).map((f) => f.caption)).toEqual([]);
      expect(await page.isVisible('[data-learn-scale]')).toBe(true);
      expect(await page.isVisible('[data-learn-transpose]')).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
