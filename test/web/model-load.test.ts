/**
 * The model panel's logic without a browser: the library's ahead-of-time generated ONNX decoder (the
 * page loads it under a CSP without 'unsafe-eval') gives the same models and the same refusals as
 * the protobufjs reflection decoder it replaced; a layer's geometry becomes
 * the controls' values, clamped or refused as documented; every ConvError code has a control and a
 * headline in both languages; the page's string table repeats none of the library's.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_HEADLINES, errorHeadline } from '../../src/i18n/errors.js';
import { stringKeys, t as libraryT } from '../../src/i18n/index.js';
import { CONVENTIONS_ZH } from '../../src/i18n/summary.js';
import { CONVENTIONS } from '../../src/network/summary.js';
import { ConvError } from '../../src/geometry/errors.js';
import type { ConvErrorCode } from '../../src/geometry/errors.js';
import { onnxToNetwork } from '../../src/model/onnx.js';
import { loadNetwork } from '../../src/model/load.node.js';
import { buildNetwork } from '../../src/network/build.js';
import { summarize } from '../../src/network/summary.js';
import { controlFor, errorText } from '../../web/src/layer.js';
import { layerConfig, loadModel, parseShapeText, readModelDef } from '../../web/src/model-load.js';
import type { LayerConfig } from '../../web/src/model-load.js';
import { stateFromLayer } from '../../web/src/model-layer.js';
import { t } from '../../web/src/i18n.js';
import { BOUNDS, defaultState } from '../../web/src/state.js';

const ONNX_DIR = 'test/fixtures/onnx';
const onnxFiles = readdirSync(ONNX_DIR).filter((f) => f.endsWith('.onnx'));
const LISTS = ['test/model/examples/deeplab-rates.yaml', 'test/model/examples/unet-decoder.json'];

/** Outcome of reading bytes: the network definition as JSON, or the refusal's code and message. */
function outcome(bytes: Uint8Array): string {
  try {
    return JSON.stringify(onnxToNetwork(bytes));
  } catch (e) {
    if (e instanceof ConvError) return `${e.code}: ${e.message}`;
    return `THROWN ${String(e)}`;
  }
}

/** Deterministic byte damage: flips, truncations, random tails. */
function damaged(bytes: Uint8Array, seed: number): Uint8Array[] {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const out: Uint8Array[] = [];
  for (let i = 0; i < 12; i++) {
    const b = bytes.slice();
    for (let j = 0; j < 3; j++) b[Math.floor(rnd() * b.length)] ^= 1 << Math.floor(rnd() * 8);
    out.push(b);
    out.push(bytes.slice(0, Math.floor(rnd() * bytes.length)));
  }
  return out;
}

describe('eval-free ONNX decoding', () => {
  it('reads every fixture, and every damaged copy, exactly as the reflection decoder it replaced did', () => {
    // Recorded before the switch to the generated decoder: a network as a hash of its JSON, a refusal as its text.
    const recorded = JSON.parse(readFileSync('test/web/fixtures/onnx-decode-outcomes.json', 'utf8')).outcomes as Record<string, string[]>;
    expect(Object.keys(recorded).sort()).toEqual([...onnxFiles].sort());
    const now: Record<string, string[]> = {};
    for (const f of onnxFiles) {
      const bytes = new Uint8Array(readFileSync(join(ONNX_DIR, f)));
      now[f] = [bytes, ...damaged(bytes, f.length)].map((b) => {
        const o = outcome(b);
        return o.startsWith('{') ? `network sha256:${createHash('sha256').update(o).digest('hex')}` : o;
      });
    }
    expect(now).toEqual(recorded);
    const all = Object.values(now).flat();
    expect(all.filter((o) => o.startsWith('network')).length).toBeGreaterThanOrEqual(onnxFiles.length);
    expect(all.some((o) => o.startsWith('MODEL_'))).toBe(true);
    expect(all.some((o) => o.startsWith('THROWN'))).toBe(false);
  });

  it('the page’s loader gives the library’s table for the fixtures and the layer lists', () => {
    for (const path of [...onnxFiles.map((f) => join(ONNX_DIR, f)), ...LISTS]) {
      const report = loadModel(path.split('/').pop()!, new Uint8Array(readFileSync(path)));
      const s = summarize(loadNetwork(path));
      expect(report.totals).toEqual(s.totals);
      expect(report.rows.map((r) => r.name)).toEqual(s.rows.map((r) => r.name));
      const convs = s.rows.filter((r) => r.kind === 'conv' || r.kind === 'convTranspose' || r.kind === 'pool');
      expect(Object.keys(report.layers).sort()).toEqual(convs.map((r) => r.name).sort());
    }
  });

  it('refuses a file over the size limit and text that is not a layer list, with ConvErrors', () => {
    expect(() => readModelDef('x.yaml', new Uint8Array(9 * 1024 * 1024))).toThrow(/bytes/);
    expect(() => readModelDef('x.json', new TextEncoder().encode('{"layers": 3'))).toThrow(ConvError);
  });

  it('reads the input-shape field: blank, commas or x; refuses anything else', () => {
    expect(parseShapeText('  ')).toBeUndefined();
    expect(parseShapeText('1,3,64,64')).toEqual([1, 3, 64, 64]);
    expect(parseShapeText(' 1 x 3×8 ')).toEqual([1, 3, 8]);
    for (const bad of ['1,3', '1,3,0,4', '1,3,-4,4', '1,3,4.5,4', '1,2,3,4,5,6', 'a,b,c', '1,3,99999999999,4']) expect(() => parseShapeText(bad), bad).toThrow(ConvError);
    const list = new TextEncoder().encode(readFileSync(LISTS[0], 'utf8'));
    expect(readModelDef('d.yaml', list, [1, 3, 32, 32]).input.shape).toEqual([1, 3, 32, 32]);
  });
});

const cfg = (over: Partial<LayerConfig> = {}, axis: Partial<LayerConfig['axes'][0]> = {}): LayerConfig => {
  const a: LayerConfig['axes'][0] = { input: 8, kernel: 3, stride: 2, dilation: 1, padding: [1, 1], outputPadding: 0, output: 4, ...axis };
  return { name: 'L', kind: 'conv', ceilMode: false, rank: 2, axes: [a, { ...a }], inChannels: 4, outChannels: 8, groups: 1, ...over };
};

describe('layer → controls', () => {
  it('copies kernel, stride, padding, dilation, transposed and channels', () => {
    const r = stateFromLayer(cfg({ kind: 'convTranspose' }, { outputPadding: 1 }), defaultState());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state).toMatchObject({ input: [8, 8], kernel: [3, 3], stride: [2, 2], dilation: [1, 1], padMode: 'number', pad: [1, 1, 1, 1], transposed: true, outputPadding: [1, 1], inChannels: 4, outChannels: 8, groups: 1 });
    expect(r.notes.map((n) => n.key)).toEqual([]);
  });

  it('clamps a large input with a note, and keeps a real layer\'s channels (the pictures draw fewer, drawn-channels.ts)', () => {
    const r = stateFromLayer(cfg({ inChannels: 64, outChannels: 64, groups: 64 }, { input: 112 }), defaultState());
    if (!r.ok) throw new Error('refused');
    expect(r.state.input).toEqual([32, 32]);
    expect([r.state.inChannels, r.state.outChannels, r.state.groups]).toEqual([64, 64, 64]);
    expect(r.notes.map((n) => n.key)).toEqual(['modelClampedInput']);
    const g = stateFromLayer(cfg({ inChannels: 64, outChannels: 128, groups: 4 }), defaultState());
    if (!g.ok) throw new Error('refused');
    expect([g.state.inChannels, g.state.outChannels, g.state.groups]).toEqual([64, 128, 4]);
  });

  it('clamps channels beyond the form\'s bounds by the pictures\' rule, keeping the grouping, with a note', () => {
    const [, max] = BOUNDS.layerChannels;
    const r = stateFromLayer(cfg({ inChannels: 2 * max, outChannels: 2 * max, groups: 2 * max }), defaultState());
    if (!r.ok) throw new Error('refused');
    expect([r.state.inChannels, r.state.outChannels, r.state.groups]).toEqual([max, max, max]);
    expect(r.notes.map((n) => n.key)).toEqual(['modelClampedChannels']);
    expect(r.notes[0].vars.max).toBe(max);
    const g = stateFromLayer(cfg({ inChannels: 2 * max, outChannels: max, groups: 4 }), defaultState());
    if (!g.ok) throw new Error('refused');
    expect([g.state.inChannels, g.state.outChannels, g.state.groups]).toEqual([max, max, 4]);
  });

  it('refuses a kernel, stride or padding beyond the controls, and 3-D layers', () => {
    for (const [axis, what] of [[{ kernel: 11 }, 'kernel'], [{ stride: 16 }, 'stride'], [{ padding: [1, 20] }, 'padding']] as const) {
      const r = stateFromLayer(cfg({}, axis), defaultState());
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatchObject({ key: 'modelTooLarge', vars: { what } });
    }
    const three = cfg();
    three.rank = 3;
    three.axes.push({ ...three.axes[0] });
    expect(stateFromLayer(three, defaultState()).ok).toBe(false);
  });

  it('draws a 1-D layer as 1 × L, asymmetric pads as before/after, pooling with a note', () => {
    const one = cfg({ rank: 1 }, { input: 20, padding: [0, 2] });
    one.axes = [one.axes[0]];
    const r = stateFromLayer(one, defaultState());
    if (!r.ok) throw new Error('refused');
    expect(r.state).toMatchObject({ input: [1, 20], kernel: [1, 3], padMode: 'asym', pad: [0, 0, 0, 2] });
    const p = stateFromLayer(cfg({ kind: 'pool', poolMode: 'max', ceilMode: true, inChannels: 1, outChannels: 1 }), defaultState());
    if (!p.ok) throw new Error('refused');
    expect(p.notes.map((n) => n.key)).toEqual(['modelPoolMax', 'modelCeil']);
  });

  it('takes the geometry the library built for a real network’s layers', () => {
    const net = buildNetwork(readModelDef('unet-decoder.json', new Uint8Array(readFileSync(LISTS[1]))));
    const up = net.nodes.find((n) => n.kind === 'convTranspose')!;
    const c = layerConfig(up)!;
    expect(c.kind).toBe('convTranspose');
    expect(c.axes.map((a) => a.input)).toEqual(up.conv!.axes.map((a) => a.input));
    expect([c.inChannels, c.outChannels, c.groups]).toEqual([up.conv!.inChannels, up.conv!.outChannels, up.conv!.groups]);
  });
});

describe('errors and strings', () => {
  const html = readFileSync('web/index.html', 'utf8');
  const codes = Object.keys(ERROR_HEADLINES.en) as ConvErrorCode[];

  it('maps every ConvError code to a control that exists on the page, on both axes and every padding type', () => {
    expect(codes).toContain('PADDING_TOO_LARGE');
    for (const code of codes) {
      for (const axis of ['H', 'W']) {
        for (const padMode of ['number', 'axis', 'asym', 'same', 'valid'] as const) {
          const id = controlFor(new ConvError(code, 'x', { axis }), { ...defaultState(), padMode });
          expect(html, `${code} → ${id}`).toContain(`id="${id}"`);
        }
      }
    }
    expect(controlFor(new ConvError('PADDING_TOO_LARGE', 'x', { axis: 'W' }), { ...defaultState(), padMode: 'axis' })).toBe('pad-wb');
    expect(controlFor(new ConvError('KERNEL_TOO_LARGE', 'x', { axis: 'W' }), defaultState())).toBe('kernel-w');
  });

  it('has a Chinese and an English headline for every code, and puts the Chinese one before the English detail', () => {
    for (const code of codes) {
      expect(errorHeadline('zh', code)).toMatch(/[\u4e00-\u9fff]/);
      expect(errorHeadline('en', code)).not.toBe(errorHeadline('zh', code));
    }
    expect(errorHeadline('zh', 'KERNEL_TOO_LARGE')).toBe('卷积核大于填充后的输入');
    // A layer's refusal on the Chinese page is Chinese throughout (issue 10): from the code and its
    // values, or the headline alone when the values are missing; a model file's refusal is said in
    // Chinese too (the kinds a reader meets), the English message no longer follows the headline.
    const e = new ConvError('KERNEL_TOO_LARGE', 'kernel extent 7 is larger than the padded input 4');
    expect(errorText(e, 'zh')).toBe('卷积核大于填充后的输入。');
    expect(errorText(e, 'en')).toBe(e.message);
    const v = new ConvError('KERNEL_TOO_LARGE', 'kernel extent 7 is larger than the padded input 4 (4 + 0 + 0) on axis W', {
      axis: 'W', values: { input: 4, kernel: 7, dilation: 1, effectiveKernel: 7, padding: [0, 0] },
    });
    expect(errorText(v, 'zh')).toBe('宽度方向上，卷积核覆盖 7 个单元，而填充后的输入只有 4 个（4 + 0 + 0）。请把每边的填充加到至少 2，或把卷积核大小改为 4 或更小。');
    const file = { code: 'MODEL_FILE', message: 'not an ONNX file' };
    expect(errorText(file, 'zh')).toBe(`${errorHeadline('zh', 'MODEL_FILE')}：这不是 ONNX 文件，看起来是其他格式。请先把模型导出为 ONNX（torch.onnx.export、tf2onnx）。`);
    expect(errorText({ code: 'MODEL_GRAPH', message: 'node 3: something unforeseen' }, 'zh')).toBe(`${errorHeadline('zh', 'MODEL_GRAPH')}：模型有误、前后不一致或已被篡改。`);
    expect(errorText(file, 'en')).toBe('not an ONNX file');
  });

  it('has a Chinese counting convention for each of the library’s, with the same formulas', () => {
    expect(CONVENTIONS_ZH.length).toBe(CONVENTIONS.length);
    CONVENTIONS.forEach((en, i) => {
      // Each translation keeps the formulas and symbols of its English sentence.
      for (const f of ['MACs', 'FLOPs = 2·MACs', 'N·C_in·ΠIn·(C_out/g)·Πk', 'RF', '0 MACs']) if (en.includes(f)) expect(CONVENTIONS_ZH[i], `${i}: ${f}`).toContain(f);
      expect(libraryT('zh', `summary.convention.${i}`)).toBe(CONVENTIONS_ZH[i]);
    });
  });

  it('the page table repeats no string of the library’s picture labels; shared words come from the library', () => {
    const pageKeys = stringKeys('en').filter((k) => k.startsWith('page.'));
    const renderKeys = stringKeys('en').filter((k) => k.startsWith('render.'));
    expect(pageKeys.length).toBeGreaterThan(50);
    for (const lang of ['en', 'zh'] as const) {
      const library = new Set(renderKeys.map((k) => libraryT(lang, k)));
      const dup = pageKeys.filter((k) => library.has(libraryT(lang, k)));
      expect(dup, lang).toEqual([]);
    }
    expect(t('zh', 'legendInserted')).toBe(libraryT('zh', 'render.legendInserted'));
    expect(t('en', 'kindextra')).toBe(libraryT('en', 'render.outputPadding'));
    expect(t('zh', 'stepOf', { i: 1, n: 1024 })).toBe('第 1 步，共 1024 步');
  });
});
