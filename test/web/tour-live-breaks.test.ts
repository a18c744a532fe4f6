/**
 * Chinese tour prose wraps as Chinese does (student review, phone 390×844): a formula stays whole,
 * but the Han characters around it break where they would anywhere else. The glue of sizes
 * (keep-together.ts) used to take up to two Han characters on each side of a number with it, so a
 * line ended early: "步长相 / 当于 1/2" (step 7) and "卷积核作 / 用在 3 个输入通道上" (step 4).
 *
 * Measured in Chromium character by character (Range.getClientRects): each line of the step's text
 * and its Try-it, where it ends, and what the next line begins with.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

interface Line { text: string; gap: number; first: number }
interface Measured { lines: Line[]; splitJoins: string[]; em: number }

/**
 * The lines of `sel`: each line's text, the room left at its end (px), and the width of what the
 * next line starts with that could not be split from it: up to the first space, or the first Han
 * character not held by a non-breaking space or an opening bracket before it (closing punctuation,
 * which may not start a line, goes with what it follows; a run the page holds together, .nobr, goes
 * whole). Also every non-breaking space whose two
 * sides landed on different lines (a formula broken).
 */
function measure(page: Page, sel: string): Promise<Measured> {
  return page.$eval(sel, (el) => {
    const han = /[\u4e00-\u9fff]/;
    const box = el.getBoundingClientRect();
    const em = parseFloat(getComputedStyle(el).fontSize);
    const chars: { c: string; top: number; left: number; right: number; held: Element | null; joined: boolean }[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      for (let i = 0; i < t.data.length; i++) {
        const r = document.createRange();
        r.setStart(t, i);
        r.setEnd(t, i + 1);
        const rect = Array.from(r.getClientRects()).find((q) => q.width > 0);
        // A space at a line's end collapses to nothing: it belongs to no line.
        // A character in a run the page holds together (keep-together.ts .nobr) breaks only with it.
        // A word joiner (zero width, so never measured) holds the character after it to the one before.
        if (rect) chars.push({ c: t.data[i], top: rect.top, left: rect.left, right: rect.right, held: t.parentElement?.closest('.nobr') ?? null, joined: i > 0 && t.data[i - 1] === '\u2060' });
      }
    }
    const lineOf: number[] = [];
    const tops: number[] = [];
    for (const ch of chars) {
      let k = tops.findIndex((top) => Math.abs(top - ch.top) < em / 2);
      if (k < 0) { tops.push(ch.top); k = tops.length - 1; }
      lineOf.push(k);
    }
    const lines = tops.map((_, k) => {
      const on = chars.filter((_, j) => lineOf[j] === k);
      return { text: on.map((c) => c.c).join(''), gap: box.right - Math.max(...on.map((c) => c.right)), on };
    });
    const splitJoins: string[] = [];
    chars.forEach((ch, j) => {
      if (ch.c === '\u00a0' && j > 0 && j + 1 < chars.length && lineOf[j - 1] !== lineOf[j + 1]) splitJoins.push(chars.slice(Math.max(0, j - 6), j + 6).map((c) => c.c).join(''));
    });
    return {
      em,
      splitJoins,
      lines: lines.map((l, k) => {
        const next = lines[k + 1]?.on ?? [];
        let end = 0;
        while (end + 1 < next.length) {
          const [prev, c] = [next[end].c, next[end + 1].c];
          const held = next[end].held !== null && next[end].held === next[end + 1].held;
          if (!held && !next[end + 1].joined && (c === ' ' || (han.test(c) && prev !== '\u00a0' && !'（“‘《'.includes(prev)))) break;
          end++;
        }
        const first = next.length ? next[end].right - next[0].left : 0;
        return { text: l.text, gap: l.gap, first };
      }),
    };
  });
}

/** Lines that end with room for what the next one starts with: a break earlier than the text needs. */
const early = (m: Measured) => m.lines.slice(0, -1).filter((l) => l.gap >= l.first + m.em / 2).map((l) => `${l.text} (room ${l.gap.toFixed(0)} px, next needs ${l.first.toFixed(0)} px)`);

describe('Chinese tour text at 390 px breaks only where it must', () => {
  it('step 7 keeps 1/2 whole without leaving “步长相” short, and step 4 does not end a line on “卷积核作”', async () => {
    const { page } = await h.open('?tour=7&lang=zh', { width: 390, height: 844 });
    const seven = await measure(page, '#tour-text');
    const half = seven.lines.findIndex((l) => l.text.includes('1/2'));
    expect(half).toBeGreaterThanOrEqual(0);
    // The line before the one with 1/2 ends with the whole of 相当于 (or takes 1/2 in).
    expect(seven.lines[half].text.includes('步长相当于') || seven.lines[half - 1].text.endsWith('步长相当于')).toBe(true);
    expect(early(seven)).toEqual([]);
    await page.close();
    const four = await h.open('?tour=4&lang=zh', { width: 390, height: 844 });
    const m = await measure(four.page, '#tour-text');
    expect(m.lines.some((l) => l.text.endsWith('卷积核作'))).toBe(false);
    expect(early(m)).toEqual([]);
    await four.page.close();
  }, 60_000);

  it('the live line keeps the word before its last number with it: step 7 ends "输出 5×5", not "输 / 出 5×5"', async () => {
    const { page } = await h.open('?tour=7&lang=zh', { width: 390, height: 844 });
    const m = await measure(page, '#tour-now');
    expect(m.lines.map((l) => l.text).join('').replace(/\u00a0/g, ' ')).toMatch(/输出 5×5$/);
    expect(m.lines.some((l) => l.text.endsWith('输')), m.lines.map((l) => l.text).join(' / ')).toBe(false);
    await page.close();
  });

  it('in every step, its text, its Try-it and its live line: no formula split across lines, no line ended early', async () => {
    const { page } = await h.open('?tour=1&lang=zh', { width: 390, height: 844 });
    for (let n = 1; n <= TOUR.length; n++) {
      if (n > 1) {
        await page.click('#tour-next');
        await expect.poll(() => page.getAttribute('#tour', 'data-tour-step')).toBe(String(n));
      }
      for (const sel of ['#tour-text', '#tour-try p', '#tour-now']) {
        if (!(await page.$(sel))) continue;
        const measured = await measure(page, sel);
        // The Try-it label stands on a line of its own by design (style.css .tour-try strong, as on
        // a desktop): that line ends where the label does, not early.
        const label = sel === '#tour-try p' ? ((await page.textContent('#tour-try p strong')) ?? '').trim() : '';
        const m = label ? { ...measured, lines: measured.lines.filter((l) => l.text.trim() !== label) } : measured;
        expect(m.splitJoins, `step ${n} ${sel}`).toEqual([]);
        expect(early(m), `step ${n} ${sel}`).toEqual([]);
        // No last line of one character ("插入 2 个 / 零。" was seen on step 7's Try-it).
        expect(m.lines.at(-1)!.text.replace(/[。，！？）\s]/g, '').length, `step ${n} ${sel}: ${m.lines.at(-1)!.text}`).toBeGreaterThan(1);
      }
    }
    await page.close();
  }, 120_000);

  for (const lang of ['en', 'zh'] as const) {
    it(`the live line never ends on a number or word alone on its line (${lang})`, async () => {
      const { page } = await h.open(`?tour=2&lang=${lang}`, { width: 390, height: 844 });
      for (const p of ['0', '1', '2', '3']) {
        await page.fill('#try-control', p);
        await expect.poll(() => page.textContent('#tour-now')).toContain(`${lang === 'en' ? 'padding' : '填充'} ${p}`);
        const m = await measure(page, '#tour-now');
        // "全填充，步长为 / 1" and "unit / strides" were seen.
        expect(m.lines.at(-1)!.text, `padding ${p}`).not.toMatch(/^\S{1,8}$/);
      }
      await page.close();
    }, 60_000);
  }
});
