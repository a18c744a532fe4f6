/**
 * float32's range is written one way in the picture mode: the kernel editor's messages wrote
 * "±3.4e38" (cellLarge, cellsLarge) while the learn panel wrote "±3.4 × 10³⁸" (learn-words42), two
 * notations for one number on one page. Every sentence that names it now writes the learn panel's.
 */
import { describe, expect, it } from 'vitest';
import { it as imageText } from '../../web/src/image/image-text.js';
import type { ImageKey } from '../../web/src/image/image-text.js';

/** float32's largest number, from its bits (0x7f7fffff), and as a power of ten built here. */
const MAX = new Float32Array(new Uint32Array([0x7f7fffff]).buffer)[0];
const e = Math.floor(Math.log10(MAX));
const RANGE = `±${(MAX / 10 ** e).toFixed(1)}\u00a0×\u00a010${[...String(e)].map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]).join('')}`;
const E_NOTATION = /\d[eE]\u2060?[+\-−]?\u2060?\d/;

describe('float32’s range in the picture mode’s words', () => {
  it('is ±3.4 × 10³⁸ in the kernel editor’s messages and the learn panel’s, in both languages', () => {
    expect(RANGE).toBe('±3.4\u00a0×\u00a010³⁸');
    const vars = { cells: 'row 1, column 2', n: 12, max: '1.7\u00a0×\u00a010³⁸' };
    const keys: ImageKey[] = ['cellLarge', 'cellsLarge', 'learnOverflow', 'learnOverflowed'];
    for (const lang of ['en', 'zh'] as const) {
      for (const key of keys) {
        const text = imageText(lang, key, vars);
        expect(text, `${lang} ${key}`).toContain(RANGE);
        expect(text, `${lang} ${key}`).not.toMatch(E_NOTATION);
      }
    }
    expect(imageText('en', 'cellLarge', vars)).toBe(`The number at row 1, column 2 is beyond float32’s range (${RANGE}).`);
    expect(imageText('zh', 'cellsLarge', { cells: '第 1 行第 2 列' })).toBe(`第 1 行第 2 列的数超出了 float32 的范围（${RANGE}）。`);
  });
});
