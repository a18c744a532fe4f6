/**
 * The textScale render option: a picture shown smaller than its own pixels (the page's classic
 * figure on a phone) asks for larger text. Every text primitive grows by the factor, lines of text
 * keep apart, and nothing is printed outside the picture; without the option nothing changes.
 */
import { describe, expect, it } from 'vitest';
import { isConvError } from '../../src/geometry/errors.js';
import { renderSvg } from '../../src/render/index.js';
import type { RenderOptions } from '../../src/render/options.js';
import { textWidth } from '../../src/render/raster/font.js';
import { wrapLine } from '../../src/render/layout/text.js';
import { sceneOf } from '../../src/render/scene-of.js';
import type { Prim } from '../../src/render/scene.js';
import type { TraceInput } from '../../src/trace/types.js';

type Text = Extract<Prim, { type: 'text' }>;

const cases: [string, TraceInput, RenderOptions][] = [
  ['direct classic, padded stride 2', { input: [5, 5], kernel: 3, stride: 2, padding: 1 }, { theme: 'classic' }],
  ['transposed k4 s2 p1, direct view (tour step 13)', { input: [4, 4], kernel: 4, stride: 2, padding: 1, transposed: true }, { theme: 'classic' }],
  ['transposed with output padding, Chinese', { input: [4, 4], kernel: 3, stride: 2, transposed: true, outputPadding: 1 }, { theme: 'classic', lang: 'zh' }],
  ['transposed s2, scatter view', { input: [3, 3], kernel: 3, stride: 2, transposed: true }, { view: 'scatter' }],
];

function texts(input: TraceInput, o: RenderOptions): { texts: Text[]; width: number; height: number } {
  const sc = sceneOf(input, o);
  const all = [...sc.base, ...sc.frames[0], ...sc.frames[sc.frames.length - 1]];
  return { texts: all.filter((p): p is Text => p.type === 'text'), width: sc.width, height: sc.height };
}

function box(t: Text): [number, number, number, number] {
  const w = textWidth(t.text, t.size);
  const x0 = t.anchor === 'middle' ? t.x - w / 2 : t.anchor === 'end' ? t.x - w : t.x;
  return [x0, t.y - t.size * 0.8, x0 + w, t.y + t.size * 0.2];
}

describe('textScale', () => {
  for (const [name, input, options] of cases) {
    it(`${name}: 1 draws what no option draws`, () => {
      expect(renderSvg(input, { ...options, textScale: 1, frame: 1 })).toBe(renderSvg(input, { ...options, frame: 1 }));
    });

    it(`${name}: 1.5 prints every text 1.5 times as large, inside the picture, no two lines overlapping`, () => {
      const plain = texts(input, options);
      const big = texts(input, { ...options, textScale: 1.5 });
      // The same words (a long subtitle wraps onto lines of its own) ...
      const words = (ts: Text[]) => ts.map((t) => t.text).join('').replace(/\s/g, '');
      expect(words(big.texts)).toBe(words(plain.texts));
      // ... each 1.5 times as large as it was.
      let j = 0;
      big.texts.forEach((t) => {
        while (!plain.texts[j].text.includes(t.text)) j++;
        const was = plain.texts[j].size;
        // A count or weight name printed in a cell grows only as far as its cell holds it.
        if (/^(\d+|w[₀-₉]+)$/.test(t.text) && t.size < was * 1.5) expect(t.size, t.text).toBeGreaterThan(was);
        else expect(t.size, t.text).toBeCloseTo(was * 1.5, 6);
        if (plain.texts[j].text.endsWith(t.text)) j++;
      });
      const boxes = big.texts.map(box);
      for (const [x0, y0, x1, y1] of boxes) {
        expect(x0).toBeGreaterThanOrEqual(0);
        expect(y0).toBeGreaterThanOrEqual(0);
        expect(x1).toBeLessThanOrEqual(big.width);
        expect(y1).toBeLessThanOrEqual(big.height);
      }
      // Frame 0 and the last frame are alternatives (the step counter of each), not drawn together.
      const nBase = sceneOf(input, { ...options, textScale: 1.5 }).base.filter((p) => p.type === 'text').length;
      const nFrame = (big.texts.length - nBase) / 2;
      const together = boxes.slice(0, nBase + nFrame);
      // Lines of text, that is: what is printed in cells (counts, weight names) sits in its cell.
      const inCell = (i: number) => /^(\d+|w[₀-₉]+)$/.test(big.texts[i].text);
      for (let i = 0; i < together.length; i++) for (let j = i + 1; j < together.length; j++) {
        if (inCell(i) || inCell(j)) continue;
        const [a, b] = [together[i], together[j]];
        const apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
        expect(apart, `${big.texts[i].text} / ${big.texts[j].text}`).toBe(true);
      }
    });
  }

  it('wraps a long subtitle rather than widen the picture', () => {
    for (const lang of ['en', 'zh'] as const) {
      const input = { input: [4, 4], kernel: 4, stride: 2, padding: 1, transposed: true };
      const plain = sceneOf(input, { lang });
      const big = sceneOf(input, { lang, textScale: 1.6 });
      // The lines above the planes (title, subtitle) stay within the unscaled picture's width; the
      // parameter lines under them do widen it.
      const top = big.base.filter((p): p is Text => p.type === 'text' && p.y < big.planes!.output!.oy);
      for (const t of top) expect(box(t)[2], t.text).toBeLessThanOrEqual(plain.width);
      const sub = top.filter((p) => p.size === 12 * 1.6);
      // The English subtitle is longer than the planes are wide; the Chinese one fits on one line.
      expect(sub.length, lang).toBe(lang === 'en' ? 2 : 1);
      // Balanced at a phrase, not 'over the / zero-inserted input'.
      if (lang === 'en') expect(sub.map((t) => t.text)).toEqual(['drawn as a stride-1 convolution', 'over the zero-inserted input']);
    }
  });

  it('balances wrapped words (same number of lines, the break near the middle); Chinese fills each line', () => {
    const en = 'drawn as a stride-1 convolution over the zero-inserted input';
    const w = textWidth(en, 12);
    for (const f of [0.55, 0.7, 0.85]) {
      const lines = wrapLine(en, 12, w * f);
      expect(lines.join(' ')).toBe(en);
      expect(lines.length).toBe(2);
      for (const l of lines) expect(textWidth(l, 12)).toBeLessThanOrEqual(w * f);
      expect(lines).toEqual(['drawn as a stride-1 convolution', 'over the zero-inserted input']);
    }
    // Three lines where two do not fit, each still within the width.
    const three = wrapLine(en, 12, w * 0.4);
    expect(three.length).toBe(3);
    for (const l of three) expect(textWidth(l, 12)).toBeLessThanOrEqual(w * 0.4);
    // Chinese lines are filled to the width; closing punctuation never starts a line.
    const zh = '散射：每个输入单元把卷积核加权叠加到输出上';
    const cut = textWidth('散射', 12) + 1;
    const lines = wrapLine(zh, 12, cut);
    expect(lines.join('')).toBe(zh);
    for (const l of lines) expect(l).not.toMatch(/^[，。、：；]/);
    expect(wrapLine('等价于在插零后的输入上做步长为 1 的卷积', 12, textWidth('等价于在插零后的输入上', 12) + 1)[0]).toBe('等价于在插零后的输入上');
  });

  it('keeps numbers printed in cells inside their cells', () => {
    const input = { input: [5, 5], kernel: 3, stride: 2 };
    const plain = texts(input, { numeric: true });
    const big = texts(input, { numeric: true, textScale: 2 });
    // The 44 px cells hold 14 px values up to 19.8 px, not 28.
    const values = big.texts.filter((t, i) => /^\d+$/.test(t.text) && plain.texts[i].size === 14);
    expect(values.length).toBeGreaterThan(0);
    for (const t of values) expect(t.size).toBeCloseTo(44 * 0.45, 6);
  });

  it('refuses a scale outside 0.5–4, saying what is valid', () => {
    for (const bad of [0, 0.2, 5, Number.NaN, '2']) {
      let err: unknown;
      try {
        renderSvg({ input: 5, kernel: 3 }, { textScale: bad as number });
      } catch (e) {
        err = e;
      }
      expect(isConvError(err) && err.code, String(bad)).toBe('INVALID_OPTION');
      expect((err as Error).message).toMatch(/textScale must be a number from 0\.5 to 4/);
    }
  });
});
