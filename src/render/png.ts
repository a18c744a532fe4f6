/** Scene frame → PNG bytes (fast-png: pure JS, works in browsers too). */
import { encode } from 'fast-png';
import { frameIndex } from './frame-index.js';
import { drawFrame } from './raster/draw.js';
import { rasterScaleOf, scaledFrame } from './scale.js';
import type { Scene } from './scene.js';

/**
 * One frame of a scene as PNG bytes (pure JavaScript: works in browsers too). `scale` (1–4, whole;
 * default 1) draws it that many times larger: the same picture, `scale` × the pixels on each side.
 *
 * @example
 * ```ts
 * import { sceneOf, sceneToPng } from 'convkit';
 * const png = sceneToPng(sceneOf({ input: [4, 4], kernel: 3 }, { theme: 'flat' }), 0);
 * new TextDecoder().decode(png.subarray(1, 4)); //=> 'PNG'
 * ```
 */
export function sceneToPng(scene: Scene, frame: number, scale?: number): Uint8Array {
  frameIndex(scene, frame);
  const k = rasterScaleOf(scale);
  const s = k === 1 ? scene : scaledFrame(scene, frame, k);
  const c = drawFrame(s, k === 1 ? frame : 0);
  return encode({ width: s.width, height: s.height, data: c.data, channels: 3, depth: 8 });
}
