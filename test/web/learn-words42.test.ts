/**
 * Review 42: the learn panel's words.
 * - Its numbers: "loss 8.77e-11 … below 10⁻¹⁰" wrote two notations in one sentence. Every number it
 *   writes as a power of ten is now "8.77 × 10⁻¹¹" (image-text.ts sci), the fixed ones too (float32's
 *   ±3.4 × 10³⁸), held on one line by no-break spaces.
 * - Its introduction named "the kernel of this study’s own layer (3 × 3, stride 1, padding 1,
 *   independent of the settings under “Layer”)" in one breath; the layer is now said in a sentence
 *   of its own, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { it as imageText, sci } from '../../web/src/image/image-text.js';
import type { ImageKey } from '../../web/src/image/image-text.js';

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** The power-of-ten form, built here from the number's decimal exponent (not from sci). */
function power(v: number, digits: number): string {
  const e = Math.floor(Math.log10(Math.abs(v)));
  const m = (v / 10 ** e).toFixed(digits);
  const sup = (e < 0 ? '⁻' : '') + [...String(Math.abs(e))].map((d) => SUP[Number(d)]).join('');
  return `${m}\u00a0×\u00a010${sup}`;
}
/** E-notation anywhere in a text: 8.77e-11, 1.7e+38, 3.4e38 (a word joiner may sit at the sign). */
const E_NOTATION = /\d[eE]\u2060?[+\-−]?\u2060?\d/;

describe('review 42: the learn panel’s words', () => {
  it('writes small and large numbers as powers of ten, the notation of “below 10⁻¹⁰”', () => {
    for (const [v, d] of [[8.77e-11, 2], [1.7014118346e38, 1], [3.3e-7, 1], [4.8e24, 1], [-2.5e-3, 1]] as const) {
      expect(sci(v, d)).toBe(power(v, d));
      expect(sci(v, d)).not.toMatch(E_NOTATION);
    }
    // Between 1 and 10 no power is written.
    expect(sci(2.5, 2)).toBe('2.50');
  });

  it('says no number in e-notation in any of its sentences, in either language', () => {
    const vars = { n: 240, loss: sci(8.77e-11, 2), gap: sci(3.3e-7, 1), m: 600, max: sci(2 ** 127, 1), r: sci(1.7e-7, 1), size: sci(2.9e31, 1), rel: '', lo: '-3', hi: sci(1e20, 1), h: 128, w: 128 };
    const keys: ImageKey[] = ['learnIntro', 'learnStep', 'learnPaused', 'learnOverflow', 'learnOverflowed', 'learnNothing', 'learnLearned', 'learnRange', 'learnTranspose', 'learnTransposeRel', 'learnTransposeBefore'];
    for (const lang of ['en', 'zh'] as const) {
      for (const key of keys) expect(imageText(lang, key, vars), `${lang} ${key}`).not.toMatch(E_NOTATION);
    }
    expect(imageText('en', 'learnLearned', vars)).toBe(`Step 240, loss 8.77\u00a0×\u00a010⁻¹¹: learned. The loss is below 10⁻¹⁰ times the zero kernel’s loss and every weight is within 3.3\u00a0×\u00a010⁻⁷ of the target’s, so the run stops here (Start learning goes on anyway).`);
    expect(imageText('en', 'learnOverflow', vars)).toContain('beyond ±3.4\u00a0×\u00a010³⁸. Keep every weight within ±1.7\u00a0×\u00a010³⁸, half of that.');
  });

  it('names the study’s own layer in a sentence of its own, in both languages, with the glossary’s terms', () => {
    const en = imageText('en', 'learnIntro', { h: 128, w: 128 });
    const zh = imageText('zh', 'learnIntro', { h: 128, w: 128 });
    expect(en).toBe('This study’s own layer has a 3×3 kernel, stride 1 and padding 1, separate from the settings under “Layer”. Start from a kernel of zeros and let gradient descent (with the Adam optimiser) find the kernel that turns the picture (grey, 128×128) into the target.');
    expect(zh).toBe('本练习专用的一层：卷积核 3×3，步长 1，填充 1，与“卷积层”里的设置无关。从全零的卷积核出发，用梯度下降（Adam 优化器）找出把图片（灰度，128×128）变成目标图片的卷积核。');
    // No parenthesis inside the sentence that names the layer.
    for (const text of [en, zh]) expect(text.split(/[.。]/).find((s) => /3×3/.test(s))).not.toMatch(/[(（]/);
  });
});
