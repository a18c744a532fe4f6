/**
 * The learning study's learned kernel is a display (review 41): its nine cells are read-only, and
 * a keyboard reader tabbed through all nine, with nothing to do in them, between the target's
 * − / + pair and Start (24 tab stops across the panel, in Chromium). They are no tab stops now,
 * before and during a run; they keep their names and numbers for screen readers, and the
 * target's nine cells, which the reader edits, stay tab stops.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** What Tab reaches inside the learning panel, from its first control (the target's preset menu) until focus leaves it. */
async function tabStops(page: Page): Promise<string[]> {
  await page.focus('#learn-target-preset');
  const seen = ['learn-target-preset'];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      if (!a.closest('[data-image-learn]')) return null;
      return a.id || a.getAttribute('aria-label') || a.textContent || a.tagName;
    });
    if (at === null) return seen;
    seen.push(at);
  }
  throw new Error('Tab never left the learning panel');
}

describe('the learned kernel is read, not tabbed through', () => {
  it('Tab goes from the target to Start past the learned kernel, before and during a run; its cells keep their names and numbers', async () => {
    const { page, errors } = await h.open('?view=image&lang=en');
    await page.waitForSelector('[data-learn-kernel] input');
    const before = await tabStops(page);
    expect(before.filter((s) => s.startsWith('learn-kernel-'))).toEqual([]);
    expect(before.filter((s) => s.startsWith('learn-target-w'))).toHaveLength(9);
    // The target's menu, its 9 cells and − / + pair, Start, One step and Reset.
    expect(before).toHaveLength(15);
    await page.click('[data-learn-one]');
    await page.click('[data-learn-one]');
    expect(await page.getAttribute('[data-image-learn]', 'data-step')).toBe('2');
    expect((await tabStops(page)).filter((s) => s.startsWith('learn-kernel-'))).toEqual([]);
    const cells = await page.$$eval('[data-learn-kernel] input', (els) => els.map((e) => {
      const inp = e as HTMLInputElement;
      return { readOnly: inp.readOnly, label: inp.getAttribute('aria-label'), value: inp.value };
    }));
    expect(cells).toHaveLength(9);
    for (const c of cells) {
      expect(c.readOnly).toBe(true);
      expect(c.label).toMatch(/^Learned kernel: weight row \d, column \d$/);
      expect(Number.isFinite(Number(c.value)) && c.value !== '').toBe(true);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);
});
