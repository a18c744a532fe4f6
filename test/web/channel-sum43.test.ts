/**
 * The channel planes' sum is one sentence (native reader's review R43b, finding 12): it read
 * "3 个通道求和 · 0 + 4 + 10 = 14，即输出 (0,0) 的值", the count and the sum split by a middle dot.
 * Now "3 个通道的结果求和：0 + 4 + 10 = 14，即输出 (0,0) 的值", and in English "sum over 3
 * channels: … = 14, the output at (0,0)"; the shares still add up to the layer's output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 120_000);
afterAll(async () => { await h?.close(); });

const sumOf = async (lang: string) => {
  const { page } = await h.open(`?i=5&k=3&s=1&p=1&ci=3&co=2&oc=1&n=1&f=7&lang=${lang}`);
  const r = await page.$eval('#channel-planes [data-channel-sum]', (e) => ({ text: e.textContent ?? '', output: Number((e as HTMLElement).dataset.output) }));
  const parts = await page.$$eval('#channel-planes [data-part]', (ps) => ps.map((p) => Number(p.getAttribute('data-part'))));
  await page.close();
  return { ...r, parts };
};

describe('the channel planes’ sum', () => {
  it('zh: 3 个通道的结果求和：the shares = the output, in one sentence', async () => {
    const s = await sumOf('zh');
    expect(s.parts).toHaveLength(3);
    expect(s.parts.reduce((a, b) => a + b, 0)).toBeCloseTo(s.output, 4);
    expect(s.text).toMatch(/^3 个通道的结果求和：[-\d.]+ \+ [-\d.]+ \+ [-\d.]+ = [-\d.]+，即输出 \(1,2\) 的值$/);
    expect(s.text).not.toContain(' · ');
  });

  it('en: the same sentence', async () => {
    const s = await sumOf('en');
    expect(s.text).toMatch(/^sum over 3 channels: [-\d.]+ \+ [-\d.]+ \+ [-\d.]+ = [-\d.]+, the output at \(1,2\)$/);
  });
});
