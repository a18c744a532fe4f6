/**
 * Student review 54, the model panel's per-layer table.
 * (a) On a phone, scrolled fully right, the foot's "total" had gone off the box's left edge: its
 *     cell spanned the first four columns, and its words were kept in view only within that cell.
 *     Now "total" is the row's head in the layer names' column, which stays at the box's left edge
 *     (sticky), and an empty cell spans the rest.
 * (b) A file with no name (dropped from an app that gave it none, so read as ONNX) whose network
 *     has none of its own either (PyTorch's main_graph, torch_jit) was reported ": 1 layer, input
 *     [1, 1, 16, 16]." Now the line reads as
 *     a sentence without a name, and a nameless file whose network has a name is named by it.
 * Pinned in English and Chinese, at 390×844 (isMobile) and, for (b), 1280×800.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../model/onnx-builder.js';
import { onnxRoot } from '../model/onnx-proto.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** A layer list without `name:` whose shapes make the table wider than a phone. */
const WIDE = 'input: [1, 64, 224, 224]\nlayers:\n  - {type: conv, name: stem, out: 128, kernel: 7, stride: 2, padding: 3}\n  - {type: conv, out: 256, kernel: 3, padding: 1}\n';
/**
 * A one-conv ONNX file (input [1, 1, 16, 16]) whose graph is called `graph`: 'main_graph' is the
 * name PyTorch's exporter writes into every file (UNNAMED_NETWORKS), so the network has none of its
 * own. A file with no name is read as ONNX (only .json / .yaml name a layer list).
 */
function oneConv(graph: string): Uint8Array {
  const bytes = encodeModel({ initializers: { w: [4, 1, 3, 3] }, nodes: [{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'] }], outputs: ['y'] });
  const type = onnxRoot().lookupType('onnx.ModelProto');
  const m = type.toObject(type.decode(bytes)) as { graph: { name: string } };
  m.graph.name = graph;
  return type.encode(type.fromObject(m)).finish();
}
const RESNET = readFileSync('test/fixtures/onnx/resnet_tiny.onnx');

async function pageAt(lang: string, width: number, height: number, mobile: boolean): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width, height }, isMobile: mobile, hasTouch: mobile, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${h.url}?lang=${lang}`);
  await page.waitForSelector('body[data-ready="1"]');
  return page;
}

/** Drops `bytes` as a file named `name` ('': none) on the panel and waits for its table and line. */
async function drop(page: Page, name: string, bytes: Uint8Array | string): Promise<string> {
  const before = await page.textContent('#model-status');
  const dt = await page.evaluateHandle(([n, b64]) => {
    const d = new DataTransfer();
    d.items.add(new File([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], n));
    return d;
  }, [name, Buffer.from(bytes).toString('base64')] as const);
  await page.dispatchEvent('#model-drop', 'drop', { dataTransfer: dt });
  await page.waitForFunction((b) => !document.getElementById('model-table-wrap')!.hidden && document.getElementById('model-status')!.textContent !== b, before, { timeout: 30_000 });
  return (await page.textContent('#model-status'))!;
}

describe('(a) the foot’s “total” stays in view on a phone', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: scrolled fully left and fully right, “total” is inside the box, beside the totals`, async () => {
      const page = await pageAt(lang, 390, 844, true);
      await drop(page, 'wide.yaml', WIDE);
      for (const left of [0, 100_000]) {
        const r = await page.evaluate((x) => {
          const wrap = document.getElementById('model-table-wrap')!;
          wrap.scrollLeft = x;
          const w = wrap.getBoundingClientRect();
          const th = document.querySelector('#model-table tfoot tr:last-child th') as HTMLElement;
          const q = th.getBoundingClientRect();
          // The words' own box (the cell may be wider than them).
          const range = document.createRange();
          range.selectNodeContents(th);
          const words = range.getBoundingClientRect();
          return { scrolls: wrap.scrollWidth > wrap.clientWidth + 1, scrolled: wrap.scrollLeft, text: th.textContent, inside: words.left >= w.left - 0.5 && words.right <= w.right + 0.5 && q.width > 0, span: (th as HTMLTableCellElement).colSpan };
        }, left);
        expect(r.scrolls).toBe(true);
        if (left > 0) expect(r.scrolled).toBeGreaterThan(0);
        expect(r, `${lang} scrolled ${left}`).toMatchObject({ text: lang === 'en' ? 'total' : '合计', inside: true });
      }
      await page.context().close();
    }, 60_000);
  }
});

describe('(b) a file without a name is reported in a sentence', () => {
  // resnet_tiny: 27 rows, input [1, 3, 64, 64].
  const WORDS = {
    en: { one: 'Model loaded: 1 layer, input [1, 1, 16, 16].', many: /^Model loaded: \d+ layers, input \[1, 3, 64, 64\]\.$/, named: 'tinynet: 1 layer, input [1, 1, 16, 16].', file: 'one.onnx: 1 layer, input [1, 1, 16, 16].' },
    zh: { one: '模型已载入：1 层，输入 [1, 1, 16, 16]。', many: /^模型已载入：\d+ 层，输入 \[1, 3, 64, 64\]。$/, named: 'tinynet：1 层，输入 [1, 1, 16, 16]。', file: 'one.onnx：1 层，输入 [1, 1, 16, 16]。' },
  };
  for (const [lang, w, hgt, mobile] of [['en', 1280, 800, false], ['zh', 1280, 800, false], ['en', 390, 844, true], ['zh', 390, 844, true]] as const) {
    it(`${lang}, ${w}×${hgt}: nameless file and network, nameless file of a named network, a named file`, async () => {
      const page = await pageAt(lang, w, hgt, mobile);
      const said = WORDS[lang];
      expect(await drop(page, '', oneConv('main_graph'))).toBe(said.one);
      // PyTorch's torch_jit, many layers.
      expect(await drop(page, '', RESNET)).toMatch(said.many);
      expect(await drop(page, '', oneConv('tinynet'))).toBe(said.named);
      expect(await drop(page, 'one.onnx', oneConv('main_graph'))).toBe(said.file);
      await page.context().close();
    }, 60_000);
  }
});
