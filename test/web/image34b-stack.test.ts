/**
 * The stacked receptive field's first entry, "this layer three times", is the layer as it is: its
 * stride, padding and kind (review 34, B2). The page showed 7 × 7 for the default stride-2 layer
 * (it stacked the kernel at stride 1); three stride-2 3 × 3 layers see 15 × 15. The expected fields
 * come from the library, from a layer list written here, not from the page's own stack. And the
 * entry "its 3 × 3 kernel at rates 1, 2, 5" is gone where it is the fixed "1, 2, 5" stack.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildNetwork } from '../../src/network/build.js';
import { outputRegion } from '../../src/network/receptive.js';
import { layerListToNetwork } from '../../src/model/layers.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function open(query: string, size = { width: 1366, height: 900 }): Promise<Page> {
  const { page } = await h.open(query, size);
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 60_000 });
  return page;
}

/** Three copies of one layer, as a layer list, on the 512 × 512 card (one channel: the field does not depend on colours). */
function threeOf(layer: Record<string, unknown>) {
  return buildNetwork(layerListToNetwork({ input: [1, 1, 512, 512], layers: [1, 2, 3].map((i) => ({ name: `c${i}`, out: 1, ...layer })) }));
}

/** What the field's summary says, once it names an output of the stack chosen. */
async function field(page: Page, stack: string) {
  await page.selectOption('#image-field-stack', stack);
  await page.waitForFunction(() => !!document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.output);
  return page.$eval('[data-field-summary]', (e) => {
    const d = (e as HTMLElement).dataset;
    return { output: (d.output as string).split(',').map(Number), span: d.span, holes: d.holes, text: e.textContent };
  });
}

const optionText = (page: Page, value: string) => page.$eval(`#image-field-stack option[value="${value}"]`, (o) => o.textContent);
const options = (page: Page) => page.$$eval('#image-field-stack option', (os) => os.map((o) => (o as HTMLOptionElement).value));

describe('image mode: the layer stacked three times keeps its stride', () => {
  it('the default stride-2 layer three times sees the field the library gives three stride-2 layers, and its name says stride 2', async () => {
    const page = await open('?view=image&lang=en');
    const f = await field(page, 'layer');
    const net = threeOf({ type: 'conv', kernel: 3, stride: 2, padding: 1 });
    // Away from the edges: the output the page picked (the one nearest the picture's middle).
    const [r, c] = outputRegion(net, f.output);
    expect(f.span).toBe(`${r.end! - r.start! + 1}x${c.end! - c.start! + 1}`);
    expect(f.span).toBe('15x15');
    expect(f.holes).toBe('0');
    // That output's field is centred on the pointer's pixel (the picture's middle, 256) within a stride.
    expect(Math.abs(r.centre! - 256)).toBeLessThanOrEqual(4);
    expect(await optionText(page, 'layer')).toBe('This layer three times: 3×3, stride 2, rate 1');
    expect(await page.textContent('[data-image-field] > p')).toMatch(/stride 2, dilation rate 1, the layer’s own padding\./);
    // Its kernel at 1, 2, 5 is the fixed 1, 2, 5 stack when the kernel is 3 × 3: one entry, not two.
    expect(await options(page)).toEqual(['layer', '2-2-2', '1-2-5', '1-2-4', '4-4']);
    // A 5 × 5 kernel: the entry is its own again.
    await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: unknown): void } }).convkitPlayground.benchChange({ kernel: [5, 5], pad: [2, 2, 2, 2] }));
    await page.waitForFunction(() => !!document.querySelector('#image-field-stack option[value="layer-1-2-5"]'));
    expect(await optionText(page, 'layer-1-2-5')).toBe('Its 5×5 kernel at stride 1, rates 1, 2, 5');
    const g = await field(page, 'layer');
    const [r5] = outputRegion(threeOf({ type: 'conv', kernel: 5, stride: 2, padding: 2 }), g.output);
    expect(g.span).toBe(`${r5.end! - r5.start! + 1}x${r5.end! - r5.start! + 1}`);
    await page.close();
  }, 90_000);

  it('a transposed layer is stacked as a transposed layer, and a stack that cannot run says why', async () => {
    const page = await open('?view=image&lang=en&k=3&s=2&p=1&t=1&op=1');
    // The closed menu shows its entry alone: it says the layers are transposed.
    expect(await optionText(page, 'layer')).toBe('Transposed layer ×3: 3×3, stride 2, rate 1');
    const f = await field(page, 'layer');
    const net = threeOf({ type: 'convTranspose', kernel: 3, stride: 2, padding: 1, outputPadding: 1 });
    const [r, c] = outputRegion(net, f.output);
    const span = (a: typeof r) => (a.start === null ? 0 : a.end! - a.start + 1);
    expect(f.span).toBe(`${span(r)}x${span(c)}`);
    // 512 → 4096: the output nearest the middle is near 2048 on each axis.
    expect(Math.abs(f.output[0] - 2048)).toBeLessThanOrEqual(8);
    expect(await page.textContent('[data-image-field] > p')).toMatch(/^Three copies of the layer set under “Layer” \(a transposed convolution\)/);
    await page.close();

    // 9 × 9 at stride 8 without padding: 512 → 64 → 7 (the library's sizes), and a third copy has no room on 7 pixels.
    const nine = { type: 'conv', out: 1, kernel: 9, stride: 8 };
    expect(() => threeOf(nine)).toThrow();
    const side = buildNetwork(layerListToNetwork({ input: [1, 1, 512, 512], layers: [{ name: 'c1', ...nine }, { name: 'c2', ...nine }] })).byName.get('c2')!.outputShape[3];
    expect(side).toBe(7);
    const small = await open('?view=image&lang=en&k=9&s=8&p=0');
    await small.selectOption('#image-field-stack', 'layer');
    await small.waitForFunction((n) => (document.querySelector('[data-field-summary]')?.textContent ?? '').startsWith(`Copy 3 of this layer cannot run on the ${n}×${n} output of the copy before it: `), side);
    // Nothing to enlarge.
    expect(await small.$eval('.field-zoom-figure', (f) => (f as HTMLElement).hidden)).toBe(true);
    await small.close();
  }, 90_000);

  it('in Chinese on a phone the entry names the stride too', async () => {
    const page = await open('?view=image&lang=zh', { width: 390, height: 844 });
    expect(await optionText(page, 'layer')).toBe('这一层叠三次：3×3，步长 2，膨胀率 1');
    const f = await field(page, 'layer');
    expect(f.span).toBe('15x15');
    expect(f.text).toMatch(/^膨胀率 1、1、1：感受野覆盖 15×15 像素/);
    await page.close();
  }, 90_000);
});
