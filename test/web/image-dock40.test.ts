/**
 * Review 40: on a desktop window the footprint of an output pixel must be seen while the reader
 * points at a tall output. A transposed 3 × 3 layer at stride 2 (padding 1, output padding 1)
 * makes the 512² test card 1024², shown at 94% (~964 px) below the input at 1280 × 800; pointing
 * near its bottom, the input's outline, the enlargement and the sentence all lay a screen above,
 * and nothing on screen said which input pixels were read. The panel of footprint-dock.ts copies
 * the phone's map of the whole input, the enlargement and the sentence over the output's corner:
 * here it must be inside the window, clear of the pixel, and name (and frame) the right cells;
 * stay out of the way when input and output fit; follow the arrow keys; be hidden from screen
 * readers (the sentence is announced once, by the page's own live region); and never show on a
 * phone, whose docked bar does this.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';
import { pickOnPhone } from './image-pick.js';

const h = fileHarness();
const TALL = 'view=image&i=5&k=3&s=2&p=1&t=1&op=1';
const DESKTOP = { width: 1280, height: 800 };

async function drawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
}

/** Moves the mouse onto output pixel (y, x) and waits for the page to pick it. */
async function pointAt(page: Page, y: number, x: number): Promise<{ px: number; py: number }> {
  const at = await page.$eval('canvas[data-image-output]', (c, [y, x]) => {
    const r = c.getBoundingClientRect();
    const cv = c as HTMLCanvasElement;
    return { px: r.left + ((x + 0.5) / cv.width) * r.width, py: r.top + ((y + 0.5) / cv.height) * r.height };
  }, [y, x]);
  await page.mouse.move(at.px, at.py);
  await page.waitForFunction(([y, x]) => {
    const s = document.querySelector<HTMLElement>('[data-image-footprint]')!.dataset;
    return s.y === String(y) && s.x === String(x);
  }, [y, x]);
  return at;
}

interface Dock {
  hidden: boolean;
  display: string;
  rect: { left: number; top: number; right: number; bottom: number };
  map: { left: number; top: number; right: number; bottom: number; width: number; height: number };
  frames: [number, number, number, number][];
  /** The map's pixel on the middle of each frame's top edge. */
  edge: number[][];
  text: string;
  ariaHidden: string | null;
  live: number;
  window: { width: number; height: number };
}

function dock(page: Page, cell: string): Promise<Dock> {
  return page.$eval('[data-image-dock]', (d, cell) => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const map = d.querySelector<HTMLCanvasElement>('[data-dock-where]')!;
    const frames = JSON.parse(map.dataset.frames || '[]') as [number, number, number, number][];
    const ctx = map.getContext('2d')!;
    const edge = frames.map(([x, y, w]) => Array.from(ctx.getImageData(Math.round(x + w / 2), Math.round(y), 1, 1).data));
    // Live regions that say this pixel's sentence: the page's own only.
    const live = Array.from(document.querySelectorAll('[aria-live]')).filter((e) => (e.textContent ?? '').replace(/\u2060/g, '').replace(/[\u00a0\u202f]/g, ' ').includes(cell)).length;
    return {
      hidden: (d as HTMLElement).hidden,
      display: getComputedStyle(d).display,
      rect: box(d),
      map: { ...box(map), width: map.width, height: map.height },
      frames,
      edge,
      text: (d.querySelector('[data-dock-text]')!.textContent ?? '').replace(/\u2060/g, '').replace(/[\u00a0\u202f]/g, ' '),
      ariaHidden: d.getAttribute('aria-hidden'),
      live,
      window: { width: innerWidth, height: innerHeight },
    };
  }, cell);
}

const inside = (r: { left: number; top: number; right: number; bottom: number }, w: { width: number; height: number }) =>
  r.left >= 0 && r.top >= 0 && r.right <= w.width && r.bottom <= w.height;

describe('review 40: the footprint of a tall output on a desktop window', () => {
  it('is on screen while pointing near the bottom of a 1024² output at 1280 × 800, naming and framing the input cells read', async () => {
    // Transposed, stride 2, padding 1: output row o reads input rows i with o = 2i − 1 + k, k = 0, 1, 2
    // (weight index, flipped), so row 1001 reads rows 500 and 501, column 701 columns 350 and 351.
    const [y, x] = [1001, 701];
    const rows = [500, 501];
    const cols = [350, 351];
    for (const lang of ['en', 'zh'] as const) {
      const { page, errors } = await h.open(`?${TALL}&lang=${lang}`, DESKTOP);
      await drawn(page);
      // The output's bottom just above the window's (R40's screenshot img5-en-1280-below).
      await page.$eval('canvas[data-image-output]', (c) => scrollBy(0, c.getBoundingClientRect().bottom - innerHeight + 40));
      const { px, py } = await pointAt(page, y, x);
      // The page's own footprint is the one expected, and its outline on the input is off screen
      // (above the window), with the sentence and the enlargement: the case this is about.
      const taps = (await page.getAttribute('[data-image-footprint]', 'data-taps'))!.split(' ').sort();
      expect(taps).toEqual(rows.flatMap((r) => cols.map((c) => `${r},${c}`)));
      const off = await page.evaluate(([r]) => {
        const input = document.querySelector<HTMLCanvasElement>('canvas[data-image-input]')!;
        const q = input.getBoundingClientRect();
        const said = document.querySelector('[data-image-footprint]')!.getBoundingClientRect();
        return { outline: q.top + ((r + 1) / input.height) * q.height, said: said.bottom };
      }, [rows[1]]);
      expect(off.outline).toBeLessThan(0);
      expect(off.said).toBeLessThan(0);

      const cell = lang === 'en' ? `row ${y}, column ${x}` : `第 ${y} 行，第 ${x} 列`;
      const d = await dock(page, cell);
      expect(d.hidden, lang).toBe(false);
      expect(d.display).not.toBe('none');
      // In the window, the map with it, and not over the pixel pointed at.
      expect(inside(d.rect, d.window), JSON.stringify(d.rect)).toBe(true);
      expect(inside(d.map, d.window)).toBe(true);
      expect(d.map.right - d.map.left).toBeGreaterThanOrEqual(64);
      expect(px >= d.rect.left && px <= d.rect.right && py >= d.rect.top && py <= d.rect.bottom).toBe(false);
      // The readout names the pixel and the cells it reads.
      expect(d.text).toContain(cell);
      expect(d.text).toContain(lang === 'en' ? `rows ${rows[0]}–${rows[1]}, columns ${cols[0]}–${cols[1]}` : `第 ${rows[0]}–${rows[1]} 行、第 ${cols[0]}–${cols[1]} 列`);
      // The map frames them: one frame, over the cells' place on the whole input (map pixels per
      // input pixel: map width / 512), drawn pink, and on screen.
      expect(d.frames).toHaveLength(1);
      const [fx, fy, fw, fh] = d.frames[0];
      const per = d.map.width / 512;
      for (const r of rows) {
        expect((r + 0.5) * per).toBeGreaterThan(fy);
        expect((r + 0.5) * per).toBeLessThan(fy + fh);
      }
      for (const c of cols) {
        expect((c + 0.5) * per).toBeGreaterThan(fx);
        expect((c + 0.5) * per).toBeLessThan(fx + fw);
      }
      const [r, g, b] = d.edge[0];
      expect(Math.abs(r - 0xff) + Math.abs(g - 0x2d) + Math.abs(b - 0x95), String(d.edge[0])).toBeLessThan(40);
      const scaleY = (d.map.bottom - d.map.top) / d.map.height;
      expect(d.map.top + fy * scaleY).toBeGreaterThanOrEqual(0);
      expect(d.map.top + (fy + fh) * scaleY).toBeLessThanOrEqual(d.window.height);
      // Hidden from screen readers: the sentence is said once, by the page's live region.
      expect(d.ariaHidden).toBe('true');
      expect(d.live).toBe(1);
      // Gone once the pointer leaves the output.
      await page.mouse.move(5, 5);
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-dock]')!.hidden);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('review 41: frames the part read large enough to find (≥ 16 px on screen), holding it whole, with a cross on it', async () => {
    // Before, a 3 × 3 footprint on the 512² card was framed 12 map pixels wide: 9 px on screen.
    const { page, errors } = await h.open(`?${TALL}&lang=en`, DESKTOP);
    await drawn(page);
    await page.$eval('canvas[data-image-output]', (c) => scrollBy(0, c.getBoundingClientRect().bottom - innerHeight + 40));
    // Near the picture's bottom edge (the frame is moved up to stay on the map) and inside it.
    for (const [y, x] of [[1001, 701], [900, 300]]) {
      await pointAt(page, y, x);
      const d = await dock(page, `row ${y}, column ${x}`);
      expect(d.hidden).toBe(false);
      const taps = (await page.getAttribute('[data-image-footprint]', 'data-taps'))!.split(' ').map((t) => t.split(',').map(Number));
      const per = d.map.width / 512;
      const part = {
        left: Math.min(...taps.map((t) => t[1])) * per, right: (Math.max(...taps.map((t) => t[1])) + 1) * per,
        top: Math.min(...taps.map((t) => t[0])) * per, bottom: (Math.max(...taps.map((t) => t[0])) + 1) * per,
      };
      expect(d.frames).toHaveLength(1);
      const [fx, fy, fw, fh] = d.frames[0];
      const onScreen = (d.map.right - d.map.left) / d.map.width;
      expect(fw * onScreen, `${y},${x}`).toBeGreaterThanOrEqual(16);
      expect(fh * onScreen, `${y},${x}`).toBeGreaterThanOrEqual(16);
      // The frames are written rounded to whole map pixels (layer-view.ts): half a pixel of slack.
      expect(fx - 0.5).toBeLessThanOrEqual(part.left);
      expect(fy - 0.5).toBeLessThanOrEqual(part.top);
      expect(fx + fw + 0.5).toBeGreaterThanOrEqual(part.right);
      expect(fy + fh + 0.5).toBeGreaterThanOrEqual(part.bottom);
      // The cross, pink, on the part itself (the frame is larger than it).
      const mid = await page.$eval('[data-dock-where]', (c, [cx, cy]) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(cx, cy, 1, 1).data), [Math.floor((part.left + part.right) / 2), Math.floor((part.top + part.bottom) / 2)]);
      expect(Math.abs(mid[0] - 0xff) + Math.abs(mid[1] - 0x2d) + Math.abs(mid[2] - 0x95), String(mid)).toBeLessThan(40);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('moves to the output’s other corner when the pixel comes under it, and follows the arrow keys', async () => {
    const { page, errors } = await h.open(`?${TALL}&lang=en`, DESKTOP);
    await drawn(page);
    await page.$eval('canvas[data-image-output]', (c) => scrollBy(0, c.getBoundingClientRect().top + 300));
    // Near the top right, where the panel stands first.
    const first = await pointAt(page, 340, 900);
    let d = await dock(page, 'row 340, column 900');
    expect(d.hidden).toBe(false);
    expect(first.px >= d.rect.left - 8 && first.px <= d.rect.right + 8 && first.py <= d.rect.bottom + 8).toBe(false);
    const side = await page.getAttribute('[data-image-dock]', 'data-side');
    const second = await pointAt(page, 340, 100);
    d = await dock(page, 'row 340, column 100');
    expect(await page.getAttribute('[data-image-dock]', 'data-side')).not.toBe(side);
    expect(second.px >= d.rect.left - 8 && second.px <= d.rect.right + 8 && second.py <= d.rect.bottom + 8).toBe(false);
    // The keyboard: the pointer away, the output focused, a pixel picked with the arrows.
    await page.mouse.move(5, 5);
    await page.focus('canvas[data-image-output]');
    await page.keyboard.press('ArrowDown');
    const [ky, kx] = await page.$eval('[data-image-footprint]', (e) => [(e as HTMLElement).dataset.y, (e as HTMLElement).dataset.x]);
    d = await dock(page, `row ${ky}, column ${kx}`);
    expect(d.hidden).toBe(false);
    expect(inside(d.rect, d.window)).toBe(true);
    expect(d.text).toContain(`row ${ky}, column ${kx}`);
    expect(d.live).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('stays away where input and output fit side by side, and on a phone', async () => {
    const { page, errors } = await h.open('?view=image&k=3&s=1&p=1&lang=en', { width: 1440, height: 900 });
    await drawn(page);
    const [i, o] = await page.$$eval('canvas[data-image-input], canvas[data-image-output]', (cs) => cs.map((c) => c.getBoundingClientRect().top));
    expect(Math.abs(i - o)).toBeLessThan(1);
    await page.$eval('canvas[data-image-output]', (c) => scrollBy(0, c.getBoundingClientRect().top - 100));
    for (const [y, x] of [[10, 10], [256, 256], [500, 500]]) {
      await pointAt(page, y, x);
      expect((await dock(page, `row ${y}, column ${x}`)).hidden).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
    const phone = await pickOnPhone(h, `?${TALL}&lang=en`, 40, 0.5);
    expect(await phone.page.$eval('[data-image-dock]', (d) => getComputedStyle(d).display)).toBe('none');
    expect(phone.errors).toEqual([]);
    await phone.page.close();
  }, 60_000);
});
