/**
 * The tour's prose with its numbers filled in: every placeholder filled in both languages, and a
 * count worded for its value (tour step 12 read 'leave 0 holes' / '空洞数为 0').
 */
import { describe, expect, it } from 'vitest';
import { fill, TOUR } from '../../web/src/tour/steps.js';
import { keepFormulas } from '../../web/src/tour/tour.js';

describe('tour prose', () => {
  it('keeps short formulas on one line, and lets a long chain break after an = sign', () => {
    const shown = (t: string) => keepFormulas(t).replace(/\u00a0/g, '_');
    expect(shown('half padding (p = 1 for k = 3) keeps')).toBe('half padding (p_=_1 for k_=_3) keeps');
    expect(shown('inserts s − 1 zeros')).toBe('inserts s_−_1 zeros');
    expect(shown('o = ⌊(i + 2p − k) / s⌋ + 1 = 3')).toBe('o_= ⌊(i_+_2p_−_k)_/_s⌋_+_1_=_3');
    // Only the spaces change: the words read the same.
    for (const step of TOUR) {
      for (const lang of ['en', 'zh'] as const) {
        const text = fill(step.text[lang], step.vars ? step.vars() : {});
        expect(keepFormulas(text).replace(/\u00a0/g, ' ')).toBe(text);
      }
    }
  });

  it('fills every placeholder of every step in both languages', () => {
    for (const step of TOUR) {
      for (const lang of ['en', 'zh'] as const) {
        const text = fill(step.text[lang], step.vars ? step.vars() : {});
        expect(text, `${step.id} ${lang}`).not.toMatch(/[{}|#]/);
      }
    }
  });

  it('words a count for 0, 1 and many, with the other numbers inside the chosen words', () => {
    const en = 'It spans {span} cells and {holes|leaves no holes|leaves one hole of {span}|leaves # holes of {span}}.';
    expect(fill(en, { span: 13, holes: 0 })).toBe('It spans 13 cells and leaves no holes.');
    expect(fill(en, { span: 13, holes: 1 })).toBe('It spans 13 cells and leaves one hole of 13.');
    expect(fill(en, { span: 13, holes: 4 })).toBe('It spans 13 cells and leaves 4 holes of 13.');
    // Not three forms, or no such number: left as written, so the test above notices.
    expect(fill('{n|a|b}', { n: 1 })).toBe('{n|a|b}');
    expect(fill('{m|a|b|c}', { n: 1 })).toBe('{m|a|b|c}');
  });

  it('step 12 says how many holes the rates 1, 2, 5 leave in words that fit the number, in both languages', () => {
    const step = TOUR.find((s) => s.id === 'gridding')!;
    const vars = step.vars!();
    for (const holes2 of [0, 1, 3]) {
      const v = { ...vars, holes2 };
      const en = fill(step.text.en, v);
      const zh = fill(step.text.zh, v);
      expect(en).not.toMatch(/\b0 holes|\b1 holes/);
      expect(zh).not.toMatch(/空洞数为/);
      if (holes2 === 0) {
        expect(en).toContain('leave no holes');
        expect(zh).toContain('没有空洞');
      } else if (holes2 === 1) {
        expect(en).toContain('leave one hole.');
        expect(zh).toContain('只留下 1 个空洞');
      } else {
        expect(en).toContain('leave 3 holes');
        expect(zh).toContain('留下 3 个空洞');
      }
    }
    // The library's numbers: rate 2 three times leaves holes, 1, 2, 5 none.
    expect(Number(vars.holes)).toBeGreaterThan(1);
    expect(fill(step.text.en, vars)).toContain(`yet ${vars.holes} of those ${vars.span} positions are never read`);
  });
});
