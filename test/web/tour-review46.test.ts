/**
 * Three tour parts a student review (R4, stop 46) found unclear:
 * - part 8's Try it names the figure's output as its caption does (Cᵀz), saying z = Cx there;
 * - part 9 gets a Now line: for the kernel and stride set, the overlap counts in the output's
 *   interior (away from the edges, where fewer copies reach), from the library's scatter trace;
 * - part 12's stacked figure has a key for its read cells, its holes and the teal-outlined cell
 *   (the output's own position), and no View menu: neither view changes that figure.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { trace } from '../../src/trace/index.js';
import type { ScatterTrace } from '../../src/trace/index.js';
import { nowText } from '../../web/src/tour/now-line.js';
import { TOUR } from '../../web/src/tour/steps.js';
import { stepState } from '../../web/src/tour/tour.js';
import { cloneState, defaultState } from '../../web/src/state.js';
import { fileHarness } from './harness.js';

const part = (id: string) => TOUR.findIndex((s) => s.id === id) + 1;
const step = (id: string) => TOUR[part(id) - 1];
const plain = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\u2060/g, '');

describe('part 9: the Now line counts the copies in the output’s interior', () => {
  const line = (lang: 'en' | 'zh', kernel: number, stride = 2) => {
    const s = cloneState(stepState(part('scatter'), { ...defaultState(), lang }));
    s.kernel = [kernel, kernel];
    s.stride = [stride, stride];
    return plain(nowText(step('scatter'), s));
  };

  it('has a Now line, like the other parts whose control changes the figure', () => {
    expect(step('scatter').now).toBeDefined();
  });

  it('kernel 4, stride 2 (a multiple): every inner cell gets 4 stamps; kernel 3: 1, 2 or 4, uneven', () => {
    // The library's own counts: an 8×8 output whose centre 4×4 has 4 each, and the edges fewer.
    const t4 = trace({ input: [3, 3], kernel: 4, stride: 2, transposed: true }, { view: 'scatter' }) as ScatterTrace;
    expect(t4.overlap.filter((n) => n === 4).length).toBe(16);
    expect(line('en', 4)).toBe('Now: kernel 4×4, stride 2 — every inner output cell gets 4 stamps');
    expect(line('zh', 4)).toBe('现在：卷积核 4×4，步长 2——内部每个输出单元的叠加份数都是 4');
    expect(line('en', 3)).toBe('Now: kernel 3×3, stride 2 — inner output cells get 1, 2 or 4 stamps: uneven');
    expect(line('zh', 3)).toBe('现在：卷积核 3×3，步长 2——内部输出单元的叠加份数为 1、2 或 4，并不均匀');
  });

  it('follows the stride too: kernel 6 at stride 3 is even (4), kernel 4 at stride 3 is not', () => {
    expect(line('en', 6, 3)).toContain('every inner output cell gets 4 stamps');
    expect(line('en', 4, 3)).toContain('uneven');
  });
});

describe('part 8: the Try it names the figure’s output as its caption does', () => {
  const h = fileHarness();
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: the caption's Cᵀz is the name in the Try it, with z = Cx said there`, async () => {
      const { page, errors } = await h.open(`?tour=${part('not-inverse')}&lang=${lang}`, { width: 1400, height: 1000 });
      const cap = plain((await page.textContent('#cap-output')) ?? '');
      expect(cap).toContain('Cᵀz');
      const tryIt = plain((await page.textContent('#tour-try')) ?? '');
      expect(tryIt).toContain('Cᵀz');
      expect(tryIt).toContain('z = Cx');
      expect(tryIt).not.toContain('Cᵀ(Cx)');
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  describe('part 12: the stacked figure’s key, and no View menu', () => {
    const key = (page: Page) => page.$$eval('#stack-figure .legend li', (lis) => lis.map((li) => ({
      text: li.textContent ?? '',
      fill: li.querySelector('rect')?.getAttribute('fill') ?? '',
      stroke: li.querySelector('rect')?.getAttribute('stroke') ?? '',
    })));
    for (const lang of ['en', 'zh'] as const) {
      it(`${lang}: the teal outline, the read cells and the holes each have an entry; the View menu is hidden there only`, async () => {
        const { page, errors } = await h.open(`?tour=${part('gridding')}&lang=${lang}`, { width: 1400, height: 1000 });
        const outline = await page.$eval('#stack-figure svg rect[fill="none"]', (r) => r.getAttribute('stroke'));
        const items = await key(page);
        expect(items.length).toBe(3);
        const mine = items.find((i) => i.fill === 'none');
        expect(mine?.stroke).toBe(outline);
        expect(mine?.text).toBe(lang === 'en' ? 'the input cell at the output’s own position' : '与该输出位置相同的输入单元');
        expect(items.map((i) => i.text)).toContain(lang === 'en' ? 'read' : '读得到');
        expect(items.map((i) => i.text)).toContain(lang === 'en' ? 'never read (a hole)' : '始终读不到（空洞）');
        // Neither view changes the stacked figure: its menu is not offered there.
        expect(await page.isHidden('#view-label')).toBe(true);
        await page.click('#tour-prev');
        await expect.poll(() => page.isVisible('#stack-figure')).toBe(false);
        await page.selectOption('#figure', 'grids');
        await expect.poll(() => page.$eval('#view-label', (e) => (e as HTMLElement).hidden)).toBe(false);
        expect(errors).toEqual([]);
        await page.close();
      }, 60_000);
    }
  });
});
