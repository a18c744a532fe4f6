/**
 * Where a line of prose may not break, in English and Chinese: the runs of a text to keep on one
 * line. The page's prose (web/src/keep-together.ts, which sets each run in a span that does not
 * wrap) and the pictures' own line breaking (src/render/layout/text.ts, wrapLine, which never
 * breaks inside a run) hold the same runs, so this is the one home of the rule.
 *
 * The text around a size wraps as its language does. Chinese breaks between any two characters,
 * and next to a number too ("步长 / 2" is an ordinary break there): a run that also held the
 * Han characters beside the number ("当于 1", "用在 3 个输") moved them to the next line with it
 * and left the line before it short ("步长相 / 当于 1/2", "卷积核作 / 用在 3 个输入通道上" on a
 * phone). Only a text's end is held (TAIL), so its last line never holds one number or character
 * alone.
 *
 * Chinese words of the glossary that the page sets beside numbers (步长, 填充, 卷积核 …) are kept
 * whole too: a caption two to a phone's row broke "步 / 长 2", and the classic figure's subtitle
 * "…做步 / 长为 1 的卷积". Only the word is held, not the number after it, so a line can still
 * break between a word and a long run of numbers; a range after it is held with it ("通道 0–3").
 * English holds its setting words with their number or range ("channel 1", "channels 2–3"), and a
 * product of bracketed factors ("(k − 1)(d − 1)") is held where no space joins them.
 */
/**
 * The glossary's Chinese terms (web/GLOSSARY.md) that a line never splits, longest first so that
 * 膨胀率 is held as one word rather than 膨胀 and a loose 率.
 */
export const KEPT_WORDS_ZH: readonly string[] = ['卷积核', '膨胀率', '分组数', '步长', '填充', '膨胀', '通道', '分组'];

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
/** The glossary's terms, each held as one run. */
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
