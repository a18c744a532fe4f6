/**
 * Where the page's text breaks its lines (review 35), measured in Chromium: each character's line
 * box (Range.getClientRects), as tour-live-breaks does. Short formula pieces stay on one line
 * ("p = k − 1 = 2" broke after "p =", a live line began with "→ 3×3", a phone's caption ended on
 * "2×2 →"), the glossary's Chinese words are never split ("步 / 长 2" in the image mode's captions),
 * and long sentences still wrap inside their box. The rules are keep-together.ts's.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';
import { lines, shown, splits } from './line-boxes.js';

const h = fileHarness();

const SIZES = [[1366, 900], [1280, 800], [390, 844]] as const;
/** The glossary's words the page writes beside numbers (web/GLOSSARY.md). */
const WORDS = ['卷积核', '步长', '填充', '膨胀率', '通道', '分组数'];

describe('short formulas and the glossary’s words stay on one line; sentences still wrap', () => {
  for (const [width, height] of SIZES) {
    it(`the tour at ${width}×${height}, English and Chinese`, async () => {
      for (const lang of ['en', 'zh'] as const) {
        const { page } = await h.open(`?tour=2&lang=${lang}`, { width, height });
        const go = async (n: number) => {
          await page.goto(`${h.url}?tour=${n}&lang=${lang}`);
          await page.waitForSelector('body[data-ready="1"]');
          await expect.poll(() => page.getAttribute('#tour', 'data-tour-step')).toBe(String(n));
        };
        // Step 2: full padding's "p = k − 1 = 2" (a phone ended a line on "(p =").
        let m = await lines(page, '#tour-text');
        expect(m.text).toContain('p = k − 1 = 2');
        expect(splits(m, 'p = k − 1 = 2'), shown(m)).toEqual([]);
        expect(m.overflow, shown(m)).toBeLessThanOrEqual(1);
        // The sentences still wrap: the step's text is several lines, not one glued run.
        expect(m.lines, shown(m)).toBeGreaterThan(width < 500 ? 3 : 1);
        // Step 3: the live line's "5×5 → 3×3"; the long chain o = ⌊…⌋ + 1 = 3 still fits its box.
        await go(3);
        for (const sel of ['#tour-now', '#tour-text']) {
          m = await lines(page, sel);
          expect(m.overflow, `${sel}: ${shown(m)}`).toBeLessThanOrEqual(1);
        }
        m = await lines(page, '#tour-now');
        expect(splits(m, '5×5 → 3×3'), shown(m)).toEqual([]);
        // Step 6: the guide's p′ = k − 1.
        await go(6);
        m = await lines(page, '#tour-text');
        expect(splits(m, 'p′ = k − 1'), shown(m)).toEqual([]);
        // Step 11: the live line ends "7×7 → 3×3" (a phone began a line with "→ 3×3").
        await go(11);
        m = await lines(page, '#tour-now');
        expect(m.text).toContain('7×7 → 3×3');
        expect(splits(m, '7×7 → 3×3'), shown(m)).toEqual([]);
        m = await lines(page, '#tour-text');
        expect(splits(m, 'd − 1'), shown(m)).toEqual([]);
        // Step 13: the prose's "4×4 → 8×8" and the live line's.
        await go(13);
        for (const sel of ['#tour-text', '#tour-now']) {
          m = await lines(page, sel);
          expect(splits(m, '4×4 → 8×8'), `${sel}: ${shown(m)}`).toEqual([]);
        }
        // Step 8: the grid's caption, "… 2×2 → 7×7" (a phone ended its first line on "→").
        await go(8);
        m = await lines(page, '#cap-grid');
        expect(m.text).toContain('2×2 → 7×7');
        expect(splits(m, '2×2 → 7×7'), shown(m)).toEqual([]);
        // No glossary word split anywhere in the card's text (Chinese breaks between any two characters).
        if (lang === 'zh') {
          for (const n of [2, 3, 4, 7, 11]) {
            await go(n);
            for (const sel of ['#tour-text', '#tour-now']) {
              m = await lines(page, sel);
              expect(WORDS.flatMap((w) => splits(m, w)), `step ${n} ${sel}: ${shown(m)}`).toEqual([]);
            }
          }
        }
        await page.close();
      }
    }, 120_000);

    it(`the image mode's captions at ${width}×${height}: no glossary word split, and “步长 2” whole`, async () => {
      for (const lang of ['zh', 'en'] as const) {
        const { page } = await h.open(`?view=image&lang=${lang}`, { width, height });
        await page.waitForFunction(() => (document.querySelector<HTMLCanvasElement>('[data-upsample="transposed4"] canvas')?.width ?? 0) > 0);
        for (const way of ['transposed4', 'transposed3', 'nearest', 'bilinear']) {
          const m = await lines(page, `[data-upsample="${way}"] figcaption`);
          expect(m.overflow, `${way}: ${shown(m)}`).toBeLessThanOrEqual(1);
          if (lang === 'zh') {
            expect(WORDS.flatMap((w) => splits(m, w)), `${way}: ${shown(m)}`).toEqual([]);
            if (way.startsWith('transposed')) {
              expect(m.text).toContain('步长 2');
              expect(splits(m, '步长 2'), shown(m)).toEqual([]);
            }
          } else if (way.startsWith('transposed')) {
            expect(splits(m, 'stride 2'), shown(m)).toEqual([]);
          }
        }
        await page.close();
      }
    }, 60_000);
  }
});
