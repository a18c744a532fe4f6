/**
 * Sizes kept whole where the page's prose wraps. A phone broke "3 × / 3" and "512 × / 512" across
 * lines. Every text the page writes outside its pictures is watched (one MutationObserver on the
 * body), and each run the library's rule holds (gluedRuns, src/i18n/line-breaks.ts: sizes with
 * spaces in them, the glossary's words, setting words with their numbers, counts with their measure
 * words, coordinates with their word, a text's end) is put in a span that does not wrap. Only the wrapping changes: textContent stays as written, so nothing that
 * reads the text back sees a difference. Where a short line should break only between its phrases,
 * its message marks them (PHRASE below).
 *
 * Left alone: SVG (its text is placed by coordinates, and the renderer's wrapLine holds the same
 * runs), form controls and options (plain text only), code, and live regions (rewrapping their
 * text right after it changed could make a screen reader announce it twice; the tour's live line
 * is written as keptNodes at once instead). The tour writes its formulas with non-breaking spaces
 * of its own (keepFormulas below).
 */
import { gluedRuns, isList } from '../../src/i18n/line-breaks.js';

export { gluedRuns };

const SKIP = 'svg, option, select, textarea, input, script, style, pre, code, [aria-live], [contenteditable], .nobr';

/** The signs of a formula written with spaces around them ("p = k − 1", "5×5 → 7×7"). */
const SIGNS = new Set(['=', '−', '+', '×', '·', '/', '→']);
/**
 * The longest formula kept on one line whole, in characters: about half a phone's line (a 390 px
 * screen's column is some 350 px, 45 characters of the tour's text), so a short formula never
 * breaks ("p = / k − 1 = 2" was seen) and a long chain does not overflow the line.
 */
const SHORT = 24;
/**
 * The same bound in Chinese text, whose prose is justified (style.css): a held formula that does not
 * fit leaves its room at the end of the line before, and justification spreads that room between
 * the characters. At 24 a phone's part 4 read "3 个 输 入 通 道 上 ， 共 有" (1.4 em between
 * characters) before "I·O·K = 3·64·9 = 1728" (review R43b); a formula of up to 16 characters,
 * as "p = k − 1 = 2", still never breaks.
 */
const SHORT_WIDE = 16;
/** Brackets a formula's sums sit in: a break after + or − is taken only outside them. */
const OPEN = '([⌊⌈';
const CLOSE = ')]⌋⌉';
/** Han characters and full-width punctuation: where a formula written inside Chinese ends. */
const WIDE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/**
 * The tour's formulas kept together where its prose wraps (a phone broke "p = 1 for k = / 3",
 * "s / − 1 zeros", "(p = / k − 1 = 2)" and "7×7 / → 3×3"): a formula is the words joined by its
 * signs, and each space in it becomes a non-breaking one. Only a formula longer than SHORT may
 * break, after one of its = signs with more formula behind it, so a long chain ("o = ⌊(i + 2p −
 * k) / s⌋ + 1 = 3") breaks after an = rather than overflow the line. The text reads as written:
 * only spaces change.
 */
export function keepFormulas(text: string): string {
  // A space the text already holds (the live line's last word, now-line.ts) stays held, and its
  // words are still seen: "7×7 →\u00a03×3" is a formula too.
  const words = text.split(/[ \u00a0]/);
  const held = Array.from(text.matchAll(/[ \u00a0]/g), (m) => m[0] === '\u00a0');
  // Whether the space before words[i] is inside a formula: next to a sign with words on both sides.
  const inside = words.map((w, i) => i > 0 && ((SIGNS.has(w) && i + 1 < words.length) || (SIGNS.has(words[i - 1]) && i >= 2)));
  const wide = WIDE.test(text);
  /** Whether the formula around the space before words[i] is longer than the bound for this text. */
  const long = (i: number): boolean => {
    let from = i - 1, to = i;
    while (inside[from]) from--;
    while (inside[to + 1]) to++;
    // Chinese sets no space between a formula and its sentence: only the formula's part counts.
    const chain = [words[from].split(WIDE).at(-1)!, ...words.slice(from + 1, to), words[to].split(WIDE)[0]];
    return chain.join(' ').length > (wide ? SHORT_WIDE : SHORT);
  };
  // Brackets open before words[i]: a break after + or − is taken only outside them.
  let depth = 0;
  let out = words[0];
  for (let i = 1; i < words.length; i++) {
    for (const ch of words[i - 1]) depth = Math.max(0, depth + (OPEN.includes(ch) ? 1 : CLOSE.includes(ch) ? -1 : 0));
    let bound = inside[i] || held[i - 1];
    if (bound && !held[i - 1] && !SIGNS.has(words[i])) {
      const prev = words[i - 1];
      // After an = with more formula behind it; in justified Chinese also after the last = and
      // after a + or − outside brackets, as mathematics breaks a long formula: where it cannot
      // break, the line before keeps its room and justification spreads it between characters.
      // (Not before the text's last word: "= / 3。" would leave a line of one character.)
      const afterEq = prev === '=' && (SIGNS.has(words[i + 1] ?? '') || (wide && i < words.length - 1));
      const afterSum = wide && depth === 0 && (prev === '+' || prev === '−');
      if (afterEq || afterSum) bound = !long(i);
    }
    out += (bound ? '\u00a0' : ' ') + words[i];
  }
  return out;
}

/**
 * `text` as nodes, its formulas held as keepFormulas holds them but without rewriting the text: each
 * run of words joined by held spaces is a span that does not wrap (.nobr), the spaces where a break
 * may fall stay plain. For texts read back as written (the Formula tab's lines, which tests and
 * copy-paste read): a phone broke "… + 1 + 3 / − 2·1 = 6" and "(3 − / 1)·(1 − 1)" there.
 */
export function formulaNodes(text: string): Node[] {
  const held = keepFormulas(text);
  const nodes: Node[] = [];
  let from = 0;
  const text_ = (t: string) => { if (t) nodes.push(document.createTextNode(t)); };
  const push = (to: number) => {
    const run = text.slice(from, to);
    const marks = held.slice(from, to);
    const first = marks.indexOf('\u00a0');
    if (first < 0 || !run.includes(' ')) return text_(run);
    // Chinese sets no space between a formula and its sentence: only the formula is held, the
    // characters around it wrap as prose.
    const last = marks.lastIndexOf('\u00a0');
    let start = first;
    while (start > 0 && !WIDE.test(run[start - 1])) start--;
    let end = last + 1;
    while (end < run.length && !WIDE.test(run[end])) end++;
    text_(run.slice(0, start));
    const span = document.createElement('span');
    span.className = 'nobr';
    span.textContent = run.slice(start, end);
    nodes.push(span);
    text_(run.slice(end));
  };
  for (let i = 0; i < text.length; i++) {
    if (held[i] === ' ') {
      push(i);
      nodes.push(document.createTextNode(' '));
      from = i + 1;
    }
  }
  push(text.length);
  return nodes;
}

/**
 * `text` as nodes, its runs to keep on one line each in a span that does not wrap (.nobr). A shape's
 * list is a box instead (.nobr.list, inline-block like a phrase): whole where it fits on a line, and
 * broken after its commas only where it is wider than the whole line (at 320 px a long list would
 * otherwise run off the screen).
 */
export function keptNodes(text: string): Node[] {
  return gluedRuns(text).map((r) => {
    if (!r.keep) return document.createTextNode(r.text);
    const span = document.createElement('span');
    span.className = isList(r.text) ? 'nobr list' : 'nobr';
    span.textContent = r.text;
    return span;
  });
}

function glue(node: Text): void {
  const parent = node.parentElement;
  if (!parent || parent.closest(SKIP)) return;
  if (!gluedRuns(node.data).some((r) => r.keep)) return;
  node.replaceWith(...keptNodes(node.data));
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
