/**
 * Review 42: the "as on screen" export had no key, so the saved picture left its yellow output
 * padding (a) row and column and its dashed zero cells unexplained, though the page shows a key
 * under the figure. The file now carries that key: every entry the page shows, with its words and
 * its swatch's fill and dashes, inside the picture, in English and Chinese.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

describe('the "as on screen" export', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`carries the key the page shows (${lang})`, async () => {
      const { page, errors } = await h.open(`?i=3&k=3&s=2&p=1&t=1&op=1&lang=${lang}`);
      const shown = await page.$$eval('#legend li', (lis) => lis.map((li) => {
        const r = li.querySelector('rect')!;
        return { text: li.querySelector('span')!.textContent, fill: r.getAttribute('fill'), dash: r.getAttribute('stroke-dasharray') };
      }));
      // The layer has all four kinds of grid cell, the a cells among them.
      expect(shown.length).toBe(6);
      await page.click('#tab-export');
      await page.selectOption('#export-style', 'screen');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
      const svg = readFileSync((await dl.path())!, 'utf8');
      const inFile = await page.evaluate((svg) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        const root = doc.documentElement;
        const height = Number(root.getAttribute('height'));
        // The top-level text and swatches only (the panels are nested <svg>s).
        const texts = Array.from(root.children).filter((e) => e.tagName === 'text');
        return texts.map((t) => {
          const r = t.previousElementSibling;
          return { text: t.textContent, fill: r?.tagName === 'rect' ? r.getAttribute('fill') : null, dash: r?.getAttribute('stroke-dasharray') ?? null, inside: Number(t.getAttribute('y')) <= height };
        });
      }, svg);
      for (const entry of shown) expect(inFile, entry.text ?? '').toContainEqual({ ...entry, inside: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
