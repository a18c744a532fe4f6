/**
 * On a phone in the tour, Previous and Next stand in a 50 px bar fixed at the screen's foot, with a
 * 12 px fade above it (style.css). What the page brings into sight ended under them (stop 49): the
 * matrix box scrolls itself to its marked row, and measured the screen down to the window's foot,
 * so at 390×844 with Cᵀ's first rows near the foot (part 6) rows 4–15 were kept at 810–840 px,
 * under the bar (its top at 794). Pinned: each marked row of part 6's Cᵀ, stepped with the matrix's
 * ▶, lies above the fade (the bar's top less 12 px). Also pinned, though they held before this
 * change as well: part 5's "Show the matrix", pressed with the matrix just below the screen,
 * brings C and each of its marked rows above the fade (the page's scroll-padding now counts the
 * fade, 62 px, where 60 did not); and the page scrolled to its end ends above it (its padding now
 * is the bar and the fade, 62 px; at 50 the model panel's own margin kept it clear). In English and
 * Chinese.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();
const SHOW = TOUR.findIndex((s) => s.control === 'matrix') + 1;
const TRANSPOSED = TOUR.findIndex((s) => s.id === 'transposed-1') + 1;
/** The fade over the bar's top (style.css). */
const FADE = 12;

/** The marked row's index and box, and the top of what the bar covers (its fade's top). */
const row = (page: Page) =>
  page.evaluate((fade) => {
    const svg = document.querySelector<SVGSVGElement>('#svg-matrix')!;
    // The marked row: the wide band drawn at the marks' opacity (as matrix-row.test.ts finds it).
    const mark = Array.from(svg.querySelectorAll('rect[fill-opacity="0.16"]')).find((r) => Number(r.getAttribute('width')) > 50)!;
    const r = mark.getBoundingClientRect();
    // The bar starts 5 px above its buttons.
    const bar = Math.min(document.getElementById('tour-next')!.getBoundingClientRect().top, document.getElementById('tour-prev')!.getBoundingClientRect().top) - 5;
    return { index: Number(svg.dataset.markIndex), top: r.top, bottom: r.bottom, covered: bar - fade };
  }, FADE);

const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

describe('a phone tour\'s bar at the screen\'s foot hides nothing the page shows', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`390×844 (${lang}): part ${TRANSPOSED}, Cᵀ near the screen's foot: every marked row lies above the bar and its fade`, async () => {
      const { page, errors, context } = await h.open(`?tour=${TRANSPOSED}&lang=${lang}`, { width: 390, height: 844 });
      await page.waitForSelector('#svg-matrix[data-rows="16"]');
      // The reader scrolls until the matrix's first rows show just above the screen's foot.
      await page.evaluate(() => window.scrollBy(0, document.querySelector('.matrix-wrap')!.getBoundingClientRect().top - window.innerHeight + 180));
      await frames(page);
      const under: string[] = [];
      for (let i = 1; i < 16; i++) {
        await page.click('#matrix-forward');
        await expect.poll(() => row(page).then((r) => r.index)).toBe(i);
        await frames(page);
        const r = await row(page);
        if (r.bottom > r.covered + 0.5 || r.top < 0) under.push(`row ${i}: ${r.top.toFixed(0)}–${r.bottom.toFixed(0)}, covered from ${r.covered.toFixed(0)}`);
      }
      expect(under).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);

    it(`390×844 (${lang}): part ${SHOW}, "Show the matrix": C and each marked row above the bar and its fade`, async () => {
      const { page, errors, context } = await h.open(`?tour=${SHOW}&lang=${lang}`, { width: 390, height: 844 });
      // The matrix just below the screen (the card read down to its foot), then the card's button
      // pressed as a tap does (a click by the harness would scroll the page to the button first).
      await page.evaluate(() => window.scrollBy(0, document.querySelector('.matrix-wrap')!.getBoundingClientRect().top - window.innerHeight + 10));
      await frames(page);
      await page.$eval('#try-control', (b) => (b as HTMLButtonElement).click());
      await frames(page);
      const wrap = await page.$eval('#panel-matrix .matrix-wrap', (e) => e.getBoundingClientRect().bottom);
      const first = await row(page);
      expect(wrap).toBeLessThanOrEqual(first.covered + 0.5);
      const rows = Number(await page.$eval('#svg-matrix', (e) => e.getAttribute('data-rows')));
      for (let i = 0; i < rows; i++) {
        if (i > 0) {
          await page.click('#matrix-forward');
          await expect.poll(() => row(page).then((r) => r.index)).toBe(i);
          await frames(page);
        }
        const r = await row(page);
        expect(r.bottom, `row ${i}`).toBeLessThanOrEqual(r.covered + 0.5);
        expect(r.top, `row ${i}`).toBeGreaterThanOrEqual(0);
      }
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);

    it(`390×844 (${lang}): scrolled to its end, the page's last box ends above the bar and its fade`, async () => {
      const { page, errors, context } = await h.open(`?tour=${SHOW}&lang=${lang}`, { width: 390, height: 844 });
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await frames(page);
      const end = await page.evaluate(() => Math.max(...['.layout', '#model-panel'].map((s) => document.querySelector(s)!.getBoundingClientRect().bottom)));
      const r = await row(page);
      // (The page's last box, the model panel, kept a margin above the old 50 px end: this passed
      // before too, and pins that the page's end clears the fade, now by its own padding.)
      expect(end).toBeLessThanOrEqual(r.covered + 0.5);
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
