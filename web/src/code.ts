/**
 * Code that reproduces the current layer in PyTorch and in TensorFlow/Keras, generated from the
 * geometry the library built (so the shapes in the comments are the library's). The strings are
 * shown with textContent; nothing here is ever evaluated. Their comments are in the page's language
 * (NOTES, in web/GLOSSARY.md's words); API names and formulas stay as the frameworks write them.
 * Each is laid out for the Code tab's column (code-wrap.ts), as a formatter would; `width`
 * Infinity gives every statement on one line.
 */
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { CODE_COLUMNS, fitPython } from './code-wrap.js';
import type { Lang, State } from './state.js';

/**
 * One size per axis as the frameworks take it: `(3, 3)` for a 2-D layer, `3` for a 1-D one
 * (line-layer.ts: a model's Conv1d is written as itself, not as the 1 × L row it is drawn as).
 */
function sizes(values: readonly number[]): string {
  return values.length === 1 ? String(values[0]) : `(${values.join(', ')})`;
}

/** The layer's number of spatial axes, as the class names write it: Conv1d, Conv2D. */
function rankOf(g: ConvGeometry): 1 | 2 {
  return g.axes.length === 1 ? 1 : 2;
}


/** The comments the snippets carry, in the page's language (terms from web/GLOSSARY.md). */
const NOTES = {
  en: {
    picks: (op: string) => `picks output_padding=${op}`,
    channelsLast: (axes: string) => `Keras is channels-last: [N, ${axes}, C].`,
    sliced: (slice: string, st: string) =>
      `Keras refuses strides > 1 together with dilation_rate > 1 in one layer: convolve with strides 1, then the slice ${slice} keeps the output cells that strides ${st} computes.`,
    equivalent: (strided: boolean, r: number) =>
      `A Conv${r}DTranspose with dilation_rate > 1 fails on TensorFlow's CPU kernels${strided ? ', and Keras refuses strides > 1 together with dilation_rate > 1' : ''}: the equivalent direct convolution computes the same, a Conv${r}D with strides 1 over the input with the stride's zeros inserted, padded.`,
    flipped: (map: string, layout: string) => `Its kernel is the transposed layer's flipped (rotated 180°) with in and out swapped: ${map}, where w is PyTorch's weight [in, out/groups, ${layout}].`,
    inGroup: 'in group j, ',
    zeros: (n: number[]) =>
      n.length === 1 ? `the stride's zeros: ${zerosEn(n[0])} between neighbouring input cells` : `the stride's zeros: ${zerosEn(n[0])} between neighbouring input cells down H, ${zerosEn(n[1])} across W`,
    grouped: (per: number, r: number) => `Keras's Conv${r}DTranspose has no groups: one Conv${r}DTranspose per group, each on its ${per} input channel${per === 1 ? '' : 's'}, concatenated.`,
    params: (n: number) => `${n}, as PyTorch's layer`,
  },
  zh: {
    picks: (op: string) => `由 output_size 定出 output_padding=${op}`,
    channelsLast: (axes: string) => `Keras 的张量是通道在后：[N, ${axes}, C]。`,
    sliced: (slice: string, st: string) =>
      `Keras 的一层不能同时用步长 > 1 和膨胀率 > 1：先以步长 1 卷积，再用切片 ${slice} 留下步长 ${st} 会算出的那些输出单元。`,
    equivalent: (strided: boolean, r: number) =>
      `dilation_rate > 1 的 Conv${r}DTranspose 在 TensorFlow 的 CPU 实现上会报错${strided ? '，而且 Keras 的一层不能同时用步长 > 1 和膨胀率 > 1' : ''}：改用等价的普通卷积，它算出相同的结果——在输入单元之间插零、填充，再做步长 1 的 Conv${r}D。`,
    flipped: (map: string, layout: string) => `它的卷积核是转置卷积的卷积核翻转（旋转 180°），并交换输入、输出通道：${map}，其中 w 是 PyTorch 的权重 [in, out/groups, ${layout}]。`,
    inGroup: '第 j 组中，',
    zeros: (n: number[]) => (n.length === 1 ? `步长插入的零：相邻输入单元之间插入 ${n[0]} 个零` : `步长插入的零：H 方向相邻输入单元之间插入 ${n[0]} 个零，W 方向插入 ${n[1]} 个`),
    grouped: (per: number, r: number) => `Keras 的 Conv${r}DTranspose 没有分组：每组一个 Conv${r}DTranspose，各自作用在本组的 ${per} 个输入通道上，再拼接起来。`,
    params: (n: number) => `参数量 ${n}，与 PyTorch 的这一层相同`,
  },
} satisfies Record<Lang, unknown>;

function zerosEn(n: number): string {
  return n === 1 ? '1 zero' : `${n} zeros`;
}

/** A Python slice of one axis keeping every `s`-th cell (`:` when s is 1). */
function every(s: number): string {
  return s === 1 ? ':' : `::${s}`;
}

/** Parameters of the PyTorch layer: its weight and its bias (PyTorch's default bias=True). */
export function torchParameterCount(g: ConvGeometry): number {
  return g.weightShape.reduce((a, b) => a * b, 1) + g.outChannels;
}

/** PyTorch code building the layer, its lines fitted to `width` columns. */
export function torchCode(g: ConvGeometry, s: State, width = CODE_COLUMNS): string {
  return fitPython(torchLines(g, s), width);
}

function torchLines(g: ConvGeometry, s: State): string {
  const ax = g.axes;
  const r = rankOf(g);
  const k = sizes(ax.map((a) => a.kernel));
  const st = sizes(ax.map((a) => a.stride));
  const dil = sizes(ax.map((a) => a.dilation));
  const inShape = [1, g.inChannels, ...ax.map((a) => a.input)].join(', ');
  const outs = ax.map((a) => a.output);
  const outShape = `[${[1, g.outChannels, ...outs].join(', ')}]`;
  // The padding argument per axis, [before, after]: cells added (direct) or cropped (transposed).
  const edges = ax.map(paddingArgument);
  // The same padding (direct) or crop (transposed) at both ends of every axis: PyTorch's plain `padding`.
  const symmetric = edges.every(([before, after]) => before === after);
  const lines = ['import torch', 'from torch import nn', ''];
  if (!g.transposed) {
    let pad: string;
    const pre: string[] = [];
    if (s.padMode === 'same' || s.padMode === 'valid') pad = `'${s.padMode}'`;
    else if (symmetric) pad = sizes(edges.map(([before]) => before));
    else {
      // PyTorch's convolutions pad symmetrically; asymmetric padding is an explicit pad layer, last
      // axis first: ZeroPad2d((left, right, top, bottom)); ConstantPad1d((left, right), 0.0).
      const sides = [...edges].reverse().flat().join(', ');
      pre.push(r === 1 ? `    nn.ConstantPad1d((${sides}), 0.0),` : `    nn.ZeroPad2d((${sides})),`);
      pad = '0';
    }
    const conv = `nn.Conv${r}d(${g.inChannels}, ${g.outChannels}, kernel_size=${k}, stride=${st}, padding=${pad}, dilation=${dil}, groups=${g.groups})`;
    if (pre.length) lines.push('layer = nn.Sequential(', ...pre, `    ${conv},`, ')');
    else lines.push(`layer = ${conv}`);
    lines.push(`x = torch.randn(${inShape})`, 'y = layer(x)', `print(y.shape)  # torch.Size(${outShape})`);
    return lines.join('\n');
  }
  const op = sizes(ax.map((a) => a.outputPadding));
  if (symmetric) {
    lines.push(
      `layer = nn.ConvTranspose${r}d(${g.inChannels}, ${g.outChannels}, kernel_size=${k}, stride=${st}, padding=${sizes(edges.map(([before]) => before))}, output_padding=${s.useTarget ? '0' : op}, dilation=${dil}, groups=${g.groups})`,
      `x = torch.randn(${inShape})`,
      s.useTarget ? `y = layer(x, output_size=[${outs.join(', ')}])  # ${NOTES[s.lang].picks(op)}` : 'y = layer(x)',
    );
  } else {
    // PyTorch crops symmetrically; an asymmetric crop is a slice of the uncropped output.
    const cut = edges.map(([before, after], i) => `${before}:full.shape[${i + 2}] - ${after}`).join(', ');
    lines.push(
      `layer = nn.ConvTranspose${r}d(${g.inChannels}, ${g.outChannels}, kernel_size=${k}, stride=${st}, padding=0, output_padding=${op}, dilation=${dil}, groups=${g.groups})`,
      `x = torch.randn(${inShape})`,
      'full = layer(x)',
      `y = full[:, :, ${cut}]`,
    );
  }
  lines.push(`print(y.shape)  # torch.Size(${outShape})`);
  return lines.join('\n');
}

/**
 * TensorFlow/Keras code computing the same output as the PyTorch layer, with as many parameters:
 * one Keras layer where Keras has it, otherwise a construction Keras runs —
 *  - strides > 1 with dilation > 1 (Keras refuses both in one layer): a direct layer convolves with
 *    strides 1, and a slice keeps the cells the stride would compute;
 *  - a dilated transposed layer (TensorFlow's CPU kernels refuse a dilated Conv2DTranspose, and
 *    Keras its strides with dilation): the equivalent direct convolution (inserted zeros, padding
 *    d(k−1) − p with the output padding at the end, a Conv2D with strides 1 and the flipped
 *    kernel), which also takes groups and any output padding below max(s, d);
 *  - a grouped transposed layer (Conv2DTranspose has no groups): one Conv2DTranspose per group on
 *    its slice of the input channels, concatenated.
 */
export function tfCode(g: ConvGeometry, s: State, width = CODE_COLUMNS): string {
  return fitPython(tfLines(g, s), width);
}

function tfLines(g: ConvGeometry, s: State): string {
  const t = NOTES[s.lang];
  const ax = g.axes;
  const r = rankOf(g);
  const k = sizes(ax.map((a) => a.kernel));
  const st = sizes(ax.map((a) => a.stride));
  const dil = sizes(ax.map((a) => a.dilation));
  const strided = ax.some((a) => a.stride > 1);
  const dilated = ax.some((a) => a.dilation > 1);
  // Keras's pad and crop layers take (before, after) for one axis, a pair of them for two.
  const sides = (pairs: (readonly number[])[]): string => (pairs.length === 1 ? `(${pairs[0].join(', ')})` : `(${pairs.map((p) => `(${p.join(', ')})`).join(', ')})`);
  // ZeroPadding2D's padding for a direct layer, Cropping2D's cropping for a transposed one.
  const edges = ax.map(paddingArgument);
  // The same padding (direct) or crop (transposed) at both ends of every axis: PyTorch's plain `padding`.
  const symmetric = edges.every(([before, after]) => before === after);
  const pads = sides(edges);
  const anyPad = edges.flat().some((p) => p > 0);
  const inSizes = ax.map((a) => a.input);
  const lines = ['import tensorflow as tf', '', `# ${t.channelsLast(r === 1 ? 'L' : 'H, W')}`];
  const layers: string[] = [];
  const run = (model: string[], countParams: boolean): string => {
    lines.push(
      ...model,
      `x = tf.random.normal([${[1, ...inSizes, g.inChannels].join(', ')}])`,
      'y = layer(x)',
      `print(y.shape)  # (${[1, ...ax.map((a) => a.output), g.outChannels].join(', ')})`,
    );
    if (countParams) lines.push(`print(layer.count_params())  # ${t.params(torchParameterCount(g))}`);
    return lines.join('\n');
  };
  const sequential = (): string[] => ['layer = tf.keras.Sequential([', ...layers.map((l) => `    ${l},`), '])'];
  const ones = sizes(ax.map(() => 1));

  if (!g.transposed) {
    // Keras refuses any stride > 1 with any dilation > 1, even on different axes.
    const slice = strided && dilated ? `[:, ${ax.map((a) => every(a.stride)).join(', ')}, :]` : null;
    if (slice) lines.push(`# ${t.sliced(slice, st)}`);
    const kerasStrides = slice ? ones : st;
    if (s.padMode === 'same' || s.padMode === 'valid') {
      layers.push(`tf.keras.layers.Conv${r}D(${g.outChannels}, kernel_size=${k}, strides=${kerasStrides}, padding='${s.padMode}', dilation_rate=${dil}, groups=${g.groups})`);
    } else {
      if (anyPad) layers.push(`tf.keras.layers.ZeroPadding${r}D(padding=${pads})`);
      layers.push(`tf.keras.layers.Conv${r}D(${g.outChannels}, kernel_size=${k}, strides=${kerasStrides}, padding='valid', dilation_rate=${dil}, groups=${g.groups})`);
    }
    if (slice) layers.push(`tf.keras.layers.Lambda(lambda t: t${slice})`);
    return run(sequential(), false);
  }

  if (dilated) {
    // The equivalent direct convolution: ĩ = (i−1)s + 1 after the zeros, padded d(k−1) − p before
    // and d(k−1) − p + a after; a negative side crops the convolution's output instead.
    const eq = ax.map((a) => a.equivalent);
    lines.push(`# ${t.equivalent(strided, r)}`);
    const ig = g.inChannels / g.groups;
    const og = g.outChannels / g.groups;
    // The kernel's spatial indices (a, b) against PyTorch's flipped ones.
    const idx = ['a', 'b'].slice(0, r);
    const flips = ax.map((a, i) => `${a.kernel - 1} - ${idx[i]}`).join(', ');
    const taps = idx.join(', ');
    const map =
      g.groups === 1
        ? `kernel[${taps}, c, o] = w[c, o, ${flips}]`
        : `${t.inGroup}kernel[${taps}, c, j * ${og} + o] = w[j * ${ig} + c, o, ${flips}]`;
    lines.push(`# ${t.flipped(map, r === 1 ? 'k' : 'kH, kW')}`);
    const stretched = eq.map((e) => e.dilatedInput);
    if (strided) {
      // t[:, :, None, :] (1-D) or t[:, :, None, :, None, :] (2-D): a new axis after each spatial
      // one, padded with the stride's zeros, then folded back and cut to the stretched size.
      const opened = r === 1 ? 't[:, :, None, :]' : 't[:, :, None, :, None, :]';
      const padSpec = ['[0, 0]', '[0, 0]', ...ax.flatMap((a) => [`[0, ${a.stride - 1}]`, '[0, 0]'])].join(', ');
      lines.push(
        'def insert_zeros(t):',
        `    # ${t.zeros(ax.map((a) => a.stride - 1))}`,
        `    t = tf.pad(${opened}, [${padSpec}])`,
        `    return tf.reshape(t, [-1, ${ax.map((a) => a.input * a.stride).join(', ')}, ${g.inChannels}])[:, ${stretched.map((n) => `:${n}`).join(', ')}, :]`,
        '',
      );
      layers.push(`tf.keras.layers.Lambda(insert_zeros, output_shape=(${[...stretched, g.inChannels].join(', ')}))`);
    }
    const pos = (n: number): number => Math.max(0, n);
    const padIn = eq.map((e) => [pos(e.padBefore), pos(e.padAfter)]);
    const cropOut = eq.map((e) => [pos(-e.padBefore), pos(-e.padAfter)]);
    if (padIn.flat().some((p) => p > 0)) layers.push(`tf.keras.layers.ZeroPadding${r}D(padding=${sides(padIn)})`);
    layers.push(`tf.keras.layers.Conv${r}D(${g.outChannels}, kernel_size=${k}, strides=${ones}, padding='valid', dilation_rate=${dil}, groups=${g.groups})`);
    if (cropOut.flat().some((p) => p > 0)) layers.push(`tf.keras.layers.Cropping${r}D(cropping=${sides(cropOut)})`);
    return run(sequential(), true);
  }

  // Undilated: Keras's Conv2DTranspose sizes an explicit output_padding as PyTorch does,
  // (i−1)·s + k + output_padding, and output_padding < strides holds (PyTorch's limit is the same).
  const op = sizes(ax.map((a) => a.outputPadding));
  const conv = (out: number): string => `tf.keras.layers.Conv${r}DTranspose(${out}, kernel_size=${k}, strides=${st}, padding='valid', output_padding=${op}, dilation_rate=${dil})`;
  const crop = `tf.keras.layers.Cropping${r}D(cropping=${pads})`;
  if (g.groups === 1) {
    layers.push(conv(g.outChannels));
    if (anyPad) layers.push(crop);
    return run(sequential(), false);
  }
  const ig = g.inChannels / g.groups;
  lines.push(`# ${t.grouped(ig, r)}`);
  const model = [
    `inputs = tf.keras.Input(shape=(${[...inSizes, g.inChannels].join(', ')}))`,
    `parts = [inputs[..., ${ig} * j:${ig} * (j + 1)] for j in range(${g.groups})]`,
    `t = tf.keras.layers.Concatenate()([${conv(g.outChannels / g.groups)}(p) for p in parts])`,
  ];
  if (anyPad) model.push(`t = ${crop}(t)`);
  model.push('layer = tf.keras.Model(inputs, t)');
  return run(model, true);
}
