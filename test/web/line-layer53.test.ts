/**
 * A 1-D layer (a model's Conv1d, or a link with `r=1`) is drawn as the 2-D row it equals (1 × L),
 * but its texts wrote the row: the Formula tab said "2-D convolution · input 1×9 · kernel 1×3" and
 * the Code tab built `nn.Conv2d(… kernel_size=(1, 3) …)` on an input of [1, C, 1, 9] — another layer
 * than the reader's. The texts now write the 1-D layer (line-layer.ts, layer.ts `writtenLayer`):
 * "1-D convolution", shapes [1, C, L], `nn.Conv1d` / `tf.keras.layers.Conv1D`; giving the H axis a
 * second row makes it a 2-D layer again (and a link stops saying `r=1`).
 * "Two ways to write it" and its guide form did the same, and worse: "stride 1×2, padding 0×1,
 * Conv2d(stride=(1, 2), …)", a stride field of "1,1/2", p′ refused above 0 (read off the H axis's
 * one-tap kernel), and "Use these" built a 2-D layer of two rows. They now write and take the 1-D
 * layer's numbers, and "Use these" builds a 1-D layer (`r=1`). The linked pair's PyTorch line too.
 * Pinned: a link, a model file of 1-D layers, the guide panel and form, the pair's line, and the
 * change to 2-D, in English and Chinese.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();

/** The Code tab's snippets are laid out for its column; read each call on one line. */
const texts = (page: Page) =>
  page.evaluate(`(() => {
    const oneLine = (code) => code.replace(/\\(\\s+/g, '(').replace(/,?\\s*\\n\\s*\\)/g, ')').replace(/,\\s*\\n\\s*/g, ', ');
    return {
    formula: document.querySelector('#formula ul.explain li').textContent,
    shapes: document.getElementById('shape-text').textContent,
    field: document.getElementById('rf-text').textContent,
    torch: oneLine(document.getElementById('code-torch').textContent),
    tf: oneLine(document.getElementById('code-tf').textContent),
    query: location.search,
  }; })()`) as Promise<{ formula: string; shapes: string; field: string; torch: string; tf: string; query: string }>;

describe('a 1-D layer is written as 1-D', () => {
  it('a link with r=1: Formula and Code name the 1-D layer (en, zh)', async () => {
    for (const [lang, kind] of [['en', /^1-D convolution · input 9 · kernel 3 · stride 2/], ['zh', /^一维卷积 · 输入 9 · 卷积核 3 · 步长 2/]] as const) {
      const { page } = await h.open(`?i=1x9&k=1x3&s=1x2&p=0x1&ci=2&co=4&r=1&lang=${lang}`);
      const t = await texts(page);
      expect(t.formula).toMatch(kind);
      expect(t.shapes).toBe('[1, 2, 9] → [1, 4, 5]');
      expect(t.torch).toContain('nn.Conv1d(2, 4, kernel_size=3, stride=2, padding=1, dilation=1, groups=1)');
      expect(t.torch).toContain('x = torch.randn(1, 2, 9)');
      expect(t.torch).toContain('torch.Size([1, 4, 5])');
      expect(t.tf).toContain('tf.keras.layers.Conv1D(4, kernel_size=3, strides=2');
      expect(t.tf).not.toMatch(/2D|Conv2d/);
      expect(t.query).toContain('r=1');
      // The figure still draws the row, its captions writing the 1-D sizes (line-stage54): 9, padded to 11.
      expect(await page.textContent('#cap-grid')).toMatch(/[ ）]9 → 11 /);
      await page.close();
    }
  });

  it('a transposed 1-D layer: ConvTranspose1d', async () => {
    const { page } = await h.open('?i=1x4&k=1x3&s=1x2&p=0x1&t=1&op=0x1&r=1&lang=en');
    const t = await texts(page);
    expect(t.formula).toMatch(/^1-D transposed convolution · input 4 · kernel 3 · stride 2 · padding 1 · output padding 1/);
    expect(t.torch).toContain('nn.ConvTranspose1d(1, 1, kernel_size=3, stride=2, padding=1, output_padding=1, dilation=1, groups=1)');
    expect(t.tf).toContain('Conv1DTranspose(1, kernel_size=3, strides=2');
    await page.close();
  });

  it('a second row makes it 2-D: the texts and the link follow', async () => {
    const { page } = await h.open('?i=1x9&k=1x3&s=1x2&p=0x1&r=1&lang=en');
    await page.fill('#input-h', '3');
    await page.press('#input-h', 'Enter');
    await settled(page);
    await expect.poll(async () => (await texts(page)).formula).toMatch(/^2-D convolution · input 3×9/);
    const t = await texts(page);
    expect(t.torch).toContain('nn.Conv2d(1, 1, kernel_size=(1, 3)');
    expect(t.query).not.toContain('r=1');
    // Back to one row by hand: a 2-D layer of one row is still a 2-D layer.
    await page.fill('#input-h', '1');
    await page.press('#input-h', 'Enter');
    await settled(page);
    await expect.poll(async () => (await texts(page)).formula).toMatch(/^2-D convolution · input 1×9/);
    await page.close();
  });

  it('a model file’s Conv1d layer (en, zh)', async () => {
    const yaml = 'name: audio\ninput: [1, 16, 100]\nlayers:\n  - {type: conv, name: c1, out: 32, kernel: 5, stride: 2, padding: 2}\n  - {type: conv, name: c2, out: 32, kernel: 3, dilation: 2, padding: 2}\n';
    for (const [lang, kind] of [['en', /^1-D convolution · input 32 · kernel 3 · stride 1 · padding 2 · dilation 2/], ['zh', /^一维卷积 · 输入 32 · 卷积核 3/]] as const) {
      const { page } = await h.open(`?lang=${lang}`);
      await page.setInputFiles('#model-file', { name: 'a.yaml', mimeType: 'application/octet-stream', buffer: Buffer.from(yaml) });
      await page.waitForSelector('#model-table button[data-layer="c2"]');
      await page.click('#model-table button[data-layer="c2"]');
      await expect.poll(() => page.evaluate(`document.getElementById('kernel-w').value`)).toBe('3');
      await settled(page);
      const t = await texts(page);
      expect(t.formula).toMatch(kind);
      // The page draws at most 32 cells a side: the layer's 50 are clamped to 32, with a note.
      expect(t.shapes).toBe('[1, 32, 32] → [1, 32, 32]');
      expect(t.torch).toContain('nn.Conv1d(32, 32, kernel_size=3, stride=1, padding=2, dilation=2, groups=1)');
      expect(t.torch).toContain('x = torch.randn(1, 32, 32)');
      await page.close();
    }
  });

  it('the guide panel, its form and the linked pair write the 1-D layer, and the form builds one', async () => {
    const { page, errors } = await h.open('?i=1x4&k=1x3&s=1x2&p=0x1&t=1&op=0x1&r=1&lang=en', { width: 1280, height: 800 });
    expect(await page.textContent('[data-notation-torch]')).toContain('ConvTranspose1d(stride=2, padding=1, output_padding=1)');
    expect(await page.textContent('[data-notation-guide]')).not.toMatch(/×/);
    // One number per field, p′ = k̂ − 1 − p = 1 (not refused off the H axis's one tap).
    expect(await Promise.all(['#guide-stride', '#guide-padding', '#guide-a'].map((f) => page.inputValue(f)))).toEqual(['1/2', '1', '1']);
    await page.fill('#guide-stride', '1/3');
    await page.fill('#guide-padding', '2');
    await page.fill('#guide-a', '0');
    await page.click('#guide-apply');
    await page.waitForFunction(() => !document.querySelector('#notation-status')?.classList.contains('field-error') && (document.querySelector('#notation-status')?.textContent ?? '') !== '');
    await settled(page);
    // Stride 3, PyTorch padding k̂ − 1 − p′ = 0: 4 → (4 − 1)·3 + 3 = 12, still one row, still 1-D.
    const t = await texts(page);
    expect(t.formula).toMatch(/^1-D transposed convolution · input 4 · kernel 3 · stride 3 · padding 0 · output padding 0/);
    expect(t.shapes).toBe('[1, 1, 4] → [1, 1, 12]');
    expect(t.query).toContain('r=1');
    expect(await page.inputValue('#input-h')).toBe('1');
    expect(await page.textContent('[data-notation-torch]')).toContain('ConvTranspose1d(stride=3, padding=0, output_padding=0)');
    // The linked pair's PyTorch line.
    await page.click('#pair-open');
    await page.waitForSelector('.pair-code');
    expect(await page.textContent('.pair-code')).toMatch(/Conv1d\(1, 1, 3, stride=3, padding=0\).*ConvTranspose1d\(1, 1, 3, stride=3, padding=0, output_padding=0\)/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('zh: the guide panel of a direct 1-D layer', async () => {
    const { page } = await h.open('?i=1x9&k=1x3&s=1x2&p=0x1&r=1&lang=zh', { width: 390, height: 844 });
    expect(await page.textContent('[data-notation-torch]')).toContain('Conv1d(stride=2, padding=1');
    expect(await page.textContent('[data-notation-guide]')).not.toMatch(/×/);
    expect(await page.inputValue('#guide-stride')).not.toContain(',');
    await page.close();
  });
});
