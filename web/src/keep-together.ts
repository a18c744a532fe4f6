/**
 * Sizes kept whole where the page's prose wraps. A phone broke "3 × / 3" and "512 × / 512" across
 * lines. Every text the page writes outside its pictures is watched (one MutationObserver on the
 * body), and each size with spaces in it ("3 × 3", "512 × 512", "2×2 → 7×7") is put in a span
 * that does not wrap. Only the wrapping changes: textContent stays as written, so nothing that
 * reads the text back sees a difference.
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
 * reader announce it twice; the tour's live line is written as keptNodes at once instead). The
 * tour writes its formulas with non-breaking spaces of its own (keepFormulas below).
 *
 * Chinese words of the glossary that the page sets beside numbers (步长, 填充, 卷积核 …) are kept
 * whole too: a caption two to a phone's row broke "步 / 长 2". Only the word is held, not the
 * number after it, so a line can still break between a word and a long run of numbers; a range
 * after it is held with it ("通道 0–3"). English holds its setting words with their number or range
 * ("channel 1", "channels 2–3"), and a product of bracketed factors ("(k − 1)(d − 1)") is held
 * where no space joins them.
 */
import { KEPT_WORDS_ZH } from '../../src/i18n/kept-words.js';

const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
const SIZE = `${NUMBER}(?: × ${NUMBER})*`;
const HAN = String.raw`[\u4e00-\u9fff]`;
/** A size written without spaces ("5×5"), or a lone number. */
const CELLS = `${NUMBER}(?:×${NUMBER})*`;
/**
 * Sizes with spaces in them: numbers joined by " × " ("3 × 3"), and a size and the size it becomes
 * joined by " → " (a caption's "2×2 → 7×7" ended a phone's line on "→").
 */
const GLUED = new RegExp(`${CELLS}(?: [×→] ${CELLS})+`, 'g');
/**
 * The glossary's words (web/GLOSSARY.md) that the page writes beside numbers: the library's list,
 * which the pictures' own line breaking holds too (src/i18n/kept-words.ts).
 */
const WORDS = new RegExp(KEPT_WORDS_ZH.join('|'), 'g');
/** Two numbers joined by an en dash, the page's ranges ("channels 2–3", "通道 0–15"). */
const RANGE = `${NUMBER}–${NUMBER}`;
/**
 * A range is never split at its dash: the image mode's footprint sentence broke "columns 7– / 9"
 * on a phone. (The setting words below hold their range too.)
 */
const RANGES = new RegExp(RANGE, 'g');
/**
 * A setting's word beside its number, held as a pair. English breaks only at spaces, and the step
 * sentence under the figure broke "[channel / 1]" at 1280 px: its words (singular or plural) are
 * held with one number or one range ("channels 2–3" broke the same way). Chinese holds a glossary
 * word with a range only ("输入通道 0–3"), which reads as one item; a single number may break
 * from its word there, as Chinese lines do. A Chinese count holds its number with the measure word
 * after it ("7 个"): the step sentence broke "，7 / 个来自填充" and "8 / 个来自零" on a phone. Only
 * the word and its number or range, so a long sentence still wraps between its pairs.
 */
const PAIRS = new RegExp(String.raw`\b(?:[Cc]hannel|[Ss]tride|[Pp]adding|[Dd]ilation)s?[ \u00a0](?:${RANGE}|${NUMBER})\b|(?:${WORDS.source})[ \u00a0]${RANGE}|${NUMBER}[ \u00a0]个`, 'g');
/**
 * Factors in brackets written side by side with no space between them ("(k − 1)(d − 1)"): a line
 * may break between ")" and "(", and a Chinese phone broke the tour's footprint formula there
 * (keepFormulas holds only its spaces). Short factors only, so this holds a product, not a clause.
 */
const PRODUCT = /\([^()]{1,12}\)(?:\([^()]{1,12}\))+/g;
/**
 * The end of a text that should not stand alone on a line of its own: a number with the character
 * before it ("步长 2"), a count with it ("零 6 个"), or the last two Chinese characters ("卷积",
 * "个零。"), with the closing marks after them if any. A narrow caption (the image mode's, two to a
 * phone's row) broke "步长 / 2" and "3 × 3 卷 / 积", a tour step's Try-it "插入 2 个 / 零。", and
 * the step sentence, which ends on a bracket closed and a full stop, "插入的零 / 6 个）。". Only the
 * text's last line can be a character shorter for it, never a line in the middle.
 */
const TAIL = new RegExp(`(?:${HAN} ${SIZE}(?: 个)?|${HAN}{2})[。！？）]*$`);
const SKIP = 'svg, option, select, textarea, input, script, style, pre, code, [aria-live], [contenteditable], .nobr';

/**
 * The pieces of `text`: plain runs, and runs to keep on one line (sizes holding a space, the
 * glossary's words, and the text's tail). Runs that overlap are one run: a size at the end joins
 * its tail ("做 3 × 3"), and so does a word ("步长 2").
 */
export function gluedRuns(text: string): { text: string; keep: boolean }[] {
  const found: [number, number][] = [];
  for (const m of text.matchAll(GLUED)) found.push([m.index, m.index + m[0].length]);
  for (const rule of [WORDS, PAIRS, RANGES, PRODUCT]) for (const m of text.matchAll(rule)) found.push([m.index, m.index + m[0].length]);
  const tail = TAIL.exec(text);
  if (tail) found.push([tail.index, text.length]);
  const spans: [number, number][] = [];
  for (const [from, to] of found.sort((a, b) => a[0] - b[0])) {
    const last = spans.at(-1);
    if (last && from < last[1]) last[1] = Math.max(last[1], to);
    else spans.push([from, to]);
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

/** The signs of a formula written with spaces around them ("p = k − 1", "5×5 → 7×7"). */
const SIGNS = new Set(['=', '−', '+', '×', '·', '/', '→']);
/**
 * The longest formula kept on one line whole, in characters: about half a phone's line (a 390 px
 * screen's column is some 350 px, 45 characters of the tour's text), so a short formula never
 * breaks ("p = / k − 1 = 2" was seen) and a long chain does not overflow the line.
 */
const SHORT = 24;
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
  let out = words[0];
  for (let i = 1; i < words.length; i++) {
    let bound = inside[i] || held[i - 1];
    if (bound && !held[i - 1] && words[i - 1] === '=' && !SIGNS.has(words[i]) && SIGNS.has(words[i + 1] ?? '')) {
      // After an = with more formula behind it: bound only if the whole formula is short.
      let from = i - 1, to = i;
      while (inside[from]) from--;
      while (inside[to + 1]) to++;
      // Chinese sets no space between a formula and its sentence: only the formula's part counts.
      const chain = [words[from].split(WIDE).at(-1)!, ...words.slice(from + 1, to), words[to].split(WIDE)[0]];
      bound = chain.join(' ').length <= SHORT;
    }
    out += (bound ? '\u00a0' : ' ') + words[i];
  }
  return out;
}

/** `text` as nodes, its runs to keep on one line each in a span that does not wrap (.nobr). */
export function keptNodes(text: string): Node[] {
  return gluedRuns(text).map((r) => {
    if (!r.keep) return document.createTextNode(r.text);
    const span = document.createElement('span');
    span.className = 'nobr';
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
