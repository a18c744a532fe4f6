/**
 * Colours. `default` is the classic figures' Solarized palette (input blue 38,139,210; output teal
 * 42,161,152; window shade 7,54,66 at 40 %). `colorblind` swaps blue/teal for the Okabe–Ito blue
 * and orange, which stay distinct under protan-, deutan- and tritanopia, and shades in black.
 */
import type { Rgb } from './scene.js';

/** The colours of a picture: the default set, or one told apart with colour-blindness. */
export type PaletteName = 'default' | 'colorblind';

export interface Palette {
  background: Rgb;
  input: Rgb;
  output: Rgb;
  /**
   * Output padding `a` cells where empty cells are joined (the page's figure), and their legend
   * swatch: the colour the page's grids give them, so `a` is one colour in every view. It was the
   * output's teal at 30 %, which read as more output beside the grids' yellow.
   */
  extra: Rgb;
  /**
   * Zeros a transposed convolution inserts between input cells, and their legend swatch: the grey
   * the page's grids give them. Padding stays the background, so the two kinds of empty cell differ
   * by more than their dash (short vs long), which at 1× or on a phone read as one.
   */
  inserted: Rgb;
  /** Window / current-cell shade and the lines joining them. */
  shade: Rgb;
  shadeOpacity: number;
  /** Cell borders, dashed borders of padding / inserted / `a` cells. */
  grid: Rgb;
  dashed: Rgb;
  text: Rgb;
  /** Secondary text (parameters line, small kernel values). */
  muted: Rgb;
  /** Scatter view: output cells written in this frame. */
  stamp: Rgb;
}

const DEFAULT: Palette = {
  background: [255, 255, 255],
  input: [38, 139, 210],
  output: [42, 161, 152],
  extra: [253, 241, 199],
  inserted: [238, 238, 238],
  shade: [7, 54, 66],
  shadeOpacity: 0.4,
  grid: [7, 54, 66],
  dashed: [88, 110, 117],
  text: [7, 54, 66],
  muted: [88, 110, 117],
  stamp: [203, 75, 22],
};

const COLORBLIND: Palette = {
  background: [255, 255, 255],
  input: [0, 114, 178],
  output: [230, 159, 0],
  extra: [246, 238, 154],
  inserted: [238, 238, 238],
  shade: [0, 0, 0],
  shadeOpacity: 0.4,
  grid: [0, 0, 0],
  dashed: [90, 90, 90],
  text: [0, 0, 0],
  muted: [80, 80, 80],
  stamp: [204, 121, 167],
};

export function palette(name: PaletteName = 'default'): Palette {
  return name === 'colorblind' ? COLORBLIND : DEFAULT;
}

/** `top` at `opacity` over `bottom` (what a shaded cell looks like; used by tests and the GIF palette). */
export function over(bottom: Rgb, top: Rgb, opacity: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(bottom[i] + (top[i] - bottom[i]) * opacity)) as unknown as Rgb;
}

export function hex(c: Rgb): string {
  return '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
}

/** '#rrggbb' → its colour; null for anything else. */
export function rgbOf(hexColour: string): Rgb | null {
  const m = /^#([0-9a-f]{6})$/i.exec(hexColour);
  if (!m) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const DARK_TEXT: Rgb = [17, 17, 17];
const LIGHT_TEXT: Rgb = [245, 245, 245];

/** An sRGB channel (0–1) as linear light (0–1): the one decoding the contrast and colour-distance sums share. */
export function linearChannel(v: number): number {
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of an sRGB colour (0–255 per channel). */
function luminance(c: Rgb): number {
  const [r, g, b] = c.map((v) => linearChannel(v / 255));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (0–255 per channel), from 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The text colour that reads on `fill`: near-black or near-white, whichever has the higher WCAG
 * contrast ratio with it. (A split of the gamma-encoded luma at 140 of 255, the rule before, gave
 * mid-tones such as a grey-green #809080 near-white text at 3.1:1 where near-black has 5.6:1.)
 * The playground's coloured cells use it too, and its dark figure with `text`, the dark and light
 * texts that a filter can show, so that one rule picks every label.
 */
export function readableOn(fill: Rgb, text: readonly [Rgb, Rgb] = [DARK_TEXT, LIGHT_TEXT]): Rgb {
  return contrastRatio(text[0], fill) >= contrastRatio(text[1], fill) ? text[0] : text[1];
}
