/**
 * The Formula tab's formulas wrapped anywhere on a phone: a transposed layer's
 * "o′ = s(i′ − 1) + a + k − 2p = 2·(3 − 1) + 1 + 3 − 2·1 = 6" broke as "… + 1 + 3 / − 2·1 = 6", and
 * "(3 − / 1)·(1 − 1)" (review 53). A line of formulas is now held together where it wraps, and
 * breaks only after an = (keep-together.ts formulaNodes, as the tour's keepFormulas): its text is
 * the library's line as written (nothing but the wrapping changes).
 * Pinned at 390×844 and 320×700, English and Chinese.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';
import { lines, shown, splits } from './line-boxes.js';

const h = fileHarness();

/** The Formula tab's line starting with `start` (after its indent), measured line box by line box. */
async function line(page: Page, start: string) {
  const n = await page.$$eval('#formula li', (ls, s) => ls.findIndex((l) => (l.textContent ?? '').trimStart().startsWith(s)) + 1, start);
  expect(n, start).toBeGreaterThan(0);
  return lines(page, `#formula li:nth-child(${n})`);
}

describe('the Formula tab holds its formulas together on a phone', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: a transposed layer's output size breaks only after an =`, async () => {
      for (const size of [{ width: 390, height: 844 }, { width: 320, height: 700 }]) {
        const { page, errors } = await h.open(`?i=3&k=3&s=2&p=1&t=1&op=1&lang=${lang}`, size);
        await page.click('#tab-formula');
        const m = await line(page, 'o′ = ');
        expect(m.text.trim()).toBe('o′ = s(i′ − 1) + a + k − 2p = 2·(3 − 1) + 1 + 3 − 2·1 = 6');
        // It needs more than one line at this width, and breaks between the sides of its =.
        expect(m.lines, shown(m)).toBeGreaterThan(1);
        for (const side of ['s(i′ − 1) + a + k − 2p =', '2·(3 − 1) + 1 + 3 − 2·1 = 6']) expect(splits(m, side), `${size.width}: ${shown(m)}`).toEqual([]);
        expect(m.overflow).toBeLessThanOrEqual(0.5);
        expect(errors).toEqual([]);
        await page.close();
      }
    }, 120_000);
  }

  it('en: the footprint line keeps "(3 − 1)·(1 − 1)" whole', async () => {
    const { page } = await h.open('?i=3&k=3&s=2&p=1&t=1&op=1&lang=en', { width: 320, height: 700 });
    await page.click('#tab-formula');
    const m = await line(page, 'footprint');
    expect(m.text.trim()).toBe('footprint k̂ = k + (k − 1)(d − 1) = 3 + (3 − 1)·(1 − 1) = 3');
    expect(splits(m, '3 + (3 − 1)·(1 − 1) = 3'), shown(m)).toEqual([]);
    await page.close();
  }, 60_000);
});
