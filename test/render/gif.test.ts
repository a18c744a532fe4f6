import { describe, expect, it } from 'vitest';
import { renderGif, sceneOf, cellCentre, over, palette } from '../../src/render/index.js';
import { trace } from '../../src/trace/index.js';
import type { DirectTrace, ScatterTrace, TraceSpecOptions } from '../../src/trace/types.js';
import { decodeGif, patchShare } from './gif-decode.js';

const pal = palette('default');
const shadeOnInput = over(pal.input, pal.shade, pal.shadeOpacity);
const shadeOnOutput = over(pal.output, pal.shade, pal.shadeOpacity);

const configs: [string, TraceSpecOptions, 'classic' | 'flat'][] = [
  ['5×5 k3 s2 p1', { input: 5, kernel: 3, stride: 2, padding: 1 }, 'classic'],
  ['2×2 k3 s2 transposed', { input: 2, kernel: 3, stride: 2, transposed: true }, 'classic'],
  ['7×7 k3 d2', { input: 7, kernel: 3, dilation: 2 }, 'flat'],
  ['3×3 k3 s2 p1 a1 transposed', { input: 3, kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true }, 'flat'],
  ['4×6 k(2,3) s(1,2)', { input: [4, 6], kernel: [2, 3], stride: [1, 2] }, 'classic'],
];

describe('GIF frames (decoded)', () => {
  for (const [name, spec, theme] of configs) {
    it(`${name} (${theme}): one frame per trace frame, 1 s each, window and output cell shaded where the trace says`, () => {
      const tr = trace(spec) as DirectTrace;
      const scene = sceneOf(tr, { theme });
      const gif = decodeGif(renderGif(tr, { theme }));
      expect(gif.frames.length).toBe(tr.frames.length);
      expect([gif.width, gif.height]).toEqual([scene.width, scene.height]);
      expect(gif.loops).toBe(true);
      expect(gif.frames.every((f) => f.delayMs === 1000)).toBe(true);
      const grid = scene.planes!.grid!, out = scene.planes!.output!;
      const W = gif.width;
      const sampled = [...new Set([0, 1, Math.floor(tr.frames.length / 2), tr.frames.length - 1])];
      for (const f of sampled) {
        const frame = tr.frames[f];
        const img = gif.frames[f];
        const tapped = new Set(frame.taps.map((t) => t.grid.join(',')));
        for (const cell of tr.grid.cells) {
          if (cell.kind === 'extra') continue; // carries an 'a' label at its centre
          const [r, c] = cell.grid.length === 1 ? [0, cell.grid[0]] : cell.grid;
          const [x, y] = cellCentre(grid, r, c);
          const onWindow = tapped.has(cell.grid.join(','));
          // Inserted zeros are filled grey, padding is the background.
          const under = cell.kind === 'input' ? pal.input : cell.kind === 'inserted' ? pal.inserted : pal.background;
          const expected = onWindow ? (cell.kind === 'input' ? shadeOnInput : over(under, pal.shade, pal.shadeOpacity)) : under;
          // Lines from the window cross some cells: most of the patch must still have the colour.
          expect(patchShare(img, W, x, y, expected, 4), `frame ${f} cell ${cell.grid} (${cell.kind}${onWindow ? ', window' : ''})`).toBeGreaterThanOrEqual(0.6);
        }
        const [or, oc] = frame.output.length === 1 ? [0, frame.output[0]] : frame.output;
        const [ox, oy] = cellCentre(out, or, oc);
        expect(patchShare(img, W, ox, oy, shadeOnOutput), `frame ${f} output cell`).toBeGreaterThanOrEqual(0.6);
        // Another output cell is plain teal.
        const other = tr.frames[(f + 1) % tr.frames.length].output;
        if (other.join() !== frame.output.join()) {
          const [r2, c2] = other.length === 1 ? [0, other[0]] : other;
          const [x2, y2] = cellCentre(out, r2, c2);
          expect(patchShare(img, W, x2, y2, pal.output)).toBeGreaterThanOrEqual(0.6);
        }
      }
    });
  }

  it('scatter view: one frame per input cell; the stamped input cell is shaded', () => {
    const tr = trace({ input: 3, kernel: 3, stride: 2, transposed: true }, { view: 'scatter' }) as ScatterTrace;
    const scene = sceneOf(tr);
    const gif = decodeGif(renderGif(tr));
    expect(gif.frames.length).toBe(tr.frames.length);
    const inPlane = scene.planes!.input!;
    for (const f of [0, 4, 8]) {
      const [r, c] = tr.frames[f].input;
      const [x, y] = cellCentre(inPlane, r, c);
      expect(patchShare(gif.frames[f], gif.width, x, y, shadeOnInput)).toBeGreaterThanOrEqual(0.6);
      const [r2, c2] = tr.frames[(f + 1) % 9].input;
      const [x2, y2] = cellCentre(inPlane, r2, c2);
      expect(patchShare(gif.frames[f], gif.width, x2, y2, pal.input)).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('colour-blind palette uses its own colours', () => {
    const cb = palette('colorblind');
    const tr = trace({ input: 4, kernel: 3 }) as DirectTrace;
    const scene = sceneOf(tr, { palette: 'colorblind' });
    const gif = decodeGif(renderGif(tr, { palette: 'colorblind' }));
    const [x, y] = cellCentre(scene.planes!.grid!, 3, 3); // not under frame 0's window (rows/cols 0–2)
    expect(patchShare(gif.frames[0], gif.width, x, y, cb.input)).toBeGreaterThanOrEqual(0.6);
    const [x0, y0] = cellCentre(scene.planes!.grid!, 1, 1);
    expect(patchShare(gif.frames[0], gif.width, x0, y0, over(cb.input, cb.shade, cb.shadeOpacity))).toBeGreaterThanOrEqual(0.6);
  });
});
