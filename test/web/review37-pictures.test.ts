/**
 * What the 37th student review found, in headless Chromium: the image mode's stacks menu named a
 * transposed layer's stack "This layer three times: …", which a closed menu shows alone, so nothing
 * said the three layers are transposed.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();
const PHONE = { width: 390, height: 844 };

describe('image mode: the stacks menu says a transposed stack is transposed', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: the transposed layer's entry names it, and is whole in the phone's menu`, async () => {
      const context = await h.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${h.url}?view=image&lang=${lang}&k=3&s=2&p=1&t=1&op=1`);
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 60_000 });
      const m = await page.$eval('#image-field-stack', (el) => {
        const menu = el as HTMLSelectElement;
        const entry = menu.querySelector('option[value="layer"]')!;
        // The entry alone in a menu styled as this one, as wide as it wants.
        const probe = menu.cloneNode(false) as HTMLSelectElement;
        probe.removeAttribute('id');
        probe.style.cssText = 'position: absolute; width: max-content; max-width: none; visibility: hidden';
        probe.append(entry.cloneNode(true));
        menu.parentElement!.append(probe);
        const need = probe.getBoundingClientRect().width;
        probe.remove();
        const r = menu.getBoundingClientRect();
        return { text: entry.textContent ?? '', need, width: r.width, right: r.right, screen: innerWidth };
      });
      // The closed menu shows this entry alone: it says "transposed" itself.
      expect(m.text).toMatch(lang === 'en' ? /transposed/i : /转置卷积/);
      expect(m.need, m.text).toBeLessThanOrEqual(m.width + 0.5);
      expect(m.right).toBeLessThanOrEqual(m.screen);
      await context.close();
    }, 90_000);
  }
});
