/**
 * Review R4: the Chinese tour card was set justified, and where a held run (a glossary term such as
 * 实时语义分割网络, a formula such as p′ = k − 1; keep-together.ts) did not fit, justification
 * spread its line's room letter by letter: part 13 at 390 px read "在 不 缩 小 特 征 图 的 前 提 下
 * 扩 大 感 受 野 ， 许 多" (0.3 em between characters), parts 3 and 7 on the desktop card as much.
 * Measured here as drawn: Chromium adds a justified line's room to its characters' advances, so a
 * Chinese character's Range rect, 1 em wide when set solid, is as much wider as the line was spread.
 * The controls' labels (buttons, the input) are no prose and are left out.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** Each line of `sel`'s prose whose Chinese characters are spread by more than `limit` em beyond their 1 em. */
const stretched = (page: Page, sel: string, limit: number): Promise<string[]> =>
  page.$$eval(sel, (els, limit) => {
    const out: string[] = [];
    const cjk = /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/;
    for (const el of els) {
      const em = parseFloat(getComputedStyle(el).fontSize);
      const lines: { top: number; chars: { ch: string; left: number; right: number }[] }[] = [];
      const r = document.createRange();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
        for (let i = 0; i < t.data.length; i++) {
          r.setStart(t, i);
          r.setEnd(t, i + 1);
          const q = Array.from(r.getClientRects()).find((x) => x.width > 0);
          if (!q || t.parentElement?.closest('button, select, label, input')) continue;
          let line = lines.find((l) => Math.abs(l.top - q.top) < em / 2);
          if (!line) lines.push((line = { top: q.top, chars: [] }));
          line.chars.push({ ch: t.data[i]!, left: q.left, right: q.right });
        }
      }
      for (const l of lines) {
        let worst = 0;
        // Not a line's last character: nothing is spread after it.
        for (const c of l.chars.slice(0, -1)) if (cjk.test(c.ch)) worst = Math.max(worst, (c.right - c.left) / em - 1);
        if (worst > limit) out.push(`${worst.toFixed(2)} em in “${l.chars.map((c) => c.ch).join('')}”`);
      }
    }
    return out;
  }, limit);

describe('the Chinese tour card is not spread letter by letter', () => {
  it('no line of the card’s prose or its try-it box leaves visible room between its characters, on a phone and on the desktop', async () => {
    const found: string[] = [];
    for (const [width, height] of [[390, 844], [1400, 1000]] as const) {
      for (let n = 1; n <= TOUR.length; n++) {
        const { page, context } = await h.open(`?tour=${n}&lang=zh`, { width, height });
        for (const s of await stretched(page, '#tour-text, #tour-try', 0.08)) found.push(`part ${n} at ${width} px: ${s}`);
        await context.close();
      }
    }
    expect(found, found.join('\n')).toEqual([]);
  }, 300_000);
});
