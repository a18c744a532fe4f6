/**
 * The glossary's Chinese terms (web/GLOSSARY.md) that a line never splits. Chinese may break
 * between any two characters, and a term cut in two reads as two other words: a phone broke the
 * page's caption as "步 / 长 2" and the classic figure's title as "…做步 / 长为 1 的卷积". The
 * pictures' own line breaking (src/render/layout/text.ts, wrapLine) and the page's prose
 * (web/src/keep-together.ts) both hold these, so the list has this one home. Longest first, so that
 * 膨胀率 is held as one word rather than 膨胀 and a loose 率.
 */
export const KEPT_WORDS_ZH: readonly string[] = ['卷积核', '膨胀率', '分组数', '步长', '填充', '膨胀', '通道', '分组'];
