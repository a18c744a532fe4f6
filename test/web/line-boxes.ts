/**
 * A text's line boxes measured in Chromium, character by character (Range.getClientRects), for the
 * tests of where the page’s text breaks (text-breaks35, text-breaks35b) and how much room its lines leave (zh-card-lines42, zh-prose-lines43).
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

/** One line of a block: its text and the room left between its last character and the block's content edge (px). */
export interface LineRoom { text: string; room: number }
/** A block of text measured line by line (lineRooms). */
export interface Block { name: string; em: number; align: string; visible: boolean; text: string; lines: LineRoom[] }

/**
 * Every element matching `selector`, its lines in order, each with the room it leaves at its right
 * end: how far a line of justified or ragged prose stops short of the box (tests zh-card-lines42,
 * zh-prose-lines43). `name` says which element it is, for failure messages.
 */
export function lineRooms(page: Page, selector: string): Promise<Block[]> {
  return page.$$eval(selector, (els) => els.map((el) => {
    const cs = getComputedStyle(el);
    const right = el.getBoundingClientRect().right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
    const em = parseFloat(cs.fontSize);
    const lines: { top: number; text: string; right: number }[] = [];
    const r = document.createRange();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      for (let i = 0; i < n.data.length; i++) {
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const q = Array.from(r.getClientRects()).find((x) => x.width > 0);
        if (!q) continue;
        let line = lines.find((l) => Math.abs(l.top - q.top) < em / 2);
        if (!line) lines.push((line = { top: q.top, text: '', right: -Infinity }));
        line.text += n.data[i];
        line.right = Math.max(line.right, q.right);
      }
    }
    const holder = el.parentElement?.closest('[id]');
    const name = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} in ${holder ? `#${holder.id}` : 'the page'}`;
    return {
      name, em, align: cs.textAlign, visible: !!(el as HTMLElement).offsetParent, text: el.textContent ?? '',
      lines: lines.sort((a, b) => a.top - b.top).map((l) => ({ text: l.text, room: right - l.right })),
    };
  }));
}

/** The room a line leaves, shared over the gaps between its characters, in em: what justifying it would spread. */
export const roomPerGap = (l: LineRoom, em: number): number => l.room / Math.max(1, l.text.length - 1) / em;
