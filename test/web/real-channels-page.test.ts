/**
 * Review 33 B8 in Chromium: an engineer enters ConvTranspose2d(64, 32, 4, stride 2, padding 1) in the
 * form; the Formula tab gives the library's parameter count for it, the Code tab builds it, the link
 * carries it and reads back, the pictures draw a 16-channel copy and say so; values the form cannot
 * take are refused with a message; a change at 4096 channels costs about what one at 16 costs.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatNumber } from '../../src/i18n/index.js';
import { BOUNDS } from '../../web/src/state.js';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();

const text = (page: Page, sel: string) => page.textContent(sel).then((t) => (t ?? '').trim());
const fieldError = (page: Page) => text(page, '.field-error[data-for~="in-ch"]');
/** The snippet with its layout (code-wrap.ts) taken out: what Python reads. */
const flat = (code: string) => code.replace(/\s+/g, '').replace(/,\)/g, ')');

describe('real channels on the page', () => {
  it('64 → 32, k4 s2 p1 transposed: formula, code, link and a note under the figure', async () => {
    const { page, errors } = await h.open('?i=8&k=4&s=2&p=1&t=1&fig=classic&lang=en', { width: 1366, height: 900 });
    await page.fill('#in-ch', '64');
    await page.fill('#out-ch', '32');
    await settled(page);
    expect(await fieldError(page)).toBe('');
    // PyTorch's weight [64, 32, 4, 4] plus a bias per output channel, as the Formula tab counts it.
    await page.click('#tab-formula');
    expect(await text(page, '#params-text')).toBe(formatNumber(64 * 32 * 4 * 4 + 32));
    expect(await text(page, '#shape-text')).toBe('[1, 64, 8, 8] → [1, 32, 16, 16]');
    expect(await text(page, '#formula ul.explain')).toContain('64 → 32');
    await page.click('#tab-code');
    expect(flat(await text(page, '#code-torch'))).toContain('nn.ConvTranspose2d(64,32,kernel_size=(4,4),stride=(2,2),padding=(1,1)');
    const url = new URL(page.url());
    expect([url.searchParams.get('ci'), url.searchParams.get('co')]).toEqual(['64', '32']);
    // The figure draws 16 of them, and says so.
    expect(await page.isVisible('#channels-cut')).toBe(true);
    expect(await text(page, '#channels-cut')).toBe('The pictures show 16 of 64 input channels, 16 of 32 output channels (at most 16 channels fit); the Formula and Code tabs give every channel.');
    expect(await page.getAttribute('[data-stage]', 'data-stage')).toBe('classic');
    // The one-channel line counts the layer's channels, not the copy's.
    expect(await text(page, '#channels-note-text')).toBe('This figure draws input channel 0 of 64.');
    // The channel diagram draws 16 boxes a side and one for the rest; its note says the same.
    expect(await text(page, '#channels-cut-side')).toBe(await text(page, '#channels-cut'));
    expect(await page.$$eval('#svg-channels text', (ts) => ts.map((t) => t.textContent))).toEqual(expect.arrayContaining(['in 15', 'out 15', '+48', '+16']));
    await page.click('#tab-matrix');
    await settled(page);
    expect(await text(page, '#matrix-caption')).toContain('16 of 64 input channels');

    // The link reads back as the same layer, with no notice.
    const again = await h.open(`${url.search}`, { width: 1366, height: 900 });
    expect(await again.page.isVisible('#url-problems')).toBe(false);
    expect([await again.page.inputValue('#in-ch'), await again.page.inputValue('#out-ch')]).toEqual(['64', '32']);
    await settled(again.page);
    expect(await text(again.page, '#params-text')).toBe(formatNumber(64 * 32 * 4 * 4 + 32));
    expect(await again.page.isVisible('#channels-cut')).toBe(true);
    expect([...errors, ...again.errors]).toEqual([]);
  }, 120_000);

  it('a layer the pictures hold whole has no note; a refused value gets its message (en, zh)', async () => {
    const { page, errors } = await h.open('?i=5&k=3&ci=3&co=2&lang=en', { width: 1366, height: 900 });
    await settled(page);
    expect(await page.isVisible('#channels-cut')).toBe(false);
    expect(await page.isVisible('#channels-cut-side')).toBe(false);
    const [lo, hi] = BOUNDS.layerChannels;
    for (const bad of ['0', String(hi + 1), '5000']) {
      await page.fill('#in-ch', bad);
      await expect.poll(() => fieldError(page)).toBe(`Enter a whole number from ${lo} to ${hi}.`);
      // The figure keeps the layer it showed.
      expect(new URL(page.url()).searchParams.get('ci')).toBe('3');
    }
    await page.fill('#in-ch', '64');
    await page.fill('#groups', '3');
    await expect.poll(() => text(page, '.field-error[data-for~="groups"]')).toContain('Groups (3) must divide');
    await page.fill('#groups', '2');
    await expect.poll(() => text(page, '.field-error[data-for~="groups"]')).toBe('');
    expect(new URL(page.url()).searchParams.get('g')).toBe('2');

    const zh = await h.open('?i=5&k=3&ci=64&co=32&g=4&lang=zh', { width: 390, height: 844 });
    await settled(zh.page);
    expect(await text(zh.page, '#channels-cut')).toBe('图中只画出了 64 个输入通道中的 16 个、32 个输出通道中的 16 个（最多画得下 16 个通道）；“公式”页和“代码”页给出的是全部通道的数字。');
    await zh.page.fill('#in-ch', '5000');
    await expect.poll(() => fieldError(zh.page)).toBe(`请输入 ${lo} 到 ${hi} 之间的整数。`);
    const bad = await h.open('?ci=5000&lang=en', { width: 1366, height: 900 });
    expect(await text(bad.page, '#url-problems')).toContain(`ci=“5000” (input channels: a whole number ${lo}–${hi})`);
    expect([...errors, ...zh.errors, ...bad.errors]).toEqual([]);
  }, 120_000);

  it('a layer of 4096 channels is drawn from the same 16-channel copy as one of 16: the pictures do not grow with the layer', async () => {
    // Speed itself is measured in bench/, never asserted here: what keeps a change at 4096 channels
    // as cheap as one at 16 is that every picture is built from the copy, so the pictures are the
    // same size, element for element.
    const { page, errors } = await h.open('?i=16&k=3&s=1&p=1&n=1&lang=en', { width: 1366, height: 900 });
    await settled(page);
    const drawn = (c: number) => page.evaluate((c) => {
      const api = (window as unknown as { convkitPlayground: { benchChange(p: object): void; flushSide(): void } }).convkitPlayground;
      api.benchChange({ inChannels: c, outChannels: c, kernel: [3, 3] });
      api.flushSide();
      const count = (sel: string) => document.querySelector(sel)?.querySelectorAll('*').length ?? 0;
      return { channels: count('#svg-channels'), matrix: count('#svg-matrix'), classic: count('#svg-classic'), grid: count('#svg-grid') };
    }, c);
    const at16 = await drawn(16);
    const at4096 = await drawn(4096);
    // The channel diagram adds one dashed "+4080" box (and its text) under each of its two columns.
    const { channels: c4096, ...rest4096 } = at4096;
    const { channels: c16, ...rest16 } = at16;
    expect(rest4096).toEqual(rest16);
    expect(c4096 - c16).toBeGreaterThanOrEqual(0);
    expect(c4096 - c16).toBeLessThanOrEqual(4);
    expect(Object.values(at16).some((n) => n > 0)).toBe(true);
    expect(await text(page, '#params-text')).toBe(formatNumber(4096 * 4096 * 3 * 3 + 4096));
    expect(errors).toEqual([]);
  }, 120_000);
});
