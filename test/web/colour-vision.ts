/**
 * How far apart two colours look, to ordinary eyes and to dichromats: the measure the palette
 * tests (palette-taps, palette-default) hold the page's colours to.
 *
 * - Difference: CIEDE2000 (Sharma, Wu & Dalal 2005) between CIE L*a*b* (D65) colours.
 * - Colour-blind eyes: the simulation of Machado, Oliveira & Fernandes (2009, "A physiologically-
 *   based model for simulation of color vision deficiency", IEEE TVCG 15(6)) at severity 1.0, i.e.
 *   full dichromacy: one 3×3 matrix per kind of deficiency, applied to linear sRGB. Their model is
 *   built for the anomalous trichromacies, whose limit is dichromacy; for tritanopia it is the
 *   rougher approximation (Brettel, Viénot & Mollon 1997 model it more closely), but it still puts
 *   blue and green together and yellow and pink, which is what a palette has to survive.
 * - Contrast: WCAG 2's contrast ratio of relative luminances.
 */

/** A colour as sRGB, 0–1 per channel. */
export type Colour = number[];

export const fromHex = (h: string): Colour => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
export const toHex = (c: Colour): string => '#' + c.map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, '0')).join('');
export const toLinear = (v: number): number => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const toSrgb = (v: number) => {
  const c = Math.min(1, Math.max(0, v));
  return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
};

export type Vision = 'normal' | 'deuteranopia' | 'protanopia' | 'tritanopia';

/** Machado et al. 2009, severity 1.0: linear RGB → linear RGB as the dichromat sees it (rows: R, G, B). */
const MATRIX: Record<Vision, number[][] | null> = {
  normal: null,
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

export const VISIONS = Object.keys(MATRIX) as Vision[];

/** `c` as an eye with `vision` sees it, as the sRGB colour that shows it to ordinary eyes. */
export function seenBy(c: Colour, vision: Vision): Colour {
  const m = MATRIX[vision];
  if (!m) return c;
  const l = c.map(toLinear);
  return m.map((r) => toSrgb(r[0] * l[0] + r[1] * l[1] + r[2] * l[2]));
}

/** CIE L*a*b* under D65 of an sRGB colour. */
export function lab(c: Colour): number[] {
  const [r, g, b] = c.map(toLinear);
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const rad = (d: number) => (d * Math.PI) / 180;

/** CIEDE2000 colour difference of two L*a*b* colours (kL = kC = kH = 1). */
export function ciede2000([L1, a1, b1]: number[], [L2, a2, b2]: number[]): number {
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const [a1p, a2p] = [(1 + g) * a1, (1 + g) * a2];
  const [c1, c2] = [Math.hypot(a1p, b1), Math.hypot(a2p, b2)];
  const hue = (a: number, b: number) => (a === 0 && b === 0 ? 0 : ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360);
  const [h1, h2] = [hue(a1p, b1), hue(a2p, b2)];
  let dh = 0;
  if (c1 * c2 !== 0) dh = h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 < -180 ? h2 - h1 + 360 : h2 - h1;
  const dL = L2 - L1;
  const dC = c2 - c1;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin(rad(dh / 2));
  const lBar = (L1 + L2) / 2;
  const cBarP = (c1 + c2) / 2;
  let hBar = h1 + h2;
  if (c1 * c2 !== 0) hBar = Math.abs(h1 - h2) > 180 ? (h1 + h2 + (h1 + h2 < 360 ? 360 : -360)) / 2 : (h1 + h2) / 2;
  const t = 1 - 0.17 * Math.cos(rad(hBar - 30)) + 0.24 * Math.cos(rad(2 * hBar)) + 0.32 * Math.cos(rad(3 * hBar + 6)) - 0.2 * Math.cos(rad(4 * hBar - 63));
  const sL = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sC = 1 + 0.045 * cBarP;
  const sH = 1 + 0.015 * cBarP * t;
  const rT = -2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7)) * Math.sin(rad(60 * Math.exp(-(((hBar - 275) / 25) ** 2))));
  return Math.sqrt((dL / sL) ** 2 + (dC / sC) ** 2 + (dH / sH) ** 2 + rT * (dC / sC) * (dH / sH));
}

/** CIEDE2000 between two colours as an eye with `vision` sees them. */
export const difference = (a: Colour, b: Colour, vision: Vision): number => ciede2000(lab(seenBy(a, vision)), lab(seenBy(b, vision)));

/** `top` laid at `opacity` over `bottom`, as SVG's fill-opacity composites it (in sRGB values). */
export const over = (bottom: Colour, top: Colour, opacity: number): Colour => bottom.map((v, i) => v + (top[i] - v) * opacity);

/** WCAG 2 relative luminance and contrast ratio (1 to 21). */
export const luminance = (c: Colour): number => {
  const [r, g, b] = c.map(toLinear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
export const contrast = (a: Colour, b: Colour): number => {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};
