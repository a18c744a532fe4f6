/**
 * Student review 41, a 390×844 phone.
 *
 * Tour part 10 (output padding): its planes are shown large enough for the `a` of each output
 * padding cell at 11 px or more, but the renderer printed it only in cells twice its text size, so
 * the phone showed none (the renderer now prints it wherever it fits the cell: empty-cells.test.ts).
 *
 * The playground (outside the tour): the grids' legend, the key to their colours, came after the
 * whole form, 560 px under the figure; it now stands right under the figure. So did the line that
 * says what a tapped cell reads or feeds (#hover-text): a tap changed text below the screen.
 *
 * A tour step opened with the page scrolled a little (to reach Next) left a strip of the page
 * header cut off above the player bar; the header is now whole on the screen or wholly above it.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();
const PHONE = { width: 390, height: 844 };

describe('a phone (390×844)', () => {
  for (const lang of ['en', 'zh']) {
    it(`tour part 10 (${lang}): prints the \`a\` of each of the 15 output padding cells, at 11 px or more, on the planes`, async () => {
      const { page, errors } = await h.open(`?tour=10&lang=${lang}`, PHONE);
      const m = await page.evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>('#svg-classic')!;
        const k = svg.getScreenCTM()!.a;
        const box = svg.getBoundingClientRect();
        const marks = Array.from(svg.querySelectorAll('#classic-base text')).filter((t) => t.textContent === 'a');
        return {
          px: marks.map((t) => Number(t.getAttribute('font-size')) * k),
          // In the figure as shown (the planes' window), not in the part of the drawing it leaves out.
          shown: marks.filter((t) => { const r = t.getBoundingClientRect(); return r.width > 0 && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom; }).length,
        };
      });
      expect(m.px.length).toBe(15);
      expect(m.shown).toBe(15);
      for (const px of m.px) expect(px).toBeGreaterThanOrEqual(10.95);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const q of ['?lang=en', '?lang=zh', '?i=3&k=3&s=2&p=1&t=1&op=1&lang=zh']) {
    it(`the playground's legend is right under its figure, before the form: ${q}`, async () => {
      const { page, errors } = await h.open(q, PHONE);
      const m = await page.evaluate(() => {
        const rect = (s: string) => document.querySelector(s)!.getBoundingClientRect();
        return { figure: rect('#figure-box').bottom, legend: rect('#legend').top, legendH: rect('#legend').height, form: rect('#controls').top };
      });
      expect(m.legendH).toBeGreaterThan(0);
      expect(m.legend - m.figure, q).toBeGreaterThanOrEqual(0);
      expect(m.legend - m.figure, q).toBeLessThanOrEqual(24);
      expect(m.legend, q).toBeLessThan(m.form);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const lang of ['en', 'zh']) {
    it(`the playground (${lang}): what a tapped output cell reads is said on the screen, under the figure, before the form`, async () => {
      const { page, errors } = await h.open(`?i=5x5&k=3&s=2&p=1&lang=${lang}`, PHONE);
      const box = (await page.$eval('#svg-output', (s) => { const r = s.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; }));
      // The middle of the 3×3 output: cell (1,1).
      await page.mouse.click(box.x + box.w / 2, box.y + box.h / 2);
      await page.waitForFunction(() => (document.getElementById('hover-text')!.textContent ?? '') !== '');
      const m = await page.evaluate(() => {
        const rect = (s: string) => document.querySelector(s)!.getBoundingClientRect();
        return { text: document.getElementById('hover-text')!.textContent, hover: rect('#hover-text'), figure: rect('#figure-box').bottom, form: rect('#controls').top };
      });
      expect(m.text).toMatch(lang === 'en' ? /Output \(1,1\)/ : /输出/);
      expect(m.hover.top).toBeGreaterThanOrEqual(m.figure);
      expect(m.hover.bottom).toBeLessThanOrEqual(m.form);
      expect(m.hover.bottom).toBeLessThanOrEqual(PHONE.height);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const [lang, scrolled, header] of [['zh', 12, 'whole'], ['en', 12, 'whole'], ['zh', 30, 'hidden'], ['en', 30, 'hidden']] as const) {
    it(`a tour step opened ${scrolled} px down the page (${lang}) shows the header ${header}, not a strip of it`, async () => {
      const { page, errors } = await h.open(`?tour=6&lang=${lang}`, PHONE);
      await page.evaluate((y) => window.scrollTo({ top: y, behavior: 'instant' }), scrolled);
      // Tapped where it is (a click from the test driver would scroll it into sight first).
      await page.evaluate(() => document.getElementById('tour-next')!.click());
      await page.waitForSelector('#tour-kicker:has-text("7")');
      // The page scrolls to the step's view in the side panels' redraw, a frame or two later.
      await settled(page);
      const r = await page.evaluate(() => { const b = document.querySelector('header.top')!.getBoundingClientRect(); return { top: b.top, bottom: b.bottom }; });
      if (header === 'whole') expect(r.top).toBeGreaterThanOrEqual(0);
      else expect(r.bottom).toBeLessThanOrEqual(0);
      // Either way the player bar above the figure is whole on the screen.
      expect(await page.$eval('.stage > .player', (p) => p.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
