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
import { resolveSpec } from '../../src/geometry/options.js';
import { drawnState } from './drawn-channels.js';
import { exampleInput, exampleWeight } from './example-values.js';
import { optionsOf, writtenLayer } from './layer.js';
import { pt } from './pair-i18n.js';
import type { Lang, State } from './state.js';
import { TOUR } from './tour/steps.js';

/**
 * Whose numbers the figure runs on: the page's example values (example-values.ts), or the linked
 * pair's under the figure (its z into a transposed layer, its x into a direct one, with its kernel),
 * so that the figure's output is the pair's Cᵀz (or z = Cx) number for number.
 */
export type ValuesSource = 'example' | 'pair';

export interface Values {
  /** Input [C, H, W], weight (the geometry's layout) and output [OC, oH, oW], as the engine computed. */
  x: Float32Array;
  w: Float32Array;
  y: Float32Array;
  source: ValuesSource;
}

/**
 * Numbers the figure runs on instead of the example values. They belong to the layer and the tour
 * step they were chosen on (`key`, from `numbersKey`): the store drops them as soon as the settings
 * name another layer or step, so they never outlive the pair they came from. They are page state,
 * not settings: a link does not carry them (the pair's edited numbers are in no link either).
 */
export interface FigureNumbers {
  source: Exclude<ValuesSource, 'example'>;
  key: string;
  /** The layer's input (one channel, row by row) and its kernel, in the layer's weight layout. */
  x: Float32Array;
  w: Float32Array;
}

/**
 * What figure numbers are tied to: the layer as the library is asked for it, and the tour step.
 * Numbers shown, language, theme, view, figure and step of the animation are not in it.
 */
export function numbersKey(s: State): string {
  return JSON.stringify([optionsOf(s), s.tour]);
}

export interface StageScene {
  /** The settings, the layer's real channels included. */
  state: State;
  /**
   * The layer the pictures draw: `layer` itself, or a copy with at most 16 channels a side
   * (drawn-channels.ts) — the trace, example values and matrix are this one's.
   */
  geometry: ConvGeometry;
  /** The layer as set, with its real channels (2-D, as drawn). */
  layer: ConvGeometry;
  /**
   * The layer as the texts name it (the Formula and Code tabs, the guide's notation): `layer`, or
   * the 1-D layer it draws as a single row (line-layer.ts).
   */
  written: ConvGeometry;
  /** The trace of the view shown (kernel, channels and grid are the same in both views). */
  trace: DirectTrace | ScatterTrace;
  direct: DirectTrace | null;
  scatter: ScatterTrace | null;
  values: Values | null;
}

/** The example numbers (example-values.ts) through the layer. */
function exampleValues(g: ConvGeometry): Values {
  const [, C, H, W] = g.inputShape;
  const ws = g.weightShape;
  return run(g, exampleInput(C, H, W), exampleWeight(ws[0] * ws[1], ws[2], ws[3]), 'example');
}

/**
 * The figure's numbers: `chosen` (the store has kept them only for the layer they were chosen on),
 * else the example's; numbers of another size than the layer's are never run.
 */
function valuesOf(g: ConvGeometry, chosen: FigureNumbers | null): Values {
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  const fits = chosen !== null && chosen.x.length === size(g.inputShape) && chosen.w.length === size(g.weightShape);
  return fits ? run(g, chosen.x, chosen.w, chosen.source) : exampleValues(g);
}

/** `x` and `w` through the layer, on the reference engine. */
function run(g: ConvGeometry, x: Float32Array, w: Float32Array, source: ValuesSource): Values {
  const xt = tensor(x, g.inputShape);
  const wt = tensor(w, g.weightShape);
  const [H0, W0] = g.axes;
  const padding = g.axes.map(paddingArgument);
  const common = { stride: [H0.stride, W0.stride], dilation: [H0.dilation, W0.dilation], groups: g.groups, padding, engine: 'reference' as const };
  const y = g.transposed
    ? convTranspose2d(xt, wt, { ...common, outputPadding: [H0.outputPadding, W0.outputPadding] })
    : conv2d(xt, wt, common);
  return { x, w, y: Float32Array.from(y.data), source };
}

/**
 * The line under the figure saying whose numbers it shows, when they are not the example values
 * (null otherwise): the linked pair's, and which of the pair's grids the output then equals.
 */
export function numbersCaption(s: StageScene, lang: Lang): string | null {
  if (s.values?.source !== 'pair') return null;
  return pt(lang, s.geometry.transposed ? 'figureFromPairT' : 'figureFromPairD');
}

/** The tutorial's names of the figure's two planes, put into their titles ("input z 2×2"). */
export interface PlaneLetters {
  input: string;
  output: string;
}

/**
 * The letters the tour's prose gives the figure's input and output, or null where it gives none
 * (and always in free mode, whose figure names no vector). The steps that open the Matrix tab write
 * the layer as z = Cx or x = Cᵀz, in the tutorial's convention (C is always the direct
 * convolution's: matrix-view.ts): a direct layer reads x and writes z, a transposed one reads z and
 * writes x — whatever the reader changes at that step. The step whose figure runs on the linked
 * pair's numbers names them only while it does (the caption under the figure says so): its input is
 * the pair's z (or x) and its output Cᵀz (or z), the one the prose compares with x; on the example
 * values the figure's input is not the pair's z, and the planes stay unnamed.
 */
export function planeLetters(s: StageScene): PlaneLetters | null {
  const step = TOUR[s.state.tour - 1];
  if (!step) return null;
  const t = s.geometry.transposed;
  if (step.figureNumbers) return s.values?.source === step.figureNumbers ? (t ? { input: 'z', output: 'Cᵀz' } : { input: 'x', output: 'z' }) : null;
  if (step.tab === 'matrix') return t ? { input: 'z', output: 'x' } : { input: 'x', output: 'z' };
  return null;
}

/**
 * `caption` with `letter` after its first word, where the tutorial names the plane: "input z 2×2",
 * "Input z with padding", "输入 z（含填充）", "Output x (number = overlapping stamps)".
 */
export function lettered(caption: string, letter: string): string {
  return caption.replace(/^[^\s（(]+/, (word) => `${word} ${letter}`);
}

/** The flat index of the output cell `output` ([row, column]) within one output plane of `s`. */
export function frameIndex(s: StageScene, output: readonly number[]): number {
  return output[0] * s.geometry.axes[1].output + output[1];
}

/** Where output channel `oc`'s plane begins in the flat output tensor of `s` (its values' y). */
export function planeStart(s: StageScene, oc: number): number {
  const [H, W] = s.geometry.axes;
  return oc * H.output * W.output;
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
  return { oc, ic, x: ic * inCells, y: planeStart(s, oc), w, inCells, outCells };
}

/** `numbers`: the figure's numbers when they are not the example's (store.ts decides when they apply). */
export function buildScene(state: State, layer: ConvGeometry, numbers: FigureNumbers | null = null): StageScene {
  // A layer of more channels than a picture holds is drawn as the copy drawn-channels.ts fits: the
  // trace, the example values and C then cost what 16 channels cost, whatever the layer's count.
  const drawn = drawnState(state);
  const geometry = drawn === state ? layer : drawnGeometry(drawn);
  // Only the view shown is traced: the scatter view's trace carries the same grid, kernel and channels.
  const scatter = state.view === 'scatter' ? (trace(geometry, { view: 'scatter' }) as ScatterTrace) : null;
  const direct = scatter ? null : (trace(geometry, { view: 'direct' }) as DirectTrace);
  const values = state.numbers ? valuesOf(geometry, numbers) : null;
  return { state, geometry, layer, written: writtenLayer(state, layer), trace: (scatter ?? direct)!, direct, scatter, values };
}

/** The library's geometry of the drawn copy (the layer's own but for its channels, so the library accepts it too). */
function drawnGeometry(drawn: State): ConvGeometry {
  const r = resolveSpec(optionsOf(drawn));
  if (r.kind !== 'conv') throw new Error('unexpected pooling geometry');
  return r.geometry;
}
