/**
 * A scene drawn larger: every coordinate, stroke, dash and text size times a whole factor, so a PNG
 * at 2× is the same picture with twice the pixels on each side (for slides and high-density
 * screens), rather than the 1× picture enlarged and blurred by whatever shows it.
 */
import { ConvError, show } from '../geometry/errors.js';
import type { Plane } from './layout/plane.js';
import type { Prim, Scene } from './scene.js';

/** The factors a raster picture may be drawn at. */
export const RASTER_SCALES = [1, 2, 3, 4] as const;

/** `scale` checked: a whole number from 1 to 4 (default 1). */
export function rasterScaleOf(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number' && (RASTER_SCALES as readonly number[]).includes(v)) return v;
  throw new ConvError('INVALID_OPTION', `scale must be a whole number from 1 to ${RASTER_SCALES[RASTER_SCALES.length - 1]}, but got ${show(v)}`, {
    values: { scale: v },
    hint: 'use scale: 2 for a PNG with twice the pixels on each side',
  });
}

function scaleDash(d: readonly [number, number] | undefined, k: number): readonly [number, number] | undefined {
  return d && [d[0] * k, d[1] * k];
}

/** One primitive `k` times larger (about the picture's origin). */
export function scalePrim(p: Prim, k: number): Prim {
  switch (p.type) {
    case 'rect':
      return { ...p, x: p.x * k, y: p.y * k, w: p.w * k, h: p.h * k, strokeWidth: p.strokeWidth === undefined ? undefined : p.strokeWidth * k, dash: scaleDash(p.dash, k) };
    case 'poly':
      return { ...p, points: p.points.map((v) => v * k), strokeWidth: p.strokeWidth === undefined ? undefined : p.strokeWidth * k, dash: scaleDash(p.dash, k) };
    case 'line':
      return { ...p, x1: p.x1 * k, y1: p.y1 * k, x2: p.x2 * k, y2: p.y2 * k, strokeWidth: p.strokeWidth * k, dash: scaleDash(p.dash, k) };
    case 'text':
      return { ...p, x: p.x * k, y: p.y * k, size: p.size * k };
  }
}

function scalePlane(p: Plane | undefined, k: number): Plane | undefined {
  return p && { ...p, ox: p.ox * k, oy: p.oy * k, cw: p.cw * k, ch: p.ch * k, skew: p.skew * k };
}

/**
 * Frame `frame` of a scene, `k` times larger, as a one-frame scene (the raster encoders draw frame
 * 0 of it). Its planes are scaled too, so a cell's pixels are found as on the 1× scene.
 */
export function scaledFrame(scene: Scene, frame: number, k: number): Scene {
  const planes = scene.planes && { grid: scalePlane(scene.planes.grid, k), input: scalePlane(scene.planes.input, k), output: scalePlane(scene.planes.output, k) };
  return {
    ...scene,
    width: scene.width * k,
    height: scene.height * k,
    base: scene.base.map((p) => scalePrim(p, k)),
    frames: [scene.frames[frame].map((p) => scalePrim(p, k))],
    planes,
  };
}
