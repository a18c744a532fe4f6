/**
 * The convolution matrix C (output = C · input) or its transpose, from the library's convMatrix,
 * drawn as an SVG with one path per kernel tap (so a 1024×1024 matrix is a few nodes), and the
 * row (or column) of the current step highlighted as the animation runs.
 */
import type { ConvGeometry } from '../../src/geometry/types.js';
import { convMatrix, transpose } from '../../src/matrix/index.js';
import type { ConvMatrix } from '../../src/matrix/index.js';
import type { Palette } from './palette.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Largest side drawn (rows or columns); beyond it the picture would be a grey smear. */
export const MATRIX_DRAW_LIMIT = 2048;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Okabe–Ito-derived hues per tap (colour-blind safe), cycled for kernels of more than 8 taps. */
const TAP_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#7a5195'];

export class MatrixView {
  private svg: SVGSVGElement;
  private highlight: SVGRectElement | null = null;
  matrix: ConvMatrix | null = null;
  private cell = 1;

  constructor(svg: SVGSVGElement) {
    this.svg = svg;
  }

  /** Builds and draws the matrix; returns false (and draws nothing) when it is too large to draw. */
  draw(g: ConvGeometry, transposed: boolean, p: Palette, maxPx: number): boolean {
    const inCells = g.inChannels * g.axes[0].input * g.axes[1].input;
    const outCells = g.outChannels * g.axes[0].output * g.axes[1].output;
    if (Math.max(inCells, outCells) > MATRIX_DRAW_LIMIT) {
      this.matrix = null;
      this.svg.replaceChildren();
      this.svg.setAttribute('width', '0');
      this.svg.setAttribute('height', '0');
      return false;
    }
    const c = convMatrix(g);
    const m = transposed ? transpose(c) : c;
    this.matrix = m;
    const cell = Math.max(1, Math.min(24, Math.floor(maxPx / Math.max(m.rows, m.cols))));
    this.cell = cell;
    const w = m.cols * cell;
    const h = m.rows * cell;
    const scale = Math.min(1, maxPx / Math.max(w, h));
    this.svg.setAttribute('viewBox', `0 0 ${w + 2} ${h + 2}`);
    this.svg.setAttribute('width', String(Math.ceil((w + 2) * scale)));
    this.svg.setAttribute('height', String(Math.ceil((h + 2) * scale)));
    this.svg.dataset.rows = String(m.rows);
    this.svg.dataset.cols = String(m.cols);
    const frag = document.createDocumentFragment();
    frag.append(el('rect', { x: 0, y: 0, width: w + 2, height: h + 2, fill: p.background, stroke: p.line, 'stroke-width': 1 }));
    // One path per tap, in the order the taps first appear. Each square after the first moves
    // relative to the previous one (after `z` the pen is back at that square's corner): a 1024×1024
    // C is ~9000 squares, and the shorter path text is quicker to build and for the browser to parse.
    const order: number[] = [];
    const parts: string[][] = [];
    const last: [number, number][] = [];
    const side = `h${cell}v${cell}h${-cell}z`;
    for (const e of m.entries) {
      const tap = e.terms[0]?.tap ?? 0;
      const x = 1 + e.col * cell;
      const y = 1 + e.row * cell;
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
    for (const tap of order) frag.append(el('path', { d: parts[tap].join(''), fill: TAP_COLOURS[tap % TAP_COLOURS.length] }));
    if (cell >= 18) {
      const g2 = el('g', { 'font-family': 'system-ui, sans-serif', 'font-size': Math.floor(cell * 0.42), 'text-anchor': 'middle', 'dominant-baseline': 'central', fill: '#ffffff' });
      for (const e of m.entries) {
        const t = el('text', { x: 1 + e.col * cell + cell / 2, y: 1 + e.row * cell + cell / 2 });
        t.textContent = e.label;
        g2.append(t);
      }
      frag.append(g2);
    }
    this.highlight = el('rect', { fill: p.focus, 'fill-opacity': 0.18, stroke: p.focus, 'stroke-width': Math.max(1, cell / 6) });
    frag.append(this.highlight);
    this.svg.replaceChildren(frag);
    return true;
  }

  /** Highlights one row (side 'row') or column of the drawn matrix. */
  mark(side: 'row' | 'col', index: number): void {
    const m = this.matrix;
    if (!m || !this.highlight) return;
    const c = this.cell;
    if (side === 'row') {
      this.highlight.setAttribute('x', '1');
      this.highlight.setAttribute('y', String(1 + index * c));
      this.highlight.setAttribute('width', String(m.cols * c));
      this.highlight.setAttribute('height', String(c));
    } else {
      this.highlight.setAttribute('x', String(1 + index * c));
      this.highlight.setAttribute('y', '1');
      this.highlight.setAttribute('width', String(c));
      this.highlight.setAttribute('height', String(m.rows * c));
    }
    this.svg.dataset.markSide = side;
    this.svg.dataset.markIndex = String(index);
  }
}
