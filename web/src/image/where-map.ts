/**
 * The whole input, small, with the part an output pixel reads framed: where on the picture the
 * enlarged footprint lies. On a phone the input picture is a screen and a half above the output
 * (the kernel's editor sits between them), and a student who tapped an output pixel saw only the
 * enlargement in the docked bar, not where on the input it was. This map rides in that bar.
 */
import type { Footprint } from './footprint.js';

/** The map's width on screen, in CSS pixels, beside the enlargement as wide (image.css --bar-pic). */
export const WHERE_PX = 64;
/** The smallest frame drawn, in canvas pixels: a 3 × 3 footprint on a 512-pixel picture is half a pixel. */
const MIN_FRAME = 12;

/**
 * Draws `source` (the input picture's canvas) whole into `map`, at twice the map's CSS width for a
 * sharp frame, and frames every part of it the footprint reads (circular padding reads the far
 * edges too). Returns the frames drawn, in the map's canvas pixels (for tests).
 */
export function drawWhere(map: HTMLCanvasElement, source: HTMLCanvasElement, fp: Footprint): [number, number, number, number][] {
  const w = 2 * WHERE_PX;
  const scale = w / source.width;
  const h = Math.max(1, Math.round(source.height * scale));
  if (map.width !== w) map.width = w;
  if (map.height !== h) map.height = h;
  const ctx = map.getContext('2d');
  if (!ctx) return [];
  ctx.clearRect(0, 0, w, h);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(source, 0, 0, w, h);
  // The source canvas holds one pixel per picture pixel (canvas.ts: a tiny picture is enlarged by CSS).
  const per = scale;
  const frames: [number, number, number, number][] = [];
  ctx.lineWidth = 3;
  for (const [t, b] of fp.rowSpans) {
    for (const [l, r] of fp.colSpans) {
      // Centred on the part read, at least MIN_FRAME wide, and kept inside the map.
      const fw = Math.max(MIN_FRAME, (r - l + 1) * per);
      const fh = Math.max(MIN_FRAME, (b - t + 1) * per);
      const x = Math.min(w - fw, Math.max(0, ((l + r + 1) / 2) * per - fw / 2));
      const y = Math.min(h - fh, Math.max(0, ((t + b + 1) / 2) * per - fh / 2));
      // Dark under pink: the frame shows on light and dark pictures alike.
      ctx.strokeStyle = '#000';
      ctx.strokeRect(x - 1.5, y - 1.5, fw + 3, fh + 3);
      ctx.strokeStyle = '#ff2d95';
      ctx.strokeRect(x, y, fw, fh);
      frames.push([x, y, fw, fh]);
    }
  }
  return frames;
}
