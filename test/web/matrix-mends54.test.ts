/**
 * The Matrix tab, student review 54.
 *
 * 1. A tap (or click) on an empty entry (a zero) after a filled one took the callout away, but the
 *    ring stayed on the entry tapped before and the hover line still said it ("Cᵀ 的第 9 行第 5 列是
 *    w₀₁ …"). Pinned: it now puts the entry away whole, ring, callout and sentence, as the pointer
 *    moving onto an empty entry takes its callout away; on a phone (zh) and a desktop (en).
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

/** Scrolls entry (i, j) of the drawn matrix into sight and returns its centre on screen. */
const entryAt = (page: Page, i: number, j: number) => page.evaluate(([i, j]) => {
  const svg = document.getElementById('svg-matrix')!;
  const frame = svg.querySelector('[data-matrix-frame]')!;
  const at = () => {
    const f = frame.getBoundingClientRect();
    const c = f.width / Number(svg.dataset.cols);
    return { x: f.x + (j + 0.5) * c, y: f.y + (i + 0.5) * c };
  };
  let p = at();
  const wrap = svg.parentElement!;
  const w = wrap.getBoundingClientRect();
  if (p.x < w.left + 20 || p.x > w.right - 20) wrap.scrollLeft += p.x - (w.left + w.width / 2);
  if (p.y < w.top + 20 || p.y > w.bottom - 20) wrap.scrollTop += p.y - (w.top + w.height / 2);
  p = at();
  if (p.y < 40 || p.y > window.innerHeight - 120) window.scrollBy(0, p.y - window.innerHeight / 2);
  return at();
}, [i, j]);

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
