/**
 * The playground's current layer, applied to a picture: its kernel size, stride, padding (and the
 * padding mode the image mode adds), dilation, groups, transposed and output padding, with the
 * kernel's numbers from the editor. The page decides nothing about validity: the library's
 * geometry refuses what PyTorch refuses (a ConvError), and the page shows that refusal.
 *
 * A target output size (the playground's `os`, PyTorch's `output_size` for a transposed layer)
 * belongs to the grids' small input: the library resolves it there to an output padding, and the
 * picture runs the layer with that output padding — the layer the playground shows, whose size on
 * the picture follows from the picture's size as PyTorch's module would give it.
 *
 * Channels: a picture has its own channels (3 for RGB, 1 for grey). A layer whose groups do not
 * divide its own channels is refused (the library's GROUPS error), whatever the picture. When the
 * layer's input channels are the picture's and its output channels are too, or one, the layer's
 * channels and groups are used as they are (3 → 3 with groups = 1 mixes every colour into every
 * output, groups = 3 filters each colour alone; 3 → 1 sums the colours into one grey plane);
 * otherwise the kernel is applied to each colour on its own (depthwise: groups = channels), as an
 * image editor does.
 */
import { checkChannels } from '../../../src/geometry/options.js';
import { convGeometry, convTransposeGeometry } from '../../../src/geometry/torch.js';
import type { ConvGeometry, PaddingMode } from '../../../src/geometry/types.js';
import type { ConvOptions, ConvTransposeOptions } from '../../../src/ops/conv.js';
import { tensor } from '../../../src/tensor/tensor.js';
import type { Tensor } from '../../../src/tensor/tensor.js';
import { buildLayer } from '../layer.js';
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
  /** The playground's target output size and the output padding it resolves to there (null: none set). */
  target: TargetOnGrids | null;
}

export interface TargetOnGrids {
  /** The target output size and the grids' input it was set for, [H, W]. */
  size: [number, number];
  input: [number, number];
  /** The output padding the library resolves the target to on that input: what the picture gets. */
  outputPadding: [number, number];
}

export interface PictureShape {
  height: number;
  width: number;
  channels: number;
}

/** The layer for a picture of this shape, with `kernel` (kH·kW weights, row-major). */
export function pictureLayer(s: State, kernel: Float32Array, shape: PictureShape, paddingMode: PaddingMode): PictureLayer {
  // The layer's own channels and groups must make a layer before the picture adapts them: groups
  // that do not divide its channels are refused here as on the grids.
  checkChannels(s.inChannels, s.outChannels, s.groups);
  const [kh, kw] = s.kernel;
  const c = shape.channels;
  const layerChannels = s.inChannels === c && (s.outChannels === c || s.outChannels === 1);
  const outChannels = layerChannels ? s.outChannels : c;
  const groups = layerChannels ? s.groups : c;
  const inPerGroup = c / groups;
  const outPerGroup = outChannels / groups;
  // Every (output, input) pair of a group gets the kernel divided by the group's inputs, so a
  // smoothing kernel keeps the brightness when it mixes colours.
  const pairs = outChannels * inPerGroup;
  const w = new Float32Array(pairs * kh * kw);
  for (let pair = 0; pair < pairs; pair++) {
    for (let i = 0; i < kh * kw; i++) w[pair * kh * kw + i] = kernel[i] / inPerGroup;
  }
  const weight = tensor(w, s.transposed ? [c, outPerGroup, kh, kw] : [outChannels, inPerGroup, kh, kw]);
  const options: ConvOptions & ConvTransposeOptions = { stride: s.stride, dilation: s.dilation, groups };
  let target: TargetOnGrids | null = null;
  if (s.transposed) {
    const p = paddingOption(s);
    // A transposed layer's padding is always explicit in the playground's own state ('same' and
    // 'valid' are a direct conv's words): passed on as they are, the library refuses them.
    (options as { padding?: unknown }).padding = p;
    if (s.useTarget) {
      target = targetOnGrids(s);
      options.outputPadding = target.outputPadding;
    } else options.outputPadding = s.outputPadding;
  } else {
    (options as ConvOptions).padding = paddingOption(s);
  }
  if (paddingMode !== 'zeros') options.paddingMode = paddingMode;
  return { transposed: s.transposed, weight, options, groups, layerChannels, target };
}

/**
 * The output padding the playground's target size means on the grids' input, from the library's
 * geometry of the playground's layer (throws its ConvError when the target cannot be reached, as
 * the playground itself shows).
 */
function targetOnGrids(s: State): TargetOnGrids {
  const r = buildLayer(s);
  if (!r.ok) throw r.error;
  const [hAxis, wAxis] = r.geometry.axes;
  return { size: [s.target[0], s.target[1]], input: [s.input[0], s.input[1]], outputPadding: [hAxis.outputPadding, wAxis.outputPadding] };
}

/** The layer's geometry on the picture (throws the library's ConvError when it refuses). */
export function pictureGeometry(layer: PictureLayer, shape: PictureShape): ConvGeometry {
  const shapes = { inputShape: [1, shape.channels, shape.height, shape.width], weightShape: layer.weight.shape };
  return layer.transposed ? convTransposeGeometry(shapes, layer.options, 2) : convGeometry(shapes, layer.options, 2);
}
