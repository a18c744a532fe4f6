/**
 * Review 33 B8, without a browser: a real layer's channels (ConvTranspose2d(64, 32, 4, 2, 1), up to
 * 4096) are settings — the link reads and writes them, the formula is the library's for them —
 * while the pictures draw a copy with at most 16 channels a side, by the model panel's own rule
 * (drawn-channels.ts `fitChannels`), whose cost does not grow with the layer's channels.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainGeometry } from '../../src/arithmetic/explain.js';
import { channelsCutText, drawnState, fitChannels } from '../../web/src/drawn-channels.js';
import { buildLayer } from '../../web/src/layer.js';
import { buildScene } from '../../web/src/stage-scene.js';
import { BOUNDS, defaultState, parseQuery, toQuery } from '../../web/src/state.js';
import type { State } from '../../web/src/state.js';
import { urlKeyHint } from '../../web/src/url-hints.js';

const ct64: Partial<State> = { input: [8, 8], kernel: [4, 4], stride: [2, 2], padMode: 'number', pad: [1, 1, 1, 1], transposed: true, inChannels: 64, outChannels: 32 };
const layerOf = (over: Partial<State>): State => ({ ...defaultState(), ...over });

function scene(s: State) {
  const r = buildLayer(s);
  if (!r.ok) throw new Error(r.error.message);
  return buildScene(s, r.geometry);
}

describe('real channels', () => {
  it('a link carries ci=64&co=32 (and up to the form\'s bound) and writes them back; 0 and past the bound are refused', () => {
    const { state, problems } = parseQuery('i=8&k=4&s=2&p=1&t=1&ci=64&co=32');
    expect(problems).toEqual([]);
    expect([state.inChannels, state.outChannels]).toEqual([64, 32]);
    const q = new URLSearchParams(toQuery(state));
    expect([q.get('ci'), q.get('co')]).toEqual(['64', '32']);
    const [, hi] = BOUNDS.layerChannels;
    expect(parseQuery(`ci=${hi}&co=${hi}&g=${hi}`).problems).toEqual([]);
    for (const bad of ['ci=0', `ci=${hi + 1}`, 'co=5000', `g=${BOUNDS.layerGroups[1] + 1}`]) {
      expect(parseQuery(bad).problems, bad).toHaveLength(1);
    }
    expect(urlKeyHint('ci', 'en', 13)).toBe(`input channels: a whole number 1–${hi}`);
  });

  it('the Formula\'s numbers are the library\'s for the real layer; the pictures\' copy has 16 channels a side', () => {
    const s = scene(layerOf(ct64));
    expect([s.layer.inChannels, s.layer.outChannels]).toEqual([64, 32]);
    expect([s.geometry.inChannels, s.geometry.outChannels, s.geometry.groups]).toEqual([16, 16, 1]);
    // PyTorch's weight [64, 32, 4, 4] and a bias of 32: 64·32·16 + 32.
    expect(explainGeometry(s.layer, 'en').params).toBe(64 * 32 * 4 * 4 + 32);
    // Only the channels differ: the drawn copy's window arithmetic is the layer's.
    expect(s.geometry.axes).toEqual(s.layer.axes);
    expect(s.trace.channels.feeds).toHaveLength(16);
    expect(channelsCutText(s.layer, s.geometry, 'en')).toBe('The pictures show 16 of 64 input channels, 16 of 32 output channels (at most 16 channels fit); the Formula and Code tabs give every channel.');
    expect(channelsCutText(s.layer, s.geometry, 'zh')).toBe('图中只画出了 64 个输入通道中的 16 个、32 个输出通道中的 16 个（最多画得下 16 个通道）；“公式”页和“代码”页给出的是全部通道的数字。');
    // A layer the pictures hold whole is drawn as it is, and says nothing.
    const small = scene(layerOf({ inChannels: 3, outChannels: 2 }));
    expect(small.geometry).toBe(small.layer);
    expect(channelsCutText(small.layer, small.geometry, 'en')).toBe('');
  });

  it('the fitted copy of any valid layer is a valid layer within the bounds, its grouping kept as far as it goes', () => {
    const [, maxC] = BOUNDS.channels;
    const [, maxG] = BOUNDS.groups;
    fc.assert(fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), (g, perIn, perOut) => {
      const c = { inChannels: g * perIn, outChannels: g * perOut, groups: g };
      const f = fitChannels(c, maxC, maxG);
      expect(f.inChannels % f.groups).toBe(0);
      expect(f.outChannels % f.groups).toBe(0);
      expect(f.groups).toBe(Math.min(g, maxG));
      expect(f.inChannels).toBeLessThanOrEqual(Math.max(maxC, f.groups));
      expect(f.outChannels).toBeLessThanOrEqual(Math.max(maxC, f.groups));
      if (c.inChannels <= maxC && c.outChannels <= maxC && g <= maxG) expect(f).toEqual(c);
      const r = buildLayer(drawnState({ ...defaultState(), ...c }));
      expect(r.ok).toBe(true);
    }), { numRuns: 300 });
    // Depthwise 64: 16 groups of one channel; 64 → 128 in 4 groups: 4 groups of 4 in, 4 out.
    expect(fitChannels({ inChannels: 64, outChannels: 64, groups: 64 }, maxC, maxG)).toEqual({ inChannels: 16, outChannels: 16, groups: 16 });
    expect(fitChannels({ inChannels: 64, outChannels: 128, groups: 4 }, maxC, maxG)).toEqual({ inChannels: 16, outChannels: 16, groups: 4 });
  });

  it('a scene of 4096 channels is built from the same 16-channel copy as one of 16 (nothing scales with the channels)', () => {
    // Speed is measured in bench/, not asserted here: the scene's arrays are the copy's, whatever the layer's channels.
    const big = layerOf({ input: [16, 16], kernel: [3, 3], stride: [1, 1], inChannels: 4096, outChannels: 4096, numbers: true });
    const small = { ...big, inChannels: 16, outChannels: 16 };
    const b = scene(big);
    const s = scene(small);
    expect(b.values!.w.length).toBe(16 * 16 * 9);
    expect([b.values!.x.length, b.values!.y.length]).toEqual([s.values!.x.length, s.values!.y.length]);
    expect(b.geometry.weightShape).toEqual(s.geometry.weightShape);
    expect(explainGeometry(b.layer, 'en').params).toBe(4096 * 4096 * 9 + 4096);
  });
});
