/**
 * The tour shows what each step is about (student review 32, B1 B2 B6 A7), in headless Chromium:
 * the view a step opens is in sight inside the stage (which scrolls by itself) and a cue names what
 * is below; step 6 (x = Cᵀz) shows Cᵀ in the Matrix tab; the Matrix tab leaves the figure its
 * size; on a phone a step opened from the card shows the whole player bar.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { afterPageTimers, fileHarness, settled } from './harness.js';

const h = fileHarness();

/** An element's box against the stage's visible box (the stage scrolls on a wide screen). */
const inStage = (page: Page, sel: string) =>
  page.evaluate((s) => {
    const stage = document.getElementById('stage')!;
    const r = stage.getBoundingClientRect();
    const e = document.querySelector(s)!.getBoundingClientRect();
    return { top: e.top, bottom: e.bottom, height: e.height, stageTop: r.top + stage.clientTop, stageBottom: r.top + stage.clientTop + stage.clientHeight, scrolls: stage.scrollHeight > stage.clientHeight };
  }, sel);

describe('a step’s view is in sight when the step opens (1280×800)', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`step 11: d = 1 vs d = 2, from a link and from Next (${lang})`, async () => {
      const { page, errors } = await h.open(`?tour=11&lang=${lang}`, { width: 1280, height: 800 });
      await settled(page);
      // It starts in sight, its heading on screen, under the figure, whose top stays in sight too
      // (tour-reveal36.test.ts: scrolling until the view was whole hid the output plane).
      let b = await inStage(page, '#dilation-view summary');
      expect(b.scrolls).toBe(true);
      expect(b.top).toBeGreaterThanOrEqual(b.stageTop - 1);
      expect(b.bottom).toBeLessThanOrEqual(b.stageBottom + 1);
      // It comes right under the step sentence, not after "Two ways to write it".
      const order = await page.evaluate(() => {
        const y = (id: string) => document.getElementById(id)!.getBoundingClientRect().top;
        return { step: y('step-text'), dilation: y('dilation-view'), notation: y('notation-view') };
      });
      expect(order.dilation).toBeGreaterThan(order.step);
      expect(order.dilation).toBeLessThan(order.notation);
      // Back to step 10 (no view): the stage shows its top, the player bar; Next opens 11 in sight again.
      await page.click('#tour-prev');
      await settled(page);
      expect(await page.$eval('#stage', (s) => s.scrollTop)).toBe(0);
      await page.click('#tour-next');
      await settled(page);
      b = await inStage(page, '#dilation-view summary');
      expect(b.top).toBeGreaterThanOrEqual(b.stageTop - 1);
      expect(b.bottom).toBeLessThanOrEqual(b.stageBottom + 1);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('step 8: the linked pair "under the figure" starts in sight, and the card\'s button brings its grids', async () => {
    const { page } = await h.open('?tour=8&lang=en', { width: 1280, height: 800 });
    await settled(page);
    const b = await inStage(page, '#pair-panel h2');
    expect(b.top).toBeGreaterThanOrEqual(b.stageTop - 1);
    expect(b.bottom).toBeLessThanOrEqual(b.stageBottom);
    // The heading shows under the figure; the explanation and the grids x … Cᵀ(Cx) a press away.
    await page.click('#try-control');
    // The stage scrolls to them (smoothly, where motion is allowed): wait until they are in.
    await expect.poll(() => page.$eval('[data-pair-grid]', (g) => g.getBoundingClientRect().bottom)).toBeLessThanOrEqual(b.stageBottom);
    await page.close();
  }, 60_000);

  it('the cue sits where the figure\'s lines end, over no text (it lay across the step sentence), and stays while the stage scrolls', async () => {
    for (const q of ['?i=5&k=3&s=2&p=1&lang=zh', '?i=5&k=3&s=2&p=1&lang=en', '?tour=2&lang=en']) {
      const { page } = await h.open(q, { width: 1280, height: 800 });
      await settled(page);
      expect(await page.isVisible('#stage-more'), q).toBe(true);
      const overlaps = () => page.evaluate(() => {
        const cue = document.getElementById('stage-more')!.getBoundingClientRect();
        const hit = (r: DOMRect) => r.width > 0 && r.left < cue.right && cue.left < r.right && r.top < cue.bottom && cue.top < r.bottom;
        return Array.from(document.querySelectorAll('#stage p, #stage li, #stage h2, #stage summary, #stage svg'))
          .filter((e) => hit(e.getBoundingClientRect())).map((e) => e.id || e.tagName);
      });
      expect(await overlaps(), q).toEqual([]);
      await page.$eval('#stage', (s) => s.scrollBy({ top: 300 }));
      await afterPageTimers(page, 100);
      expect(await page.isVisible('#stage-more'), q).toBe(true);
      expect(await overlaps(), q).toEqual([]);
      await page.close();
    }
  }, 90_000);

  it('the stage says what is below its edge, and the cue scrolls there', async () => {
    const { page } = await h.open('?tour=2&lang=zh', { width: 1280, height: 800 });
    await settled(page);
    expect(await page.isVisible('#stage-more')).toBe(true);
    const named = (await page.textContent('#stage-more'))!.replace('↓', '').trim();
    // It names a part by its own heading, in the page's language.
    const headings = await page.$$eval('#stage > * > h2, #stage > details > summary', (hs) => hs.map((x) => x.textContent!.trim()));
    expect(headings).toContain(named);
    expect(named).toMatch(/[\u4e00-\u9fff]/);
    await page.click('#stage-more');
    const headingAt = () => page.evaluate((name) => {
      const stage = document.getElementById('stage')!;
      const hd = Array.from(stage.querySelectorAll('h2, summary')).find((x) => x.textContent!.trim() === name)!;
      const r = hd.getBoundingClientRect();
      const s = stage.getBoundingClientRect();
      return { h: r.top, s: s.top, b: s.bottom };
    }, named);
    // The stage scrolls there (smoothly, where motion is allowed): wait until the heading is in.
    await expect.poll(async () => { const t = await headingAt(); return t.h >= t.s && t.h < t.b - 60; }).toBe(true);
    const top = await headingAt();
    expect(top.h).toBeGreaterThanOrEqual(top.s);
    expect(top.h).toBeLessThan(top.b - 60);
    await page.close();
  }, 60_000);
});

describe('step 6 (x = Cᵀz) shows Cᵀ of the layer step 5 showed C of', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`opens the Matrix tab on Cᵀ: 16×4 (${lang})`, async () => {
      const { page } = await h.open(`?tour=5&lang=${lang}`, { width: 1280, height: 800 });
      await page.click('#tour-next');
      await settled(page);
      expect(await page.getAttribute('#tab-matrix', 'aria-selected')).toBe('true');
      expect(await page.isVisible('#svg-matrix')).toBe(true);
      expect(await page.textContent('#matrix-caption')).toMatch(lang === 'zh' ? /^Cᵀ：16×4（/ : /^Cᵀ: 16×4 \(/);
      expect(await page.getAttribute('#svg-matrix', 'data-matrix')).toBe('CT');
      expect(await page.$eval('#matrix-mode', (s) => (s as HTMLSelectElement).value)).toBe('ct');
      await page.close();
    }, 60_000);
  }
});

describe('the Matrix tab leaves the figure its size', () => {
  const cases: [string, number, number][] = [['?i=5&k=3&s=2&p=1&lang=en', 1280, 800], ['?i=4&k=3&s=1&p=0&lang=zh', 1440, 900], ['?tour=5&lang=en', 1280, 800]];
  for (const [q, w, hgt] of cases) {
    it(`${q} at ${w}×${hgt}`, async () => {
      const { page } = await h.open(q, { width: w, height: hgt });
      const size = () => page.$eval('#figure-box', (b) => {
        const svgs = Array.from(b.querySelectorAll('svg')).filter((s) => s.getBoundingClientRect().width > 0);
        return { box: b.getBoundingClientRect().width, drawn: Math.max(...svgs.map((s) => s.getBoundingClientRect().width)) };
      });
      await page.click('#tab-formula');
      await settled(page);
      const before = await size();
      await page.click('#tab-matrix');
      await afterPageTimers(page, 400);
      const after = await size();
      expect(after.box).toBeGreaterThanOrEqual(before.box - 1);
      expect(after.drawn).toBeGreaterThanOrEqual(before.drawn - 1);
      // The matrix stays in its column: it scrolls sideways there, and says so when it must.
      const m = await page.$eval('.matrix-wrap', (x) => ({ right: x.getBoundingClientRect().right, sw: x.scrollWidth, cw: x.clientWidth }));
      expect(m.right).toBeLessThanOrEqual(w);
      expect(await page.isVisible('#matrix-scroll')).toBe(m.sw > m.cw + 1);
      await page.close();
    }, 60_000);
  }
});

describe('on a phone a step opened from the card shows the whole player bar (390×844)', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`Next, read down to the card (${lang})`, async () => {
      const { page } = await h.open(`?lang=${lang}`, { width: 390, height: 844 });
      await page.click('#tour-open');
      for (let n = 2; n <= 6; n++) {
        // The reader scrolls the card's Next button to the bottom of the screen and presses it.
        await page.$eval('#tour-next', (b) => b.scrollIntoView({ block: 'end' }));
        await page.click('#tour-next');
        await settled(page);
        const r = await page.$eval('#stage .player', (p) => p.getBoundingClientRect());
        expect(r.top, `step ${n}`).toBeGreaterThanOrEqual(0);
        expect(r.bottom, `step ${n}`).toBeLessThan(844 / 2);
      }
      await page.close();
    }, 90_000);
  }
});
