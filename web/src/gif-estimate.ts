/**
 * How large a long GIF will be, said before it is made (the Export tab's question past 100 frames).
 *
 * Measured, not guessed from a formula: the first frames are encoded with the very encoder the
 * export uses, and the rest extrapolated. The first frame is a whole picture and every later one a
 * change to the one before (the renderer writes only the box of pixels that changed; the on-screen
 * style writes each frame whole, so there the two costs come out alike), hence
 * size(n) ≈ size(1) + (n − 1) · (size(k) − size(1)) / (k − 1). Later steps can change more or less
 * than the first ones (a window that wraps to the next row, numbers that fill in), so the result is
 * an estimate, said as "about".
 */

/** Frames encoded to measure a long GIF: enough to average out one frame, few enough to be quick. */
export const GIF_SAMPLE_FRAMES = 8;

/**
 * The estimated bytes of an `n`-frame GIF, from `encode(k)`: the bytes of the same GIF holding only
 * its first `k` frames (called for k = 1 and k = min(n, sample)).
 */
export async function estimateGifBytes(n: number, encode: (k: number) => number | Promise<number>, sample = GIF_SAMPLE_FRAMES): Promise<number> {
  const k = Math.max(1, Math.min(n, sample));
  const one = await encode(1);
  if (k === 1) return one * n;
  const some = await encode(k);
  return Math.round(one + ((n - 1) * (some - one)) / (k - 1));
}

/**
 * A size as people read it, two significant figures: "350 KB", "4.1 MB" (1 KB = 1000 bytes, as
 * browsers' download lists count). The same in English and Chinese.
 */
export function sizeText(bytes: number): string {
  const [value, unit] = bytes >= 1e6 ? [bytes / 1e6, 'MB'] : [Math.max(bytes, 1000) / 1e3, 'KB'];
  return `${value >= 10 ? Math.round(value) : Number(value.toPrecision(2))} ${unit}`;
}
