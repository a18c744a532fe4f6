/**
 * The upsampling study on the test card runs on the smooth landscape instead (review 34, B3): on
 * the card's own checkerboards a checkerboard painted by the kernel-3 transposed layer was hard to
 * tell from the picture. The intro says what it runs on; a picture the reader opens is used as it is.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function open(query: string, size = { width: 1366, height: 900 }): Promise<Page> {
  const { page } = await h.open(query, size);
  await page.waitForSelector('[data-image-upsample][data-drawn]', { timeout: 60_000 });
  return page;
}

const intro = (page: Page) => page.textContent('[data-image-upsample] > p');

/** The four results, way by way: their size and an FNV-1a hash of their pixels' bytes. */
const results = (page: Page) => page.$$eval('[data-upsample] canvas', (cs) => cs.map((c) => {
  const cv = c as HTMLCanvasElement;
  const d = (cv.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, cv.width, cv.height).data;
  let hash = 0x811c9dc5;
  for (let i = 0; i < d.length; i++) hash = Math.imul(hash ^ d[i], 0x01000193) >>> 0;
  return `${cv.width}x${cv.height} ${hash}`;
}));

/**
 * How unequal the four pixels of each 2 × 2 block are in a region of one result (largest over
 * smallest mean of the blue channel over each of the four phases): 1 on a smooth region.
 */
const spread = (page: Page, way: string, x0: number, y0: number, size: number) => page.$eval(`[data-upsample="${way}"] canvas`, (c, [x0, y0, size]) => {
  const d = ((c as HTMLCanvasElement).getContext('2d') as CanvasRenderingContext2D).getImageData(x0, y0, size, size).data;
  const sums = [0, 0, 0, 0];
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) sums[((y0 + y) % 2) * 2 + ((x0 + x) % 2)] += d[4 * (y * size + x) + 2];
  return Math.max(...sums) / Math.min(...sums);
}, [x0, y0, size]);

describe('image mode: upsampling on a smooth picture', () => {
  it('on the test card the study runs on the landscape, says so, and only the kernel-3 transposed layer paints a checkerboard on its sky', async () => {
    const card = await open('?view=image&lang=en');
    expect(await intro(card)).toMatch(/^The middle 128×128 of the synthetic landscape, made twice as large four ways, .* Not the test card: its own checkerboards would hide one that a layer paints/);
    // The same four results as when the reader picks the landscape.
    const onCard = await results(card);
    const scene = await open('?view=image&lang=en&img=scene');
    expect(onCard).toEqual(await results(scene));
    // Picked by the reader, the landscape is "the picture".
    expect(await intro(scene)).toMatch(/^The middle 128×128 of the picture, /);
    await scene.close();
    // The sky in the crop's top-left corner (away from the border, where kernel 4 overlaps less).
    expect(await spread(card, 'transposed3', 8, 8, 32)).toBeGreaterThan(1.3);
    for (const way of ['transposed4', 'nearest', 'bilinear']) expect(await spread(card, way, 8, 8, 32)).toBeLessThan(1.02);
    await card.close();
  }, 90_000);

  it('a picture the reader opens is used as it is; in Chinese on a phone the intro says the landscape stands in for the card', async () => {
    const page = await open('?view=image&lang=en');
    const png = await page.evaluate(async () => {
      const c = new OffscreenCanvas(40, 30);
      const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
      ctx.fillStyle = '#808080';
      ctx.fillRect(0, 0, 40, 30);
      return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer()));
    });
    await page.setInputFiles('#image-file', { name: 'grey.png', mimeType: 'image/png', buffer: Buffer.from(png) });
    await page.waitForFunction(() => (document.querySelector('[data-image-upsample] > p')?.textContent ?? '').startsWith('The whole picture (30×40)'));
    await page.close();

    const zh = await open('?view=image&lang=zh', { width: 390, height: 844 });
    await zh.waitForFunction(() => document.querySelector<HTMLCanvasElement>('[data-upsample="bilinear"] canvas')?.width === 160);
    expect(await intro(zh)).toMatch(/^取合成风景图正中 80×80 的部分，.*这里不用测试卡：测试卡本身就有棋盘格/);
    await zh.close();
  }, 90_000);
});
