/**
 * Pictures and planes onto canvases, at one canvas pixel per picture pixel (the CSS size is set to
 * the same, so the result is at its true scale), and an enlarged crop for the footprint.
 */
import type { Tensor } from '../../../src/tensor/tensor.js';
import { planesToRgba } from './display.js';
import type { DisplayMap } from './display.js';
import type { Picture } from './picture.js';
import { pictureTensor } from './picture.js';

export const CLIP: DisplayMap = { offset: 0, scale: 1, kind: 'clip' };

function sized(canvas: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D {
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  return canvas.getContext('2d') as CanvasRenderingContext2D;
}

/** Each canvas's pixel buffer, kept while its size stays (a 512² picture's is 1 MB per change). */
const buffers = new WeakMap<HTMLCanvasElement, ImageData>();

/** Draws planes [1, C, H, W] with display map `m`. */
export function drawPlanes(canvas: HTMLCanvasElement, t: Tensor, m: DisplayMap): void {
  const [, , hgt, wid] = t.shape;
  const ctx = sized(canvas, wid, hgt);
  let img = buffers.get(canvas);
  if (!img || img.width !== wid || img.height !== hgt) {
    img = ctx.createImageData(wid, hgt);
    buffers.set(canvas, img);
  }
  planesToRgba(t, m, img.data);
  ctx.putImageData(img, 0, 0);
}

export function drawPicture(canvas: HTMLCanvasElement, p: Picture): void {
  drawPlanes(canvas, pictureTensor(p), CLIP);
}

/** Clears an overlay canvas and sizes it like its picture. */
export function clearOverlay(canvas: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D {
  const ctx = sized(canvas, w, h);
  ctx.clearRect(0, 0, w, h);
  return ctx;
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
