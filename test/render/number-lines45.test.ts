/**
 * Numeric pictures (pooling and convolution, the flat look): the lines from the window to its
 * output cell run between the numbers, never through one (review, stop 45: they crossed the
 * numbers of the cells between the window and the output).
 */
import { describe, expect, it } from 'vitest';
import { renderSvg, sceneOf } from '../../src/render/index.js';
import type { TraceSpecOptions } from '../../src/trace/types.js';

interface Box { x0: number; x1: number; y0: number; y1: number; text: string }

/** Each number's ink, roughly: its advance (0.6 em a digit) by its cap height above the baseline. */
function numberBoxes(svg: string): Box[] {
  return [...svg.matchAll(/<text x="([-\d.]+)" y="([-\d.]+)" font-size="([\d.]+)"[^>]*?(?:text-anchor="(\w+)")?>([^<]*)<\/text>/g)]
    .filter((m) => /^[-−]?[\d.]+$/.test(m[5]))
    .map((m) => {
      const [x, y, size, anchor, text] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? 'start', m[5]];
      const w = 0.6 * size * text.length;
      const x0 = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
      return { x0, x1: x0 + w, y0: y - 0.72 * size, y1: y, text };
    });
}

function lines(svg: string): [number, number, number, number][] {
  return [...svg.matchAll(/<line x1="([-\d.]+)" y1="([-\d.]+)" x2="([-\d.]+)" y2="([-\d.]+)"/g)].map((m) => [1, 2, 3, 4].map((i) => Number(m[i])) as [number, number, number, number]);
}

/** Whether the segment passes through the box (sampled every half pixel). */
function crosses([x1, y1, x2, y2]: [number, number, number, number], b: Box): boolean {
  const n = Math.ceil(Math.hypot(x2 - x1, y2 - y1) * 2) + 1;
  for (let i = 0; i <= n; i++) {
    const x = x1 + ((x2 - x1) * i) / n, y = y1 + ((y2 - y1) * i) / n;
    if (x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1) return true;
  }
  return false;
}

const cases: [string, TraceSpecOptions][] = [
  ['max pooling 6×6, window 2, stride 2', { input: 6, kernel: 2, stride: 2, pool: 'max' }],
  ['average pooling 7×7, window 3, stride 2, padding 1', { input: 7, kernel: 3, stride: 2, padding: 1, pool: 'avg' }],
  ['convolution 5×5, kernel 3, stride 2, padding 1', { input: 5, kernel: 3, stride: 2, padding: 1 }],
];

describe('numeric pictures keep every number clear of the window lines', () => {
  for (const [name, spec] of cases) {
    it(name, () => {
      const frames = sceneOf(spec, { numeric: true }).frames.length;
      const hits: string[] = [];
      for (let f = 0; f < frames; f++) {
        const svg = renderSvg(spec, { numeric: true, frame: f });
        const boxes = numberBoxes(svg);
        expect(boxes.length).toBeGreaterThan(20);
        for (const l of lines(svg)) for (const b of boxes) if (crosses(l, b)) hits.push(`frame ${f}: line ${l.join(',')} crosses "${b.text}"`);
      }
      expect(hits).toEqual([]);
    });
  }
});
