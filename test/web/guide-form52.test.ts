/**
 * The form "Build a transposed convolution from the guide's numbers" (notation-view.ts) refused bad
 * input poorly (a student review, stop 52): p′ = 1.5 gave the library's "padding must be an integer,
 * but got NaN" (Chinese: "某个数值无效", naming no field); p′ = −1 was accepted while p′ = 5 was
 * refused with "Use p′ from 0 to 2"; stride "0" was told to "type a whole number s", which 0 is;
 * and an output padding a too large was answered as the Layer form's ("H: … set Output padding").
 * Pinned, in English and Chinese: each refusal names the field as the form labels it, says what is
 * wrong and the range that is valid, with no NaN; a negative p′ is refused with the same range as
 * one too large, and nothing is loaded into the figure.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

// A direct 5×5 layer (k = 3, s = 2, p = 1): the form starts from its restoring transposed conv,
// stride 1/2, p′ = 1, a = 0. With k = 3, p′ runs from 0 to 2; with s = 2, a from 0 to 1.
const QUERY = '?i=5&k=3&s=2&p=1';

/** Types the three fields, presses "Use these" and returns the refusal (throws if it was accepted). */
async function refusal(page: Page, fields: { stride?: string; pad?: string; a?: string }): Promise<string> {
  await page.fill('#guide-stride', fields.stride ?? '1/2');
  await page.fill('#guide-padding', fields.pad ?? '1');
  await page.fill('#guide-a', fields.a ?? '0');
  await page.$eval('#notation-status', (el) => { el.textContent = ''; el.classList.remove('field-error'); });
  await page.click('#guide-apply');
  await page.waitForFunction(() => (document.querySelector('#notation-status')?.textContent ?? '') !== '');
  expect(await page.$eval('#notation-status', (el) => el.classList.contains('field-error'))).toBe(true);
  // Nothing was put in the figure: the page is still the direct layer.
  expect(new URL(page.url()).searchParams.get('t')).toBeNull();
  return (await page.textContent('#notation-status')) ?? '';
}

/** The sentence that states the valid range (the refusal's last). */
const last = (text: string, lang: 'en' | 'zh') => (lang === 'zh' ? text.split('。').filter(Boolean).pop() : text.split(/(?<=\.) /).pop());

describe('the guide form’s refusals', () => {
  it('in English: each names its field, what is wrong and the valid range', async () => {
    const { page, context } = await h.open(`${QUERY}&lang=en`, { width: 1400, height: 1000 });
    // 1. p′ not a whole number.
    const half = await refusal(page, { pad: '1.5' });
    expect(half).toMatch(/^Padding p′ must be a whole number, and “1\.5” is not one\./);
    expect(half).toContain('Use p′ from 0 to 2');
    expect(half).not.toMatch(/NaN|integer/);
    // 2. p′ below 0 is refused like p′ above k̂ − 1, with the same range.
    const big = await refusal(page, { pad: '5' });
    const neg = await refusal(page, { pad: '-1' });
    expect(neg).toMatch(/^Padding p′ = −1 is below 0/);
    expect(last(neg, 'en')).toBe(last(big, 'en'));
    expect(last(big, 'en')).toBe('Use p′ from 0 to 2 (PyTorch’s padding 2 to 0).');
    expect(await refusal(page, { pad: '−1' })).toBe(neg);
    // 3. Stride 0: not "a whole number" (0 is one) but s from 1 up.
    const zero = await refusal(page, { stride: '0' });
    expect(zero).toMatch(/^Stride “0”/);
    expect(zero).toContain('s a whole number from 1 up');
    // 4. a too large: this form's field, not the Layer form's, and no axis prefix.
    const a = await refusal(page, { a: '2' });
    expect(a).toMatch(/^Output padding a = 2 is too large\. Use a from 0 to 1: a must be smaller than the s of stride 1\/s \(here 2\)\.$/);
    expect(a).not.toMatch(/^H:|Set Output padding|NaN/);
    const aHalf = await refusal(page, { a: '0.5' });
    expect(aHalf).toMatch(/^Output padding a must be a whole number, and “0\.5” is not one\. Use a from 0 to 1/);
    await context.close();
  }, 120_000);

  it('in Chinese: the same refusals in the page’s words, never NaN or the library’s English', async () => {
    const { page, context } = await h.open(`${QUERY}&lang=zh`, { width: 1400, height: 1000 });
    // English words other than PyTorch would be the library's message leaking through.
    const noEnglish = (text: string) => expect(text.replace(/PyTorch/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    const half = await refusal(page, { pad: '1.5' });
    expect(half).toMatch(/^填充 p′ 必须是整数，“1\.5”不是整数。/);
    expect(half).toContain('p′ 可取 0 到 2');
    expect(half).not.toContain('某个数值无效');
    noEnglish(half);
    const big = await refusal(page, { pad: '5' });
    const neg = await refusal(page, { pad: '-1' });
    expect(neg).toMatch(/^填充 p′ 不能是负数（这里填的是 −1）/);
    expect(last(neg, 'zh')).toBe(last(big, 'zh'));
    expect(last(big, 'zh')).toBe('p′ 可取 0 到 2（对应 PyTorch 的填充 2 到 0）');
    const zero = await refusal(page, { stride: '0' });
    expect(zero).toMatch(/^步长“0”不是教程的写法/);
    expect(zero).toContain('s 是不小于 1 的整数');
    noEnglish(zero);
    const a = await refusal(page, { a: '2' });
    expect(a).toBe('输出填充 a = 2 太大了。a 可取 0 到 1：它必须小于步长 1/s 中的 s（这里是 2）。');
    expect(a).not.toContain('高度方向上');
    noEnglish(a);
    for (const text of [half, neg, big, zero, a]) expect(text).not.toMatch(/NaN|undefined/);
    await context.close();
  }, 120_000);

  it('a valid p′ and a are still taken: stride 2 read as 1/2, p′ = 0, a = 1', async () => {
    const { page, context } = await h.open(`${QUERY}&lang=en`, { width: 1400, height: 1000 });
    await page.fill('#guide-stride', '2');
    await page.fill('#guide-padding', '0');
    await page.fill('#guide-a', '1');
    await page.click('#guide-apply');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('t') === '1');
    const text = (await page.textContent('#notation-status')) ?? '';
    expect(text).toMatch(/^Understood: stride 1\/2, padding p′ = 0 and output padding a = 1 is PyTorch’s ConvTranspose2d\(stride=2, padding=2, output_padding=1\)\./);
    expect(await page.$eval('#notation-status', (el) => el.classList.contains('field-error'))).toBe(false);
    await context.close();
  }, 120_000);

  // The line named neither a nor a dilation rate (review 52): from a dilated layer, "p′ = 4 ↔
  // padding 0" read as true of a plain 3-tap kernel, and the code line built an undilated layer.
  for (const [lang, says, arg] of [['en', /dilation rate 2/, /dilation=2\)/], ['zh', /膨胀率 2/, /dilation=2\)/]] as const) {
    it(`a dilated layer's line says its dilation rate, in words and in the code (${lang})`, async () => {
      const { page, context } = await h.open(`?i=7&k=3&d=2&lang=${lang}`, { width: 1400, height: 1000 });
      await page.click('#guide-apply');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('t') === '1');
      const text = (await page.textContent('#notation-status')) ?? '';
      expect(text).toMatch(says);
      expect(text).toMatch(arg);
      expect(text).toMatch(lang === 'en' ? /output padding a = \d/ : /输出填充 a = \d/);
      await context.close();
    }, 120_000);
  }
});
