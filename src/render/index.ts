/**
 * Pictures of a convolution: SVG (one frame or animated), GIF and PNG, drawn from the trace.
 * Everything here runs in browsers and Node; writing files is the CLI's (cli/write-file.ts).
 */
import type { ConvMatrix } from '../matrix/types.js';
import type { Trace, TraceInput } from '../trace/types.js';
import { sceneToGif } from './gif.js';
import { matrixScene, type MatrixRenderOptions } from './layout/matrix.js';
import type { RenderOptions } from './options.js';
import { sceneToPng } from './png.js';
import type { Scene } from './scene.js';
import { checkAnimatable, sceneFor } from './scene-of.js';
import { sceneAnimatedSvg, sceneFrameSvg } from './svg.js';
import { frameIndex } from './frame-index.js';

export type { EmptyCells, RenderOptions, Theme } from './options.js';
export type { MatrixRenderOptions } from './layout/matrix.js';
export type { Scene, Prim, Rgb } from './scene.js';
export type { Plane } from './layout/plane.js';
export { point as planePoint, centre as cellCentre } from './layout/plane.js';
export type { PaletteName } from './palette.js';
export { MAX_CELLS_PER_AXIS, MAX_FRAMES } from './options.js';
export { sceneOf, checkAnimatable } from './scene-of.js';
export { sceneToGif } from './gif.js';
export { sceneToPng } from './png.js';
export { sceneFrameSvg, sceneAnimatedSvg } from './svg.js';
export { CLASSIC_FIGURES, classicSpec, galleryEntries } from './gallery.js';
export type { ClassicFigure, GalleryEntry } from './gallery.js';
export { palette, over } from './palette.js';
export type { Palette } from './palette.js';

/** Which frame a single-frame picture draws. */
export interface FrameOption {
  /** 0-based frame to draw (default 0). */
  frame?: number;
}

/** How large a PNG is drawn. */
export interface PngOption {
  /**
   * Draws the picture this many times larger (a whole number from 1 to 4; default 1): the same
   * picture with `scale` × the pixels on each side, for slides and high-density screens.
   */
  scale?: number;
}

/**
 * One frame as SVG text (frame 0 unless `frame` says otherwise): the classic figure of the
 * convolution given as options, a geometry or a trace; `theme: 'flat'` draws side-by-side grids and
 * `numeric: true` prints the values.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderSvg } from 'convkit';
 * const svg = renderSvg({ input: [5, 5], kernel: 3, stride: 2, padding: 1 }, { frame: 4 });
 * svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'); //=> true
 * writeFileSync('conv.svg', svg);
 * ```
 */
export function renderSvg(input: Trace | TraceInput, options?: RenderOptions & FrameOption): string {
  const scene = sceneFor('renderSvg', input, options);
  return sceneFrameSvg(scene, frameIndex(scene, options?.frame));
}

/**
 * Every frame as one looping SVG animation (SMIL, no script), 1 s per frame.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderAnimatedSvg } from 'convkit';
 * writeFileSync('dilated.svg', renderAnimatedSvg({ input: [7, 7], kernel: 3, dilation: 2 }));
 * ```
 */
export function renderAnimatedSvg(input: Trace | TraceInput, options?: RenderOptions): string {
  const scene = sceneFor('renderAnimatedSvg', input, options);
  checkAnimatable(scene);
  return sceneAnimatedSvg(scene);
}

/**
 * Animated GIF bytes: one frame per trace frame, 1 s each, looping.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderGif } from 'convkit';
 * const gif = renderGif({ input: [2, 2], kernel: 3, stride: 2, transposed: true }); // the classic upsampling figure
 * new TextDecoder().decode(gif.subarray(0, 6)); //=> 'GIF89a'
 * writeFileSync('upsample.gif', gif);
 * ```
 */
export function renderGif(input: Trace | TraceInput, options?: RenderOptions): Uint8Array {
  const scene = sceneFor('renderGif', input, options);
  checkAnimatable(scene);
  return sceneToGif(scene);
}

/**
 * One frame as PNG bytes; `scale: 2` draws it at twice the size.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderPng } from 'convkit';
 * const png = renderPng({ input: [5, 5], kernel: 3, stride: 2, padding: 1 }, { numeric: true, frame: 0 });
 * new TextDecoder().decode(png.subarray(1, 4)); //=> 'PNG'
 * writeFileSync('conv.png', png);
 * writeFileSync('conv@2x.png', renderPng({ input: [5, 5], kernel: 3, stride: 2, padding: 1 }, { scale: 2 }));
 * ```
 */
export function renderPng(input: Trace | TraceInput, options?: RenderOptions & FrameOption & PngOption): Uint8Array {
  const scene = sceneFor('renderPng', input, options);
  return sceneToPng(scene, frameIndex(scene, options?.frame), options?.scale);
}

/**
 * The convolution matrix C as SVG, one output cell's row and its kernel window highlighted.
 *
 * @example
 * ```ts
 * import { convMatrix, renderMatrixSvg } from 'convkit';
 * const svg = renderMatrixSvg(convMatrix({ input: [4, 4], kernel: 3 }), { highlightRow: 1 });
 * svg.startsWith('<svg'); //=> true
 * ```
 */
export function renderMatrixSvg(matrix: ConvMatrix, options?: MatrixRenderOptions): string {
  return sceneFrameSvg(matrixScene(matrix, options), 0);
}

/**
 * The convolution matrix as PNG.
 *
 * @example
 * ```ts
 * import { convMatrix, renderMatrixPng } from 'convkit';
 * const png = renderMatrixPng(convMatrix({ input: [4, 4], kernel: 3 }));
 * new TextDecoder().decode(png.subarray(1, 4)); //=> 'PNG'
 * ```
 */
export function renderMatrixPng(matrix: ConvMatrix, options?: MatrixRenderOptions): Uint8Array {
  return sceneToPng(matrixScene(matrix, options), 0);
}
