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
 * Each slice is the pattern 2·row + column shifted by its index, mod 3; that gives three slices
 * only, and with three input channels every output channel had the same kernel as output channel
 * 0 (slice 3j + c repeats slice c), which tour step 4's figure, where each output channel has a
 * kernel of its own, would have shown as one kernel. So every third slice shifts one more, and
 * from slice 9 on, every nine the pattern turns (row + 2·column). Slices 0–2 are as before.
 */
export function exampleWeight(slices: number, kh: number, kw: number): Float32Array {
  const taps = kh * kw;
  const w = new Float32Array(slices * taps);
  for (let i = 0; i < w.length; i++) {
    const tap = i % taps;
    const slice = Math.floor(i / taps);
    const [a, b] = Math.floor(slice / 9) % 2 === 0 ? [2, 1] : [1, 2];
    w[i] = (Math.floor(tap / kw) * a + (tap % kw) * b + slice + Math.floor(slice / 3)) % 3;
  }
  return w;
}
