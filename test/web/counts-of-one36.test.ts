/**
 * Counts of 1 in the receptive-field sentences, worded as a person words them. A 1 × 1 kernel's
 * field was "the field spans 1 × 1 pixels, all 1 of them read" (Chinese "全部 1 个都被读取"); a
 * 1 × 2 kernel at rates 1, 2, 5 left "1 inside it are never read"; a transposed 2 × 2 kernel at
 * stride 2 gave "every output reads 1 picture pixels"; the stacked-layers figure said "reaches
 * 1×1 input cells, every one of them is read" and "1 rows and 1 columns are never read"; the
 * Formula tab "1 × 1 input cells". The counts themselves are the library's: the tests check them
 * in the page's data (data-span, data-holes, data-spans) before reading the words.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** The image mode's field study on `stack` for the layer of `query`, its sentence once drawn. */
async function field(query: string, stack: string): Promise<{ page: Page; text: string; span: string; holes: string }> {
  const { page } = await h.open(query, { width: 1366, height: 900 });
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 60_000 });
  await page.selectOption('#image-field-stack', stack);
  await page.waitForFunction(() => !!document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.output, null, { timeout: 60_000 });
  const got = await page.$eval('[data-field-summary]', (e) => ({ text: e.textContent ?? '', span: (e as HTMLElement).dataset.span ?? '', holes: (e as HTMLElement).dataset.holes ?? '' }));
  return { page, ...got };
}

describe('the image mode’s field sentences say a count of 1 as one', () => {
  it('a 1 × 1 kernel three times: the field is a single pixel', async () => {
    for (const [lang, says, not] of [['en', 'the field is a single pixel, the only one this output reads.', /all 1 of them|1×1 pixels/], ['zh', '感受野只有 1 个像素，这个输出只读取它。', /全部 1 个|1×1 像素/]] as const) {
      const { page, text, span, holes } = await field(`?view=image&lang=${lang}&k=1`, 'layer');
      expect([span, holes]).toEqual(['1x1', '0']);
      expect(text).toContain(says);
      expect(text).not.toMatch(not);
      await page.close();
    }
  }, 180_000);

  it('a 1 × 2 kernel at rates 1, 2, 5: one hole', async () => {
    for (const [lang, says] of [['en', '8 pixels are read and 1 inside it is never read.'], ['zh', '其中 8 个读得到，只有 1 个始终读不到。']] as const) {
      const { page, text, span, holes } = await field(`?view=image&lang=${lang}&k=1x2&d=2`, 'layer-1-2-5');
      expect([span, holes]).toEqual(['1x9', '1']);
      expect(text).toContain(says);
      await page.close();
    }
  }, 180_000);

  it('a transposed 2 × 2 kernel at stride 2 three times: every output reads 1 picture pixel', async () => {
    for (const [lang, says, not] of [['en', 'every output reads 1 picture pixel, in each', /1 picture pixels/], ['zh', '每个输出都只读取 1 个图片像素', /都读取 1 个/]] as const) {
      const { page, text } = await field(`?view=image&lang=${lang}&k=2&s=2&t=1`, 'layer');
      expect(text).toContain(says);
      expect(text).not.toMatch(not);
      await page.close();
    }
  }, 180_000);
});

describe('the stacked-layers figure and the Formula tab say a count of 1 as one', () => {
  for (const [lang, one, oneTap, hole] of [
    ['en', 'one output reaches only 1 input cell', 'whatever the rates (a 1×1 kernel)', '1 row and 1 column are never read'],
    ['zh', '一个输出只覆盖 1 个输入单元', '与膨胀率无关（1×1 卷积核）', '其中 1 行、1 列始终读不到'],
  ] as const) {
    it(`${lang}: a 1 × 1 kernel reaches one cell; a 2-tap kernel at rates 1, 2, 5 leaves one row and one column`, async () => {
      let { page } = await h.open(`?k=1&fig=stack&lang=${lang}`);
      await page.waitForSelector('#stack-figure:not([hidden])');
      expect(await page.$eval('#stack-figure svg', (s) => s.getAttribute('data-spans'))).toBe('1,1');
      const label = (await page.$eval('#stack-figure svg', (s) => s.getAttribute('aria-label')))!;
      expect(label).toContain(one);
      expect(label).toContain(oneTap);
      expect(label).not.toMatch(/1×1 input cells|every one of them|1×1 个输入单元|每个单元都读得到/);
      // The Formula tab's field of this layer alone: one cell.
      await page.click('#tab-formula');
      const formula = await page.$eval('#formula dl', (d) => d.textContent ?? '');
      expect(formula).toContain(lang === 'en' ? '1 input cell' : '1 个输入单元');
      expect(formula).not.toMatch(/1×1 input cells|1×1 个输入单元/);
      await page.close();
      ({ page } = await h.open(`?k=2&fig=stack&lang=${lang}`));
      await page.waitForSelector('#stack-figure:not([hidden])');
      expect(await page.$eval('#stack-figure svg', (s) => s.getAttribute('data-holes'))).toMatch(/,1$/);
      expect(await page.$eval('#stack-figure svg', (s) => s.getAttribute('aria-label'))).toContain(hole);
      await page.close();
    }, 120_000);
  }
});
