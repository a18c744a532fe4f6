/**
 * The linked pair (issue 10, item 3) in Chromium: one action pairs the current convolution with the
 * transposed convolution that restores its shape; the numbers shown are the library's (linkedPair).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { linkedPair } from '../../src/index.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 120_000);
afterAll(async () => { await h?.close(); });

const open = async (query: string): Promise<Page> => (await h.open(query)).page;

const grid = (page: Page, name: string) =>
  page.$eval(`[data-pair-grid="${name}"]`, (f) => ({
    rows: Number(f.getAttribute('data-rows')),
    cols: Number(f.getAttribute('data-cols')),
    values: Array.from(f.querySelectorAll('td')).map((td) => Number(td.getAttribute('data-value'))),
  }));
const round = (a: ArrayLike<number>) => Array.from(a, (v) => (Math.abs(v) < 5e-5 ? 0 : Math.round(v * 1e4) / 1e4));

describe('linked pair', () => {
  it("restores the tutorial's 4×4 → 2×2 to 4×4 with the same kernel, values from the library", async () => {
    const page = await open('?i=4&k=3&s=1&p=0&lang=en');
    await page.click('#pair-open');
    const x = await grid(page, 'x');
    const w = await grid(page, 'kernel');
    const z = await grid(page, 'z');
    const r = await grid(page, 'restored');
    const d = await grid(page, 'difference');
    expect([x.rows, x.cols, z.rows, z.cols, r.rows, r.cols]).toEqual([4, 4, 2, 2, 4, 4]);
    const lib = linkedPair({ input: 4, kernel: 3 }, { input: x.values, weight: w.values });
    expect(z.values).toEqual(round(lib.z));
    expect(r.values).toEqual(round(lib.restored));
    expect(d.values).toEqual(round(lib.difference));
    expect(d.values.some((v) => v !== 0)).toBe(true); // shape, not values
    expect(await page.textContent('[data-pair-summary]')).toMatch(/4×4 → z = Cx 2×2 → Cᵀz 4×4/);
    await page.close();
  });

  it('starts from the figure’s own kernel and input: z = Cx is the figure’s output, cell for cell', async () => {
    const page = await open('?i=5&k=3&s=2&p=0&n=1&lang=en');
    const shown = async (svg: string) => new Map(await page.$$eval(`${svg} text`, (ts) => ts.map((t) => [Number((t as SVGElement).dataset.cell), Number(t.textContent)] as [number, number])));
    const kernel = [...(await shown('#svg-kernel')).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    const output = [...(await shown('#svg-output')).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    await page.click('#pair-open');
    expect((await grid(page, 'kernel')).values).toEqual(kernel);
    expect((await grid(page, 'z')).values).toEqual(output);
    expect(await page.textContent('[data-pair-figure-note]')).toBe('The kernel and x start as the figure’s example numbers (its first channel).');
    // An edit is the pair's alone, and the note says so.
    await page.fill('[data-pair-grid="kernel"] tr:nth-child(1) td:nth-child(1) input', '5');
    await page.press('[data-pair-grid="kernel"] tr:nth-child(1) td:nth-child(1) input', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-pair-grid="kernel"] td')?.getAttribute('data-value') === '5');
    expect(await page.textContent('[data-pair-figure-note]')).toMatch(/^You have edited the numbers here/);
    // A transposed figure (2 × 2 → 5 × 5, the restoring layer): its kernel is the pair's too. Its
    // direct view draws it flipped (rotated 180°, "Kernel (flipped)"): the pair's, read backwards.
    const t = await open('?i=2&k=3&s=2&p=0&t=1&n=1&lang=zh');
    const tk = [...new Map(await t.$$eval('#svg-kernel text', (ts) => ts.map((e) => [Number((e as SVGElement).dataset.cell), Number(e.textContent)] as [number, number]))).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    await t.click('#pair-open');
    expect((await grid(t, 'kernel')).values).toEqual([...tk].reverse());
    expect(await t.textContent('[data-pair-figure-note]')).toBe('卷积核一开始就是主图的（取第一个通道）；x 是对照图自己的示例数值。');
    await t.close();
    await page.close();
  });

  it('edits, randomises and shows the least-squares inverse; one click puts the transposed conv in the figure', async () => {
    const page = await open('?i=5&k=3&s=2&p=1&lang=zh');
    await page.click('#pair-open');
    await page.fill('[data-pair-grid="x"] tr:nth-child(2) td:nth-child(3) input', '7');
    await page.press('[data-pair-grid="x"] tr:nth-child(2) td:nth-child(3) input', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-pair-grid="x"] tr:nth-child(2) td:nth-child(3)')?.getAttribute('data-value') === '7');
    let x = await grid(page, 'x');
    let w = await grid(page, 'kernel');
    let r = await grid(page, 'restored');
    expect([r.rows, r.cols]).toEqual([5, 5]);
    expect(r.values).toEqual(round(linkedPair({ input: 5, kernel: 3, stride: 2, padding: 1 }, { input: x.values, weight: w.values }).restored));
    await page.click('#pair-random');
    await page.check('#pair-lsq');
    x = await grid(page, 'x');
    w = await grid(page, 'kernel');
    r = await grid(page, 'restored');
    const lib = linkedPair({ input: 5, kernel: 3, stride: 2, padding: 1 }, { input: x.values, weight: w.values, leastSquares: true });
    expect(r.values).toEqual(round(lib.restored));
    const inv = await grid(page, 'inverse');
    inv.values.forEach((v, i) => expect(Math.abs(v - lib.inverse![i])).toBeLessThan(2e-3));
    expect(await page.textContent('#pair-body')).toMatch(/反卷积/);
    // Why even the least-squares solution misses x: z has 9 numbers for the 25 of x.
    const summary = (await page.textContent('[data-pair-summary]')) ?? '';
    expect(summary).toContain('最小二乘解');
    expect(summary).toContain('z 只有 9 个数，x 却有 25 个');
    // Chinese sets no space after its full stop.
    expect(summary).not.toMatch(/。 /);
    await page.click('#pair-apply');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('t') === '1');
    const q = new URL(page.url()).searchParams;
    expect([q.get('i'), q.get('k'), q.get('s'), q.get('op')]).toEqual(['3', '3', '2', null]);
    expect(await page.getAttribute('#svg-output', 'data-size')).toBe('5x5');
    await page.close();
  });
});

describe('both notations', () => {
  it("typing the guide's padding 2 for the transposed 2×2 → 4×4 is understood as PyTorch's padding 0", async () => {
    const page = await open('?i=2&k=3&s=1&p=0&t=1&lang=en');
    await page.fill('#guide-stride', '1');
    await page.fill('#guide-padding', '2');
    await page.fill('#guide-a', '0');
    await page.click('#guide-apply');
    await page.waitForFunction(() => document.querySelector('#notation-status')?.textContent?.includes('Understood'));
    const q = new URL(page.url()).searchParams;
    expect([q.get('t'), q.get('s'), q.get('p')]).toEqual(['1', '1', '0']);
    expect(await page.getAttribute('#svg-output', 'data-size')).toBe('4x4');
    expect(await page.textContent('[data-notation-guide]')).toMatch(/p′ = 2/);
    expect(await page.textContent('[data-notation-torch]')).toBe('ConvTranspose2d(stride=1, padding=0, output_padding=0)');
    expect(await page.textContent('#notation-status')).toContain('ConvTranspose2d(stride=1, padding=0, output_padding=0)');
    await page.close();
  });

  it('stride "1/2" is PyTorch\'s stride 2 (2×2 → 5×5); an impossible p′ is refused with what would be valid, in Chinese', async () => {
    const page = await open('?i=2&k=3&s=1&p=0&t=1&lang=zh');
    await page.fill('#guide-stride', '1/2');
    await page.fill('#guide-padding', '2');
    await page.click('#guide-apply');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('s') === '2');
    expect(await page.getAttribute('#svg-output', 'data-size')).toBe('5x5');
    expect(await page.textContent('#notation-status')).toMatch(/微步卷积/);
    // The guide line is redrawn with the side panels, a frame after the layer changes.
    await expect.poll(() => page.textContent('[data-notation-guide]')).toMatch(/步长 1\/2/);
    await page.fill('#guide-padding', '5');
    await page.click('#guide-apply');
    await page.waitForFunction(() => document.querySelector('#notation-status')?.classList.contains('field-error'));
    expect(await page.textContent('#notation-status')).toMatch(/p′ 可取 0 到 2/);
    expect(new URL(page.url()).searchParams.get('s')).toBe('2');
    await page.close();
  });
});
