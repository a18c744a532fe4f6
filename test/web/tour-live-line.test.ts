/**
 * The tour card answers a Try-it where the reader is looking (student review, phone 390×844 and
 * laptop): a live line under the step's control says what the layer gives now, in the step's
 * terms and with the library's numbers and names; the "your change" note is kept for changes the
 * step did not invite; and the last step ends in two ways on (free mode with this layer, or the
 * pictures), both reachable from the keyboard.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { explain } from '../../src/arithmetic/explain.js';
import { formatNumber, t as libraryT } from '../../src/i18n/index.js';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();
const phone = { width: 390, height: 844 };
const now = (page: Page) => page.textContent('#tour-now').then((s) => (s ?? '').replace(/\u00a0/g, ' ').replace(/\u2060/g, ''));
const sq = (n: number) => `${n}×${n}`;

/** The line is in the card under the step's control, on the first screen, and a polite live region. */
async function placed(page: Page, height: number): Promise<void> {
  const where = await page.$eval('#tour-now', (e) => {
    const control = document.getElementById('try-control')!;
    return {
      live: e.getAttribute('aria-live'),
      inTry: e.closest('#tour-try') !== null,
      after: (control.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
      top: e.getBoundingClientRect().top,
      bottom: e.getBoundingClientRect().bottom,
    };
  });
  expect(where.live).toBe('polite');
  expect(where.inTry && where.after).toBe(true);
  expect(where.top).toBeGreaterThan(0);
  expect(where.bottom).toBeLessThanOrEqual(height);
}

describe('the live line under the Try-it', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`step 2 (${lang}): each padding's output size and the guide's name for the case, on a phone's first screen`, async () => {
      const { page, errors } = await h.open(`?tour=2&lang=${lang}`, phone);
      for (const p of [2, 0, 1, 3]) {
        await page.fill('#try-control', String(p));
        const e = explain({ input: [5, 5], kernel: 3, padding: p });
        const name = libraryT(lang, `rel.${e.relationships[0]}.name`);
        await expect.poll(() => now(page)).toContain(`${sq(5)} → ${sq(e.output[0])}`);
        expect(await now(page)).toContain(name);
        // The invited change is answered by the line, not by the note about the text's numbers.
        expect(await page.isHidden('#tour-changed')).toBe(true);
      }
      await placed(page, phone.height);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it(`step 4 (${lang}): the parameter count with its terms I·O·K plus biases, as the Formula tab counts it`, async () => {
      const { page, errors } = await h.open(`?tour=4&lang=${lang}`, phone);
      await page.fill('#try-control', '8');
      const e = explain({ input: [5, 5], kernel: 3, padding: 1, inChannels: 3, outChannels: 8, bias: true });
      const [o, i, kh, kw] = e.weightShape!;
      await expect.poll(() => now(page)).toContain(formatNumber(e.params));
      expect(await now(page)).toContain(`${i}·${o}·${kh * kw}`);
      expect(await now(page)).toContain(`${lang === 'en' ? 'plus' : '加上'} ${e.counts!.biases}`);
      expect(await page.textContent('#params-text')).toBe(formatNumber(e.params));
      await placed(page, phone.height);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it(`step 10 (${lang}): the output padding and the size it gives`, async () => {
      const { page, errors } = await h.open(`?tour=10&lang=${lang}`, phone);
      for (const a of [0, 1]) {
        await page.fill('#try-control', String(a));
        const e = explain({ input: [3, 3], kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: a });
        await expect.poll(() => now(page)).toContain(`${sq(3)} → ${sq(e.output[0])}`);
        expect(await now(page)).toContain(`${lang === 'zh' ? '输出填充' : 'output padding'} a = ${a}`);
      }
      await placed(page, phone.height);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it(`step 13 (${lang}): the input and output sizes and the guide's formula follow the input box, and the note stays for other changes`, async () => {
      const { page, errors } = await h.open(`?tour=13&lang=${lang}`, phone);
      // 30: the largest input the classic figure draws for this layer (tour-words36), which the box takes.
      for (const i of [6, 30, 4]) {
        await page.fill('#try-control', String(i));
        const e = explain({ input: [i, i], kernel: 4, stride: 2, padding: 1, transposed: true });
        await expect.poll(() => now(page)).toContain(`${sq(i)} → ${sq(e.output[0])}`);
        // The guide's formula with the numbers in it, as the Formula tab writes it.
        expect(await now(page)).toContain(`${e.axes[0].substituted} = ${e.output[0]}`);
        expect(await page.isHidden('#tour-changed')).toBe(true);
      }
      await placed(page, phone.height);
      // A change the step did not invite (the kernel, set from outside the card): the line follows
      // the figure, and the note says the text's numbers are the step's own layer.
      await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: object): void } }).convkitPlayground.benchChange({ kernel: [3, 3] }));
      const e = explain({ input: [4, 4], kernel: 3, stride: 2, padding: 1, transposed: true });
      await expect.poll(() => now(page)).toContain(`${sq(4)} → ${sq(e.output[0])}`);
      expect(await page.isVisible('#tour-changed')).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('a refused value hides the line (it would answer a change the figure does not show) until one is accepted', async () => {
    const { page } = await h.open('?tour=1&lang=en', phone);
    await page.fill('#try-control', '5');
    // On a phone the refusal is said in the card only (the banner above the figure is put away there).
    await expect.poll(() => page.textContent('.field-error[data-for="try-control"]')).not.toBe('');
    expect(await page.isHidden('#tour-now')).toBe(true);
    await page.fill('#try-control', '2');
    await expect.poll(() => page.isVisible('#tour-now')).toBe(true);
    expect(await now(page)).toContain(`${sq(4)} → ${sq(explain({ input: [4, 4], kernel: 2 }).output[0])}`);
    await page.close();
  }, 60_000);

  it('every step whose control changes a size has a line, in both languages, and says it in the step’s language', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { page } = await h.open(`?tour=1&lang=${lang}`, phone);
      for (const [n, step] of TOUR.entries()) {
        if (n > 0) {
          await page.click('#tour-next');
          await expect.poll(() => page.getAttribute('#tour', 'data-tour-step')).toBe(String(n + 1));
        }
        if (!step.now) {
          expect(await page.$('#tour-now')).toBeNull();
          continue;
        }
        expect(await now(page), `step ${n + 1} ${lang}`).toMatch(lang === 'en' ? /^Now: / : /^现在：/);
        // No {name} left unfilled.
        expect(await now(page)).not.toMatch(/[{}]/);
      }
      await page.close();
    }
  }, 120_000);
});

describe('the last step’s ways on', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`step 13 (${lang}): leave the tour keeping its layer, from the keyboard`, async () => {
      const { page, errors } = await h.open(`?tour=13&lang=${lang}`, phone);
      await page.fill('#try-control', '6');
      await expect.poll(() => now(page)).toContain(sq(6));
      // Tab from the step's control reaches the two ways on.
      const reached: string[] = [];
      for (let k = 0; k < 6 && reached.length < 2; k++) {
        await page.keyboard.press('Tab');
        const id = await page.evaluate(() => document.activeElement?.id ?? '');
        if (id === 'tour-end-free' || id === 'tour-end-pictures') reached.push(id);
      }
      expect(reached).toEqual(['tour-end-free', 'tour-end-pictures']);
      await page.focus('#tour-end-free');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getAttribute('body', 'data-mode')).toBe('free');
      const s = await page.evaluate(() => (window as unknown as { convkitPlayground: { state(): { tour: number; input: number[]; kernel: number[]; transposed: boolean } } }).convkitPlayground.state());
      expect(s.tour).toBe(0);
      expect(s.input).toEqual([6, 6]);
      expect(s.kernel).toEqual([4, 4]);
      expect(s.transposed).toBe(true);
      // The keyboard's place stays in the card.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('tour');
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it(`step 13 (${lang}): try it on pictures opens the image mode with this layer`, async () => {
      const { page, errors } = await h.open(`?tour=13&lang=${lang}`, { width: 1280, height: 800 });
      expect(await page.isVisible('#tour-end-pictures')).toBe(true);
      await page.focus('#tour-end-pictures');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getAttribute('body', 'data-view')).toBe('image');
      const s = await page.evaluate(() => (window as unknown as { convkitPlayground: { state(): { tour: number; page: string; kernel: number[]; stride: number[]; transposed: boolean } } }).convkitPlayground.state());
      expect([s.page, s.tour]).toEqual(['image', 0]);
      expect([s.kernel, s.stride, s.transposed]).toEqual([[4, 4], [2, 2], true]);
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('image');
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('only the last step has them', async () => {
    const { page } = await h.open('?tour=12&lang=en', phone);
    expect(await page.$('[data-tour-end]')).toBeNull();
    await page.click('#tour-next');
    await expect.poll(() => page.$('[data-tour-end]').then((e) => e !== null)).toBe(true);
    await page.close();
  }, 60_000);
});
