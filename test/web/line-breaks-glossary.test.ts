/**
 * The glossary (web/GLOSSARY.md) is the home of the page's Chinese terms, and a line never splits
 * one of them (src/i18n/line-breaks.ts): not the page's prose, which keep-together.ts holds with
 * gluedRuns, nor the pictures' subtitles, which the renderer's wrapLine breaks. The terms are read
 * from the glossary's 中文 column, so a row added there is held, or this test says it is not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gluedRuns } from '../../src/i18n/line-breaks.js';
import { allLabels } from '../../src/render/labels.js';
import { wrapLine } from '../../src/render/layout/text.js';
import { textWidth } from '../../src/render/raster/font.js';

/**
 * Pieces of the 中文 column that are examples or phrases around a term, not terms: a sentence the
 * page says (图中只画出了…), a term with the words of its example (步长为, 倍显示), or a phrase whose
 * terms are held each on its own (叠加的卷积核: 叠加 and 卷积核).
 */
const NOT_TERMS = new Set([
  '步长为', '步长大于', '图中只画出了', '个输入通道中的', '又称微步卷积', '的卷积核', '等价的普通卷积', '链接中被忽略的值',
  '倍显示', '分别作用在每个颜色上', '叠加的卷积核', '所有权重相等', '本练习专用的一层', '填入一个数', '超出了', '的范围', '只差',
  '的舍入误差', '唯一的输出通道把它们加在一起',
  // Phrases built of held terms (输出单元, 输入单元, 位置): the stacked figure's key, part 9's Now line.
  '与该输出位置相同的输入单元', '内部输出单元',
]);

/** The glossary's Chinese column, cut at its separators into runs of two or more Han characters. */
function glossaryPieces(): string[] {
  const md = readFileSync(new URL('../../web/GLOSSARY.md', import.meta.url), 'utf8');
  const pieces = new Set<string>();
  for (const line of md.split('\n')) {
    if (!line.startsWith('|') || line.startsWith('|---')) continue;
    const zh = line.split('|')[3]?.trim() ?? '';
    if (zh === '中文') continue;
    for (const p of zh.split(/[/、，,；：（）()…\s“”—]+/)) if (/^[\u4e00-\u9fff]{2,}$/.test(p)) pieces.add(p);
  }
  return [...pieces];
}

const TERMS = glossaryPieces().filter((p) => !NOT_TERMS.has(p));
/** Besides the glossary's rows: the words its terms are made of (the task's "卷积, 输入, 输出"). */
const WORDS = [...TERMS, '卷积', '输入', '输出'];

/** The terms a break between `before` and `after` cuts in two. */
function cut(before: string, after: string): string[] {
  return WORDS.filter((w) => Array.from({ length: w.length - 1 }, (_, i) => i + 1).some((k) => before.endsWith(w.slice(0, k)) && after.startsWith(w.slice(k))));
}

describe('the glossary’s Chinese terms are never split across lines', () => {
  it('reads the terms from the glossary, and every piece it leaves out is still there', () => {
    // Enough to be the glossary (some 90 terms), and the list of phrases left out does not rot.
    expect(TERMS.length).toBeGreaterThan(80);
    expect(TERMS).toEqual(expect.arrayContaining(['卷积核', '转置卷积', '输入通道', '感受野', '像素', '副本']));
    const pieces = new Set(glossaryPieces());
    expect([...NOT_TERMS].filter((p) => !pieces.has(p))).toEqual([]);
  });

  it('gluedRuns holds each term whole, between any two characters', () => {
    const torn = WORDS.filter((w) => !gluedRuns(`我们${w}看`).some((r) => r.keep && r.text.includes(w)));
    expect(torn).toEqual([]);
  });

  it('the renderer’s wrapLine never breaks a term of a Chinese picture label, at any width', () => {
    const texts = allLabels().filter((t) => /[\u4e00-\u9fff]{4}/.test(t)).map((t) => t.replace(/\{\w+\}/g, '2'));
    let wrapped = 0;
    for (const text of texts) {
      const full = textWidth(text, 12);
      for (let w = 24; w < full; w++) {
        const lines = wrapLine(text, 12, w);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
        if (lines.length > 1) wrapped++;
        const cuts = lines.slice(1).flatMap((l, i) => cut(lines[i].trimEnd(), l.trimStart()));
        expect(cuts, `${w} px: ${lines.join(' / ')}`).toEqual([]);
      }
    }
    // Wrapped at many widths, else nothing was tested.
    expect(wrapped).toBeGreaterThan(100);
  });
});
