/**
 * A small GIF decoder for the tests (written from the GIF89a spec, independent of the encoder):
 * global/local colour tables, graphic control (delay, disposal, transparency), sub-image
 * positions, LZW. Returns every frame composed onto the canvas as RGB.
 */
export interface DecodedGif {
  width: number;
  height: number;
  loops: boolean;
  frames: { rgb: Uint8Array; delayMs: number; rect: [number, number, number, number] }[];
}

function lzwDecode(minCode: number, data: Uint8Array, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels);
  const clear = 1 << minCode, eoi = clear + 1;
  let size = minCode + 1, next = eoi + 1;
  const prefix = new Int32Array(4096), suffix = new Uint8Array(4096), len = new Int32Array(4096);
  for (let i = 0; i < clear; i++) { prefix[i] = -1; suffix[i] = i; len[i] = 1; }
  let bitPos = 0, o = 0, prev = -1;
  const stack = new Uint8Array(4097);
  const read = (): number => {
    let v = 0;
    for (let i = 0; i < size; i++, bitPos++) v |= ((data[bitPos >> 3] >> (bitPos & 7)) & 1) << i;
    return v;
  };
  while (bitPos + size <= data.length * 8 && o < pixels) {
    const code = read();
    if (code === clear) { size = minCode + 1; next = eoi + 1; prev = -1; continue; }
    if (code === eoi) break;
    let c = code, first: number;
    let sp = 0;
    if (code < next) {
      while (c >= 0) { stack[sp++] = suffix[c]; c = prefix[c]; }
      first = stack[sp - 1];
    } else {
      // KwKwK case: the code being defined now.
      c = prev;
      while (c >= 0) { stack[sp++] = suffix[c]; c = prefix[c]; }
      first = stack[sp - 1];
      for (let i = sp; i > 0; i--) stack[i] = stack[i - 1];
      stack[0] = first;
      sp++;
    }
    for (let i = sp - 1; i >= 0 && o < pixels; i--) out[o++] = stack[i];
    if (prev >= 0 && next < 4096) {
      prefix[next] = prev; suffix[next] = first; len[next] = len[prev] + 1; next++;
      if (next === 1 << size && size < 12) size++;
    }
    prev = code;
  }
  return out;
}

export function decodeGif(bytes: Uint8Array): DecodedGif {
  const sig = String.fromCharCode(...bytes.subarray(0, 6));
  if (sig !== 'GIF89a' && sig !== 'GIF87a') throw new Error(`not a GIF: ${sig}`);
  const width = bytes[6] | (bytes[7] << 8), height = bytes[8] | (bytes[9] << 8);
  let p = 13;
  let gct: Uint8Array | null = null;
  if (bytes[10] & 0x80) { const n = 3 << ((bytes[10] & 7) + 1); gct = bytes.subarray(p, p + n); p += n; }
  const canvas = new Uint8Array(width * height * 3);
  const frames: DecodedGif['frames'] = [];
  let delay = 0, transparent = -1, dispose = 0, loops = false;
  while (p < bytes.length) {
    const b = bytes[p];
    if (b === 0x3b) break;
    if (b === 0x21) {
      const label = bytes[p + 1];
      p += 2;
      if (label === 0xf9) {
        const flags = bytes[p + 1];
        delay = (bytes[p + 2] | (bytes[p + 3] << 8)) * 10;
        transparent = flags & 1 ? bytes[p + 4] : -1;
        dispose = (flags >> 2) & 7;
      }
      if (label === 0xff && String.fromCharCode(...bytes.subarray(p + 1, p + 12)) === 'NETSCAPE2.0') loops = true;
      while (bytes[p]) p += bytes[p] + 1;
      p++;
      continue;
    }
    if (b !== 0x2c) throw new Error(`bad block 0x${b.toString(16)} at ${p}`);
    const x = bytes[p + 1] | (bytes[p + 2] << 8), y = bytes[p + 3] | (bytes[p + 4] << 8);
    const w = bytes[p + 5] | (bytes[p + 6] << 8), h = bytes[p + 7] | (bytes[p + 8] << 8);
    const flags = bytes[p + 9];
    p += 10;
    let table = gct;
    if (flags & 0x80) { const n = 3 << ((flags & 7) + 1); table = bytes.subarray(p, p + n); p += n; }
    if (flags & 0x40) throw new Error('interlaced frames are not expected');
    const minCode = bytes[p++];
    const chunks: number[] = [];
    while (bytes[p]) { for (let i = 1; i <= bytes[p]; i++) chunks.push(bytes[p + i]); p += bytes[p] + 1; }
    p++;
    const idx = lzwDecode(minCode, Uint8Array.from(chunks), w * h);
    const before = dispose === 3 ? canvas.slice() : null;
    for (let yy = 0; yy < h; yy++) for (let xx = 0; xx < w; xx++) {
      const v = idx[yy * w + xx];
      if (v === transparent) continue;
      const o = ((y + yy) * width + (x + xx)) * 3;
      canvas[o] = table![v * 3]; canvas[o + 1] = table![v * 3 + 1]; canvas[o + 2] = table![v * 3 + 2];
    }
    frames.push({ rgb: canvas.slice(), delayMs: delay, rect: [x, y, w, h] });
    if (dispose === 2) for (let yy = 0; yy < h; yy++) canvas.fill(0, ((y + yy) * width + x) * 3, ((y + yy) * width + x + w) * 3);
    if (before) canvas.set(before);
    delay = 0; transparent = -1; dispose = 0;
  }
  return { width, height, loops, frames };
}

/** Share of pixels in a (2r+1)² patch around (x, y) that have exactly `rgb`. */
export function patchShare(img: { rgb: Uint8Array } | Uint8Array, width: number, x: number, y: number, rgb: readonly number[], r = 2, channels = 3): number {
  const data = img instanceof Uint8Array ? img : img.rgb;
  let hit = 0, n = 0;
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
    const o = ((Math.round(y) + dy) * width + Math.round(x) + dx) * channels;
    n++;
    if (data[o] === rgb[0] && data[o + 1] === rgb[1] && data[o + 2] === rgb[2]) hit++;
  }
  return hit / n;
}
