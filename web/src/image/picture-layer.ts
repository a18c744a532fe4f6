/**
 * The playground's current layer, applied to a picture: its kernel size, stride, padding (and the
 * padding mode the image mode adds), dilation, groups, transposed and output padding, with the
 * kernel's numbers from the editor. The page decides nothing about validity: the library's
 * geometry refuses what PyTorch refuses (a ConvError), and the page shows that refusal.
 *
 * Channels: a picture has its own channels (3 for RGB, 1 for grey). When the layer's input and
 * output channels equal the picture's, the layer's groups are used as they are (groups = 1 mixes
 * every colour into every output, groups = 3 filters each colour alone); otherwise the kernel is
 * applied to each colour on its own (depthwise: groups = channels), as an image editor does.
 */
import { convGeometry, convTransposeGeometry } from '../../../src/geometry/torch.js';
import type { ConvGeometry, PaddingMode } from '../../../src/geometry/types.js';
import type { ConvOptions, ConvTransposeOptions } from '../../../src/ops/conv.js';
import { tensor } from '../../../src/tensor/tensor.js';
import type { Tensor } from '../../../src/tensor/tensor.js';
import { paddingOption } from '../state.js';
import type { State } from '../state.js';

export interface PictureLayer {
  transposed: boolean;
  /** [OC, IC/groups, kH, kW] (direct) or [IC, OC/groups, kH, kW] (transposed), PyTorch's layouts. */
  weight: Tensor;
  options: ConvOptions & ConvTransposeOptions;
  groups: number;
  /** True when the layer's own channels and groups are used; false: depthwise per colour. */
  layerChannels: boolean;
  /** The layer has a target output size (the playground's `os`), which belongs to its small input: not used here. */
  targetIgnored: boolean;
}

export interface PictureShape {
  height: number;
  width: number;
  channels: number;
}

/** The layer for a picture of this shape, with `kernel` (kH·kW weights, row-major). */
export function pictureLayer(s: State, kernel: Float32Array, shape: PictureShape, paddingMode: PaddingMode): PictureLayer {
  const [kh, kw] = s.kernel;
  const c = shape.channels;
  const layerChannels = s.inChannels === c && s.outChannels === c;
  const groups = layerChannels ? s.groups : c;
  const perGroup = c / groups;
  // Every (output, input) pair of a group gets the kernel divided by the group's inputs, so a
  // smoothing kernel keeps the brightness when it mixes colours.
  const w = new Float32Array(c * perGroup * kh * kw);
  for (let pair = 0; pair < c * perGroup; pair++) {
    for (let i = 0; i < kh * kw; i++) w[pair * kh * kw + i] = kernel[i] / perGroup;
  }
  const weight = tensor(w, [c, perGroup, kh, kw]);
  const options: ConvOptions & ConvTransposeOptions = { stride: s.stride, dilation: s.dilation, groups };
  if (s.transposed) {
    const p = paddingOption(s);
    // A transposed layer's padding is always explicit in the playground's own state ('same' and
    // 'valid' are a direct conv's words): passed on as they are, the library refuses them.
    (options as { padding?: unknown }).padding = p;
    options.outputPadding = s.useTarget ? 0 : s.outputPadding;
  } else {
    (options as ConvOptions).padding = paddingOption(s);
  }
  if (paddingMode !== 'zeros') options.paddingMode = paddingMode;
  return { transposed: s.transposed, weight, options, groups, layerChannels, targetIgnored: s.transposed && s.useTarget };
}

/** The layer's geometry on the picture (throws the library's ConvError when it refuses). */
export function pictureGeometry(layer: PictureLayer, shape: PictureShape): ConvGeometry {
  const shapes = { inputShape: [1, shape.channels, shape.height, shape.width], weightShape: layer.weight.shape };
  return layer.transposed ? convTransposeGeometry(shapes, layer.options, 2) : convGeometry(shapes, layer.options, 2);
}
