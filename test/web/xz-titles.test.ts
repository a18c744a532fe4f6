/**
 * The tour's z = Cx steps name the figure's planes with the prose's letters, in Chromium: step 5
 * (z = Cx, the grids) reads "input x" and "output z", step 6 (x = Cᵀz, the classic figure) "input z"
 * and "output x", step 8 "input z" and "output Cᵀz" while the figure runs on the linked pair's
 * numbers (and no letters on the example's, whose input is not the pair's z). Steps whose prose
 * names no vector, and free mode, keep the titles as they were.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { label } from '../../src/render/labels.js';
import { t } from '../../web/src/i18n.js';
import type { Lang } from '../../web/src/state.js';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();
const step = (id: string) => TOUR.findIndex((s) => s.id === id) + 1;

/** The classic figure's two plane titles (its texts that start with the input or output word). */
const classicTitles = (page: Page, lang: Lang) =>
  page.$$eval('#svg-classic text', (ts, words) =>
    [...new Set(ts.map((e) => e.textContent ?? '').filter((s) => words.some((w) => s.startsWith(`${w} `))))], [label(lang, 'input'), label(lang, 'output')]);
const captions = (page: Page) => Promise.all(['#cap-grid', '#cap-output'].map((id) => page.textContent(id)));

describe('the planes named by the tour’s letters', () => {
  for (const lang of ['en', 'zh'] as Lang[]) {
    const [inW, outW] = [label(lang, 'input'), label(lang, 'output')];

    it(`step ${step('transposed-1')} (${lang}): the classic figure's titles read input z and output x`, async () => {
      const { page, errors } = await h.open(`?tour=${step('transposed-1')}&lang=${lang}`, { width: 1366, height: 900 });
      expect(await page.getAttribute('#figure-box', 'data-stage')).toBe('classic');
      expect((await classicTitles(page, lang)).sort()).toEqual([`${inW} z 2×2`, `${outW} x 4×4`].sort());
      // The text alternative names them the same way.
      expect(await page.textContent('#classic-title')).toContain(`${inW} z 2×2`);
      // The longer output title keeps clear of the step counter beside it.
      const [title, counter] = await page.$$eval('#svg-classic text', (ts, w) => {
        const box = (e: Element | undefined) => e?.getBoundingClientRect();
        return [box(ts.find((e) => e.textContent?.startsWith(`${w} x`))), box(ts.find((e) => /\d+\s*\/\s*\d+|\d+ 步/.test(e.textContent ?? '')))].map((r) => r && { l: r.left, r: r.right, t: r.top, b: r.bottom });
      }, outW);
      expect(title && counter).toBeTruthy();
      expect(title!.r).toBeLessThanOrEqual(counter!.l);
      // The reader's change at this step keeps the layer transposed: still z in, x out.
      await page.fill('#try-control', '1');
      await expect.poll(() => classicTitles(page, lang).then((a) => a.sort())).toEqual([`${inW} z 2×2`, `${outW} x 2×2`].sort());
      expect(errors).toEqual([]);
    });

    it(`step ${step('matrix')} (${lang}): the grids' captions read input x and output z`, async () => {
      const { page } = await h.open(`?tour=${step('matrix')}&lang=${lang}`, { width: 1366, height: 900 });
      const [grid, output] = await captions(page);
      expect(grid).toBe(`${t(lang, 'gridLabel')} x 4×4`);
      expect(output).toBe(`${t(lang, 'outputLabel')} z 2×2`);
    });

    it(`step ${step('not-inverse')} (${lang}): z and Cᵀz on the pair's numbers, no letters on the example's`, async () => {
      const { page } = await h.open(`?tour=${step('not-inverse')}&lang=${lang}`, { width: 1366, height: 900 });
      await expect.poll(() => page.$eval('#numbers-note', (e) => (e as HTMLElement).hidden)).toBe(false);
      const [grid, output] = await captions(page);
      expect(grid!.startsWith(`${t(lang, 'gridLabel')} z`)).toBe(true);
      expect(output).toBe(`${t(lang, 'outputLabel')} Cᵀz 5×5`);
      await page.click('#pair-numbers');
      await expect.poll(() => page.$eval('#numbers-note', (e) => (e as HTMLElement).hidden)).toBe(true);
      await expect.poll(() => page.textContent('#cap-output')).toBe(`${t(lang, 'outputLabel')} 5×5`);
      expect((await page.textContent('#cap-grid'))!.startsWith(t(lang, 'gridLabelTransposed'))).toBe(true);
    });

    it(`(${lang}) no letters where the prose names no vector, nor in free mode`, async () => {
      const s7 = step('transposed-2');
      const { page } = await h.open(`?tour=${s7}&lang=${lang}`, { width: 1366, height: 900 });
      expect((await classicTitles(page, lang)).sort()).toEqual([`${inW} 2×2`, `${outW} 5×5`].sort());
      const free = await h.open(`?i=2&k=3&s=1&p=0&t=1&fig=classic&lang=${lang}`, { width: 1366, height: 900 });
      expect((await classicTitles(free.page, lang)).sort()).toEqual([`${inW} 2×2`, `${outW} 4×4`].sort());
      const grids = await h.open(`?i=4&k=3&s=1&p=0&lang=${lang}`, { width: 1366, height: 900 });
      expect(await captions(grids.page)).toEqual([`${t(lang, 'gridLabel')} 4×4`, `${t(lang, 'outputLabel')} 2×2`]);
    });
  }
});
