import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';
import { matrixOnPhone } from './matrix-phone.js';
import { lines, shown, splits } from './line-boxes.js';

// Stop 48 (H16): the matrix by keyboard and on a phone. One tab stop for the box and its picture;
// the page's key line says the matrix is reached with Tab; large matrices take the arrows too; the
// weights' names on a phone are readable; the Chinese entry sentence keeps its last symbol with the
// words before it; 元素 is the glossary's word for an entry.
const h = fileHarness();

const entry = (page: Page) => page.evaluate(() => {
  const svg = document.getElementById('svg-matrix')!;
  const k = svg.getBoundingClientRect().width / Number(svg.getAttribute('viewBox')!.split(' ')[2]);
  const cursor = svg.querySelector('[data-entry-cursor]');
  const text = svg.querySelector<SVGTextElement>('[data-entry-callout] text');
  return {
    at: svg.querySelector('[data-entry-callout]')?.getAttribute('data-entry-callout') ?? null,
    callout: text?.textContent ?? null,
    calloutPx: text ? Number(text.getAttribute('font-size')) * k : 0,
    cursor: cursor && cursor.getBoundingClientRect().width > 0 ? cursor.getAttribute('data-entry-cursor') : null,
    cursorPx: cursor ? cursor.getBoundingClientRect().width : 0,
    said: document.getElementById('hover-text')!.textContent ?? '',
  };
});

describe('one tab stop for the matrix', () => {
  it('Tab reaches the picture once and never its box; the picture scrolls the box as the arrows move', async () => {
    // A 6×6 input: C is 16×36, wider than a 1400 px page's side column.
    const { page, errors } = await h.open('?i=6&k=3&s=1&p=0&tab=matrix&lang=en', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows="16"]');
    const stops: string[] = [];
    for (let n = 0; n < 90; n++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => {
        const a = document.activeElement!;
        return a.id || (a as HTMLElement).className || a.tagName;
      }));
    }
    const matrixStops = stops.filter((s) => s === 'svg-matrix' || /matrix-wrap/.test(String(s)));
    // 90 presses go round the page at least once: it meets the picture, and never the box around it.
    expect(matrixStops.length).toBeGreaterThan(0);
    expect(new Set(matrixStops)).toEqual(new Set(['svg-matrix']));
    // From the picture, End goes to row 0's last entry, off to the right: the box scrolls to it.
    await page.focus('#svg-matrix');
    await page.keyboard.press('End');
    const r = await page.evaluate(() => {
      const wrap = document.querySelector('#panel-matrix .matrix-wrap') as HTMLElement;
      const c = document.querySelector('#svg-matrix [data-entry-cursor]')!.getBoundingClientRect();
      const w = wrap.getBoundingClientRect();
      return { scroll: wrap.scrollLeft, inside: c.left >= w.left && c.right <= w.left + wrap.clientWidth };
    });
    expect(r.scroll).toBeGreaterThan(0);
    expect(r.inside).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the page’s key line names the matrix', () => {
  for (const [lang, words] of [['en', [/Tab/, /matrix/, /arrows?/, /entries/]], ['zh', [/Tab/, /矩阵/, /方向键/, /元素/]]] as const) {
    it(lang, async () => {
      const { page } = await h.open(`?lang=${lang}`, { width: 1400, height: 1000 });
      const line = (await page.textContent('.keys-help')) ?? '';
      for (const w of words) expect(line).toMatch(w);
      await page.close();
    });
  }
});

describe('large matrices take the arrow keys', () => {
  it('C of a 12×12 input (100×144, drawn one path per tap): focus names an entry; the arrows move; the line says it', async () => {
    const { page, errors } = await h.open('?i=12&k=3&s=1&p=0&tab=matrix&lang=en', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows="100"]');
    const svg = await page.$eval('#svg-matrix', (s) => ({ tab: s.getAttribute('tabindex'), role: s.getAttribute('role'), label: s.getAttribute('aria-label') ?? '' }));
    expect(svg).toEqual({ tab: '0', role: 'application', label: expect.stringMatching(/Arrow keys move between the matrix’s entries/) });
    await page.focus('#svg-matrix');
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') !== null);
    let s = await entry(page);
    expect([s.at, s.cursor, s.callout]).toEqual(['0,0', '0,0', 'w₀₀ · x₀ → z₀']);
    expect(s.said).toBe('Row 0, column 0 of C: w₀₀, which multiplies x₀ and adds to z₀.');
    expect(s.calloutPx).toBeCloseTo(14, 0);
    expect(s.cursorPx).toBeGreaterThanOrEqual(6);
    // Row 0 reads columns 0–2, 12–14, 24–26; Down goes to row 1's (1–3, 13–15, 25–27) nearest column 12.
    for (let n = 0; n < 3; n++) await page.keyboard.press('ArrowRight');
    s = await entry(page);
    expect([s.at, s.callout]).toEqual(['0,12', 'w₁₀ · x₁₂ → z₀']);
    await page.keyboard.press('ArrowDown');
    expect((await entry(page)).said).toBe('Row 1, column 13 of C: w₁₀, which multiplies x₁₃ and adds to z₁.');
    await page.keyboard.press('Escape');
    expect((await entry(page)).at).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('C of a 32×32 input (900×1024, under half a pixel an entry): the entry is still ringed and named at 14 px, in Chinese too', async () => {
    const { page, errors } = await h.open('?i=32&k=3&s=1&p=0&tab=matrix&lang=zh', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows="900"]');
    await page.focus('#svg-matrix');
    await page.waitForFunction(() => document.querySelector('#svg-matrix [data-entry-callout]') !== null);
    await page.keyboard.press('PageDown');
    let s = await entry(page);
    // PageDown goes a block of rows down (a 900-row matrix is not walked a row at a time).
    const row = Number(s.at?.split(',')[0]);
    expect(row).toBeGreaterThan(1);
    expect(s.calloutPx).toBeCloseTo(14, 0);
    expect(s.cursorPx).toBeGreaterThanOrEqual(6);
    expect(s.said).toMatch(new RegExp(`^C 的第 ${row} 行第 \\d+ 列是 w₀₀，与 x[₀-₉]+ 相乘，乘积累加到 z[₀-₉]+。$`));
    await page.keyboard.press('PageUp');
    s = await entry(page);
    expect(s.at?.split(',')[0]).toBe('0');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a matrix too large to draw says so under it and in its name, and is no tab stop', async () => {
    const { page } = await h.open('?i=32&k=3&s=1&p=0&ci=3&tab=matrix&lang=en', { width: 1400, height: 1000 });
    await page.waitForSelector('#svg-matrix[data-rows]', { state: 'attached' });
    const r = await page.$eval('#svg-matrix', (s) => ({ tab: s.getAttribute('tabindex'), role: s.getAttribute('role'), label: s.getAttribute('aria-label') ?? '' }));
    expect(r.tab).toBeNull();
    expect(r.role).toBe('img');
    expect(r.label).toMatch(/too large to draw here/);
    expect(await page.textContent('#matrix-caption')).toMatch(/too large to draw here/);
    await page.close();
  });
});

const phone = (query: string) => matrixOnPhone(h, query);

describe('phone 390×844: the weights’ names are readable', () => {
  for (const q of ['?tour=5&lang=en', '?tour=5&lang=zh', '?tour=6&lang=en', '?tab=matrix&lang=en', '?tour=5&lang=en&i=6']) {
    it(q, async () => {
      const { ctx, page } = await phone(q);
      const r = await page.evaluate(() => {
        const svg = document.getElementById('svg-matrix')!;
        const k = svg.getBoundingClientRect().width / Number(svg.getAttribute('viewBox')!.split(' ')[2]);
        const names = Array.from(svg.querySelectorAll('g[font-size] text')).map((t) => Number(t.getAttribute('font-size')) * k);
        return { names, entries: Number(svg.dataset.entries) };
      });
      // Every entry carries its name (the tutorial's matrices here all fit one), at 11 px or more.
      expect(r.names.length).toBe(r.entries);
      expect(Math.min(...r.names)).toBeGreaterThanOrEqual(11);
      await ctx.close();
    });
  }
});

describe('phone 390×844, Chinese: the entry’s sentence keeps its last symbol with the words before it', () => {
  it('“乘积累加到 z₀。” never leaves “z₀。” alone on the last line, nor breaks 累加', async () => {
    const { ctx, page } = await phone('?tour=5&lang=zh');
    await page.focus('#svg-matrix');
    const bad: string[] = [];
    for (let n = 0; n < 12; n++) {
      await page.keyboard.press(n % 6 === 5 ? 'ArrowDown' : 'ArrowRight');
      const m = await lines(page, '#hover-text');
      expect(m.text).toMatch(/乘积累加到 z[₀-₉]+。$/);
      // The last line holds more than the symbol and its full stop.
      const last = Array.from(m.text).filter((_, i) => m.line[i] === m.lines - 1).join('');
      if (!/[\u4e00-\u9fff]/.test(last)) bad.push(shown(m));
      // Nor is 累加 torn to keep it: “乘积累 / 加到 z₁。” was seen.
      if (splits(m, '累加').length) bad.push(shown(m));
    }
    expect(bad).toEqual([]);
    await ctx.close();
  });
});

describe('元素 is the glossary’s word for the matrix’s entry', () => {
  it('has a row of its own, and the matrix’s Chinese strings use it and no other word', () => {
    const md = readFileSync(new URL('../../web/GLOSSARY.md', import.meta.url), 'utf8');
    const row = md.split('\n').find((l) => /^\|[^|]*\|[^|]*\bentry\b[^|]*\|\s*元素\s*\|/.test(l));
    expect(row).toBeDefined();
    // The page's Chinese table (web/src/i18n.ts, `const zh`), one `key: 'text',` a line.
    const src = readFileSync(new URL('../../web/src/i18n.ts', import.meta.url), 'utf8');
    const block = src.slice(src.indexOf('\nconst zh'), src.indexOf('\n};', src.indexOf('\nconst zh')));
    const zh = Object.fromEntries(Array.from(block.matchAll(/^ {2}(\w+): '(.*)',$/gm), (m) => [m[1], m[2]]));
    const matrixZh = Object.entries(zh).filter(([k, v]) => /^matrix|keysHelp/.test(k) || /矩阵/.test(v));
    expect(matrixZh.length).toBeGreaterThan(5);
    for (const [k, v] of matrixZh) expect(v, k).not.toMatch(/条目|矩阵项|的项/);
    expect(zh.keysHelp).toMatch(/元素/);
    expect(zh.matrixKeysHelp).toMatch(/元素/);
  });
});
