/**
 * Code that reproduces the current layer in PyTorch and in TensorFlow/Keras, generated from the
 * geometry the library built (so the shapes in the comments are the library's). The strings are
 * shown with textContent; nothing here is ever evaluated.
 */
import type { ConvGeometry } from '../../src/geometry/types.js';
import type { State } from './state.js';

function tuple(a: number, b: number): string {
  return `(${a}, ${b})`;
}

function isSymmetric(g: ConvGeometry): boolean {
  return g.axes.every((a) => a.padBefore === a.padAfter);
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
    let pad: string;
    const pre: string[] = [];
    if (s.padMode === 'same' || s.padMode === 'valid') pad = `'${s.padMode}'`;
    else if (isSymmetric(g)) pad = tuple(H.padBefore, W.padBefore);
    else {
      // nn.Conv2d pads symmetrically; asymmetric padding is an explicit ZeroPad2d (left, right, top, bottom).
      pre.push(`    nn.ZeroPad2d((${W.padBefore}, ${W.padAfter}, ${H.padBefore}, ${H.padAfter})),`);
      pad = '0';
    }
    const conv = `nn.Conv2d(${g.inChannels}, ${g.outChannels}, kernel_size=${k}, stride=${st}, padding=${pad}, dilation=${dil}, groups=${g.groups})`;
    if (pre.length) lines.push('layer = nn.Sequential(', ...pre, `    ${conv},`, ')');
    else lines.push(`layer = ${conv}`);
    lines.push(`x = torch.randn(${inShape})`, 'y = layer(x)', `print(y.shape)  # torch.Size(${outShape})`);
    return lines.join('\n');
  }
  const op = tuple(H.outputPadding, W.outputPadding);
  if (isSymmetric(g)) {
    lines.push(
      `layer = nn.ConvTranspose2d(${g.inChannels}, ${g.outChannels}, kernel_size=${k}, stride=${st}, padding=${tuple(H.padBefore, W.padBefore)}, output_padding=${s.useTarget ? '0' : op}, dilation=${dil}, groups=${g.groups})`,
      `x = torch.randn(${inShape})`,
      s.useTarget ? `y = layer(x, output_size=[${H.output}, ${W.output}])  # picks output_padding=${op}` : 'y = layer(x)',
    );
  } else {
    // PyTorch crops symmetrically; an asymmetric crop is a slice of the uncropped output.
    lines.push(
      `layer = nn.ConvTranspose2d(${g.inChannels}, ${g.outChannels}, kernel_size=${k}, stride=${st}, padding=0, output_padding=${op}, dilation=${dil}, groups=${g.groups})`,
      `x = torch.randn(${inShape})`,
      'full = layer(x)',
      `y = full[:, :, ${H.padBefore}:full.shape[2] - ${H.padAfter}, ${W.padBefore}:full.shape[3] - ${W.padAfter}]`,
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
  const pads = `((${H.padBefore}, ${H.padAfter}), (${W.padBefore}, ${W.padAfter}))`;
  const anyPad = g.axes.some((a) => a.padBefore > 0 || a.padAfter > 0);
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
