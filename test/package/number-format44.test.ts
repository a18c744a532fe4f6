/**
 * Importing convkit builds no Intl.NumberFormat: constructing one loads ICU's number data, tens of
 * milliseconds that every `import 'convkit'` paid before its first convolution (a CPU profile of
 * the CLI's `explain` put it first among convkit's own costs). formatNumber builds it on first
 * use, once, and small whole numbers (most of what sentences hold) never need it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const RealNumberFormat = Intl.NumberFormat;
afterEach(() => {
  Intl.NumberFormat = RealNumberFormat;
  vi.resetModules();
});

/** Replaces Intl.NumberFormat with a counting wrapper; returns the count. */
function countNumberFormats(): { n: number } {
  const count = { n: 0 };
  Intl.NumberFormat = new Proxy(RealNumberFormat, {
    construct(target, args) {
      count.n++;
      return Reflect.construct(target, args);
    },
    apply(target, self, args) {
      count.n++;
      return Reflect.apply(target, self, args);
    },
  });
  return count;
}

describe('the number formatter is built on first use', () => {
  it('importing the library builds none; formatNumber builds one for a number that needs it, and reuses it', async () => {
    vi.resetModules();
    const count = countNumberFormats();
    await import('../../src/index.js');
    expect(count.n, 'Intl.NumberFormat built while importing').toBe(0);
    const { formatNumber } = await import('../../src/i18n/index.js'); // the library's own instance (same registry)
    expect(formatNumber(42)).toBe('42');
    expect(count.n, 'small whole numbers need no formatter').toBe(0);
    expect(formatNumber(1234567.1234567)).toBe('1,234,567.123457');
    expect(formatNumber(-0.5)).toBe('-0.5');
    expect(count.n).toBe(1);
  });
});
