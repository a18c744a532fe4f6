/**
 * The marked row of a tall matrix stays in sight, in Chromium: at tour step 6 (x = Cᵀz, Cᵀ of 16
 * rows) a 1180×800 laptop's side column shows the matrix's first ~95 px under the tour card, a
 * 1280×600 one (the matrix beside the card, HB40) its first rows above the window's bottom, and a
 * phone the part of it scrolled onto the screen. (At 1280×800 the matrix beside the card is whole
 * in sight since HB40: test/web/tour-matrix-rows40.test.ts.) Stepping the figure (the player's ▶ or the
 * matrix's own) moves the marked row down Cᵀ; the matrix box scrolls itself so the row stays in the
 * part of it on screen, and neither the side column nor the page moves.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();
const STEP = TOUR.findIndex((s) => s.id === 'transposed-1') + 1;

/** The marked row's box, the part of the matrix box on screen, and the column's and page's scroll. */
const seen = (page: Page) =>
  page.evaluate(() => {
    const svg = document.querySelector('#svg-matrix') as SVGSVGElement;
    const mark = Array.from(svg.querySelectorAll('rect[fill-opacity="0.16"]')).find((r) => Number(r.getAttribute('width')) > 50)!;
    const r = mark.getBoundingClientRect();
    const wrap = svg.parentElement!.getBoundingClientRect();
    const side = document.querySelector('aside.side')!;
    const scrolls = getComputedStyle(side).overflowY === 'auto';
    const s = side.getBoundingClientRect();
    const bottom = Math.min(window.innerHeight, wrap.bottom, scrolls ? s.bottom : Infinity);
    const top = Math.max(0, wrap.top, scrolls ? s.top : -Infinity);
    // The matrix's rows, all of them: its frame (the one rect drawn with a 1 px stroke).
    const whole = svg.querySelector('rect[stroke-width="1"]')!.getBoundingClientRect().height;
    return { index: Number(svg.dataset.markIndex), top: r.top, bottom: r.bottom, seenTop: top, seenBottom: bottom, side: side.scrollTop, page: window.scrollY, whole };
  });

describe('the marked row of Cᵀ in sight', () => {
  for (const [width, height, button] of [
    [1180, 800, '#btn-forward'],
    [1280, 600, '#matrix-forward'],
    [390, 844, '#matrix-forward'],
  ] as const) {
    it(`${width}×${height}, stepping with ${button}: every row of Cᵀ shows in the matrix box, the column and page stay`, async () => {
      const { page, errors } = await h.open(`?tour=${STEP}&lang=zh`, { width, height });
      await page.waitForSelector('#svg-matrix[data-rows="16"]');
      await page.waitForTimeout(300);
      if (width < 720) {
        // A phone: the reader scrolls until the matrix's first rows are on screen.
        await page.evaluate(() => window.scrollBy(0, document.querySelector('.matrix-wrap')!.getBoundingClientRect().top - window.innerHeight + 180));
        await page.waitForTimeout(200);
      }
      const start = await seen(page);
      expect(start.index).toBe(0);
      // Less than the whole matrix is on screen: the case at hand.
      expect(start.seenBottom - start.seenTop).toBeLessThan(start.whole);
      for (let i = 1; i < 16; i++) {
        await page.click(button);
        await expect.poll(() => seen(page).then((s) => s.index)).toBe(i);
        const s = await seen(page);
        expect(s.top, `row ${i}`).toBeGreaterThanOrEqual(s.seenTop - 0.5);
        expect(s.bottom, `row ${i}`).toBeLessThanOrEqual(s.seenBottom + 0.5);
        expect(s.side, `row ${i}`).toBe(start.side);
        expect(s.page, `row ${i}`).toBe(start.page);
      }
      expect(errors).toEqual([]);
    });
  }

  // 1180×800: the card over the matrix in a column that scrolls (1280×800 before HB40 laid the
  // matrix beside the card there, wholly in sight).
  it('grows back as the reader scrolls the column, and C of step 5 keeps its whole box', async () => {
    const { page } = await h.open(`?tour=${STEP}&lang=zh`, { width: 1180, height: 800 });
    await page.waitForSelector('#svg-matrix[data-rows="16"]');
    await settled(page);
    const short = await page.$eval('.matrix-wrap', (w) => w.clientHeight);
    // Each turn of the wheel scrolls the column as far as it goes, and the box grows by as much on
    // the next frame (matrix-view.ts), which the next turn needs.
    for (let i = 0; i < 8; i++) {
      await page.$eval('aside.side', (s) => s.scrollBy(0, 100));
      await settled(page);
    }
    // It ends whole (no height of its own left), far taller than it started. (With the one-row
    // header, d6321b4, the column starts 38 px higher, so the box starts taller than it did.)
    const end = await page.$eval('.matrix-wrap', (w) => ({ height: w.clientHeight, cap: w.style.maxHeight }));
    expect(end.cap, `started ${short} px`).toBe('');
    expect(end.height, `started ${short} px`).toBeGreaterThan(short + 250);
    const five = await h.open(`?tour=${STEP - 1}&lang=zh`, { width: 1180, height: 800 });
    await five.page.waitForSelector('#svg-matrix[data-rows="4"]');
    await settled(five.page);
    expect(await five.page.$eval('.matrix-wrap', (w) => w.style.maxHeight)).toBe('');
  });
});
