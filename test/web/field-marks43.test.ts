/**
 * The stacked field's enlargement marks the pixels a stack reads pink edged dark, as the layer's
 * enlargement marks its taps (canvas.ts strokeEdged, image-marks42). Its fills were translucent
 * pink with no edge: on the test card's magenta bar pink lay on magenta and the grid of read pixels
 * (the point of the study: gridding) all but vanished.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

type Rgba = [number, number, number, number];
const luminance = ([r, g, b]: Rgba) => {
  const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const contrast = (a: Rgba, b: Rgba) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
};
const near = (a: Rgba, b: Rgba) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) < 40;
const PINK: Rgba = [0xff, 0x2d, 0x95, 255];
const MAGENTA: Rgba = [255, 0, 255, 255];
/** Each pixel named: the picture, the pink of a mark, or a dark edge (against both); blends left out, runs taken once. */
function kindRuns(px: Rgba[], bg: Rgba): string[] {
  const kinds = px.map((p) => (near(p, bg) ? 'picture' : near(p, PINK) ? 'pink' : contrast(p, bg) >= 3 && contrast(p, PINK) >= 3 ? 'edge' : 'other'));
  return kinds.filter((k, i) => k !== 'other' && k !== kinds[i - 1]);
}

/** Points the stacked field (2, 2, 2 on the 512² card) at row 400 in the middle of the magenta bar. */
async function onMagenta(query: string, width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await h.open(query, { width, height });
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
  await page.selectOption('#image-field-stack', '2-2-2');
  // The bar, found on the field's own picture: the widest run of magenta along row 400, its middle.
  const x = await page.$eval('[data-field-picture]', (c) => {
    const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 400, (c as HTMLCanvasElement).width, 1).data;
    let best = [0, 0];
    for (let i = 0, start = -1; i <= d.length / 4; i++) {
      const magenta = i < d.length / 4 && d[4 * i] > 240 && d[4 * i + 1] < 15 && d[4 * i + 2] > 240;
      if (magenta && start < 0) start = i;
      if (!magenta && start >= 0) {
        if (i - start > best[1] - best[0]) best = [start, i];
        start = -1;
      }
    }
    return Math.floor((best[0] + best[1]) / 2);
  });
  const at = await page.$eval('[data-field-picture]', (c, x) => {
    c.scrollIntoView({ block: 'center' });
    const r = c.getBoundingClientRect();
    return { px: r.left + ((x + 0.5) / (c as HTMLCanvasElement).width) * r.width, py: r.top + (400.5 / (c as HTMLCanvasElement).height) * r.height };
  }, x);
  await page.mouse.move(at.px, at.py);
  await page.waitForFunction((x) => document.querySelector<HTMLElement>('[data-field-summary]')!.dataset.output === `400,${x}`, x);
  return { page, errors };
}

describe('the stacked field’s enlargement on the magenta bar', () => {
  for (const [query, width, height] of [['?view=image&lang=en', 1400, 1000], ['?view=image&lang=zh', 390, 844]] as const) {
    it(`${width}×${height}: every read pixel's pink is edged dark, in rows and in columns`, async () => {
      const { page, errors } = await onMagenta(query, width, height);
      const { w, data, rows } = await page.$eval('[data-field-zoom]', (c) => {
        const z = c as HTMLCanvasElement;
        return { w: z.width, data: Array.from(z.getContext('2d')!.getImageData(0, 0, z.width, z.height).data), rows: document.querySelector<HTMLElement>('[data-field-summary]')!.dataset.rows!.split(' ').length };
      });
      const at = (x: number, y: number): Rgba => {
        const i = 4 * (y * w + x);
        return [data[i], data[i + 1], data[i + 2], data[i + 3]];
      };
      const hgt = data.length / 4 / w;
      // The enlargement shows the bar round the field (2, 2, 2 spans 13 pixels; the bar is 32 wide).
      expect(near(at(0, 0), MAGENTA), String(at(0, 0))).toBe(true);
      const lines = [
        ...Array.from({ length: hgt }, (_, y) => Array.from({ length: w }, (_, x) => at(x, y))),
        ...Array.from({ length: w }, (_, x) => Array.from({ length: hgt }, (_, y) => at(x, y))),
      ];
      let marked = 0;
      for (const px of lines) {
        const runs = kindRuns(px, MAGENTA);
        if (runs.includes('pink')) marked++;
        for (let i = 1; i < runs.length; i++) expect([runs[i - 1], runs[i]].sort().join('|'), runs.join(' ')).not.toBe('picture|pink');
      }
      // Each read row and each read column of the field crosses some pink.
      expect(marked).toBeGreaterThanOrEqual(2 * rows);
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
