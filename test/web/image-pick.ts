/**
 * Picks an output pixel of the image mode on a phone by a tap, so that the bar under the picture
 * docks (the review tests measure its lines there).
 */
import type { Page } from 'playwright-core';
import type { Harness } from './harness.js';

const PHONE = { width: 390, height: 844 };

/**
 * Opens `query` at 390 × 844, waits for the output, scrolls its top well down the window (the
 * enlargement's caption then lies below it, off screen) and taps it `dy` px down and `dx` of its
 * width across.
 */
export async function pickOnPhone(h: Harness, query: string, dy: number, dx: number): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await h.open(query, PHONE);
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
  await page.$eval('canvas[data-image-output]', (c) => scrollBy(0, c.getBoundingClientRect().top - 420));
  const b = (await (await page.$('canvas[data-image-output]'))!.boundingBox())!;
  await page.mouse.click(b.x + b.width * dx, b.y + dy);
  await page.waitForFunction(() => document.querySelector('.layer-view')!.classList.contains('picked') && !document.querySelector('.layer-view')!.classList.contains('caption-seen'));
  return { page, errors };
}
