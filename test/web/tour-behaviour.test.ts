/**
 * What the student review found the page doing wrong (behaviour, not wording), in headless
 * Chromium: the tour's try-it control says why it refuses a value; the stacked-layers figure, which
 * does not animate, has no player or step sentence; "Show the matrix" brings the matrix into view;
 * the guide's-notation form builds a transposed convolution that does not contradict a direct
 * layer; the linked pair's figure button keeps a plain padding plain; the focus ring is not the
 * error colour. Bounds come from the page's own BOUNDS, sizes from the library.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { explain } from '../../src/index.js';
import { BOUNDS } from '../../web/src/state.js';
import { settled, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const open = (query: string, viewport: { width: number; height: number; motion?: boolean } = { width: 1440, height: 900 }) => h.open(query, viewport);

const tryError = (page: Page) => page.textContent('.field-error[data-for="try-control"]').then((t) => (t ?? '').trim());

describe('the tour try-it control says what it accepts', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`64 output channels on step 4 and stride 0 on step 3 get the range, next to the control (${lang})`, async () => {
      const { page, errors } = await open(`?tour=4&lang=${lang}`);
      const [lo, hi] = BOUNDS.channels;
      // The invitation names the limit, and no number above it.
      const invite = (await page.textContent('#tour-try')) ?? '';
      expect(invite).toContain(String(hi));
      await page.fill('#try-control', '64');
      const range = lang === 'en' ? `from ${lo} to ${hi}` : `${lo} 到 ${hi}`;
      await expect.poll(() => tryError(page)).toContain(range);
      expect(await page.getAttribute('#try-control', 'aria-invalid')).toBe('true');
      // The layer kept its valid channels; a value in range clears the message and applies.
      await page.fill('#try-control', '5');
      await expect.poll(() => tryError(page)).toBe('');
      expect(new URL(page.url()).searchParams.get('co')).toBe('5');
      await page.goto(`${h.url}?tour=3&lang=${lang}`);
      await page.waitForSelector('body[data-ready="1"]');
      await page.fill('#try-control', '0');
      const [slo, shi] = BOUNDS.stride;
      await expect.poll(() => tryError(page)).toContain(lang === 'en' ? `from ${slo} to ${shi}` : `${slo} 到 ${shi}`);
      // Moving on leaves no message behind.
      await page.click('#tour-next');
      await expect.poll(() => tryError(page)).toBe('');
      expect(errors).toEqual([]);
    }, 120_000);

    it(`a refusal of the one H×W control names both axes and advises what that control can do (${lang})`, async () => {
      const { page } = await open(`?tour=1&lang=${lang}`);
      // Step 1's control applies only the kernels its 4×4 input takes (tour-words36.test.ts): the
      // layer is refused from outside the card (the form, on a wide screen), a 2×2 input, on which
      // the kernel 3 does not fit on either axis.
      await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: object): void } }).convkitPlayground.benchChange({ input: [2, 2] }));
      await expect.poll(() => tryError(page)).toContain(lang === 'en' ? 'H and W' : '高度和宽度');
      // The advice is the card's own control's (it shows no Padding): a kernel of 3, at most 2.
      expect(await tryError(page)).toMatch(lang === 'en' ? /Set Kernel size to at most 2\.$/ : /请把卷积核大小设为不超过 2。$/);
      expect(await tryError(page)).not.toMatch(lang === 'en' ? /Padding/ : /填充加到/);
    }, 60_000);
  }
});

describe('a still figure has no player', () => {
  it('step 12 (stacked rates) shows neither the player buttons nor a step sentence, and does not play', async () => {
    for (const [lang, w, hgt] of [['en', 1440, 900], ['zh', 390, 844]] as const) {
      const { page, errors } = await open(`?tour=12&lang=${lang}`, { width: w, height: hgt, motion: true });
      expect(await page.getAttribute('[data-stage]', 'data-stage')).toBe('stack');
      expect(await page.isVisible('#btn-play')).toBe(false);
      expect(await page.isVisible('#btn-forward')).toBe(false);
      expect(await page.isVisible('#step-count')).toBe(false);
      expect(await page.isVisible('#step-text')).toBe(false);
      // The figure menu stays, to leave the figure.
      expect(await page.isVisible('#figure')).toBe(true);
      expect(await page.getAttribute('#btn-play', 'aria-pressed')).toBe('false');
      // The next step animates again, with its player.
      await page.click('#tour-next');
      await page.waitForFunction(() => document.querySelector('[data-stage]')?.getAttribute('data-stage') !== 'stack');
      expect(await page.isVisible('#btn-play')).toBe(true);
      expect(await page.isVisible('#step-text')).toBe(true);
      expect(errors).toEqual([]);
    }
  }, 120_000);
});

describe('"Show the matrix" on step 5', () => {
  for (const [w, hgt] of [[390, 844], [1440, 900]] as const) {
    it(`brings the matrix into view and focuses it (${w}×${hgt})`, async () => {
      const { page } = await open('?tour=5&lang=en', { width: w, height: hgt });
      // At 1440×900 the step opens the matrix beside the card, and the button is put away
      // (tour-matrix-shown42): the matrix is then in view and focusable as it stands.
      if (await page.isVisible('#try-control')) await page.click('#try-control');
      else await page.focus('#panel-matrix .matrix-wrap');
      // The matrix box fits itself to the scrolled column a frame later (matrix-view.ts).
      await settled(page);
      const r = await page.evaluate(() => {
        const m = document.querySelector('[data-matrix]')!.getBoundingClientRect();
        return { top: m.top, bottom: m.bottom, active: document.activeElement?.classList.contains('matrix-wrap') ?? false };
      });
      expect(r.top).toBeGreaterThanOrEqual(0);
      expect(r.top).toBeLessThan(hgt - 100);
      expect(r.active).toBe(true);
      // C's 16 columns and x fit the side column (which keeps its width, so the figure keeps its
      // size) on a phone too: the cells are sized to the column (97754fd). A line would say the
      // matrix scrolls sideways if it did.
      const wide = await page.$eval('[data-matrix]', (svg) => Number(svg.getAttribute('width')) > svg.parentElement!.clientWidth + 1);
      expect(wide).toBe(false);
      expect(await page.isVisible('#matrix-scroll')).toBe(wide);
      // x lies under C as a row, cell j under column j, so the box is about as tall as C's four
      // rows, not as x's sixteen cells (on a phone it was mostly empty; on a desktop x₁₄ and x₁₅
      // were below the fold).
      const laid = await page.$eval('[data-matrix]', (svg) => {
        const xs = Array.from(svg.querySelectorAll('[data-vector="x"] rect')).map((r) => ({ x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')) }));
        return { layout: svg.getAttribute('data-vector-layout'), height: Number(svg.getAttribute('height')), xs };
      });
      expect(laid.layout).toBe('under');
      expect(laid.xs).toHaveLength(16);
      const along = laid.xs.map((r) => r.x);
      expect(new Set(laid.xs.map((r) => r.y)).size).toBe(1);
      expect(along.every((v, i) => i === 0 || v > along[i - 1])).toBe(true);
      // Beside, x alone would make it 16 cells tall plus the heading; under C it is C's four rows,
      // x's row and its labels (on two alternating lines where a cell is narrower than x₁₅).
      expect(laid.height).toBeLessThan(12 * (along[1] - along[0]));
      // The whole picture is on the screen, x₁₅ included.
      expect(await page.$eval('[data-matrix]', (svg) => svg.getBoundingClientRect().bottom)).toBeLessThanOrEqual(hgt);
      // The animation steps from beside the matrix (on a phone the player is a screen away), and
      // the marked row follows.
      const row = async () => Number(await page.getAttribute('[data-matrix]', 'data-mark-index'));
      const before = await row();
      expect(await page.isVisible('#matrix-forward')).toBe(true);
      await page.click('#matrix-forward');
      expect(await row()).toBe((before + 1) % 4);
      expect(await page.textContent('#matrix-step-count')).toBe(`step ${((before + 1) % 4) + 1} of 4`);
      await page.click('#matrix-back');
      expect(await row()).toBe(before);
    }, 60_000);
  }
});

describe("the guide's-notation form", () => {
  it('on a direct layer it says it builds a transposed convolution, prefilled with the one restoring the input', async () => {
    // Step 11: a 7×7 input, kernel 3, dilation 2, no padding: a direct convolution.
    const { page, errors } = await open('?tour=11&lang=en');
    const direct = explain({ input: [7, 7], kernel: 3, dilation: 2 });
    const o = direct.output[0];
    const k̂ = direct.axes[0].effectiveKernel;
    const form = (await page.textContent('#notation-form')) ?? '';
    expect(form).toMatch(/transposed convolution/);
    expect(form).toContain(`${o}×${o}`);
    expect(await page.inputValue('#guide-stride')).toBe('1');
    // The transposed conv taking o back to 7 pads k̂ − 1 (the guide's p′), with no output padding.
    expect(await page.inputValue('#guide-padding')).toBe(String(k̂ - 1));
    expect(await page.inputValue('#guide-a')).toBe('0');
    await page.click('#guide-apply');
    await expect.poll(() => new URL(page.url()).searchParams.get('t')).toBe('1');
    const q = new URL(page.url()).searchParams;
    expect(q.get('i')).toBe(String(o));
    // Its output is the direct layer's input again.
    await expect.poll(() => page.getAttribute('#svg-output', 'data-size')).toBe('7x7');
    expect(errors).toEqual([]);
  }, 60_000);

  for (const lang of ['en', 'zh'] as const) {
    it(`says when a typed stride 2 is read as 1/2 (${lang})`, async () => {
      const { page } = await open(`?i=2&k=3&s=1&p=0&t=1&lang=${lang}`);
      await page.fill('#guide-stride', '2');
      await page.fill('#guide-padding', '2');
      await page.fill('#guide-a', '0');
      await page.click('#guide-apply');
      const status = async () => (await page.textContent('#notation-status')) ?? '';
      await expect.poll(status).toContain('1/2');
      expect(await status()).toMatch(lang === 'en' ? /typed stride 2/ : /填的步长是 2/);
    }, 60_000);
  }
});

describe('the linked pair puts its layer in the figure', () => {
  it('keeps a plain padding plain and the keyboard on the button', async () => {
    const { page } = await open('?i=4&k=3&s=1&p=0&lang=en');
    await page.click('#pair-open');
    await page.waitForSelector('#pair-apply');
    await page.locator('#pair-apply').scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => document.querySelector('#pair-apply')!.getBoundingClientRect().top);
    await page.click('#pair-apply');
    await expect.poll(() => new URL(page.url()).searchParams.get('t')).toBe('1');
    expect(new URL(page.url()).searchParams.get('p')).toBe('0');
    // The side panels' redraw, a frame or two later, rebuilds the pair and gives the new button the
    // focus (pair-view.ts): measured after it.
    await settled(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pair-apply');
    const after = await page.evaluate(() => document.querySelector('#pair-apply')!.getBoundingClientRect().top);
    expect(Math.abs(after - before)).toBeLessThan(40);
  }, 60_000);
});

describe('small things', () => {
  it('the focus ring is not the error colour, and the English kicker counts parts', async () => {
    const { page } = await open('?tour=1&lang=en');
    const c = await page.evaluate(() => {
      const cs = getComputedStyle(document.body);
      return { focus: cs.getPropertyValue('--focus').trim(), error: cs.getPropertyValue('--error').trim() };
    });
    expect(c.focus).not.toBe('');
    // Not the error's hue: red dominant with little green and blue.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.focus.slice(i, i + 2), 16));
    expect(r > 2 * g && r > 2 * b, c.focus).toBe(false);
    expect((await page.textContent('#tour-kicker')) ?? '').toMatch(/part 1 of \d+/);
  }, 60_000);
});

describe('the prose and a changed figure', () => {
  it('says, once a change the step did not invite reaches the figure, that the text’s numbers are the step’s own layer', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { page, errors } = await open(`?tour=13&lang=${lang}`);
      // The step's own layer: the prose's "4×4 → 8×8" is the figure's.
      expect(await page.isVisible('#tour-changed')).toBe(false);
      // The change the step invites is answered by the live line under its control, not by the note.
      // (16 → 32×32; the box takes only inputs the classic figure draws, at most 30 here: tour-words36.)
      await page.fill('#try-control', '16');
      await expect.poll(() => page.textContent('#tour-now')).toContain('32×32');
      expect(await page.isVisible('#tour-changed')).toBe(false);
      // A change from outside the card (the kernel): the note.
      await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: object): void } }).convkitPlayground.benchChange({ kernel: [3, 3] }));
      await expect.poll(() => page.isVisible('#tour-changed')).toBe(true);
      expect(await page.textContent('#tour-changed')).toBe(lang === 'en'
        ? 'The figure also shows settings you changed outside this part; the numbers in the text are for the part’s own layer.'
        : '图中还包含你在本节之外改动的设置；正文里的数字说的是本节原来的那一层。');
      // Back to the step's layer: the note goes.
      await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: object): void } }).convkitPlayground.benchChange({ kernel: [4, 4] }));
      await page.fill('#try-control', '4');
      await expect.poll(() => page.isVisible('#tour-changed')).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 60_000);
});

describe('the pictures from a tour step', () => {
  for (const [lang, w, hgt] of [['en', 1440, 900], ['zh', 390, 844]] as const) {
    it(`opening them leaves the tour, the layer form in view; closing them does not bring the tour back (${lang}, ${w}×${hgt})`, async () => {
      const { page, errors } = await open(`?lang=${lang}&tour=9`, { width: w, height: hgt });
      // A bad value typed into the step's control first: its message must not outlive the card.
      await page.fill('#try-control', '0');
      await expect.poll(() => tryError(page)).not.toBe('');
      await page.click('#image-open');
      await page.waitForSelector('#image-mode');
      await expect.poll(() => page.evaluate(() => document.body.dataset.mode)).toBe('free');
      expect(new URL(page.url()).searchParams.get('tour')).toBeNull();
      expect(new URL(page.url()).searchParams.get('view')).toBe('image');
      // The layer (the step's, as Leave keeps it) can be changed in the form beside the pictures.
      expect(await page.isVisible('#controls')).toBe(true);
      expect(await page.inputValue('#kernel-h')).toBe('3');
      expect(await page.isVisible('#tour-open')).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { convkitPlayground: { state(): { tour: number } } }).convkitPlayground.state().tour)).toBe(0);
      expect(await page.$$eval('.field-error', (ps) => ps.map((p) => p.textContent ?? '').join('').trim())).toBe('');
      // Back to the grids: the free playground, the tour one click away.
      await page.click('#image-open');
      await expect.poll(() => page.evaluate(() => document.body.dataset.view)).toBe('grids');
      expect(await page.evaluate(() => document.body.dataset.mode)).toBe('free');
      expect(await page.isVisible('#controls')).toBe(true);
      expect(await page.isVisible('#tour-open')).toBe(true);
      // A step opened from the pictures brings the grids back.
      await page.click('#image-open');
      await page.click('#tour-open');
      await expect.poll(() => page.evaluate(() => document.body.dataset.view)).toBe('grids');
      expect(await page.evaluate(() => document.body.dataset.mode)).toBe('tour');
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
