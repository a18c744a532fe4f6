/**
 * The tour's steps that teach with the matrix (tab 'matrix': z = Cx, x = Cᵀz) show the card and the
 * matrix together on a laptop, in Chromium (HB40): at 1280×800 the card alone took 500–523 px of
 * the side column's 733, and under it two rows of step 6's sixteen were in sight. On a window at
 * least 1260 px wide the matrix now stands beside the card; counted without any scrolling, at
 * least 12 rows of each step's matrix (or all of them) are wholly in sight, with the card whole.
 * The layout follows the step, not the tab the reader opens, and the player bar keeps its rows.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();
const MATRIX_STEPS = TOUR.flatMap((s, i) => (s.tab === 'matrix' ? [i + 1] : []));

/**
 * The matrix's rows and columns wholly in sight (inside the window and every box that clips the
 * matrix: its own box, the side column), the card's box and the part of the screen it can show, and
 * how far the column and the page are scrolled.
 */
const sight = (page: Page) =>
  page.evaluate(() => {
    const svg = document.querySelector('#svg-matrix') as SVGSVGElement;
    const rows = Number(svg.dataset.rows), cols = Number(svg.dataset.cols);
    // The matrix's frame: the one rect drawn with a 1 px stroke (matrix-view.ts drawTutorial).
    // (None while its tab is closed: nothing of it is in sight.)
    const frame = svg.querySelector('rect[stroke-width="1"]')?.getBoundingClientRect() ?? new DOMRect(0, -1e6, 0, 0);
    const clip = (el: Element) => {
      let top = 0, bottom = window.innerHeight, left = 0, right = window.innerWidth;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.display === 'contents' || (cs.overflowX === 'visible' && cs.overflowY === 'visible')) continue;
        const b = a.getBoundingClientRect();
        top = Math.max(top, b.top + a.clientTop);
        bottom = Math.min(bottom, b.top + a.clientTop + a.clientHeight);
        left = Math.max(left, b.left + a.clientLeft);
        right = Math.min(right, b.left + a.clientLeft + a.clientWidth);
      }
      return { top, bottom, left, right };
    };
    const seen = clip(svg);
    const cell = frame.height / rows;
    let rowsSeen = 0;
    for (let i = 0; i < rows; i++) {
      const t = frame.top + i * cell;
      if (t >= seen.top - 0.5 && t + cell <= seen.bottom + 0.5 && frame.left >= seen.left - 0.5) rowsSeen++;
    }
    let colsSeen = 0;
    for (let j = 0; j < cols; j++) {
      const l = frame.left + j * cell;
      if (l >= seen.left - 0.5 && l + cell <= seen.right + 0.5) colsSeen++;
    }
    const tour = document.getElementById('tour')!;
    const card = tour.getBoundingClientRect();
    const side = document.querySelector('aside.side')!;
    return {
      rows, cols, rowsSeen, colsSeen,
      card: { top: card.top, bottom: card.bottom, left: card.left, width: card.width },
      cardSeen: clip(tour),
      sideWidth: side.getBoundingClientRect().width,
      sideScroll: side.scrollTop,
      pageScroll: window.scrollY,
      player: document.querySelector('.player')!.getBoundingClientRect().height,
    };
  });

describe('a tour step that teaches with the matrix shows the card and the matrix', () => {
  it('the tour has such steps (z = Cx and x = Cᵀz)', () => {
    expect(MATRIX_STEPS.map((n) => TOUR[n - 1].id)).toEqual(['matrix', 'transposed-1']);
  });

  for (const [width, height] of [[1280, 800], [1440, 900]] as const) {
    for (const lang of ['en', 'zh'] as const) {
      it(`${width}×${height} (${lang}): the card whole and at least 12 rows of the matrix (or all) in sight, nothing scrolled`, async () => {
        const { page, errors } = await h.open(`?tour=1&lang=${lang}`, { width, height });
        const playerFree = (await sight(page)).player;
        for (const n of MATRIX_STEPS) {
          await page.goto(`${h.url}?tour=${n}&lang=${lang}`);
          await page.waitForSelector('body[data-ready="1"]');
          await page.waitForSelector('#svg-matrix[data-rows]');
          await settled(page);
          const s = await sight(page);
          const at = `step ${n} (${TOUR[n - 1].id}), C${s.rows}×${s.cols}`;
          expect(s.rowsSeen, at).toBeGreaterThanOrEqual(Math.min(12, s.rows));
          expect(s.colsSeen, at).toBe(s.cols);
          // The card is whole in sight: its part count and title, prose, control and Next.
          expect(s.card.top, at).toBeGreaterThanOrEqual(s.cardSeen.top - 0.5);
          expect(s.card.bottom, at).toBeLessThanOrEqual(s.cardSeen.bottom + 0.5);
          expect(s.sideScroll, at).toBe(0);
          expect(s.pageScroll, at).toBe(0);
          // The player bar keeps the rows it has at the other steps of the same window.
          expect(s.player, at).toBeLessThanOrEqual(playerFree + 0.5);
        }
        expect(errors).toEqual([]);
        await page.close();
      }, 90_000);
    }
  }

  it('the layout follows the step: the Matrix tab opened at another step leaves the card where it was', async () => {
    const { page } = await h.open('?tour=1&lang=en', { width: 1280, height: 800 });
    await settled(page);
    const before = await sight(page);
    await page.click('#tab-matrix');
    await settled(page);
    const after = await sight(page);
    expect(after.card).toEqual(before.card);
    expect(after.sideWidth).toBe(before.sideWidth);
    await page.close();
  }, 60_000);

  it('narrower windows keep the card over the matrix (1100×800 and a 390×844 phone)', async () => {
    for (const [width, height] of [[1100, 800], [390, 844]] as const) {
      const { page } = await h.open(`?tour=${MATRIX_STEPS[1]}&lang=en`, { width, height });
      await settled(page);
      const card = await page.$eval('#tour', (e) => e.getBoundingClientRect().toJSON());
      const tabs = await page.$eval('.tabs', (e) => e.getBoundingClientRect().toJSON());
      expect(tabs.top, `${width}×${height}`).toBeGreaterThanOrEqual(card.bottom);
      expect(tabs.left, `${width}×${height}`).toBeCloseTo(card.left, 0);
      await page.close();
    }
  }, 60_000);
});
