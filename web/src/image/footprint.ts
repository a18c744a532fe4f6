/**
 * The exact input footprint of one output pixel, from the library's tap tables: for every kernel
 * tap, which grid cell of the equivalent direct convolution it reads (gridTap, gridCell), which
 * weight that is (weightTap) and which input pixel supplies the value (tapSource, padding modes
 * included). Taps between a dilated kernel's taps are holes: they are simply not in the list.
 */
import { gridCell, gridTap, tapSource, weightTap } from '../../../src/geometry/taps.js';
import type { CellKind } from '../../../src/geometry/taps.js';
import type { AxisGeometry, ConvGeometry, PaddingMode } from '../../../src/geometry/types.js';

/** One axis of one tap. */
export interface AxisTap {
  /** Weight index on this axis (as stored, unflipped). */
  k: number;
  /** What the tap lands on in the equivalent direct convolution's grid. */
  kind: CellKind;
  /**
   * Position on the picture's axis: for a direct convolution the padded coordinate (negative or
   * ≥ size inside the padding); for a transposed one the input pixel, or null on an inserted zero,
   * a cropped or an output-padding cell.
   */
  at: number | null;
  /** Input pixel whose value the tap reads (a padding mode copies one), or −1 for a zero. */
  source: number;
}

export function axisTaps(ax: AxisGeometry, o: number, mode: PaddingMode): AxisTap[] {
  const taps: AxisTap[] = [];
  for (let e = 0; e < ax.kernel; e++) {
    const g = gridTap(ax, o, e);
    const cell = gridCell(ax, g);
    const k = weightTap(ax, e);
    const at = ax.transposed ? (cell.kind === 'input' ? cell.input : null) : g - ax.equivalent.padBefore;
    taps.push({ k, kind: cell.kind, at, source: tapSource(ax, o, k, ax.transposed ? 'zeros' : mode) });
  }
  return taps.sort((a, b) => a.k - b.k);
}

export interface Footprint {
  rows: AxisTap[];
  cols: AxisTap[];
  /** Taps that read an input pixel (including copies made by a padding mode). */
  reading: number;
  /** Taps that read a zero (zero padding, inserted zeros, cropped cells). */
  zero: number;
  /** Picture pixels from the first tap to the last (rowSpans × colSpans) that no tap reads: dilation holes. */
  holes: number;
  /** Extent of the taps on the picture (padded coordinates), or null when no tap lands on it. */
  box: { top: number; left: number; bottom: number; right: number } | null;
  /** The input rows and columns the reading taps take their values from, ascending, each once. */
  sourceRows: number[];
  sourceCols: number[];
  /**
   * The same as spans [first, last]: one span unless circular padding wraps round to the far edge
   * (a gap wider than the dilation between neighbouring taps' rows starts a new span).
   */
  rowSpans: [number, number][];
  colSpans: [number, number][];
  /** Distinct input pixels read: fewer than `reading` when a padding mode reads some twice. */
  pixels: number;
  /** Taps in the padding that read a copy of an input pixel (reflect, replicate, circular). */
  copies: number;
}

const distinct = (v: number[]): number[] => [...new Set(v)].sort((a, b) => a - b);

/**
 * Sorted positions `v` as runs [first, last]: a gap wider than `step` (the spacing the taps
 * themselves leave) starts a new run, as where circular padding wraps round to the far edge.
 */
export function spans(v: readonly number[], step: number): [number, number][] {
  const out: [number, number][] = [];
  for (const n of v) {
    const last = out[out.length - 1];
    if (last && n - last[1] <= step) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}
/** A tap that lands in the padding (gridCell's kind; a transposed layer's output padding is 'extra'). */
export const inPadding = (t: AxisTap): boolean => t.kind === 'padding';

/** The footprint of output pixel (oy, ox). */
export function footprint(g: ConvGeometry, oy: number, ox: number, mode: PaddingMode): Footprint {
  const [ah, aw] = g.axes;
  const rows = axisTaps(ah, oy, mode);
  const cols = axisTaps(aw, ox, mode);
  let reading = 0;
  for (const r of rows) for (const c of cols) if (r.source >= 0 && c.source >= 0) reading++;
  const ry = rows.map((t) => t.at).filter((a): a is number => a !== null);
  const cx = cols.map((t) => t.at).filter((a): a is number => a !== null);
  const box = ry.length && cx.length ? { top: Math.min(...ry), bottom: Math.max(...ry), left: Math.min(...cx), right: Math.max(...cx) } : null;
  const sourceRows = distinct(rows.filter((t) => t.source >= 0).map((t) => t.source));
  const sourceCols = distinct(cols.filter((t) => t.source >= 0).map((t) => t.source));
  let copies = 0;
  if (!ah.transposed) {
    for (const r of rows) for (const c of cols) if (r.source >= 0 && c.source >= 0 && (inPadding(r) || inPadding(c))) copies++;
  }
  const rowSpans = spans(sourceRows, Math.max(1, ah.dilation));
  const colSpans = spans(sourceCols, Math.max(1, aw.dilation));
  const pixels = sourceRows.length * sourceCols.length;
  // Holes are the picture pixels inside the spans the holes sentence names that no tap reads (the
  // padding holds none), so the spans named hold exactly pixels + holes.
  const length = (v: [number, number][]) => v.reduce((n, [a, b]) => n + b - a + 1, 0);
  const holes = length(rowSpans) * length(colSpans) - pixels;
  return { rows, cols, reading, zero: rows.length * cols.length - reading, holes, box, sourceRows, sourceCols, rowSpans, colSpans, pixels, copies };
}

/** The marks the enlarged footprint can draw for a layer, over all its output pixels (layer-view.ts drawFootprint). */
export interface FootprintMarks {
  /** Dark frames: taps in the zero padding of a direct convolution (a transposed layer's zeros are not drawn). */
  zeros: boolean;
  /** Dashed frames: taps in the padding that read copies of pixels inside (reflect, replicate, circular). */
  copies: boolean;
  /** Unmarked pixels between the taps: a dilated kernel skips them. */
  holes: boolean;
}

/**
 * Which marks some output pixel of this layer shows, axis by axis (a tap lands in the padding, or
 * skips a pixel between two it reads, on one axis for some output coordinate): the enlargement's
 * caption names these, and stays the same while the pointer moves, so the pictures below it do not.
 */
export function footprintMarks(g: ConvGeometry, mode: PaddingMode): FootprintMarks {
  let padding = false;
  let holes = false;
  for (const ax of g.axes) {
    for (let o = 0; o < ax.output && !(padding && holes); o++) {
      const taps = axisTaps(ax, o, mode);
      // Drawn only where the tap has a place on the picture (`at`): a direct convolution's padding.
      if (taps.some((t) => inPadding(t) && t.at !== null)) padding = true;
      const read = distinct(taps.filter((t) => t.source >= 0).map((t) => t.source));
      const runs = spans(read, Math.max(1, ax.dilation));
      if (runs.reduce((n, [a, b]) => n + b - a + 1, 0) > read.length) holes = true;
    }
  }
  return { zeros: padding && mode === 'zeros', copies: padding && mode !== 'zeros', holes };
}

/**
 * How many of the kernel's taps reach each output pixel of one stride block of a transposed layer
 * (s_h · s_w pixels, taken in the middle of the output, away from the crop and the output padding),
 * from the tap tables, ascending. Each pixel of the block takes its own subset of the taps, so a
 * kernel whose weights differ filters neighbouring pixels differently: the stripes of a Sobel kernel.
 */
export function blockTaps(g: ConvGeometry): number[] {
  const perAxis = g.axes.map((ax) => {
    const start = Math.max(0, Math.min(ax.output - ax.stride, Math.floor(ax.output / 2)));
    const n: number[] = [];
    for (let o = start; o < Math.min(ax.output, start + ax.stride); o++) n.push(axisTaps(ax, o, 'zeros').filter((t) => t.kind === 'input').length);
    return n;
  });
  const counts: number[] = [];
  for (const a of perAxis[0]) for (const b of perAxis[1]) counts.push(a * b);
  return counts.sort((a, b) => a - b);
}
