/**
 * `renderPng`'s `scale` (and `sceneToPng`'s, and `convkit animate --scale`): the same picture drawn
 * with `scale` × the pixels on each side, for slides. Checked by shrinking the larger picture back
 * and comparing it with the 1× one block by block: text is drawn from resampled glyph masks and
 * thin lines anti-alias differently, so pixels differ a little, but no 8×8 block does much — while
 * the next step of the same figure does.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { bufferIO } from '../../src/cli/io.js';
import { ConvError } from '../../src/geometry/errors.js';
import { cellCentre, over, palette, renderGif, renderPng, renderSvg, sceneOf, sceneToPng } from '../../src/render/index.js';
import type { RenderOptions } from '../../src/render/index.js';
import type { TraceInput } from '../../src/trace/types.js';
import { patchShare } from './gif-decode.js';

interface Img { width: number; height: number; data: ArrayLike<number> }

const png = (bytes: Uint8Array): Img => {
  const p = decode(bytes);
  expect(p.channels).toBe(3);
  return { width: p.width, height: p.height, data: p.data as Uint8Array };
};

/** `img` shrunk by a whole factor `k` (each k×k square averaged). */
function shrink(img: Img, k: number): Img {
  const width = img.width / k, height = img.height / k;
  const data = new Float64Array(width * height * 3);
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) for (let c = 0; c < 3; c++) {
    data[(Math.floor(y / k) * width + Math.floor(x / k)) * 3 + c] += img.data[(y * img.width + x) * 3 + c] / (k * k);
  }
  return { width, height, data };
}

/** The largest difference between two same-sized pictures' mean colour over any 8×8 block. */
function blockDiff(a: Img, b: Img): number {
  const n = 8;
  let worst = 0;
  for (let by = 0; by + n <= a.height; by += n) for (let bx = 0; bx + n <= a.width; bx += n) for (let c = 0; c < 3; c++) {
    let s = 0;
    for (let y = by; y < by + n; y++) for (let x = bx; x < bx + n; x++) s += a.data[(y * a.width + x) * 3 + c] - b.data[(y * b.width + x) * 3 + c];
    worst = Math.max(worst, Math.abs(s / (n * n)));
  }
  return worst;
}

const SAME = 30;

const cases: [string, TraceInput, RenderOptions][] = [
  ['a classic convolution', { input: [4, 4], kernel: 3 }, {}],
  ['a transposed one in Chinese, empty cells joined', { input: [2, 2], kernel: 3, stride: 2, transposed: true }, { lang: 'zh', emptyCells: 'joined' }],
  ['flat numbers', { input: [5, 5], kernel: 3, padding: 1 }, { numeric: true, theme: 'flat' }],
];

describe('renderPng scale', () => {
  for (const [what, cfg, o] of cases) {
    it(`${what}: 2× and 3× have that many times the pixels on each side and show the same picture`, () => {
      const one = png(renderPng(cfg, { ...o, frame: 1 }));
      const next = png(renderPng(cfg, { ...o, frame: 2 }));
      // The check tells steps apart: the next step's window is elsewhere.
      expect(blockDiff(one, next)).toBeGreaterThan(SAME);
      for (const k of [2, 3]) {
        const big = png(renderPng(cfg, { ...o, frame: 1, scale: k }));
        expect([big.width, big.height]).toEqual([one.width * k, one.height * k]);
        expect(blockDiff(shrink(big, k), one), `${k}×`).toBeLessThan(SAME);
      }
    });
  }

  it('the cells keep their colours, at the scaled cell centres', () => {
    const pal = palette('default');
    const cfg = { input: [5, 5], kernel: 3, stride: 2, padding: 1 };
    const scene = sceneOf(cfg);
    const frame = 4;
    const big = png(renderPng(cfg, { frame, scale: 2 }));
    const [ox, oy] = cellCentre(scene.planes!.output!, 1, 1);
    expect(patchShare(big.data as Uint8Array, big.width, 2 * ox, 2 * oy, over(pal.output, pal.shade, pal.shadeOpacity), 6)).toBeGreaterThanOrEqual(0.6);
    const [ix, iy] = cellCentre(scene.planes!.grid!, 1, 1);
    expect(patchShare(big.data as Uint8Array, big.width, 2 * ix, 2 * iy, pal.input, 6)).toBeGreaterThanOrEqual(0.6);
  });

  it('scale 1 is the default picture, byte for byte; sceneToPng takes the same scale', () => {
    const cfg = { input: [4, 4], kernel: 3, padding: 1 };
    expect(renderPng(cfg, { scale: 1, frame: 3 })).toEqual(renderPng(cfg, { frame: 3 }));
    expect(sceneToPng(sceneOf(cfg), 3, 2)).toEqual(renderPng(cfg, { frame: 3, scale: 2 }));
  });

  it('refuses a scale that is not a whole number from 1 to 4, and scale on a picture without pixels', () => {
    const code = (f: () => unknown) => {
      try { f(); } catch (e) { return e instanceof ConvError ? `${e.code}: ${e.message}` : String(e); }
      return 'drawn';
    };
    for (const bad of [0, 5, 1.5, '2', Number.NaN]) {
      expect(code(() => renderPng({ input: 4, kernel: 3 }, { scale: bad as number }))).toMatch(/^INVALID_OPTION: scale must be a whole number from 1 to 4/);
    }
    expect(code(() => sceneToPng(sceneOf({ input: 4, kernel: 3 }), 0, 8))).toMatch(/^INVALID_OPTION: scale/);
    expect(code(() => renderSvg({ input: 4, kernel: 3 }, { scale: 2 } as RenderOptions))).toMatch(/^INVALID_OPTION: scale is an option of renderPng, not of renderSvg/);
    expect(code(() => renderGif({ input: 4, kernel: 3 }, { scale: 2 } as RenderOptions))).toMatch(/^INVALID_OPTION: scale is an option of renderPng/);
  });
});

describe('convkit animate --scale', () => {
  it('writes the PNG renderPng draws at that scale, and says its size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-scale-'));
    const io = bufferIO();
    const out = join(dir, 'slide.png');
    expect(await runCli(['animate', '--input', '4x4', '--kernel', '3', '--out', out, '--frame', '2', '--scale', '2', '--json'], io), io.stderr()).toBe(0);
    const cfg = { input: [4, 4], kernel: 3 };
    expect(new Uint8Array(readFileSync(out))).toEqual(renderPng(cfg, { frame: 1, scale: 2 }));
    const scene = sceneOf(cfg);
    expect(JSON.parse(io.stdout())).toMatchObject({ width: scene.width * 2, height: scene.height * 2 });
  });

  it('refuses --scale on an SVG or GIF, and a scale out of range, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-scale-'));
    for (const [file, scale, message] of [['a.svg', '2', /--scale sets a PNG's pixel size/], ['a.gif', '2', /--scale sets a PNG's pixel size/], ['a.png', '5', /scale must be a whole number from 1 to 4/]] as const) {
      const io = bufferIO();
      expect(await runCli(['animate', '--input', '4x4', '--kernel', '3', '--out', join(dir, file), '--scale', scale], io)).toBe(2);
      expect(io.stderr()).toMatch(message);
    }
    const help = bufferIO();
    expect(await runCli(['animate', '--help'], help)).toBe(0);
    expect(help.stdout()).toMatch(/--scale <n>\s+draw the PNG n times larger/);
  });
});
