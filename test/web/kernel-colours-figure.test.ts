/**
 * The classic figure's kernel speaks the matrix's colours: while the Matrix tab is open, each kernel
 * cell of the figure (drawn by the library's renderer, its `kernelFills`) is painted in the colour
 * the matrix gives its weight, w₀₀ … w₂₂ — flipped for a transposed layer, as the figure draws its
 * kernel — so tour steps 5 and 6 let a reader find a figure's weight in C or Cᵀ. Plain again, the
 * very drawing of before, when another tab opens. In the dark theme the figure is shown through a
 * CSS filter: the colours given to it are those the filter shows as the matrix's, checked on the
 * screen's pixels.
 */
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';
import { TAP_COLOURS, throughDarkFilter } from '../../web/src/palette.js';
import { contrastRatio } from '../../src/render/palette.js';

const h = fileHarness();

/**
 * The figure drawn whole, its kernel in #classic-base where the screen shows it: the harness's
 * 1400×1000, but 1240×1000 for a tour step. (From 1260 px up tour step 6 lays the matrix beside the
 * card, HB40, and its narrower stage shows the key beside the planes through windows onto the
 * base, which is clipped there.)
 */
async function open(query: string): Promise<Page> {
  const { page } = await h.open(query, query.includes('tour=') ? { width: 1240, height: 1000 } : undefined);
  await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
  await page.waitForSelector('#classic-base text', { state: 'attached' });
  return page;
}

/**
 * Each kernel label of the classic figure (w₀₀ …) → the fill of the shape drawn under a point of
 * its cell away from the text (the renderer prints the name 4 units under the cell's centre, the
 * cell 26 units wide), the label's own fill, and that point on the screen.
 */
async function figureKernel(page: Page): Promise<Record<string, { fill: string; text: string; x: number; y: number }>> {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('#svg-classic')!;
    const out: Record<string, { fill: string; text: string; x: number; y: number }> = {};
    const m = svg.getScreenCTM()!;
    for (const t of Array.from(svg.querySelectorAll<SVGTextElement>('#classic-base text'))) {
      if (!/^w[₀-₉]+$/.test(t.textContent ?? '')) continue;
      const p = svg.createSVGPoint();
      p.x = Number(t.getAttribute('x')) - 9;
      p.y = Number(t.getAttribute('y')) - 4 - 9;
      const s = p.matrixTransform(m);
      const under = document.elementsFromPoint(s.x, s.y).find((e) => e.closest('#classic-base') && e.tagName !== 'text' && e.getAttribute('fill'));
      out[t.textContent!] = { fill: under?.getAttribute('fill') ?? '', text: t.getAttribute('fill') ?? '', x: s.x, y: s.y };
    }
    return out;
  });
}

/** Each matrix label → the fill of its entry. */
async function matrixFills(page: Page): Promise<Record<string, string>> {
  await page.waitForSelector('#svg-matrix text', { state: 'attached' });
  return page.$eval('#svg-matrix', (svg) => {
    const rects = Array.from(svg.querySelectorAll<SVGRectElement>('rect:not([fill-opacity])')).map((r) => ({ b: r.getBBox(), fill: r.getAttribute('fill') ?? '' }));
    const out: Record<string, string> = {};
    for (const t of Array.from(svg.querySelectorAll<SVGTextElement>('text'))) {
      const x = Number(t.getAttribute('x')), y = Number(t.getAttribute('y'));
      const hit = rects.filter(({ b }) => x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height).pop();
      if (hit && /^w/.test(t.textContent ?? '')) out[t.textContent!] = hit.fill;
    }
    return out;
  });
}

/** The label of the kernel cell drawn top-left (the least y, then the least x). */
function topLeft(k: Record<string, { x: number; y: number }>): string {
  return Object.entries(k).sort(([, a], [, b]) => a.y - b.y || a.x - b.x)[0][0];
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** CIE L*a*b* (D65) of an sRGB colour, 0–255 per channel. */
function lab(c: number[]): number[] {
  const [r, g, b] = c.map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505), y = f(0.2126 * r + 0.7152 * g + 0.0722 * b), z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** How different two colours look: L*a*b* distance with lightness at half weight (a colour's hue is what tells the taps apart). */
function looks(a: number[], b: number[]): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot((p[0] - q[0]) / 2, p[1] - q[1], p[2] - q[2]);
}

describe('classic figure kernel in the matrix colours', () => {
  for (const [q, first] of [['?tour=6&lang=en', 'w₂₂'], ['?tour=6&lang=zh&cb=1', 'w₂₂'], ['?i=4&k=3&s=1&p=0&fig=classic&lang=en', 'w₀₀']] as const) {
    it(`${q}: with the Matrix tab open each kernel cell has its matrix entries' colour (${first} drawn first)`, async () => {
      const page = await open(q);
      if (!q.includes('tour')) await page.click('#tab-matrix');
      await page.waitForFunction((fill) => document.querySelector(`#classic-base [fill="${fill}"]`) !== null, TAP_COLOURS[7]);
      const kernel = await figureKernel(page);
      expect(Object.keys(kernel).length, q).toBe(9);
      expect(topLeft(kernel), q).toBe(first);
      const matrix = await matrixFills(page);
      for (const [label, { fill }] of Object.entries(kernel)) expect(fill, `${q} ${label}`).toBe(matrix[label]);
      expect(new Set(Object.values(kernel).map((c) => c.fill)).size, q).toBe(9);
      await page.close();
    }, 60_000);
  }

  it('closing the tab draws the plain figure of before, at the same step; opening it again colours it again', async () => {
    const page = await open('?i=2&k=3&s=1&p=0&t=1&fig=classic&lang=en');
    await page.click('#btn-forward');
    await page.click('#btn-forward');
    const plain = await page.$eval('#svg-classic', (s) => s.innerHTML);
    expect(Object.values(await figureKernel(page)).every(({ fill }) => !TAP_COLOURS.includes(fill))).toBe(true);
    await page.click('#tab-matrix');
    const tinted = await figureKernel(page);
    expect(Object.values(tinted).map((c) => c.fill).sort()).toEqual([...TAP_COLOURS].sort());
    // The step is kept: the overlay of step 3 is drawn over the new layout.
    expect(await page.$eval('#svg-classic', (s) => s.getAttribute('data-frame'))).toBe('2');
    expect(await page.$eval('#svg-classic', (s) => s.lastElementChild!.childElementCount)).toBeGreaterThan(0);
    await page.click('#tab-code');
    expect(await page.$eval('#svg-classic', (s) => s.innerHTML)).toBe(plain);
    await page.click('#tab-matrix');
    expect(await figureKernel(page)).toEqual(tinted);
    await page.close();
  }, 60_000);

  it('dark theme: through the figure\'s filter each cell shows its matrix colour', async () => {
    for (const q of ['?tour=6&theme=dark&lang=en', '?tour=6&theme=dark&cb=1&lang=zh']) {
      const page = await open(q);
      await page.waitForSelector('#classic-base text', { state: 'attached' });
      const kernel = await figureKernel(page);
      const matrix = await matrixFills(page);
      const shot = decode(await page.screenshot());
      const px = (x: number, y: number) => [0, 1, 2].map((c) => shot.data[(Math.round(y) * shot.width + Math.round(x)) * shot.channels + c]);
      let near = 0;
      for (const [label, { x, y }] of Object.entries(kernel)) {
        const seen = px(x, y);
        const want = rgb(matrix[label]);
        // Of the nine colours, the cell looks most like its own entry's, and clearly so.
        const [nearest, second] = [...TAP_COLOURS].sort((a, b) => looks(rgb(a), seen) - looks(rgb(b), seen));
        expect(nearest, `${q} ${label}: screen ${seen}`).toBe(matrix[label]);
        expect(looks(rgb(second), seen) - looks(want, seen), `${q} ${label}: screen ${seen}`).toBeGreaterThan(5);
        if (looks(want, seen) < 4) near++;
      }
      // All nine look the same: every tap colour is one the filter can show (palette-taps checks it).
      expect(near, q).toBe(9);
      await page.close();
    }
  }, 90_000);

  it('dark theme: through the figure\'s filter each kernel label reads on its cell at 4.5:1 or more', async () => {
    for (const q of ['?tour=6&theme=dark&lang=en', '?tour=6&theme=dark&cb=1&lang=zh']) {
      const page = await open(q);
      // The tour opens the Matrix tab; the kernel is painted once its nine cells have nine fills.
      await expect.poll(async () => new Set(Object.values(await figureKernel(page)).map((c) => c.fill)).size, { timeout: 20_000 }).toBe(9);
      const cells = {
        out: Object.entries(await figureKernel(page)).map(([label, { text, fill }]) => ({ label, text, fill })),
        filter: await page.$eval('#svg-classic', (svg) => getComputedStyle(svg).filter),
      };
      // The filter on the page is the one throughDarkFilter models: black comes out as the invert amount.
      const amount = Number(/invert\(([\d.]+)\)/.exec(cells.filter)?.[1]);
      expect(throughDarkFilter([0, 0, 0]).map((v) => v.toFixed(4)), cells.filter).toEqual(Array(3).fill(amount.toFixed(4)));
      expect(cells.filter, q).toMatch(/hue-rotate\(180deg\)/);
      expect(cells.out.length, q).toBe(9);
      const shown = (hex: string) => throughDarkFilter(rgb(hex).map((v) => v / 255)).map((v) => v * 255) as [number, number, number];
      const faint = cells.out
        .map(({ label, text, fill }) => ({ label, ratio: contrastRatio(shown(text), shown(fill)), text, fill }))
        .filter(({ ratio }) => !(ratio >= 4.5))
        .map(({ label, ratio, text, fill }) => `${label}: label ${text} on ${fill}: ${ratio.toFixed(2)}`);
      expect(faint, q).toEqual([]);
      await page.close();
    }
  }, 90_000);
});
