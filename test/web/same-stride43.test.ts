/**
 * The refusal of padding 'same' with a stride, under the form's Padding type (review 43). In the
 * desktop form's column it ran to nine lines ("PyTorch allows padding 'same' only with stride 1 (the
 * H and W stride is 2), and this page follows PyTorch. Set Stride to 1, or choose another padding
 * type: “one number” with 1 gives the padding of Keras and TensorFlow's 'same', which they allow with
 * a stride."). It now says the rule and the way out in two short sentences: whose rule, the stride
 * it needs and the one set, then Stride 1 or the padding that gives Keras/TensorFlow's 'same'.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';
import { lines, shown } from './line-boxes.js';

const h = fileHarness();
const SEL = '.field-error[data-for~="pad-mode"]';

describe("the refusal of 'same' with a stride", () => {
  it('says whose rule, the stride set and the way out, in at most seven lines of the desktop form and six of a phone', async () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const [width, height, most] of [[1400, 1000, 7], [390, 844, 6]]) {
        const { page, context } = await h.open(`?i=5&k=3&s=2&p=same&lang=${lang}`, { width, height });
        const text = (await page.textContent(SEL)) ?? '';
        const where = `${lang} at ${width} px: ${text}`;
        expect(text, where).toContain('PyTorch');
        // Height and width set together are one stride: said once, without "H and W".
        expect(text, where).not.toMatch(/H and W|高度和宽度/);
        expect(text, where).toContain(lang === 'en' ? 'stride 1; the stride here is 2.' : '步长 1 使用，这里步长是 2。');
        // The way out: Stride 1, or the form's padding that gives Keras and TensorFlow's 'same' (5, 3, 2 → 1).
        expect(text, where).toContain(lang === 'en' ? 'Set Stride to 1, or choose “one number” with 1' : '请把步长设为 1，或选“单个数值”并填 1');
        expect(text, where).toContain('Keras');
        const m = await lines(page, SEL);
        expect(m.lines, `${where}\n${shown(m)}`).toBeLessThanOrEqual(most);
        await context.close();
      }
    }
  }, 120_000);
});
