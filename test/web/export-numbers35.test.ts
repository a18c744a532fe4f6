/**
 * The numbers of the renderer's pictures (the classic figure on screen, the classic and flat files)
 * and the long-GIF question, said truly.
 *
 * 1. With "Show numbers" on and several channels the page gave the renderer every channel's values,
 *    which it refuses (it takes one input channel's plane and one kernel slice): the grids came
 *    instead, under a note blaming "64 cells per axis". The figure now gets the shown pair's own
 *    numbers and stays; where its output channel adds several input channels, the note under it
 *    says the figure prints the drawn channel's share.
 * 2. The files printed the renderer's sample numbers, not the page's: they now print the page's,
 *    and a file that prints one input channel's share says so under its picture.
 * 3. Past the renderer's 1024 frames "All 1156 frames" quietly made 400 (the on-screen style); the
 *    question now says how many the style makes, the button names them, and that many are made.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { GLYPHS } from '../../src/render/font/glyphs.js';
import { sceneLayoutOf } from '../../src/render/scene-of.js';
import { decodeGif } from '../render/gif-decode.js';
import { outputShare, rendererValues, shareLines } from '../../web/src/figure-numbers.js';
import { buildLayer } from '../../web/src/layer.js';
import { buildScene } from '../../web/src/stage-scene.js';
import { parseQuery } from '../../web/src/state.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function save(page: Page, button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(readFileSync((await dl.path())!)) };
}
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Two groups of a 4 → 6 layer; output channel 5 reads input channels 2 and 3. */
const GROUPED = 'i=5&k=3&s=1&p=1&ci=4&co=6&g=2&oc=5&n=1&fig=classic';
/** Depthwise: output channel 3 reads input channel 3 only, so its output is the whole output. */
const DEPTHWISE = 'i=5&k=3&s=1&p=1&ci=4&co=4&g=4&oc=3&n=1&fig=classic';

/** The page's scene for a query, built in Node by the page's own modules. */
function sceneOf(query: string) {
  const { state } = parseQuery(`?${query}`);
  const layer = buildLayer(state);
  if (!layer.ok) throw layer.error;
  return buildScene(state, layer.geometry);
}

/** Every number the renderer prints for the page's scene (its values: the shown pair's, the page's numbers), frame `f`. */
function printedNumbers(query: string, lang: 'en' | 'zh', theme: 'classic' | 'flat', f = 0): string[] {
  const s = sceneOf(query);
  const oc = s.state.channel;
  const ic = s.trace.channels.feeds[oc][0];
  const sc = sceneLayoutOf(s.trace, { theme, lang, numeric: true, values: rendererValues(s), emptyCells: 'joined', channel: { input: ic, output: oc } });
  return numbers([...sc.base, ...sc.frame(f)].flatMap((p) => (p.type === 'text' ? [p.text] : [])));
}
const numbers = (texts: string[]) => texts.filter((x) => /^-?\d+(\.\d+)?$/.test(x)).sort();
const svgTexts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the classic figure with numbers and several channels', () => {
  for (const [lang, share] of [
    ['en', 'Its output plane prints the share of input channel 2 alone (the products drawn, added); output channel 5 adds the shares of input channels 2–3'],
    ['zh', '输出平面上的数只是输入通道 2 的那一份（图中乘积之和）；输出通道 5 要把输入通道 2–3 的各份加在一起'],
  ] as const) {
    it(`${lang}: stays the classic figure, prints the page's numbers of the pair shown, and says its output is a share`, async () => {
      const { page, errors } = await h.open(`?${GROUPED}&lang=${lang}`);
      expect(await page.$eval('#figure-box', (b) => b.getAttribute('data-stage'))).toBe('classic');
      expect(await page.$eval('#classic-note', (n) => (n as HTMLElement).hidden)).toBe(true);
      // The numbers on the figure are the renderer's picture of the page's own values for input 2 → output 5.
      const onScreen = await page.$$eval('#svg-classic text', (ts) => ts.map((t) => t.textContent ?? ''));
      const frame = Number(await page.$eval('#svg-classic', (s) => s.getAttribute('data-frame') ?? '0'));
      expect(numbers(onScreen)).toEqual(printedNumbers(GROUPED, lang, 'classic', frame));
      expect(await page.$eval('#channels-note-text', (n) => n.textContent)).toContain(share);
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }

  it('an output channel that reads one input channel prints the whole output, and says nothing of shares', async () => {
    const s = sceneOf(DEPTHWISE);
    expect(outputShare(s)).toBeNull();
    // The renderer's printed outputs (all of them by the last step) are the page's outputs of channel 3, the grids' numbers.
    const sc = sceneLayoutOf(s.trace, { numeric: true, values: rendererValues(s), channel: { input: 3, output: 3 } });
    const outs = s.values!.y.subarray(3 * 25, 4 * 25);
    const printed = numbers([...sc.base, ...sc.frame(sc.frameCount - 1)].flatMap((p) => (p.type === 'text' ? [p.text] : [])));
    for (const v of outs) expect(printed).toContain(v.toFixed(1));
    const { page, errors } = await h.open(`?${DEPTHWISE}&lang=en`);
    expect(await page.$eval('#figure-box', (b) => b.getAttribute('data-stage'))).toBe('classic');
    expect(await page.$eval('#channels-note-text', (n) => n.textContent)).not.toContain('share');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('an exported numeric picture', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: the classic and flat files print the page's numbers and say their output is input channel 2's share`, async () => {
      const { page, errors } = await h.open(`?${GROUPED}&lang=${lang}&f=4`);
      const lines = shareLines(outputShare(sceneOf(GROUPED))!, lang);
      await page.click('#tab-export');
      for (const style of ['classic', 'flat'] as const) {
        await page.selectOption('#export-style', style);
        const texts = svgTexts(text((await save(page, '#export-svg')).bytes));
        expect(numbers(texts), style).toEqual(printedNumbers(GROUPED, lang, style, 4));
        for (const line of lines) expect(texts, style).toContain(line);
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }

  it('the share lines print in a GIF or PNG: every character is in the raster font', () => {
    const s = outputShare(sceneOf(GROUPED))!;
    for (const lang of ['en', 'zh'] as const) {
      for (const line of shareLines(s, lang)) for (const ch of line) expect(GLYPHS[12].glyphs[ch], `${lang} '${ch}'`).toBeDefined();
    }
  });

  it('a file whose output is the whole output (one channel) carries no share lines', async () => {
    const { page } = await h.open('?i=5&k=3&s=1&p=1&n=1&lang=en');
    await page.click('#tab-export');
    await page.selectOption('#export-style', 'classic');
    expect(text((await save(page, '#export-svg')).bytes)).not.toContain('Σ');
    await page.close();
  }, 60_000);
});

describe('a GIF past the renderer\'s 1024 frames', () => {
  it('the question says how many the style makes, the button names them, and that many are made', async () => {
    // 32×32 with full padding: a 34×34 output, 1156 steps.
    const { page, errors } = await h.open('?i=32&k=3&s=1&p=2&lang=en');
    await page.click('#tab-export');
    await page.selectOption('#export-style', 'classic');
    await page.click('#export-gif');
    await page.waitForSelector('#gif-ask:not([hidden])');
    expect(await page.$eval('#gif-ask-text', (p) => p.textContent)).toBe('This animation has 1156 steps, one GIF frame each, and this picture style makes at most 1024 frames, which take a while to make.');
    expect(await page.$eval('#gif-all', (b) => b.textContent)).toBe('First 1024 steps (the most)');
    const gif = await save(page, '#gif-all');
    expect(gif.name).toBe('convkit-i32x32-k3x3-s1x1-p2x2-classic-first1024.gif');
    expect(decodeGif(gif.bytes).frames.length).toBe(1024);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('zh: the same, and a GIF the style holds whole is not called large before its size is known', async () => {
    const { page } = await h.open('?i=32&k=3&s=1&p=2&lang=zh');
    await page.click('#tab-export');
    await page.selectOption('#export-style', 'flat');
    await page.click('#export-gif');
    await page.waitForSelector('#gif-ask:not([hidden])');
    expect(await page.$eval('#gif-ask-text', (p) => p.textContent)).toBe('这段动画共 1156 步，GIF 每一步一帧；这种图片样式最多 1024 帧，生成要花一些时间。');
    expect(await page.$eval('#gif-all', (b) => b.textContent)).toBe('前 1024 步（最多）');
    await page.close();
    const small = await h.open('?i=12&k=3&s=1&p=1&lang=zh');
    await small.page.click('#tab-export');
    await small.page.click('#export-gif');
    await small.page.waitForSelector('#gif-ask:not([hidden])');
    expect(await small.page.$eval('#gif-ask-text', (p) => p.textContent)).toBe('这个 GIF 每一步一帧，共 144 帧，生成要花一些时间。');
    expect(await small.page.$eval('#gif-all', (b) => b.textContent)).toBe('全部 144 帧');
    await small.page.close();
  }, 120_000);
});
