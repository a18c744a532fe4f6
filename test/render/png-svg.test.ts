import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { avgPool2d, conv2d, convTranspose2d, maxPool2d, tensor } from '../../src/index.js';
import { cellCentre, over, palette, renderAnimatedSvg, renderPng, renderSvg, sceneOf } from '../../src/render/index.js';
import { numericValues, formatOutput } from '../../src/render/numeric.js';
import { trace } from '../../src/trace/index.js';
import type { DirectTrace } from '../../src/trace/types.js';
import { patchShare } from './gif-decode.js';

const pal = palette('default');

describe('PNG', () => {
  it('decodes to the scene size with the expected colours at cell centres', () => {
    const spec = { input: 5, kernel: 3, stride: 2, padding: 1 };
    const tr = trace(spec) as DirectTrace;
    for (const theme of ['classic', 'flat'] as const) {
      const scene = sceneOf(tr, { theme });
      const frame = 4;
      const png = decode(renderPng(tr, { theme, frame }));
      expect([png.width, png.height]).toEqual([scene.width, scene.height]);
      const ch = png.channels;
      const data = png.data as Uint8Array;
      const taps = new Set(tr.frames[frame].taps.map((t) => t.grid.join(',')));
      for (const cell of tr.grid.cells) {
        const [x, y] = cellCentre(scene.planes!.grid!, cell.grid[0], cell.grid[1]);
        const shaded = taps.has(cell.grid.join(','));
        const base = cell.kind === 'input' ? pal.input : pal.background;
        const want = shaded ? over(base, pal.shade, pal.shadeOpacity) : base;
        expect(patchShare(data, png.width, x, y, want, 4, ch), `${theme} cell ${cell.grid}`).toBeGreaterThanOrEqual(0.6);
      }
      const [ox, oy] = cellCentre(scene.planes!.output!, tr.frames[frame].output[0], tr.frames[frame].output[1]);
      expect(patchShare(data, png.width, ox, oy, over(pal.output, pal.shade, pal.shadeOpacity), 4, ch)).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('refuses a frame that does not exist', () => {
    expect(() => renderPng({ input: 4, kernel: 3 }, { frame: 4 })).toThrow(/frame must be a whole number from 0 to 3/);
  });
});

describe('SVG', () => {
  it('carries the labels: input, output, kernel, stride, padding, dilation', () => {
    const svg = renderSvg({ input: 7, kernel: 3, stride: 2, padding: 1, dilation: 2 });
    for (const text of ['input 7×7', 'output 3×3', 'kernel 3×3', 'stride 2', 'padding 1', 'dilation 2', '<title>convolution</title>']) expect(svg).toContain(text);
  });

  it('labels a transposed convolution, its equivalent grid and its flipped kernel, in English and Chinese', () => {
    const spec = { input: 3, kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true };
    const en = renderSvg(spec);
    for (const text of ['transposed convolution', 'input 3×3', 'output 6×6', 'flipped 180°', 'output padding 1', 'inserted zero', 'a = 1', 'w₂₂']) expect(en).toContain(text);
    const zh = renderSvg(spec, { lang: 'zh' });
    for (const text of ['转置卷积', '输入 3×3', '输出 6×6', '翻转（旋转 180°）', '卷积核']) expect(zh).toContain(text);
  });

  it('animated SVG: one group per frame, each visible for 1 s of an N-second loop', () => {
    const tr = trace({ input: 5, kernel: 3, stride: 2 });
    const svg = renderAnimatedSvg(tr);
    const groups = svg.match(/<g visibility=/g) ?? [];
    expect(groups.length).toBe(tr.frames.length);
    const anims = svg.match(/<animate [^>]*dur="4s"[^>]*repeatCount="indefinite"/g) ?? [];
    expect(anims.length).toBe(tr.frames.length);
  });

  it('escapes text', () => {
    // Titles come from our tables; still, the writer must escape XML.
    const svg = renderSvg({ input: 4, kernel: 3 });
    expect(svg).not.toMatch(/<text[^>]*>[^<]*&(?!amp;|lt;|gt;|quot;|apos;)/);
  });
});

describe('numeric mode', () => {
  it('prints the outputs the public engine computes (convolution)', () => {
    const spec = { input: 5, kernel: 3, stride: 2, padding: 1 };
    const tr = trace(spec) as DirectTrace;
    const v = numericValues(tr);
    expect(v.input.every((x) => x >= 0 && x <= 3 && Number.isInteger(x))).toBe(true);
    expect(v.weight!.every((x) => x >= 0 && x <= 2 && Number.isInteger(x))).toBe(true);
    const y = conv2d(tensor(v.input, [1, 1, 5, 5]), tensor(v.weight!, [1, 1, 3, 3]), { stride: 2, padding: 1 });
    expect(v.output).toEqual(Array.from(y.data));
    const svg = renderAnimatedSvg(tr, { numeric: true });
    for (const out of y.data) expect(svg).toContain(`>${formatOutput(out)}</text>`);
  });

  it('transposed, average and max pooling values come from the engine too', () => {
    const tt = trace({ input: 2, kernel: 3, stride: 2, transposed: true });
    const vt = numericValues(tt);
    const yt = convTranspose2d(tensor(vt.input, [1, 1, 2, 2]), tensor(vt.weight!, [1, 1, 3, 3]), { stride: 2 });
    expect(vt.output).toEqual(Array.from(yt.data));
    for (const [pool, fn] of [['avg', avgPool2d], ['max', maxPool2d]] as const) {
      const tp = trace({ input: 5, kernel: 3, stride: 1, pool });
      const vp = numericValues(tp);
      expect(vp.weight).toBeNull();
      const yp = fn(tensor(vp.input, [1, 1, 5, 5]), { kernelSize: 3, stride: 1 });
      expect(vp.output).toEqual(Array.from(yp.data));
      const svg = renderSvg(tp, { numeric: true, frame: 8 });
      expect(svg).toContain(pool === 'avg' ? 'average pooling' : 'max pooling');
      for (const out of yp.data) expect(svg).toContain(`>${formatOutput(out)}</text>`);
    }
  });

  it('the scatter view’s running sums end at the engine’s outputs', () => {
    const tr = trace({ input: 2, kernel: 3, stride: 2, transposed: true }, { view: 'scatter' });
    const v = numericValues(tr);
    const scene = sceneOf(tr, { numeric: true });
    const last = scene.frames[scene.frames.length - 1].filter((p) => p.type === 'text').map((p) => (p as { text: string }).text);
    for (const out of v.output) if (out !== 0) expect(last).toContain(formatOutput(out));
  });
});
