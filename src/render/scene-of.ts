/** Trace (or anything `trace` accepts) + options → Scene, with the size guard applied first. */
import { ConvError } from '../geometry/errors.js';
import { resolveGeometry } from '../trace/resolve.js';
import { trace as makeTrace } from '../trace/trace.js';
import type { Trace, TraceInput } from '../trace/types.js';
import { directLayout } from './layout/direct.js';
import { scatterLayout } from './layout/scatter.js';
import { checkChannel, checkDrawable, checkGeometryDrawable, renderOptionsOf, resolveOptions, type RenderOptions } from './options.js';
import { allFrames } from './scene.js';
import type { Scene, SceneLayout } from './scene.js';

export function isTrace(v: unknown): v is Trace {
  return v !== null && typeof v === 'object' && (v as Trace).version === 1 && Array.isArray((v as Trace).frames) && typeof (v as Trace).view === 'string';
}

/**
 * The trace to draw: given as is, or built from a geometry / explain-style options. `call` is the
 * function drawing it: a render option among the explain options is refused naming its argument.
 */
export function traceOf(input: Trace | TraceInput, options: RenderOptions | undefined, call: string): Trace {
  if (isTrace(input)) return input;
  const view = options?.view ?? 'direct';
  // Refuse a picture too large to draw before listing its frames (the trace of a 200×200 input is
  // hundreds of thousands of taps).
  const g = resolveGeometry(input, renderOptionsOf(call)).geometry;
  checkGeometryDrawable(g);
  return makeTrace(g, { view });
}

/**
 * The scene of a convolution (options, geometry or trace) with the render options applied: the one
 * layout every output format draws. Build it once to write several formats.
 *
 * @example
 * ```ts
 * import { sceneOf } from 'convkit';
 * const scene = sceneOf({ input: [5, 5], kernel: 3, stride: 2, padding: 1 });
 * scene.frames.length; //=> 9
 * ```
 */
export function sceneOf(input: Trace | TraceInput, options?: RenderOptions): Scene {
  return sceneFor('sceneOf', input, options);
}

/** `sceneOf` for the render function `call` (renderSvg, renderGif…), which its refusals name. */
export function sceneFor(call: string, input: Trace | TraceInput, options?: RenderOptions): Scene {
  return allFrames(layoutFor(call, input, options));
}

/**
 * The same scene with its frames built on demand (`frame(n)`): for a viewer that shows one frame at
 * a time, so a layer with a thousand steps costs one overlay, not a thousand, per change. Same
 * size guard and refusals as `sceneOf`; `sceneOf(x).frames[n]` equals `sceneLayoutOf(x).frame(n)`.
 */
export function sceneLayoutOf(input: Trace | TraceInput, options?: RenderOptions): SceneLayout {
  return layoutFor('sceneLayoutOf', input, options);
}

function layoutFor(call: string, input: Trace | TraceInput, options?: RenderOptions): SceneLayout {
  const o = resolveOptions(options);
  // `scale` is a raster size: an SVG has no pixels to multiply, and sceneToPng takes it apart.
  if ((options as { scale?: unknown } | undefined)?.scale !== undefined && call !== 'renderPng') {
    throw new ConvError('INVALID_OPTION', `scale is an option of renderPng, not of ${call}`, {
      values: { scale: (options as { scale?: unknown }).scale },
      hint: call === 'sceneOf' || call === 'sceneLayoutOf' ? 'pass the scale to sceneToPng(scene, frame, scale)' : 'an SVG scales without loss: set its width where it is shown',
    });
  }
  const tr = traceOf(input, options, call);
  checkDrawable({ grid: tr.grid.shape, output: tr.outputShape, input: tr.inputShape }, 0);
  if (tr.frames.length === 0) throw new ConvError('INVALID_OPTION', 'the trace has no frames to draw');
  checkChannel(o.channel, tr.channels);
  return tr.view === 'scatter' ? scatterLayout(tr, o) : directLayout(tr, o);
}

/** Animations (GIF, animated SVG) are refused past MAX_FRAMES frames; single frames are not. */
export function checkAnimatable(scene: Scene): void {
  checkDrawable({}, scene.frames.length);
}
