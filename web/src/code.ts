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

function tuple(a: number, b: number): string {
  return `(${a}, ${b})`;
}

/** The same padding (direct) or crop (transposed) at both ends of every axis: PyTorch's plain `padding`. */
function isSymmetric(g: ConvGeometry): boolean {
  return g.axes.every((a) => paddingArgument(a)[0] === paddingArgument(a)[1]);
}

/** The comments the snippets carry, in the page's language (terms from web/GLOSSARY.md). */
const NOTES = {
  en: {
    picks: (op: string) => `picks output_padding=${op}`,
    channelsLast: 'Keras is channels-last: [N, H, W, C].',
    sliced: (slice: string, st: string) =>
      `Keras refuses strides > 1 together with dilation_rate > 1 in one layer: convolve with strides 1, then the slice ${slice} keeps the output cells that strides ${st} computes.`,
    equivalent: (strided: boolean) =>
      `A Conv2DTranspose with dilation_rate > 1 fails on TensorFlow's CPU kernels${strided ? ', and Keras refuses strides > 1 together with dilation_rate > 1' : ''}: the equivalent direct convolution computes the same, a Conv2D with strides 1 over the input with the stride's zeros inserted, padded.`,
    flipped: (map: string) => `Its kernel is the transposed layer's flipped (rotated 180°) with in and out swapped: ${map}, where w is PyTorch's weight [in, out/groups, kH, kW].`,
    inGroup: 'in group j, ',
    zeros: (h: number, w: number) => `the stride's zeros: ${zerosEn(h)} between neighbouring input cells down H, ${zerosEn(w)} across W`,
    grouped: (per: number) => `Keras's Conv2DTranspose has no groups: one Conv2DTranspose per group, each on its ${per} input channel${per === 1 ? '' : 's'}, concatenated.`,
    params: (n: number) => `${n}, as PyTorch's layer`,
  },
  zh: {
    picks: (op: string) => `由 output_size 定出 output_padding=${op}`,
    channelsLast: 'Keras 的张量是通道在后：[N, H, W, C]。',
    sliced: (slice: string, st: string) =>
      `Keras 的一层不能同时用步长 > 1 和膨胀率 > 1：先以步长 1 卷积，再用切片 ${slice} 留下步长 ${st} 会算出的那些输出单元。`,
    equivalent: (strided: boolean) =>
      `dilation_rate > 1 的 Conv2DTranspose 在 TensorFlow 的 CPU 实现上会报错${strided ? '，而且 Keras 的一层不能同时用步长 > 1 和膨胀率 > 1' : ''}：改用等价的普通卷积，它算出相同的结果——在输入单元之间插零、填充，再做步长 1 的 Conv2D。`,
    flipped: (map: string) => `它的卷积核是转置卷积的卷积核翻转（旋转 180°），并交换输入、输出通道：${map}，其中 w 是 PyTorch 的权重 [in, out/groups, kH, kW]。`,
    inGroup: '第 j 组中，',
    zeros: (h: number, w: number) => `步长插入的零：H 方向相邻输入单元之间插入 ${h} 个零，W 方向插入 ${w} 个`,
    grouped: (per: number) => `Keras 的 Conv2DTranspose 没有分组：每组一个 Conv2DTranspose，各自作用在本组的 ${per} 个输入通道上，再拼接起来。`,
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
  const [H, W] = g.axes;
  const k = tuple(H.kernel, W.kernel);
  const st = tuple(H.stride, W.stride);
  const dil = tuple(H.dilation, W.dilation);
  const inShape = `1, ${g.inChannels}, ${H.input}, ${W.input}`;
  const outShape = `[1, ${g.outChannels}, ${H.output}, ${W.output}]`;
  const lines = ['import torch', 'from torch import nn', ''];
  if (!g.transposed) {
    const [pH, pW] = g.axes;
    let pad: string;
    const pre: string[] = [];
    if (s.padMode === 'same' || s.padMode === 'valid') pad = `'${s.padMode}'`;
    else if (isSymmetric(g)) pad = tuple(pH.padBefore, pW.padBefore);
    else {
      // nn.Conv2d pads symmetrically; asymmetric padding is an explicit ZeroPad2d (left, right, top, bottom).
      pre.push(`    nn.ZeroPad2d((${pW.padBefore}, ${pW.padAfter}, ${pH.padBefore}, ${pH.padAfter})),`);
      pad = '0';
    }
    const conv = `nn.Conv2d(${g.inChannels}, ${g.outChannels}, kernel_size=${k}, stride=${st}, padding=${pad}, dilation=${dil}, groups=${g.groups})`;
    if (pre.length) lines.push('layer = nn.Sequential(', ...pre, `    ${conv},`, ')');
    else lines.push(`layer = ${conv}`);
    lines.push(`x = torch.randn(${inShape})`, 'y = layer(x)', `print(y.shape)  # torch.Size(${outShape})`);
    return lines.join('\n');
  }
  const [cH, cW] = g.axes;
  const op = tuple(H.outputPadding, W.outputPadding);
  if (isSymmetric(g)) {
    lines.push(
      `layer = nn.ConvTranspose2d(${g.inChannels}, ${g.outChannels}, kernel_size=${k}, stride=${st}, padding=${tuple(cH.cropBefore, cW.cropBefore)}, output_padding=${s.useTarget ? '0' : op}, dilation=${dil}, groups=${g.groups})`,
      `x = torch.randn(${inShape})`,
      s.useTarget ? `y = layer(x, output_size=[${H.output}, ${W.output}])  # ${NOTES[s.lang].picks(op)}` : 'y = layer(x)',
    );
  } else {
    // PyTorch crops symmetrically; an asymmetric crop is a slice of the uncropped output.
    lines.push(
      `layer = nn.ConvTranspose2d(${g.inChannels}, ${g.outChannels}, kernel_size=${k}, stride=${st}, padding=0, output_padding=${op}, dilation=${dil}, groups=${g.groups})`,
      `x = torch.randn(${inShape})`,
      'full = layer(x)',
      `y = full[:, :, ${cH.cropBefore}:full.shape[2] - ${cH.cropAfter}, ${cW.cropBefore}:full.shape[3] - ${cW.cropAfter}]`,
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
  const [H, W] = g.axes;
  const k = tuple(H.kernel, W.kernel);
  const st = tuple(H.stride, W.stride);
  const dil = tuple(H.dilation, W.dilation);
  const strided = g.axes.some((a) => a.stride > 1);
  const dilated = g.axes.some((a) => a.dilation > 1);
  // ZeroPadding2D's padding for a direct layer, Cropping2D's cropping for a transposed one.
  const [pH, pW] = [paddingArgument(H), paddingArgument(W)];
  const pads = `((${pH[0]}, ${pH[1]}), (${pW[0]}, ${pW[1]}))`;
  const anyPad = [...pH, ...pW].some((p) => p > 0);
  const lines = ['import tensorflow as tf', '', `# ${t.channelsLast}`];
  const layers: string[] = [];
  const run = (model: string[], countParams: boolean): string => {
    lines.push(...model, `x = tf.random.normal([1, ${H.input}, ${W.input}, ${g.inChannels}])`, 'y = layer(x)', `print(y.shape)  # (1, ${H.output}, ${W.output}, ${g.outChannels})`);
    if (countParams) lines.push(`print(layer.count_params())  # ${t.params(torchParameterCount(g))}`);
    return lines.join('\n');
  };
  const sequential = (): string[] => ['layer = tf.keras.Sequential([', ...layers.map((l) => `    ${l},`), '])'];

  if (!g.transposed) {
    // Keras refuses any stride > 1 with any dilation > 1, even on different axes.
    const slice = strided && dilated ? `[:, ${every(H.stride)}, ${every(W.stride)}, :]` : null;
    if (slice) lines.push(`# ${t.sliced(slice, st)}`);
    const kerasStrides = slice ? tuple(1, 1) : st;
    if (s.padMode === 'same' || s.padMode === 'valid') {
      layers.push(`tf.keras.layers.Conv2D(${g.outChannels}, kernel_size=${k}, strides=${kerasStrides}, padding='${s.padMode}', dilation_rate=${dil}, groups=${g.groups})`);
    } else {
      if (anyPad) layers.push(`tf.keras.layers.ZeroPadding2D(padding=${pads})`);
      layers.push(`tf.keras.layers.Conv2D(${g.outChannels}, kernel_size=${k}, strides=${kerasStrides}, padding='valid', dilation_rate=${dil}, groups=${g.groups})`);
    }
    if (slice) layers.push(`tf.keras.layers.Lambda(lambda t: t${slice})`);
    return run(sequential(), false);
  }

  if (dilated) {
    // The equivalent direct convolution: ĩ = (i−1)s + 1 after the zeros, padded d(k−1) − p before
    // and d(k−1) − p + a after; a negative side crops the convolution's output instead.
    const [eH, eW] = [H.equivalent, W.equivalent];
    lines.push(`# ${t.equivalent(strided)}`);
    const ig = g.inChannels / g.groups;
    const og = g.outChannels / g.groups;
    const flipH = H.kernel - 1;
    const flipW = W.kernel - 1;
    const map =
      g.groups === 1
        ? `kernel[a, b, c, o] = w[c, o, ${flipH} - a, ${flipW} - b]`
        : `${t.inGroup}kernel[a, b, c, j * ${og} + o] = w[j * ${ig} + c, o, ${flipH} - a, ${flipW} - b]`;
    lines.push(`# ${t.flipped(map)}`);
    if (strided) {
      lines.push(
        'def insert_zeros(t):',
        `    # ${t.zeros(H.stride - 1, W.stride - 1)}`,
        `    t = tf.pad(t[:, :, None, :, None, :], [[0, 0], [0, 0], [0, ${H.stride - 1}], [0, 0], [0, ${W.stride - 1}], [0, 0]])`,
        `    return tf.reshape(t, [-1, ${H.input * H.stride}, ${W.input * W.stride}, ${g.inChannels}])[:, :${eH.dilatedInput}, :${eW.dilatedInput}, :]`,
        '',
      );
      layers.push(`tf.keras.layers.Lambda(insert_zeros, output_shape=(${eH.dilatedInput}, ${eW.dilatedInput}, ${g.inChannels}))`);
    }
    const pos = (n: number): number => Math.max(0, n);
    const padIn = [pos(eH.padBefore), pos(eH.padAfter), pos(eW.padBefore), pos(eW.padAfter)];
    const cropOut = [pos(-eH.padBefore), pos(-eH.padAfter), pos(-eW.padBefore), pos(-eW.padAfter)];
    const pairs = (p: number[]): string => `((${p[0]}, ${p[1]}), (${p[2]}, ${p[3]}))`;
    if (padIn.some((p) => p > 0)) layers.push(`tf.keras.layers.ZeroPadding2D(padding=${pairs(padIn)})`);
    layers.push(`tf.keras.layers.Conv2D(${g.outChannels}, kernel_size=${k}, strides=(1, 1), padding='valid', dilation_rate=${dil}, groups=${g.groups})`);
    if (cropOut.some((p) => p > 0)) layers.push(`tf.keras.layers.Cropping2D(cropping=${pairs(cropOut)})`);
    return run(sequential(), true);
  }

  // Undilated: Keras's Conv2DTranspose sizes an explicit output_padding as PyTorch does,
  // (i−1)·s + k + output_padding, and output_padding < strides holds (PyTorch's limit is the same).
  const op = tuple(H.outputPadding, W.outputPadding);
  const conv = (out: number): string => `tf.keras.layers.Conv2DTranspose(${out}, kernel_size=${k}, strides=${st}, padding='valid', output_padding=${op}, dilation_rate=${dil})`;
  const crop = `tf.keras.layers.Cropping2D(cropping=${pads})`;
  if (g.groups === 1) {
    layers.push(conv(g.outChannels));
    if (anyPad) layers.push(crop);
    return run(sequential(), false);
  }
  const ig = g.inChannels / g.groups;
  lines.push(`# ${t.grouped(ig)}`);
  const model = [
    `inputs = tf.keras.Input(shape=(${H.input}, ${W.input}, ${g.inChannels}))`,
    `parts = [inputs[..., ${ig} * j:${ig} * (j + 1)] for j in range(${g.groups})]`,
    `t = tf.keras.layers.Concatenate()([${conv(g.outChannels / g.groups)}(p) for p in parts])`,
  ];
  if (anyPad) model.push(`t = ${crop}(t)`);
  model.push('layer = tf.keras.Model(inputs, t)');
  return run(model, true);
}
