/**
 * The model panel in real headless Chromium, under the page's CSP: the committed example models
 * loaded through the file input (and by drag and drop), the table's totals against `summarize`
 * computed here, a layer clicked into the controls and the URL, corrupt files refused with the
 * library's message while the page keeps working, Chinese, keyboard, axe-core.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import { ConvError } from '../../src/geometry/errors.js';
import { errorHeadline } from '../../src/i18n/errors.js';
import { CONVENTIONS_ZH } from '../../src/i18n/summary.js';
import { loadNetwork, readModelDef } from '../../src/model/load.node.js';
import { fmt, summarize } from '../../src/network/summary.js';
import { buildNetwork } from '../../src/network/build.js';
import { parseLayerList } from '../../src/model/layers.js';
import type { NetworkNode } from '../../src/network/types.js';
import { encodeModel } from '../model/onnx-builder.js';
import { settled, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const MODELS = [
  'test/fixtures/onnx/resnet_tiny.onnx',
  'test/fixtures/onnx/unet_tiny.onnx',
  'test/fixtures/onnx/deeplab_head.onnx',
  'test/fixtures/onnx/fpn_tiny.onnx',
  'test/model/examples/deeplab-rates.yaml',
  'test/model/examples/unet-decoder.json',
];

const open = (query = '?lang=en') => h.open(query);

/** Chooses a file through the panel's file input and waits for the table or the error. */
async function choose(page: Page, name: string, bytes: Buffer | Uint8Array) {
  await page.setInputFiles('#model-file', { name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.waitForFunction(() => !document.getElementById('model-table-wrap')!.hidden || !document.getElementById('model-error')!.hidden, undefined, { timeout: 30_000 });
}

const text = (page: Page, sel: string) => page.$eval(sel, (el) => (el as HTMLElement).innerText);
const value = (page: Page, id: string) => page.$eval(`#${id}`, (el) => (el as HTMLInputElement).value);

/** What the controls must show for a node (its geometry, input clamped to 32). */
function expected(node: NetworkNode) {
  const g = (node.conv ?? node.pool)!;
  const [H, W] = g.axes;
  return {
    'input-h': String(Math.min(32, H.input)), 'input-w': String(Math.min(32, W.input)),
    'kernel-h': String(H.kernel), 'kernel-w': String(W.kernel),
    'stride-h': String(H.stride), 'stride-w': String(W.stride),
    'dilation-h': String(H.dilation), 'dilation-w': String(W.dilation),
    'pad-hb': String(paddingArgument(H)[0]),
  };
}

describe('model panel', () => {
  it('its file picker speaks the page\'s language (the browser\'s own said "Choose File / No file chosen" on a Chinese page), then names the file chosen', async () => {
    const { page } = await open('?lang=zh');
    expect(await page.$eval('#model-file', (e) => e.classList.contains('sr') && e.closest('label.file-button') !== null)).toBe(true);
    expect(await text(page, 'label.file-button')).toBe('选择文件…');
    expect(await text(page, '#model-file-name')).toBe('未选择文件。');
    await page.selectOption('#lang', 'en');
    expect(await text(page, 'label.file-button')).toBe('Choose a file…');
    expect(await text(page, '#model-file-name')).toBe('No file chosen.');
    await choose(page, 'deeplab-rates.yaml', readFileSync('test/model/examples/deeplab-rates.yaml'));
    expect(await text(page, '#model-file-name')).toBe('deeplab-rates.yaml');
    await page.close();
  });

  it('loads every example model through the file input; the table and totals are the library’s', async () => {
    const { page, errors } = await open();
    for (const path of MODELS) {
      await choose(page, basename(path), readFileSync(path));
      expect(await page.isHidden('#model-error'), path).toBe(true);
      const s = summarize(loadNetwork(path));
      const rows = await page.$$eval('#model-table tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c as HTMLElement).innerText.trim())));
      expect(rows.map((r) => r[0]), path).toEqual(s.rows.map((r) => r.name));
      expect(rows.map((r) => r[5]), path).toEqual(s.rows.map((r) => fmt(r.macs)));
      expect(rows.map((r) => r[4]), path).toEqual(s.rows.map((r) => fmt(r.params)));
      const foot = await page.$$eval('#model-table tfoot td.num', (tds) => tds.map((td) => (td as HTMLElement).innerText.trim()));
      expect(foot.slice(0, 2), path).toEqual([fmt(s.totals.params), fmt(s.totals.macs)]);
      const notes = await page.$eval('#model-notes-list', (el) => el.textContent ?? '');
      expect(notes).toContain(fmt(s.totals.flops));
      for (const c of s.conventions) expect(notes).toContain(c.slice(0, 40));
      // Exactly the conv, transposed and pooling layers are buttons.
      const buttons = await page.$$eval('#model-table button[data-layer]', (bs) => bs.map((b) => (b as HTMLElement).dataset.layer));
      expect(buttons, path).toEqual(s.rows.filter((r) => ['conv', 'convTranspose', 'pool'].includes(r.kind)).map((r) => r.name));
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('clicking a layer puts its configuration into the controls and the URL, and animates it', async () => {
    const { page, errors } = await open();
    const path = 'test/fixtures/onnx/unet_tiny.onnx';
    const net = loadNetwork(path);
    await choose(page, 'unet_tiny.onnx', readFileSync(path));
    for (const node of [net.nodes.find((n) => n.kind === 'convTranspose' && paddingArgument(n.conv!.axes[0])[0] > 0)!, net.nodes.find((n) => n.kind === 'pool')!, net.nodes.find((n) => n.kind === 'conv')!]) {
      await page.click(`#model-table button[data-layer="${node.name}"]`);
      for (const [id, v] of Object.entries(expected(node))) expect(await value(page, id), `${node.name} ${id}`).toBe(v);
      expect(await page.isChecked('#transposed')).toBe(node.kind === 'convTranspose');
      if (node.kind === 'conv') {
        expect(await value(page, 'in-ch')).toBe(String(Math.min(16, node.conv!.inChannels)));
        expect(await value(page, 'out-ch')).toBe(String(Math.min(16, node.conv!.outChannels)));
      }
      const q = new URL(page.url()).searchParams;
      const g = (node.conv ?? node.pool)!;
      expect(q.get('k')).toBe(String(g.axes[0].kernel));
      expect(q.get('s')).toBe(String(g.axes[0].stride));
      expect(q.get('t')).toBe(node.kind === 'convTranspose' ? '1' : null);
      // The picture is that layer: the output grid has the library's size for the (clamped) input.
      if (g.axes[0].input <= 32) expect(await page.getAttribute('#svg-output', 'data-size')).toBe(`${g.axes[0].output}x${g.axes[1].output}`);
      expect(await page.getAttribute(`#model-table tr[aria-current="true"] button`, 'data-layer')).toBe(node.name);
      expect(await text(page, '#model-notes')).toContain(node.name);
    }
    expect(await page.isHidden('#error-banner')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('clamps a 64×64 input to 32×32 with a visible note, and refuses a kernel beyond the controls', async () => {
    const { page } = await open();
    await choose(page, 'resnet_tiny.onnx', readFileSync('test/fixtures/onnx/resnet_tiny.onnx'));
    const stem = loadNetwork('test/fixtures/onnx/resnet_tiny.onnx').nodes[0];
    expect(stem.conv!.axes[0].input).toBe(64);
    await page.click(`#model-table button[data-layer="${stem.name}"]`);
    expect(await value(page, 'input-h')).toBe('32');
    expect(await value(page, 'kernel-h')).toBe('7');
    expect(await text(page, '#model-notes')).toMatch(/64×64 is shown as 32×32/);
    const list = 'input: [1, 2, 20, 20]\nlayers:\n  - {type: conv, name: wide, out: 2, kernel: 11, padding: 5}\n  - {type: conv, name: ok, out: 2, kernel: 3}\n';
    await choose(page, 'wide.yaml', Buffer.from(list));
    const before = page.url();
    await page.click('#model-table button[data-layer="wide"]');
    expect(await text(page, '#model-error')).toMatch(/wide.*kernel is 11.*1–9/);
    expect(page.url()).toBe(before);
    await page.click('#model-table button[data-layer="ok"]');
    expect(await page.isHidden('#model-error')).toBe(true);
    expect(await value(page, 'input-h')).toBe('20');
    await page.close();
  }, 60_000);

  it('refuses corrupt, truncated and wrong files with the library’s message; the page keeps working', async () => {
    const { page, errors } = await open();
    const onnx = readFileSync('test/fixtures/onnx/resnet_tiny.onnx');
    let x = 7;
    const noise = Buffer.from(Array.from({ length: 4096 }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24)));
    const flipped = Buffer.from(onnx);
    for (let i = 20; i < flipped.length; i += 97) flipped[i] ^= 0xff;
    const cases: [string, Buffer][] = [
      ['noise.onnx', noise],
      ['truncated.onnx', onnx.subarray(0, Math.floor(onnx.length / 3))],
      ['flipped.onnx', flipped],
      ['checkpoint.onnx', Buffer.concat([Buffer.from('PK\x03\x04'), noise])],
      ['empty.onnx', Buffer.alloc(0)],
      ['broken.yaml', Buffer.from('input: [1, 3, 8, 8]\nlayers:\n  - {type: conv, out: 4, kernel: 3, strides: 2}\n')],
      ['cycle.json', Buffer.from(JSON.stringify({ input: [1, 1, 8, 8], layers: [{ type: 'relu', name: 'a', input: 'b' }, { type: 'relu', name: 'b', input: 'a' }] }))],
      ['big.yaml', Buffer.from('input: [1, 1, 4, 4]\nlayers:\n  - {type: conv, name: big, out: 1, kernel: 3, dilation: 3}\n')],
    ];
    let checked = 0;
    for (const [name, bytes] of cases) {
      let message: string;
      // The library on the same bytes (Node): what the page must say.
      const tmp = join(tmpdir(), `convkit-model-${process.pid}-${name}`);
      try {
        writeFileSync(tmp, bytes);
        loadNetwork(tmp);
        message = '';
      } catch (e) {
        if (!(e instanceof ConvError)) throw e;
        message = e.message.split(tmp).join(name);
      } finally {
        rmSync(tmp, { force: true });
      }
      await choose(page, name, bytes);
      if (message === '') continue; // a flip that still decodes: loaded, nothing to check here
      checked++;
      expect(await page.isVisible('#model-error'), name).toBe(true);
      const shown = await text(page, '#model-error');
      expect(shown, name).toContain(name);
      // The message names the file by path in the CLI; the page's names it by file name.
      expect(shown.replace(/\s+/g, ' '), name).toContain(message.split(name).pop()!.slice(0, 60).replace(/\s+/g, ' '));
      expect(await page.isHidden('#model-table-wrap')).toBe(true);
      // Still responsive: the animation steps.
      const step = await text(page, '#step-count');
      await page.click('#btn-forward');
      expect(await text(page, '#step-count')).not.toBe(step);
    }
    expect(checked).toBeGreaterThanOrEqual(cases.length - 1);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('a file with open spatial sizes asks for an input shape, and reads again with the one given', async () => {
    const { page, errors } = await open();
    const bytes = encodeModel({
      input: { name: 'x', dims: ['N', 3, 'H', 'W'] },
      initializers: { w: [4, 3, 3, 3] },
      nodes: [{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attrs: { strides: [2, 2], pads: [1, 1, 1, 1] } }],
      outputs: ['y'],
    });
    await choose(page, 'dynamic.onnx', bytes);
    expect(await text(page, '#model-error')).toMatch(/symbolic size "H".*Enter the input shape/s);
    await page.fill('#model-shape', '1 x 3 x 12 x 10');
    await page.dispatchEvent('#model-shape', 'change');
    await page.waitForSelector('#model-table-wrap:not([hidden])');
    const conv = await page.$$eval('#model-table tbody tr', (trs) => trs.map((tr) => (tr.children[3] as HTMLElement).innerText));
    expect(conv).toEqual(['[1, 4, 6, 5]']);
    await page.fill('#model-shape', '1,3,banana');
    await page.dispatchEvent('#model-shape', 'change');
    await page.waitForSelector('#model-error:not([hidden])');
    expect(await page.getAttribute('#model-shape', 'aria-invalid')).toBe('true');
    expect(await text(page, '#model-error')).toMatch(/input shape "1,3,banana"/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists a very long network 300 layers at a time, with totals over all of them', async () => {
    const { page } = await open();
    const layers = Array.from({ length: 1500 }, (_, i) => (i % 2 === 0 ? '  - {type: conv, out: 2, kernel: 3, padding: 1}' : '  - {type: relu}'));
    const list = `input: [1, 2, 8, 8]\nlayers:\n${layers.join('\n')}\n`;
    await choose(page, 'long.yaml', Buffer.from(list));
    const rows = () => page.$$eval('#model-table tbody tr', (trs) => trs.length);
    expect(await rows()).toBe(300);
    expect(await text(page, '#model-table tfoot')).toContain('first 300 of 1500 layers');
    for (let i = 0; i < 3; i++) await page.click('#model-more');
    expect(await rows()).toBe(1200);
    await page.click('#model-more');
    expect(await rows()).toBe(1500);
    expect(await page.$('#model-more')).toBeNull();
    const s = summarize(buildNetwork(parseLayerList(list)));
    const foot = await page.$$eval('#model-table tfoot td.num', (tds) => tds.map((td) => (td as HTMLElement).innerText.trim()));
    expect(foot).toEqual([fmt(s.totals.params), fmt(s.totals.macs)]);
    await page.close();
  }, 60_000);

  it('stops a reader that does not answer, says so, and stays usable', async () => {
    const p = await h.newPage();
    const { page } = p;
    // A worker that never answers (as a pathological file would keep the real one busy).
    await page.addInitScript(() => {
      const w = window as unknown as { convkitModelTimeoutMs: number; terminated: number; Worker: unknown };
      w.convkitModelTimeoutMs = 300;
      w.terminated = 0;
      w.Worker = class {
        onmessage: unknown = null;
        onerror: unknown = null;
        postMessage(): void {}
        terminate(): void {
          w.terminated++;
        }
      };
    });
    await page.goto(h.url + '?lang=en');
    await page.waitForSelector('body[data-ready="1"]');
    await choose(page, 'slow.onnx', readFileSync('test/fixtures/onnx/resnet_tiny.onnx'));
    expect(await text(page, '#model-error')).toMatch(/slow\.onnx took longer than 0\.3 s and was stopped/);
    expect(await page.evaluate(() => (window as unknown as { terminated: number }).terminated)).toBeGreaterThanOrEqual(1);
    const step = await text(page, '#step-count');
    await page.click('#btn-forward');
    expect(await text(page, '#step-count')).not.toBe(step);
    await page.close();
  });

  it('reads a dropped file, and is usable in Chinese from the keyboard', async () => {
    const { page } = await open('?lang=zh');
    const bytes = readFileSync('test/model/examples/deeplab-rates.yaml');
    const dt = await page.evaluateHandle((b64) => {
      const d = new DataTransfer();
      d.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'deeplab-rates.yaml'));
      return d;
    }, bytes.toString('base64'));
    await page.dispatchEvent('#model-drop', 'drop', { dataTransfer: dt });
    await page.waitForSelector('#model-table-wrap:not([hidden])');
    expect(await text(page, '#model-table thead')).toContain('感受野');
    expect(await page.$eval('#model-notes-list', (el) => el.textContent ?? '')).toContain(CONVENTIONS_ZH[1]);
    const net = loadNetwork('test/model/examples/deeplab-rates.yaml');
    const rate8 = net.byName.get('rate8')!;
    await page.focus('#model-table button[data-layer="rate8"]');
    await page.keyboard.press('Enter');
    expect(await value(page, 'dilation-h')).toBe(String(rate8.conv!.axes[0].dilation));
    expect(await value(page, 'input-h')).toBe(String(rate8.conv!.axes[0].input));
    expect(await text(page, '#model-notes')).toContain('deeplab-rates.yaml 中的层 rate8');
    // Focus moved to the animation (Space plays it); "Back to the model table" returns to the layer.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('stage');
    await page.keyboard.press('Space');
    expect(await page.getAttribute('#btn-play', 'aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    await page.click('#model-back');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.layer)).toBe('rate8');
    // Changing the layer by hand removes the note that named the model's layer.
    await page.fill('#kernel-h', '5');
    expect(await page.isHidden('#model-origin')).toBe(true);
    expect(await page.$('#model-table tr[aria-current]')).toBeNull();
    // A refusal in Chinese: the headline for the code, then what the file is, in Chinese too.
    await choose(page, 'bad.onnx', Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]));
    const shown = await text(page, '#model-error');
    expect(shown).toContain(errorHeadline('zh', 'MODEL_FILE'));
    expect(shown).toContain('HDF5 文件');
    // No English sentence left in any of the refusals a reader meets (three English words in a row).
    const onnx = readFileSync('test/fixtures/onnx/resnet_tiny.onnx');
    const cycle = { input: [1, 1, 8, 8], layers: [{ type: 'relu', name: 'a', input: 'b' }, { type: 'relu', name: 'b', input: 'a' }] };
    const bad: [string, Buffer, RegExp][] = [
      ['bad.onnx', Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]), /不是 ONNX 文件/],
      ['empty.onnx', Buffer.alloc(0), /文件是空的/],
      ['truncated.onnx', onnx.subarray(0, Math.floor(onnx.length / 3)), /不完整或已损坏/],
      ['broken.yaml', Buffer.from('layers: [ {type: conv\n'), /JSON 或 YAML/],
      ['cycle.json', Buffer.from(JSON.stringify(cycle)), /网络中有环/],
    ];
    for (const [name, bytes, says] of bad) {
      await choose(page, name, bytes);
      const zh = (await text(page, '#model-error')).split(name).join('');
      expect(zh, name).toMatch(says);
      expect(zh, name).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
    }
    await page.close();
  }, 60_000);

  it('on the Chinese page a refusal next to its control is Chinese throughout, from its code and values', async () => {
    const { page } = await open('?i=3x3&k=5&p=0&lang=zh');
    const slot = await text(page, '.field-error[data-for~="kernel-h"]');
    // A square layer: the refusal is about both axes.
    expect(slot).toMatch(/^高度和宽度方向上，卷积核覆盖 5 个单元，而填充后的输入只有 3 个/);
    expect(await page.getAttribute('#kernel-h', 'aria-invalid')).toBe('true');
    await page.selectOption('#lang', 'en');
    expect(await text(page, '.field-error[data-for~="kernel-h"]')).toMatch(/^H and W: the kernel covers 5 cells/);
    await page.close();
  });

  it('has no serious or critical accessibility violations with a table loaded (axe-core)', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const [q, width] of [['?lang=en', 1400], ['?lang=zh&theme=dark', 390]] as const) {
      const context = await h.browser.newContext({ bypassCSP: true, viewport: { width, height: 1000 } });
      const page = await context.newPage();
      await page.goto(h.url + q);
      await page.waitForSelector('body[data-ready="1"]');
      await choose(page, 'unet-decoder.json', readFileSync('test/model/examples/unet-decoder.json'));
      await page.click('#model-table button[data-layer="up1"]');
      await choose(page, 'x.onnx', Buffer.from('garbage'));
      await choose(page, 'unet-decoder.json', readFileSync('test/model/examples/unet-decoder.json'));
      await page.click('#model-table button[data-layer="up1"]');
      // The side panels are redrawn a frame or two after the layer: axe reads the page once they are.
      await settled(page);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) }));
      });
      const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad, `${q}: ${JSON.stringify(bad)}`).toEqual([]);
      await context.close();
    }
  }, 60_000);
});

void readModelDef;
