/**
 * Words a student checks against the guide and the glossary (review 42). The Formula tab wrote the
 * footprint as k̂ = d(k − 1) + 1 where the guide, the glossary and the tour write
 * k̂ = k + (k − 1)(d − 1); the Chinese pair toggle opened as 配上对应的转置卷积 and closed as 收起对照图,
 * two ideas for one button. Both are read here from web/GLOSSARY.md, the one home of those words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();
const glossary = readFileSync(new URL('../../web/GLOSSARY.md', import.meta.url), 'utf8');
const row = (term: string): string[] => {
  const line = glossary.split('\n').find((l) => l.split('|')[2]?.trim() === term);
  if (!line) throw new Error(`no glossary row for ${term}`);
  return line.split('|').map((c) => c.trim());
};

describe('the Formula tab’s footprint line', () => {
  // The glossary's formula for the footprint, as the guide writes it.
  const formula = row('footprint')[4].match(/k̂ = [^;]+/)![0].trim();
  for (const [lang, word] of [['en', 'footprint'], ['zh', '覆盖范围']] as const) {
    it(`writes ${formula} with this layer's numbers (${lang})`, async () => {
      // The substitution is written as the relationship-15 line above it writes its own: (3 − 1)·(2 − 1).
      const [k, d] = [3, 2];
      const { page, errors } = await h.open(`?i=9&k=${k}&d=${d}&lang=${lang}`);
      const lines = await page.$$eval('#formula ul.explain li', (els) => els.map((e) => (e.textContent ?? '').replace(/[\u00a0\u2060]/g, ' ').trim()));
      const foot = lines.filter((l) => l.startsWith(word));
      expect(foot).toHaveLength(2); // one per axis
      const want = `${word} ${formula} = ${k} + (${k} − 1)·(${d} − 1) = ${k + (k - 1) * (d - 1)}`;
      for (const l of foot) expect(l).toBe(want);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('the linked pair’s toggle', () => {
  it('opens and closes with the glossary’s two labels in Chinese, and one noun in English', async () => {
    const zh = row('linked pair')[4].match(/(\S+) \/ (\S+) \(the pair's own toggle\)/)!;
    for (const [lang, open, close] of [['zh', zh[1], zh[2]], ['en', /the linked pair$/, /the linked pair$/]] as const) {
      const { page, errors } = await h.open(`?i=4&k=3&lang=${lang}`);
      const toggle = page.locator('#pair-open');
      const label = async () => (await toggle.textContent())?.trim() ?? '';
      const says = async (want: string | RegExp) => (typeof want === 'string' ? expect(await label()).toBe(want) : expect(await label()).toMatch(want));
      await says(open);
      await toggle.click();
      await says(close);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
