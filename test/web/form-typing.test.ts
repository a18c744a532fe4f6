/**
 * The form's number boxes as a reader types into them: a number typed key by key is applied once,
 * when the typing rests or is committed (Enter, leaving the box), never its prefixes on the way
 * (typing "12" showed the layer at 1 first: the picture, the link, a history entry); the boxes'
 * arrows still apply each step at once. The rule is typing-pause.ts's, as in the tour's Try-it box
 * (review37-typing.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { t } from '../../web/src/i18n.js';
import type { State } from '../../web/src/state.js';
import { TYPING_PAUSE_MS } from '../../web/src/typing-pause.js';
import { fileHarness, afterPageTimers } from './harness.js';
import { typeKeys } from './type-keys.js';

const h = fileHarness();

type Watch = { values: number[]; params: string[]; sizes: string[] };
type Setting = 'input' | 'kernel' | 'pad';

/**
 * Records, from now on, every value the setting's first number takes (each frame and each history
 * write), every value of the link's `param` written to history, and every size the output grid is
 * drawn at: what a reader could have seen on the way.
 */
async function watch(page: Page, setting: Setting, param: string): Promise<void> {
  await page.evaluate(([setting, param]) => {
    const w = window as unknown as { watch: Watch; convkitPlayground: { state(): State } };
    w.watch = { values: [], params: [], sizes: [] };
    const note = () => {
      const v = w.convkitPlayground.state()[setting][0];
      if (w.watch.values[w.watch.values.length - 1] !== v) w.watch.values.push(v);
    };
    for (const name of ['pushState', 'replaceState'] as const) {
      const write = history[name].bind(history);
      history[name] = (data: unknown, unused: string, url?: string | URL | null) => {
        note();
        if (url) w.watch.params.push(new URL(String(url), location.href).searchParams.get(param) ?? '');
        write(data, unused, url);
      };
    }
    const out = document.getElementById('svg-output')!;
    new MutationObserver(() => {
      const size = out.getAttribute('data-size') ?? '';
      if (w.watch.sizes[w.watch.sizes.length - 1] !== size) w.watch.sizes.push(size);
    }).observe(out, { attributes: true, attributeFilter: ['data-size'] });
    const frame = () => { note(); requestAnimationFrame(frame); };
    frame();
  }, [setting, param] as const);
}
const watched = (page: Page) => page.evaluate(() => (window as unknown as { watch: Watch }).watch);
const value = (page: Page, setting: Setting) => page.evaluate((s) => (window as unknown as { convkitPlayground: { state(): State } }).convkitPlayground.state()[s][0], setting);
const entries = (page: Page) => page.evaluate(() => history.length);
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

describe('the form’s number boxes apply the number typed, not the keystrokes on the way', () => {
  it('"12" typed into Input H is applied once, after the pause: the picture, the link and the history never show 1', async () => {
    // At input 1 this layer is still drawn (1 × 5), so the old per-key apply showed it.
    const { page, errors } = await h.open('?i=5&k=3&s=1&p=1&lang=en');
    const before = await entries(page);
    await watch(page, 'input', 'i');
    await typeKeys(page, '#input-h', '12');
    await expect.poll(() => param(page, 'i')).toBe('12x5');
    await expect.poll(() => page.getAttribute('#svg-output', 'data-size')).toBe('12x5');
    const seen = await watched(page);
    expect(seen.values).toEqual([5, 12]);
    expect(seen.params).toEqual(['12x5']);
    expect(seen.sizes).toEqual(['12x5']);
    expect(await entries(page)).toBe(before + 1);
    // One change, one step back.
    await page.goBack();
    await expect.poll(() => page.inputValue('#input-h')).toBe('5');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`"999" typed into Padding is refused whole: padding 9 and 99 never reach the picture or the link (${lang})`, async () => {
      const { page, errors } = await h.open(`?i=5&k=3&s=1&p=1&lang=${lang}`);
      const before = await entries(page);
      await watch(page, 'pad', 'p');
      await typeKeys(page, '#pad-hb', '999');
      await expect.poll(() => page.textContent('.field-error[data-for~="pad-hb"]')).toBe(t(lang, 'fieldNumber', { lo: 0, hi: 16 }));
      const seen = await watched(page);
      expect(seen.values).toEqual([1]);
      expect(seen.params).toEqual([]);
      expect(seen.sizes).toEqual([]);
      expect(param(page, 'p')).toBe('1');
      expect(await entries(page)).toBe(before);
      expect(await page.inputValue('#pad-hb')).toBe('999'); // the reader's text stays, with its message
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('Enter and leaving the box apply what is typed at once, without waiting for the pause', async () => {
    const { page, errors } = await h.open('?i=5&k=3&s=1&p=1&lang=en');
    // Each in one task of the page, so the pause cannot have passed: a key that writes, its text,
    // then the commit, and the settings read before and right after it.
    const commit = (how: 'enter' | 'blur', text: string) => page.evaluate(([how, text]) => {
      const box = document.getElementById('input-h') as HTMLInputElement;
      const read = () => (window as unknown as { convkitPlayground: { state(): State } }).convkitPlayground.state().input[0];
      box.focus();
      box.dispatchEvent(new KeyboardEvent('keydown', { key: text.slice(-1), bubbles: true }));
      box.value = text;
      box.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: text.slice(-1), bubbles: true }));
      const pending = read();
      if (how === 'enter') box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      else box.blur();
      return [pending, read()];
    }, [how, text] as const);
    expect(await commit('enter', '12')).toEqual([5, 12]);
    expect(param(page, 'i')).toBe('12x5');
    expect(await commit('blur', '7')).toEqual([12, 7]);
    expect(param(page, 'i')).toBe('7x5');
    // Real keys: Enter right after typing applies it as well.
    await typeKeys(page, '#input-h', '9');
    await page.keyboard.press('Enter');
    expect(await value(page, 'input')).toBe(9);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a typed number still waiting when Back restores the form is dropped: the restored layer stays and nothing is applied again', async () => {
    const { page, errors } = await h.open('?i=5&k=3&s=1&p=1&lang=en');
    await typeKeys(page, '#input-h', '7');
    await page.keyboard.press('Enter');
    expect(param(page, 'i')).toBe('7x5');
    // "12" waits for the pause; Back restores input 5 before it ends.
    await typeKeys(page, '#input-h', '12');
    await page.goBack();
    await expect.poll(() => page.inputValue('#input-h')).toBe('5');
    const before = await entries(page);
    await watch(page, 'input', 'i');
    // Any drawing of the figure from now on (applying the restored 5 again redraws it unchanged).
    await page.evaluate(() => {
      const w = window as unknown as { redraws: number };
      w.redraws = 0;
      new MutationObserver(() => { w.redraws++; }).observe(document.getElementById('svg-output')!, { childList: true, subtree: true, attributes: true });
    });
    await afterPageTimers(page, TYPING_PAUSE_MS + 400);
    const seen = await watched(page);
    expect(seen.values).toEqual([5]);
    expect(seen.params).toEqual([]);
    expect(seen.sizes).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { redraws: number }).redraws)).toBe(0);
    expect(await entries(page)).toBe(before);
    expect(param(page, 'i')).toBe('5');
    expect(await page.inputValue('#input-h')).toBe('5');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the arrow keys apply each step at once', async () => {
    const { page, errors } = await h.open('?i=5&k=3&s=1&p=1&lang=en');
    await page.focus('#kernel-h');
    await page.keyboard.press('ArrowUp');
    // Read straight after the key: no pause was waited for.
    expect(await value(page, 'kernel')).toBe(4);
    expect(param(page, 'k')).toBe('4x3');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await value(page, 'kernel')).toBe(2);
    expect(param(page, 'k')).toBe('2x3');
    expect(errors).toEqual([]);
    await page.close();
  });
});
