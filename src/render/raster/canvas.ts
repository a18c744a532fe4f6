/**
 * A small anti-aliased rasteriser for the scene's primitives into an RGB buffer. Pure TypeScript,
 * so GIF and PNG export work the same in Node and in the browser (no canvas, no native module).
 *
 * Polygons are filled by scanline with 4 sub-scanlines per pixel row and exact horizontal coverage
 * per span; strokes and lines become thin quads; dashes are split into quads; text blits the
 * generated glyph masks. Everything blends over an opaque background (the pictures are opaque).
 */
import type { Prim, Rgb } from '../scene.js';
import { glyph, textWidth } from './font.js';

const SUB = 4;

export class RgbCanvas {
  readonly width: number;
  readonly height: number;
  /** RGB bytes, row-major. */
  readonly data: Uint8Array;
  private readonly cov: Float32Array;
  /** Scratch for one sub-scanline's edge crossings and their directions (at most one per edge). */
  private xs = new Float64Array(16);
  private dirs = new Int8Array(16);
  /**
   * Scratch for the corners of a rectangle, a polygon and a line segment's quad: fillPolygon always
   * reads a Float64Array, so its compiled code serves every caller.
   */
  private readonly rectPts = new Float64Array(8);
  private polyPts = new Float64Array(16);
  private readonly quad = new Float64Array(8);
  /**
   * When set, every row a draw call changes widens [spanMin[y], spanMax[y]] (inclusive): the GIF
   * encoder restores, re-indexes and compares only those pixels instead of whole boxes.
   */
  spans: { min: Int32Array; max: Int32Array } | null = null;

  constructor(width: number, height: number, background: Rgb) {
    this.width = width;
    this.height = height;
    const d = (this.data = new Uint8Array(width * height * 3));
    // One pixel, then copies doubling in length: a memcpy per step instead of a loop per byte.
    if (d.length > 0) {
      d[0] = background[0];
      d[1] = background[1];
      d[2] = background[2];
      for (let n = 3; n < d.length; n *= 2) d.copyWithin(n, 0, Math.min(n, d.length - n));
    }
    this.cov = new Float32Array(width + 2);
  }

  /** A copy of this canvas (frames start from the drawn background). */
  copyFrom(other: RgbCanvas): void {
    this.data.set(other.data);
  }

  draw(p: Prim): void {
    switch (p.type) {
      case 'rect': {
        const pts = this.rectPts;
        pts[0] = p.x; pts[1] = p.y; pts[2] = p.x + p.w; pts[3] = p.y;
        pts[4] = p.x + p.w; pts[5] = p.y + p.h; pts[6] = p.x; pts[7] = p.y + p.h;
        if (p.fill) this.fillPolygon(pts, p.fill, p.fillOpacity ?? 1);
        if (p.stroke) this.strokePolygon(pts, p.stroke, p.strokeWidth ?? 1, p.dash);
        break;
      }
      case 'poly': {
        if (this.polyPts.length !== p.points.length) this.polyPts = new Float64Array(p.points.length);
        const pts = this.polyPts;
        pts.set(p.points);
        if (p.fill) this.fillPolygon(pts, p.fill, p.fillOpacity ?? 1);
        if (p.stroke) this.strokePolygon(pts, p.stroke, p.strokeWidth ?? 1, p.dash);
        break;
      }
      case 'line':
        // A dashed line is an empty cell's edge (empty cells joined): drawn as the cells' dashed
        // outlines are, at full coverage; the window's long solid lines at 2 levels (see fillPolygon).
        this.line(p.x1, p.y1, p.x2, p.y2, p.stroke, p.strokeWidth, p.opacity ?? 1, p.dash, p.dash ? 0 : 2);
        break;
      case 'text':
        this.text(p.x, p.y, p.text, p.size, p.color, p.anchor ?? 'start');
        break;
    }
  }

  /**
   * `levels` > 0 rounds each pixel's coverage to that many steps: the long window-to-output lines
   * use 2 (coverage 0, ½, 1), which keeps them smooth but gives the GIF coder far fewer distinct
   * colours to compress (the lines were most of each frame's bytes).
   */
  fillPolygon(pts: Float64Array, color: Rgb, opacity: number, levels = 0): void {
    const n = pts.length / 2;
    if (n < 3 || opacity <= 0) return;
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < pts.length; i += 2) {
      minX = Math.min(minX, pts[i]); maxX = Math.max(maxX, pts[i]);
      minY = Math.min(minY, pts[i + 1]); maxY = Math.max(maxY, pts[i + 1]);
    }
    const y0 = Math.max(0, Math.floor(minY)), y1 = Math.min(this.height - 1, Math.ceil(maxY));
    const x0 = Math.max(0, Math.floor(minX)), x1 = Math.min(this.width - 1, Math.ceil(maxX));
    if (y0 > y1 || x0 > x1) return;
    const cov = this.cov;
    if (this.xs.length < n) {
      this.xs = new Float64Array(n);
      this.dirs = new Int8Array(n);
    }
    const xs = this.xs, dirs = this.dirs;
    const W = this.width;
    for (let y = y0; y <= y1; y++) {
      // Only the columns this row's crossings span are touched (thin diagonal lines stay cheap).
      let rx0 = x1 + 1, rx1 = x0 - 1;
      for (let s = 0; s < SUB; s++) {
        const sy = y + (s + 0.5) / SUB;
        let m = 0;
        for (let i = 0; i < n; i++) {
          const ax = pts[2 * i], ay = pts[2 * i + 1];
          const j = i + 1 === n ? 0 : i + 1;
          const bx = pts[2 * j], by = pts[2 * j + 1];
          if ((ay <= sy && sy < by) || (by <= sy && sy < ay)) {
            xs[m] = ax + ((sy - ay) * (bx - ax)) / (by - ay);
            dirs[m++] = by > ay ? 1 : -1;
          }
        }
        if (m < 2) continue;
        // Sort crossings (few per row: insertion sort), then fill by non-zero winding.
        for (let i = 1; i < m; i++) {
          const x = xs[i], d = dirs[i];
          let k = i - 1;
          while (k >= 0 && xs[k] > x) { xs[k + 1] = xs[k]; dirs[k + 1] = dirs[k]; k--; }
          xs[k + 1] = x; dirs[k + 1] = d;
        }
        const lo = Math.max(x0, Math.floor(xs[0])), hi = Math.min(x1, Math.ceil(xs[m - 1]));
        if (rx1 < rx0) { cov.fill(0, lo, hi + 2); rx0 = lo; rx1 = hi; }
        else {
          if (lo < rx0) { cov.fill(0, lo, rx0); rx0 = lo; }
          if (hi > rx1) { cov.fill(0, rx1 + 2, hi + 2); rx1 = hi; }
        }
        let wind = 0;
        for (let i = 0; i < m - 1; i++) {
          wind += dirs[i];
          if (wind !== 0) this.addSpan(xs[i], xs[i + 1], 1 / SUB, W);
        }
      }
      if (rx1 < rx0) continue;
      const row = y * W * 3;
      let first = -1, last = -1;
      for (let x = rx0; x <= rx1; x++) {
        const c = cov[x];
        if (c <= 0.001) continue;
        if (first < 0) first = x;
        last = x;
        const a = (levels > 0 ? Math.round(Math.min(1, c) * levels) / levels : Math.min(1, c)) * opacity;
        if (a === 0) continue;
        const o = row + x * 3;
        const d = this.data;
        d[o] = d[o] + (color[0] - d[o]) * a + 0.5;
        d[o + 1] = d[o + 1] + (color[1] - d[o + 1]) * a + 0.5;
        d[o + 2] = d[o + 2] + (color[2] - d[o + 2]) * a + 0.5;
      }
      if (this.spans && first >= 0) this.mark(y, first, last);
    }
  }

  private mark(y: number, x0: number, x1: number): void {
    const s = this.spans!;
    if (x0 < s.min[y]) s.min[y] = x0;
    if (x1 > s.max[y]) s.max[y] = x1;
  }

  private addSpan(a: number, b: number, w: number, W: number): void {
    a = Math.max(0, Math.min(W, a));
    b = Math.max(0, Math.min(W, b));
    if (b <= a) return;
    const ia = Math.floor(a), ib = Math.floor(b);
    const cov = this.cov;
    if (ia === ib) { cov[ia] += (b - a) * w; return; }
    cov[ia] += (ia + 1 - a) * w;
    for (let i = ia + 1; i < ib; i++) cov[i] += w;
    if (ib < W) cov[ib] += (b - ib) * w;
  }

  strokePolygon(pts: Float64Array, color: Rgb, width: number, dash?: readonly [number, number]): void {
    const n = pts.length / 2;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      this.line(pts[2 * i], pts[2 * i + 1], pts[2 * j], pts[2 * j + 1], color, width, 1, dash);
    }
  }

  line(x1: number, y1: number, x2: number, y2: number, color: Rgb, width: number, opacity: number, dash?: readonly [number, number], levels = 0): void {
    const len = Math.hypot(x2 - x1, y2 - y1);
    if (len === 0) return;
    const ux = (x2 - x1) / len, uy = (y2 - y1) / len;
    if (!dash) return this.segment(x1, y1, x2, y2, ux, uy, color, width, opacity, levels);
    const [on, off] = dash;
    for (let t = 0; t < len; t += on + off) {
      const e = Math.min(len, t + on);
      this.segment(x1 + ux * t, y1 + uy * t, x1 + ux * e, y1 + uy * e, ux, uy, color, width, opacity, levels);
    }
  }

  private segment(x1: number, y1: number, x2: number, y2: number, ux: number, uy: number, color: Rgb, width: number, opacity: number, levels = 0): void {
    const h = width / 2;
    const nx = -uy * h, ny = ux * h;
    const q = this.quad;
    q[0] = x1 + nx; q[1] = y1 + ny; q[2] = x2 + nx; q[3] = y2 + ny;
    q[4] = x2 - nx; q[5] = y2 - ny; q[6] = x1 - nx; q[7] = y1 - ny;
    this.fillPolygon(q, color, opacity, levels);
  }

  text(x: number, y: number, text: string, size: number, color: Rgb, anchor: 'start' | 'middle' | 'end'): void {
    const w = textWidth(text, size);
    let pen = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
    const by = Math.round(y);
    const d = this.data;
    for (const ch of text) {
      const g = glyph(ch, size);
      const gx = Math.round(pen) + g.x, gy = by + g.y;
      for (let yy = 0; yy < g.h; yy++) {
        const py = gy + yy;
        if (py < 0 || py >= this.height) continue;
        if (this.spans && g.w > 0) this.mark(py, Math.max(0, gx), Math.min(this.width - 1, gx + g.w - 1));
        for (let xx = 0; xx < g.w; xx++) {
          const a = g.alpha[yy * g.w + xx];
          const px = gx + xx;
          if (a === 0 || px < 0 || px >= this.width) continue;
          const o = (py * this.width + px) * 3;
          d[o] = d[o] + (color[0] - d[o]) * a + 0.5;
          d[o + 1] = d[o + 1] + (color[1] - d[o + 1]) * a + 0.5;
          d[o + 2] = d[o + 2] + (color[2] - d[o + 2]) * a + 0.5;
        }
      }
      pen += g.advance;
    }
  }
}
