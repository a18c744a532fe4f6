/**
 * Text for the raster path: decodes the generated glyph masks (font/glyphs.ts) lazily and measures
 * strings with the same advances the layout uses, so SVG and GIF/PNG place text alike.
 */
import { GLYPHS, type GlyphRecord } from '../font/glyphs.js';
import { FONT_SIZES } from '../font/family.js';

export interface Glyph {
  advance: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Alpha 0–1 per pixel, row-major w×h. */
  alpha: Float32Array;
}

const cache = new Map<string, Glyph>();

/** The generated size nearest to `size`. */
export function snapFontSize(size: number): number {
  let best: number = FONT_SIZES[0];
  for (const s of FONT_SIZES) if (Math.abs(s - size) < Math.abs(best - size)) best = s;
  return best;
}

function decode(rec: GlyphRecord): Glyph {
  const [advance, x, y, w, h, b64] = rec;
  const bytes = base64Bytes(b64);
  const alpha = new Float32Array(w * h);
  for (let i = 0; i < alpha.length; i++) alpha[i] = ((i & 1 ? bytes[i >> 1] : bytes[i >> 1] >> 4) & 15) / 15;
  return { advance, x, y, w, h, alpha };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64Bytes(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0, acc = 0, o = 0;
  for (const ch of clean) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
  }
  return out;
}

/** The largest generated size: larger text is its mask resampled (see `glyph`). */
const LARGEST: number = FONT_SIZES[FONT_SIZES.length - 1];

/**
 * The glyph of `ch` at a generated size; a missing character is drawn as a box ('□' semantics).
 * Text above the largest generated size by more than half a pixel (a PNG drawn at 2× or 3×, a large
 * textScale) is the largest mask resampled to that size: snapped, it came out at 17 px in room
 * measured for its own size. Its advance is the one `textWidth` measures for that size.
 */
export function glyph(ch: string, size: number): Glyph {
  if (size > LARGEST + 0.5) {
    const key = `${size}:${ch}`;
    let g = cache.get(key);
    if (!g) cache.set(key, (g = resample(glyph(ch, LARGEST), size / LARGEST)));
    return g;
  }
  const s = snapFontSize(size);
  const key = `${s}:${ch}`;
  let g = cache.get(key);
  if (!g) {
    const rec = GLYPHS[s].glyphs[ch];
    if (rec) g = decode(rec);
    else {
      // Unknown character: an outlined box the width of a CJK glyph, so the gap is visible.
      const w = Math.max(3, Math.round(s * 0.7)), h = Math.round(s * 0.8);
      const alpha = new Float32Array(w * h);
      for (let yy = 0; yy < h; yy++) for (let xx = 0; xx < w; xx++) if (xx === 0 || yy === 0 || xx === w - 1 || yy === h - 1) alpha[yy * w + xx] = 1;
      g = { advance: w + 2, x: 1, y: -h, w, h, alpha };
    }
    cache.set(key, g);
  }
  return g;
}

/**
 * A glyph `f` times larger: each pixel of the larger mask takes the source's coverage at its centre
 * (bilinear, zero outside the mask), its box and advance scaled.
 */
function resample(g: Glyph, f: number): Glyph {
  if (g.w === 0 || g.h === 0) return { ...g, advance: g.advance * f, x: Math.round(g.x * f), y: Math.round(g.y * f) };
  const x0 = Math.floor(g.x * f), y0 = Math.floor(g.y * f);
  const w = Math.ceil((g.x + g.w) * f) - x0, h = Math.ceil((g.y + g.h) * f) - y0;
  const at = (xx: number, yy: number) => (xx < 0 || yy < 0 || xx >= g.w || yy >= g.h ? 0 : g.alpha[yy * g.w + xx]);
  const alpha = new Float32Array(w * h);
  for (let ty = 0; ty < h; ty++) {
    // The target pixel's centre in the source mask's pixel space (pixel i's centre is at i + 0.5).
    const v = (y0 + ty + 0.5) / f - g.y - 0.5;
    const sy = Math.floor(v), fy = v - sy;
    for (let tx = 0; tx < w; tx++) {
      const u = (x0 + tx + 0.5) / f - g.x - 0.5;
      const sx = Math.floor(u), fx = u - sx;
      const top = at(sx, sy) * (1 - fx) + at(sx + 1, sy) * fx;
      const bottom = at(sx, sy + 1) * (1 - fx) + at(sx + 1, sy + 1) * fx;
      alpha[ty * w + tx] = top * (1 - fy) + bottom * fy;
    }
  }
  return { advance: g.advance * f, x: x0, y: y0, w, h, alpha };
}

/**
 * Width of `text` in pixels at `size` (sum of advances). A size without generated glyphs (text
 * drawn with the textScale option) is measured as the nearest generated size scaled to it, as an
 * SVG viewer draws it: measured unscaled, a 19 px line came out 10 % short and ran into its neighbour.
 */
export function textWidth(text: string, size: number): number {
  const s = snapFontSize(size);
  let w = 0;
  for (const ch of text) w += glyph(ch, s).advance;
  return s === size ? w : (w * size) / s;
}

/**
 * How far the ink of `text` at `size` reaches above and below its baseline (`top` negative, as
 * the glyph boxes are), scaled from the nearest generated size as `textWidth` measures.
 */
export function textInk(text: string, size: number): { top: number; bottom: number } {
  const s = snapFontSize(size);
  let top = 0, bottom = 0;
  for (const ch of text) {
    const g = glyph(ch, s);
    if (g.h === 0) continue;
    top = Math.min(top, g.y);
    bottom = Math.max(bottom, g.y + g.h);
  }
  return { top: (top * size) / s, bottom: (bottom * size) / s };
}
