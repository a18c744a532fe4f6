/**
 * Export of the current picture: the three panels side by side with their captions, as SVG (the
 * page's own vector drawing, colours carried as attributes), PNG (that SVG rasterised through an
 * <img> and a <canvas>, so nothing leaves the page) and GIF (one rasterised frame per step,
 * encoded with gifenc).
 */
import { GIFEncoder, applyPalette, quantize } from 'gifenc';

const SVG = 'http://www.w3.org/2000/svg';

export interface ExportPanel {
  svg: SVGSVGElement;
  caption: string;
}

/** One entry of the key under the page's grids: its swatch as drawn there, and its words. */
export interface KeyEntry {
  fill: string;
  stroke: string;
  /** The swatch's dash pattern (the empty cells'), or null for a solid outline. */
  dash: string | null;
  text: string;
}

const KEY_SIZE = 12;
const KEY_LINE = 18;

/**
 * A standalone SVG document of the given panels, laid out left to right, under `title`; under the
 * panels, `key` (the page's key to the cells: without it the saved picture left the dashed zeros
 * and the yellow `a` cells unexplained, review 42) in rows as wide as the panels, then `note` (the
 * page's note that the pictures draw fewer channels than the layer has), wrapped to that width.
 */
export function composeSvg(panels: ExportPanel[], background: string, text: string, title: string, note = '', key: KeyEntry[] = []): { svg: string; width: number; height: number } {
  const gap = 24;
  const top = 44;
  let x = gap;
  let height = 0;
  const root = document.createElementNS(SVG, 'svg');
  root.setAttribute('xmlns', SVG);
  const bg = document.createElementNS(SVG, 'rect');
  root.append(bg);
  const head = document.createElementNS(SVG, 'text');
  head.setAttribute('x', String(gap));
  head.setAttribute('y', '22');
  head.setAttribute('font-size', '15');
  head.setAttribute('font-family', 'system-ui, sans-serif');
  head.setAttribute('fill', text);
  head.textContent = title;
  root.append(head);
  for (const p of panels) {
    const w = Number(p.svg.getAttribute('width') ?? 0);
    const h = Number(p.svg.getAttribute('height') ?? 0);
    const cap = document.createElementNS(SVG, 'text');
    cap.setAttribute('x', String(x));
    cap.setAttribute('y', String(top - 6));
    cap.setAttribute('font-size', '12');
    cap.setAttribute('font-family', 'system-ui, sans-serif');
    cap.setAttribute('fill', text);
    cap.textContent = p.caption;
    const g = document.createElementNS(SVG, 'svg');
    g.setAttribute('x', String(x));
    g.setAttribute('y', String(top));
    g.setAttribute('width', String(w));
    g.setAttribute('height', String(h));
    const vb = p.svg.getAttribute('viewBox');
    if (vb) g.setAttribute('viewBox', vb);
    for (const child of Array.from(p.svg.childNodes)) g.append(child.cloneNode(true));
    // The keyboard cursor is not part of the picture.
    for (const r of Array.from(g.querySelectorAll('rect[visibility="visible"]'))) if (r.getAttribute('fill') === 'none') r.remove();
    root.append(cap, g);
    x += Math.max(w, textWidth(p.caption, 12)) + gap;
    height = Math.max(height, h);
  }
  const entryWidth = (k: KeyEntry) => KEY_SIZE + 6 + textWidth(k.text, KEY_SIZE);
  const width = Math.max(x, textWidth(title, 15) + 2 * gap, ...key.map((k) => entryWidth(k) + 2 * gap));
  let totalH = top + height + gap;
  if (key.length > 0) {
    let kx = gap;
    let baseline = totalH;
    for (const k of key) {
      const w = entryWidth(k);
      if (kx > gap && kx + w > width - gap) {
        kx = gap;
        baseline += KEY_LINE;
      }
      const sw = document.createElementNS(SVG, 'rect');
      for (const [name, v] of Object.entries({ x: kx + 0.5, y: baseline - KEY_SIZE + 1.5, width: KEY_SIZE - 1, height: KEY_SIZE - 1, fill: k.fill, stroke: k.stroke })) sw.setAttribute(name, String(v));
      if (k.dash) sw.setAttribute('stroke-dasharray', k.dash);
      const words = document.createElementNS(SVG, 'text');
      words.setAttribute('x', String(kx + KEY_SIZE + 6));
      words.setAttribute('y', String(baseline));
      words.setAttribute('font-size', String(KEY_SIZE));
      words.setAttribute('font-family', 'system-ui, sans-serif');
      words.setAttribute('fill', text);
      words.textContent = k.text;
      root.append(sw, words);
      kx += w + 16;
    }
    totalH = baseline + KEY_LINE + 4;
  }
  for (const line of wrapText(note, 12, Math.max(width - 2 * gap, 240))) {
    const el = document.createElementNS(SVG, 'text');
    el.setAttribute('x', String(gap));
    el.setAttribute('y', String(totalH));
    el.setAttribute('font-size', '12');
    el.setAttribute('font-family', 'system-ui, sans-serif');
    el.setAttribute('fill', text);
    el.textContent = line;
    root.append(el);
    totalH += 16;
  }
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(totalH));
  root.setAttribute('viewBox', `0 0 ${width} ${totalH}`);
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(totalH));
  bg.setAttribute('fill', background);
  return { svg: new XMLSerializer().serializeToString(root), width, height: totalH };
}

/** Rough width of a line of text: CJK characters are about twice as wide as Latin ones. */
function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? size : size * 0.58;
  return Math.ceil(w);
}

/** `s` in lines no wider than `maxW` (by textWidth), broken between words or between CJK characters. */
function wrapText(s: string, size: number, maxW: number): string[] {
  if (!s) return [];
  const pieces = s.match(/\s*[\u2e80-\u9fff\uff00-\uffef][，。、；：）]?|\s*[^\s\u2e80-\u9fff\uff00-\uffef]+/g) ?? [s];
  const lines: string[] = [];
  let line = '';
  for (const p of pieces) {
    if (line !== '' && textWidth(line + p, size) > maxW) {
      lines.push(line);
      line = p.trimStart();
    } else line += p;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Draws an SVG document onto a canvas (same page, blob: URL: allowed by the page's CSP). */
export async function rasterise(svg: string, width: number, height: number, scale = 1): Promise<HTMLCanvasElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('could not rasterise the picture'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas;
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** Encodes frames (each an SVG document of the same size) as a looping GIF. */
export async function gifBlob(frames: AsyncIterable<string> | Iterable<string>, width: number, height: number, delayMs: number, onProgress?: (n: number) => void): Promise<Blob> {
  const gif = GIFEncoder();
  let n = 0;
  for await (const svg of frames) {
    const canvas = await rasterise(svg, width, height);
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const palette = quantize(data, 64);
    const index = applyPalette(data, palette);
    gif.writeFrame(index, canvas.width, canvas.height, { palette, delay: delayMs });
    onProgress?.(++n);
  }
  gif.finish();
  return new Blob([new Uint8Array(gif.bytes())], { type: 'image/gif' });
}

/** Offers a blob as a download with the given file name. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
