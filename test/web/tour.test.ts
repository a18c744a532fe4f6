/**
 * The tour (issue 10, item 2) in real headless Chromium: every step in English and in Chinese has
 * its prose, its figure and its "try it" control; the hooks `?tour=<n>`, `data-tour-text`,
 * `data-tour-step` / `data-tour-total` hold; next / previous, arrow keys, leaving the tour, the
 * step's control, Chinese refusals, and axe. Expected numbers come from the library.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { explain } from '../../src/index.js';
import { settled, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const open = (query: string, viewport?: { width: number; height: number }) => h.open(query, viewport);

const attr = (page: Page, sel: string, name: string) => page.$eval(sel, (el, n) => el.getAttribute(n) ?? '', name);
/** The step's prose as read (the page keeps formulas together with non-breaking spaces). */
const prose = async (page: Page) => ((await page.textContent('[data-tour-text]')) ?? '').replace(/\u00a0/g, ' ');

/** The drawn figure inside [data-stage]: the union of its visible SVGs' boxes. */
async function figureBox(page: Page) {
  return page.evaluate(() => {
    const stage = document.querySelector('[data-stage]')!;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const s of Array.from(stage.querySelectorAll('svg'))) {
      const r = s.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top); x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom);
    }
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0, kind: stage.getAttribute('data-stage') };
  });
}

const CJK = /[\u4e00-\u9fff]/;

describe('the tour', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`walks every step in ${lang === 'en' ? 'English' : 'Chinese'}: prose, figure, try-it control, step and total`, async () => {
      const { page, errors } = await open(`?tour=1&lang=${lang}`, { width: 1440, height: 900 });
      const total = Number(await attr(page, '[data-tour-total]', 'data-tour-total'));
      expect(total).toBeGreaterThanOrEqual(12);
      const seen = new Set<string>();
      for (let n = 1; n <= total; n++) {
        expect(await attr(page, '[data-tour-step]', 'data-tour-step')).toBe(String(n));
        expect(await attr(page, '[data-tour-total]', 'data-tour-total')).toBe(String(total));
        expect(new URL(page.url()).searchParams.get('tour')).toBe(String(n));
        const text = ((await page.textContent('[data-tour-text]')) ?? '').trim();
        expect(text.length, `step ${n}`).toBeGreaterThan(60);
        expect(text, `step ${n}: a placeholder left unfilled`).not.toMatch(/\{\w+\}/);
        // One to three sentences.
        const sentences = text.split(lang === 'zh' ? /[。！？]/ : /[.!?](?:\s|$)/).filter((x) => x.trim().length > 0);
        expect(sentences.length, `step ${n}: ${text}`).toBeLessThanOrEqual(3);
        if (lang === 'zh') expect(text).toMatch(CJK);
        else expect(text).not.toMatch(CJK);
        expect(seen.has(text), `step ${n} repeats another step`).toBe(false);
        seen.add(text);
        // The figure is drawn, and a control to try sits in the card.
        const box = await figureBox(page);
        expect(box.width, `step ${n}`).toBeGreaterThan(200);
        expect(box.height).toBeGreaterThan(150);
        if (box.kind === 'classic') expect(await attr(page, '#svg-classic', 'data-frame')).toMatch(/^\d+$/);
        else expect(await attr(page, '#svg-output', 'data-size')).toMatch(/^\d+x\d+$/);
        // A control to try, or (part 5 on a wide screen, 42e5549) the open matrix beside the card
        // with an invitation to step it by its own ◀ ▶.
        if (!(await page.isVisible('#try-control'))) {
          expect(await page.isVisible('#panel-matrix .matrix-wrap'), `step ${n}: no control and no matrix in sight`).toBe(true);
          expect((await page.textContent('#tour-try')) ?? '', `step ${n}`).toContain('◀ ▶');
        }
        const tryText = (await page.textContent('#tour-try')) ?? '';
        expect(tryText.length).toBeGreaterThan(10);
        if (lang === 'zh') expect(tryText).toMatch(CJK);
        expect(await page.isVisible('#error-banner')).toBe(false);
        if (n < total) await page.click('#tour-next');
      }
      expect(await page.isDisabled('#tour-next')).toBe(true);
      // It looks it: dimmed, not in the accent colour Next has on every other step.
      const look = await page.$eval('#tour-next', (b) => { const c = getComputedStyle(b); return { bg: c.backgroundColor, opacity: c.opacity, accent: getComputedStyle(document.body).getPropertyValue('--accent').trim() }; });
      expect(look.opacity).toBe('0.6');
      expect(look.accent).not.toBe('');
      expect(look.bg).not.toBe(await page.evaluate((a) => { const d = document.createElement('div'); d.style.background = a; document.body.append(d); const v = getComputedStyle(d).backgroundColor; d.remove(); return v; }, look.accent));
      expect(errors).toEqual([]);
      await page.close();
    }, 240_000);
  }

  for (const lang of ['en', 'zh'] as const) {
    it(`on a 390×844 phone every step's "try it" control is on the first screen (${lang})`, async () => {
      const { page, errors } = await open(`?tour=1&lang=${lang}`, { width: 390, height: 844 });
      const total = Number(await attr(page, '[data-tour-total]', 'data-tour-total'));
      for (let n = 1; n <= total; n++) {
        // Each step as a reader opens it: its own link, the page freshly laid out, not scrolled.
        if (n > 1) {
          await page.goto(`${h.url}?tour=${n}&lang=${lang}`);
          await page.waitForSelector('body[data-ready="1"]');
          // Measured once the side panels and the step's views are drawn (after data-ready): they may scroll or move the card.
          await settled(page);
        }
        expect(await attr(page, '[data-tour-step]', 'data-tour-step')).toBe(String(n));
        const c = await page.$eval('#try-control', (e) => {
          const r = e.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, scrollY: window.scrollY, vw: window.innerWidth, vh: window.innerHeight };
        });
        expect(c.scrollY, `step ${n}`).toBe(0);
        expect(c.top, `step ${n}`).toBeGreaterThanOrEqual(0);
        expect(c.left, `step ${n}`).toBeGreaterThanOrEqual(0);
        expect(c.bottom, `step ${n}: the control ends at ${c.bottom} of ${c.vh}`).toBeLessThanOrEqual(c.vh);
        expect(c.right, `step ${n}`).toBeLessThanOrEqual(c.vw);
        // The sentence that says what to try sits above it, on the same screen.
        const lead = await page.$eval('#tour-try p', (e) => e.getBoundingClientRect().top);
        expect(lead, `step ${n}`).toBeGreaterThanOrEqual(0);
        // And the figure is still a picture, not a thumbnail.
        const box = await figureBox(page);
        expect(box.width, `step ${n}`).toBeGreaterThanOrEqual(0.49 * 378);
        // The step chooses figure and view: on a phone their menus give their rows to the picture
        // (the stacked figure, without a player, keeps the figure menu to leave it).
        expect(await page.isVisible('#view'), `step ${n}`).toBe(false);
        expect(await page.isVisible('#figure'), `step ${n}`).toBe(box.kind === 'stack');
        // A classic figure keeps its legend (padding, inserted zeros, output padding) between the
        // planes and the card, on the same screen, not after the card.
        if ((await page.$eval('#figure', (e) => (e as HTMLSelectElement).value)) === 'classic') {
          const key = await page.$eval('#classic-key', (e) => ({ hidden: (e as HTMLElement).hidden, top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom }));
          const card = await page.$eval('#tour', (e) => e.getBoundingClientRect().top);
          expect(key.hidden, `step ${n}`).toBe(false);
          expect(key.top, `step ${n}`).toBeGreaterThanOrEqual(box.y + box.height - 1);
          expect(key.bottom, `step ${n}`).toBeLessThanOrEqual(card + 1);
        }
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 240_000);
  }

  it('opens a step by its URL with the step’s configuration, numbers from the library', async () => {
    // The channels step: 64 kernels of 3×3 on 3 channels, I·O·K from explain.
    const ioK = explain({ input: [8, 8], kernel: 3, inChannels: 3, outChannels: 64 }).paramsWithoutBias;
    expect(ioK).toBe(1728);
    const en = await open('?tour=4&lang=en');
    expect(await prose(en.page)).toContain(`= ${ioK} weights`);
    await en.page.close();
    // z = Cx: 4×4 input, 3×3 kernel, 2×2 output, C is 4×16; the matrix tab opens with the step.
    const m = await open('?tour=5&lang=zh');
    expect(await attr(m.page, '#svg-output', 'data-size')).toBe('2x2');
    await m.page.waitForSelector('body:not([data-pending])', { state: 'attached' });
    expect(await m.page.isVisible('#panel-matrix')).toBe(true);
    expect(await attr(m.page, '[data-matrix]', 'data-matrix')).toBe('C');
    expect(await attr(m.page, '[data-matrix]', 'data-rows')).toBe('4');
    expect(await attr(m.page, '[data-matrix]', 'data-cols')).toBe('16');
    expect(await prose(m.page)).toContain('4×16');
    await m.page.close();
    // Transposed, stride 1: 2×2 → 4×4 (PyTorch padding 0, the guide's p′ = 2).
    const t1 = await open('?tour=6&lang=en');
    expect(await attr(t1.page, '#svg-output', 'data-size')).toBe('4x4');
    expect(await t1.page.inputValue('#try-control')).toBe('0');
    const pp = explain({ input: [2, 2], kernel: 3, transposed: true }).axes[0].equivalent!.pPrime[0];
    expect(await prose(t1.page)).toContain(`with ${pp} zeros`);
    await t1.page.close();
    // Transposed, stride 2: 2×2 → 5×5, fractionally strided.
    const t2 = await open('?tour=7&lang=zh');
    expect(await attr(t2.page, '#svg-output', 'data-size')).toBe('5x5');
    expect(await prose(t2.page)).toContain('微步卷积');
    await t2.page.close();
    // Keys of the link apply on top of the step: existing URL keys keep working.
    const k = await open('?tour=1&k=2&lang=en');
    expect(await attr(k.page, '#svg-output', 'data-size')).toBe('3x3');
    expect(await k.page.inputValue('#try-control')).toBe('2');
    await k.page.close();
    // An out-of-range step is reported and ignored.
    const bad = await open('?tour=99&lang=en');
    expect(await bad.page.isVisible('#url-problems')).toBe(true);
    expect(await bad.page.getAttribute('body', 'data-mode')).toBe('free');
    await bad.page.close();
  }, 180_000);

  it('moves with previous / next and the arrow keys, and leaving keeps the step’s configuration', async () => {
    const { page } = await open('?tour=2&lang=en');
    await page.click('#tour-prev');
    expect(await attr(page, '[data-tour-step]', 'data-tour-step')).toBe('1');
    expect(await page.isDisabled('#tour-prev')).toBe(true);
    await page.focus('#tour');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await attr(page, '[data-tour-step]', 'data-tour-step')).toBe('3');
    await page.keyboard.press('ArrowLeft');
    expect(await attr(page, '[data-tour-step]', 'data-tour-step')).toBe('2');
    await page.keyboard.press('ArrowRight');
    // Step 3 (stride): change the step's own control.
    await page.fill('#try-control', '1');
    expect(await attr(page, '#svg-output', 'data-size')).toBe('5x5');
    await page.click('#tour-leave');
    expect(await page.getAttribute('body', 'data-mode')).toBe('free');
    expect(await page.$('[data-tour-step]')).toBeNull();
    expect(new URL(page.url()).searchParams.get('tour')).toBeNull();
    expect(await page.isVisible('#controls')).toBe(true);
    expect(await page.inputValue('#stride-h')).toBe('1');
    expect(await page.inputValue('#input-h')).toBe('5');
    expect(await attr(page, '#svg-output', 'data-size')).toBe('5x5');
    // Back in: the header button reopens the tour.
    await page.click('#tour-open');
    expect(await attr(page, '[data-tour-step]', 'data-tour-step')).toBe('1');
    await page.close();
  });

  it('step 8 (shape, not values): its try-it button brings the linked pair, x beside Cᵀ(Cx), into view', async () => {
    const { page } = await open('?tour=8&lang=en', { width: 1440, height: 900 });
    // Its top in the window (within a pixel: scrollIntoView may leave it at −0.5) and 100 px of it showing.
    const inView = () => page.$eval('#pair-panel', (e) => { const r = e.getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight - 100; });
    // The step opens with the figure whole and the pair's heading under it (tour-reveal36.test.ts);
    // scrolled back to the top, the stage shows the figure only, and the button brings the pair.
    await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
    await page.waitForFunction(() => document.querySelector('#stage')!.scrollTop > 0);
    await page.$eval('#stage', (s) => s.scrollTo({ top: 0 }));
    expect(await inView()).toBe(false);
    await page.click('#try-control');
    await page.waitForFunction(() => { const r = document.querySelector('#pair-panel')!.getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight - 100; });
    expect(await inView()).toBe(true);
    await page.close();
  });

  it('shows a refusal once, in Chinese, next to the step’s control', async () => {
    const { page } = await open('?tour=1&lang=zh');
    // The step's control applies only the kernels its layer takes (tour-words36.test.ts): a refusal
    // comes from a change outside the card (the form, on a wide screen), a 2×2 input under the kernel 3.
    await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: object): void } }).convkitPlayground.benchChange({ input: [2, 2] }));
    await page.waitForFunction(() => (document.querySelector('.field-error[data-for="try-control"]')?.textContent ?? '') !== '');
    const msg = (await page.textContent('.field-error[data-for="try-control"]')) ?? '';
    expect(msg).toMatch(CJK);
    expect(msg).toContain('填充');
    expect(msg).not.toMatch(/[A-Za-z]{3,}/);
    // Once: the banner only says the picture is the last valid one.
    const all = await page.$$eval('.field-error', (els) => els.map((e) => e.textContent ?? '').filter((x) => x.length > 0));
    expect(all).toEqual([msg]);
    expect(await page.textContent('#error-banner')).not.toContain(msg);
    // A kernel the 2×2 input takes: accepted, the banner goes.
    await page.fill('#try-control', '2');
    expect(await page.isHidden('#error-banner')).toBe(true);
    await page.close();
  });

  it('has no accessibility violations on tour steps and the playground (axe-core), both languages, wide and phone', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const pages = [
      ['?tour=1&lang=en', 1440, 900], ['?tour=9&lang=zh', 1440, 900], ['?tour=4&lang=zh', 390, 844],
      ['?tour=12&lang=en', 1440, 900], ['?tour=5&lang=zh', 1440, 900], ['?tour=12&lang=zh', 390, 844],
      ['?lang=en', 1440, 900], ['?lang=zh&theme=dark&fig=classic', 1440, 900], ['?lang=en&ci=3&co=2&n=1', 390, 844],
    ] as const;
    for (const [q, width, height] of pages) {
      const context = await h.browser.newContext({ bypassCSP: true, viewport: { width, height }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(h.url + q);
      await page.waitForSelector('body[data-ready="1"]');
      // Checked as drawn in full: the side panels (the matrix's name among them) come after data-ready.
      await settled(page);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      expect(result, `${q} at ${width}`).toEqual([]);
      await context.close();
    }
  }, 360_000);
});
