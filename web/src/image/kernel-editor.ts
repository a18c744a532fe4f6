/**
 * An editable kernel: a table of number cells (one per weight, labelled by row and column for
 * screen readers) and a preset menu. Any size kH × kW; an edit that lands on a preset shows it.
 *
 * The cells are text inputs that act as spin buttons (role, ↑/↓ step by 0.1), not
 * <input type=number>: a number input gives the page '' for any text it cannot turn into a
 * double, so a weight of 1e400 (beyond even float64) read as an empty cell, and the page asked
 * for a number instead of saying the number is too large. A text cell's own text is parsed here.
 * A mouse or a finger steps a weight with the − / + pair under the table, the wheel the cell
 * being edited (kernel-steppers.ts).
 */
import { h } from '../dom.js';
import type { Lang } from '../state.js';
import { listText } from '../list-text.js';
import { it } from './image-text.js';
import type { ImageKey } from './image-text.js';
import { PRESETS, isPreset, presetFits, presetKernel, presetOf } from './kernels.js';
import type { PresetName } from './kernels.js';
import { kernelSpecText } from './kernel-spec.js';
import { KernelSteppers, WheelSteps } from './kernel-steppers.js';
import { weightLabel } from '../../../src/matrix/label.js';
import { presetNote } from './preset-note.js';
import type { KernelSpec } from './kernel-spec.js';

/**
 * What the narrowest cell shows whole, in digit widths ('-' and '.' are about half a digit wide):
 * a 3 × 3 kernel's cell on a desktop (image.css, .kernel-table input; sized when the cells were
 * number inputs with spin buttons beside the digits).
 */
const CELL_ROOM = 6;
const room = (t: string) => t.length - (t.match(/[-.]/g)?.length ?? 0) / 2;

/**
 * A weight as its cell shows it: at most `places` decimals (four for presets, three for a learned
 * kernel's moving values), fewer where they would not fit, and in exponent form ("-1.11e15")
 * where the whole part alone would not: a cell cuts what does not fit, and showed a learned
 * 99998330746413510000 as "999983". A cell takes the exponent form as typed (cellNumber).
 */
function fmt(v: number, places = 4): string {
  if (!Number.isFinite(v)) return '';
  for (let d = places; d >= 0; d--) {
    const t = String(Math.round(v * 10 ** d) / 10 ** d).replace('e+', 'e');
    if (room(t) <= CELL_ROOM) return t;
  }
  for (let d = CELL_ROOM; d > 0; d--) {
    const t = v.toExponential(d).replace(/\.?0+e/, 'e').replace('e+', 'e');
    if (room(t) <= CELL_ROOM) return t;
  }
  return v.toExponential(0).replace('e+', 'e');
}

/** Why a cell holds no weight: no number in it (empty, "-", letters), or a number beyond float32. */
type Bad = 'empty' | 'large';

/** A decimal number as a person types one ("-1.5", ".5", "2.", "1e-3", "+4"); the links' own form (kernel-spec.ts) is stricter. */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/** What ↑ and ↓, the wheel and the − / + pair add to a cell (a number input's step, kept by the spin-button cells). */
const STEP = 0.1;

/**
 * A cell's text as a float32 weight: NaN where it holds no number (empty, "-", "1e", letters),
 * ±Infinity where it holds a number beyond float32's range ("1e39", and "1e400", which is beyond
 * float64's too: Number gives Infinity for it).
 */
function cellNumber(text: string): number {
  const t = text.trim();
  return NUMBER.test(t) ? Math.fround(Number(t)) : NaN;
}

/**
 * The cell's number one step up or down, on the steps' grid as a number input's stepUp is
 * (0.0625 ↑ 0.1, 0.25 ↓ 0.2); an empty cell steps from 0. Null: nothing to step from.
 */
function stepped(text: string, up: boolean): number | null {
  const v = text.trim() === '' ? 0 : cellNumber(text);
  if (!Number.isFinite(v)) return null;
  const q = v / STEP;
  // A value already on the grid (up to float noise: 0.3 / 0.1 is 2.9999999999999996) steps by one.
  const n = Math.abs(q - Math.round(q)) < 1e-6 ? Math.round(q) + (up ? 1 : -1) : up ? Math.ceil(q) : Math.floor(q);
  return Number((n * STEP).toFixed(10));
}

/**
 * Marks a cell invalid, and why (sayBadCells words it), described by the sentence that says so
 * (`said`: its id), or clears the mark (null).
 */
function mark(inp: HTMLInputElement, why: Bad | null, said: string): void {
  if (why) {
    inp.setAttribute('aria-invalid', 'true');
    inp.setAttribute('aria-describedby', said);
    inp.dataset.bad = why;
  } else {
    inp.removeAttribute('aria-invalid');
    inp.removeAttribute('aria-describedby');
    delete inp.dataset.bad;
  }
}

/**
 * Cells in a list. In English a cell ("row 1, column 2") holds a comma, so three or more are
 * set apart by semicolons; Chinese lists take their enumeration comma (list-text.ts).
 */
function cellList(cells: string[], lang: Lang): string {
  if (lang === 'zh' || cells.length < 3) return listText(cells, lang, true);
  return `${cells.slice(0, -1).join('; ')}; and ${cells[cells.length - 1]}`;
}

export class KernelEditor {
  readonly root: HTMLElement;
  private readonly menu: HTMLSelectElement;
  private readonly table: HTMLTableElement;
  private readonly label: HTMLElement;
  private readonly menuRow: HTMLElement;
  /** Where the chosen preset's weights sit when they do not fill the kernel (preset-note.ts). */
  private readonly presetNote: HTMLElement;
  /** Says the table scrolls sideways, shown only while it is wider than its box (a phone, a 9 × 9 kernel). */
  private readonly scrollHint: HTMLElement;
  private inputs: HTMLInputElement[] = [];
  /** Box blur is shown in place of the reader's preset, which needs a larger kernel. */
  private standIn = false;
  private kh = 0;
  private kw = 0;
  private lang: Lang = 'en';
  weights: Float32Array = new Float32Array(0);
  /** Says which cells do not parse and that the kernel keeps its weights meanwhile. */
  private readonly cellError: HTMLElement;
  /** The − / + pair and the cell it steps (an index into `inputs`). */
  private readonly steppers: KernelSteppers;
  private chosen = 0;
  private readonly wheel = new WheelSteps();
  /** A display of weights the reader cannot change (the learned kernel): setReadOnly. */
  private readOnly = false;
  /**
   * The layer is 1-D (line-layer.ts isLine): its kernel is the one row drawn, and its weights are
   * named as the stage names them, w₀ w₁ w₂ (setLine), not "row 0, column 1".
   */
  private line = false;

  /**
   * `id`: the prefix of its elements' ids; `who`: the kernel's name in words (kernelOfLayer …),
   * which starts every control's accessible name, since the image mode shows up to three kernels.
   */
  constructor(private readonly id: string, private readonly who: ImageKey, private readonly onChange: (k: Float32Array) => void, private preset: PresetName = 'identity') {
    this.root = h('div', { class: 'kernel-editor', 'data-kernel-editor': id });
    this.label = h('span');
    this.menu = h('select', { id: `${id}-preset`, 'data-kernel-preset': '' });
    const lab = h('label', { class: 'row' });
    this.menuRow = lab;
    lab.append(this.label, this.menu);
    this.table = h('table', { class: 'kernel-table', 'data-kernel-table': '' });
    this.scrollHint = h('p', { class: 'hint kernel-scroll-hint', 'data-kernel-scroll-hint': '', hidden: '' });
    this.presetNote = h('p', { class: 'hint kernel-preset-note', 'data-kernel-preset-note': '', hidden: '' });
    const box = h('div', { class: 'kernel-table-box' });
    box.append(this.table);
    this.cellError = h('p', { class: 'kernel-cell-error', id: `${id}-cell-error`, 'data-kernel-cell-error': '', role: 'status', hidden: '' });
    this.steppers = new KernelSteppers(STEP, (up) => this.stepChosen(up), () => this.inputs[this.chosen] ?? null);
    this.root.append(lab, this.presetNote, this.scrollHint, box, this.steppers.root, this.cellError);
    // The box resizes with the screen, the table with a new kernel size; the check runs after the
    // browser's own layout, rather than forcing one while the page is being built.
    if (typeof ResizeObserver !== 'undefined') {
      const ro = new ResizeObserver(() => this.checkOverflow(box));
      ro.observe(box);
      ro.observe(this.table);
    }
    this.menu.addEventListener('change', () => {
      if (this.menu.value) this.applyPreset(this.menu.value as PresetName);
    });
  }

  /** Sets the size; a new size starts from the current preset (or identity after a custom edit). */
  setSize(kh: number, kw: number): void {
    if (kh === this.kh && kw === this.kw) return;
    this.kh = kh;
    this.kw = kw;
    this.inputs = [];
    this.table.replaceChildren();
    // Five or more columns: narrower cells, so a 9 × 9 kernel stays about as wide as the
    // enlarged footprint and the words beside it allow.
    this.table.classList.toggle('compact', kw >= 5);
    for (let r = 0; r < kh; r++) {
      const tr = h('tr');
      for (let c = 0; c < kw; c++) {
        // No inputmode="decimal": iOS's decimal pad has no minus sign, and Sobel, Laplacian and
        // emboss weights are negative; the ordinary keyboard has '-' and 'e'.
        const inp = h('input', {
          type: 'text', role: 'spinbutton', autocomplete: 'off', spellcheck: 'false', 'data-r': String(r), 'data-c': String(c), id: `${this.id}-w${r}-${c}`,
        });
        const index = this.inputs.length;
        inp.addEventListener('input', () => this.readInputs());
        // ↑ and ↓ step the weight, as they did in the number inputs these cells were.
        inp.addEventListener('keydown', (e) => {
          if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey || inp.readOnly) return;
          e.preventDefault();
          this.stepCell(inp, e.key === 'ArrowUp');
        });
        // The wheel steps the cell being edited; over any other cell it scrolls the page.
        inp.addEventListener('wheel', (e) => {
          if (document.activeElement !== inp || inp.readOnly || e.ctrlKey) return;
          e.preventDefault();
          const dir = this.wheel.take(e);
          if (dir) this.stepCell(inp, dir > 0);
        }, { passive: false });
        inp.addEventListener('focus', () => this.choose(index));
        const td = h('td');
        td.append(inp);
        tr.append(td);
        this.inputs.push(inp);
        this.applyReadOnly(inp);
      }
      this.table.append(tr);
    }
    // The centre cell first: the one most presets weigh most.
    this.choose(Math.floor(kh / 2) * kw + Math.floor(kw / 2));
    this.setLang(this.lang);
    // The reader's preset where it exists at this size; else box blur, and the reader's comes back
    // with a kernel large enough for it.
    this.showPreset(this.preset);
    this.onChange(this.weights);
  }

  private checkOverflow(box: HTMLElement): void {
    this.scrollHint.hidden = !(box.scrollWidth > box.clientWidth + 1);
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    this.label.textContent = it(lang, 'kernelPreset');
    this.scrollHint.textContent = it(lang, 'kernelScroll', { n: this.kw });
    const value = this.menu.value;
    // Presets that need a larger kernel stay listed, disabled, and say so.
    const option = (p: PresetName) => presetFits(p, this.kh, this.kw)
      ? h('option', { value: p }, it(lang, p))
      : h('option', { value: p, disabled: '' }, it(lang, 'presetNeeds3', { name: it(lang, p) }));
    this.menu.replaceChildren(h('option', { value: '' }, it(lang, 'custom')), ...PRESETS.map(option));
    this.setMenu(value);
    const kernel = it(lang, this.who);
    this.menu.setAttribute('aria-label', it(lang, 'presetOf', { kernel }));
    this.inputs.forEach((inp) => inp.setAttribute('aria-label', this.line
      ? it(lang, 'weightLine', { kernel, w: this.lineName(inp) })
      : it(lang, 'weight', { kernel, r: Number(inp.dataset.r), c: Number(inp.dataset.c) })));
    this.steppers.setLang(lang, kernel);
    this.sayBadCells();
  }

  /**
   * A cell of a read-only display is no tab stop: a keyboard reader went through the learned
   * kernel's nine cells, which hold nothing to do, between the target and Start. Its number stays
   * in sight, and in the table a screen reader reads (each cell named by its row and column).
   */
  private applyReadOnly(inp: HTMLInputElement): void {
    inp.readOnly = this.readOnly;
    if (this.readOnly) inp.tabIndex = -1;
    else inp.removeAttribute('tabindex');
  }

  /** The cell the − / + pair steps: marked in the table (data-chosen) and named by the pair. */
  private choose(index: number): void {
    this.inputs[this.chosen]?.removeAttribute('data-chosen');
    this.chosen = index;
    const inp = this.inputs[index];
    if (!inp) return;
    inp.setAttribute('data-chosen', '');
    this.steppers.choose(Number(inp.dataset.r), Number(inp.dataset.c), inp.id, this.line ? this.lineName(inp) : '');
  }

  /** A 1-D layer's weight, named by its one index as the stage's kernel names it (w₁). */
  private lineName(inp: HTMLInputElement): string {
    return weightLabel([Number(inp.dataset.c)], [this.kw]);
  }

  /** Whether the layer is 1-D (line-layer.ts isLine): its weights are then named w₀ w₁ w₂. */
  setLine(on: boolean): void {
    if (on === this.line) return;
    this.line = on;
    this.setLang(this.lang);
    this.choose(this.chosen);
  }

  /** One step up or down of a cell's weight; false where the cell holds no number to step from. */
  private stepCell(inp: HTMLInputElement, up: boolean): boolean {
    const v = stepped(inp.value, up);
    if (v === null) return false;
    inp.value = String(v);
    this.readInputs();
    return true;
  }

  private stepChosen(up: boolean): void {
    const inp = this.inputs[this.chosen];
    if (inp && !inp.readOnly && this.stepCell(inp, up)) this.steppers.say(inp.value);
  }

  /** The reader's preset where it exists at this size; else box blur standing in, until the kernel is large enough for it. */
  private showPreset(wanted: PresetName): void {
    const fits = presetFits(wanted, this.kh, this.kw);
    this.applyPreset(fits ? wanted : 'box', false);
    this.preset = wanted;
    this.standIn = !fits;
  }

  /** The kernel as a link says it (kernel-spec.ts): the reader's preset while box blur stands in for it. */
  linkText(): string {
    // The reader's preset by its name wherever these are its weights: at 1 × 1 identity, box and
    // Gaussian are all [1], and presetOf's first match would replace a blur by identity.
    if (this.standIn || isPreset(this.preset, this.weights, this.kh, this.kw)) return this.preset;
    return kernelSpecText(this.weights, this.kh, this.kw);
  }

  /** Shows preset `name`'s weights; `notify` calls onChange. */
  applyPreset(name: PresetName, notify = true): void {
    this.preset = name;
    this.standIn = false;
    this.weights = presetKernel(name, this.kh, this.kw);
    this.writeCells();
    this.setMenu(name);
    if (notify) this.onChange(this.weights);
  }

  private writeCells(): void {
    this.inputs.forEach((inp, i) => { inp.value = fmt(this.weights[i]); mark(inp, null, this.cellError.id); });
    this.sayBadCells();
  }

  /** Takes these weights as the kernel (typed, or from a link); the menu names the preset they are, if any. */
  private take(weights: Float32Array): void {
    this.standIn = false;
    this.weights = weights;
    const p = presetOf(this.weights, this.kh, this.kw);
    if (p) this.preset = p;
    this.setMenu(p ?? '');
  }

  /**
   * Takes a kernel from a link (kernel-spec.ts) without notifying: a preset (kept as the reader's
   * preset, shown where it fits), or numbers when their count is this kernel's. False: not taken.
   */
  load(spec: KernelSpec): boolean {
    if ('preset' in spec) {
      this.showPreset(spec.preset);
      return true;
    }
    if (spec.weights.length !== this.kh * this.kw) return false;
    this.take(Float32Array.from(spec.weights));
    this.writeCells();
    return true;
  }

  /** Shows these weights (e.g. a learned kernel) without notifying. */
  show(weights: ArrayLike<number>): void {
    this.weights = Float32Array.from(weights);
    this.inputs.forEach((inp, i) => {
      const v = fmt(this.weights[i], 3);
      if (inp.value !== v && document.activeElement !== inp) inp.value = v;
    });
    this.setMenu(presetOf(this.weights, this.kh, this.kw) ?? '');
  }

  /** Shows `value` in the menu ('' custom) and says where that preset's weights sit, if it needs saying. */
  private setMenu(value: PresetName | string): void {
    this.menu.value = value;
    const note = value && !this.menu.disabled ? presetNote(this.lang, value as PresetName, this.kh, this.kw) : '';
    this.presetNote.textContent = note;
    this.presetNote.hidden = note === '';
  }

  private readInputs(): void {
    // Weights are float32 (the library's tensors): a number beyond its range (1e39) would become
    // Infinity, so it is refused like a cell that does not parse.
    // A cell still showing its weight as written keeps the exact weight: the text is rounded (a 9 × 9
    // Gaussian's corner, 1/65536, shows as 0), and an edit elsewhere must not round it away.
    const next = this.inputs.map((inp, i) => (inp.value === fmt(this.weights[i]) ? this.weights[i] : cellNumber(inp.value)));
    // An empty or half-typed number ("-", "1e", letters) leaves the kernel as it was until it
    // parses; the cell is marked meanwhile, so the picture's staying the same is not a mystery.
    // NaN is no number at all; ±Infinity a number beyond float32 (1e39, 1e400).
    this.inputs.forEach((inp, i) => mark(inp, Number.isFinite(next[i]) ? null : Number.isNaN(next[i]) ? 'empty' : 'large', this.cellError.id));
    this.sayBadCells();
    if (next.some((v) => !Number.isFinite(v))) return;
    this.take(Float32Array.from(next));
    this.onChange(this.weights);
  }

  /**
   * The cells marked invalid, named in words (a red outline alone does not say why nothing
   * changed): "enter a number" for a cell without one, float32's range only for a number beyond it.
   */
  private sayBadCells(): void {
    const L = this.lang;
    const named = (why: Bad) => {
      const bad = this.inputs.filter((inp) => inp.dataset.bad === why);
      return { n: bad.length, cells: cellList(bad.map((inp) => (this.line ? this.lineName(inp) : it(L, 'cellAt', { r: Number(inp.dataset.r), c: Number(inp.dataset.c) }))), L) };
    };
    const empty = named('empty');
    const large = named('large');
    const said = [
      empty.n ? it(L, 'cellsEmpty', empty) : '',
      large.n ? it(L, large.n === 1 ? 'cellLarge' : 'cellsLarge', large) : '',
    ].filter(Boolean);
    this.cellError.hidden = said.length === 0;
    this.cellError.textContent = said.length ? [...said, it(L, 'cellsKeep')].join(L === 'zh' ? '' : ' ') : '';
  }

  /** Read-only display (the learned kernel): its numbers only, without a preset menu that could do nothing. */
  setReadOnly(on: boolean): void {
    this.readOnly = on;
    for (const inp of this.inputs) this.applyReadOnly(inp);
    this.menu.disabled = on;
    this.menuRow.hidden = on;
    if (on) this.presetNote.hidden = true;
    this.steppers.root.hidden = on;
  }
}
