/**
 * What the 32nd student review found the page doing wrong, in headless Chromium: the C / Cᵀ menu
 * follows the matrix drawn when "Transposed" is ticked; a refused "Try it" value does not also
 * claim the figure shows it; a field's message follows a language switch; the Formula panel says
 * "o = i = 5" once; the arrow keys step from the player's buttons; the stacked-layers step draws
 * every rate its control accepts and greys the stale figure as the others do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BOUNDS } from '../../web/src/state.js';
import { stackReach } from '../../web/src/stack-reach.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 180_000);
afterAll(async () => { await h?.close(); });

const open = (query: string) => h.open(query, { width: 1280, height: 800 });
const frame = (page: Page) => page.evaluate(() => (window as unknown as { convkitPlayground: { state(): { frame: number } } }).convkitPlayground.state().frame);
const text = (page: Page, sel: string) => page.textContent(sel).then((t) => (t ?? '').trim());

describe('review 32', () => {
  it('the C / Cᵀ menu names the matrix drawn after ticking or unticking Transposed, and C of the transposed layer is one choice away', async () => {
    const { page, errors } = await open('?i=3&k=3&s=2&p=1&lang=en');
    await page.click('#tab-matrix');
    const shown = () => page.$eval('[data-matrix]', (e) => e.getAttribute('data-matrix'));
    const menu = () => page.$eval('#matrix-mode', (e) => (e as HTMLSelectElement).value);
    expect([await shown(), await menu()]).toEqual(['C', 'c']);
    await page.check('#transposed');
    await expect.poll(shown).toBe('CT');
    expect(await menu()).toBe('ct');
    // The C of the layer this Cᵀ belongs to: the menu's other choice, which now sends a change.
    await page.selectOption('#matrix-mode', 'c');
    await expect.poll(shown).toBe('C');
    expect(await text(page, '#matrix-caption')).toContain('the direct convolution this layer transposes');
    await page.selectOption('#matrix-mode', 'ct');
    await expect.poll(shown).toBe('CT');
    await page.uncheck('#transposed');
    await expect.poll(shown).toBe('C');
    expect(await menu()).toBe('c');
    expect(errors).toEqual([]);
  });

  // Step 1's kernel 5 on a 4×4 input, step 6's padding 2 (p′ = 0 crops the 2×2 input away),
  // step 11's dilation 4 (footprint 9 on a 7×7 input): refused by the library.
  for (const [n, refused, accepted] of [[1, '5', '2'], [6, '2', '1'], [11, '4', '3']] as const) {
    it(`a refused try-it value on step ${n} is not also called the figure's change`, async () => {
      const { page } = await open(`?tour=${n}&lang=en`);
      await page.fill('#try-control', refused);
      await expect.poll(() => page.isVisible('#error-banner')).toBe(true);
      expect(await text(page, '.field-error[data-for="try-control"]')).not.toBe('');
      expect(await page.isHidden('#tour-changed')).toBe(true);
      // An accepted change is answered again, by the live line under the control (the change the
      // step invites is no reason for the note about the text's numbers).
      await page.fill('#try-control', accepted);
      await expect.poll(() => page.isHidden('#error-banner')).toBe(true);
      expect(await page.isVisible('#tour-now')).toBe(true);
      expect(await page.isHidden('#tour-changed')).toBe(true);
    });
  }

  it('a field message under the form follows a language switch', async () => {
    const { page } = await open('?lang=en');
    await page.fill('#input-h', '0');
    const slot = '.field-error[data-for~="input-h"]';
    await expect.poll(() => text(page, slot)).toBe(`Enter a whole number from ${BOUNDS.input[0]} to ${BOUNDS.input[1]}.`);
    // At 1280 px the English header folds the preferences behind Settings (header.ts).
    if (!(await page.isVisible('#lang'))) await page.click('#prefs-toggle');
    await page.selectOption('#lang', 'zh');
    await expect.poll(() => text(page, slot)).toContain(`请输入 ${BOUNDS.input[0]} 到 ${BOUNDS.input[1]} 之间的整数`);
    await page.selectOption('#lang', 'en');
    await expect.poll(() => text(page, slot)).toContain('Enter a whole number');
  });

  it('the Formula panel says o = i = 5 once for half padding', async () => {
    const { page } = await open('?i=5&k=3&s=1&p=1&lang=en');
    const formula = await text(page, '#formula');
    expect(formula).toContain('o = i = 5');
    expect(formula).not.toMatch(/o = i = 5 = 5/);
  });

  it('the arrow keys step the animation from the player buttons; the tabs keep their own arrows', async () => {
    const { page } = await open('?i=5&k=3&s=1&p=0&lang=en');
    await page.click('#btn-forward');
    expect(await frame(page)).toBe(1);
    await page.keyboard.press('ArrowRight');
    expect(await frame(page)).toBe(2);
    await page.keyboard.press('ArrowLeft');
    expect(await frame(page)).toBe(1);
    await page.focus('#btn-play');
    await page.keyboard.press('End');
    expect(await frame(page)).toBe(8);
    await page.keyboard.press('Home');
    expect(await frame(page)).toBe(0);
    // A tab takes the arrows for itself (moves to the next tab) and does not step.
    await page.focus('#tab-formula');
    await page.keyboard.press('ArrowRight');
    expect(await frame(page)).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('tab-formula');
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`step 12 draws the stack for every rate its control accepts, and greys a stale figure (${lang})`, async () => {
      const { page, errors } = await open(`?tour=12&lang=${lang}`);
      for (const d of [5, 8, 3]) {
        await page.fill('#try-control', String(d));
        const span = stackReach([d, d, d], 3).span;
        await expect.poll(() => page.$eval('#stack-figure svg', (s) => s.getAttribute('data-spans'))).toBe(`${span},${stackReach([1, 2, 5], 3).span}`);
        expect(await page.isHidden('#error-banner')).toBe(true);
        expect(await text(page, '.field-error[data-for="try-control"]')).toBe('');
        expect(await page.$eval('#stack-figure', (e) => e.classList.contains('stale'))).toBe(false);
      }
      // Back to the step's own rate: the step's own layer (no "your change" note).
      await page.fill('#try-control', '2');
      await expect.poll(() => page.isHidden('#tour-changed')).toBe(true);
      // A value out of range keeps the last figure, greyed as every refused figure is.
      await page.fill('#try-control', String(BOUNDS.dilation[1] + 1));
      await expect.poll(() => page.$eval('#stack-figure', (e) => e.classList.contains('stale'))).toBe(true);
      expect(errors).toEqual([]);
    });
  }

  it('Chinese wording: the guide\'s cases, the axes, the batch, the tour picker and the Try-it label with no second colon', async () => {
    const { page } = await open('?i=5&k=3&s=2&p=1&lang=zh');
    const formula = await text(page, '#formula');
    expect(formula).toContain('高度方向（H）：关系式 6（有填充，步长大于 1）');
    expect(formula).toContain('宽度方向（W）：');
    expect(formula).toContain('批大小 1');
    expect(formula).not.toMatch(/轴 [HW]|零填充|单位步长|批量/);
    const t = await open('?i=3&k=3&s=2&p=0&t=1&lang=zh');
    expect(await text(t.page, '#formula')).toContain('关系式 12（转置卷积，无填充，步长大于 1，');
    for (const lang of ['en', 'zh'] as const) {
      const tour = await open(`?tour=5&lang=${lang}`);
      // The label on its own line, no colon after it; the invitation keeps its own one colon.
      const label = await tour.page.$eval('#tour-try p strong', (e) => [e.textContent, e.nextElementSibling?.tagName]);
      expect(label).toEqual([lang === 'en' ? 'Try it' : '动手试试', 'BR']);
      const lead = await text(tour.page, '#tour-try p');
      expect((lead.match(/[:：]/g) ?? []).length).toBe(1);
      if (lang === 'zh') expect(await text(tour.page, '.tour-jump [data-i18n="tourJump"]')).toContain('跳到第几节');
    }
  });
});
