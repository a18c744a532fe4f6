/**
 * The scatter view of a transposed convolution: one frame per input cell, which stamps the kernel
 * onto the output. The output keeps a running count of writes per cell (or, numeric, the running
 * sums): uneven counts are the checkerboard pattern of strided transposed convolutions.
 * Every write drawn is one of the trace's scatter taps.
 */
import type { ScatterTrace } from '../../trace/types.js';
import { flatIndex } from '../../trace/raster.js';
import { weightLabel } from '../../matrix/label.js';
import { label } from '../labels.js';
import { formatOutput, numericValues } from '../numeric.js';
import type { ResolvedOptions } from '../options.js';
import { over } from '../palette.js';
import { textWidth } from '../raster/font.js';
import type { Prim, SceneLayout } from '../scene.js';
import { as2d, cellPrims, inCell, kernelPanel, rc, SIZE, textPrim, textSizes } from './common.js';
import { block, centre, planeHeight, planeWidth, point, type Plane } from './plane.js';
import { dims, paramLines, titleOf, wrapLine } from './text.js';

const MARGIN = 16;

/** The scatter view's layout; each frame is drawn when asked for. */
export function scatterLayout(tr: ScatterTrace, o: ResolvedOptions): SceneLayout {
  const pal = o.palette;
  const lang = o.lang;
  const [IH, IW] = as2d(tr.inputShape);
  const [OH, OW] = as2d(tr.outputShape);
  const maxDim = Math.max(IH, IW, OH, OW);
  const cell = maxDim <= 8 ? 42 : maxDim <= 14 ? 32 : maxDim <= 24 ? 22 : 12;
  const nums = o.numeric ? numericValues(tr, o.values, o.channel) : null;
  // Text sizes and the room the lines of text take grow with the textScale option (ts).
  const ts = o.textScale;
  const S = textSizes(ts);
  const base: Prim[] = [];
  const title = `${titleOf(tr, lang)}`;
  const subtitle = label(lang, 'scatterView');
  const inLabel = `${label(lang, 'input')} ${dims(tr.inputShape)}`;
  const outLabel = `${label(lang, 'output')} ${dims(tr.outputShape)}`;
  const inSize = { rows: IH, cols: IW, cw: cell, ch: cell, skew: 0 };
  const outSize = { rows: OH, cols: OW, cw: cell, ch: cell, skew: 0 };
  const inW = planeWidth(inSize), outW = planeWidth(outSize);
  const gap = Math.max(64, cell * 1.6);
  base.push(textPrim(MARGIN, 24 * ts, title, S.title, pal.text));
  // Scaled up, the subtitle wraps at the planes' width (less the step counter's room at the right)
  // rather than widen the picture.
  const wrapAt = Math.max(inW + gap + outW - textWidth(label(lang, 'stepOf', { n: tr.frames.length, total: tr.frames.length }), S.param) - 16, textWidth(title, S.title));
  const subLines = ts === 1 ? [subtitle] : wrapLine(subtitle, S.param, wrapAt);
  subLines.forEach((line, i) => base.push(textPrim(MARGIN, (42 + 18 * i) * ts, line, S.param, pal.muted)));
  let cursor = (70 + 18 * (subLines.length - 1)) * ts;
  base.push(textPrim(MARGIN + inW / 2, cursor, inLabel, S.label, pal.text, 'middle'));
  base.push(textPrim(MARGIN + inW + gap + outW / 2, cursor, outLabel, S.label, pal.text, 'middle'));
  cursor += 10 * ts;
  const inH = planeHeight(inSize), outH = planeHeight(outSize);
  const h = Math.max(inH, outH);
  const inPlane: Plane = { ...inSize, ox: MARGIN, oy: cursor + (h - inH) / 2 };
  const outPlane: Plane = { ...outSize, ox: MARGIN + inW + gap, oy: cursor + (h - outH) / 2 };
  cursor += h + 12;
  for (let r = 0; r < IH; r++) for (let c = 0; c < IW; c++) {
    cellPrims(inPlane, r, c, 'input', pal, base);
    if (nums && cell >= 24) {
      const [x, y] = centre(inPlane, r, c);
      base.push(textPrim(x, y + 5, String(nums.input[r * IW + c]), inCell(S.label, SIZE.label, cell, 0.45), pal.background, 'middle'));
    }
  }
  for (let r = 0; r < OH; r++) for (let c = 0; c < OW; c++) cellPrims(outPlane, r, c, 'output', pal, base);

  cursor += 8;
  const lines = paramLines(tr, lang, o.layerChannels, o.channel);
  lines.push(nums ? `${label(lang, 'output')} = Σ x · w` : `${label(lang, 'overlaps')}${lang === 'zh' ? '：' : ': '}${Math.min(...tr.overlap)}–${Math.max(...tr.overlap)}`);
  const blockTop = cursor;
  let textW = 0;
  for (const line of lines) {
    cursor += 18 * ts;
    base.push(textPrim(MARGIN, cursor, line, S.param, pal.muted));
    textW = Math.max(textW, textWidth(line, S.param));
  }
  // Where padding crops the output, a line under the counts says how many of this step's writes
  // fall in the cropped border (a sentence: the corner's old "5 × crop" read as a product, beside
  // the subtitle). Its room is kept in every frame, so the picture does not jump.
  const cropText = (f: ScatterTrace['frames'][number]) => {
    const cropped = f.taps.filter((t) => !t.output).length;
    return cropped ? label(lang, 'cropped', { n: cropped, total: f.taps.length }) : label(lang, 'croppedNone', { total: f.taps.length });
  };
  const cropY = tr.frames.some((f) => f.taps.some((t) => !t.output)) ? (cursor += 18 * ts) : null;
  if (cropY !== null) {
    const seen = new Set<string>();
    for (const f of tr.frames) {
      const text = cropText(f);
      if (!seen.has(text)) textW = Math.max(textW, textWidth(text, S.param));
      seen.add(text);
    }
  }
  cursor += 12 * ts;
  let width = Math.max(MARGIN * 2 + inW + gap + outW, ...subLines.map((l) => MARGIN * 2 + textWidth(l, S.param)), MARGIN * 2 + textWidth(title, S.title) + 90 * ts);
  const px = Math.max(MARGIN + textW + 28, width - MARGIN - 130);
  const panel = kernelPanel(tr, px, blockTop + 4, pal, lang, nums?.weight ?? null, true, ts, o.kernelFills, o.kernelLabels);
  base.push(...panel.prims);
  width = Math.ceil(Math.max(width, px + panel.width + MARGIN));
  const height = Math.ceil(Math.max(cursor, blockTop + 4 + panel.height + 12));

  const maxOverlap = Math.max(1, ...tr.overlap);
  const outCells = OH * OW;
  // The running writes per output cell (and sums) after frame `done`: frames are asked for in
  // order when animating, so each continues from the last; an earlier one replays from the start.
  const counts = new Array<number>(outCells).fill(0);
  const sums = new Array<number>(outCells).fill(0);
  let done = -1;
  const write = (n: number) => {
    const f = tr.frames[n];
    const xv = nums ? nums.input[flatIndex(f.input, tr.inputShape)] : 0;
    for (const t of f.taps) {
      if (!t.output) continue;
      const k = flatIndex(t.output, tr.outputShape);
      counts[k]++;
      if (nums?.weight) sums[k] += xv * nums.weight[flatIndex(t.weight, tr.kernel.shape)];
    }
  };
  const frame = (n: number): Prim[] => {
    if (n <= done) {
      counts.fill(0);
      sums.fill(0);
      done = -1;
    }
    while (done < n) write(++done);
    const f = tr.frames[n];
    const prims: Prim[] = [];
    const [ir, ic] = rc(f.input);
    prims.push({ type: 'poly', points: block(inPlane, ir, ic), fill: pal.shade, fillOpacity: pal.shadeOpacity });
    let r0 = Infinity, c0 = Infinity, r1 = -Infinity, c1 = -Infinity;
    for (const t of f.taps) {
      if (!t.output) continue;
      const [r, c] = rc(t.output);
      r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c);
    }
    // Running state of every output cell written so far: shade by count, print count or sum.
    for (let k = 0; k < outCells; k++) {
      if (counts[k] === 0) continue;
      const r = Math.floor(k / OW), c = k % OW;
      const a = 0.15 + 0.55 * (counts[k] / maxOverlap);
      prims.push({ type: 'poly', points: block(outPlane, r, c), fill: pal.shade, fillOpacity: Math.round(a * 20) / 20 });
      if (cell >= 20) {
        const [x, y] = centre(outPlane, r, c);
        const text = nums ? formatOutput(sums[k]) : String(counts[k]);
        prims.push(textPrim(x, y + 5, text, nums ? inCell(S.param, SIZE.param, cell, 0.4) : inCell(S.label, SIZE.label, cell, 0.45), pal.background, 'middle'));
      }
    }
    // This frame's stamp: outlined cells named by the weight tap they receive.
    for (const t of f.taps) {
      if (!t.output) continue;
      const [r, c] = rc(t.output);
      prims.push({ type: 'poly', points: block(outPlane, r, c, r + 1, c + 1, 0.06), stroke: pal.stamp, strokeWidth: 2.5 });
      if (cell >= 30 && !nums) {
        const [x, y] = point(outPlane, r, c);
        prims.push(textPrim(x + 3, y + 11, weightLabel(t.weight, tr.kernel.shape), inCell(S.small, SIZE.small, cell, 0.3), over(pal.background, pal.background, 1), 'start'));
      }
    }
    if (r0 !== Infinity) {
      for (const dr of [0, 1]) {
        const [x1, y1] = point(inPlane, ir + dr, ic + 1);
        const [x2, y2] = point(outPlane, dr ? r1 + 1 : r0, c0);
        prims.push({ type: 'line', x1, y1, x2, y2, stroke: pal.stamp, strokeWidth: 1, opacity: 0.9 });
      }
    }
    if (cropY !== null) prims.push(textPrim(MARGIN, cropY, cropText(f), S.param, pal.muted));
    prims.push(textPrim(width - MARGIN, 24 * ts, label(lang, 'stepOf', { n: n + 1, total: tr.frames.length }), S.param, pal.muted, 'end'));
    return prims;
  };
  const description = `${title} (${subtitle}): ${inLabel}, ${outLabel}. ${lines.join('. ')}`;
  return { width, height, background: pal.background, base, frameCount: tr.frames.length, frame, title, description, planes: { input: inPlane, output: outPlane } };
}
