/**
 * What the 36th student review found, in headless Chromium: tour step 4's figure did not change
 * with its own control (1 or 16 output channels drew the same output channel 0 and its slices);
 * the image mode on a phone showed a tapped output pixel a screen and a half away from the input
 * pixels it reads, and broke "columns 7– / 9"; the Chinese field sentence broke "均值卷积 / 核",
 * and the stacked-layers figure's Chinese label used English punctuation.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { gluedRuns } from '../../web/src/keep-together.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** Sets the tour's try-it control to `n` as a reader types it. */
async function tryValue(page: Page, n: number): Promise<void> {
  await page.fill('#try-control', String(n));
  await page.press('#try-control', 'Tab');
}

/** The numbers printed in the kernel slices of the stage's figure, slice by slice. */
const sliceNumbers = (page: Page) => page.$$eval('#stage-channels [data-kernel-slice]', (es) => es.map((e) => Array.from(e.querySelectorAll('text'), (t) => t.textContent).join(' ')));

/** Whether every match of `pattern` in the element's text lies inside one span that does not wrap. */
const heldWhole = (page: Page, sel: string, pattern: string) => page.$eval(sel, (e, src) => {
  const text = e.textContent ?? '';
  const found = Array.from(text.matchAll(new RegExp(src, 'g')), (m) => m[0]);
  const held = Array.from(e.querySelectorAll('.nobr'), (s) => s.textContent ?? '');
  // A range written with a word joiner (the Chinese messages' own) is held by it.
  return { found, whole: found.every((f) => f.includes('\u2060') || held.some((s) => s.includes(f))) };
}, pattern);

describe('tour step 4: the figure answers the number of output channels', () => {
  it('draws one output plane per output channel, and a picked plane draws its own kernel slices, whose shares sum to its output', async () => {
    const { page, errors } = await h.open('?tour=4&lang=en', { width: 1366, height: 900 });
    const planes = () => page.$$eval('[data-output-plane]', (es) => es.length);
    await tryValue(page, 1);
    await expect.poll(planes).toBe(1);
    await tryValue(page, 16);
    await expect.poll(planes).toBe(16);
    const before = await sliceNumbers(page);
    expect(await page.$$eval('#stage-channels [data-kernel-slice]', (es) => es.map((e) => e.getAttribute('data-kernel-slice')))).toEqual(['0,0', '0,1', '0,2']);
    await page.click('[data-output-plane="5"]');
    await expect.poll(() => page.$$eval('#stage-channels [data-kernel-slice]', (es) => es.map((e) => e.getAttribute('data-kernel-slice')))).toEqual(['5,0', '5,1', '5,2']);
    expect(await page.textContent('#stage-channel-planes h2')).toContain('output channel 5');
    expect(await page.getAttribute('[data-output-plane="5"]', 'aria-pressed')).toBe('true');
    // Its own kernel: other numbers than output channel 0's.
    expect(await sliceNumbers(page)).not.toEqual(before);
    // Honest: the shares (one-channel convolutions with these slices) sum to the layer's output
    // of channel 5 at this step, and that is the value its plane in the strip shows.
    const sum = await page.$eval('#stage-channels [data-channel-sum]', (e) => ({ total: Number((e as HTMLElement).dataset.total), output: Number((e as HTMLElement).dataset.output) }));
    expect(sum.total).toBeCloseTo(sum.output, 5);
    expect(Number(await page.getAttribute('[data-output-plane="5"] [data-value]', 'data-value'))).toBeCloseTo(sum.output, 5);
    // The step sentence under the figure names the same output channel.
    expect(await page.textContent('#step-text')).toContain('output channel 5');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('on a phone the output planes fit the screen, the channel planes keep their numbers, and the step’s control stays on the first screen', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { page, errors } = await h.open(`?tour=4&lang=${lang}`, { width: 390, height: 844 });
      await tryValue(page, 16);
      await page.evaluate(() => scrollTo(0, 0));
      await expect.poll(() => page.$$eval('[data-output-plane]', (es) => es.length)).toBeGreaterThan(2);
      // 16 applied: the step's 4 planes all fit, so only 16 leaves some out of the row.
      await expect.poll(() => page.$eval('[data-output-strip]', (e) => Number((e as HTMLElement).dataset.rest))).toBeGreaterThan(0);
      const strip = await page.$eval('[data-output-strip]', (e) => {
        const boxes = [e, ...Array.from(e.querySelectorAll('button'))].map((b) => b.getBoundingClientRect());
        return { right: Math.max(...boxes.map((b) => b.right)), bottom: boxes[0].bottom, rest: Number((e as HTMLElement).dataset.rest) };
      });
      expect(strip.right, lang).toBeLessThanOrEqual(390);
      expect(strip.bottom, lang).toBeLessThanOrEqual(844);
      // The channels not drawn are counted, and one tap brings the next of them into the row.
      expect(strip.rest, lang).toBeGreaterThan(0);
      const next = 1 + Math.max(...(await page.$$eval('[data-output-strip] [data-output-plane]', (es) => es.map((e) => Number(e.getAttribute('data-output-plane'))))));
      await page.click('[data-output-strip] [data-more]:last-child');
      await expect.poll(() => page.$eval('#stage-channels [data-kernel-slice]', (e) => e.getAttribute('data-kernel-slice'))).toBe(`${next},0`);
      // The input planes print their numbers at 11 px or more.
      const sizes = await page.$$eval('#stage-channels .plane svg text', (ts) => ts.map((t) => parseFloat(getComputedStyle(t).fontSize)));
      expect(sizes.length, lang).toBeGreaterThan(0);
      expect(Math.min(...sizes), lang).toBeGreaterThanOrEqual(11);
      const control = await page.$eval('#try-control', (e) => e.getBoundingClientRect().bottom + scrollY);
      expect(control, lang).toBeLessThanOrEqual(844);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);
});

describe('the image mode on a phone: a tapped output pixel and where it reads on the input, together', () => {
  it('the docked bar shows the whole input with the part read framed, on screen with the tapped pixel, and the sentence keeps its ranges whole', async () => {
    // Each range with its word, as the other setting words are held (line-breaks.ts PAIRS).
    expect(gluedRuns('rows 7–9, columns 7–9.').filter((r) => r.keep).map((r) => r.text)).toEqual(['rows 7–9', 'columns 7–9']);
    for (const lang of ['en', 'zh'] as const) {
      const { page, errors } = await h.open(`?view=image&lang=${lang}`, { width: 390, height: 844 });
      await page.waitForSelector('canvas[data-image-output][data-drawn]');
      await page.$eval('canvas[data-image-output]', (e) => e.scrollIntoView({ block: 'start' }));
      const out = await page.$eval('canvas[data-image-output]', (e) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, width: r.width, height: r.height }; });
      await page.mouse.click(out.left + out.width * 0.7, out.top + out.height * 0.3);
      const where = await page.$eval('[data-image-where]', (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, width: r.width, shown: getComputedStyle(e).display !== 'none', frames: JSON.parse((e as HTMLElement).dataset.frames ?? '[]') as number[][], w: (e as HTMLCanvasElement).width }; });
      expect(where.shown, lang).toBe(true);
      expect(where.top, lang).toBeGreaterThanOrEqual(0);
      expect(where.bottom, lang).toBeLessThanOrEqual(844);
      // The frame lies where the footprint does: its centre, as a share of the picture's width,
      // is the centre of the columns the taps read.
      const taps = await page.$eval('[data-image-footprint]', (e) => ((e as HTMLElement).dataset.taps ?? '').split(' ').map((t) => t.split(',').map(Number)));
      const width = await page.$eval('canvas[data-image-input]', (e) => (e as HTMLCanvasElement).width);
      const cols = taps.map((t) => t[1]);
      const centre = (Math.min(...cols) + Math.max(...cols) + 1) / 2 / width;
      expect(where.frames.length, lang).toBe(1);
      const [x, , fw] = where.frames[0];
      expect(Math.abs((x + fw / 2) / where.w - centre), lang).toBeLessThan(0.03);
      // The map sits beside the enlargement, not under it: the docked bar stays a short strip
      // (stacked, it was ~217 px, a quarter of the screen, over the output picture).
      const bar = await page.evaluate(() => {
        const r = (s: string) => document.querySelector(s)!.getBoundingClientRect();
        const [stack, words, zoom, map] = [r('.zoom-stack'), r('[data-image-footprint]'), r('[data-image-zoom]'), r('[data-image-where]')];
        return { height: Math.max(stack.bottom, words.bottom) - Math.min(stack.top, words.top), beside: map.left >= zoom.right && map.top < zoom.bottom };
      });
      expect(bar.beside, lang).toBe(true);
      expect(bar.height, lang).toBeLessThanOrEqual(130);
      // The tapped pixel is on screen with it.
      const o = await page.$eval('canvas[data-image-output]', (e) => e.getBoundingClientRect().top);
      expect(o + out.height * 0.3, lang).toBeGreaterThanOrEqual(0);
      expect(o + out.height * 0.3, lang).toBeLessThan(where.top);
      // "columns 357–359" is held whole (English writes no joiner of its own).
      const held = await heldWhole(page, '[data-image-footprint]', String.raw`\d+–\u2060?\d+`);
      expect(held.found.length, lang).toBeGreaterThan(0);
      expect(held.whole, lang).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);
});

describe('Chinese wording kept whole and punctuated as Chinese', () => {
  it('the transposed stack’s field sentence holds 卷积核 whole, and the stacked-layers figure’s label uses Chinese punctuation', async () => {
    const { page, errors } = await h.open('?view=image&lang=zh&k=4&s=2&p=1&t=1', { width: 1366, height: 900 });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 60_000 });
    await page.selectOption('#image-field-stack', 'layer');
    await page.waitForFunction(() => !!document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.output, null, { timeout: 60_000 });
    const held = await heldWhole(page, '[data-field-summary]', '卷积核');
    expect(held.found.length).toBeGreaterThan(0);
    expect(held.whole).toBe(true);
    await page.close();
    const tour = await h.open('?tour=12&lang=zh', { width: 1366, height: 900 });
    const label = (await tour.page.getAttribute('svg[data-spans]', 'aria-label')) ?? '';
    expect(label).toContain('：');
    expect(label).not.toMatch(/[:,.]/);
    expect(label.endsWith('。')).toBe(true);
    expect([...errors, ...tour.errors]).toEqual([]);
    await tour.page.close();
  }, 120_000);
});
