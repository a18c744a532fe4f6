/**
 * Pictures and planes onto canvases, at one canvas pixel per picture pixel (the CSS size is set to
 * the same, so the result is at its true scale; a tiny picture is shown enlarged by a whole
 * factor, `displayZoom`), and an enlarged crop for the footprint.
 */
import type { Tensor } from '../../../src/tensor/tensor.js';
import { planesToRgba } from './display.js';
import type { DisplayMap } from './display.js';
import type { Picture } from './picture.js';
import { pictureTensor } from './picture.js';

export const CLIP: DisplayMap = { offset: 0, scale: 1, kind: 'clip' };

/**
 * CSS pixels per picture pixel for a picture of w × h: 1 (true scale), or for one under 128 pixels
 * on its longer side a whole factor that shows it about 256 pixels large (a 4 × 4 icon would
 * otherwise be a dot). The input and every result of that picture use the same factor.
 */
export function displayZoom(w: number, h: number): number {
  const side = Math.max(w, h);
  return side > 0 && side < 128 ? Math.min(64, Math.floor(256 / side)) : 1;
}

/** The factor a canvas is shown at (set by `sized`). */
export function zoomOf(canvas: HTMLCanvasElement): number {
  return Number(canvas.dataset.zoom ?? 1) || 1;
}

function sized(canvas: HTMLCanvasElement, w: number, h: number, zoom = 1): CanvasRenderingContext2D {
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${w * zoom}px`;
  canvas.style.height = `${h * zoom}px`;
  canvas.dataset.zoom = String(zoom);
  return canvas.getContext('2d') as CanvasRenderingContext2D;
}

/** Each canvas's pixel buffer, kept while its size stays (a 512² picture's is 1 MB per change). */
const buffers = new WeakMap<HTMLCanvasElement, ImageData>();

/** Draws planes [1, C, H, W] with display map `m`. */
export function drawPlanes(canvas: HTMLCanvasElement, t: Tensor, m: DisplayMap, zoom = 1): void {
  const [, , hgt, wid] = t.shape;
  const ctx = sized(canvas, wid, hgt, zoom);
  let img = buffers.get(canvas);
  if (!img || img.width !== wid || img.height !== hgt) {
    img = ctx.createImageData(wid, hgt);
    buffers.set(canvas, img);
  }
  planesToRgba(t, m, img.data);
  ctx.putImageData(img, 0, 0);
}

export function drawPicture(canvas: HTMLCanvasElement, p: Picture, zoom = 1): void {
  drawPlanes(canvas, pictureTensor(p), CLIP, zoom);
}

/**
 * Clears an overlay canvas for a picture of w × h shown at `zoom`: its pixels are the screen's
 * (so lines stay thin on an enlarged picture) and it draws in picture coordinates.
 */
export function clearOverlay(canvas: HTMLCanvasElement, w: number, h: number, zoom = 1): CanvasRenderingContext2D {
  const ctx = sized(canvas, w * zoom, h * zoom);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w * zoom, h * zoom);
  ctx.setTransform(zoom, 0, 0, zoom, 0, 0);
  return ctx;
}

/**
 * Marks picture pixel (x, y) on an overlay from `clearOverlay` at `zoom`: the whole pixel at true
 * scale, or a square `side` pixels wide centred on it (larger, to be seen where the picture is
 * shown small); on an enlarged picture a square in its middle, so the pixel's own colour shows
 * around it.
 */
export function markPixel(ctx: CanvasRenderingContext2D, zoom: number, x: number, y: number, side = 1): void {
  if (zoom < 4) ctx.fillRect(x + 0.5 - side / 2, y + 0.5 - side / 2, side, side);
  else ctx.fillRect(x + 0.3, y + 0.3, 0.4, 0.4);
}

/**
 * A frame `gap` screen pixels outside picture pixels [left, right] × [top, bottom], `width`
 * screen pixels wide, on an overlay from `clearOverlay` at `zoom`: pink edged dark (strokeEdged).
 */
export function frame(ctx: CanvasRenderingContext2D, zoom: number, left: number, top: number, right: number, bottom: number, gap: number, width: number): void {
  const g = gap / zoom;
  strokeEdged(ctx, [{ width: width / zoom, path: (c) => c.rect(left - g, top - g, right - left + 1 + 2 * g, bottom - top + 1 + 2 * g) }]);
}

/**
 * A ring around picture pixels [left, right] × [top, bottom] on an overlay from `clearOverlay` at
 * `zoom`, for a picture shown at `fit` of that size, when they are small on screen: a rounded
 * square `margin` screen pixels off them, so a footprint a few pixels wide on a phone is found at a
 * glance. It stays on the picture: at an edge its side runs along the edge, where a circle would be
 * cut to a stray arc. Nothing where the pixels are already `minSide` screen pixels across. Pink
 * edged dark, as the frame (strokeEdged).
 */
export function ring(ctx: CanvasRenderingContext2D, zoom: number, fit: number, left: number, top: number, right: number, bottom: number, margin = 10, minSide = 24): void {
  const perPixel = zoom * fit;
  const side = Math.max(right - left, bottom - top) + 1;
  if (side * perPixel >= minSide) return;
  const m = margin / perPixel;
  const line = 2 / perPixel;
  const width = ctx.canvas.width / zoom;
  const height = ctx.canvas.height / zoom;
  const x0 = Math.max(line / 2, left - m);
  const y0 = Math.max(line / 2, top - m);
  const x1 = Math.min(width - line / 2, right + 1 + m);
  const y1 = Math.min(height - line / 2, bottom + 1 + m);
  strokeEdged(ctx, [{ width: line, path: (c) => (typeof c.roundRect === 'function' ? c.roundRect(x0, y0, x1 - x0, y1 - y0, m / 2) : c.rect(x0, y0, x1 - x0, y1 - y0)) }]);
}

/**
 * Copies the square [top, top+size) × [left, left+size) of `source` (pixels outside it are drawn
 * as a hatched grey, the padding) onto `zoom`, enlarged by `scale`, and returns its context.
 */
export function drawZoom(zoom: HTMLCanvasElement, source: HTMLCanvasElement, top: number, left: number, size: number, scale: number): CanvasRenderingContext2D {
  const ctx = sized(zoom, size * scale, size * scale);
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = '#888';
  ctx.fillRect(0, 0, size * scale, size * scale);
  ctx.strokeStyle = '#aaa';
  ctx.lineWidth = 1;
  for (let d = -size * scale; d < size * scale; d += 6) {
    ctx.beginPath();
    ctx.moveTo(d, size * scale);
    ctx.lineTo(d + size * scale, 0);
    ctx.stroke();
  }
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(source.width, left + size);
  const y1 = Math.min(source.height, top + size);
  if (x1 > x0 && y1 > y0) ctx.drawImage(source, x0, y0, x1 - x0, y1 - y0, (x0 - left) * scale, (y0 - top) * scale, (x1 - x0) * scale, (y1 - y0) * scale);
  return ctx;
}

/** The pink of the marks on the part of the picture read (frames, taps, crosses). */
export const PINK = '#ff2d95';

/** One line of marks for `strokeEdged`: its path and its width. */
export interface EdgedLine {
  path: (ctx: CanvasRenderingContext2D) => void;
  width: number;
}

/**
 * Strokes each line pink over a dark line twice as wide, a dark edge either side of the pink: the
 * marks show on light and dark pictures alike, and on the test card's magenta bar, where pink alone
 * all but vanished. Every dark line goes down before any pink one, so the edge of one mark never
 * covers a neighbour's pink (the enlargement's taps touch). The enlarged footprint edges its pink
 * white (`edge`): there a dark frame means a tap that reads a zero, and nothing else may look like one.
 */
export function strokeEdged(ctx: CanvasRenderingContext2D, lines: readonly EdgedLine[], edge = '#000'): void {
  for (const [colour, wide] of [[edge, 2], [PINK, 1]] as const) {
    ctx.strokeStyle = colour;
    for (const { path, width } of lines) {
      ctx.beginPath();
      path(ctx);
      ctx.lineWidth = wide * width;
      ctx.stroke();
    }
  }
}

/**
 * A filled square `side` wide at (x, y) for `strokeEdged`: a ring whose width is half its side, so
 * the pink fills it and the dark goes a quarter of the side round it (the enlargements' read pixels).
 */
export function edgedSquare(x: number, y: number, side: number): EdgedLine {
  return { width: side / 2, path: (c) => c.rect(x + side / 4, y + side / 4, side / 2, side / 2) };
}

/** The smallest step between neighbouring values of a list of distinct numbers (1 for one value or none). */
export function smallestGap(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  let g = Infinity;
  for (let i = 1; i < v.length; i++) g = Math.min(g, v[i] - v[i - 1]);
  return Number.isFinite(g) ? g : 1;
}
