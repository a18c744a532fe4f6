/**
 * Student review 54: the linked pair said a refusal per axis while the Layer form beside it said
 * it once for both. `?i=3&k=3&s=2&p=0&t=1&op=2` (output padding 2 at stride 2, the same on H and W):
 * the form read "H and W: output padding 2 must be smaller than …", the pair "H: output padding 2
 * must be smaller than …", as if W were fine (Chinese: 高度和宽度方向上 / 高度方向上). The dilation
 * view's twin (the same layer at rate 2) wrote its refusal the same per-axis way.
 * Pinned: where both axes hold the same numbers, the pair and the twin say the refusal as the form
 * does, word for word ("H and W" / 高度和宽度), in English and Chinese, on a desktop and a phone; where
 * the axes differ, the pair still names the one axis (as the form does).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const BOTH = { en: 'H and W: ', zh: '高度和宽度方向上，' } as const;
const ONE = { en: 'H: ', zh: '高度方向上，' } as const;

async function pairNote(page: Page): Promise<string> {
  await page.click('#pair-open');
  const note = page.locator('#pair-body .pair-note');
  await note.waitFor();
  return (await note.textContent())!;
}

const formError = (page: Page) => page.$eval('.field-error[data-for~="op-h"], .field-error:not(:empty)', (p) => p.textContent ?? '');

describe('the linked pair says a refusal of a layer the same on both axes once, for H and W', () => {
  for (const [lang, size] of [['en', DESKTOP], ['zh', DESKTOP], ['en', PHONE], ['zh', PHONE]] as const) {
    it(`${lang}, ${size.width}×${size.height}: output padding 2 at stride 2, as the Layer form says it`, async () => {
      const { page, errors } = await h.open(`?i=3&k=3&s=2&p=0&t=1&op=2&lang=${lang}`, size);
      const form = await formError(page);
      expect(form.startsWith(BOTH[lang])).toBe(true);
      const pair = await pairNote(page);
      expect(pair).toBe(form);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: a layer whose axes differ is still refused for the one axis, as the form does`, async () => {
      const { page, errors } = await h.open(`?i=3x4&k=3&s=2&p=0&t=1&op=2&lang=${lang}`, DESKTOP);
      const form = await formError(page);
      expect(form.startsWith(ONE[lang])).toBe(true);
      expect(await pairNote(page)).toBe(form);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: the dilation view's twin at rate 2, refused on both axes, says so for both`, async () => {
      // A 5×5 kernel on a 5×5 input, no padding: the layer fits, its twin at rate 2 covers 9 cells.
      const { page, errors } = await h.open(`?i=5&k=5&p=0&lang=${lang}`, DESKTOP);
      await page.click('#dilation-title');
      const hint = page.locator('#dilation-view .hint', { hasText: lang === 'en' ? 'At d = 2 ' : 'd = 2 时' });
      await hint.first().waitFor();
      const text = (await hint.first().textContent())!;
      expect(text).toContain(lang === 'en' ? ': H and W: the kernel covers 9 cells' : '：高度和宽度方向上，卷积核覆盖 9 个单元');
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
