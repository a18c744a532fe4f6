/**
 * The output channels of the "every input channel" figure (stage-channels.ts), one small plane
 * each: a layer of O output channels makes O output planes, and each is computed with a kernel of
 * its own. A student changed tour step 4's output channels from 1 to 16 and the figure stayed the
 * same, drawn for output channel 0 alone. Each plane is a button: it picks the output channel the
 * figure above draws (state.channel, the channel panel's "Output channel shown"), whose kernel
 * slices [j, c] are then the ones multiplied. Its value at the step's output cell is the layer's
 * own (the engine's output), so the planes differ where their kernels do.
 */
import { el, h } from './dom.js';
import type { Palette } from './palette.js';
import { t } from './i18n.js';
import { pt } from './pair-i18n.js';
import { cellText } from './line-layer.js';
import { frameIndex, planeStart, type StageScene } from './stage-scene.js';
import type { Lang } from './state.js';
import { fmt } from './views.js';

/**
 * A plane's button, in CSS pixels: the plane (about 32 px) with its index and its value under it;
 * narrow (a phone, whose figure shares the first screen with the tour's control), a plane of about
 * 12 px beside its index and the value under both, in one row. Without the values a student saw
 * "0 1 2 3" and could not read what the planes hold. These are the sizes' one home: the strip
 * hands them to tutorial-views.css as custom properties (sizeProperties), and the figure's fit
 * counts with them; `more` is the room planned for a count of the rest, which its text sizes.
 */
export const STRIP_BUTTON = { w: 44, h: 72, gap: 6 };
export const STRIP_BUTTON_NARROW = { w: 40, h: 36, gap: 4, more: 48 };

/** The button sizes as tutorial-views.css reads them (var(--strip-plane-w) …), in pixels. */
function sizeProperties(root: HTMLElement): void {
  const sizes: [string, number][] = [
    ['--strip-plane-w', STRIP_BUTTON.w], ['--strip-plane-h', STRIP_BUTTON.h], ['--strip-gap', STRIP_BUTTON.gap],
    ['--strip-plane-w-narrow', STRIP_BUTTON_NARROW.w], ['--strip-plane-h-narrow', STRIP_BUTTON_NARROW.h], ['--strip-gap-narrow', STRIP_BUTTON_NARROW.gap],
  ];
  // Through the CSSOM: the page's policy (style-src 'self') refuses a style attribute.
  for (const [name, px] of sizes) root.style.setProperty(name, `${px}px`);
}

/**
 * The strip's line over the planes, in CSS pixels; narrow, one short line that says which planes
 * are drawn of how many ("Output channels 0–5 of 16"), so the "10 →" after them reads as the rest.
 */
export const STRIP_HEAD = 26;
export const STRIP_HEAD_NARROW = 18;

export class OutputStrip {
  readonly root: HTMLElement;
  private readonly head: HTMLElement;
  private readonly row: HTMLElement;

  constructor(host: HTMLElement, private readonly onPick: (oc: number) => void) {
    this.root = h('section', { class: 'output-strip', 'data-output-strip': '' });
    this.head = h('p', { class: 'output-strip-head' });
    this.row = h('div', { class: 'output-strip-row', role: 'group' });
    this.root.append(this.head, this.row);
    sizeProperties(this.root);
    host.append(this.root);
  }

  /** Narrow space: small planes in one row after a label. */
  compact = false;

  /** How many planes `width` × `rows` rows hold (narrow: one row, with room for a count each side). */
  static capacity(width: number, rows: number, compact = false): number {
    if (compact) {
      const b = STRIP_BUTTON_NARROW;
      return Math.max(1, Math.floor((width - 2 * (b.more + b.gap) + b.gap) / (b.w + b.gap)));
    }
    return Math.max(1, Math.floor((width + STRIP_BUTTON.gap) / (STRIP_BUTTON.w + STRIP_BUTTON.gap))) * rows;
  }

  /**
   * What the row's buttons are, the last time they were built: a frame that changes none of it
   * updates their values in place. Rebuilding them every animation frame lost a click whose press
   * and release straddled a frame, and the keyboard focus on a plane.
   */
  private built = '';
  /** The plane buttons now in the row, by output channel, with what a frame changes in each. */
  private planes: { j: number; button: HTMLElement; at: SVGElement | null; value: HTMLElement | null }[] = [];

  /**
   * Draws output channel `oc` chosen among the drawn copy's, at step `frame`, as many planes as
   * `room` holds: where fewer than all fit, a run of them around the chosen one and a count of the
   * rest. The line over them counts the layer's own output channels (`s.layer`), and says how many
   * are drawn where the pictures draw fewer (drawn-channels.ts).
   */
  draw(s: StageScene, oc: number, frame: number, p: Palette, lang: Lang, room: number): void {
    const g = s.geometry;
    const D = g.outChannels;
    const O = s.layer.outChannels;
    const [OH, OW] = [g.axes[0].output, g.axes[1].output];
    const fr = s.direct ? s.direct.frames[Math.min(frame, s.direct.frames.length - 1)] : null;
    const at = fr ? frameIndex(s, fr.output) : -1;
    const cell = Math.max(1, Math.floor((this.compact ? 12 : 32) / Math.max(OH, OW)));
    const [pw, ph] = [OW * cell, OH * cell];
    const shown = Math.min(D, room);
    const first = Math.max(0, Math.min(D - shown, oc - Math.floor(shown / 2)));
    const v = s.values;
    const valued = !!v && at >= 0;
    const what = [O, D, first, shown, this.compact, lang, pw, ph, valued, p.output, p.line, p.current].join('|');
    if (what !== this.built) this.build(s, first, shown, pw, ph, p, lang);
    this.built = what;
    for (const { j, button, at: mark, value: out } of this.planes) {
      const value = valued ? v!.y[planeStart(s, j) + at] : null;
      button.setAttribute('aria-pressed', String(j === oc));
      button.setAttribute('aria-label', value === null
        ? pt(lang, 'outStripPlane', { j })
        : pt(lang, 'outStripPlaneValue', { j, o: cellText(s.state, fr!.output), v: fmt(value) }));
      if (mark && fr) {
        mark.setAttribute('x', String(1 + fr.output[1] * cell));
        mark.setAttribute('y', String(1 + fr.output[0] * cell));
      }
      if (out && value !== null) {
        out.dataset.value = String(value);
        out.textContent = `= ${fmt(value)}`;
      }
    }
    this.root.dataset.shown = String(shown);
    this.root.dataset.rest = String(D - shown);
  }

  /**
   * New buttons for planes `first` … `first + shown - 1` of the drawn copy's, and the counts of
   * the rest; the keyboard focus, if it was on one of the old ones, moves to the new button of
   * the same plane (or the same side's count), so picking a plane keeps it.
   */
  private build(s: StageScene, first: number, shown: number, pw: number, ph: number, p: Palette, lang: Lang): void {
    const D = s.geometry.outChannels;
    const O = s.layer.outChannels;
    const focused = this.row.contains(document.activeElement) ? document.activeElement as HTMLElement : null;
    const again = focused?.dataset.outputPlane !== undefined ? `[data-output-plane="${focused.dataset.outputPlane}"]`
      : focused?.dataset.side ? `[data-side="${focused.dataset.side}"]` : null;
    this.root.classList.toggle('compact', this.compact);
    this.head.textContent = this.compact ? this.shortHead(lang, O, D, first, shown)
      : O === 1 ? pt(lang, 'outStripOne')
        : D === O ? pt(lang, 'outStrip', { n: O })
          : pt(lang, 'outStripCut', { cut: t(lang, 'cutOut', { d: D, n: O }) });
    this.row.setAttribute('aria-label', pt(lang, 'outStripLabel', { n: O }));
    const buttons: HTMLElement[] = [];
    // The planes not drawn: a count, a button that brings the nearest of them into the row.
    const more = (n: number, key: 'outStripBefore' | 'outStripAfter', to: number): HTMLElement => {
      const label = n === 1 ? pt(lang, 'outStripHiddenOne', { j: to }) : pt(lang, 'outStripHidden', { n, j: to });
      const m = h('button', { type: 'button', class: 'output-strip-more', 'data-more': String(n), 'data-side': key, 'aria-label': label }, pt(lang, key, { n }));
      m.addEventListener('click', () => this.onPick(to));
      return m;
    };
    if (first > 0) buttons.push(more(first, 'outStripBefore', first - 1));
    this.planes = [];
    for (let j = first; j < first + shown; j++) {
      const svg = el('svg', { width: pw + 2, height: ph + 2, viewBox: `0 0 ${pw + 2} ${ph + 2}`, 'aria-hidden': 'true' });
      svg.append(el('rect', { x: 1, y: 1, width: pw, height: ph, fill: p.output, stroke: p.line, 'stroke-width': 0.75 }));
      const cell = pw / s.geometry.axes[1].output;
      const at = s.direct ? el('rect', { x: 1, y: 1, width: cell, height: cell, fill: p.current }) : null;
      if (at) svg.append(at);
      const b = h('button', { type: 'button', class: 'output-plane', 'data-output-plane': String(j) });
      b.append(svg, h('span', { class: 'output-plane-index' }, String(j)));
      const value = s.values && s.direct ? h('span', { class: 'output-plane-value' }) : null;
      // A space between the index and '= value', so the button's text reads as its name does.
      if (value) b.append(' ', value);
      b.addEventListener('click', () => this.onPick(j));
      this.planes.push({ j, button: b, at, value });
      buttons.push(b);
    }
    if (first + shown < D) buttons.push(more(D - first - shown, 'outStripAfter', first + shown));
    this.row.replaceChildren(...buttons);
    if (again) this.row.querySelector<HTMLElement>(again)?.focus();
  }

  /** Narrow: which planes the row draws, of how many, in one short line. */
  private shortHead(lang: Lang, O: number, D: number, first: number, shown: number): string {
    if (O === 1) return pt(lang, 'outStripShortOne');
    const b = first + shown - 1;
    if (D < O) return pt(lang, 'outStripShortCut', { a: first, b, d: D, n: O });
    return shown === O ? pt(lang, 'outStripShortAll', { b }) : pt(lang, 'outStripShort', { a: first, b, n: O });
  }
}
