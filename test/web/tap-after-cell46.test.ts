import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, settled } from './harness.js';

// On a phone a tapped cell keeps its lines (the hover sentence, the matrix's link) until the focus
// leaves the grid, and a tap moves the focus at its press, before its release and click. Clearing
// them then shortened the page under the finger (scroll anchoring moved the view by the sentence's
// height), so the first tap on the matrix's ▶ after a tapped cell landed beside it and did not step.
const h = fileHarness();

/** Tour part 5 on a touch phone, at the matrix's last step but one, settled. */
async function phonePart5() {
  const ctx = await h.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${h.url}?tour=5&lang=en&i=6&v=scatter&f=34`);
  await page.waitForSelector('body[data-ready="1"]');
  await page.waitForSelector('#svg-matrix[data-rows]');
  await settled(page);
  const count = () => page.$eval('#matrix-step-count', (e) => e.textContent);
  return { ctx, page, errors, count };
}

/**
 * Taps the matrix's ▶ where it is once the page has caught up with the tap before (settled: the
 * side panels' redraw a tapped cell asks for is in, so the ▶ is measured where it will be tapped).
 */
async function tapForward(page: Page): Promise<void> {
  await settled(page);
  await page.locator('#matrix-forward').scrollIntoViewIfNeeded();
  await settled(page);
  const b = (await page.locator('#matrix-forward').boundingBox())!;
  await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
}

describe('phone 390×844: a control tapped after a figure cell', () => {
  it('the matrix’s ▶ steps at the first tap after a tapped output cell, and the cell’s lines then go', async () => {
    const { ctx, page, errors, count } = await phonePart5();
    expect(await count()).toBe('step 35 of 36');
    await page.locator('#svg-output').scrollIntoViewIfNeeded();
    const o = (await page.locator('#svg-output').boundingBox())!;
    await page.touchscreen.tap(o.x + o.width / 8, o.y + o.height / 8);
    await page.waitForFunction(() => (document.getElementById('hover-text')!.textContent ?? '').includes('row 0 of C'));
    await tapForward(page);
    await expect.poll(count).toBe('step 36 of 36');
    await expect.poll(() => page.$eval('#hover-text', (e) => e.textContent ?? '')).not.toContain('row 0 of C');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('the matrix’s ▶ steps at the first tap after a tap on the matrix itself', async () => {
    const { ctx, page, errors, count } = await phonePart5();
    await page.locator('#svg-matrix').scrollIntoViewIfNeeded();
    const m = (await page.locator('#svg-matrix').boundingBox())!;
    await page.touchscreen.tap(m.x + m.width / 4, m.y + m.height / 4);
    await tapForward(page);
    await expect.poll(count).toBe('step 36 of 36');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);
});
