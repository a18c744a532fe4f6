/**
 * Both notations (issue 10, item 4): the guide's description of the layer (for a transposed conv,
 * the fractionally strided convolution: stride 1/s, i.e. s − 1 zeros inserted and then stride 1,
 * padding p′, the `a` extra cells, kernel flipped) beside PyTorch's options, and a small form that takes the
 * guide's numbers ("stride 1/2, padding 2") and turns them into the layer — converted by the
 * library (guideNotation, fromGuideNotation), refused with its ConvError when impossible.
 */
import { fromGuideNotation, guideNotation, guidePaddingMost } from '../../src/arithmetic/guide-notation.js';
import { outputPaddingLimit } from '../../src/geometry/sizes.js';
import type { GuideAxisNotation } from '../../src/arithmetic/guide-notation.js';
import { restoreTranspose } from '../../src/arithmetic/restore-transpose.js';
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import { isConvError } from '../../src/geometry/errors.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { figureInstead } from './code-note.js';
import { t } from './i18n.js';
import { errorText, writtenOptions } from './layer.js';
import { writtenAxes as written } from './line-layer.js';
import { pt } from './pair-i18n.js';
import { plainPadMode } from './state.js';
import type { Lang, State } from './state.js';
import { store } from './store.js';
import { h } from './dom.js';
import { formulaNodes } from './keep-together.js';

/** "2" when both axes agree, else "2×1" (H×W). */
function both<T>(ns: GuideAxisNotation[], f: (n: GuideAxisNotation) => T): string {
  const v = ns.map((n) => String(f(n)));
  return v.every((x) => x === v[0]) ? v[0] : v.join('×');
}

/**
 * A line of the panel written with its short formulas held on one line (keep-together.ts
 * formulaNodes, as the Formula tab's lines are): a phone broke "here p′ = / −1 (a crop)" in the
 * form's note (student review 54). The text reads as written; only where it may wrap changes.
 */
function write(el: HTMLElement, text: string): void {
  el.replaceChildren(...formulaNodes(text));
}

/** One value per axis as PyTorch writes an argument: 2, or (1, 2) where the axes differ. */
function code<T>(ns: GuideAxisNotation[], f: (n: GuideAxisNotation) => T): string {
  const v = ns.map((n) => String(f(n)));
  return v.every((x) => x === v[0]) ? v[0] : `(${v.join(', ')})`;
}

/** A number as the page's sentences write it: a negative one with the minus sign (−1), not a hyphen. */
const num = (v: number) => String(v).replace('-', '−');

/**
 * The largest p′ the form takes: k̂ − 1 (the library's guidePaddingMost, the rule fromGuideNotation
 * refuses by); one p′ serves every axis written, so the smallest axis's range is the form's.
 */
const padMost = (s: State) => {
  const d = written(s, s.dilation);
  return Math.min(...written(s, s.kernel).map((k, i) => guidePaddingMost(k, d[i])));
};

export class NotationView {
  readonly root: HTMLElement;
  private title: HTMLElement;
  /** Whose layer this panel describes while it is not the settings' (the figure's: the last valid one, or the default). */
  private instead: HTMLElement;
  private guide: HTMLElement;
  private torch: HTMLElement;
  private guideHead: HTMLElement;
  private torchHead: HTMLElement;
  private formTitle: HTMLElement;
  /** Where the form's numbers come from (the layer itself, or the transposed conv restoring it). */
  private formNote: HTMLElement;
  /** The input of the transposed convolution the form builds (the axes written): the layer's own, or a direct conv's output. */
  private formInput: number[] = [1, 1];
  /** The channels of that transposed convolution (a direct conv's, swapped). */
  private formChannels: [number, number] = [1, 1];
  private stride: HTMLInputElement;
  private pad: HTMLInputElement;
  private a: HTMLInputElement;
  private labels: HTMLElement[] = [];
  private apply: HTMLButtonElement;
  private status: HTMLElement;
  private lang: Lang = 'en';
  private state: State | null = null;
  /**
   * The settings of the layer this panel describes, the figure's: the page's own, or while they are
   * refused the last valid layer's (store.ts `stale`). The form's kernel, dilation, input and
   * channels come from here, the numbers it fills in are this layer's, and the note says whose.
   */
  private basis: State | null = null;

  constructor(host: HTMLElement, before: Node | null, private load: (s: State) => void) {
    this.root = h('section', { id: 'notation-view', class: 'notation-view tutorial-view', 'data-notation': '', 'aria-labelledby': 'notation-title' });
    this.title = h('h2', { id: 'notation-title' });
    this.instead = h('p', { id: 'notation-instead', class: 'hint notation-instead' });
    this.instead.hidden = true;
    const cols = h('div', { id: 'notation-cols', class: 'notation-cols' });
    const g = h('div', { class: 'notation-col' });
    const t = h('div', { class: 'notation-col' });
    this.guideHead = h('h3');
    this.torchHead = h('h3');
    this.guide = h('p', { 'data-notation-guide': '' });
    this.torch = h('p', { 'data-notation-torch': '' });
    g.append(this.guideHead, this.guide);
    t.append(this.torchHead, this.torch);
    cols.append(g, t);
    const form = h('form', { class: 'notation-form', id: 'notation-form' });
    this.formTitle = h('p', { class: 'notation-form-title' });
    this.formNote = h('p', { class: 'hint notation-form-note', id: 'notation-form-note' });
    const field = (id: string, size: string) => {
      const lab = h('label', { for: id });
      const span = h('span');
      const inp = h('input', { id, type: 'text', inputmode: 'numeric', size, autocomplete: 'off', 'aria-describedby': 'notation-status' });
      lab.append(span, inp);
      this.labels.push(span);
      return [lab, inp] as const;
    };
    const [ls, stride] = field('guide-stride', '4');
    const [lp, pad] = field('guide-padding', '3');
    const [la, a] = field('guide-a', '3');
    this.stride = stride;
    this.pad = pad;
    this.a = a;
    this.apply = h('button', { type: 'submit', id: 'guide-apply' });
    this.status = h('p', { id: 'notation-status', class: 'notation-status', role: 'status' });
    form.append(this.formTitle, this.formNote, ls, lp, la, this.apply);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.root.append(this.title, this.instead, cols, form, this.status);
    host.insertBefore(this.root, before);
  }

  /**
   * The layer in both notations; the form starts from the layer's guide numbers. `g`: the figure's
   * layer as the texts write it (the scene's `written`: a 1-D layer in its own numbers, one per
   * field, Conv1d, not as the row it is drawn as; the form's axes are `written`'s, line-layer.ts).
   */
  draw(g: ConvGeometry, s: State, lang: Lang): void {
    const langChanged = lang !== this.lang || this.state === null;
    this.lang = lang;
    this.state = s;
    // While the settings are refused (or a box holds no number) g is the figure's layer, not the
    // settings': the last valid one, or the default. Everything here is then about that layer, and
    // says so first and names it, as the Code tab's note does (code-note.ts): the lines below,
    // dimmed with the figure (errors-display.ts), and the form's note and numbers. (They spoke of a
    // direct convolution beside a ticked Transposed box, review 53.)
    const instead = figureInstead();
    const layer = store.stale && store.scene ? store.scene.state : s;
    this.basis = layer;
    this.title.textContent = pt(lang, 'notationTitle');
    this.guideHead.textContent = pt(lang, 'notationGuide');
    this.torchHead.textContent = pt(lang, 'notationTorch');
    this.formTitle.textContent = pt(lang, 'notationInput');
    [pt(lang, 'notationStride'), pt(lang, 'notationPadding'), pt(lang, 'notationA2')].forEach((x, i) => { this.labels[i].textContent = x; });
    this.apply.textContent = pt(lang, 'notationApply');
    if (langChanged) this.status.textContent = '';
    const ns = guideNotation(g);
    const guidePads = (n: GuideAxisNotation) => (n.guidePadding[0] === n.guidePadding[1] ? num(n.guidePadding[0]) : `${num(n.guidePadding[0])}/${num(n.guidePadding[1])}`);
    const pp = both(ns, guidePads);
    const a = both(ns, (n) => n.a);
    const aText = ns.some((n) => n.a > 0) ? pt(lang, 'notationA', { a }) : '';
    // A dilated layer is not the guide's plain case: its line and PyTorch's both name the rate.
    const dilated = ns.some((n) => n.dilation > 1);
    const d = both(ns, (n) => n.dilation);
    const dText = dilated ? pt(lang, 'notationTransposedDil', { d }) : '';
    const size = (f: (x: ConvGeometry['axes'][number]) => number) => g.axes.map(f).join('×');
    const kind = pt(lang, g.transposed ? 'notationKindTransposed' : dilated ? 'notationKindDilated' : 'notationKindDirect');
    this.instead.hidden = instead === null;
    this.instead.textContent = instead ? pt(lang, 'notationInstead', { which: t(lang, instead === 'default' ? 'codeDefaultLayer' : 'codeLastLayer'), kind, i: size((x) => x.input), o: size((x) => x.output) }) : '';
    if (!g.transposed) {
      write(this.guide, pt(lang, dilated ? 'notationDilated' : 'notationDirect', { s: both(ns, (n) => n.stride), p: pp, d }));
    } else if (ns.every((n) => n.stride === 1)) {
      write(this.guide, pt(lang, 'notationTransposedOne', { pp, a: aText, d: dText }));
    } else {
      write(this.guide, pt(lang, ns.every((n) => n.insertedZeros === 1) ? 'notationTransposedSingle' : 'notationTransposed', { fs: both(ns, (n) => n.guideStride), z: both(ns, (n) => n.insertedZeros), it: both(ns, (n) => n.stretchedInput), pp, a: aText, d: dText }));
    }
    const p = both(ns, (n) => (n.padding[0] === n.padding[1] ? n.padding[0] : `${n.padding[0]}/${n.padding[1]}`));
    // PyTorch's own words (stride=2, padding=0, output_padding=0) in both languages.
    const op = g.transposed ? pt(lang, 'notationOp', { op: code(ns, (n) => n.a) }) : '';
    const dil = dilated ? pt(lang, 'notationTorchDil', { d: code(ns, (n) => n.dilation) }) : '';
    const rank = g.axes.length;
    this.torch.textContent = pt(lang, 'notationTorchText', { name: g.transposed ? `ConvTranspose${rank}d` : `Conv${rank}d`, s: code(ns, (n) => n.stride), p: code(ns, (n) => (n.padding[0] === n.padding[1] ? n.padding[0] : `${n.padding[0]}/${n.padding[1]}`)), op, d: dil });
    // The form builds a transposed convolution. On a transposed layer it starts from the layer's
    // own guide numbers; on a direct one, from the transposed conv that takes its output back to its
    // input's shape (numbers that contradict the line above would mislead), applied to that output.
    const restore = g.transposed ? null : restoring(layer);
    const fill = g.transposed ? ns : restore?.notation ?? null;
    this.formInput = g.axes.map((x) => (g.transposed ? x.input : x.output));
    this.formChannels = g.transposed ? [layer.inChannels, layer.outChannels] : [layer.outChannels, layer.inChannels];
    const self = pt(lang, instead ? 'notationThisFigure' : 'notationThis');
    const note = g.transposed
      ? pt(lang, 'notationFromLayer', { this: self })
      : pt(lang, restore ? 'notationFromDirect' : 'notationFromDirectNone', { this: self, kind, o: this.formInput.join('×'), i: size((x) => x.input) });
    // The form takes one p′ for every side, from 0 to k̂ − 1, and one a: a layer whose numbers are
    // not such (a crop past k̂ − 1 makes p′ negative; sides that differ) leaves that field empty and
    // says why, rather than fill in a number "Use these" then refuses (p′ = −1, review 53).
    const pads = fill ? fill.flatMap((n) => n.guidePadding) : [];
    const aVals = fill ? fill.map((n) => n.a) : [];
    const padOk = fill !== null && pads.every((v) => v === pads[0]) && pads[0] >= 0 && pads[0] <= padMost(layer);
    const aOk = fill !== null && aVals.every((v) => v === aVals[0]);
    const why: string[] = [];
    if (fill && !padOk) {
      if (pads.some((v) => v < 0)) why.push(pt(lang, 'notationPadBeyond', { p: num(Math.min(...pads)), m: padMost(layer) }));
      else if (pads.some((v) => v !== pads[0])) why.push(pt(lang, 'notationPadMixed', { v: both(fill, guidePads) }));
      else why.push(pt(lang, 'notationBadPad', { p: pads[0], m: padMost(layer) }));
    }
    if (fill && !aOk) why.push(pt(lang, 'notationAMixed', { v: both(fill, (n) => n.a) }));
    // Chinese sets no space after a full-width full stop.
    write(this.formNote, [note, ...why].join(lang === 'zh' ? '' : ' '));
    // Unless the reader is typing in it.
    if (!this.root.contains(document.activeElement)) {
      this.stride.value = fill ? both(fill, (n) => n.guideStride).replace('×', ',') : '';
      this.pad.value = fill && padOk ? String(pads[0]) : '';
      this.a.value = fill && aOk ? String(aVals[0]) : '';
    }
  }

  /** The guide's numbers → PyTorch's (the library), then into the page as a transposed layer. */
  private submit(): void {
    const s = this.state;
    const b = this.basis;
    if (!s || !b) return;
    const lang = this.lang;
    const strideText = this.stride.value.trim();
    const strides = strideText.split(/[,×x]/).map((v) => v.trim()).filter((v) => v !== '');
    // A typed minus sign may be the typographic one (−1).
    const [pText, aText] = [this.pad.value, this.a.value].map((v) => v.trim().replace(/^−/, '-'));
    const whole = (v: string) => /^-?\d+$/.test(v);
    // Chinese sets no space after a full-width full stop.
    const sep = lang === 'zh' ? '' : ' ';
    const refuse = (...parts: string[]) => {
      this.status.classList.add('field-error');
      write(this.status, parts.join(sep));
    };
    // Each field is refused in the form's order (stride, p′, a), by its label, with what it takes.
    if (strides.length === 0) return refuse(pt(lang, 'notationStrideEmpty'));
    // p′ runs from 0 to k̂ − 1 (padMost).
    const pMost = padMost(b);
    const pRange = pt(lang, pMost === 0 ? 'notationPadOnly' : 'notationPadRange', { m: pMost });
    const [kernel, dilation] = [written(b, b.kernel), written(b, b.dilation)];
    const convert = (a: number) => fromGuideNotation({
      input: this.formInput,
      kernel,
      dilation,
      stride: strides.length === 2 ? strides : strides[0],
      padding: Number(pText),
      a,
    });
    try {
      // The strides read, or the stride's refusal, before the padding is judged: built with p′ = k̂ − 1
      // (PyTorch's padding 0, the largest output), which any stride the guide writes can take.
      const r0 = fromGuideNotation({ input: this.formInput, kernel, dilation, stride: strides.length === 2 ? strides : strides[0], padding: pMost });
      if (pText === '') return refuse(pt(lang, 'notationPadEmpty'), pRange);
      if (!whole(pText)) return refuse(pt(lang, 'notationPadNotWhole', { v: pText }), pRange);
      const p = Number(pText);
      if (p < 0) return refuse(pt(lang, 'notationPadNeg', { p: pText.replace('-', '−') }), pRange);
      if (p > pMost) return refuse(pt(lang, 'notationBadPad', { p, m: pMost }), pRange);
      // a is below max(s, d) on every axis (the geometry's outputPaddingLimit), for the strides read.
      const limits = r0.geometry.axes.map((x) => ({ limit: outputPaddingLimit(x.stride, x.dilation), s: x.stride, d: x.dilation }));
      const tight = limits.reduce((m, x) => (x.limit < m.limit ? x : m));
      const aMost = tight.limit - 1;
      const why = tight.d > tight.s ? pt(lang, 'notationWhyDil', { d: tight.d }) : pt(lang, 'notationWhyStride', { s: tight.s });
      const aRange = pt(lang, aMost === 0 ? 'notationAOnly' : 'notationARange', { m: aMost, why });
      if (aText === '') return refuse(pt(lang, 'notationAEmpty'), aRange);
      if (!whole(aText)) return refuse(pt(lang, 'notationANotWhole', { v: aText }), aRange);
      const aNum = Number(aText);
      if (aNum < 0) return refuse(pt(lang, 'notationANeg', { v: aText.replace('-', '−') }), aRange);
      if (aNum > aMost) return refuse(pt(lang, 'notationABig', { v: aNum }), aRange);
      const r = convert(aNum);
      // A 1-D layer's is its W axis, drawn as one row again: H one cell, one tap, stride 1, no padding.
      const line = r.geometry.axes.length === 1;
      const one = { stride: 1, outputPadding: 0 };
      const [H, W] = line ? [one, r.geometry.axes[0]] : r.geometry.axes;
      const [pH, pW]: [number, number][] = [line ? [0, 0] : paddingArgument(r.geometry.axes[0]), paddingArgument(W)];
      const n = r.notation;
      const fs = both(n, (x) => x.guideStride);
      // The guide's a and a dilation rate above 1 are said on both sides: p′ = k̂ − 1 − p holds for
      // the dilated kernel's k̂, and the code without dilation= would build another layer.
      const dilated = n.some((x) => x.dilation > 1);
      const dil = dilated ? pt(lang, 'notationDil', { d: both(n, (x) => x.dilation) }) : '';
      const dilArg = dilated ? `, dilation=${code(n, (x) => x.dilation)}` : '';
      const msgs = [pt(lang, 'notationUnderstood', { fs, pp: both(n, (x) => x.guidePadding[0]), a: both(n, (x) => x.a), dil, s: code(n, (x) => x.stride), p: code(n, (x) => x.padding[0]), op: code(n, (x) => x.a), dilArg })];
      // A whole-number stride above 1 was read as the guide's 1/s: say so rather than echo it changed.
      const wholeStride = strides.find((v) => /^\d+$/.test(v) && Number(v) > 1);
      if (wholeStride !== undefined) msgs.push(pt(lang, 'notationReadAs', { v: wholeStride }));
      if (n.some((x) => x.stride > 1)) msgs.push(pt(lang, n.every((x) => x.insertedZeros === 1) ? 'notationFractionalOne' : 'notationFractional', { s: both(n, (x) => x.stride), z: both(n, (x) => x.insertedZeros) }));
      // The layer this panel describes (the figure's: while the settings are refused, not theirs).
      const next: State = {
        ...s,
        kernel: [...b.kernel],
        dilation: [...b.dilation],
        groups: b.groups,
        input: line ? [1, this.formInput[0]] : [this.formInput[0], this.formInput[1]],
        line,
        inChannels: this.formChannels[0],
        outChannels: this.formChannels[1],
        transposed: true,
        stride: [H.stride, W.stride],
        padMode: plainPadMode([...pH, ...pW]),
        pad: [...pH, ...pW],
        outputPadding: [H.outputPadding, W.outputPadding],
        useTarget: false,
        frame: 0,
      };
      this.load(next);
      this.status.classList.remove('field-error');
      write(this.status, msgs.join(sep));
    } catch (e) {
      if (!isConvError(e)) throw e;
      // The stride's refusal in the page's words; the rest (a layer the page cannot build) as the layer form says it.
      const v = e.values as Record<string, unknown>;
      if (e.code === 'STRIDE' && v.stride !== undefined) refuse(pt(lang, 'notationBadStride', { v: String(v.stride) }));
      else refuse(errorText(e, lang));
    }
  }
}

/** The transposed convolution restoring a direct layer's input shape, in the guide's numbers (null: the library has none). */
function restoring(s: State): { notation: GuideAxisNotation[] } | null {
  try {
    return { notation: guideNotation(restoreTranspose(writtenOptions(s)).transposed) };
  } catch (e) {
    if (!isConvError(e)) throw e;
    return null;
  }
}
