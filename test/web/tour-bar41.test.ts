/**
 * The tour's bars on a laptop (review 41): on the steps that teach with the matrix the stage is
 * 492–572 px wide at 1260–1440 px (the matrix stands in its own column, style.css), and there, in
 * Chromium, the player bar's speed menu went to the second row in Chinese below 1280 px, where the
 * figure and view menus cut "经典示意图（斜放的平面）"; in English the figure menu cut "classic
 * (slanted planes)" up to 1280, and the card's "Go to step" menu cut "6. The transposed
 * convolution: x = Cᵀz" up to 1300. On every step, in both languages, every control of the player
 * bar and of the card's way through the tour must lie whole inside the window and its bar, show
 * its chosen option whole, overlap no other, and the player bar keep to two rows.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness, settled } from './harness.js';
import { cuts, optionFits } from './select-fit.js';

const h = fileHarness();

/** Every fault of the two bars' controls as they stand, in words (none: all are whole and usable). */
const faults = async (page: Page) => [
  // Each menu shows its chosen option whole (select-fit.ts).
  ...cuts(await optionFits(page, '.player select, #tour-pick')),
  ...(await page.evaluate(() => {
    const out: string[] = [];
    const bars: [string, string][] = [
      ['.player', '.player .buttons button, .player input, .player .step-count, .player select'],
      ['#tour', '.tour-nav button, #tour-pick'],
    ];
    const name = (e: Element) => e.id || e.className;
    let playerRows = 0;
    for (const [barSel, controls] of bars) {
      const bar = document.querySelector(barSel)!.getBoundingClientRect();
      const shown = Array.from(document.querySelectorAll<HTMLElement>(controls)).filter((e) => e.getClientRects().length > 0);
      const boxes = shown.map((e) => [e, e.getBoundingClientRect()] as const);
      for (const [e, r] of boxes) {
        if (r.left < -0.5 || r.right > innerWidth + 0.5) out.push(`${name(e)} leaves the window (${r.left}–${r.right})`);
        if (r.left < bar.left - 0.5 || r.right > bar.right + 0.5 || r.top < bar.top - 0.5 || r.bottom > bar.bottom + 0.5) out.push(`${name(e)} leaves ${barSel}`);
        // Any box between it and the page that clips what overflows it.
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX === 'visible') continue;
          const b = a.getBoundingClientRect();
          if (r.left < b.left + a.clientLeft - 0.5 || r.right > b.left + a.clientLeft + a.clientWidth + 0.5) out.push(`${name(e)} clipped by ${name(a)}`);
        }
        if (e.parentElement!.tagName === 'LABEL' && e.parentElement!.scrollWidth > e.parentElement!.clientWidth + 1) out.push(`${name(e)}'s label overflows`);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, ra] = boxes[i], [b, rb] = boxes[j];
          const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
          const hgt = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
          if (w > 0.5 && hgt > 0.5) out.push(`${name(a)} overlaps ${name(b)}`);
        }
      }
      if (barSel === '.player') {
        // Rows: controls whose vertical middles lie apart by more than half a control's height.
        const mids = boxes.map(([, r]) => r.top + r.height / 2).sort((x, y) => x - y);
        playerRows = mids.filter((m, i) => i === 0 || m - mids[i - 1] > 12).length;
      }
    }
    if (playerRows > 2) out.push(`the player bar has ${playerRows} rows`);
    return out;
  })),
];

describe('the tour\'s player bar and step menu are whole on a laptop', () => {
  for (const lang of ['en', 'zh'] as const) {
    for (const width of [1260, 1270, 1280, 1300, 1440]) {
      it(`${width}×800 (${lang}): every step's controls whole, apart, in two rows`, async () => {
        const { page, errors } = await h.open(`?tour=1&lang=${lang}`, { width, height: 800 });
        const found: string[] = [];
        for (let n = 1; n <= TOUR.length; n++) {
          await page.selectOption('#tour-pick', String(n));
          await page.waitForFunction((n) => new URLSearchParams(location.search).get('tour') === String(n), n);
          await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
          // The step count at its widest ("第 16 步，共 16 步"): the animation's last step.
          if (await page.isVisible('#btn-last')) await page.click('#btn-last');
          await settled(page);
          for (const f of await faults(page)) found.push(`step ${n}: ${f}`);
        }
        expect(found).toEqual([]);
        expect(errors).toEqual([]);
        await page.context().close();
      }, 120_000);
    }
  }
});
