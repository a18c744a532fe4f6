/**
 * The tour card: the current step's title, prose and "try it" control, previous / next, and the
 * way back to the free playground. It reads the state and asks its host to change it; it draws
 * nothing of the convolution itself (the stage does, from the library).
 */
import { effectiveKernel } from '../../../src/geometry/sizes.js';
import { t } from '../i18n.js';
import { keepFormulas, keptNodes } from '../keep-together.js';
import type { MessageKey } from '../i18n.js';
import { optionsOf } from '../layer.js';
import { fieldNumberText } from '../range-text.js';
import { BOUNDS, defaultState, parseQuery } from '../state.js';
import type { Lang, State } from '../state.js';
import { acceptedRange } from '../accepted-range.js';
import { keepCardInPlace } from './card-place.js';
import { rendererDraws } from '../renderer-fits.js';
import { onTabShown } from '../side-tabs.js';
import { keepMessageInSight } from './message-in-sight.js';
import { nowText } from './now-line.js';
import { TOUR, fill } from './steps.js';
import { applyWhenWritten } from '../typing-pause.js';
import type { TourStep, TryControl } from './steps.js';

/** The tour's formulas are held by the page's one rule for what stays on a line (keep-together.ts). */
export { keepFormulas };

export type SideTab = 'formula' | 'matrix' | 'code' | 'export';

export interface TourHost {
  state(): State;
  /** Opens tour step n (1-based) with its configuration; 0 leaves the tour, keeping the configuration. */
  go(step: number): void;
  /** A change made with the step's own control (applied like any control's change). */
  patch(change: (s: State) => void): void;
  openTab(tab: SideTab): void;
  /** The step's own control holds no value in range: its message (null: it holds one again). */
  fieldError(message: string | null): void;
}

/** Whether two states draw the same layer (what the step's prose describes), whatever the display: layer.ts's options of each. */
function sameLayer(a: State, b: State): boolean {
  return JSON.stringify(optionsOf(a)) === JSON.stringify(optionsOf(b));
}

/** The configuration of step n (1-based), with the reader's language and display preferences. */
export function stepState(n: number, prefs: State): State {
  const step = TOUR[n - 1];
  const base: State = { ...defaultState(), lang: prefs.lang, theme: prefs.theme, colorBlind: prefs.colorBlind };
  const s = parseQuery(step.query, base).state;
  s.figure = step.figure;
  s.tour = n;
  // A link to the stacked-layers step (?tour=12&d=8) hands its rate in `prefs`, applied on top of
  // this state: the hidden input grows for it as the step's control makes it grow (fitStackInput),
  // rather than the link being refused for a 9 × 9 input the step never draws.
  if (step.figure === 'stack' && prefs.tour === n) fitStackInput(s, step, prefs);
  return s;
}

const byId = (id: string) => document.getElementById(id)!;

/**
 * The stacked-layers figure draws three layers of the rate chosen, and any rate in the control's
 * range makes sense for it; the single layer the page keeps behind it (the step's 9 × 9 input,
 * drawn nowhere on this step) would refuse a footprint wider than its input ("the padded input has
 * only 9") for rates above 4. Its input grows to the footprint when the rate needs it, and is the
 * step's own again when the rate fits: the figure draws every rate the control accepts.
 */
function fitStackInput(s: State, step: TourStep, layer: State = s): void {
  const own = parseQuery(step.query, defaultState()).state.input;
  // `layer`: whose kernel and rate to fit (a link's, before they are applied on top of `s`).
  const kernel = (a: number) => Math.max(s.kernel[a], layer.kernel[a]);
  s.input = [0, 1].map((a) => Math.max(own[a], effectiveKernel(kernel(a), layer.dilation[a]))) as [number, number];
}

interface Proxy {
  label: MessageKey;
  kind: 'number' | 'check' | 'view' | 'tab' | 'pair';
  bounds?: readonly [number, number];
  get?: (s: State) => number | boolean | string;
  set?: (s: State, v: number | boolean | string) => void;
}

const pair = (v: number): [number, number] => [v, v];

/** The one control of each kind a step can name: both axes at once, as the tutorial's square figures. */
const PROXIES: Record<TryControl, Proxy> = {
  input: { label: 'tryInput', kind: 'number', bounds: BOUNDS.input, get: (s) => s.input[0], set: (s, v) => { s.input = pair(v as number); } },
  kernel: { label: 'tryKernel', kind: 'number', bounds: BOUNDS.kernel, get: (s) => s.kernel[0], set: (s, v) => { s.kernel = pair(v as number); } },
  stride: { label: 'tryStride', kind: 'number', bounds: BOUNDS.stride, get: (s) => s.stride[0], set: (s, v) => { s.stride = pair(v as number); } },
  padding: {
    label: 'tryPadding', kind: 'number', bounds: BOUNDS.pad,
    get: (s) => (s.padMode === 'same' || s.padMode === 'valid' ? 0 : s.pad[0]),
    set: (s, v) => { s.padMode = 'number'; s.pad = [v as number, v as number, v as number, v as number]; },
  },
  dilation: { label: 'tryDilation', kind: 'number', bounds: BOUNDS.dilation, get: (s) => s.dilation[0], set: (s, v) => { s.dilation = pair(v as number); } },
  outChannels: { label: 'tryOutChannels', kind: 'number', bounds: BOUNDS.channels, get: (s) => s.outChannels, set: (s, v) => { s.outChannels = v as number; } },
  inChannels: { label: 'tryInChannels', kind: 'number', bounds: BOUNDS.channels, get: (s) => s.inChannels, set: (s, v) => { s.inChannels = v as number; } },
  outputPadding: { label: 'tryOutputPadding', kind: 'number', bounds: BOUNDS.outputPadding, get: (s) => s.outputPadding[0], set: (s, v) => { s.useTarget = false; s.outputPadding = pair(v as number); } },
  numbers: { label: 'numbers', kind: 'check', get: (s) => s.numbers, set: (s, v) => { s.numbers = v as boolean; } },
  view: { label: 'view', kind: 'view', get: (s) => s.view, set: (s, v) => { s.view = v === 'scatter' ? 'scatter' : 'direct'; } },
  matrix: { label: 'tryMatrix', kind: 'tab' },
  pair: { label: 'tryPair', kind: 'pair' },
};

/**
 * Whether the state's layer is the step's own with only the step's control changed (the change the
 * step invites): the live line then says what it gives, and the prose needs no note. A change made
 * elsewhere (the form beside the card on a wide screen) is not, and the note says the text's
 * numbers are the step's own layer.
 */
function onlyInvited(s: State, step: TourStep): boolean {
  const own = stepState(s.tour, s);
  const p = PROXIES[step.control];
  if (p.get && p.set && p.kind === 'number') {
    p.set(own, p.get(s));
    if (step.figure === 'stack') fitStackInput(own, step);
  }
  return sameLayer(s, own);
}

/**
 * What the step's number control accepts on the layer `s` (accepted-range.ts): the values the
 * library takes there, not the form's bounds for that setting (a 4×4 input takes a kernel of at
 * most 4, not 9). The invitation, the range message and the box's min and max all say this range.
 */
function controlRange(step: TourStep, s: State): [number, number] {
  const p = PROXIES[step.control];
  return acceptedRange(s, p.bounds!, (c, v) => {
    p.set!(c, v);
    if (step.figure === 'stack') fitStackInput(c, step);
  }, step.figure === 'classic' ? (g) => rendererDraws(g) : undefined);
}

/**
 * Whether the matrix is open and its box starts on the screen (the matrix beside the card on a wide
 * screen; not a phone's, a screen below the card, nor one under the card below the fold).
 */
function matrixInSight(): boolean {
  if (document.body.dataset.side !== 'matrix') return false;
  const wrap = document.querySelector<HTMLElement>('#panel-matrix .matrix-wrap');
  if (!wrap || wrap.offsetParent === null) return false;
  const r = wrap.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.top < window.innerHeight - 100;
}

export class Tour {
  private drawn = '';
  private field: HTMLInputElement | HTMLSelectElement | null = null;
  /** Brings a 'tab' control's invitation and button up to date with whether the matrix is in sight (null: no such control). */
  private followMatrix: (() => void) | null = null;

  constructor(private readonly host: TourHost) {
    onTabShown(() => this.followMatrix?.());
    // Whether the matrix is in sight changes with more than the window's size: the page or a
    // column scrolled (below a 1260 px window the matrix sits under the card, a scroll away, and
    // the button stayed beside it once it was scrolled into sight), or what lies above it settled
    // after the step's first frame. Each is looked at again once laid out, a frame at most.
    let queued = false;
    const follow = (): void => {
      if (queued || !this.followMatrix) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        this.followMatrix?.();
      });
    };
    window.addEventListener('resize', follow);
    document.addEventListener('scroll', follow, { capture: true, passive: true });
    const side = document.querySelector('aside.side');
    if (side && typeof ResizeObserver !== 'undefined') {
      const seen = new ResizeObserver(follow);
      seen.observe(side);
      for (const c of Array.from(side.children)) seen.observe(c);
    }
    byId('tour-prev').addEventListener('click', () => this.move(-1));
    byId('tour-next').addEventListener('click', () => this.move(1));
    byId('tour-begin').addEventListener('click', () => host.go(1));
    byId('tour-open').addEventListener('click', () => {
      host.go(host.state().tour || 1);
      byId('tour').focus();
    });
    byId('tour-leave').addEventListener('click', () => host.go(0));
    const pick = byId('tour-pick') as HTMLSelectElement;
    pick.addEventListener('change', () => host.go(Number(pick.value)));
    // Arrow keys move through the steps while focus is on the card (not in its own control).
    byId('tour').addEventListener('keydown', (e) => {
      const tag = (e.target as HTMLElement).tagName.toLowerCase();
      if (tag === 'input' || tag === 'select' || e.altKey || e.ctrlKey || e.metaKey) return;
      if (host.state().tour === 0) return;
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') { e.preventDefault(); e.stopPropagation(); this.move(1); }
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') { e.preventDefault(); e.stopPropagation(); this.move(-1); }
    });
  }

  get total(): number {
    return TOUR.length;
  }

  private move(by: number): void {
    const n = this.host.state().tour;
    const next = Math.max(1, Math.min(TOUR.length, (n || 1) + by));
    if (next !== n) this.host.go(next);
  }

  /** Brings the card up to date with the state (cheap when nothing changed). */
  render(s: State): void {
    const lang = s.lang;
    const n = s.tour;
    const card = byId('tour');
    const key = `${n}|${lang}`;
    if (key !== this.drawn) {
      this.drawn = key;
      this.build(n, lang, card);
    }
    this.sync(s);
  }

  private build(n: number, lang: Lang, card: HTMLElement): void {
    const on = n > 0;
    document.body.dataset.mode = on ? 'tour' : 'free';
    // The side tab the step teaches with (style.css: a step that teaches with the matrix lays the
    // matrix beside the card on a wide screen). The step's, not the tab open: a reader who opens
    // the matrix on another step keeps that step's layout.
    const tab = on ? TOUR[n - 1].tab : undefined;
    if (tab) document.body.dataset.tourTab = tab;
    else delete document.body.dataset.tourTab;
    const pick = byId('tour-pick') as HTMLSelectElement;
    pick.replaceChildren(...TOUR.map((st, i) => {
      const o = document.createElement('option');
      o.value = String(i + 1);
      o.textContent = `${i + 1}. ${st.title[lang]}`;
      return o;
    }));
    pick.value = String(Math.max(1, n));
    byId('tour-prev').hidden = !on;
    byId('tour-next').hidden = !on;
    byId('tour-leave').hidden = !on;
    byId('tour-begin').hidden = on;
    const prev = byId('tour-prev') as HTMLButtonElement, next = byId('tour-next') as HTMLButtonElement;
    // A button that goes dim under the keyboard's focus would drop it on the page's body: the
    // other one takes it (Next pressed on the last-but-one step leaves focus on Previous).
    const [prevOff, nextOff] = [n <= 1, n >= TOUR.length];
    if (nextOff && document.activeElement === next) prev.focus();
    if (prevOff && document.activeElement === prev) next.focus();
    prev.disabled = prevOff;
    next.disabled = nextOff;
    byId('tour-open').hidden = on;
    const text = byId('tour-text');
    const tryBox = byId('tour-try');
    if (!on) {
      card.removeAttribute('data-tour-step');
      card.removeAttribute('data-tour-total');
      byId('tour-kicker').textContent = t(lang, 'tourKickerOff', { n: TOUR.length });
      byId('tour-title').textContent = t(lang, 'tourTitle');
      text.textContent = t(lang, 'tourIntro');
      tryBox.replaceChildren();
      this.field = null;
      // A message about the step's control would outlive the control (the pictures, opened from a
      // step, would say the form holds a bad value while every field of it is fine).
      this.host.fieldError(null);
      return;
    }
    const step = TOUR[n - 1];
    card.setAttribute('data-tour-step', String(n));
    card.setAttribute('data-tour-total', String(TOUR.length));
    // "part n of 13" is held on one line: beside Previous and Next in a desktop card of 320 px
    // (style.css) the line broke inside it ("Tour · part 5 of / 13").
    const part = document.createElement('span');
    part.className = 'tour-part';
    part.textContent = t(lang, 'tourPart', { i: n, n: TOUR.length });
    byId('tour-kicker').replaceChildren(`${t(lang, 'tourLead')} · `, part);
    byId('tour-title').textContent = keepFormulas(step.title[lang]);
    text.textContent = keepFormulas(fill(step.text[lang], step.vars ? step.vars() : {}));
    // The prose's numbers are the step's own layer. The change the step invites is answered by the
    // live line under its control; a change made elsewhere (the form, on a wide screen) makes the
    // figure and the prose differ ("4×4 → 8×8, as here" under a 32×32 figure), and a note says so.
    let changed = document.getElementById('tour-changed');
    if (!changed) {
      changed = document.createElement('p');
      changed.id = 'tour-changed';
      changed.className = 'hint tour-changed';
      text.after(changed);
    }
    changed.textContent = t(lang, 'tourChanged');
    changed.hidden = true;
    this.buildTry(step, lang, tryBox);
    if (n === TOUR.length) tryBox.append(this.endActions(lang));
  }

  /**
   * The last step's way on, so the tour does not end on a greyed Next: leave the tour keeping this
   * layer, or see it on pictures. The header's Pictures button is the one way the pictures open
   * (it stops the animation, leaves the tour keeping the layer, loads the image mode and focuses
   * it): this button presses it.
   */
  private endActions(lang: Lang): HTMLElement {
    const box = document.createElement('div');
    box.className = 'tour-end';
    box.dataset.tourEnd = '';
    const lead = document.createElement('p');
    lead.textContent = t(lang, 'tourEnd');
    const free = document.createElement('button');
    free.type = 'button';
    free.id = 'tour-end-free';
    free.className = 'primary';
    free.textContent = t(lang, 'tourEndFree');
    free.addEventListener('click', () => {
      this.host.go(0);
      // The button goes with the step: the card (now the tour's start) keeps the keyboard's place.
      byId('tour').focus({ preventScroll: true });
    });
    const pictures = document.createElement('button');
    pictures.type = 'button';
    pictures.id = 'tour-end-pictures';
    pictures.textContent = t(lang, 'tourEndPictures');
    pictures.addEventListener('click', () => byId('image-open').click());
    const row = document.createElement('div');
    // Not .tour-nav: the desktop card lays that class's row out as contents (its buttons placed in
    // the card's grid), which dropped this row's gap, and the two buttons touched.
    row.className = 'tour-end-row';
    row.append(free, pictures);
    box.append(lead, row);
    return box;
  }

  /** A change made with the step's control, the card kept where the reader sees it (card-place.ts). */
  private apply(change: (s: State) => void): void {
    keepCardInPlace(byId('tour-try'), () => this.host.patch(change));
  }

  private buildTry(step: TourStep, lang: Lang, box: HTMLElement): void {
    const p = PROXIES[step.control];
    const lead = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = t(lang, 'tryIt');
    // A number control's range on the step's own layer may appear in the invitation ({lo}, {hi}),
    // so it never invites a value it refuses (step 1: a kernel "from 1 to 4 on this 4×4 input").
    const own = p.kind === 'number' ? controlRange(step, stepState(TOUR.indexOf(step) + 1, this.host.state())) : null;
    const bounds: Record<string, number> = own ? { lo: own[0], hi: own[1] } : {};
    // The label on a line of its own, with no colon: an invitation that has its own colon ("Set the
    // padding to 1: PyTorch crops…") would otherwise read "Try it: Set the padding to 1: …".
    const invite = (words: typeof step.tryIt) => keepFormulas(fill(words[lang], { ...(step.vars ? step.vars() : {}), ...bounds }));
    const words = document.createTextNode(invite(step.tryIt));
    lead.append(strong, document.createElement('br'), words);
    this.followMatrix = null;
    const row = document.createElement('div');
    row.className = 'try-control';
    this.field = null;
    // A message about the control this replaces would sit next to a box that no longer holds its value.
    this.host.fieldError(null);
    if (p.kind === 'tab') {
      const b = document.createElement('button');
      b.type = 'button';
      b.id = 'try-control';
      b.textContent = t(lang, p.label);
      b.addEventListener('click', () => {
        this.host.openTab('matrix');
        // On a phone the matrix sits below the screen, on a desktop it is often already open: bring
        // it into view (no further than needed, so a desktop keeps the figure), focus it and mark
        // it for a moment, so the press visibly lands there. The arrow keys still step the
        // animation from the matrix (the page's keys skip only form fields and buttons).
        const wrap = document.querySelector<HTMLElement>('#panel-matrix .matrix-wrap');
        if (!wrap) return;
        wrap.scrollIntoView({ block: 'nearest' });
        wrap.focus({ preventScroll: true });
        wrap.classList.add('just-shown');
        window.setTimeout(() => wrap.classList.remove('just-shown'), 1500);
      });
      row.append(b);
      // Where the matrix is already open beside the card (a wide screen: the step opens its tab
      // there), "Show the matrix" showed nothing new: the button is put away and the invitation
      // points at the matrix's own ◀ ▶. It comes back where the matrix is not in sight (another
      // tab opened, a narrower window). (The words are a text node of their own, which
      // keep-together.ts rewraps in place, so the node is looked up again.)
      const shown = step.tryItShown;
      if (shown) {
        this.followMatrix = () => {
          const inSight = matrixInSight();
          if (b.hidden === inSight) return;
          b.hidden = inSight;
          const text = invite(inSight ? shown : step.tryIt);
          const nodes = Array.from(lead.childNodes).slice(2);
          nodes.forEach((n, i) => (i === 0 ? n.replaceWith(document.createTextNode(text)) : n.remove()));
        };
        requestAnimationFrame(() => this.followMatrix?.());
      }
    } else if (p.kind === 'pair') {
      // The linked pair sits under the figure, a scroll away inside the stage: bring it into view,
      // opened again if the reader hid it since the step opened it ("Go to", as it does either way).
      const b = document.createElement('button');
      b.type = 'button';
      b.id = 'try-control';
      b.textContent = t(lang, p.label);
      b.addEventListener('click', () => {
        const toggle = document.getElementById('pair-open');
        if (toggle?.getAttribute('aria-expanded') === 'false') toggle.click();
        document.getElementById('pair-panel')?.scrollIntoView({ block: 'start' });
      });
      row.append(b);
    } else if (p.kind === 'check') {
      const label = document.createElement('label');
      label.className = 'check';
      const c = document.createElement('input');
      c.type = 'checkbox';
      c.id = 'try-control';
      c.addEventListener('change', () => this.apply((s) => p.set!(s, c.checked)));
      label.append(c, ` ${t(lang, p.label)}`);
      row.append(label);
      this.field = c;
    } else if (p.kind === 'view') {
      const label = document.createElement('label');
      const sel = document.createElement('select');
      sel.id = 'try-control';
      for (const [v, k] of [['direct', 'viewDirect'], ['scatter', 'viewScatter']] as const) {
        const o = document.createElement('option');
        o.value = v;
        o.textContent = t(lang, k);
        sel.append(o);
      }
      sel.addEventListener('change', () => this.apply((s) => p.set!(s, sel.value)));
      label.append(`${t(lang, p.label)} `, sel);
      row.append(label);
      this.field = sel;
    } else {
      const label = document.createElement('label');
      const inp = document.createElement('input');
      inp.type = 'number';
      inp.id = 'try-control';
      inp.min = String(own![0]);
      inp.max = String(own![1]);
      inp.step = '1';
      inp.inputMode = 'numeric';
      const err = document.createElement('p');
      // A number typed key by key is applied once the reader pauses or commits it, not at each
      // prefix (typing-pause.ts).
      applyWhenWritten(inp, () => {
        const v = Number(inp.value);
        // The same message as the form's own fields give, shown next to this control, with the
        // range this layer takes: a value outside it is not applied (typing 999 passed through 9,
        // which the URL kept and the banner called an invalid combination under "1 to 9").
        const [lo, hi] = controlRange(step, this.host.state());
        if (inp.value.trim() === '' || !Number.isInteger(v) || v < lo || v > hi) {
          this.host.fieldError(fieldNumberText(lang, lo, hi));
          keepMessageInSight(err);
          return;
        }
        this.host.fieldError(null);
        this.apply((s) => {
          p.set!(s, v);
          if (step.figure === 'stack') fitStackInput(s, step);
        });
      });
      const span = document.createElement('span');
      span.textContent = t(lang, p.label);
      label.append(span, inp);
      row.append(label);
      this.field = inp;
      err.className = 'field-error';
      err.dataset.for = 'try-control';
      err.setAttribute('role', 'alert');
      row.append(err);
    }
    box.replaceChildren(lead, row);
    if (step.now) {
      // What the change gives, under the control: on a phone the figure's title, the only other
      // place the new size is written, is often off the screen. A polite live region, so a screen
      // reader hears the result of each change too (errors-display.ts hides it while the control
      // holds a value the figure does not show).
      const now = document.createElement('p');
      now.id = 'tour-now';
      now.className = 'tour-now try-watch';
      now.setAttribute('aria-live', 'polite');
      box.append(now);
    }
  }

  /**
   * The try-it control shows the state's current value and the live line what it gives; a note
   * says when the figure left the step's layer other than by the step's control.
   */
  private sync(s: State): void {
    const step = s.tour > 0 ? TOUR[s.tour - 1] : null;
    const changed = document.getElementById('tour-changed');
    if (changed) changed.hidden = !step || onlyInvited(s, step);
    const now = document.getElementById('tour-now');
    if (now && step) {
      const text = keepFormulas(nowText(step, s));
      // Written with its runs held at once: a live region is not rewrapped after it changed.
      if (now.textContent !== text) now.replaceChildren(...keptNodes(text));
      now.hidden = text === '';
    }
    const f = this.field;
    if (!f || !step) return;
    const p = PROXIES[step.control];
    const v = p.get!(s);
    if (f instanceof HTMLInputElement && f.type === 'checkbox') f.checked = Boolean(v);
    else if (document.activeElement !== f && f.value !== String(v)) f.value = String(v);
    // The box's arrows stop where the layer does (a change outside the card can move that).
    if (f instanceof HTMLInputElement && f.type === 'number') {
      const [lo, hi] = controlRange(step, s);
      if (f.min !== String(lo)) f.min = String(lo);
      if (f.max !== String(hi)) f.max = String(hi);
    }
  }
}
