/**
 * Messages and words a student review (R40) found wrong, as the page shows them: (1) the groups
 * advice offered a value that met the other channel count's refusal next; (2) a target output size
 * wrong on H alone was said of "H and W", and a second wrong axis was not said at all; (3) a range
 * of one value read "at most 0"; (4) tour step 4 counted 1728 weights without biases and its live
 * line parameters with them; (5) the image mode's hover hint said "这个输出像素" with nothing for
 * "这个" to point at, and tour step 13's live line wrote o' with an ASCII apostrophe.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { it as imageText } from '../../web/src/image/image-text.js';
import { fileHarness } from './harness.js';

const h = fileHarness();
const PHONE = { width: 390, height: 844 };
const text = (page: Page, sel: string) => page.textContent(sel).then((s) => (s ?? '').replace(/[\u00a0]/g, ' ').replace(/\u2060/g, ''));
const settle = (page: Page, sel: string, want: string) =>
  page.waitForFunction(([s, w]) => (document.querySelector(s)?.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\u2060/g, '') === w, [sel, want] as const, { timeout: 10_000 }).catch(() => {});
const GROUPS = '.field-error[data-for~="groups"]';
const TARGET = '.field-error[data-for~="target-h"]';

describe('review 40: refusals offer only what the library then accepts, and name the axes that are wrong', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`groups advice satisfies both channel counts (${lang})`, async () => {
      const { page, errors } = await h.open(`?i=5&k=3&s=1&p=0&ci=4&co=1&g=3&lang=${lang}`);
      const want = lang === 'en'
        ? 'Groups (3) must divide the input channels (4) and the output channels (1). Set Groups to 1, or In and Out channels to multiples of 3, such as 6 and 3.'
        : '输入通道数（4）和输出通道数（1）都必须能被分组数（3）整除。请把分组数设为 1，或把输入和输出通道数都改为 3 的倍数，如 6 和 3。';
      await settle(page, GROUPS, want);
      expect(await text(page, GROUPS)).toBe(want);
      // Following it: groups 1 is accepted; so are 6 and 3 channels with groups 3.
      await page.fill('#groups', '1');
      await page.press('#groups', 'Tab');
      await expect.poll(() => page.isHidden('#error-banner')).toBe(true);
      await page.fill('#groups', '3');
      await page.fill('#in-ch', '6');
      await page.fill('#out-ch', '3');
      await page.press('#out-ch', 'Tab');
      await expect.poll(() => page.isHidden('#error-banner')).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it(`a target output size names the axis refused, and each axis refused (${lang})`, async () => {
      const { page, errors } = await h.open(`?i=3&k=3&s=2&p=1&t=1&lang=${lang}`);
      await page.selectOption('#op-mode', 'target');
      await page.fill('#target-h', '7');
      await page.press('#target-h', 'Tab');
      expect(await page.inputValue('#target-w')).toBe('5');
      const h7 = lang === 'en' ? 'Target output H = 7 cannot be produced; with these settings it can be 5 to 6.' : '高度方向上无法得到目标输出 7；按当前设置只能是 5 到 6。';
      await settle(page, TARGET, h7);
      expect(await text(page, TARGET)).toBe(h7);
      await page.fill('#target-w', '9');
      await page.press('#target-w', 'Tab');
      const w9 = lang === 'en' ? 'Target output W = 9 cannot be produced; with these settings it can be 5 to 6.' : '宽度方向上无法得到目标输出 9；按当前设置只能是 5 到 6。';
      await settle(page, TARGET, `${h7} ${w9}`);
      expect(await text(page, TARGET)).toBe(`${h7} ${w9}`);
      // Both the same number: one sentence for both axes, as before.
      await page.fill('#target-h', '9');
      await page.press('#target-h', 'Tab');
      const both = lang === 'en' ? 'Target output H and W = 9 cannot be produced; with these settings it can be 5 to 6.' : '高度和宽度方向上无法得到目标输出 9；按当前设置只能是 5 到 6。';
      await settle(page, TARGET, both);
      expect(await text(page, TARGET)).toBe(both);
      // H right, W wrong: W alone.
      await page.fill('#target-h', '6');
      await page.press('#target-h', 'Tab');
      await settle(page, TARGET, w9);
      expect(await text(page, TARGET)).toBe(w9);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it(`an output padding that can only be 0 is asked for as 0 (${lang})`, async () => {
      const { page, errors } = await h.open(`?i=3&k=3&s=1&p=0&t=1&op=1&lang=${lang}`);
      const want = lang === 'en'
        ? 'H and W: output padding 1 must be smaller than the larger of the stride (1) and the dilation rate (1); set Output padding to 0.'
        : '高度和宽度方向上，输出填充 1 必须小于步长（1）与膨胀率（1）中的较大者；请把输出填充设为 0。';
      await settle(page, TARGET, want);
      expect(await text(page, TARGET)).toBe(want);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});

describe('review 40: the tour counts weights and parameters one way, and writes primes as the page does', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`step 4 (${lang}): the card and the live line both give weights, then biases, then parameters`, async () => {
      const { page, errors } = await h.open(`?tour=4&lang=${lang}`, PHONE);
      const card = await text(page, '#tour-text');
      expect(card).toContain(lang === 'en'
        ? 'I·O·K = 3·64·9 = 1728 weights, plus one bias per output channel: 1728 + 64 = 1792 parameters.'
        : 'I·O·K = 3·64·9 = 1728 个权重，加上每个输出通道一个偏置，参数量为 1728 + 64 = 1792。');
      const now = lang === 'en' ? 'Now: I·O·K = 3·4·9 = 108 weights, plus 4 biases: 112 parameters' : '现在：I·O·K = 3·4·9 = 108 个权重，加上 4 个偏置，参数量为 112';
      await expect.poll(() => text(page, '#tour-now')).toBe(now);
      await page.fill('#try-control', '8');
      await expect.poll(() => text(page, '#tour-now')).toBe(lang === 'en' ? 'Now: I·O·K = 3·8·9 = 216 weights, plus 8 biases: 224 parameters' : '现在：I·O·K = 3·8·9 = 216 个权重，加上 8 个偏置，参数量为 224');
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it(`step 13 (${lang}): the live line writes o′ with a prime`, async () => {
      const { page, errors } = await h.open(`?tour=13&lang=${lang}`, PHONE);
      await expect.poll(() => text(page, '#tour-now')).toContain('o′ = ');
      expect(await text(page, '#tour-now')).not.toContain("'");
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});

describe('review 40: the image mode’s words', () => {
  it('the hover hint names the pixel it is about, on a phone and with a mouse, in both languages', async () => {
    const context = await h.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await phone.goto(h.url + '?view=image&lang=zh&k=3&s=1&p=1');
    await phone.waitForSelector('#image-output-help');
    await expect.poll(() => phone.textContent('#image-output-help')).toBe('点按某个输出像素：它读取的输入像素会在输入上框出来。行号和列号与 PyTorch 一样从 0 开始。');
    await context.close();
    const { page } = await h.open('?view=image&lang=zh&k=3&s=1&p=1');
    await expect.poll(() => page.textContent('#image-output-help')).toBe('把指针移到某个输出像素上，或选中输出后用方向键挑选一个：它读取的输入像素会在输入上框出来。行号和列号与 PyTorch 一样从 0 开始。');
    await page.close();
    const en = await h.open('?view=image&lang=en&k=3&s=1&p=1');
    await expect.poll(() => en.page.textContent('#image-output-help')).toBe('Move over an output pixel, or focus the output and pick one with the arrow keys: the input pixels it reads are outlined on the input. Rows and columns count from 0, as in PyTorch.');
    await en.page.close();
  }, 60_000);

  it('the learned status compares the loss with the zero kernel’s loss in words that read', () => {
    const said = imageText('en', 'learnLearned', { n: 40, loss: '1.2e-12', gap: '1e-6' });
    expect(said).toBe('Step 40, loss 1.2e-12: learned. The loss is below 10⁻¹⁰ times the zero kernel’s loss and every weight is within 1e-6 of the target’s, so the run stops here (Start learning goes on anyway).');
  });
});
