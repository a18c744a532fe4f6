import { describe, expect, it } from 'vitest';
import { readLines } from '../../web/src/image/read-lines.js';

// The footprint sentence names the rows and columns the taps read, not the span between the first
// and the last (review R1: a 3×3 kernel at dilation 3 was said to read "rows 1–4").
const strip = (s: string) => s.replace(/[\u2060\u00a0]/g, (c) => (c === '\u00a0' ? ' ' : ''));
describe('readLines', () => {
  it('names few dilated rows one by one, many as a progression no reader takes for a span', () => {
    expect(strip(readLines([1, 4], 'rows', 'en'))).toBe('rows 1 and 4');
    expect(strip(readLines([1, 4, 7], 'rows', 'en'))).toBe('rows 1, 4 and 7');
    expect(strip(readLines([1, 4, 7, 10], 'cols', 'en'))).toBe('columns 1, 4, 7 and 10');
    expect(strip(readLines([0, 2, 4, 6, 8, 10, 12], 'rows', 'en'))).toBe('every 2nd row from 0 to 12');
    expect(strip(readLines([96, 104, 112, 120, 128, 136, 144, 152, 160], 'cols', 'en'))).toBe('every 8th column from 96 to 160');
    expect(strip(readLines([1, 4, 7, 10, 13], 'rows', 'en'))).toBe('every 3rd row from 1 to 13');
    expect(strip(readLines([1, 4, 7], 'rows', 'zh'))).toBe('第 1、4、7 行');
    expect(strip(readLines([0, 2, 4, 6, 8, 10, 12], 'cols', 'zh'))).toBe('第 0、2、4、…、12 列');
  });

  it('keeps spans for neighbouring rows, and the wrap of circular padding', () => {
    expect(strip(readLines([255, 256, 257], 'rows', 'en'))).toBe('rows 255–257');
    expect(strip(readLines([256], 'cols', 'en'))).toBe('column 256');
    expect(strip(readLines([0, 1, 511], 'rows', 'en'))).toBe('rows 0–1 and 511');
    expect(strip(readLines([0, 1, 511], 'rows', 'zh'))).toBe('第 0–1、511 行');
    // Dilation 4 at the corner with circular padding: rows −4, 0, 4 read 508, 0, 4.
    expect(strip(readLines([0, 4, 508], 'rows', 'en'))).toBe('rows 0, 4 and 508');
    // Dilation 2 wrapping round: a progression inside a list is written out with its step shown.
    expect(strip(readLines([0, 2, 4, 6, 8, 10, 12, 508, 510], 'rows', 'en'))).toBe('rows 0, 2, 4, …, 12, 508 and 510');
    // Reflect padding can read rows unevenly spaced.
    expect(strip(readLines([1, 2, 5], 'rows', 'en'))).toBe('rows 1–2 and 5');
  });

  it('writes English ordinals as English does', () => {
    const every = (d: number) => strip(readLines([0, d, 2 * d, 3 * d, 4 * d], 'rows', 'en')).split(' ')[1];
    expect([2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map(every)).toEqual(['2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st']);
  });
});
