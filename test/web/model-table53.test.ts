/**
 * Stop 53 (student review): the model panel's per-layer table.
 * 1. A file without a name of its own was titled by the library's stand-in: "Per-layer table of
 *    network" ("network 的逐层表"), and an ONNX file from PyTorch "…of torch_jit", as if the page
 *    had lost the name. Now the table is titled by the network's own name, else by the file's, else
 *    without a name.
 * 2. On a phone the title was the table's <caption>, part of the table and so inside the box that
 *    scrolls sideways: one line as wide as the table, cut off at the screen's edge. Now it is a
 *    paragraph above the box (the table named by it), wrapped to the panel.
 * 3. On a phone a shape such as [1, 64, 56, 56] stood one number a line (keep-together.ts's list box
 *    wraps after its commas, and the squeezed table took that room), rows four lines tall. Now a
 *    shape keeps to one line and the box scrolls sideways, the layer's name kept at its left edge
 *    and the foot's words (the rows listed, Show more) in view.
 * Pinned in English and Chinese, at 390×844 (isMobile) and, for the title, 1280×800.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../web/src/model-load.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** A layer list without `name:`, its shapes four numbers of up to three digits. */
const UNNAMED = 'input: [1, 3, 224, 224]\nlayers:\n  - {type: conv, name: stem, out: 64, kernel: 7, stride: 2, padding: 3}\n  - {type: maxPool, kernel: 3, stride: 2, padding: 1}\n  - {type: conv, out: 64, kernel: 3, padding: 1}\n  - {type: relu}\n  - {type: conv, out: 128, kernel: 3, stride: 2, padding: 1}\n';
const RESNET = 'test/fixtures/onnx/resnet_tiny.onnx';

async function pageAt(lang: string, width: number, height: number, mobile: boolean): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width, height }, isMobile: mobile, hasTouch: mobile, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${h.url}?lang=${lang}`);
  await page.waitForSelector('body[data-ready="1"]');
  return page;
}

const phone = (lang: string) => pageAt(lang, 390, 844, true);

/** Chooses a file through the panel's input and waits for its table. */
async function choose(page: Page, name: string, bytes: Buffer | string): Promise<void> {
  await page.setInputFiles('#model-file', { name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.waitForFunction((n) => !document.getElementById('model-table-wrap')!.hidden && document.getElementById('model-status')!.textContent!.startsWith(n), name, { timeout: 30_000 });
}

/** The table's title as shown, and the name the table has for a screen reader (its labelling element's text). */
const title = (page: Page) => page.evaluate(() => {
  const table = document.getElementById('model-table')!;
  const by = table.getAttribute('aria-labelledby');
  const caption = table.querySelector('caption');
  return {
    shown: (document.getElementById('model-caption') as HTMLElement).innerText.replace(/\s+/g, ' '),
    name: (by ? by.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : caption?.textContent ?? '').replace(/\s+/g, ' '),
  };
});

describe('the table is titled by a name the file has', () => {
  it('the loader tells a network\'s own name from the stand-ins (the library\'s, PyTorch\'s)', () => {
    expect(loadModel('plain.yaml', new TextEncoder().encode(UNNAMED)).named).toBe(false);
    expect(loadModel('resnet_tiny.onnx', new Uint8Array(readFileSync(RESNET)))).toMatchObject({ network: 'torch_jit', named: false });
    expect(loadModel('d.yaml', new Uint8Array(readFileSync('test/model/examples/deeplab-rates.yaml')))).toMatchObject({ network: 'deeplab-rates', named: true });
  });

  const cases = {
    en: {
      plain: 'Per-layer table of plain.yaml, input [1, 3, 224, 224]. Layer names with a button can be animated.',
      onnx: 'Per-layer table of resnet_tiny.onnx, input [1, 3, 64, 64]',
      named: 'Per-layer table of deeplab-rates, input [1, 3, 64, 64].',
      bare: 'Per-layer table, input [1, 3, 64, 64]',
    },
    zh: {
      plain: 'plain.yaml 的逐层表，输入 [1, 3, 224, 224]。带按钮的层名可以播放动画。',
      onnx: 'resnet_tiny.onnx 的逐层表，输入 [1, 3, 64, 64]',
      named: 'deeplab-rates 的逐层表，输入 [1, 3, 64, 64]。',
      bare: '逐层表，输入 [1, 3, 64, 64]',
    },
  };
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: by the file's name where the network has none of its own, by neither where the file has none either`, async () => {
      const page = await pageAt(lang, 1280, 800, false);
      const c = cases[lang];
      await choose(page, 'plain.yaml', UNNAMED);
      expect(await title(page)).toEqual({ shown: c.plain, name: c.plain });
      await choose(page, 'resnet_tiny.onnx', readFileSync(RESNET));
      expect((await title(page)).shown.startsWith(c.onnx), (await title(page)).shown).toBe(true);
      await choose(page, 'deeplab-rates.yaml', readFileSync('test/model/examples/deeplab-rates.yaml'));
      expect((await title(page)).shown.startsWith(c.named), (await title(page)).shown).toBe(true);
      // A file without a name (dropped from an app that gave it none): a title without a name.
      const dt = await page.evaluateHandle((b64) => {
        const d = new DataTransfer();
        d.items.add(new File([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], ''));
        return d;
      }, readFileSync(RESNET).toString('base64'));
      await page.dispatchEvent('#model-drop', 'drop', { dataTransfer: dt });
      await page.waitForFunction((head) => document.getElementById('model-caption')?.textContent?.startsWith(head), c.bare, { timeout: 30_000 });
      for (const t of Object.values(await title(page))) expect(t).not.toMatch(/\bnetwork\b|torch_jit|onnx-model|^ ?的/);
      await page.context().close();
    }, 60_000);
  }
});

describe('on a phone (390×844)', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: the title is read whole, outside the box that scrolls sideways`, async () => {
      const page = await phone(lang);
      await choose(page, 'plain.yaml', UNNAMED);
      const r = await page.evaluate(() => {
        const cap = document.getElementById('model-caption')!;
        const box = cap.getBoundingClientRect();
        // Every box around the title that clips (overflow other than visible) holds it whole.
        const clipped: string[] = [];
        for (let a = cap.parentElement; a && a !== document.documentElement; a = a.parentElement) {
          const cs = getComputedStyle(a);
          const rect = a.getBoundingClientRect();
          if (cs.overflowX !== 'visible' && (box.left < rect.left - 0.5 || box.right > rect.right + 0.5)) clipped.push(`${a.id || a.className} ${Math.round(rect.left)}–${Math.round(rect.right)}`);
        }
        return {
          inBox: !!cap.closest('#model-table-wrap'),
          left: box.left, right: box.right, width: window.innerWidth, clipped,
          wrap: document.getElementById('model-table-wrap')!.getBoundingClientRect().right,
        };
      });
      expect(r.inBox).toBe(false);
      expect(r.clipped).toEqual([]);
      expect(r.left).toBeGreaterThanOrEqual(0);
      expect(r.right).toBeLessThanOrEqual(r.wrap + 0.5);
      await page.context().close();
    }, 60_000);

    it(`${lang}: a shape keeps to one line, the box scrolls sideways with the layer's name kept in view`, async () => {
      const page = await phone(lang);
      await choose(page, 'plain.yaml', UNNAMED);
      const r = await page.evaluate(() => {
        const wrap = document.getElementById('model-table-wrap')!;
        // Per shape cell (input, output), the distinct line tops of its text.
        const shapes = Array.from(document.querySelectorAll('#model-table tbody tr'), (tr) => [2, 3].map((i) => {
          const td = tr.children[i] as HTMLElement;
          // The line boxes of its text (the text nodes', not those of the boxes around them).
          const tops = new Set<number>();
          const walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(n);
            for (const q of Array.from(range.getClientRects())) tops.add(Math.round(q.top));
          }
          return { text: td.innerText, lines: tops.size, height: td.getBoundingClientRect().height };
        })).flat();
        const rowHeights = Array.from(document.querySelectorAll('#model-table tbody tr'), (tr) => tr.getBoundingClientRect().height);
        return { shapes, rowHeights, scrolls: wrap.scrollWidth > wrap.clientWidth + 1, page: document.documentElement.scrollWidth, width: window.innerWidth };
      });
      expect(r.shapes.length).toBe(10);
      expect(r.shapes.filter((s) => s.lines !== 1)).toEqual([]);
      // A row is a line of text or a layer's button: no taller than 40 px (four lines were 66–86 px).
      expect(Math.max(...r.rowHeights)).toBeLessThanOrEqual(40);
      expect(r.scrolls).toBe(true);
      expect(r.page).toBeLessThanOrEqual(r.width);
      // Scrolled to its right end, the row's layer button is still at the box's left edge.
      const kept = await page.evaluate(() => {
        const wrap = document.getElementById('model-table-wrap')!;
        wrap.scrollLeft = wrap.scrollWidth;
        const w = wrap.getBoundingClientRect();
        return Array.from(document.querySelectorAll('#model-table tbody th button'), (b) => {
          const q = b.getBoundingClientRect();
          return q.left >= w.left - 0.5 && q.right <= w.right + 0.5;
        });
      });
      expect(kept.length).toBe(4);
      expect(kept.every(Boolean)).toBe(true);
      await page.context().close();
    }, 60_000);
  }

  it('the foot\'s line of rows listed and its Show more button stay in the box, wrapped to it, scrolled or not', async () => {
    for (const lang of ['en', 'zh']) {
      const page = await phone(lang);
      const layers = Array.from({ length: 301 }, (_, i) => (i % 2 === 0 ? '  - {type: conv, out: 64, kernel: 3, padding: 1}' : '  - {type: relu}'));
      await choose(page, 'long.yaml', `input: [1, 64, 56, 56]\nlayers:\n${layers.join('\n')}\n`);
      for (const left of [0, 10_000]) {
        const r = await page.evaluate((x) => {
          const wrap = document.getElementById('model-table-wrap')!;
          wrap.scrollLeft = x;
          const w = wrap.getBoundingClientRect();
          const inside = (el: Element) => {
            const q = el.getBoundingClientRect();
            return q.left >= w.left - 0.5 && q.right <= w.right + 0.5;
          };
          return { button: inside(document.getElementById('model-more')!), line: inside(document.getElementById('model-more')!.parentElement!) };
        }, left);
        expect(r, `${lang} scrolled ${left}`).toEqual({ button: true, line: true });
      }
      await page.click('#model-more');
      expect(await page.$$eval('#model-table tbody tr', (trs) => trs.length)).toBe(301);
      await page.context().close();
    }
  }, 90_000);
});
