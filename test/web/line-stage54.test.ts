/**
 * A 1-D layer (a model's Conv1d, or a link with `r=1`) is drawn as the 2-D row it equals (1 × L).
 * Stop 53 made the Formula tab, the Code tab and "Two ways to write it" write it as 1-D; the stage
 * still spoke of the row:
 * - a link with r=1 said nothing about being a 1-D layer (only a model's 1-D layer had a note,
 *   "A 1-D layer, drawn as one row.", in the model's origin box). The note is now the stage's, shown
 *   for every layer the page writes as 1-D (line-layer.ts isLine), and goes when a second row makes
 *   the layer 2-D.
 * - the figure's captions wrote the row's sizes, "Input with padding 1×9 → 1×11", "Kernel 1×3",
 *   "Output 1×5", and a model's shortened input "Input 1×100 is shown as 1×32", beside a Formula tab
 *   that writes "input 9 · kernel 3". They now write a 1-D layer's sizes as the Formula tab does
 *   ("9 → 11", "3", "5"); a 2-D layer of one row keeps "1×9".
 * - the kernel's weights were named w₀₀ w₀₁ w₀₂, the Matrix tab's entries the same, and the
 *   sentences named cells by the row's two coordinates: "Output (0,0) = …", "Output (2,0) reads
 *   input cells (0,3) (0,4)", "z₀ = output (0,0)". A 1-D layer's now have one index (w₀ w₁ w₂,
 *   "Output (0)", "(3) (4)"): the kernel is named by the page, the matrix's entries by the library
 *   from the drawn row, renamed by the page (line-layer.ts lineWeightName; src/ is unchanged).
 * - the Export tab saved a 1-D layer under the row's name, convkit-i1x9-k1x3-s1x2-p0x1-….svg. It
 *   is now named by its one axis and said to be 1-D: convkit-1d-i9-k3-s2-p1-….svg (export-name.ts);
 *   the same row as a 2-D layer keeps its name.
 * Pinned in English and Chinese, on a link and on a model file's Conv1d layer.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, settled } from './harness.js';
import { lineWeightName } from '../../web/src/line-layer.js';

const h = fileHarness();

const LINK = '?i=1x9&k=1x3&s=1x2&p=0x1&ci=2&co=4&r=1';
const NOTE = { en: 'A 1-D layer, drawn as one row.', zh: '一维层，画成一行。' } as const;
const YAML = 'name: audio\ninput: [1, 16, 100]\nlayers:\n  - {type: conv, name: c1, out: 32, kernel: 5, stride: 2, padding: 2}\n  - {type: conv, name: c2, out: 32, kernel: 3, dilation: 2, padding: 2}\n';

/** A model file's 1-D layer c2, loaded from the model panel. */
async function openModelLayer(lang: 'en' | 'zh'): Promise<Page> {
  const { page } = await h.open(`?lang=${lang}`);
  await page.setInputFiles('#model-file', { name: 'a.yaml', mimeType: 'application/octet-stream', buffer: Buffer.from(YAML) });
  await page.waitForSelector('#model-table button[data-layer="c2"]');
  await page.click('#model-table button[data-layer="c2"]');
  await expect.poll(() => page.evaluate(`document.getElementById('kernel-w').value`)).toBe('3');
  await settled(page);
  return page;
}

const lineNote = (page: Page) => page.evaluate(`(() => { const n = document.getElementById('line-note'); return n.hidden ? null : n.textContent; })()`) as Promise<string | null>;

describe('the stage says a 1-D layer is one', () => {
  it('a link with r=1 shows the note; a second row takes it away (en, zh)', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { page } = await h.open(`${LINK}&lang=${lang}`);
      expect(await lineNote(page)).toBe(NOTE[lang]);
      expect(await page.isVisible('#line-note')).toBe(true);
      await page.fill('#input-h', '3');
      await page.press('#input-h', 'Enter');
      await settled(page);
      await expect.poll(() => lineNote(page)).toBeNull();
      await page.close();
    }
    // The same row without r=1 is a 2-D layer of one row: no note.
    const { page } = await h.open('?i=1x9&k=1x3&s=1x2&p=0x1&lang=en');
    expect(await lineNote(page)).toBeNull();
    await page.close();
  });

  it('a model file’s Conv1d layer shows it once, on the stage (en, zh)', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const page = await openModelLayer(lang);
      expect(await lineNote(page)).toBe(NOTE[lang]);
      // Not said a second time in the origin box, which names the layer and its shortened input.
      expect(await page.textContent('#model-notes')).not.toContain(NOTE[lang]);
      await page.close();
    }
  });
});

const captions = (page: Page) => page.evaluate(`['cap-grid', 'cap-kernel', 'cap-output'].map((id) => document.getElementById(id).textContent)`) as Promise<string[]>;

describe('the figure’s captions write a 1-D layer’s sizes', () => {
  it('a link with r=1 (en, zh), and the same row as a 2-D layer', async () => {
    const want = {
      en: ['Input with padding 9 → 11 · channel 0', 'Kernel 3', 'Output 5 · channel 0'],
      zh: ['输入（含填充）9 → 11 · 通道 0', '卷积核 3', '输出 5 · 通道 0'],
    };
    for (const lang of ['en', 'zh'] as const) {
      const { page } = await h.open(`${LINK}&lang=${lang}`);
      expect(await captions(page)).toEqual(want[lang]);
      // The SVGs are named by the same captions.
      expect(await page.getAttribute('#svg-kernel', 'aria-label')).toMatch(lang === 'en' ? /^Kernel 3\./ : /^卷积核 3。/);
      await page.close();
    }
    const { page } = await h.open('?i=1x9&k=1x3&s=1x2&p=0x1&ci=2&co=4&lang=en');
    expect(await captions(page)).toEqual(['Input with padding 1×9 → 1×11 · channel 0', 'Kernel 1×3', 'Output 1×5 · channel 0']);
    await page.close();
  });

  it('a dilated 1-D layer: its one rate; a transposed one: its zero-inserted row', async () => {
    let { page } = await h.open('?i=1x9&k=1x3&s=1x1&p=0x0&d=1x2&r=1&lang=en');
    expect(await captions(page)).toEqual(['Input 9', 'Kernel 3 (d = 2)', 'Output 5']);
    await page.close();
    ({ page } = await h.open('?i=1x4&k=1x3&s=1x2&p=0x1&t=1&op=0x1&r=1&lang=en'));
    // (4 − 1)·2 + 1 = 7 cells with zeros between, padded by k − 1 − p = 1 each side (and 1 more for op).
    expect(await captions(page)).toEqual(['Input with inserted zeros and padding 4 → 10', 'Kernel (flipped) 3', 'Output 8']);
    await page.close();
  });

  it('a model file’s Conv1d layer: captions and the shortened input’s note (en, zh)', async () => {
    const want = {
      en: { kernel: 'Kernel 3 (d = 2)', note: 'Input 50 is shown as 32' },
      zh: { kernel: '卷积核 3（d = 2）', note: '输入 50 按 32 显示' },
    };
    for (const lang of ['en', 'zh'] as const) {
      const page = await openModelLayer(lang);
      const [grid, kernel, output] = await captions(page);
      expect(grid).toMatch(/[ ）]32 → 36 · /);
      expect(kernel).toBe(want[lang].kernel);
      expect(output).toMatch(/ 32 · /);
      expect(await page.textContent('#model-notes')).toContain(want[lang].note);
      await page.close();
    }
  });
});

const kernelNames = (page: Page) => page.evaluate(`[...document.querySelectorAll('#svg-kernel text')].map((e) => e.textContent).join(' ')`) as Promise<string>;
const said = (page: Page, id: string) => page.textContent(`#${id}`) as Promise<string>;

/** The centre of cell `c` of a one-row grid of `n` cells drawn in `sel`. */
async function rowCell(page: Page, sel: string, n: number, c: number) {
  const b = (await page.locator(sel).boundingBox())!;
  return { x: b.x + ((c + 0.5) * b.width) / n, y: b.y + b.height / 2 };
}

describe('a 1-D layer’s weights and cells have one index', () => {
  it('a link with r=1: the kernel, the step and pointing sentences, the Matrix tab (en, zh)', async () => {
    const want = {
      en: { step: /^Output \(0\) of output channel 0 = /, hover: /^Output \(2\) reads 3 input cells: \(3\) \(4\) \(5\)\./, weight: /^Weight w\(1\) multiplies/, cell: 'z₂ = output (2) of output channel 0' },
      zh: { step: /^输出通道 0 在 \(0\) 处的值 = /, hover: /^输出 \(2\) 读取 3 个输入单元：\(3\) \(4\) \(5\)。/, weight: /^权重 w\(1\) 参与了/, cell: 'z₂ = 输出通道 0 的单元 (2)' },
    };
    for (const lang of ['en', 'zh'] as const) {
      const { page, errors } = await h.open(`${LINK}&lang=${lang}`, { width: 1400, height: 1000 });
      expect(await kernelNames(page)).toBe('w₀ w₁ w₂');
      expect(await said(page, 'step-text')).toMatch(want[lang].step);
      // Output 2 of 5 reads padded cells 4, 5, 6: input cells 3, 4, 5.
      const o = await rowCell(page, '#svg-output', 5, 2);
      await page.mouse.move(o.x, o.y);
      await expect.poll(() => said(page, 'hover-text')).toMatch(want[lang].hover);
      const k = await rowCell(page, '#svg-kernel', 3, 1);
      await page.mouse.move(k.x, k.y);
      await expect.poll(() => said(page, 'hover-text')).toMatch(want[lang].weight);
      await page.mouse.move(5, 990);
      // (Pointing at output 2 took the animation to its step.)
      await page.click('#tab-matrix');
      await settled(page);
      expect(await said(page, 'matrix-step-cell')).toBe(want[lang].cell);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('the Matrix tab names its entries w₀ w₁ w₂', async () => {
    // One channel: C's 5×11 cells are wide enough to print each entry's name.
    const { page } = await h.open('?i=1x9&k=1x3&s=1x2&p=0x1&r=1&lang=en', { width: 1400, height: 1000 });
    await page.click('#tab-matrix');
    await page.waitForSelector('#svg-matrix text', { state: 'attached' });
    await settled(page);
    const entries = await page.evaluate(`[...document.querySelectorAll('#svg-matrix text')].map((e) => e.textContent).filter((x) => x.startsWith('w'))`) as string[];
    expect(entries.length).toBe(5 * 3 - 2);
    expect(new Set(entries)).toEqual(new Set(['w₀', 'w₁', 'w₂']));
    await page.close();
  });

  it('the library’s names of the drawn row’s weights, renamed', () => {
    expect(['w₀₂', 'w[1,0]₀₂', 'w₀,₁₂', 'w₀₀+w₀₂', 'w[0,1]₀₀+w[0,1]₀₂'].map(lineWeightName)).toEqual(['w₂', 'w[1,0]₂', 'w₁₂', 'w₀+w₂', 'w[0,1]₀+w[0,1]₂']);
  });

  it('a 2-D layer of one row keeps two indices', async () => {
    const { page } = await h.open('?i=1x9&k=1x3&s=1x2&p=0x1&lang=en');
    expect(await kernelNames(page)).toBe('w₀₀ w₀₁ w₀₂');
    expect(await said(page, 'step-text')).toMatch(/^Output \(0,0\) = /);
    await page.close();
  });

  it('a model file’s Conv1d layer (en, zh)', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const page = await openModelLayer(lang);
      expect(await kernelNames(page)).toBe('w₀ w₁ w₂');
      expect(await said(page, 'step-text')).toMatch(lang === 'en' ? /^Output \(0\) of output channel 0 / : /^输出通道 0 在 \(0\) 处的值/);
      await page.close();
    }
  });
});

async function savedName(page: Page, style: string): Promise<string> {
  await page.click('#tab-export');
  await page.selectOption('#export-style', style);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  return dl.suggestedFilename();
}

describe('the Export tab names a 1-D layer’s file by its one axis', () => {
  it('a direct and a transposed link with r=1 (en, zh), and the same row as a 2-D layer', async () => {
    let { page } = await h.open(`${LINK}&lang=en`);
    expect(await savedName(page, 'flat')).toBe('convkit-1d-i9-k3-s2-p1-ci2-co4-flat-step1.svg');
    await page.close();
    ({ page } = await h.open('?i=1x4&k=1x3&s=1x2&p=0x1&t=1&op=0x1&d=1x2&r=1&lang=zh'));
    expect(await savedName(page, 'classic')).toBe('convkit-1d-transposed-i4-k3-s2-d2-p1-op1-classic-zh-step1.svg');
    await page.close();
    ({ page } = await h.open('?i=1x9&k=1x3&s=1x2&p=0x1&ci=2&co=4&lang=en'));
    expect(await savedName(page, 'flat')).toBe('convkit-i1x9-k1x3-s1x2-p0x1-ci2-co4-flat-step1.svg');
    await page.close();
  }, 120_000);

  it('a model file’s Conv1d layer', async () => {
    const page = await openModelLayer('en');
    expect(await savedName(page, 'flat')).toBe('convkit-1d-i32-k3-s1-d2-p2-ci32-co32-flat-step1.svg');
    await page.close();
  }, 120_000);
});
