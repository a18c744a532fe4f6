/**
 * Review 34, A5: at 1280×800 the grids' captions of a layer with several channels run to three
 * lines ("Input with inserted zeros and padding 16×16 → 35×35 · channel 0"), and the grids were
 * fitted as if each took one: the views grew past their box and spilled up under the View row,
 * which cut the captions in half. Every caption's box now lies inside the figure's box, below the
 * View row, at 1280×800 and 1366×900, in English and Chinese.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

const LAYERS = {
  'ConvTranspose2d(64, 32, 4, 2, 1)': 'i=16&k=4&s=2&p=1&t=1&ci=64&co=32',
  'the same with one channel': 'i=16&k=4&s=2&p=1&t=1',
};

describe('grid captions stay inside the stage', () => {
  for (const [width, height] of [[1280, 800], [1366, 900]] as const) {
    it(`${width}×${height}: each caption lies inside the figure's box, under the View row`, async () => {
      for (const lang of ['en', 'zh'] as const) {
        for (const [name, q] of Object.entries(LAYERS)) {
          const { page, errors } = await h.open(`?${q}&lang=${lang}`, { width, height });
          const m = await page.evaluate(() => {
            const r = (el: Element) => el.getBoundingClientRect();
            const box = r(document.getElementById('figure-box')!);
            const row = r(document.getElementById('view')!);
            const caps = ['cap-grid', 'cap-kernel', 'cap-output'].map((id) => {
              const c = r(document.getElementById(id)!);
              return { id, top: c.top, bottom: c.bottom };
            });
            return { box: { top: box.top, bottom: box.bottom }, row: row.bottom, caps };
          });
          for (const c of m.caps) {
            const where = `${lang} ${name} ${c.id}`;
            expect(c.top, where).toBeGreaterThanOrEqual(m.box.top);
            expect(c.top, where).toBeGreaterThanOrEqual(m.row);
            expect(c.bottom, where).toBeLessThanOrEqual(m.box.bottom);
          }
          expect(errors).toEqual([]);
          await page.close();
        }
      }
    }, 180_000);
  }
});
