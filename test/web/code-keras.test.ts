/**
 * The Keras code the Code tab shows computes the PyTorch layer: TensorFlow is not installable here,
 * so the snippet's layers are read back from its text and run with convkit's Keras dialect
 * (fromTensorFlow, which refuses what Keras refuses) and its reference convolution, then the shape,
 * the parameter count and the values are held to the PyTorch layer's (buildLayer's geometry).
 */
import { describe, expect, it } from 'vitest';
import { defaultState } from '../../web/src/state.js';
import type { State } from '../../web/src/state.js';
import { buildLayer, writtenLayer } from '../../web/src/layer.js';
import { tfCode, torchCode, torchParameterCount } from '../../web/src/code.js';
import { fromTensorFlow } from '../../src/geometry/tensorflow.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { mulberry32 } from '../support/mulberry32.js';

/** An NCHW tensor of batch 1. */
interface T {
  c: number;
  h: number;
  w: number;
  d: Float32Array;
}

const at = (t: T, c: number, y: number, x: number): number => t.d[(c * t.h + y) * t.w + x];

function make(c: number, h: number, w: number, f: (c: number, y: number, x: number) => number): T {
  const d = new Float32Array(c * h * w);
  for (let i = 0; i < c; i++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d[(i * h + y) * w + x] = f(i, y, x);
  return { c, h, w, d };
}

const zeroPad = (t: T, [a, b, c, d]: number[]): T =>
  make(t.c, t.h + a + b, t.w + c + d, (i, y, x) => (y >= a && y < a + t.h && x >= c && x < c + t.w ? at(t, i, y - a, x - c) : 0));
const crop = (t: T, [a, b, c, d]: number[]): T => make(t.c, t.h - a - b, t.w - c - d, (i, y, x) => at(t, i, y + a, x + c));
const every = (t: T, sh: number, sw: number): T => make(t.c, Math.ceil(t.h / sh), Math.ceil(t.w / sw), (i, y, x) => at(t, i, y * sh, x * sw));
const channels = (t: T, from: number, n: number): T => make(n, t.h, t.w, (i, y, x) => at(t, from + i, y, x));
const concat = (ts: T[]): T => {
  const parts = ts.flatMap((t) => Array.from({ length: t.c }, (_, i) => ({ t, i })));
  return make(parts.length, ts[0].h, ts[0].w, (i, y, x) => at(parts[i].t, parts[i].i, y, x));
};

/** Deterministic numbers in [-1, 1), from the suite's seeded generator. */
function rng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() * 2 - 1;
}

const nums = (s: string): number[] => s.match(/\d+/g)!.map(Number);

/** One Keras layer of the snippet, in the order it runs. */
type Op =
  | { kind: 'pad'; p: number[] }
  | { kind: 'crop'; p: number[] }
  | { kind: 'slice'; s: number[] }
  | { kind: 'zeros'; s: number[]; keep: number[] }
  | { kind: 'conv'; out: number; k: number[]; strides: number[]; padding: 'valid' | 'same'; dilation: number[]; groups: number }
  | { kind: 'convT'; out: number; k: number[]; strides: number[]; outputPadding: number[]; dilation: number[]; groups: number };

/**
 * Reads the layers a generated Keras snippet builds (the shapes it writes, nothing assumed). A 1-D
 * snippet's layers (Conv1D …, a 1-D layer written as itself: line-layer.ts) are read as the 2-D
 * ones over a single row they equal: kernel, strides and dilation 1 down H, no padding there.
 */
function parseKeras(code: string): Op[] {
  if (/layers\.\w+1D/.test(code)) return parseKeras1d(code);
  const ops: Op[] = [];
  const groups = Number(/for j in range\((\d+)\)/.exec(code)?.[1] ?? 1);
  const layerRe = /tf\.keras\.layers\.(ZeroPadding2D|Cropping2D|Conv2DTranspose|Conv2D|Lambda)\(([^\n]*)/g;
  for (const m of code.matchAll(layerRe)) {
    const [, name, rest] = m;
    if (name === 'ZeroPadding2D') ops.push({ kind: 'pad', p: nums(/padding=(\(\(.*?\)\))/.exec(rest)![1]) });
    else if (name === 'Cropping2D') ops.push({ kind: 'crop', p: nums(/cropping=(\(\(.*?\)\))/.exec(rest)![1]) });
    else if (name === 'Lambda') {
      const sl = /lambda t: t\[:, (:|::\d+), (:|::\d+), :\]\)/.exec(rest);
      if (sl) ops.push({ kind: 'slice', s: [sl[1], sl[2]].map((x) => (x === ':' ? 1 : Number(x.slice(2)))) });
      else {
        expect(rest).toMatch(/^insert_zeros, output_shape=/);
        const pad = /tf\.pad\(t\[:, :, None, :, None, :\], \[\[0, 0\], \[0, 0\], \[0, (\d+)\], \[0, 0\], \[0, (\d+)\], \[0, 0\]\]\)/.exec(code)!;
        const keep = /\)\[:, :(\d+), :(\d+), :\]/.exec(code)!;
        ops.push({ kind: 'zeros', s: [Number(pad[1]) + 1, Number(pad[2]) + 1], keep: [Number(keep[1]), Number(keep[2])] });
      }
    } else {
      const out = Number(/^(\d+),/.exec(rest)![1]);
      const k = nums(/kernel_size=(\(\d+, \d+\))/.exec(rest)![1]);
      const strides = nums(/strides=(\(\d+, \d+\))/.exec(rest)![1]);
      const dilation = nums(/dilation_rate=(\(\d+, \d+\))/.exec(rest)![1]);
      const padding = /padding='(\w+)'/.exec(rest)![1];
      if (name === 'Conv2D') {
        expect(['valid', 'same']).toContain(padding);
        ops.push({ kind: 'conv', out, k, strides, padding: padding as 'valid' | 'same', dilation, groups: Number(/groups=(\d+)/.exec(rest)![1]) });
      } else {
        // The snippets build transposed layers with padding='valid' and an explicit output_padding
        // (Keras then sizes the output as PyTorch does) and crop afterwards.
        expect(padding).toBe('valid');
        ops.push({ kind: 'convT', out, k, strides, outputPadding: nums(/output_padding=(\(\d+, \d+\))/.exec(rest)![1]), dilation, groups });
      }
    }
  }
  return ops;
}

function parseKeras1d(code: string): Op[] {
  expect(code, 'a 1-D snippet builds no 2-D layer').not.toMatch(/layers\.\w+2D/);
  const ops: Op[] = [];
  const groups = Number(/for j in range\((\d+)\)/.exec(code)?.[1] ?? 1);
  const one = (re: RegExp, rest: string): number => Number(re.exec(rest)![1]);
  for (const [, name, rest] of code.matchAll(/tf\.keras\.layers\.(ZeroPadding1D|Cropping1D|Conv1DTranspose|Conv1D|Lambda)\(([^\n]*)/g)) {
    if (name === 'ZeroPadding1D') ops.push({ kind: 'pad', p: [0, 0, ...nums(/padding=(\(\d+, \d+\))/.exec(rest)![1])] });
    else if (name === 'Cropping1D') ops.push({ kind: 'crop', p: [0, 0, ...nums(/cropping=(\(\d+, \d+\))/.exec(rest)![1])] });
    else if (name === 'Lambda') {
      const sl = /lambda t: t\[:, (:|::\d+), :\]\)/.exec(rest);
      if (sl) ops.push({ kind: 'slice', s: [1, sl[1] === ':' ? 1 : Number(sl[1].slice(2))] });
      else {
        expect(rest).toMatch(/^insert_zeros, output_shape=/);
        const pad = /tf\.pad\(t\[:, :, None, :\], \[\[0, 0\], \[0, 0\], \[0, (\d+)\], \[0, 0\]\]\)/.exec(code)!;
        const keep = /\)\[:, :(\d+), :\]/.exec(code)!;
        ops.push({ kind: 'zeros', s: [1, Number(pad[1]) + 1], keep: [1, Number(keep[1])] });
      }
    } else {
      const out = Number(/^(\d+),/.exec(rest)![1]);
      const k = [1, one(/kernel_size=(\d+),/, rest)];
      const strides = [1, one(/strides=(\d+),/, rest)];
      const dilation = [1, one(/dilation_rate=(\d+)/, rest)];
      const padding = /padding='(\w+)'/.exec(rest)![1];
      if (name === 'Conv1D') {
        expect(['valid', 'same']).toContain(padding);
        ops.push({ kind: 'conv', out, k, strides, padding: padding as 'valid' | 'same', dilation, groups: Number(/groups=(\d+)/.exec(rest)![1]) });
      } else {
        expect(padding).toBe('valid');
        ops.push({ kind: 'convT', out, k, strides, outputPadding: [0, one(/output_padding=(\d+),/, rest)], dilation, groups });
      }
    }
  }
  return ops;
}

/**
 * The PyTorch layer's weight w (canonical: [out, in/g, kH, kW] direct, [in, out/g, kH, kW]
 * transposed) and bias, moved into the Keras layers as the snippet's comments say.
 */
interface Weights {
  w: Float32Array;
  bias: Float32Array;
}

/** Runs the snippet's layers on x; returns the output and the Keras parameter count. */
function runKeras(ops: Op[], torch: ConvGeometry, x: T, { w, bias }: Weights): { y: T; params: number } {
  let t = x;
  let params = 0;
  for (const op of ops) {
    if (op.kind === 'pad') t = zeroPad(t, op.p);
    else if (op.kind === 'crop') t = crop(t, op.p);
    else if (op.kind === 'slice') t = every(t, op.s[0], op.s[1]);
    else if (op.kind === 'zeros') {
      const cur = t;
      t = make(cur.c, cur.h * op.s[0], cur.w * op.s[1], (i, y, xx) => (y % op.s[0] === 0 && xx % op.s[1] === 0 ? at(cur, i, y / op.s[0], xx / op.s[1]) : 0));
      t = crop(t, [0, t.h - op.keep[0], 0, t.w - op.keep[1]]);
    } else if (op.kind === 'conv') {
      const [kh, kw] = op.k;
      const r = fromTensorFlow({
        dialect: 'keras',
        op: 'conv',
        inputShape: [1, t.h, t.w, t.c],
        filterShape: [kh, kw, t.c / op.groups, op.out],
        strides: op.strides,
        dilations: op.dilation,
        padding: op.padding,
      });
      params += kh * kw * (t.c / op.groups) * op.out + op.out;
      // Keras's kernel [kH, kW, in/g, out] is the canonical [out, in/g, kH, kW]: for a direct
      // layer PyTorch's weight; for a transposed one its flipped slice, in and out swapped:
      // kernel[a, b, c, j·og + o] = w[j·ig + c, o, kH−1−a, kW−1−b].
      let kw8 = w;
      if (torch.transposed) {
        const ig = torch.inChannels / torch.groups;
        const og = torch.outChannels / torch.groups;
        kw8 = new Float32Array(w.length);
        for (let oc = 0; oc < op.out; oc++)
          for (let c = 0; c < ig; c++)
            for (let a = 0; a < kh; a++)
              for (let b = 0; b < kw; b++) {
                const j = Math.floor(oc / og);
                const o = oc % og;
                kw8[((oc * ig + c) * kh + a) * kw + b] = w[(((j * ig + c) * og + o) * kh + (kh - 1 - a)) * kw + (kw - 1 - b)];
              }
      }
      const [, oc, oh, ow] = r.geometry.outputShape;
      t = { c: oc, h: oh, w: ow, d: referenceConv(r.geometry, t.d, kw8, bias) };
    } else {
      // One Conv2DTranspose per group on its slice of the channels (Keras's filter is [kH, kW, out, in]).
      const [kh, kw] = op.k;
      const ig = t.c / op.groups;
      const outs: T[] = [];
      for (let j = 0; j < op.groups; j++) {
        const r = fromTensorFlow({
          dialect: 'keras',
          op: 'convTranspose',
          inputShape: [1, t.h, t.w, ig],
          filterShape: [kh, kw, op.out, ig],
          strides: op.strides,
          dilations: op.dilation,
          padding: 'valid',
          outputPadding: op.outputPadding,
        });
        params += kh * kw * op.out * ig + op.out;
        const n = ig * op.out * kh * kw;
        const [, oc, oh, ow] = r.geometry.outputShape;
        outs.push({ c: oc, h: oh, w: ow, d: referenceConv(r.geometry, channels(t, j * ig, ig).d, w.slice(j * n, (j + 1) * n), bias.slice(j * op.out, (j + 1) * op.out)) });
      }
      t = concat(outs);
    }
  }
  return { y: t, params };
}

function state(patch: Partial<State>): State {
  return { ...defaultState(), ...patch };
}

/** Builds the PyTorch layer, runs both on the same numbers, and holds the Keras snippet to it. */
function check(s: State, seed = 1): { code: string; ops: Op[] } {
  const r = buildLayer(s);
  if (!r.ok) throw r.error;
  // The layer as the Code tab writes it: a 1-D layer (s.line) as itself.
  const g = writtenLayer(s, r.geometry);
  expect(g.axes.length).toBe(s.line ? 1 : 2);
  const code = tfCode(g, s, Infinity); // one statement a line, as the parser reads it
  const ops = parseKeras(code);
  for (const op of ops) {
    if (op.kind === 'conv' || op.kind === 'convT') {
      // Keras refuses any stride > 1 with any dilation > 1; TensorFlow's CPU kernels a dilated transpose.
      expect(op.strides.some((x) => x > 1) && op.dilation.some((x) => x > 1), code).toBe(false);
      if (op.kind === 'convT') expect(op.dilation, code).toEqual([1, 1]);
    }
  }
  const rand = rng(seed);
  const [, C, ...spatial] = g.inputShape;
  const [IH, IW] = spatial.length === 1 ? [1, spatial[0]] : spatial;
  const x = make(C, IH, IW, () => rand());
  const weights = { w: Float32Array.from({ length: g.weightShape.reduce((a, b) => a * b, 1) }, rand), bias: Float32Array.from({ length: g.outChannels }, rand) };
  const { y, params } = runKeras(ops, g, x, weights);
  expect(g.axes.length === 1 ? [1, y.c, y.w] : [1, y.c, y.h, y.w], code).toEqual(g.outputShape);
  if (g.axes.length === 1) expect(y.h, code).toBe(1);
  expect(params, code).toBe(torchParameterCount(g));
  const want = referenceConv(g, x.d, weights.w, weights.bias);
  const worst = Math.max(...Array.from(want, (v, i) => Math.abs(v - y.d[i])));
  expect(worst, code).toBeLessThan(1e-4);
  expect(code).toContain(`# (${[1, ...g.axes.map((a) => a.output), g.outChannels].join(', ')})`);
  return { code, ops };
}

describe('Keras code computes the PyTorch layer', () => {
  it('stride 2 with dilation 2 (the review: i7 k3 s2 p1 d2): strides 1, then every 2nd row and column', () => {
    const { code } = check(state({ input: [7, 7], kernel: [3, 3], stride: [2, 2], dilation: [2, 2], padMode: 'number', pad: [1, 1, 1, 1] }));
    expect(code).toContain('tf.keras.layers.ZeroPadding2D(padding=((1, 1), (1, 1)))');
    expect(code).toContain("Conv2D(1, kernel_size=(3, 3), strides=(1, 1), padding='valid', dilation_rate=(2, 2), groups=1)");
    expect(code).toContain('tf.keras.layers.Lambda(lambda t: t[:, ::2, ::2, :])');
    expect(code).not.toContain('strides=(2, 2)');
  });

  it('the rule is global: stride (2, 1) with dilation (1, 2) slices H only', () => {
    const { code } = check(state({ input: [7, 6], kernel: [3, 2], stride: [2, 1], dilation: [1, 2], padMode: 'axis', pad: [1, 1, 0, 0] }));
    expect(code).toContain('t[:, ::2, :, :]');
  });

  it('asymmetric padding, stride 3, dilation 2, groups; and valid padding', () => {
    check(state({ input: [9, 8], kernel: [3, 2], stride: [3, 2], dilation: [2, 3], padMode: 'asym', pad: [2, 0, 1, 3], inChannels: 4, outChannels: 6, groups: 2 }));
    check(state({ input: [8, 9], kernel: [2, 3], stride: [2, 3], dilation: [3, 2], padMode: 'valid' }));
  });

  it('a grouped transposed layer: one Conv2DTranspose per group, PyTorch’s parameter count', () => {
    const s = state({ input: [4, 4], kernel: [3, 3], stride: [2, 2], padMode: 'number', pad: [1, 1, 1, 1], transposed: true, outputPadding: [1, 0], inChannels: 4, outChannels: 6, groups: 2 });
    const { code, ops } = check(s);
    expect(ops.filter((o) => o.kind === 'convT')).toEqual([{ kind: 'convT', out: 3, k: [3, 3], strides: [2, 2], outputPadding: [1, 0], dilation: [1, 1], groups: 2 }]);
    expect(code).toContain('parts = [inputs[..., 2 * j:2 * (j + 1)] for j in range(2)]');
    expect(code).toContain('print(layer.count_params())  # 114, as PyTorch');
    expect(code).not.toContain('Note:');
  });

  it('a dilated transposed layer (strided, grouped, output padding ≥ stride): the equivalent direct convolution', () => {
    // The page's CASES[6]: stride (2, 3), dilation (2, 1), asymmetric crop, groups 2.
    const { code } = check(state({ input: [3, 5], kernel: [4, 3], stride: [2, 3], dilation: [2, 1], padMode: 'asym', pad: [1, 0, 2, 1], transposed: true, outputPadding: [1, 2], inChannels: 2, outChannels: 4, groups: 2 }));
    expect(code).toContain('w[j * 1 + c, o, 3 - a, 2 - b]');
    // Stride 1, dilation 3: PyTorch takes output padding 2 (< max(s, d)); Keras's Conv2DTranspose would not.
    check(state({ input: [4, 5], kernel: [3, 2], stride: [1, 1], dilation: [3, 3], padMode: 'number', pad: [2, 2, 2, 2], transposed: true, outputPadding: [2, 1] }));
    // A crop larger than d(k−1): the padding is negative, the conv's output is cropped.
    check(state({ input: [6, 6], kernel: [2, 2], stride: [2, 2], dilation: [2, 2], padMode: 'number', pad: [3, 3, 3, 3], transposed: true, outputPadding: [1, 1] }));
  });

  it('300 random layers the page accepts', () => {
    const pick = rng(32);
    const int = (lo: number, hi: number): number => lo + Math.floor(((pick() + 1) / 2) * (hi - lo + 1));
    const modes = ['number', 'axis', 'asym', 'same', 'valid'] as const;
    let checked = 0;
    const kinds = new Map<string, number>();
    for (let n = 0; checked < 300 && n < 5000; n++) {
      const g = int(1, 3);
      const transposed = pick() < 0;
      const s = state({
        input: [int(1, 8), int(1, 8)],
        kernel: [int(1, 4), int(1, 4)],
        stride: [int(1, 3), int(1, 3)],
        dilation: [pick() < 0 ? 1 : int(2, 3), pick() < 0 ? 1 : int(2, 3)],
        padMode: transposed ? modes[int(0, 2)] : modes[int(0, 4)],
        pad: [int(0, 4), int(0, 4), int(0, 4), int(0, 4)],
        transposed,
        outputPadding: [int(0, 2), int(0, 2)],
        inChannels: g * int(1, 2),
        outChannels: g * int(1, 2),
        groups: g,
      });
      if (!buildLayer(s).ok) continue;
      const { ops } = check(s, n);
      const kind = ops.find((o) => o.kind === 'slice') ? 'sliced' : (ops.find((o) => o.kind === 'convT')?.groups ?? 0) > 1 ? 'per-group' : transposed && ops.find((o) => o.kind === 'conv') ? 'equivalent' : 'one layer';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      checked++;
    }
    expect(checked).toBe(300);
    // Every construction is exercised.
    for (const k of ['sliced', 'per-group', 'equivalent', 'one layer']) expect(kinds.get(k) ?? 0, k).toBeGreaterThan(10);
  });

  it('200 random 1-D layers (a model’s Conv1d, written as Conv1D / Conv1DTranspose)', () => {
    const pick = rng(53);
    const int = (lo: number, hi: number): number => lo + Math.floor(((pick() + 1) / 2) * (hi - lo + 1));
    const modes = ['axis', 'asym', 'same', 'valid'] as const;
    let checked = 0;
    const kinds = new Map<string, number>();
    for (let n = 0; checked < 200 && n < 5000; n++) {
      const g = int(1, 3);
      const transposed = pick() < 0;
      const s = state({
        line: true,
        input: [1, int(1, 9)],
        kernel: [1, int(1, 4)],
        stride: [1, int(1, 3)],
        dilation: [1, pick() < 0 ? 1 : int(2, 3)],
        padMode: transposed ? modes[int(0, 1)] : modes[int(0, 3)],
        pad: [0, 0, int(0, 4), int(0, 4)],
        transposed,
        outputPadding: [0, int(0, 2)],
        inChannels: g * int(1, 2),
        outChannels: g * int(1, 2),
        groups: g,
      });
      if (!buildLayer(s).ok) continue;
      const { code, ops } = check(s, n);
      expect(code).toContain('channels-last: [N, L, C]');
      const kind = ops.find((o) => o.kind === 'slice') ? 'sliced' : (ops.find((o) => o.kind === 'convT')?.groups ?? 0) > 1 ? 'per-group' : transposed && ops.find((o) => o.kind === 'conv') ? 'equivalent' : 'one layer';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (ops.some((o) => o.kind === 'zeros')) kinds.set('zeros', (kinds.get('zeros') ?? 0) + 1);
      checked++;
    }
    expect(checked).toBe(200);
    for (const k of ['sliced', 'per-group', 'equivalent', 'one layer', 'zeros']) expect(kinds.get(k) ?? 0, k).toBeGreaterThan(5);
  });
});

describe('code comments follow the page language', () => {
  const layers: Partial<State>[] = [
    { input: [7, 7], kernel: [3, 3], stride: [2, 2], dilation: [2, 2], padMode: 'number', pad: [1, 1, 1, 1] },
    { input: [4, 4], kernel: [3, 3], stride: [2, 2], padMode: 'number', pad: [1, 1, 1, 1], transposed: true, outputPadding: [1, 0], inChannels: 4, outChannels: 6, groups: 2 },
    { input: [3, 5], kernel: [4, 3], stride: [2, 3], dilation: [2, 1], padMode: 'asym', pad: [1, 0, 2, 1], transposed: true, outputPadding: [1, 2], inChannels: 2, outChannels: 4, groups: 2 },
    { input: [4, 4], kernel: [3, 3], stride: [2, 2], padMode: 'number', pad: [1, 1, 1, 1], transposed: true, useTarget: true, target: [8, 7] },
    // 1-D: the equivalent direct convolution's notes in their 1-D wording.
    { line: true, input: [1, 5], kernel: [1, 3], stride: [1, 3], dilation: [1, 2], padMode: 'asym', pad: [0, 0, 1, 2], transposed: true, outputPadding: [0, 1], inChannels: 2, outChannels: 4, groups: 2 },
    { line: true, input: [1, 4], kernel: [1, 3], stride: [1, 2], padMode: 'axis', pad: [0, 0, 1, 1], transposed: true, outputPadding: [0, 1], inChannels: 4, outChannels: 2, groups: 2 },
  ];
  /** The text of every Python comment except the printed shapes. */
  const comments = (code: string): string[] =>
    code
      .split('\n')
      .map((l) => /#\s*(.*)$/.exec(l)?.[1] ?? '')
      .filter((c) => c && !/^(torch\.Size)?\(|^\[/.test(c));

  it('under zh every comment is Chinese: API names and formulas stay as written', () => {
    const api = /\b(Keras|TensorFlow|PyTorch|CPU|Conv[12]DTranspose|Conv[12]D|output_padding|output_size|dilation_rate|kernel|groups|in|out|kH|kW|k)\b/g;
    const seen: string[] = [];
    for (const l of layers) {
      const s = state({ ...l, lang: 'zh' });
      const r = buildLayer(s);
      if (!r.ok) throw r.error;
      const g = writtenLayer(s, r.geometry);
      for (const c of [...comments(tfCode(g, s, Infinity)), ...comments(torchCode(g, s, Infinity))]) {
        expect(c).toMatch(/[\u4e00-\u9fff]/);
        expect(c.replace(api, '')).not.toMatch(/[A-Za-z]{2,}/);
        seen.push(c);
      }
    }
    const all = seen.join('\n');
    // web/GLOSSARY.md's words: 步长, 膨胀率, 分组, 等价的普通卷积, 翻转（旋转 180°）; channels-last is 通道在后.
    for (const term of ['通道在后', '步长', '膨胀率', '分组', '等价的普通卷积', '翻转（旋转 180°）', '插入 1 个零', '参数量', '[N, L, C]', '相邻输入单元之间插入 2 个零', 'Conv1DTranspose 没有分组']) expect(all).toContain(term);
    expect(all).not.toMatch(/步幅|空洞率|滤波器/);
  });

  it('under en the comments are English (the page’s default)', () => {
    for (const l of layers) {
      const s = state(l);
      const r = buildLayer(s);
      if (!r.ok) throw r.error;
      const g = writtenLayer(s, r.geometry);
      for (const c of [...comments(tfCode(g, s, Infinity)), ...comments(torchCode(g, s, Infinity))]) expect(c).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
