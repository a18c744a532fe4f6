/**
 * The default palette as colour-blind readers see it. The colour-blind palette is an option a
 * reader has to find; until then a deuteranope or protanope reads the default one, so every pair
 * of colours the figures tell things apart by is held to a CIEDE2000 difference under Machado et
 * al.'s (2009) simulation of deuteranopia and protanopia as well as for normal eyes (the measures
 * are in colour-vision.ts), in both themes, as the page shows them: overlays laid over the cell
 * they mark at the opacity views.ts draws them with, the classic figure through the dark theme's
 * filter.
 *
 * A few pairs differ in lightness only (white padding and pale-grey inserted zeros, both dashed, in
 * the grids and the classic figure alike;
 * the classic figure's dark-theme window shade): they are as far apart for a dichromat as for
 * anyone, and the test holds them to that, not to the hue pairs' threshold. Tritanopes find the
 * default blue input and teal output close (the colour-blind palette's blue and orange are for
 * them); that is pinned at what it is, so it cannot silently get worse.
 *
 * The one pair that did collapse: finished output cells (`done`, at 70 % over the output) against
 * cells still to come — 6.2 for a deuteranope and 5.0 for a protanope in the light theme, 9.5 in
 * the dark one — now a deeper teal.
 */
import { describe, expect, it } from 'vitest';
import { palette as rendererPalette } from '../../src/render/palette.js';
import { paletteOf, throughDarkFilter } from '../../web/src/palette.js';
import { difference, fromHex, over, type Colour, type Vision } from './colour-vision.js';

/** 'hue': told apart by colour, held to APART; a number: told apart by lightness alone, held to that. */
type Kind = 'hue' | number;

/** The pairs the default palette's pictures tell apart, in a theme, as shown. */
function pairs(theme: 'light' | 'dark'): [string, Colour, Colour, Kind][] {
  const p = paletteOf(theme, false);
  const c = (k: keyof typeof p) => fromHex(p[k]);
  const r = rendererPalette('default');
  const classic = (x: Colour) => (theme === 'dark' ? throughDarkFilter(x) : x);
  const [rIn, rOut, rShade, rStamp, rBg, rInserted] = [r.input, r.output, r.shade, r.stamp, r.background, r.inserted].map((x) => x.map((v) => v / 255));
  const read = over(c('input'), c('read'), 0.55);
  const readZero = over(c('padding'), c('zero'), 0.35);
  const done = over(c('output'), c('done'), 0.7);
  const current = over(c('output'), c('current'), 0.85);
  return [
    ['input / padding', c('input'), c('padding'), 'hue'],
    ['input / inserted zero', c('input'), c('inserted'), 'hue'],
    ['input / output padding', c('input'), c('extra'), 'hue'],
    ['padding / output padding', c('padding'), c('extra'), 'hue'],
    ['inserted zero / output padding', c('inserted'), c('extra'), 'hue'],
    ['padding / inserted zero', c('padding'), c('inserted'), 3],
    ['input read / not read', read, c('input'), 'hue'],
    ['input read / zero read', read, readZero, 'hue'],
    ['zero read / padding not read', readZero, c('padding'), 8],
    ['output to come / done', c('output'), done, 'hue'],
    ['output to come / current', c('output'), current, 'hue'],
    ['output done / current', done, current, 'hue'],
    ['legend: input / read', c('input'), c('read'), 'hue'],
    ['legend: input / current output', c('input'), c('current'), 'hue'],
    ['legend: read / current output', c('read'), c('current'), 'hue'],
    ['matrix: x / z (input / output)', c('input'), c('output'), 'hue'],
    ['hover outline / read', c('focus'), c('read'), 'hue'],
    ['hover outline / current output', c('focus'), c('current'), 'hue'],
    ['classic: input / output', classic(rIn), classic(rOut), 'hue'],
    // The renderer's inserted zeros: grey, as the grids', against its white padding and its input.
    ['classic: input / inserted zero', classic(rIn), classic(rInserted), 'hue'],
    ['classic: padding / inserted zero', classic(rBg), classic(rInserted), 3],
    // The renderer's window and current cell: the planes' colour under a dark shade, lighter through the dark theme's filter.
    ['classic: input / window', classic(rIn), classic(over(rIn, rShade, r.shadeOpacity)), theme === 'dark' ? 7.5 : 12],
    ['classic: output / current', classic(rOut), classic(over(rOut, rShade, r.shadeOpacity)), theme === 'dark' ? 8.5 : 12],
    ['classic: output / scatter stamp', classic(rOut), classic(rStamp), 'hue'],
  ];
}

/** Least CIEDE2000 of a pair told apart by colour, for normal eyes and for deuteranopes and protanopes. */
const APART = 12;
/** A lightness pair may lose no more than this to deuteranopia or protanopia. */
const LOSS = 1;
/** Tritanopes: the default blues and teals, as they are now (5.7 in the dark theme's legend, the least). */
const TRITAN_APART = 5.5;

describe('the default palette for colour-blind eyes', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: every pair told apart by colour stays ${APART} or more apart, for normal, deuteranope and protanope eyes`, () => {
      const near: string[] = [];
      for (const [name, a, b, kind] of pairs(theme)) {
        if (kind !== 'hue') continue;
        for (const vision of ['normal', 'deuteranopia', 'protanopia'] as Vision[]) {
          const d = difference(a, b, vision);
          if (d < APART) near.push(`${vision}: ${name}: ${d.toFixed(1)}`);
        }
      }
      expect(near).toEqual([]);
    });

    it(`${theme}: the pairs told apart by lightness keep their difference, and deuteranopes and protanopes lose none of it`, () => {
      const lost: string[] = [];
      for (const [name, a, b, kind] of pairs(theme)) {
        if (kind === 'hue') continue;
        const normal = difference(a, b, 'normal');
        if (normal < kind) lost.push(`normal: ${name}: ${normal.toFixed(1)}, under ${kind}`);
        for (const vision of ['deuteranopia', 'protanopia'] as Vision[]) {
          const d = difference(a, b, vision);
          if (d < normal - LOSS) lost.push(`${vision}: ${name}: ${d.toFixed(1)} (normal ${normal.toFixed(1)})`);
        }
      }
      expect(lost).toEqual([]);
    });

    it(`${theme}: for tritanopes no pair told apart by colour is nearer than the default blues and teals (${TRITAN_APART})`, () => {
      const near = pairs(theme).filter(([, a, b, kind]) => kind === 'hue' && difference(a, b, 'tritanopia') < TRITAN_APART).map(([name, a, b]) => `${name}: ${difference(a, b, 'tritanopia').toFixed(1)}`);
      expect(near).toEqual([]);
    });
  }

  it('the simulation leaves greys grey and moves what it should: red and green meet for a deuteranope, not for normal eyes', () => {
    for (const vision of ['deuteranopia', 'protanopia', 'tritanopia'] as Vision[]) {
      for (const g of ['#ffffff', '#808080', '#202020']) expect(difference(fromHex(g), fromHex(g), vision)).toBe(0);
      expect(difference(fromHex('#808080'), fromHex('#808080'), vision)).toBeCloseTo(0, 6);
    }
    // A classic confusion pair: a red and a green of like lightness.
    expect(difference(fromHex('#b85c4c'), fromHex('#7b8a3c'), 'normal')).toBeGreaterThan(20);
    expect(difference(fromHex('#b85c4c'), fromHex('#7b8a3c'), 'deuteranopia')).toBeLessThan(difference(fromHex('#b85c4c'), fromHex('#7b8a3c'), 'normal') / 3);
  });
});
