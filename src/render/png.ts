/** Scene frame → PNG bytes (fast-png: pure JS, works in browsers too). */
import { encode } from 'fast-png';
import { drawFrame } from './raster/draw.js';
import type { Scene } from './scene.js';

/**
 * One frame of a scene as PNG bytes (pure JavaScript: works in browsers too).
 *
 * @example
 * ```ts
 * import { sceneOf, sceneToPng } from 'convkit';
 * const png = sceneToPng(sceneOf({ input: [4, 4], kernel: 3 }, { theme: 'flat' }), 0);
 * new TextDecoder().decode(png.subarray(1, 4)); //=> 'PNG'
 * ```
 */
export function sceneToPng(scene: Scene, frame: number): Uint8Array {
  const c = drawFrame(scene, frame);
  return encode({ width: scene.width, height: scene.height, data: c.data, channels: 3, depth: 8 });
}
