/** Scene frame → PNG bytes (fast-png: pure JS, works in browsers too). */
import { encode } from 'fast-png';
import { drawFrame } from './raster/draw.js';
import type { Scene } from './scene.js';

export function sceneToPng(scene: Scene, frame: number): Uint8Array {
  const c = drawFrame(scene, frame);
  return encode({ width: scene.width, height: scene.height, data: c.data, channels: 3, depth: 8 });
}
