import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, afterPageTimers, settled } from './harness.js';
import { matrixOnPhone } from './matrix-phone.js';

// Tour part 5's matrix C (z = Cx), finished (stop 46): its entries are named from the keyboard as
// the pointer names them, the box scrolls the row or column it marks into sight on a phone (and
// only when that mark changes), and a grouped layer's figure and matrix speak of the same channel.
const h = fileHarness();

const state = (page: Page) => page.evaluate(() => {
  const svg = document.getElementById('svg-matrix')!;
  const cursor = svg.querySelector('[data-entry-cursor]');
  return {
    callout: svg.querySelector('[data-entry-callout] text')?.textContent ?? null,
    at: svg.querySelector('[data-entry-callout]')?.getAttribute('data-entry-callout') ?? null,
    cursor: cursor && Number(cursor.getAttribute('width')) > 0 ? cursor.getAttribute('data-entry-cursor') : null,
    said: document.getElementById('hover-text')!.textContent ?? '',
    role: svg.getAttribute('role'),
    label: svg.getAttribute('aria-label') ?? '',
  };
});

describe('the matrix’s entries from the keyboard', () => {
  it('desktop, English: focusing C names the step row’s first entry; arrows move over non-empty entries; Escape takes it away', async () => {
    const { page, errors } = await h.open('?tour=5&lang=en', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows]');
    expect(await page.$eval('#svg-matrix', (s) => s.getAttribute('tabindex'))).toBe('0');
    await page.focus('#svg-matrix');
    // Step 1 marks row 0 (output (0,0)): its first entry is w₀₀ at column 0.
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') !== null);
    let s = await state(page);
    expect(s.role).toBe('application');
    expect(s.label).toMatch(/Arrow keys move between the matrix’s entries/);
    expect([s.at, s.cursor, s.callout]).toEqual(['0,0', '0,0', 'w₀₀ · x₀ → z₀']);
    expect(s.said).toBe('Row 0, column 0 of C: w₀₀, which multiplies x₀ and adds to z₀.');
    // Row 0 reads columns 0, 1, 2, 4, 5, 6, 8, 9, 10: Right skips the zero at column 3.
    for (let n = 0; n < 3; n++) await page.keyboard.press('ArrowRight');
    s = await state(page);
    expect([s.at, s.callout]).toEqual(['0,4', 'w₁₀ · x₄ → z₀']);
    await page.keyboard.press('ArrowDown');
    s = await state(page);
    // Down goes to the next row's entry nearest the column (the left one of two as near): row 1
    // reads columns 1, 2, 3, 5, 6, 7, 9, 10, 11 — column 3.
    expect([s.at, s.callout]).toEqual(['1,3', 'w₀₂ · x₃ → z₁']);
    expect(s.said).toBe('Row 1, column 3 of C: w₀₂, which multiplies x₃ and adds to z₁.');
    await page.keyboard.press('End');
    expect((await state(page)).at).toBe('1,11');
    // The page's own arrow keys (stepping the animation) stay out of it.
    expect(await page.$eval('#svg-matrix', (m) => m.dataset.markIndex)).toBe('0');
    await page.keyboard.press('Escape');
    s = await state(page);
    expect([s.at, s.cursor, s.said]).toEqual([null, null, '']);
    // An arrow brings the cursor back where it was; leaving the matrix takes it away.
    await page.keyboard.press('ArrowLeft');
    expect((await state(page)).at).toBe('1,10');
    await page.focus('#matrix-forward');
    s = await state(page);
    expect([s.at, s.cursor, s.said]).toEqual([null, null, '']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Chinese: the entry is announced in Chinese', async () => {
    const { page } = await h.open('?tour=5&lang=zh', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows]');
    await page.focus('#svg-matrix');
    await page.keyboard.press('ArrowDown');
    const s = await state(page);
    expect(s.label).toMatch(/用方向键在矩阵的元素之间移动/);
    expect(s.said).toBe('C 的第 1 行第 1 列是 w₀₀，与 x₁ 相乘，乘积累加到 z₁。');
    await page.close();
  });

  it('numbers on: the entry’s weight is named with its value', async () => {
    const { page } = await h.open('?tour=5&lang=en&n=1', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows]');
    await page.focus('#svg-matrix');
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') !== null);
    const s = await state(page);
    expect(s.callout).toMatch(/^w₀₀ = -?[\d.]+ · x₀ → z₀$/);
    expect(s.said).toMatch(/^Row 0, column 0 of C: w₀₀ = -?[\d.]+, which multiplies x₀ and adds to z₀\.$/);
    await page.close();
  });
});

/** The matrix box and a mark's rectangle, in page pixels, and how far the box is scrolled. */
const seen = (page: Page, sel: string) => page.evaluate((sel) => {
  const wrap = document.querySelector('#panel-matrix .matrix-wrap') as HTMLElement;
  const w = wrap.getBoundingClientRect();
  const m = document.querySelector(sel)!.getBoundingClientRect();
  return { left: w.left + wrap.clientLeft, right: w.left + wrap.clientLeft + wrap.clientWidth, markLeft: m.left, markRight: m.right, scroll: wrap.scrollLeft, wide: wrap.scrollWidth > wrap.clientWidth + 1 };
}, sel);

const phone = (query: string) => matrixOnPhone(h, query);

describe('phone 390×844: the box scrolls its marked column into sight', () => {
  it('a tapped input cell’s column, off to the right, is scrolled into the box; a repaint with the same link leaves the reader’s scroll alone', async () => {
    // A 6×6 input: C is 16×36, wider than the phone's box.
    const { ctx, page } = await phone('?tour=5&lang=en&i=6');
    expect((await seen(page, '#svg-matrix [data-matrix-frame]')).wide).toBe(true);
    await page.locator('#svg-grid').scrollIntoViewIfNeeded();
    const b = (await page.locator('#svg-grid').boundingBox())!;
    // Input (5, 5) is x₃₅: C's last column.
    await page.touchscreen.tap(b.x + (5.5 * b.width) / 6, b.y + (5.5 * b.height) / 6);
    await page.waitForFunction(() => document.getElementById('svg-matrix')!.dataset.linkIndex === '35');
    let r = await seen(page, '#svg-matrix [data-link="matrix"]');
    expect(r.scroll).toBeGreaterThan(0);
    expect(r.markLeft).toBeGreaterThanOrEqual(r.left);
    expect(r.markRight).toBeLessThanOrEqual(r.right);
    // The reader scrolls the box back; tapping the same cell again changes nothing, and the box stays.
    await page.$eval('#panel-matrix .matrix-wrap', (w) => { w.scrollLeft = 0; });
    await page.touchscreen.tap(b.x + (5.5 * b.width) / 6, b.y + (5.5 * b.height) / 6);
    await afterPageTimers(page, 200);
    r = await seen(page, '#svg-matrix [data-link="matrix"]');
    expect(r.scroll).toBe(0);
    await ctx.close();
  });

  it('scatter view: the step’s column is scrolled into sight when the step changes, not when the reader points elsewhere', async () => {
    const { ctx, page } = await phone('?tour=5&lang=en&i=6&v=scatter&f=34');
    // Step 35 stamps input (5,4): column 34, scrolled into sight as the page opens.
    expect(await page.$eval('#svg-matrix', (m) => `${m.dataset.markSide}${m.dataset.markIndex}`)).toBe('col34');
    let r = await seen(page, '#svg-matrix [data-step-mark]');
    expect(r.scroll).toBeGreaterThan(0);
    expect(r.markRight).toBeLessThanOrEqual(r.right);
    // The reader scrolls back to the start, then taps an output cell: the step is the same, the box stays.
    await page.$eval('#panel-matrix .matrix-wrap', (w) => { w.scrollLeft = 0; });
    await page.locator('#svg-output').scrollIntoViewIfNeeded();
    const o = (await page.locator('#svg-output').boundingBox())!;
    await page.touchscreen.tap(o.x + o.width / 8, o.y + o.height / 8);
    await page.waitForFunction(() => document.getElementById('svg-matrix')!.dataset.linkSide === 'row');
    await afterPageTimers(page, 200);
    expect((await seen(page, '#svg-matrix [data-step-mark]')).scroll).toBe(0);
    // The next step (input (5,5), column 35) brings the box there again.
    // (Pressed by script: a tap on the button here is spent on the figure's cell losing its hover.)
    await page.$eval('#matrix-forward', (b) => (b as HTMLButtonElement).click());
    await page.waitForFunction(() => document.getElementById('svg-matrix')!.dataset.markIndex === '35');
    r = await seen(page, '#svg-matrix [data-step-mark]');
    expect(r.scroll).toBeGreaterThan(0);
    expect(r.markRight).toBeLessThanOrEqual(r.right);
    await ctx.close();
  });
});

describe('a grouped layer: the figure’s input channel is the one the matrix marks', () => {
  // 4 input and 4 output channels in 2 groups, a 3×3 input and a 2×2 kernel: C is 16×36, small
  // enough for its vectors. Output channel 3 is in group 1, which reads input channels 2 and 3.
  for (const view of ['direct', 'scatter'] as const) {
    it(`${view} view: the hovered input cell is x of the channel the grid's caption names, a column whose entries are in output channel 3's rows`, async () => {
      const { page } = await h.open(`?i=3&k=2&s=1&p=0&ci=4&co=4&g=2&oc=3&v=${view}&tab=matrix&lang=en`, { width: 1400, height: 1000 });
      await page.waitForSelector('#svg-matrix[data-rows="16"][data-cols="36"]');
      const g = (await page.locator('#svg-grid').boundingBox())!;
      // Input (1, 2).
      await page.mouse.move(g.x + (2.5 * g.width) / 3, g.y + (1.5 * g.height) / 3);
      await page.waitForFunction(() => document.getElementById('svg-matrix')!.dataset.linkSide === 'col');
      const r = await page.evaluate(() => {
        const svg = document.getElementById('svg-matrix')!;
        return { index: Number(svg.dataset.linkIndex), caption: document.getElementById('cap-grid')!.textContent ?? '', said: document.getElementById('hover-text')!.textContent ?? '' };
      });
      const channel = Number(/channel (\d+)$/.exec(r.caption)?.[1]);
      expect(channel).toBe(2);
      expect(r.index).toBe(channel * 9 + 5);
      expect(r.said).toContain('x₂₃, which multiplies column 23 of C');
      // The linked column's entries lie in output channel 3's rows (12–15), and in no row outside
      // its group (8–15): pointed at, an entry of column 23 is named only there.
      const rows: number[] = [];
      for (let i = 0; i < 16; i++) {
        const at = await page.evaluate(([i, j]) => {
          const svg = document.getElementById('svg-matrix')!;
          const f = svg.querySelector('[data-matrix-frame]')!.getBoundingClientRect();
          const c = f.width / Number(svg.dataset.cols);
          return { x: f.x + (j + 0.5) * c, y: f.y + (i + 0.5) * c };
        }, [i, r.index]);
        await page.mouse.move(at.x, at.y);
        await settled(page);
        if (await page.$eval('#svg-matrix', (s) => s.querySelector('[data-entry-callout]')?.getAttribute('data-entry-callout') ?? null) !== null) rows.push(i);
      }
      expect(rows.some((i) => i >= 12 && i < 16)).toBe(true);
      expect(rows.every((i) => i >= 8)).toBe(true);
      await page.close();
    });
  }
});
