/**
 * The Matrix tab's caption at real channel counts, in Chromium: a layer of up to 4 096 channels is
 * drawn as a 16-channel copy (drawn-channels.ts), and the caption gives the size of the layer's own
 * C (or Cᵀ), from the library's geometry, then the drawn copy's size and the note of what the
 * pictures show; a layer drawn whole keeps its one size.
 */
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/i18n/index.js';
import { resolveSpec } from '../../src/geometry/options.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();

/** The library's geometry of a layer. */
function geometryOf(o: Parameters<typeof resolveSpec>[0]): ConvGeometry {
  const r = resolveSpec(o);
  if (r.kind !== 'conv') throw new Error('not a conv');
  return r.geometry;
}
/** Rows and columns of the direct conv's C, from the geometry's input and output shapes [N, C, H, W]. */
const sizeOfC = (g: ConvGeometry) => {
  const cells = (s: readonly number[]) => s.slice(1).reduce((a, b) => a * b, 1);
  return g.transposed ? [cells(g.inputShape), cells(g.outputShape)] : [cells(g.outputShape), cells(g.inputShape)];
};
const dims = ([r, c]: number[]) => `${formatNumber(r)}×${formatNumber(c)}`;

describe('the matrix caption of a layer drawn as a copy', () => {
  it('4096 → 64 channels: the layer’s C, then the drawn copy’s (en, zh)', async () => {
    const layer = geometryOf({ input: [8, 8], kernel: 3, inChannels: 4096, outChannels: 64 });
    const copy = geometryOf({ input: [8, 8], kernel: 3, inChannels: 16, outChannels: 16 });
    for (const lang of ['en', 'zh']) {
      const { page, errors } = await h.open(`?i=8&k=3&s=1&p=0&ci=4096&co=64&lang=${lang}`, { width: 1366, height: 900 });
      await page.click('#tab-matrix');
      await settled(page);
      const caption = (await page.textContent('#matrix-caption')) ?? '';
      // The drawn matrix is the copy's …
      expect([Number(await page.getAttribute('#svg-matrix', 'data-rows')), Number(await page.getAttribute('#svg-matrix', 'data-cols'))]).toEqual(sizeOfC(copy));
      // … the caption opens with the layer's own, and names the copy's after it.
      // Chinese sets a full-width colon after the name, with no space (R43b).
      const colon = lang === 'en' ? ': ' : '：';
      expect(caption.startsWith(`C${colon}${dims(sizeOfC(layer))}`), caption).toBe(true);
      expect(caption).toContain(lang === 'en' ? `for the channels the pictures show: ${dims(sizeOfC(copy))}` : `按图中画出的通道为 ${dims(sizeOfC(copy))}`);
      expect(caption).toContain(lang === 'en' ? '16 of 4096 input channels' : '4096 个输入通道中的 16 个');
      // Cᵀ: the same sizes, the other way round.
      await page.selectOption('#matrix-mode', 'ct');
      await settled(page);
      const ct = (await page.textContent('#matrix-caption')) ?? '';
      expect(ct.startsWith(`Cᵀ${colon}${dims([...sizeOfC(layer)].reverse())}`), ct).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('a layer drawn whole has its one size and no copy', async () => {
    const { page } = await h.open('?i=4&k=3&s=1&p=0&ci=3&co=2&lang=en', { width: 1366, height: 900 });
    await page.click('#tab-matrix');
    await settled(page);
    const g = geometryOf({ input: [4, 4], kernel: 3, inChannels: 3, outChannels: 2 });
    expect(await page.textContent('#matrix-caption')).toBe(`C: ${dims(sizeOfC(g))} (the direct convolution's matrix, z = Cx)`);
  });
});
