/**
 * The kernel taps' colours (palette.ts TAP_COLOURS) against the planes they are drawn beside, by
 * colour difference: CIEDE2000 (Sharma, Wu & Dalal 2005) in CIE L*a*b* (D65), for colour-blind
 * eyes after Machado, Oliveira & Fernandes's (2009) simulation of deuteranopia and protanopia
 * (severity 1, applied to linear RGB). The colour-blind palette's input plane was w₀₀'s very blue
 * (#0072b2) and its output w₀₁'s orange.
 *
 * Planes: the classic figure's (the library's renderer: input, output, and the background its padding
 * and inserted zeros are drawn in) and the grids figure's (input, padding, inserted zeros, output —
 * the matrix's x and z take these), in the light theme as they are and in the dark one as the page
 * shows them: the grids in their dark palette, the classic figure through style.css's filter
 * (throughDarkFilter), with the taps the figure is given for it (figureTapFills) seen through it too.
 */
import { describe, expect, it } from 'vitest';
import { palette as rendererPalette } from '../../src/render/palette.js';
import { TAP_COLOURS, figureTapFills, paletteOf, throughDarkFilter } from '../../web/src/palette.js';

type Colour = number[];

const fromHex = (h: string): Colour => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const toSrgb = (v: number) => {
  const c = Math.min(1, Math.max(0, v));
  return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
};

/** Machado et al. 2009, severity 1.0: linear RGB → linear RGB as the dichromat sees it. */
const VISION: Record<string, number[][] | null> = {
  normal: null,
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
};

function seenBy(c: Colour, m: number[][] | null): Colour {
  if (!m) return c;
  const l = c.map(toLinear);
  return m.map((r) => toSrgb(r[0] * l[0] + r[1] * l[1] + r[2] * l[2]));
}

/** CIE L*a*b* under D65 of an sRGB colour (0–1 per channel). */
function lab(c: Colour): number[] {
  const [r, g, b] = c.map(toLinear);
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const rad = (d: number) => (d * Math.PI) / 180;

/** CIEDE2000 colour difference of two L*a*b* colours (kL = kC = kH = 1). */
function ciede2000([L1, a1, b1]: number[], [L2, a2, b2]: number[]): number {
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

const difference = (a: Colour, b: Colour, vision: string) => ciede2000(lab(seenBy(a, VISION[vision])), lab(seenBy(b, VISION[vision])));

/** Each plane's colour as the page shows it, in a theme and palette. */
function planes(theme: 'light' | 'dark', colorBlind: boolean): Record<string, Colour> {
  const r = rendererPalette(colorBlind ? 'colorblind' : 'default');
  const shown = (c: readonly number[]) => (theme === 'dark' ? throughDarkFilter(c.map((v) => v / 255)) : c.map((v) => v / 255));
  const grids = paletteOf(theme, colorBlind);
  return {
    'classic input': shown(r.input),
    'classic output': shown(r.output),
    'classic padding and inserted zeros': shown(r.background),
    'grids input': fromHex(grids.input),
    'grids padding': fromHex(grids.padding),
    'grids inserted zeros': fromHex(grids.inserted),
    'grids output': fromHex(grids.output),
  };
}

/** The taps as the page shows them: as they are (matrix, grids), and the classic figure's, through the dark filter. */
function taps(theme: 'light' | 'dark'): Record<string, Colour> {
  const out: Record<string, Colour> = {};
  TAP_COLOURS.forEach((c, i) => { out[`tap ${i} ${c}`] = fromHex(c); });
  if (theme === 'dark') figureTapFills('dark').forEach((c, i) => { out[`classic tap ${i} ${TAP_COLOURS[i]}`] = throughDarkFilter(fromHex(c)); });
  return out;
}

/** Below this, a tap and a plane are too alike to be told apart at a glance. */
const APART = 10;

describe('tap colours', () => {
  it('CIEDE2000 as published: Sharma, Wu & Dalal’s test pairs', () => {
    const pairs: [number[], number[], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[50, 2.5, 0], [50, 3.1736, 0.5854], 1.0],
    ];
    for (const [p, q, want] of pairs) expect(ciede2000(p, q)).toBeCloseTo(want, 3);
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const colorBlind of [true, false]) {
      // The colour-blind palette is for colour-blind eyes too; the default one is checked as most people see it.
      const visions = colorBlind ? Object.keys(VISION) : ['normal'];
      it(`${theme}, ${colorBlind ? 'colour-blind' : 'default'} palette: every tap stays ${APART} or more from every plane (${visions.join(', ')})`, () => {
        const near: string[] = [];
        for (const vision of visions) {
          for (const [t, tc] of Object.entries(taps(theme))) {
            for (const [p, pc] of Object.entries(planes(theme, colorBlind))) {
              const d = difference(tc, pc, vision);
              if (d < APART) near.push(`${vision}: ${t} and ${p}: ${d.toFixed(1)}`);
            }
          }
        }
        expect(near).toEqual([]);
      });
    }
  }

  // The grids highlight the current step's output cell (the colour-blind palette's orange, #e69f00)
  // beside their kernel, whose taps they draw as they are (the classic figure has no such highlight).
  it(`every tap, as the grids and the matrix draw it, stays ${APART} or more from the grids' current-output highlight`, () => {
    const near: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      for (const colorBlind of [true, false]) {
        const current = fromHex(paletteOf(theme, colorBlind).current);
        for (const vision of colorBlind ? Object.keys(VISION) : ['normal']) {
          for (const c of TAP_COLOURS) {
            const d = difference(fromHex(c), current, vision);
            if (d < APART) near.push(`${theme}${colorBlind ? ', colour-blind' : ''}, ${vision}: ${c}: ${d.toFixed(1)}`);
          }
        }
      }
    }
    expect(near).toEqual([]);
  });

  it('the nine taps stay apart from each other, as all three eyes see them', () => {
    const near: string[] = [];
    for (const vision of Object.keys(VISION)) {
      for (let i = 0; i < TAP_COLOURS.length; i++) {
        for (let j = i + 1; j < TAP_COLOURS.length; j++) {
          const d = difference(fromHex(TAP_COLOURS[i]), fromHex(TAP_COLOURS[j]), vision);
          if (d < 13) near.push(`${vision}: ${TAP_COLOURS[i]} and ${TAP_COLOURS[j]}: ${d.toFixed(1)}`);
        }
      }
    }
    expect(near).toEqual([]);
  });
});
