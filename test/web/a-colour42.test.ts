/**
 * Review 42: output padding `a` had two colours, yellow in the grids and the output's teal at 30 %
 * in the classic figure and its export, where it read as more output. It is one colour now: the
 * grids' `a` cells and the classic figure's (each followed by its printed `a`) share a fill, with and
 * without the colour-blind palette.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();
const LAYER = '?i=3&k=3&s=2&p=1&t=1&op=1&lang=en';

describe('output padding a', () => {
  for (const cb of ['0', '1']) {
    it(`has one colour in the grids and the classic figure (cb=${cb})`, async () => {
      const grids = await h.open(`${LAYER}&cb=${cb}&fig=grids`);
      const inGrids = await grids.page.$eval('#svg-grid path[data-kind="extra"]', (p) => p.getAttribute('fill'));
      await grids.page.close();
      const classic = await h.open(`${LAYER}&cb=${cb}&fig=classic`);
      const m = await classic.page.evaluate(() => {
        // Each `a` cell is drawn just before the `a` printed in it.
        const marks = Array.from(document.querySelectorAll('#svg-classic text')).filter((t) => t.textContent === 'a');
        const fills = new Set(marks.map((t) => t.previousElementSibling?.getAttribute('fill')));
        return { marks: marks.length, fills: [...fills] };
      });
      expect(m.marks).toBeGreaterThan(0);
      expect(m.fills).toEqual([inGrids]);
      expect(classic.errors).toEqual([]);
      await classic.page.close();
    });
  }
});
