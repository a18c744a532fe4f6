/**
 * Sizes kept whole where the page's prose wraps. A phone broke "3 × / 3" and "512 × / 512" across
 * lines. Every text the page writes outside its pictures is watched (one MutationObserver on the
 * body), and each size with spaces in it ("3 × 3", "512 × 512") is put in a span that does not
 * wrap. Only the wrapping changes: textContent stays as written, so nothing that reads the text
 * back sees a difference.
 *
 * The text around a size wraps as its language does. Chinese breaks between any two characters,
 * and next to a number too ("步长 / 2" is an ordinary break there): a span that also held the
 * Han characters beside the number ("当于 1", "用在 3 个输") moved them to the next line with it
 * and left the line before it short ("步长相 / 当于 1/2", "卷积核作 / 用在 3 个输入通道上" on a
 * phone). Only a text's end is held (TAIL), so its last line never holds one number or character
 * alone. Where a short line should break only between its phrases, its message marks them
 * (PHRASE below).
 *
 * Left alone: SVG (its text is placed by coordinates), form controls and options (plain text
 * only), code, and live regions (rewrapping their text right after it changed could make a screen
 * reader announce it twice). The tour's formulas are kept together by their own non-breaking
 * spaces (tour.ts keepFormulas).
 */
const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
const SIZE = `${NUMBER}(?: × ${NUMBER})*`;
const HAN = String.raw`[\u4e00-\u9fff]`;
/** A size: numbers joined by " × ". Only one with a space in it needs keeping. */
const GLUED = new RegExp(`${NUMBER}(?: × ${NUMBER})+`, 'g');
/**
 * The end of a text that should not stand alone on a line of its own: a number with the character
 * before it ("步长 2"), or the last two Chinese characters ("卷积", "个零。"), with the full stop
 * after them if any. A narrow caption (the image mode's, two to a phone's row) broke "步长 / 2" and
 * "3 × 3 卷 / 积", and a tour step's Try-it "插入 2 个 / 零。". Only the text's last line can be a
 * character shorter for it, never a line in the middle.
 */
const TAIL = new RegExp(`(?:${HAN} ${SIZE}|${HAN}{2})[。！？）]?$`);
const SKIP = 'svg, option, select, textarea, input, script, style, pre, code, [aria-live], [contenteditable], .nobr';

/** The pieces of `text`: plain runs, and runs to keep on one line (sizes holding a space, and the text's tail). */
export function gluedRuns(text: string): { text: string; keep: boolean }[] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(GLUED)) if (m[0].includes(' ')) spans.push([m.index, m.index + m[0].length]);
  const tail = TAIL.exec(text);
  if (tail) {
    // A size at the end joins its tail in one run ("做 3 × 3").
    const last = spans.at(-1);
    if (last && last[1] > tail.index) last[0] = Math.min(last[0], tail.index), last[1] = text.length;
    else spans.push([tail.index, text.length]);
  }
  const out: { text: string; keep: boolean }[] = [];
  let at = 0;
  for (const [from, to] of spans) {
    if (from > at) out.push({ text: text.slice(at, from), keep: false });
    out.push({ text: text.slice(from, to), keep: true });
    at = to;
  }
  if (at < text.length) out.push({ text: text.slice(at), keep: false });
  return out;
}

function glue(node: Text): void {
  const parent = node.parentElement;
  if (!parent || parent.closest(SKIP)) return;
  const runs = gluedRuns(node.data);
  if (!runs.some((r) => r.keep)) return;
  const frag = document.createDocumentFragment();
  for (const r of runs) {
    if (!r.keep) { frag.append(r.text); continue; }
    const span = document.createElement('span');
    span.className = 'nobr';
    span.textContent = r.text;
    frag.append(span);
  }
  node.replaceWith(frag);
}

function glueAll(root: Node): void {
  if (root.nodeType === Node.TEXT_NODE) { glue(root as Text); return; }
  if (!(root instanceof Element) || root.closest(SKIP)) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const t of texts) glue(t);
}

/**
 * Where a short line may break between its phrases, written into a message (i18n.ts) as a
 * zero-width space. Chinese may otherwise break between any two characters, and a narrow column
 * (the stacked-layers figure's captions on a phone) broke "读 / 取" and "输 / 入单元"; English
 * breaks between words, and marks only what should not be split there ("Rates 2, / 2, 2").
 */
export const PHRASE = '\u200b';

/** A message without its phrase marks (an aria-label, a text read back). */
export const plainText = (text: string): string => text.split(PHRASE).join('');

/**
 * A line as its phrases, each a box that wraps as a whole (.phrase: inline-block): the line breaks
 * between phrases where it can, and inside one only where the phrase alone is wider than the line.
 * The marks are not written: the text reads as the message without them. A space next to a mark
 * stays between the boxes (at a box's edge it would be dropped with the box's line end).
 */
export function phraseNodes(text: string): Node[] {
  const parts = text.split(PHRASE);
  if (parts.length === 1) return [document.createTextNode(text)];
  const nodes: Node[] = [];
  for (const part of parts) {
    const [, before, words, after] = /^(\s*)(.*?)(\s*)$/s.exec(part)!;
    if (before) nodes.push(document.createTextNode(before));
    const span = document.createElement('span');
    span.className = 'phrase';
    span.textContent = words;
    nodes.push(span);
    if (after) nodes.push(document.createTextNode(after));
  }
  return nodes;
}

/** Keeps sizes whole in every text under `root`, now and whenever the page rewrites it. */
export function keepSizesTogether(root: HTMLElement): void {
  glueAll(root);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') glue(r.target as Text);
      else for (const n of Array.from(r.addedNodes)) if (n.isConnected) glueAll(n);
    }
  }).observe(root, { childList: true, characterData: true, subtree: true });
}
