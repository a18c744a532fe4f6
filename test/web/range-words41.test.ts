/**
 * A range that leaves one value is said as that value, in the page's one home for range phrases
 * (web/src/range-text.ts): a tour step's control whose layer, changed beside the card, takes one
 * kernel only said "Enter a whole number from 1 to 1" / "请输入 1 到 1 之间的整数"; the export's
 * refusal offered "a stride of at most 1" / "步长不超过 1", where 1 is the least stride there is.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderRefusalText } from '../../web/src/export-refusal.js';
import { t } from '../../web/src/i18n.js';
import { fieldNumberText } from '../../web/src/range-text.js';
import { defaultState, type State } from '../../web/src/state.js';
import { refusalOf } from './refusal-of.js';
import { fileHarness } from './harness.js';


describe('a number box’s message', () => {
  it('names the one value of a one-value range, and the range otherwise', () => {
    expect(fieldNumberText('en', 3, 3)).toBe('Enter 3, the only value this layer takes.');
    expect(fieldNumberText('zh', 3, 3)).toBe('请输入 3，这一层只接受这一个值。');
    expect(fieldNumberText('en', 1, 4)).toBe(t('en', 'fieldNumber', { lo: 1, hi: 4 }));
    expect(fieldNumberText('zh', 1, 4)).toBe('请输入 1 到 4 之间的整数。');
  });
});

describe('the export refusal’s fit', () => {
  // Transposed 3 × 3 at stride 3 on 32 × 32: 98 cells a side inserted and padded; only stride 1 draws.
  const s: State = { ...defaultState(), input: [32, 32], kernel: [3, 3], stride: [3, 3], pad: [0, 0, 0, 0], transposed: true };

  it('offers stride 1 as that value, and a larger input as at most', () => {
    const en = renderRefusalText(refusalOf(s), 'classic', s, 'en');
    expect(en).toMatch(/At this stride an input of at most \d+ along H and W fits, or at this input a stride of 1\.$/);
    const zh = renderRefusalText(refusalOf(s), 'classic', s, 'zh');
    expect(zh).toMatch(/步长不变时，把高度和宽度方向上的输入减到不超过 \d+ 就能画出；输入不变时，把步长减到 1 也可以。$/);
  });
});

const h = fileHarness();
const tryError = (page: Page) => page.textContent('.field-error[data-for="try-control"]').then((s) => s ?? '');

describe('a tour step’s control that takes one value', () => {
  for (const [lang, said] of [['en', 'Enter 1, the only value this layer takes.'], ['zh', '请输入 1，这一层只接受这一个值。']] as const) {
    it(`step 1 on a 1 × 1 input (changed beside the card): the message names 1 (${lang})`, async () => {
      const { page, errors } = await h.open(`?tour=1&lang=${lang}`, { width: 1280, height: 800 });
      await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: object): void } }).convkitPlayground.benchChange({ input: [1, 1], kernel: [1, 1] }));
      await expect.poll(() => page.getAttribute('#try-control', 'max')).toBe('1');
      await page.fill('#try-control', '2');
      await expect.poll(() => tryError(page)).toBe(said);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
