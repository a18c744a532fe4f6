/**
 * Next and Previous hold still from part to part where tour-steady47 left them moving (stop 48):
 * between 1101 and 1259 px, where the card lies over the matrix in the side column, they sat under
 * the part's text and moved with it (up to 194 px at 1180×800, en 13 → 12 … 3 → 4), and on a phone
 * they followed the card and its text (up to 130 px, and below the screen at parts 4, 9 and 13).
 * Walking parts 1 → 13 with Next, both buttons move 2 px at most and stay whole in the window. On a
 * phone they stand in a bar at the screen's foot, which must hide nothing for good: scrolled to the
 * end, each part's control, Now line and step menu end above it, and in Chinese the control and the
 * Now line do on the first screen.
 */
import { describe, expect, it } from 'vitest';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness, settled } from './harness.js';
import { box, walkButtons } from './tour-buttons.js';

const h = fileHarness();

describe('the tour\'s Next and Previous hold still below 1260 px and on a phone', () => {
  for (const [width, height] of [[1180, 800], [1101, 800], [390, 844]] as const) {
    for (const lang of ['en', 'zh'] as const) {
      it(`${width}×${height} (${lang}): parts 1 → ${TOUR.length} move them 2 px at most`, async () => {
        const { moves, errors } = await walkButtons(h, width, height, lang);
        expect(moves).toEqual([]);
        expect(errors).toEqual([]);
      }, 240_000);
    }
  }

  for (const lang of ['en', 'zh'] as const) {
    it(`390×844 (${lang}): nothing stays under the bar; in Chinese each part's control and Now line end above it on the first screen`, async () => {
      const { page, context, errors } = await h.open(`?tour=1&lang=${lang}`, { width: 390, height: 844 });
      const hidden: string[] = [];
      for (let n = 1; n <= TOUR.length; n++) {
        if (n > 1) {
          await page.goto(`${h.url}?tour=${n}&lang=${lang}`);
          await page.waitForSelector('body[data-ready="1"]');
          await settled(page);
        }
        // The bar starts 5 px above its buttons (the card's lines fade into it over 12 px more,
        // which stage-fit.ts leaves them where the figure can give way).
        const bar = Math.min((await box(page, '#tour-next')).top, (await box(page, '#tour-prev')).top) - 5;
        const bottoms = () => page.$$eval('#try-control, #tour-now, #tour-pick', (els) => els
          .filter((e) => !(e as HTMLElement).hidden && e.textContent !== '' || e.id !== 'tour-now')
          .map((e) => [e.id, e.getBoundingClientRect().bottom] as const));
        // English parts 4, 6, 8–10, 12 and 13 run past the first screen's bar: a scroll shows them.
        if (lang === 'zh') for (const [id, b] of await bottoms()) if (id !== 'tour-pick' && b > bar + 0.5) hidden.push(`part ${n} #${id}: ends at ${b.toFixed(0)}, bar at ${bar.toFixed(0)}`);
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        for (const [id, b] of await bottoms()) if (b > bar + 0.5) hidden.push(`part ${n} #${id} scrolled to the end: ends at ${b.toFixed(0)}, bar at ${bar.toFixed(0)}`);
      }
      expect(hidden).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 240_000);
  }
});
