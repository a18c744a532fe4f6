/**
 * The walk behind tour-steady47 and tour-steady48: the tour opened at part 1 and read with Next to
 * the last part, Next's and Previous's boxes measured at each part once the page has settled.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { TOUR } from '../../web/src/tour/steps.js';
import { settled, type Harness } from './harness.js';

export type Box = { left: number; top: number; bottom: number; right: number };

export const box = (page: Page, sel: string): Promise<Box> =>
  page.$eval(sel, (e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, bottom: r.bottom, right: r.right };
  });

/**
 * Walks parts 1 → last at `width`×`height` in `lang`; each button must lie whole in the window.
 * Returns every move of more than 2 px between consecutive parts ("next 4→5: 0, 204"), and the
 * page's errors.
 */
export async function walkButtons(h: Harness, width: number, height: number, lang: 'en' | 'zh'): Promise<{ moves: string[]; errors: string[] }> {
  const { page, context, errors } = await h.open(`?tour=1&lang=${lang}`, { width, height });
  let last: { next: Box; prev: Box } | null = null;
  const moves: string[] = [];
  for (let n = 1; n <= TOUR.length; n++) {
    if (n > 1) await page.click('#tour-next');
    await page.waitForSelector(`#tour[data-tour-step="${n}"]`);
    await settled(page);
    const now = { next: await box(page, '#tour-next'), prev: await box(page, '#tour-prev') };
    for (const b of [now.next, now.prev]) {
      expect(b.top, `part ${n}`).toBeGreaterThanOrEqual(0);
      expect(b.bottom, `part ${n}`).toBeLessThanOrEqual(height);
      expect(b.right, `part ${n}`).toBeLessThanOrEqual(width);
    }
    if (last) {
      for (const k of ['next', 'prev'] as const) {
        const dx = now[k].left - last[k].left, dy = now[k].top - last[k].top;
        if (Math.abs(dx) > 2 || Math.abs(dy) > 2) moves.push(`${k} ${n - 1}→${n}: ${dx.toFixed(0)}, ${dy.toFixed(0)}`);
      }
    }
    last = now;
  }
  await context.close();
  return { moves, errors: [...errors] };
}
