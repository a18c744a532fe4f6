/**
 * A student's review (stop 52): a transposed 3×3 layer with stride 3 and output padding 2
 * (`?i=3&k=3&s=3&p=0&t=1&op=2`, 11×11 out) has a Cᵀ of 121×9. The tutorial's picture was chosen by
 * the longer side alone (at most VECTOR_LIMIT = 100 rows and columns), so this matrix, 1 089
 * cells, was the large picture: a strip about 20 px wide and 240 px tall, 2 px a cell, with no
 * index, weight or note, while the same layer with stride 2 (49×9) and a 100×100 C were drawn
 * readably. The picture is now chosen by its cells (tutorialPicture: rows × columns at most
 * VECTOR_CELLS, a 100×100's), which is what its size on screen and its nodes grow with, and a
 * side of at most VECTOR_LONG (300), past which a thin picture is slow to lay out at each change.
 *
 * Pinned: 121×9 Cᵀ, on a desktop and a phone, in English and Chinese, is the tutorial's picture:
 * both vectors, every non-empty entry named (w₀₀ …), cells of at least MIN_CELL px; stepping keeps
 * the step's row in the part of the box on screen as the box scrolls down the 121 rows; pointing at
 * an entry names it in the callout. Its C (9×121, wide and short) is the tutorial's picture too.
 * C of a 12×12 input (100×144) stays the large picture (no vectors), as do larger ones.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MIN_CELL, VECTOR_CELLS, VECTOR_LONG, tutorialPicture } from '../../web/src/matrix-view.js';
import { fileHarness, settled } from './harness.js';
import { matrixOnPhone } from './matrix-phone.js';

const h = fileHarness();
const TALL = '?i=3&k=3&s=3&p=0&t=1&op=2';

/** What the matrix picture shows: its vectors, its cell size on screen, its named weights. */
const picture = (page: Page) => page.evaluate(`(() => {
  const svg = document.getElementById('svg-matrix');
  const frame = svg.querySelector('[data-matrix-frame]');
  return {
    rows: Number(svg.dataset.rows),
    cols: Number(svg.dataset.cols),
    vectors: svg.querySelectorAll('[data-vector]').length,
    cell: frame ? frame.getBoundingClientRect().width / Number(svg.dataset.cols) : 0,
    named: Array.from(svg.querySelectorAll('text')).filter((t) => /^w[₀-₉]{2}$/.test(t.textContent)).length,
    entries: Number(svg.dataset.entries),
  };
})()`) as Promise<{ rows: number; cols: number; vectors: number; cell: number; named: number; entries: number }>;

/** The step's row on screen, and the part of the matrix box on screen (the window clips it). */
const markSeen = (page: Page) => page.evaluate(`(() => {
  const svg = document.getElementById('svg-matrix');
  const r = svg.querySelector('[data-step-mark]').getBoundingClientRect();
  const wrap = svg.parentElement;
  const w = wrap.getBoundingClientRect();
  return {
    index: Number(svg.dataset.markIndex), side: svg.dataset.markSide, top: r.top, bottom: r.bottom,
    seenTop: Math.max(0, w.top + wrap.clientTop), seenBottom: Math.min(window.innerHeight, w.top + wrap.clientTop + wrap.clientHeight),
    scrollTop: wrap.scrollTop,
  };
})()`) as Promise<{ index: number; side: string; top: number; bottom: number; seenTop: number; seenBottom: number; scrollTop: number }>;

describe('the rule', () => {
  it('counts cells: a tall or wide matrix of few cells is the tutorial’s picture, 100×144 is not, nor a side past VECTOR_LONG', () => {
    expect(VECTOR_CELLS).toBe(100 * 100);
    expect(VECTOR_LONG).toBeGreaterThanOrEqual(121);
    expect(tutorialPicture(121, 9)).toBe(true);
    expect(tutorialPicture(9, 121)).toBe(true);
    expect(tutorialPicture(100, 100)).toBe(true);
    expect(tutorialPicture(81, 25)).toBe(true);
    expect(tutorialPicture(289, 25)).toBe(true);
    expect(tutorialPicture(100, 144)).toBe(false);
    expect(tutorialPicture(144, 100)).toBe(false);
    expect(tutorialPicture(900, 1024)).toBe(false);
    // Few cells but very long (a 1×1 input, kernel 9, dilation 5: 1681×1, 50 000 px tall): slow to
    // lay out at every change, so large.
    expect(tutorialPicture(1681, 1)).toBe(false);
  });
});

describe('Cᵀ of 121×9 is the tutorial’s picture', () => {
  for (const [lang, phone] of [['en', false], ['zh', false], ['en', true], ['zh', true]] as const) {
    it(`${phone ? 'phone 390×844' : 'desktop 1400×1000'} (${lang}): vectors, named weights, cells ≥ ${MIN_CELL} px; stepping keeps its row in sight; an entry pointed at is named`, async () => {
      const q = `${TALL}&v=direct&f=38&tab=matrix&lang=${lang}`;
      const { page, close } = phone
        ? await matrixOnPhone(h, q).then(({ ctx, page }) => ({ page, close: () => ctx.close() }))
        : await h.open(q, { width: 1400, height: 1000 }).then(({ page }) => ({ page, close: () => page.close() }));
      await page.waitForSelector('#svg-matrix[data-rows="121"][data-cols="9"]', { state: 'attached' });
      expect(await page.getAttribute('#svg-matrix', 'data-matrix')).toBe('CT');
      const p = await picture(page);
      expect(p.vectors).toBe(2);
      expect(p.cell).toBeGreaterThanOrEqual(MIN_CELL);
      // 9 inputs, each stamping all 9 taps (stride 3 ≥ kernel 3: no overlaps), every one named.
      expect(p.entries).toBe(81);
      expect(p.named).toBe(81);

      // The box on screen (a phone's page is scrolled to its top, so that it is fitted to the whole
      // screen, not to a strip at the screen's foot), then step from row 38 down past the
      // box's first screenful: the box follows, the row stays in the part of it on screen.
      await page.evaluate(() => document.querySelector('.matrix-wrap')!.scrollIntoView({ block: 'start' }));
      await settled(page);
      const start = await markSeen(page);
      expect(start).toMatchObject({ side: 'row', index: 38 });
      for (let i = 39; i <= 44; i++) {
        await page.click('#matrix-forward');
        await expect.poll(() => markSeen(page).then((s) => s.index)).toBe(i);
        await settled(page);
        const s = await markSeen(page);
        expect(s.top, `row ${i}`).toBeGreaterThanOrEqual(s.seenTop - 0.5);
        expect(s.bottom, `row ${i}`).toBeLessThanOrEqual(s.seenBottom + 0.5);
        expect(s.scrollTop, `row ${i}`).toBeGreaterThan(0);
      }

      // Row 40 (x₄₀) (output (3,7)) reads w₀₁ from z₅ (input (1,2)); point at it (a tap on a phone).
      // On the phone this first tap also focuses the picture, and the entry tapped is the one named
      // (the focus took the step's row's first entry, and scrolled there, before review 52).
      const at = await page.evaluate(() => {
        const svg = document.getElementById('svg-matrix')!;
        const f = svg.querySelector('[data-matrix-frame]')!.getBoundingClientRect();
        const c = f.width / 9;
        svg.parentElement!.scrollTop += f.top + 40.5 * c - (svg.parentElement!.getBoundingClientRect().top + 100);
        const g = svg.querySelector('[data-matrix-frame]')!.getBoundingClientRect();
        return { x: g.left + 5.5 * c, y: g.top + 40.5 * c };
      });
      await settled(page);
      if (phone) await page.touchscreen.tap(at.x, at.y);
      else await page.mouse.move(at.x, at.y);
      await expect.poll(() => page.evaluate(() => document.querySelector('#svg-matrix [data-entry-callout]')?.getAttribute('data-entry-callout') ?? null)).toBe('40,5');
      expect(await page.textContent('#svg-matrix [data-entry-callout] text')).toBe('w₀₁ · z₅ → x₄₀');
      await close();
    });
  }

  it('its C (9×121, wide and short) is the tutorial’s picture too', async () => {
    const { page, errors } = await h.open(`${TALL}&m=c&tab=matrix&lang=en`, { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows="9"][data-cols="121"]', { state: 'attached' });
    const p = await picture(page);
    expect(p.vectors).toBe(2);
    expect(p.cell).toBeGreaterThanOrEqual(MIN_CELL);
    expect(p.named).toBe(81);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a truly large matrix stays the large picture', () => {
  it('C of a 12×12 input (100×144): no vectors, one path per tap', async () => {
    const { page, errors } = await h.open('?i=12&k=3&s=1&p=0&tab=matrix&lang=en', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows="100"][data-cols="144"]', { state: 'attached' });
    const p = await picture(page);
    expect(p.vectors).toBe(0);
    expect(p.named).toBe(0);
    expect(await page.$$eval('#svg-matrix path', (ps) => ps.length)).toBe(9);
    expect(errors).toEqual([]);
    await page.close();
  });
});
