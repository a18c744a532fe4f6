/**
 * The receptive field of one output of a single layer: the question an engineer asks of one conv
 * ("how many input cells does one output see?") answered by the same exact analysis that measures
 * whole networks (receptive.ts `exactField`), so one rule serves the layer and the stack.
 */
import { paddingArgument } from '../geometry/axis-kind.js';
import { ConvError, show } from '../geometry/errors.js';
import type { ConvGeometry } from '../geometry/types.js';
import { buildNetwork } from './build.js';
import { exactField } from './receptive.js';

/** One layer's receptive field, per spatial axis (the geometry's axis order). */
export interface LayerField {
  /** Widest span of input cells one output reads, the holes of a dilated kernel included in the span. */
  max: number[];
  /** Narrowest span over the outputs that read any input cell: a transposed layer's outputs differ by phase. */
  min: number[];
  /** Whether some outputs read no input cell at all (a transposed layer whose stride and dilation share a factor). */
  dead: boolean;
}

/**
 * Measures the layer alone, as a one-channel, one-layer network over its input size: every output
 * phase's input cells, through the tap map the engines use. A direct conv's interior outputs span
 * the footprint k̂ = d(k − 1) + 1; a transposed conv's outputs span fewer cells, and not all the same
 * number (kernel 3, stride 2: 2 or 1). Spans are input positions the taps land on: with padding
 * modes other than zeros a border output also reads copies of cells, which are not counted.
 * Channels and groups do not change the spatial field and are left out.
 *
 * @example
 * ```ts
 * import { convTransposeGeometry, layerField } from 'convkit';
 * const g = convTransposeGeometry({ inputShape: [1, 1, 4, 4], weightShape: [1, 1, 3, 3] }, { stride: 2, padding: 1, outputPadding: 1 });
 * layerField(g); // { max: [2, 2], min: [1, 1], dead: false }: each output reads 2 or 1 input cells per axis
 * ```
 */
export function layerField(g: ConvGeometry): LayerField {
  const o = g as Partial<ConvGeometry> | null;
  if (o === null || typeof o !== 'object' || !Array.isArray(o.axes) || typeof o.transposed !== 'boolean') {
    throw new ConvError('INVALID_OPTION', `layerField takes a convolution's geometry, but got ${show(g)}`, {
      hint: 'resolve the layer first: layerField(convGeometry({ inputShape, weightShape }, options)) or convTransposeGeometry(…)',
    });
  }
  const kind = g.transposed ? 'convTranspose' : 'conv';
  const net = buildNetwork({
    input: { name: 'x', shape: [1, 1, ...g.axes.map((a) => a.input)] },
    layers: [{
      kind, name: 'layer', op: kind, inputs: ['x'], outChannels: 1,
      kernel: g.axes.map((a) => a.kernel), stride: g.axes.map((a) => a.stride), dilation: g.axes.map((a) => a.dilation),
      padding: { pairs: g.axes.map((a) => paddingArgument(a)) }, groups: 1, bias: false,
      ...(g.transposed ? { outputPadding: g.axes.map((a) => a.outputPadding) } : {}),
    }],
  });
  const axes = g.axes.map((_, a) => exactField(net, 'layer', a));
  return { max: axes.map((e) => e.maxSize), min: axes.map((e) => e.minSize), dead: axes.some((e) => e.deadPhases.length > 0) };
}
