/**
 * The convolution matrix as the tutorial draws it: C is always the *direct* convolution's matrix
 * (z = Cx: 4×16 for a 4×4 input and a 3×3 kernel) and Cᵀ the transposed convolution's (x = Cᵀz),
 * whichever of the pair the layer is (the library's tutorialMatrices). Beside the matrix, the two
 * vectors as indexed columns: the result on the left, the vector it multiplies on the right, so
 * "z = C · x" reads as a picture. For a matrix too wide for its box, or wide and short (C of a 4×4
 * input), the multiplied vector lies under the matrix as a row instead, each cell under its
 * column (data-vector-layout "under"). Labels are at least 12 px; numbers (weights and the
 * vectors' values) are shown when the page shows numbers. Each vector has the colour of its role
 * in the layer on the stage (input or output, as the figure paints it), whichever matrix is
 * shown. The row (or column) of the current step, and the vector cells it links, are highlighted
 * as the animation runs.
 *
 * Large matrices (more than VECTOR_CELLS cells, rows × columns, or a side longer than
 * VECTOR_LONG: tutorialPicture) are drawn as before: one path per kernel tap, no vectors, scaled
 * to the box's width, their rows and columns indexed by block (drawLarge), a line under them
 * saying their entries are named when pointed at or tapped (side-panels.ts). Their entries take
 * the arrow keys as the tutorial's do (PageUp and PageDown go a tenth of the rows at a time): an
 * entry under a pixel wide is ringed at 10 px and named at 14 px all the same. Only a matrix too large to draw (MATRIX_DRAW_LIMIT) has no entries to reach, and
 * its caption and name say why.
 *
 * The cell the reader points at, focuses or taps in the figure is linked too (linkStep): its row
 * or column, dashed, and its vector cell. An entry pointed at in the matrix is named at 14 px in
 * a callout, its cell's label being as small as MIN_FONT px. The picture is the matrix's one tab stop
 * (its scrolling box is none: Tab met the box and then the picture in it, two stops for one
 * thing), as the figure's grids are (grid-view.ts: role "application", arrow keys move a cursor):
 * the arrows move over its non-empty entries, scrolling the box to each, the callout names the one
 * chosen, and the page's hover line (a live region) says it in words (entrySentence); Escape or
 * leaving the picture puts it away.
 *
 * Attributes for tests and tools: data-matrix ("C" or "CT"), data-rows, data-cols,
 * data-mark-side, data-mark-index, data-link-side, data-link-index (the figure's cell pointed at,
 * absent when none), data-entry-callout ("row,col") on the callout, data-entry-cursor on the
 * keyboard's cursor, data-entries (how many non-empty entries, each named in its cell where
 * its name fits at MIN_FONT px), data-matrix-frame on the matrix's frame, data-step-mark on the step's row
 * or column; on each vector's group data-vector (x or z) and data-role (input or output). They follow every change; the picture itself is built only while its tab
 * is shown (a 32×32 layer's C has 9 216 entries, rebuilt at each parameter change
 * for a panel nobody sees), and when the tab opens.
 */
import type { ConvGeometry } from '../../src/geometry/types.js';
import { tutorialMatrix } from '../../src/matrix/index.js';
import type { ConvMatrix } from '../../src/matrix/index.js';
import { footBarTop } from './tour/foot-bar.js';
import { MATRIX_MARK_OPACITY, tapFill, textOn } from './palette.js';
import type { Palette } from './palette.js';
import { fmt } from './views.js';
import { lineWeightName } from './line-layer.js';
import { el } from './dom.js';
import { formatNumber } from '../../src/i18n/index.js';
import { t } from './i18n.js';

/** Largest side drawn (rows or columns); beyond it the picture would be a grey smear. */
export const MATRIX_DRAW_LIMIT = 2048;
/**
 * The side of the largest square matrix drawn with its vectors and indices (the tutorial's
 * picture), in a box that scrolls; VECTOR_CELLS, its area, is the limit. 100 takes in a 10×10
 * side: the playground's own layer made transposed (5×5 → 9×9, Cᵀ 81×25) was drawn as the large
 * picture, at 4 px a cell, with no weight or index legible.
 */
export const VECTOR_LIMIT = 100;
/**
 * The most cells (rows × columns) the tutorial's picture is drawn with: a VECTOR_LIMIT-sided
 * square's. What that picture costs grows with its cells, not with its longer side alone: its area
 * on screen is rows × columns cells of 18–30 px, and its nodes are two per non-empty entry (at
 * most one per cell) and two or three per row and per column. A limit on the longer side alone
 * (100) sent a tall, narrow Cᵀ to the large picture: a transposed 3×3 layer with stride 3 and
 * output padding 2 (11×11 out, Cᵀ 121×9, 1 089 cells, a ninth of a 100×100's) was a strip 20 px
 * wide at 2 px a cell, no index or weight legible, while its stride-2 neighbour (49×9) was drawn
 * readably. Such a matrix now scrolls along its long side as a 100×100 one scrolls both ways (its
 * step's row scrolled into sight as it moves). C of a 12×12 input (100×144, 14 400 cells) stays
 * the large picture.
 */
export const VECTOR_CELLS = VECTOR_LIMIT * VECTOR_LIMIT;
/**
 * The longest side the tutorial's picture is drawn with, however few its cells. Each row (or
 * column) is a vector cell and its name, and 18–30 px of a picture the page lays out and paints at
 * every change: timed with the Matrix tab open (numbers turned on and off, 1400×1000, a 2-core
 * machine), Cᵀ of 121×9 took 130–160 ms and of 289×25 or 289×1 210–240 ms, within what a 100×100
 * C takes (170–310 ms), but 400×4 took 350 ms, 576×4 350 ms, 625×1 490 ms and 1681×1 (a 1×1
 * input, kernel 9, dilation 5: a picture 50 000 px tall) 610 ms, against 110–230 ms drawn large.
 */
export const VECTOR_LONG = 3 * VECTOR_LIMIT;
/** Whether a rows×cols matrix is drawn as the tutorial's picture (vectors, indices, named weights) rather than the large one. */
export function tutorialPicture(rows: number, cols: number): boolean {
  return rows * cols <= VECTOR_CELLS && Math.max(rows, cols) <= VECTOR_LONG;
}
/**
 * The tallest a large matrix is drawn (px), else the box's width: under the box's 420 px ceiling
 * with the column indices above (a wider panel would make the picture scroll).
 */
export const LARGE_SIDE = 380;
const FONT = 'system-ui, sans-serif';
/**
 * The smallest cell a matrix laid over its vector is shrunk to so that it fits its box: a weight's
 * name ("w₀₀") still fits in it at MIN_FONT px. A matrix that needs smaller cells scrolls instead,
 * at the usual size.
 */
export const MIN_CELL = 18;
/**
 * The smallest text inside a cell (the entries and the vectors' values); labels outside stay 12 px.
 * At 10 px a phone's C (18 px cells, tour part 5) was not readable; "w₀₀" is 17.8 px wide at 11 px,
 * so a name is set a little tighter (TIGHT) where that makes it fit. One that fits at no size is
 * left out, and named in the callout when its entry is pointed at, tapped or chosen with the keys.
 */
export const MIN_FONT = 11;
/** The letter spacing (em) a cell's text may be set at to fit: "w₀₀" at 11 px in an 18 px cell. */
const TIGHT = -0.05;

/**
 * A matrix box shorter than this (C of a 4×4 input, 190 px) is always shown whole: it is never
 * fitted to the part of it on screen (MatrixView.fitBox).
 */
export const WHOLE_BOX = 260;
/** The least height a matrix box is fitted to: its title and column indices (34 px) and a row of the largest cells. */
export const MIN_BOX = 64;

/**
 * The part of the screen `el` can show: the window, less what every ancestor that clips it hides,
 * and less a phone tour's bar at the screen's foot with the fade above it (a row revealed down to
 * the window's foot ended under the bar: tour/foot-bar.ts).
 */
function clipOf(el: HTMLElement): { top: number; bottom: number; left: number; right: number } {
  let top = 0, left = 0, bottom = Math.min(window.innerHeight, footBarTop()), right = window.innerWidth;
  for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
    const cs = getComputedStyle(a);
    if (cs.display === 'contents' || (cs.overflowX === 'visible' && cs.overflowY === 'visible')) continue;
    const b = a.getBoundingClientRect();
    top = Math.max(top, b.top + a.clientTop);
    left = Math.max(left, b.left + a.clientLeft);
    bottom = Math.min(bottom, b.top + a.clientTop + a.clientHeight);
    right = Math.min(right, b.left + a.clientLeft + a.clientWidth);
  }
  return { top, bottom, left, right };
}

/** The part of a scrolling box `el` on screen: its inside, clipped as clipOf. */
function onScreen(el: HTMLElement): { top: number; bottom: number; left: number; right: number } {
  const c = clipOf(el);
  const r = el.getBoundingClientRect();
  const top = r.top + el.clientTop, left = r.left + el.clientLeft;
  return { top: Math.max(c.top, top), left: Math.max(c.left, left), bottom: Math.min(c.bottom, top + el.clientHeight), right: Math.min(c.right, left + el.clientWidth) };
}

/** The height of the matrix box `wrap` shown whole: its picture's, up to the stylesheet's ceiling. */
export function matrixBoxHeight(wrap: HTMLElement): number {
  const saved = wrap.style.maxHeight;
  wrap.style.maxHeight = '';
  const h = wrap.offsetHeight;
  wrap.style.maxHeight = saved;
  return h;
}

/** Text widths at the figure's font, by size and string (a canvas measures without a layout). */
const widths = new Map<string, number>();
let measure: CanvasRenderingContext2D | null | undefined;
function textWidth(s: string, size: number): number {
  const key = `${size} ${s}`;
  let w = widths.get(key);
  if (w === undefined) {
    if (measure === undefined) measure = document.createElement('canvas').getContext('2d');
    if (measure) {
      measure.font = `${size}px ${FONT}`;
      w = measure.measureText(s).width;
    } else w = 0.65 * size * [...s].length; // no canvas: a wide letter's width each
    widths.set(key, w);
  }
  return w;
}

/**
 * The largest size from 12 px down to MIN_FONT at which `s` fits inside a cell of `c` px, set at
 * its usual spacing or else TIGHT (null: none). Spacing follows every character, the last one too.
 */
function fontFor(s: string, c: number): { 'font-size': number; 'letter-spacing'?: string } | null {
  for (let size = 12; size >= MIN_FONT; size--) {
    const w = textWidth(s, size);
    if (w <= c - 1) return { 'font-size': size };
    if (w + TIGHT * size * ([...s].length - 1) <= c - 1) return { 'font-size': size, 'letter-spacing': `${TIGHT}em` };
  }
  return null;
}

function text(x: number, y: number, s: string, attrs: Record<string, string | number> = {}): SVGTextElement {
  const t = el('text', { x, y, 'font-family': FONT, 'font-size': 12, 'dominant-baseline': 'central', ...attrs });
  t.textContent = s;
  return t;
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).replace(/\d/g, (d) => SUB[Number(d)]);
/** A vector cell as the matrix labels it: z₁₂, x₅. */
export const vectorCell = (name: 'x' | 'z', index: number): string => `${name}${sub(index)}`;

/** Values of the layer, for numbers on demand: its input, its weight, its output (flat). */
export interface MatrixValues {
  layerInput: ArrayLike<number>;
  weight: ArrayLike<number>;
  layerOutput: ArrayLike<number>;
}

export class MatrixView {
  private svg: SVGSVGElement;
  private highlight: SVGRectElement | null = null;
  private rowMark: SVGRectElement | null = null;
  private colMark: SVGRectElement | null = null;
  /** The cell of the figure the reader points at, focuses or taps: its row or column, and its vector cell (link). */
  private linkMark: SVGRectElement | null = null;
  private linkCellMark: SVGRectElement | null = null;
  private linked: { side: 'row' | 'col'; index: number } | null = null;
  /** The tutorial picture's entries by row · cols + col (the weight's name, and its value when numbers are shown), for the callout. */
  private entryAt = new Map<number, string>();
  private names: [string, string] = ['z', 'x'];
  private palette: Palette | null = null;
  matrix: ConvMatrix | null = null;
  /** Which matrix is drawn, and whether it is the layer's own operator (rows = the layer's outputs). */
  shown: 'C' | 'CT' = 'C';
  private own = true;
  /** Whether the layer (the figure on the stage) is the transposed conv: its input is z, its output x. */
  private transposed = false;
  private cell = 1;
  private ox = 1;
  private oy = 1;
  private rowVecX = 0;
  private colVecX = 0;
  private colVecY = 0;
  private vectors = false;
  /** The matrix is drawn and its entries take the arrow keys (every matrix but one too large to draw). */
  private keyed = false;
  /** The picture's units per CSS pixel: 1, but more where a large matrix is scaled down to its space. */
  private unit = 1;
  /** The multiplied vector is drawn under the matrix, as a row (a box too narrow for it beside). */
  private under = false;
  /** What the last draw() asked for, until it is drawn (the panel was hidden). */
  private wanted: { g: ConvGeometry; p: Palette; maxPx: number; values: MatrixValues | null; line: boolean } | null = null;
  /** The last step marked, shown again on a matrix drawn later. */
  private marked: { side: 'row' | 'col'; index: number } | null = null;
  /**
   * The step mark and the link last scrolled into sight ("row 3", "col 35"): the box is scrolled
   * only when one of them changes (or the picture is drawn again), never at a repaint that keeps
   * them, so a reader scrolling the box themselves is not pulled back.
   */
  private shownMark: string | null = null;
  private shownLink: string | null = null;
  /** Non-empty entries' columns by row, in order (the keyboard cursor moves over them). */
  private rowEntries: number[][] = [];
  /** The entry chosen from the keyboard; `cursorOn` false while it is put away (Escape, blur). */
  private cursor: { i: number; j: number } | null = null;
  /** A pointer went down on an empty cell of the unfocused matrix: the focus it brings chooses no entry. */
  private tappedEmpty = false;
  private cursorOn = false;
  private cursorMark: SVGRectElement | null = null;
  private focused = false;
  private entryListener: (() => void) | null = null;
  private told = '';

  constructor(svg: SVGSVGElement) {
    this.svg = svg;
    // The box follows the part of it the reader scrolls into sight (fitBox), once a frame at most.
    let queued = false;
    const refit = (e?: Event) => {
      if (queued || e?.target === svg.parentElement) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        this.fitBox();
      });
    };
    // An entry pointed at or tapped is named at 14 px: in the 18 px cells C of the tour's 4×4
    // input is drawn with at 1400×1000, its label is 10 px (review R1).
    svg.addEventListener('pointermove', (e) => this.callout(this.entryAtPointer(e)));
    // A tap or click chooses the entry it lands on: the focus that follows keeps it. It took the
    // step's row's first entry instead (scrolling there), so a phone's first tap named another
    // weight than the one tapped (review 52). A tap on an empty cell focuses with no entry chosen.
    svg.addEventListener('pointerdown', (e) => {
      const at = this.entryAtPointer(e);
      const chosen = at !== null && this.entryWords(at.i, at.j) !== null;
      if (chosen) this.cursor = at;
      else if (document.activeElement !== svg) this.tappedEmpty = true;
      this.callout(at);
      // Already focused, no focus event follows: the ring moves to the chosen entry now. A tap or
      // click on an empty entry (a zero) puts the chosen one away, as the pointer moving onto one
      // takes its callout away: the callout went but the ring and the hover line kept naming the
      // entry tapped before (student review 54). The next arrow brings it back, as after Escape.
      if (this.focused) {
        this.cursorOn = chosen;
        this.placeCursor(false);
      }
    });
    // Leaving, the pointer gives the callout back to the keyboard's entry, where one is chosen.
    svg.addEventListener('pointerleave', (e) => {
      if (e.pointerType !== 'touch') this.callout(this.keyEntry());
    });
    svg.addEventListener('focus', () => {
      this.focused = true;
      if (this.tappedEmpty) {
        this.tappedEmpty = false;
        this.cursorOn = false;
        this.placeCursor(false);
        return;
      }
      if (!this.cursorValid()) this.cursor = this.firstEntry();
      this.cursorOn = this.cursor !== null;
      this.placeCursor(true);
    });
    svg.addEventListener('blur', () => {
      this.focused = false;
      this.cursorOn = false;
      this.placeCursor(false);
    });
    svg.addEventListener('keydown', (e) => this.key(e));
    document.addEventListener('scroll', refit, { capture: true, passive: true });
    window.addEventListener('resize', refit, { passive: true });
    // What lies above the box may grow or shrink without a scroll (the tour card's text as a step
    // opens, a font arriving): the box moves down or up with it, and its fitted height must follow,
    // or its last rows end below the column, where no scroll of the box can bring them.
    if (typeof ResizeObserver !== 'undefined') {
      const seen = new ResizeObserver(() => refit());
      for (let a: Element | null = svg.parentElement; a && a !== document.body; a = a.parentElement) {
        for (const sib of Array.from(a.parentElement?.children ?? [])) if (sib !== a) seen.observe(sib);
      }
    }
  }

  /**
   * Fits a tall matrix's box to the part of it on screen, so that the row marked at each step can
   * be scrolled into sight inside it (reveal). On a 1280×800 laptop the tour's step 6 shows Cᵀ
   * (16 rows, 520 px) under the tour card, where the side column shows its first 95 px: in a
   * 420 px box its own scroll could bring the marked row no further than row 5. The box ends where
   * the screen (or the column scrolling it) ends, and grows as the reader scrolls it into sight, up
   * to the stylesheet's height: what is seen is what a taller box would show, and the column or
   * page never moves. A box the picture fills whole under WHOLE_BOX px (C of the tutorial's 4×4
   * input) is left whole, as is one wholly in sight.
   */
  fitBox(): void {
    const wrap = this.svg.parentElement;
    if (!wrap || !this.visible) return;
    const whole = matrixBoxHeight(wrap);
    const band = clipOf(wrap).bottom - wrap.getBoundingClientRect().top;
    const cap = whole <= WHOLE_BOX || band >= whole ? '' : `${Math.max(MIN_BOX, Math.floor(band))}px`;
    if (wrap.style.maxHeight !== cap) wrap.style.maxHeight = cap;
  }

  /**
   * Scrolls the matrix's own box (never the column or the page), at once as the page scrolls it
   * everywhere, until `mark` (a marked row, a column, an entry) is in the part of the box on screen:
   * a row up or down, a column sideways (on a phone C of a 6×6 input is 36 columns in a 352 px box),
   * an entry both; nothing along an axis where less than the mark shows. False where nothing could
   * be measured (the tab hidden, no picture).
   */
  private reveal(mark: Element | null, side: 'row' | 'col' | 'entry'): boolean {
    const wrap = this.svg.parentElement;
    if (!wrap || !mark || !this.visible) return false;
    this.fitBox();
    const seen = onScreen(wrap);
    const r = mark.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    const pad = 4;
    if (side !== 'col' && seen.bottom - seen.top >= r.height + 2 * pad) {
      if (r.top < seen.top + pad) wrap.scrollTop -= seen.top + pad - r.top;
      else if (r.bottom > seen.bottom - pad) wrap.scrollTop += r.bottom - (seen.bottom - pad);
    }
    if (side !== 'row' && seen.right - seen.left >= r.width + 2 * pad) {
      if (r.left < seen.left + pad) wrap.scrollLeft -= seen.left + pad - r.left;
      else if (r.right > seen.right - pad) wrap.scrollLeft += r.right - (seen.right - pad);
    }
    return true;
  }

  /** Whether the matrix is on screen (no hidden ancestor: its tab panel is open). */
  private get visible(): boolean {
    return this.svg.closest('[hidden]') === null;
  }

  /** Draws what the last draw() asked for if it waited for the panel to be shown. */
  show(): void {
    const w = this.wanted;
    if (!w || !this.visible) return;
    this.wanted = null;
    // A new picture: its marks are scrolled into sight again (the link as it is drawn, then the step's).
    this.shownMark = null;
    this.shownLink = null;
    const built = tutorialMatrix(w.g, this.shown, w.values ? { weight: w.values.weight } : {});
    // A 1-D layer's weights are named with one index (w₂, not the drawn row's w₀₂), as its kernel
    // on the stage and its Formula tab name them (line-layer.ts lineWeightName).
    const m = w.line ? { ...built, entries: built.entries.map((e) => ({ ...e, label: lineWeightName(e.label) })) } : built;
    this.matrix = m;
    // Rows enumerate the layer's outputs when the matrix is its own operator, else its inputs.
    const rowValues = w.values ? (this.own ? w.values.layerOutput : w.values.layerInput) : null;
    const colValues = w.values ? (this.own ? w.values.layerInput : w.values.layerOutput) : null;
    // The direct conv's input is x, its output z: C's rows are z, its columns x; Cᵀ the reverse.
    const [rowName, colName] = this.shown === 'C' ? ['z', 'x'] : ['x', 'z'];
    this.vectors = tutorialPicture(m.rows, m.cols);
    this.keyed = true;
    if (this.vectors) this.drawTutorial(m, w.p, w.maxPx, rowName, colName, rowValues, colValues, w.values !== null);
    else this.drawLarge(m, w.p, w.maxPx, rowName, colName, w.values !== null);
    this.svg.dataset.entries = String(m.entries.length);
    this.fitBox();
    if (this.marked) this.mark(this.marked.side, this.marked.index);
    // A matrix wider than its box (C of 16 columns on a phone) says it scrolls: its last columns
    // and the vector beside them are off to the side, with nothing else to show they exist.
    const wrap = this.svg.parentElement;
    const cue = document.getElementById('matrix-scroll');
    if (wrap && cue) cue.hidden = !(wrap.clientWidth > 0 && Number(this.svg.getAttribute('width')) > wrap.clientWidth + 1);
  }

  /**
   * Builds and draws C (or Cᵀ when `wantCT`); returns false (and draws nothing) when it is too
   * large to draw. `values`: the layer's numbers, shown in the entries and the vectors. `line`: the
   * layer is a 1-D one drawn as its row (line-layer.ts), whose weights have one index.
   */
  draw(g: ConvGeometry, wantCT: boolean, p: Palette, maxPx: number, values: MatrixValues | null = null, line = false): boolean {
    const spatial = (side: 'input' | 'output') => g.axes.reduce((n, a) => n * a[side], 1);
    const inCells = g.inChannels * spatial('input');
    const outCells = g.outChannels * spatial('output');
    this.shown = wantCT ? 'CT' : 'C';
    // The layer's own operator is C for a direct conv and Cᵀ for a transposed one.
    this.own = wantCT === g.transposed;
    this.transposed = g.transposed;
    this.svg.dataset.matrix = this.shown;
    const [rows, cols] = this.own ? [outCells, inCells] : [inCells, outCells];
    this.svg.dataset.rows = String(rows);
    this.svg.dataset.cols = String(cols);
    // The entries wait until the panel is shown; what is drawn now belongs to the last layer.
    this.matrix = null;
    this.highlight = null;
    this.wanted = null;
    // A matrix drawn is one tab stop whose entries the arrows reach, the tutorial's picture or a
    // large one; one too large to draw is an empty picture, which its name says (side-panels.ts).
    const keys = Math.max(inCells, outCells) <= MATRIX_DRAW_LIMIT;
    this.svg.setAttribute('role', keys ? 'application' : 'img');
    if (keys) this.svg.setAttribute('tabindex', '0');
    else this.svg.removeAttribute('tabindex');
    if (!keys) {
      this.keyed = false;
      this.rowEntries = [];
      this.cursorOn = false;
      delete this.svg.dataset.entries;
      this.svg.replaceChildren();
      this.svg.setAttribute('width', '0');
      this.svg.setAttribute('height', '0');
      this.cursorMark = null;
      this.placeCursor(false);
      return false;
    }
    const [rowName, colName] = this.shown === 'C' ? ['z', 'x'] : ['x', 'z'];
    this.svg.setAttribute('aria-label', `${rowName} = ${this.shown === 'C' ? 'C' : 'Cᵀ'} · ${colName}: ${rows}×${cols}`);
    this.wanted = { g, p, maxPx, values, line };
    this.show();
    return true;
  }

  /** The tutorial's picture: [row vector] = [matrix] · [column vector], indices and labels ≥ 12 px. */
  private drawTutorial(m: ConvMatrix, p: Palette, maxPx: number, rowName: string, colName: string, rowValues: ArrayLike<number> | null, colValues: ArrayLike<number> | null, numbers: boolean): void {
    // As compact as the space asks, but never so small that a 12 px label leaves its cell.
    // `reserve`: the room the vectors and labels take beside the matrix's columns.
    const fit = (reserve: number) => Math.max(22, Math.min(30, Math.floor((maxPx - reserve) / Math.max(m.cols, 1))));
    const head = 34; // title row + column indices
    // The multiplied vector stands beside the matrix as a column. Where that picture is wider
    // than its box (C's 16 columns on a phone), it lies under the matrix instead, as a row whose
    // cell j sits under column j: the box is no longer as tall as the vector with nothing beside
    // it, and what each column multiplies is read straight down. Also where the matrix is wide
    // and short (C of a 4×4 input is 4×16): beside it, the column was four times the matrix's
    // height, and on a desktop x₁₄ and x₁₅ were below the fold.
    const cBeside = fit(140);
    const besideW = 34 + cBeside + 30 + m.cols * cBeside + 30 + cBeside + 34 + 4;
    const room = this.svg.parentElement?.clientWidth ?? 0;
    const under = room > 0 && m.cols > 1 && (besideW > room + 1 || m.cols >= 2 * m.rows);
    // Beside: room for "z₁₅" left of the result and right of the multiplied vector, 30 px gaps for
    // "=" and "·". Under, the picture is the result vector, "=" and the matrix: the result's labels
    // take what its longest needs ("z₃"), and the cells take the box's width — C of a 4×4 input
    // (16 columns) fits a 380 px side column at 18 px cells, where at 22 px its last four columns
    // were cut off, in the tour's step 5 itself (review 33 A4). A matrix that does not fit at
    // MIN_CELL scrolls at the usual size.
    const label = under ? 6 + Math.ceil(textWidth(`${rowName}${sub(m.rows - 1)}`, 12)) : 34;
    const gap = under ? 16 : 30;
    const fitted = Math.min(30, Math.floor((room - label - gap - 4) / (m.cols + 1)));
    const c = !under ? cBeside : fitted >= MIN_CELL ? fitted : fit(100);
    this.cell = c;
    this.unit = 1;
    const rowVecX = label;
    const ox = rowVecX + c + gap;
    const oy = head;
    this.under = under;
    this.svg.dataset.vectorLayout = under ? 'under' : 'beside';
    const colVecX = under ? ox : ox + m.cols * c + gap;
    const colVecY = under ? oy + m.rows * c + 30 : oy;
    this.ox = ox;
    this.oy = oy;
    this.rowVecX = rowVecX;
    this.colVecX = colVecX;
    this.colVecY = colVecY;
    // Under, the vector's labels sit below its cells; where "x₁₅" is wider than a cell, every other
    // one a line lower, so neighbours do not touch.
    const stagger = under && textWidth(`${colName}${sub(m.cols - 1)}`, 12) > c - 3;
    const w = under ? ox + m.cols * c + 4 : besideW; // besideW: drawn at cBeside, which is c
    const h = under ? colVecY + c + (stagger ? 33 : 20) : Math.max(oy + m.rows * c, colVecY + m.cols * c) + 6;
    this.svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    this.svg.setAttribute('width', String(w));
    this.svg.setAttribute('height', String(h));
    const frag = document.createDocumentFragment();
    frag.append(el('rect', { x: 0, y: 0, width: w, height: h, fill: p.background }));
    const opName = this.shown === 'C' ? 'C' : 'Cᵀ';
    frag.append(text(ox, 10, `${rowName} = ${opName} · ${colName}`, { fill: p.text, 'font-size': 14, 'font-weight': 600 }));
    // Column indices above the matrix, every k-th so they stay apart: at least 4 px between
    // neighbours. C of a 4×4 input in the 372 px column (18 px cells) ran "101112131415" together,
    // 2.7 px apart; every other one is printed there, and the vector's labels under the matrix
    // still name each column.
    const every = Math.max(1, Math.ceil(16 / c));
    const apart = Math.max(every, Math.ceil((textWidth(String(m.cols - 1), 12) + 4) / c));
    for (let j = 0; j < m.cols; j += apart) frag.append(text(ox + j * c + c / 2, oy - 9, String(j), { fill: p.text, 'text-anchor': 'middle' }));
    // The matrix frame and its empty cells.
    frag.append(el('rect', { x: ox, y: oy, width: m.cols * c, height: m.rows * c, fill: p.background, stroke: p.line, 'stroke-width': 1, 'data-matrix-frame': '' }));
    const grid: string[] = [];
    for (let i = 1; i < m.rows; i++) grid.push(`M${ox} ${oy + i * c}h${m.cols * c}`);
    for (let j = 1; j < m.cols; j++) grid.push(`M${ox + j * c} ${oy}v${m.rows * c}`);
    if (grid.length) frag.append(el('path', { d: grid.join(''), stroke: p.line, 'stroke-opacity': 0.25, 'stroke-width': 0.5, fill: 'none' }));
    const entries = el('g', {});
    const texts = el('g', { 'font-family': FONT, 'font-size': 12, 'text-anchor': 'middle', 'dominant-baseline': 'central' });
    this.entryAt.clear();
    this.names = [rowName, colName];
    this.palette = p;
    this.rowEntries = Array.from({ length: m.rows }, () => []);
    for (const e of m.entries) {
      this.rowEntries[e.row].push(e.col);
      this.entryAt.set(e.row * m.cols + e.col, numbers && e.value !== null ? `${e.label} = ${fmt(e.value)}` : e.label);
      const tap = e.terms[0]?.tap ?? 0;
      entries.append(el('rect', { x: ox + e.col * c, y: oy + e.row * c, width: c, height: c, fill: tapFill(tap) }));
      const s = numbers && e.value !== null ? fmt(e.value) : e.label;
      const size = fontFor(s, c);
      if (size !== null) {
        texts.append(text(ox + e.col * c + c / 2, oy + e.row * c + c / 2, s, { fill: textOn(tapFill(tap)), 'text-anchor': 'middle', ...size }));
      }
    }
    frag.append(entries, texts);
    // The two vectors: indexed cells, values inside when numbers are on.
    // `across`: the cells run left to right (the vector under the matrix), labels below them.
    const vector = (x: number, y: number, n: number, name: string, vals: ArrayLike<number> | null, labelLeft: boolean, across = false) => {
      // Coloured by its role in the layer on the stage, as the figure colours it: x is the input of
      // a direct layer but the output of a transposed one (x = Cᵀz), z the reverse (review 32 B3:
      // coloured by their roles in the direct conv, Cᵀ's x was blue where the figure's was teal).
      const role = (name === 'x') !== this.transposed ? 'input' : 'output';
      const fill = role === 'input' ? p.input : p.output;
      const gEl = el('g', { 'data-vector': name, 'data-role': role });
      for (let i = 0; i < n; i++) {
        const [cx, cy] = across ? [x + i * c, y] : [x, y + i * c];
        gEl.append(el('rect', { x: cx, y: cy, width: c, height: c, fill, stroke: p.line, 'stroke-width': 0.75 }));
        const size = vals ? fontFor(fmt(vals[i]), c) : null;
        if (vals && size !== null) gEl.append(text(cx + c / 2, cy + c / 2, fmt(vals[i]), { fill: p.text, 'text-anchor': 'middle', ...size }));
        if (across) {
          const below = stagger && i % 2 === 1 ? 24 : 11;
          if (i % every === 0) gEl.append(text(cx + c / 2, cy + c + below, `${name}${sub(i)}`, { fill: p.text, 'text-anchor': 'middle' }));
        } else if (i % every === 0 || n <= 24) {
          gEl.append(text(labelLeft ? x - 4 : x + c + 4, cy + c / 2, `${name}${sub(i)}`, { fill: p.text, 'text-anchor': labelLeft ? 'end' : 'start' }));
        }
      }
      return gEl;
    };
    frag.append(vector(rowVecX, oy, m.rows, rowName, rowValues, true));
    frag.append(text(rowVecX + c + gap / 2, oy + Math.min(m.rows, 4) * c / 2, '=', { fill: p.text, 'font-size': 16, 'text-anchor': 'middle' }));
    if (under) {
      // Laid flat, the column vector is its transpose: named so at the row's start.
      frag.append(text(colVecX - 6, colVecY + c / 2, `${colName}ᵀ`, { fill: p.text, 'font-size': 14, 'text-anchor': 'end' }));
    } else {
      frag.append(text(colVecX - gap / 2, oy + Math.min(m.rows, 4) * c / 2, '·', { fill: p.text, 'font-size': 20, 'text-anchor': 'middle' }));
    }
    frag.append(vector(colVecX, colVecY, m.cols, colName, colValues, false, under));
    const mark = { fill: p.focus, 'fill-opacity': MATRIX_MARK_OPACITY.cells, stroke: p.focus, 'stroke-width': 2.5 };
    this.highlight = el('rect', { ...mark, width: 0, height: 0 });
    this.rowMark = el('rect', { ...mark, width: 0, height: 0 });
    this.colMark = el('rect', { ...mark, width: 0, height: 0 });
    // The linked cell is drawn as the figure draws the cell pointed at (views.ts's hover: the focus
    // colour, a thicker line), dashed so it stays apart from the step's row where the two cross.
    // Over the matrix it fills as lightly as the step's row, so the weights under it stay legible.
    const linked = { fill: p.focus, 'fill-opacity': 0.3, stroke: p.focus, 'stroke-width': 3, 'stroke-dasharray': '5 3', width: 0, height: 0 };
    this.linkMark = el('rect', { ...linked, 'fill-opacity': MATRIX_MARK_OPACITY.cells, 'data-link': 'matrix' });
    this.linkCellMark = el('rect', { ...linked, 'data-link': 'vector' });
    // The keyboard's entry, drawn as the grids draw their cursor (grid-view.ts): a solid ring inside the cell.
    this.cursorMark = el('rect', { fill: 'none', stroke: p.focus, 'stroke-width': 3, width: 0, height: 0, 'data-entry-cursor': '' });
    frag.append(this.highlight, this.rowMark, this.colMark, this.linkMark, this.linkCellMark, this.cursorMark);
    for (const r of this.rowEntries) r.sort((a, b) => a - b);
    this.svg.replaceChildren(frag);
    this.link(this.linked);
    this.keepCursor();
  }

  /** A picture drawn again (numbers turned on, the theme) keeps the entry chosen where it still is one. */
  private keepCursor(): void {
    if (!this.cursorValid()) {
      this.cursor = this.focused ? this.firstEntry() : null;
      this.cursorOn &&= this.cursor !== null;
    }
    this.placeCursor(false);
  }

  /** Whether the keyboard's entry is a non-empty entry of the matrix drawn. */
  private cursorValid(): boolean {
    const c = this.cursor;
    return c !== null && this.keyed && (this.rowEntries[c.i]?.includes(c.j) ?? false);
  }

  /** The entry the keyboard starts at: the step's row's first (or its column's top one), else the matrix's first. */
  private firstEntry(): { i: number; j: number } | null {
    if (!this.keyed) return null;
    const mk = this.marked;
    if (mk?.side === 'row' && this.rowEntries[mk.index]?.length) return { i: mk.index, j: this.rowEntries[mk.index][0] };
    if (mk?.side === 'col') {
      const i = this.rowEntries.findIndex((r) => r.includes(mk.index));
      if (i >= 0) return { i, j: mk.index };
    }
    const i = this.rowEntries.findIndex((r) => r.length > 0);
    return i >= 0 ? { i, j: this.rowEntries[i][0] } : null;
  }

  /** The keyboard's entry while it is shown (the matrix focused, not put away), else null. */
  private keyEntry(): { i: number; j: number } | null {
    return this.focused && this.cursorOn && this.cursorValid() ? this.cursor : null;
  }

  /** Draws (or hides) the keyboard's ring and callout, scrolls its entry into sight (`reveal`), and tells the listener. */
  private placeCursor(reveal: boolean): void {
    const at = this.keyEntry();
    const r = this.cursorMark;
    if (r) {
      const c = this.cell;
      // Inside the cell, as the grids' cursor; round a large matrix's entry, smaller than a pixel
      // maybe, a ring 10 px across (its stroke, 2 px, set with it in drawLarge).
      const ring = this.vectors ? Math.max(1, c - 3) : Math.max(c + 2 * this.unit, 10 * this.unit);
      const [x, y, w] = at ? [this.ox + at.j * c + c / 2 - ring / 2, this.oy + at.i * c + c / 2 - ring / 2, ring] : [0, 0, 0];
      r.setAttribute('x', String(x));
      r.setAttribute('y', String(y));
      r.setAttribute('width', String(w));
      r.setAttribute('height', String(w));
      r.setAttribute('data-entry-cursor', at ? `${at.i},${at.j}` : '');
    }
    this.callout(at);
    // The callout first, then the entry: a callout wider than the part on screen still shows its entry.
    if (at && reveal) {
      this.reveal(this.svg.querySelector('[data-entry-callout]'), 'entry');
      this.reveal(r, 'entry');
    }
    // The listener repaints the page: told only when what the hover line would say changes.
    const told = at ? `${at.i},${at.j} ${this.entryAt.get(at.i * (this.matrix?.cols ?? 0) + at.j)}` : '';
    if (told !== this.told) {
      this.told = told;
      this.entryListener?.();
    }
  }

  /**
   * The arrows move the keyboard's entry over the non-empty ones: Left and Right along its row,
   * Up and Down to the nearest row that has entries, to its entry nearest the column (the left one
   * of two as near); Home and End to the row's first and last. Escape puts it away; the next arrow
   * brings it back, moved. PageUp and PageDown go a tenth of the rows (a large matrix's 900 rows are
   * not walked one at a time). Like the grids, the keys stay here (the page's arrows step the animation).
   */
  private key(e: KeyboardEvent): void {
    if (!this.keyed) return;
    if (e.key === 'Escape') {
      if (!this.cursorOn) return;
      e.preventDefault();
      e.stopPropagation();
      this.cursorOn = false;
      this.placeCursor(false);
      return;
    }
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key)) return;
    e.preventDefault();
    e.stopPropagation();
    if (!this.cursorValid()) this.cursor = this.firstEntry();
    const at = this.cursor;
    if (!at) return;
    const row = this.rowEntries[at.i];
    const k = row.indexOf(at.j);
    const nearest = (i: number) => this.rowEntries[i].reduce((best, j) => (Math.abs(j - at.j) < Math.abs(best - at.j) ? j : best));
    const n = this.rowEntries.length;
    // `by` rows up or down, or on to the nearest row with entries beyond; else the last such row before it.
    const step = (d: 1 | -1, by = 1) => {
      const to = Math.max(0, Math.min(n - 1, at.i + d * by));
      for (let i = to; i >= 0 && i < n; i += d) if (i !== at.i && this.rowEntries[i].length) return { i, j: nearest(i) };
      for (let i = to - d; i !== at.i; i -= d) if (this.rowEntries[i].length) return { i, j: nearest(i) };
      return at;
    };
    const page = Math.max(1, Math.ceil(n / 10));
    switch (e.key) {
      case 'ArrowLeft': this.cursor = { i: at.i, j: row[Math.max(0, k - 1)] }; break;
      case 'ArrowRight': this.cursor = { i: at.i, j: row[Math.min(row.length - 1, k + 1)] }; break;
      case 'ArrowUp': this.cursor = step(-1); break;
      case 'ArrowDown': this.cursor = step(1); break;
      case 'Home': this.cursor = { i: at.i, j: row[0] }; break;
      case 'End': this.cursor = { i: at.i, j: row[row.length - 1] }; break;
      case 'PageUp': this.cursor = step(-1, page); break;
      case 'PageDown': this.cursor = step(1, page); break;
    }
    this.cursorOn = true;
    this.placeCursor(true);
  }

  /** Calls `listener` whenever the keyboard's entry changes, is shown or is put away. */
  onEntry(listener: () => void): void {
    this.entryListener = listener;
  }

  /**
   * The keyboard's entry in words, for the page's hover line (a live region): "Row 1, column 6 of
   * C: w₁₁, which multiplies x₆ and adds to z₁." ('' when none is shown).
   */
  entrySentence(lang: 'en' | 'zh'): string {
    const at = this.keyEntry();
    const words = at && this.entryWords(at.i, at.j);
    if (!at || !words) return '';
    return t(lang, 'matrixEntry', { i: at.i, j: at.j, m: this.shown === 'C' ? 'C' : 'Cᵀ', ...words });
  }

  /** Whether the picture is the tutorial's, whose entries the keyboard reaches (one tab stop). */
  get interactive(): boolean {
    return this.svg.getAttribute('role') === 'application';
  }

  /** The entry under the pointer (row, column of the drawn matrix), null outside it or for a large matrix. */
  private entryAtPointer(e: PointerEvent): { i: number; j: number } | null {
    const m = this.matrix;
    if (!m || !this.keyed) return null;
    const box = this.svg.getBoundingClientRect();
    // Screen pixels to the picture's units (a large matrix is scaled down to its space).
    const w = Number(this.svg.getAttribute('viewBox')?.split(' ')[2]) || box.width;
    const k = box.width > 0 ? w / box.width : 1;
    const j = Math.floor(((e.clientX - box.left) * k - this.ox) / this.cell);
    const i = Math.floor(((e.clientY - box.top) * k - this.oy) / this.cell);
    return i >= 0 && j >= 0 && i < m.rows && j < m.cols ? { i, j } : null;
  }

  /** The callout's words for entry (i, j): "w₁₁ · x₆ → z₁" (null: an empty entry). */
  private entryWords(i: number, j: number): { w: string; x: string; z: string } | null {
    const m = this.matrix;
    const label = m ? this.entryAt.get(i * m.cols + j) : undefined;
    if (!label) return null;
    return { w: label, x: vectorCell(this.names[1] as 'x' | 'z', j), z: vectorCell(this.names[0] as 'x' | 'z', i) };
  }

  /**
   * Shows (or, for null, an empty cell or outside the matrix, takes away) the callout that names
   * entry `at` at 14 px, with what it multiplies and where the product goes: "w₁₁ · x₆ → z₁".
   * Under the entry, kept inside the picture.
   */
  private callout(at: { i: number; j: number } | null): void {
    const old = this.svg.querySelector('[data-entry-callout]');
    const p = this.palette;
    const words = at && this.keyed ? this.entryWords(at.i, at.j) : null;
    const say = at && words ? { i: at.i, j: at.j, text: `${words.w} · ${words.x} → ${words.z}` } : null;
    if (!say || !p) {
      old?.remove();
      return;
    }
    if (old?.getAttribute('data-entry-callout') === `${say.i},${say.j}`) return;
    // 14 px on screen: a large matrix scaled down to its space is drawn in larger units.
    const u = this.unit;
    const size = 14 * u;
    const c = this.cell;
    const width = (Math.ceil(textWidth(say.text, 14)) + 10) * u;
    const height = size + 8 * u;
    const [, , w, h] = (this.svg.getAttribute('viewBox') ?? '').split(' ').map(Number);
    const x = Math.max(0, Math.min(w - width, this.ox + say.j * c + c / 2 - width / 2));
    // Under the entry, or above it where the picture ends first (clear of a large matrix's ring).
    const gap = this.vectors ? 3 : 6 * u;
    const below = this.oy + (say.i + 1) * c + gap;
    const y = below + height <= h ? below : Math.max(0, this.oy + say.i * c - gap - height);
    const g = el('g', { 'data-entry-callout': `${say.i},${say.j}`, 'pointer-events': 'none' });
    g.append(el('rect', { x, y, width, height, rx: 3 * u, fill: p.background, stroke: p.text, 'stroke-width': 1.25 * u }));
    g.append(text(x + width / 2, y + height / 2, say.text, { fill: p.text, 'font-size': size, 'text-anchor': 'middle' }));
    if (old) old.replaceWith(g);
    else this.svg.append(g);
  }

  /**
   * Big matrices: one path per tap (a 1024×1024 C is a few nodes), scaled to the space. Their
   * entries are kept for the keys and the callout (names, and values where `numbers`), not drawn.
   *
   * The picture takes the box's whole width (up to LARGE_SIDE px tall), not the 360 px square it
   * was scaled into: Cᵀ of an 11×11 layer (121×121) was 244 px in a 350 px panel, 2 px an entry,
   * with a third of the width unused (student review 54). Beside and above it, the index of each
   * block of rows and columns that reads one row of its vector's grid (every W, W the grid's
   * width), with a light line across the matrix between blocks where they are 6 px apart or more:
   * the rows 0, 11, 22 … of a 121-row Cᵀ, so the banded structure is read as the tutorial's
   * picture reads it. Labels are 12 px on screen, however far the picture is scaled.
   */
  private drawLarge(m: ConvMatrix, p: Palette, maxPx: number, rowName: string, colName: string, numbers: boolean): void {
    const cell = Math.max(1, Math.min(24, Math.floor(maxPx / Math.max(m.rows, m.cols))));
    this.cell = cell;
    const w = m.cols * cell;
    const h = m.rows * cell;
    // Blocks: one row of the row vector's grid (its last axis), one of the column vector's.
    const rowBlock = Math.max(1, m.rowShape[m.rowShape.length - 1] ?? 1);
    const colBlock = Math.max(1, m.colShape[m.colShape.length - 1] ?? 1);
    const room = this.svg.parentElement?.clientWidth ?? 0;
    const left = Math.ceil(textWidth(String(m.rows - 1), 12)) + 10; // the row indices and their ticks
    const top = 20; // the column indices and their ticks
    const right = 8;
    const width = room > 0 ? room : maxPx;
    // Screen px per unit: the matrix (and its 1-unit frame) fills what the labels leave.
    const span = Math.max(40, Math.min(width - left - right, LARGE_SIDE));
    const k = span / (Math.max(w, h) + 2);
    const u = 1 / k;
    const ox = left * u + 1;
    const oy = top * u + 1;
    this.ox = ox;
    this.oy = oy;
    const vw = ox + w + 1 + right * u;
    const vh = oy + h + 1 + 2 * u;
    const pw = Math.ceil(vw * k);
    this.svg.setAttribute('viewBox', `0 0 ${vw} ${vh}`);
    this.unit = vw / pw;
    this.svg.setAttribute('width', String(pw));
    this.svg.setAttribute('height', String(Math.ceil(vh * k)));
    const frag = document.createDocumentFragment();
    frag.append(el('rect', { x: 0, y: 0, width: vw, height: vh, fill: p.background }));
    frag.append(el('rect', { x: ox - 1, y: oy - 1, width: w + 2, height: h + 2, fill: p.background, stroke: p.line, 'stroke-width': 1, 'data-matrix-frame': '' }));
    // Every n-th block is indexed, n so that the labels stay apart (12 px rows, a label's width + 6 px columns).
    const px = cell * k;
    const blocks = el('g', { 'data-matrix-blocks': `${rowBlock},${colBlock}`, stroke: p.line, 'stroke-width': u });
    const labels = el('g', { fill: p.text, 'font-family': FONT, 'font-size': 12 * u });
    const axis = (n: number, block: number, along: 'row' | 'col') => {
      const apart = along === 'row' ? 14 : Math.ceil(textWidth(String(n - 1), 12)) + 6;
      const every = Math.max(1, Math.ceil(apart / (block * px)));
      const lines = block * px >= 6;
      for (let b = 0, i = 0; i < n; b++, i += block) {
        const named = b % every === 0;
        if (i > 0 && (lines || named)) {
          blocks.append(along === 'row'
            ? el('line', { x1: ox, x2: ox + w, y1: oy + i * cell, y2: oy + i * cell, 'stroke-opacity': named ? 0.35 : 0.18 })
            : el('line', { x1: ox + i * cell, x2: ox + i * cell, y1: oy, y2: oy + h, 'stroke-opacity': named ? 0.35 : 0.18 }));
        }
        if (!named) continue;
        if (along === 'row') {
          blocks.append(el('line', { x1: ox - 1 - 5 * u, x2: ox - 1, y1: oy + i * cell, y2: oy + i * cell }));
          labels.append(text(ox - 1 - 7 * u, oy + i * cell, String(i), { 'font-size': 12 * u, 'text-anchor': 'end', 'data-matrix-index': `row ${i}` }));
        } else {
          blocks.append(el('line', { x1: ox + i * cell, x2: ox + i * cell, y1: oy - 1 - 5 * u, y2: oy - 1 }));
          labels.append(text(ox + i * cell, oy - 1 - 12 * u, String(i), { 'font-size': 12 * u, 'text-anchor': i === 0 ? 'start' : 'middle', 'data-matrix-index': `col ${i}` }));
        }
      }
    };
    axis(m.rows, rowBlock, 'row');
    axis(m.cols, colBlock, 'col');
    frag.append(blocks, labels);
    // Each square after the first moves relative to the previous one: shorter path text.
    const order: number[] = [];
    const parts: string[][] = [];
    const last: [number, number][] = [];
    const side = `h${cell}v${cell}h${-cell}z`;
    this.entryAt.clear();
    this.names = [rowName, colName];
    this.palette = p;
    this.rowEntries = Array.from({ length: m.rows }, () => []);
    for (const e of m.entries) {
      this.rowEntries[e.row].push(e.col);
      this.entryAt.set(e.row * m.cols + e.col, numbers && e.value !== null ? `${e.label} = ${fmt(e.value)}` : e.label);
      const tap = e.terms[0]?.tap ?? 0;
      const x = ox + e.col * cell;
      const y = oy + e.row * cell;
      let list = parts[tap];
      if (!list) {
        parts[tap] = list = [`M${x} ${y}${side}`];
        order.push(tap);
      } else {
        const [px, py] = last[tap];
        list.push(`m${x - px} ${y - py}${side}`);
      }
      last[tap] = [x, y];
    }
    for (const tap of order) frag.append(el('path', { d: parts[tap].join(''), fill: tapFill(tap) }));
    this.highlight = el('rect', { fill: p.focus, 'fill-opacity': MATRIX_MARK_OPACITY.large, stroke: p.focus, 'stroke-width': Math.max(1, cell / 6) });
    this.rowMark = null;
    this.colMark = null;
    this.linkMark = null;
    this.linkCellMark = null;
    this.cursorMark = el('rect', { fill: 'none', stroke: p.focus, 'stroke-width': 2 * this.unit, width: 0, height: 0, 'data-entry-cursor': '' });
    for (const r of this.rowEntries) r.sort((a, b) => a - b);
    frag.append(this.highlight, this.cursorMark);
    this.svg.replaceChildren(frag);
    this.keepCursor();
  }

  /**
   * Marks the current step, given in the layer's own terms: its output cell (direct view) or its
   * input cell (scatter view), channel-major. In the layer's own operator an output is a row;
   * in the other matrix of the pair it is a column.
   */
  markStep(kind: 'output' | 'input', index: number): void {
    const asRow = (kind === 'output') === this.own;
    this.mark(asRow ? 'row' : 'col', index);
  }

  /**
   * Marks the row or column of the cell the reader points at, focuses or taps in the figure, given
   * as markStep's (null: none), and its vector cell; returns the vector cell's name and where it
   * lies, for the hover sentence. Only the tutorial's picture (vectors drawn) is marked.
   */
  linkStep(kind: 'output' | 'input' | null, index: number): { v: string; side: 'row' | 'col'; index: number } | null {
    if (kind === null) {
      this.link(null);
      return null;
    }
    const side = (kind === 'output') === this.own ? 'row' : 'col';
    this.link({ side, index });
    const name = (side === 'row') === (this.shown === 'C') ? 'z' : 'x';
    return this.vectors && this.matrix ? { v: vectorCell(name, index), side, index } : null;
  }

  private link(to: { side: 'row' | 'col'; index: number } | null): void {
    this.linked = to;
    const d = this.svg.dataset;
    if (to) {
      d.linkSide = to.side;
      d.linkIndex = String(to.index);
    } else {
      delete d.linkSide;
      delete d.linkIndex;
    }
    const m = this.matrix;
    const [mark, cell] = [this.linkMark, this.linkCellMark];
    if (!mark || !cell) return;
    const c = this.cell;
    const set = (r: SVGRectElement, x: number, y: number, w: number, h: number) => {
      for (const [k, v] of [['x', x], ['y', y], ['width', w], ['height', h]] as const) if (r.getAttribute(k) !== String(v)) r.setAttribute(k, String(v));
    };
    if (!m || !to || to.index >= (to.side === 'row' ? m.rows : m.cols)) {
      set(mark, 0, 0, 0, 0);
      set(cell, 0, 0, 0, 0);
      this.shownLink = null;
      return;
    }
    if (to.side === 'row') {
      set(mark, this.ox, this.oy + to.index * c, m.cols * c, c);
      set(cell, this.rowVecX, this.oy + to.index * c, c, c);
    } else {
      set(mark, this.ox + to.index * c, this.oy, c, m.rows * c);
      if (this.under) set(cell, this.colVecX + to.index * c, this.colVecY, c, c);
      else set(cell, this.colVecX, this.colVecY + to.index * c, c, c);
    }
    // A cell tapped in the figure on a phone, a screen above, is linked to a column that may lie
    // off to the side of the box: it is scrolled there when the link changes, as the step's mark is.
    const key = `${to.side} ${to.index}`;
    if (this.shownLink !== key && this.reveal(mark, to.side)) this.shownLink = key;
  }

  /** Highlights one row (side 'row') or column of the drawn matrix, and the vector cell it links. */
  mark(side: 'row' | 'col', index: number): void {
    this.marked = { side, index };
    this.svg.dataset.markSide = side;
    this.svg.dataset.markIndex = String(index);
    const m = this.matrix;
    if (!m || !this.highlight) return;
    const c = this.cell;
    const set = (r: SVGRectElement, x: number, y: number, w: number, h: number) => {
      r.setAttribute('x', String(x));
      r.setAttribute('y', String(y));
      r.setAttribute('width', String(w));
      r.setAttribute('height', String(h));
    };
    if (side === 'row') set(this.highlight, this.ox, this.oy + index * c, m.cols * c, c);
    else set(this.highlight, this.ox + index * c, this.oy, c, m.rows * c);
    this.highlight.setAttribute('data-step-mark', side);
    if (this.vectors && this.rowMark && this.colMark) {
      // A row is one cell of the result vector; a column one cell of the multiplied vector.
      if (side === 'row') {
        set(this.rowMark, this.rowVecX, this.oy + index * c, c, c);
        set(this.colMark, 0, 0, 0, 0);
      } else {
        if (this.under) set(this.colMark, this.colVecX + index * c, this.colVecY, c, c);
        else set(this.colMark, this.colVecX, this.colVecY + index * c, c, c);
        set(this.rowMark, 0, 0, 0, 0);
      }
    }
    // Only a step that changed is scrolled to: mark() runs at every repaint (a cell pointed at, a
    // tap), and the box must stay where the reader scrolled it meanwhile.
    const key = `${side} ${index}`;
    if (this.shownMark !== key && this.reveal(this.highlight, side)) this.shownMark = key;
  }
}

/** The sizes of the direct convolution of the pair: its outputs z and inputs x (C is z×x, Cᵀ x×z). */
function pairSizes(g: ConvGeometry): { z: number; x: number } {
  const spatial = (side: 'input' | 'output') => g.axes.reduce((n, a) => n * a[side], 1);
  return g.transposed
    ? { z: g.inChannels * spatial('input'), x: g.outChannels * spatial('output') }
    : { z: g.outChannels * spatial('output'), x: g.inChannels * spatial('input') };
}

/**
 * The caption under the matrix: which one, its size, and whose matrix it is (en / zh). The size is
 * the layer's as set (`layer`, up to 4 096 channels a side); where the pictures draw a copy with
 * fewer channels (`drawn`, drawn-channels.ts), the drawn matrix's size follows, as that copy's.
 */
export function matrixCaption(view: MatrixView, layer: ConvGeometry, drawn: ConvGeometry, lang: 'en' | 'zh'): string {
  const ct = view.shown === 'CT';
  const sizeOf = (g: ConvGeometry) => {
    const { z, x } = pairSizes(g);
    return ct ? [x, z] : [z, x];
  };
  const [r, c] = sizeOf(layer);
  // Chinese sets the full-width colon, as its bracket after the size is full-width too.
  const size = `${ct ? 'Cᵀ' : 'C'}${lang === 'zh' ? '：' : ': '}${formatNumber(r)}×${formatNumber(c)}`;
  const g = layer;
  const whose = lang === 'zh'
    ? ct ? '转置卷积的矩阵，x = Cᵀz' : g.transposed ? '与本层互为转置的普通卷积的矩阵，z = Cx' : '普通卷积的矩阵，z = Cx'
    : ct ? "the transposed convolution's matrix, x = Cᵀz" : g.transposed ? 'the matrix of the direct convolution this layer transposes, z = Cx' : "the direct convolution's matrix, z = Cx";
  const caption = lang === 'zh' ? `${size}（${whose}）` : `${size} (${whose})`;
  const [dr, dc] = sizeOf(drawn);
  if (dr === r && dc === c) return caption;
  return `${caption}${lang === 'zh' ? '；' : '; '}${t(lang, 'matrixCopy', { r: formatNumber(dr), c: formatNumber(dc) })}`;
}
