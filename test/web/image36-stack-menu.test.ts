/**
 * The stacked field's menu on a phone (390 × 844): it took its longest entry's width (398 px) in a
 * 360 px panel and ran past the screen's edge, so the chosen entry "This layer three times: 3 × 3,
 * stride 2, rates 1, 1, 1" was cut at the right. The menu now stays inside its panel, and each
 * entry from the layer, direct or transposed, in English and Chinese, is whole in it: a menu of
 * that entry alone, at the menu's own font and padding, is no wider than the menu. The first entry
 * says it is the reader's layer, and a transposed one says so ("Transposed layer ×3: …").
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';
import { optionFits } from './select-fit.js';

const h = fileHarness();

describe('image mode on a phone: the stacks menu shows its entry whole', () => {
  for (const lang of ['en', 'zh'])
    for (const [what, query] of [['direct', 'k=3&s=2&p=1'], ['transposed', 'k=3&s=2&p=1&t=1&op=1']]) {
      it(`${lang}, a ${what} layer`, async () => {
        const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.goto(`${h.url}?view=image&lang=${lang}&${query}`);
        await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 60_000 });
        const m = await page.$eval('#image-field-stack', (el) => ({ right: el.getBoundingClientRect().right, panelRight: el.closest('section')!.getBoundingClientRect().right, screen: innerWidth }));
        // Each entry of the layer's group alone in a menu styled as this one, as wide as it wants (select-fit.ts).
        const needs = await optionFits(page, '#image-field-stack', 'optgroup:first-child option');
        expect(needs.length).toBeGreaterThan(0);
        // Its first entry is the reader's layer three times, and says "transposed" where it is (the
        // closed menu shows this entry alone; "This layer three times" read as direct layers).
        const first = what === 'transposed'
          ? (lang === 'en' ? /^Transposed layer ×3: / : /^这层转置卷积叠三次：/)
          : (lang === 'en' ? /^This layer three times: / : /^这一层叠三次：/);
        expect(needs[0].text).toMatch(first);
        expect(m.right).toBeLessThanOrEqual(Math.min(m.panelRight, m.screen));
        for (const n of needs) expect(n.need, n.text).toBeLessThanOrEqual(n.width + 0.5);
        await context.close();
      }, 90_000);
    }
});
