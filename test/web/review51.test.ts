/**
 * A student's review of the page (2026-12-07), two defects found and pinned:
 * - Part 4's card counted the weights of a layer with 64 output channels (1728 + 64 = 1792) beside
 *   a figure, a Formula tab and a live line that all show the layer's 4 (112 parameters), with
 *   nothing to say the 64 was another layer. The card now says that 64 is a typical first
 *   layer's (Chinese: and that the figure draws a few). English says no more: its phone card
 *   must keep the live line on the first screen (layout33 and stage pin it), one line to spare.
 * - The playground's own layer made transposed (5×5, stride 2, padding 1 → 9×9) has a Cᵀ of 81×25:
 *   past the old 64-row limit of the tutorial's picture, it was drawn as the large picture, 4 px a
 *   cell, with no weight, index or vector legible. It is now the tutorial's picture (vectors,
 *   indices, each weight named) in a box that scrolls; a 100×144 C stays the large picture.
 * - On a phone the grids' pictures could be squeezed by their columns (max-width: 100%), the
 *   grid giving a long caption's line the room: the tour's part 8 drew Cᵀz 78 px wide for the 112
 *   fitted, its digits 6 px high beside a full-size input; the playground's transposed layer its
 *   output at 129 px for 161. The three grids are promised one cell size (views.ts).
 * - The last part's two ways on ("退出导览，保留这一层" and "用图片试试") touched on a desktop: their
 *   row had the class of the card's Previous/Next row, which the desktop card lays out as contents,
 *   so its gap was lost.
 */
import { describe, expect, it } from 'vitest';
import { MIN_CELL, VECTOR_LIMIT } from '../../web/src/matrix-view.js';
import { TOUR, fill } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

describe('part 4 says that its count of 64 output channels is not the figure’s layer', () => {
  const step = TOUR.find((s) => s.id === 'channels')!;
  const text = (lang: 'en' | 'zh') => fill(step.text[lang], step.vars?.() ?? {});

  it('in English', () => {
    expect(text('en')).toContain('A typical first layer, with I = 3 input and O = 64 output channels');
  });

  it('in Chinese', () => {
    expect(text('zh')).toContain('图中只画出了几个输出通道，常见的第一层则有 64 个：记输入通道数为 I、输出通道数为 O');
  });

  it('and the figure’s layer is the one the live line counts, not 64', () => {
    expect(new URLSearchParams(step.query).get('co')).not.toBe('64');
  });
});

describe('the transposed playground layer’s Cᵀ (81×25) is the tutorial’s picture', () => {
  it('has the limit that takes in a 10×10 side', () => {
    expect(VECTOR_LIMIT).toBeGreaterThanOrEqual(100);
  });

  for (const [lang, width, height, m] of [['en', 1280, 800, 'ct'], ['zh', 390, 844, 'ct'], ['en', 1280, 800, 'c']] as const) {
    it(`${m === 'ct' ? 'Cᵀ' : 'C'} at ${width}×${height} (${lang}): vectors, indices and named weights in cells of at least ${MIN_CELL} px`, async () => {
      const { page, errors } = await h.open(`?i=5&k=3&s=2&p=1&t=1&m=${m}&tab=matrix&lang=${lang}`, { width, height });
      const [rows, cols] = m === 'ct' ? ['81', '25'] : ['25', '81'];
      await page.waitForSelector(`#svg-matrix[data-rows="${rows}"][data-cols="${cols}"]`, { state: 'attached' });
      const r = await page.evaluate(`(() => {
        const svg = document.getElementById('svg-matrix');
        const frame = svg.querySelector('[data-matrix-frame]').getBoundingClientRect();
        return {
          vectors: svg.querySelectorAll('[data-vector]').length,
          cell: frame.width / Number(svg.dataset.cols),
          named: Array.from(svg.querySelectorAll('text')).filter((t) => /^w[₀-₉]{2}$/.test(t.textContent)).length,
        };
      })()`) as { vectors: number; cell: number; named: number };
      expect(r.vectors).toBe(2);
      expect(r.cell).toBeGreaterThanOrEqual(MIN_CELL);
      // Every non-empty entry is named: 81 outputs, each reading 1, 2 or 4 of the 9 taps.
      expect(r.named).toBe(Number(await page.getAttribute('#svg-matrix', 'data-entries')));
      expect(r.named).toBeGreaterThan(81);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('the last part’s two ways on stand apart', () => {
  for (const [lang, width, height] of [['zh', 1280, 800], ['en', 1400, 1000], ['en', 390, 844]] as const) {
    it(`${width}×${height} (${lang})`, async () => {
      const { page } = await h.open(`?tour=13&lang=${lang}`, { width, height });
      const [a, b] = await page.evaluate(`['tour-end-free', 'tour-end-pictures'].map((id) => {
        const r = document.getElementById(id).getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      })`) as { left: number; right: number; top: number; bottom: number }[];
      // Side by side, or the second wrapped under the first: either way at least the row's 6 px apart.
      const sideBySide = b.top < a.bottom;
      if (sideBySide) expect(b.left - a.right).toBeGreaterThanOrEqual(5.5);
      else expect(b.top - a.bottom).toBeGreaterThanOrEqual(5.5);
      await page.close();
    });
  }
});

describe('the grids are drawn at their fitted size, one cell size for all three', () => {
  for (const [q, width, height] of [['?tour=8&lang=en', 390, 844], ['?i=5&k=3&s=2&p=1&t=1&lang=en', 390, 844], ['?tour=8&lang=zh', 390, 844], ['?tour=8&lang=en', 1280, 800]] as const) {
    it(`${q} at ${width}×${height}`, async () => {
      const { page } = await h.open(q, { width, height });
      const r = await page.evaluate(`['svg-grid', 'svg-output'].map((id) => {
        const s = document.getElementById(id);
        return { asked: parseFloat(s.style.width), drawn: s.getBoundingClientRect().width, side: Number(s.getAttribute('width')) };
      })`) as { asked: number; drawn: number; side: number }[];
      for (const p of r) expect(p.drawn).toBeGreaterThanOrEqual(p.asked - 0.5);
      // One scale for both pictures: drawn width over the picture's own width (its cells and pad).
      const [input, output] = r.map((p) => p.drawn / p.side);
      expect(Math.abs(input - output)).toBeLessThan(0.01);
      // Within the figure's box.
      const over = await page.evaluate(`(() => {
        const box = document.getElementById('views').getBoundingClientRect();
        return Math.max(...Array.from(document.querySelectorAll('#views .panel')).filter((p) => p.getClientRects().length).map((p) => p.getBoundingClientRect().right)) - box.right;
      })()`) as number;
      expect(over).toBeLessThanOrEqual(0.5);
      await page.close();
    });
  }
});
