/**
 * A text's line boxes measured in Chromium, character by character (Range.getClientRects), for the
 * tests of where the page's text breaks (text-breaks35, text-breaks35b).
 */
import type { Page } from 'playwright-core';

export interface Measured { text: string; line: number[]; lines: number; overflow: number }

/**
 * The text of `sel` (no-break spaces read as spaces) and, per character, the index of the line it
 * is on (-1 for a space that collapsed at a line's end), how many lines there are, and how far the
 * furthest character reaches past the element's right edge.
 */
export function lines(page: Page, sel: string): Promise<Measured> {
  return page.$eval(sel, (el) => {
    const em = parseFloat(getComputedStyle(el).fontSize);
    const right = el.getBoundingClientRect().right;
    let text = '';
    const tops: number[] = [];
    const line: number[] = [];
    let overflow = -Infinity;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      for (let i = 0; i < t.data.length; i++) {
        const r = document.createRange();
        r.setStart(t, i);
        r.setEnd(t, i + 1);
        const rect = Array.from(r.getClientRects()).find((q) => q.width > 0);
        text += t.data[i] === '\u00a0' ? ' ' : t.data[i];
        if (!rect) { line.push(-1); continue; }
        let k = tops.findIndex((top) => Math.abs(top - rect.top) < em / 2);
        if (k < 0) k = tops.push(rect.top) - 1;
        line.push(k);
        overflow = Math.max(overflow, rect.right - right);
      }
    }
    return { text, line, lines: tops.length, overflow };
  });
}

/** Each place `piece` occurs in the text and is split over two lines, shown with its lines' ends. */
export function splits(m: Measured, piece: string): string[] {
  const out: string[] = [];
  for (let at = m.text.indexOf(piece); at >= 0; at = m.text.indexOf(piece, at + 1)) {
    const on = new Set(m.line.slice(at, at + piece.length).filter((k) => k >= 0));
    if (on.size > 1) out.push(`${piece} in “${m.text.slice(Math.max(0, at - 10), at + piece.length + 4)}”`);
  }
  return out;
}

/** Every line as its text, for the failure messages. */
export const shown = (m: Measured) => Array.from({ length: m.lines }, (_, k) => Array.from(m.text).filter((_, i) => m.line[i] === k).join('')).join(' / ');
