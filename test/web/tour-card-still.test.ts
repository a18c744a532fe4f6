/**
 * On a 390×844 phone the tour card under the figure holds still while the reader changes the
 * step's value in it (web/src/tour/card-place.ts): the figure above it draws a 1×1 output
 * shorter, a stride that puts the kernel under the planes makes its key taller, and the card (the
 * page does not anchor its scroll to it) moved by as much, 5–60 px, under the reader's finger.
 * Values are typed and committed with Enter, and stepped with the box's arrow keys.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TOUR } from '../../web/src/tour/steps.js';
import { afterPageTimers, fileHarness, settled } from './harness.js';

const h = fileHarness();
const step = (id: string) => TOUR.findIndex((s) => s.id === id) + 1;

/** Steps and the values accepted there, the ones that change the figure's size most among them. */
const CASES: [string, number[]][] = [
  ['parts', [1, 4, 2, 3]], // kernel: a 1×1 output at 4
  ['stride', [1, 3, 8, 2]],
  ['transposed-2', [1, 3, 2, 1]], // stride 1 puts the kernel under the planes
  ['scatter', [1, 7, 4, 2]], // kernel 1 → 7
  ['gridding', [1, 4, 8, 2]],
  ['uses', [1, 8, 2, 4]],
];

const cardTop = (page: Page) => page.$eval('#tour-try', (e) => e.getBoundingClientRect().top);

describe('the tour card holds still on a phone while its value changes', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`390×844 (${lang}): the card moves 2 px at most`, async () => {
      const { page, context, errors } = await h.open(`?tour=1&lang=${lang}`, { width: 390, height: 844 });
      for (const [id, values] of CASES) {
        await page.goto(`${h.url}?tour=${step(id)}&lang=${lang}`);
        await page.waitForSelector('body[data-ready="1"]');
        await settled(page);
        // The reader first brings the box into reach: on a long English part (9) it starts under the
        // phone's Previous / Next bar, and focusing it scrolls it above the bar (scroll-padding).
        await page.focus('#try-control');
        await settled(page);
        const start = await cardTop(page);
        const seen: string[] = [];
        const check = async (what: string) => {
          // Settled, then a while longer by the page's clock: a late move must have time to show.
          await settled(page);
          await afterPageTimers(page, 150);
          const top = await cardTop(page);
          seen.push(`${what}: ${(top - start).toFixed(1)}`);
          expect(Math.abs(top - start), `step ${step(id)} ${seen.join(', ')}`).toBeLessThanOrEqual(2);
        };
        for (const v of values) {
          await page.fill('#try-control', String(v));
          await page.press('#try-control', 'Enter');
          await check(String(v));
        }
        // The box's arrows apply each value at once.
        for (const key of ['ArrowDown', 'ArrowUp', 'ArrowUp']) {
          await page.press('#try-control', key);
          await check(key);
        }
        // The reader sees the card where it was, on the first screen.
        expect(start).toBeLessThan(844);
      }
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
