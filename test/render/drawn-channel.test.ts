/**
 * The `channel` render option: which input channel and which output channel a picture draws. The
 * key line names them (it said "channel 0 drawn" whatever the playground showed), a numeric picture
 * prints that pair's values — the reference engine's output in that output channel when only that
 * input channel and that pair's kernel slice hold numbers — and a pair the layer does not have is
 * refused.
 */
import { describe, expect, it } from 'vitest';
import { ConvError } from '../../src/geometry/errors.js';
import { conv2d, convTranspose2d, maxPool2d, tensor } from '../../src/index.js';
import { renderPng, renderSvg, sceneOf } from '../../src/render/index.js';
import { formatOutput, numericValues } from '../../src/render/numeric.js';
import type { RenderOptions, Scene } from '../../src/render/index.js';
import { trace } from '../../src/trace/trace.js';
import type { TraceInput } from '../../src/trace/types.js';

/** Two groups: input channels 0–1 feed outputs 0–2, input channels 2–3 feed outputs 3–5. */
const GROUPED: TraceInput = { input: [5, 5], kernel: 3, stride: 2, padding: 1, inChannels: 4, outChannels: 6, groups: 2 };

const texts = (sc: Scene) => sc.base.flatMap((p) => (p.type === 'text' ? [p.text] : []));
const keyLine = (sc: Scene) => texts(sc).find((t) => /channels|通道/.test(t));

/** A full input of `channels` planes holding `plane` in channel `c` and zeros elsewhere. */
function onlyChannel(plane: readonly number[], channels: number, c: number): number[] {
  const x = new Array<number>(channels * plane.length).fill(0);
  x.splice(c * plane.length, plane.length, ...plane);
  return x;
}

describe('channel: the key line names the channel pair drawn', () => {
  it('by default channel 0, as before', () => {
    expect(keyLine(sceneOf(GROUPED))).toBe('channels 4→6, groups 2 (input and output channel 0 drawn)');
    expect(keyLine(sceneOf(GROUPED, { lang: 'zh' }))).toBe('通道 4→6，分组数 2（画出输入、输出通道 0）');
  });
  it('another pair, in English and Chinese, in both views and both themes, and in the SVG', () => {
    for (const extra of [{}, { theme: 'flat' }, { view: 'scatter' }, { numeric: true }] as RenderOptions[]) {
      expect(keyLine(sceneOf(GROUPED, { ...extra, channel: { input: 3, output: 5 } })), JSON.stringify(extra)).toBe('channels 4→6, groups 2 (input channel 3 → output channel 5 drawn)');
      expect(keyLine(sceneOf(GROUPED, { ...extra, lang: 'zh', channel: { input: 3, output: 5 } }))).toBe('通道 4→6，分组数 2（画出输入通道 3 → 输出通道 5）');
    }
    expect(keyLine(sceneOf(GROUPED, { channel: { input: 2, output: 3 } }))).toBe('channels 4→6, groups 2 (input channel 2 → output channel 3 drawn)');
    expect(renderSvg(GROUPED, { channel: { input: 3, output: 5 }, frame: 2 })).toContain('(input channel 3 → output channel 5 drawn)');
  });
  it('the same channel in and out is named once; with layerChannels the layer\'s counts come first', () => {
    const depthwise = { input: [4, 4], kernel: 3, inChannels: 8, outChannels: 8, groups: 8 };
    expect(keyLine(sceneOf(depthwise, { channel: { input: 6, output: 6 } }))).toBe('channels 8→8, groups 8 (input and output channel 6 drawn)');
    const copy = { input: [8, 8], kernel: 4, stride: 2, padding: 1, transposed: true, inChannels: 16, outChannels: 16 };
    const line = keyLine(sceneOf(copy, { layerChannels: { inChannels: 64, outChannels: 32, groups: 1 }, channel: { input: 9, output: 4 } }));
    expect(line).toBe('channels 64→32 (16→16 drawn), groups 1 (input channel 9 → output channel 4 drawn)');
  });
  it('the PNG prints the longer line (it differs from the default picture)', () => {
    const plain = renderPng(GROUPED), other = renderPng(GROUPED, { channel: { input: 3, output: 5 } });
    expect(Buffer.from(other).equals(Buffer.from(plain))).toBe(false);
  });
});

describe('channel: a numeric picture draws that pair\'s values', () => {
  const input = Array.from({ length: 25 }, (_, i) => (i * 7) % 4);
  const weight = [2, 0, 1, 1, 2, 0, 0, 1, 2];

  it('direct, grouped: the outputs are the reference engine\'s in output channel 5 with only input channel 3 and slice (5, 3) set', () => {
    const channel = { input: 3, output: 5 };
    const v = numericValues(trace(GROUPED), { input, weight }, channel);
    // Weight [6, 2, 3, 3]: output channel 5 reads its group's inputs 2 and 3 as slices 0 and 1.
    const w = new Array<number>(6 * 2 * 9).fill(0);
    w.splice((5 * 2 + 1) * 9, 9, ...weight);
    const y = conv2d(tensor(onlyChannel(input, 4, 3), [1, 4, 5, 5]), tensor(w, [6, 2, 3, 3]), { stride: 2, padding: 1, groups: 2, engine: 'reference' });
    const expected = Array.from(y.data.subarray(5 * 9, 6 * 9));
    expect(v.output).toEqual(expected);
    expect(expected.some((o) => o !== 0)).toBe(true);
    // Every other output channel is zero: the picture is that pair and nothing else.
    expect(Array.from(y.data).filter((o, i) => o !== 0 && (i < 45 || i >= 54))).toEqual([]);
    const svg = renderSvg(GROUPED, { numeric: true, values: { input, weight }, channel, frame: 8 });
    for (const o of expected) expect(svg).toContain(`>${formatOutput(o)}</text>`);
  });

  it('transposed: weight [IC, OC/g, k…], output channel 1 from input channel 2', () => {
    const spec: TraceInput = { input: [3, 3], kernel: 3, stride: 2, transposed: true, inChannels: 3, outChannels: 2 };
    const small = input.slice(0, 9);
    const v = numericValues(trace(spec), { input: small, weight }, { input: 2, output: 1 });
    const w = new Array<number>(3 * 2 * 9).fill(0);
    w.splice((2 * 2 + 1) * 9, 9, ...weight);
    const y = convTranspose2d(tensor(onlyChannel(small, 3, 2), [1, 3, 3, 3]), tensor(w, [3, 2, 3, 3]), { stride: 2, engine: 'reference' });
    expect(v.output).toEqual(Array.from(y.data.subarray(49, 98)));
    expect(v.output.some((o) => o !== 0)).toBe(true);
  });

  it('pooling: the channel\'s own plane', () => {
    const spec: TraceInput = { input: [5, 5], kernel: 3, stride: 1, pool: 'max', inChannels: 3 };
    const v = numericValues(trace(spec), { input }, { input: 2, output: 2 });
    const y = maxPool2d(tensor(onlyChannel(input, 3, 2), [1, 3, 5, 5]), { kernelSize: 3, stride: 1 });
    expect(v.output).toEqual(Array.from(y.data.subarray(18, 27)));
  });
});

describe('channel: a pair the layer does not have is refused', () => {
  const refusal = (input: TraceInput, channel: unknown): ConvError => {
    try {
      sceneOf(input, { channel: channel as never });
    } catch (e) {
      return e as ConvError;
    }
    throw new Error(`accepted ${JSON.stringify(channel)}`);
  };
  it('a shape that is not two channel numbers', () => {
    for (const bad of [3, { input: 1 }, { input: -1, output: 0 }, { input: 0.5, output: 0 }, { input: '1', output: 1 }]) {
      const e = refusal(GROUPED, bad);
      expect(e, JSON.stringify(bad)).toBeInstanceOf(ConvError);
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.message).toMatch(/^channel must be \{ input, output \}/);
    }
  });
  it('a channel past the counts, and an output channel of another group', () => {
    expect(refusal(GROUPED, { input: 4, output: 0 }).message).toBe('channel.input is 4, but the layer drawn has 4 input channels; use channels 0 to 3');
    expect(refusal(GROUPED, { input: 0, output: 6 }).message).toBe('channel.output is 6, but the layer drawn has 6 output channels; use channels 0 to 5');
    expect(refusal({ input: [4, 4], kernel: 3 }, { input: 0, output: 1 }).message).toBe('channel.output is 1, but the layer drawn has 1 output channel; use only channel 0');
    const e = refusal(GROUPED, { input: 1, output: 4 });
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe("output channel 4 does not read input channel 1 (groups 2): it reads input channels 2 to 3 only; give output channel 4 a channel.input from 2 to 3, or an output channel of input channel 1's group");
    expect(refusal({ input: [5, 5], kernel: 3, pool: 'avg', inChannels: 3 }, { input: 0, output: 1 }).message).toMatch(/^output channel 1 does not read input channel 0 .*it reads input channel 1 only/);
  });
  it('is a render option: refused in the convolution\'s own argument', () => {
    expect(() => renderSvg({ ...GROUPED, channel: { input: 0, output: 0 } } as never)).toThrow(/"channel" is a render option/);
  });
});
