/**
 * Student review 54: the Export tab's line "Saved {name}" stayed after the layer changed. Saved
 * convkit-i5x5-k3x3-…svg, then the kernel set to 5 in the Layer form, and the tab still said it
 * had saved the k3x3 file beside a picture it no longer was. The GIF question before a long GIF
 * (its frame count) stayed the same way. Pinned: both are gone once the layer changes, in English
 * and Chinese, on a desktop and a phone; and a step of the animation (the same layer) keeps them.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

describe('the Export tab forgets the saved file once the layer changes', () => {
  for (const [lang, size, saved] of [['en', DESKTOP, 'Saved '], ['zh', PHONE, '已保存 ']] as const) {
    it(`${lang}, ${size.width}×${size.height}: "${saved}…" is cleared when the kernel changes`, async () => {
      const { page, errors } = await h.open(`?i=5&k=3&s=1&p=0&lang=${lang}`, size);
      await page.click('#tab-export');
      await page.selectOption('#export-style', 'classic');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
      expect(dl.suggestedFilename()).toContain('-k3x3-');
      await expect.poll(() => page.textContent('#export-status')).toBe(`${saved}${dl.suggestedFilename()}`);
      // A step forward is the same layer, and the file is still its picture at another step: kept.
      await page.click('#btn-forward');
      expect(await page.textContent('#export-status')).toBe(`${saved}${dl.suggestedFilename()}`);
      await page.fill('#kernel-h', '5');
      await page.press('#kernel-h', 'Tab');
      await expect.poll(() => page.evaluate(() => location.search)).toContain('k=5');
      expect(await page.textContent('#export-status')).toBe('');
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }

  it('the question before a long GIF is put away too: its frame count was the old layer’s', async () => {
    const { page, errors } = await h.open('?i=32&k=1&s=1&p=0&lang=en', DESKTOP);
    await page.click('#tab-export');
    await page.selectOption('#export-style', 'classic');
    await page.click('#export-gif');
    await page.waitForSelector('#gif-ask:not([hidden])');
    expect(await page.textContent('#gif-ask-text')).toContain('1024 frames');
    await page.fill('#kernel-h', '3');
    await page.press('#kernel-h', 'Tab');
    await page.waitForSelector('#gif-ask', { state: 'hidden' });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
