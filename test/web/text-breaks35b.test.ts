/**
 * Two places keep-together.ts did not hold (review 35b), measured in Chromium line box by line box
 * (line-boxes.ts). The step sentence under the figure is a live region, which the page-wide glue
 * leaves alone, and at 1280 px it broke "[channel / 1]": it is now written with its runs held, and
 * English holds a setting's word with its number ("channel 1", "stride 2"). Tour step 11's
 * footprint formula broke "(k − 1) / (d − 1)" on a Chinese phone, at a join with no space in it.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';
import { lines, shown, splits } from './line-boxes.js';

const h = fileHarness();

const SIZES = [[1280, 800], [1366, 900], [390, 844]] as const;
/** Three input channels summed into output channel 1, numbers shown: the sentence names each channel. */
const CHANNELS = '?i=5&k=3&s=1&p=1&ci=3&co=2&oc=1&n=1&f=7';
/** The glossary's words the page writes beside numbers (web/GLOSSARY.md). */
const WORDS = ['卷积核', '步长', '填充', '膨胀率', '通道', '分组数'];

describe('the step sentence’s runs and a bracketed product stay on one line; sentences still wrap', () => {
  for (const [width, height] of SIZES) {
    it(`the step sentence at ${width}×${height}, English and Chinese`, async () => {
      for (const lang of ['en', 'zh'] as const) {
        const { page } = await h.open(`${CHANNELS}&lang=${lang}`, { width, height });
        await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
        const m = await lines(page, '#step-text');
        const names = lang === 'en' ? [0, 1, 2].map((c) => `channel ${c}`) : ['通道'];
        for (const name of names) expect(m.text).toContain(name);
        const pieces = lang === 'en' ? [...names, 'output channel 1'] : WORDS;
        expect(pieces.flatMap((p) => splits(m, p)), shown(m)).toEqual([]);
        expect(m.overflow, shown(m)).toBeLessThanOrEqual(1);
        // Still a sentence that wraps: the products take several lines, not one held run.
        expect(m.lines, shown(m)).toBeGreaterThan(1);
        await page.close();
      }
    }, 60_000);

    it(`tour step 11’s “(k − 1)(d − 1)” at ${width}×${height}, English and Chinese`, async () => {
      for (const lang of ['en', 'zh'] as const) {
        const { page } = await h.open(`?tour=11&lang=${lang}`, { width, height });
        await expect.poll(() => page.getAttribute('#tour', 'data-tour-step')).toBe('11');
        const m = await lines(page, '#tour-text');
        expect(m.text).toContain('(k − 1)(d − 1)');
        expect(splits(m, '(k − 1)(d − 1)'), shown(m)).toEqual([]);
        expect(m.overflow, shown(m)).toBeLessThanOrEqual(1);
        expect(m.lines, shown(m)).toBeGreaterThan(width < 500 ? 3 : 1);
        await page.close();
      }
    }, 60_000);
  }
});

/**
 * The plural with a range: the classic figure's note on a layer whose output channel adds four
 * input channels ends "input channels 0–3" / "输入通道 0–3", and before the pair held plurals and
 * ranges it broke "channels / 0–3", "0– / 3" and "输入通道 / 0–3" at these widths (each one seen).
 */
describe('a setting’s word stays with its range', () => {
  const SHARE = '?i=5&k=3&s=1&p=1&ci=4&co=2&n=1&fig=classic';
  for (const [lang, piece, widths] of [['en', 'channels 0–3', [440, 1130]], ['zh', '通道 0–3', [404, 1082]]] as const) {
    it(`${lang}: “${piece}” in the classic figure’s note at ${widths.join(' and ')} px`, async () => {
      for (const width of widths) {
        const { page } = await h.open(`${SHARE}&lang=${lang}`, { width, height: 844 });
        const m = await lines(page, '#channels-note-text');
        expect(m.text).toContain(piece);
        expect(splits(m, piece), shown(m)).toEqual([]);
        expect(m.overflow, shown(m)).toBeLessThanOrEqual(1);
        expect(m.lines, shown(m)).toBeGreaterThan(1);
        await page.close();
      }
    }, 60_000);
  }
});
