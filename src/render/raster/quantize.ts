/**
 * A fixed palette for a whole animation, chosen once: the scene's own colours (every fill, stroke
 * and text colour, and each translucent fill over each opaque one: the shaded cells) are kept
 * exact; the anti-aliasing shades fill the rest of the 127 entries by frequency in sampled frames.
 * Pixels map to entries through a lookup table on 6 bits per channel, so no frame is quantised.
 */
import { over } from '../palette.js';
import type { Rgb, Scene } from '../scene.js';

const BUCKETS = 1 << 18;
/** Opaque entries (plus one transparent): 127 keeps GIF codes at 7 bits and is plenty for the shades. */
const MAX_COLOURS = 127;
/** The lookup table's bucket of a colour (6 bits per channel). */
export const bucketOf = (r: number, g: number, b: number): number => ((r >> 2) << 12) | ((g >> 2) << 6) | (b >> 2);

export function sceneColours(scene: Scene): Rgb[] {
  const opaque: Rgb[] = [scene.background];
  const translucent: [Rgb, number][] = [];
  const solid: Rgb[] = [];
  for (const p of [...scene.base, ...scene.frames.flat()]) {
    if (p.type === 'text') solid.push(p.color);
    else if (p.type === 'line') solid.push(p.stroke);
    else {
      if (p.stroke) solid.push(p.stroke);
      if (p.fill) {
        if ((p.fillOpacity ?? 1) >= 1) opaque.push(p.fill);
        else translucent.push([p.fill, p.fillOpacity!]);
      }
    }
  }
  const keys = new Map<number, Rgb>();
  const add = (c: Rgb) => keys.set((c[0] << 16) | (c[1] << 8) | c[2], c);
  for (const c of [...opaque, ...solid]) add(c);
  const uniqOpaque = [...new Map(opaque.map((c) => [c.join(), c])).values()];
  const uniqT = [...new Map(translucent.map((t) => [t[0].join() + '/' + t[1], t])).values()];
  for (const f of uniqOpaque) for (const [t, a] of uniqT) add(over(f, t, a));
  return [...keys.values()];
}

export interface FixedPalette {
  /** RGB entries (the transparent entry last). */
  colours: number[][];
  transparentIndex: number;
  /** Maps RGB pixels to palette indices. */
  index(r: number, g: number, b: number): number;
}

/**
 * A palette with its lookup table: `lut[bucketOf(r, g, b)]` is the entry of a colour, or -1 until
 * `index` has found the nearest entry once. One class (not a closure per palette) so that the
 * encoder's per-pixel calls stay the same call target from one picture to the next.
 */
export class PaletteIndex implements FixedPalette {
  constructor(
    readonly colours: number[][],
    readonly transparentIndex: number,
    readonly lut: Int16Array,
  ) {}

  index(r: number, g: number, b: number): number {
    const k = bucketOf(r, g, b);
    const v = this.lut[k];
    return v >= 0 ? v : (this.lut[k] = this.nearest(r, g, b));
  }

  private nearest(r: number, g: number, b: number): number {
    const colours = this.colours;
    let best = 0, bd = Infinity;
    for (let i = 0; i < this.transparentIndex; i++) {
      const c = colours[i];
      const d = (c[0] - r) ** 2 + (c[1] - g) ** 2 + (c[2] - b) ** 2;
      if (d < bd) { bd = d; best = i; }
    }
    return best;
  }
}

/**
 * Bucket counts and each bucket's first colour, kept between calls: a picture touches a few thousand
 * of the 2^18 buckets, so only those are reset afterwards (allocating and scanning all of them for
 * every GIF cost more than counting the samples).
 */
let counts: Uint32Array | null = null;
let rep: Int32Array | null = null;

export function fixedPalette(keys: readonly Rgb[], samples: Iterable<Uint8Array>): PaletteIndex {
  counts ??= new Uint32Array(BUCKETS);
  rep ??= new Int32Array(BUCKETS);
  const cnt = counts, first = rep;
  const touched: number[] = [];
  const colours: number[][] = [];
  const lut = new Int16Array(BUCKETS).fill(-1);
  try {
    for (const data of samples) {
      for (let i = 0; i < data.length; i += 3) {
        const k = bucketOf(data[i], data[i + 1], data[i + 2]);
        if (cnt[k]++ === 0) {
          first[k] = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
          touched.push(k);
        }
      }
    }
    for (const c of keys.slice(0, MAX_COLOURS)) {
      const k = bucketOf(c[0], c[1], c[2]);
      if (lut[k] >= 0) continue;
      lut[k] = colours.length;
      colours.push([c[0], c[1], c[2]]);
    }
    // The shades by frequency, ties in bucket order.
    const rest = touched.filter((k) => lut[k] < 0);
    rest.sort((a, b) => cnt[b] - cnt[a] || a - b);
    for (const k of rest) {
      if (colours.length >= MAX_COLOURS) break;
      lut[k] = colours.length;
      colours.push([first[k] >> 16, (first[k] >> 8) & 255, first[k] & 255]);
    }
  } finally {
    for (const k of touched) cnt[k] = 0;
  }
  const transparentIndex = colours.length;
  colours.push([255, 255, 255]);
  return new PaletteIndex(colours, transparentIndex, lut);
}
