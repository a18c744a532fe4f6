/**
 * Review 42: at 1280×800 and 1400×1000 tour part 5 opens the Matrix tab beside the card, and the
 * card still invited "Press “Show the matrix”" with a button that showed nothing new (the matrix
 * was open and in sight; it only outlined it for a moment). Where the matrix is in sight the button
 * is put away and the invitation points at the matrix's own ◀ ▶; another tab opened brings both
 * back, and the button then opens the matrix again. A phone, whose matrix is a screen below the
 * card, keeps the button.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TOUR, fill } from '../../web/src/tour/steps.js';
import { afterPageTimers, fileHarness } from './harness.js';

const h = fileHarness();
const STEP = TOUR.findIndex((s) => s.control === 'matrix') + 1;

/** The card's invitation (after its "Try it" label), whether its button shows, and whether the matrix box starts on the screen. */
function card(page: Page) {
  return page.evaluate(() => {
    const lead = document.querySelector('#tour-try p')!;
    const wrap = document.querySelector('#panel-matrix .matrix-wrap')!.getBoundingClientRect();
    return {
      invite: Array.from(lead.childNodes).slice(2).map((n) => n.textContent).join('').replace(/\u00a0/g, ' '),
      button: document.getElementById('try-control')!.getClientRects().length > 0,
      matrix: wrap.height > 0 && wrap.top >= 0 && wrap.bottom <= window.innerHeight,
    };
  });
}

describe('the tour’s matrix step offers “Show the matrix” only where the matrix is not in sight', () => {
  for (const lang of ['en', 'zh'] as const) {
    const words = (w: { en: string; zh: string }) => fill(w[lang], {}).replace(/\u00a0/g, ' ');
    for (const [width, height] of [[1280, 800], [1400, 1000]] as const) {
      it(`${width}×${height} (${lang})`, async () => {
        const step = TOUR[STEP - 1];
        expect(step.tryItShown).toBeDefined();
        const { page, errors } = await h.open(`?tour=${STEP}&lang=${lang}`, { width, height });
        // Opened with the matrix beside the card: no button, the matrix's ◀ ▶ named.
        await expect.poll(async () => (await card(page)).button).toBe(false);
        let c = await card(page);
        expect(c.matrix).toBe(true);
        expect(c.button).toBe(false);
        expect(c.invite).toBe(words(step.tryItShown!));
        // The matrix's own step button moves the highlighted row, as the invitation says.
        const row = async () => Number(await page.getAttribute('[data-matrix]', 'data-mark-index'));
        const before = await row();
        await page.click('#matrix-forward');
        expect(await row()).toBe((before + 1) % 4);
        // Another tab: the button and its invitation come back, and the button opens the matrix.
        await page.click('#tab-code');
        c = await card(page);
        expect(c.button).toBe(true);
        expect(c.invite).toBe(words(step.tryIt));
        await page.click('#try-control');
        await expect.poll(async () => (await card(page)).button).toBe(false);
        c = await card(page);
        expect(await page.getAttribute('#tab-matrix', 'aria-selected')).toBe('true');
        expect(c.matrix).toBe(true);
        expect(c.button).toBe(false);
        expect(errors).toEqual([]);
        await page.close();
      }, 60_000);
    }
    it(`390×844 (${lang}): the phone keeps the button, its matrix being below the card`, async () => {
      const { page } = await h.open(`?tour=${STEP}&lang=${lang}`, { width: 390, height: 844 });
      await afterPageTimers(page, 300);
      const c = await card(page);
      expect(c.matrix).toBe(false);
      expect(c.button).toBe(true);
      expect(c.invite).toBe(words(TOUR[STEP - 1].tryIt));
      await page.close();
    }, 60_000);
  }
});
