/**
 * The whole input, small, with the part an output pixel reads framed: where on the picture the
 * enlarged footprint lies. On a phone the input picture is a screen and a half above the output
 * (the kernel's editor sits between them), and a student who tapped an output pixel saw only the
 * enlargement in the docked bar, not where on the input it was. This map rides in that bar.
 */
import { strokeEdged } from './canvas.js';
import type { EdgedLine } from './canvas.js';
import type { Footprint } from './footprint.js';

/** The map's width on screen, in CSS pixels, beside the enlargement as wide (image.css --bar-pic). */
export const WHERE_PX = 64;
/**
 * The smallest frame drawn, in canvas pixels: a 3 × 3 footprint on a 512-pixel picture is 0.75 of
 * one. 24 is 18 CSS px on the desktop's panel (footprint-dock.ts, the map 96 px wide) and 12 on the
 * phone's bar; at 12 the panel's frame was 9 px, hard to find on a busy picture.
 */
const MIN_FRAME = 24;
/** Half the cross that marks the part read inside a frame drawn larger than it, in canvas pixels. */
const CROSS = 5;
/** How dark the veil over the picture outside the frames is (0: none). */
const VEIL = 0.5;

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
  type Box = [number, number, number, number];
  const marks: { frame: Box; part: Box }[] = [];
  for (const [t, b] of fp.rowSpans) {
    for (const [l, r] of fp.colSpans) {
      // The part read, in map pixels. The frame holds it whole: a part smaller than MIN_FRAME gets
      // a frame of MIN_FRAME grown around its centre (moved, never shrunk, to stay inside the map,
      // which holds the part too), and a cross on the part itself, since the frame is larger.
      const part: Box = [l * per, t * per, (r - l + 1) * per, (b - t + 1) * per];
      const fw = Math.max(MIN_FRAME, part[2]);
      const fh = Math.max(MIN_FRAME, part[3]);
      const x = Math.min(w - fw, Math.max(0, part[0] + part[2] / 2 - fw / 2));
      const y = Math.min(h - fh, Math.max(0, part[1] + part[3] / 2 - fh / 2));
      marks.push({ frame: [x, y, fw, fh], part });
    }
  }
  // The rest of the picture dimmed, the framed parts at full light: the eye goes to them first.
  ctx.fillStyle = `rgba(0, 0, 0, ${VEIL})`;
  ctx.fillRect(0, 0, w, h);
  for (const { frame: [x, y, fw, fh] } of marks) ctx.drawImage(source, x / scale, (y * source.height) / h, fw / scale, (fh * source.height) / h, x, y, fw, fh);
  const lines: EdgedLine[] = [];
  for (const { frame: [x, y, fw, fh], part: [px, py, pw, ph] } of marks) {
    lines.push({ width: 3, path: (c) => c.rect(x, y, fw, fh) });
    if (fw === pw && fh === ph) continue;
    const cx = px + pw / 2;
    const cy = py + ph / 2;
    lines.push({
      width: 2,
      path: (c) => {
        c.moveTo(cx - CROSS, cy);
        c.lineTo(cx + CROSS, cy);
        c.moveTo(cx, cy - CROSS);
        c.lineTo(cx, cy + CROSS);
      },
    });
  }
  strokeEdged(ctx, lines);
  return marks.map((m) => m.frame);
}
