/**
 * Resizing by 2 for the upsampling comparison: nearest neighbour, and bilinear with PyTorch's
 * align_corners=False sampling (output pixel centres mapped back onto the input, edges clamped).
 */
import type { Picture } from './picture.js';

export type ResizeMode = 'nearest' | 'bilinear';

export function resize2x(p: Picture, mode: ResizeMode): Picture {
  const W = p.width * 2;
  const H = p.height * 2;
  const n = p.width * p.height;
  const out = new Float32Array(p.channels * W * H);
  const src = (s: number, size: number): [number, number, number] => {
    // Centre of output pixel s on the input axis, clamped to the first and last pixel centres.
    const x = Math.min(size - 1, Math.max(0, (s + 0.5) / 2 - 0.5));
    const x0 = Math.floor(x);
    return [x0, Math.min(size - 1, x0 + 1), x - x0];
  };
  for (let c = 0; c < p.channels; c++) {
    const plane = p.data.subarray(c * n, (c + 1) * n);
    for (let y = 0; y < H; y++) {
      const [y0, y1, ty] = src(y, p.height);
      for (let x = 0; x < W; x++) {
        let v: number;
        if (mode === 'nearest') v = plane[(y >> 1) * p.width + (x >> 1)];
        else {
          const [x0, x1, tx] = src(x, p.width);
          const top = plane[y0 * p.width + x0] * (1 - tx) + plane[y0 * p.width + x1] * tx;
          const bot = plane[y1 * p.width + x0] * (1 - tx) + plane[y1 * p.width + x1] * tx;
          v = top * (1 - ty) + bot * ty;
        }
        out[c * W * H + y * W + x] = v;
      }
    }
  }
  return { width: W, height: H, channels: p.channels, data: out };
}

/** A centred crop of at most `side` × `side` pixels. */
export function centreCrop(p: Picture, side: number): Picture {
  const w = Math.min(side, p.width);
  const h = Math.min(side, p.height);
  const x0 = (p.width - w) >> 1;
  const y0 = (p.height - h) >> 1;
  const out = new Float32Array(p.channels * w * h);
  for (let c = 0; c < p.channels; c++) {
    for (let y = 0; y < h; y++) {
      const from = c * p.width * p.height + (y0 + y) * p.width + x0;
      out.set(p.data.subarray(from, from + w), c * w * h + y * w);
    }
  }
  return { width: w, height: h, channels: p.channels, data: out };
}

/**
 * Scales down by an integer factor (box average), so a picture fits `side` on its longer side.
 * A side shorter than the factor (a strip a few pixels high) keeps one pixel, the average of what
 * is there, rather than none.
 */
export function shrinkToFit(p: Picture, side: number): Picture {
  const f = Math.ceil(Math.max(p.width, p.height) / side);
  if (f <= 1) return p;
  const w = Math.max(1, Math.floor(p.width / f));
  const h = Math.max(1, Math.floor(p.height / f));
  const fw = Math.min(f, p.width);
  const fh = Math.min(f, p.height);
  const out = new Float32Array(p.channels * w * h);
  for (let c = 0; c < p.channels; c++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let dy = 0; dy < fh; dy++) for (let dx = 0; dx < fw; dx++) s += p.data[c * p.width * p.height + (y * f + dy) * p.width + x * f + dx];
        out[c * w * h + y * w + x] = s / (fw * fh);
      }
    }
  }
  return { width: w, height: h, channels: p.channels, data: out };
}
