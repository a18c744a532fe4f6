/**
 * The trace: one convolution (or pooling) walked step by step, as plain data.
 *
 * Every picture — SVG/GIF/PNG frames, the playground, `convkit trace --json` — draws this data and
 * nothing else, so they cannot disagree with each other or with the engines (the trace is built
 * only from geometry/taps.ts, the index maps the engines use). Everything here is JSON-serialisable:
 * numbers, strings, booleans, arrays, plain objects, null. No functions, no typed arrays.
 *
 * Conventions:
 * - Coordinates are per spatial axis, outermost first ([L], [H, W], [D, H, W]), 0-based.
 * - "Raster order" is row-major: the last axis varies fastest.
 * - The *grid* is the input of the equivalent direct convolution (`axis.equivalent`): for a direct
 *   convolution the padded input; for a transposed one the zero-inserted, padded (or cropped) input
 *   with the output-padding (`a`) cells at the end — the plane the classic figures draw.
 *
 * Read-only: arrays that are equal in every frame (a tap's `kernel` and `weight`) are shared
 * between frames to keep large traces small; do not mutate a trace.
 *
 * Stability: fields are only ever added, never renamed or removed.
 */
import type { CellKind } from '../geometry/taps.js';
import type { ConvGeometry, PaddingMode } from '../geometry/types.js';
import type { PoolGeometry } from '../geometry/pool.js';
import type { ConvSpecOptions } from '../geometry/options.js';

export type { CellKind } from '../geometry/taps.js';

/** `direct`: one frame per output cell (gather). `scatter`: one frame per input cell (stamp). */
export type TraceView = 'direct' | 'scatter';

/** What is traced. Pooling traces have kernels without weights (weight index = tap index). */
export type TraceOp = 'conv' | 'convTranspose' | 'maxPool' | 'avgPool';

/**
 * Explain-style options (the CLI's flags as an object): exactly the options `explain` takes
 * (src/geometry/options.ts, one dialect parser for every view). `input` and `kernel` are required;
 * each per-axis value is a number or one per axis; `pool: 'max' | 'avg'` traces a pooling window
 * (direct view only). The geometry is built on shapes [batch, inChannels, ...input] and weight
 * [outChannels, inChannels/groups, ...kernel] (transposed: [inChannels, outChannels/groups, ...kernel]);
 * outChannels defaults to inChannels, inChannels to 1.
 */
export type TraceSpecOptions = ConvSpecOptions;

/** Anything `trace` and `convMatrix` accept. */
export type TraceInput = ConvGeometry | PoolGeometry | TraceSpecOptions;

/** Which view `trace` walks: `'direct'` (default) or `'scatter'`. */
export interface TraceRequest {
  /** Default 'direct'. 'scatter' is refused for pooling. */
  view?: TraceView;
}

/** One spatial axis, with the numbers a picture labels and lays out. Copied from the geometry. */
export interface TraceAxis {
  index: number;
  /** 'L' | 'H' | 'W' | 'D'. */
  name: string;
  /** The layer's own numbers (transposed: i', its crop p, output padding a). */
  input: number;
  output: number;
  kernel: number;
  stride: number;
  dilation: number;
  effectiveKernel: number;
  /**
   * The layer's `padding` argument, before and after, as the picture's caption prints it: cells
   * added around the input (convolution, pooling), or cells cropped from the full output when the
   * trace's `transposed` is true (the geometry's `cropBefore`/`cropAfter`). The grid actually drawn
   * pads by `gridPadBefore`/`gridPadAfter`.
   */
  padBefore: number;
  padAfter: number;
  outputPadding: number;
  /** The equivalent direct convolution drawn in the direct view. */
  gridSize: number;
  /** Grid cells before the first (dilated) input cell; negative = that many input cells cropped. */
  gridPadBefore: number;
  /** Grid cells after the last input cell, `extra` included; negative = cropped. */
  gridPadAfter: number;
  /** Zeros inserted between neighbouring input cells (s−1 transposed, 0 direct). */
  insertedZeros: number;
  /** Size of the input after insertion (ĩ'). */
  dilatedInput: number;
  /** The guide's p′ (before, after), the output padding `a` left out: the geometry's `equivalent.pPrime`. */
  pPrime: [number, number];
  /** Output-padding (`a`) cells drawn at the end of the grid (fewer than `a` when p′ crops them). */
  extra: number;
  /** Stride of the window over the grid (s direct, 1 transposed). */
  gridStride: number;
}

/** One cell of the displayed grid. */
export interface TraceCell {
  /** Grid coordinates. */
  grid: number[];
  /**
   * Kind of the cell. Along one axis a cell is input/padding/inserted/extra (gridCell); across
   * axes the outermost wins: extra > padding > inserted > input ('input' only if input on every axis).
   */
  kind: CellKind;
  /** Per-axis kinds (a cell in a padding row and an input column is ['padding', 'input']). */
  axisKinds: CellKind[];
  /** Input coordinates for 'input' cells, else null. */
  input: number[] | null;
  /**
   * Padding cells of a non-zeros padding mode (reflect / replicate / circular): the input cell whose
   * value they copy (padSource). null for zero padding and every non-padding cell.
   */
  copies: number[] | null;
}

/** The plane the kernel slides over: the padded input, or a transposed conv's zero-inserted one. */
export interface TraceGrid {
  /** Per-axis grid sizes (`equivalent.gridSize`). */
  shape: number[];
  /** All cells, in raster order (index = row-major flat grid index). */
  cells: TraceCell[];
}

/** One tap of the displayed kernel. */
export interface TraceKernelTap {
  /** Tap index as displayed / as the equivalent direct conv reads it (flipped for transposed). */
  kernel: number[];
  /** Index into the weight's spatial taps (weightTap): what this displayed tap multiplies by. */
  weight: number[];
  /** Offset of this tap from the window's first cell, in grid cells (kernel · dilation). */
  offset: number[];
}

/** The kernel as drawn: taps, dilation, extent, and whether it is the weight rotated 180°. */
export interface TraceKernel {
  /** Taps per axis (k). */
  shape: number[];
  dilation: number[];
  /** d(k−1)+1 per axis: the window's extent on the grid. */
  effective: number[];
  /** True when the displayed kernel is the weight rotated 180° (transposed convolutions). */
  flipped: boolean;
  /** Displayed taps in raster order of `kernel`. */
  taps: TraceKernelTap[];
}

/** One tap of one direct-view frame. */
export interface TraceTap {
  /** Displayed kernel tap (equivalent conv's index; flipped for transposed). */
  kernel: number[];
  /** Weight tap it multiplies by. */
  weight: number[];
  /** Grid cell it reads (inside the grid). */
  grid: number[];
  /** Kind of that grid cell. */
  kind: CellKind;
  /**
   * Input cell whose value it reads (tapSource with the padding mode), or null when it reads a zero
   * (zero padding, an inserted zero, an `a` cell). With reflect/replicate/circular padding a tap on a
   * padding cell reads the copied input cell (kind 'padding', input non-null).
   */
  input: number[] | null;
}

/** Direct view: the window of one output cell. */
export interface DirectFrame {
  /** Output cell computed in this frame. */
  output: number[];
  /** Grid coordinates of the window's first cell (output · gridStride). */
  windowStart: number[];
  /** Every kernel tap, in raster order of the displayed kernel. */
  taps: TraceTap[];
}

/** One write of a scatter-view frame: input cell × weight tap → output cell. */
export interface ScatterTap {
  /** Weight tap (unflipped: the kernel as stored and stamped). */
  kernel: number[];
  /** Same as `kernel` (kept for symmetry with TraceTap). */
  weight: number[];
  /**
   * Output cell written, or null when nothing is written: for a transposed convolution the write
   * falls in the part its padding crops; for a direct convolution no window reads this input cell
   * through this tap (skipped by the stride, or beyond the last window).
   */
  output: number[] | null;
  /**
   * Transposed only: where the write lands in the full, uncropped output (before `padding` crops it),
   * so a picture can draw the cropped writes too; `output` = `full` − padBefore when inside. null for
   * a direct convolution.
   */
  full: number[] | null;
}

/** Scatter view: one input cell stamping the kernel onto the output. */
export interface ScatterFrame {
  input: number[];
  /**
   * Writes in raster order of the weight taps. Zero padding: exactly one entry per tap. A direct
   * convolution with reflect/replicate/circular padding may read one input cell through several
   * padding copies: then a tap can appear more than once (once per output it reaches).
   */
  taps: ScatterTap[];
}

/** Which channels feed which (groups). Pooling: every channel feeds only itself. */
export interface TraceChannels {
  inChannels: number;
  outChannels: number;
  groups: number;
  inPerGroup: number;
  outPerGroup: number;
  /** Per group: its input and output channel indices. */
  groupList: { group: number; inputs: number[]; outputs: number[] }[];
  /** Per output channel: the input channels it reads. */
  feeds: number[][];
}

interface TraceBase {
  /** Format version of this data (bumped only for incompatible changes; never so far). */
  version: 1;
  op: TraceOp;
  transposed: boolean;
  rank: number;
  paddingMode: PaddingMode;
  /** Spatial input / output shapes of the layer. */
  inputShape: number[];
  outputShape: number[];
  axes: TraceAxis[];
  kernel: TraceKernel;
  channels: TraceChannels;
  /** The geometry traced (ConvGeometry or PoolGeometry), as plain data. */
  geometry: ConvGeometry | PoolGeometry;
  /** Total taps listed in `frames` (the size the guard limits). */
  tapCount: number;
}

/** Direct view: `grid` is the equivalent direct conv's input; one frame per output cell. */
export interface DirectTrace extends TraceBase {
  view: 'direct';
  grid: TraceGrid;
  frames: DirectFrame[];
}

/** Scatter view: one frame per input cell; `overlap` is the checkerboard. */
export interface ScatterTrace extends TraceBase {
  view: 'scatter';
  /** Also given, so a scatter picture can show the equivalent grid next to the stamps. */
  grid: TraceGrid;
  frames: ScatterFrame[];
  /**
   * Per output cell (raster order over outputShape): how many (input cell, tap) pairs write it —
   * uneven counts are the checkerboard pattern of a transposed convolution.
   */
  overlap: number[];
  /** Transposed only: size of the uncropped output (output + cropBefore + cropAfter per axis); else null. */
  fullOutputShape: number[] | null;
  /** Transposed only: overlap counts over the uncropped output (raster order over fullOutputShape); else null. */
  fullOverlap: number[] | null;
}

/** What `trace` returns: a {@link DirectTrace} or a {@link ScatterTrace}, told apart by `view`. */
export type Trace = DirectTrace | ScatterTrace;

/**
 * Largest number of taps (frames × taps per frame) or grid cells a trace lists; a larger one is a
 * `ConvError` (`TOO_LARGE`): a picture of it would not be readable either.
 *
 * @example
 * ```ts
 * import { TRACE_LIMIT } from 'convkit';
 * TRACE_LIMIT; //=> 2000000
 * ```
 */
export const TRACE_LIMIT = 2_000_000;
