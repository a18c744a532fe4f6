/**
 * A refused learning target (weights beyond float32's half, learn.ts targetTooLarge) starts no run,
 * yet Start and One step stayed enabled: a press did nothing, and nothing said why. They are now
 * disabled while the target is refused, and point a screen reader at the refusal
 * (aria-describedby → the progress line that says it); a target that can be learned enables them
 * again, without the pointer, and Start runs.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

const CORNER = '[data-kernel-editor="learn-target"] input[data-r="0"][data-c="0"]';

/** Start's and One step's disabled state and what each is described by (the text, as a screen reader reads it). */
function buttons(page: Page) {
  return page.$$eval(['[data-learn-start]', '[data-learn-one]'].join(','), (bs) => bs.map((b) => {
    const ids = (b.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x !== '');
    return {
      disabled: (b as HTMLButtonElement).disabled,
      described: ids.map((id) => document.getElementById(id)?.textContent ?? `(no element #${id})`).join(' '),
    };
  }));
}

describe('a refused learning target disables Start and One step', () => {
  for (const [lang, width, height] of [['en', 1400, 1000], ['zh', 390, 844]] as const) {
    it(`${lang} ${width}×${height}`, async () => {
      const { page, errors } = await h.open(`?view=image&lang=${lang}&lt=-2e38,0,1,-2,0,2,-1,0,1`, { width, height });
      await page.waitForFunction(() => /float32/.test(document.querySelector('[data-learn-progress]')?.textContent ?? ''), null, { timeout: 30_000 });
      const refusal = (await page.textContent('[data-learn-progress]'))!;
      const refused = await buttons(page);
      expect(refused).toEqual([{ disabled: true, described: refusal }, { disabled: true, described: refusal }]);
      // Sobel x again: both come back, described by nothing, and Start runs.
      await page.fill(CORNER, '-1');
      await page.press(CORNER, 'Tab');
      await page.waitForFunction(() => !/float32/.test(document.querySelector('[data-learn-progress]')?.textContent ?? ''));
      expect(await buttons(page)).toEqual([{ disabled: false, described: '' }, { disabled: false, described: '' }]);
      await page.click('[data-learn-one]');
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-learn]')?.dataset.step === '1');
      // Refused again by a typed weight: disabled again.
      await page.fill(CORNER, '-2e38');
      await page.press(CORNER, 'Tab');
      await page.waitForFunction(() => /float32/.test(document.querySelector('[data-learn-progress]')?.textContent ?? ''));
      const again = (await page.textContent('[data-learn-progress]'))!;
      expect(await buttons(page)).toEqual([{ disabled: true, described: again }, { disabled: true, described: again }]);
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
