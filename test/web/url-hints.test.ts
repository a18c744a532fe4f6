import { describe, expect, it } from 'vitest';
import { BOUNDS, URL_KEYS, parseQuery } from '../../web/src/state.js';
import { urlKeyHint, urlProblemsText } from '../../web/src/url-hints.js';

const IMAGE_KEYS = ['view', 'img', 'col', 'pm', 'ik', 'lt'];

describe('what an ignored link value should have been', () => {
  it('has a hint for every key the page reads, in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const unknown = urlKeyHint('nonsense', lang, 13);
      for (const key of [...URL_KEYS, ...IMAGE_KEYS]) {
        const hint = urlKeyHint(key, lang, 13);
        expect(hint, `${lang} ${key}`).not.toBe(unknown);
        expect(hint.length, `${lang} ${key}`).toBeGreaterThan(4);
      }
    }
  });

  it('names the range that parseQuery checks, so a value at the edge reads and one past it does not', () => {
    const ranged = { i: BOUNDS.input, k: BOUNDS.kernel, s: BOUNDS.stride, d: BOUNDS.dilation, op: BOUNDS.outputPadding, g: BOUNDS.layerGroups, ci: BOUNDS.layerChannels, co: BOUNDS.layerChannels } as const;
    for (const [key, [lo, hi]] of Object.entries(ranged)) {
      expect(urlKeyHint(key, 'en', 13)).toContain(`${lo}–${hi}`);
      expect(urlKeyHint(key, 'zh', 13)).toContain(`${lo}–${hi}`);
      expect(parseQuery(`${key}=${hi}`).problems).toEqual([]);
      expect(parseQuery(`${key}=${hi + 1}`).problems).toEqual([{ key, value: String(hi + 1) }]);
    }
  });

  it('the pair example in each hint is itself a value the link accepts', () => {
    for (const key of ['i', 'k', 's', 'd', 'op', 'os']) {
      const eg = /as (\d+x\d+)$/.exec(urlKeyHint(key, 'en', 13))?.[1];
      expect(eg, key).toBeDefined();
      expect(parseQuery(`${key}=${eg}`).problems, key).toEqual([]);
    }
  });

  it('joins several problems in each language’s punctuation, the tour to its real last step', () => {
    const problems = parseQuery('s=0&zz=1').problems;
    expect(urlProblemsText(problems, 'en', 13)).toBe('s=“0” (stride: a whole number 1–8, or H and W as 2x1); zz=“1” (not a setting this page reads)');
    expect(urlProblemsText(problems, 'zh', 13)).toBe('s=“0”（步长：1–8 的整数，或按“高x宽”写两个数，如 2x1）；zz=“1”（本页不读取这个设置）');
    expect(urlKeyHint('tour', 'en', 13)).toBe('tour part: a whole number 1–13');
  });
});
