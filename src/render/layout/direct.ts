/**
 * The direct view: one frame per output cell, the window of taps over the grid (the padded input,
 * or a transposed convolution's zero-inserted grid) and the output cell it computes.
 *
 * classic: the input plane slanted under the output plane, four lines from the window's corners to
 * the output cell, as the classic figures. flat (and every numeric picture): the two grids side by
 * side, values printed. Everything drawn comes from the trace: cell kinds, taps, window starts.
 */
import type { DirectTrace } from '../../trace/types.js';
import { flatIndex } from '../../trace/raster.js';
import { label } from '../labels.js';
import { formatOutput, numericValues, type NumericValues } from '../numeric.js';
import type { ResolvedOptions } from '../options.js';
import { textWidth } from '../raster/font.js';
import type { Prim, SceneLayout } from '../scene.js';
import { as2d, cellPrims, emptyEdges, inCell, kernelPanel, legendPrims, rc, shadePrim, SIZE, textPrim, textSizes } from './common.js';
import { block, centre, planeHeight, planeWidth, point, type Plane } from './plane.js';
import { dims, paramLines, titleOf, wrapLine } from './text.js';

const MARGIN = 16;
/** Numeric pictures with more frames print every output from the first frame on. */
const PROGRESSIVE_LIMIT = 64;

function cellSize(maxDim: number, numeric: boolean): number {
  if (numeric) return maxDim <= 8 ? 44 : maxDim <= 14 ? 34 : maxDim <= 24 ? 24 : 14;
  return maxDim <= 8 ? 40 : maxDim <= 14 ? 30 : maxDim <= 24 ? 20 : 12;
}

/** The direct view's layout; each frame is drawn when asked for. */
export function directLayout(tr: DirectTrace, o: ResolvedOptions): SceneLayout {
  const pal = o.palette;
  const lang = o.lang;
  const flatLook = o.theme === 'flat' || o.numeric;
  const [GH, GW] = as2d(tr.grid.shape);
  const [OH, OW] = as2d(tr.outputShape);
  const cell = cellSize(Math.max(GH, GW, OH, OW), o.numeric);
  const ch = flatLook ? cell : Math.round(cell * 0.62);
  const skew = flatLook ? 0 : Math.round(cell * 0.42);
  const nums: NumericValues | null = o.numeric ? numericValues(tr, o.values, o.channel) : null;
  const isPool = tr.op === 'maxPool' || tr.op === 'avgPool';
  // Text sizes and the room the lines of text take grow with the textScale option (t).
  const t = o.textScale;
  const S = textSizes(t);
  const valueSize = inCell(S.label, SIZE.label, cell, 0.45);
  const weightSize = inCell(S.small, SIZE.small, cell, 0.3);

  const inSize = { rows: GH, cols: GW, cw: cell, ch, skew };
  const outSize = { rows: OH, cols: OW, cw: cell, ch, skew };
  const inW = planeWidth(inSize), outW = planeWidth(outSize);

  const base: Prim[] = [];
  const title = titleOf(tr, lang);
  // Zeros are inserted only where the stride is above 1: at stride 1 the grid is the padded input.
  const subtitle = !tr.transposed ? '' : label(lang, tr.axes.some((a) => a.stride > 1) ? 'directView' : 'directViewUnit');
  let cursor = 24 * t;
  base.push(textPrim(MARGIN, cursor, title, S.title, pal.text));
  // Scaled up, the subtitle wraps at the planes' width rather than widen the picture (and shrink
  // it again where it is fitted to a width).
  const planesW = flatLook ? inW + Math.max(56, cell * 1.5) + outW : Math.max(inW, outW);
  const subLines = !subtitle ? [] : t === 1 ? [subtitle] : wrapLine(subtitle, S.param, Math.max(planesW, textWidth(title, S.title)));
  for (const line of subLines) {
    cursor += 18 * t;
    base.push(textPrim(MARGIN, cursor, line, S.param, pal.muted));
  }
  cursor += 10 * t;

  const inLabel = `${label(lang, 'input')} ${dims(tr.inputShape)}`;
  const outLabel = `${label(lang, 'output')} ${dims(tr.outputShape)}`;
  let inPlane: Plane, outPlane: Plane;
  // The step counter sits beside the output label: near the window's lines, so the changed region
  // of each GIF frame (and the file) stays small.
  let stepAt: [number, number];
  if (!flatLook) {
    // Output plane on top, input plane under it, centred on each other.
    const contentW = Math.max(inW, outW);
    cursor += 18 * t;
    base.push(textPrim(MARGIN + contentW / 2, cursor, outLabel, S.label, pal.text, 'middle'));
    stepAt = [MARGIN + contentW / 2 + textWidth(outLabel, S.label) / 2 + 14 * t, cursor];
    cursor += 10 * t;
    outPlane = { ...outSize, ox: MARGIN + (contentW - outW) / 2, oy: cursor };
    cursor += planeHeight(outSize) + Math.max(44, cell * 1.3);
    inPlane = { ...inSize, ox: MARGIN + (contentW - inW) / 2, oy: cursor };
    cursor += planeHeight(inSize) + 8 + 14 * t;
    base.push(textPrim(MARGIN + contentW / 2, cursor, inLabel, S.label, pal.text, 'middle'));
    cursor += 12 * t;
  } else {
    const gap = Math.max(56, cell * 1.5);
    cursor += 18 * t;
    base.push(textPrim(MARGIN + inW / 2, cursor, inLabel, S.label, pal.text, 'middle'));
    base.push(textPrim(MARGIN + inW + gap + outW / 2, cursor, outLabel, S.label, pal.text, 'middle'));
    stepAt = [MARGIN + inW + gap + outW / 2 + textWidth(outLabel, S.label) / 2 + 14 * t, cursor];
    cursor += 10 * t;
    const inH = planeHeight(inSize), outH = planeHeight(outSize);
    const h = Math.max(inH, outH);
    inPlane = { ...inSize, ox: MARGIN, oy: cursor + (h - inH) / 2 };
    outPlane = { ...outSize, ox: MARGIN + inW + gap, oy: cursor + (h - outH) / 2 };
    cursor += h + 12;
  }

  // Grid cells (input, padding, inserted zeros, `a` cells), the empty cells' edges where they are
  // joined, and output cells.
  for (const c of tr.grid.cells) {
    const [r, col] = rc(c.grid);
    cellPrims(inPlane, r, col, c.kind, pal, base, t, o.emptyCells);
    if (nums && cell >= 24) {
      const [x, y] = centre(inPlane, r, col);
      const src = c.input ?? c.copies;
      const v = src ? nums.input[flatIndex(src, tr.inputShape)] : 0;
      base.push(textPrim(x - cell * 0.08, y + 5, String(v), valueSize, c.input ? pal.background : pal.muted, 'middle'));
    }
  }
  if (o.emptyCells === 'joined') emptyEdges(tr, inPlane, pal, base);
  for (let r = 0; r < OH; r++) for (let col = 0; col < OW; col++) cellPrims(outPlane, r, col, 'output', pal, base);

  // Bottom block: parameters and legend on the left, the kernel on the right.
  cursor += 8;
  const lines = paramLines(tr, lang, o.layerChannels, o.channel);
  let textW = 0;
  const blockTop = cursor;
  for (const line of lines) {
    cursor += 18 * t;
    base.push(textPrim(MARGIN, cursor, line, S.param, pal.muted));
    textW = Math.max(textW, textWidth(line, S.param));
  }
  cursor += 24 * t;
  const legendW = legendPrims(tr, MARGIN, cursor, pal, lang, base, t, o.emptyCells);
  if (legendW === 0) cursor -= 16 * t;
  textW = Math.max(textW, legendW);
  cursor += 10;

  const contentW = flatLook ? inW + Math.max(56, cell * 1.5) + outW : Math.max(inW, outW);
  let width = Math.max(MARGIN * 2 + contentW, MARGIN * 2 + textWidth(title, S.title) + 90, ...subLines.map((l) => MARGIN * 2 + textWidth(l, S.param)));
  if (!isPool) {
    const px = Math.max(MARGIN + textW + 28, width - MARGIN - 130);
    const panel = kernelPanel(tr, px, blockTop + 4, pal, lang, nums?.weight ?? null, false, t, o.kernelFills, o.kernelLabels);
    base.push(...panel.prims);
    width = Math.max(width, px + panel.width + MARGIN);
    cursor = Math.max(cursor, blockTop + 4 + panel.height + 12);
  } else {
    width = Math.max(width, MARGIN * 2 + textW);
  }
  const stepW = textWidth(label(lang, 'stepOf', { n: tr.frames.length, total: tr.frames.length }), S.param);
  width = Math.ceil(Math.max(width, stepAt![0] + stepW + MARGIN));
  const height = Math.ceil(cursor);

  // Frames: window taps, current output cell, lines, step counter (and values when numeric).
  const [eh, ew] = as2d(tr.kernel.effective);
  const dilated = tr.kernel.dilation.some((d) => d > 1);
  const progressive = tr.frames.length <= PROGRESSIVE_LIMIT;
  if (nums && cell >= 24 && !progressive) {
    for (const f of tr.frames) {
      const [r, col] = rc(f.output);
      const [x, y] = centre(outPlane, r, col);
      base.push(textPrim(x, y + 5, formatOutput(nums.output[flatIndex(f.output, tr.outputShape)]), valueSize, pal.text, 'middle'));
    }
  }
  const frame = (n: number): Prim[] => {
    const f = tr.frames[n];
    const prims: Prim[] = [];
    for (const tap of f.taps) {
      const [r, col] = rc(tap.grid);
      prims.push(shadePrim(inPlane, r, col, r + 1, col + 1, pal));
      if (nums && cell >= 24) {
        // Value read (redrawn over the shade, so it stays legible) and, small, the kernel value.
        const [cx, cy] = centre(inPlane, r, col);
        const v = tap.input ? nums.input[flatIndex(tap.input, tr.inputShape)] : 0;
        prims.push(textPrim(cx - cell * 0.08, cy + 5, String(v), valueSize, pal.background, 'middle'));
        if (nums.weight) {
          const [x, y] = point(inPlane, r + 1, col + 1);
          const wv = nums.weight[flatIndex(tap.weight, tr.kernel.shape)];
          prims.push(textPrim(x - 3, y - 4, `×${wv}`, weightSize, pal.background, 'end'));
        }
      }
    }
    const [or, oc] = rc(f.output);
    prims.push(shadePrim(outPlane, or, oc, or + 1, oc + 1, pal));
    const [wr, wc] = rc(f.windowStart);
    if (dilated) {
      // The window's whole extent, so the holes between dilated taps read as part of one window.
      prims.push({ type: 'poly', points: block(inPlane, wr, wc, wr + eh, wc + ew), stroke: pal.shade, strokeWidth: 1.5, dash: [5, 3] });
    }
    const lineStyle = { type: 'line' as const, stroke: pal.shade, strokeWidth: 1, opacity: 0.85 };
    if (!flatLook) {
      for (const [dr, dc] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
        const [x1, y1] = point(inPlane, wr + dr * eh, wc + dc * ew);
        const [x2, y2] = point(outPlane, or + dr, oc + dc);
        prims.push({ ...lineStyle, x1, y1, x2, y2 });
      }
    } else if (nums && cell >= 24) {
      // With numbers in the cells, a straight line from the window to the output cell would cross
      // the numbers of the cells between them: each line runs along the grid line of the window's
      // top (bottom) edge out of the input, across the gap, and along the output row's edge to the
      // cell, so it passes between numbers, never through one.
      for (const dr of [0, 1]) {
        const [x1, y1] = point(inPlane, wr + dr * eh, wc + ew);
        const [xi] = point(inPlane, wr + dr * eh, GW);
        const [xo, yo] = point(outPlane, or + dr, 0);
        const [x2, y2] = point(outPlane, or + dr, oc);
        if (xi > x1) prims.push({ ...lineStyle, x1, y1, x2: xi, y2: y1 });
        prims.push({ ...lineStyle, x1: xi, y1, x2: xo, y2: yo });
        if (x2 > xo) prims.push({ ...lineStyle, x1: xo, y1: yo, x2, y2 });
      }
    } else {
      for (const dr of [0, 1]) {
        const [x1, y1] = point(inPlane, wr + dr * eh, wc + ew);
        const [x2, y2] = point(outPlane, or + dr, oc);
        prims.push({ ...lineStyle, x1, y1, x2, y2 });
      }
    }
    if (nums && cell >= 24) {
      // Outputs appear as they are computed; past PROGRESSIVE_LIMIT frames all are printed from the
      // start (in the base), so a frame never redraws hundreds of earlier values.
      for (let m = progressive ? 0 : n; m <= n; m++) {
        const [r, col] = rc(tr.frames[m].output);
        const [x, y] = centre(outPlane, r, col);
        const v = nums.output[flatIndex(tr.frames[m].output, tr.outputShape)];
        prims.push(textPrim(x, y + 5, formatOutput(v), valueSize, m === n ? pal.background : pal.text, 'middle'));
      }
    }
    prims.push(textPrim(stepAt[0], stepAt[1], label(lang, 'stepOf', { n: n + 1, total: tr.frames.length }), S.param, pal.muted));
    return prims;
  };

  const description = `${title}: ${inLabel}, ${outLabel}. ${lines.join('. ')}`;
  return { width, height, background: pal.background, base, frameCount: tr.frames.length, frame, title, description, planes: { grid: inPlane, output: outPlane } };
}

