/**
 * Tour step 4's output planes are sized where the figure's fit counts them: output-strip.ts's
 * STRIP_BUTTON (and, narrow, STRIP_BUTTON_NARROW) is the one home of a plane button's size and
 * the gap between them, which tutorial-views.css reads as --strip-* properties. A size written
 * into the CSS again, or a property the strip no longer sets, makes the buttons other than the
 * fit planned (planes cut off at the row's end, or a row that wraps on a phone).
 */
import { describe, expect, it } from 'vitest';
import { STRIP_BUTTON, STRIP_BUTTON_NARROW } from '../../web/src/output-strip.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

describe('tour step 4: the strip’s buttons are the sizes its fit counts with', () => {
  for (const [name, view, size, wide] of [
    ['desktop', { width: 1280, height: 800 }, STRIP_BUTTON, true],
    ['phone', { width: 390, height: 844 }, STRIP_BUTTON_NARROW, false],
  ] as const) {
    it(name, async () => {
      const { page, errors } = await h.open('?tour=4&lang=en', view);
      await page.fill('#try-control', '16');
      await page.press('#try-control', 'Tab');
      await expect.poll(() => page.$$eval('[data-output-plane]', (es) => es.length)).toBeGreaterThan(2);
      const got = await page.$eval('[data-output-strip]', (strip) => {
        const plane = getComputedStyle(strip.querySelector('[data-output-plane]')!);
        const row = getComputedStyle(strip.querySelector('.output-strip-row')!);
        return { compact: strip.classList.contains('compact'), width: plane.width, minWidth: plane.minWidth, minHeight: plane.minHeight, gap: row.columnGap };
      });
      expect(got.compact).toBe(!wide);
      // Wide, every button is the plane's width; narrow, at least it (a long value widens one).
      expect(wide ? got.width : got.minWidth).toBe(`${size.w}px`);
      expect(got.minHeight).toBe(`${size.h}px`);
      expect(got.gap).toBe(`${size.gap}px`);
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
