/**
 * What a tour step is about is on screen (student review 33), in headless Chromium: on a phone the
 * step's sentence sits under the figure, above the card (it followed the whole Formula panel), and
 * step 4's "watch the parameters" has the count under its control; on a laptop the matrix a step
 * opens comes into the side column's view without the card losing its top (its part count and
 * title; review 36: keeping only the prose's first line hid them); the stage's
 * "more below" cue is in sight when the figure fills the stage, over no line of text, and speaks
 * the page's language as soon as it is switched.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();

const box = (page: Page, sel: string) => page.$eval(sel, (e) => {
  const r = e.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
});

describe('phone 390×844: the step sentence under the figure', () => {
  for (const lang of ['en', 'zh'] as const) {
    for (const n of [3, 5]) {
      it(`tour step ${n} (${lang}): figure, its sentence, then the card, on the first screen`, async () => {
        const { page, errors } = await h.open(`?tour=${n}&lang=${lang}`, { width: 390, height: 844 });
        const fig = await box(page, '#figure-box');
        const sentence = await box(page, '#step-text');
        const card = await box(page, '#tour');
        expect((await page.textContent('#step-text'))!.length).toBeGreaterThan(10);
        expect(await page.isVisible('#step-text')).toBe(true);
        expect(sentence.top).toBeGreaterThanOrEqual(fig.bottom - 1);
        expect(sentence.bottom).toBeLessThanOrEqual(card.top + 1);
        expect(sentence.bottom).toBeLessThanOrEqual(844);
        // And the step's own control is still on the first screen.
        expect((await box(page, '#try-control')).bottom).toBeLessThanOrEqual(844);
        expect(errors).toEqual([]);
        await page.close();
      }, 60_000);
    }
  }

  it('a sentence longer than two lines ends in "…" and opens whole when tapped', async () => {
    const { page } = await h.open('?tour=3&lang=en', { width: 390, height: 844 });
    const two = (await box(page, '#step-text')).height;
    const cardTop = (await box(page, '#tour')).top;
    // A sentence as long as a changed layer with numbers writes (reduced motion: no step rewrites it).
    await page.$eval('#step-text', (p) => { p.textContent = `${p.textContent} ${'Values: 1·2 + 3·4 + 5·6 + 7·8 + 9·1 = 100. '.repeat(4)}`; });
    expect((await box(page, '#step-text')).height).toBeCloseTo(two, 0);
    expect((await box(page, '#tour')).top).toBeCloseTo(cardTop, 0);
    await page.click('#step-text');
    expect((await box(page, '#step-text')).height).toBeGreaterThan(2 * two);
    await page.click('#step-text');
    expect((await box(page, '#step-text')).height).toBeCloseTo(two, 0);
    await page.close();
  }, 60_000);

  for (const lang of ['en', 'zh'] as const) {
    it(`tour step 4 (${lang}): the parameters it asks to watch are right under its control, as the Formula tab counts them`, async () => {
      const { page } = await h.open(`?tour=4&lang=${lang}`, { width: 390, height: 844 });
      const watch = () => page.textContent('#tour-now').then((t) => t ?? '');
      const formula = () => page.textContent('#params-text').then((t) => t ?? '');
      const w = await box(page, '#tour-now');
      expect(w.bottom).toBeLessThanOrEqual(844);
      // The live line follows the control (tour-live-line.test.ts checks its terms).
      const c = await box(page, '#try-control');
      expect(w.top).toBeGreaterThanOrEqual(c.bottom);
      expect(await watch()).toContain(await formula());
      await page.fill('#try-control', '8');
      await expect.poll(formula).not.toBe('112');
      await expect.poll(watch).toContain(await formula());
      await page.close();
    }, 60_000);
  }
});

describe('laptop: the matrix a step opens is in the side column’s view', () => {
  const cases: [number, string, number, number][] = [[5, 'en', 1280, 800], [6, 'zh', 1280, 800], [6, 'en', 1280, 800], [5, 'zh', 1366, 900]];
  for (const [n, lang, w, hgt] of cases) {
    it(`tour step ${n} (${lang}) at ${w}×${hgt}`, async () => {
      const { page } = await h.open(`?tour=${n}&lang=${lang}`, { width: w, height: hgt });
      await settled(page);
      const side = await page.$eval('aside.side', (s) => {
        const r = s.getBoundingClientRect();
        return { top: r.top + s.clientTop, bottom: r.top + s.clientTop + s.clientHeight };
      });
      const wrap = await box(page, '.matrix-wrap');
      const card = await box(page, '#tour');
      // The card keeps its top in sight.
      expect(card.top).toBeGreaterThanOrEqual(side.top - 1);
      // The matrix comes under it: the whole matrix where the column has room for the card's top
      // and the matrix both; else as much of it as the card allows, the card at the column's top.
      expect(wrap.top).toBeGreaterThanOrEqual(side.top);
      const room = side.bottom - card.top;
      const need = wrap.bottom - card.top;
      if (need <= room) expect(wrap.bottom).toBeLessThanOrEqual(side.bottom + 1);
      else expect(card.top - side.top).toBeLessThanOrEqual(12);
      await page.close();
    }, 60_000);
  }

  it('the next step without the matrix shows the column from its top, the card’s title first', async () => {
    const { page } = await h.open('?tour=6&lang=en', { width: 1280, height: 800 });
    await settled(page);
    // The reader scrolls down to the matrix; the next step starts again from the card's title.
    await page.$eval('aside.side', (s) => s.scrollBy({ top: 200 }));
    expect(await page.$eval('aside.side', (s) => s.scrollTop)).toBeGreaterThan(0);
    await page.click('#tour-next');
    await settled(page);
    expect(await page.$eval('aside.side', (s) => s.scrollTop)).toBe(0);
    await page.close();
  }, 60_000);
});

/** The cue against the stage's visible box and the lines of text it might lie over. */
const cueLook = (page: Page) => page.evaluate(() => {
  const stage = document.getElementById('stage')!;
  const s = stage.getBoundingClientRect();
  const cue = document.getElementById('stage-more')!;
  const c = cue.getBoundingClientRect();
  const over = Array.from(stage.querySelectorAll('p, li, h2, summary'))
    .filter((e) => !cue.contains(e))
    .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.left < c.right && c.left < r.right && r.top < c.bottom - 1 && c.top + 1 < r.bottom; })
    .map((e) => e.id || e.tagName);
  return { top: c.top, bottom: c.bottom, stageTop: s.top + stage.clientTop, stageBottom: s.top + stage.clientTop + stage.clientHeight, over, text: cue.textContent ?? '' };
});

describe('the stage’s "more below" cue', () => {
  const cases: [string, number, number][] = [
    ['?tour=6&lang=zh', 1280, 800], ['?tour=6&lang=en', 1280, 800], ['?tour=5&lang=en', 1280, 800],
    ['?tour=3&lang=zh', 1366, 900], ['?i=5&k=3&s=2&p=1&lang=en', 1366, 900], ['?i=5&k=3&s=2&p=1&t=1&lang=zh', 1280, 800],
    // The grids' legend on two lines (drawn after the figure is fitted: the stage measures again).
    ['?i=5&k=3&s=2&p=1&t=1&op=1&lang=en', 1280, 800],
  ];
  for (const [q, w, hgt] of cases) {
    it(`is in sight when the figure fills the stage, over no text: ${q} at ${w}×${hgt}`, async () => {
      const { page } = await h.open(q, { width: w, height: hgt });
      await settled(page);
      expect(await page.$eval('#stage', (s) => s.scrollTop)).toBe(0);
      expect(await page.isVisible('#stage-more')).toBe(true);
      const c = await cueLook(page);
      expect(c.top).toBeGreaterThanOrEqual(c.stageTop);
      expect(c.bottom, `cue ${c.top}–${c.bottom}, stage ends at ${c.stageBottom}`).toBeLessThanOrEqual(c.stageBottom);
      expect(c.over).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('follows a language switch at once', async () => {
    const { page } = await h.open('?tour=2&lang=en', { width: 1280, height: 800 });
    await settled(page);
    expect((await cueLook(page)).text).toMatch(/[A-Za-z]/);
    // At 1280 px the English header folds the preferences behind Settings (header.ts).
    if (!(await page.isVisible('#lang'))) await page.click('#prefs-toggle');
    await page.selectOption('#lang', 'zh');
    // As the switch's own redraw lands (the side material a frame later, the cue the frame after),
    // not at some later redraw.
    await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect((await cueLook(page)).text).toMatch(/[\u4e00-\u9fff]/);
    const named = (await cueLook(page)).text.replace('↓', '').trim();
    const headings = await page.$$eval('#stage > * > h2, #stage > details > summary', (hs) => hs.map((x) => x.textContent!.trim()));
    expect(headings).toContain(named);
    await page.close();
  }, 60_000);
});
