/**
 * Line breaks left after review 38, measured in Chromium line box by line box on a phone
 * (390 × 844): (1) the image mode's docked key took two lines in English ("Pink frames: pixels
 * read; dark frames: / zeros read") where the Chinese one takes one; its words are image-text.ts's,
 * its size image.css's.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();
const PHONE = { width: 390, height: 844 };

/** The image mode on a phone with the output's top-left pixel picked by a tap, the bar docked. */
async function pickOnPhone(query: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await h.open(query, PHONE);
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
  // The output's top well down the window: the enlargement's caption then lies below it, off screen.
  await page.$eval('canvas[data-image-output]', (c) => scrollBy(0, c.getBoundingClientRect().top - 420));
  const b = (await (await page.$('canvas[data-image-output]'))!.boundingBox())!;
  await page.mouse.click(b.x + 2, b.y + 4);
  await page.waitForFunction(() => document.querySelector('.layer-view')!.classList.contains('picked') && !document.querySelector('.layer-view')!.classList.contains('caption-seen'));
  return { page, errors };
}

/**
 * The docked bar's key (generated text after the sentence): its lines, from the bar's height less
 * the sentence's, and its font size beside the sentence's.
 */
function key(page: Page): Promise<{ lines: number; size: number; sentence: number }> {
  return page.$eval('[data-image-footprint]', (el) => {
    const after = getComputedStyle(el, '::after');
    const r = document.createRange();
    r.selectNodeContents(el);
    const sentenceBottom = Math.max(...Array.from(r.getClientRects()).map((q) => q.bottom));
    const box = el.getBoundingClientRect();
    const keyH = box.bottom - parseFloat(getComputedStyle(el).paddingBottom) - sentenceBottom - parseFloat(after.marginTop);
    const lh = after.lineHeight === 'normal' ? 1.2 * parseFloat(after.fontSize) : parseFloat(after.lineHeight);
    return { lines: Math.round(keyH / lh), size: parseFloat(after.fontSize), sentence: parseFloat(getComputedStyle(el).fontSize) };
  });
}

describe('review 39: the image mode’s docked key on a phone', () => {
  it('takes one line in English and in Chinese, for zero padding and a copying mode, at its size', async () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const pm of ['zeros', 'reflect']) {
        const { page, errors } = await pickOnPhone(`?view=image&lang=${lang}&k=3&s=1&p=1&pm=${pm}`);
        const text = await page.getAttribute('[data-image-footprint]', 'data-key');
        // The key names the frame the padding draws (dark frames for zeros, dashed ones for copies).
        expect(text, lang + pm).toMatch(pm === 'zeros' ? /dark|深色框/ : /dashed|虚线/);
        const k = await key(page);
        expect(k.lines, `${lang} ${pm}: ${text}`).toBe(1);
        // Not made to fit by a smaller font: the size image.css gives it, 0.85 of the sentence's.
        expect(k.size).toBeGreaterThanOrEqual(0.85 * k.sentence - 0.01);
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  }, 120_000);
});
