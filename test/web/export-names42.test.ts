/**
 * Review 42: exported files were named for input, kernel and stride only. `?i=3&k=3&s=2&p=1&t=1&op=1`
 * saved `convkit-transposed-i3x3-k3x3-s2x2-step1.svg`, the name of the same layer with p = 0 and
 * a = 0, in every picture style, so a student exporting several layers saved over the first file.
 * Each setting that changes the picture is now in the name, with the key the link gives it, and
 * so is the style.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function savedName(page: Page, style: string, button = '#export-svg'): Promise<string> {
  await page.selectOption('#export-style', style);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return dl.suggestedFilename();
}

describe('exported file names', () => {
  it('name the padding, the output padding and the style: three styles, three names', async () => {
    const { page, errors } = await h.open('?i=3&k=3&s=2&p=1&t=1&op=1&lang=en');
    await page.click('#tab-export');
    const names: string[] = [];
    for (const style of ['classic', 'flat', 'screen']) names.push(await savedName(page, style));
    expect(names).toEqual(['classic', 'flat', 'screen'].map((style) => `convkit-transposed-i3x3-k3x3-s2x2-p1x1-op1x1-${style}-step1.svg`));
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('differ for layers that differ in any one setting the picture shows', async () => {
    const base = '?i=5&k=3&s=2';
    // Each differs from the base in one setting; the token the name must then carry.
    const variants: [string, string | null][] = [
      ['', null],
      ['&p=1', '-p1x1'],
      ['&f=3', '-step4'],
      ['&p=0_1x1_2', '-p0_1x1_2'],
      ['&d=2', '-d2x2'],
      ['&t=1', '-transposed'],
      ['&t=1&op=1', '-op1x1'],
      ['&ci=2&co=4&g=2', '-ci2-co4-g2'],
      ['&co=2&oc=1', '-oc1'],
      ['&v=scatter', '-scatter'],
      ['&n=1', '-numbers'],
      ['&lang=zh', '-zh'],
    ];
    const names = new Set<string>();
    for (const [extra, token] of variants) {
      // The page pads by 1 unless told: p=0 for every layer but those that set p.
      const { page, errors } = await h.open(`${base}${extra}${extra.includes('p=') ? '' : '&p=0'}`);
      await page.click('#tab-export');
      const name = await savedName(page, 'classic', '#export-png');
      if (token) expect(name, extra).toContain(token);
      else expect(name).toBe('convkit-i5x5-k3x3-s2x2-classic-step1@2x.png');
      names.add(name);
      expect(errors, extra).toEqual([]);
      await page.close();
    }
    expect(names.size).toBe(variants.length);
  }, 240_000);
});
