/**
 * The stage's content for the current scene: the grids (captions, labels), the figure shown, the
 * legend, and each step's highlight, hover text and step sentence.
 */
import { byId, input, setAttr, setHidden, setText, setValue } from './dom-write.js';
import { t, twoSentences } from './i18n.js';
import { pairText } from './list-text.js';
import type { MessageKey } from './i18n.js';
import { paletteOf, tapFill, tapsShown } from './palette.js';
import type { Palette } from './palette.js';
import { channelsCutText } from './drawn-channels.js';
import { keptNodes } from './keep-together.js';
import { cellText, isLine, sizeText } from './line-layer.js';
import { channelSlice, lettered, planeLetters } from './stage-scene.js';
import type { StageScene } from './stage-scene.js';
import type { Lang } from './state.js';
import { maxPanelPx } from './side-panels.js';
import { onTabShown } from './side-tabs.js';
import type { SidePanels } from './side-panels.js';
import { chooseFigure, fitFigure, paintFigure, shownFigure } from './stage-fit.js';
import { frameTotal, store } from './store.js';
import type { TutorialViews } from './tutorial-views.js';
import { fmt, kernelLabelOf, kernelTapOf } from './views.js';
import type { Highlight, Panel, Views } from './views.js';

export class MainFigure {
  /** What the legend shows now (language, colours, entries), so an unchanged legend is left alone. */
  private legendDrawn = '';

  /** Whether the grids' kernel is painted in the matrix's tap colours now. */
  private kernelTinted = false;

  constructor(private readonly views: Views, private readonly side: SidePanels, private readonly tutorial: () => TutorialViews | null) {
    onTabShown(() => {
      this.tintKernel();
      // The phone tour's classic figure shows its kernel under the planes only with the Matrix tab
      // (style.css): the planes are fitted again to the room that row leaves.
      if (shownFigure() === 'classic' && store.state.tour > 0) fitFigure(this.views);
    });
  }

  /** Draws the last valid scene (captions in the current language, colours of the current theme). */
  draw(): void {
    const s = store.scene;
    if (!s) return;
    const { views } = this;
    const p = paletteOf(store.state.theme, store.state.colorBlind);
    const grids = chooseFigure(s) === 'grids';
    if (grids) {
      views.drawBase(s, p, maxPanelPx());
      // drawBase paints the kernel plain: tinted again if the Matrix tab is open.
      this.kernelTinted = false;
      this.tintKernel();
    }
    else views.adopt(s, p);
    const g = s.geometry;
    const lang = store.state.lang;
    const [H, W] = g.axes;
    const plainGridCap = s.scatter
      ? t(lang, 'scatterInput')
      // Zeros are inserted only at a stride above 1; a stride-1 transposed conv's grid is the padded input.
      : g.transposed ? t(lang, g.axes.some((a) => a.stride > 1) ? 'gridLabelTransposed' : 'gridLabelPadded') : g.axes.reduce((n, a) => n + a.padBefore + a.padAfter, 0) > 0 ? t(lang, 'gridLabelPadded') : t(lang, 'gridLabel');
    // The tour's z = Cx steps name the planes as the prose does (stage-scene.ts planeLetters).
    const letters = planeLetters(s);
    const gridCap = letters ? lettered(plainGridCap, letters.input) : plainGridCap;
    // Sizes as the Formula tab writes them: "1×9" for a 2-D layer, "9" for a 1-D one (line-layer.ts),
    // which the grids draw as that one row.
    const size = (h: number, w: number) => sizeText(s.state, [h, w]);
    const [gh, gw] = s.trace.grid.shape;
    // The grid's size after padding or inserted zeros, when it differs from the input's.
    const gridShape = size(gh, gw);
    const inputShape = size(H.input, W.input);
    // No space after a caption ending in full-width punctuation (“输入（含填充）2×2”, “卷积核（已翻转）3×3”).
    const sized = (cap: string, size: string) => `${cap}${/[）：]$/.test(cap) ? '' : ' '}${size}`;
    let capGrid = `${sized(gridCap, inputShape)}${s.scatter || gridShape === inputShape ? '' : ` → ${gridShape}`}`;
    // Dilation is a rate, not a size: d = 2, or d = (2, 1) per axis as PyTorch writes it (a 1-D layer: its one rate).
    const rate = `d = ${isLine(s.state) ? W.dilation : pairText([H.dilation, W.dilation])}`;
    const capKernel = `${sized(s.trace.kernel.flipped && !s.scatter ? t(lang, 'kernelFlipped') : t(lang, 'kernelLabel'), size(H.kernel, W.kernel))}${H.dilation > 1 || W.dilation > 1 ? (lang === 'zh' ? `（${rate}）` : ` (${rate})`) : ''}`;
    const outCap = s.scatter ? t(lang, 'overlapLabel') : t(lang, 'outputLabel');
    let capOutput = sized(letters ? lettered(outCap, letters.output) : outCap, size(H.output, W.output));
    if (g.inChannels > 1 || g.outChannels > 1) {
      // Several channels: say which ones the grids show (the channel panel picks the output one).
      const sl = channelSlice(s);
      capGrid += ` · ${t(lang, 'channelN', { c: sl.ic })}`;
      capOutput += ` · ${t(lang, 'channelN', { c: sl.oc })}`;
    }
    setText(byId('cap-grid'), capGrid);
    setText(byId('cap-kernel'), capKernel);
    setText(byId('cap-output'), capOutput);
    setAttr(byId('svg-output'), 'data-size', `${H.output}x${W.output}`);
    const help = t(lang, 'cellsHelp');
    setAttr(views.grid.svg, 'aria-label', twoSentences(lang, capGrid, help));
    setAttr(views.kernel.svg, 'aria-label', twoSentences(lang, capKernel, help));
    setAttr(views.output.svg, 'aria-label', twoSentences(lang, capOutput, help));
    // The stacked figure draws neither view (a reach, not a sliding or scattering kernel): no menu there.
    setHidden(byId('view-label'), shownFigure() === 'stack');
    // A layer of more channels than the pictures hold is drawn as a smaller copy: said under the figure.
    const cut = channelsCutText(s.layer, g, lang);
    setText(byId('channels-cut'), cut);
    setHidden(byId('channels-cut'), cut === '');
    fitFigure(views);
    this.drawLegend(p);
    const hidden = byId('numbers-hidden');
    setHidden(hidden, !(grids && store.state.numbers && views.grid.cell < 14));
    setText(hidden, hidden.hidden ? '' : t(lang, 'numbersHidden'));
    setAttr(input('scrub'), 'max', String(Math.max(0, frameTotal(s) - 1)));
    this.paint();
    this.side.schedule();
  }

  /**
   * While the Matrix tab is open, the grids' kernel paints each cell in the colour the matrix
   * gives its weight, so a kernel cell is matched to its matrix entries at a glance (review 32 B5:
   * the matrix was coloured, the kernel plain). The cell is keyed by the stored weight's tap, as
   * the matrix is (views.ts kernelTapOf). Plain again when the tab closes; the cells' names or
   * values stay either way (kernelLabelOf).
   */
  private tintKernel(): void {
    const s = store.scene;
    const on = s !== null && tapsShown() && chooseFigure(s) === 'grids';
    if (on === this.kernelTinted) return;
    this.kernelTinted = on;
    if (!s) return;
    const p = paletteOf(store.state.theme, store.state.colorBlind);
    const kernel = this.views.kernel;
    const [kh, kw] = s.trace.kernel.shape;
    const tapOf = kernelTapOf(s);
    const label = kernelLabelOf(s);
    if (!on) {
      kernel.drawBase(() => 'kernel', { kernel: { fill: p.kernel } });
      kernel.drawNumbers(label, () => p.kernel);
      setAttr(kernel.svg, 'data-taps', '');
      return;
    }
    const styles: Record<string, { fill: string }> = {};
    for (let t = 0; t < kh * kw; t++) styles[`tap${t}`] = { fill: tapFill(t) };
    kernel.drawBase((i) => `tap${tapOf(i)}`, styles);
    kernel.drawNumbers(label, (i) => tapFill(tapOf(i)));
    setAttr(kernel.svg, 'data-taps', '1');
  }

  private drawLegend(p: Palette): void {
    const scene = store.scene;
    const items: [string, MessageKey, boolean][] = [
      [p.input, 'legendInput', false],
      [p.padding, 'legendPadding', true],
      [p.inserted, 'legendInserted', true],
      [p.extra, 'legendExtra', true],
      [p.read, 'legendRead', false],
      [p.current, 'legendOutput', false],
    ];
    const ul = byId('legend');
    setAttr(ul, 'aria-label', t(store.state.lang, 'legend'));
    if (scene?.scatter) {
      items.splice(0, items.length, [p.input, 'legendInput', false], [p.current, 'legendStamp', false], [p.read, 'legendOverlap', false]);
    }
    const shown = items.filter(([, key]) => {
      // Only where the stride puts zeros between input cells (a stride-1 transposed layer, or an
      // axis of one cell, inserts none: the grid's caption says "padded" there too).
      if (key === 'legendInserted' && !(scene?.geometry.transposed && scene.geometry.axes.some((a) => a.equivalent.dilatedInput > a.input))) return false;
      if (key === 'legendExtra' && !(scene?.geometry.axes.some((a) => a.equivalent.extra > 0))) return false;
      return true;
    });
    // Most parameter changes leave the legend as it is: rebuild it only when its entries change.
    const key = `${store.state.lang} ${p.line} ${shown.map(([fill, k, dashed]) => `${fill}:${k}:${dashed}`).join(' ')}`;
    if (this.legendDrawn === key) return;
    this.legendDrawn = key;
    const frag = document.createDocumentFragment();
    for (const [fill, key, dashed] of shown) {
      const li = document.createElement('li');
      const sw = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      sw.setAttribute('width', '14');
      sw.setAttribute('height', '14');
      sw.setAttribute('aria-hidden', 'true');
      const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      for (const [k, v] of Object.entries({ x: '1', y: '1', width: '12', height: '12', fill, stroke: p.line })) r.setAttribute(k, v);
      if (dashed) r.setAttribute('stroke-dasharray', '3 2');
      sw.append(r);
      const span = document.createElement('span');
      span.textContent = t(store.state.lang, key);
      li.append(sw, span);
      frag.append(li);
    }
    ul.replaceChildren(frag);
  }

  /** The current step's highlight, the hover highlight, the matrix mark, the step sentence. */
  paint(): void {
    const s = store.scene;
    if (!s) return;
    const { views } = this;
    const total = frameTotal(s);
    store.frame = Math.max(0, Math.min(store.frame, total - 1));
    const frame = store.frame;
    const step = views.stepHighlight(frame);
    let hv: Highlight | null = null;
    let hoverText = '';
    const hover = store.hover;
    if (hover) {
      const r = views.hoverHighlight(hover.panel, hover.cell);
      hv = r.h;
      hoverText = hoverSentence(s, hover.panel, hover.cell, r);
    }
    // Hidden grids are not painted (their base may be a figure behind).
    if (shownFigure() === 'grids') views.paint(step, hv, frame);
    paintFigure(frame);
    setValue(input('scrub'), String(frame));
    const stepOf = t(store.state.lang, 'stepOf', { i: frame + 1, n: total });
    setAttr(input('scrub'), 'aria-valuetext', stepOf);
    setText(byId('step-count'), stepOf);
    setText(byId('matrix-step-count'), stepOf);
    // A live region, which the page-wide glue leaves alone (keep-together.ts): written with its
    // runs held at once ("[channel / 1]" broke at 1280 px). Its text reads as the sentence.
    const sentence = stepSentence(s, frame);
    const stepText = byId('step-text');
    if (stepText.textContent !== sentence) stepText.replaceChildren(...keptNodes(sentence));
    // The hover sentence ends with what the cell is in the matrix, where the matrix is shown.
    const linked = this.side.isPending ? '' : this.side.markMatrix();
    // With no cell of the figure pointed at, the line says the matrix's entry chosen with the keys.
    // Its runs held as the step sentence's (a phone ended "…乘积累加到 / z₄。" on the symbol alone).
    const hoverLine = byId('hover-text');
    const said = hoverText ? `${hoverText}${store.state.lang === 'zh' ? linked.trimStart() : linked}` : this.side.entryText();
    if (hoverLine.textContent !== said) hoverLine.replaceChildren(...keptNodes(said));
    this.tutorial()?.step(s, frame);
  }
}

function stepSentence(s: StageScene, frame: number): string {
  const lang = store.state.lang;
  if (s.scatter) {
    const fr = s.scatter.frames[frame];
    const outs = new Set(fr.taps.filter((tp) => tp.output).map((tp) => tp.output!.join(',')));
    return t(lang, 'stepScatter', { i: cellText(s.state, fr.input), n: outs.size, cellWord: plural(outs.size, 'cell', 'cells') });
  }
  const fr = s.direct!.frames[frame];
  const reads = fr.taps.filter((tp) => tp.input !== null);
  const sl = channelSlice(s);
  // Every input channel of the output channel's group is summed: the sentence names them all.
  const inputs = s.trace.channels.feeds[sl.oc];
  // The real layer's count (s.layer), which the pictures may draw fewer of (drawn-channels.ts).
  const perGroup = s.layer.inChannels / s.layer.groups;
  // "Output (0,2)", a 1-D layer's "Output (2)" (line-layer.ts cellText).
  const o = cellText(s.state, fr.output);
  const zeroTaps = fr.taps.filter((tp) => tp.input === null);
  const n = fr.taps.length;
  const drawn = perGroup !== inputs.length ? t(lang, 'stepChannelsDrawn', { d: inputs.length }) : '';
  const channels = { o, oc: sl.oc, c: perGroup, drawn, n, productWord: plural(n, 'product', 'products'), total: n * perGroup };
  // Where every product reads the same source (input cells only, or zeros only) the sentence says
  // "all with …" rather than counting "0 with zeros" or "0 with input cells"; a single product is
  // named as one ("its 1 product, with an input cell"), and each count of 1 in the singular.
  const fromInputs = { n: reads.length, what: readsWhat(reads.length, 'readsInput', lang) };
  const fromZeros = zeroReads(zeroTaps, lang);
  let base: string;
  if (fromInputs.n > 0 && fromZeros.n > 0) {
    const clauses = { reads: t(lang, 'withSome', fromInputs), zeros: t(lang, 'withSome', fromZeros) };
    base = t(lang, perGroup > 1 ? 'stepChannels' : 'stepOutput', { ...channels, ...clauses });
  } else {
    // "All" counts every product of every channel: one product a channel is still plural there.
    const total = channels.total;
    const source = fromZeros.n > 0 ? zeroReads(zeroTaps, lang, total) : { n, what: readsWhat(total, 'readsInput', lang) };
    base = total === 1
      ? t(lang, 'stepOutputOne', { o, sole: t(lang, 'withSole', source) })
      : t(lang, perGroup > 1 ? 'stepChannelsAll' : 'stepOutputAll', { ...channels, all: t(lang, 'withAll', source) });
  }
  const v = s.values;
  if (!v) return base;
  const g = s.geometry;
  const [H, W] = g.axes;
  const taps = H.kernel * W.kernel;
  const ch = s.trace.channels;
  // At most 12 products are written out, shared between the channels (each channel's first ones).
  const each = inputs.length > 1 ? Math.max(2, Math.floor(12 / inputs.length)) : 12;
  const parts = inputs.slice(0, 6).map((ic) => {
    // Direct weight [OC, IC/g, k…]; transposed [IC, OC/g, k…] (PyTorch's layouts), as channelSlice.
    const wi = g.transposed ? (ic * ch.outPerGroup + (sl.oc % ch.outPerGroup)) * taps : (sl.oc * ch.inPerGroup + (ic % ch.inPerGroup)) * taps;
    const xi = ic * H.input * W.input;
    const terms = reads.slice(0, each).map((tp) => `${fmt(v.x[xi + tp.input![0] * W.input + tp.input![1]])}·${fmt(v.w[wi + tp.weight[0] * W.kernel + tp.weight[1]])}`);
    const sum = (terms.length ? terms.join(' + ') : '0') + (reads.length > each ? ' + …' : '');
    return inputs.length > 1 ? `[${t(lang, 'channelN', { c: ic })}] ${sum}` : sum;
  });
  const sum = parts.join(' + ') + (inputs.length > 6 ? ' + …' : '');
  // Chinese sentences follow each other without a space.
  return `${base}${lang === 'zh' ? '' : ' '}${t(lang, 'stepOutputValue', { o, sum, v: fmt(v.y[sl.y + frame]) })}`;
}

function hoverSentence(s: StageScene, panel: Panel, cell: number, r: ReturnType<Views['hoverHighlight']>): string {
  const lang = store.state.lang;
  const coordOf = (cols: number) => cellText(s.state, [Math.floor(cell / cols), cell % cols]);
  switch (r.kind) {
    case 'output':
      return t(lang, 'hoverOutput', { o: coordOf(s.geometry.axes[1].output), n: r.count, cellWord: plural(r.count, 'cell', 'cells'), cells: r.cells.slice(0, 12).join(' ') + (r.cells.length > 12 ? ' …' : '') });
    case 'overlap':
      return t(lang, 'hoverOverlap', { o: coordOf(s.geometry.axes[1].output), n: r.count, pairWord: plural(r.count, 'pair', 'pairs') });
    case 'input': {
      const inp = s.scatter ? coordOf(s.geometry.axes[1].input) : cellText(s.state, s.trace.grid.cells[cell].input!);
      return t(lang, 'hoverInput', { i: inp, n: r.count, cellWord: plural(r.count, 'cell', 'cells') });
    }
    case 'zero':
      return t(lang, 'hoverZero', { kind: t(lang, `kind${r.zeroKind ?? 'padding'}` as MessageKey) });
    case 'weight': {
      const w = s.scatter ? coordOf(s.geometry.axes[1].kernel) : cellText(s.state, s.trace.kernel.taps[cell].weight);
      return t(lang, 'hoverWeight', { k: w, n: r.count, pairWord: plural(r.count, 'pair', 'pairs') });
    }
  }
  void panel;
  return '';
}

/** What `n` products read, in the plural or, for one product, the singular ("an input cell"). */
function readsWhat(n: number, key: 'readsInput' | 'readsPadding' | 'readsInserted' | 'readsExtra', lang: Lang): string {
  return t(lang, n === 1 ? `${key}One` : key);
}

/**
 * The products that read a zero, by what the zero is: padding, a zero inserted between input cells
 * (transposed), or an output-padding cell a. A transposed layer's window reads mostly inserted
 * zeros, and calling them all padding blurred what tour step 7 teaches. Their count, and what they
 * read: one kind by name, several as "zeros (2 padding, 6 inserted)". `count` picks the singular
 * or the plural (all the products of a channel sum, where the sentence says "all with").
 */
function zeroReads(zeroTaps: readonly { kind: string }[], lang: Lang, count = zeroTaps.length): { n: number; what: string } {
  const kinds = [['padding', 'readsPadding', 'zerosPartPadding'], ['inserted', 'readsInserted', 'zerosPartInserted'], ['extra', 'readsExtra', 'zerosPartExtra']] as const;
  const present = kinds.map(([kind, what, part]) => ({ n: zeroTaps.filter((tp) => tp.kind === kind).length, what, part })).filter((k) => k.n > 0);
  const n = zeroTaps.length;
  // No zero read: stepSentence words that sentence without a zeros clause.
  if (present.length === 0) return { n, what: '' };
  if (present.length === 1) return { n, what: readsWhat(count, present[0].what, lang) };
  return { n, what: t(lang, 'readsZeros', { parts: present.map((k) => t(lang, k.part, { n: k.n })).join(lang === 'zh' ? '，' : ', ') }) };
}

/** The English noun for a count (Chinese has none to change): 1 cell, 2 cells. */
function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
