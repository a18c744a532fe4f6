// The scene-level picture functions (sceneFrameSvg, sceneToPng) are public: a frame past the last
// one used to draw the scene's base alone (a figure with no kernel, no highlight), silently.
import { describe, expect, it } from 'vitest';
import { isConvError, sceneFrameSvg, sceneOf, sceneToPng } from '../../src/index.js';

const scene = sceneOf({ input: [4, 4], kernel: 3 }, { theme: 'flat' });

function refusal(f: () => unknown): { code: string; message: string; hint?: string } {
  try {
    f();
  } catch (e) {
    if (!isConvError(e)) throw e;
    return { code: e.code, message: e.message, hint: e.hint };
  }
  throw new Error('no error');
}

describe('a scene frame outside the scene', () => {
  it('has four frames to draw, each one more than the base', () => {
    expect(scene.frames.length).toBe(4);
    const baseOnly = sceneFrameSvg({ ...scene, frames: [[]] }, 0);
    for (let f = 0; f < 4; f++) expect(sceneFrameSvg(scene, f).length).toBeGreaterThan(baseOnly.length);
  });

  for (const bad of [4, 99, -1, 1.5, Number.NaN]) {
    it(`is refused by sceneFrameSvg and sceneToPng: ${bad}`, () => {
      for (const call of [() => sceneFrameSvg(scene, bad), () => sceneToPng(scene, bad)]) {
        const r = refusal(call);
        expect(r.code).toBe('INVALID_OPTION');
        expect(r.message).toMatch(/frame must be a whole number from 0 to 3 \(frames count from 0\)/);
        expect(r.hint).toBe('this picture has 4 frames: 0 … 3');
      }
    });
  }

  it('still draws the last frame, and PNGs at scale 2', () => {
    expect(sceneFrameSvg(scene, 3)).toMatch(/^<svg/);
    expect(sceneToPng(scene, 3, 2).subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'));
  });
});
