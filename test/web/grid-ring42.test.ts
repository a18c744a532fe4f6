/**
 * Review 42: at 1400×1000, `?i=3&k=3&s=2&p=1&t=1&op=1&lang=zh`, the 6×6 output ended flush with
 * the stage's figure box, which clips, and the focus ring drawn around it lost its right side. The
 * ring must be whole on all four sides for each grid, on a wide screen and a phone: here, the ring
 * as the browser draws it (the outline's width and offset from the computed style, around the
 * grid's box) lies inside every ancestor that clips.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

const CASES = [
  ['?i=3&k=3&s=2&p=1&t=1&op=1&lang=zh', 1400, 1000],
  ['?i=3&k=3&s=2&p=1&t=1&op=1&lang=en', 1280, 800],
  ['?i=5&k=3&s=1&p=0&lang=en', 1400, 1000],
  ['?i=8&k=3&s=2&p=1&lang=zh', 390, 844],
  ['?i=3&k=3&s=2&p=1&t=1&op=1&lang=en', 390, 844],
] as const;

describe('the grids’ focus ring', () => {
  for (const [query, width, height] of CASES) {
    it(`is whole on all four sides: ${query} at ${width}×${height}`, async () => {
      const { page, errors } = await h.open(query, { width, height });
      for (const id of ['svg-grid', 'svg-kernel', 'svg-output']) {
        await page.focus(`#${id}`);
        // A key makes the focus the keyboard's, as a reader who tabbed there has it.
        await page.keyboard.press('ArrowRight');
        const cut = await page.evaluate((id) => {
          const svg = document.getElementById(id)!;
          const cs = getComputedStyle(svg);
          if (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0) return ['no ring'];
          const out = parseFloat(cs.outlineOffset) + parseFloat(cs.outlineWidth);
          const r = svg.getBoundingClientRect();
          const ring = { left: r.left - out, right: r.right + out, top: r.top - out, bottom: r.bottom + out };
          const cuts: string[] = [];
          for (let e = svg.parentElement; e; e = e.parentElement) {
            const ecs = getComputedStyle(e);
            if ((ecs.overflowX === 'visible' && ecs.overflowY === 'visible') || ecs.display === 'contents') continue;
            const b = e.getBoundingClientRect();
            // The clip is the padding box: the border box less the borders.
            const clip = { left: b.left + e.clientLeft, top: b.top + e.clientTop, right: b.left + e.clientLeft + e.clientWidth, bottom: b.top + e.clientTop + e.clientHeight };
            if (e === document.documentElement || e === document.body) continue;
            const eps = 0.01;
            if (ring.left < clip.left - eps) cuts.push(`left by ${clip.left - ring.left} (${e.id || e.className})`);
            if (ring.right > clip.right + eps) cuts.push(`right by ${ring.right - clip.right} (${e.id || e.className})`);
            if (ring.top < clip.top - eps) cuts.push(`top by ${clip.top - ring.top} (${e.id || e.className})`);
            if (ring.bottom > clip.bottom + eps) cuts.push(`bottom by ${ring.bottom - clip.bottom} (${e.id || e.className})`);
          }
          return cuts;
        }, id);
        expect(cut, id).toEqual([]);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
