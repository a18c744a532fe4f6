/**
 * The image mode's kernel editors in Chromium: the preset menu says where a 3 × 3 preset sits in a
 * larger kernel (Sobel on a 4 × 4 kernel fills its top-left 3 × 3: an even kernel has no centre),
 * in English and Chinese; and no two focusable controls of the image mode share an accessible
 * name — the page shows three kernels (the layer's, the learning study's target and learned ones),
 * whose cells, − / + buttons and preset menus were named alike ("row 2, column 2").
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function open(query: string, size: { width: number; height: number }): Promise<Page> {
  const { page } = await h.open(query, size);
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 60_000 });
  return page;
}

const note = (page: Page, editor: string) => page.$eval(`[data-kernel-editor="${editor}"] [data-kernel-preset-note]`, (p) => ((p as HTMLElement).hidden ? null : p.textContent));

/**
 * Each focusable, rendered control of the image mode (its pictures and its studies' panel) and the accessible name Chromium computes
 * for it (CDP's accessibility tree, as a screen reader gets it).
 */
async function focusableNames(page: Page): Promise<{ what: string; name: string }[]> {
  const count = await page.$$eval('[data-image-mode] *, [data-image-more] *', (els) => {
    let n = 0;
    for (const el of els) {
      const e = el as HTMLElement & { disabled?: boolean };
      const focusable = e.matches('input, select, textarea, button, a[href], [tabindex]') && !e.disabled && e.tabIndex >= 0;
      if (focusable && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden') e.dataset.axProbe = String(n++);
    }
    return n;
  });
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const out: { what: string; name: string }[] = [];
  for (let i = 0; i < count; i++) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `[data-ax-probe="${i}"]` });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const ax = nodes[0];
    const what = await page.$eval(`[data-ax-probe="${i}"]`, (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${Object.keys((e as HTMLElement).dataset).filter((k) => k !== 'axProbe').map((k) => `[${k}]`).join('')}`);
    if (!ax.ignored) out.push({ what, name: String(ax.name?.value ?? '') });
  }
  await cdp.detach();
  return out;
}

describe('image mode kernel editors', () => {
  it('the preset note says where Sobel x goes in a 4 × 4 kernel, and in a 5 × 5 one; nothing at 3 × 3 or for a blur (desktop, English)', async () => {
    const page = await open('?view=image&lang=en&k=4&ik=sobelX', { width: 1366, height: 900 });
    const four = await note(page, 'image-kernel');
    expect(four?.replace(/\u2060/g, '')).toContain('top-left 3×3 (rows 0–2, columns 0–2)');
    // The ranges do not break across a line end.
    expect(four).toContain('rows 0–\u20602, columns 0–\u20602');
    // The rows the note names are the editor's own numbers for the cells holding Sobel's weights
    // (stop 54: the note counted from 1, the cells from 0).
    const held = await page.$$eval('[data-kernel-editor="image-kernel"] input[data-r]', (els) => (els as HTMLInputElement[]).filter((e) => Number(e.value) !== 0).map((e) => [Number(e.dataset.r), Number(e.dataset.c), e.getAttribute('aria-label') ?? '']));
    expect([Math.min(...held.map((h) => h[0] as number)), Math.max(...held.map((h) => h[0] as number))]).toEqual([0, 2]);
    expect([Math.min(...held.map((h) => h[1] as number)), Math.max(...held.map((h) => h[1] as number))]).toEqual([0, 2]);
    expect(held[0][2]).toContain('weight row 0, column 0');
    expect(four).toContain('has no centre cell');
    // The study's target is always 3 × 3: nothing to say there.
    expect(await note(page, 'learn-target')).toBeNull();
    await page.selectOption('[data-kernel-editor="image-kernel"] [data-kernel-preset]', 'box');
    expect(await note(page, 'image-kernel')).toBeNull();
    await page.selectOption('[data-kernel-editor="image-kernel"] [data-kernel-preset]', 'laplacian');
    expect(await note(page, 'image-kernel')).toContain('top-left 3×3');
    await page.close();

    const five = await open('?view=image&lang=en&k=5&ik=sobelX', { width: 1366, height: 900 });
    expect((await note(five, 'image-kernel'))?.replace(/\u2060/g, '')).toContain('the middle 3×3 (rows 1–3, columns 1–3), with zeros around it');
    await five.close();
    const three = await open('?view=image&lang=en&k=3&ik=sobelX', { width: 1366, height: 900 });
    expect(await note(three, 'image-kernel')).toBeNull();
    await three.close();
  }, 120_000);

  it('in Chinese on a phone, through a k4 s2 transposed layer: 左上角, 偶数, and the rows and columns', async () => {
    const page = await open('?view=image&lang=zh&k=4&s=2&p=1&t=1&ik=sobelX', { width: 390, height: 844 });
    const text = await note(page, 'image-kernel');
    expect(text).toContain('左上角的 3×3');
    expect(text).toContain('偶数');
    expect(text).toMatch(/第\s0–\u2060?2\s行、第\s0–\u2060?2\s列/);
    await page.close();
  }, 120_000);

  for (const [lang, size] of [['en', { width: 1366, height: 900 }], ['zh', { width: 390, height: 844 }]] as const) {
    it(`no two focusable controls share an accessible name (${lang}, ${size.width} px)`, async () => {
      const page = await open(`?view=image&lang=${lang}&k=3`, size);
      const named = await focusableNames(page);
      // The two editable editors' cells and − / + buttons are among them; the learned kernel's
      // cells, a display, are no tab stops (learn-tabs41.test.ts).
      expect(named.filter((n) => n.what.startsWith('input') && /learn-target-w/.test(n.what)).length).toBe(9);
      expect(named.filter((n) => /learn-kernel-w/.test(n.what)).length).toBe(0);
      expect(named.filter((n) => n.what.includes('[kernelStep]')).length).toBe(4);
      const byName = new Map<string, string[]>();
      for (const { what, name } of named) byName.set(name, [...(byName.get(name) ?? []), what]);
      const shared = [...byName].filter(([, w]) => w.length > 1).map(([name, w]) => `${name}: ${w.join(', ')}`);
      expect(shared).toEqual([]);
      expect(named.every((n) => n.name.trim() !== ''), JSON.stringify(named.filter((n) => !n.name.trim()))).toBe(true);
      await page.close();
    }, 120_000);
  }
});
