/**
 * The Matrix tab, student review 54.
 *
 * 1. A tap (or click) on an empty entry (a zero) after a filled one took the callout away, but the
 *    ring stayed on the entry tapped before and the hover line still said it ("Cᵀ 的第 9 行第 5 列是
 *    w₀₁ …"). Pinned: it now puts the entry away whole, ring, callout and sentence, as the pointer
 *    moving onto an empty entry takes its callout away; on a phone (zh) and a desktop (en).
 * 2. A large matrix (Cᵀ 121×121 of an 11×11 layer) was drawn 244 px square in a 350 px box, about
 *    2 px an entry, with no index on either side and nothing to say its entries can be pointed at
 *    or tapped (they can). Pinned: the picture takes the box's width; rows and columns are indexed
 *    at each block of 11 (one row of the vector's grid: 0, 11, 22 …); a line under it says the
 *    entries are named when pointed at or tapped, in English and Chinese, on a desktop and a
 *    phone, and a tapped entry is named; the tutorial's picture (Cᵀ 81×25) has no such line.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, settled } from './harness.js';
import { matrixOnPhone } from './matrix-phone.js';

const h = fileHarness();

/** The entry chosen: its callout, its ring and the hover line. */
const chosen = (page: Page) => page.evaluate(() => {
  const svg = document.getElementById('svg-matrix')!;
  const cursor = svg.querySelector('[data-entry-cursor]');
  return {
    callout: svg.querySelector('[data-entry-callout] text')?.textContent ?? null,
    ring: cursor && cursor.getBoundingClientRect().width > 0 ? cursor.getAttribute('data-entry-cursor') : null,
    said: document.getElementById('hover-text')!.textContent ?? '',
  };
});

/**
 * Scrolls entry (i, j) of the drawn matrix into sight and returns its centre on screen: the page
 * first (the box then grows to the part of it on screen, a frame later: MatrixView.fitBox), then
 * the box.
 */
const entryAt = async (page: Page, i: number, j: number) => {
  const where = () => page.evaluate(([i, j]) => {
    const svg = document.getElementById('svg-matrix')!;
    const f = svg.querySelector('[data-matrix-frame]')!.getBoundingClientRect();
    const c = f.width / Number(svg.dataset.cols);
    return { x: f.x + (j + 0.5) * c, y: f.y + (i + 0.5) * c };
  }, [i, j]);
  await page.evaluate(() => {
    const top = document.getElementById('svg-matrix')!.parentElement!.getBoundingClientRect().top;
    if (top < 40 || top > window.innerHeight / 3) window.scrollBy(0, top - 60);
  });
  await settled(page);
  const p = await where();
  await page.evaluate(([y]) => {
    const wrap = document.getElementById('svg-matrix')!.parentElement!;
    const w = wrap.getBoundingClientRect();
    if (y < w.top + 20 || y > w.bottom - 20) wrap.scrollTop += y - (w.top + w.height / 2);
  }, [p.y]);
  await settled(page);
  return where();
};

describe('a tap on an empty entry puts the chosen entry away', () => {
  it('phone, zh: (9,5) then (10,10): no ring, no callout, no sentence about w₀₁', async () => {
    const { ctx, page } = await matrixOnPhone(h, '?i=5&k=3&s=2&p=1&t=1&tab=matrix&lang=zh');
    let e = await entryAt(page, 9, 5);
    await page.touchscreen.tap(e.x, e.y);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') !== null);
    await settled(page);
    let s = await chosen(page);
    expect(s).toEqual({ callout: 'w₀₁ · z₅ → x₉', ring: '9,5', said: 'Cᵀ 的第 9 行第 5 列是 w₀₁，与 z₅ 相乘，乘积累加到 x₉。' });
    e = await entryAt(page, 10, 10);
    await page.touchscreen.tap(e.x, e.y);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') === null);
    await settled(page);
    s = await chosen(page);
    expect(s.ring).toBeNull();
    expect(s.said).not.toMatch(/w₀₁|第 9 行/);
    // The next tap on a filled entry names it again.
    e = await entryAt(page, 9, 5);
    await page.touchscreen.tap(e.x, e.y);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') !== null);
    await settled(page);
    expect((await chosen(page)).ring).toBe('9,5');
    await ctx.close();
  });

  it('desktop, en: a click on (10,10) after (9,5) puts it away; the arrows bring it back', async () => {
    const { page, errors } = await h.open('?i=5&k=3&s=2&p=1&t=1&tab=matrix&lang=en', { width: 1280, height: 800 });
    await page.waitForSelector('#svg-matrix[data-rows]');
    let e = await entryAt(page, 9, 5);
    await page.mouse.click(e.x, e.y);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') !== null);
    await settled(page);
    let s = await chosen(page);
    expect(s).toEqual({ callout: 'w₀₁ · z₅ → x₉', ring: '9,5', said: 'Row 9, column 5 of Cᵀ: w₀₁, which multiplies z₅ and adds to x₉.' });
    e = await entryAt(page, 10, 10);
    await page.mouse.click(e.x, e.y);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') === null);
    await settled(page);
    s = await chosen(page);
    expect(s.ring).toBeNull();
    expect(s.said).not.toMatch(/w₀₁|Row 9/);
    // Leaving the picture brings no callout back: nothing is chosen.
    await page.mouse.move(2, 790);
    await settled(page);
    expect(await chosen(page)).toMatchObject({ callout: null, ring: null });
    // The keys bring the entry back, as after Escape.
    await page.keyboard.press('ArrowRight');
    await settled(page);
    expect((await chosen(page)).ring).not.toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** The large picture's size against its box, its indices and the line under it. */
const large = (page: Page) => page.evaluate(() => {
  const svg = document.getElementById('svg-matrix')!;
  const wrap = svg.parentElement!;
  const point = document.getElementById('matrix-point');
  const idx = (side: string) => Array.from(svg.querySelectorAll(`[data-matrix-index^="${side} "]`)).map((t) => Number(t.textContent));
  return {
    width: svg.getBoundingClientRect().width,
    box: wrap.clientWidth,
    scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
    blocks: svg.querySelector('[data-matrix-blocks]')?.getAttribute('data-matrix-blocks') ?? null,
    rows: idx('row'),
    cols: idx('col'),
    indexPx: Math.min(...Array.from(svg.querySelectorAll('[data-matrix-index]')).map((t) => t.getBoundingClientRect().height)),
    point: point && !point.hidden && point.getBoundingClientRect().height > 0 ? point.textContent : null,
    pointBelow: point ? point.getBoundingClientRect().top >= wrap.getBoundingClientRect().bottom - 1 : false,
  };
});

const POINT = {
  en: 'Point at an entry, or tap it, to name it: its weight, what it multiplies and where the product adds.',
  zh: '把指针移到矩阵的元素上，或点按它，即可读出这个元素：它的权重、与谁相乘、乘积累加到哪里。',
};

describe('a large matrix is drawn across its box, indexed by block, and says its entries can be named', () => {
  const check = async (page: Page, lang: 'en' | 'zh') => {
    const r = await large(page);
    // The box's width (its frame and labels inside), not the 244 px square of before.
    expect(r.width).toBeGreaterThanOrEqual(r.box - 2);
    expect(r.scrolls).toBe(false);
    expect(r.blocks).toBe('11,11');
    expect(r.rows.slice(0, 4)).toEqual([0, 11, 22, 33]);
    expect(r.rows.every((n) => n % 11 === 0)).toBe(true);
    expect(r.cols[0]).toBe(0);
    expect(r.cols.length).toBeGreaterThanOrEqual(5);
    expect(r.cols.every((n) => n % 11 === 0)).toBe(true);
    expect(r.indexPx).toBeGreaterThanOrEqual(11);
    expect(r.point).toBe(POINT[lang]);
    expect(r.pointBelow).toBe(true);
  };

  it('desktop 1280×800, en: and pointing at an entry names it', async () => {
    const { page, errors } = await h.open('?i=11&k=3&s=1&t=1&tab=matrix&lang=en', { width: 1280, height: 800 });
    await page.waitForSelector('#svg-matrix[data-rows="121"][data-cols="121"]');
    await settled(page);
    await check(page, 'en');
    const e = await entryAt(page, 60, 60);
    await page.mouse.move(e.x, e.y);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]')?.getAttribute('data-entry-callout') === '60,60');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('phone, zh: and tapping an entry names it', async () => {
    const { ctx, page } = await matrixOnPhone(h, '?i=11&k=3&s=1&t=1&tab=matrix&lang=zh');
    await check(page, 'zh');
    const e = await entryAt(page, 60, 60);
    await page.touchscreen.tap(e.x, e.y);
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]')?.getAttribute('data-entry-callout') === '60,60');
    await settled(page);
    expect(await page.textContent('#hover-text')).toMatch(/^Cᵀ 的第 60 行第 60 列是 w/);
    await ctx.close();
  });

  it('phone, en, and the tutorial’s picture (Cᵀ 81×25): a large one says it; a small one has no such line', async () => {
    const { ctx, page } = await matrixOnPhone(h, '?i=11&k=3&s=1&t=1&tab=matrix&lang=en');
    await check(page, 'en');
    await ctx.close();
    const small = await matrixOnPhone(h, '?i=5&k=3&s=2&p=1&t=1&tab=matrix&lang=zh');
    expect((await large(small.page)).point).toBeNull();
    await small.ctx.close();
  });
});
