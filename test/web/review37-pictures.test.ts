/**
 * What the 37th student review found, in headless Chromium: the image mode's stacks menu named a
 * transposed layer's stack "This layer three times: …", which a closed menu shows alone, so nothing
 * said the three layers are transposed; the Chinese docked bar under the pictures was ~133 px tall
 * where the English was ~113, its key wrapped to a second line; and on a phone tour step 4's output
 * planes were four unlabelled squares "0 1 2 3" and "12 →", without the values the desktop shows.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';
import { optionFits } from './select-fit.js';

const h = fileHarness();
const PHONE = { width: 390, height: 844 };

describe('image mode: the stacks menu says a transposed stack is transposed', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: the transposed layer's entry names it, and is whole in the phone's menu`, async () => {
      const context = await h.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${h.url}?view=image&lang=${lang}&k=3&s=2&p=1&t=1&op=1`);
      await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 60_000 });
      // The entry alone in a menu styled as this one, as wide as it wants (select-fit.ts).
      const fits = await optionFits(page, '#image-field-stack', 'option[value="layer"]');
      expect(fits).toHaveLength(1);
      const [m] = fits;
      // The closed menu shows this entry alone: it says "transposed" itself.
      expect(m.text).toMatch(lang === 'en' ? /transposed/i : /转置卷积/);
      expect(m.need, m.text).toBeLessThanOrEqual(m.width + 0.5);
      expect(m.right).toBeLessThanOrEqual(await page.evaluate(() => innerWidth));
      await context.close();
    }, 90_000);
  }
});

/** The phone's docked bar after a tap on the output, scrolled so that the enlargement's caption is out of sight (the bar then shows its key). */
async function dockedBar(page: Page) {
  // Every redraw asked for is drawn: a later one could still change the page's height under the scroll below.
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
  await page.$eval('canvas[data-image-output]', (e) => e.scrollIntoView({ block: 'start' }));
  const out = await page.$eval('canvas[data-image-output]', (e) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, width: r.width, height: r.height }; });
  await page.mouse.click(out.left + out.width * 0.7, out.top + out.height * 0.3);
  await page.waitForFunction(() => document.querySelector('.layer-view')!.classList.contains('picked'));
  // The output's foot just above the window's bottom: the bar docks over it, the caption below is
  // out of sight. The scroll is set again at each poll, so that a layout change after the tap (the
  // enlargement filled in, slowly on a loaded machine) cannot leave the caption in view.
  await page.waitForFunction(() => {
    scrollBy(0, document.querySelector('canvas[data-image-output]')!.getBoundingClientRect().bottom - innerHeight + 14);
    return !document.querySelector('.layer-view')!.classList.contains('caption-seen');
  });
  return page.evaluate(() => {
    const r = (s: string) => document.querySelector(s)!.getBoundingClientRect();
    const [stack, words] = [r('.zoom-stack'), r('[data-image-footprint]')];
    const said = document.querySelector<HTMLElement>('[data-image-footprint]')!;
    const key = getComputedStyle(said, '::after');
    return {
      height: Math.max(stack.bottom, words.bottom) - Math.min(stack.top, words.top),
      bottom: Math.max(stack.bottom, words.bottom),
      key: said.dataset.key ?? '',
      keyShown: key.display !== 'none' && key.content !== 'none',
      keyLines: parseFloat(key.height) / parseFloat(key.lineHeight),
    };
  });
}

describe('image mode on a phone: the Chinese docked bar is as compact as the English', () => {
  it('its key takes one line, naming both marks, and the bar is no taller than the English one by more than a line', async () => {
    const bars: Record<string, Awaited<ReturnType<typeof dockedBar>>> = {};
    for (const lang of ['en', 'zh'] as const) {
      const { page, errors } = await h.open(`?view=image&lang=${lang}`, PHONE);
      bars[lang] = await dockedBar(page);
      expect(bars[lang].keyShown, lang).toBe(true);
      expect(bars[lang].bottom, lang).toBeLessThanOrEqual(PHONE.height + 0.5);
      expect(errors).toEqual([]);
      await page.close();
    }
    // The default layer is padded with zeros: the key names the pixels read and the zeros read.
    expect(bars.zh.key).toMatch(/^粉色框：读取的像素；深色框：读到零/);
    // It wrapped to a second line ("…读到零的 / 位置"), the bar 133 px against the English 113.
    expect(bars.zh.keyLines).toBeLessThan(1.5);
    expect(bars.zh.height).toBeLessThan(bars.en.height + 10);
  }, 120_000);
});

/** Sets the tour's try-it control to `n` as a reader types it. */
async function tryValue(page: Page, n: number): Promise<void> {
  await page.fill('#try-control', String(n));
  await page.press('#try-control', 'Tab');
}

/** The output strip as a student reads it: its line, and each plane's index, value and box. */
const strip = (page: Page) => page.$eval('[data-output-strip]', (e) => {
  const d = (e as HTMLElement).dataset;
  const planes = Array.from(e.querySelectorAll<HTMLElement>('[data-output-plane]'), (b) => {
    const v = b.querySelector<HTMLElement>('[data-value]');
    const vr = v?.getBoundingClientRect();
    return {
      j: Number(b.dataset.outputPlane),
      value: v ? Number(v.dataset.value) : null,
      text: v?.textContent ?? '',
      seen: !!vr && vr.width > 0 && vr.height > 0,
      font: v ? parseFloat(getComputedStyle(v).fontSize) : 0,
    };
  });
  const right = Math.max(...[e, ...Array.from(e.querySelectorAll('button, p'))].map((b) => b.getBoundingClientRect().right));
  return { head: e.querySelector('.output-strip-head')?.textContent ?? '', shown: Number(d.shown), rest: Number(d.rest), planes, right };
});

describe('tour step 4 on a phone: the output planes say what they are', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: each plane drawn shows its value, and the line over them says which of how many`, async () => {
      const { page, errors } = await h.open(`?tour=4&lang=${lang}`, PHONE);
      await tryValue(page, 16);
      await page.evaluate(() => scrollTo(0, 0));
      await expect.poll(() => page.$$eval('[data-output-plane]', (es) => es.length)).toBeGreaterThan(2);
      const s = await strip(page);
      expect(s.right, lang).toBeLessThanOrEqual(PHONE.width);
      // Every plane drawn shows its value at the step's output cell, legibly (they showed none).
      for (const p of s.planes) {
        expect(p.value, `${lang} plane ${p.j}`).not.toBeNull();
        expect(p.seen, `${lang} plane ${p.j}`).toBe(true);
        expect(p.font, `${lang} plane ${p.j}`).toBeGreaterThanOrEqual(11);
      }
      // The chosen plane's value is the sum the figure above draws for it (the engine's output).
      const sum = await page.$eval('#stage-channels [data-channel-sum]', (e) => Number((e as HTMLElement).dataset.output));
      expect(s.planes.find((p) => p.j === 0)!.value).toBeCloseTo(sum, 5);
      // The line over them counts: which output channels are drawn, of how many in all.
      const counted = (head: string) => (head.match(/\d+/g) ?? []).map(Number);
      const [a, b, n] = counted(s.head);
      expect([a, b, n], s.head).toEqual([s.planes[0].j, s.planes[s.planes.length - 1].j, s.shown + s.rest]);
      expect(n).toBe(16);
      // "N →" brings the next planes; the line follows.
      await page.click('[data-output-strip] [data-more]:last-child');
      await expect.poll(async () => counted((await strip(page)).head)[1]).toBeGreaterThan(b);
      const t = await strip(page);
      expect(counted(t.head).slice(0, 2), t.head).toEqual([t.planes[0].j, t.planes[t.planes.length - 1].j]);
      // With a count on each side now, the row still fits the phone.
      expect(t.right, lang).toBeLessThanOrEqual(PHONE.width);
      // The step's control stays on the first screen.
      await page.evaluate(() => scrollTo(0, 0));
      const control = await page.$eval('#try-control', (e) => e.getBoundingClientRect().bottom);
      expect(control, lang).toBeLessThanOrEqual(PHONE.height);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
