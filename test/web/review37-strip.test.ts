/**
 * What a code review of tour step 4's output planes (web/src/output-strip.ts) found, in headless
 * Chromium: the strip built new buttons on every animation frame, so while the animation played
 * the keyboard focus on a plane was lost each frame and a click whose press and release straddled
 * a frame picked nothing; it counted the drawn copy's output channels (at most 16) as the layer's;
 * and one hidden channel was announced as "1 more output channels".
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Sets the tour's try-it control to `n` as a reader types it. */
async function tryValue(page: Page, n: number): Promise<void> {
  await page.fill('#try-control', String(n));
  await page.press('#try-control', 'Tab');
}

/** Plane `j`'s spoken label, which names the step's output cell: it changes with every frame. */
const label = (page: Page, j: number) => page.getAttribute(`[data-output-plane="${j}"]`, 'aria-label');

/** Waits until plane `j`'s label has changed `n` times: `n` frames of the animation have been drawn. */
async function frames(page: Page, j: number, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const before = await label(page, j);
    await expect.poll(() => label(page, j), { timeout: 10_000 }).not.toBe(before);
  }
}

describe('tour step 4: the output planes keep their buttons while the animation plays', () => {
  it('a focused plane keeps the focus frame after frame, and a press and release a frame apart pick the plane', async () => {
    const { page, errors } = await h.open('?tour=4&lang=en', DESKTOP);
    await tryValue(page, 16);
    await expect.poll(() => page.$$eval('[data-output-plane]', (es) => es.length)).toBe(16);
    await page.focus('[data-output-plane="3"]');
    const button = await page.$('[data-output-plane="3"]');
    // Played without moving the focus, as the space key does from elsewhere on the page.
    await page.evaluate(() => (document.querySelector('#btn-play') as HTMLElement).click());
    expect(await page.evaluate((b) => document.activeElement === b, button)).toBe(true);
    await frames(page, 3, 3);
    // The same element has the focus, not merely a plane of the same number.
    expect(await page.evaluate((b) => document.activeElement === b, button)).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.outputPlane)).toBe('3');

    // A press on plane 5 and its release after the next frame: a click, and plane 5 is the one shown.
    const box = (await page.$('[data-output-plane="5"]'))!;
    const r = (await box.boundingBox())!;
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await page.mouse.down();
    await frames(page, 5, 1);
    await page.mouse.up();
    await expect.poll(() => page.getAttribute('[data-output-plane="5"]', 'aria-pressed')).toBe('true');
    await expect.poll(() => page.$$eval('#stage-channels [data-kernel-slice]', (es) => es[0]?.getAttribute('data-kernel-slice'))).toBe('5,0');
    expect(await page.getAttribute('#btn-play', 'aria-pressed')).toBe('true');

    // Picking a plane from the keyboard keeps the focus on it.
    await page.focus('[data-output-plane="9"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getAttribute('[data-output-plane="9"]', 'aria-pressed')).toBe('true');
    await frames(page, 9, 2);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.outputPlane)).toBe('9');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('on a phone, picking the planes after the row from the keyboard moves the row and keeps the focus in it', async () => {
    const { page, errors } = await h.open('?tour=4&lang=en', PHONE);
    await tryValue(page, 16);
    await expect.poll(() => page.$$eval('[data-output-strip] [data-more]', (es) => es.length)).toBeGreaterThan(0);
    await page.focus('[data-output-strip] [data-more]:last-child');
    const to = 1 + Math.max(...(await page.$$eval('[data-output-strip] [data-output-plane]', (es) => es.map((e) => Number(e.getAttribute('data-output-plane'))))));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getAttribute(`[data-output-plane="${to}"]`, 'aria-pressed')).toBe('true');
    // The row now starts later; the focus is on the same side's count, still in the row.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).closest('[data-output-strip]') !== null)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});

describe('tour step 4: the strip counts the layer’s output channels, and how many are drawn', () => {
  for (const lang of ['en', 'zh'] as const) {
    for (const [name, view] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      it(`${lang}, ${name}: 64 output channels are called 64, with 16 of them drawn`, async () => {
        // Tour step 4's layer with 64 output channels, more than its control takes: a link sets them.
        const { page, errors } = await h.open(`?i=5&k=3&s=1&p=1&ci=3&co=64&n=1&fig=channels&lang=${lang}`, view);
        await expect.poll(() => page.$$eval('[data-output-plane]', (es) => es.length)).toBeGreaterThan(2);
        const head = await page.textContent('[data-output-strip] .output-strip-head') ?? '';
        // The planes the row can reach are the drawn copy's: planes and counts add up to 16.
        const d = await page.$eval('[data-output-strip]', (e) => Number((e as HTMLElement).dataset.shown) + Number((e as HTMLElement).dataset.rest));
        expect(d).toBe(16);
        expect(head).toContain(lang === 'en' ? `${d}` : `画出`);
        expect(head).toMatch(/64/);
        expect(head).not.toMatch(lang === 'en' ? /\(16\)|of 16\b/ : /共 16 个|（16 个）/);
        if (name === 'desktop') expect(head).toContain(lang === 'en' ? '16 of 64 output channels' : '64 个输出通道中的 16 个');
        expect(await page.getAttribute('[data-output-strip] [role="group"]', 'aria-label')).toMatch(/64/);
        // The line stays within the screen.
        const right = await page.$eval('[data-output-strip] .output-strip-head', (e) => {
          const range = document.createRange();
          range.selectNodeContents(e);
          return { right: range.getBoundingClientRect().right, lines: range.getClientRects().length };
        });
        expect(right.right).toBeLessThanOrEqual(view.width);
        expect(errors).toEqual([]);
        await page.close();
      }, 90_000);
    }
  }
});

describe('tour step 4: one hidden output channel is named in the singular', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: the count of one plane after the row says one channel`, async () => {
      const { page, errors } = await h.open(`?tour=4&lang=${lang}`, PHONE);
      await tryValue(page, 16);
      await expect.poll(() => page.$$eval('[data-output-strip] [data-more]', (es) => es.length)).toBeGreaterThan(0);
      // One more output channel than the row holds: one plane is left after it.
      const shown = Number(await page.getAttribute('[data-output-strip]', 'data-shown'));
      await tryValue(page, shown + 1);
      await expect.poll(() => page.getAttribute('[data-output-strip] [data-more]', 'data-more')).toBe('1');
      const said = await page.getAttribute('[data-output-strip] [data-more]', 'aria-label');
      expect(said).toBe(lang === 'en' ? `One more output channel: show output channel ${shown}` : `另有 1 个输出通道：显示输出通道 ${shown}`);
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
