/**
 * Student review R1, three figure defects:
 *
 * 1. The classic figure drew padding and the zeros a transposed convolution inserts both white,
 *    told apart by short vs long dashes only, which a phone does not show (tour part 7). The
 *    inserted zeros are now filled grey, as in the grids (the renderer's rule: inserted-zeros44).
 * 2. The Chinese dilation legend read "卷积核 权重" and "空洞 （ 跳过）": the page wraps glossary
 *    words in spans that do not break (keep-together.ts), and each span became an item of the
 *    legend entry's flex box, its gap between them. The entry's words are one box now.
 * 3. Arriving at tour part 8 or 11 on a desktop (Next from the part before) scrolled the stage
 *    84 px to bring the step's view into sight, past the player bar (play button at y = −16).
 *    The player stays in sight, and the view's heading still shows under the figure.
 */
import { describe, expect, it } from 'vitest';
import { hex, palette } from '../../src/render/palette.js';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();

describe('tour part 7: the classic figure fills the inserted zeros grey, not the padding', () => {
  for (const [w, hgt] of [[1400, 1000], [390, 844]] as const) {
    it(`at ${w}×${hgt}`, async () => {
      const { page, errors } = await h.open('?tour=7', { width: w, height: hgt });
      await settled(page);
      const grey = hex(palette('default').inserted);
      const m = await page.evaluate((grey) => {
        const filled = Array.from(document.querySelectorAll(`#classic-base [fill="${grey}"]`));
        // Cells drawn one per polygon, or merged into one path of subpaths (svg.ts mergeShapes).
        const cells = filled.filter((e) => e.tagName !== 'rect').reduce((n, e) => n + ((e.getAttribute('d') ?? '').split('M').length - 1 || 1), 0);
        return { cells, swatch: filled.some((e) => e.tagName === 'rect') };
      }, grey);
      // 2×2 input, one zero between its cells on each axis: 5 inserted zeros in its 3×3 middle.
      expect(m.cells).toBe(5);
      expect(m.swatch).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});

describe('the dilation legend reads as written', () => {
  for (const lang of ['zh', 'en'] as const) {
    for (const [w, hgt] of [[1400, 1000], [390, 844]] as const) {
      it(`${lang} at ${w}×${hgt}: each entry's words are as wide as the words set plainly, with no gap inside`, async () => {
        const { page, errors } = await h.open(`?tour=11&lang=${lang}`, { width: w, height: hgt });
        await settled(page);
        const items = await page.$$eval('#dilation-view .dilation-key-item', (els) => els.map((item) => {
          const text = item.textContent ?? '';
          // The words as laid out: from the first text node's first character to the last one's end.
          const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
          const nodes: Text[] = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.length) nodes.push(n as Text);
          const range = document.createRange();
          range.setStart(nodes[0], 0);
          const last = nodes[nodes.length - 1];
          range.setEnd(last, last.data.length);
          const laid = range.getBoundingClientRect();
          // The same words in one plain span of the same font.
          const plain = document.createElement('span');
          plain.style.cssText = 'position: absolute; white-space: nowrap; visibility: hidden';
          plain.textContent = text;
          item.append(plain);
          const width = plain.getBoundingClientRect().width;
          plain.remove();
          return { text, laid: laid.width, plain: width };
        }));
        expect(items.length).toBe(3);
        expect(items.slice(0, 2).map((i) => i.text)).toEqual(lang === 'zh' ? ['卷积核权重', '空洞（跳过）'] : ['kernel tap', 'hole (skipped)']);
        for (const i of items) expect(Math.abs(i.laid - i.plain), `${i.text}: ${i.laid.toFixed(1)} laid out, ${i.plain.toFixed(1)} plain`).toBeLessThan(1.5);
        expect(errors).toEqual([]);
        await page.close();
      }, 60_000);
    }
  }
});

describe('tour parts 8 and 11 on a desktop: the player bar stays in sight', () => {
  for (const lang of ['en', 'zh'] as const) {
    for (const [n, view, heading] of [[8, '#pair-panel', '#pair-panel h2'], [11, '#dilation-view', '#dilation-view summary']] as const) {
      it(`Next from part ${n - 1} to ${n} at 1400×1000 (${lang})`, async () => {
        const { page, errors } = await h.open(`?tour=${n - 1}&lang=${lang}`, { width: 1400, height: 1000 });
        await settled(page);
        await page.click('#tour-next');
        await settled(page);
        expect(await page.getAttribute('#tour', 'data-tour-step')).toBe(String(n));
        const m = await page.evaluate(([view, heading]) => {
          const stage = document.getElementById('stage')!;
          const r = stage.getBoundingClientRect();
          const top = r.top + stage.clientTop, bottom = top + stage.clientHeight;
          const box = (s: string) => document.querySelector(s)!.getBoundingClientRect();
          const controls = ['#btn-play', '#btn-first', '#step-count', '#figure'].map((s) => [s, box(s).top, box(s).bottom] as const);
          return { top, bottom, controls, figure: box('[data-stage]').top, figureBottom: box('[data-stage]').bottom, view: box(view).top, heading: box(heading).bottom };
        }, [view, heading] as const);
        for (const [s, t, b] of m.controls) {
          expect(t, `${s} top`).toBeGreaterThanOrEqual(m.top - 0.5);
          expect(b, `${s} bottom`).toBeLessThanOrEqual(m.bottom + 0.5);
        }
        // The figure and, under it, the view's heading are still in sight (tour-reveal36).
        expect(m.figure).toBeGreaterThanOrEqual(m.top - 1);
        expect(m.view).toBeGreaterThanOrEqual(m.figureBottom);
        expect(m.heading).toBeLessThanOrEqual(m.bottom + 1);
        expect(errors).toEqual([]);
        await page.close();
      }, 60_000);
    }
  }
});
