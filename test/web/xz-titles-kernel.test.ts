/**
 * The phone tour's classic figure shows its kernel while the Matrix tab is open, in Chromium: there
 * the figure was its planes alone with the legend row under them, and the kernel — whose cells take
 * the matrix's tap colours while the tab is open — was never shown, so tour step 6's colours could
 * not be matched with Cᵀ. The kernel now stands beside the planes at every classic step (review 36,
 * tour36-phone-kernel.test.ts); with the tab open its cells carry the matrix's colours, on the
 * first screen with the step's control, and with another tab they are plain again.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TAP_COLOURS } from '../../web/src/palette.js';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();
const STEP = TOUR.findIndex((s) => s.id === 'transposed-1') + 1;

/** The kernel's window beside the planes, on screen (null: not shown there). */
const kernelBox = (page: Page) =>
  page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('#svg-classic')!;
    const names = Array.from(svg.querySelectorAll('#classic-base text')).filter((t) => /^w/.test(t.textContent ?? ''));
    for (const g of Array.from(svg.querySelectorAll<SVGGElement>(':scope > g > g[transform]'))) {
      const id = /url\(#(.+)\)/.exec(g.querySelector('[clip-path]')!.getAttribute('clip-path')!)![1];
      const c = document.getElementById(id)!.querySelector('rect')!;
      const [x, y, w, hh] = [c.x.baseVal.value, c.y.baseVal.value, c.width.baseVal.value, c.height.baseVal.value];
      if (!names.some((t) => Number(t.getAttribute('x')) >= x && Number(t.getAttribute('x')) <= x + w && Number(t.getAttribute('y')) >= y && Number(t.getAttribute('y')) <= y + hh)) continue;
      const r = g.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? { top: r.top, bottom: r.bottom, w: r.width, h: r.height } : null;
    }
    return null;
  });

/** Whether the figure's drawing holds every one of the matrix's first nine tap colours. */
const tapColoured = (page: Page) =>
  page.$$eval('#classic-base [fill]', (es, taps) => {
    const fills = es.map((e) => e.getAttribute('fill')!.toLowerCase());
    return taps.every((c) => fills.includes(c.toLowerCase()));
  }, TAP_COLOURS.slice(0, 9));

describe('the phone tour’s classic kernel with the Matrix tab', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`step ${STEP} (${lang}) at 390×844: the kernel in the matrix's colours beside the planes, the control still on the first screen`, async () => {
      const { page, errors } = await h.open(`?tour=${STEP}&lang=${lang}`, { width: 390, height: 844 });
      await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
      expect(await page.getAttribute('body', 'data-side')).toBe('matrix');
      const box = await kernelBox(page);
      expect(box).not.toBeNull();
      // A 3×3 kernel drawn at legible size, on the first screen, above the step's control.
      expect(box!.h).toBeGreaterThan(60);
      const control = await page.$eval('#try-control', (e) => e.getBoundingClientRect().bottom);
      expect(box!.bottom).toBeLessThan(control);
      expect(control).toBeLessThanOrEqual(844);
      // What the window shows is the figure's kernel in the taps' colours (the drawing it is a window onto).
      expect(await tapColoured(page)).toBe(true);
      // Another tab: the kernel stays, plain again.
      await page.click('#tab-formula');
      await expect.poll(() => tapColoured(page)).toBe(false);
      expect(await kernelBox(page)).not.toBeNull();
      expect(errors).toEqual([]);
    });
  }
});
