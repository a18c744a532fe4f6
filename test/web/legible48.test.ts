/**
 * Stop 48 (review R4): the picture mode's small text on a phone. The Learn chart's two loss values
 * were printed at 10 px; the docked footprint bar's key ("Pink: pixels read; dashed: copies read")
 * wrapped at 375 px wide with its last word alone on a second line. Measured as drawn: a text
 * element's font size times its <svg>'s scale on screen, and the key's lines from its box.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dockedKey } from './docked-key.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** A touch phone `width` wide (isMobile, as a phone's browser lays the page out). */
async function phone(query: string, width = 390, height = 844): Promise<{ page: Page; errors: string[] }> {
  const context = await h.browser.newContext({ viewport: { width, height }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(h.url + query);
  await page.waitForSelector('body[data-ready="1"]');
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
  return { page, errors };
}

describe('the Learn chart on a phone', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: its two loss values print at 11 px or more, inside the chart, clear of each other`, async () => {
      const { page, errors } = await phone(`?view=image&lang=${lang}`);
      await page.waitForSelector('[data-learn-kernel] input');
      for (let i = 1; i <= 3; i++) {
        await page.click('[data-learn-one]');
        await page.waitForFunction((n) => document.querySelector<HTMLElement>('[data-image-learn]')?.dataset.step === String(n), i);
      }
      const labels = await page.$$eval('[data-learn-curve] .curve-label', (ts) => ts.map((t) => {
        const m = (t as SVGGraphicsElement).getScreenCTM()!;
        const r = t.getBoundingClientRect();
        const svg = (t as SVGElement).ownerSVGElement!.getBoundingClientRect();
        return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b), top: r.top, bottom: r.bottom, left: r.left, right: r.right, svg: { top: svg.top, bottom: svg.bottom, left: svg.left, right: svg.right } };
      }));
      expect(labels).toHaveLength(2);
      for (const l of labels) {
        expect(l.px, String(l.text)).toBeGreaterThanOrEqual(11);
        expect(l.left).toBeGreaterThanOrEqual(l.svg.left);
        expect(l.right).toBeLessThanOrEqual(l.svg.right);
        expect(l.top).toBeGreaterThanOrEqual(l.svg.top - 0.5);
        expect(l.bottom).toBeLessThanOrEqual(l.svg.bottom + 0.5);
      }
      expect(labels[0].bottom).toBeLessThanOrEqual(labels[1].top);
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }

  it('a loss as small as "8.8 × 10⁻¹¹" stays left of the axis at the larger size', async () => {
    const { page } = await phone('?view=image&lang=en');
    // The widest value the axis prints (lossText's power of ten), measured in the chart's own font.
    const room = await page.$eval('[data-learn-curve]', (svg) => {
      const t = document.createElementNS('http://www.w3.org/2000/svg', 'text');
      t.setAttribute('class', 'curve-label');
      t.textContent = '8.8\u00a0×\u00a010⁻¹¹';
      svg.append(t);
      const w = (t as SVGTextElement).getComputedTextLength();
      t.remove();
      const axis = svg.querySelector('.curve-axis');
      return { w, axis: axis ? Number(axis.getAttribute('x1')) : null };
    });
    // Before the first step there is no axis: one step draws it.
    expect(room.w).toBeGreaterThan(0);
    await page.click('[data-learn-one]');
    await page.click('[data-learn-one]');
    await page.waitForSelector('[data-learn-curve] .curve-axis', { state: 'attached' });
    const axis = Number(await page.getAttribute('[data-learn-curve] .curve-axis', 'x1'));
    // The label ends 2 px left of the axis line, and starts inside the chart.
    expect(room.w).toBeLessThanOrEqual(axis - 2 - 2);
    await page.close();
  }, 90_000);
});


describe('the docked footprint key at 375 px wide', () => {
  for (const lang of ['en', 'zh'] as const) {
    for (const pm of ['zeros', 'reflect'] as const) {
      it(`${lang} ${pm}: one mark to a line, never a word left alone (the key at its size)`, async () => {
        const { page, errors } = await phone(`?view=image&lang=${lang}&k=3&s=1&p=1&pm=${pm}`, 375, 667);
        await page.$eval('canvas[data-image-output]', (c) => scrollBy(0, c.getBoundingClientRect().top - 360));
        const b = (await (await page.$('canvas[data-image-output]'))!.boundingBox())!;
        // The top-left corner: its taps read the padding, so the key names the padding's frames too.
        await page.mouse.click(b.x + 1, b.y + 4);
        await page.waitForFunction(() => document.querySelector('.layer-view')!.classList.contains('picked') && !document.querySelector('.layer-view')!.classList.contains('caption-seen'));
        const marks = (await page.getAttribute('[data-image-footprint]', 'data-key'))!.split(/; |；/).length;
        expect(marks, lang + pm).toBe(2);
        const k = await dockedKey(page);
        // Each mark on a line of its own: the key breaks after each mark's separator, and takes as
        // many lines as it has marks (no mark broken over two).
        expect(k.text.split('\\a').length, k.text).toBe(marks);
        expect(k.lines, `${lang} ${pm}: ${k.text}`).toBe(marks);
        expect(k.size).toBeGreaterThanOrEqual(0.85 * k.sentence - 0.01);
        expect(k.size).toBeGreaterThanOrEqual(11);
        expect(errors).toEqual([]);
        await page.close();
      }, 90_000);
    }
  }
});
