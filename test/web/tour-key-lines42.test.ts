/**
 * Review 42: on a phone (390 × 844) the English tour's parts 6, 10 and 13 showed no parameter line
 * under the classic figure, where Chinese showed both: with both lines the step's live line fell
 * below the first screen, so the page put both away, and with them the equivalent convolution's
 * line "ĩ′ = 5×5 · p′ = 1 · a = 1 · s′ = 1", whose p′ and a are what part 10 teaches (p′ what part
 * 6 teaches). Where there is no room the settings line goes first ("kernel 3×3 · stride 2 · …",
 * which the card's prose names), and the primed line stays, on the first screen, above the card,
 * with the step's control and live line still on that screen.
 */
import { describe, expect, it } from 'vitest';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** The tour's classic steps of a transposed layer: their key has the settings line and the primed line. */
const PRIMED = TOUR.map((s, i) => [i + 1, s] as const).filter(([, s]) => s.figure === 'classic' && /(^|&)t=1(&|$)/.test(s.query)).map(([n]) => n);

describe('the phone tour keeps the line the step teaches', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`each transposed classic step at 390×844 (${lang}): the primed line on the first screen above the card, the control and live line too`, async () => {
      expect(PRIMED).toEqual(expect.arrayContaining([6, 7, 10, 13]));
      for (const n of PRIMED) {
        const { page, context, errors } = await h.open(`?tour=${n}&lang=${lang}`, { width: 390, height: 844 });
        await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
        const m = await page.evaluate(() => {
          const shown = Array.from(document.querySelectorAll<HTMLElement>('#classic-key-lines .key-line')).filter((l) => l.getClientRects().length > 0);
          const primed = shown.find((l) => /p′ = \d/.test(l.textContent ?? ''));
          const bottom = (id: string) => {
            const el = document.getElementById(id);
            return el && !el.hidden && el.textContent ? el.getBoundingClientRect().bottom + window.scrollY : 0;
          };
          return {
            primed: primed ? { text: primed.textContent, top: primed.getBoundingClientRect().top, bottom: primed.getBoundingClientRect().bottom } : null,
            card: document.getElementById('tour')!.getBoundingClientRect().top,
            lowest: Math.max(bottom('try-control'), bottom('tour-now')),
            scrollY: window.scrollY,
          };
        });
        expect(m.scrollY, `part ${n}`).toBe(0);
        // The line the step teaches, the one the English page dropped.
        expect(m.primed, `part ${n} (${lang})`).not.toBeNull();
        expect(m.primed!.text, `part ${n}`).toMatch(/ĩ′ = \d+×\d+.*p′ = \d+.*a = \d+/);
        expect(m.primed!.top, `part ${n}`).toBeGreaterThanOrEqual(0);
        expect(m.primed!.bottom, `part ${n}`).toBeLessThanOrEqual(m.card);
        // Not at the cost of the step's control and what it gives.
        expect(m.lowest, `part ${n}`).toBeGreaterThan(0);
        expect(m.lowest, `part ${n}`).toBeLessThanOrEqual(844);
        expect(errors).toEqual([]);
        await context.close();
      }
    }, 180_000);
  }
});
