/**
 * Keyboard order follows the screen in the picture mode too (tab-order42 did the grids and the
 * tour). On a 390×844 phone the picture mode shows its pictures, then the layer's form, then the
 * studies (image.css `order`), but the form stayed first in the document: after the header Tab went
 * to the form (~1800 px down), back up to the picture menu (~320), down to the output, and on to
 * the studies. On a desktop the form is the left column and keeps its place, first.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';
import { tabWalk } from './tab-walk.js';

const h = fileHarness();

/** The picture mode open, its pictures drawn (its panels are in the page). */
async function openPictures(query: string, width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await h.open(query, { width, height });
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
  return { page, errors };
}

describe('Tab follows the screen in the picture mode', () => {
  for (const query of ['?view=image&lang=en', '?view=image&lang=zh']) {
    it(`390×844 ${query}: each stop is no higher than the one before`, async () => {
      const { page, errors } = await openPictures(query, 390, 844);
      const stops = await tabWalk(page, 160);
      const ids = stops.map((s) => s.id);
      // The walk reaches the pictures' menus, the form and the studies.
      for (const id of ['image-picture', 'input-h', 'groups', 'image-field-stack']) expect(ids).toContain(id);
      const climbs = stops.slice(1).filter((s, i) => s.top < stops[i].top - 10).map((s) => `${s.id}@${s.top}`);
      expect(climbs, stops.map((s) => `${s.id}@${s.top}`).join(' ')).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('1400×1000: the form (left column) comes before the pictures', async () => {
    const { page } = await openPictures('?view=image&lang=en', 1400, 1000);
    const ids = (await tabWalk(page, 160)).map((s) => s.id);
    expect(ids.indexOf('input-h')).toBeGreaterThan(-1);
    expect(ids.indexOf('groups')).toBeLessThan(ids.indexOf('image-picture'));
    await page.close();
  });

  it('a phone leaving the picture mode puts the form back under the figure', async () => {
    const { page } = await openPictures('?view=image&lang=en', 390, 844);
    await page.click('#image-open');
    await page.waitForFunction(() => document.body.dataset.view !== 'image');
    expect(await page.evaluate(() => document.getElementById('controls')!.parentElement!.id)).toBe('stage');
    await page.click('#image-open');
    await page.waitForFunction(() => document.getElementById('controls')!.previousElementSibling?.id === 'image-mode');
    await page.close();
  });
});
