/**
 * Scene → animated GIF (1 s per frame, looping), with gifenc for the LZW coding.
 *
 * Why it is fast and small: the background is drawn once; each frame restores only the pixels the
 * previous overlay touched (tracked per row by the canvas) and draws its own overlay; only those
 * pixels are mapped to the palette and compared. The GIF frame is the bounding box of the pixels
 * that actually changed, unchanged pixels written as the transparent index (disposal "keep"), the
 * trick gifsicle's optimiser uses. One fixed palette serves every frame (raster/quantize.ts).
 */
import * as gifenc from 'gifenc';
import { RgbCanvas } from './raster/canvas.js';
import { drawBase } from './raster/draw.js';
import { bucketOf, fixedPalette, sceneColours } from './raster/quantize.js';
import type { Scene } from './scene.js';

// gifenc's CommonJS build (Node) exposes its API as the default export; its ESM build (bundlers) as
// named exports. Accept both.
const GIFEncoder: typeof gifenc.GIFEncoder =
  (gifenc as { GIFEncoder?: typeof gifenc.GIFEncoder }).GIFEncoder ?? (gifenc.default as { GIFEncoder: typeof gifenc.GIFEncoder }).GIFEncoder;

interface Spans { min: Int32Array; max: Int32Array }
const newSpans = (h: number): Spans => ({ min: new Int32Array(h).fill(1 << 30), max: new Int32Array(h).fill(-1) });

/**
 * One encoder per thread, reset for each picture (sceneToGif is synchronous, and returns a copy of
 * the bytes). gifenc's methods are closures made per encoder and its stream's per stream: a new
 * encoder per picture gave every compiled call site in here and in its LZW coder a new call target,
 * which threw the compiled code away at each picture; its stream also regrew from 4 KiB each time.
 */
let encoder: ReturnType<typeof GIFEncoder> | null = null;

/**
 * The frames the palette samples for its anti-aliasing shades: the background, then the first and
 * a middle frame, each drawn in `scratch` and counted before the next is drawn.
 */
function* paletteSamples(scene: Scene, base: RgbCanvas, scratch: RgbCanvas): Generator<Uint8Array> {
  yield base.data;
  const n = Math.max(1, scene.frames.length);
  for (const f of new Set([0, Math.floor(n / 2)])) {
    scratch.copyFrom(base);
    for (const p of scene.frames[f] ?? []) scratch.draw(p);
    yield scratch.data;
  }
}

/**
 * Every frame of a scene as an animated GIF, `msPerFrame` each (default 1 s), looping forever.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { sceneOf, sceneToGif } from 'convkit';
 * const gif = sceneToGif(sceneOf({ input: [4, 4], kernel: 3 }, { theme: 'flat' }), 500); // twice as fast
 * new TextDecoder().decode(gif.subarray(0, 6)); //=> 'GIF89a'
 * writeFileSync('flat.gif', gif);
 * ```
 */
export function sceneToGif(scene: Scene, msPerFrame = 1000): Uint8Array {
  const W = scene.width, H = scene.height;
  const base = drawBase(scene);
  const cur = new RgbCanvas(W, H, scene.background);
  const N = Math.max(1, scene.frames.length);

  const pal = fixedPalette(sceneColours(scene), paletteSamples(scene, base, cur));
  cur.copyFrom(base);
  const T = pal.transparentIndex;
  // Code width follows the palette (128 entries: 7-bit codes), a few per cent smaller than 8.
  const colorDepth = Math.max(2, Math.ceil(Math.log2(pal.colours.length)));
  // The palette's table, read inline below; `pal.index` only for a colour not looked up before.
  const lut = pal.lut;

  const prevIdx = new Uint8Array(W * H);
  const curIdx = new Uint8Array(W * H);
  const gif = (encoder ??= GIFEncoder());
  gif.reset();
  // Two span sets, swapped each frame: the rows the previous overlay touched and this one's.
  let prevSpans = newSpans(H), spans = newSpans(H);
  const d = cur.data, bd = base.data;

  for (let f = 0; f < N; f++) {
    const overlay = scene.frames[f] ?? [];
    // Undo the previous overlay, then draw this one while recording the rows it touches.
    for (let y = 0; y < H; y++) {
      if (prevSpans.max[y] < 0) continue;
      const s = (y * W + prevSpans.min[y]) * 3, e = (y * W + prevSpans.max[y] + 1) * 3;
      d.set(bd.subarray(s, e), s);
    }
    spans.min.fill(1 << 30);
    spans.max.fill(-1);
    cur.spans = spans;
    for (const p of overlay) cur.draw(p);
    cur.spans = null;

    if (f === 0) {
      for (let i = 0, o = 0; i < W * H; i++, o += 3) {
        const r = d[o], g = d[o + 1], b = d[o + 2], v = lut[bucketOf(r, g, b)];
        curIdx[i] = v >= 0 ? v : pal.index(r, g, b);
      }
      gif.writeFrame(curIdx, W, H, { palette: pal.colours, delay: msPerFrame, repeat: 0, colorDepth });
      prevIdx.set(curIdx);
      [prevSpans, spans] = [spans, prevSpans];
      continue;
    }
    // Re-index the touched pixels (old overlay ∪ new) and find the box of those that changed.
    let x0 = W, y0 = H, x1 = -1, y1 = -1;
    for (let y = 0; y < H; y++) {
      const a = Math.min(prevSpans.min[y], spans.min[y]), b = Math.max(prevSpans.max[y], spans.max[y]);
      if (b < 0) continue;
      const row = y * W;
      for (let x = a, o = (row + a) * 3; x <= b; x++, o += 3) {
        const r = d[o], g = d[o + 1], bl = d[o + 2];
        let v = lut[bucketOf(r, g, bl)];
        if (v < 0) v = pal.index(r, g, bl);
        curIdx[row + x] = v;
        if (v !== prevIdx[row + x]) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          y1 = y;
        }
      }
    }
    if (x1 < 0) { x0 = 0; y0 = 0; x1 = 0; y1 = 0; }
    const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    const sub = new Uint8Array(bw * bh).fill(T);
    for (let y = y0; y <= y1; y++) {
      const a = Math.max(x0, Math.min(prevSpans.min[y], spans.min[y])), b = Math.min(x1, Math.max(prevSpans.max[y], spans.max[y]));
      const row = y * W;
      for (let x = a; x <= b; x++) {
        const v = curIdx[row + x];
        if (v !== prevIdx[row + x]) { sub[(y - y0) * bw + (x - x0)] = v; prevIdx[row + x] = v; }
      }
    }
    const at = gif.bytesView().length;
    gif.writeFrame(sub, bw, bh, { delay: msPerFrame, transparent: true, transparentIndex: T, dispose: 1, colorDepth });
    placeFrame(gif.bytesView(), at, x0, y0);
    [prevSpans, spans] = [spans, prevSpans];
  }
  gif.finish();
  return gif.bytes();
}

/**
 * gifenc always writes an image at (0, 0); frames here are sub-rectangles, so the position is set
 * in the image descriptor it just wrote (graphic control extension: 8 bytes, then 0x2C, x, y).
 */
function placeFrame(bytes: Uint8Array, at: number, x: number, y: number): void {
  const d = at + 8;
  if (bytes[at] !== 0x21 || bytes[d] !== 0x2c) throw new Error('gif: unexpected frame layout from gifenc');
  bytes[d + 1] = x & 255; bytes[d + 2] = x >> 8;
  bytes[d + 3] = y & 255; bytes[d + 4] = y >> 8;
}
