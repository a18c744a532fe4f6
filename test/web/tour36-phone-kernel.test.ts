/**
 * The phone tour shows the classic figure's kernel (review 36). At 390 × 844 the tour's figure was
 * its planes alone with the legend under them: the kernel (w₀₀ … w₂₂) and the parameter line
 * ("kernel 3×3 · stride 1 · padding 0 · dilation 1") that sit beside the planes on a desktop were
 * left out, except in Chinese at step 6, where the Matrix tab brought the kernel and the shorter
 * prose left it room. Step 1 speaks of "the kernel" and a student on a phone never saw it. The
 * planes, fitted to the height the step's prose leaves, spanned half the width: the kernel now
 * stands in the other half, beside them, on the first screen of every classic step in both
 * languages, its weight names at 11 px or more, the step's control still on that screen; the parameter line is under the figure where the prose leaves room (step 1 in both).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** Each of the kernel's weight names as shown on screen: where, and at what size (CSS px); none: not shown. */
function kernelOnScreen(page: Page) {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('#svg-classic')!;
    const names = Array.from(svg.querySelectorAll<SVGTextElement>('#classic-base text')).filter((t) => /^w\S+$/.test(t.textContent ?? ''));
    const shown: { text: string; px: number; top: number; bottom: number }[] = [];
    // Windows onto the drawing: the ones beside the planes in the figure, and the key's kernel under it.
    const vb = svg.viewBox.baseVal;
    const r = svg.getBoundingClientRect();
    const k = r.width / vb.width;
    for (const g of Array.from(svg.querySelectorAll<SVGGElement>(':scope > g > g[transform]'))) {
      const m = /translate\(([-\d.e]+) ([-\d.e]+)\) scale\(([-\d.e]+)\) translate\(([-\d.e]+) ([-\d.e]+)\)/.exec(g.getAttribute('transform')!)!.slice(1).map(Number);
      const id = /url\(#(.+)\)/.exec(g.querySelector('[clip-path]')!.getAttribute('clip-path')!)![1];
      const c = document.getElementById(id)!.querySelector('rect')!;
      const box = [c.x.baseVal.value, c.y.baseVal.value, c.width.baseVal.value, c.height.baseVal.value];
      // A drawing point (x, y) lands at translate + scale·(point − part origin), in the viewBox's units.
      for (const t of names) {
        const x = Number(t.getAttribute('x')), y = Number(t.getAttribute('y'));
        if (x < box[0] || x > box[0] + box[2] || y < box[1] || y > box[1] + box[3]) continue;
        const sy = r.top + (m[1] - vb.y + m[2] * (y + m[4])) * k;
        const px = Number(t.getAttribute('font-size')) * m[2] * k;
        shown.push({ text: t.textContent!, px, top: sy - px, bottom: sy });
      }
    }
    const key = document.querySelector<SVGSVGElement>('#svg-classic-key')!;
    const kr = key.getBoundingClientRect();
    if (kr.width > 0 && kr.height > 0) {
      const kvb = key.viewBox.baseVal;
      const s = kr.width / kvb.width;
      for (const t of names) {
        const x = Number(t.getAttribute('x')), y = Number(t.getAttribute('y'));
        if (x < kvb.x || x > kvb.x + kvb.width || y < kvb.y || y > kvb.y + kvb.height) continue;
        const px = Number(t.getAttribute('font-size')) * s;
        const sy = kr.top + (y - kvb.y) * s;
        shown.push({ text: t.textContent!, px, top: sy - px, bottom: sy });
      }
    }
    const card = document.querySelector('#tour')!.getBoundingClientRect().top;
    const lines = document.querySelector<HTMLElement>('#classic-key-lines')!;
    return {
      names: names.map((t) => t.textContent!),
      shown,
      card,
      control: document.querySelector('#try-control')!.getBoundingClientRect().bottom,
      lines: lines.getBoundingClientRect().height > 0 ? lines.textContent : null,
      planes: Number(document.querySelector('#classic-clip-planes rect')?.getAttribute('width') ?? vb.width) * k,
      scrollY: window.scrollY,
    };
  });
}

const CLASSIC = TOUR.map((s, i) => [i + 1, s.figure] as const).filter(([, f]) => f === 'classic').map(([n]) => n);

describe('the phone tour shows the classic figure’s kernel', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`every classic step at 390×844 (${lang}): the kernel on the first screen, above the card, legible; the control still on that screen`, async () => {
      expect(CLASSIC.length).toBeGreaterThanOrEqual(6);
      const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: 'reduce' });
      const page = await context.newPage();
      for (const n of CLASSIC) {
        await page.goto(`${h.url}?tour=${n}&lang=${lang}`);
        await page.waitForSelector('body[data-ready="1"]');
        await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
        const m = await kernelOnScreen(page);
        expect(m.scrollY, `step ${n}`).toBe(0);
        // The kernel's weight names (nine for 3×3, sixteen for step 13's 4×4), each shown once, on
        // the first screen above the card.
        expect(m.names.length, `step ${n}`).toBeGreaterThanOrEqual(9);
        expect(m.shown.map((s) => s.text).sort(), `step ${n}`).toEqual([...m.names].sort());
        for (const s of m.shown) {
          expect(s.px, `step ${n} ${s.text}`).toBeGreaterThanOrEqual(10.95);
          expect(s.top, `step ${n} ${s.text}`).toBeGreaterThanOrEqual(0);
          expect(s.bottom, `step ${n} ${s.text}`).toBeLessThanOrEqual(m.card);
        }
        // The step's control stays on the first screen, and the planes a picture.
        expect(m.control, `step ${n}`).toBeLessThanOrEqual(844);
        expect(m.planes, `step ${n}`).toBeGreaterThanOrEqual(0.49 * 378);
        // Step 1: the parameter line too, under the figure, in the page's language.
        if (n === 1) expect(m.lines, `step ${n}`).toMatch(lang === 'en' ? /^kernel 3×3 · stride 1 · padding 0 · dilation 1$/ : /^卷积核 3×3，步长 1，填充 0，膨胀率 1$/);
      }
      await context.close();
    }, 240_000);
  }
});
