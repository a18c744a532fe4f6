/**
 * The side material (formula, code, matrix, channel diagram, tutorial views), drawn right after the
 * next paint, so a parameter change shows the main picture within one frame even when C has a
 * million cells.
 */
import { formatNumber } from '../../src/i18n/index.js';
import { explainGeometry } from '../../src/arithmetic/explain.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { layerField } from '../../src/network/layer-field.js';
import type { LayerField } from '../../src/network/layer-field.js';
import { drawChannels } from './channels-view.js';
import { channelsCutText } from './drawn-channels.js';
import { tfCode, torchCode } from './code.js';
import { byId, select, setAttr, setHidden, setText, setValue } from './dom-write.js';
import { t, twoSentences } from './i18n.js';
import { matrixCaption, tutorialPicture, vectorCell } from './matrix-view.js';
import type { MatrixView } from './matrix-view.js';
import { listText } from './list-text.js';
import { cellText, isLine } from './line-layer.js';
import { formulaNodes } from './keep-together.js';
import { paletteOf } from './palette.js';
import { stackReach } from './stack-reach.js';
import { channelSlice } from './stage-scene.js';
import type { StageScene } from './stage-scene.js';
import { store } from './store.js';
import { TOUR } from './tour/steps.js';
import type { TutorialViews } from './tutorial-views.js';

/** The line under the matrix's box that says a large matrix's entries can be named (made once, after the box). */
function matrixPointLine(): HTMLElement | null {
  const old = document.getElementById('matrix-point');
  if (old) return old;
  const wrap = document.querySelector('#panel-matrix .matrix-wrap');
  if (!wrap) return null;
  const p = document.createElement('p');
  p.id = 'matrix-point';
  p.className = 'hint';
  p.hidden = true;
  wrap.after(p);
  return p;
}

/** The widest a panel may draw (the window less margins). */
export function maxPanelPx(): number {
  const w = typeof window !== 'undefined' ? window.innerWidth : 1200;
  return Math.max(160, Math.min(420, w - 48));
}

/**
 * C's row for an output cell, or its column for an input cell, of the channel pair shown: rows and
 * columns are channel-major, so the channel's block comes first, then the cell within its plane.
 */
function matrixIndex(sl: ReturnType<typeof channelSlice>, kind: 'output' | 'input', cell: number): number {
  return kind === 'output' ? sl.oc * sl.outCells + cell : sl.ic * sl.inCells + cell;
}

export class SidePanels {
  private pending: number | undefined;

  constructor(private readonly matrix: MatrixView, private readonly tutorial: () => TutorialViews | null) {
    // The matrix's entry chosen with the arrows is said in the page's hover line (entryText).
    matrix.onEntry(() => store.repaint());
  }

  /** The matrix's entry chosen with the arrow keys, in words ('' when none is). */
  entryText(): string {
    return this.matrix.entrySentence(store.state.lang);
  }

  /** Draws the matrix if it waited for its tab (called when the tab opens). */
  showMatrix(): void {
    this.matrix.show();
  }

  /** Whether a redraw is waiting (the matrix mark then waits for it too). */
  get isPending(): boolean {
    return this.pending !== undefined;
  }

  schedule(): void {
    if (this.pending !== undefined) return;
    document.body.dataset.pending = '1';
    this.pending = requestAnimationFrame(() => {
      setTimeout(() => this.flush(), 0);
    });
  }

  /** Draws a waiting redraw now (the benchmark and tests call it to measure the whole change). */
  flush(): void {
    if (this.pending === undefined) return;
    cancelAnimationFrame(this.pending);
    this.pending = undefined;
    delete document.body.dataset.pending;
    if (store.scene) this.draw(store.scene);
  }

  private draw(s: StageScene): void {
    const state = store.state;
    const p = paletteOf(state.theme, state.colorBlind);
    const g = s.geometry;
    const lang = state.lang;
    // The formula and the code are the layer's as set, its real channels included (a 1-D layer
    // written as one: line-layer.ts); the pictures below (matrix, channel diagram) are the drawn
    // copy's, and say so when it has fewer channels.
    drawFormula(s);
    setText(byId('code-torch'), torchCode(s.written, s.state));
    setText(byId('code-tf'), tfCode(s.written, s.state));
    const cut = channelsCutText(s.layer, g, lang);
    const mv = s.values ? { layerInput: s.values.x, weight: s.values.w, layerOutput: s.values.y } : null;
    const drawn = this.matrix.draw(g, state.matrix === 'ct', p, Math.min(360, maxPanelPx()), mv, isLine(state));
    // The layer's own size, and the drawn copy's where the pictures draw fewer channels.
    const mcap = matrixCaption(this.matrix, s.layer, g, lang);
    this.tutorial()?.update(s);
    const mtext = drawn ? mcap : `${mcap} — ${t(lang, 'matrixTooLarge')}`;
    setText(byId('matrix-caption'), cut ? twoSentences(lang, mtext, cut) : mtext);
    // Where the arrows reach its entries, the name says how, as the grids' names do (cellsHelp);
    // a matrix too large to draw, an empty picture and no tab stop, says why in its name too.
    setAttr(byId('svg-matrix'), 'aria-label', this.matrix.interactive ? twoSentences(lang, mcap, t(lang, 'matrixKeysHelp')) : mtext);
    // A large matrix's entries are a pixel or two, with nothing to say they answer the pointer or
    // a tap (they do, as the tutorial's picture's): a line under it says so (student review 54).
    const svgM = byId('svg-matrix');
    const point = matrixPointLine();
    if (point) {
      setText(point, t(lang, 'matrixPointHint'));
      setHidden(point, !(drawn && !tutorialPicture(Number(svgM.dataset.rows), Number(svgM.dataset.cols))));
    }
    const chSvg = byId<SVGSVGElement>('svg-channels');
    const sl = channelSlice(s);
    drawChannels(chSvg, s.trace.channels, p, { input: t(lang, 'inChannels'), output: t(lang, 'outChannels') }, g.outChannels > 1 ? sl.oc : null, s.layer);
    setText(byId('channels-cut-side'), cut);
    setHidden(byId('channels-cut-side'), cut === '');
    const chSel = select('channel-out');
    if (chSel.options.length !== g.outChannels) {
      chSel.replaceChildren(...Array.from({ length: g.outChannels }, (_, i) => {
        const o = document.createElement('option');
        o.value = String(i);
        o.textContent = String(i);
        return o;
      }));
    }
    setValue(chSel, String(sl.oc));
    setHidden(byId('channel-pick'), g.outChannels < 2);
    const c = s.trace.channels;
    setAttr(chSvg, 'aria-label', c.feeds.map((ins, oc) => t(lang, 'channelFeeds', { o: oc, i: ins.join(lang === 'zh' ? '、' : ', ') })).join(lang === 'zh' ? '；' : '; '));
    this.markMatrix();
  }

  /**
   * The matrix row of the output being computed (direct), or the column of the stamping input; and
   * the row or column of the cell the reader points at in the figure. Returns what that cell is in
   * the matrix, in words, for the hover sentence ('' when it is none, or the matrix is not shown).
   */
  markMatrix(): string {
    const s = store.scene;
    if (!s) return '';
    // Rows and columns are channel-major: the shown output channel's block, its group's first input.
    const sl = channelSlice(s);
    const frame = store.frame;
    // C is always the direct conv's matrix: the view maps the layer's cell to its row or column.
    const output = !s.scatter;
    const index = matrixIndex(sl, output ? 'output' : 'input', frame);
    this.matrix.markStep(output ? 'output' : 'input', index);
    // Beside the step buttons, the figure's cell that row (or column) is, in words: on a phone the
    // figure is a screen above the matrix, and the marked row alone did not say whose it was.
    // The layer's output is z for a convolution and x for a transposed one (z = Cx, x = Cᵀz).
    const name = output !== s.geometry.transposed ? 'z' : 'x';
    const cell = cellText(s.state, s.scatter ? s.scatter.frames[frame].input : s.direct!.frames[frame].output);
    const channels = output ? s.geometry.outChannels : s.geometry.inChannels;
    const key = output ? (channels > 1 ? 'matrixCellOutputChannel' : 'matrixCellOutput') : channels > 1 ? 'matrixCellInputChannel' : 'matrixCellInput';
    // The coordinates stay on one line with the word before them by the page's one rule for what a
    // line holds (keep-together.ts, gluedRuns): a phone broke "x₆ = 输入通道 0 的 / (1,2)".
    setText(byId('matrix-step-cell'), t(store.state.lang, key, { v: vectorCell(name, index), o: cell, c: output ? sl.oc : sl.ic }));
    return this.linkMatrix(s);
  }

  /**
   * The cell pointed at, focused or tapped (store.hover) linked to its numbers in the matrix: an
   * input cell's column and x entry, an output cell's row and z entry (as markMatrix, channel-major).
   * A zero of the figure's grid (padding, an inserted zero) and a weight have none.
   */
  private linkMatrix(s: StageScene): string {
    const hv = store.hover;
    const sl = channelSlice(s);
    let kind: 'output' | 'input' | null = null;
    let index = 0;
    if (hv?.panel === 'output') {
      kind = 'output';
      index = matrixIndex(sl, 'output', hv.cell);
    } else if (hv?.panel === 'grid') {
      const W = s.geometry.axes[1].input;
      const at = s.scatter ? [Math.floor(hv.cell / W), hv.cell % W] : s.trace.grid.cells[hv.cell]?.input;
      if (at) {
        kind = 'input';
        index = matrixIndex(sl, 'input', at[0] * W + at[1]);
      }
    }
    const l = this.matrix.linkStep(kind, index);
    if (!l || byId('svg-matrix').closest('[hidden]')) return '';
    return t(store.state.lang, l.side === 'col' ? 'matrixLinkCol' : 'matrixLinkRow', { v: l.v, i: l.index, m: this.matrix.shown === 'C' ? 'C' : 'Cᵀ' });
  }
}

/** The Formula panel's receptive-field value: "5×5 input cells", or the widest and narrowest where outputs differ. */
export function layerFieldText(g: ConvGeometry, lang: 'en' | 'zh'): string {
  let f: LayerField;
  try {
    f = layerField(g);
  } catch {
    return '—'; // a layer the network builder refuses: the row stays empty rather than the panel failing
  }
  const size = (xs: number[]) => xs.join('×');
  const same = f.max.every((m, a) => m === f.min[a]);
  const one = f.max.every((m) => m === 1);
  const text = same ? (one ? t(lang, 'rfCellOne') : t(lang, 'rfCells', { f: size(f.max) })) : t(lang, 'rfCellsPhases', { f: size(f.max), min: size(f.min) });
  return f.dead ? text + t(lang, 'rfDead') : text;
}

/** The tour part that stacks layers (its figure draws how the field grows). */
const STACK_PART = TOUR.findIndex((st) => st.figure === 'stack') + 1;

function drawFormula(s: StageScene): void {
  const lang = store.state.lang;
  const box = byId('formula');
  const e = explainGeometry(s.written, lang);
  // Built once, then updated in place: only the texts that differ are rewritten.
  let dl = box.querySelector('dl');
  let ul = box.querySelector<HTMLUListElement>('ul.explain');
  if (!dl || !ul) {
    dl = document.createElement('dl');
    for (const id of ['shape-text', 'params-text', 'macs-text', 'rf-text']) {
      const dd = document.createElement('dd');
      dd.id = id;
      dl.append(document.createElement('dt'), dd);
    }
    ul = document.createElement('ul');
    ul.className = 'explain';
    const note = document.createElement('p');
    note.id = 'rf-stack';
    note.className = 'hint';
    box.replaceChildren(dl, note, ul);
  }
  const rows: [string, string][] = [
    [t(lang, 'shapes'), `[${e.inputShape.join(', ')}] → [${e.outputShape.join(', ')}]`],
    // Grouped as the explanation's lines below write them (2,700), by the library's one formatter.
    [t(lang, 'params'), formatNumber(e.params)],
    [t(lang, 'macs'), formatNumber(e.macs)],
    // One output of this layer alone (the note below says so, and where a stack's larger field is shown).
    [t(lang, 'rfField'), layerFieldText(s.written, lang)],
  ];
  const cells = dl.children;
  rows.forEach(([k, v], i) => {
    setText(cells[2 * i], k);
    setText(cells[2 * i + 1], v);
  });
  const note = box.querySelector('#rf-stack');
  // The row's field is one output's of this layer alone; a stack's grows, shown elsewhere. Where
  // the stage shows that stack (tour part 12), the note leads the panel and says what it describes:
  // one layer of the figure's rate, not the three the figure stacks (review 40: it read as the
  // figure's own numbers, a 9×9 input and a 7×7 field under a stack reaching 19×19).
  if (note) {
    const stacked = store.state.figure === 'stack';
    if (stacked) {
      const [H] = s.layer.axes;
      const d = Math.max(1, H.dilation);
      const rates = listText([d, d, d], lang);
      const span = stackReach([d, d, d], H.kernel).span;
      setText(note, t(lang, 'rfStackShown', { d, r: rates, span, k: `${H.kernel}×${H.kernel}` }));
    } else setText(note, `${t(lang, 'rfAlone')}${lang === 'zh' ? '' : ' '}${t(lang, 'rfStack', { n: STACK_PART })}`);
    note.classList.toggle('rf-lead', stacked);
    if (stacked !== (note === box.firstElementChild)) {
      if (stacked) box.prepend(note);
      else dl.after(note);
    }
  }
  const items = ul.children;
  while (items.length > e.lines.length) items[items.length - 1].remove();
  // A formula is held together where its line wraps (keep-together.ts formulaNodes): a phone broke
  // "… + 1 + 3 / − 2·1 = 6". Only a line of formulas: Chinese prose around one is justified, and a
  // held formula would leave its room to be spread between the characters before it; the header's
  // "·" between settings is a list, not a product. A formula line is set ragged (style.css).
  const write = (li: Element, line: string) => {
    // A shape's list ("[64, 3, 3, 3]") has a box of its own that breaks after its commas where the
    // line is narrower (keep-together.ts): a line holding one stays prose.
    const formula = line.includes(' = ') && !/[\u4e00-\u9fff]/.test(line) && !line.includes('[');
    li.classList.toggle('formula', formula);
    li.replaceChildren(...(formula ? formulaNodes(line) : [document.createTextNode(line)]));
  };
  e.lines.forEach((line, i) => {
    if (i < items.length) {
      if (items[i].textContent !== line) write(items[i], line);
    } else {
      const li = document.createElement('li');
      write(li, line);
      ul!.append(li);
    }
  });
}
