/**
 * The `layerChannels` render option: a picture drawn from a copy of a layer with fewer channels
 * (the playground draws at most 16 a side) gives the layer's channels in its key line and says how
 * many are drawn, in English and Chinese, in every format; without it the line is the trace's own.
 */
import { describe, expect, it } from 'vitest';
import { ConvError } from '../../src/geometry/errors.js';
import { renderPng, renderSvg, sceneOf } from '../../src/render/index.js';
import type { RenderOptions, Scene } from '../../src/render/index.js';
import type { TraceInput } from '../../src/trace/types.js';

/** The 16→16 copy of ConvTranspose2d(64, 32, 4, 2, 1) on 16×16, as the playground draws it. */
const COPY: TraceInput = { input: [16, 16], kernel: 4, stride: 2, padding: 1, transposed: true, inChannels: 16, outChannels: 16 };
const LAYER = { inChannels: 64, outChannels: 32, groups: 1 };

const texts = (sc: Scene) => sc.base.flatMap((p) => (p.type === 'text' ? [p.text] : []));

describe('layerChannels: the key line gives the real layer', () => {
  it('without it, the key line is the copy\'s own (the old behaviour, unchanged)', () => {
    expect(texts(sceneOf(COPY))).toContain('channels 16→16, groups 1 (input and output channel 0 drawn)');
  });
  it('with it, the layer\'s counts and the drawn copy\'s, in English and Chinese, in both views and themes', () => {
    for (const extra of [{}, { theme: 'flat' }, { view: 'scatter' }] as RenderOptions[]) {
      const en = texts(sceneOf(COPY, { ...extra, layerChannels: LAYER }));
      expect(en).toContain('channels 64→32 (16→16 drawn), groups 1 (input and output channel 0 drawn)');
      expect(en.join('|')).not.toContain('channels 16→16');
      expect(texts(sceneOf(COPY, { ...extra, lang: 'zh', layerChannels: LAYER }))).toContain('通道 64→32（画出 16→16），分组数 1（画出输入、输出通道 0）');
    }
  });
  it('fewer groups drawn than the layer has are said too', () => {
    const copy = { ...COPY, transposed: false, inChannels: 16, outChannels: 16, groups: 16 };
    const line = texts(sceneOf(copy, { layerChannels: { inChannels: 64, outChannels: 64, groups: 64 } }));
    expect(line).toContain('channels 64→64 (16→16 drawn), groups 64 (16 drawn) (input and output channel 0 drawn)');
    expect(texts(sceneOf(copy, { lang: 'zh', layerChannels: { inChannels: 64, outChannels: 64, groups: 64 } }))).toContain('通道 64→64（画出 16→16），分组数 64（画出 16）（画出输入、输出通道 0）');
  });
  it('a value equal to the trace\'s prints the plain line; a one-channel layer prints none', () => {
    expect(texts(sceneOf(COPY, { layerChannels: { inChannels: 16, outChannels: 16, groups: 1 } }))).toContain('channels 16→16, groups 1 (input and output channel 0 drawn)');
    const one = { input: [5, 5], kernel: 3 };
    expect(texts(sceneOf(one, { layerChannels: { inChannels: 1, outChannels: 1, groups: 1 } })).join('|')).not.toMatch(/channels/);
  });
  it('the SVG carries the line; the PNG is drawn wider for the longer line, so it is printed, not dropped', () => {
    expect(renderSvg(COPY, { layerChannels: LAYER })).toContain('channels 64→32 (16→16 drawn)');
    const plain = renderPng(COPY), marked = renderPng(COPY, { layerChannels: LAYER });
    expect(Buffer.from(marked).equals(Buffer.from(plain))).toBe(false);
  });
  it('refuses a value that is not a layer\'s channels', () => {
    for (const bad of [{ inChannels: 64, outChannels: 32 }, { inChannels: 0, outChannels: 32, groups: 1 }, { inChannels: 64, outChannels: 30, groups: 4 }, 'all', { inChannels: 1.5, outChannels: 2, groups: 1 }]) {
      let err: unknown;
      try { sceneOf(COPY, { layerChannels: bad as never }); } catch (e) { err = e; }
      expect(err, JSON.stringify(bad)).toBeInstanceOf(ConvError);
      expect((err as ConvError).message).toMatch(/^layerChannels must be/);
    }
  });
});
