/** Render options, their defaults and validation, and the size guard. */
import { meant, refuseUnknownOptions, type Misplaced } from '../geometry/options.js';
import { ConvError, show } from '../geometry/errors.js';
import type { PoolGeometry } from '../geometry/pool.js';
import type { ConvGeometry } from '../geometry/types.js';
import type { Lang } from './labels.js';
import { palette as paletteOf, rgbOf, type Palette, type PaletteName } from './palette.js';
import type { Rgb } from './scene.js';
import type { TraceChannels, TraceView } from '../trace/types.js';

/** How a picture is laid out: the slanted planes of the classic figures, or flat side-by-side grids. */
export type Theme = 'classic' | 'flat';

/**
 * How the grid's empty cells (padding, inserted zeros, output padding `a`) are drawn: each outlined
 * apart, or their edges joined into one dashed grid (see {@link RenderOptions.emptyCells}).
 */
export type EmptyCells = 'apart' | 'joined';

/** Options of every picture: theme, language, numeric mode and its values, palette, transposed view, text scale, empty cells. */
export interface RenderOptions {
  /** 'classic' (default): the slanted planes of the classic figures; 'flat': side-by-side grids. */
  theme?: Theme;
  lang?: Lang;
  /** Print input, kernel and output values (computed by the reference engine). Always flat. */
  numeric?: boolean;
  palette?: PaletteName;
  /** Transposed convolutions: 'direct' (zero-inserted equivalent conv) or 'scatter'. Used when the input is not already a trace. */
  view?: TraceView;
  /** Numeric mode: the values to show (default: fixed pseudo-random 0–3 inputs, 0–2 weights). */
  values?: { input?: ArrayLike<number>; weight?: ArrayLike<number> };
  /**
   * Multiplies every text size of the picture, and the room its lines of text take (default 1;
   * 0.5–4). For a picture shown smaller than its own pixels (a phone scales a wide figure to its
   * width): with `textScale: s` a picture drawn at scale k prints its 12 px lines at 12·s·k px.
   * Text inside cells grows only as far as the cell holds it. The raster formats (GIF, PNG) print
   * each size with the nearest generated glyph size, and a size above the largest (17 px) with that
   * size's glyphs resampled.
   */
  textScale?: number;
  /**
   * How the grid's empty cells (padding, inserted zeros, output padding `a`) are drawn.
   * 'apart' (default): each cell outlined on its own, inset a little, as the classic GIFs show
   * them at their own size. 'joined': each edge drawn once, where the cells meet — an inserted
   * zero's short dash where a zero is on either side, else padding's long dash, and an edge of an
   * input cell left to that cell's solid outline — and the `a` cells, and their legend swatch,
   * filled with the palette's `extra`. Inserted zeros are filled grey either way (padding is not).
   * For a picture shown larger than its own pixels
   * (the playground's figure), where the apart outlines read as two lines a few pixels apart and
   * an `a` no longer fits in its cell. Every format draws it the same; the scatter view has no
   * empty cells and is unchanged.
   */
  emptyCells?: EmptyCells;
  /**
   * One fill per kernel tap for the kernel panel's cells ('#rrggbb'), indexed by the stored
   * weight's tap in raster order (w₀₀, w₀₁, … — the `tap` of a `convMatrix` entry), cycled when
   * shorter than the kernel; each name or value is then printed in black or white, whichever reads
   * on its fill. A cell is keyed by the weight it names, so a transposed layer's flipped kernel
   * shows each colour where its weight is drawn. For matching the kernel to a matrix coloured by
   * tap (the playground's Matrix tab). Default: the cells plain.
   */
  kernelFills?: readonly string[];
  /**
   * One colour per kernel tap for the name or value printed in each cell ('#rrggbb'), indexed and
   * cycled as `kernelFills`, which it goes with (alone it is refused: a plain cell's text is the
   * palette's). For a picture shown through a filter, where the label that reads on the fill as
   * given is not the one that reads on the fill as shown (the playground's dark theme shows the
   * figure inverted). Default: black or white, whichever reads on the fill.
   */
  kernelLabels?: readonly string[];
  /**
   * The channels of the layer the picture stands for, when the trace drawn is a copy of it with
   * fewer channels (the playground draws at most 16 a side of a layer of up to 4096): the key line
   * then gives the layer's counts and says how many are drawn — "channels 64→32 (16→16 drawn),
   * groups 1 (input and output channel 0 drawn)" — so a picture of the copy does not state a smaller layer. Positive
   * whole numbers, the groups dividing both counts. Default: the trace's own channels, printed as
   * they are; a value equal to them prints the same.
   */
  layerChannels?: LayerChannels;
  /**
   * Which input channel and which output channel of the trace the picture draws (default
   * `{ input: 0, output: 0 }`), named at the end of the key line: "(input and output channel 0 drawn)" when the two
   * numbers agree, else "(input channel 2 → output channel 5 drawn)". Every channel pair slides the
   * same windows, so a picture without values differs only in that line; a numeric one puts its
   * input values in that input channel and its kernel values in that pair's kernel slice, every
   * other value zero, and prints the reference engine's output in that output channel — the share
   * of that input channel in it. Whole numbers below the trace's channel counts, the output channel
   * one that reads the input channel (in its group; pooling: the same channel); anything else is
   * refused (`INVALID_OPTION`). With `layerChannels` the numbers are still the trace's own.
   */
  channel?: DrawnChannel;
}

/** The channel pair a picture draws (see {@link RenderOptions.channel}). */
export interface DrawnChannel {
  input: number;
  output: number;
}

/** The layer's channels a picture's key line gives (see {@link RenderOptions.layerChannels}). */
export interface LayerChannels {
  inChannels: number;
  outChannels: number;
  groups: number;
}

export interface ResolvedOptions {
  theme: Theme;
  lang: Lang;
  numeric: boolean;
  palette: Palette;
  values?: RenderOptions['values'];
  textScale: number;
  emptyCells: EmptyCells;
  kernelFills: Rgb[] | null;
  kernelLabels: Rgb[] | null;
  layerChannels: LayerChannels | null;
  /** Checked against the trace's channels by {@link checkChannel} once the trace is known. */
  channel: DrawnChannel;
}

/**
 * Largest grid a picture draws, in cells per axis; a larger one is a `ConvError` (`TOO_LARGE`)
 * before anything is drawn.
 *
 * @example
 * ```ts
 * import { MAX_CELLS_PER_AXIS } from 'convkit';
 * MAX_CELLS_PER_AXIS; //=> 64
 * ```
 */
export const MAX_CELLS_PER_AXIS = 64;
/**
 * Most frames an animation (GIF, animated SVG) holds; single frames of larger traces still draw.
 *
 * @example
 * ```ts
 * import { MAX_FRAMES } from 'convkit';
 * MAX_FRAMES; //=> 1024
 * ```
 */
export const MAX_FRAMES = 1024;

function oneOf<T extends string>(v: unknown, allowed: readonly T[], name: string, fallback: T): T {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  throw new ConvError('INVALID_OPTION', `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, but got ${show(v)}`, {
    values: { [name]: v },
    // The value meant where the one given is a near miss ('flats'), else the default.
    hint: `use ${name}: '${(typeof v === 'string' && meant(v, allowed)) || fallback}'`,
  });
}

/**
 * Every render option name (`frame` where one frame is drawn, `scale` for a PNG): any other is
 * refused, not ignored.
 */
const RENDER_OPTIONS: readonly string[] = ['theme', 'lang', 'numeric', 'palette', 'view', 'values', 'textScale', 'emptyCells', 'kernelFills', 'kernelLabels', 'layerChannels', 'channel', 'frame', 'scale'];

/**
 * The render options as names that `call`'s first argument (the convolution) does not take:
 * `renderSvg({ ...cfg, theme: 'flat' })` is refused saying the theme goes in the second argument.
 */
export function renderOptionsOf(call: string): Misplaced {
  return { names: RENDER_OPTIONS, kind: 'render', call };
}

export function resolveOptions(o: RenderOptions | undefined): ResolvedOptions {
  const opts = o ?? {};
  if (typeof opts !== 'object') throw new ConvError('INVALID_OPTION', `render options must be an object, but got ${show(o)}`);
  // renderSvg(cfg, { fram: 4 }) drew frame 0 without a word.
  refuseUnknownOptions(opts as Record<string, unknown>, RENDER_OPTIONS, 'render', true);
  return {
    theme: oneOf(opts.theme, ['classic', 'flat'] as const, 'theme', 'classic'),
    lang: oneOf(opts.lang, ['en', 'zh'] as const, 'lang', 'en'),
    numeric: Boolean(opts.numeric),
    palette: paletteOf(oneOf(opts.palette, ['default', 'colorblind'] as const, 'palette', 'default')),
    values: opts.values,
    textScale: textScaleOf(opts.textScale),
    emptyCells: oneOf(opts.emptyCells, ['apart', 'joined'] as const, 'emptyCells', 'apart'),
    kernelFills: kernelFillsOf(opts.kernelFills),
    kernelLabels: kernelLabelsOf(opts.kernelLabels, opts.kernelFills),
    layerChannels: layerChannelsOf(opts.layerChannels),
    channel: channelOf(opts.channel),
  };
}

const CHANNEL_HINT = 'e.g. channel: { input: 2, output: 5 } (channels count from 0; the default is { input: 0, output: 0 })';

/** The `channel` option's shape: two whole numbers from 0 (their range needs the trace: checkChannel). */
function channelOf(v: unknown): DrawnChannel {
  if (v === undefined || v === null) return { input: 0, output: 0 };
  const c = v as Partial<Record<keyof DrawnChannel, unknown>>;
  const index = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (typeof v !== 'object' || !index(c.input) || !index(c.output)) {
    throw new ConvError('INVALID_OPTION', `channel must be { input, output }, two channel numbers counted from 0, but got ${show(v)}`, {
      values: { channel: v },
      hint: CHANNEL_HINT,
    });
  }
  return { input: c.input, output: c.output };
}

/**
 * Refuses a `channel` the trace does not have: an input or output channel past its counts, or an
 * output channel that does not read the input channel (another group), whose picture would
 * print a product that no output sums.
 */
export function checkChannel(c: DrawnChannel, ch: TraceChannels): void {
  const refuse = (message: string, hint: string): never => {
    throw new ConvError('INVALID_OPTION', message, { values: { channel: { ...c }, inChannels: ch.inChannels, outChannels: ch.outChannels, groups: ch.groups }, hint });
  };
  const range = (n: number) => (n === 1 ? 'only channel 0' : `channels 0 to ${n - 1}`);
  if (c.input >= ch.inChannels) refuse(`channel.input is ${c.input}, but the layer drawn has ${ch.inChannels} input channel${ch.inChannels === 1 ? '' : 's'}`, `use ${range(ch.inChannels)}`);
  if (c.output >= ch.outChannels) refuse(`channel.output is ${c.output}, but the layer drawn has ${ch.outChannels} output channel${ch.outChannels === 1 ? '' : 's'}`, `use ${range(ch.outChannels)}`);
  const reads = ch.feeds[c.output];
  if (!reads.includes(c.input)) {
    const list = reads.length === 1 ? `input channel ${reads[0]}` : `input channels ${reads[0]} to ${reads[reads.length - 1]}`;
    refuse(`output channel ${c.output} does not read input channel ${c.input} (groups ${ch.groups}): it reads ${list} only`, `give output channel ${c.output} ${reads.length === 1 ? `channel.input ${reads[0]}` : `a channel.input from ${reads[0]} to ${reads[reads.length - 1]}`}, or an output channel of input channel ${c.input}'s group`);
  }
}

function layerChannelsOf(v: unknown): LayerChannels | null {
  if (v === undefined || v === null) return null;
  const c = v as Partial<Record<keyof LayerChannels, unknown>>;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;
  if (typeof v !== 'object' || !whole(c.inChannels) || !whole(c.outChannels) || !whole(c.groups) || c.inChannels % c.groups !== 0 || c.outChannels % c.groups !== 0) {
    throw new ConvError('INVALID_OPTION', `layerChannels must be { inChannels, outChannels, groups }, positive whole numbers with the groups dividing both counts, but got ${show(v)}`, {
      values: { layerChannels: v },
      hint: 'e.g. layerChannels: { inChannels: 64, outChannels: 32, groups: 1 } (the real layer of a picture drawn with fewer channels)',
    });
  }
  return { inChannels: c.inChannels, outChannels: c.outChannels, groups: c.groups };
}

/** A non-empty list of '#rrggbb' colours as colours; null when absent. */
function colourListOf(v: unknown, name: string, hint: string): Rgb[] | null {
  if (v === undefined || v === null) return null;
  const colours = Array.isArray(v) && v.length > 0 ? v.map((c) => (typeof c === 'string' ? rgbOf(c) : null)) : [null];
  if (colours.some((c) => c === null)) {
    throw new ConvError('INVALID_OPTION', `${name} must be a non-empty list of '#rrggbb' colours, but got ${show(v)}`, { values: { [name]: v }, hint });
  }
  return colours as Rgb[];
}

function kernelFillsOf(v: unknown): Rgb[] | null {
  return colourListOf(v, 'kernelFills', "e.g. kernelFills: ['#0072b2', '#e69f00', '#009e73'] (one per weight tap, cycled)");
}

function kernelLabelsOf(v: unknown, fills: unknown): Rgb[] | null {
  const labels = colourListOf(v, 'kernelLabels', "e.g. kernelLabels: ['#ffffff', '#111111', '#111111'] (one per weight tap, cycled as kernelFills)");
  if (labels && (fills === undefined || fills === null)) {
    throw new ConvError('INVALID_OPTION', 'kernelLabels colours the labels on the cells kernelFills paints, but kernelFills was not given', {
      values: { kernelLabels: v },
      hint: 'give kernelFills too (one fill per weight tap), or leave kernelLabels out',
    });
  }
  return labels;
}

const TEXT_SCALE = [0.5, 4] as const;

function textScaleOf(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number' && Number.isFinite(v) && v >= TEXT_SCALE[0] && v <= TEXT_SCALE[1]) return v;
  throw new ConvError('INVALID_OPTION', `textScale must be a number from ${TEXT_SCALE[0]} to ${TEXT_SCALE[1]}, but got ${show(v)}`, {
    values: { textScale: v },
    hint: 'use textScale: 1 (the default sizes), or e.g. 1.5 for a picture shown at two thirds of its size',
  });
}

const AXIS_NAMES: Record<number, string[]> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

/**
 * The size guard on a geometry, before its trace is listed: its grid (the padded or zero-inserted
 * input), its input and its output, each at most MAX_CELLS_PER_AXIS cells a side. `axis`: that
 * axis alone (the page asks which axes a refusal is about); every axis when left out.
 */
export function checkGeometryDrawable(g: ConvGeometry | PoolGeometry, axis?: number): void {
  // The other axes count as empty, so that a refusal still names the axis by its place (H, W).
  const on = (i: number, n: number) => (axis === undefined || axis === i ? n : 0);
  checkDrawable({
    grid: g.axes.map((a, i) => on(i, a.equivalent.gridSize)),
    output: g.axes.map((a, i) => on(i, a.output)),
    input: g.axes.map((a, i) => on(i, a.input)),
  }, 0);
}

/** Refuses a grid too large to draw legibly (before any drawing). */
export function checkDrawable(extents: Record<string, readonly number[]>, frames: number): void {
  for (const [what, shape] of Object.entries(extents)) {
    for (let ax = 0; ax < shape.length; ax++) {
      if (shape[ax] > MAX_CELLS_PER_AXIS) {
        const name = AXIS_NAMES[shape.length]?.[ax] ?? String(ax);
        throw new ConvError('TOO_LARGE', `the ${what} has ${shape[ax]} cells on axis ${name}, more than the ${MAX_CELLS_PER_AXIS} a picture can show`, {
          axis: name,
          values: { [what]: [...shape], limit: MAX_CELLS_PER_AXIS },
          hint: `draw a configuration with at most ${MAX_CELLS_PER_AXIS} cells per axis (the arithmetic and the trace have no such limit)`,
        });
      }
    }
  }
  if (frames > MAX_FRAMES) {
    throw new ConvError('TOO_LARGE', `the animation would have ${frames} frames, more than the limit of ${MAX_FRAMES}`, {
      values: { frames, limit: MAX_FRAMES },
      hint: 'draw a smaller configuration, or one frame (an SVG or PNG of a single frame has no frame limit)',
    });
  }
}
