/**
 * Review 34, A4: the pictures draw a copy of at most 16 channels a side, and an exported file must
 * not state that copy as the layer. The classic and flat files (the library's renderer) give the
 * layer's channels in their key line and say how many are drawn — "channels 64→32 (16→16 drawn)" —
 * in English and Chinese; the "as on screen" file carries the page's note that fewer are drawn.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderPng } from '../../src/render/index.js';
import { decodeGif } from '../render/gif-decode.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function save(page: Page, button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(readFileSync((await dl.path())!)) };
}
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** ConvTranspose2d(64, 32, 4, 2, 1) on 16×16, the reviewer's layer. */
const LAYER = '?i=16&k=4&s=2&p=1&t=1&ci=64&co=32';

describe('Export of a layer with more channels than are drawn', () => {
  for (const [lang, line, note] of [
    ['en', 'channels 64→32 (16→16 drawn), groups 1 (input and output channel 0 drawn)', '16 of 64 input channels'],
    ['zh', '通道 64→32（画出 16→16），分组数 1（画出输入、输出通道 0）', '64 个输入通道中的 16 个'],
  ] as const) {
    it(`${lang}: classic and flat files give the layer's channels and the drawn ones; the screen file says fewer are drawn`, async () => {
      const { page, errors } = await h.open(`${LAYER}&lang=${lang}`, { width: 1280, height: 800 });
      await page.click('#tab-export');
      for (const style of ['classic', 'flat'] as const) {
        await page.selectOption('#export-style', style);
        const svg = text((await save(page, '#export-svg')).bytes);
        expect(svg, style).toContain(line);
        expect(svg, style).not.toMatch(/channels 16→16|通道 16→16/);
      }
      // The PNG is the library's, drawn with the layer's channels: the same bytes Node draws.
      await page.selectOption('#export-style', 'classic');
      await page.selectOption('#export-scale', '1');
      const png = await save(page, '#export-png');
      expect(png.bytes).toEqual(renderPng({ input: [16, 16], kernel: 4, stride: 2, padding: 1, transposed: true, inChannels: 16, outChannels: 16 }, {
        theme: 'classic', lang, emptyCells: 'joined', frame: 0, scale: 1, layerChannels: { inChannels: 64, outChannels: 32, groups: 1 },
      }));
      await page.selectOption('#export-style', 'screen');
      expect(text((await save(page, '#export-svg')).bytes)).toContain(note);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it('a layer drawn whole keeps its plain key line and the screen file no note', async () => {
    const { page } = await h.open('?i=6&k=3&s=1&p=1&ci=3&co=4&lang=en');
    await page.click('#tab-export');
    await page.selectOption('#export-style', 'classic');
    expect(text((await save(page, '#export-svg')).bytes)).toContain('channels 3→4, groups 1 (input and output channel 0 drawn)');
    await page.selectOption('#export-style', 'screen');
    expect(text((await save(page, '#export-svg')).bytes)).not.toContain('The pictures show');
    await page.close();
  }, 60_000);
});

/**
 * Review 34, B6: a GIF has one frame per step, and the 1024 steps of a 32×32 output took 54 s and
 * 29 MB (on screen) with nothing said first. Past 100 frames the Export tab says how many frames
 * the GIF will have and offers the first 100 steps; a short animation is made at once.
 */
describe('a long GIF is asked about first', () => {
  it('1024 steps: the count is said, nothing is made until chosen; "first 100 steps" makes 100 frames', async () => {
    const { page, errors } = await h.open(`${LAYER}&lang=en`);
    await page.click('#tab-export');
    await page.selectOption('#export-style', 'classic');
    let downloads = 0;
    page.on('download', () => { downloads++; });
    await page.click('#export-gif');
    await page.waitForSelector('#gif-ask:not([hidden])');
    expect(await page.$eval('#gif-ask-text', (p) => p.textContent)).toBe('This GIF has one frame per step: 1024 frames, which take a while to make.');
    expect(await page.$eval('#gif-all', (b) => b.textContent)).toBe('All 1024 frames');
    expect(await page.$eval('#gif-first', (b) => b.textContent)).toBe('First 100 steps');
    expect(downloads).toBe(0);
    const gif = await save(page, '#gif-first');
    expect(gif.name).toBe('convkit-transposed-i16x16-k4x4-s2x2-p1x1-ci64-co32-classic-first100.gif');
    expect(decodeGif(gif.bytes).frames.length).toBe(100);
    expect(await page.$eval('#gif-ask', (b) => (b as HTMLElement).hidden)).toBe(true);
    // The on-screen style says its own count (it draws at most 400 frames).
    await page.selectOption('#export-style', 'screen');
    await page.click('#export-gif');
    await page.waitForSelector('#gif-ask:not([hidden])');
    expect(await page.$eval('#gif-ask-text', (p) => p.textContent)).toContain('400 frames');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('in Chinese too; a 9-step animation is made at once', async () => {
    const { page } = await h.open(`${LAYER}&lang=zh`);
    await page.click('#tab-export');
    await page.click('#export-gif');
    await page.waitForSelector('#gif-ask:not([hidden])');
    expect(await page.$eval('#gif-ask-text', (p) => p.textContent)).toBe('这个 GIF 每一步一帧，共 1024 帧，生成要花一些时间。');
    expect(await page.$eval('#gif-first', (b) => b.textContent)).toBe('只要前 100 步');
    await page.close();
    const small = await h.open('?i=5&k=3&s=2&p=1&lang=en');
    await small.page.click('#tab-export');
    const gif = await save(small.page, '#export-gif');
    expect(gif.name).toBe('convkit-i5x5-k3x3-s2x2-p1x1-classic.gif');
    expect(decodeGif(gif.bytes).frames.length).toBe(9);
    expect(await small.page.$eval('#gif-ask', (b) => (b as HTMLElement).hidden)).toBe(true);
    await small.page.close();
  }, 120_000);
});
