/**
 * One interactive grid of square cells drawn into an <svg>: a base layer (one path per fill, so a
 * 32×32 input with padding is a handful of DOM nodes, not a thousand), optional numbers, and
 * overlays (highlights) that change per step without touching the base.
 *
 * The grid is one tab stop (role "application"); arrow keys move a cell cursor inside it and the
 * owner is told which cell has focus or is under the pointer, so it can highlight what connects.
 */
import { textOn } from './palette.js';
import { el } from './dom.js';

export interface CellStyle {
  fill: string;
  /** Dashed outline (padding, inserted zeros, `a` cells). */
  dashed?: boolean;
}

export interface OverlayStyle {
  fill?: string;
  fillOpacity?: number;
  stroke?: string;
  strokeWidth?: number;
}

export type CellListener = (cell: number | null, source: 'pointer' | 'focus' | 'key') => void;

/** Sets an attribute unless it already has that value (an equal write still costs style work). */
function set(e: Element, name: string, value: string | number): void {
  const v = String(value);
  if (e.getAttribute(name) !== v) e.setAttribute(name, v);
}

/**
 * The stage fits the grids edge to edge inside a figure box that clips (stage-fit.ts), so the
 * page's focus ring, which a browser draws outside an element, lost whichever side touched the
 * box: the right of the output at 1400×1000, the left of the input (review 42). The ring is drawn
 * inside the grid's own box instead, in a margin of RING_ROOM units kept round the cells: the
 * ring's 3 px (style.css's :focus-visible) with 1 px clear on either side.
 */
const RING_ROOM = 4;
const RING_OFFSET = '-4px';

/** Cells reported by any grid so far: a blur's late "none" checks that no grid reported since. */
let reports = 0;

export class GridView {
  readonly svg: SVGSVGElement;
  rows = 0;
  cols = 0;
  cell = 20;
  /** Between the box's edge and the cells: the ring's margin and half a grid line. */
  private pad = 1 + RING_ROOM;
  private base: SVGGElement;
  private numbers: SVGGElement;
  private overlays: SVGGElement;
  private cursorRect: SVGRectElement;
  private overlayPaths = new Map<string, SVGPathElement>();
  private cursor = 0;
  private hasFocus = false;
  private listener: CellListener | null = null;
  private lineColor = '#555';
  private focusColor = '#b3001b';
  private bg: SVGRectElement;

  constructor(svg: SVGSVGElement) {
    this.svg = svg;
    svg.style.outlineOffset = RING_OFFSET;
    this.bg = el('rect', { x: 0, y: 0, width: 0, height: 0, fill: '#fff' });
    this.base = el('g');
    this.numbers = el('g', { 'font-family': 'system-ui, sans-serif', 'text-anchor': 'middle', 'dominant-baseline': 'central' });
    this.overlays = el('g');
    this.cursorRect = el('rect', { fill: 'none', 'stroke-width': 3, visibility: 'hidden' });
    svg.append(this.bg, this.base, this.overlays, this.numbers, this.cursorRect);
    svg.addEventListener('pointermove', (e) => this.pointer(e));
    // A tap on a touch screen has no hover: the tapped cell stays highlighted until the next tap.
    // The cell becomes the cursor before the focus that the press brings (focus reports the
    // cursor: it used to be the last one, cell 0 on a first press, not the cell pressed).
    svg.addEventListener('pointerdown', (e) => {
      const c = this.cellAt(e);
      if (c !== null) this.cursor = c;
      this.pointer(e);
    });
    svg.addEventListener('pointerleave', (e) => {
      if (e.pointerType !== 'touch') this.report(this.hasFocus ? this.cursor : null, 'pointer');
    });
    svg.addEventListener('click', (e) => {
      const c = this.cellAt(e);
      if (c !== null) {
        this.cursor = c;
        this.placeCursor();
      }
    });
    svg.addEventListener('focus', () => {
      this.hasFocus = true;
      this.placeCursor();
      this.report(this.cursor, 'focus');
    });
    svg.addEventListener('blur', () => {
      this.hasFocus = false;
      this.placeCursor();
      // A tap moves the focus at its press, before its release and click: taking the tapped
      // cell's lines away here shortened the page under the finger (scroll anchoring moved the view
      // by the sentence's height) and the click landed beside what was tapped (on a phone the
      // matrix's ▶ missed its first tap after a cell). So they go once the tap is over.
      // Unless a grid has reported a cell since (the focus went to another grid, whose cell counts).
      const seen = reports;
      setTimeout(() => { if (!this.hasFocus && reports === seen) this.report(null, 'focus'); }, 0);
    });
    svg.addEventListener('keydown', (e) => this.key(e));
  }

  onCell(listener: CellListener): void {
    this.listener = listener;
  }

  /** Tells the listener which cell is pointed at or focused (null: none), counted in `reports`. */
  private report(cell: number | null, source: 'pointer' | 'focus' | 'key'): void {
    reports++;
    this.listener?.(cell, source);
  }

  /** Lays out a rows×cols grid with a cell size that fits `maxPx` (between 6 and 34 px per cell). */
  layout(rows: number, cols: number, maxPx: number, background: string, line: string, focus: string): void {
    this.rows = rows;
    this.cols = cols;
    this.cell = Math.max(6, Math.min(34, Math.floor(maxPx / Math.max(rows, cols, 1))));
    this.lineColor = line;
    this.focusColor = focus;
    const w = cols * this.cell + 2 * this.pad;
    const h = rows * this.cell + 2 * this.pad;
    set(this.svg, 'viewBox', `0 0 ${w} ${h}`);
    set(this.svg, 'width', w);
    set(this.svg, 'height', h);
    set(this.svg, 'data-rows', rows);
    set(this.svg, 'data-cols', cols);
    set(this.bg, 'width', w);
    set(this.bg, 'height', h);
    set(this.bg, 'fill', background);
    set(this.cursorRect, 'stroke', focus);
    if (this.cursor >= rows * cols) this.cursor = 0;
  }

  private rectPath(i: number, inset = 0): string {
    const c = this.cell;
    const x = this.pad + (i % this.cols) * c + inset;
    const y = this.pad + Math.floor(i / this.cols) * c + inset;
    const s = c - 2 * inset;
    return `M${x} ${y}h${s}v${s}h${-s}z`;
  }

  /** Base layer: one path per distinct style, given a style key per cell. */
  drawBase(styleOf: (i: number) => string, styles: Record<string, CellStyle>): void {
    const groups = new Map<string, string[]>();
    const n = this.rows * this.cols;
    for (let i = 0; i < n; i++) {
      const k = styleOf(i);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(this.rectPath(i));
    }
    // The path elements are kept and rewritten in place (same order: first cell of each style).
    const old = this.base.children;
    let i = 0;
    for (const [k, parts] of groups) {
      const st = styles[k];
      let p = old[i] as SVGPathElement | undefined;
      if (!p) {
        p = el('path', { 'stroke-width': 1 });
        this.base.append(p);
      }
      set(p, 'd', parts.join(''));
      set(p, 'fill', st.fill);
      set(p, 'stroke', this.lineColor);
      if (st.dashed) set(p, 'stroke-dasharray', '3 2');
      else if (p.hasAttribute('stroke-dasharray')) p.removeAttribute('stroke-dasharray');
      set(p, 'data-kind', k);
      i++;
    }
    while (old.length > i) old[old.length - 1].remove();
  }

  /** Numbers in cells (null = none); skipped when cells are too small to read. */
  drawNumbers(label: ((i: number) => string | null) | null, fillOf: (i: number) => string): void {
    if (!label || this.cell < 14) {
      if (this.numbers.firstChild) this.numbers.replaceChildren();
      return;
    }
    // Text elements are reused in order and only their changed attributes and texts rewritten.
    const old = this.numbers.children;
    const size = Math.max(8, Math.min(14, Math.floor(this.cell * 0.42)));
    const n = this.rows * this.cols;
    const added = document.createDocumentFragment();
    let j = 0;
    for (let i = 0; i < n; i++) {
      const s = label(i);
      if (s === null) continue;
      const x = this.pad + (i % this.cols) * this.cell + this.cell / 2;
      const y = this.pad + Math.floor(i / this.cols) * this.cell + this.cell / 2;
      let tx = old[j] as SVGTextElement | undefined;
      if (!tx) {
        tx = el('text');
        added.append(tx);
      }
      set(tx, 'x', x);
      set(tx, 'y', y);
      set(tx, 'font-size', size);
      set(tx, 'fill', textOn(fillOf(i)));
      if (tx.textContent !== s) tx.textContent = s;
      set(tx, 'data-cell', i);
      j++;
    }
    while (old.length > j) old[old.length - 1].remove();
    this.numbers.append(added);
  }

  /** Sets (or clears, with no cells) a named overlay drawn over the base. */
  overlay(name: string, cells: Iterable<number>, style: OverlayStyle, inset = 0): void {
    let p = this.overlayPaths.get(name);
    if (!p) {
      p = el('path');
      p.dataset.overlay = name;
      this.overlayPaths.set(name, p);
      this.overlays.append(p);
    }
    let d = '';
    for (const i of cells) if (i >= 0 && i < this.rows * this.cols) d += this.rectPath(i, inset);
    set(p, 'd', d);
    set(p, 'fill', style.fill ?? 'none');
    set(p, 'fill-opacity', style.fillOpacity ?? 1);
    set(p, 'stroke', style.stroke ?? 'none');
    set(p, 'stroke-width', style.strokeWidth ?? 0);
  }

  clearOverlays(): void {
    for (const p of this.overlayPaths.values()) set(p, 'd', '');
  }

  focusedCell(): number | null {
    return this.hasFocus ? this.cursor : null;
  }

  setCursor(i: number): void {
    this.cursor = Math.max(0, Math.min(this.rows * this.cols - 1, i));
    this.placeCursor();
  }

  private placeCursor(): void {
    if (!this.hasFocus || this.rows * this.cols === 0) {
      this.cursorRect.setAttribute('visibility', 'hidden');
      return;
    }
    const c = this.cell;
    this.cursorRect.setAttribute('x', String(this.pad + (this.cursor % this.cols) * c + 1.5));
    this.cursorRect.setAttribute('y', String(this.pad + Math.floor(this.cursor / this.cols) * c + 1.5));
    this.cursorRect.setAttribute('width', String(Math.max(1, c - 3)));
    this.cursorRect.setAttribute('height', String(Math.max(1, c - 3)));
    this.cursorRect.setAttribute('stroke', this.focusColor);
    this.cursorRect.setAttribute('visibility', 'visible');
  }

  private cellAt(e: MouseEvent): number | null {
    const r = this.svg.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return null;
    const vbW = this.cols * this.cell + 2 * this.pad;
    const scale = vbW / r.width;
    const x = (e.clientX - r.left) * scale - this.pad;
    const y = (e.clientY - r.top) * scale - this.pad;
    const col = Math.floor(x / this.cell);
    const row = Math.floor(y / this.cell);
    if (col < 0 || row < 0 || col >= this.cols || row >= this.rows) return null;
    return row * this.cols + col;
  }

  private pointer(e: PointerEvent): void {
    const c = this.cellAt(e);
    this.report(c ?? (this.hasFocus ? this.cursor : null), 'pointer');
  }

  private key(e: KeyboardEvent): void {
    const row = Math.floor(this.cursor / this.cols);
    const col = this.cursor % this.cols;
    let next: number | null = null;
    switch (e.key) {
      case 'ArrowLeft': next = col > 0 ? this.cursor - 1 : this.cursor; break;
      case 'ArrowRight': next = col < this.cols - 1 ? this.cursor + 1 : this.cursor; break;
      case 'ArrowUp': next = row > 0 ? this.cursor - this.cols : this.cursor; break;
      case 'ArrowDown': next = row < this.rows - 1 ? this.cursor + this.cols : this.cursor; break;
      case 'Home': next = row * this.cols; break;
      case 'End': next = row * this.cols + this.cols - 1; break;
      default: return;
    }
    e.preventDefault();
    e.stopPropagation();
    this.cursor = next;
    this.placeCursor();
    this.report(this.cursor, 'key');
  }
}
