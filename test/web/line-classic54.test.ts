/**
 * The classic figure of a 1-D layer (stop 54): the stage's captions, kernel names and Formula tab
 * write a link with r=1 as the 1-D layer it is (line-stage54), but the classic figure, which the
 * library draws as the row (1 × L), still read "input 1×9", "kernel 1×3 · stride 1×2 · padding
 * 0×1", "ĩ′ = 1×9 · p′ = 0×3" and w₀₀ w₀₁ w₀₂. Pinned: with r=1 every text of the figure and its
 * text alternative write the W axis alone and the weights with one index, en and zh, direct and
 * transposed; the same row without r=1 (a 2-D layer) keeps its H × W sizes.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

const texts = (page: import('playwright-core').Page) => page.$$eval('#svg-classic text', (ts) => ts.map((t) => t.textContent ?? ''));

describe('the classic figure of a 1-D layer', () => {
  const cases = [
    ['?i=1x9&k=1x3&s=1x2&p=0x1&r=1&fig=classic&lang=en', ['input 9', 'output 5', 'kernel 3 · stride 2 · padding 1 · dilation 1', 'kernel 3']],
    ['?i=1x9&k=1x3&s=1x2&p=0x1&r=1&fig=classic&lang=zh', ['输入 9', '输出 5', '卷积核 3，步长 2，填充 1，膨胀率 1', '卷积核 3']],
    ['?i=1x5&k=1x3&s=1x2&p=0x1&op=0x1&d=1x2&r=1&t=1&fig=classic&lang=en', ['input 5', 'output 12', 'kernel 3 · stride 2 · padding 1 · output padding 1 · dilation 2', 'ĩ′ = 9 · p′ = 3 · a = 1 · s′ = 1']],
  ] as const;
  for (const [q, want] of cases) {
    it(`${q}: written as the 1-D layer`, async () => {
      const { page, errors } = await h.open(q, { width: 1280, height: 800 });
      const shown = await texts(page);
      for (const w of want) expect(shown, w).toContain(w);
      expect(shown.filter((t) => /^w/.test(t)).sort()).toEqual(['w₀', 'w₁', 'w₂']);
      expect(shown.filter((t) => /\d×\d/.test(t))).toEqual([]);
      // The figure's text alternative (its <title>, named by aria-labelledby).
      const alt = await page.$eval('#classic-title', (t) => t.textContent ?? '');
      expect(alt).toContain(want[0]);
      expect(alt).not.toMatch(/\d×\d/);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('the same row without r=1 is a 2-D layer and keeps its H × W sizes', async () => {
    const { page } = await h.open('?i=1x9&k=1x3&s=1x2&p=0x1&fig=classic&lang=en', { width: 1280, height: 800 });
    const shown = await texts(page);
    expect(shown).toContain('input 1×9');
    expect(shown).toContain('kernel 1×3 · stride 1×2 · padding 0×1 · dilation 1');
    expect(shown).toContain('w₀₂');
    await page.close();
  });
});
