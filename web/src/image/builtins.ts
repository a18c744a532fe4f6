/**
 * The built-in pictures, drawn by code so that they carry no licence of their own and are the same
 * on every machine: a test card (checkerboards, stripes of rising frequency, a zone plate, colour
 * bars and lettering — edges in every direction and frequency for the kernels to act on) and a smooth
 * synthetic landscape (gradients, soft shapes and fine texture, like a photograph).
 */
import type { Picture } from './picture.js';

export type BuiltinName = 'card' | 'scene';
export const BUILTINS: readonly BuiltinName[] = ['card', 'scene'];

/** Side of the built-in pictures: the size the one-frame bar is stated for. */
export const BUILTIN_SIZE = 512;

const cache = new Map<BuiltinName, Picture>();

/** A built-in picture (drawn once, then kept). */
export function builtin(name: BuiltinName): Picture {
  let p = cache.get(name);
  if (!p) {
    p = name === 'card' ? testCard(BUILTIN_SIZE) : landscape(BUILTIN_SIZE);
    cache.set(name, p);
  }
  return p;
}

type Rgb = [number, number, number];

function canvas(size: number): { p: Picture; set: (x: number, y: number, c: Rgb) => void } {
  const n = size * size;
  const data = new Float32Array(3 * n);
  const p: Picture = { width: size, height: size, channels: 3, data };
  return {
    p,
    set(x, y, [r, g, b]) {
      const i = y * size + x;
      data[i] = r;
      data[n + i] = g;
      data[2 * n + i] = b;
    },
  };
}

/** 5 × 7 capitals of the word on the card, one string of '#' and '.' per row. */
export const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
  O: ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  N: ['#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#', '#...#'],
  V: ['#...#', '#...#', '#...#', '#...#', '#...#', '.#.#.', '..#..'],
  K: ['#...#', '#..#.', '#.#..', '##...', '#.#..', '#..#.', '#...#'],
  I: ['.###.', '..#..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
};

function letterAt(word: string, x: number, y: number, scale: number): boolean {
  const col = Math.floor(x / scale);
  const row = Math.floor(y / scale);
  if (row < 0 || row >= 7 || col < 0) return false;
  const letter = Math.floor(col / 6);
  const cx = col % 6;
  if (letter >= word.length || cx === 5) return false;
  return GLYPHS[word[letter]][row][cx] === '#';
}

const BARS: Rgb[] = [[1, 1, 1], [1, 1, 0], [0, 1, 1], [0, 1, 0], [1, 0, 1], [1, 0, 0], [0, 0, 1], [0, 0, 0]];

/**
 * Drawn row by row into the three planes: a row of the checkerboards, the vertical stripes and the
 * bars is computed once and copied, the other stripes and the lettering's background are filled,
 * and only the zone plate and the letters go pixel by pixel. The card is drawn when the image mode
 * first opens, before its first picture, by code that has not run before (and is slow to run
 * pixel by pixel in any case).
 */
export function testCard(size: number): Picture {
  if (!Number.isInteger(size) || size < 2) throw new RangeError(`the test card's size must be a whole number of at least 2, but got ${size}`);
  const n = size * size;
  const data = new Float32Array(3 * n);
  // Four quarters split at `half`: the left and top ones `half` pixels across, the right and
  // bottom ones `right` (one more at an odd size).
  const half = Math.floor(size / 2);
  const right = size - half;
  /** Copies one row's three planes (each `right` or `half` values) to row y, from column x. */
  const row = (y: number, x: number, r: Float32Array, g: Float32Array, b: Float32Array) => {
    const i = y * size + x;
    data.set(r, i);
    data.set(g, n + i);
    data.set(b, 2 * n + i);
  };
  const fill = (y: number, x0: number, x1: number, r: number, g: number, b: number) => {
    const i = y * size;
    data.fill(r, i + x0, i + x1);
    data.fill(g, n + i + x0, n + i + x1);
    data.fill(b, 2 * n + i + x0, 2 * n + i + x1);
  };
  // Checkerboards whose squares halve from 32 to 4 cells, top to bottom: a row depends only on
  // its square size and on which square row it is in (odd or even).
  const boards = new Map<number, Float32Array>();
  for (let y = 0; y < half; y++) {
    const cell = 32 >> Math.min(3, Math.floor((y / half) * 4));
    const key = 2 * cell + (Math.floor(y / cell) % 2);
    let line = boards.get(key);
    if (!line) {
      line = new Float32Array(half);
      for (let x = 0; x < half; x++) line[x] = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0 ? 0.95 : 0.08;
      boards.set(key, line);
    }
    row(y, 0, line, line, line);
  }
  // Stripes: vertical ones rising in frequency to the right (red-green), horizontal below (blue).
  const red = new Float32Array(right);
  const green = new Float32Array(right);
  for (let x = half; x < size; x++) {
    const u = (x - half) / half;
    const v = 0.5 + 0.5 * Math.cos(2 * Math.PI * (2 + 30 * u * u) * u);
    red[x - half] = v;
    green[x - half] = 1 - v;
  }
  const quarter = new Float32Array(right).fill(0.25);
  for (let y = 0; y < half; y++) {
    if (y < half / 2) row(y, half, red, green, quarter);
    else {
      const w = (y - half / 2) / (half / 2);
      const v = 0.5 + 0.5 * Math.cos(2 * Math.PI * (3 + 25 * w * w) * w);
      fill(y, half, size, 0.2 * v, 0.4 * v, 0.3 + 0.7 * v);
    }
  }
  // A zone plate: rings whose frequency grows with the radius (every orientation at once). Its
  // rows are mirrored about its centre, as is each row: a row is computed once for both of its
  // rows, and half of it is copied. The centre, half / 2, falls between two pixels when half is
  // odd (a card of 130 or of 5): the computed columns then start at the pixel right of it.
  const plates = new Map<number, Float32Array>();
  for (let y = half; y < size; y++) {
    const dy = Math.abs(y - half - half / 2);
    let line = plates.get(dy);
    if (!line) {
      line = new Float32Array(half);
      for (let x = Math.ceil(half / 2); x < half; x++) {
        const dx = x - half / 2;
        const v = 0.5 + 0.5 * Math.cos(Math.PI * 90 * ((dx * dx + dy * dy) / (half * half)));
        line[x] = v;
        // Column x's mirror, half − x, has −dx (the first column, with dx = −half/2, has none).
        if (half - x !== x) line[half - x] = v;
      }
      const dx0 = -half / 2;
      line[0] = 0.5 + 0.5 * Math.cos(Math.PI * 90 * ((dx0 * dx0 + dy * dy) / (half * half)));
      plates.set(dy, line);
    }
    row(y, 0, line, line, line);
  }
  // Lettering above colour bars.
  const bars = [new Float32Array(right), new Float32Array(right), new Float32Array(right)];
  for (let lx = 0; lx < right; lx++) {
    const c = BARS[Math.min(BARS.length - 1, Math.floor((lx / half) * BARS.length))];
    for (let k = 0; k < 3; k++) bars[k][lx] = c[k];
  }
  for (let y = half; y < size; y++) {
    const ly = y - half;
    if (ly >= half / 2) {
      row(y, half, bars[0], bars[1], bars[2]);
      continue;
    }
    fill(y, half, size, 0.1, 0.15, 0.35);
    // The letters' rows only (7 glyph rows of 6 pixels, from 40 down).
    if (ly < 40 || ly >= 40 + 7 * 6) continue;
    for (let lx = 0; lx < right; lx++) if (letterAt('CONVKIT', lx - 8, ly - 40, 6)) fill(y, half + lx, half + lx + 1, 1, 0.95, 0.7);
  }
  return { width: size, height: size, channels: 3, data };
}

/** A deterministic pseudo-random value in [0, 1) for an integer lattice point. */
function hash(x: number, y: number, seed: number): number {
  let h = (x * 374761393 + y * 668265263 + seed * 982451653) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Smooth value noise: lattice values blended with a smoothstep, summed over octaves. */
function noise(x: number, y: number, seed: number): number {
  let sum = 0;
  let amp = 0.5;
  let f = 1;
  for (let o = 0; o < 4; o++) {
    const fx = x * f;
    const fy = y * f;
    const ix = Math.floor(fx);
    const iy = Math.floor(fy);
    const tx = fx - ix;
    const ty = fy - iy;
    const sx = tx * tx * (3 - 2 * tx);
    const sy = ty * ty * (3 - 2 * ty);
    const a = hash(ix, iy, seed + o);
    const b = hash(ix + 1, iy, seed + o);
    const c = hash(ix, iy + 1, seed + o);
    const d = hash(ix + 1, iy + 1, seed + o);
    sum += amp * (a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy);
    amp /= 2;
    f *= 2;
  }
  return sum;
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** The colour of the landscape above the water at (u, v) in [0, 1]² (v down). */
function land(u: number, v: number): Rgb {
  const horizon = 0.62;
  // Sky: deep blue at the top to a pale haze at the horizon, with a soft sun.
  let c = mix([0.22, 0.42, 0.78], [0.93, 0.88, 0.78], clamp01(v / horizon) ** 1.6);
  const sun = Math.hypot(u - 0.72, v - 0.22);
  c = mix(c, [1, 0.95, 0.75], clamp01(1 - sun / 0.07) ** 0.6);
  c = mix(c, [1, 0.9, 0.7], 0.35 * Math.exp(-((sun / 0.2) ** 2)));
  // Clouds: noise thresholded softly, only in the upper sky.
  const cloud = clamp01((noise(u * 6, v * 14, 7) - 0.52) * 4) * clamp01(1 - v / 0.45);
  c = mix(c, [0.97, 0.97, 0.99], cloud);
  // Far hills (bluish), then near hills (green) with light from the sun side and grassy texture.
  const far = 0.5 + 0.05 * Math.sin(u * 9 + 1) + 0.03 * Math.sin(u * 23);
  if (v > far) c = mix([0.45, 0.55, 0.68], [0.38, 0.5, 0.6], clamp01((v - far) * 8));
  const near = 0.57 + 0.04 * Math.sin(u * 5 + 2.5) + 0.015 * Math.sin(u * 31);
  if (v > near) {
    const shade = 0.75 + 0.25 * Math.cos(u * 5 + 2.5 - 0.8);
    const grain = 0.85 + 0.3 * noise(u * 120, v * 120, 3);
    c = [0.25 * shade * grain, 0.5 * shade * grain, 0.2 * shade * grain];
  }
  // Three dark pines on the near hill.
  for (const [tx, h] of [[0.18, 0.09], [0.23, 0.06], [0.85, 0.08]] as const) {
    const base = 0.57 + 0.04 * Math.sin(tx * 5 + 2.5) + 0.015 * Math.sin(tx * 31) + 0.01;
    const top = base - h;
    if (v > top && v < base && Math.abs(u - tx) < ((v - top) / h) * 0.025) c = [0.08, 0.2, 0.1];
  }
  return c;
}

export function landscape(size: number): Picture {
  const { p, set } = canvas(size);
  const waterline = 0.62;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      let c: Rgb;
      if (v < waterline) c = land(u, v);
      else {
        // The lake mirrors the land, rippled and darkened with depth.
        const depth = (v - waterline) / (1 - waterline);
        const ripple = 0.006 * Math.sin(v * 260 + 3 * Math.sin(u * 20)) * (0.3 + depth);
        const m = land(u + ripple, Math.max(0, 2 * waterline - v));
        c = mix(m, [0.1, 0.22, 0.3], 0.25 + 0.5 * depth);
      }
      set(x, y, [clamp01(c[0]), clamp01(c[1]), clamp01(c[2])]);
    }
  }
  return p;
}
