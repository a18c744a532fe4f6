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

/** The glyph of `ch` at a generated size; a missing character is drawn as a box ('□' semantics). */
export function glyph(ch: string, size: number): Glyph {
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
 * Width of `text` in pixels at `size` (sum of advances). A size without generated glyphs (text
 * drawn with the textScale option) is measured as the nearest generated size scaled to it, as an
 * SVG viewer draws it: measured unscaled, a 19 px line came out 10 % short and ran into its neighbour.
 */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += glyph(ch, size).advance;
  const s = snapFontSize(size);
  return s === size ? w : (w * size) / s;
}
