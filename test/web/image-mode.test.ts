/**
 * The image mode (issue 12) in Chromium: the page's pixels against the library's conv2d on the
 * same picture, the reader's own file (and bad files, in both languages), the footprint under the
 * pointer and the keys against the library's tap tables, upsampling's checkerboard, a learning
 * run that lowers the loss, superseded settings never drawn, no request leaving the page, axe.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { tapSource } from '../../src/geometry/taps.js';
import { conv2d, convTranspose2d } from '../../src/ops/conv.js';
import { builtin } from '../../web/src/image/builtins.js';
import { displayOf, planesToRgba } from '../../web/src/image/display.js';
import { sci } from '../../web/src/image/image-text.js';
import { presetKernel } from '../../web/src/image/kernels.js';
import type { PresetName } from '../../web/src/image/kernels.js';
import { pictureTensor, toGrey } from '../../web/src/image/picture.js';
import { pictureGeometry, pictureLayer } from '../../web/src/image/picture-layer.js';
import { defaultState, parseQuery } from '../../web/src/state.js';
import { startHarness, afterPageTimers } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 180_000);
afterAll(async () => { await h?.close(); });

async function open(query: string, size: { width?: number; height?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await h.open(query, { width: 1440, height: 900, ...size });
  await drawn(page);
  return { page, errors };
}

/** A mid-grey PNG file of w × h pixels, made by the page's own canvas (for the file input). */
async function greyPng(page: Page, w: number, hgt: number): Promise<number[]> {
  return page.evaluate(async ([w, hgt]) => {
    const c = new OffscreenCanvas(w, hgt);
    const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, w, hgt);
    return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer()));
  }, [w, hgt]);
}

/** A number the learn panel writes as a power of ten ("1.2 × 10⁻¹¹", image-text.ts sci), read back. */
function fromPower(text: string): number {
  const m = /^(-?[\d.]+)(?:\u00a0×\u00a010(⁻?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+))?$/.exec(text);
  if (!m) return NaN;
  const digits = [...(m[3] ?? '')].map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(d)).join('');
  return Number(m[1]) * 10 ** ((m[2] ? -1 : 1) * Number(digits || 0));
}

/** Waits until the newest request's output is on the canvas. */
async function drawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    // The studies take a new picture just after the layer's output (image-mode.ts studiesAfterLayer).
    const studies = document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies;
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested && studies === 'ready';
  }, null, { timeout: 30_000 });
}

async function outputPixels(page: Page): Promise<{ width: number; height: number; rgba: Uint8Array }> {
  // The bytes travel as base64 (a million numbers as JSON would be slow).
  const r = await page.$eval('canvas[data-image-output]', (c) => {
    const canvas = c as HTMLCanvasElement;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let bin = '';
    for (let i = 0; i < d.length; i += 0x8000) bin += String.fromCharCode(...d.subarray(i, i + 0x8000));
    return { width: canvas.width, height: canvas.height, b64: btoa(bin) };
  });
  return { width: r.width, height: r.height, rgba: new Uint8Array(Buffer.from(r.b64, 'base64')) };
}

/** The library's result for the same layer and picture, as the page's display map turns it into bytes. */
function expected(query: string, preset: PresetName, grey = false, mode: 'zeros' | 'reflect' = 'zeros') {
  const s = parseQuery(query, defaultState()).state;
  const pic = grey ? toGrey(builtin('card')) : builtin('card');
  const k = presetKernel(preset, s.kernel[0], s.kernel[1]);
  const layer = pictureLayer(s, k, { height: pic.height, width: pic.width, channels: pic.channels }, mode);
  const opts = { ...layer.options, engine: 'reference' as const };
  const y = layer.transposed ? convTranspose2d(pictureTensor(pic), layer.weight, opts) : conv2d(pictureTensor(pic), layer.weight, opts);
  const rgba = new Uint8ClampedArray(4 * y.shape[2] * y.shape[3]);
  planesToRgba(y, displayOf(k), rgba);
  return { width: y.shape[3], height: y.shape[2], rgba };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function choosePreset(page: Page, preset: PresetName): Promise<void> {
  await page.selectOption('#image-kernel-preset', preset);
  await drawn(page);
}

describe('image mode', () => {
  it("draws exactly the library's conv2d of the picture for preset kernels, at the output's true size", async () => {
    const cases: [string, PresetName, boolean, 'zeros' | 'reflect'][] = [
      ['?view=image&k=3&s=1&p=1&lang=en', 'sharpen', false, 'zeros'],
      ['?view=image&k=3&s=1&p=1&lang=en', 'sobelX', false, 'zeros'],
      ['?view=image&k=3&s=2&p=2&d=2&lang=en', 'gaussian', false, 'zeros'],
      ['?view=image&k=5&s=1&p=2&col=grey&pm=reflect&lang=en', 'laplacian', true, 'reflect'],
      ['?view=image&k=4&s=2&p=1&t=1&lang=en', 'box', false, 'zeros'],
      // 3 → 1: one grey plane, the colours summed.
      ['?view=image&k=3&s=1&p=1&ci=3&co=1&lang=en', 'gaussian', false, 'zeros'],
    ];
    // One page: each case's settings go in through the page's own store (what a link would set).
    const { page, errors } = await open(cases[0][0]);
    for (const [q, preset, grey, mode] of cases) {
      await page.evaluate((patch) => (window as unknown as { convkitPlayground: { benchChange(p: unknown): void } }).convkitPlayground.benchChange(patch), parseQuery(q.slice(1), defaultState()).state);
      await drawn(page);
      await choosePreset(page, preset);
      const got = await outputPixels(page);
      const want = expected(q.replace('?', ''), preset, grey, mode);
      expect([got.width, got.height], q).toEqual([want.width, want.height]);
      expect(maxDiff(got.rgba, want.rgba), `${q} ${preset}`).toBeLessThanOrEqual(1);
      // True scale: one CSS pixel per picture pixel on a wide screen.
      const css = await page.$eval('canvas[data-image-output]', (c) => c.getBoundingClientRect().width);
      expect(css).toBeCloseTo(want.width, 0);
      const note = grey ? /^The layer’s one channel is the picture’s grey\.$/ : q.includes('co=1') ? /^The layer’s 3 input channels are the picture’s colours, and its one output channel sums them \(the kernel ÷ 3 on each\), so the result is grey\.$/ : /groups = 3/;
      expect(await page.textContent('[data-image-note]')).toMatch(note);
      // The time said is from the change to the drawn picture: the computation and the drawing.
      const t = await page.$eval('canvas[data-image-output]', (c) => Number((c as HTMLElement).dataset.ms) + Number((c as HTMLElement).dataset.drawMs));
      expect(Number((await page.textContent('[data-image-status]'))!.match(/Updated in ([\d.]+) ms/)![1])).toBeCloseTo(t, 0);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('a newer setting supersedes older ones: only the last is drawn', async () => {
    const { page } = await open('?view=image&k=3&s=1&p=1&lang=en');
    await page.evaluate(() => {
      const sel = document.querySelector<HTMLSelectElement>('#image-kernel-preset') as HTMLSelectElement;
      for (const p of ['box', 'sharpen', 'emboss', 'sobelY', 'laplacian']) {
        sel.value = p;
        sel.dispatchEvent(new Event('change'));
      }
    });
    await drawn(page);
    const got = await outputPixels(page);
    expect(maxDiff(got.rgba, expected('k=3&s=1&p=1', 'laplacian').rgba)).toBeLessThanOrEqual(1);
    await page.close();
  }, 60_000);

  it('a layer the library refuses shows its reason in the page’s words, and the last picture stays, dimmed', async () => {
    const { page } = await open('?view=image&k=3&s=1&p=1&t=1&lang=zh');
    await page.selectOption('#image-padding-mode', 'reflect');
    await page.waitForFunction(() => (document.querySelector('[data-image-error]')?.textContent ?? '') !== '');
    const msg = await page.textContent('[data-image-error]');
    // Refused on any input (a transposed layer has no padding mode): the layer's refusal, not the picture's.
    expect(msg).toMatch(/^这一层无法运行：/);
    expect(msg).toMatch(/请把填充模式改为“补零”，或取消“转置卷积”/);
    // In the form it sits under the Transposed box (the padding mode is the picture panel's own field).
    expect(await page.$eval('#controls [data-image-refusal]', (e) => [e.textContent, e.previousElementSibling?.getAttribute('data-for')])).toEqual([msg, 'transposed op-mode op-h op-w target-h target-w']);
    // The picture dimmed, the refusal not.
    const look = await page.evaluate(() => ({
      refused: document.querySelector('.layer-view')!.classList.contains('refused'),
      pair: getComputedStyle(document.querySelector('.layer-view > .image-pair:not(.image-tools)')!).opacity,
      error: getComputedStyle(document.querySelector('[data-image-error]')!).opacity,
      note: document.querySelector('[data-image-note]')!.textContent,
    }));
    expect(look).toEqual({ refused: true, pair: '0.45', error: '1', note: '' });
    // A field's own complaint elsewhere in the form leaves the picture's refusal in place.
    await page.fill('#stride-h', '0');
    await page.press('#stride-h', 'Tab');
    await page.waitForFunction(() => (document.querySelector('.field-error[data-for="stride-h stride-w"]')?.textContent ?? '') !== '');
    expect(await page.textContent('[data-image-error]')).toBe(msg);
    await page.fill('#stride-h', '1');
    await page.press('#stride-h', 'Tab');
    await page.selectOption('#image-padding-mode', 'zeros');
    await drawn(page);
    expect(await page.textContent('[data-image-error]')).toBe('');
    await page.close();
  }, 60_000);

  it('a refusal the picture causes says so: a 7 × 7 kernel runs on the grids’ 9 × 9 input but not on a 4 × 4 picture', async () => {
    const { page } = await open('?view=image&lang=en&i=9&k=7&s=1&p=0');
    const bytes = await page.evaluate(async () => {
      const c = new OffscreenCanvas(4, 4);
      (c.getContext('2d') as OffscreenCanvasRenderingContext2D).fillRect(0, 0, 2, 2);
      return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer()));
    });
    await page.setInputFiles('#image-file', { name: 'tiny.png', mimeType: 'image/png', buffer: Buffer.from(bytes) });
    await page.waitForFunction(() => (document.querySelector('[data-image-error]')?.textContent ?? '') !== '');
    expect(await page.textContent('[data-image-error]')).toMatch(/^This layer cannot run on the picture: /);
    await page.close();
  }, 60_000);

  it('groups that do not divide the layer’s channels are refused on the picture too; groups = 1 says the colours mix', async () => {
    const { page } = await open('?view=image&lang=en&k=3&s=1&p=1&ci=3&co=3&g=1');
    expect(await page.textContent('[data-image-note]')).toBe('The layer’s 3 channels are the picture’s colours; groups = 1. Here every kernel slice is the same kernel ÷ 3, so each output colour is the same sum of all 3 input colours and the result is grey; in a trained layer each slice is a kernel of its own.');
    const set = async (id: string, v: string) => { await page.fill(id, v); await page.press(id, 'Tab'); };
    const said = async (text: string) => {
      await page.waitForFunction((t) => document.querySelector('[data-image-error]')?.textContent === t, text, { timeout: 10_000 }).catch(() => {});
      return page.textContent('[data-image-error]');
    };
    await set('#groups', '2');
    expect(await said('This layer cannot run: Groups (2) must divide the input channels (3) and the output channels (3). Set Groups to 1, or In and Out channels to a multiple of 2, such as 4.')).toBe('This layer cannot run: Groups (2) must divide the input channels (3) and the output channels (3). Set Groups to 1, or In and Out channels to a multiple of 2, such as 4.');
    // Channels other than the picture's: the layer is still refused rather than run per colour.
    await set('#in-ch', '4');
    await set('#out-ch', '4');
    await set('#groups', '3');
    expect(await said('This layer cannot run: Groups (3) must divide the input channels (4) and the output channels (4). Set Groups to a divisor of 4, such as 2, or In and Out channels to a multiple of 3, such as 6.')).toBe('This layer cannot run: Groups (3) must divide the input channels (4) and the output channels (4). Set Groups to a divisor of 4, such as 2, or In and Out channels to a multiple of 3, such as 6.');
    // Said again in the layer form, under the channel fields it is about.
    expect(await page.textContent('#controls [data-image-refusal]')).toBe('This layer cannot run: Groups (3) must divide the input channels (4) and the output channels (4). Set Groups to a divisor of 4, such as 2, or In and Out channels to a multiple of 3, such as 6.');
    expect(await page.isVisible('#controls [data-image-refusal]')).toBe(true);
    expect(await page.$eval('#controls [data-image-refusal]', (e) => e.previousElementSibling?.getAttribute('data-for'))).toBe('in-ch out-ch groups');
    await set('#groups', '4');
    await drawn(page);
    expect(await page.textContent('[data-image-error]')).toBe('');
    expect(await page.textContent('#controls [data-image-refusal]')).toBe('');
    await page.close();
  }, 60_000);

  it("reads the reader's own picture locally, and refuses files that are not pictures, in both languages", async () => {
    const { page } = await open('?view=image&k=3&s=1&p=1&lang=en');
    // A 40 × 24 PNG made in the browser, then chosen through the file input as a reader would.
    const bytes = await page.evaluate(async () => {
      const c = new OffscreenCanvas(40, 24);
      const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
      ctx.fillStyle = '#204080';
      ctx.fillRect(0, 0, 40, 24);
      ctx.fillStyle = '#ffcc00';
      ctx.fillRect(10, 6, 20, 12);
      return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer()));
    });
    await page.setInputFiles('#image-file', { name: 'mine.png', mimeType: 'image/png', buffer: Buffer.from(bytes) });
    await page.waitForSelector('[data-image-mode][data-picture="own"][data-size="40x24x3"]');
    await drawn(page);
    const out = await outputPixels(page);
    expect([out.width, out.height]).toEqual([40, 24]);
    // Gaussian blur (the default) of the yellow box: its centre keeps the box's colour.
    const i = 4 * (12 * 40 + 20);
    expect(Array.from(out.rgba.slice(i, i + 3))).toEqual([255, 204, 0]);
    // A picture this small is shown 6 times larger (input and output alike), and says so; the
    // pointer still picks the pixel under it.
    const shown = await page.evaluate(() => ['canvas[data-image-input]', 'canvas[data-image-output]'].map((q) => {
      const r = document.querySelector(q)!.getBoundingClientRect();
      return [Math.round(r.width), Math.round(r.height)];
    }));
    expect(shown).toEqual([[240, 144], [240, 144]]);
    // Sizes are said H × W, as the layer form and the grids say them: 24 rows of 40 pixels.
    expect(await page.textContent('[data-image-output] ~ figcaption, .image-figure:has([data-image-output]) figcaption')).toBe('Output 24×40, shown 6 times larger');
    // The studies enlarge it too, and say so: upsampling's results (twice the whole 24 × 40 picture) 3 times,
    // learning's images (the picture's size) 6 times, as the layer's.
    const factors = () => page.evaluate(() => ['[data-upsample] canvas', '[data-learn-figure] canvas'].map((q) =>
      Array.from(document.querySelectorAll<HTMLCanvasElement>(q)).map((c) => c.getBoundingClientRect().width / c.width)));
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLCanvasElement>('[data-upsample] canvas')).every((c) => c.width > 0 && c.getBoundingClientRect().width === 3 * c.width));
    expect(await factors()).toEqual([[3, 3, 3, 3], [6, 6, 6, 6]]);
    expect(await page.textContent('[data-image-upsample] > p')).toBe('The whole picture (24×40), made twice as large four ways, each with a flat kernel (all weights equal). The picture is small, so these images are shown 3 times larger.');
    expect(await page.textContent('[data-image-learn] > p')).toMatch(/\(grey, 24×40\) into the target\. The picture is small, so these images are shown 6 times larger\.$/);
    const ob = (await (await page.$('canvas[data-image-output]'))!.boundingBox())!;
    await page.mouse.move(ob.x + 6 * 30 + 3, ob.y + 6 * 5 + 3);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-footprint]')?.dataset.y === '5');
    expect(await page.$eval('[data-image-footprint]', (e) => [(e as HTMLElement).dataset.y, (e as HTMLElement).dataset.x])).toEqual(['5', '30']);
    await page.setInputFiles('#image-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.waitForFunction(() => /not a picture/.test(document.querySelector('[data-image-file-error]')?.textContent ?? ''));
    expect(await page.textContent('[data-image-file-error]')).toBe('“notes.txt” is not a picture (its type is text/plain). Choose a PNG, JPEG, GIF, WebP or BMP file.');
    // The refusal stays through a change of the layer (the page clears its own error slots then)
    // and is said again in the new language.
    await page.fill('#stride-w', '2');
    await drawn(page);
    expect(await page.textContent('[data-image-file-error]')).toMatch(/^“notes.txt” is not a picture/);
    if (!(await page.isVisible('#lang'))) await page.click('#prefs-toggle');
    await page.selectOption('#lang', 'zh');
    await page.waitForFunction(() => /^“notes.txt”不是图片（文件类型为 text\/plain）。/.test(document.querySelector('[data-image-file-error]')?.textContent ?? ''));
    await page.close();

    const zh = await open('?view=image&lang=zh');
    await zh.page.setInputFiles('#image-file', { name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\nnot really') });
    await zh.page.waitForFunction(() => /无法把“broken.png”读成图片/.test(document.querySelector('[data-image-file-error]')?.textContent ?? ''));
    expect(await zh.page.getAttribute('[data-image-mode]', 'data-picture')).toBe('card');
    await zh.page.close();
  }, 90_000);

  it('pointer and arrow keys on the output show the exact footprint of that pixel, holes included', async () => {
    const q = 'k=3&s=2&p=2&d=3';
    const { page } = await open(`?view=image&${q}&lang=en`);
    const s = parseQuery(q, defaultState()).state;
    const pic = builtin('card');
    const g = pictureGeometry(pictureLayer(s, presetKernel('gaussian', 3, 3), { height: 512, width: 512, channels: 3 }, 'zeros'), { height: 512, width: 512, channels: 3 });
    const tapsOf = (oy: number, ox: number) => {
      const set: string[] = [];
      for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) {
        const r = tapSource(g.axes[0], oy, ky);
        const c = tapSource(g.axes[1], ox, kx);
        if (r >= 0 && c >= 0) set.push(`${r},${c}`);
      }
      return set.sort();
    };
    const shown = async () => (await page.getAttribute('[data-image-footprint]', 'data-taps'))!.split(' ').filter(Boolean).sort();
    const canvas = await page.$('canvas[data-image-output]');
    await canvas!.scrollIntoViewIfNeeded();
    const box = (await canvas!.boundingBox())!;
    const [oy, ox] = [40, 100];
    await page.mouse.move(box.x + ((ox + 0.5) * box.width) / g.axes[1].output, box.y + ((oy + 0.5) * box.height) / g.axes[0].output);
    await page.waitForFunction(([y, x]) => {
      const e = document.querySelector<HTMLElement>('[data-image-footprint]');
      return e?.dataset.y === String(y) && e?.dataset.x === String(x);
    }, [oy, ox]);
    expect(await shown()).toEqual(tapsOf(oy, ox));
    const said = await page.textContent('[data-image-footprint]');
    expect(said).toContain('reads 9 input pixels');
    expect(said).toContain('40 holes');
    // Dilation 3: the taps read rows 78, 81 and 84 only, and the sentence names those (not "rows
    // 78–84"); the holes lie in the square from the first tap to the last, 7 × 7 − 9 = 40.
    expect(said!.replace(/\u2060/g, '')).toContain('reads 9 input pixels, rows 78, 81 and 84, columns 198, 201 and 204. Between the taps, within rows 78–84, columns 198–204, are 40 holes');
    // The corner: taps in the padding read nothing.
    await page.mouse.move(box.x + 0.5 * box.width / g.axes[1].output, box.y + 0.5 * box.height / g.axes[0].output);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-footprint]')?.dataset.x === '0');
    expect(await shown()).toEqual(tapsOf(0, 0));
    expect(await page.textContent('[data-image-footprint]')).toMatch(/taps read zeros/);
    // Keyboard: focus, then arrows move one pixel.
    await page.focus('canvas[data-image-output]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-footprint]')?.dataset.x === '1');
    expect(await page.getAttribute('[data-image-footprint]', 'data-y')).toBe('1');
    expect(await shown()).toEqual(tapsOf(1, 1));
    expect(pic.width).toBe(512);
    await page.close();
  }, 60_000);

  it('an undilated layer’s stacked-dilation study opens on 2, 2, 2 (gridding), follows the layer once it is dilated, and keeps the reader’s pick', async () => {
    const { page } = await open('?view=image&lang=en&k=3&s=1&p=1');
    const menu = () => page.$eval('#image-field-stack', (e) => (e as HTMLSelectElement).value);
    const summary = (holes: string) => page.waitForFunction((n) => document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.holes === n, holes);
    expect(await menu()).toBe('2-2-2');
    await summary('120');
    // Dilation 2 on the layer: the study follows it (its rate three times).
    await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: unknown): void } }).convkitPlayground.benchChange({ dilation: [3, 3], pad: [3, 3, 3, 3] }));
    await page.waitForFunction(() => (document.querySelector('#image-field-stack') as HTMLSelectElement).value === 'layer');
    // A stack with no holes says so without counting zero holes.
    await page.selectOption('#image-field-stack', '1-2-5');
    await summary('0');
    expect(await page.textContent('[data-field-summary]')).toMatch(/^Rates 1, 2, 5: the field spans 17×17 pixels, all 289 of them read\./);
    // The reader's pick stays through a change of the layer.
    await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: unknown): void } }).convkitPlayground.benchChange({ dilation: [1, 1], pad: [1, 1, 1, 1] }));
    await afterPageTimers(page, 300);
    expect(await menu()).toBe('1-2-5');
    await page.close();
  }, 60_000);

  it('with reflect or circular padding the footprint sentence counts taps and pixels apart and names the wrapped rows, in both languages', async () => {
    const corner = async (page: Page, mode: string) => {
      await page.selectOption('#image-padding-mode', mode);
      await drawn(page);
      const b = (await (await page.$('canvas[data-image-output]'))!.boundingBox())!;
      await page.mouse.move(b.x + 0.5, b.y + 0.5);
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-footprint]')?.dataset.y === '0' && document.querySelector<HTMLElement>('[data-image-footprint]')?.dataset.x === '0');
      return { said: await page.textContent('[data-image-footprint]'), zoom: await page.textContent('.zoom-figure figcaption') };
    };
    const { page } = await open('?view=image&lang=en&k=3&s=2&p=1');
    const reflect = await corner(page, 'reflect');
    expect(reflect.said).toBe('Output pixel (row 0, column 0) reads 4 input pixels, rows 0–1, columns 0–1, through 9 taps: 5 of them lie in the reflect padding and read copies of pixels inside the picture.');
    expect(reflect.zoom).toMatch(/; dashed: taps in the padding, which read copies of pink-framed pixels\)$/);
    const circular = await corner(page, 'circular');
    expect(circular.said).toBe('Output pixel (row 0, column 0) reads 9 input pixels, rows 0–1 and 511, columns 0–1 and 511, through 9 taps: 5 of them lie in the circular padding and read copies of pixels inside the picture.');
    const zeros = await corner(page, 'zeros');
    expect(zeros.said).toBe('Output pixel (row 0, column 0) reads 4 input pixels, rows 0–1, columns 0–1. 5 taps read zeros (the padding).');
    expect(zeros.zoom).not.toMatch(/Dashed/);
    await page.close();
    // A 1 × 1 kernel: one tap, said in the singular.
    const one = await open('?view=image&lang=en&k=1&s=1&p=1');
    expect((await corner(one.page, 'replicate')).said).toBe('Output pixel (row 0, column 0) reads 1 input pixel, at row 0, column 0, through its one tap, which lies in the replicate padding and reads a copy of it.');
    expect((await corner(one.page, 'zeros')).said).toBe('Output pixel (row 0, column 0) reads no input pixel: every tap lands on a zero.');
    await one.page.close();
    const zh = await open('?view=image&lang=zh&k=3&s=2&p=1');
    expect((await corner(zh.page, 'circular')).said).toBe('输出像素（第\u00a00\u00a0行，第\u00a00\u00a0列）通过卷积核的 9 个位置，读取第\u00a00–1、511\u00a0行、第\u00a00–1、511\u00a0列中的 9 个输入像素：其中 5 个位置落在循环填充里，读到的是图片内像素的副本。');
    await zh.page.close();
  }, 90_000);

  it('the enlargement’s caption and the phone bar’s key name the marks the layer can draw, the same for every pixel', async () => {
    const { page } = await open('?view=image&lang=en&k=3&s=2&p=1');
    const at = async (fy: number, fx: number) => {
      // The point in view (a transposed layer's output is taller than the window).
      await page.$eval('canvas[data-image-output]', (c, f) => { const r = c.getBoundingClientRect(); scrollBy(0, r.top + r.height * f - 300); }, fy);
      const b = (await (await page.$('canvas[data-image-output]'))!.boundingBox())!;
      await page.mouse.move(b.x + Math.max(0.5, b.width * fx), b.y + Math.max(0.5, b.height * fy));
      // On the corner (0, 0), or inside, away from it.
      await page.waitForFunction((corner) => {
        const d = document.querySelector<HTMLElement>('[data-image-footprint]')!.dataset;
        return corner ? d.y === '0' && d.x === '0' : Number(d.y) > 2 && Number(d.x) > 2;
      }, fy === 0);
      return page.evaluate(() => ({
        caption: document.querySelector('.zoom-figure figcaption')!.textContent,
        key: document.querySelector('[data-image-footprint]')!.getAttribute('data-key'),
        height: document.querySelector('.zoom-figure figcaption')!.getBoundingClientRect().height,
      }));
    };
    const set = async (q: string, mode = 'zeros') => {
      await page.evaluate((patch) => (window as unknown as { convkitPlayground: { benchChange(p: unknown): void } }).convkitPlayground.benchChange(patch), parseQuery(`view=image&lang=en&${q}`, defaultState()).state);
      await page.selectOption('#image-padding-mode', mode);
      await drawn(page);
      // The centre pixel and the corner, whose footprint reaches the padding: one caption for both.
      const centre = await at(0.5, 0.5);
      expect(await at(0, 0), q + mode).toEqual(centre);
      return centre;
    };
    const read = 'Enlarged: the footprint on the input (pink frames: the pixels the taps read';
    // The dashed frames' note sits in the bracket with the other marks (review R43b).
    const dashed = '; dashed: taps in the padding, which read copies of pink-framed pixels';
    // Zero padding: dark frames (taps that read a zero), no copies, no holes undilated.
    expect(await set('k=3&s=2&p=1')).toMatchObject({ caption: `${read}; dark frames: taps that read a zero)`, key: 'Pink: pixels read; dark: zeros read' });
    // A copying padding mode reads no zero: dashed frames, even at the centre pixel.
    for (const mode of ['reflect', 'replicate', 'circular']) {
      expect(await set('k=3&s=2&p=1', mode)).toMatchObject({ caption: `${read}${dashed})`, key: 'Pink: pixels read; dashed: copies read' });
    }
    // No padding: no tap leaves the picture.
    expect(await set('k=3&s=1&p=0')).toMatchObject({ caption: `${read})`, key: 'Pink: pixels read' });
    // Dilated: holes between the taps.
    expect(await set('k=3&s=1&p=2&d=2')).toMatchObject({ caption: `${read}; dark frames: taps that read a zero; the pixels between them: holes)` });
    expect(await set('k=3&s=1&p=2&d=2', 'reflect')).toMatchObject({ caption: `${read}; the pixels between them: holes${dashed})` });
    // Transposed: its inserted zeros are not picture pixels, and the enlargement draws none.
    expect(await set('k=4&s=2&p=1&t=1')).toMatchObject({ caption: `${read})`, key: 'Pink: pixels read' });
    await page.close();
    const zh = await open('?view=image&lang=zh&k=3&s=1&p=1&pm=replicate');
    expect(await zh.page.textContent('.zoom-figure figcaption')).toBe('放大：输入上的覆盖范围（粉色框：卷积核各位置读取的像素；虚线框：落在填充里的位置，读到的是粉色实线框像素的副本）');
    expect(await zh.page.getAttribute('[data-image-footprint]', 'data-key')).toBe('粉色框：读取的像素；虚线：读到的副本');
    await zh.page.close();
  }, 90_000);

  it('the enlarged footprint shows every tap of the widest kernel the form allows (9 × 9 at dilation 8: 65 pixels across), each at least 3 screen pixels wide', async () => {
    // Desktop, and a phone, whose bar shows the enlargement 84 px wide.
    for (const viewport of [undefined, { width: 390, height: 664 }]) {
      const { page } = await open('?view=image&lang=en&k=9&d=8&p=1&s=1', viewport);
      const z = await page.$eval('canvas[data-image-zoom]', (c) => {
        const canvas = c as HTMLCanvasElement;
        const d = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
        let pink = 0;
        // Pink runs along one row: each tap's mark is a square, so a run is one mark's side.
        const runs: number[] = [];
        for (let y = 0; y < canvas.height; y++) {
          let run = 0;
          for (let x = 0; x <= canvas.width; x++) {
            const i = 4 * (y * canvas.width + x);
            const on = x < canvas.width && d[i] === 0xff && d[i + 1] === 0x2d && d[i + 2] === 0x95;
            if (on) { pink++; run++; } else if (run) { runs.push(run); run = 0; }
          }
        }
        return { pink, runs, width: canvas.width, shown: canvas.getBoundingClientRect().width };
      });
      // The square is the footprint and a margin (65 + 4 pixels) at a whole scale.
      const scale = z.width / 69;
      expect(Number.isInteger(scale)).toBe(true);
      // 81 square marks of one side, apart (taps 8 pixels apart), each at least 3 screen pixels.
      const side = Math.round(Math.sqrt(z.pink / 81));
      expect(z.pink).toBe(81 * side * side);
      expect(new Set(z.runs)).toEqual(new Set([side]));
      expect(z.runs.length).toBe(9 * side * 9);
      expect(side).toBeLessThan(8 * scale);
      expect((side * z.shown) / z.width).toBeGreaterThanOrEqual(3);
      expect(await page.textContent('[data-image-footprint]')).toMatch(/reads 81 input pixels, every 8th row from \d+ to \d+, every 8th column from \d+ to \d+\. Between the taps, within rows \d+–\u2060?\d+, columns \d+–\u2060?\d+, are 4,144 holes/); // 65² − 81, grouped as counts are written
      await page.close();
    }
  }, 60_000);

  it('stacked dilated layers follow the playground’s layer: its rate three times grids, its kernel at 1, 2, 5 does not', async () => {
    const { page } = await open('?view=image&k=3&s=1&d=2&p=2&lang=en');
    const summary = (holes: string) => page.waitForFunction((n) => document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.holes === n, holes);
    // The default stack is the layer itself (3 × 3, dilation 2) three times.
    await summary('120');
    expect(await page.getAttribute('[data-field-summary]', 'data-span')).toBe('13x13');
    expect(await page.$eval('#image-field-stack', (e) => (e as HTMLSelectElement).selectedOptions[0].textContent)).toBe('This layer three times: 3×3, stride 1, rate 2');
    // Its 3 × 3 kernel at 1, 2, 5 is the fixed 1, 2, 5 stack, listed once.
    await page.selectOption('#image-field-stack', '1-2-5');
    await summary('0');
    expect(await page.getAttribute('[data-field-summary]', 'data-span')).toBe('17x17');
    // A change of the layer's dilation and kernel reaches the field: 3 × 5 at 1, 2, 5 spans 17 × 33.
    await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: unknown): void } }).convkitPlayground.benchChange({ kernel: [3, 5], dilation: [3, 1], pad: [3, 3, 2, 2], padMode: 'axis' }));
    await page.selectOption('#image-field-stack', 'layer-1-2-5');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.span === '17x33');
    await page.selectOption('#image-field-stack', 'layer');
    // Rates 3×1 three times: rows every 3rd of 19 (7 read), columns 13 all read: 19·13 − 7·13 = 156 holes.
    await summary('156');
    expect(await page.getAttribute('[data-field-summary]', 'data-span')).toBe('19x13');
    // The fixed 3 × 3 stacks are still there.
    await page.selectOption('#image-field-stack', '2-2-2');
    await summary('120');
    expect(await page.textContent('[data-field-summary]')).not.toMatch(/padding/);
    // At the picture's corner the padding takes part of the field, and the summary says so.
    const box = (await page.$('[data-field-picture]'))!;
    await box.scrollIntoViewIfNeeded();
    const b = (await box.boundingBox())!;
    await page.mouse.move(b.x + 1, b.y + 1);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.span === '7x7');
    expect(await page.textContent('[data-field-summary]')).toMatch(/Here part of the field falls on the padding beyond the picture’s edge; away from the edges it spans 13×13\.$/);
    // Unequal rates can leave holes too, with a kernel of too few taps: not called gridding.
    await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: unknown): void } }).convkitPlayground.benchChange({ kernel: [2, 2], dilation: [1, 1], pad: [1, 1, 1, 1], padMode: 'number' }));
    await page.selectOption('#image-field-stack', 'layer-1-2-5');
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.waitForFunction(() => /rates differ/.test(document.querySelector('[data-field-summary]')?.textContent ?? ''));
    expect(await page.textContent('[data-field-summary]')).toMatch(/^Rates 1, 2, 5: the field spans \d+×\d+ pixels; [\d,]+ pixels are read and [\d,]+ inside it are never read\. The rates differ, yet holes remain: a 2×2 kernel has too few taps to fill the gaps\.$/);
    await page.close();
  }, 60_000);

  it('the layer’s first picture is drawn before the studies below take the picture, and they all take it', async () => {
    const { page } = await h.newPage({ width: 1440, height: 900 });
    // What the studies' state was when the output was first drawn, recorded as it happens.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { seenAtDraw: string[] }).seenAtDraw = seen;
      new MutationObserver((records) => {
        for (const r of records) {
          const t = r.target as HTMLElement;
          if (r.attributeName === 'data-drawn' && t.matches('canvas[data-image-output]')) seen.push(document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies ?? '');
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-drawn'] });
    });
    await page.goto(h.url + '?view=image&lang=en');
    await drawn(page);
    expect(await page.evaluate(() => (window as unknown as { seenAtDraw: string[] }).seenAtDraw[0])).toBe('pending');
    expect(await page.getAttribute('[data-image-learn]', 'data-step')).toBe('0');
    expect(await page.textContent('[data-field-summary]')).toMatch(/^Rates 2, 2, 2: the field spans 13×13 pixels/);
    await page.close();
  }, 60_000);

  it('the stacked field marks each pixel it reads large enough to see the grid of holes at a large rate, and its enlargement says what it shows', async () => {
    const { page } = await open('?view=image&lang=en&k=3&s=1&d=8');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.span === '49x49');
    // Rates 8, 8, 8: 7 × 7 = 49 pixels read, 8 apart; each marked about 3 screen pixels wide.
    const marked = await page.$eval('[data-field-picture] + canvas.overlay', (c) => {
      const cv = c as HTMLCanvasElement;
      // Inside the field (the centre pixel's, 256 ± 24 on the 512 × 512 card), where the frame is not.
      const d = (cv.getContext('2d') as CanvasRenderingContext2D).getImageData(232, 232, 49, 49).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return { n, perPixel: cv.getBoundingClientRect().width / cv.width };
    });
    // 1-pixel marks would cover 49 pixels; marks 3 screen pixels wide cover several times that.
    expect(marked.perPixel).toBeLessThanOrEqual(1.5);
    expect(marked.n).toBeGreaterThanOrEqual(49 * 4);
    expect(await page.textContent('.field-zoom-figure figcaption')).toBe('Enlarged: the field (pink: the pixels the stack reads; the unmarked pixels between them: holes, never read)');
    await page.close();
    // A 1 × 1 kernel: rates spread nothing, and the summary says that rather than "no holes".
    const one = await open('?view=image&lang=en&k=1&d=4');
    await one.page.waitForFunction(() => document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.span === '1x1');
    expect(await one.page.textContent('[data-field-summary]')).toBe('Rates 4, 4, 4: the field is a single pixel, the only one this output reads. A 1×1 kernel has a single tap, so dilation has nothing to spread: every rate reads the one pixel.');
    await one.page.close();
  }, 60_000);

  it('a transposed layer with a target output size runs with the output padding that target means on the grids', async () => {
    // k3 s2 p1 on the grids' 5 × 5: 9 × 9, so a target of 10 means output padding 1 — on the picture 1024 × 1024.
    const { page, errors } = await open('?view=image&i=5&k=3&s=2&p=1&t=1&os=10&lang=en');
    expect(await page.$eval('canvas[data-image-output]', (c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height])).toEqual([1024, 1024]);
    expect(await page.textContent('[data-image-note]')).toMatch(/target output size 10×10 is set for the grids’ 5×5 input, where it means output padding 1, 1\. .* its output is 1024×1024/);
    // The centre output pixel (512, 512) takes one tap: one row and one column are named alone.
    expect(await page.textContent('[data-image-footprint]')).toContain('reads 1 input pixel, at row 256, column 256.');
    // A target of 9 is output padding 0: 1023.
    await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: unknown): void } }).convkitPlayground.benchChange({ target: [9, 9] }));
    await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('canvas[data-image-output]')?.width === 1023);
    await drawn(page);
    expect(await page.textContent('[data-image-note]')).toMatch(/output padding 0, 0/);
    // A target the grids' input cannot reach: the range said is that input's, and the refusal says so.
    await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: unknown): void } }).convkitPlayground.benchChange({ target: [20, 20] }));
    await page.waitForFunction(() => (document.querySelector('[data-image-error]')?.textContent ?? '') !== '');
    expect(await page.textContent('[data-image-error]')).toBe('This layer cannot run: Target output H = 20 cannot be produced; with these settings it can be 9 to 10. The target output size is checked on the grids’ 5×5 input, not on the picture: the picture runs the output padding it means there.');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('upsampling: kernel 3 stride 2 paints a checkerboard on a flat area, kernel 4 and resizing do not', async () => {
    const { page } = await open('?view=image&lang=en');
    await page.waitForSelector('[data-image-upsample][data-drawn]');
    expect(await page.getAttribute('[data-upsample="transposed3"] .counts', 'data-counts')).toBe('1,2,2,4');
    expect(await page.getAttribute('[data-upsample="transposed4"] .counts', 'data-counts')).toBe('4,4,4,4');
    // On the card the study runs on the landscape, whose smooth sky lies at rows and columns 8–40 of the ×2 crop.
    const spread = (way: string) => page.$eval(`[data-upsample="${way}"] canvas`, (c) => {
      const ctx = (c as HTMLCanvasElement).getContext('2d') as CanvasRenderingContext2D;
      const d = ctx.getImageData(8, 8, 32, 32).data;
      const sums = [0, 0, 0, 0];
      const counts = [0, 0, 0, 0];
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) {
        const k = ((8 + y) % 2) * 2 + ((8 + x) % 2);
        sums[k] += d[4 * (y * 32 + x) + 2];
        counts[k]++;
      }
      const means = sums.map((s, i) => s / counts[i]);
      return Math.max(...means) / Math.min(...means);
    });
    expect(await spread('transposed3')).toBeGreaterThan(1.3);
    for (const way of ['transposed4', 'nearest', 'bilinear']) expect(await spread(way)).toBeLessThan(1.03);
    // Two by two on a desktop: the transposed convolutions in one row, the resizes in the next.
    const top = (way: string) => page.$eval(`[data-upsample="${way}"]`, (e) => Math.round(e.getBoundingClientRect().top));
    expect(await top('transposed3')).toBe(await top('transposed4'));
    expect(await top('bilinear')).toBe(await top('nearest'));
    expect(await top('nearest')).toBeGreaterThan(await top('transposed4'));
    await page.close();

    // On a phone too, from a smaller crop (80 × 80: two results of 160 fit a 390 px screen) at true
    // scale, so the checkerboard is not scaled away; before, one column.
    const phone = await open('?view=image&lang=en', { width: 390, height: 844 });
    await phone.page.waitForFunction(() => /^The middle 80×80 /.test(document.querySelector('[data-image-upsample] > p')?.textContent ?? ''));
    await phone.page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('[data-upsample="bilinear"] canvas')?.width === 160);
    const boxes = await phone.page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('[data-upsample]')).map((f) => {
      const c = f.querySelector('canvas')!;
      const r = c.getBoundingClientRect();
      return { way: f.dataset.upsample, top: Math.round(f.getBoundingClientRect().top), right: r.right, scale: r.width / c.width };
    }));
    expect(boxes.map((b) => b.scale)).toEqual([1, 1, 1, 1]);
    expect(boxes.every((b) => b.right <= 390)).toBe(true);
    const at = (way: string) => boxes.find((b) => b.way === way)!.top;
    expect(at('transposed3')).toBe(at('transposed4'));
    expect(at('nearest')).toBe(at('bilinear'));
    await phone.page.close();

    // In Chinese on a phone a size stays whole ("3×3"), each such run on one line, the text as
    // written; the Chinese characters beside it break as Chinese does, but a caption's end is held
    // together, so no number or character stands alone on its last line ("步长 / 2", "卷 / 积"), and
    // the glossary's words are never split ("步 / 长 2"; keep-together.ts).
    const zh = await open('?view=image&lang=zh', { width: 390, height: 844 });
    await zh.page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('[data-upsample="bilinear"] canvas')?.width === 160);
    const runs = await zh.page.$$eval('[data-upsample] .nobr', (ss) => ss.map((s) => ({ text: s.textContent, lines: Math.round(s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).lineHeight)) })));
    expect(runs.map((r) => r.text)).toEqual(expect.arrayContaining(['步长 2', '卷积']));
    expect(runs.every((r) => r.lines === 1)).toBe(true);
    // A size is written 3×3 (no space in it to break at): each stands on one line.
    const sizes = await zh.page.$$eval('[data-upsample] figcaption', (cs) => cs.flatMap((c) => {
      const out: { size: string; rects: number }[] = [];
      const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        for (const m of (n.textContent ?? '').matchAll(/\d+×\d+/g)) {
          const r = document.createRange();
          r.setStart(n, m.index!);
          r.setEnd(n, m.index! + m[0].length);
          out.push({ size: m[0], rects: new Set(Array.from(r.getClientRects(), (b) => Math.round(b.top))).size });
        }
      }
      return out;
    }));
    expect(sizes.map((x) => x.size)).toEqual(expect.arrayContaining(['3×3', '4×4']));
    expect(sizes.filter((x) => x.rects !== 1)).toEqual([]);
    expect(await zh.page.textContent('[data-upsample="transposed4"] figcaption')).toBe('转置卷积，卷积核 4×4，步长 2');
    await zh.page.close();
  }, 60_000);

  it('upsampling a picture no larger than its crop says it takes the whole picture, and “the middle” only of one it crops, in both languages', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { page, errors } = await open(`?view=image&lang=${lang}`);
      const png = (w: number, hgt: number) => greyPng(page, w, hgt);
      const intro = async (name: string, w: number, hgt: number, starts: string) => {
        await page.setInputFiles('#image-file', { name, mimeType: 'image/png', buffer: Buffer.from(await png(w, hgt)) });
        await page.waitForFunction((s) => (document.querySelector('[data-image-upsample] > p')?.textContent ?? '').startsWith(s), starts);
        return page.textContent('[data-image-upsample] > p');
      };
      // 40 wide, 30 high: nothing cropped (said H × W, as everywhere on the page).
      const whole = await intro('small.png', 40, 30, lang === 'en' ? 'The whole picture (30×40)' : '取整张图片（30×40）');
      expect(whole).toBe(lang === 'en'
        ? 'The whole picture (30×40), made twice as large four ways, each with a flat kernel (all weights equal). The picture is small, so these images are shown 3 times larger.'
        : '取整张图片（30×40），用四种方法放大到 2 倍，都用均值卷积核（所有权重相等）。图片较小，这里的图放大 3 倍显示。');
      // 300 wide: its middle 128 columns are taken, so it is the middle again.
      expect(await intro('wide.png', 300, 40, lang === 'en' ? 'The middle 40×128 of the picture' : '取图片正中 40×128 的部分')).toBeTruthy();
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('learning a kernel lowers the loss live and names the transposed convolution as the way back', async () => {
    const { page } = await open('?view=image&lang=en');
    expect(await page.textContent('[data-learn-transpose]')).toMatch(/Start learning: each step computes it that way too/);
    // The learned kernel is numbers only: the target's editor has a preset menu, it has none.
    expect(await page.isVisible('#learn-target-preset')).toBe(true);
    expect(await page.isVisible('#learn-kernel-preset')).toBe(false);
    // Before the first step the zero kernel's run is shown: a flat prediction (zero, mid-grey in the
    // Sobel target's signed colours), the error at full contrast, and no gradient back to the input.
    const spread = (fig: string) => page.$eval(`[data-learn-figure="${fig}"] canvas`, (c) => {
      const cv = c as HTMLCanvasElement;
      const d = (cv.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, cv.width, cv.height).data;
      let lo = 255, hi = 0;
      for (let i = 0; i < d.length; i += 4) { lo = Math.min(lo, d[i]); hi = Math.max(hi, d[i]); }
      return [lo, hi];
    });
    expect(await spread('prediction')).toEqual([128, 128]);
    const [elo, ehi] = await spread('error');
    expect(ehi - elo).toBeGreaterThan(200);
    const [blo, bhi] = await spread('back');
    expect(bhi - blo).toBeLessThanOrEqual(1);
    // After one step the pictures are the new kernel's (it has left zero): a prediction and a
    // gradient back to the input, and the loss said is that kernel's, below the zero kernel's.
    await page.click('[data-learn-one]');
    const [plo, phi] = await spread('prediction');
    expect(phi - plo).toBeGreaterThan(2);
    const [b1lo, b1hi] = await spread('back');
    expect(b1hi - b1lo).toBeGreaterThan(50);
    const one = await page.$eval('[data-image-learn]', (e) => [Number((e as HTMLElement).dataset.loss), Number((e as HTMLElement).dataset.firstLoss)]);
    expect(one[0]).toBeLessThan(one[1]);
    await page.click('[data-learn-start]');
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-image-learn]')?.dataset.step) >= 80, null, { timeout: 60_000 });
    await page.click('[data-learn-start]');
    const { first, last, gap } = await page.$eval('[data-image-learn]', (e) => ({
      first: Number((e as HTMLElement).dataset.firstLoss),
      last: Number((e as HTMLElement).dataset.loss),
      gap: Number(e.querySelector<HTMLElement>('[data-learn-transpose]')?.dataset.gap),
    }));
    expect(last).toBeLessThan(first / 5);
    expect(gap).toBeLessThan(1e-5);
    const learned = await page.$$eval('[data-learn-kernel] input', (els) => els.map((e) => Number((e as HTMLInputElement).value)));
    // Towards Sobel x: negative on the left column, positive on the right.
    expect(learned[3]).toBeLessThan(-0.5);
    expect(learned[5]).toBeGreaterThan(0.5);
    expect(await page.textContent('[data-learn-transpose]')).toMatch(/transposed convolution/);
    await page.close();
  }, 90_000);

  it('the learning target is in the link: opened from it, edited into it in place, and a new run when it changes', async () => {
    const { page, errors } = await open('?view=image&lang=en&lt=sobelY');
    const lt = () => page.evaluate(() => new URLSearchParams(location.search).get('lt'));
    expect(await page.$eval('#learn-target-preset', (e) => (e as HTMLSelectElement).value)).toBe('sobelY');
    await page.click('[data-learn-one]');
    await page.click('[data-learn-one]');
    expect(await page.getAttribute('[data-image-learn]', 'data-step')).toBe('2');
    const entries = await page.evaluate(() => history.length);
    await page.fill('[data-kernel-editor="learn-target"] input[data-r="0"][data-c="0"]', '-2');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('lt') === '-2,-2,-1,0,0,0,1,2,1');
    expect(await page.evaluate(() => history.length)).toBe(entries);
    // A new target is a new run, from the zero kernel.
    expect(await page.getAttribute('[data-image-learn]', 'data-step')).toBe('0');
    // The link opens the same numbers; the default target (Sobel x) writes nothing.
    const again = await open(await page.evaluate(() => location.search));
    const cells = await again.page.$$eval('[data-kernel-editor="learn-target"] input', (els) => els.map((e) => (e as HTMLInputElement).value));
    expect(cells).toEqual(['-2', '-2', '-1', '0', '0', '0', '1', '2', '1']);
    await again.page.selectOption('#learn-target-preset', 'sobelX');
    await again.page.waitForFunction(() => !new URLSearchParams(location.search).has('lt'));
    expect(await lt()).toBe('-2,-2,-1,0,0,0,1,2,1');
    // Numbers of another count are refused like any bad value, and the default target stays.
    const bad = await open('?view=image&lang=en&lt=1,2,3,4');
    expect(await bad.page.$eval('#learn-target-preset', (e) => (e as HTMLSelectElement).value)).toBe('sobelX');
    expect(await bad.page.textContent('#url-problems')).toContain('lt=“1,2,3,4”');
    // A target whose learned weights could pass float32's range is refused with the reason; a cell that does not parse is named.
    const huge = await open('?view=image&lang=en&lt=3e38,3e38,3e38,0,0,0,0,0,0');
    expect(await huge.page.textContent('[data-learn-progress]')).toBe('These target weights are too large: on its way to the target a learned weight can overshoot it, and float32 holds no number beyond ±3.4\u00a0×\u00a010³⁸. Keep every weight within ±1.7\u00a0×\u00a010³⁸, half of that.');
    // No run to start: Start is disabled (learn-disabled44 checks what it is described by).
    expect(await huge.page.isDisabled('[data-learn-start]')).toBe(true);
    expect(await huge.page.getAttribute('[data-image-learn]', 'data-step')).toBe('0');
    await huge.page.fill('[data-kernel-editor="learn-target"] input[data-r="1"][data-c="1"]', '1e39');
    expect(await huge.page.textContent('[data-kernel-editor="learn-target"] [data-kernel-cell-error]')).toBe('The number at row 1, column 1 is beyond float32’s range (±3.4\u00a0×\u00a010³⁸). The kernel keeps its last weights until then.');
    await huge.page.fill('[data-kernel-editor="learn-target"] input[data-r="1"][data-c="1"]', '0');
    expect(await huge.page.isVisible('[data-kernel-editor="learn-target"] [data-kernel-cell-error]')).toBe(false);
    await huge.page.close();
    // A target of zeros: the run's first kernel already matches it, and the page says so.
    const zero = await open('?view=image&lang=en&lt=0,0,0,0,0,0,0,0,0');
    await zero.page.click('[data-learn-start]');
    await zero.page.waitForFunction(() => document.querySelector('[data-learn-start]')?.getAttribute('aria-pressed') === 'false');
    expect(await zero.page.textContent('[data-learn-progress]')).toBe('Step 1, loss 0: the target is zero everywhere, so the kernel of zeros the run starts from already matches it. There is nothing to learn.');
    expect(errors).toEqual([]);
    for (const p of [page, again.page, bad.page, zero.page]) await p.close();
  }, 60_000);

  it('huge target weights are learned with finite numbers, shown whole in exponent form, and refused beyond float32’s half, in both languages', async () => {
    // The student's run: 1e20 typed over Sobel x's top-left weight. Its learned cells showed the
    // long decimal form cut to "999983"; from 1e25 the gradient for the input was Infinity, its
    // gap NaN, and 1e38 never stopped.
    const { page, errors } = await open('?view=image&lang=en');
    const corner = '[data-kernel-editor="learn-target"] input[data-r="0"][data-c="0"]';
    const run = async (p: Page, value: string) => {
      await p.fill(corner, value);
      await p.press(corner, 'Tab');
      await p.click('[data-learn-start]');
      await p.waitForFunction(() => document.querySelector('[data-learn-start]')?.getAttribute('aria-pressed') === 'false', null, { timeout: 60_000 });
      return p.evaluate(() => ({
        text: document.querySelector('[data-image-learn]')!.textContent ?? '',
        progress: document.querySelector('[data-learn-progress]')!.textContent ?? '',
        cells: Array.from(document.querySelectorAll<HTMLInputElement>('[data-learn-kernel] input'), (i) => ({ value: i.value, cut: i.scrollWidth > i.clientWidth })),
        gap: Number(document.querySelector<HTMLElement>('[data-learn-transpose]')!.dataset.gap),
      }));
    };
    for (const [value, v] of [['1e20', 1e20], ['1e38', 1e38]] as const) {
      const r = await run(page, value);
      expect(r.progress, value).toMatch(/^Step \d+, loss [\d.]+\u00a0×\u00a010[¹²³⁴⁵⁶⁷⁸⁹⁰]+: learned\./);
      expect(r.text, value).not.toMatch(/NaN|Infinity/);
      expect(Number.isFinite(r.gap)).toBe(true);
      // Every cell whole, the top-left one the target's within its shown digits.
      expect(r.cells.filter((c) => c.cut || c.value === ''), value).toEqual([]);
      expect(Math.abs(Number(r.cells[0].value) / v - 1), value).toBeLessThan(0.05);
      expect(r.cells.every((c) => /^-?\d+(\.\d+)?(e-?\d+)?$/.test(c.value))).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
    // Beyond 2¹²⁷ (1.7e38) no run starts, and the reason is said in the page's language.
    const zh = await open('?view=image&lang=zh', { width: 390, height: 844 });
    await zh.page.fill(corner, '-2e38');
    await zh.page.press(corner, 'Tab');
    expect(await zh.page.isDisabled('[data-learn-start]')).toBe(true);
    const r = { progress: await zh.page.textContent('[data-learn-progress]') };
    expect(r.progress).toBe('目标权重太大：学习过程中，权重在逼近目标时可能超过目标值，而 float32 无法表示超出 ±3.4\u00a0×\u00a010³⁸ 的数。请把每个权重的绝对值控制在 1.7\u00a0×\u00a010³⁸（即该范围的一半）以内。');
    expect(await zh.page.getAttribute('[data-image-learn]', 'data-step')).toBe('0');
    await zh.page.close();
  }, 120_000);

  it('at a 1e20 target the target and prediction are drawn over the target’s range, not white, and the transposition’s gap is said beside the gradient’s size, in both languages', async () => {
    // The student's run: 1e20 over Sobel x's top-left weight. As they are (0 black, 1 white) the
    // target was white but for the picture's zero border, and the gap read 4.8e+24.
    const light = (page: Page, fig: string) => page.$eval(`[data-learn-figure="${fig}"] canvas`, (c) => {
      const cv = c as HTMLCanvasElement;
      const d = (cv.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, cv.width, cv.height).data;
      let white = 0;
      const grey = new Set<number>();
      for (let i = 0; i < d.length; i += 4) { if (d[i] === 255) white++; grey.add(d[i]); }
      return { white: white / (d.length / 4), levels: grey.size };
    });
    const { page, errors } = await open('?view=image&lang=en&lt=1e20,0,1,-2,0,2,-1,0,1');
    const target = await light(page, 'target');
    expect(target.white).toBeLessThan(0.5);
    expect(target.levels).toBeGreaterThan(100);
    expect(await page.textContent('[data-learn-scale]')).toMatch(/^Target and prediction: drawn as they are \(0 black, 1 white\), the target would be nearly all clipped, so both are drawn from its smallest value, -\d\.\d, in black to its largest, 1\.0\u00a0×\u00a010²⁰, in white\. Error and gradient:/);
    for (let i = 0; i < 3; i++) await page.click('[data-learn-one]');
    expect((await light(page, 'prediction')).white).toBeLessThan(0.5);
    const note = (await page.textContent('[data-learn-transpose]'))!;
    const m = /by at most (.+?) out of a largest absolute value of (.+?) \(a ratio of (.+?)\): the two agree up to float32’s rounding\.$/.exec(note);
    expect(m, note).not.toBeNull();
    const [gap, size, rel] = m!.slice(1).map(fromPower);
    expect(gap).toBeGreaterThan(1e20);
    expect(rel).toBeLessThan(1e-5);
    expect(Math.abs(rel / (gap / size) - 1)).toBeLessThan(0.15);
    expect(Math.abs(Number(await page.getAttribute('[data-learn-transpose]', 'data-gap')) / gap - 1)).toBeLessThan(0.06);
    // A target whose picture is in range keeps the plain rule: no range is said.
    await page.selectOption('#learn-target-preset', 'box');
    expect(await page.textContent('[data-learn-scale]')).toMatch(/^Error and gradient:/);
    expect(errors).toEqual([]);
    await page.close();
    const zh = await open('?view=image&lang=zh&lt=1e20,0,1,-2,0,2,-1,0,1', { width: 390, height: 844 });
    expect(await zh.page.textContent('[data-learn-scale]')).toMatch(/^目标和预测：按原值显示（0 为黑，1 为白）时，目标图片几乎全部都会被截断，所以这两张图改为以目标图片的最小值 -\d\.\d 为黑、最大值 1\.0\u00a0×\u00a010²⁰ 为白显示。误差和梯度图中/);
    await zh.page.click('[data-learn-one]');
    expect((await zh.page.textContent('[data-learn-transpose]'))!.replace(/\u2060/g, '')).toMatch(/与反向传播给出的输入梯度最多相差 [\d.]+\u00a0×\u00a010[¹²³⁴⁵⁶⁷⁸⁹⁰]+，即该梯度最大绝对值（[\d.]+\u00a0×\u00a010[¹²³⁴⁵⁶⁷⁸⁹⁰]+）的 [\d.]+\u00a0×\u00a010⁻[¹²³⁴⁵⁶⁷⁸⁹⁰]+ 倍：两者只差 float32 的舍入误差。$/);
    await zh.page.close();
  }, 60_000);

  it('“One step” takes a single step and shows it, pausing a run first', async () => {
    const { page } = await open('?view=image&lang=en');
    await page.click('[data-learn-one]');
    await page.click('[data-learn-one]');
    expect(await page.getAttribute('[data-image-learn]', 'data-step')).toBe('2');
    // A power of ten, as the learned status's “below 10⁻¹⁰” writes it, held whole by no-break spaces.
    expect(await page.textContent('[data-learn-progress]')).toMatch(/^Step 2, loss \d\.\d\d(\u00a0×\u00a010⁻?[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?$/);
    await page.click('[data-learn-start]');
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-image-learn]')!.dataset.step) > 5);
    await page.click('[data-learn-one]');
    expect(await page.getAttribute('[data-learn-start]', 'aria-pressed')).toBe('false');
    const at = Number(await page.getAttribute('[data-image-learn]', 'data-step'));
    await afterPageTimers(page, 200);
    expect(Number(await page.getAttribute('[data-image-learn]', 'data-step'))).toBe(at); // paused
    expect(await page.textContent('[data-learn-one]')).toBe('One step');
    await page.close();
  }, 60_000);

  it('a learning run stops once it has learned the target and says how near its kernel is; its error fades as the loss falls', async () => {
    const { page } = await open('?view=image&lang=en');
    const step = () => page.$eval('[data-image-learn]', (e) => Number((e as HTMLElement).dataset.step));
    // The error picture's spread around mid-grey (zero): full for the zero kernel, drawn before the
    // first step, which sets the scale.
    const errorSpread = () => page.$eval('[data-learn-figure="error"] canvas', (c) => {
      const cv = c as HTMLCanvasElement;
      const d = (cv.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, cv.width, cv.height).data;
      let m = 0;
      for (let i = 0; i < d.length; i += 4) m = Math.max(m, Math.abs(d[i] - 128));
      return m;
    });
    const early = await errorSpread();
    expect(await step()).toBe(0);
    expect(early).toBeGreaterThan(60);
    await page.click('[data-learn-start]');
    await page.waitForFunction(() => document.querySelector('[data-learn-start]')?.getAttribute('aria-pressed') === 'false', null, { timeout: 60_000 });
    // The card teaches Sobel x in a few hundred steps (learn.ts LEARNED_RATIO), before the 600-step pause.
    const at = await step();
    expect(at).toBeGreaterThan(50);
    expect(at).toBeLessThan(600);
    const { first, last, gap } = await page.$eval('[data-image-learn]', (e) => ({
      first: Number((e as HTMLElement).dataset.firstLoss), last: Number((e as HTMLElement).dataset.loss), gap: Number((e as HTMLElement).dataset.kernelGap),
    }));
    expect(last).toBeLessThanOrEqual(first * 1e-10);
    expect(gap).toBeLessThan(1e-3);
    expect(await page.textContent('[data-learn-progress]')).toBe(`Step ${at}, loss ${sci(last, 2)}: learned. The loss is below 10⁻¹⁰ times the zero kernel’s loss and every weight is within ${sci(gap, 1)} of the target’s, so the run stops here (Start learning goes on anyway).`);
    // The curve's lowest loss, far below 0.01, is written as the status writes it: a power of ten.
    expect(await page.$$eval('[data-learn-curve] text', (ts) => ts.map((t) => t.textContent))).toEqual([expect.stringMatching(/^[\d.]+$/), expect.stringMatching(/^\d\.\d\u00a0×\u00a010⁻[¹²³⁴⁵⁶⁷⁸⁹⁰]+$/)]);
    // The loss is orders of magnitude down, and so is the error's contrast on the first step's scale.
    expect(await errorSpread()).toBeLessThan(8);
    // Started again, it goes on (it does not stop at once for being learned already).
    await page.click('[data-learn-start]');
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-image-learn]')?.dataset.step) > n, at + 40, { timeout: 30_000 });
    await page.click('[data-learn-start]');
    expect(await page.textContent('[data-learn-progress]')).toMatch(/^Step \d+, loss [\d.]+\u00a0×\u00a010⁻[¹²³⁴⁵⁶⁷⁸⁹⁰]+$/);
    await page.close();
  }, 120_000);

  it('a run that has not learned its target pauses after 600 steps and says so, and goes on when started again', async () => {
    // The landscape is smooth: neighbouring pixels alike, so Sobel x is learned slowly.
    const { page } = await open('?view=image&lang=en&img=scene');
    const step = () => page.$eval('[data-image-learn]', (e) => Number((e as HTMLElement).dataset.step));
    await page.click('[data-learn-start]');
    await page.waitForFunction(() => document.querySelector('[data-learn-start]')?.getAttribute('aria-pressed') === 'false', null, { timeout: 60_000 });
    expect(await step()).toBe(600);
    expect(await page.textContent('[data-learn-progress]')).toMatch(/^Step 600, loss [\d.]+(\u00a0×\u00a010⁻?[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?\. Paused after 600 steps since Start, every weight within [\d.]+(\u00a0×\u00a010⁻?[¹²³⁴⁵⁶⁷⁸⁹⁰]+)? of the target’s: Start learning goes on for 600 more\. \(Where neighbouring pixels are alike, some mixes of weights barely change the output, so they are learned slowly\.\)$/);
    await page.click('[data-learn-start]');
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-image-learn]')?.dataset.step) > 640, null, { timeout: 30_000 });
    await page.click('[data-learn-start]');
    await page.close();
  }, 120_000);

  it("the grids' refusal of the layer is not shown beside the picture, which runs it on its own input, and is back on the grids", async () => {
    // A 7 × 7 kernel without padding does not fit the grids' 5 × 5 input; the 512 × 512 picture takes it.
    const { page } = await open('?view=image&lang=en&i=5&k=7&p=0&s=1');
    const out = await outputPixels(page);
    expect([out.width, out.height]).toEqual([506, 506]);
    const leftErrors = () => page.$$eval('.controls .field-error', (els) => els.map((e) => e.textContent ?? '').join(''));
    expect(await leftErrors()).toBe('');
    expect(await page.textContent('[data-image-error]')).toBe('');
    await page.click('#image-open');
    await page.waitForFunction(() => /kernel covers 7/.test(Array.from(document.querySelectorAll('.controls .field-error')).map((e) => e.textContent).join('')));
    await page.close();
  }, 60_000);

  it('a transposed layer with stride 2 says why its picture is about 4 times darker, and it is', async () => {
    const { page } = await open('?view=image&lang=en&k=3&s=2&p=1&t=1');
    expect(await page.textContent('[data-image-note]')).toMatch(/With stride 2×2 a transposed convolution .* about 4 times darker/);
    const mean = (sel: string) => page.$eval(sel, (c) => {
      const cv = c as HTMLCanvasElement;
      const d = (cv.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, cv.width, cv.height).data;
      let s = 0;
      for (let i = 0; i < d.length; i += 4) s += d[i] + d[i + 1] + d[i + 2];
      return s / (d.length / 4);
    });
    const ratio = (await mean('canvas[data-image-output]')) / (await mean('canvas[data-image-input]'));
    expect(ratio).toBeGreaterThan(0.22);
    expect(ratio).toBeLessThan(0.28);
    // The zeros a transposed layer reads are not picture pixels: the sentence says why the
    // enlarged view has no frame for them.
    expect(await page.textContent('[data-image-footprint]')).toMatch(/\. \d taps? lands? on (a zero|zeros) the transposed convolution inserts between (and|or) around the input pixels: (they are|it is) not (pixels|a pixel) of the picture, so the enlarged view does not show (them|it)\.$/);
    await page.close();
    // Opened on a refused layer, the empty output says why it is empty.
    const refused = await h.open('?view=image&lang=en&k=3&s=2&p=1&t=1&pm=reflect', { width: 1440, height: 900 });
    await refused.page.waitForFunction(() => (document.querySelector('[data-image-error]')?.textContent ?? '') !== '');
    expect(await refused.page.$eval('canvas[data-image-output]', (c) => c.closest('figure')!.querySelector('figcaption')!.textContent)).toBe('No output: this layer cannot run (the message above the pictures says why).');
    await refused.page.close();
    const zh = await open('?view=image&lang=zh&k=3&s=1&p=1&t=1');
    expect(await zh.page.textContent('[data-image-note]')).not.toMatch(/转置卷积/);
    await zh.page.close();
  }, 60_000);

  it('on a phone a tapped output pixel, the footprint enlarged and its sentence are in view together; they sit under the output, the kernel’s numbers above it', async () => {
    // 390 × 664: a phone's window with the browser's bars. Input and output (360 px each) do not fit it together.
    const { page } = await open('?view=image&lang=en&k=3&s=1&p=1', { width: 390, height: 664 });
    const box = (s: string) => page.$eval(s, (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; });
    await page.$eval('canvas[data-image-output]', (e) => e.scrollIntoView({ block: 'end' }));
    const out = await box('canvas[data-image-output]');
    const tap = { x: out.left + 0.3 * (out.right - out.left), y: out.top + 0.3 * (out.bottom - out.top) };
    await page.mouse.click(tap.x, tap.y);
    const said = await box('[data-image-footprint]');
    const zoom = await box('[data-image-zoom]');
    // The sentence is the tapped pixel's, and it and the enlarged footprint are inside the window, below the tap.
    const [y, x] = await page.$eval('[data-image-footprint]', (e) => [Number((e as HTMLElement).dataset.y), Number((e as HTMLElement).dataset.x)]);
    expect([y, x]).toEqual([Math.floor(0.3 * 512), Math.floor(0.3 * 512)]);
    expect(await page.textContent('[data-image-footprint]')).toMatch(new RegExp(`^Output pixel \\(row ${y}, column ${x}\\) reads 9 input pixels`));
    for (const b of [said, zoom]) {
      expect(b.top).toBeGreaterThan(tap.y);
      expect(b.bottom).toBeLessThanOrEqual(664 + 0.5);
    }
    expect(zoom.bottom - zoom.top).toBeGreaterThan(60);
    // Nothing of the picture shows between the two: they are one bar, the enlargement and the map of
    // the whole input (where-map.ts) side by side, then the sentence.
    const where = await box('[data-image-where]');
    expect(where.left).toBeLessThanOrEqual(zoom.right + 12);
    expect(said.left).toBeLessThanOrEqual(where.right + 12);
    expect(said.left).toBeGreaterThanOrEqual(where.right - 0.5);
    // The 3-pixel footprint is ~2 px on screen here: a ring 10 screen px off it marks it on the input.
    const ring = await page.$eval('canvas[data-image-input] + canvas.overlay', (c, [py, px]) => {
      const cv = c as HTMLCanvasElement;
      const fit = cv.getBoundingClientRect().width / cv.width;
      const side = px + 2 + 10 / fit; // the ring's right side: the footprint's last column (px + 1) ends at px + 2
      const alpha = (at: number) => (cv.getContext('2d') as CanvasRenderingContext2D).getImageData(Math.floor(at), py, 1, 1).data[3];
      return { on: alpha(side), inside: alpha(px + 2 + 5 / fit) };
    }, [y, x]);
    expect(ring.on).toBeGreaterThan(0);
    expect(ring.inside).toBe(0);
    // Under the output; the kernel's numbers come before it, between input and output. (Scrolled
    // to the timing after the bar, so the bar is in its place rather than docked.)
    await page.$eval('[data-image-status]', (e) => e.scrollIntoView({ block: 'end' }));
    const [i2, o2, s2, k2] = await Promise.all(['canvas[data-image-input]', 'canvas[data-image-output]', '[data-image-footprint]', '[data-kernel-editor="image-kernel"]'].map(box));
    expect(s2.top).toBeGreaterThan(o2.bottom);
    expect(s2.top - o2.bottom).toBeLessThan(120);
    expect(k2.top).toBeGreaterThan(i2.bottom);
    expect(k2.bottom).toBeLessThan(o2.top);
    await page.close();
  }, 60_000);

  it('on a phone the footprint’s bar docks only once a pixel is tapped, never rises over the tapped pixel, and its rings stay on the picture', async () => {
    // A long sentence (reflect padding, dilation: 7 lines at 390 px) for a pixel on the output's last row.
    const { page } = await open('?view=image&lang=en&k=9&d=2&p=8&pm=reflect', { width: 390, height: 664 });
    const box = (s: string) => page.$eval(s, (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; });
    // Before a tap the bar is in its place after the pictures, not over the help and the input.
    expect((await box('[data-image-footprint]')).top).toBeGreaterThan((await box('canvas[data-image-output]')).bottom);
    await page.$eval('canvas[data-image-output]', (e) => { const b = e.getBoundingClientRect(); scrollBy(0, b.bottom - innerHeight + 4); });
    const out = await box('canvas[data-image-output]');
    await page.mouse.click(out.left + 0.2, out.bottom - 0.2);
    const [y, x] = await page.$eval('[data-image-footprint]', (e) => [Number((e as HTMLElement).dataset.y), Number((e as HTMLElement).dataset.x)]);
    const rows = await page.$eval('canvas[data-image-output]', (c) => (c as HTMLCanvasElement).height);
    expect([y, x]).toEqual([rows - 1, 0]);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-image-footprint]')!).position === 'sticky');
    // Docked, the bar carries the enlargement's key (the caption stays behind with the pictures):
    // reflect padding reads copies, so the dashed frames are in it, and no tap reads a zero.
    const key = await page.$eval('[data-image-footprint]', (e) => getComputedStyle(e, '::after').content);
    expect(key).toBe('"Pink: pixels read; dashed: copies read"');
    const [o2, said, zoom] = await Promise.all(['canvas[data-image-output]', '[data-image-footprint]', '[data-image-zoom]'].map(box));
    const pixelBottom = o2.top + ((y + 1) / rows) * (o2.bottom - o2.top);
    expect(pixelBottom).toBeLessThan(Math.min(said.top, zoom.top));
    expect(said.bottom).toBeLessThanOrEqual(664 + 0.5);
    // The ring round the corner pixel is whole on the output: its sides run inside the canvas.
    const edge = await page.$eval('canvas[data-image-output] + canvas.overlay', (c, py) => {
      const cv = c as HTMLCanvasElement;
      const ctx = cv.getContext('2d') as CanvasRenderingContext2D;
      const fit = cv.getBoundingClientRect().width / cv.width;
      const a = (px: number, row: number) => ctx.getImageData(px, row, 1, 1).data[3];
      // The left side along the picture's edge, the top side 10 screen px above the pixel.
      return { left: a(0, py - 3), top: a(3, Math.floor(py - 10 / fit)) };
    }, y);
    expect(edge.left).toBeGreaterThan(0);
    expect(edge.top).toBeGreaterThan(0);
    // With the enlargement's caption on screen the bar sits just above it: no key that repeats it.
    await page.$eval('.zoom-figure > figcaption', (e) => e.scrollIntoView({ block: 'center' }));
    await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-image-footprint]')!, '::after').content === 'none');
    await page.close();

    // Circular padding reads the far edges too: each part the corner pixel reads has its ring.
    const c = await open('?view=image&lang=en&k=3&s=1&p=1&pm=circular', { width: 390, height: 664 });
    await c.page.$eval('canvas[data-image-output]', (e) => e.scrollIntoView({ block: 'center' }));
    const o = await c.page.$eval('canvas[data-image-output]', (e) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top }; });
    await c.page.mouse.click(o.left + 0.5, o.top + 0.5);
    expect(await c.page.textContent('[data-image-footprint]')).toMatch(/^Output pixel \(row 0, column 0\) reads 9 input pixels, rows 0–1 and 511, columns 0–1 and 511/);
    const corners = await c.page.$eval('canvas[data-image-input] + canvas.overlay', (cv) => {
      const canvas = cv as HTMLCanvasElement;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      const n = canvas.width - 1;
      // Along each corner's two picture edges, within 20 pixels of the corner.
      const any = (pts: [number, number][]) => pts.some(([px, py]) => ctx.getImageData(px, py, 1, 1).data[3] > 0);
      const near = (cx: number, cy: number) => any(Array.from({ length: 20 }, (_, i): [number, number][] => [[cx, Math.abs(cy - 4 - i)], [Math.abs(cx - 4 - i), cy]]).flat());
      return [near(0, 0), near(n, 0), near(0, n), near(n, n)];
    });
    expect(corners).toEqual([true, true, true, true]);
    await c.page.close();
  }, 90_000);

  it('the layer controls sit right under the layer’s pictures on a phone, and stay in view beside the studies on a desktop', async () => {
    const { page } = await open('?view=image&lang=en&k=3&s=1&p=1', { width: 390, height: 844 });
    const phone = await page.evaluate(() => {
      const box = (s: string) => document.querySelector(s)!.getBoundingClientRect();
      return { pictures: box('#image-mode').bottom, controls: box('#controls').top, controlsEnd: box('#controls').bottom, studies: box('[data-image-more]').top, title: box('#layer-title').height };
    });
    expect(phone.controls).toBeGreaterThan(phone.pictures);
    expect(phone.controls - phone.pictures).toBeLessThan(40);
    expect(phone.studies).toBeGreaterThan(phone.controlsEnd);
    expect(phone.title).toBeGreaterThan(0);
    // The kernel field there changes the picture's kernel.
    await page.fill('#kernel-h', '5');
    await page.press('#kernel-h', 'Tab');
    await page.waitForFunction(() => document.querySelectorAll('[data-kernel-editor="image-kernel"] tr').length === 5, null, { timeout: 30_000 });
    await drawn(page);
    await page.close();

    const desk = await open('?view=image&lang=en&k=3&s=1&p=1', { width: 1366, height: 900 });
    // Scrolled to the middle study (at the last one the layout's end may push the panel up a little).
    const seen = await desk.page.evaluate(async () => {
      document.querySelector('[data-image-upsample]')!.scrollIntoView();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const c = document.querySelector('#controls')!.getBoundingClientRect();
      const study = document.querySelector('[data-image-upsample]')!.getBoundingClientRect();
      return { top: c.top, bottom: c.bottom, studyTop: study.top, studyLeft: study.left, controlsRight: c.right, height: innerHeight };
    });
    expect(seen.top).toBeGreaterThanOrEqual(0);
    expect(seen.bottom).toBeLessThanOrEqual(seen.height);
    expect(seen.studyTop).toBeLessThan(seen.height);
    expect(seen.studyLeft).toBeGreaterThan(seen.controlsRight);
    await desk.page.close();
  }, 90_000);

  it('on a phone the kernel’s presets and numbers sit between input and output: the output a preset or a typed weight redraws is on screen with them', async () => {
    // The student's review: at 390 × 844 the kernel editor sat below both pictures, so a preset
    // redrew an output some 600 px up, out of sight. Input, kernel, output: the change is seen.
    const rect = (page: Page, q: string) => page.$eval(q, (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
    for (const [query, lang] of [['?view=image&lang=en&k=3&s=1&p=1', 'en'], ['?view=image&lang=zh&k=9&p=4&s=1', 'zh']] as const) {
      const { page } = await open(query, { width: 390, height: 844 });
      const [input, kernel, output] = await Promise.all(['canvas[data-image-input]', '[data-kernel-editor="image-kernel"]', 'canvas[data-image-output]'].map((q) => rect(page, q)));
      expect(kernel.top, lang).toBeGreaterThan(input.bottom);
      expect(output.top, lang).toBeGreaterThan(kernel.bottom);
      // The preset menu at the window's top, as a student scrolls to it: the output it redraws is whole on screen.
      await page.$eval('#image-kernel-preset', (e) => e.scrollIntoView({ block: 'start' }));
      const before = await page.getAttribute('canvas[data-image-output]', 'data-drawn');
      await choosePreset(page, 'sobelX');
      expect(await page.getAttribute('canvas[data-image-output]', 'data-drawn')).not.toBe(before);
      const menu = await rect(page, '#image-kernel-preset');
      const out = await rect(page, 'canvas[data-image-output]');
      // The page scrolls by whole pixels and lines of text are fractional (20.4 px): scrolled to
      // the window's top, the menu may stand up to half a pixel above it.
      expect(menu.top, lang).toBeGreaterThanOrEqual(-0.5);
      expect(out.bottom, lang).toBeLessThanOrEqual(844);
      // A weight typed in the last row of cells: it and the output it redraws are on screen together.
      const cell = `[data-kernel-editor="image-kernel"] tr:last-child input[data-c="0"]`;
      await page.fill(cell, '2');
      await drawn(page);
      const [c, o] = await Promise.all([rect(page, cell), rect(page, 'canvas[data-image-output]')]);
      expect(c.top, lang).toBeGreaterThanOrEqual(0);
      expect(o.bottom, lang).toBeLessThanOrEqual(844);
      await page.close();
    }
    // A desktop keeps the kernel above both pictures, which sit side by side (512 and 256 pixels wide).
    const desk = await open('?view=image&lang=en&k=3&s=2&p=1', { width: 1280, height: 800 });
    const [k, i, o] = await Promise.all(['[data-kernel-editor="image-kernel"]', 'canvas[data-image-input]', 'canvas[data-image-output]'].map((q) => rect(desk.page, q)));
    expect(i.top).toBeGreaterThan(k.bottom);
    expect(o.top).toBe(i.top);
    await desk.page.close();
  }, 90_000);

  it('a kernel larger than 3 × 3 keeps its whole table clear of the enlarged footprint, on a desktop and on a phone', async () => {
    for (const size of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
      const { page } = await open('?view=image&lang=en&k=7&p=3&s=1', size);
      const boxes = await page.evaluate(() => {
        const r = (e: Element | null) => { const b = e!.getBoundingClientRect(); return { l: b.left, r: b.right, t: b.top, b: b.bottom }; };
        const table = document.querySelector('[data-kernel-editor="image-kernel"] table')!;
        const box = table.parentElement!;
        return { table: r(table), box: r(box), zoom: r(document.querySelector('.zoom-figure')), scrolls: getComputedStyle(box).overflowX, view: document.documentElement.clientWidth };
      });
      const apart = boxes.table.r <= boxes.zoom.l || boxes.zoom.r <= boxes.table.l || boxes.table.b <= boxes.zoom.t || boxes.zoom.b <= boxes.table.t;
      expect(apart).toBe(true);
      // Wider than its panel (a phone): the table scrolls inside its box instead of leaving the screen.
      if (boxes.table.r > boxes.view) expect(boxes.scrolls).toBe('auto');
      expect(boxes.box.r).toBeLessThanOrEqual(boxes.view);
      await page.close();
    }
  }, 60_000);

  it('a large kernel’s cells show every digit; on a phone a 5 × 5 table fits and a 9 × 9 one says it scrolls sideways', async () => {
    const cells = (page: Page) => page.evaluate(() => {
      const box = document.querySelector('.kernel-table-box')!;
      const inputs = Array.from(document.querySelectorAll<HTMLInputElement>('[data-kernel-editor="image-kernel"] input'));
      return {
        clipped: inputs.filter((i) => i.scrollWidth > i.clientWidth).map((i) => i.value),
        overflows: box.scrollWidth > box.clientWidth + 1,
        hint: (document.querySelector('[data-kernel-scroll-hint]') as HTMLElement).hidden ? '' : document.querySelector('[data-kernel-scroll-hint]')!.textContent,
      };
    });
    const desk = await open('?view=image&lang=en&k=9&p=4&s=1', { width: 1366, height: 900 });
    const d = await cells(desk.page);
    // The 9 × 9 Gaussian's weights have four decimals (0.0001 …): none may be cut to "0.000".
    expect(d.clipped).toEqual([]);
    expect(d.overflows).toBe(false);
    expect(d.hint).toBe('');
    await desk.page.close();
    const five = await open('?view=image&lang=en&k=5&p=2&s=1', { width: 390, height: 844 });
    const f = await cells(five.page);
    expect(f).toEqual({ clipped: [], overflows: false, hint: '' });
    await five.page.close();
    const nine = await open('?view=image&lang=zh&k=9&p=4&s=1', { width: 390, height: 844 });
    const n = await cells(nine.page);
    expect(n.overflows).toBe(true);
    expect(n.hint).toBe('表格比屏幕宽：左右滑动可以看到全部 9 列。');
    await nine.page.close();
  }, 90_000);

  it('on a 1366 × 900 screen the pictures start above 560 px with a 3 × 3 kernel and above 700 px with a 9 × 9 one', async () => {
    // (They started at 620 and 816 px while the note under the kernel widened its box and pushed
    // the enlarged footprint and the words onto a row of their own.)
    for (const [q, above] of [['?view=image&lang=en', 560], ['?view=image&lang=en&k=9&p=4&s=1', 700]] as const) {
      const { page } = await open(q, { width: 1366, height: 900 });
      const top = await page.$eval('canvas[data-image-output]', (c) => c.getBoundingClientRect().top);
      expect(top).toBeLessThan(above);
      expect(await page.$eval('canvas[data-image-input]', (c) => c.getBoundingClientRect().top)).toBe(top);
      await page.close();
    }
  }, 60_000);

  it('the header’s Pictures button keeps its word inside it, and the page does not scroll sideways, down to 721 px', async () => {
    for (const width of [1000, 721]) {
      const { page } = await open('?view=image&lang=en', { width, height: 800 });
      const m = await page.evaluate(() => {
        const b = document.querySelector('#image-open')!;
        return { text: b.scrollWidth - b.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      });
      expect(m, `${width} px`).toEqual({ text: 0, page: 0 });
      await page.close();
    }
    // The link's ignored values take a row of their own under the controls instead of squeezing them.
    const { page } = await open('?view=image&lang=en&p=32', { width: 1366, height: 900 });
    const head = await page.evaluate(() => {
      const r = (q: string) => document.querySelector(q)!.getBoundingClientRect();
      return { notice: r('#url-problems').top, controls: Math.max(r('#copy-link').bottom, r('#image-open').bottom, r('.top h1').bottom), title: r('.top h1').height };
    });
    expect(head.notice).toBeGreaterThanOrEqual(head.controls);
    expect(head.title).toBeLessThan(40); // one line
    await page.close();
  }, 60_000);

  it('input and output are shown at one scale where they do not fit at their size, and the captions say so (phone; a 4× transposed layer)', async () => {
    const scales = (page: Page) => page.evaluate(() => ['canvas[data-image-input]', 'canvas[data-image-output]'].map((q) => {
      const c = document.querySelector<HTMLCanvasElement>(q)!;
      return { scale: Math.round((100 * c.getBoundingClientRect().width) / c.width), caption: c.closest('figure')!.querySelector('figcaption')!.textContent };
    }));
    // A phone: the 512 input is 70% of its size; the 256 output, which would fit, is too.
    const phone = await open('?view=image&lang=en&k=3&s=2&p=1', { width: 390, height: 844 });
    const [pin, pout] = await scales(phone.page);
    expect(pin.scale).toBeLessThan(100);
    expect(pout.scale).toBe(pin.scale);
    expect(pin.caption).toBe(`Input 512×512, shown at ${pin.scale}%, the same scale as the other picture`);
    expect(pout.caption).toBe(`Output 256×256, shown at ${pin.scale}%, the same scale as the other picture`);
    await phone.page.close();
    // A desktop, transposed stride 4 (output 2048): both at 51%, so the output is seen 4 times as wide.
    const desk = await open('?view=image&lang=zh&k=4&s=4&p=0&t=1', { width: 1366, height: 900 });
    const [din, dout] = await scales(desk.page);
    expect(dout.scale).toBe(din.scale);
    expect(din.caption).toBe(`输入 512×512，与另一张图同比例，按 ${din.scale}% 显示`);
    const widths = await desk.page.evaluate(() => ['canvas[data-image-input]', 'canvas[data-image-output]'].map((q) => document.querySelector(q)!.getBoundingClientRect().width));
    expect(widths[1] / widths[0]).toBeCloseTo(4, 2);
    await desk.page.close();
    // Where both fit side by side nothing is scaled and nothing is said.
    const wide = await open('?view=image&lang=en&k=3&s=2&p=1', { width: 1366, height: 900 });
    expect((await scales(wide.page)).map((x) => x.scale)).toEqual([100, 100]);
    expect((await scales(wide.page))[0].caption).toBe('Input 512×512');
    await wide.page.close();
  }, 90_000);

  it('a result that takes long dims the previous output and its footprint and says so, until it is drawn', async () => {
    const { page } = await open('?view=image&lang=en&k=9&s=1&p=0&t=1');
    // Watch the view's classes from before the change: was it marked pending before the new result landed?
    await page.evaluate(() => {
      const view = document.querySelector('.layer-view')!;
      const w = window as unknown as { seen: { pending: boolean; status: string } };
      w.seen = { pending: false, status: '' };
      new MutationObserver(() => {
        if (view.classList.contains('pending') && !w.seen.pending) w.seen = { pending: true, status: document.querySelector('[data-image-status]')!.textContent ?? '' };
      }).observe(view, { attributes: true, attributeFilter: ['class'] });
    });
    for (const id of ['#stride-h', '#stride-w']) await page.fill(id, '8');
    await drawn(page);
    const after = await page.evaluate(() => ({
      seen: (window as unknown as { seen: { pending: boolean; status: string } }).seen,
      pending: document.querySelector('.layer-view')!.classList.contains('pending'),
      ms: Number((document.querySelector('canvas[data-image-output]') as HTMLCanvasElement).dataset.ms),
    }));
    // The layer must be slow enough for the mark (200 ms) to show; a faster engine needs a slower layer here.
    expect(after.ms).toBeGreaterThan(400);
    expect(after.seen).toEqual({ pending: true, status: 'Computing… Until it is done, the output and its footprint (dimmed) are those of the previous setting.' });
    expect(after.pending).toBe(false);
    expect(await page.textContent('[data-image-status]')).toMatch(/^Updated in [\d.]+ ms$/);
    await page.close();
  }, 90_000);

  it('a picture thinner than the studies’ shrink factor still reaches every study; scaling is said H × W, and the learning study says it shrank the picture', async () => {
    const { page, errors } = await open('?view=image&lang=en&k=3&s=1&p=1');
    const png = (w: number, hgt: number) => greyPng(page, w, hgt);
    // 2 rows of 600 pixels: scaled to fit 512 across.
    await page.setInputFiles('#image-file', { name: 'strip.png', mimeType: 'image/png', buffer: Buffer.from(await png(600, 2)) });
    await page.waitForSelector('[data-image-mode][data-picture="own"]');
    await drawn(page);
    const size = await page.getAttribute('[data-image-mode]', 'data-size');
    const [w, hgt] = size!.split('x').map(Number);
    expect(await page.textContent('[data-image-file-note]')).toBe(`Your picture (2×600) was scaled down to ${hgt}×${w}: the layer runs on that.`);
    // The learning study took it too (its own 128-pixel shrink keeps one row), and says its size.
    await page.waitForFunction(() => /\(grey, 1×\d+\)/.test(document.querySelector('[data-image-learn] > p')?.textContent ?? ''));
    // A column 700 high and 1 wide: only the height changes, and that is said too.
    await page.setInputFiles('#image-file', { name: 'column.png', mimeType: 'image/png', buffer: Buffer.from(await png(1, 700)) });
    await page.waitForFunction(() => /^Your picture \(700×1\) was scaled down to \d+×1/.test(document.querySelector('[data-image-file-note]')?.textContent ?? ''));
    await page.waitForFunction(() => /\(grey, \d+×1\)/.test(document.querySelector('[data-image-learn] > p')?.textContent ?? ''));
    // 200 × 300 fits the page; the study shrinks it by 3 to 66 × 100 and enlarges that: it says so,
    // rather than calling the picture small.
    await page.setInputFiles('#image-file', { name: 'wide.png', mimeType: 'image/png', buffer: Buffer.from(await png(300, 200)) });
    await page.waitForFunction(() => /\(grey, 66×100\)/.test(document.querySelector('[data-image-learn] > p')?.textContent ?? ''));
    expect(await page.textContent('[data-image-learn] > p')).toMatch(/\(grey, 66×100\) into the target\. The study shrinks the picture by a whole factor to fit 128 pixels, so these images are shown 2 times larger\.$/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a kernel smaller than 3 × 3 lists the classic presets disabled, and gets the reader’s preset back when it grows', async () => {
    const { page } = await open('?view=image&lang=en&k=3&s=1&p=1');
    await choosePreset(page, 'sobelX');
    await page.fill('#kernel-h', '2');
    await page.press('#kernel-h', 'Tab');
    await drawn(page);
    const menu = () => page.$eval('#image-kernel-preset', (e) => {
      const sel = e as HTMLSelectElement;
      return { value: sel.value, disabled: Array.from(sel.options).filter((o) => o.disabled).map((o) => o.textContent) };
    });
    // Box blur stands in; the link keeps the reader's preset.
    expect(await page.evaluate(() => new URLSearchParams(location.search).get('ik'))).toBe('sobelX');
    expect(await menu()).toEqual({ value: 'box', disabled: ['Sharpen — needs 3×3 or larger', 'Sobel x (vertical edges) — needs 3×3 or larger', 'Sobel y (horizontal edges) — needs 3×3 or larger', 'Laplacian — needs 3×3 or larger', 'Emboss — needs 3×3 or larger'] });
    await page.fill('#kernel-h', '3');
    await page.press('#kernel-h', 'Tab');
    await drawn(page);
    expect(await menu()).toEqual({ value: 'sobelX', disabled: [] });
    await page.close();
  }, 60_000);

  it('the kernel is in the link: a preset by name, edited numbers as they are, kept in place rather than a history entry per keystroke', async () => {
    const { page, errors } = await open('?view=image&lang=en&k=3&s=1&p=1&ik=sobelX');
    expect(await page.$eval('#image-kernel-preset', (e) => (e as HTMLSelectElement).value)).toBe('sobelX');
    const got = await outputPixels(page);
    expect(maxDiff(got.rgba, expected('k=3&s=1&p=1', 'sobelX').rgba)).toBeLessThanOrEqual(1);
    const entries = await page.evaluate(() => history.length);
    const cell = '[data-kernel-editor="image-kernel"] input[data-r="1"][data-c="1"]';
    await page.fill(cell, '0.25');
    await drawn(page);
    await page.waitForFunction(() => new URLSearchParams(location.search).get('ik') === '-1,0,1,-2,0.25,2,-1,0,1');
    expect(await page.evaluate(() => history.length)).toBe(entries);
    // The link opens the same kernel (custom numbers), and the grids' frame is not in it.
    const link = await page.evaluate(() => location.search);
    expect(link).not.toMatch(/[?&]f=/);
    const again = await open(link);
    const cells = await again.page.$$eval('[data-kernel-editor="image-kernel"] input', (els) => els.map((e) => (e as HTMLInputElement).value));
    expect(cells).toEqual(['-1', '0', '1', '-2', '0.25', '2', '-1', '0', '1']);
    expect(await again.page.$eval('#image-kernel-preset', (e) => (e as HTMLSelectElement).value)).toBe('');
    // Back to the default preset: nothing in the link.
    await again.page.selectOption('#image-kernel-preset', 'gaussian');
    await drawn(again.page);
    await again.page.waitForFunction(() => !new URLSearchParams(location.search).has('ik'));
    expect(errors).toEqual([]);
    await again.page.close();
    await page.close();
  }, 60_000);

  it('Back and Forward bring a link’s kernel back with its size; a 1 × 1 kernel on the way keeps the reader’s blur', async () => {
    const { page, errors } = await open('?view=image&lang=en&k=5&s=1&p=2');
    const ik = () => page.evaluate(() => new URLSearchParams(location.search).get('ik'));
    const cells = () => page.$$eval('[data-kernel-editor="image-kernel"] input', (els) => els.map((e) => (e as HTMLInputElement).value));
    await page.fill('[data-kernel-editor="image-kernel"] input[data-r="2"][data-c="2"]', '7');
    await drawn(page);
    await page.waitForFunction(() => (new URLSearchParams(location.search).get('ik') ?? '').split(',').length === 25);
    const custom = await ik();
    await page.fill('#kernel-h', '3');
    await page.press('#kernel-h', 'Tab');
    await page.fill('#kernel-w', '3');
    await page.press('#kernel-w', 'Tab');
    await drawn(page);
    expect(await ik()).toBeNull(); // the 3×3 entry: the default Gaussian
    await page.goBack();
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('[data-kernel-editor="image-kernel"] input').length === 25);
    await drawn(page);
    expect((await cells())[12]).toBe('7');
    expect(await ik()).toBe(custom);
    await page.goForward();
    await page.goForward();
    await page.waitForFunction(() => document.querySelectorAll('[data-kernel-editor="image-kernel"] input').length === 9);
    await page.goBack();
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('[data-kernel-editor="image-kernel"] input').length === 25);
    expect((await cells())[12]).toBe('7');
    expect(await ik()).toBe(custom);
    // Box blur through a 1 × 1 kernel (where box, Gaussian and identity are all [1]) and back.
    await page.selectOption('#image-kernel-preset', 'box');
    for (const [id, v] of [['#kernel-h', '1'], ['#kernel-w', '1'], ['#kernel-h', '3'], ['#kernel-w', '3']]) {
      await page.fill(id, v);
      await page.press(id, 'Tab');
      await drawn(page);
      expect(await ik(), `${id}=${v}`).toBe('box');
    }
    expect(await page.$eval('#image-kernel-preset', (e) => (e as HTMLSelectElement).value)).toBe('box');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('Copy link says on its own button that the link was copied, and a refused copy offers the link to copy by hand', async () => {
    const { page } = await open('?view=image&lang=en&ik=sobelX');
    await page.evaluate(() => { Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => { (window as unknown as { copiedText: string }).copiedText = t; } } }); });
    await page.click('#copy-link');
    await page.waitForFunction(() => document.querySelector('#copy-link')?.textContent === 'Link copied');
    expect(await page.evaluate(() => (window as unknown as { copiedText: string }).copiedText)).toBe(await page.evaluate(() => location.href));
    await page.waitForFunction(() => document.querySelector('#copy-link')?.textContent === 'Copy link');
    await page.evaluate(() => { Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => { throw new Error('denied'); } } }); });
    const dialog = new Promise<{ message: string; value: string }>((resolve) => page.once('dialog', (d) => { resolve({ message: d.message(), value: d.defaultValue() }); }));
    await page.click('#copy-link');
    const d = await dialog;
    expect(d.message).toBe('The browser did not let the page copy. Copy the link from here:');
    expect(d.value).toMatch(/[?&]ik=sobelX/);
    await page.close();
  }, 60_000);

  it('editing one cell keeps the other weights exact, not as their rounded text (a 9 × 9 Gaussian’s corners are 1/65536, shown as 0)', async () => {
    const { page } = await open('?view=image&lang=en&k=9&s=1&p=4');
    const corner = '[data-kernel-editor="image-kernel"] input[data-r="0"][data-c="0"]';
    expect(await page.inputValue(corner)).toBe('0');
    await page.fill('[data-kernel-editor="image-kernel"] input[data-r="4"][data-c="4"]', '0.5');
    await drawn(page);
    // The link holds the weights the layer ran: the corner still 1/65536.
    await page.waitForFunction(() => (new URLSearchParams(location.search).get('ik') ?? '').split(',').length === 81);
    const w = (await page.evaluate(() => new URLSearchParams(location.search).get('ik')))!.split(',').map(Number);
    expect(Math.fround(w[0])).toBe(1 / 65536);
    expect(w[40]).toBe(0.5);
    await page.close();
  }, 60_000);

  it('an emptied kernel cell, or one beyond float32, is marked and keeps the kernel as it was until it holds a number again', async () => {
    const { page } = await open('?view=image&lang=en&k=3&s=1&p=1');
    const cell = '[data-kernel-editor="image-kernel"] input[data-r="1"][data-c="1"]';
    const said = () => page.textContent('[data-kernel-editor="image-kernel"] [data-kernel-cell-error]');
    const before = await page.getAttribute('canvas[data-image-output]', 'data-drawn');
    await page.fill(cell, '');
    expect(await page.getAttribute(cell, 'aria-invalid')).toBe('true');
    // An empty cell is asked for a number; float32's range is no matter of it.
    expect(await said()).toBe('Enter a number at row 1, column 1. The kernel keeps its last weights until then.');
    await afterPageTimers(page, 300);
    expect(await page.getAttribute('canvas[data-image-output]', 'data-requested')).toBe(before);
    // Beyond float32's range (the weights' type): marked too, not run as Infinity, and said so.
    await page.fill(cell, '1e39');
    expect(await page.getAttribute(cell, 'aria-invalid')).toBe('true');
    expect(await said()).toBe('The number at row 1, column 1 is beyond float32’s range (±3.4\u00a0×\u00a010³⁸). The kernel keeps its last weights until then.');
    await afterPageTimers(page, 300);
    expect(await page.getAttribute('canvas[data-image-output]', 'data-requested')).toBe(before);
    // Letters and a lone minus, typed, beside the 1e39: each cell named with its own reason, three
    // cells set apart by semicolons.
    const other = (r: number, c: number) => `[data-kernel-editor="image-kernel"] input[data-r="${r}"][data-c="${c}"]`;
    for (const [r, c, text] of [[0, 0, 'abc'], [2, 2, '-'], [0, 1, '']] as const) {
      await page.click(other(r, c), { clickCount: 3 });
      await page.keyboard.press('Backspace');
      await page.keyboard.type(text);
    }
    expect(await said()).toBe('Enter a number at row 0, column 0; row 0, column 1; and row 2, column 2. The number at row 1, column 1 is beyond float32’s range (±3.4\u00a0×\u00a010³⁸). The kernel keeps its last weights until then.');
    for (const [r, c] of [[0, 0], [2, 2], [0, 1]] as const) await page.fill(other(r, c), '0');
    await page.fill(cell, '1');
    expect(await page.getAttribute(cell, 'aria-invalid')).toBeNull();
    expect(await page.isVisible('[data-kernel-editor="image-kernel"] [data-kernel-cell-error]')).toBe(false);
    await drawn(page);
    expect(await page.getAttribute('canvas[data-image-output]', 'data-drawn')).not.toBe(before);
    await page.close();
    // In Chinese, on a phone.
    const zh = await open('?view=image&lang=zh&k=3&s=1&p=1', { width: 390, height: 844 });
    await zh.page.fill(cell, '');
    expect(await zh.page.textContent('[data-kernel-editor="image-kernel"] [data-kernel-cell-error]')).toBe('请在第 1 行第 1 列填入一个数。改好之前，卷积核保持原来的权重。');
    await zh.page.fill(other(0, 0), '-1e39');
    expect(await zh.page.textContent('[data-kernel-editor="image-kernel"] [data-kernel-cell-error]')).toBe('请在第 1 行第 1 列填入一个数。第 0 行第 0 列的数超出了 float32 的范围（±3.4\u00a0×\u00a010³⁸）。改好之前，卷积核保持原来的权重。');
    await zh.page.close();
  }, 60_000);

  it('a number beyond even float64 (1e400, -1e400) is said to be beyond float32’s range, not an empty cell; the cells step with ↑ and ↓ and are described by what is wrong, in both languages', async () => {
    // A number input gives the page '' for 1e400 (no double holds it), and the page asked for a number.
    const { page } = await open('?view=image&lang=en&k=3&s=1&p=1');
    const cell = (r: number, c: number) => `[data-kernel-editor="image-kernel"] input[data-r="${r}"][data-c="${c}"]`;
    const said = () => page.textContent('[data-kernel-editor="image-kernel"] [data-kernel-cell-error]');
    const keep = ' The kernel keeps its last weights until then.';
    await page.fill(cell(1, 1), '1e400');
    expect(await page.getAttribute(cell(1, 1), 'aria-invalid')).toBe('true');
    expect(await said()).toBe(`The number at row 1, column 1 is beyond float32’s range (±3.4\u00a0×\u00a010³⁸).${keep}`);
    // Typed key by key, as a student does.
    await page.click(cell(0, 0), { clickCount: 3 });
    await page.keyboard.type('-1e400');
    expect(await said()).toBe(`The numbers at row 0, column 0 and row 1, column 1 are beyond float32’s range (±3.4\u00a0×\u00a010³⁸).${keep}`);
    // (On the way, "-1" and "-1e4" were numbers, and ran.)
    await drawn(page);
    const before = await page.getAttribute('canvas[data-image-output]', 'data-requested');
    // Letters, an empty cell and float32's own overflow keep their words.
    await page.fill(cell(0, 0), 'abc');
    await page.fill(cell(2, 2), '');
    await page.fill(cell(1, 1), '1e39');
    expect(await said()).toBe(`Enter a number at row 0, column 0 and row 2, column 2. The number at row 1, column 1 is beyond float32’s range (±3.4\u00a0×\u00a010³⁸).${keep}`);
    await afterPageTimers(page, 300);
    expect(await page.getAttribute('canvas[data-image-output]', 'data-requested')).toBe(before);
    // Each bad cell is described by the sentence that says why; a screen reader hears a spin button with its label.
    const id = await page.getAttribute('[data-kernel-editor="image-kernel"] [data-kernel-cell-error]', 'id');
    expect(id).toBeTruthy();
    for (const [r, c] of [[0, 0], [1, 1], [2, 2]] as const) expect(await page.getAttribute(cell(r, c), 'aria-describedby')).toBe(id);
    expect(await page.getAttribute(cell(0, 1), 'aria-describedby')).toBeNull();
    expect(await page.getAttribute(cell(0, 1), 'role')).toBe('spinbutton');
    expect(await page.getAttribute(cell(0, 1), 'aria-label')).toBe('Layer’s kernel: weight row 0, column 1');
    for (const [r, c, v] of [[0, 0, '0.0625'], [1, 1, '0.25'], [2, 2, '0.0625']] as const) await page.fill(cell(r, c), v);
    expect(await page.getAttribute(cell(1, 1), 'aria-invalid')).toBeNull();
    expect(await page.getAttribute(cell(1, 1), 'aria-describedby')).toBeNull();
    expect(await page.isVisible('[data-kernel-editor="image-kernel"] [data-kernel-cell-error]')).toBe(false);
    // ↑ and ↓ step by 0.1 on its grid, as the number inputs did (0.125 ↑ 0.2), and the kernel follows.
    await page.focus(cell(0, 1));
    await page.keyboard.press('ArrowUp');
    expect(await page.inputValue(cell(0, 1))).toBe('0.2');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue(cell(0, 1))).toBe('0.1');
    await page.waitForFunction(() => (new URLSearchParams(location.search).get('ik') ?? '').split(',')[1] === '0.1');
    await page.close();
    // In Chinese, on a phone.
    const zh = await open('?view=image&lang=zh&k=3&s=1&p=1', { width: 390, height: 844 });
    const zhSaid = () => zh.page.textContent('[data-kernel-editor="image-kernel"] [data-kernel-cell-error]');
    await zh.page.fill(cell(1, 1), '1e400');
    expect(await zhSaid()).toBe('第 1 行第 1 列的数超出了 float32 的范围（±3.4\u00a0×\u00a010³⁸）。改好之前，卷积核保持原来的权重。');
    await zh.page.fill(cell(0, 0), 'abc');
    expect(await zhSaid()).toBe('请在第 0 行第 0 列填入一个数。第 1 行第 1 列的数超出了 float32 的范围（±3.4\u00a0×\u00a010³⁸）。改好之前，卷积核保持原来的权重。');
    await zh.page.close();
  }, 60_000);

  it('a value the form rejects dims the picture and says it is the last valid one, said once for H and W', async () => {
    const { page } = await open('?view=image&lang=en&k=3&s=1&p=1');
    for (const id of ['#kernel-h', '#kernel-w']) { await page.fill(id, '600'); await page.press(id, 'Tab'); }
    await page.waitForFunction(() => document.querySelector('.layer-view')?.classList.contains('form-invalid'));
    expect(await page.textContent('.field-error[data-for="kernel-h kernel-w"]')).toBe('Enter a whole number from 1 to 9.');
    expect(await page.textContent('[data-image-form-error]')).toBe('This combination is not valid — the picture shows the last valid one.');
    expect(await page.$eval('.layer-view > .image-pair:not(.image-tools)', (e) => getComputedStyle(e).opacity)).toBe('0.45');
    for (const id of ['#kernel-h', '#kernel-w']) { await page.fill(id, '3'); await page.press(id, 'Tab'); }
    await page.waitForFunction(() => !document.querySelector('.layer-view')?.classList.contains('form-invalid'));
    expect(await page.textContent('[data-image-form-error]')).toBe('');
    await page.close();
    // On a phone the pictures' row has no box of its own (the kernel sits between them): each picture is dimmed.
    const phone = await open('?view=image&lang=en&k=3&s=1&p=1', { width: 390, height: 844 });
    await phone.page.fill('#kernel-h', '600');
    await phone.page.press('#kernel-h', 'Tab');
    await phone.page.waitForFunction(() => document.querySelector('.layer-view')?.classList.contains('form-invalid'));
    expect(await phone.page.$$eval('.layer-view .image-figure:is(.image-in, .image-out)', (els) => els.map((e) => getComputedStyle(e).opacity))).toEqual(['0.45', '0.45']);
    await phone.page.close();
  }, 60_000);

  it('switching between a smoothing and a zero-sum preset does not move the pictures, and says how each output is shown', async () => {
    for (const size of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
      const { page } = await open('?view=image&lang=en&k=3&s=1&p=1', size);
      const tops: number[] = [];
      const notes: string[] = [];
      for (const preset of ['gaussian', 'sobelX', 'laplacian', 'box'] as PresetName[]) {
        await choosePreset(page, preset);
        tops.push(await page.$eval('canvas[data-image-input]', (c) => c.getBoundingClientRect().top + scrollY));
        notes.push((await page.textContent('[data-image-signed]'))!);
      }
      expect(new Set(tops).size, `${size.width}: ${tops.join(', ')}`).toBe(1);
      expect(notes[0]).toBe('The output is shown as it is: 0 is black, 1 is white, and values beyond are clipped.');
      expect(notes[1]).toBe('The weights sum to zero, so the output is signed: mid-grey is 0, white positive, black negative.');
      await page.close();
    }
  }, 60_000);

  it('a language switch reaches the input caption and the learning intro; starting a run moves no picture; the curve names its extremes', async () => {
    const { page } = await open('?view=image&lang=en&k=3&s=1&p=1');
    if (!(await page.isVisible('#lang'))) await page.click('#prefs-toggle');
    await page.selectOption('#lang', 'zh');
    await page.waitForFunction(() => document.querySelector('.image-figure:has(canvas[data-image-input]) figcaption')?.textContent === '输入 512×512');
    expect(await page.textContent('[data-learn-intro]')).toMatch(/^本练习专用的一层：/);
    const top = () => page.$eval('[data-learn-figure="error"] canvas', (c) => c.getBoundingClientRect().top + scrollY);
    const before = await top();
    await page.click('[data-learn-start]');
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-image-learn]')?.dataset.step) >= 30, null, { timeout: 30_000 });
    await page.click('[data-learn-start]');
    expect(await top()).toBe(before);
    // The input gradient on the largest value it has had: it shows, and hardly clips.
    const clipped = await page.$eval('[data-learn-figure="back"] canvas', (c) => {
      const cv = c as HTMLCanvasElement;
      const d = (cv.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, cv.width, cv.height).data;
      let n = 0, lo = 255, hi = 0;
      for (let i = 0; i < d.length; i += 4) { if (d[i] === 0 || d[i] === 255) n++; lo = Math.min(lo, d[i]); hi = Math.max(hi, d[i]); }
      return { share: n / (d.length / 4), spread: hi - lo };
    });
    expect(clipped.spread).toBeGreaterThan(30);
    expect(clipped.share).toBeLessThan(0.01);
    // The curve's labels are the highest and lowest losses so far.
    const labels = (await page.$$eval('[data-learn-curve] .curve-label', (ts) => ts.map((t) => t.textContent ?? ''))).map(fromPower);
    const losses = await page.$eval('[data-image-learn]', (e) => [Number((e as HTMLElement).dataset.firstLoss), Number((e as HTMLElement).dataset.loss)]);
    expect(labels[0]).toBeCloseTo(losses[0], 1);
    expect(labels[1] / losses[1]).toBeGreaterThan(0.5);
    expect(labels[1] / losses[1]).toBeLessThanOrEqual(1.05);
    await page.close();
  }, 60_000);

  it('the hints say "tap" on a touch screen and "move over" with a mouse, in both languages', async () => {
    const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await phone.goto(h.url + '?view=image&lang=zh&k=3&s=1&p=1');
    await drawn(phone);
    expect(await phone.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    expect(await phone.textContent('#image-output-help')).toBe('点按某个输出像素：它读取的输入像素会在输入上框出来。行号和列号与 PyTorch 一样从 0 开始。');
    expect(await phone.textContent('[data-image-field] p')).toMatch(/点按图片：一个输出所依赖的像素会被标出来。$/);
    await context.close();
    const { page } = await open('?view=image&lang=en&k=3&s=1&p=1');
    expect(await page.textContent('#image-output-help')).toMatch(/^Move over an output pixel, or focus the output and pick one with the arrow keys: the input pixels it reads/);
    await page.close();
  }, 60_000);

  it('the first Tab stop skips to the pictures in the image view, and to the animation on the grids', async () => {
    const { page } = await open('?view=image&lang=zh&k=3&s=1&p=1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => [document.activeElement!.id, document.activeElement!.textContent])).toEqual(['skip-link', '把这一层用在图片上']);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'image-mode');
    await page.click('#image-open');
    expect(await page.evaluate(() => [document.querySelector('#skip-link')!.getAttribute('href'), document.querySelector('#skip-link')!.textContent])).toEqual(['#stage', '动画']);
    await page.close();
  }, 60_000);

  it('is reached from the header and back, makes no request to another host, and passes axe', async () => {
    const { page } = await h.newPage({ width: 1440, height: 900 });
    await page.goto(h.url + '?k=3&s=1&p=1&lang=en');
    await page.waitForSelector('body[data-ready="1"]');
    await page.click('#image-open');
    await drawn(page);
    expect(page.url()).toContain('view=image');
    expect(await page.isVisible('#stage')).toBe(false);
    await page.click('#image-open');
    expect(await page.isVisible('#stage')).toBe(true);
    expect(page.url()).not.toContain('view=image');
    await page.close();
    const origin = new URL(h.url).origin;
    expect(h.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);

    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const [q, width, height] of [['?view=image&lang=en', 1440, 900], ['?view=image&lang=zh', 390, 844]] as const) {
      const context = await h.browser.newContext({ bypassCSP: true, viewport: { width, height }, reducedMotion: 'reduce' });
      const p = await context.newPage();
      await p.goto(h.url + q);
      await p.waitForSelector('body[data-ready="1"]');
      await drawn(p);
      await p.addScriptTag({ content: axeSource });
      const result = await p.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const r = await axe.run({ include: [['#image-mode'], ['[data-image-more]']] }, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      });
      expect(result, `${q} at ${width}`).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
