/**
 * What a tour step opens does not push out what the step is about (student review 36), in headless
 * Chromium: steps 8 and 11 keep the figure's top in sight while their view (the linked pair, d = 1
 * vs d = 2) starts under it; step 6 keeps the tour card's top, its part count and title, in sight
 * while the Matrix tab opens under it; step 8's card button says where it goes, not what the pair's
 * own toggle says; and the matrix names, beside its step buttons, the figure's cell of its marked
 * row (on a phone the figure is a screen above it).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();

/** Boxes against the visible box of the element that scrolls them (the stage, or the side column). */
const boxesIn = (page: Page, frame: string, sels: string[]) =>
  page.evaluate(([f, ss]) => {
    const box = document.querySelector(f as string)!;
    const r = box.getBoundingClientRect();
    const top = r.top + box.clientTop;
    const of = (s: string) => {
      const e = document.querySelector(s)!.getBoundingClientRect();
      return { top: e.top, bottom: e.bottom };
    };
    return { top, bottom: top + box.clientHeight, scroll: box.scrollTop, els: (ss as string[]).map(of) };
  }, [frame, sels] as const);

const SIZES = [[1366, 900], [1280, 800]] as const;

describe('steps 8 and 11: the figure stays in sight with the view under it', () => {
  for (const [w, hgt] of SIZES) {
    for (const lang of ['en', 'zh'] as const) {
      for (const [n, view, heading] of [[8, '#pair-panel', '#pair-panel h2'], [11, '#dilation-view', '#dilation-view summary']] as const) {
        it(`step ${n} at ${w}×${hgt} (${lang})`, async () => {
          const { page, errors } = await h.open(`?tour=${n}&lang=${lang}`, { width: w, height: hgt });
          await settled(page);
          const b = await boxesIn(page, '#stage', ['[data-stage]', view, heading]);
          const [fig, v, head] = b.els;
          // The figure's top is in sight (it was 771 px above the stage at step 8, 387 at 11) …
          expect(fig.top).toBeGreaterThanOrEqual(b.top - 1);
          // … and the view starts under it, its heading on screen.
          expect(v.top).toBeGreaterThanOrEqual(fig.bottom);
          expect(head.bottom).toBeLessThanOrEqual(b.bottom + 1);
          expect(errors).toEqual([]);
          await page.close();
        }, 60_000);
      }
    }
  }

  it('arriving with Next (7 → 8, 10 → 11) keeps the figure in sight too', async () => {
    for (const n of [8, 11]) {
      const { page } = await h.open(`?tour=${n - 1}&lang=en`, { width: 1366, height: 900 });
      await settled(page);
      await page.click('#tour-next');
      await settled(page);
      expect(await page.getAttribute('#tour', 'data-tour-step')).toBe(String(n));
      const b = await boxesIn(page, '#stage', ['[data-stage]']);
      expect(b.els[0].top, `step ${n}`).toBeGreaterThanOrEqual(b.top - 1);
      await page.close();
    }
  }, 60_000);
});

describe('step 6: the card’s top stays in sight while the Matrix tab opens under it', () => {
  for (const [w, hgt] of SIZES) {
    for (const lang of ['en', 'zh'] as const) {
      it(`at ${w}×${hgt} (${lang}), from a link and from Next`, async () => {
        for (const how of ['link', 'next'] as const) {
          const { page } = await h.open(`?tour=${how === 'link' ? 6 : 5}&lang=${lang}`, { width: w, height: hgt });
          await settled(page);
          if (how === 'next') {
            await page.click('#tour-next');
            await settled(page);
          }
          expect(await page.getAttribute('#tab-matrix', 'aria-selected')).toBe('true');
          const b = await boxesIn(page, 'aside.side', ['#tour', '#tour-title', '#panel-matrix']);
          const [card, title, panel] = b.els;
          // "Tour · part 6 of 13" and the title (scrolled 55 px out of the column before) …
          expect(card.top, how).toBeGreaterThanOrEqual(b.top - 1);
          expect(title.bottom, how).toBeLessThanOrEqual(b.bottom);
          // … with the matrix's panel starting in the column under the card.
          expect(panel.top, how).toBeLessThan(b.bottom);
          await page.close();
        }
      }, 60_000);
    }
  }
});

describe('step 8: the card’s button says where it goes', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`names no toggle the pair already shows, and brings the pair back when hidden (${lang})`, async () => {
      const { page } = await h.open(`?tour=8&lang=${lang}`, { width: 1366, height: 900 });
      await settled(page);
      const card = async () => ((await page.textContent('#try-control')) ?? '').trim();
      const toggle = async () => ((await page.textContent('#pair-open')) ?? '').trim();
      // The step opened the pair: its toggle offers to hide it, and the card's button does not
      // offer to show it ("Show the linked pair" beside "Hide the linked pair").
      expect(await page.getAttribute('#pair-open', 'aria-expanded')).toBe('true');
      expect(await card()).not.toMatch(lang === 'en' ? /^Show\b/ : /^查看/);
      expect(await card()).toContain(lang === 'en' ? 'linked pair' : '对照图');
      // Hidden by the reader, the pair comes back open where the card's button goes.
      await page.click('#pair-open');
      expect(await page.getAttribute('#pair-open', 'aria-expanded')).toBe('false');
      const hiddenToggle = await toggle();
      expect(await card()).not.toBe(hiddenToggle);
      await page.click('#try-control');
      await page.waitForTimeout(300);
      expect(await page.getAttribute('#pair-open', 'aria-expanded')).toBe('true');
      const b = await boxesIn(page, '#stage', ['#pair-panel', '[data-pair-grid]']);
      expect(b.els[0].top).toBeGreaterThanOrEqual(b.top - 1);
      expect(b.els[1].top).toBeLessThan(b.bottom);
      await page.close();
    }, 60_000);
  }
});

/** Subscript digits, as the matrix labels its vector cells. */
const sub = (n: number) => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);

describe('the matrix names the figure’s cell of its marked row', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`phone 390×844, step 5 (${lang}): beside the step buttons, on screen with the marked row`, async () => {
      const { page, errors } = await h.open(`?tour=5&lang=${lang}`, { width: 390, height: 844 });
      await settled(page);
      await page.click('#try-control');
      await page.waitForTimeout(300);
      for (let k = 0; k < 3; k++) {
        const index = Number(await page.getAttribute('#svg-matrix', 'data-mark-index'));
        expect(await page.getAttribute('#svg-matrix', 'data-mark-side')).toBe('row');
        // The output cell the step sentence computes ("Output (1,0) = …").
        const cell = /\((\d+,\d+)\)/.exec((await page.textContent('#step-text')) ?? '')![1];
        const named = ((await page.textContent('#matrix-step-cell')) ?? '').trim();
        expect(named).toContain(`z${sub(index)}`);
        expect(named).toContain(`(${cell})`);
        expect(named).toContain(lang === 'en' ? 'output' : '输出');
        // The words and the marked row share the screen.
        const words = await page.$eval('#matrix-step-cell', (e) => e.getBoundingClientRect().toJSON());
        const row = await page.$eval('#svg-matrix', (svg) => {
          const marks = Array.from(svg.querySelectorAll('rect')).filter((r) => r.getAttribute('stroke-width') === '2.5' && Number(r.getAttribute('width')) > 0);
          return marks.map((r) => r.getBoundingClientRect().toJSON());
        });
        expect(row.length).toBeGreaterThan(0);
        for (const r of [words, ...row]) {
          expect(r.top).toBeGreaterThanOrEqual(0);
          expect(r.bottom).toBeLessThanOrEqual(844);
        }
        await page.click('#matrix-forward');
        await page.waitForTimeout(150);
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it(`phone 390×844, several channels (${lang}): the words on a line of their own, the count and the coordinates unbroken`, async () => {
      // Beside the buttons the channel's words squeezed the row: "step 3 / of 4", "输入通道 0 的 / (1,2)".
      for (const q of ['?i=4&k=3&ci=2&co=3&tab=matrix', '?i=4&k=3&ci=2&co=2&v=scatter&tab=matrix']) {
        const { page, errors } = await h.open(`${q}&lang=${lang}`, { width: 390, height: 844 });
        await settled(page);
        const got = await page.evaluate(() => {
          const lines = (e: Element) => new Set(Array.from(e.getClientRects(), (r) => Math.round(r.top))).size;
          const count = document.getElementById('matrix-step-count')!;
          const cell = document.getElementById('matrix-step-cell')!;
          const coords = /\S+ \(\d+,\d+\)/.exec(cell.textContent ?? '')![0];
          // The line boxes that hold the coordinates and the word before them.
          const range = document.createRange();
          const text = cell.textContent ?? '';
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          let at = text.indexOf(coords);
          const nodes: [Text, number][] = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push([n as Text, (n as Text).data.length]);
          const locate = (i: number): [Text, number] => { for (const [n, len] of nodes) { if (i <= len) return [n, i]; i -= len; } return [nodes.at(-1)![0], nodes.at(-1)![1]]; };
          range.setStart(...locate(at));
          at += coords.length;
          range.setEnd(...locate(at));
          const forward = document.getElementById('matrix-forward')!.getBoundingClientRect();
          return { count: lines(count), coords: new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size, below: cell.getBoundingClientRect().top >= forward.bottom - 1 };
        });
        expect(got.count, q).toBe(1);
        expect(got.coords, q).toBe(1);
        expect(got.below, q).toBe(true);
        expect(errors).toEqual([]);
        await page.close();
      }
    }, 60_000);
  }

  it('a transposed layer’s output is x (step 6: x = Cᵀz), with its channel where there are several', async () => {
    const { page } = await h.open('?tour=6&lang=en', { width: 1366, height: 900 });
    await settled(page);
    const index = Number(await page.getAttribute('#svg-matrix', 'data-mark-index'));
    expect(await page.textContent('#matrix-step-cell')).toBe(`x${sub(index)} = output (0,0)`);
    // Two output channels, the second shown: the row index counts the first channel's cells.
    const p2 = await h.open('?i=4&k=3&s=1&p=0&co=2&oc=1&lang=zh', { width: 1366, height: 900 });
    await p2.page.click('#tab-matrix');
    await settled(p2.page);
    const i2 = Number(await p2.page.getAttribute('#svg-matrix', 'data-mark-index'));
    expect(i2).toBe(4);
    expect(await p2.page.textContent('#matrix-step-cell')).toBe(`z${sub(i2)} = 输出通道 1 的单元 (0,0)`);
    await page.close();
    await p2.page.close();
  }, 60_000);
});
