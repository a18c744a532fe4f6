/**
 * The classic figure's key beside the planes on a laptop (student review 53): at 1280×800 the key
 * (parameter lines with i′, p′, s′, legend, the kernel's w₀₀ …) printed at the planes' minimum,
 * 11 px, grey on white, smaller than any of the page's own text. The key is printed at the phone
 * key's 12 px; the planes keep at least the size the whole figure gave them (figure-text).
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';
import { shownText } from './shown-text.js';

const h = fileHarness();

describe('the key beside the classic figure at 1280×800', () => {
  for (const q of ['?i=4&k=4&s=2&p=1&t=1&fig=classic', '?tour=10', '?tour=13', '?fig=classic']) {
    for (const lang of ['en', 'zh']) {
      it(`${q} ${lang}: the key's text at 12 px or more, the kernel's names among it`, async () => {
        const { page, errors } = await h.open(`${q}&lang=${lang}`, { width: 1280, height: 800 });
        expect(await page.$eval('#svg-classic', (s) => s.getAttribute('data-layout'))).toBe('beside');
        const key = (await shownText(page)).filter((t) => t.inKey);
        // The kernel's names (w₀₀ …) and the parameter line's words are in the key.
        expect(key.filter((t) => /^w[₀-₉]+$/.test(t.text)).length).toBeGreaterThanOrEqual(9);
        expect(key.some((t) => /stride|步长/.test(t.text))).toBe(true);
        const small = key.filter((t) => t.px < 12).map((t) => `${t.text} ${t.px.toFixed(1)}px`);
        expect(small).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }
});
