/**
 * Student review 40: the tour (parts 6–13).
 *
 * Part 8: the step's sentence under the figure keeps two lines there (so the card under it holds
 * still) and was cut at "Values:…" with nothing to say a tap opens it. A "more ▾" tab now ends a cut
 * sentence; tapped, the sentence opens whole and ends in "less ▴".
 *
 * The transposed steps (parts 6, 7, 10, 13): the slanted figure's planes were drawn with the
 * figure's title above them (three lines at the text scale a phone needs, a third of the planes'
 * height) and the step counter beside them, in the height the card leaves: the cells came out 9–16
 * px wide (part 10's `a`, which needs a cell twice its size, was dropped). On the phone tour the
 * planes are now shown without the title (the card says what is drawn) and without the counter (the
 * player bar counts the steps), so the same height gives larger cells.
 *
 * Part 12 (stacking rates, gridding), at 1280×800 and 1440×900 with the rate the reader set (3):
 * the figure stood in the middle of the stage's box, 80 px of it empty above; the Formula panel
 * described a single 9×9 layer with a 7×7 field under a figure whose stack reaches 19×19, without
 * saying so; the card's prose gave rate 2's numbers (13 cells, 6 never read) and nothing gave
 * the rate set's. The figure now stands at the box's top, the Formula panel opens with what it
 * describes and the stack's reach, and a live line under the control gives the rate set's numbers.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sceneLayoutOf } from '../../src/render/scene-of.js';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();
const step = (id: string) => TOUR.findIndex((s) => s.id === id) + 1;

async function phone(lang: 'en' | 'zh') {
  const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: 'reduce' });
  return { context, page: await context.newPage() };
}

async function go(page: Page, n: number, lang: string): Promise<void> {
  await page.goto(`${h.url}?tour=${n}&lang=${lang}`);
  await page.waitForSelector('body[data-ready="1"]');
  await settled(page);
}

/** The step sentence: its tab's words (the ::after), whether it shows whole, where it ends. */
const sentence = (page: Page) =>
  page.$eval('#step-text', (e) => {
    const after = getComputedStyle(e, '::after');
    return {
      text: e.textContent ?? '',
      tab: after.content,
      tabAt: after.position,
      whole: e.scrollHeight <= e.clientHeight + 1,
      bottom: e.getBoundingClientRect().bottom,
      card: document.querySelector('#tour')!.getBoundingClientRect().top,
    };
  });

describe('review 40: tour part 12, the stacked layers, with the rate the reader set', () => {
  for (const [lang, w, hgt] of [['en', 1280, 800], ['zh', 1280, 800], ['en', 1440, 900], ['zh', 1440, 900]] as const) {
    it(`${w}×${hgt} (${lang}): the figure at the box's top, the Formula panel says what it describes`, async () => {
      const { page, context, errors } = await h.open(`?tour=${step('gridding')}&lang=${lang}`, { width: w, height: hgt });
      await page.fill('#try-control', '3');
      await page.press('#try-control', 'Enter');
      // The side panels are drawn a frame after the figure (side-panels.ts schedule): wait for both.
      await page.waitForFunction(() => document.querySelector('#stack-figure svg')?.getAttribute('data-spans') === '19,17' && document.body.dataset.pending === undefined);
      const m = await page.evaluate(() => ({
        box: document.querySelector('#figure-box')!.getBoundingClientRect().top,
        figure: document.querySelector('#stack-figure')!.getBoundingClientRect().top,
        lead: document.querySelector('#formula')!.firstElementChild?.textContent ?? '',
        now: (document.querySelector('#tour-now')?.textContent ?? '').replace(/[\u00a0]/g, ' ').replace(/\u2060/g, ''),
      }));
      // The live line gives the rate set's numbers, as the figure's left panel does (19×19, 12 never read).
      expect(m.now).toBe(lang === 'en' ? 'Now: at rate 3, three layers reach across 19 cells, yet 12 are never read' : '现在：膨胀率为 3 时，三层跨越 19 个单元，其中 12 个位置始终读不到');
      expect(m.figure - m.box).toBeLessThanOrEqual(4);
      expect(m.lead).toContain(lang === 'en' ? 'rates 3, 3, 3' : '膨胀率为 3、3、3');
      expect(m.lead).toContain('19×19');
      expect(m.lead).toContain(lang === 'en' ? 'one layer of rate 3 alone' : '膨胀率为 3 的一层');
      // Elsewhere the panel keeps its note after the rows, about the layer alone.
      await page.goto(`${h.url}?tour=${step('dilation')}&lang=${lang}`);
      await page.waitForSelector('body[data-ready="1"]');
      // data-ready comes before the side panels' first draw (main.ts start, side-panels.ts schedule).
      await settled(page);
      expect(await page.$eval('#formula', (e) => e.firstElementChild?.tagName)).toBe('DL');
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});

describe('review 40: the phone tour', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`part 8 (${lang}): a cut step sentence says "more", and a tap shows it whole`, async () => {
      const { context, page } = await phone(lang);
      await go(page, step('not-inverse'), lang);
      // The review's step 2: "… Values: 15·1 = 15." is three lines at 390 px.
      await page.tap('#btn-forward');
      await settled(page);
      const cut = await sentence(page);
      expect(cut.text).toContain(lang === 'en' ? 'Values:' : '数值：');
      expect(cut.whole).toBe(false);
      expect(cut.tab).toBe(lang === 'en' ? '"more ▾"' : '"展开 ▾"');
      expect(cut.tabAt).toBe('absolute');
      expect(cut.bottom).toBeLessThanOrEqual(cut.card);
      await page.tap('#step-text');
      await settled(page);
      const open = await sentence(page);
      expect(open.whole).toBe(true);
      expect(open.tab).toBe(lang === 'en' ? '"less ▴"' : '"收起 ▴"');
      expect(open.bottom).toBeLessThanOrEqual(open.card);
      // Tapped again, it is two lines again, with its tab.
      await page.tap('#step-text');
      await settled(page);
      expect((await sentence(page)).tab).toBe(lang === 'en' ? '"more ▾"' : '"展开 ▾"');
      // A sentence that fits its two lines has no tab (step 1 of the same part).
      await page.tap('#btn-first');
      await settled(page);
      const short = await sentence(page);
      expect(short.whole).toBe(true);
      expect(short.tab).toBe('none');
      await context.close();
    }, 120_000);

    it(`transposed steps (${lang}): the planes' cells are larger, without the title and the step counter`, async () => {
      const { context, page } = await phone(lang);
      // The least cell width on screen (CSS px) each step now gives; the review measured 9–16 px.
      // Output padding (part 10): 16, not 17.5, since the key keeps its primed line (p′, a: what the part
      // teaches) on the first screen (755044d), a line the figure gave up before.
      const least: Record<string, number> = { 'transposed-1': 20, 'transposed-2': 18, 'output-padding': 16, uses: 12.5 };
      for (const [id, px] of Object.entries(least)) {
        const n = step(id);
        await go(page, n, lang);
        const q = new URLSearchParams(TOUR[n - 1].query);
        const at = (k: string) => Number(q.get(k) ?? 0);
        const m = await page.evaluate(() => {
          const svg = document.querySelector<SVGSVGElement>('#svg-classic')!;
          const vb = svg.viewBox.baseVal;
          const texts = Array.from(svg.querySelectorAll<SVGTextElement>('text'));
          return {
            k: svg.getBoundingClientRect().width / vb.width,
            scale: Number(svg.getAttribute('data-text-scale')),
            top: vb.y,
            // Text drawn inside the shown window (the key's windows beside the planes are <use>s).
            shown: texts.filter((t) => Number(t.getAttribute('y')) > vb.y && Number(t.getAttribute('y')) < vb.y + vb.height).map((t) => t.textContent),
            control: document.querySelector('#try-control')!.getBoundingClientRect().bottom,
          };
        });
        const sc = sceneLayoutOf({ input: [at('i'), at('i')], kernel: at('k'), stride: at('s'), padding: at('p'), transposed: true, outputPadding: at('op') }, { theme: 'classic', lang, textScale: m.scale, emptyCells: 'joined' });
        const cell = sc.planes!.grid!.cw * m.k;
        expect(cell, `step ${n}: cells ${cell.toFixed(1)} px`).toBeGreaterThanOrEqual(px);
        // Neither the title nor the step counter is in the window.
        const title = sc.base.find((p) => p.type === 'text' && p.y < 40 * m.scale)!;
        expect(title.type === 'text' && title.y).toBeLessThan(m.top);
        expect(m.shown.join(' '), `step ${n}`).not.toMatch(lang === 'en' ? /step \d+\/\d+/ : /第 \d+ 步/);
        expect(m.control, `step ${n}`).toBeLessThanOrEqual(844);
      }
      await context.close();
    }, 120_000);
  }
});
