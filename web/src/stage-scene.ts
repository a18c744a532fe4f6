/**
 * Everything the page draws for one valid state, all of it from the library: the geometry, its
 * trace (direct view, and the scatter view when shown), example values computed by the reference
 * engine, and the explanation. The page only lays these out.
 */
import { conv2d, convTranspose2d } from '../../src/ops/conv.js';
import { tensor } from '../../src/tensor/tensor.js';
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { trace } from '../../src/trace/index.js';
import type { DirectTrace, ScatterTrace } from '../../src/trace/index.js';
import { exampleInput, exampleWeight } from './example-values.js';
import type { State } from './state.js';

export interface Values {
  /** Input [C, H, W], weight (the geometry's layout) and output [OC, oH, oW], as the engine computed. */
  x: Float32Array;
  w: Float32Array;
  y: Float32Array;
}

export interface StageScene {
  state: State;
  geometry: ConvGeometry;
  /** The trace of the view shown (kernel, channels and grid are the same in both views). */
  trace: DirectTrace | ScatterTrace;
  direct: DirectTrace | null;
  scatter: ScatterTrace | null;
  values: Values | null;
}

/** The example numbers (example-values.ts) through the layer, on the reference engine. */
function exampleValues(g: ConvGeometry): Values {
  const [, C, H, W] = g.inputShape;
  const x = exampleInput(C, H, W);
  const ws = g.weightShape;
  const w = exampleWeight(ws[0] * ws[1], ws[2], ws[3]);
  const xt = tensor(x, g.inputShape);
  const wt = tensor(w, g.weightShape);
  const [H0, W0] = g.axes;
  const padding = g.axes.map(paddingArgument);
  const common = { stride: [H0.stride, W0.stride], dilation: [H0.dilation, W0.dilation], groups: g.groups, padding, engine: 'reference' as const };
  const y = g.transposed
    ? convTranspose2d(xt, wt, { ...common, outputPadding: [H0.outputPadding, W0.outputPadding] })
    : conv2d(xt, wt, common);
  return { x, w, y: Float32Array.from(y.data) };
}

/**
 * Where the shown channel's numbers live in the flat tensors: the output channel `oc` (clamped),
 * the first input channel of its group (the trace's channels.feeds) and their weight slice.
 */
export function channelSlice(s: StageScene): { oc: number; ic: number; x: number; y: number; w: number; inCells: number; outCells: number } {
  const g = s.geometry;
  const oc = Math.min(s.state.channel, g.outChannels - 1);
  const ic = s.trace.channels.feeds[oc][0];
  const [H, W] = g.axes;
  const inCells = H.input * W.input;
  const outCells = H.output * W.output;
  const taps = H.kernel * W.kernel;
  const ch = s.trace.channels;
  // Direct weight [OC, IC/g, k…]; transposed weight [IC, OC/g, k…] (PyTorch's layouts).
  const w = g.transposed ? (ic * ch.outPerGroup + (oc % ch.outPerGroup)) * taps : (oc * ch.inPerGroup + (ic % ch.inPerGroup)) * taps;
  return { oc, ic, x: ic * inCells, y: oc * outCells, w, inCells, outCells };
}

export function buildScene(state: State, geometry: ConvGeometry): StageScene {
  // Only the view shown is traced: the scatter view's trace carries the same grid, kernel and channels.
  const scatter = state.view === 'scatter' ? (trace(geometry, { view: 'scatter' }) as ScatterTrace) : null;
  const direct = scatter ? null : (trace(geometry, { view: 'direct' }) as DirectTrace);
  const values = state.numbers ? exampleValues(geometry) : null;
  return { state, geometry, trace: (scatter ?? direct)!, direct, scatter, values };
}
