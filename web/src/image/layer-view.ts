/**
 * The current layer on a picture: the picture (built-in or the reader's own, RGB or grey), the
 * kernel editor, and input and output side by side at their true scale. Every change asks the
 * fast engine for a new output on its worker threads (conv2dAsync / convTranspose2dAsync); a
 * newer change supersedes an older one, whose result is never drawn. Pointer, touch or the arrow
 * keys on the output pick an output pixel, whose exact input footprint (footprint.ts, from the
 * library's tap tables) is outlined on the input and enlarged beside it.
 */
import { isConvError } from '../../../src/geometry/errors.js';
import type { ConvError } from '../../../src/geometry/errors.js';
import type { ConvGeometry, PaddingMode } from '../../../src/geometry/types.js';
import { conv2d, conv2dAsync, convTranspose2d, convTranspose2dAsync } from '../../../src/ops/conv.js';
import type { Tensor } from '../../../src/tensor/tensor.js';
import { h } from '../dom.js';
import { setAttr, setText } from '../dom-write.js';
import { pageErrorText } from '../error-text.js';
import { keptNodes } from '../keep-together.js';
import type { Lang, State } from '../state.js';
import { isLine } from '../line-layer.js';
import { clearOverlay, displayZoom, drawPicture, drawPlanes, drawZoom, edgedSquare, frame, markPixel, ring, smallestGap, strokeEdged, zoomOf, PINK } from './canvas.js';
import type { EdgedLine } from './canvas.js';
import { displayOf } from './display.js';
import type { DisplayMap } from './display.js';
import { blockTaps, footprint, footprintMarks, inPadding } from './footprint.js';
import { FootprintDock } from './footprint-dock.js';
import { listText } from '../list-text.js';
import { readLines } from './read-lines.js';
import type { Footprint, FootprintMarks } from './footprint.js';
import { coarsePointer, count, it } from './image-text.js';
import type { ImageKey } from './image-text.js';
import { KernelEditor } from './kernel-editor.js';
import { parseKernelSpec } from './kernel-spec.js';
import type { PresetName } from './kernels.js';
import { pictureTensor } from './picture.js';
import type { Picture } from './picture.js';
import { pictureGeometry, pictureLayer } from './picture-layer.js';
import type { PictureLayer } from './picture-layer.js';
import { Latest } from './latest.js';
import { ResultBuffers } from './result-buffers.js';
import { drawWhere } from './where-map.js';

interface Job {
  picture: Picture;
  layer: PictureLayer;
  geometry: ConvGeometry;
  map: DisplayMap;
  mode: PaddingMode;
  /** The marks its enlarged footprint can draw, over all output pixels (the caption names these). */
  marks: FootprintMarks;
}

const ZOOM_SCALE = 12;
/** How long a result may take before the pictures on screen are marked as the previous setting's (ms). */
const PENDING_MS = 200;

/** The layer's kernel until the reader (or a link) picks another. */
const DEFAULT_PRESET: PresetName = 'gaussian';

/** Whether the library accepts this layer on an input of this shape. */
function runsOn(s: State, weights: Float32Array, shape: { height: number; width: number; channels: number }, mode: PaddingMode): boolean {
  try {
    pictureGeometry(pictureLayer(s, weights, shape, mode), shape);
    return true;
  } catch (e) {
    if (isConvError(e)) return false;
    throw e;
  }
}

export class LayerView {
  readonly root: HTMLElement;
  readonly kernel: KernelEditor;
  private readonly inputCanvas = h('canvas', { 'data-image-input': '' });
  private readonly inputOverlay = h('canvas', { class: 'overlay', 'aria-hidden': 'true' });
  private readonly outputCanvas = h('canvas', { 'data-image-output': '', tabindex: '0', role: 'img' });
  private readonly outputOverlay = h('canvas', { class: 'overlay', 'aria-hidden': 'true' });
  private readonly zoom = h('canvas', { class: 'zoom', 'data-image-zoom': '' });
  /** The whole input small, the part read framed (where-map.ts): shown in the phone's docked bar only. */
  private readonly where = h('canvas', { class: 'zoom-where', 'data-image-where': '', 'aria-hidden': 'true' });
  /** The enlargement and the map, one box: on a phone the docked bar's first column (image.css). */
  private readonly zoomStack = h('div', { class: 'zoom-stack' });
  private readonly inputCaption = h('figcaption');
  private readonly outputCaption = h('figcaption');
  private readonly zoomCaption = h('figcaption');
  private readonly status = h('p', { class: 'image-status', 'data-image-status': '' });
  private readonly note = h('p', { class: 'image-note', 'data-image-note': '' });
  private readonly signed = h('p', { class: 'image-note', 'data-image-signed': '' });
  private readonly error = h('p', { class: 'field-error', role: 'alert', 'data-image-error': '' });
  /** Said while the form holds a value it rejected: the picture is the last valid layer's. */
  private readonly formError = h('p', { class: 'field-error', role: 'status', 'data-image-form-error': '' });
  private formInvalid = false;
  private readonly said = h('p', { class: 'image-footprint', 'aria-live': 'polite', 'data-image-footprint': '' });
  private readonly help = h('p', { class: 'hint', id: 'image-output-help' });
  /** The part of the input the picked pixel reads, in picture pixels (the dock asks whether its outline is on screen). */
  private read: { top: number; left: number; bottom: number; right: number } | null = null;
  /**
   * On a wider screen, the map, the enlargement and the sentence over the output while the
   * footprint's outline on the input is out of view (footprint-dock.ts): a tall output lies below it.
   */
  private readonly dock = new FootprintDock(
    () => (this.shown && this.cursor ? { input: this.inputCanvas, read: this.read, output: this.outputCanvas, y: this.cursor[0], x: this.cursor[1] } : null),
    { where: this.where, zoom: this.zoom, said: this.said, label: () => it(this.lang, 'whereLabel') },
  );
  private readonly runner: Latest<Job, Tensor>;
  private readonly results = new ResultBuffers();
  private lang: Lang = 'en';
  private picture: Picture | null = null;
  private state: State | null = null;
  private mode: PaddingMode = 'zeros';
  /** The job whose output is on screen (its geometry answers the pointer). */
  private shown: Job | null = null;
  private cursor: [number, number] | null = null;
  /** The row holding input and output (its gap, and the view's width, decide their scale: fitPictures). */
  private readonly pair: HTMLElement;
  /** The share of their size input and output are shown at (1, or less where they do not fit). */
  private fit = 1;
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;

  /** Told the kernel's link text (kernel-spec.ts; '' for the default preset) when the reader changes the kernel. */
  onKernel: (spec: string) => void = () => {};
  /** The kernel's link text last taken from the host or told to it. */
  private spec = '';
  /** The kernel editor is taking a new size (setState): its announcement waits for the link's kernel. */
  private resizing = false;

  /** Told the picture's refusal of the layer ('' and null when it runs), e.g. to repeat it beside the field that causes it. */
  onRefusal: (text: string, error: ConvError | null) => void = () => {};
  /** The newest request has ended: its output is drawn, or the layer was refused. */
  onSettled: () => void = () => {};

  constructor() {
    this.kernel = new KernelEditor('image-kernel', 'kernelOfLayer', () => this.run(), DEFAULT_PRESET);
    this.runner = new Latest<Job, Tensor>(
      (job) => this.compute(job),
      (y, job, id, ms) => this.drawResult(y, job, id, ms),
      (e) => this.showError(e),
      // Drawn (or superseded): the result's bytes are on the canvas, its buffer can take the next.
      (y) => this.results.give(y.data),
    );
    const inFig = h('figure', { class: 'image-figure image-in' });
    const inBox = h('div', { class: 'canvas-box' });
    inBox.append(this.inputCanvas, this.inputOverlay);
    inFig.append(inBox, this.inputCaption);
    const outFig = h('figure', { class: 'image-figure image-out' });
    const outBox = h('div', { class: 'canvas-box' });
    outBox.append(this.outputCanvas, this.outputOverlay);
    outFig.append(outBox, this.outputCaption);
    const zoomFig = h('figure', { class: 'image-figure zoom-figure' });
    this.zoomStack.append(this.zoom, this.where);
    zoomFig.append(this.zoomStack, this.zoomCaption);
    // The kernel's numbers, the footprint enlarged and what it says sit in one row above the
    // pictures, so that input and output (up to 512 pixels each) fit side by side. On a phone the
    // kernel comes between input and output instead (image.css), so the output its edits redraw
    // is on screen while they are made.
    const kernelBox = h('div', { class: 'image-kernel' });
    kernelBox.append(this.kernel.root, this.signed);
    const words = h('div', { class: 'image-words' });
    words.append(this.status, this.help, this.said);
    const tools = h('div', { class: 'image-pair image-tools' });
    tools.append(kernelBox, zoomFig, words);
    const pair = h('div', { class: 'image-pair' });
    pair.append(inFig, outFig);
    this.pair = pair;
    this.outputCanvas.setAttribute('aria-describedby', 'image-output-help');
    this.root = h('div', { class: 'layer-view' });
    this.root.append(this.error, this.formError, this.note, tools, pair, this.dock.root);
    this.dock.bind(this.outputCanvas);
    // The view's width is the pictures' row's (on a phone the row has no box of its own: image.css).
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => this.fitPictures()).observe(this.root);
    // The docked bar's short key repeats the enlargement's caption: shown only while the caption
    // is off screen (undocked, the bar sits just above it).
    if (typeof IntersectionObserver !== 'undefined') {
      new IntersectionObserver(([e]) => this.root.classList.toggle('caption-seen', e.isIntersecting)).observe(this.zoomCaption);
    }
    this.bindPointer();
  }

  /**
   * The form rejected a value (a field's own message, e.g. a kernel of 600): the layer did not
   * change, so the picture stays the last valid layer's, dimmed, with the grids' words for it.
   */
  setFormInvalid(on: boolean): void {
    this.formInvalid = on;
    setText(this.formError, on ? it(this.lang, 'formStale') : '');
    this.root.classList.toggle('form-invalid', on);
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    this.setFormInvalid(this.formInvalid);
    this.captionInput();
    this.kernel.setLang(lang);
    this.help.textContent = it(lang, coarsePointer() ? 'outputHelpTouch' : 'outputHelp');
    this.captionZoom();
    this.outputCanvas.setAttribute('aria-label', this.outputCaption.textContent ?? '');
    if (this.state) this.run();
    if (this.cursor) this.pick(...this.cursor);
  }

  setPicture(p: Picture): void {
    this.picture = p;
    const zoom = displayZoom(p.width, p.height);
    drawPicture(this.inputCanvas, p, zoom);
    clearOverlay(this.inputOverlay, p.width, p.height, zoom);
    this.fitPictures();
    this.captionInput();
    this.run();
  }

  private captionInput(): void {
    const p = this.picture;
    if (p) setText(this.inputCaption, this.sizeCaption('input', p.width, p.height, displayZoom(p.width, p.height)));
  }

  /** "Input 40 × 24", and the factor when the picture is shown enlarged, or the share when shown smaller. */
  private sizeCaption(key: 'input' | 'output', w: number, h: number, zoom: number): string {
    const f = this.fit;
    const scale = f < 1 ? it(this.lang, 'shownSmaller', { p: Math.round(100 * f * zoom) }) : zoom > 1 ? it(this.lang, 'shownLarger', { z: zoom }) : '';
    return it(this.lang, key, { w, h }) + scale;
  }

  /**
   * Input and output at one scale: at their size (times a tiny picture's zoom) side by side when
   * both fit the row, each on its own line when one does, and otherwise both shrunk by the same
   * factor to the row's width — so the ratio of their sizes, which stride and transposition set,
   * is the ratio seen. The captions give the share.
   */
  private fitPictures(): void {
    const p = this.picture;
    // The view's width: the row's on a wide screen (it spans the view), and on a phone, where the
    // row is flattened into the view's grid around the kernel (display: contents, no width).
    const width = this.root.clientWidth;
    if (!p || width === 0) return;
    const zoom = displayZoom(p.width, p.height);
    const inW = p.width * zoom;
    const out = this.shown ? this.outputCanvas.width * zoom : 0;
    const gap = parseFloat(getComputedStyle(this.pair).columnGap) || 0; // .image-pair's, image.css
    const widest = Math.max(inW, out);
    const fit = inW + gap + out <= width || widest <= width ? 1 : width / widest;
    for (const c of [this.inputCanvas, this.outputCanvas]) {
      const w = `${c.width * zoom * fit}px`;
      if (c.style.width !== w) c.style.width = w;
    }
    if (fit === this.fit) return;
    this.fit = fit;
    this.captionInput();
    const o = this.outputCanvas;
    if (this.shown) {
      setText(this.outputCaption, this.sizeCaption('output', o.width, o.height, zoom));
      setAttr(this.outputCanvas, 'aria-label', this.outputCaption.textContent ?? '');
    }
    // The rings around a small footprint are sized for the scale on screen. (A cursor beyond a
    // new, smaller output is moved by drawResult, which called this.)
    const c = this.cursor;
    if (c && this.shown && c[0] < o.height && c[1] < o.width) this.pick(c[0], c[1]);
  }

  setPaddingMode(mode: PaddingMode): void {
    this.mode = mode;
    this.run();
  }

  /** The playground's state changed: kernel size, stride, padding… (or only the language). */
  setState(s: State): void {
    this.state = s;
    const [kh, kw] = s.kernel;
    const resized = this.kernel.weights.length !== kh * kw;
    // The editor announces its new size's preset; the link's kernel for this size (numbers of its
    // count, e.g. on Back to a 5 × 5 entry) goes in first, so that preset is neither run nor
    // written into the link in its place.
    this.resizing = true;
    this.kernel.setLine(isLine(s));
    this.kernel.setSize(kh, kw);
    this.resizing = false;
    if (resized && this.spec) this.loadSpec();
    this.run();
  }

  /** The kernel a link gives (kernel-spec.ts text; '' = the default preset). */
  setKernelSpec(text: string): void {
    if (text === this.spec) return;
    this.spec = text;
    if (this.loadSpec()) this.run();
  }

  private loadSpec(): boolean {
    const spec = parseKernelSpec(this.spec || DEFAULT_PRESET);
    return !!spec && this.kernel.load(spec);
  }

  /** Asks for a new output (the newest request wins). */
  run(): void {
    if (this.resizing) return;
    const p = this.picture;
    const s = this.state;
    if (!p || !s || this.kernel.weights.length !== s.kernel[0] * s.kernel[1]) return;
    const weights = this.kernel.weights;
    // The reader's kernel into the link (the default preset writes nothing).
    const text = this.kernel.linkText();
    const spec = text === DEFAULT_PRESET ? '' : text;
    if (spec !== this.spec) {
      this.spec = spec;
      this.onKernel(spec);
    }
    const map = displayOf(weights);
    // Always one sentence on how the output is shown, so switching presets does not move the pictures.
    setText(this.signed, it(this.lang, map.kind === 'signed' ? 'signedNote' : 'clipNote'));
    let layer: PictureLayer;
    let geometry: ConvGeometry;
    try {
      layer = pictureLayer(s, weights, { height: p.height, width: p.width, channels: p.channels }, this.mode);
      geometry = pictureGeometry(layer, { height: p.height, width: p.width, channels: p.channels });
    } catch (e) {
      // Nothing will be drawn for this setting: a result still on its way is now stale.
      this.runner.requested = -1;
      this.showError(e);
      return;
    }
    setText(this.error, '');
    this.onRefusal('', null);
    this.root.classList.remove('refused');
    const grey = p.channels === 1;
    const toOne = layer.layerChannels && !grey && s.outChannels === 1;
    const notes = [
      toOne ? it(this.lang, 'layerToOne', { c: p.channels })
        : layer.layerChannels
          ? it(this.lang, grey ? 'greyLayer' : 'layerGroups', { c: p.channels, g: layer.groups })
          : it(this.lang, grey ? 'greyDepthwise' : 'depthwise', { ci: s.inChannels, co: s.outChannels, c: p.channels }),
    ];
    // Fewer groups than colours: each output sums several colours (picture-layer.ts divides the kernel among them).
    if (layer.layerChannels && !toOne && layer.groups < p.channels) notes.push(it(this.lang, 'layerMix', { n: p.channels / layer.groups }));
    // A transposed stride spreads the kernel's weight over s_h·s_w output phases: a kernel that
    // keeps a direct conv's brightness darkens the picture that many times.
    const phases = s.transposed ? s.stride[0] * s.stride[1] : 1;
    if (phases > 1 && map.kind !== 'signed') notes.push(it(this.lang, 'transposedDim', { s: `${s.stride[0]}×${s.stride[1]}`, n: phases }));
    // And each pixel of a stride block takes its own subset of the taps: a signed kernel's stripes.
    if (phases > 1) notes.push(this.blockTapsText(geometry, s));
    const t = layer.target;
    if (t) notes.push(it(this.lang, 'targetApplied', { th: t.size[0], tw: t.size[1], ih: t.input[0], iw: t.input[1], ah: t.outputPadding[0], aw: t.outputPadding[1], oh: geometry.axes[0].output, ow: geometry.axes[1].output }));
    // Chinese sentences follow each other without a space.
    setText(this.note, notes.join(this.lang === 'zh' ? '' : ' '));
    this.status.textContent = it(this.lang, 'computing');
    const id = this.runner.request({ picture: p, layer, geometry, map, mode: this.mode, marks: footprintMarks(geometry, this.mode) });
    this.outputCanvas.dataset.requested = String(id);
    this.markPending(id);
  }

  /** What each pixel of a transposed layer's stride block takes of the kernel (blockTaps), in a sentence. */
  private blockTapsText(g: ConvGeometry, s: State): string {
    const counts = blockTaps(g);
    const [lo, hi] = [counts[0], counts[counts.length - 1]];
    // Four numbers are read at a glance; a stride of 8 × 8 has 64 pixels a block, said as a range.
    const said = lo === hi ? String(lo) : counts.length <= 4 ? listText(counts, this.lang, true) : it(this.lang, 'tapRange', { a: lo, b: hi });
    return it(this.lang, 'transposedTaps', { s: `${s.stride[0]}×${s.stride[1]}`, n: counts.length, counts: said, k: s.kernel[0] * s.kernel[1] });
  }

  /**
   * A result that takes longer than a glance (a 9 × 9 transposed layer of stride 8 takes seconds):
   * the output and what the footprint sentence says about it belong to the previous layer, so they
   * dim and the status says so until request `id` is drawn (or refused, or superseded).
   */
  private markPending(id: number): void {
    clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => {
      if (this.runner.requested !== id || this.outputCanvas.dataset.drawn === String(id)) return;
      this.root.classList.add('pending');
      if (this.shown) this.status.textContent = it(this.lang, 'computingSlow');
    }, PENDING_MS);
  }

  private clearPending(): void {
    clearTimeout(this.pendingTimer);
    this.root.classList.remove('pending');
  }

  /**
   * The library's call for a job, writing into a reused buffer (`out`) rather than a fresh
   * multi-MB array per change; the picture's tensor shares the picture's data (no copy either).
   */
  private async compute(job: Job): Promise<Tensor> {
    const out = this.results.take(job.geometry.outputShape.reduce((a, b) => a * b, 1));
    const x = pictureTensor(job.picture);
    const options = { ...job.layer.options, out };
    try {
      return await (job.layer.transposed ? convTranspose2dAsync(x, job.layer.weight, options) : conv2dAsync(x, job.layer.weight, options));
    } catch (e) {
      this.results.give(out);
      throw e;
    }
  }

  private showError(e: unknown): void {
    if (!isConvError(e)) throw e;
    // A target output size is resolved on the grids' input (picture-layer.ts): its range is that input's.
    const s = this.state;
    const where = e.code === 'OUTPUT_SIZE' && s?.transposed && s.useTarget ? it(this.lang, 'targetRefused', { ih: s.input[0], iw: s.input[1] }) : '';
    // Said of the picture only when the picture is the cause: the same layer on the grids' input
    // (with the picture's channels) runs. Otherwise ('same' with a stride, groups that do not
    // divide) it is the layer's own refusal.
    const p = this.picture;
    const pictureOnly = !!s && !!p && runsOn(s, this.kernel.weights, { height: s.input[0], width: s.input[1], channels: p.channels }, this.mode);
    this.error.textContent = it(this.lang, pictureOnly ? 'refused' : 'refusedLayer', { msg: pageErrorText(e, this.lang) }) + where;
    this.onRefusal(this.error.textContent, e);
    this.clearPending();
    this.status.textContent = '';
    // Opened on a refused layer (a link): the output's empty box says why it is empty.
    if (!this.shown) setText(this.outputCaption, it(this.lang, 'outputNone'));
    // The notes described the last layer that ran, not this one.
    setText(this.note, '');
    this.root.classList.add('refused');
    this.onSettled();
  }

  private drawResult(y: Tensor, job: Job, id: number, ms: number): void {
    const t0 = performance.now();
    this.clearPending();
    // At the picture's factor, so input and output keep their sizes' ratio.
    const zoom = displayZoom(job.picture.width, job.picture.height);
    drawPlanes(this.outputCanvas, y, job.map, zoom);
    const [, , oh, ow] = y.shape;
    clearOverlay(this.outputOverlay, ow, oh, zoom);
    this.shown = job;
    this.fitPictures();
    setText(this.outputCaption, this.sizeCaption('output', ow, oh, zoom));
    setAttr(this.outputCanvas, 'aria-label', this.outputCaption.textContent ?? '');
    this.outputCanvas.dataset.drawn = String(id);
    this.outputCanvas.dataset.ms = ms.toFixed(2);
    // The footprint stays on the pixel picked last, or starts at the centre so it is seen at once.
    const [cy, cx] = this.cursor ?? [oh >> 1, ow >> 1];
    if (cy < oh && cx < ow) this.pick(cy, cx);
    else this.pick(oh >> 1, ow >> 1);
    // Request → result (ms) and the drawing after it, for the benchmark (bench/image-mode.ts); the
    // reader is told the two together, the time from the change to the picture.
    const drawMs = performance.now() - t0;
    this.outputCanvas.dataset.drawMs = drawMs.toFixed(2);
    this.status.textContent = it(this.lang, 'took', { ms: (ms + drawMs).toFixed(1) });
    this.onSettled();
  }

  /**
   * For the benchmark: the library's own call for the picture on screen, n times in a row, with no
   * page work around it — asynchronous on the workers, or synchronous on the page's thread, into a
   * fresh array each time or (`reuse`) into one buffer as the page does — so the page's time can
   * be read against the bare engine's measured in the same run.
   */
  async benchBare(n: number, sync: boolean, reuse = false): Promise<number[]> {
    const job = this.shown;
    if (!job) return [];
    const x = pictureTensor(job.picture);
    const { weight, transposed } = job.layer;
    const out = reuse ? new Float32Array(job.geometry.outputShape.reduce((a, b) => a * b, 1)) : null;
    const options = { ...job.layer.options, out };
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      if (sync) (transposed ? convTranspose2d : conv2d)(x, weight, options);
      else await (transposed ? convTranspose2dAsync : conv2dAsync)(x, weight, options);
      times.push(performance.now() - t0);
      await new Promise((res) => setTimeout(res, 30));
    }
    return times;
  }

  private bindPointer(): void {
    const at = (e: PointerEvent): [number, number] | null => {
      const r = this.outputCanvas.getBoundingClientRect();
      const x = Math.floor(((e.clientX - r.left) / r.width) * this.outputCanvas.width);
      const y = Math.floor(((e.clientY - r.top) / r.height) * this.outputCanvas.height);
      return x >= 0 && y >= 0 && x < this.outputCanvas.width && y < this.outputCanvas.height ? [y, x] : null;
    };
    const move = (e: PointerEvent) => {
      const p = at(e);
      if (p) this.pick(p[0], p[1]);
    };
    this.outputCanvas.addEventListener('pointermove', move);
    // A tap or a click (not a mouse passing over) docks the phone's bar.
    this.outputCanvas.addEventListener('pointerdown', (e) => {
      const p = at(e);
      if (!p) return;
      this.readerPick(p[0], p[1]);
      // After the finger lifts, not while it is down (a scroll under a touch would cancel it). On
      // the window: the bar that docks on this pick may now be what lies under the pointer.
      addEventListener('pointerup', () => this.keepClear(), { once: true });
    });
    this.outputCanvas.addEventListener('keydown', (e) => {
      const d: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const step = d[e.key];
      if (!step || !this.shown) return;
      e.preventDefault();
      const [cy, cx] = this.cursor ?? [Math.floor(this.outputCanvas.height / 2), Math.floor(this.outputCanvas.width / 2)];
      const n = e.shiftKey ? 10 : 1;
      const y = Math.min(this.outputCanvas.height - 1, Math.max(0, cy + step[0] * n));
      const x = Math.min(this.outputCanvas.width - 1, Math.max(0, cx + step[1] * n));
      this.readerPick(y, x);
      this.keepClear();
    });
    this.outputCanvas.addEventListener('focus', () => {
      if (!this.cursor && this.shown) this.pick(Math.floor(this.outputCanvas.height / 2), Math.floor(this.outputCanvas.width / 2));
    });
  }

  /** A pixel the reader picked: from now on the phone's footprint bar docks (image.css). */
  private readerPick(y: number, x: number): void {
    this.root.classList.add('picked');
    this.pick(y, x);
  }

  /**
   * On a phone the footprint's bar is docked at the window's bottom edge, over the pictures: when
   * the picked pixel lies under it (or nearly), the page scrolls it clear.
   */
  private keepClear(): void {
    const c = this.cursor;
    if (!c || getComputedStyle(this.said).position !== 'sticky') return;
    const r = this.outputCanvas.getBoundingClientRect();
    const bottom = r.top + ((c[0] + 1) / this.outputCanvas.height) * r.height;
    const barTop = Math.min(this.said.getBoundingClientRect().top, this.zoomStack.getBoundingClientRect().top);
    const room = 16;
    if (bottom > barTop - room) window.scrollBy({ top: bottom - barTop + room });
  }

  /** Shows the footprint of output pixel (y, x) of the result on screen. */
  pick(y: number, x: number): void {
    const job = this.shown;
    if (!job) return;
    this.cursor = [y, x];
    const fp = footprint(job.geometry, y, x, job.mode);
    const oz = zoomOf(this.outputCanvas);
    const out = clearOverlay(this.outputOverlay, this.outputCanvas.width, this.outputCanvas.height, oz);
    frame(out, oz, x, y, x, y, 2, 2);
    ring(out, oz, this.fit, x, y, x, y);
    this.drawFootprint(fp, job.picture);
    this.where.dataset.frames = JSON.stringify(drawWhere(this.where, this.inputCanvas, fp).map((f) => f.map((v) => Math.round(v))));
    // A live region, which the page-wide pass (keep-together.ts) leaves alone: its ranges and sizes
    // are kept whole as it is written ("columns 7– / 9" broke on a phone).
    const sentence = this.sentence(fp, y, x, job.mode, job.layer.transposed);
    if (this.said.textContent !== sentence) this.said.replaceChildren(...keptNodes(sentence));
    this.captionZoom();
    const p = job.picture;
    this.read = fp.sourceRows.length && fp.sourceCols.length
      ? { top: Math.max(0, fp.rowSpans[0][0]), bottom: Math.min(p.height - 1, fp.rowSpans[fp.rowSpans.length - 1][1]), left: Math.max(0, fp.colSpans[0][0]), right: Math.min(p.width - 1, fp.colSpans[fp.colSpans.length - 1][1]) }
      : null;
    const el = this.said;
    el.dataset.y = String(y);
    el.dataset.x = String(x);
    el.dataset.taps = fp.rows
      .flatMap((r) => fp.cols.filter((c) => r.source >= 0 && c.source >= 0).map((c) => `${r.source},${c.source}`))
      .join(' ');
    this.dock.changed();
  }

  /**
   * The enlargement's caption names the marks this layer can draw (dark frames only where a tap
   * reads the zero padding, dashed ones only where a padding mode copies pixels, holes only where
   * the kernel skips some), for the layer, not for the pixel under the pointer: a caption that
   * grew or shrank under the pointer would move the pictures below it.
   */
  private captionZoom(): void {
    const L = this.lang;
    const m = this.shown?.marks ?? { zeros: false, copies: false, holes: false };
    // Every mark in the one bracket: the dashed frames' note used to trail after it as a sentence of its own.
    const marks = [it(L, 'zoomRead'), m.zeros ? it(L, 'zoomZeros') : '', m.holes ? it(L, 'zoomHoles') : '', m.copies ? it(L, 'zoomCopies') : ''].filter(Boolean);
    setText(this.zoomCaption, it(L, 'zoom', { marks: marks.join(L === 'zh' ? '；' : '; ') }));
    // The caption's key, short, for the phone's docked bar (image.css shows it there, where the
    // caption itself has scrolled away with the pictures).
    const key = it(L, 'zoomKey') + (m.zeros ? it(L, 'zoomKeyZeros') : '') + (m.copies ? it(L, 'zoomKeyCopies') : '');
    setAttr(this.said, 'data-key', key);
    // The same, one mark to a line, for a phone too narrow to hold it on one (image.css): at 375 px
    // "Pink: pixels read; dashed: copies read" left "read" alone on a second line.
    setAttr(this.said, 'data-key-lines', key.replace(/; |；/g, (sep) => `${sep.trimEnd()}\n`));
    // Under the map of the whole input in the phone's bar, what it is (image.css shows it there).
    setAttr(this.zoomStack, 'data-where', it(L, 'whereLabel'));
  }

  private sentence(fp: Footprint, y: number, x: number, mode: PaddingMode, transposed: boolean): string {
    const L = this.lang;
    if (fp.reading === 0) return it(L, 'footprintNone', { y, x });
    // The rows (columns) the taps read, each named (read-lines.ts): "rows 1, 4 and 7" at dilation 3,
    // not "rows 1–7", which read as if the rows between were taken too.
    const where = {
      y, x, n: count(fp.pixels, L), t: count(fp.reading, L), c: count(fp.copies, L), mode: it(L, mode),
      rows: readLines(fp.sourceRows, 'rows', L), cols: readLines(fp.sourceCols, 'cols', L),
    };
    // The region the holes lie in, from the first tap to the last: one span ("rows 1–7"), or
    // several when circular padding wraps round ("rows 0–4 and 508").
    const region = (runs: [number, number][], one: ImageKey, many: ImageKey, list: ImageKey) => {
      if (runs.length === 1) return runs[0][0] === runs[0][1] ? it(L, one, { a: runs[0][0] }) : it(L, many, { a: runs[0][0], b: runs[0][1] });
      return it(L, list, { list: listText(runs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)), L, true) });
    };
    // A padding mode that copies pixels: taps and pixels differ, and the sentence says why.
    // English counts agree with their verbs: "1 of them lies", "its one tap", "1 hole".
    const copies: ImageKey = fp.pixels === 1
      ? (fp.reading === 1 ? 'footprintCopiesSingle' : fp.copies === 1 ? 'footprintCopiesOne1' : 'footprintCopiesOne')
      : (fp.copies === 1 ? 'footprintCopies1' : 'footprintCopies');
    let s = fp.copies > 0 ? it(L, copies, where) : it(L, fp.pixels === 1 ? 'footprintOne' : 'footprint', where);
    if (fp.holes > 0) {
      const within = { rows: region(fp.rowSpans, 'rowOne', 'rowSpan', 'rowList'), cols: region(fp.colSpans, 'colOne', 'colSpan', 'colList') };
      s += it(L, fp.holes === 1 ? 'footprintHole' : 'footprintHoles', { ...within, holes: count(fp.holes, L) });
    }
    // A transposed layer's zeros are not picture pixels: the enlarged view has nothing to frame.
    const zeros: [ImageKey, ImageKey] = transposed ? ['footprintZeroTransposed', 'footprintZerosTransposed'] : ['footprintZero', 'footprintZeros'];
    if (fp.zero > 0) s += it(L, zeros[fp.zero === 1 ? 0 : 1], { z: count(fp.zero, L) });
    return s;
  }

  private drawFootprint(fp: Footprint, p: Picture): void {
    const iz = zoomOf(this.inputCanvas);
    const ctx = clearOverlay(this.inputOverlay, p.width, p.height, iz);
    if (!fp.box) {
      this.zoom.getContext('2d')?.clearRect(0, 0, this.zoom.width, this.zoom.height);
      return;
    }
    const { top, left, bottom, right } = fp.box;
    // The taps themselves (one picture pixel each) and a frame around them that shows at any scale.
    ctx.fillStyle = PINK;
    for (const r of fp.rows) for (const c of fp.cols) if (r.at !== null && c.at !== null) markPixel(ctx, iz, c.at, r.at);
    // A padding mode reads pixels inside for taps outside: those pixels are marked too (with
    // circular padding on the far edge of the picture).
    if (fp.copies > 0) for (const r of fp.sourceRows) for (const c of fp.sourceCols) markPixel(ctx, iz, c, r);
    frame(ctx, iz, left, top, right, bottom, 2.5, 1.5);
    // A frame (and, when small, a ring) around each part of the picture read: circular padding's
    // copies lie at the far edges, and on a picture shown enlarged they were dots only.
    for (const [t, b] of fp.rowSpans) {
      for (const [l, r] of fp.colSpans) {
        if (t < top || b > bottom || l < left || r > right) frame(ctx, iz, l, t, r, b, 2.5, 1.5);
        ring(ctx, iz, this.fit, l, t, r, b);
      }
    }
    // Enlarged: the footprint's square with a margin, taps framed, holes left open. A wide
    // footprint (a 9 × 9 kernel at dilation 8 spans 65 pixels) is shown whole at a smaller
    // enlargement, its taps filled rather than framed (a frame would hide the pixel).
    const span = Math.max(bottom - top, right - left) + 1;
    const size = span + 4;
    const scale = Math.max(1, Math.floor((ZOOM_SCALE * 12) / size));
    const fill = scale < 6;
    const zTop = Math.round((top + bottom) / 2 - (size - 1) / 2);
    const zLeft = Math.round((left + right) / 2 - (size - 1) / 2);
    const z = drawZoom(this.zoom, this.inputCanvas, zTop, zLeft, size, scale);
    // Where each picture pixel lies on the enlargement, for a reader of its pixels (the tests).
    this.zoom.dataset.cells = `${zTop} ${zLeft} ${scale}`;
    // A filled tap is at least 3 screen pixels wide where the taps are far enough apart: the phone's
    // bar shows the enlargement in 64 px, where a 65-pixel footprint's taps were 1.2 px dots.
    const onScreen = (this.zoom.clientWidth || size * scale) / (size * scale);
    // A frame thin enough that the pixel's colour fills most of its cell: at a fifth of the cell,
    // edged, the colour showed as a small square (and on the phone's 64 px bar, wider frames
    // again left it a dot). Its white edge takes half as much again on either side.
    const lw = scale >= 12 ? 2 : 1;
    const gap = Math.min(smallestGap(fp.rows.flatMap((r) => (r.at === null ? [] : [r.at]))), smallestGap(fp.cols.flatMap((c) => (c.at === null ? [] : [c.at]))));
    const mark = Math.max(scale, Math.min(Math.ceil(3 / onScreen), gap * scale - 1));
    // On whole canvas pixels: a half-pixel edge would blend into the picture.
    const inset = Math.floor((scale - mark) / 2);
    // A tap's mark: a frame along the inside of its pixel, or a filled square.
    const box = (col: number, row: number): EdgedLine => {
      const x = (col - zLeft) * scale;
      const y = (row - zTop) * scale;
      return fill
        ? edgedSquare(x + inset, y + inset, mark)
        : { width: lw, path: (c) => c.rect(x + lw / 2, y + lw / 2, scale - lw, scale - lw) };
    };
    // A tap that reads a zero lies on the padding's grey hatching: framed dark, and only such a tap
    // (the read taps' pink is edged white, so nothing else reads as a dark frame).
    const plain = ({ width, path }: EdgedLine, colour: string) => {
      z.strokeStyle = colour;
      z.lineWidth = width;
      z.beginPath();
      path(z);
      z.stroke();
    };
    const read: EdgedLine[] = [];
    const copies: EdgedLine[] = [];
    for (const r of fp.rows) {
      for (const c of fp.cols) {
        if (r.at === null || c.at === null) continue;
        if (r.source < 0 || c.source < 0) plain(box(c.at, r.at), '#222');
        else if (inPadding(r) || inPadding(c)) {
          // A tap in the padding that reads a copy shows the colour it reads, the copied pixel's
          // (footprint.ts's source, from the library's padding maps), where the hatching was.
          z.drawImage(this.inputCanvas, c.source, r.source, 1, 1, (c.at - zLeft) * scale, (r.at - zTop) * scale, scale, scale);
          (fill ? read : copies).push(box(c.at, r.at));
        } else read.push(box(c.at, r.at));
      }
    }
    if (fp.copies > 0) for (const r of fp.sourceRows) for (const c of fp.sourceCols) read.push(box(c, r));
    // Dashed: a copy, not the pixel itself (a filled tap has no room for dashes). Drawn first, so a
    // neighbouring solid frame's pink lies over a dash's white edge, not under it.
    z.setLineDash([scale / 5, scale / 5]);
    strokeEdged(z, copies, '#fff');
    z.setLineDash([]);
    strokeEdged(z, read, '#fff');
  }
}
