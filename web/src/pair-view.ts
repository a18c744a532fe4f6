/**
 * The linked pair (issue 10, item 3): one action turns the current convolution into the
 * transposed convolution that restores its input shape, and shows both side by side with the same
 * kernel — x, z = Cx, Cᵀ(Cx) and x − Cᵀ(Cx), optionally the least-squares inverse C⁺z for
 * contrast. Everything is computed by the library (`linkedPair`: restoreTranspose + the reference
 * engine); the page only lays out the numbers, lets the reader edit x and the kernel, and
 * randomises them. One input and one output channel (the pair's point is shape versus values).
 *
 * The figure's layer is always one of the pair (the pair is built from it), so the pair can also
 * put its own numbers in the figure (store.ts `numbers`): its z into a transposed layer, so the
 * figure's output is its Cᵀz, or its x into a direct one. While they are there the figure follows
 * the pair's edits; tour step 8 (`figureNumbers: 'pair'`) puts them there on arrival.
 */
import { linkedPair, LEAST_SQUARES_LIMIT } from '../../src/arithmetic/linked-pair.js';
import type { LinkedPair } from '../../src/arithmetic/linked-pair.js';
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import { isConvError } from '../../src/geometry/errors.js';
import { exampleInput, exampleWeight } from './example-values.js';
import { sameAxes } from './error-text.js';
import { errorText, optionsOf } from './layer.js';
import { pt } from './pair-i18n.js';
import type { PairKey } from './pair-i18n.js';
import { numbersKey } from './stage-scene.js';
import type { FigureNumbers } from './stage-scene.js';
import { plainPadMode } from './state.js';
import type { Lang, State } from './state.js';
import { store } from './store.js';
import { TOUR } from './tour/steps.js';
import { fmt } from './views.js';
import { isLine } from './line-layer.js';
import './tutorial-views.css';
import { h } from './dom.js';

/** Largest input side drawn (tables of numbers: beyond this they stop being readable). */
export const PAIR_LIMIT = 12;

export interface PairDeps {
  lang: () => Lang;
  state: () => State;
  /** Puts a state into the page (the transposed or direct conv of the pair, in the main figure). */
  load: (s: State) => void;
}

const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const round = (v: number) => (Math.abs(v) < 5e-5 ? 0 : Math.round(v * 1e4) / 1e4);

export class PairView {
  readonly root: HTMLElement;
  private body: HTMLElement;
  private toggle: HTMLButtonElement;
  private open = false;
  private deps: PairDeps;
  private x: number[] | null = null;
  private w: number[] | null = null;
  /** The shapes the edited values belong to: a change of shape starts from the library's defaults. */
  private key = '';
  private lsq = false;
  /** The tour step the pair was last drawn on: arriving at one that asks for it (step 8) puts its numbers in the figure. */
  private arrived = 0;
  pair: LinkedPair | null = null;

  constructor(host: HTMLElement, deps: PairDeps, before: Element | null = null) {
    this.deps = deps;
    this.root = h('section', { id: 'pair-panel', class: 'pair-panel tutorial-view', 'data-pair': '', 'aria-labelledby': 'pair-title' });
    const title = h('h2', { id: 'pair-title' });
    this.toggle = h('button', { type: 'button', id: 'pair-open', 'aria-expanded': 'false', 'aria-controls': 'pair-body' });
    this.toggle.addEventListener('click', () => this.setOpen(!this.open));
    this.body = h('div', { id: 'pair-body', class: 'pair-body' });
    this.body.hidden = true;
    this.root.append(title, this.toggle, this.body);
    host.insertBefore(this.root, before);
  }

  setOpen(on: boolean): void {
    this.open = on;
    this.body.hidden = !on;
    this.toggle.setAttribute('aria-expanded', String(on));
    // Opened on a step that shows the pair's numbers in the figure: they go there, as on arrival.
    if (on) this.arrived = 0;
    this.update();
    // Closed, the pair's numbers are nowhere to be read: the figure goes back to its example's.
    if (!on && store.numbers?.source === 'pair') store.setNumbers(null);
  }

  isOpen(): boolean {
    return this.open;
  }

  /** Redraws from the page's state (cheap when closed: only the headings' language). */
  update(): void {
    const lang = this.deps.lang();
    this.root.querySelector('#pair-title')!.textContent = pt(lang, 'pairTitle');
    this.toggle.textContent = pt(lang, this.open ? 'pairClose' : 'pairOpen');
    const s = this.deps.state();
    const arriving = s.tour !== this.arrived;
    this.arrived = s.tour;
    if (!this.open) return;
    const frag = document.createDocumentFragment();
    frag.append(h('p', { class: 'pair-intro' }, pt(lang, 'pairIntro')));
    if (Math.max(...(s.transposed ? [] : s.input)) > PAIR_LIMIT) {
      frag.append(h('p', { class: 'pair-note', role: 'status' }, pt(lang, 'pairTooLarge', { n: PAIR_LIMIT })));
      this.body.replaceChildren(frag);
      return;
    }
    const options = { ...optionsOf(s), inChannels: 1, outChannels: 1, groups: 1 };
    let pair: LinkedPair;
    let lsqNote = '';
    try {
      const base = linkedPair(options);
      const key = `${base.inputShape.join('x')}|${base.weightShape.join('x')}`;
      if (key !== this.key) {
        this.key = key;
        this.x = null;
        this.w = null;
      }
      if (Math.max(...base.inputShape.slice(1)) > PAIR_LIMIT) {
        frag.append(h('p', { class: 'pair-note', role: 'status' }, pt(lang, 'pairTooLarge', { n: PAIR_LIMIT })));
        this.body.replaceChildren(frag);
        return;
      }
      // Until the reader edits them, the figure's example numbers (its kernel, the first slice when
      // it has channels): one layer, one kernel, in the figure and in the pair.
      const [, , H, W] = base.inputShape.length === 4 ? base.inputShape : [1, ...base.inputShape];
      const [, , kh, kw] = base.weightShape;
      const values = { input: this.x ?? Array.from(exampleInput(1, H, W)), weight: this.w ?? Array.from(exampleWeight(1, kh, kw)) };
      const n = Math.min(base.z.length, base.x.length);
      const wantLsq = this.lsq && n <= LEAST_SQUARES_LIMIT;
      if (this.lsq && !wantLsq) lsqNote = pt(lang, 'pairLsqTooLarge');
      pair = linkedPair(options, { ...values, leastSquares: wantLsq });
    } catch (e) {
      if (!isConvError(e)) throw e;
      // Said as the Layer form says it: once for "H and W" where both axes hold the same numbers.
      frag.append(h('p', { class: 'pair-note field-error', role: 'status' }, errorText(e, lang, sameAxes(s) ? 'both' : 'one')));
      this.body.replaceChildren(frag);
      this.pair = null;
      return;
    }
    this.pair = pair;
    // The pair's numbers as the figure's layer takes them (one channel only: the pair has one).
    const mine = s.inChannels === 1 && s.outChannels === 1 && s.groups === 1 ? figureNumbersOf(pair, s) : null;
    const shown = store.numbers?.source === 'pair' && store.numbers.key === mine?.key ? store.numbers : null;
    const auto = arriving && mine !== null && TOUR[s.tour - 1]?.figureNumbers === 'pair';
    // In the figure, they follow the pair's edits; put there after this is drawn.
    const push = mine && (shown || auto) && !(shown && sameNumbers(shown, mine)) ? mine : null;
    const linked = shown !== null || push !== null;
    const shape = (sh: number[]) => sh.slice(1).join('×');
    const rShape = pair.transposed.outputShape.slice(pair.transposed.batched ? 2 : 1).join('×');
    const summary = [pt(lang, 'pairSummary', { x: shape(pair.inputShape), z: shape(pair.outputShape), r: rShape }), pt(lang, 'pairSummaryDiff', { d: fmt(round(maxAbs(pair.difference))) })];
    if (pair.inverseDifference) {
      summary.push(pt(lang, 'pairSummaryLsq', { d: fmt(round(maxAbs(pair.inverseDifference))) }));
      // Why even the best inverse misses x: z has fewer numbers than x, so the convolution lost information.
      const m = pair.z.length, n = pair.x.length;
      summary.push(pt(lang, m < n ? 'pairLsqLost' : 'pairLsqEnough', { m, n }));
    }
    // Chinese sets no space after a full-width full stop.
    const sum = h('p', { class: 'pair-summary', 'data-pair-summary': '' }, summary.join(lang === 'zh' ? '' : ' '));
    frag.append(sum);
    if (s.inChannels > 1 || s.outChannels > 1) frag.append(h('p', { class: 'hint' }, pt(lang, 'pairChannels')));
    frag.append(h('p', { class: 'pair-code' }, pt(lang, 'pairCode', { direct: torchText(pair, false, isLine(s)), transposed: torchText(pair, true, isLine(s)) })));
    const [H, W] = pair.inputShape.slice(1);
    const [zh, zw] = pair.outputShape.slice(1);
    const [kh, kw] = pair.weightShape.slice(2);
    const row = h('div', { class: 'pair-row' });
    row.append(
      this.table('x', pt(lang, 'pairX'), pair.x, H, W, true, (i, v) => { this.x = Array.from(pair.x); this.x[i] = v; }),
      arrow(pt(lang, 'pairConv')),
      this.table('kernel', pt(lang, 'pairKernel'), pair.weight, kh, kw, true, (i, v) => { this.w = Array.from(pair.weight); this.w[i] = v; }),
      arrow(''),
      this.table('z', pt(lang, 'pairZ'), pair.z, zh, zw, false),
      arrow(pt(lang, 'pairTransposed')),
      this.table('restored', pt(lang, 'pairRestored'), pair.restored, H, W, false),
      this.table('difference', pt(lang, 'pairDiff'), pair.difference, H, W, false),
    );
    if (pair.inverse && pair.inverseDifference) {
      row.append(this.table('inverse', pt(lang, 'pairInverse'), pair.inverse, H, W, false), this.table('inverse-difference', pt(lang, 'pairInverseDiff'), pair.inverseDifference, H, W, false));
    }
    frag.append(row);
    const actions = h('div', { class: 'pair-actions' });
    const btn = (id: string, key: PairKey, on: () => void) => {
      const b = h('button', { type: 'button', id }, pt(lang, key));
      b.addEventListener('click', on);
      return b;
    };
    actions.append(
      btn('pair-random', 'pairRandom', () => {
        // Small whole numbers, so the sums can be checked by hand.
        this.x = Array.from(pair.x, () => Math.floor(Math.random() * 5));
        this.w = Array.from(pair.weight, () => Math.floor(Math.random() * 4) - 1);
        this.update();
      }),
      btn('pair-reset', 'pairReset', () => { this.x = null; this.w = null; this.update(); }),
    );
    const lsqLabel = h('label', { class: 'pair-check' });
    const lsqBox = h('input', { type: 'checkbox', id: 'pair-lsq' });
    lsqBox.checked = this.lsq;
    lsqBox.addEventListener('change', () => { this.lsq = lsqBox.checked; this.update(); });
    lsqLabel.append(lsqBox, h('span', {}, pt(lang, 'pairLsq')));
    actions.append(lsqLabel);
    actions.append(btn('pair-apply', s.transposed ? 'pairApplyDirect' : 'pairApplyTransposed', () => {
      // The view is rebuilt with the side panels, a frame later: the new button (now the way back)
      // takes the keyboard then (below).
      this.deps.load(stateOf(pair, s, !s.transposed));
    }));
    // The twin of the button above: the same layer, on the pair's numbers (or back to the example's).
    if (mine) {
      actions.append(btn('pair-numbers', linked ? 'pairShowExample' : s.transposed ? 'pairShowRestored' : 'pairShowZ', () => {
        if (linked) {
          store.setNumbers(null);
        } else {
          // Numbers the figure does not print would show nothing: turn them on (a reader's change).
          if (!s.numbers) this.deps.load({ ...s, numbers: true });
          store.setNumbers(mine);
        }
        this.update();
      }));
    }
    frag.append(actions);
    // Whose numbers the figure shows: the pair's (it follows edits here), or its own example values.
    const note: PairKey = linked ? (s.transposed ? 'pairFigureLinkedT' : 'pairFigureLinkedD') : this.x || this.w ? 'pairFigureEdited' : s.transposed ? 'pairFigureKernel' : 'pairFigureSame';
    frag.append(h('p', { class: 'hint', 'data-pair-figure-note': '' }, pt(lang, note)));
    if (lsqNote) frag.append(h('p', { class: 'hint' }, lsqNote));
    // A button pressed here is drawn anew: its new self keeps the keyboard, without moving the window.
    const focused = this.body.contains(document.activeElement) ? document.activeElement?.id : '';
    this.body.replaceChildren(frag);
    if (focused) this.body.querySelector<HTMLElement>(`#${focused}`)?.focus({ preventScroll: true });
    if (push) store.setNumbers(push);
  }

  /** A grid of numbers as a table; editable cells are number inputs (changed on 'change'). */
  private table(name: string, caption: string, values: ArrayLike<number>, rows: number, cols: number, editable: boolean, set?: (i: number, v: number) => void): HTMLElement {
    const lang = this.deps.lang();
    const fig = h('figure', { class: 'pair-grid', 'data-pair-grid': name, 'data-rows': String(rows), 'data-cols': String(cols) });
    fig.append(h('figcaption', {}, caption));
    const t = h('table');
    const top = maxAbs(values) || 1;
    for (let r = 0; r < rows; r++) {
      const tr = h('tr');
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        const v = round(values[i]);
        const td = h('td', { 'data-value': String(v) });
        // Tint by magnitude (blue positive, orange negative) so a non-zero difference stands out.
        const a = Math.min(1, Math.abs(v) / top) * 0.55;
        td.style.background = v === 0 ? 'transparent' : v > 0 ? `rgba(0, 114, 178, ${a.toFixed(3)})` : `rgba(213, 94, 0, ${a.toFixed(3)})`;
        if (editable && set) {
          const inp = h('input', { type: 'number', step: '1', value: String(v), 'aria-label': pt(lang, 'pairCell', { name: caption, r, c }) });
          inp.addEventListener('change', () => {
            const n = Number(inp.value);
            if (inp.value.trim() === '' || !Number.isFinite(n)) { inp.value = String(v); return; }
            set(i, n);
            this.update();
            const again = this.root.querySelector<HTMLInputElement>(`[data-pair-grid="${name}"] tr:nth-child(${r + 1}) td:nth-child(${c + 1}) input`);
            again?.focus();
          });
          td.append(inp);
        } else {
          td.textContent = fmt(v);
        }
        tr.append(td);
      }
      t.append(tr);
    }
    fig.append(t);
    return fig;
  }
}

function arrow(label: string): HTMLElement {
  const d = h('div', { class: 'pair-arrow', 'aria-hidden': 'true' });
  d.append(h('span', {}, label), h('span', { class: 'pair-arrow-head' }, '→'));
  return d;
}

/**
 * "Conv2d(1, 1, 3, stride=2, padding=1)" and "ConvTranspose2d(…, output_padding=1)" from the pair's
 * geometries; for a 1-D layer (`line`: drawn as one row, line-layer.ts) its W axis, as Conv1d takes it.
 */
function torchText(p: LinkedPair, transposed: boolean, line: boolean): string {
  const g = transposed ? p.transposed : p.direct;
  const one = (vals: number[]) => (vals.every((v) => v === vals[0]) ? String(vals[0]) : `(${vals.join(', ')})`);
  const ax = line ? g.axes.slice(-1) : g.axes;
  const pad = ax.map(paddingArgument);
  const pads = pad.every(([b, a]) => b === a) ? one(pad.map(([b]) => b)) : `[${pad.map(([b, a]) => `${b}/${a}`).join(', ')}]`;
  const parts = [`1, 1, ${one(ax.map((a) => a.kernel))}`, `stride=${one(ax.map((a) => a.stride))}`, `padding=${pads}`];
  if (ax.some((a) => a.dilation > 1)) parts.push(`dilation=${one(ax.map((a) => a.dilation))}`);
  if (transposed) parts.push(`output_padding=${one(ax.map((a) => a.outputPadding))}`);
  return `${transposed ? 'ConvTranspose' : 'Conv'}${ax.length}d(${parts.join(', ')})`;
}

/**
 * The pair's numbers as the figure's layer takes them: that layer is the pair's transposed conv
 * (input z) or its direct one (input x), and one kernel array serves both (linked-pair.ts).
 */
function figureNumbersOf(p: LinkedPair, s: State): FigureNumbers {
  return { source: 'pair', key: numbersKey(s), x: Float32Array.from(s.transposed ? p.z : p.x), w: Float32Array.from(p.weight) };
}

function sameNumbers(a: FigureNumbers, b: FigureNumbers): boolean {
  const same = (u: Float32Array, v: Float32Array) => u.length === v.length && u.every((x, i) => x === v[i]);
  return a.key === b.key && same(a.x, b.x) && same(a.w, b.w);
}

/** The page state showing one conv of the pair (the other controls kept). */
function stateOf(p: LinkedPair, s: State, transposed: boolean): State {
  const g = transposed ? p.transposed : p.direct;
  const [Hh, Ww] = g.axes;
  const pad: State['pad'] = [...paddingArgument(Hh), ...paddingArgument(Ww)];
  return {
    ...s,
    input: [Hh.input, Ww.input],
    kernel: [Hh.kernel, Ww.kernel],
    stride: [Hh.stride, Ww.stride],
    dilation: [Hh.dilation, Ww.dilation],
    padMode: plainPadMode(pad),
    pad,
    transposed,
    outputPadding: [Hh.outputPadding, Ww.outputPadding],
    useTarget: false,
    target: [...s.target],
    inChannels: 1,
    outChannels: 1,
    groups: 1,
    channel: 0,
    frame: 0,
  };
}
