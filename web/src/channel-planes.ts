/**
 * Channels drawn truthfully (issue 10, item 6): for the output channel shown, every input channel
 * it reads — its plane with the current step's window, and the kernel slice [oc, c] that
 * multiplies it — and the sum over channels that makes the output cell. Each channel's share is the
 * library's: a one-channel convolution of that plane with that slice (reference engine), the same
 * geometry as the layer; their sum is the layer's output value, which the view shows beside it.
 */
import { conv2d, convTranspose2d } from '../../src/ops/conv.js';
import { tensor } from '../../src/tensor/tensor.js';
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import type { CellKind } from '../../src/geometry/taps.js';
import type { Palette } from './palette.js';
import { pt } from './pair-i18n.js';
import { cellText } from './line-layer.js';
import { channelSlice, frameIndex } from './stage-scene.js';
import type { StageScene } from './stage-scene.js';
import type { Lang } from './state.js';
import { fmt } from './views.js';
import { el, h } from './dom.js';

/** Input channels drawn at most (the rest are summed in the text and named as not drawn). */
export const PLANES_DRAWN = 6;

/**
 * The smallest cell, in CSS pixels, whose number is printed: the example numbers are one digit
 * each (example-values.ts), which an 11 px figure, the smallest text the page prints, holds in a
 * 12 px cell. A phone draws tour step 4's planes at 12 px; at 16 they came without numbers, while
 * the shares under them ("= 11", "sum … = 33") and the prose ("as drawn here") counted on them.
 */
export const NUMBER_CELL = 12;

/** The numbers' size in a cell: 45 % of it between 12 and 18 px, and 11 px in a 12 px cell. */
const numberPx = (cell: number): number => Math.max(Math.min(12, cell - 1), Math.min(18, Math.round(cell * 0.45)));

/** Per input channel of the group: its whole output plane (one-channel conv by the library). */
function contributions(s: StageScene, oc: number, inputs: number[]): Float32Array[] | null {
  const v = s.values;
  if (!v) return null;
  const g = s.geometry;
  const [H, W] = g.axes;
  const taps = H.kernel * W.kernel;
  const ch = s.trace.channels;
  const padding = g.axes.map(paddingArgument);
  const common = { stride: [H.stride, W.stride], dilation: [H.dilation, W.dilation], padding, engine: 'reference' as const };
  return inputs.map((ic) => {
    const x = tensor(v.x.subarray(ic * H.input * W.input, (ic + 1) * H.input * W.input), [1, 1, H.input, W.input]);
    // Direct weight [OC, IC/g, k…]; transposed [IC, OC/g, k…] (PyTorch's layouts).
    const wi = g.transposed ? (ic * ch.outPerGroup + (oc % ch.outPerGroup)) * taps : (oc * ch.inPerGroup + (ic % ch.inPerGroup)) * taps;
    const w = tensor(v.w.subarray(wi, wi + taps), [1, 1, H.kernel, W.kernel]);
    const y = g.transposed ? convTranspose2d(x, w, { ...common, outputPadding: [H.outputPadding, W.outputPadding] }) : conv2d(x, w, common);
    return Float32Array.from(y.data);
  });
}

export class ChannelPlanes {
  readonly root: HTMLElement;
  private row: HTMLElement;
  private sum: HTMLElement;
  private title: HTMLElement;
  private parts: Float32Array[] | null = null;
  /** Narrow space (the stage on a phone): the title is for screen readers, a slice is captioned by its index. */
  compact = false;
  private key = '';

  /** `id` names the view (the stage's copy has its own); `cellPx` is the cell size to draw, or null for the view's own. */
  constructor(host: HTMLElement, before: Node | null, id = 'channel-planes', public cellPx: number | null = null) {
    this.root = h('section', { id, class: 'channel-planes tutorial-view', 'aria-labelledby': `${id}-title` });
    this.title = h('h2', { id: `${id}-title` });
    this.row = h('div', { class: 'planes-row' });
    this.sum = h('p', { class: 'planes-sum', 'data-channel-sum': '', 'aria-live': 'off' });
    this.root.append(this.title, this.row, this.sum);
    this.root.hidden = true;
    host.insertBefore(this.root, before);
  }

  /** Draws every input channel of the shown output channel for step `frame`. */
  draw(s: StageScene, frame: number, p: Palette, lang: Lang): void {
    const g = s.geometry;
    const sl = channelSlice(s);
    const inputs = s.trace.channels.feeds[sl.oc];
    const show = g.inChannels > 1;
    this.root.hidden = !show;
    if (!show) return;
    const key = `${JSON.stringify(s.state)}|${sl.oc}`;
    if (key !== this.key) {
      this.key = key;
      this.parts = contributions(s, sl.oc, inputs);
    }
    this.title.textContent = pt(lang, 'channelsTitle', { oc: sl.oc });
    this.title.classList.toggle('sr', this.compact);
    this.root.classList.toggle('compact', this.compact);
    const grid = s.trace.grid;
    const [GH, GW] = grid.shape;
    const [kH, kW] = [g.axes[0].kernel, g.axes[1].kernel];
    // Below the stage: planes of about 150 px; on the stage, one cell size for planes and slices.
    const cell = this.cellPx ?? Math.max(6, Math.min(22, Math.floor(150 / Math.max(GH, GW))));
    const kcell = this.cellPx ?? Math.max(10, Math.min(22, Math.floor(90 / Math.max(kH, kW))));
    const font = numberPx(Math.min(cell, kcell));
    const fr = s.direct ? s.direct.frames[Math.min(frame, s.direct.frames.length - 1)] : null;
    const read = new Set(fr ? fr.taps.map((t) => t.grid[0] * GW + t.grid[1]) : []);
    const v = s.values;
    const [H, W] = g.axes;
    const taps = kH * kW;
    const ch = s.trace.channels;
    const frag = document.createDocumentFragment();
    const drawn = inputs.slice(0, PLANES_DRAWN);
    const values: number[] = [];
    drawn.forEach((ic, n) => {
      if (n > 0) frag.append(h('span', { class: 'planes-op', 'aria-hidden': 'true' }, '+'));
      const fig = h('figure', { class: 'plane', 'data-channel-plane': String(ic) });
      // The plane: the layer's grid (padding, inserted zeros) with this channel's values.
      const svg = el('svg', { width: GW * cell + 2, height: GH * cell + 2, viewBox: `0 0 ${GW * cell + 2} ${GH * cell + 2}`, role: 'img', 'aria-label': pt(lang, 'channelsPlane', { c: ic }) });
      const fills: Record<CellKind, string> = { input: p.input, padding: p.padding, inserted: p.inserted, extra: p.extra } as Record<CellKind, string>;
      const paths = new Map<string, string[]>();
      grid.cells.forEach((c, i) => {
        const f = fills[c.kind] ?? p.padding;
        const d = `M${1 + (i % GW) * cell} ${1 + Math.floor(i / GW) * cell}h${cell}v${cell}h${-cell}z`;
        (paths.get(f) ?? paths.set(f, []).get(f)!).push(d);
      });
      for (const [f, ds] of paths) svg.append(el('path', { d: ds.join(''), fill: f, stroke: p.line, 'stroke-width': 0.5 }));
      if (fr) {
        const ds = [...read].map((i) => `M${1 + (i % GW) * cell} ${1 + Math.floor(i / GW) * cell}h${cell}v${cell}h${-cell}z`);
        svg.append(el('path', { d: ds.join(''), fill: p.read, 'fill-opacity': 0.55, stroke: p.focus, 'stroke-width': 1.5 }));
      }
      if (v && cell >= NUMBER_CELL) {
        const gt = el('g', { 'font-family': 'system-ui, sans-serif', 'font-size': font, 'text-anchor': 'middle', 'dominant-baseline': 'central', fill: p.text });
        grid.cells.forEach((c, i) => {
          if (!c.input) return;
          const t = el('text', { x: 1 + (i % GW) * cell + cell / 2, y: 1 + Math.floor(i / GW) * cell + cell / 2 });
          t.textContent = fmt(v.x[ic * H.input * W.input + c.input[0] * W.input + c.input[1]]);
          gt.append(t);
        });
        svg.append(gt);
      }
      fig.append(h('figcaption', {}, pt(lang, this.compact ? 'channelsPlaneShort' : 'channelsPlane', { c: ic })), svg);
      // Its kernel slice.
      const ks = el('svg', { width: kW * kcell + 2, height: kH * kcell + 2, viewBox: `0 0 ${kW * kcell + 2} ${kH * kcell + 2}`, role: 'img', 'aria-label': pt(lang, 'channelsSlice', { oc: sl.oc, c: ic }), 'data-kernel-slice': `${sl.oc},${ic}` });
      const wi = g.transposed ? (ic * ch.outPerGroup + (sl.oc % ch.outPerGroup)) * taps : (sl.oc * ch.inPerGroup + (ic % ch.inPerGroup)) * taps;
      for (let r = 0; r < kH; r++) {
        for (let c = 0; c < kW; c++) {
          ks.append(el('rect', { x: 1 + c * kcell, y: 1 + r * kcell, width: kcell, height: kcell, fill: p.kernel, stroke: p.line, 'stroke-width': 0.75 }));
          if (v && kcell >= NUMBER_CELL) {
            const t = el('text', { x: 1 + c * kcell + kcell / 2, y: 1 + r * kcell + kcell / 2, 'font-family': 'system-ui, sans-serif', 'font-size': font, 'text-anchor': 'middle', 'dominant-baseline': 'central', fill: p.text });
            t.textContent = fmt(v.w[wi + r * kW + c]);
            ks.append(t);
          }
        }
      }
      const kcap = h('figcaption', {}, this.compact ? `[${sl.oc}, ${ic}]` : pt(lang, 'channelsSlice', { oc: sl.oc, c: ic }));
      const times = h('span', { class: 'planes-times', 'aria-hidden': 'true' }, '×');
      let part: HTMLElement | null = null;
      if (this.parts && fr) {
        const val = this.parts[n][frameIndex(s, fr.output)];
        values.push(val);
        part = h('p', { class: 'plane-part', 'data-part': String(val) }, `= ${fmt(val)}`);
      }
      if (this.compact) {
        // Narrow (a phone): "×" beside the slice and the share beside its index, two lines fewer,
        // so the planes keep cells that hold their numbers with the output planes under the sum.
        const slice = h('div', { class: 'plane-slice' });
        slice.append(times, ks);
        const foot = h('div', { class: 'plane-foot' });
        foot.append(kcap, ...(part ? [part] : []));
        fig.append(slice, foot);
      } else fig.append(times, ks, kcap, ...(part ? [part] : []));
      frag.append(fig);
    });
    this.row.replaceChildren(frag);
    const rest = inputs.length - drawn.length;
    // Narrow, the sum in one short line: the phone's figure shares its screen with the tour's control.
    // With the shares, one sentence: the sum and what it adds up to ("3 channels' results summed: 0 + 4 + 10 = 14").
    // One input channel (groups = channels, or a single input channel) is read alone: no sum to
    // speak of, nor a share of it (review 54: "sum over 1 channels").
    const alone = inputs.length === 1;
    const one = { oc: sl.oc, c: inputs[0], why: s.state.groups > 1 ? pt(lang, 'channelsOneWhy', { g: s.state.groups }) : '' };
    const lines: string[] = this.parts && fr && v ? [] : [alone ? pt(lang, 'channelsOne', one) : pt(lang, 'channelsSum', { n: inputs.length })];
    if (this.parts && fr && v) {
      // The layer's own output value (the engine's), next to the sum of the shares.
      let total = 0;
      for (const part of this.parts) total += part[frameIndex(s, fr.output)];
      const y = v.y[sl.y + frameIndex(s, fr.output)];
      const shown = values.map(fmt).join(' + ') + (rest > 0 ? ' + …' : '');
      const o = cellText(s.state, fr.output);
      if (alone) lines.push(pt(lang, this.compact ? 'channelsOneShort' : 'channelsOneValue', { ...one, v: fmt(y), o }));
      else lines.push(pt(lang, this.compact ? 'channelsSumShort' : 'channelsSumValue', { n: inputs.length, parts: shown, v: fmt(y), o }));
      this.sum.dataset.total = String(total);
      this.sum.dataset.output = String(y);
    } else {
      if (!v && !alone) lines.push(pt(lang, 'channelsNumbers'));
      delete this.sum.dataset.total;
      delete this.sum.dataset.output;
    }
    if (rest > 0) lines.push(pt(lang, rest === 1 ? 'channelsSkipOne' : 'channelsSkip', { n: rest }));
    this.sum.textContent = lines.join(' · ');
  }
}
