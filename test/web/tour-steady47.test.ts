/**
 * The tour is read by pressing Next again and again (review R4): on a desktop window its Next and
 * Previous must stay where they are from part to part, or the reader who clicks where Next was
 * misses it. They sat under the card's text and its "Try it" box, so they moved with the text's
 * length: at 1400×1000 by up to 204 px between consecutive parts (zh 4 → 5), and at 1280×800 also
 * 100 px sideways into and out of parts 5–6, whose card is narrower (the matrix stands beside it).
 * Walking parts 1 → 13 with Next, both buttons' boxes may move 2 px at most, and stay whole in the
 * window.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();

type Box = { left: number; top: number; bottom: number; right: number };
const box = (page: Page, sel: string): Promise<Box> =>
  page.$eval(sel, (e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, bottom: r.bottom, right: r.right };
  });

describe('the tour\'s Next and Previous hold still on a desktop window', () => {
  for (const [width, height] of [[1400, 1000], [1280, 800]] as const) {
    for (const lang of ['en', 'zh'] as const) {
      it(`${width}×${height} (${lang}): parts 1 → ${TOUR.length} move them 2 px at most`, async () => {
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
        expect(moves).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }, 180_000);
    }
  }
});
