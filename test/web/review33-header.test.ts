/**
 * Review 33, A2, in headless Chromium: the header's "Take the tour" and "Pictures" buttons stay where
 * they are when the Pictures view opens. The Pictures button took its place in the header from the
 * image mode's own stylesheet, which loads with the mode, so at the first press it jumped from
 * beside the title to the far right, and "Take the tour" moved with it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, afterPageTimers } from './harness.js';

const h = fileHarness();

const places = (page: Page) => page.evaluate(() => ['tour-open', 'image-open'].map((id) => {
  const r = document.getElementById(id)!.getBoundingClientRect();
  return [Math.round(r.x), Math.round(r.y)];
}));

describe('the header keeps its buttons in place', () => {
  for (const [width, height, lang] of [[1920, 1080, 'en'], [1280, 800, 'zh'], [390, 844, 'en']] as const) {
    it(`opening and closing Pictures moves neither button (${width}×${height}, ${lang})`, async () => {
      const { page, errors } = await h.open(`?lang=${lang}`, { width, height });
      const before = await places(page);
      await page.click('#image-open');
      await page.waitForSelector('#image-mode', { state: 'visible' });
      await afterPageTimers(page, 300);
      expect(await page.getAttribute('#image-open', 'aria-pressed')).toBe('true');
      expect(await places(page)).toEqual(before);
      await page.click('#image-open');
      await page.waitForSelector('#image-mode', { state: 'hidden' });
      await afterPageTimers(page, 300);
      expect(await places(page)).toEqual(before);
      expect(errors).toEqual([]);
      await page.context().close();
    }, 120_000);
  }
});
