/**
 * One way to write a size on the whole page: "3×3", as the tour, the figures' captions, the matrix
 * and the glossary write it (卷积核 4×4). The picture mode wrote "3 × 3" (its captions, notes, preset
 * notes, studies and menus), and so did the Formula panel's receptive field, the notation's
 * per-axis values and the linked pair's dilation labels. Every text on the page, shown or not
 * (hidden panels are read when opened), is searched for a size with spaces around its ×; a power
 * of ten ("3.4 × 10³⁸") is no size and keeps its spaces.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** Every run of text on the page (SVG's included, scripts and styles not) holding a spaced size, with what surrounds it. */
function spacedSizes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const all: string[] = [];
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const p = n.parentElement;
      if (p && p.closest('script, style')) continue;
      all.push(n.textContent ?? '');
    }
    // Text nodes joined per element would split "3 " from "× 3" where a span holds a run: join them all.
    const text = all.join('');
    for (const m of text.matchAll(/\d[ \u00a0\u2060]*[ \u00a0][ \u00a0\u2060]*×[ \u00a0\u2060]*[ \u00a0]?[\u2060]*(?!10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻])\d|\d[\u2060]*×[ \u00a0][\u2060]*(?!10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻])\d/g)) {
      found.push(text.slice(Math.max(0, m.index! - 30), m.index! + m[0].length + 20));
    }
    return found;
  });
}

/** How many tight sizes ("3×3") the page's text holds: the search above has something to look at. */
function tightSizes(page: Page): Promise<number> {
  return page.evaluate(() => (document.body.textContent ?? '').match(/\d[\u2060]*×[\u2060]*\d/g)?.length ?? 0);
}

const PAGES = [
  // The picture mode: captions, the kernel's preset note (Sobel x in a 4×4 kernel), the studies.
  { q: 'view=image&k=4', wait: '[data-field-summary]' },
  // A transposed layer's pictures: the stride's dimming note and the stack's menu.
  { q: 'view=image&i=5&k=3&s=2&p=0&t=1', wait: '[data-image-note]' },
  // The grids: the Formula panel's field, the notation's per-axis stride, the pair's dilation labels.
  { q: 'i=8&k=3x5&s=2x1&p=1&d=2', wait: '#rf-text' },
  { q: 'i=3&k=2x5&s=3&p=0&t=1', wait: '#rf-text' },
] as const;

describe('sizes are written 3×3 everywhere on the page', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(lang, async () => {
      const { page, errors } = await h.open(`?lang=${lang}`);
      let tight = 0;
      for (const p of PAGES) {
        await page.goto(`${h.url}?lang=${lang}&${p.q}`);
        await page.waitForSelector('body[data-ready="1"]');
        await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '') !== '', p.wait, { timeout: 30_000 });
        await page.waitForTimeout(500);
        expect(await spacedSizes(page), p.q).toEqual([]);
        tight += await tightSizes(page);
      }
      expect(tight).toBeGreaterThan(20);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
