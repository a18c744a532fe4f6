/**
 * The test card at any size of 2 or more: builtins.ts draws it row by row (rows copied, mirrored,
 * filled) for speed; here it is checked, value by value, against the card's definition written
 * pixel by pixel — four quarters split at floor(size / 2) — at odd sizes as well as even ones.
 */
import { describe, expect, it } from 'vitest';
// The glyph shapes are the card's data, shared; what is checked is how the card draws them.
import { GLYPHS, testCard } from '../../web/src/image/builtins.js';

type Rgb = [number, number, number];

const BARS: Rgb[] = [[1, 1, 1], [1, 1, 0], [0, 1, 1], [0, 1, 0], [1, 0, 1], [1, 0, 0], [0, 0, 1], [0, 0, 0]];

/** Whether (x, y) of the lettering (6 px per glyph cell, a blank column after each letter) is ink. */
function ink(x: number, y: number): boolean {
  const col = Math.floor(x / 6), row = Math.floor(y / 6);
  if (x < 0 || row < 0 || row >= 7 || col % 6 === 5 || Math.floor(col / 6) >= 7) return false;
  return GLYPHS['CONVKIT'[Math.floor(col / 6)]][row][col % 6] === '#';
}

/** The card's pixel (x, y) at `size`, straight from its definition. */
function cardPixel(size: number, x: number, y: number): Rgb {
  const half = Math.floor(size / 2);
  const wave = (t: number, base: number, rise: number) => 0.5 + 0.5 * Math.cos(2 * Math.PI * (base + rise * t * t) * t);
  if (y < half && x < half) {
    // Checkerboards, squares of 32, 16, 8 and 4 pixels from top to bottom.
    const cell = 32 >> Math.min(3, Math.floor((y / half) * 4));
    const v = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0 ? 0.95 : 0.08;
    return [v, v, v];
  }
  if (y < half) {
    if (y < half / 2) {
      const v = wave((x - half) / half, 2, 30);
      return [v, 1 - v, 0.25];
    }
    const v = wave((y - half / 2) / (half / 2), 3, 25);
    return [0.2 * v, 0.4 * v, 0.3 + 0.7 * v];
  }
  if (x < half) {
    // The zone plate, centred in its quarter.
    const dx = x - half / 2, dy = y - half - half / 2;
    const v = 0.5 + 0.5 * Math.cos(Math.PI * 90 * ((dx * dx + dy * dy) / (half * half)));
    return [v, v, v];
  }
  const lx = x - half, ly = y - half;
  if (ly >= half / 2) return BARS[Math.min(BARS.length - 1, Math.floor((lx / half) * BARS.length))];
  return ink(lx - 8, ly - 40) ? [1, 0.95, 0.7] : [0.1, 0.15, 0.35];
}

describe('test card', () => {
  for (const size of [2, 3, 5, 6, 17, 64, 99, 130, 255, 512]) {
    it(`at ${size} × ${size} is its definition, pixel by pixel`, () => {
      const card = testCard(size);
      expect([card.width, card.height, card.channels]).toEqual([size, size, 3]);
      const n = size * size;
      const wrong: string[] = [];
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const want = cardPixel(size, x, y).map(Math.fround);
          const got = [0, 1, 2].map((c) => card.data[c * n + y * size + x]);
          if (got.some((v, c) => v !== want[c]) && wrong.length < 5) wrong.push(`(${x}, ${y}): ${got} ≠ ${want}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('refuses a size that is no picture, saying what is valid', () => {
    for (const size of [0, 1, 2.5, -4, Number.NaN]) expect(() => testCard(size), String(size)).toThrow(/whole number of at least 2/);
  });
});
