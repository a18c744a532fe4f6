/**
 * trace(): a convolution or pooling walked step by step, as JSON-ready data (see types.ts).
 */
import { ConvError, show } from '../geometry/errors.js';
import { callOptions } from '../geometry/options.js';
import { paddingArgument } from '../geometry/axis-kind.js';
import type { AxisGeometry } from '../geometry/types.js';
import { traceChannels } from './channels.js';
import { directFrames } from './direct.js';
import { traceGrid } from './grid.js';
import { CoordTable } from './intern.js';
import { traceKernel } from './kernel.js';
import { count } from './raster.js';
import { resolveGeometry } from './resolve.js';
import { scatterFrames } from './scatter.js';
import { TRACE_LIMIT, type Trace, type TraceAxis, type TraceInput, type TraceOp, type TraceRequest, type TraceView } from './types.js';

function traceAxis(a: AxisGeometry): TraceAxis {
  const eq = a.equivalent;
  return {
    index: a.index,
    name: a.name,
    input: a.input,
    output: a.output,
    kernel: a.kernel,
    stride: a.stride,
    dilation: a.dilation,
    effectiveKernel: a.effectiveKernel,
    padBefore: paddingArgument(a)[0],
    padAfter: paddingArgument(a)[1],
    outputPadding: a.outputPadding,
    gridSize: eq.gridSize,
    gridPadBefore: eq.padBefore,
    gridPadAfter: eq.padAfter,
    insertedZeros: eq.insertedZeros,
    dilatedInput: eq.dilatedInput,
    pPrime: [eq.pPrime[0], eq.pPrime[1]],
    extra: eq.extra,
    gridStride: eq.stride,
  };
}

/** trace's second argument: a name it does not take is refused (`{ veiw: 'scatter' }` drew 'direct'). */
const TRACE_OPTIONS: readonly string[] = ['view'];

function viewOf(request: TraceRequest | undefined): TraceView {
  // null, as undefined: no request (the default view).
  callOptions(request ?? undefined, TRACE_OPTIONS, 'trace', "{ view: 'scatter' }");
  const view = request?.view ?? 'direct';
  if (view !== 'direct' && view !== 'scatter') {
    throw new ConvError('INVALID_OPTION', `view must be 'direct' or 'scatter', but got ${show(view)}`, { hint: "use view: 'direct' (one frame per output cell) or 'scatter' (one per input cell)" });
  }
  return view;
}

/** Refuses before building anything a trace too large to list (and to draw). */
export function checkTraceSize(frames: number, tapsPerFrame: number, gridCells: number, view: TraceView): number {
  const taps = frames * tapsPerFrame;
  if (taps > TRACE_LIMIT || gridCells > TRACE_LIMIT) {
    const what = taps > TRACE_LIMIT ? `${taps} taps (${frames} frames × ${tapsPerFrame} taps)` : `a grid of ${gridCells} cells`;
    throw new ConvError('TOO_LARGE', `the ${view} trace would list ${what}, more than the limit of ${TRACE_LIMIT}`, {
      values: { frames, tapsPerFrame, taps, gridCells, limit: TRACE_LIMIT },
      hint: 'trace a smaller input or kernel (a picture of it would not be readable either)',
    });
  }
  return taps;
}

/**
 * The frames of one convolution (ConvGeometry, or explain-style options) or pooling (PoolGeometry,
 * or options with `pool`), in the direct view (one frame per output cell) or the scatter view (one
 * frame per input cell). Every picture convkit draws is drawn from this data.
 *
 * @example
 * ```ts
 * import { trace } from 'convkit';
 * const t = trace({ input: [5, 5], kernel: 3, stride: 2, padding: 1 });
 * [t.view, t.outputShape, t.frames.length]; //=> ['direct', [3, 3], 9]
 * t.frames[4].taps.map((tap) => tap.input); //=> [[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3], [3, 1], [3, 2], [3, 3]]
 * // The scatter view of a transposed conv counts the writes per output cell (the checkerboard):
 * const s = trace({ input: [2, 2], kernel: 3, stride: 2, transposed: true }, { view: 'scatter' });
 * s.overlap.slice(0, 5); //=> [1, 1, 2, 1, 1]
 * ```
 */
export function trace(input: TraceInput, request?: TraceRequest): Trace {
  const view = viewOf(request);
  // `trace({ ...cfg, view: 'scatter' })`: the view belongs in the second argument, and says so.
  const resolved = resolveGeometry(input, { names: TRACE_OPTIONS, kind: 'trace', call: 'trace' });
  const g = resolved.geometry;
  const axes = g.axes;
  const mode = resolved.kind === 'conv' ? resolved.geometry.paddingMode : 'zeros';
  let op: TraceOp;
  let channels;
  if (resolved.kind === 'conv') {
    const c = resolved.geometry;
    op = c.transposed ? 'convTranspose' : 'conv';
    channels = traceChannels(c.inChannels, c.outChannels, c.groups);
  } else {
    const p = resolved.geometry;
    op = p.mode === 'max' ? 'maxPool' : 'avgPool';
    channels = traceChannels(p.channels, p.channels, p.channels);
    if (view === 'scatter') {
      throw new ConvError('INVALID_OPTION', 'pooling has no scatter view', { hint: "use view: 'direct'" });
    }
  }
  const inputShape = axes.map((a) => a.input);
  const outputShape = axes.map((a) => a.output);
  const gridShape = axes.map((a) => a.equivalent.gridSize);
  const taps = count(axes.map((a) => a.kernel));
  const frameCount = view === 'direct' ? count(outputShape) : count(inputShape);
  checkTraceSize(frameCount, taps, count(gridShape), view);

  // Input coordinates are shared by the grid cells and the frames that mention them (intern.ts).
  const inputs = new CoordTable(inputShape);
  const grid = traceGrid(axes, mode, inputs);
  const base = {
    version: 1 as const,
    op,
    transposed: resolved.kind === 'conv' ? resolved.geometry.transposed : false,
    rank: axes.length,
    paddingMode: mode,
    inputShape,
    outputShape,
    axes: axes.map(traceAxis),
    kernel: traceKernel(axes),
    channels,
    geometry: g,
    grid,
  };
  if (view === 'direct') {
    const frames = directFrames(axes, mode, grid, inputs);
    return { ...base, view, frames, tapCount: frames.length * taps };
  }
  const { frames, overlap, fullOutputShape, fullOverlap } = scatterFrames(axes, mode, inputs);
  return { ...base, view, frames, overlap, fullOutputShape, fullOverlap, tapCount: frames.reduce((n, f) => n + f.taps.length, 0) };
}
