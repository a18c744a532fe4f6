/**
 * The page's header is one row on a laptop, in headless Chromium. At 1280×800 in English it used to
 * wrap into two (the preferences and the title each on two lines, 85 px of an 800 px screen above
 * the figure). Now the preferences fold behind Settings wherever the row would not hold them
 * (header.ts measures it), stay in the row where it does (Chinese at 1280, both languages from
 * 1366), and still work from inside Settings, by mouse and by keyboard.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, resizeAndSettle } from './harness.js';

const h = fileHarness();

/** The header's height and its visible items' boxes (the notice of ignored link values left out). */
const headerRow = (page: Page) => page.evaluate(() => {
  const top = document.querySelector<HTMLElement>('header.top')!;
  const items = Array.from(top.children).filter((e): e is HTMLElement => e instanceof HTMLElement && !e.classList.contains('notice') && e.getClientRects().length > 0);
  return {
    height: top.offsetHeight,
    items: items.map((e) => {
      const r = e.getBoundingClientRect();
      return { name: e.id || e.className, top: r.top, bottom: r.bottom, right: r.right, height: r.height };
    }),
    width: top.clientWidth,
  };
});

/** One row: every item is one line high, the items overlap vertically, none leaves the header. */
async function expectOneRow(page: Page, what: string): Promise<void> {
  const row = await headerRow(page);
  expect(row.height, `${what}: header height`).toBeLessThanOrEqual(50);
  for (const it of row.items) {
    expect(it.height, `${what}: ${it.name} is one line`).toBeLessThanOrEqual(40);
    expect(it.right, `${what}: ${it.name} inside the header`).toBeLessThanOrEqual(row.width);
  }
  const lowestTop = Math.max(...row.items.map((i) => i.top));
  const highestBottom = Math.min(...row.items.map((i) => i.bottom));
  expect(lowestTop, `${what}: items share a row`).toBeLessThan(highestBottom);
}

/** Every preference can be reached: in the row, or behind a Settings button that is shown. */
const prefsReach = (page: Page) => page.evaluate(() => {
  const shown = (id: string) => document.getElementById(id)!.getClientRects().length > 0;
  return { inRow: shown('lang'), settings: shown('prefs-toggle') };
});

describe('the header is one row on a laptop', () => {
  for (const [width, height] of [[1280, 800], [1366, 900]] as const) {
    for (const lang of ['en', 'zh']) {
      it(`${width}×${height}, ${lang}: one row, every preference in it or behind Settings`, async () => {
        const { page, errors } = await h.open(`?lang=${lang}`, { width, height });
        await expectOneRow(page, `${width} ${lang}`);
        const reach = await prefsReach(page);
        expect(reach.inRow !== reach.settings, `${width} ${lang}: ${JSON.stringify(reach)}`).toBe(true);
        // The layout below is fitted to the header as it is.
        const headerH = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--header-h'));
        expect(headerH).toBe(`${(await headerRow(page)).height}px`);
        expect(errors).toEqual([]);
        await page.context().close();
      }, 120_000);
    }
  }

  it('the preferences fold only where they do not fit: in the row at 1600 and in Chinese at 1280, behind Settings in English at 1280', async () => {
    for (const [width, lang, inRow] of [[1600, 'en', true], [1600, 'zh', true], [1280, 'zh', true], [1280, 'en', false]] as const) {
      const { page } = await h.open(`?lang=${lang}`, { width, height: 900 });
      expect((await prefsReach(page)).inRow, `${width} ${lang}`).toBe(inRow);
      await page.context().close();
    }
  }, 120_000);

  // Above 1600 px the tagline shows under the title (style.css): the title block is taller there.
  it('stays one row as the window is resized from 1600 down to 740 px, in both languages', async () => {
    for (const lang of ['en', 'zh']) {
      const { page } = await h.open(`?lang=${lang}`, { width: 1600, height: 900 });
      for (let width = 1600; width >= 740; width -= 60) {
        // The page refits its header (and figure) once a resize has come to rest.
        await resizeAndSettle(page, { width, height: 900 });
        await expectOneRow(page, `${width} ${lang}`);
        const reach = await prefsReach(page);
        expect(reach.inRow !== reach.settings, `${width} ${lang}: ${JSON.stringify(reach)}`).toBe(true);
      }
      await page.context().close();
    }
  }, 180_000);

  it('stays one row into and out of the tour at 1280 px in English (the tour hides "Take the tour")', async () => {
    const { page } = await h.open('?tour=3&lang=en', { width: 1280, height: 800 });
    await expectOneRow(page, 'tour');
    await page.click('#tour-leave');
    await page.waitForSelector('#tour-open', { state: 'visible' });
    await expectOneRow(page, 'after leaving the tour');
    expect(await prefsReach(page)).toEqual({ inRow: false, settings: true });
    await page.click('#tour-open');
    await page.waitForSelector('#tour-open', { state: 'hidden' });
    await expectOneRow(page, 'back in the tour');
    await page.context().close();
  }, 120_000);
});

describe('Settings, where the preferences are folded', () => {
  it('opens over the page without moving it, and the language switched inside it applies', async () => {
    const { page, errors } = await h.open('?lang=en', { width: 1280, height: 800 });
    const stageTop = () => page.$eval('#stage', (e) => e.getBoundingClientRect().top);
    const before = { header: (await headerRow(page)).height, stage: await stageTop() };
    expect(await page.getAttribute('#prefs-toggle', 'aria-expanded')).toBe('false');
    expect(await page.isVisible('#lang')).toBe(false);
    await page.click('#prefs-toggle');
    expect(await page.getAttribute('#prefs-toggle', 'aria-expanded')).toBe('true');
    for (const id of ['#lang', '#theme', '#colorblind', '#numbers', '#copy-link', '#goto-model']) expect(await page.isVisible(id), id).toBe(true);
    expect((await headerRow(page)).height).toBe(before.header);
    expect(await stageTop()).toBe(before.stage);
    // The panel is whole on screen.
    const panel = (await (await page.$('#prefs'))!.boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(1280);
    expect(panel.y + panel.height).toBeLessThanOrEqual(800);

    await page.selectOption('#lang', 'zh');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await page.textContent('#tour-open')).toBe('开始导览');
    // Chinese fits in the row at 1280: the preferences unfold into it, Settings is not left "open".
    expect((await prefsReach(page)).inRow).toBe(true);
    expect((await prefsReach(page)).settings).toBe(false);
    expect(await page.getAttribute('#prefs-toggle', 'aria-expanded')).toBe('false');
    await expectOneRow(page, '1280 zh after switching');
    // And back from the row: English folds them again, closed.
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await prefsReach(page)).toEqual({ inRow: false, settings: true });
    await expectOneRow(page, '1280 en after switching back');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('works from the keyboard: Enter opens, Tab goes into it, Escape closes and returns focus; a press outside closes', async () => {
    const { page } = await h.open('?lang=en', { width: 1280, height: 800 });
    await page.focus('#prefs-toggle');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#prefs-toggle', 'aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lang');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('theme');
    await page.keyboard.press('Escape');
    expect(await page.getAttribute('#prefs-toggle', 'aria-expanded')).toBe('false');
    expect(await page.isVisible('#lang')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('prefs-toggle');
    // A check box toggled inside the panel does its work.
    await page.keyboard.press('Enter');
    await page.check('#numbers');
    expect(await page.evaluate(() => (window as unknown as { convkitPlayground: { state(): { numbers: boolean } } }).convkitPlayground.state().numbers)).toBe(true);
    await page.mouse.click(640, 500);
    expect(await page.getAttribute('#prefs-toggle', 'aria-expanded')).toBe('false');
    expect(await page.isVisible('#lang')).toBe(false);
    await page.context().close();
  }, 120_000);

  it('on a 390×844 phone the preferences open as a row under the title and Escape closes them', async () => {
    const { page } = await h.open('?lang=zh', { width: 390, height: 844 });
    expect(await prefsReach(page)).toEqual({ inRow: false, settings: true });
    await page.click('#prefs-toggle');
    expect(await page.isVisible('#lang')).toBe(true);
    await page.focus('#lang');
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#lang')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('prefs-toggle');
    await page.context().close();
  }, 120_000);
});
