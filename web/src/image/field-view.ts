/**
 * Stacked dilated layers on the picture: pick a stack — the playground's current layer three
 * times as it is (stride, padding and all), its kernel at rates 1, 2, 5, or a fixed 3 × 3 stack —
 * move over the picture (or use the arrow keys), and the input pixels one output pixel depends on
 * are marked, from the library's receptive-field analysis (stack-field.ts). An enlarged crop shows
 * the gridding of equal rates.
 */
import { isConvError } from '../../../src/geometry/errors.js';
import { h } from '../dom.js';
import { pageErrorText } from '../error-text.js';
import { keptNodes } from '../keep-together.js';
import type { Lang, State } from '../state.js';
import { isLine } from '../line-layer.js';
import { clearOverlay, displayZoom, drawPicture, drawZoom, edgedSquare, frame, markPixel, PINK, ring, smallestGap, strokeEdged, zoomOf } from './canvas.js';
import { coarsePointer, count, it } from './image-text.js';
import type { Picture } from './picture.js';
import { pictureGeometry, pictureLayer } from './picture-layer.js';
import type { PictureLayer } from './picture-layer.js';
import { CopyRefused, GRIDDING_STACK, LAYER_HDC, LAYER_STACK, STACKS, blockReads, equalRates, kernelText, layerStacks, outputAt, periodOf, ratesText, sameFixed, stackField, stackNetwork, strideOf, strideText } from './stack-field.js';
import type { Stack } from './stack-field.js';
import type { Network } from '../../../src/network/types.js';
import type { PaddingMode } from '../../../src/geometry/types.js';
import { blockTaps } from './footprint.js';
import { listText } from '../list-text.js';
import type { ImageKey } from './image-text.js';

export class FieldView {
  readonly root = h('section', { class: 'image-section', 'data-image-field': '', 'aria-labelledby': 'image-field-title' });
  private readonly title = h('h3', { id: 'image-field-title' });
  private readonly intro = h('p');
  private readonly menuLabel = h('span');
  private readonly menu = h('select', { id: 'image-field-stack' });
  private readonly canvas = h('canvas', { tabindex: '0', role: 'img', 'data-field-picture': '' });
  private readonly overlay = h('canvas', { class: 'overlay', 'aria-hidden': 'true' });
  private readonly zoom = h('canvas', { class: 'zoom', 'data-field-zoom': '' });
  private readonly zoomCaption = h('figcaption');
  /** The enlargement and its caption: hidden while the stack cannot run (nothing to enlarge). */
  private readonly zoomFigure = h('figure', { class: 'field-zoom-figure' });
  private readonly said = h('p', { 'aria-live': 'polite', 'data-field-summary': '' });
  private lang: Lang = 'en';
  private picture: Picture | null = null;
  /** The stacks from the playground's layer (rebuilt when its kernel or dilation changes). */
  private fromLayer: Stack[] = layerStacks([3, 3], [1, 1]);
  /**
   * The stack the reader picked, or null: then the layer itself three times when it is dilated,
   * and otherwise 2, 2, 2 — an undilated layer three times has no holes to see, and equal rates
   * show gridding at once.
   */
  private chosen: string | null = null;
  /** What the layer's own stack is built from: the layer as the picture runs it, or the library's refusal of it. */
  private layer: { layer: PictureLayer; key: string } | { error: unknown; key: string } | null = null;
  /** The stack on the picture as a network, or the library's refusal of it; null after a change. */
  private built: { net: Network } | { error: unknown } | null = null;
  private cursor: [number, number] | null = null;
  /** The image mode's padding mode: the layer's own stack pads with it (the fixed stacks with zeros). */
  private mode: PaddingMode = 'zeros';
  /** The playground's state last given, to rebuild the layer's stack when the padding mode changes. */
  private state: State | null = null;

  constructor() {
    const lab = h('label', { class: 'row' });
    lab.append(this.menuLabel, this.menu);
    const box = h('div', { class: 'canvas-box' });
    box.append(this.canvas, this.overlay);
    const row = h('div', { class: 'image-pair' });
    this.zoomFigure.append(this.zoom, this.zoomCaption);
    row.append(box, this.zoomFigure);
    this.root.append(this.title, this.intro, lab, row, this.said);
    this.menu.addEventListener('change', () => {
      this.chosen = this.menu.value;
      this.built = null;
      this.refresh();
    });
    const move = (e: PointerEvent) => {
      const r = this.canvas.getBoundingClientRect();
      const x = Math.floor(((e.clientX - r.left) / r.width) * this.canvas.width);
      const y = Math.floor(((e.clientY - r.top) / r.height) * this.canvas.height);
      if (x >= 0 && y >= 0 && x < this.canvas.width && y < this.canvas.height) this.pick(y, x);
    };
    this.canvas.addEventListener('pointermove', move);
    this.canvas.addEventListener('pointerdown', move);
    this.canvas.addEventListener('keydown', (e) => {
      const d: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const step = d[e.key];
      if (!step || !this.cursor) return;
      e.preventDefault();
      const n = e.shiftKey ? 10 : 1;
      this.pick(Math.min(this.canvas.height - 1, Math.max(0, this.cursor[0] + step[0] * n)), Math.min(this.canvas.width - 1, Math.max(0, this.cursor[1] + step[1] * n)));
    });
  }

  private get choice(): string {
    const d = this.fromLayer[0].rates[0];
    // The layer's kernel at 1, 2, 5 is hidden where a fixed stack is the same (a 3 × 3 kernel).
    if (this.chosen === LAYER_HDC) return sameFixed(this.fromLayer[1])?.id ?? LAYER_HDC;
    return this.chosen ?? (d[0] > 1 || d[1] > 1 ? LAYER_STACK : GRIDDING_STACK);
  }

  private get stack(): Stack {
    return [...this.fromLayer, ...STACKS].find((s) => s.id === this.choice) ?? this.fromLayer[0];
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    this.title.textContent = it(lang, 'fieldTitle');
    this.menuLabel.textContent = it(lang, 'fieldStack');
    this.zoomCaption.textContent = it(lang, 'fieldZoom');
    this.writeMenu();
    this.refresh();
  }

  /**
   * The playground's layer changed: the stacks built from it follow it — the layer three times as
   * the picture runs it (picture-layer.ts: stride, padding, output padding, transposed), its kernel
   * at rates 1, 2, 5.
   */
  setLayer(s: State): void {
    this.state = s;
    let next: { layer: PictureLayer; key: string } | { error: unknown; key: string };
    try {
      // The key holds whether the layer is 1-D: the menu writes its sizes on one axis then.
      // One channel: the stack's geometry does not depend on the colours. The padding mode is the
      // picture's: a copy near the edge reads the pixels that mode copies, not zeros.
      const layer = pictureLayer(s, new Float32Array(s.kernel[0] * s.kernel[1]), { height: 1, width: 1, channels: 1 }, this.mode);
      next = { layer, key: JSON.stringify([s.kernel, layer.transposed, layer.options, isLine(s)]) };
    } catch (e) {
      if (!isConvError(e)) throw e;
      next = { error: e, key: JSON.stringify([s.kernel, s.dilation, e.message, isLine(s)]) };
    }
    if (this.layer?.key === next.key) return;
    this.layer = next;
    const before = this.choice;
    this.fromLayer = layerStacks(s.kernel, s.dilation, 'layer' in next ? next.layer : undefined);
    this.writeMenu();
    if (this.stack.fromLayer || this.choice !== before) {
      this.built = null;
      this.refresh();
    }
  }

  /** The image mode's padding mode changed: the layer's own stack pads with it as the layer does. */
  setPaddingMode(mode: PaddingMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    if (this.state) this.setLayer(this.state);
  }

  private writeMenu(): void {
    const L = this.lang;
    const option = (s: Stack, text: string) => h('option', { value: s.id }, text);
    const [again, hdc] = this.fromLayer;
    const line = this.line(again);
    const k = kernelText(again, line);
    const mine = h('optgroup', { label: it(L, 'fieldFromLayer') });
    // Its three copies share one rate, named once: the entry's whole name then fits the menu on a
    // 390 px phone ("rates 1, 1, 1" and "This transposed layer three times" were cut at its edge).
    const rate = ratesText({ ...again, rates: [again.rates[0]] }, L, line);
    mine.append(option(again, it(L, again.layer?.transposed ? 'fieldLayerStackTransposed' : 'fieldLayerStack', { k, s: strideText(again, line), d: rate })));
    // Its kernel at 1, 2, 5 where that is not a fixed stack already (3 × 3: the same layers, the same field).
    if (!sameFixed(hdc)) mine.append(option(hdc, it(L, line ? 'fieldLayerHdcLine' : 'fieldLayerHdc', { k, rates: ratesText(hdc, L, line) })));
    const fixed = h('optgroup', { label: it(L, 'fieldFixed') });
    fixed.append(...STACKS.map((s) => option(s, ratesText(s, L))));
    this.menu.replaceChildren(mine, fixed);
    this.menu.value = this.choice;
  }

  setPicture(p: Picture): void {
    this.picture = p;
    this.built = null;
    drawPicture(this.canvas, p, displayZoom(p.width, p.height));
    this.cursor = [p.height >> 1, p.width >> 1];
    this.refresh();
  }

  private refresh(): void {
    const st = this.stack;
    const touch = coarsePointer();
    // A 1-D layer's sizes are written on its one axis, as the stage's captions write them ("3 stacked
    // layers of kernel 3"; the sentence names the kernel, so a bare length reads).
    const line = this.line(st);
    this.intro.textContent = st.layer
      ? it(this.lang, touch ? 'fieldIntroLayerTouch' : 'fieldIntroLayer', { k: kernelText(st, line), s: strideText(st, line), d: ratesText({ ...st, rates: [st.rates[0]] }, this.lang, line), kind: st.layer.transposed ? it(this.lang, 'fieldKindTransposed') : '' })
      : it(this.lang, touch ? 'fieldIntroTouch' : 'fieldIntro', { k: kernelText(st, line), n: st.rates.length, rates: ratesText(st, this.lang, line) });
    if (this.picture && this.cursor) this.pick(...this.cursor);
  }

  /**
   * Whether a stack is written as 1-D: one built from a 1-D layer (line-layer.ts isLine), whose
   * sizes the stage writes on their one axis ("3", "stride 2"); the fixed 3 × 3 stacks never are.
   */
  private line(st: Stack): boolean {
    return st.fromLayer && !!this.state && isLine(this.state);
  }

  pick(y: number, x: number): void {
    const p = this.picture;
    if (!p) return;
    this.cursor = [y, x];
    const st = this.stack;
    if (!this.built) {
      try {
        // The layer's own stack when the library refuses the layer itself (groups that do not divide…).
        if (st.fromLayer && st.id === LAYER_STACK && this.layer && 'error' in this.layer) throw this.layer.error;
        this.built = { net: stackNetwork(st, p.height, p.width) };
      } catch (e) {
        if (!isConvError(e) && !(e instanceof CopyRefused)) throw e;
        this.built = { error: e };
      }
    }
    const zoom = zoomOf(this.canvas);
    const ctx = clearOverlay(this.overlay, p.width, p.height, zoom);
    if ('error' in this.built) {
      // A copy of the layer that cannot run on the previous copy's output (or the layer itself refused): said, nothing marked.
      const e = this.built.error;
      this.said.replaceChildren(...keptNodes(e instanceof CopyRefused
        ? it(this.lang, 'fieldCopyRefused', { n: e.copy, h: e.input[0], w: e.input[1], msg: pageErrorText(e.refusal, this.lang) })
        : it(this.lang, 'fieldRefused', { msg: isConvError(e) ? pageErrorText(e, this.lang) : String(e) })));
      this.zoomFigure.hidden = true;
      this.said.dataset.holes = '';
      this.said.dataset.span = '';
      this.said.dataset.output = '';
      this.canvas.setAttribute('aria-label', this.said.textContent ?? '');
      return;
    }
    const net = this.built.net;
    this.zoomFigure.hidden = false;
    // A stack that changes the size: the output whose field is centred nearest the pixel.
    const [oy, ox] = outputAt(net, y, x);
    const f = stackField(net, oy, ox);
    // The picture may be shown smaller than its size (a phone).
    const shown = this.canvas.getBoundingClientRect().width;
    const perPixel = zoom * (shown > 0 ? shown / (p.width * zoom) : 1);
    // A read pixel is marked at least 3 screen pixels wide where the rows and columns read are far
    // enough apart (rate 8: every 8th pixel), so the grid of holes shows: a 1-pixel dot on a
    // picture shown at 70 % is not seen. Where they are close, the marks stay a pixel apart.
    const gap = Math.min(smallestGap(f.rows), smallestGap(f.cols));
    const dot = Math.max(1, Math.min(3 / perPixel, gap - 1));
    if (f.rows.length && f.cols.length) {
      // A frame (and, when small, a ring) around each part of the picture read: circular padding
      // wraps the field round to the far edges, as the single layer's footprint shows it.
      for (const [top, bottom] of f.rowRuns) {
        for (const [left, right] of f.colRuns) {
          frame(ctx, zoom, left, top, right, bottom, 2.5, 1.5);
          ring(ctx, zoom, perPixel / zoom, left, top, right, bottom);
        }
      }
    }
    // The pixels read go on top: a ring at the picture's edge runs along it, over the pixels a
    // circular wrap reads there, and its dark edge would hide them.
    ctx.fillStyle = PINK;
    for (const r of f.rows) for (const c of f.cols) markPixel(ctx, zoom, c, r, dot);
    if (f.rows.length && f.cols.length) {
      // Enlarged: the largest part (the field itself where circular padding adds a far edge).
      const widest = (runs: [number, number][]) => runs.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
      const [top, bottom] = widest(f.rowRuns);
      const [left, right] = widest(f.colRuns);
      // Enlarged to about 200 pixels (a field 193 pixels wide is shown at its size, not 3× below
      // the picture); each read pixel a square at least 3 pixels wide where the gaps allow.
      const size = Math.max(bottom - top, right - left) + 3;
      const scale = Math.max(1, Math.floor(200 / size));
      const mark = scale >= 5 ? scale - 2 : Math.max(1, Math.min(3, gap * scale - 1));
      // On whole canvas pixels: a half-pixel edge would blend into the picture.
      const inset = Math.floor((scale - mark) / 2);
      const zTop = Math.round((top + bottom) / 2 - (size - 1) / 2);
      const zLeft = Math.round((left + right) / 2 - (size - 1) / 2);
      const z = drawZoom(this.zoom, this.canvas, zTop, zLeft, size, scale);
      // Pink edged dark, as the layer's enlarged taps: plain pink all but vanished on the test card's magenta bar.
      strokeEdged(z, f.rows.flatMap((r) => f.cols.map((c) => edgedSquare((c - zLeft) * scale + inset, (r - zTop) * scale + inset, mark))));
    }
    const rates = ratesText(st, this.lang);
    // A transposed stack with a stride: what varies from output to output is how many pixels reach
    // it (its field, a pixel or a few, has no holes worth a sentence of their own).
    const spread = !!st.layer?.transposed && strideOf(st).some((v) => v > 1) && f.pixels > 0;
    const first: ImageKey = f.pixels === 0 ? 'fieldNone'
      : f.holes > 0 ? (f.holes === 1 ? 'fieldSummary1' : 'fieldSummary')
      : spread ? (f.pixels === 1 ? 'fieldTransposedHere1' : 'fieldTransposedHere')
      : f.pixels === 1 ? 'fieldSummaryOne' : 'fieldSummaryAll';
    const said = [it(this.lang, first, { rates, h: f.span[0], w: f.span[1], n: count(f.pixels, this.lang), holes: count(f.holes, this.lang) })];
    // Near an edge the padding takes part of the field: the numbers shrink, and the page says why.
    const clipped = f.span[0] < f.unclipped[0] || f.span[1] < f.unclipped[1];
    // A padding mode that copies pixels reads them for the positions beyond the edge.
    const copying = !!st.layer && this.mode !== 'zeros' && f.beyond;
    // Strides (or a transposed layer's inserted zeros) can leave holes of their own, not gridding.
    const strided = !!st.layer && (st.layer.transposed || strideText(st) !== '1');
    // Gridding is named only for equal rates; unequal ones can leave holes too when the kernel has
    // too few taps (2 × 2 at 1, 2, 5). A field cut by the edge is not said to have none.
    if (f.holes > 0) said.push(it(this.lang, strided ? 'fieldHolesStrided' : equalRates(st) ? 'fieldGridding' : 'fieldHolesUnequal', { k: kernelText(st), s: strideText(st) }));
    // A 1 × 1 kernel: the rates change nothing, which is the point to make, not full coverage.
    else if (st.kernel[0] === 1 && st.kernel[1] === 1) said.push(it(this.lang, 'fieldOneTap'));
    else if (!clipped && !copying && !spread && f.pixels > 0) said.push(it(this.lang, 'fieldFull'));
    if (spread) said.push(...this.spreadText(st, net));
    if (copying) said.push(it(this.lang, EDGE_COPIES[this.mode as Exclude<PaddingMode, 'zeros'>], { h: f.unclipped[0], w: f.unclipped[1] }));
    else if (clipped) said.push(it(this.lang, 'fieldEdge', { h: f.unclipped[0], w: f.unclipped[1] }));
    // A live region, which the page-wide pass (keep-together.ts) leaves alone: its words and sizes
    // are kept whole as it is written (a desktop's Chinese line broke "均值卷积 / 核").
    this.said.replaceChildren(...keptNodes(said.join(this.lang === 'zh' ? '' : ' ')));
    this.said.dataset.holes = String(f.holes);
    this.said.dataset.span = `${f.span[0]}x${f.span[1]}`;
    this.said.dataset.output = `${oy},${ox}`;
    // The rows and columns marked: every pixel (row, column) of the two is marked.
    this.said.dataset.rows = f.rows.join(' ');
    this.said.dataset.cols = f.cols.join(' ');
    this.canvas.setAttribute('aria-label', this.said.textContent ?? '');
  }

  /**
   * What a transposed stack with a stride spreads unevenly (it leaves no holes to speak of): in one
   * copy, the pixels of a stride block take different numbers of the kernel's taps (blockTaps, as
   * the layer's own note says: the checkerboard); through the three copies, the outputs of one
   * repeating block read different numbers of picture pixels (blockReads, the library's field).
   */
  private spreadText(st: Stack, net: Network): string[] {
    const L = this.lang;
    const { taps, reads, period: [p0, p1] } = spreadOf(st, net);
    const [s0, s1] = strideOf(st);
    const even = (v: number[]) => v[0] === v[v.length - 1];
    // Four numbers are read at a glance; more are said as a range.
    const said = (v: number[]) => (even(v) ? String(v[0]) : v.length <= 4 ? listText(v, L, true) : it(L, 'tapRange', { a: v[0], b: v[v.length - 1] }));
    const copy = it(L, even(taps) ? 'fieldTransposedEven' : 'fieldTransposedUneven', { s: `${s0}×${s1}`, n: taps.length, counts: said(taps), k: st.kernel[0] * st.kernel[1] });
    const stacked = it(L, !even(reads) ? 'fieldTransposedReads' : reads[0] === 1 ? 'fieldTransposedReadsSame1' : 'fieldTransposedReadsSame', { b: `${p0}×${p1}`, reads: it(L, 'tapRange', { a: reads[0], b: reads[reads.length - 1] }), a: reads[0] });
    return [copy, stacked];
  }
}

/** The counts a transposed stack's sentences say, once per stack on the picture (the pointer moves often, and three stride-4 copies repeat every 64 outputs a side). */
const SPREAD = new WeakMap<Network, { taps: number[]; reads: number[]; period: [number, number] }>();

function spreadOf(st: Stack, net: Network): { taps: number[]; reads: number[]; period: [number, number] } {
  let v = SPREAD.get(net);
  if (!v) {
    const g = pictureGeometry(st.layer as PictureLayer, { height: net.input.shape[2], width: net.input.shape[3], channels: 1 });
    v = { taps: blockTaps(g), reads: blockReads(net), period: periodOf(net) };
    SPREAD.set(net, v);
  }
  return v;
}

/** The sentence for a field that reaches the padding, per padding mode that copies pixels. */
const EDGE_COPIES: Record<Exclude<PaddingMode, 'zeros'>, ImageKey> = { reflect: 'fieldEdgeReflect', replicate: 'fieldEdgeReplicate', circular: 'fieldEdgeCircular' };
