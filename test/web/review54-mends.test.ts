/**
 * Four mends from the student review of stop 54:
 * 1. The legend under the grids listed "inserted zero" for every transposed layer, also at stride 1
 *    (`?i=11&k=3&s=1&t=1`), where no zero is inserted and the grid's caption says "padded".
 * 2. A layer whose output channel reads one input channel (groups = channels) had its channels
 *    figure say "sum over 1 channels · Turn on “Show numbers” to see each channel’s share of the
 *    sum." It now says that the output channel reads that input channel alone, why, and that there
 *    is nothing to add; with numbers, its value.
 * 3. The Matrix tab's line beside its step buttons was set justified in Chinese, its first line
 *    spread out ("z₀ = 输 出 通 道 0") before the held "的单元 (0,0)".
 * 4. "Two ways to write it" of a 1-D direct layer said "the transposed convolution that takes its
 *    5 output back to 9": the sizes are now in brackets, "its output (5) back to its input (9)",
 *    which reads for 1-D and 2-D sizes alike.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

const legend = (page: import('playwright-core').Page) => page.$$eval('#legend li', (ls) => ls.map((l) => l.textContent ?? ''));

describe('review 54 mends', () => {
  it('the legend lists inserted zeros only where the stride inserts some', async () => {
    for (const [q, inserted] of [['?i=11&k=3&s=1&t=1', false], ['?i=5&k=3&s=2&p=1&t=1', true], ['?i=5&k=3&s=2', false]] as const) {
      for (const lang of ['en', 'zh'] as const) {
        const { page, errors } = await h.open(`${q}&lang=${lang}`, { width: 1280, height: 800 });
        const items = await legend(page);
        expect(items.length, `${q} ${lang}`).toBeGreaterThanOrEqual(4);
        expect(items.some((t) => /inserted zero|插入的零/.test(t)), `${q} ${lang}: ${items.join(', ')}`).toBe(inserted);
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  }, 120_000);

  it('a channel read alone is not a sum (groups = channels), en and zh, desktop and phone', async () => {
    const cases = [
      ['?ci=3&co=3&g=3&fig=channels&lang=en', 1280, /^output channel 0 reads input channel 0 alone \(groups = 3\): nothing to add$/],
      ['?ci=3&co=3&g=3&fig=channels&lang=zh', 1280, /^输出通道 0 只读取输入通道 0（分组数 = 3），无需求和$/],
      ['?ci=3&co=3&g=3&fig=channels&lang=en&n=1&f=0', 1280, /^output channel 0 reads input channel 0 alone \(groups = 3\): -?[\d.]+, the output at \(0,0\)$/],
      ['?ci=3&co=3&g=3&fig=channels&lang=zh&n=1&f=0', 390, /^只读取输入通道 0：-?[\d.]+，即输出 \(0,0\)$/],
    ] as const;
    for (const [q, width, want] of cases) {
      const { page, errors } = await h.open(q, { width, height: width > 400 ? 800 : 844, motion: false });
      const sum = (await page.textContent('.planes-sum'))?.trim() ?? '';
      expect(sum, q).toMatch(want);
      expect(errors).toEqual([]);
      await page.close();
    }
    // Two input channels per group still add up.
    const { page } = await h.open('?ci=4&co=4&g=2&fig=channels&lang=en', { width: 1280, height: 800 });
    expect(await page.textContent('.planes-sum')).toMatch(/^sum over 2 channels/);
    await page.close();
  }, 120_000);

  it('the Matrix tab’s step line is not justified in Chinese', async () => {
    const { page } = await h.open('?ci=2&co=2&i=4&p=0&s=1&tab=matrix&lang=zh', { width: 1280, height: 800 });
    expect(await page.$eval('#matrix-step-cell', (el) => [el.textContent, getComputedStyle(el).textAlign])).toEqual(['z₀ = 输出通道 0 的单元 (0,0)', 'start']);
    await page.close();
  }, 60_000);

  it('the guide form of a 1-D direct layer names its output and input in brackets', async () => {
    for (const [lang, want] of [['en', 'takes its output (5) back to its input (9);'], ['zh', '把它的输出（5）还原成输入（9）的那个转置卷积']] as const) {
      const { page } = await h.open(`?i=1x9&k=1x3&s=1x2&p=0x1&r=1&lang=${lang}`, { width: 1280, height: 800 });
      expect(await page.textContent('#notation-form-note')).toContain(want);
      await page.close();
    }
    const { page } = await h.open('?i=5&k=3&s=2&p=1&lang=en', { width: 1280, height: 800 });
    expect(await page.textContent('#notation-form-note')).toContain('takes its output (3×3) back to its input (5×5);');
    await page.close();
  }, 60_000);
});
