/**
 * Dilation drawn (issue 10, item 7): the same kernel at rate d = 1 and at a larger rate side by
 * side, placed on the input at the current step — its taps, the holes between them (d − 1 skipped
 * cells), the footprint d(k − 1) + 1 outlined, which is the receptive field of one output of this
 * layer — with the counts that make the point: same weights, larger field. The geometries and
 * the windows are the library's (resolveSpec, trace); the page only draws them.
 */
import { isConvError } from '../../src/geometry/errors.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { resolveSpec } from '../../src/geometry/options.js';
import { trace } from '../../src/trace/index.js';
import type { DirectTrace } from '../../src/trace/index.js';
import { sameAxes } from './error-text.js';
import { errorText, optionsOf } from './layer.js';
import type { Palette } from './palette.js';
import { pt } from './pair-i18n.js';
import type { Lang, State } from './state.js';
import { el, h } from './dom.js';
import { pairText } from './list-text.js';

export class DilationView {
  readonly root: HTMLDetailsElement;
  private summary: HTMLElement;
  private row: HTMLElement;
  private note: HTMLElement;
  private traces: { d: [number, number]; g: ConvGeometry; t: DirectTrace }[] | null = null;
  private error = '';
  private key = '';
  private userToggled = false;
  private last: [State, number, Palette, Lang] | null = null;

  constructor(host: HTMLElement, before: Node | null) {
    this.root = h('details', { id: 'dilation-view', class: 'dilation-view tutorial-view', 'data-dilation': '' });
    this.summary = h('summary', { id: 'dilation-title' });
    this.row = h('div', { class: 'dilation-row' });
    this.note = h('p', { class: 'hint' });
    this.root.append(this.summary, this.row, this.note);
    this.summary.addEventListener('click', () => { this.userToggled = true; });
    // Opened by the reader: draw now with the last state seen.
    this.root.addEventListener('toggle', () => { if (this.root.open && this.last) this.draw(...this.last); });
    host.insertBefore(this.root, before);
  }

  /** Opens or closes the view as if the reader had (a tour step showing dilation). */
  setOpen(on: boolean): void {
    this.userToggled = true;
    this.root.open = on;
  }

  /** Redraws for the page's state at step `frame` (the window follows the animation). */
  draw(s: State, frame: number, p: Palette, lang: Lang): void {
    this.last = [s, frame, p, lang];
    this.summary.textContent = pt(lang, 'dilationTitle');
    const own: [number, number] = [s.dilation[0], s.dilation[1]];
    const dilated = own[0] > 1 || own[1] > 1;
    // Opens by itself for a dilated layer, until the reader opens or closes it.
    if (!this.userToggled) this.root.open = dilated;
    if (!this.root.open) return;
    // The layer itself at its own rates (per axis), beside its twin at rate 1; an undilated layer
    // is set beside itself at rate 2, to show what a rate would do.
    const rates: [number, number][] = dilated ? [[1, 1], own] : [[1, 1], [2, 2]];
    const key = JSON.stringify([optionsOf(s), rates]);
    if (key !== this.key) {
      this.key = key;
      this.error = '';
      this.traces = [];
      for (const d of rates) {
        const isLayer = d[0] === own[0] && d[1] === own[1];
        // The layer, one channel; the twin is the same layer at another rate, without the
        // output size or padding that only this layer's rate allows.
        const twin = isLayer ? {} : { outputSize: undefined, outputPadding: s.transposed ? 0 : undefined };
        try {
          const r = resolveSpec({ ...optionsOf(s), ...twin, dilation: d, inChannels: 1, outChannels: 1, groups: 1 });
          if (r.kind !== 'conv') throw new Error('unexpected pooling geometry');
          this.traces.push({ d, g: r.geometry, t: trace(r.geometry, { view: 'direct' }) as DirectTrace });
        } catch (e) {
          if (!isConvError(e)) throw e;
          // The layer refused: the form already says why, and nothing is drawn here. A twin
          // refused: the layer is drawn alone, with the twin's reason as a note.
          if (isLayer) { this.traces = null; this.error = pt(lang, 'dilationLayerRefused'); break; }
          // Said as the Layer form says it: once for "H and W" where the twin is the same on both
          // axes (it has no output size or padding of its own, as above).
          const same = sameAxes({ ...s, dilation: d, useTarget: false, outputPadding: [0, 0] });
          this.error = pt(lang, 'dilationTwinRefused', { d: pairText(d), why: errorText(e, lang, same ? 'both' : 'one') });
        }
      }
    }
    if (!this.traces) {
      this.row.replaceChildren(h('p', { class: 'hint' }, this.error));
      this.note.textContent = '';
      return;
    }
    const frag = document.createDocumentFragment();
    for (const { d, g, t } of this.traces) frag.append(this.panel(d, g, t, frame, p, lang));
    this.row.replaceChildren(frag);
    // Chinese sentences follow each other without a space.
    const sp = lang === 'zh' ? '' : ' ';
    this.note.replaceChildren(`${this.error ? `${this.error}${sp}` : ''}${pt(lang, 'dilationNote')}${sp}`, legend(lang, p));
  }

  private panel(d: [number, number], g: ConvGeometry, t: DirectTrace, frame: number, p: Palette, lang: Lang): HTMLElement {
    const [GH, GW] = t.grid.shape;
    const cell = Math.max(8, Math.min(24, Math.floor(260 / Math.max(GH, GW))));
    const fr = t.frames[Math.min(frame, t.frames.length - 1)];
    const [H, W] = g.axes;
    const fig = h('figure', { class: 'dilation-panel', 'data-dilation-rate': d[0] === d[1] ? String(d[0]) : `${d[0]}x${d[1]}`, 'data-footprint': `${H.effectiveKernel}x${W.effectiveKernel}` });
    const w = GW * cell + 2;
    const hh = GH * cell + 2;
    const svg = el('svg', { width: w, height: hh, viewBox: `0 0 ${w} ${hh}`, role: 'img', 'aria-label': `${pt(lang, 'dilationRate', { d: pairText(d) })}: ${pt(lang, 'dilationFoot', { f: H.effectiveKernel, g: W.effectiveKernel, n: H.kernel * W.kernel })}` });
    const sq = (i: number, j: number) => `M${1 + j * cell} ${1 + i * cell}h${cell}v${cell}h${-cell}z`;
    const base: Record<string, string[]> = {};
    t.grid.cells.forEach((c, i) => {
      const f = c.kind === 'input' ? p.input : p.padding;
      (base[f] ??= []).push(sq(Math.floor(i / GW), i % GW));
    });
    for (const [f, ds] of Object.entries(base)) svg.append(el('path', { d: ds.join(''), fill: f, stroke: p.line, 'stroke-width': 0.5 }));
    // Taps, and the holes: cells of the footprint no tap reads.
    const tapSet = new Set(fr.taps.map((tp) => tp.grid[0] * GW + tp.grid[1]));
    const [r0, c0] = fr.windowStart;
    const holes: string[] = [];
    for (let i = r0; i < r0 + H.effectiveKernel; i++) for (let j = c0; j < c0 + W.effectiveKernel; j++) if (!tapSet.has(i * GW + j)) holes.push(`M${1 + j * cell + cell * 0.3} ${1 + i * cell + cell * 0.3}l${cell * 0.4} ${cell * 0.4}m0 ${-cell * 0.4}l${-cell * 0.4} ${cell * 0.4}`);
    svg.append(el('path', { d: fr.taps.map((tp) => sq(tp.grid[0], tp.grid[1])).join(''), fill: p.kernel, stroke: p.text, 'stroke-width': 1.2, 'data-taps': String(fr.taps.length), 'data-mark': 'tap' }));
    if (holes.length) svg.append(el('path', { d: holes.join(''), stroke: p.line, 'stroke-width': 1.2, fill: 'none', 'data-holes': String(holes.length), 'data-mark': 'hole' }));
    // The footprint = this output's receptive field on the input.
    svg.append(el('rect', { x: 1 + c0 * cell, y: 1 + r0 * cell, width: W.effectiveKernel * cell, height: H.effectiveKernel * cell, fill: 'none', stroke: p.focus, 'stroke-width': 2.5, 'stroke-dasharray': '6 3', 'data-mark': 'footprint' }));
    fig.append(h('figcaption', {}, pt(lang, 'dilationRate', { d: pairText(d) })), svg);
    const facts = h('ul', { class: 'dilation-facts' });
    for (const line of [
      pt(lang, 'dilationFoot', { f: H.effectiveKernel, g: W.effectiveKernel, n: H.kernel * W.kernel }),
      pt(lang, 'dilationHoles', { h: pairText([d[0] - 1, d[1] - 1]) }),
      pt(lang, 'dilationRf', { f: H.effectiveKernel, g: W.effectiveKernel }),
    ]) facts.append(h('li', {}, line));
    fig.append(facts);
    return fig;
  }
}

/**
 * The key, each mark drawn as the panels draw it (same fills, strokes and dash), so that the
 * reader matches swatch to figure by look: a text glyph in the text colour matched none of them.
 */
function legend(lang: Lang, p: Palette): HTMLElement {
  const S = 14;
  const swatch = (...marks: SVGElement[]): SVGSVGElement => {
    const svg = el('svg', { class: 'dilation-swatch', width: S, height: S, viewBox: `0 0 ${S} ${S}`, 'aria-hidden': 'true' });
    svg.append(...marks);
    return svg;
  };
  const cell = (fill: string, stroke: string, width: number, mark?: string) => el('rect', { x: 1, y: 1, width: S - 2, height: S - 2, fill, stroke, 'stroke-width': width, ...(mark ? { 'data-mark': mark } : {}) });
  const items: [SVGSVGElement, string][] = [
    [swatch(cell(p.kernel, p.text, 1.2, 'tap')), pt(lang, 'dilationLegendTap')],
    [swatch(cell(p.input, p.line, 0.5), el('path', { d: 'M4 4l6 6m0 -6l-6 6', stroke: p.line, 'stroke-width': 1.2, fill: 'none', 'data-mark': 'hole' })), pt(lang, 'dilationLegendHole')],
    [swatch(el('rect', { x: 1.5, y: 1.5, width: S - 3, height: S - 3, fill: 'none', stroke: p.focus, 'stroke-width': 2, 'stroke-dasharray': '4 2', 'data-mark': 'footprint' })), pt(lang, 'dilationLegendRf')],
  ];
  const key = h('span', { class: 'dilation-key' });
  for (const [svg, text] of items) {
    const item = h('span', { class: 'dilation-key-item' });
    // The words in one box: as bare text, the spans the page keeps words whole in (keep-together.ts)
    // each became an item of the entry's flex box, its gap between them ("卷积核 权重").
    item.append(svg, h('span', {}, text));
    key.append(item);
  }
  return key;
}
