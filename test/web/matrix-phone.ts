/** Opening the page on a phone (390 × 844, touch) with the matrix drawn, for the matrix's tests. */
import type { BrowserContext, Page } from 'playwright-core';
import { settled } from './harness.js';
import type { Harness } from './harness.js';

/** A fresh phone context at `query`, once the page is ready, the matrix drawn and the page settled. */
export async function matrixOnPhone(h: Harness, query: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await h.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  await page.goto(`${h.url}${query}`);
  await page.waitForSelector('body[data-ready="1"]');
  await page.waitForSelector('#svg-matrix[data-rows]');
  await settled(page);
  return { ctx, page };
}
