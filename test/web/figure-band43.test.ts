/**
 * The grids sit right under the player on a wide screen (student review 43): at 1400×1000 the
 * default figure is bound by the stage's width, and the figure's box, as tall as the stage's room,
 * centred it: ~95 px empty between the player bar and the grids (the topmost grid 120 px under
 * the bar) and as much again between the grids and their step sentence. The box now closes up on
 * the grids; they keep the whole width, so they are as large as before.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** The boxes that matter, in CSS pixels. */
const measure = (page: Page) => page.evaluate(`(() => {
  const r = (el) => el.getBoundingClientRect();
  const svgs = ['svg-grid', 'svg-kernel', 'svg-output'].map((id) => r(document.getElementById(id)));
  const caps = ['cap-grid', 'cap-kernel', 'cap-output'].map((id) => r(document.getElementById(id)).height);
  return {
    player: r(document.querySelector('#stage .player')).bottom,
    gridsTop: Math.min(...svgs.map((b) => b.top)),
    gridsBottom: Math.max(...svgs.map((b) => b.bottom)),
    gridsLeft: Math.min(...svgs.map((b) => b.left)),
    gridsRight: Math.max(...svgs.map((b) => b.right)),
    caption: Math.max(...caps),
    rowGap: parseFloat(getComputedStyle(document.getElementById('views')).rowGap),
    boxWidth: document.getElementById('figure-box').clientWidth,
    sentence: r(document.getElementById('step-text')).top,
  };
})()`) as Promise<{ player: number; gridsTop: number; gridsBottom: number; gridsLeft: number; gridsRight: number; caption: number; rowGap: number; boxWidth: number; sentence: number }>;

describe('1400×1000: no empty band between the player and the grids', () => {
  for (const q of ['', '?lang=zh', '?i=5&k=3&s=2&p=1&t=1']) {
    it(`${q || 'default'}: the grids start under their captions, right below the player, at full width`, async () => {
      const { page, errors } = await h.open(q, { width: 1400, height: 1000 });
      const m = await measure(page);
      // Between the bar and the topmost grid: the panels' caption line and the grid's gap under
      // it, nothing else (4 px for rounding). The old box left 120 px there (25 for the caption).
      expect(m.gridsTop - m.player).toBeGreaterThanOrEqual(0);
      expect(m.gridsTop - m.player).toBeLessThanOrEqual(m.caption + m.rowGap + 4);
      // The step sentence follows the grids (its own 6 px margin and rounding), not the box's old bottom.
      expect(m.sentence - m.gridsBottom).toBeLessThanOrEqual(12);
      // The grids are bound by the box's width and still span it (the input, the 20 px column gap
      // and the kernel's column; each size rounded down): closing the band did not shrink them.
      expect(m.gridsRight - m.gridsLeft).toBeGreaterThanOrEqual(m.boxWidth - 4);
      expect(m.gridsRight - m.gridsLeft).toBeLessThanOrEqual(m.boxWidth);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
