/**
 * Which frame of a scene a single-frame picture draws: the one rule for `renderSvg`/`renderPng`'s
 * `frame` option and the scene-level `sceneFrameSvg`/`sceneToPng`. A frame past the last one
 * would otherwise draw only the scene's base, a picture that looks right and shows nothing.
 * Frames count from 0 here; the CLI's `--frame` counts from 1 and converts before it calls in.
 */
import { ConvError, show } from '../geometry/errors.js';
import type { Scene } from './scene.js';

export function frameIndex(scene: Pick<Scene, 'frames'>, frame: unknown): number {
  const f = frame ?? 0;
  const n = scene.frames.length;
  if (typeof f !== 'number' || !Number.isInteger(f) || f < 0 || f >= n) {
    throw new ConvError('INVALID_OPTION', `frame must be a whole number from 0 to ${n - 1} (frames count from 0), but got ${show(f)}`, {
      values: { frame: f, frames: n },
      hint: n === 1 ? 'this picture has one frame: 0' : `this picture has ${n} frames: 0 … ${n - 1}`,
    });
  }
  return f;
}
