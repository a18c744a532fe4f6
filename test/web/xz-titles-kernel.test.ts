/**
 * The phone tour's classic figure shows its kernel while the Matrix tab is open, in Chromium: there
 * the figure is its planes alone with the legend row under them, and the kernel — whose cells take
 * the matrix's tap colours while the tab is open — was never shown, so tour step 6's colours could
 * not be matched with Cᵀ. With the tab open the kernel window sits beside the legend, on the first
 * screen with the step's control; with another tab it goes away again.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TAP_COLOURS } from '../../web/src/palette.js';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();
const STEP = TOUR.findIndex((s) => s.id === 'transposed-1') + 1;

/** The kernel window's box on screen (null: not shown). */
const kernelBox = (page: Page) =>
  page.$eval('#svg-classic-key', (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? { top: r.top, bottom: r.bottom, w: r.width, h: r.height } : null;
  });

describe('the phone tour’s classic kernel with the Matrix tab', () => {
  it(`step ${STEP} (zh) at 390×844: the kernel in the matrix's colours beside the legend, the control still on the first screen`, async () => {
    const { page, errors } = await h.open(`?tour=${STEP}&lang=zh`, { width: 390, height: 844 });
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
    const fills = await page.$$eval('#classic-base [fill]', (es) => es.map((e) => e.getAttribute('fill')!.toLowerCase()));
    expect(TAP_COLOURS.slice(0, 9).every((c) => fills.includes(c.toLowerCase()))).toBe(true);
    // Another tab: the kernel is plain again and goes away, the planes get the room back.
    const planes = await page.$eval('#svg-classic', (e) => e.getBoundingClientRect().height);
    await page.click('#tab-formula');
    await expect.poll(() => kernelBox(page)).toBeNull();
    await expect.poll(() => page.$eval('#svg-classic', (e) => e.getBoundingClientRect().height)).toBeGreaterThan(planes);
    expect(errors).toEqual([]);
  });

  it(`step ${STEP} (en) at 390×844: where the kernel row would push the step's control off the first screen, the control wins`, async () => {
    const { page, errors } = await h.open(`?tour=${STEP}&lang=en`, { width: 390, height: 844 });
    await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
    expect(await page.$eval('#try-control', (e) => e.getBoundingClientRect().bottom)).toBeLessThanOrEqual(844);
    const shown = (await kernelBox(page)) !== null;
    expect(await page.$eval('#classic-key', (e) => e.hasAttribute('data-no-room'))).toBe(!shown);
    expect(errors).toEqual([]);
  });
});
