/**
 * The grids' accessible names join the caption and the keys' help with each language's full stop
 * (review 41): the Chinese names read "输入（含填充）5×5 → 7×7. 用方向键…", an English stop in
 * Chinese text, as a screen reader says it.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

describe('the grids’ accessible names', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`end the caption with the ${lang} full stop before the keys' help`, async () => {
      const { page, errors } = await h.open(`?i=5x5&k=3&s=2&p=1&lang=${lang}`);
      const names = await page.$$eval('#svg-grid, #svg-kernel, #svg-output', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      expect(names).toHaveLength(3);
      for (const n of names) {
        if (lang === 'zh') {
          expect(n).toMatch(/。用方向键在单元之间移动/);
          expect(n).not.toMatch(/\. /);
        } else {
          expect(n).toMatch(/\S\. Arrow keys move between cells/);
        }
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
