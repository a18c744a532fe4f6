/**
 * Review 33 A4, in headless Chromium: the tutorial's 4×16 matrix C fits the side column as it is
 * on a desktop (380 px in the playground, 420 px in the tour) and on a phone — no scroll hint, x₁₅
 * and its column in view, every weight named in its cell — while the tall Cᵀ (16×4) keeps the
 * cells it had.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MIN_CELL, MIN_FONT } from '../../web/src/matrix-view.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function matrixOpen(query: string, width: number, height: number): Promise<Page> {
  const { page } = await h.open(query, { width, height });
  await page.click('#tab-matrix');
  await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
  await page.$eval('.matrix-wrap', (w) => w.scrollIntoView({ block: 'nearest' }));
  return page;
}

/** The matrix's box, the cell size (the step's row mark over 16 or 4 columns), and what is seen of the last label. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const wrap = document.querySelector('.matrix-wrap')!;
    const box = wrap.getBoundingClientRect();
    const svg = document.querySelector('#svg-matrix')!;
    const cols = Number(svg.getAttribute('data-cols'));
    const mark = Array.from(svg.querySelectorAll('rect[fill-opacity="0.16"]')).map((r) => Number(r.getAttribute('width'))).sort((a, b) => b - a)[0];
    const labels = Array.from(svg.querySelectorAll('[data-vector] text'));
    const last = labels.find((t) => t.textContent === `x${String(cols - 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)])}`);
    const r = last?.getBoundingClientRect();
    const entries = Array.from(svg.querySelectorAll('g[font-size] text')).map((t) => Number(t.getAttribute('font-size')));
    return {
      sw: wrap.scrollWidth,
      cw: wrap.clientWidth,
      hint: !document.querySelector<HTMLElement>('#matrix-scroll')!.hidden,
      cell: mark / (svg.getAttribute('data-mark-side') === 'row' ? cols : 1),
      lastInside: r !== undefined && r.right <= box.right + 0.5 && r.left >= box.left,
      entries,
    };
  });

describe('review 33 A4: the 4×16 matrix in the side column', () => {
  for (const [width, height, query] of [
    [1366, 900, '?i=4&k=3&s=1&p=0&lang=en'],
    [1920, 1080, '?i=4&k=3&s=1&p=0&lang=zh'],
    [1280, 800, '?tour=5&lang=zh'],
    [1920, 1080, '?tour=5&lang=en'],
    [390, 844, '?tour=5&lang=en'],
  ] as const) {
    it(`fits without scrolling at ${width}×${height} (${query})`, async () => {
      const page = await matrixOpen(query, width, height);
      const m = await measure(page);
      expect(m.sw, query).toBeLessThanOrEqual(m.cw);
      expect(m.hint, query).toBe(false);
      expect(m.lastInside, query).toBe(true);
      expect(m.cell, query).toBeGreaterThanOrEqual(MIN_CELL);
      // Every one of the 36 weights carries its name, at a readable size.
      expect(m.entries, query).toHaveLength(36);
      expect(Math.min(...m.entries), query).toBeGreaterThanOrEqual(MIN_FONT);
      await page.close();
    });
  }

  it('the tall Cᵀ (16×4) of a transposed 2×2 → 4×4 layer keeps its large cells and 12 px names', async () => {
    const page = await matrixOpen('?i=2&k=3&s=1&p=0&t=1&lang=en', 1366, 900);
    expect(await page.getAttribute('#svg-matrix', 'data-vector-layout')).toBe('beside');
    const m = await measure(page);
    expect(m.cell).toBeGreaterThanOrEqual(22);
    expect(Math.min(...m.entries)).toBe(12);
    expect(m.sw).toBeLessThanOrEqual(m.cw);
    await page.close();
  });
});
