/**
 * Tour part 5 on a desktop (z = Cx, C beside the card in its 372 px column): C's 16 columns are
 * 18 px cells, and the column indices above them, 12 px each, ran together ("101112131415", 2.7 px
 * apart). The indices printed keep 4 px between neighbours, and every column is still named, above
 * the matrix or by the vector's label under it (x₉ under column 9). The matrix does not scroll.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** The indices over the matrix (the texts above its frame's top), the x labels under it, and the box's widths. */
const read = (page: Page) => page.evaluate(`(() => {
  const svg = document.querySelector('#svg-matrix');
  const frame = Array.from(svg.querySelectorAll(':scope > rect')).find((r) => r.getAttribute('stroke-width') === '1');
  const top = frame.getBoundingClientRect().top;
  const indices = Array.from(svg.querySelectorAll(':scope > text'))
    .filter((t) => /^\\d+$/.test(t.textContent) && t.getBoundingClientRect().bottom <= top)
    .map((t) => { const r = t.getBoundingClientRect(); return { s: t.textContent, left: r.left, right: r.right }; })
    .sort((a, b) => a.left - b.left);
  const xs = Array.from(svg.querySelectorAll('[data-vector="x"] text')).map((t) => t.textContent);
  const wrap = svg.parentElement;
  return { indices, xs, cols: Number(svg.dataset.cols), layout: svg.dataset.vectorLayout, sw: wrap.scrollWidth, cw: wrap.clientWidth };
})()`) as Promise<{ indices: { s: string; left: number; right: number }[]; xs: string[]; cols: number; layout: string; sw: number; cw: number }>;

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const xLabel = (j: number) => `x${String(j).replace(/\d/g, (d) => SUB[Number(d)])}`;

describe('tour part 5: C’s column indices stay apart', () => {
  for (const [w, ht] of [[1400, 1000], [1280, 800]] as const) {
    for (const lang of ['en', 'zh']) {
      it(`${w}×${ht} (${lang})`, async () => {
        const { page, errors } = await h.open(`?tour=5&lang=${lang}`, { width: w, height: ht });
        await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
        await page.waitForSelector('#svg-matrix[data-vector-layout]');
        const m = await read(page);
        expect(m.cols).toBe(16);
        expect(m.indices.length).toBeGreaterThan(1);
        for (let i = 1; i < m.indices.length; i++) {
          expect(m.indices[i].left - m.indices[i - 1].right, `${m.indices[i - 1].s} → ${m.indices[i].s}`).toBeGreaterThanOrEqual(4);
        }
        // Each column named: its index above, or its x under it.
        for (let j = 0; j < m.cols; j++) {
          expect(m.indices.some((t) => t.s === String(j)) || m.xs.includes(xLabel(j)), `column ${j}`).toBe(true);
        }
        expect(m.sw).toBeLessThanOrEqual(m.cw);
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }
  }
});
