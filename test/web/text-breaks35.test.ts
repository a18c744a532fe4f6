/**
 * Where the page's text breaks its lines (review 35), measured in Chromium: each character's line
 * box (Range.getClientRects), as tour-live-breaks does. Short formula pieces stay on one line
 * ("p = k − 1 = 2" broke after "p =", a live line began with "→ 3×3", a phone's caption ended on
 * "2×2 →"), the glossary's Chinese words are never split ("步 / 长 2" in the image mode's captions),
 * and long sentences still wrap inside their box. The rules are keep-together.ts's.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

const SIZES = [[1366, 900], [1280, 800], [390, 844]] as const;
/** The glossary's words the page writes beside numbers (web/GLOSSARY.md). */
const WORDS = ['卷积核', '步长', '填充', '膨胀率', '通道', '分组数'];

interface Measured { text: string; line: number[]; lines: number; overflow: number }

/**
 * The text of `sel` (no-break spaces read as spaces) and, per character, the index of the line it
 * is on (-1 for a space that collapsed at a line's end), how many lines there are, and how far the
 * furthest character reaches past the element's right edge.
 */
function lines(page: Page, sel: string): Promise<Measured> {
  return page.$eval(sel, (el) => {
    const em = parseFloat(getComputedStyle(el).fontSize);
    const right = el.getBoundingClientRect().right;
    let text = '';
    const tops: number[] = [];
    const line: number[] = [];
    let overflow = -Infinity;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      for (let i = 0; i < t.data.length; i++) {
        const r = document.createRange();
        r.setStart(t, i);
        r.setEnd(t, i + 1);
        const rect = Array.from(r.getClientRects()).find((q) => q.width > 0);
        text += t.data[i] === '\u00a0' ? ' ' : t.data[i];
        if (!rect) { line.push(-1); continue; }
        let k = tops.findIndex((top) => Math.abs(top - rect.top) < em / 2);
        if (k < 0) k = tops.push(rect.top) - 1;
        line.push(k);
        overflow = Math.max(overflow, rect.right - right);
      }
    }
    return { text, line, lines: tops.length, overflow };
  });
}

/** Each place `piece` occurs in the text and is split over two lines, shown with its lines' ends. */
function splits(m: Measured, piece: string): string[] {
  const out: string[] = [];
  for (let at = m.text.indexOf(piece); at >= 0; at = m.text.indexOf(piece, at + 1)) {
    const on = new Set(m.line.slice(at, at + piece.length).filter((k) => k >= 0));
    if (on.size > 1) out.push(`${piece} in “${m.text.slice(Math.max(0, at - 10), at + piece.length + 4)}”`);
  }
  return out;
}

/** Every line as its text, for the failure messages. */
const shown = (m: Measured) => Array.from({ length: m.lines }, (_, k) => Array.from(m.text).filter((_, i) => m.line[i] === k).join('')).join(' / ');

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
