/**
 * Stop 48's tour wording: part 9 names the kernel that each input cell adds onto the output one way
 * in English, "stamp", as its figure's caption does ("number = overlapping stamps"), not "copies"
 * in its prose, Try it and Now line; part 8's prose says what its picture shows, with the pair's
 * sizes from the library (x 5×5 → z 2×2 → Cᵀz 5×5), in short sentences.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/arithmetic/explain.js';
import { TOUR, fill } from '../../web/src/tour/steps.js';

const step = (id: string) => TOUR.find((s) => s.id === id)!;
const prose = (id: string, lang: 'en' | 'zh') => {
  const s = step(id);
  return fill(s.text[lang], s.vars ? s.vars() : {});
};

describe('tour wording, stop 48', () => {
  it('part 9 says stamp, not copy, in English', () => {
    const s = step('scatter');
    for (const words of [s.text.en, s.tryIt.en, s.now!.en]) {
      expect(words).not.toMatch(/\bcop(y|ies)\b/);
      expect(words).toMatch(/stamp/);
    }
  });

  it('part 8 reads the picture: the pair turns x into z, the figure takes z back to x’s shape', () => {
    const x = explain({ input: [2, 2], kernel: 3, stride: 2, transposed: true }).output[0];
    expect(explain({ input: [x, x], kernel: 3, stride: 2 }).output[0]).toBe(2);
    const en = prose('not-inverse', 'en');
    expect(en).toContain(`the ${x}×${x} input x into the 2×2 z = Cx`);
    expect(en).toContain(`Its output Cᵀz is ${x}×${x} again: the shape of x comes back`);
    expect(en).not.toMatch(/\{\w+\}/);
    // Three sentences at most (tour.test.ts), none over 35 words.
    const sentences = en.split(/(?<=\.)\s+/);
    expect(sentences.length).toBeLessThanOrEqual(3);
    for (const sentence of sentences) expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(35);
    const zh = prose('not-inverse', 'zh');
    expect(zh).toContain(`把 ${x}×${x} 的输入 x 变成 2×2 的 z = Cx`);
    expect(zh).toContain('对照图');
    expect(zh).toContain('主图');
    expect(zh).not.toMatch(/\{\w+\}/);
    expect(zh.split('。').filter(Boolean).length).toBeLessThanOrEqual(3);
    for (const clause of zh.split(/[。；]/)) expect([...clause].length, clause).toBeLessThanOrEqual(50);
  });
});
