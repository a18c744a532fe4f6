/**
 * Tour part 5's “Show the matrix” button is put away where the matrix is already open and in sight
 * (tour-matrix-shown42), and comes back where it is not. Whether it was in sight was looked at when
 * the step opened, on a resize and on a tab change only: scrolled into sight afterwards (below a
 * 1260 px window the matrix sits under the card, in a column or page that scrolls), the matrix
 * stood on screen with the button still offering to show it, and scrolled away it had no button.
 * The button now follows the matrix wherever it is scrolled. At the reviewer's 1400×1188 the card
 * and the matrix stand side by side and the button stays away through the step's ways in, a scroll
 * of the page and a tab change.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TOUR, fill } from '../../web/src/tour/steps.js';
import { fileHarness, afterPageTimers } from './harness.js';

const h = fileHarness();
const STEP = TOUR.findIndex((s) => s.control === 'matrix') + 1;

/** Whether the card offers its button, what it invites, and where the matrix box is: wholly on screen, wholly off it, or partly. */
async function card(page: Page) {
  // Two frames: what a scroll changes is looked at once laid out.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    const lead = document.querySelector('#tour-try p')!;
    const r = document.querySelector('#panel-matrix .matrix-wrap')!.getBoundingClientRect();
    return {
      button: document.getElementById('try-control')!.getClientRects().length > 0,
      invite: Array.from(lead.childNodes).slice(2).map((n) => n.textContent).join('').replace(/\u00a0/g, ' '),
      matrix: r.height > 0 && r.top >= 0 && r.bottom <= innerHeight ? 'shown' : r.bottom <= 0 || r.top >= innerHeight ? 'away' : 'partly',
    };
  });
}

describe('the tour’s “Show the matrix” follows the matrix in and out of sight', () => {
  for (const lang of ['en', 'zh'] as const) {
    const words = (w: { en: string; zh: string }) => fill(w[lang], {}).replace(/\u00a0/g, ' ');
    const step = TOUR[STEP - 1];
    const away = { button: true, invite: words(step.tryIt), matrix: 'away' };
    const shown = { button: false, invite: words(step.tryItShown!), matrix: 'shown' };

    it(`1400×1188 (${lang}): beside the card, no button through Next, Previous, a scroll and a tab change`, async () => {
      const { page, errors } = await h.open(`?tour=${STEP - 1}&lang=${lang}`, { width: 1400, height: 1188 });
      await page.click('#tour-next');
      expect(await card(page)).toEqual(shown);
      await page.click('#tour-next');
      await page.click('#tour-prev');
      expect(await card(page)).toEqual(shown);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      expect(await card(page)).toEqual(shown);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click('#tab-code');
      expect((await card(page)).button).toBe(true);
      await page.click('#tab-matrix');
      expect(await card(page)).toEqual(shown);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    for (const [width, height] of [[1200, 560], [1000, 1188]] as const) {
      it(`${width}×${height} (${lang}): the matrix under the card, scrolled into sight and away again`, async () => {
        const { page, errors } = await h.open(`?tour=${STEP}&lang=${lang}`, { width, height });
        await afterPageTimers(page, 300);
        expect(await card(page)).toEqual(away);
        // The reader scrolls down to the matrix (the side column at 1200, the page at 1000).
        await page.evaluate(() => document.querySelector('#panel-matrix .matrix-wrap')!.scrollIntoView({ block: 'center' }));
        expect(await card(page)).toEqual(shown);
        await page.evaluate(() => {
          document.querySelector('aside.side')!.scrollTop = 0;
          window.scrollTo(0, 0);
        });
        expect(await card(page)).toEqual(away);
        expect(errors).toEqual([]);
        await page.close();
      }, 60_000);
    }
  }
});
