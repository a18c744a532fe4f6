/**
 * Review 34, B4: a refused link (`?i=7&k=3&s=2&p=same`: 'same' padding needs stride 1) leaves the
 * figure on the default layer, and the Code tab builds that layer — runnable code for a layer the
 * reader did not ask for. While the settings are not the figure's, the Code tab says whose layer
 * its code builds: the default one, or the last valid one, in English and Chinese; the line goes
 * when the layer is accepted.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

const note = (page: Page) => page.$eval('#code-note', (p) => ({ hidden: (p as HTMLElement).hidden, text: p.textContent, visible: (p as HTMLElement).offsetParent !== null }));

describe('the Code tab while the layer is refused', () => {
  for (const [lang, text] of [
    ['en', 'This code builds the default layer the figure shows, not the layer you set (it is not valid).'],
    ['zh', '下面的代码构建的不是你设置的层（那组参数无效），而是图中显示的默认参数的层。'],
  ] as const) {
    it(`${lang}: a refused link: the code is marked as the default layer's, the figure's`, async () => {
      const { page, errors } = await h.open(`?i=7&k=3&s=2&p=same&lang=${lang}`);
      await page.click('#tab-code');
      expect(await note(page)).toEqual({ hidden: false, text, visible: true });
      // The code is the figure's layer (the default 5×5 one), which the line names.
      expect(await page.$eval('#code-torch', (c) => c.textContent)).toContain('x = torch.randn(1, 1, 5, 5)');
      // The note comes before the code.
      const [n, code] = await Promise.all([page.$eval('#code-note', (e) => e.getBoundingClientRect().top), page.$eval('#code-torch', (e) => e.getBoundingClientRect().top)]);
      expect(n).toBeLessThan(code);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('a change refused after a valid layer: the last valid layer; accepted again: no line', async () => {
    const { page } = await h.open('?i=5&k=3&s=1&p=1&lang=en');
    await page.click('#tab-code');
    expect((await note(page)).hidden).toBe(true);
    // A 9-tall kernel does not fit the padded 5-tall input.
    await page.fill('#kernel-h', '9');
    await page.locator('#kernel-h').press('Tab');
    await page.waitForFunction(() => !(document.getElementById('code-note') as HTMLElement).hidden);
    expect((await note(page)).text).toBe('This code builds the last valid layer the figure shows, not the layer you set (it is not valid).');
    await page.fill('#kernel-h', '2');
    await page.locator('#kernel-h').press('Tab');
    await page.waitForFunction(() => (document.getElementById('code-note') as HTMLElement).hidden);
    // The note follows the layer at once; the code is drawn with the side panels a frame later.
    await expect.poll(() => page.$eval('#code-torch', (c) => c.textContent)).toContain('kernel_size=(2, 3)');
    await page.close();
  }, 60_000);
});
