/**
 * Two things an exported picture and the Export tab's GIF question now say truly.
 *
 * 1. The channel drawn. The page shows the output channel the reader picks and the first input
 *    channel of its group; the classic figure and the classic/flat files said "(channel 0 drawn)"
 *    whatever it showed. They now name the pair shown, passed to the renderer's `channel` option.
 * 2. The GIF's size. Past 100 frames the question gave only the frame count; it now says about how
 *    large the GIF will be, measured by encoding its first frames with the export's own encoder.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sceneLayoutOf } from '../../src/render/scene-of.js';
import { sceneToGif } from '../../src/render/gif.js';
import { estimateGifBytes, sizeText } from '../../web/src/gif-estimate.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function save(page: Page, button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(readFileSync((await dl.path())!)) };
}
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Two groups of a 4 → 6 layer; output channel 5 reads input channels 2 and 3. */
const GROUPED = '?i=5&k=3&s=1&p=1&ci=4&co=6&g=2&oc=5&fig=classic';

describe('the channel drawn is the channel shown', () => {
  for (const [lang, line, caption] of [
    ['en', 'channels 4→6, groups 2 (input channel 2 → output channel 5 drawn)', 'channel 5'],
    ['zh', '通道 4→6，分组数 2（画出输入通道 2 → 输出通道 5）', '通道 5'],
  ] as const) {
    it(`${lang}: the classic figure on screen and the classic and flat files name input 2 → output 5`, async () => {
      const { page, errors } = await h.open(`${GROUPED}&lang=${lang}`);
      // The page shows output channel 5 and, as the note under the figure says, input channel 2.
      expect(await page.$eval('#cap-output', (c) => c.textContent)).toContain(caption);
      expect(await page.$eval('#channels-note-text', (c) => c.textContent)).toMatch(/\b2\b/);
      const onScreen = await page.$$eval('#stage svg text', (ts) => ts.map((t) => t.textContent ?? ''));
      expect(onScreen).toContain(line);
      await page.click('#tab-export');
      for (const style of ['classic', 'flat'] as const) {
        await page.selectOption('#export-style', style);
        const svg = text((await save(page, '#export-svg')).bytes);
        expect(svg, style).toContain(line);
        expect(svg, style).not.toMatch(/channel 0 drawn|画出通道 0/);
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});

describe('the GIF question says about how large the GIF will be', () => {
  it('the estimate (first frames encoded, the rest extrapolated) is within a factor of 2 of the renderer\'s GIF of a 1024-step layer', () => {
    const layout = sceneLayoutOf({ input: [16, 16], kernel: 4, stride: 2, padding: 1, transposed: true, inChannels: 16, outChannels: 16 }, { emptyCells: 'joined' });
    const { frameCount, frame, ...rest } = layout;
    const gifOf = (k: number) => sceneToGif({ ...rest, frames: Array.from({ length: k }, (_, i) => frame(i)) }).length;
    return estimateGifBytes(frameCount, gifOf).then((estimate) => {
      const real = gifOf(frameCount);
      expect(frameCount).toBe(1024);
      expect(estimate / real).toBeGreaterThan(0.5);
      expect(estimate / real).toBeLessThan(2);
    });
  }, 120_000);

  it('sizes read as people read them', () => {
    expect([sizeText(350_400), sizeText(4_321_000), sizeText(28_800_000), sizeText(120)]).toEqual(['350 KB', '4.3 MB', '29 MB', '1 KB']);
  });

  it('en: 144 steps (classic): the estimate appears, and the GIFs made are within a factor of 2 of it', async () => {
    const { page, errors } = await h.open('?i=12&k=3&s=1&p=1&lang=en');
    await page.click('#tab-export');
    await page.selectOption('#export-style', 'classic');
    const sizes = async () => {
      await page.click('#export-gif');
      await page.waitForSelector('#gif-ask:not([hidden])');
      await page.waitForFunction(() => /^About /.test(document.querySelector('#gif-ask-size')?.textContent ?? ''), null, { timeout: 60_000 });
      const said = (await page.$eval('#gif-ask-size', (p) => p.textContent))!;
      expect(said).toMatch(/^About [\d.]+ (KB|MB), estimated by encoding its first 8 frames; the first 100 steps, about [\d.]+ (KB|MB)\.$/);
      const bytes = [...said.matchAll(/([\d.]+) (KB|MB)/g)].map((m) => Number(m[1]) * (m[2] === 'MB' ? 1e6 : 1e3));
      return { all: bytes[0], first: bytes[1] };
    };
    const near = (estimate: number, real: number) => {
      expect(estimate / real).toBeGreaterThan(0.5);
      expect(estimate / real).toBeLessThan(2);
    };
    let said = await sizes();
    const all = await save(page, '#gif-all');
    expect(all.name).toBe('convkit-i12x12-k3x3-s1x1-p1x1-classic.gif');
    near(said.all, all.bytes.length);
    said = await sizes();
    const first = await save(page, '#gif-first');
    expect(first.name).toBe('convkit-i12x12-k3x3-s1x1-p1x1-classic-first100.gif');
    near(said.first, first.bytes.length);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('zh: the estimate in Chinese, also for the on-screen style', async () => {
    const { page, errors } = await h.open('?i=12&k=3&s=1&p=1&lang=zh');
    await page.click('#tab-export');
    for (const style of ['classic', 'screen']) {
      await page.selectOption('#export-style', style);
      await page.click('#export-gif');
      await page.waitForSelector('#gif-ask:not([hidden])');
      await page.waitForFunction(() => /^约 /.test(document.querySelector('#gif-ask-size')?.textContent ?? ''), null, { timeout: 90_000 });
      expect(await page.$eval('#gif-ask-size', (p) => p.textContent), style).toMatch(/^约 [\d.]+ (KB|MB)（按前 8 帧的实际编码大小推算）；只要前 100 步，约 [\d.]+ (KB|MB)。$/);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
