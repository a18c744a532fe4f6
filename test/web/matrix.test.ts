/**
 * The matrix as the tutorial draws it (issue 10, item 5): C is always the direct convolution's
 * matrix (4×16 for a 4×4 input and a 3×3 kernel), Cᵀ the transposed one's (16×4), with the x and z
 * vectors beside it and the step's row or column marked. Expected numbers come from the library.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { conv2d, tensor, tutorialMatrices, convTransposeGeometry } from '../../src/index.js';
import { MIN_CELL, MIN_FONT } from '../../web/src/matrix-view.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 120_000);
afterAll(async () => { await h?.close(); });

async function open(query: string): Promise<Page> {
  const { page } = await h.open(query);
  await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
  return page;
}
const attr = (page: Page, sel: string, name: string) => page.$eval(sel, (el, n) => el.getAttribute(n) ?? '', name);

describe('the convolution matrix', () => {
  it("the tutorial's example: C is 4×16 with x and z drawn as indexed vectors", async () => {
    const page = await open('?i=4&k=3&s=1&p=0&lang=en');
    const m = '[data-matrix]';
    expect(await attr(page, m, 'data-matrix')).toBe('C');
    expect(await attr(page, m, 'data-rows')).toBe('4');
    expect(await attr(page, m, 'data-cols')).toBe('16');
    // The picture is built when its tab is shown, not behind the Formula tab at every change.
    expect(await page.$$eval(`${m} rect`, (rs) => rs.length)).toBe(0);
    await page.click('#tab-matrix');
    expect(await attr(page, m, 'data-mark-side')).toBe('row');
    expect(await page.$$eval(`${m} rect`, (rs) => rs.length)).toBeGreaterThan(36);
    // The step marked while it was hidden is marked on the picture drawn later: row 0, across C.
    const marks = await page.$$eval(`${m} rect[fill-opacity="0.16"]`, (rs) => rs.map((r) => Number(r.getAttribute('width'))).filter((w) => w > 0));
    expect(marks.length).toBe(2);
    expect(Math.max(...marks)).toBeGreaterThanOrEqual(16 * MIN_CELL);
    const labels = await page.$$eval(`${m} [data-vector] text`, (ts) => ts.map((t) => t.textContent));
    expect(labels).toContain('z₃');
    expect(labels).toContain('x₁₅');
    // Labels are readable: the vectors' names and the indices at 12 px or more, the weights' names
    // inside the cells (sized to fit the side column, review 33 A4) at MIN_FONT or more, every one shown.
    const sizes = await page.$$eval(`${m} text`, (ts, inCells) => ts.map((t) => ({ s: Number(t.getAttribute('font-size')), entry: t.closest(inCells) !== null })), 'g[font-size]');
    expect(Math.min(...sizes.filter((t) => !t.entry).map((t) => t.s))).toBeGreaterThanOrEqual(12);
    expect(sizes.filter((t) => t.entry)).toHaveLength(36);
    expect(Math.min(...sizes.filter((t) => t.entry).map((t) => t.s))).toBeGreaterThanOrEqual(MIN_FONT);
    expect(await page.textContent('#matrix-caption')).toMatch(/C: 4×16/);
    await page.close();
  });

  it('the 4×16 matrix fits the side column with readable cells at 1440×900, in the playground and in the tour, and leaves the stage its width', async () => {
    for (const q of ['?i=4&k=3&s=1&p=0&lang=en', '?tour=5&lang=zh']) {
      const { page } = await h.newPage({ width: 1440, height: 900 });
      await page.goto(h.url + q);
      await page.waitForSelector('body[data-ready="1"]');
      const stageW = (await (await page.$('#stage'))!.boundingBox())!.width;
      await page.click('#tab-matrix');
      await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
      const box = await page.$eval('.matrix-wrap', (w) => ({ sw: w.scrollWidth, cw: w.clientWidth, right: w.getBoundingClientRect().right }));
      const svg = await page.$eval('#svg-matrix', (s) => ({ drawn: s.getBoundingClientRect().width, width: Number(s.getAttribute('width')) }));
      // 16 columns of cells at least MIN_CELL px (a weight's name fits), plus z and its labels: not
      // shrunk, and within the column (review 33 A4: at 22 px cells x₁₂ … x₁₅ were cut off).
      expect(svg.width, q).toBeGreaterThanOrEqual(16 * MIN_CELL + 40);
      expect(svg.drawn, q).toBeCloseTo(svg.width, 0);
      // The side column keeps its width (the figure stays large, review 32 B6), and the matrix fits it.
      expect(box.right, q).toBeLessThanOrEqual(1440);
      expect(box.sw, q).toBeLessThanOrEqual(box.cw);
      expect(await page.isVisible('#matrix-scroll'), q).toBe(false);
      const stage = (await (await page.$('#stage'))!.boundingBox())!;
      expect(stage.width, q).toBeGreaterThanOrEqual(stageW - 1);
      const fig = (await (await page.$('[data-stage]'))!.boundingBox())!;
      expect(fig.x + fig.width, q).toBeLessThanOrEqual(stage.x + stage.width + 1);
      await page.close();
    }
  });

  it('a transposed layer 2×2 → 4×4 opens on its own Cᵀ (16×4); C stays the direct conv\'s 4×16, and the step marks the right side', async () => {
    // A transposed layer opens on its own matrix, Cᵀ (16×4); C is one choice away (m=c).
    const own = await open('?i=2&k=3&s=1&p=0&t=1&lang=en');
    expect(await attr(own, '[data-matrix]', 'data-matrix')).toBe('CT');
    expect(await attr(own, '[data-matrix]', 'data-rows')).toBe('16');
    // Unticking Transposed brings the direct layer's C along.
    await own.click('#transposed');
    await own.waitForFunction(() => document.querySelector('[data-matrix]')?.getAttribute('data-matrix') === 'C');
    await own.close();
    let page = await open('?i=2&k=3&s=1&p=0&t=1&m=c&lang=en');
    expect(await attr(page, '[data-matrix]', 'data-matrix')).toBe('C');
    expect(await attr(page, '[data-matrix]', 'data-rows')).toBe('4');
    expect(await attr(page, '[data-matrix]', 'data-cols')).toBe('16');
    // Step 1 of the direct view computes output (x) cell 0: a column of C.
    expect(await attr(page, '[data-matrix]', 'data-mark-side')).toBe('col');
    // The choice's words hold for a transposed layer too: C is z = C·x (not "output = C · input").
    const options = await page.$$eval('#matrix-mode option', (os) => os.map((o) => o.textContent ?? ''));
    expect(options).toEqual(['C (the convolution: z = C·x)', 'Cᵀ (the transposed convolution: x = Cᵀ·z)']);
    await page.close();
    page = await open('?i=2&k=3&s=1&p=0&t=1&m=ct&lang=en');
    expect(await attr(page, '[data-matrix]', 'data-matrix')).toBe('CT');
    expect(await attr(page, '[data-matrix]', 'data-rows')).toBe('16');
    expect(await attr(page, '[data-matrix]', 'data-cols')).toBe('4');
    expect(await attr(page, '[data-matrix]', 'data-mark-side')).toBe('row');
    await page.close();
  });

  it('numbers on demand: the entries and the vectors carry the values the library computes', async () => {
    const page = await open('?i=4&k=3&s=1&p=0&n=1&lang=en');
    await page.click('#tab-matrix');
    // The page's example values are in its grids; read x and w back from the drawn matrix and check z = Cx.
    const entries = await page.$$eval('[data-matrix] [data-vector="z"] text', (ts) => ts.map((t) => t.textContent ?? ''));
    const z = entries.filter((s) => !s.startsWith('z')).map(Number);
    const x = (await page.$$eval('[data-matrix] [data-vector="x"] text', (ts) => ts.map((t) => t.textContent ?? ''))).filter((s) => !s.startsWith('x')).map(Number);
    expect(x).toHaveLength(16);
    expect(z).toHaveLength(4);
    // The weight as drawn in C's first row (w₀₀ … w₂₂ at columns 0,1,2,4,5,6,8,9,10).
    const g = convTransposeGeometry({ inputShape: [1, 1, 2, 2], weightShape: [1, 1, 3, 3] }, {});
    const { C } = tutorialMatrices(g);
    const firstRow = C.entries.filter((e) => e.row === 0).map((e) => e.col);
    expect(firstRow).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10]);
    const texts = await page.$$eval('[data-matrix] g:not([data-vector]) text', (ts) => ts.map((t) => ({ x: Number(t.getAttribute('x')), y: Number(t.getAttribute('y')), s: t.textContent ?? '' })));
    const y0 = Math.min(...texts.filter((t) => /^-?\d/.test(t.s) && t.y > 30).map((t) => t.y));
    const w = texts.filter((t) => t.y === y0).sort((a, b) => a.x - b.x).map((t) => Number(t.s));
    expect(w).toHaveLength(9);
    const y = conv2d(tensor(x, [1, 1, 4, 4]), tensor(w, [1, 1, 3, 3]), { engine: 'reference' });
    expect(Array.from(y.data)).toEqual(z);
    await page.close();
  });
});
