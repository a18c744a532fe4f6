/** The page's lists in each language (web/src/list-text.ts). */
import { describe, expect, it } from 'vitest';
import { listText } from '../../web/src/list-text.js';

describe('listText', () => {
  it('joins a sequence with commas in English and the enumeration comma in Chinese', () => {
    expect(listText([1, 2, 5], 'en')).toBe('1, 2, 5');
    expect(listText([1, 2, 5], 'zh')).toBe('1、2、5');
  });
  it('puts “and” before the last item of a prose list in English only', () => {
    expect(listText(['0–1', 511], 'en', true)).toBe('0–1 and 511');
    expect(listText(['0', '2', '4'], 'en', true)).toBe('0, 2 and 4');
    expect(listText(['7'], 'en', true)).toBe('7');
    expect(listText(['0–1', 511], 'zh', true)).toBe('0–1、511');
  });
});
