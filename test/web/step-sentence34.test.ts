/**
 * The step sentence under the figure says what each zero a window reads is (padding, a zero
 * inserted between input cells, an output-padding cell a), and counts the real layer's input
 * channels where the pictures draw fewer (review 34, A6 and A2). Expected counts come from the
 * library's trace, not from the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { trace } from '../../src/index.js';
import type { DirectTrace } from '../../src/trace/types.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 120_000);
afterAll(async () => { await h?.close(); });

async function stepText(query: string): Promise<string> {
  const { page } = await h.open(query);
  await (page as Page).waitForSelector('body:not([data-pending])', { state: 'attached' });
  const text = (await page.textContent('#step-text')) ?? '';
  await page.close();
  return text;
}

/** The zero reads of frame f by kind, from the library's trace. */
function zeroKinds(cfg: Parameters<typeof trace>[0], f: number): Record<string, number> {
  const tr = trace(cfg) as DirectTrace;
  const counts: Record<string, number> = {};
  for (const tp of tr.frames[f].taps) if (tp.input === null) counts[tp.kind] = (counts[tp.kind] ?? 0) + 1;
  return counts;
}

describe('the step sentence', () => {
  it('names padding and inserted zeros apart in a transposed window (zh and en)', async () => {
    const cfg = { input: [3, 3], kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: 1 } as const;
    // Frame 0 reads padding, inserted zeros and … whatever the library says; at least two kinds.
    const f = 0;
    const k = zeroKinds(cfg, f);
    expect(Object.keys(k).length, 'the frame reads zeros of two kinds or more').toBeGreaterThanOrEqual(2);
    const z = Object.values(k).reduce((a, b) => a + b, 0);
    const zh = await stepText(`?i=3&k=3&s=2&p=1&t=1&op=1&f=${f}&lang=zh`);
    expect(zh).not.toContain('补上的零');
    expect(zh).toContain(`${z} 个来自零（`);
    if (k.padding) expect(zh).toContain(`填充 ${k.padding} 个`);
    if (k.inserted) expect(zh).toContain(`插入的零 ${k.inserted} 个`);
    if (k.extra) expect(zh).toContain(`输出填充 ${k.extra} 个`);
    const en = await stepText(`?i=3&k=3&s=2&p=1&t=1&op=1&f=${f}&lang=en`);
    expect(en).toContain(`${z} with zeros (`);
    if (k.inserted) expect(en).toContain(`${k.inserted} inserted`);
    if (k.padding) expect(en).toContain(`${k.padding} padding`);
  });

  it('a window that reads one kind of zero names it', async () => {
    // A direct conv with padding 1: the corner output's window reads padding only.
    const k = zeroKinds({ input: [5, 5], kernel: 3, stride: 1, padding: 1 }, 0);
    expect(Object.keys(k)).toEqual(['padding']);
    expect(await stepText('?i=5&k=3&s=1&p=1&f=0&lang=en')).toContain(`, ${k.padding} with padding zeros.`);
    expect(await stepText('?i=5&k=3&s=1&p=1&f=0&lang=zh')).toContain(`，${k.padding} 个来自填充。`);
  });

  it('counts the real layer\'s input channels where the pictures draw 16 of them', async () => {
    // ConvTranspose2d(64, 32, 4, 2, 1): each output channel sums over all 64 input channels.
    const en = await stepText('?i=16&k=4&s=2&p=1&t=1&ci=64&co=32&f=5&lang=en');
    expect(en).toMatch(/sum over its 64 input channels \(16 drawn\), 16 products each \(1024 in all\)/);
    const zh = await stepText('?i=16&k=4&s=2&p=1&t=1&ci=64&co=32&f=5&lang=zh');
    expect(zh).toContain('64 个输入通道（图中画出 16 个）各 16 个乘积之和（共 1024 个）');
    // Grouped: 64 → 32 in 4 groups sums 16 input channels per output channel (all drawn: 4 groups × 4).
    const g = await stepText('?i=16&k=3&s=1&p=1&ci=64&co=32&g=4&f=5&lang=en');
    expect(g).toMatch(/sum over its 16 input channels \(4 drawn\)/);
  });
});
