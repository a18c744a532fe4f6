/**
 * "Two ways to write it" says what the guide's notation means (native reader's review R43b,
 * findings 2 and 26): a transposed layer's stride 1/s is a fractionally strided convolution, i.e.
 * s − 1 zeros inserted between input cells and then a convolution with stride 1 (a direct
 * convolution has no stride 1/2); a dilated layer names its dilation rate in both notations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 120_000);
afterAll(async () => { await h?.close(); });

const lines = async (query: string) => {
  const { page } = await h.open(query);
  const guide = (await page.textContent('[data-notation-guide]')) ?? '';
  const torch = (await page.textContent('[data-notation-torch]')) ?? '';
  await page.close();
  return { guide, torch };
};

describe('the guide’s notation of a transposed layer', () => {
  // i = 3, k = 3, s = 2, p = 1, a = 1: the guide's numbers from its own rules.
  const [i, k, s, p, a] = [3, 3, 2, 1, 1];
  const zeros = s - 1;
  const stretched = i + (i - 1) * zeros;
  const pp = k - 1 - p;
  const q = `i=${i}&k=${k}&s=${s}&p=${p}&t=1&op=${a}`;

  it('zh: stride 1/2 is the fractionally strided convolution, zeros inserted and then stride 1', async () => {
    const { guide } = await lines(`?lang=zh&${q}`);
    expect(guide).toContain(`分数步长卷积（又称微步卷积）：步长 1/${s}`);
    expect(guide).toContain(`插入 ${zeros} 个零（ĩ′ = ${stretched}）后以步长 1 卷积`);
    expect(guide).toContain(`填充 p′ = ${pp}，末尾再补输出填充 a = ${a}`);
    expect(guide).toContain('卷积核翻转');
    // A 普通卷积 moves one cell at a time: it is never given the stride 1/2.
    expect(guide).not.toMatch(/普通卷积：步长 1\//);
  });

  it('en: the same, in the same order', async () => {
    const { guide } = await lines(`?lang=en&${q}`);
    expect(guide).toContain(`fractionally strided convolution: stride 1/${s}`);
    expect(guide).toContain(`${zeros} zero inserted between input cells (ĩ′ = ${stretched}), then a stride-1 convolution`);
    expect(guide).toContain(`padding p′ = ${pp}, plus output padding a = ${a} at the end`);
    expect(guide).not.toMatch(/direct convolution: stride 1\//);
  });
});

describe('a dilated layer names its dilation rate', () => {
  const d = 2;
  it('in the guide’s line and in PyTorch’s, zh and en', async () => {
    const zh = await lines(`?lang=zh&i=7&k=3&s=1&p=0&d=${d}`);
    expect(zh.guide).toBe(`空洞卷积：膨胀率 ${d}，步长 1，填充 0`);
    expect(zh.torch).toBe(`Conv2d(stride=1, padding=0, dilation=${d})`);
    const en = await lines(`?lang=en&i=7&k=3&s=1&p=0&d=${d}`);
    expect(en.guide).toBe(`dilated convolution: dilation rate ${d}, stride 1, padding 0`);
    expect(en.torch).toBe(`Conv2d(stride=1, padding=0, dilation=${d})`);
  });

  it('a dilated transposed layer too; an undilated one is unchanged', async () => {
    const t = await lines(`?lang=zh&i=3&k=3&s=1&p=0&t=1&d=${d}`);
    expect(t.guide).toMatch(new RegExp(`；膨胀率 ${d}$`));
    expect(t.torch).toBe(`ConvTranspose2d(stride=1, padding=0, output_padding=0, dilation=${d})`);
    const plain = await lines('?lang=en&i=5&k=3&s=1&p=0');
    expect(plain.guide).toBe('direct convolution: stride 1, padding 0');
    expect(plain.torch).toBe('Conv2d(stride=1, padding=0)');
  });
});
