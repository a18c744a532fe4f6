/**
 * A transposed layer with a stride: the note under the pictures says that each pixel of a stride
 * block is reached by its own subset of the kernel's taps, with the counts, so a signed kernel's
 * sparse stripes (Sobel through k3 s2) are explained, not only the brightness (review 34). The
 * expected counts are the library's transposed convolution of ones by ones (how many taps land on
 * each output), in the middle of the output: another road than the tap tables the page reads.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { convTranspose2d } from '../../src/ops/conv.js';
import { tensor } from '../../src/tensor/tensor.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function note(query: string, size = { width: 1366, height: 900 }): Promise<{ page: Page; text: string }> {
  const { page } = await h.open(query, size);
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 60_000 });
  return { page, text: (await page.textContent('[data-image-note]')) ?? '' };
}

/** Taps landing on each pixel of a middle 2 × 2 block (k × k kernel, stride 2, padding p), ascending. */
function blockCounts(k: number, p: number, op: number): number[] {
  const ones = (n: number) => tensor(new Float32Array(n * n).fill(1), [1, 1, n, n]);
  const y = convTranspose2d(ones(8), ones(k), { stride: 2, padding: p, outputPadding: op });
  const w = y.shape[3];
  return [y.data[8 * w + 8], y.data[8 * w + 9], y.data[9 * w + 8], y.data[9 * w + 9]].sort((a, b) => a - b);
}

describe('image mode: a strided transposed layer says each output pixel takes its own taps', () => {
  it('Sobel through kernel 3, stride 2: the note gives the four pixels’ tap counts, in English and Chinese', async () => {
    const c = blockCounts(3, 1, 1);
    expect(c).toEqual([1, 2, 2, 4]); // the block has four different subsets
    const en = await note('?view=image&lang=en&k=3&s=2&p=1&t=1&op=1&ik=sobelX');
    expect(en.text).toContain(`With stride 2×2, neighbouring output pixels are reached by different taps of the kernel: the 4 pixels of each 2×2 block take ${c[0]}, ${c[1]}, ${c[2]} and ${c[3]} of its 9 weights, each pixel its own subset. A kernel whose weights differ (Sobel, for one) so filters neighbouring pixels differently, which shows as stripes or a grid.`);
    await en.page.close();
    const zh = await note('?view=image&lang=zh&k=3&s=2&p=1&t=1&op=1&ik=sobelX', { width: 390, height: 844 });
    expect(zh.text).toContain(`每个 2×2 块里的 4 个像素，分别用到卷积核 9 个权重中的 ${c.join('、')} 个，每个像素用的是不同的一组。`);
    await zh.page.close();
  }, 90_000);

  it('kernel 4: every pixel takes as many taps (a different four), and a direct layer says nothing of the kind', async () => {
    const c = blockCounts(4, 1, 0);
    expect(new Set(c).size).toBe(1);
    const four = await note('?view=image&lang=en&k=4&s=2&p=1&t=1');
    expect(four.text).toContain(`the 4 pixels of each 2×2 block take ${c[0]} of its 16 weights, each pixel its own subset.`);
    await four.page.close();
    const direct = await note('?view=image&lang=en&k=3&s=2&p=1');
    expect(direct.text).not.toMatch(/taps of the kernel/);
    await direct.page.close();
  }, 90_000);
});
