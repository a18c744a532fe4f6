import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

// Tour part 5 shows the grids beside C (z = Cx): a cell pointed at, focused or tapped shows which
// numbers of the matrix it is (review R1) — an input cell its entry of x and the column of C it
// multiplies, an output cell its row of C and its entry of z — and says so in the hover sentence.
const h = fileHarness();

const link = (page: Page) => page.evaluate(() => {
  const svg = document.getElementById('svg-matrix')!;
  const box = (sel: string) => {
    const r = svg.querySelector(sel)?.getBoundingClientRect();
    return r && r.width > 0 ? { x: r.x, y: r.y, w: r.width, h: r.height } : null;
  };
  return {
    side: svg.dataset.linkSide ?? '', index: svg.dataset.linkIndex ?? '',
    mark: box('[data-link="matrix"]'), cell: box('[data-link="vector"]'),
    frame: box('rect[stroke-width="1"]'), cols: Number(svg.dataset.cols), rows: Number(svg.dataset.rows),
    said: document.getElementById('hover-text')!.textContent ?? '',
  };
});

/** The centre of cell (r, c) of a grid of `n` × `n` cells drawn in `sel`. */
async function centre(page: Page, sel: string, n: number, r: number, c: number) {
  const b = (await page.locator(sel).boundingBox())!;
  return { x: b.x + ((c + 0.5) * b.width) / n, y: b.y + ((r + 0.5) * b.height) / n };
}

describe('tour part 5 links the grids’ cells to the matrix’s entries', () => {
  it('desktop: pointing at an input cell marks its x entry and its column of C; an output cell its row and its z entry', async () => {
    const { page, errors } = await h.open('?tour=5&lang=en', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows]');
    const none = await link(page);
    expect([none.side, none.mark, none.cell]).toEqual(['', null, null]);
    // Input (1, 2) of the 4×4 input is x₆: column 6 of the 4×16 C.
    const a = await centre(page, '#svg-grid', 4, 1, 2);
    await page.mouse.move(a.x, a.y);
    await page.waitForFunction(() => document.getElementById('svg-matrix')!.dataset.linkIndex === '6');
    const col = await link(page);
    expect(col.side).toBe('col');
    const c = col.frame!.w / col.cols;
    expect(col.mark!.x).toBeCloseTo(col.frame!.x + 6 * c, 0);
    expect(col.mark!.w).toBeCloseTo(c, 0);
    expect(col.mark!.h).toBeCloseTo(col.frame!.h, 0);
    // x lies under the matrix here: its cell 6 under column 6.
    expect(col.cell!.x).toBeCloseTo(col.mark!.x, 0);
    expect(col.said).toBe('Input (1,2) feeds 4 output cells. In the matrix it is x₆, which multiplies column 6 of C.');
    // Output (1, 0) is z₂: row 2 of C.
    const o = await centre(page, '#svg-output', 2, 1, 0);
    await page.mouse.move(o.x, o.y);
    await page.waitForFunction(() => document.getElementById('svg-matrix')!.dataset.linkSide === 'row');
    const row = await link(page);
    expect(row.index).toBe('2');
    expect(row.mark!.y).toBeCloseTo(row.frame!.y + 2 * (row.frame!.h / row.rows), 0);
    expect(row.mark!.w).toBeCloseTo(row.frame!.w, 0);
    expect(row.cell!.y).toBeCloseTo(row.mark!.y, 0);
    expect(row.said).toMatch(/^Output \(1,0\) reads 9 input cells: .*\. In the matrix it is z₂, row 2 of C\.$/);
    // Leaving the grids clears the link.
    await page.mouse.move(5, 990);
    await page.waitForFunction(() => !document.getElementById('svg-matrix')!.dataset.linkSide);
    expect((await link(page)).mark).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keyboard: the arrows on a focused grid move the link with the cursor, in Chinese too', async () => {
    const { page } = await h.open('?tour=5&lang=zh', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows]');
    await page.focus('#svg-grid');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.getElementById('svg-matrix')!.dataset.linkIndex === '5');
    const l = await link(page);
    expect(l.side).toBe('col');
    expect(l.said).toBe('输入 (1,1) 参与 4 个输出单元的计算。在矩阵中它是 x₅，与 C 的第 5 列相乘。');
    await page.focus('#svg-output');
    await page.waitForFunction(() => document.getElementById('svg-matrix')!.dataset.linkSide === 'row');
    expect((await link(page)).said).toMatch(/在矩阵中它是 z₀，即 C 的第 0 行。$/);
    await page.close();
  });

  it('phone: a tapped input cell stays linked to its column, which is on the page below it', async () => {
    const { page, context } = await h.open('?tour=5&lang=en', { width: 390, height: 844 });
    await context.close();
    const p = await h.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
    const phone = await p.newPage();
    await phone.goto(`${h.url}?tour=5&lang=en`);
    await phone.waitForSelector('body[data-ready="1"]');
    await phone.waitForSelector('#svg-matrix[data-rows]');
    await phone.locator('#svg-grid').scrollIntoViewIfNeeded();
    const a = await centre(phone, '#svg-grid', 4, 3, 3);
    await phone.touchscreen.tap(a.x, a.y);
    await phone.waitForFunction(() => document.getElementById('svg-matrix')!.dataset.linkIndex === '15');
    await phone.locator('#svg-matrix').scrollIntoViewIfNeeded();
    const l = await link(phone);
    expect(l.side).toBe('col');
    expect(l.mark).not.toBeNull();
    void page;
    await p.close();
  });
});

// The matrix's weight labels shrink to 10 px in C's 18 px cells at 1400×1000 (review R1): a
// weight pointed at or tapped in the matrix is named at 14 px, with what it multiplies and where
// the product goes.
describe('the matrix names the entry pointed at, large', () => {
  const entry = async (page: Page, i: number, j: number) => {
    const r = await page.evaluate(([i, j]) => {
      const svg = document.getElementById('svg-matrix')!;
      const f = svg.querySelector('rect[stroke-width="1"]')!.getBoundingClientRect();
      const c = f.width / Number(svg.dataset.cols);
      return { x: f.x + (j + 0.5) * c, y: f.y + (i + 0.5) * c };
    }, [i, j]);
    return r;
  };
  const callout = (page: Page) => page.evaluate(() => {
    const t = document.querySelector<SVGTextElement>('#svg-matrix [data-entry-callout] text');
    if (!t) return null;
    const svg = document.getElementById('svg-matrix')!;
    const k = svg.getBoundingClientRect().width / Number(svg.getAttribute('viewBox')!.split(' ')[2]);
    const r = t.getBoundingClientRect();
    const s = svg.getBoundingClientRect();
    return { text: t.textContent, px: Number(t.getAttribute('font-size')) * k, inside: r.left >= s.left - 0.5 && r.right <= s.right + 0.5 && r.top >= s.top - 0.5 && r.bottom <= s.bottom + 0.5 };
  });

  it('desktop 1400×1000: the labels are under 12 px, and pointing at one names it at 14 px inside the picture', async () => {
    const { page } = await h.open('?tour=5&lang=en', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows]');
    const small = await page.$$eval('#svg-matrix text', (ts) => ts.filter((t) => /^w/.test(t.textContent ?? '')).map((t) => Number(t.getAttribute('font-size'))));
    expect(Math.max(...small)).toBeLessThan(12);
    expect(await callout(page)).toBeNull();
    // Row 1 of C is output (0,1): its window's middle, kernel (1,1), reads input (1,2), x₆.
    const e = await entry(page, 1, 6);
    await page.mouse.move(e.x, e.y);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') !== null);
    expect(await callout(page)).toEqual({ text: 'w₁₁ · x₆ → z₁', px: 14, inside: true });
    // The last column's callout stays inside the picture.
    const last = await entry(page, 3, 15);
    await page.mouse.move(last.x, last.y);
    await page.waitForFunction(() => /x₁₅/.test(document.querySelector('#svg-matrix [data-entry-callout] text')?.textContent ?? ''));
    expect(await callout(page)).toEqual({ text: 'w₂₂ · x₁₅ → z₃', px: 14, inside: true });
    // An empty entry (a zero) names nothing; leaving the matrix takes the callout away.
    const zero = await entry(page, 0, 15);
    await page.mouse.move(zero.x, zero.y);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') === null);
    await page.mouse.move(last.x, last.y);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') !== null);
    await page.mouse.move(5, 990);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') === null);
    await page.close();
  });
});
