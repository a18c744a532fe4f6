/**
 * Review 37, the Try-it box as a student types into it: a number typed key by key is applied once
 * the reader pauses or commits it (Enter, leaving the box), never its prefixes on the way ("999"
 * showed the layer at 9 first); the box's arrows apply at once; and on a phone the box's message is
 * on the screen after typing, with nothing above the card pushed in (the banner above the figure
 * moved the box and put the message below a 390×844 screen).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { t } from '../../web/src/i18n.js';
import type { Lang } from '../../web/src/state.js';
import { TYPING_PAUSE_MS } from '../../web/src/typing-pause.js';
import { fileHarness, afterPageTimers } from './harness.js';
import { typeKeys } from './type-keys.js';

const h = fileHarness();
const desktop = { width: 1366, height: 900 };
const phone = { width: 390, height: 844 };

type PadWatch = { pads: number[]; urls: string[] };

/**
 * Records, from now on, every padding the page's settings take (each frame and each history write)
 * and every padding the link is written with: what a reader could have seen on the way.
 */
async function watchPadding(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { watch: PadWatch; convkitPlayground: { state(): { pad: number[] } } };
    w.watch = { pads: [], urls: [] };
    const note = () => {
      const p = w.convkitPlayground.state().pad[0];
      if (w.watch.pads[w.watch.pads.length - 1] !== p) w.watch.pads.push(p);
    };
    for (const name of ['pushState', 'replaceState'] as const) {
      const write = history[name].bind(history);
      history[name] = (data: unknown, unused: string, url?: string | URL | null) => {
        note();
        if (url) w.watch.urls.push(new URL(String(url), location.href).searchParams.get('p') ?? '');
        write(data, unused, url);
      };
    }
    const frame = () => { note(); requestAnimationFrame(frame); };
    frame();
  });
}
const watched = (page: Page) => page.evaluate(() => (window as unknown as { watch: PadWatch }).watch);
const padding = (page: Page) => page.evaluate(() => (window as unknown as { convkitPlayground: { state(): { pad: number[] } } }).convkitPlayground.state().pad[0]);
const message = (page: Page) => page.textContent('.field-error[data-for="try-control"]').then((s) => s ?? '');
/** The box's own range, as its min and max say (tour-words36.test.ts checks them against the library). */
const boxRange = (page: Page) => page.$eval('#try-control', (e) => [Number((e as HTMLInputElement).min), Number((e as HTMLInputElement).max)] as const);

describe('the Try-it box applies what the reader typed, not the keystrokes on the way', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`step 2: 999 typed key by key never shows padding 9 or 99, and gets the range message (${lang})`, async () => {
      const { page, errors } = await h.open(`?tour=2&lang=${lang}`, desktop);
      const before = await padding(page);
      const [lo, hi] = await boxRange(page);
      // 9 is a padding this layer takes: the old box applied it at the first key.
      expect(9).toBeGreaterThanOrEqual(lo);
      expect(9).toBeLessThanOrEqual(hi);
      expect(999).toBeGreaterThan(hi);
      await watchPadding(page);
      await typeKeys(page, '#try-control', '999');
      await expect.poll(() => message(page)).toBe(t(lang, 'fieldNumber', { lo, hi }));
      const seen = await watched(page);
      expect(seen.pads.every((p) => p === before)).toBe(true);
      expect(seen.urls.filter((p) => p !== String(before))).toEqual([]);
      expect(new URL(page.url()).searchParams.get('p')).toBe(String(before));
      expect(await page.inputValue('#try-control')).toBe('999');
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('a multi-digit number in range is applied once, after the pause, as one history entry', async () => {
    const { page, errors } = await h.open('?tour=2&lang=en', desktop);
    const before = await padding(page);
    const [, hi] = await boxRange(page);
    // Two digits whose first is a padding of its own (1, the step's value, or another).
    const wanted = hi >= 12 ? 12 : hi;
    expect(String(wanted).length).toBe(2);
    const entries = await page.evaluate(() => history.length);
    await watchPadding(page);
    await typeKeys(page, '#try-control', String(wanted));
    // Nothing applied while the keys came (the watch's first padding is the one before), then the
    // whole number once the typing rested.
    await expect.poll(() => padding(page)).toBe(wanted);
    expect((await watched(page)).pads).toEqual([before, wanted]);
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);
    expect(new URL(page.url()).searchParams.get('p')).toBe(String(wanted));
    expect(await message(page)).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Enter and leaving the box apply what is typed at once, without waiting for the pause', async () => {
    const { page, errors } = await h.open('?tour=2&lang=en', desktop);
    // Each in one task of the page, so the pause cannot have passed: a key that writes, its text,
    // then the commit, and the settings read right after.
    const commit = (how: 'enter' | 'blur', value: string) => page.evaluate(([how, value]) => {
      const box = document.getElementById('try-control') as HTMLInputElement;
      box.focus();
      box.dispatchEvent(new KeyboardEvent('keydown', { key: value.slice(-1), bubbles: true }));
      box.value = value;
      box.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: value.slice(-1), bubbles: true }));
      const pending = (window as unknown as { convkitPlayground: { state(): { pad: number[] } } }).convkitPlayground.state().pad[0];
      if (how === 'enter') box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      else box.blur();
      return [pending, (window as unknown as { convkitPlayground: { state(): { pad: number[] } } }).convkitPlayground.state().pad[0]];
    }, [how, value] as const);
    const start = await padding(page);
    expect(await commit('enter', '2')).toEqual([start, 2]);
    expect(await commit('blur', '0')).toEqual([2, 0]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the box\'s arrow keys apply each step at once', async () => {
    const { page, errors } = await h.open('?tour=2&lang=en', desktop);
    const start = await padding(page);
    await page.focus('#try-control');
    await page.keyboard.press('ArrowUp');
    // Read straight after the key: no pause was waited for.
    expect(await padding(page)).toBe(start + 1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await padding(page)).toBe(start - 1);
    expect(new URL(page.url()).searchParams.get('p')).toBe(String(start - 1));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a number still waiting when the reader moves to the next step is not applied to that step', async () => {
    const { page, errors } = await h.open('?tour=2&lang=en', desktop);
    await typeKeys(page, '#try-control', '2');
    await page.click('#tour-next');
    await expect.poll(() => page.getAttribute('#tour', 'data-tour-step')).toBe('3');
    const arrived = page.url();
    await afterPageTimers(page, TYPING_PAUSE_MS + 400);
    expect(page.url()).toBe(arrived);
    expect(await page.isHidden('#error-banner')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** The box's and its message's boxes on the screen, the window's scroll and whether the banner shows. */
const placed = (page: Page) => page.evaluate(() => {
  const rect = (sel: string) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  };
  const banner = document.getElementById('error-banner')!;
  return { box: rect('#try-control'), message: rect('.field-error[data-for="try-control"]'), scrollY: window.scrollY, bannerShown: banner.getClientRects().length > 0, height: window.innerHeight };
});

describe('on a phone the message is on the screen after typing, and the page does not jump', () => {
  for (const lang of ['en', 'zh'] as Lang[]) {
    it(`390×844, step 2: 999 refused, its message inside the screen, the box where it was (${lang})`, async () => {
      const { page, errors } = await h.open(`?tour=2&lang=${lang}`, phone);
      const before = await placed(page);
      expect(before.box.bottom).toBeLessThanOrEqual(before.height);
      await typeKeys(page, '#try-control', '999');
      await expect.poll(() => message(page)).not.toBe('');
      const after = await placed(page);
      expect(after.message.top).toBeGreaterThanOrEqual(0);
      expect(after.message.bottom).toBeLessThanOrEqual(after.height);
      // Nothing came in above the card: the box stayed under the reader's finger, the page unscrolled.
      expect(Math.abs(after.box.top - before.box.top)).toBeLessThan(1);
      expect(after.scrollY).toBe(before.scrollY);
      // The card says it: the banner above the figure, which only points to the card's message, is not shown.
      expect(after.bannerShown).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('a short phone (390×667): the message under a box low on the screen is scrolled into sight', async () => {
    const { page, errors } = await h.open('?tour=2&lang=zh', { width: 390, height: 667 });
    const before = await placed(page);
    // The step's control is on the first screen, its message's line would not be.
    expect(before.box.bottom).toBeLessThanOrEqual(before.height);
    await typeKeys(page, '#try-control', '99');
    await expect.poll(() => message(page)).not.toBe('');
    const after = await placed(page);
    expect(after.message.bottom).toBeLessThanOrEqual(after.height + 0.5);
    expect(after.box.top).toBeGreaterThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
