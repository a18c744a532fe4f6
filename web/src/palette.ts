/**
 * Colours of the page's pictures, per theme, with a colour-blind-safe variant (Okabe–Ito hues,
 * which stay distinct under deuteranopia, protanopia and tritanopia). Fills are written as SVG
 * attributes, so an exported SVG carries its colours with it.
 */
import { hex, linearChannel, palette as rendererPalette, readableOn, rgbOf } from '../../src/render/palette.js';
import type { Rgb } from '../../src/render/scene.js';
import type { Theme } from './state.js';

export interface Palette {
  background: string;
  text: string;
  line: string;
  input: string;
  padding: string;
  inserted: string;
  extra: string;
  output: string;
  kernel: string;
  /** Cells read by the current step / the hovered cell's partners. */
  read: string;
  /** A tap of the current step that reads a zero (padding, inserted zero, `a` cell). */
  zero: string;
  /** The output cell of the current step. */
  current: string;
  /** Output cells already computed. */
  done: string;
  /** Keyboard focus / pointer cell outline. */
  focus: string;
  dashed: string;
}

/*
 * The default palettes are read by colour-blind readers too (test/web/palette-default.test.ts holds
 * every pair the figures tell apart to a colour difference for deuteranopes and protanopes):
 * `done` is a deeper teal than the output it marks, as a dichromat saw the paler one it was
 * (#8fd3c8 light, #2a6e64 dark) almost as the output cells still to come.
 */
const light: Palette = {
  background: '#ffffff',
  text: '#1b1f24',
  line: '#5b6573',
  input: '#a9cbe8',
  padding: '#ffffff',
  inserted: '#eeeeee',
  // Output padding `a`: the classic figure's colour for it (the renderer's), one colour in every view.
  extra: hex(rendererPalette('default').extra),
  output: '#d3efe9',
  kernel: '#f3e3c3',
  read: '#1f6fb5',
  zero: '#8a94a3',
  current: '#16877a',
  done: '#64a8a0',
  focus: '#b3001b',
  dashed: '#7b8594',
};

const dark: Palette = {
  background: '#15181d',
  text: '#e8ebef',
  line: '#8b95a3',
  input: '#2c5577',
  padding: '#15181d',
  inserted: '#262a31',
  extra: '#4a4225',
  output: '#1f3f3a',
  kernel: '#4b3d22',
  read: '#6cb4f0',
  zero: '#6a7482',
  current: '#35c2ad',
  done: '#3c9088',
  focus: '#ff6b81',
  dashed: '#7b8594',
};

/** Okabe–Ito: sky blue input, blue reads, orange current output, yellow done, vermillion focus. */
const lightCb: Palette = {
  ...light,
  input: '#9fd3f2',
  extra: hex(rendererPalette('colorblind').extra),
  output: '#f3e1b8',
  kernel: '#e3c9dc',
  read: '#0072b2',
  zero: '#7a7a7a',
  current: '#e69f00',
  done: '#f0e442',
  focus: '#d55e00',
};

const darkCb: Palette = {
  ...dark,
  input: '#1f5d80',
  extra: '#5c5520',
  output: '#4d3a10',
  kernel: '#5a3d52',
  read: '#56b4e9',
  zero: '#8a8a8a',
  current: '#e69f00',
  done: '#8a7f16',
  focus: '#ff7a3d',
};

export function paletteOf(theme: Theme, colorBlind: boolean): Palette {
  if (theme === 'dark') return colorBlind ? darkCb : dark;
  return colorBlind ? lightCb : light;
}

/** A readable text colour on a given fill (near-black or near-white, the higher contrast: the renderer's rule, `readableOn`). */
export function textOn(fill: string): string {
  return hex(readableOn(rgbOf(fill) ?? [0, 0, 0]));
}

/**
 * One colour per weight tap (nine, so the taps of a 3×3 kernel all differ; cycled for larger
 * kernels), the same in every theme and palette. The matrix paints each entry w₀₀ … w₂₂ in its
 * tap's colour, and the figures' kernels paint their cells so while the Matrix tab is open, so
 * kernel cell and matrix entry are matched by colour — beside the planes and the matrix's x and z,
 * so no tap may look like a plane, to any reader: the default palette is read by colour-blind
 * readers too. The nine were chosen by a search over the sRGB cube (a grid, the max–min set on it,
 * then single steps) against what test/web/palette-taps.test.ts checks, in CIEDE2000 for normal
 * vision and for simulated deuteranopia, protanopia and tritanopia (Machado et al.'s 2009 model,
 * test/web/colour-vision.ts): every tap apart from every plane colour of both palettes in both
 * themes (input, output, padding, inserted zeros, output padding, the read and current-output
 * highlights, the classic figure's planes, background and scatter stamp) and from the matrix's
 * marks as drawn (MATRIX_MARK_OPACITY: the focus colour over the empty cells and the x and z cells
 * of the marked row or column; the pale pink that was w₀₁ here looked like an empty cell of the
 * marked row), a tap under the mark apart from an empty cell under it, the nine apart from each
 * other, none within 30° of hue of a saturated plane colour, at least 1.8:1 against both themes'
 * backgrounds, 4.5:1 between each tap and the label `textOn` writes on it, and each one a colour
 * the dark figure's filter can show. The order puts the most different colours next to each other
 * in a 3×3 kernel. Their plane distances for dichromats are smaller than for normal eyes: a
 * dichromat sees a plane of colours, which the planes' blues, teals, oranges, yellows and greys
 * already crowd; the labels w₀₀ … w₂₂ name each cell besides.
 */
export const TAP_COLOURS = ['#77c577', '#54395d', '#7c8b77', '#a17cff', '#158028', '#a842a6', '#676469', '#d8a0af', '#43543c'];

/**
 * How strongly the matrix tints its marked row or column, and the x and z cells it links, with
 * the focus colour: over cells drawn one by one, and (a little stronger, the cells being small)
 * over a large matrix drawn one path per tap. palette-taps.test.ts keeps the taps apart from
 * these tints as they composite.
 */
export const MATRIX_MARK_OPACITY = { cells: 0.16, large: 0.18 } as const;

export function tapFill(tap: number): string {
  return TAP_COLOURS[tap % TAP_COLOURS.length];
}

/**
 * Whether the figures paint their kernel taps in the matrix's colours now: while the Matrix tab is
 * open (side-tabs.ts writes the open tab on the body).
 */
export function tapsShown(): boolean {
  return document.body.dataset.side === 'matrix';
}

/**
 * The tap colours for the classic figure (the renderer's `kernelFills`, indexed by tap as
 * `tapFill`, which it cycles the same way). In the dark theme that figure is shown through
 * style.css's `filter: invert(0.95) hue-rotate(180deg)`: each colour is given as the one that
 * filter turns into the matrix's (all nine are colours it can produce; for one it could not, the
 * nearest it can), so a kernel cell and its matrix entries still match. Their labels are given
 * with them (figureTapLabels).
 */
export function figureTapFills(theme: Theme): string[] {
  return theme === 'dark' ? (darkFills ??= TAP_COLOURS.map((c) => hex(beforeDarkFilter(rgbOf(c)!)))) : [...TAP_COLOURS];
}

let darkFills: string[] | undefined;

/**
 * The label colours the classic figure is given with figureTapFills (the renderer's `kernelLabels`);
 * null: the renderer's own. Through the dark filter the renderer's pick, made on the fill as given,
 * read at 2.2 to 4.3:1 on five taps; each label is picked instead by the same rule on the fill as
 * shown, between the dark and light texts the filter shows.
 */
export function figureTapLabels(theme: Theme): string[] | null {
  return theme === 'dark' ? figureTapFills('dark').map((c) => hex(darkLabel(rgbOf(c)!.map((v) => v / 255)))) : null;
}

/** What the dark filter shows for a colour given in 0–255, in 0–255. */
const shownDark = (c: readonly number[]): Rgb => throughDarkFilter(c.map((v) => v / 255)).map((v) => v * 255) as unknown as Rgb;

/**
 * The dark and light label colours as the dark filter shows them: given white, it shows a
 * near-black; given black, a near-white. `readableOn` picks between these on the fill as shown.
 */
const darkLabels = (): readonly [Rgb, Rgb] => [shownDark([255, 255, 255]), shownDark([0, 0, 0])];

/** The label (white or black, as given to the filter) that reads on fill `x` (0–1) as the filter shows both. */
function darkLabel(x: readonly number[]): Rgb {
  const shown = shownDark(x.map((v) => v * 255));
  const labels = darkLabels();
  return readableOn(shown, labels) === labels[0] ? [255, 255, 255] : [0, 0, 0];
}

/**
 * The amount of style.css's invert() on the dark theme's classic figure. Its darkest and lightest
 * greys are 13 and 242 of 255: at 0.92 (20 and 235) no label could read at 4.5:1 on the green tap
 * #158028 as shown (4.2:1 at best); at 0.95 its label reads at 4.5:1.
 */
const DARK_INVERT = 0.95;

/**
 * What the dark theme's filter shows for `c` (0–1 per channel): invert(0.95), then
 * hue-rotate(180deg) with the matrix of the Filter Effects specification, clamped.
 */
export function throughDarkFilter(c: readonly number[]): number[] {
  const u = c.map((v) => DARK_INVERT - (2 * DARK_INVERT - 1) * v);
  return HUE_ROTATE_180.map((r) => Math.min(1, Math.max(0, r[0] * u[0] + r[1] * u[1] + r[2] * u[2])));
}

/** hue-rotate(180deg) as the specification writes it; it is its own inverse (its square is the identity). */
const HUE_ROTATE_180 = [[-0.574, 1.43, 0.144], [0.426, 0.43, 0.144], [0.426, 1.43, -0.856]];

/** The colour the dark filter turns into `c` (0–1 per channel), unclamped: outside 0–1 where the filter cannot show `c`. */
function undoDarkFilter(c: readonly number[]): number[] {
  const u = HUE_ROTATE_180.map((r) => r[0] * c[0] + r[1] * c[1] + r[2] * c[2]);
  return u.map((v) => (DARK_INVERT - v) / (2 * DARK_INVERT - 1));
}

/** CIE L*a*b* (D65) of an sRGB colour (0–1 per channel): where distances match what the eye sees. */
function lab(c: readonly number[]): number[] {
  const [r, g, b] = c.map(linearChannel);
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505), y = f(0.2126 * r + 0.7152 * g + 0.0722 * b), z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/**
 * The colour that the dark theme's filter shows closest to `target`: the filter undone where it
 * can show `target`; else a coarse grid of the RGB cube around the nearest colour it can, then
 * eight finer ones, each around the best point so far at half the step. Closest in
 * L*a*b* with lightness at half weight (CIE's kL = 2): where the filter cannot reach the colour
 * (a bright yellow or orange), a darker colour of the right hue matches better than a lighter one
 * of another (yellow came out olive halfway to orange).
 */
function beforeDarkFilter(target: Rgb): Rgb {
  const want = lab(target.map((v) => v / 255));
  const miss = (x: readonly number[]) => {
    const got = lab(throughDarkFilter(x));
    return Math.hypot((got[0] - want[0]) / 2, got[1] - want[1], got[2] - want[2]);
  };
  // From the filter undone, clamped: the answer itself where the filter reaches the colour (a
  // search from mid-grey could settle in another dip, and showed a green 4 units off), else near it.
  let best = undoDarkFilter(target.map((v) => v / 255)).map((v) => Math.min(1, Math.max(0, v)));
  let bestMiss = miss(best);
  for (let step = 1 / 8, span = 4; step > 1 / 2048; step /= 2, span = 1) {
    const at = best;
    for (let i = -span; i <= span; i++) for (let j = -span; j <= span; j++) for (let k = -span; k <= span; k++) {
      const x = [at[0] + i * step, at[1] + j * step, at[2] + k * step].map((v) => Math.min(1, Math.max(0, v)));
      const m = miss(x);
      if (m < bestMiss) [best, bestMiss] = [x, m];
    }
  }
  return best.map((v) => Math.round(v * 255)) as unknown as Rgb;
}
