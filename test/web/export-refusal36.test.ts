/**
 * A classic or flat export that the library's renderer refuses is made in the on-screen style, and
 * the status line says why in the page's language. It showed the renderer's English message (on
 * the Chinese page too), and then only "Saved …" once the file was saved. The layer here is a real
 * one the form sets: a transposed 3 × 3 at stride 5, padding 0, on a 16 × 16 input, whose zero-inserted,
 * padded input the renderer counts as more than its 64 cells a side. The numbers the line says are
 * checked against the library: the size it names, and the input and stride it offers as fitting
 * (they fit, one more does not).
 */
import { describe, expect, it } from 'vitest';
import { ConvError } from '../../src/geometry/errors.js';
import { resolveSpec } from '../../src/geometry/options.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { MAX_CELLS_PER_AXIS } from '../../src/render/options.js';
import { renderRefusalText } from '../../web/src/export-refusal.js';
import { defaultState } from '../../web/src/state.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

const layer = (i: number, s: number): ConvGeometry => {
  const r = resolveSpec({ input: [i, i], kernel: 3, stride: s, transposed: true, outputPadding: 0 });
  if (r.kind !== 'conv') throw new Error('not a convolution');
  return r.geometry;
};
/** The largest of the renderer's counts on axis H: the zero-inserted, padded input, the output, the input. */
const cells = (g: ConvGeometry) => Math.max(g.axes[0].equivalent.gridSize, g.axes[0].output, g.axes[0].input);

describe('a classic or flat export the renderer refuses says why, in the page’s language', () => {
  for (const [lang, style, fits, english] of [
    ['en', 'classic', /an input of at most (\d+) along H and W fits, or at this input a stride of at most (\d+)\./, null],
    ['zh', 'classic', /把高度和宽度方向上的输入减到不超过 (\d+) 就能画出；输入不变时，把步长减到不超过 (\d+) 也可以。/, /[a-z]{3,}/],
    ['zh', 'flat', /把高度和宽度方向上的输入减到不超过 (\d+) 就能画出；输入不变时，把步长减到不超过 (\d+) 也可以。/, /[a-z]{3,}/],
  ] as const) {
    it(`${lang}, ${style}: the file is made as on screen, and the line names the size, the limit and what fits`, async () => {
      const { page, errors } = await h.open(`?i=16&k=3&s=5&p=0&t=1&lang=${lang}`);
      await page.click('#tab-export');
      await page.selectOption('#export-style', style);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
      await expect.poll(() => page.textContent('#export-status')).toContain(dl.suggestedFilename());
      const status = (await page.textContent('#export-status'))!;
      const grid = layer(16, 5).axes[0].equivalent.gridSize;
      expect(grid).toBeGreaterThan(MAX_CELLS_PER_AXIS);
      expect(status).toContain(lang === 'en' ? 'Saved convkit-' : '已按“与屏幕一致”的样式保存 convkit-');
      expect(status).toContain(lang === 'en' ? `at most ${MAX_CELLS_PER_AXIS} cells per axis, and this layer’s input with inserted zeros and padding has ${grid} along H.` : `每个方向最多画 ${MAX_CELLS_PER_AXIS} 个单元，而这一层的插零并填充后的输入在高度方向上有 ${grid} 个。`);
      expect(status).toContain(lang === 'en' ? (style === 'classic' ? '“classic figure”' : '“flat grids”') : style === 'classic' ? '“经典示意图”' : '“平铺网格”');
      // The Chinese line has no English in it but the file's name.
      if (english) expect(status.replace(dl.suggestedFilename(), '')).not.toMatch(english);
      // What it offers fits, and one more does not: the library's counts against its limit.
      const [, i, s] = fits.exec(status)!.map(Number);
      expect(cells(layer(i, 5))).toBeLessThanOrEqual(MAX_CELLS_PER_AXIS);
      expect(cells(layer(i + 1, 5))).toBeGreaterThan(MAX_CELLS_PER_AXIS);
      expect(cells(layer(16, s))).toBeLessThanOrEqual(MAX_CELLS_PER_AXIS);
      expect(cells(layer(16, s + 1))).toBeGreaterThan(MAX_CELLS_PER_AXIS);
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});

describe('where no smaller input or stride fits, the line says what else to make smaller', () => {
  it('a direct 9 × 9 kernel at rate 8 with ‘same’ padding, English and Chinese', async () => {
    const r = resolveSpec({ input: [32, 32], kernel: 9, dilation: 8, padding: 'same' });
    if (r.kind !== 'conv') throw new Error('not a convolution');
    const grid = r.geometry.axes[0].equivalent.gridSize;
    expect(grid).toBeGreaterThan(MAX_CELLS_PER_AXIS);
    for (const [lang, says] of [
      ['en', [`this layer’s padded input has ${grid} along H.`, 'No smaller input or stride alone makes a “classic figure” picture fit: try a smaller kernel size, dilation or padding.']],
      ['zh', [`而这一层的填充后的输入在高度方向上有 ${grid} 个。`, '只减小输入或步长还画不出“经典示意图”：请减小卷积核大小、膨胀率或填充。']],
    ] as const) {
      const { page } = await h.open(`?i=32&k=9&s=1&d=8&p=same&lang=${lang}`);
      await page.click('#tab-export');
      await page.selectOption('#export-style', 'classic');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
      await expect.poll(() => page.textContent('#export-status')).toContain(dl.suggestedFilename());
      const status = (await page.textContent('#export-status'))!;
      for (const s of says) expect(status).toContain(s);
      await page.close();
    }
  }, 90_000);
});

describe('a refusal the page has no sentence for keeps the renderer’s English message, said to be its own', () => {
  it('in Chinese, around the code’s translated headline; in English, as the renderer wrote it', () => {
    const e = new ConvError('INVALID_OPTION', 'textScale must be a number from 0.5 to 4, but got 9', { values: { textScale: 9 } });
    const zh = renderRefusalText(e, 'classic', defaultState(), 'zh');
    expect(zh).toBe('渲染器画不了这张“经典示意图”（某个选项类型错误或取值未知），它的英文说明是“textScale must be a number from 0.5 to 4, but got 9”。');
    expect(renderRefusalText(e, 'flat', defaultState(), 'en')).toBe('the renderer refused the “flat grids” picture (textScale must be a number from 0.5 to 4, but got 9).');
  });
});
