/**
 * What stop 51's student review left, mended and pinned here:
 * - The grids' kernel was blank unless numbers were shown or the Matrix tab was open, so tour
 *   part 9's "here the kernel is stamped as it is; the sliding view flips it" could not be seen:
 *   neither view said which way round its kernel was. Its cells are now named (w₀₀ …) in every
 *   view: as stored in the scatter view, flipped (w₂₂ first) in the direct view of a transposed conv.
 * - Those names were drawn as small as the grids' cells: a phone's transposed layer of stride 3
 *   (a 13×13 grid beside it) showed w₂₂ … w₀₀ 6 px high. The kernel is now shown with cells of at
 *   least 24 px while it takes no more than a quarter of the room's width (stage-fit.ts).
 * - A model file of one layer was announced as "n.yaml: 1 layers, input [1, 4, 32]."
 * - On a phone, choosing a layer in the model table left the reader at the table, the figure
 *   ~4000 px above: the page scrolled to the stage, which a phone lays out as display: contents
 *   (no box). It now goes to the stage's first part shown, the note of the layer's origin.
 * - The last part offered "Leave the tour, keep this layer" under the card's own "Leave the tour",
 *   which does the same: two leave buttons, as if one of them dropped the layer. The end row's
 *   button now says what the reader does next ("Change it yourself").
 */
import { describe, expect, it } from 'vitest';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();

describe('the grids name the kernel’s cells in every view', () => {
  it('as stored in the scatter view, flipped in the direct view of a transposed conv, as stored in a direct conv', async () => {
    const cases = [
      ['?i=3&k=3&s=2&p=0&t=1&fig=grids&v=scatter&lang=en', 'w₀₀', 'w₂₂'],
      ['?i=3&k=3&s=2&p=0&t=1&fig=grids&v=direct&lang=en', 'w₂₂', 'w₀₀'],
      ['?i=5&k=3&s=1&p=0&fig=grids&v=direct&lang=en', 'w₀₀', 'w₂₂'],
    ] as const;
    for (const [q, first, last] of cases) {
      const { page } = await h.open(q);
      const names = await page.$$eval('#svg-kernel text', (ts) => ts.map((t) => [Number((t as SVGElement).dataset.cell), t.textContent] as const));
      const byCell = new Map(names);
      expect(byCell.size, q).toBe(9);
      expect(byCell.get(0), q).toBe(first);
      expect(byCell.get(8), q).toBe(last);
      await page.close();
    }
  });

  it('shows the weights’ values instead when numbers are shown', async () => {
    const { page } = await h.open('?i=3&k=3&s=2&p=0&t=1&fig=grids&v=scatter&n=1&lang=en');
    const texts = await page.$$eval('#svg-kernel text', (ts) => ts.map((t) => t.textContent ?? ''));
    expect(texts.length).toBe(9);
    for (const s of texts) expect(s).toMatch(/^-?\d/);
    await page.close();
  });
});

describe('the kernel’s names are shown large enough to read', () => {
  const cellOf = (page: import('playwright-core').Page) => page.evaluate(`(() => {
    const svg = document.getElementById('svg-kernel');
    const cells = svg.querySelectorAll('text');
    const shown = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
    return { scale: shown, font: Number(cells[0].getAttribute('font-size')) * shown, count: cells.length };
  })()`) as Promise<{ scale: number; font: number; count: number }>;

  it('a 3×3 kernel beside a transposed layer’s large grid on a phone', async () => {
    const { page } = await h.open('?i=3&k=3&s=3&p=0&t=1&op=2&fig=grids&lang=en', { width: 390, height: 844 });
    const k = await cellOf(page);
    expect(k.count).toBe(9);
    expect(k.font).toBeGreaterThanOrEqual(9); // 6 before
    await page.close();
  });

  it('a 7×7 kernel on a phone still leaves the three grids inside the figure', async () => {
    const { page } = await h.open('?i=9&k=7&p=3&fig=grids&lang=zh', { width: 390, height: 844 });
    const r = await page.evaluate(`(() => {
      const box = document.getElementById('views').getBoundingClientRect();
      return ['svg-grid', 'svg-kernel', 'svg-output'].map((id) => {
        const b = document.getElementById(id).getBoundingClientRect();
        return b.left >= box.left - 0.5 && b.right <= box.right + 0.5 && b.left >= -0.5 && b.right <= innerWidth + 0.5;
      });
    })()`);
    expect(r).toEqual([true, true, true]);
    await page.close();
  });
});

describe('the last part’s way on does not repeat the card’s Leave the tour', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(lang, async () => {
      const { page } = await h.open(`?tour=13&lang=${lang}`);
      const leave = (await page.textContent('#tour-leave'))!.trim();
      const free = (await page.textContent('#tour-end-free'))!.trim();
      expect(leave.length).toBeGreaterThan(0);
      expect(free.length).toBeGreaterThan(0);
      expect(free).not.toContain(leave);
      await page.close();
    });
  }
});

describe('a model of one layer is announced as one layer', () => {
  it('en and zh', async () => {
    const yaml = 'name: one\ninput: [1, 4, 32, 32]\nlayers:\n  - {type: conv, name: c1, out: 8, kernel: 5, stride: 2, padding: 2}\n';
    for (const [lang, want] of [['en', 'n.yaml: 1 layer, input [1, 4, 32, 32].'], ['zh', 'n.yaml：1 层，输入 [1, 4, 32, 32]。']] as const) {
      const { page } = await h.open(`?lang=${lang}`);
      await page.setInputFiles('#model-file', { name: 'n.yaml', mimeType: 'application/octet-stream', buffer: Buffer.from(yaml) });
      await expect.poll(() => page.$eval('#model-status', (e) => (e as HTMLElement).innerText.trim()), { timeout: 30_000 }).toBe(want);
      await page.close();
    }
  });
});

describe('on a phone, choosing a model’s layer brings the reader to its figure', () => {
  it('the origin note and the player are on screen after the choice', async () => {
    const yaml = 'name: two\ninput: [1, 4, 32, 32]\nlayers:\n  - {type: conv, name: c1, out: 8, kernel: 5, stride: 2, padding: 2}\n  - {type: conv, name: c2, out: 8, kernel: 3, stride: 1, padding: 1}\n';
    const { page } = await h.open('?lang=en', { width: 390, height: 844 });
    await page.setInputFiles('#model-file', { name: 'n.yaml', mimeType: 'application/octet-stream', buffer: Buffer.from(yaml) });
    await page.waitForSelector('#model-table button[data-layer="c2"]');
    await page.click('#model-table button[data-layer="c2"]');
    await expect.poll(() => page.evaluate(`document.getElementById('kernel-h').value`)).toBe('3');
    await settled(page);
    const at = await page.evaluate(`(() => {
      const r = (id) => document.getElementById(id).getBoundingClientRect();
      const player = document.querySelector('#stage > .player').getBoundingClientRect();
      return { origin: r('model-origin').top, player: player.bottom, focused: document.activeElement.id };
    })()`) as { origin: number; player: number; focused: string };
    expect(at.origin).toBeGreaterThanOrEqual(-1);
    expect(at.origin).toBeLessThan(100);
    expect(at.player).toBeLessThan(844);
    expect(at.focused).toBe('model-origin');
    await page.close();
  });
});
