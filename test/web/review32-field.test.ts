/**
 * Review 32, B8 / B9 and a leftover of 598d67f, in headless Chromium: the Formula panel says the
 * receptive field of one output of the layer alone (checked against the library's exact analysis
 * and a hand count for a table of layers, transposed ones included); tour step 1 invites only the
 * kernels its 4×4 input takes; a link to step 12 with a rate above 4 draws the stack as the step's
 * control does, instead of being refused for the hidden 9×9 input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildNetwork } from '../../src/network/build.js';
import { exactField } from '../../src/network/receptive.js';
import type { ConvLayerDef } from '../../src/network/types.js';
import { stackReach } from '../../web/src/stack-reach.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 180_000);
afterAll(async () => { await h?.close(); });

const open = (query: string) => h.open(query, { width: 1280, height: 800 });
const text = (page: Page, sel: string) => page.textContent(sel).then((t) => (t ?? '').trim());
const state = (page: Page) => page.evaluate(() => (window as unknown as { convkitPlayground: { state(): { input: number[]; dilation: number[] } } }).convkitPlayground.state());

/** Per axis [H, W]: the widest and narrowest span one output reads, by the library's exactField on a one-layer network. */
function library(l: { i: [number, number]; k: [number, number]; s: number; d: number; p: number; t: boolean; op?: number }): { max: number[]; min: number[] } {
  const layer: ConvLayerDef = {
    kind: l.t ? 'convTranspose' : 'conv', name: 'c', op: 'conv', inputs: ['x'], outChannels: 1, kernel: l.k, stride: [l.s, l.s], dilation: [l.d, l.d],
    padding: { pairs: [[l.p, l.p], [l.p, l.p]] }, groups: 1, bias: false, ...(l.t ? { outputPadding: [l.op ?? 0, l.op ?? 0] } : {}),
  };
  const net = buildNetwork({ input: { name: 'x', shape: [1, 1, ...l.i] }, layers: [layer] });
  const ex = [0, 1].map((a) => exactField(net, 'c', a));
  return { max: ex.map((e) => e.maxSize), min: ex.map((e) => e.minSize) };
}

describe('review 32: receptive field, step 1 kernels, step 12 links', () => {
  // [query, the panel's value by hand]. Direct: the footprint d(k − 1) + 1 on each axis. Transposed
  // k3 s2 p1: output o reads input cells (o + 1 − j)/2 for the taps j that divide evenly: o = 1 reads
  // cells 0 and 1 (j = 2, 0), o = 0 reads cell 0 only (j = 1), so 2 at most, 1 for some outputs.
  const table: [string, { i: [number, number]; k: [number, number]; s: number; d: number; p: number; t: boolean; op?: number }, string][] = [
    ['i=5&k=3&s=1&p=0', { i: [5, 5], k: [3, 3], s: 1, d: 1, p: 0, t: false }, '3×3 input cells'],
    ['i=7&k=3&s=1&p=0&d=2', { i: [7, 7], k: [3, 3], s: 1, d: 2, p: 0, t: false }, '5×5 input cells'],
    ['i=9&k=3&s=2&p=1&d=3', { i: [9, 9], k: [3, 3], s: 2, d: 3, p: 1, t: false }, '7×7 input cells'],
    ['i=8&k=3x5&s=2&p=1', { i: [8, 8], k: [3, 5], s: 2, d: 1, p: 1, t: false }, '3×5 input cells'],
    ['i=3&k=3&s=2&p=1&t=1&op=1', { i: [3, 3], k: [3, 3], s: 2, d: 1, p: 1, t: true, op: 1 }, '2×2 input cells at most; 1×1 for some outputs'],
    ['i=3&k=3&s=1&p=0&t=1', { i: [3, 3], k: [3, 3], s: 1, d: 1, p: 0, t: true }, '3×3 input cells'],
    ['i=4&k=4&s=2&p=1&t=1', { i: [4, 4], k: [4, 4], s: 2, d: 1, p: 1, t: true }, '2×2 input cells'],
    ['i=3&k=2x5&s=3&p=0&t=1', { i: [3, 3], k: [2, 5], s: 3, d: 1, p: 0, t: true }, '1×2 input cells at most; 1×1 for some outputs; some outputs read no input cell'],
  ];
  it('the Formula panel gives the receptive field of one output of the layer alone, as the library counts it', async () => {
    for (const [query, layer, hand] of table) {
      const { page, errors } = await open(`?${query}&lang=en`);
      await page.click('#tab-formula');
      const lib = library(layer);
      const size = (xs: number[]) => xs.join('×');
      const same = lib.max.every((m, a) => m === lib.min[a]);
      // The hand count and the library agree (dead outputs only add a clause to the library's words).
      expect(hand.startsWith(same ? `${size(lib.max)} input cells` : `${size(lib.max)} input cells at most; ${size(lib.min)} for some outputs`), query).toBe(true);
      await expect.poll(() => text(page, '#rf-text'), { message: query }).toBe(hand);
      expect(await page.isHidden('#error-banner'), query).toBe(true);
      expect(await text(page, '#rf-stack')).toBe('For one output of this layer alone. Stacked layers see more: tour part 12, or load a model.');
      expect(await page.$eval('#rf-text', (e) => e.previousElementSibling?.textContent)).toBe('Receptive field');
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('the receptive-field line in Chinese', async () => {
    const { page } = await open('?i=3&k=3&s=2&p=1&t=1&op=1&lang=zh');
    await page.click('#tab-formula');
    expect(await page.$eval('#rf-text', (e) => e.previousElementSibling?.textContent)).toBe('感受野');
    expect(await text(page, '#rf-text')).toBe('最多 2×2 个输入单元，部分输出为 1×1');
    expect(await text(page, '#rf-stack')).toBe('以上是只看这一层时，一个输出的感受野。多层堆叠后感受野更大：见导览第 12 节，或载入模型。');
  });

  it('tour step 1 invites only the kernels its 4×4 input takes (1 to 4), and 4 is accepted', async () => {
    const { page } = await open('?tour=1&lang=en');
    expect(await text(page, '#tour-try p')).toContain('from 1 to 4 on this 4×4 input');
    await page.fill('#try-control', '4');
    await expect.poll(() => page.textContent('#tour-now')).toContain('Now: kernel 4×4');
    expect(await page.isHidden('#error-banner')).toBe(true);
    const zh = await open('?tour=1&lang=zh');
    expect(await text(zh.page, '#tour-try p')).toContain('在 1 到 4 之间');
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`a link to step 12 with rate 8 draws the stack as the control does (${lang})`, async () => {
      const { page, errors } = await open(`?tour=12&d=8&lang=${lang}`);
      await expect.poll(() => page.$eval('#stack-figure svg', (s) => s.getAttribute('data-spans'))).toBe(`${stackReach([8, 8, 8], 3).span},${stackReach([1, 2, 5], 3).span}`);
      expect(await page.isHidden('#error-banner')).toBe(true);
      expect(await page.isHidden('#url-problems')).toBe(true);
      expect(await page.$eval('#try-control', (e) => (e as HTMLInputElement).value)).toBe('8');
      // The hidden layer's input grew to the footprint 8·(3 − 1) + 1 = 17, as the control makes it.
      expect((await state(page)).input).toEqual([17, 17]);
      // The step's own rate through the control: its own 9×9 input and no "your change" note.
      await page.fill('#try-control', '2');
      await expect.poll(() => page.isHidden('#tour-changed')).toBe(true);
      expect((await state(page)).input).toEqual([9, 9]);
      // A rate that fits keeps the step's input.
      const fits = await open(`?tour=12&d=4&lang=${lang}`);
      expect((await state(fits.page)).input).toEqual([9, 9]);
      expect(errors).toEqual([]);
    });
  }
});
