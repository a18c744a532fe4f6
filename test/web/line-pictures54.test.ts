/**
 * A 1-D layer (a link with r=1, a model's Conv1d) in the places stop 54's first commits left 2-D
 * (student review 54):
 * A. The Pictures view wrote it as the 2-D row it is drawn as: its kernel editor said "Adjust
 *    row 0, column 1:" / "调整第 0 行第 1 列的权重：" beside a stage that names the weights w₀ w₁ w₂;
 *    the stack menu said "This layer three times: 1×3, stride 1×2, rate 1" and "同样的 1×3 卷积核…"
 *    beside captions that write "3", "stride 2"; and nothing said how a 1-D layer runs on a 2-D
 *    picture. The editor now names a 1-D layer's weights w₀ w₁ w₂ (in words, in the − / + pair's
 *    names and in the cells' names), the menu and the field's intro write the one axis, and a note
 *    says the layer runs along each row of the picture. A 2-D layer of one row keeps "row 0,
 *    column 1" and "1×3".
 * B. A 1-D transposed layer was drawn too small: at ?i=1x9&k=1x3&s=1x2&p=0x1&r=1&t=1 on a
 *    1280 × 800 desktop the grids took the "L" (input left, kernel over output), whose 19-cell row
 *    of inserted zeros and 17-cell output shared the box's width: 14 px cells, the kernel
 *    "Kernel (flipped) 3" 55 px wide with w₂ w₁ w₀ 7 px high, and the box's height empty. A 1-D
 *    layer's three rows are now stacked, each as wide as the box (stage-fit.ts), and its kernel has
 *    the phone's least cell on any screen: the names are ≥ 11 px (figure-text's rule) and the long
 *    row fills the width. The same row as a 2-D layer keeps its figure.
 * Pinned in English and Chinese, desktop and phone.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

const LINK = '?i=1x9&k=1x3&s=1x2&p=0x1&r=1&view=image';
const ROW_2D = '?i=1x9&k=1x3&s=1x2&p=0x1&view=image';

/** The page at `query`; in the Pictures view (`studies`), once its studies are ready. */
async function pictures(query: string, phone: boolean, studies = true): Promise<Page> {
  let page: Page;
  if (phone) {
    const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: 'reduce' });
    page = await context.newPage();
    await page.goto(`${h.url}${query}`);
  } else page = (await h.open(query, { width: 1280, height: 800 })).page;
  if (studies) await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 60_000 });
  return page;
}

interface Words { adjust: string; down: string; cell: string; note: string | null; menu: string[] }

const words = (page: Page) => page.evaluate(() => {
  const ed = document.querySelector('[data-kernel-editor="image-kernel"]')!;
  const note = document.querySelector<HTMLElement>('[data-image-line-note]');
  return {
    adjust: ed.querySelector('[data-kernel-stepper-cell]')!.textContent,
    down: ed.querySelector('[data-kernel-step="down"]')!.getAttribute('aria-label'),
    cell: ed.querySelector('input[data-r="0"][data-c="2"]')!.getAttribute('aria-label'),
    note: note && !note.hidden && note.offsetHeight > 0 ? note.textContent : null,
    menu: Array.from(document.querySelectorAll('#image-field-stack optgroup:first-child option')).map((o) => o.textContent),
  };
}) as Promise<Words>;

const WANT = {
  en: {
    adjust: 'Adjust w₁:', down: 'Layer’s kernel: decrease w₁ by 0.1', cell: 'Layer’s kernel: weight w₂',
    note: 'A 1-D layer: it runs along each row of the picture.',
    menu: ['This layer three times: 3, stride 2, rate 1', 'Its kernel 3 at stride 1, rates 1, 2, 5'],
  },
  zh: {
    adjust: '调整权重 w₁：', down: '本层卷积核：把权重 w₁ 减小 0.1', cell: '本层卷积核：权重 w₂',
    note: '一维层：沿图片的每一行做卷积。',
    menu: ['这一层叠三次：3，步长 2，膨胀率 1', '同样的卷积核 3，步长 1，膨胀率 1、2、5'],
  },
} as const;

describe('the Pictures view writes a 1-D layer as 1-D', () => {
  for (const lang of ['en', 'zh'] as const)
    for (const phone of [false, true])
      it(`${lang}, ${phone ? 'phone' : 'desktop'}: a link with r=1`, async () => {
        const page = await pictures(`${LINK}&lang=${lang}`, phone);
        const w = await words(page);
        const want = WANT[lang];
        expect(w.adjust).toBe(want.adjust);
        expect(w.cell).toBe(want.cell);
        expect(w.note).toBe(want.note);
        expect(w.menu[0]).toBe(want.menu[0]);
        expect(w.menu[1]).toBe(want.menu[1]);
        expect(w.menu.join(' ')).not.toContain('1×');
        await page.close();
      }, 90_000);

  it('the − / + pair names w₁ (en, zh), and says the stepped weight by name', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const page = await pictures(`${LINK}&lang=${lang}`, false);
      expect((await words(page)).down).toBe(WANT[lang].down);
      await page.click('[data-kernel-editor="image-kernel"] [data-kernel-step="up"]');
      const said = await page.textContent('[data-kernel-editor="image-kernel"] [data-kernel-stepper-said]');
      expect(said).toMatch(lang === 'en' ? /^w₁: / : /^w₁：/);
      await page.close();
    }
  }, 120_000);

  it('the stacks\' sentence names the 1-D kernel by its length, and the 2-D one by H × W (en, zh)', async () => {
    const intro = async (page: Page) => {
      const menu = '#image-field-stack';
      const second = await page.$eval(`${menu} optgroup:first-child option:nth-child(2)`, (o) => (o as HTMLOptionElement).value);
      await page.selectOption(menu, second);
      return page.$eval('[data-image-field] > p', (p) => p.textContent ?? '');
    };
    for (const [lang, want] of [['en', '3 stacked layers of kernel 3, dilation rates 1, 2, 5'], ['zh', '3 层卷积核为 3 的卷积叠在一起，膨胀率依次为 1、2、5']] as const) {
      const page = await pictures(`${LINK}&lang=${lang}`, false);
      expect(await intro(page)).toContain(want);
      await page.close();
    }
    const page = await pictures(`${ROW_2D}&lang=en`, false);
    expect(await intro(page)).toContain('3 stacked layers of kernel 1×3, dilation rates 1, 2, 5');
    await page.close();
  }, 120_000);

  it('a 2-D layer of one row keeps its rows and columns, and no note (en)', async () => {
    const page = await pictures(`${ROW_2D}&lang=en`, false);
    const w = await words(page);
    expect(w.adjust).toBe('Adjust row 0, column 1:');
    expect(w.note).toBeNull();
    expect(w.menu[0]).toBe('This layer three times: 1×3, stride 1×2, rate 1');
    await page.close();
  }, 90_000);
});

/** The kernel's names as shown (font size × the picture's scale), and the rows' widths against the figure's box. */
const figure = (page: Page) => page.evaluate(`(() => {
  const svg = document.getElementById('svg-kernel');
  const scale = svg.getScreenCTM().a;
  const names = Array.from(svg.querySelectorAll('text')).map((t) => ({ t: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale }));
  const box = document.getElementById('views').parentElement.getBoundingClientRect().width;
  const width = (id) => document.getElementById(id).getBoundingClientRect().width;
  return { names, box, grid: width('svg-grid'), output: width('svg-output'), stacked: document.getElementById('views').classList.contains('stack') };
})()`) as Promise<{ names: { t: string; px: number }[]; box: number; grid: number; output: number; stacked: boolean }>;

describe('a 1-D transposed layer is drawn as large as the width allows', () => {
  for (const lang of ['en', 'zh'] as const)
    for (const phone of [false, true])
      it(`${lang}, ${phone ? 'phone' : 'desktop'}`, async () => {
        const page = await pictures(`?i=1x9&k=1x3&s=1x2&p=0x1&r=1&t=1&lang=${lang}`, phone, false);
        await page.waitForSelector('#svg-kernel text');
        const f = await figure(page);
        expect(f.names.map((n) => n.t)).toEqual(['w₂', 'w₁', 'w₀']);
        for (const n of f.names) expect(n.px, n.t).toBeGreaterThanOrEqual(11);
        // The 19-cell row fills the figure's width (it took half of it beside the output).
        expect(f.grid).toBeGreaterThan(0.9 * f.box);
        expect(f.output).toBeGreaterThan(0.8 * f.box);
        await page.close();
      }, 90_000);

  it('the same row as a 2-D layer keeps its figure (en, desktop)', async () => {
    const page = await pictures('?i=1x9&k=1x3&s=1x2&p=0x1&t=1&lang=en', false, false);
    await page.waitForSelector('#svg-kernel text');
    const f = await figure(page);
    expect(f.stacked).toBe(false);
    expect(f.grid).toBeLessThan(0.6 * f.box);
    await page.close();
  }, 90_000);
});
