/**
 * Walks the page with Tab, for the tests that check that keyboard order follows the screen
 * (tab-order42, tab-order43).
 */
import type { Page } from 'playwright-core';
import { settled } from './harness.js';

/** One element Tab reached: its id (or tag and class) and its box's top on the page and left. */
export interface TabStop { id: string; top: number; left: number }

/**
 * Every element Tab reaches from the page's start, once round (at most `limit` presses), each
 * measured once the page has settled after its press. Focus changes the layout: a figure's cell
 * focused writes its sentence under the figure, and the blur takes it away a task later
 * (grid-view.ts), so read at once a stop after the figure could be measured in the layout before
 * (tab-order42 failed so on a loaded CI machine: the form's first row 59 px low, then not).
 */
export async function tabWalk(page: Page, limit: number): Promise<TabStop[]> {
  const seen: TabStop[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    await settled(page);
    const at = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      const r = e.getBoundingClientRect();
      return { id: e.id || `${e.tagName}.${e.className}`, top: Math.round(r.top + scrollY), left: Math.round(r.left) };
    });
    if (!at || seen.some((s) => s.id === at.id && s.top === at.top && s.left === at.left)) break;
    seen.push(at);
  }
  return seen;
}
