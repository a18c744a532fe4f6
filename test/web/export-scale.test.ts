/**
 * The Export tab's PNG size (1×, 2× default, 3×): the classic and flat pictures are the library's
 * `renderPng` at that `scale` — the same bytes Node draws — and the on-screen style is rasterised
 * at it; the file name says the scale (`…-step1@2x.png`). The label is in both languages.
 */
import { readFileSync } from 'node:fs';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderPng } from '../../src/render/index.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function save(page: Page, button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(readFileSync((await dl.path())!)) };
}

const size = (bytes: Uint8Array) => {
  const p = decode(bytes);
  return [p.width, p.height];
};

describe('Export: PNG size', () => {
  it('classic and flat: the library\'s PNG at the chosen scale, named for it; the on-screen style rasterised at it', async () => {
    const { page, errors } = await h.open('?i=4&k=3&s=1&p=1&lang=en');
    await page.click('#tab-export');
    expect(await page.$eval('#export-scale', (s) => (s as HTMLSelectElement).value)).toBe('2');
    for (const style of ['classic', 'flat'] as const) {
      await page.selectOption('#export-style', style);
      const sizes: number[][] = [];
      for (const k of [1, 2, 3]) {
        await page.selectOption('#export-scale', String(k));
        const png = await save(page, '#export-png');
        expect(png.name).toBe(`convkit-i4x4-k3x3-s1x1-p1x1-${style}-step1${k === 1 ? '' : `@${k}x`}.png`);
        expect(png.bytes, `${style} ${k}×`).toEqual(renderPng({ input: [4, 4], kernel: 3, padding: 1 }, { theme: style, lang: 'en', emptyCells: 'joined', frame: 0, scale: k }));
        sizes.push(size(png.bytes));
      }
      expect(sizes[1], style).toEqual(sizes[0].map((v) => 2 * v));
      expect(sizes[2], style).toEqual(sizes[0].map((v) => 3 * v));
    }
    await page.selectOption('#export-style', 'screen');
    await page.selectOption('#export-scale', '1');
    const one = size((await save(page, '#export-png')).bytes);
    await page.selectOption('#export-scale', '3');
    expect(size((await save(page, '#export-png')).bytes)).toEqual(one.map((v) => 3 * v));
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('the control is labelled in English and in Chinese', async () => {
    for (const [lang, label] of [['en', 'PNG size'], ['zh', 'PNG 尺寸']] as const) {
      const { page } = await h.open(`?i=4&k=3&lang=${lang}`);
      await page.click('#tab-export');
      expect(await page.$eval('#export-scale', (s) => s.closest('label')!.querySelector('span')!.textContent)).toBe(label);
      expect(await page.$$eval('#export-scale option', (os) => os.map((o) => o.textContent))).toEqual(['1×', '2×', '3×']);
      await page.close();
    }
  }, 60_000);
});
