/**
 * Stepping a kernel's weights without the keyboard. The cells are text inputs acting as spin
 * buttons (kernel-editor.ts), so they have neither a number input's arrows nor its wheel: a mouse
 * or a finger steps a weight with the − / + pair under the table, which acts on the chosen cell
 * (the last one focused; the centre one at first) and names it in words and to screen readers.
 * One pair, not a pair per cell: two finger-sized buttons beside each of a 9 × 9 kernel's cells
 * would not fit a phone, where the table already scrolls sideways from five columns on. The wheel
 * steps the cell being edited, as it stepped a focused number input, and only that one, so that
 * wheeling over the table still scrolls the page.
 */
import { h } from '../dom.js';
import type { Lang } from '../state.js';
import { it } from './image-text.js';

/** Wheel travel, in pixels, that makes one step (a mouse's notch is 100 in Chromium, 120 in some others). */
const WHEEL_STEP_PX = 100;
/** A wheel event this large, or counted in lines or pages, is one notch of a mouse wheel: one step. */
const WHEEL_NOTCH_PX = 50;

/**
 * Turns wheel events into steps: one per mouse notch, and for a touchpad's stream of small
 * deltas one per WHEEL_STEP_PX of travel (a step per event would race through the weights).
 * +1 is up (the wheel rolled away from the reader, as it scrolls a page up), −1 down, 0 none yet.
 */
export class WheelSteps {
  private travel = 0;

  take(e: WheelEvent): -1 | 0 | 1 {
    if (e.deltaY === 0) return 0;
    if (e.deltaMode !== WheelEvent.DOM_DELTA_PIXEL || Math.abs(e.deltaY) >= WHEEL_NOTCH_PX) {
      this.travel = 0;
      return e.deltaY < 0 ? 1 : -1;
    }
    // A change of direction starts afresh.
    if (Math.sign(this.travel) !== Math.sign(e.deltaY)) this.travel = 0;
    this.travel += e.deltaY;
    if (Math.abs(this.travel) < WHEEL_STEP_PX) return 0;
    const up = this.travel < 0;
    this.travel = 0;
    return up ? 1 : -1;
  }
}

/** The − / + pair under a kernel's table, for the chosen cell (row r, column c, counted from 0). */
export class KernelSteppers {
  readonly root: HTMLElement;
  private readonly label = h('span', { class: 'kernel-steppers-cell', 'data-kernel-stepper-cell': '' });
  private readonly down = h('button', { type: 'button', 'data-kernel-step': 'down' });
  private readonly up = h('button', { type: 'button', 'data-kernel-step': 'up' });
  /** Says the stepped weight's new value to a screen reader (the buttons keep the focus). */
  private readonly said = h('span', { class: 'sr', role: 'status', 'data-kernel-stepper-said': '' });
  /** `w`: a 1-D layer's weight name (w₁), which names the cell in place of its row and column; '' for a 2-D kernel. */
  private cell = { r: 1, c: 1, id: '', w: '' };
  private lang: Lang = 'en';
  /**
   * The page has up to three kernels (the layer's, the learning study's target and learned ones):
   * each pair's names say whose weight they step, so a screen reader's list of buttons does not
   * hold three "increase the weight at row 2, column 2".
   */
  private kernel = '';

  /** `onStep`: a button was pressed (true: up). `keep`: the cell that should keep the focus, if it has it. */
  constructor(private readonly step: number, onStep: (up: boolean) => void, keep: () => HTMLElement | null) {
    this.root = h('div', { class: 'kernel-steppers', 'data-kernel-steppers': '' });
    this.root.append(this.label, this.down, this.up, this.said);
    this.down.textContent = `\u2212${step}`;
    this.up.textContent = `+${step}`;
    for (const [b, dir] of [[this.down, false], [this.up, true]] as const) {
      // A mouse click leaves the focus (and the caret) in the cell being edited, so its wheel and
      // keys go on working; a finger's tap takes it, which closes a phone's keyboard and uncovers
      // the output picture the step redraws.
      b.addEventListener('pointerdown', (e) => {
        const cell = keep();
        if (e.pointerType === 'mouse' && cell && document.activeElement === cell) e.preventDefault();
      });
      b.addEventListener('click', () => onStep(dir));
    }
  }

  /** Which cell the pair steps: row r, column c (from 0, as the editor names its cells), its input's id (aria-controls), and a 1-D layer's weight name. */
  choose(r: number, c: number, id: string, w = ''): void {
    this.cell = { r, c, id, w };
    this.write();
  }

  /** `kernel`: which kernel the pair steps, in words ("Layer’s kernel"), the start of each button's name. */
  setLang(lang: Lang, kernel: string): void {
    this.lang = lang;
    this.kernel = kernel;
    this.write();
  }

  /** After a press: the cell's new text, for a screen reader. */
  say(value: string): void {
    const { r, c, w } = this.cell;
    this.said.textContent = w ? it(this.lang, 'stepSaidLine', { w, v: value }) : it(this.lang, 'stepSaid', { r, c, v: value });
  }

  private write(): void {
    const { r, c, id, w } = this.cell;
    const L = this.lang;
    const vars = { r, c, w, step: this.step, kernel: this.kernel };
    this.label.textContent = it(L, w ? 'stepCellLine' : 'stepCell', vars);
    this.root.title = it(L, 'stepHow');
    this.down.setAttribute('aria-label', it(L, w ? 'stepDownLine' : 'stepDown', vars));
    this.up.setAttribute('aria-label', it(L, w ? 'stepUpLine' : 'stepUp', vars));
    for (const b of [this.down, this.up]) b.setAttribute('aria-controls', id);
    this.said.textContent = '';
  }
}
