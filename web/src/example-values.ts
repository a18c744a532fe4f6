/**
 * The page's example numbers: small whole numbers (0–3 in an input, 0–2 in a kernel) like the
 * classic numeric figures. One rule for every view that shows numbers, so the figure and the linked
 * pair under it multiply by the same kernel. (The pair can also put the numbers it holds, edited or
 * not, in the figure: store.ts `numbers`.)
 */

/** An input of `channels` planes of h × w, channel by channel, row by row. */
export function exampleInput(channels: number, h: number, w: number): Float32Array {
  const x = new Float32Array(channels * h * w);
  for (let c = 0; c < channels; c++) for (let r = 0; r < h; r++) for (let q = 0; q < w; q++) x[(c * h + r) * w + q] = (r * 3 + q * 7 + c * 5 + 1) % 4;
  return x;
}

/**
 * `slices` kernel slices of kh × kw (a weight tensor's leading axes flattened), slice by slice.
 * Slices 0–2 are the pattern 2·row + column shifted by the slice's index, mod 3 (slice 0 is the
 * one-channel figures' kernel). A pattern shifted or turned has only six forms, so any rule of that
 * kind repeats: output channels 0 and 6 of a three-channel layer had the same kernel, which tour
 * step 4's figure, where each output channel has a kernel of its own, showed as one kernel. From
 * slice 3 on each weight is a mixed hash of its slice and tap, mod 3: every output channel of a
 * 3 × 3 layer of up to 16 channels a side then has a kernel of its own (test/web/example-values.test.ts).
 */
export function exampleWeight(slices: number, kh: number, kw: number): Float32Array {
  const taps = kh * kw;
  const w = new Float32Array(slices * taps);
  for (let i = 0; i < w.length; i++) {
    const tap = i % taps;
    const slice = Math.floor(i / taps);
    w[i] = slice < 3 ? (Math.floor(tap / kw) * 2 + (tap % kw) + slice) % 3 : mixed(slice, tap) % 3;
  }
  return w;
}

/** An integer hash of (slice, tap) (murmur-style finaliser), the same in every browser. */
function mixed(slice: number, tap: number): number {
  let h = Math.imul(slice * 131 + tap + 1, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
