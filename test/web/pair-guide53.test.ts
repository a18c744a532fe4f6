/**
 * "Two ways to write it" (notation-view.ts) and its guide form, after a student review (stop 53).
 *
 * 1. While the Layer form holds a layer the library refuses (`?i=3&k=3&s=2&p=0&t=1&op=2`: output
 *    padding 2 with stride 2), the figure shows the last valid layer, dimmed, or the default one
 *    when none came before; the panel described that layer as "This layer", and mixed it with the
 *    refused settings: "This layer is a direct convolution: type the numbers…" beside a ticked
 *    Transposed box. Pinned: while the settings are refused the panel says first, in the page's
 *    language, that it describes the figure's layer instead, names it (the last valid or the
 *    default layer, its kind and sizes), and its form note calls it "the figure's layer"; the form
 *    fills in that layer's numbers and "Use these" builds from it. With the settings valid again
 *    the line goes away and the note says "This layer" again.
 * 2. The guide form filled in p′ = −1 for a transposed layer whose PyTorch padding is above k̂ − 1
 *    (`?i=5&k=3&s=2&p=3&t=1`), then refused it ("Padding p′ = −1 is below 0"). Pinned: the form
 *    never fills in a number its "Use these" refuses: on such layers (that crop; p′ or a not the
 *    same on every side) the field is left empty and the note says why, and pressing "Use these"
 *    as filled in either builds the layer or asks only for an empty field.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();

const WORDS = {
  en: {
    insteadDefault: 'The layer you set is not valid, so this panel describes the figure’s instead: the default layer (a direct convolution, 5×5 → 3×3).',
    insteadLast: 'The layer you set is not valid, so this panel describes the figure’s instead: the last valid layer (a transposed convolution, 3×3 → 8×8).',
    figureDirect: 'The figure’s layer is a direct convolution, ',
    figureTransposed: 'The figure’s layer is a transposed convolution: ',
    thisTransposed: 'This layer is a transposed convolution: ',
    beyond: 'Padding p′ is left empty: here p′ = −1 (a crop), but the guide’s p′, which this form takes, runs from 0 to 2.',
    empty: /^(Padding p′|Output padding a) is empty\./,
  },
  zh: {
    insteadDefault: '你设置的层无效，所以这里说的是图中显示的默认参数的层（普通卷积，5×5 → 3×3）。',
    insteadLast: '你设置的层无效，所以这里说的是图中显示的上一组有效参数的层（转置卷积，3×3 → 8×8）。',
    figureDirect: '图中这一层是普通卷积，',
    figureTransposed: '图中这一层是转置卷积，',
    thisTransposed: '当前这一层是转置卷积，',
    beyond: '填充 p′ 没有预填：这里 p′ = −1（即裁剪），而这个表单按教程只接受 0 到 2。',
    empty: /^(填充 p′|输出填充 a) 还没有填。/,
  },
} as const;

const text = async (page: Page, sel: string) => ((await page.textContent(sel)) ?? '').trim();
const shown = (page: Page, sel: string) => page.$eval(sel, (el) => !(el as HTMLElement).hidden && (el as HTMLElement).offsetParent !== null);
const fields = (page: Page) => Promise.all(['#guide-stride', '#guide-padding', '#guide-a'].map((s) => page.inputValue(s)));

/** Types output padding H and W into the Layer form (the caller waits for what it changes). */
async function setOutputPadding(page: Page, v: string): Promise<void> {
  for (const id of ['#op-h', '#op-w']) {
    await page.fill(id, v);
    await page.press(id, 'Enter');
  }
  await settled(page);
}

describe('the notation panel while the layer is refused', () => {
  for (const lang of ['en', 'zh'] as const) {
    const w = WORDS[lang];
    it(`${lang}: says it describes the figure’s layer, names it, and builds from it`, async () => {
      // No valid layer before: the figure shows the default one (a direct 5×5 → 3×3).
      const { page, context, errors } = await h.open(`?i=3&k=3&s=2&p=0&t=1&op=2&lang=${lang}`, { width: 1280, height: 800 });
      expect(await page.isChecked('#transposed')).toBe(true);
      expect(await shown(page, '#notation-instead')).toBe(true);
      expect(await text(page, '#notation-instead')).toBe(w.insteadDefault);
      // The form's note speaks of the figure's layer, never of "this layer" beside the ticked box.
      const note = await text(page, '#notation-form-note');
      expect(note.startsWith(w.figureDirect), note).toBe(true);
      // It fills in the transposed conv that restores the default layer (3×3 → 5×5), and "Use these"
      // builds that one from the layer it describes (kernel 3), which the page takes.
      expect(await fields(page)).toEqual(['1/2', '1', '0']);
      await page.click('#guide-apply');
      await page.waitForFunction(() => !document.querySelector('#notation-status')?.classList.contains('field-error') && (document.querySelector('#notation-status')?.textContent ?? '') !== '');
      await settled(page);
      expect(await page.$eval('#notation-instead', (el) => (el as HTMLElement).hidden)).toBe(true);
      expect(await text(page, '[data-notation-torch]')).toBe('ConvTranspose2d(stride=2, padding=1, output_padding=0)');
      expect(new URL(page.url()).searchParams.get('t')).toBe('1');
      expect(new URL(page.url()).searchParams.get('i')).toBe('3');
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);

    it(`${lang}: after a valid layer, names the last valid one; the settings valid again, “this layer”`, async () => {
      const { page, context, errors } = await h.open(`?i=3&k=3&s=2&p=0&t=1&op=1&lang=${lang}`, { width: 390, height: 844 });
      expect(await page.$eval('#notation-instead', (el) => (el as HTMLElement).hidden)).toBe(true);
      expect((await text(page, '#notation-form-note')).startsWith(w.thisTransposed)).toBe(true);
      await setOutputPadding(page, '2');
      await page.waitForFunction(() => !(document.querySelector('#notation-instead') as HTMLElement).hidden);
      expect(await text(page, '#notation-instead')).toBe(w.insteadLast);
      const note = await text(page, '#notation-form-note');
      expect(note.startsWith(w.figureTransposed), note).toBe(true);
      // The numbers filled in are the figure's layer's (a = 1), not the refused a = 2.
      expect(await fields(page)).toEqual(['1/2', '2', '1']);
      // The line sits above the panel's dimmed lines, and is not dimmed itself.
      expect(await page.$eval('#notation-cols', (el) => el.classList.contains('stale'))).toBe(true);
      expect(await page.$eval('#notation-instead', (el) => el.classList.contains('stale'))).toBe(false);
      await setOutputPadding(page, '1');
      await page.waitForFunction(() => (document.querySelector('#notation-instead') as HTMLElement).hidden);
      expect((await text(page, '#notation-form-note')).startsWith(w.thisTransposed)).toBe(true);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }

  it('en: a box holding no number says the same, and it goes when the box holds one again', async () => {
    const { page, context, errors } = await h.open('?i=3&k=3&s=2&p=0&t=1&op=1&lang=en');
    await page.fill('#input-h', '');
    await page.waitForFunction(() => !(document.querySelector('#notation-instead') as HTMLElement).hidden);
    expect(await text(page, '#notation-instead')).toBe(WORDS.en.insteadLast);
    await page.fill('#input-h', '3');
    await page.press('#input-h', 'Enter');
    await page.waitForFunction(() => (document.querySelector('#notation-instead') as HTMLElement).hidden);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('the guide form never fills in a number it refuses', () => {
  for (const lang of ['en', 'zh'] as const) {
    const w = WORDS[lang];
    it(`${lang}: a layer that crops past k̂ − 1 leaves p′ empty and says why`, async () => {
      const { page, context, errors } = await h.open(`?i=5&k=3&s=2&p=3&t=1&lang=${lang}`, { width: 1280, height: 800 });
      expect(await fields(page)).toEqual(['1/2', '', '0']);
      expect(await text(page, '#notation-form-note')).toContain(w.beyond);
      // The guide's line writes the number as the page's sentences do: −1, not -1.
      expect(await text(page, '[data-notation-guide]')).toContain('p′ = −1');
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);

    it(`${lang}: “Use these” as filled in builds the layer or asks only for an empty field`, async () => {
      const { page, context, errors } = await h.open(`?lang=${lang}`, { width: 1280, height: 800 });
      const layers = [
        'i=5&k=3&s=2&p=3&t=1', // crops past k̂ − 1: p′ would be −1
        'i=9&k=3&s=2&p=3', // a direct layer whose restoring transposed conv crops so
        'i=5&k=5x3&s=2&p=0&t=1&op=1x0', // p′ 4×2 and a 1×0: the form takes one of each
        'i=5&k=3&s=2x1&p=1&t=1&op=1x0', // a 1×0 with stride 2×1: one a = 1 would be refused on W
        'i=5&k=3&s=2&p=1', // the plain case: everything filled in, and taken
      ];
      for (const q of layers) {
        await page.goto(`${h.url}?lang=${lang}&${q}`);
        await page.waitForSelector('body[data-ready="1"]');
        await settled(page);
        const [stride, pad, a] = await fields(page);
        await page.$eval('#notation-status', (el) => { el.textContent = ''; el.classList.remove('field-error'); });
        await page.click('#guide-apply');
        await page.waitForFunction(() => (document.querySelector('#notation-status')?.textContent ?? '') !== '');
        const status = await text(page, '#notation-status');
        const refused = await page.$eval('#notation-status', (el) => el.classList.contains('field-error'));
        expect(stride, q).not.toBe('');
        if (pad !== '' && a !== '') {
          expect(refused, `${q}: ${status}`).toBe(false);
        } else {
          // Refused only for a field left empty, the first of them in the form's order.
          expect(refused, q).toBe(true);
          const m = w.empty.exec(status);
          expect(m, `${q}: ${status}`).not.toBeNull();
          expect(m![1].startsWith(lang === 'en' ? (pad === '' ? 'Padding' : 'Output') : pad === '' ? '填充' : '输出'), `${q}: ${status}`).toBe(true);
          // The note says why it is empty.
          expect(await text(page, '#notation-form-note'), q).toMatch(lang === 'en' ? /is left empty: here/ : /没有预填：这里/);
        }
      }
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
