/**
 * Keyboard order follows the screen (WCAG focus order; student review 42). On a 390×844 phone the
 * form stands under the figure, but Tab went from the header's Settings to the form (y ~600), back
 * up to the player (y 49), then down again; in the tour the views ~1500 px down came before the
 * card. And the bar's speed menu came before the figure menu on the row above it. Each element Tab
 * reaches now stands no higher than the one before it (within one row: a few px of the row's
 * differing boxes). On a desktop the form is the left column and keeps its place, first.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness, resizeAndSettle } from './harness.js';
import { tabWalk } from './tab-walk.js';

const h = fileHarness();

describe('Tab follows the screen', () => {
  for (const query of ['?lang=en', '?lang=zh', '?tour=1&lang=en', '?tour=4&lang=zh']) {
    it(`390×844 ${query}: each stop is no higher than the one before`, async () => {
      const { page, errors } = await h.open(query, { width: 390, height: 844 });
      const stops = await tabWalk(page, 120);
      expect(stops.length).toBeGreaterThan(10);
      const climbs = stops.slice(1).filter((s, i) => s.top < stops[i].top - 10).map((s) => `${s.id}@${s.top}`);
      expect(climbs, stops.map((s) => `${s.id}@${s.top}`).join(' ')).toEqual([]);
      // The player's menus in the order they are read: speed and figure on one row, view under it.
      if (!query.includes('tour')) {
        const ids = stops.map((s) => s.id);
        expect(ids.indexOf('speed')).toBeLessThan(ids.indexOf('figure'));
        expect(ids.indexOf('btn-last')).toBeLessThan(ids.indexOf('preset'));
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('1400×1000: the form (left column) comes before the player, the side panels after the stage', async () => {
    const { page } = await h.open('?lang=en', { width: 1400, height: 1000 });
    const ids = (await tabWalk(page, 120)).map((s) => s.id);
    expect(ids.indexOf('prefs-toggle') < 0 || ids.indexOf('prefs-toggle') < ids.indexOf('preset')).toBe(true);
    expect(ids.indexOf('groups')).toBeGreaterThan(ids.indexOf('preset'));
    expect(ids.indexOf('groups')).toBeLessThan(ids.indexOf('btn-first'));
    expect(ids.indexOf('svg-output')).toBeLessThan(ids.indexOf('tour'));
    expect(ids.indexOf('tour')).toBeLessThan(ids.indexOf('tab-formula'));
    await page.close();
  });

  it('the form goes back to its column when a phone-sized window widens', async () => {
    const { page } = await h.open('?lang=en', { width: 390, height: 844 });
    await page.focus('#input-h');
    await resizeAndSettle(page, { width: 1400, height: 1000 });
    await page.waitForFunction(() => document.getElementById('controls')!.parentElement!.classList.contains('layout'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('input-h');
    const ids = (await tabWalk(page, 120)).map((s) => s.id);
    expect(ids.indexOf('groups')).toBeLessThan(ids.indexOf('btn-first'));
    await page.close();
  });
});
