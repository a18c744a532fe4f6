/**
 * Reading the picture mode's marks back off its canvases (image-marks42, field-marks43): the test
 * card's magenta bar, where a pink mark without a dark edge would vanish, and each pixel of a line
 * named as picture, pink mark or dark edge.
 */
import type { Page } from 'playwright-core';
import { contrast as contrastOf } from './colour-vision.js';

export type Rgba = [number, number, number, number];
export const PINK: Rgba = [0xff, 0x2d, 0x95, 255];
export const MAGENTA: Rgba = [255, 0, 255, 255];

/** Within 40 of each other, summed over r, g and b. */
export const near = (a: Rgba, b: Rgba): boolean => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) < 40;
/** WCAG 2 contrast ratio of two opaque 8-bit colours. */
export const contrast = (a: Rgba, b: Rgba): number => contrastOf(a.slice(0, 3).map((v) => v / 255), b.slice(0, 3).map((v) => v / 255));

/**
 * Each pixel named: the picture (`bg`), the pink of a mark, or a dark edge (contrast ≥ 3 against
 * both); blends between them left out, and runs of one kind taken once.
 */
export function kindRuns(px: Rgba[], bg: Rgba): string[] {
  const kinds = px.map((p) => (near(p, bg) ? 'picture' : near(p, PINK) ? 'pink' : contrast(p, bg) >= 3 && contrast(p, PINK) >= 3 ? 'edge' : 'other'));
  return kinds.filter((k, i) => k !== 'other' && k !== kinds[i - 1]);
}

/** Whether pink anywhere touches the picture with no dark edge between (the runs of kindRuns). */
export const pinkTouchesPicture = (runs: string[]): boolean => runs.some((k, i) => i > 0 && [runs[i - 1], k].sort().join('|') === 'picture|pink');

/**
 * The middle column of the card's magenta bar along `row` of the canvas `selector`, found on the
 * canvas's own pixels (the widest run of magenta), not from the card's code.
 */
export function magentaBarMiddle(page: Page, selector: string, row: number): Promise<number> {
  return page.$eval(selector, (c, row) => {
    const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, row, (c as HTMLCanvasElement).width, 1).data;
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
  }, row);
}

/** Scrolls the canvas `selector` to the middle of the view and moves the mouse onto its pixel (y, x). */
export async function pointAtPixel(page: Page, selector: string, y: number, x: number): Promise<void> {
  const at = await page.$eval(selector, (c, [y, x]) => {
    c.scrollIntoView({ block: 'center' });
    const r = c.getBoundingClientRect();
    return { px: r.left + ((x + 0.5) / (c as HTMLCanvasElement).width) * r.width, py: r.top + ((y + 0.5) / (c as HTMLCanvasElement).height) * r.height };
  }, [y, x] as const);
  await page.mouse.move(at.px, at.py);
}
