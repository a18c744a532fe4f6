/** Scene → pixels: the background once, then each frame's overlay over a restored copy. */
import { primBounds, type Prim, type Scene } from '../scene.js';
import { RgbCanvas } from './canvas.js';

export type Box = [number, number, number, number];

export function drawBase(scene: Scene): RgbCanvas {
  const c = new RgbCanvas(scene.width, scene.height, scene.background);
  for (const p of scene.base) c.draw(p);
  return c;
}

/** Integer pixel box [x0, y0, x1, y1) covering the primitives, clipped to the scene; null if empty. */
export function boundsOf(prims: readonly Prim[], w: number, h: number): Box | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of prims) {
    const b = primBounds(p);
    x0 = Math.min(x0, b[0]); y0 = Math.min(y0, b[1]); x1 = Math.max(x1, b[2]); y1 = Math.max(y1, b[3]);
  }
  if (x0 === Infinity) return null;
  const box: Box = [Math.max(0, Math.floor(x0) - 1), Math.max(0, Math.floor(y0) - 1), Math.min(w, Math.ceil(x1) + 2), Math.min(h, Math.ceil(y1) + 2)];
  return box[0] < box[2] && box[1] < box[3] ? box : null;
}

export function unionBox(a: Box | null, b: Box | null): Box | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** Copies box `b` of `src` into `dst` (same size canvases). */
export function restoreBox(dst: RgbCanvas, src: RgbCanvas, b: Box): void {
  const W = dst.width;
  for (let y = b[1]; y < b[3]; y++) {
    const s = (y * W + b[0]) * 3, e = (y * W + b[2]) * 3;
    dst.data.set(src.data.subarray(s, e), s);
  }
}

/** One frame, fully drawn (PNG and tests). */
export function drawFrame(scene: Scene, frame: number, base?: RgbCanvas): RgbCanvas {
  const b = base ?? drawBase(scene);
  const c = new RgbCanvas(scene.width, scene.height, scene.background);
  c.copyFrom(b);
  for (const p of scene.frames[frame] ?? []) c.draw(p);
  return c;
}
