// The convolution every bundled page computes, shared by the page (main.js) and the test, which
// computes the expected numbers itself (bundlers.test.ts) without convkit.
export const SHAPE = { channels: 8, height: 32, width: 32, outChannels: 16, kernel: 3, padding: 1 };

/** Deterministic values in [-1, 1], rounded to float32 as the page's tensors hold them. */
export function values(n, seed) {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed * 1.7));
}
