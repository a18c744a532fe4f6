/**
 * Learning a kernel, live: the target kernel (editable, presets), Start / Pause / Reset, and per
 * step the learned kernel's numbers, the loss curve, the prediction, the error and the gradient
 * for the input with the sentence that names its path (learn.ts does the arithmetic with the
 * library's convBackward). One step per animation frame; a run stops by itself once it has
 * learned the target (learn.ts `learned`) and says how near the kernel is, or pauses after
 * MAX_STEPS steps and says so; Start goes on for as many more. The error and the input gradient are
 * drawn on the largest value each has had so far, so they fade as the loss falls (a per-step
 * scale showed a converged run's error at full contrast).
 */
import type { Tensor } from '../../../src/tensor/tensor.js';
import { el, h } from '../dom.js';
import type { Lang } from '../state.js';
import { displayZoom, drawPlanes } from './canvas.js';
import { displayOf } from './display.js';
import type { DisplayMap } from './display.js';
import { it, sci } from './image-text.js';
import { KernelEditor } from './kernel-editor.js';
import { parseKernelSpec } from './kernel-spec.js';
import { LARGEST_TARGET, kernelGap, learned, lossOf, startLearning, step, targetTooLarge } from './learn.js';
import type { LearnState } from './learn.js';
import type { Picture } from './picture.js';
import { shrinkToFit } from './resize.js';

export const LEARN_SIDE = 128;
export const MAX_STEPS = 600;
/** The target a run aims at unless the reader (or a link) picks another. */
const DEFAULT_TARGET = 'sobelX';

/** The largest |value| of a tensor. */
function largest(t: Tensor): number {
  let m = 0;
  for (let i = 0; i < t.data.length; i++) m = Math.max(m, Math.abs(t.data[i]));
  return m;
}

function sameWeights(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/**
 * The gap between the two input gradients, relative to the gradient's largest absolute value,
 * up to which it is float32's rounding (float32 carries ~7 digits: the gaps seen are 1–2e-7).
 */
const ROUNDING = 1e-5;
/** The share of the target's values that, clipped to [0, 1], leaves it no picture (a weight of 1e20 made it white). */
const CLIPPED = 0.9;

/** A value of the target for the scale note: "-3", "0.25", or in exponent form ("1.0e+20"). */
function valueText(v: number): string {
  return v === 0 || (Math.abs(v) >= 0.01 && Math.abs(v) < 1e4) ? String(Number(v.toPrecision(2))) : sci(v, 1);
}

/** Signed planes drawn with zero at mid-grey and ±m at black or white. */
function signedMap(m: number): DisplayMap {
  return { offset: 0.5, scale: m > 0 ? 0.5 / m : 1, kind: 'signed' };
}

export class LearnView {
  readonly root = h('section', { class: 'image-section', 'data-image-learn': '', 'aria-labelledby': 'image-learn-title' });
  readonly target: KernelEditor;
  private readonly learned: KernelEditor;
  private readonly title = h('h3', { id: 'image-learn-title' });
  private readonly intro = h('p', { 'data-learn-intro': '' });
  private readonly targetLabel = h('h4');
  private readonly learnedLabel = h('h4');
  private readonly start = h('button', { type: 'button', 'data-learn-start': '' });
  private readonly reset = h('button', { type: 'button', 'data-learn-reset': '' });
  /** One step at a time: the error and the gradient change most in the first few dozen steps, which a run passes in half a second. */
  private readonly one = h('button', { type: 'button', 'data-learn-one': '' });
  private readonly progress = h('p', { id: 'image-learn-progress', class: 'learn-progress', 'aria-live': 'polite', 'data-learn-progress': '' });
  private readonly lossLabel = h('figcaption');
  private readonly curve = el('svg', { class: 'loss-curve', viewBox: '0 0 240 120', role: 'img', 'data-learn-curve': '' });
  private readonly canvases = { prediction: h('canvas', { role: 'img' }), target: h('canvas', { role: 'img' }), error: h('canvas', { role: 'img' }), back: h('canvas', { role: 'img', 'data-learn-back': '' }) };
  private readonly captions = { prediction: h('figcaption'), target: h('figcaption'), error: h('figcaption'), back: h('figcaption') };
  /** The figures of what a run computes (a refused target has none of them to show). */
  private readonly runFigures: HTMLElement[] = [];
  private readonly scaleNote = h('p', { class: 'hint', 'data-learn-scale': '' });
  private readonly transposeNote = h('p', { 'data-learn-transpose': '' });
  private lang: Lang = 'en';
  private picture: Picture | null = null;
  /** Whether `picture` is the page's picture shrunk to fit LEARN_SIDE. */
  private shrunk = false;
  private run: LearnState | null = null;
  /** No run was started: the target is too large (learn.ts targetTooLarge). */
  private refused = false;
  private playing = false;
  private raf = 0;
  /** The step this stretch of playing pauses at, and why it paused by itself (null: it did not). */
  private until = 0;
  private pausedBy: 'limit' | 'learned' | 'overflow' | null = null;
  /** Whether this stretch stops once the target is learned (not when started again after that). */
  private stopWhenLearned = true;
  /** How the run's target and prediction are drawn (displayMap), and the target's range where drawn over it. */
  private map: DisplayMap = { offset: 0, scale: 1, kind: 'clip' };
  private range: { lo: number; hi: number } | null = null;
  /** The largest |error| and |input gradient| each has had so far: the pictures' scales (they never shrink). */
  private scales: { error: number; back: number } | null = null;
  /** The target as the link says it (kernel-spec.ts text; '' = DEFAULT_TARGET). */
  private targetSpec = '';
  /** Called when the reader changes the target (its link text): the host keeps it in the link. */
  onTarget: (spec: string) => void = () => {};

  constructor() {
    this.target = new KernelEditor('learn-target', 'kernelOfTarget', () => this.targetChanged(), DEFAULT_TARGET);
    this.learned = new KernelEditor('learn-kernel', 'kernelOfLearned', () => {}, 'identity');
    this.learned.root.dataset.learnKernel = '';
    const kernels = h('div', { class: 'image-pair' });
    const t = h('div');
    t.append(this.targetLabel, this.target.root);
    const l = h('div');
    l.append(this.learnedLabel, this.learned.root);
    const lossFig = h('figure', { class: 'image-figure' });
    lossFig.append(this.curve, this.lossLabel);
    kernels.append(t, l, lossFig);
    const buttons = h('div', { class: 'buttons' });
    buttons.append(this.start, this.one, this.reset);
    const pics = h('div', { class: 'image-pair' });
    for (const k of ['target', 'prediction', 'error', 'back'] as const) {
      const fig = h('figure', { class: 'image-figure', 'data-learn-figure': k });
      fig.append(this.canvases[k], this.captions[k]);
      pics.append(fig);
      if (k !== 'target') this.runFigures.push(fig);
    }
    this.root.append(this.title, this.intro, kernels, buttons, this.progress, pics, this.scaleNote, this.transposeNote);
    this.target.setSize(3, 3);
    this.learned.setSize(3, 3);
    this.learned.setReadOnly(true);
    this.start.addEventListener('click', () => this.setPlaying(!this.playing));
    this.reset.addEventListener('click', () => this.restart());
    this.one.addEventListener('click', () => this.stepOnce());
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    this.target.setLang(lang);
    this.learned.setLang(lang);
    this.title.textContent = it(lang, 'learnTitle');
    this.targetLabel.textContent = it(lang, 'learnTarget');
    this.learnedLabel.textContent = it(lang, 'learnKernel');
    this.reset.textContent = it(lang, 'learnReset');
    this.one.textContent = it(lang, 'learnOne');
    this.lossLabel.textContent = it(lang, 'learnLoss');
    this.curve.setAttribute('aria-label', it(lang, 'learnLoss'));
    this.captions.prediction.textContent = it(lang, 'learnPrediction');
    this.captions.target.textContent = it(lang, 'learnTargetImage');
    this.captions.error.textContent = it(lang, 'learnError');
    this.captions.back.textContent = it(lang, 'learnBack');
    this.sayScale();
    this.sayIntro();
    for (const k of ['prediction', 'target', 'error', 'back'] as const) this.canvases[k].setAttribute('aria-label', this.captions[k].textContent ?? '');
    this.setPlaying(this.playing);
    if (this.refused) this.progress.textContent = it(lang, 'learnOverflow', { max: sci(LARGEST_TARGET, 1) });
    this.show();
    this.sayCanStep();
  }

  /**
   * Start and One step can do nothing without a run (a refused target) or past an overflow: they
   * are disabled then, and described by the progress line, which says why and what to change (a
   * disabled button that said nothing left a screen reader's user to guess). Reset stays: it
   * starts the target again.
   */
  private sayCanStep(): void {
    const stuck = this.run === null ? this.refused : this.run.overflowAt !== null;
    for (const b of [this.start, this.one]) {
      b.disabled = stuck;
      if (stuck) b.setAttribute('aria-describedby', this.progress.id);
      else b.removeAttribute('aria-describedby');
    }
  }

  /** The target a link gives (kernel-spec.ts text; '' = Sobel x): a new run if it changes the kernel. */
  setTargetSpec(text: string): void {
    if (text === this.targetSpec) return;
    this.targetSpec = text;
    const spec = parseKernelSpec(text || DEFAULT_TARGET);
    const before = this.target.weights;
    if (spec && this.target.load(spec) && !sameWeights(before, this.target.weights)) this.restart();
  }

  /** The reader edited the target or picked a preset: into the link, and a new run. */
  private targetChanged(): void {
    const text = this.target.linkText();
    const spec = text === DEFAULT_TARGET ? '' : text;
    if (spec !== this.targetSpec) {
      this.targetSpec = spec;
      this.onTarget(spec);
    }
    this.restart();
  }

  setPicture(p: Picture): void {
    this.picture = shrinkToFit(p, LEARN_SIDE);
    this.shrunk = this.picture !== p;
    this.restart();
  }

  /** A tiny picture's images are shown enlarged, by the factor the layer's pictures use for it. */
  private zoom(): number {
    return this.picture ? displayZoom(this.picture.width, this.picture.height) : 1;
  }

  private sayIntro(): void {
    const p = this.picture;
    if (!p) return;
    const z = this.zoom();
    // Enlarged because the study shrank the picture (a 300 × 200 file to 100 × 66), or because it is small.
    const larger = z > 1 ? it(this.lang, this.shrunk ? 'learnShrunkLarger' : 'imagesLarger', { z, side: LEARN_SIDE }) : '';
    this.intro.textContent = it(this.lang, 'learnIntro', { w: p.width, h: p.height }) + larger;
  }

  private restart(): void {
    if (!this.picture) return;
    this.setPlaying(false);
    const run = startLearning(this.picture, this.target.weights);
    this.scales = null;
    this.pausedBy = null;
    this.sayIntro();
    this.map = this.displayMap(run);
    this.sayScale();
    drawPlanes(this.canvases.target, run.target, this.map, this.zoom());
    // Weights whose learned kernel could pass float32's range on the way: no run, and the reason.
    this.refused = targetTooLarge(run);
    // Without a run there is no prediction, error or gradient: their figures give way, and the
    // notes on how they are drawn and computed with them (blank canvases left their captions
    // spread across the panel with nothing above them).
    for (const fig of this.runFigures) fig.hidden = this.refused;
    this.scaleNote.hidden = this.refused;
    this.transposeNote.hidden = this.refused;
    if (this.refused) {
      this.run = null;
      this.drawCurve([]);
      this.progress.textContent = it(this.lang, 'learnOverflow', { max: sci(LARGEST_TARGET, 1) });
      // The learned kernel and the note as before a run: nothing of the last run is left to read as this one's.
      this.learned.show(new Float32Array(9));
      this.transposeNote.textContent = it(this.lang, 'learnTransposeBefore');
      delete this.transposeNote.dataset.gap;
      this.root.dataset.step = '0';
      this.sayCanStep();
      return;
    }
    this.run = run;
    this.show();
    this.sayCanStep();
  }

  /**
   * The target's display map (display.ts) for planes in the run's unit (learn.ts): the picture as
   * the weights themselves give it. Where that would clip nearly all of the target to black or
   * white (weights of 1e20 drew a white square with the picture's zero border), the target's own
   * range instead, from its smallest value in black to its largest in white (`range`, which the
   * scale note says).
   */
  private displayMap(r: LearnState): DisplayMap {
    const m = displayOf(this.target.weights);
    const map = { ...m, scale: m.scale * r.unit };
    this.range = null;
    if (m.kind !== 'clip') return map;
    const d = r.target.data;
    let lo = Infinity;
    let hi = -Infinity;
    let clipped = 0;
    for (let i = 0; i < d.length; i++) {
      lo = Math.min(lo, d[i]);
      hi = Math.max(hi, d[i]);
      const u = d[i] * map.scale;
      if (u < 0 || u > 1) clipped++;
    }
    if (clipped <= CLIPPED * d.length || !(hi > lo)) return map;
    this.range = { lo: lo * r.unit, hi: hi * r.unit };
    return { offset: -lo / (hi - lo), scale: 1 / (hi - lo), kind: 'clip' };
  }

  private sayScale(): void {
    const r = this.range;
    this.scaleNote.textContent = (r ? it(this.lang, 'learnRange', { lo: valueText(r.lo), hi: valueText(r.hi) }) : '') + it(this.lang, 'learnScale');
  }

  setPlaying(on: boolean): void {
    if (on && !this.playing && this.run) {
      this.until = this.run.step + MAX_STEPS;
      this.stopWhenLearned = !learned(this.run);
    }
    if (on) this.pausedBy = null;
    this.playing = on && this.run !== null && this.run.overflowAt === null;
    this.start.textContent = it(this.lang, this.playing ? 'learnPause' : 'learnStart');
    this.start.setAttribute('aria-pressed', String(this.playing));
    cancelAnimationFrame(this.raf);
    if (this.playing) this.raf = requestAnimationFrame(() => this.tick());
  }

  /** One step, shown (a running loop pauses first). */
  private stepOnce(): void {
    if (!this.run) return;
    this.setPlaying(false);
    this.pausedBy = null;
    step(this.run);
    this.show();
    this.sayCanStep();
  }

  /** Stops the loop (the view was hidden). */
  stop(): void {
    this.setPlaying(false);
  }

  private tick(): void {
    const r = this.run;
    if (!r || !this.playing) return;
    step(r);
    this.show();
    const done = r.overflowAt !== null ? 'overflow' : this.stopWhenLearned && learned(r) ? 'learned' : r.step >= this.until ? 'limit' : null;
    if (done) {
      this.setPlaying(false);
      this.pausedBy = done;
      this.show();
      this.sayCanStep();
    } else this.raf = requestAnimationFrame(() => this.tick());
  }

  private show(): void {
    const r = this.run;
    if (!r) return;
    this.learned.show(r.w);
    // Everything shown is the kernel's as it is now: its loss, and (set by lossOf) its prediction,
    // error and gradients, kept for the next step, so a step still costs one evaluation.
    const now = lossOf(r);
    const started = r.step > 0;
    const gap = kernelGap(r);
    const said = { n: r.step, loss: sci(now, 2), m: MAX_STEPS, gap: sci(gap, 1) };
    // A target that is zero everywhere is matched by the kernel of zeros the run starts from.
    const nothing = now === 0 && r.losses[0] === 0;
    // Numbers beyond float32 (learn.ts overflowAt): said instead of a loss of Infinity or NaN.
    const over = r.overflowAt !== null;
    const key = over ? 'learnOverflowed' : nothing ? 'learnNothing' : this.pausedBy === 'limit' ? 'learnPaused' : this.pausedBy === 'learned' ? 'learnLearned' : 'learnStep';
    // A run paused short of its target says why it can be slow.
    const slow = this.pausedBy === 'limit' && !learned(r) ? it(this.lang, 'learnSlow') : '';
    this.progress.textContent = started || over ? it(this.lang, key, said) + slow : '';
    this.root.dataset.kernelGap = String(gap);
    this.root.dataset.step = String(r.step);
    this.root.dataset.loss = started && !over ? String(now) : '';
    this.root.dataset.firstLoss = started ? String(r.losses[0]) : '';
    // From the zero kernel to the kernel shown (to the last finite one after an overflow).
    this.drawCurve(started ? (over ? r.losses : [...r.losses, now]) : []);
    if (r.prediction && r.error && r.inputGradient) {
      // Each image on the largest value it has had so far: the error's is its first (it only falls);
      // the input gradient's grows while the kernel leaves zero (the zero kernel sends none back),
      // then stays, so both fade as the loss falls and neither clips.
      const sc = (this.scales ??= { error: 0, back: 0 });
      sc.error = Math.max(sc.error, largest(r.error));
      sc.back = Math.max(sc.back, largest(r.inputGradient));
      const z = this.zoom();
      drawPlanes(this.canvases.prediction, r.prediction, this.map, z);
      drawPlanes(this.canvases.error, r.error, signedMap(sc.error), z);
      drawPlanes(this.canvases.back, r.inputGradient, signedMap(sc.back), z);
    }
    if (r.step > 0) {
      // The gap beside the gradient's own size: with a target of 1e20 it was 4.8e+24, which reads
      // as large, and is 1.7e-7 of a gradient of 2.9e+31. (The error and the gradient are in the
      // run's unit and its square: learn.ts.)
      const size = r.inputGradient ? largest(r.inputGradient) * r.unit * r.unit : 0;
      const rel = size > 0 && r.transposeGap > 0 ? r.transposeGap / size : NaN;
      const relText = Number.isFinite(rel)
        ? it(this.lang, 'learnTransposeRel', { r: sci(rel, 1), size: sci(size, 1) }) + (rel <= ROUNDING ? it(this.lang, 'learnTransposeRounding') : '')
        : '';
      this.transposeNote.textContent = it(this.lang, 'learnTranspose', { gap: sci(r.transposeGap, 1), rel: relText });
      this.transposeNote.dataset.gap = String(r.transposeGap);
    } else {
      this.transposeNote.textContent = it(this.lang, 'learnTransposeBefore');
      delete this.transposeNote.dataset.gap;
    }
  }

  private drawCurve(losses: number[]): void {
    this.curve.replaceChildren();
    this.curve.append(el('rect', { x: 0, y: 0, width: 240, height: 120, class: 'curve-bg' }));
    if (losses.length < 2) return;
    const logs = losses.map((v) => Math.log10(Math.max(v, 1e-12)));
    const hi = Math.max(...logs);
    const lo = Math.min(...logs);
    const span = Math.max(hi - lo, 1e-6);
    const n = Math.max(losses.length - 1, 1);
    // The plot right of a margin holding the axis's two values: the highest and the lowest loss so
    // far, the lowest a power of ten as wide as "8.8 × 10⁻¹¹" at the labels' 12 px (image.css).
    const x0 = 76;
    const pts = logs.map((v, i) => `${((i / n) * (236 - x0) + x0).toFixed(1)},${(6 + ((hi - v) / span) * 108).toFixed(1)}`).join(' ');
    this.curve.append(el('polyline', { points: pts, class: 'curve-line' }));
    const label = (v: number, y: number) => {
      const t = el('text', { x: x0 - 4, y, class: 'curve-label', 'text-anchor': 'end' });
      t.textContent = lossText(v);
      return t;
    };
    // The values themselves (the plot clamps at 1e-12 only to take logarithms).
    this.curve.append(label(Math.max(...losses), 14), label(Math.min(...losses), 116), el('line', { x1: x0 - 2, y1: 6, x2: x0 - 2, y2: 114, class: 'curve-axis' }));
  }
}

/** A loss for the curve's axis: two significant digits, as a power of ten below 0.01 (as the status says it). */
function lossText(v: number): string {
  return v >= 0.01 ? String(Number(v.toPrecision(2))) : sci(v, 1);
}
