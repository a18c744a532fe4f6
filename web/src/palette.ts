/**
 * Colours of the page's pictures, per theme, with a colour-blind-safe variant (Okabe–Ito hues,
 * which stay distinct under deuteranopia, protanopia and tritanopia). Fills are written as SVG
 * attributes, so an exported SVG carries its colours with it.
 */
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

const light: Palette = {
  background: '#ffffff',
  text: '#1b1f24',
  line: '#5b6573',
  input: '#a9cbe8',
  padding: '#ffffff',
  inserted: '#eeeeee',
  extra: '#fdf1c7',
  output: '#d3efe9',
  kernel: '#f3e3c3',
  read: '#1f6fb5',
  zero: '#8a94a3',
  current: '#16877a',
  done: '#8fd3c8',
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
  done: '#2a6e64',
  focus: '#ff6b81',
  dashed: '#7b8594',
};

/** Okabe–Ito: sky blue input, blue reads, orange current output, yellow done, vermillion focus. */
const lightCb: Palette = {
  ...light,
  input: '#9fd3f2',
  extra: '#f6ee9a',
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

/** A readable text colour on a given fill (black or white by luminance). */
export function textOn(fill: string): string {
  const n = parseInt(fill.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return l > 140 ? '#111111' : '#f5f5f5';
}

/**
 * One hue per weight tap (Okabe–Ito-derived, colour-blind safe, and a dark grey ninth so the nine
 * taps of a 3×3 kernel all differ: w₂₂ shared w₀₀'s blue; cycled for larger kernels), the same
 * in every theme. The matrix paints each entry w₀₀ … w₂₂ in its tap's hue, and the grids figure's
 * kernel paints its cells so while the Matrix tab is open, so kernel cell and matrix entry are
 * matched by colour. `tap`: the flat raster index of the stored weight's tap.
 */
export const TAP_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#7a5195', '#4d4d4d'];

export function tapFill(tap: number): string {
  return TAP_COLOURS[tap % TAP_COLOURS.length];
}
