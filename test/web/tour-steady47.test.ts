/**
 * The tour is read by pressing Next again and again (review R4): on a desktop window its Next and
 * Previous must stay where they are from part to part, or the reader who clicks where Next was
 * misses it. They sat under the card's text and its "Try it" box, so they moved with the text's
 * length: at 1400×1000 by up to 204 px between consecutive parts (zh 4 → 5), and at 1280×800 also
 * 100 px sideways into and out of parts 5–6, whose card is narrower (the matrix stands beside it).
 * Walking parts 1 → 13 with Next, both buttons' boxes may move 2 px at most, and stay whole in the
 * window.
 */
import { describe, expect, it } from 'vitest';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';
import { walkButtons } from './tour-buttons.js';

const h = fileHarness();

describe('the tour\'s Next and Previous hold still on a desktop window', () => {
  for (const [width, height] of [[1400, 1000], [1280, 800]] as const) {
    for (const lang of ['en', 'zh'] as const) {
      it(`${width}×${height} (${lang}): parts 1 → ${TOUR.length} move them 2 px at most`, async () => {
        const { moves, errors } = await walkButtons(h, width, height, lang);
        expect(moves).toEqual([]);
        expect(errors).toEqual([]);
      }, 180_000);
    }
  }
});
