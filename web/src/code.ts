/**
 * Code that reproduces the current layer in PyTorch and in TensorFlow/Keras, generated from the
 * geometry the library built (so the shapes in the comments are the library's). The strings are
 * shown with textContent; nothing here is ever evaluated.
 */
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import type { State } from './state.js';

function tuple(a: number, b: number): string {
  return `(${a}, ${b})`;
}

/** The same padding (direct) or crop (transposed) at both ends of every axis: PyTorch's plain `padding`. */
function isSymmetric(g: ConvGeometry): boolean {
  return g.axes.every((a) => paddingArgument(a)[0] === paddingArgument(a)[1]);
}

export function torchCode(g: ConvGeometry, s: State): string {
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
      s.useTarget ? `y = layer(x, output_size=[${H.output}, ${W.output}])  # picks output_padding=${op}` : 'y = layer(x)',
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

export function tfCode(g: ConvGeometry, s: State): string {
  const [H, W] = g.axes;
  const k = tuple(H.kernel, W.kernel);
  const st = tuple(H.stride, W.stride);
  const dil = tuple(H.dilation, W.dilation);
  // ZeroPadding2D's padding for a direct layer, Cropping2D's cropping for a transposed one.
  const [pH, pW] = [paddingArgument(H), paddingArgument(W)];
  const pads = `((${pH[0]}, ${pH[1]}), (${pW[0]}, ${pW[1]}))`;
  const anyPad = [...pH, ...pW].some((p) => p > 0);
  const lines = ['import tensorflow as tf', '', '# Keras is channels-last: [N, H, W, C].'];
  const notes: string[] = [];
  if (g.axes.some((a) => a.stride > 1) && g.axes.some((a) => a.dilation > 1)) {
    notes.push('# Note: Keras refuses strides > 1 together with dilation_rate > 1 in one layer.');
  }
  const layers: string[] = [];
  if (!g.transposed) {
    if (s.padMode === 'same' || s.padMode === 'valid') {
      layers.push(`tf.keras.layers.Conv2D(${g.outChannels}, kernel_size=${k}, strides=${st}, padding='${s.padMode}', dilation_rate=${dil}, groups=${g.groups})`);
    } else {
      if (anyPad) layers.push(`tf.keras.layers.ZeroPadding2D(padding=${pads})`);
      layers.push(`tf.keras.layers.Conv2D(${g.outChannels}, kernel_size=${k}, strides=${st}, padding='valid', dilation_rate=${dil}, groups=${g.groups})`);
    }
  } else {
    if (g.groups > 1) notes.push('# Note: Keras Conv2DTranspose has no groups; use one layer per group and concatenate.');
    if (g.axes.some((a) => a.outputPadding >= a.stride)) notes.push('# Note: Keras needs output_padding < strides.');
    // An explicit output_padding makes Keras use (i−1)·s + d(k−1)+1 + output_padding, as PyTorch does.
    layers.push(`tf.keras.layers.Conv2DTranspose(${g.outChannels}, kernel_size=${k}, strides=${st}, padding='valid', output_padding=${tuple(H.outputPadding, W.outputPadding)}, dilation_rate=${dil})`);
    if (anyPad) layers.push(`tf.keras.layers.Cropping2D(cropping=${pads})`);
  }
  lines.push(...notes);
  lines.push('layer = tf.keras.Sequential([', ...layers.map((l) => `    ${l},`), '])');
  lines.push(`x = tf.random.normal([1, ${H.input}, ${W.input}, ${g.inChannels}])`, 'y = layer(x)', `print(y.shape)  # (1, ${H.output}, ${W.output}, ${g.outChannels})`);
  return lines.join('\n');
}
