/**
 * The gallery: the 19 classic figures of Dumoulin & Visin's guide (names and parameters as in
 * ../shared/reference/conv_arithmetic_figures.json; a test checks this copy against it) and the
 * examples of the seed tutorial. Browser-safe data; the CLI's `gallery` command renders and writes.
 */
import { directOutputSize } from '../geometry/sizes.js';
import type { TraceSpecOptions } from '../trace/types.js';
import type { RenderOptions } from './options.js';

/** A classic figure as the JSON lists it: i/k/s/p/d of the *direct* convolution. */
export interface ClassicFigure {
  name: string;
  kind: 'arithmetic' | 'numerical';
  i: number;
  k: number;
  s: number;
  p: number;
  d: number;
  transposed: boolean;
  /** Frames of the classic GIF (o² direct, o′² transposed). */
  frames: number;
  /** Numerical figures: what they compute. */
  mode?: 'convolution' | 'average' | 'max';
  /** Transposed figures: the paper's `a` (output padding). */
  a?: number;
}

/**
 * The 19 figures of Dumoulin & Visin's guide, as its figure list gives them (the direct
 * convolution's i/k/s/p/d, transposed or not, and the frame count).
 *
 * @example
 * ```ts
 * import { CLASSIC_FIGURES } from 'convkit';
 * CLASSIC_FIGURES.length; //=> 19
 * CLASSIC_FIGURES[0];     //=> { name: 'no_padding_no_strides', i: 4, k: 3, s: 1, p: 0, transposed: false, frames: 4 }
 * ```
 */
export const CLASSIC_FIGURES: readonly ClassicFigure[] = [
  { name: 'no_padding_no_strides', kind: 'arithmetic', i: 4, k: 3, s: 1, p: 0, d: 1, transposed: false, frames: 4 },
  { name: 'no_padding_no_strides_transposed', kind: 'arithmetic', i: 4, k: 3, s: 1, p: 0, d: 1, transposed: true, frames: 16, a: 0 },
  { name: 'arbitrary_padding_no_strides', kind: 'arithmetic', i: 5, k: 4, s: 1, p: 2, d: 1, transposed: false, frames: 36 },
  { name: 'arbitrary_padding_no_strides_transposed', kind: 'arithmetic', i: 5, k: 4, s: 1, p: 2, d: 1, transposed: true, frames: 25, a: 0 },
  { name: 'same_padding_no_strides', kind: 'arithmetic', i: 5, k: 3, s: 1, p: 1, d: 1, transposed: false, frames: 25 },
  { name: 'same_padding_no_strides_transposed', kind: 'arithmetic', i: 5, k: 3, s: 1, p: 1, d: 1, transposed: true, frames: 25, a: 0 },
  { name: 'full_padding_no_strides', kind: 'arithmetic', i: 5, k: 3, s: 1, p: 2, d: 1, transposed: false, frames: 49 },
  { name: 'full_padding_no_strides_transposed', kind: 'arithmetic', i: 5, k: 3, s: 1, p: 2, d: 1, transposed: true, frames: 25, a: 0 },
  { name: 'no_padding_strides', kind: 'arithmetic', i: 5, k: 3, s: 2, p: 0, d: 1, transposed: false, frames: 4 },
  { name: 'no_padding_strides_transposed', kind: 'arithmetic', i: 5, k: 3, s: 2, p: 0, d: 1, transposed: true, frames: 25, a: 0 },
  { name: 'padding_strides', kind: 'arithmetic', i: 5, k: 3, s: 2, p: 1, d: 1, transposed: false, frames: 9 },
  { name: 'padding_strides_transposed', kind: 'arithmetic', i: 5, k: 3, s: 2, p: 1, d: 1, transposed: true, frames: 25, a: 0 },
  { name: 'padding_strides_odd', kind: 'arithmetic', i: 6, k: 3, s: 2, p: 1, d: 1, transposed: false, frames: 9 },
  { name: 'padding_strides_odd_transposed', kind: 'arithmetic', i: 6, k: 3, s: 2, p: 1, d: 1, transposed: true, frames: 36, a: 1 },
  { name: 'dilation', kind: 'arithmetic', i: 7, k: 3, s: 1, p: 0, d: 2, transposed: false, frames: 9 },
  { name: 'numerical_no_padding_no_strides', kind: 'numerical', i: 5, k: 3, s: 1, p: 0, d: 1, transposed: false, frames: 9, mode: 'convolution' },
  { name: 'numerical_padding_strides', kind: 'numerical', i: 5, k: 3, s: 2, p: 1, d: 1, transposed: false, frames: 9, mode: 'convolution' },
  { name: 'numerical_average_pooling', kind: 'numerical', i: 5, k: 3, s: 1, p: 0, d: 1, transposed: false, frames: 9, mode: 'average' },
  { name: 'numerical_max_pooling', kind: 'numerical', i: 5, k: 3, s: 1, p: 0, d: 1, transposed: false, frames: 9, mode: 'max' },
];

/** Output size of the direct convolution a classic figure names (relationship 15 of the guide). */
function directOutput(f: ClassicFigure): number {
  return directOutputSize(f.i, f.k, f.s, f.d, f.p, f.p);
}

/**
 * The options that draw a classic figure. A transposed figure is the transpose of the direct conv
 * its i/k/s/p describe: it receives i′ = that conv's output and adds `a` cells (output padding).
 *
 * @example
 * ```ts
 * import { CLASSIC_FIGURES, classicSpec } from 'convkit';
 * classicSpec(CLASSIC_FIGURES[1]); //=> { input: 2, kernel: 3, stride: 1, padding: 0, transposed: true, outputPadding: 0 }
 * ```
 */
export function classicSpec(f: ClassicFigure): TraceSpecOptions {
  const common = { kernel: f.k, stride: f.s, padding: f.p, dilation: f.d };
  if (f.mode === 'average' || f.mode === 'max') return { input: f.i, kernel: f.k, stride: f.s, padding: f.p, pool: f.mode === 'average' ? 'avg' : 'max' };
  if (!f.transposed) return { input: f.i, ...common };
  return { input: directOutput(f), ...common, transposed: true, outputPadding: f.a ?? 0 };
}

/** One picture of `convkit gallery`: its file name, source, caption, what to draw and how. */
export interface GalleryEntry {
  /** File name stem. */
  name: string;
  source: 'classic' | 'tutorial';
  /** What the index page says under the picture. */
  caption: string;
  /** 'animation': GIF (+ animated SVG); 'matrix': the convolution matrix (SVG + PNG). */
  kind: 'animation' | 'matrix';
  spec: TraceSpecOptions;
  options: RenderOptions;
  /** Matrix entries: the highlighted row. */
  highlightRow?: number;
}

function caption(spec: TraceSpecOptions): string {
  const parts = [`input ${spec.input}×${spec.input}`, `kernel ${spec.kernel}`];
  if (spec.stride !== undefined && spec.stride !== 1) parts.push(`stride ${spec.stride}`);
  if (spec.padding !== undefined && spec.padding !== 0) parts.push(`padding ${spec.padding}`);
  if (spec.dilation !== undefined && spec.dilation !== 1) parts.push(`dilation ${spec.dilation}`);
  if (spec.outputPadding) parts.push(`output padding ${spec.outputPadding}`);
  if (spec.pool) parts.unshift(`${spec.pool} pooling`);
  else if (spec.transposed) parts.unshift('transposed');
  return parts.join(', ');
}

/**
 * What `convkit gallery` draws: the classic figures, then the tutorial examples.
 *
 * @example
 * ```ts
 * import { galleryEntries, renderSvg } from 'convkit';
 * const first = galleryEntries()[0];
 * first.caption; //=> 'input 4×4, kernel 3'
 * renderSvg(first.spec, first.options).startsWith('<svg'); //=> true
 * ```
 */
export function galleryEntries(): GalleryEntry[] {
  const out: GalleryEntry[] = CLASSIC_FIGURES.map((f) => {
    const spec = classicSpec(f);
    return { name: f.name, source: 'classic', caption: caption(spec), kind: 'animation', spec, options: { theme: 'classic', numeric: f.kind === 'numerical' } };
  });
  const tut = (name: string, spec: TraceSpecOptions, options: RenderOptions = {}): GalleryEntry => ({
    name, source: 'tutorial', caption: caption(spec) + (options.view === 'scatter' ? ' (scatter view)' : options.numeric ? ' (numbers)' : ''), kind: 'animation', spec, options: { theme: 'classic', ...options },
  });
  out.push(
    tut('tutorial_5x5_k3_s2_p0', { input: 5, kernel: 3, stride: 2, padding: 0 }),
    tut('tutorial_5x5_k3_s1_p1', { input: 5, kernel: 3, stride: 1, padding: 1 }),
    tut('tutorial_2x2_to_4x4_transposed_k3', { input: 2, kernel: 3, transposed: true }),
    tut('tutorial_5x5_k3_s2_numeric', { input: 5, kernel: 3, stride: 2 }, { numeric: true }),
    tut('tutorial_5x5_k3_s2_transposed', { input: 2, kernel: 3, stride: 2, transposed: true }),
    tut('tutorial_5x5_k3_s2_transposed_scatter', { input: 2, kernel: 3, stride: 2, transposed: true }, { view: 'scatter' }),
    tut('tutorial_dilation_2', { input: 7, kernel: 3, dilation: 2 }),
    { name: 'tutorial_matrix_4x16', source: 'tutorial', caption: 'the convolution matrix C of a 4×4 input and a 3×3 kernel (row 0 highlighted)', kind: 'matrix', spec: { input: 4, kernel: 3 }, options: {}, highlightRow: 0 },
  );
  return out;
}
