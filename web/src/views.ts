/**
 * The three synced grids (input plane, kernel, output) for the direct and scatter views, drawn
 * from the trace, with the current step's highlight and the hover/focus highlight.
 *
 * Who-connects-to-whom is read from the trace's frames (which the library built from the same
 * index maps as its engines), never computed here.
 */
import type { CellKind, DirectFrame, ScatterFrame } from '../../src/trace/index.js';
import { GridView } from './grid-view.js';
import type { CellStyle } from './grid-view.js';
import type { Palette } from './palette.js';
import { channelSlice } from './stage-scene.js';
import type { StageScene } from './stage-scene.js';
import { weightLabel } from '../../src/matrix/label.js';
import { cellText, isLine } from './line-layer.js';

export type Panel = 'grid' | 'kernel' | 'output';

/** Cells to highlight, per panel, as flat indices into that panel's grid. */
export interface Highlight {
  grid: number[];
  gridZero: number[];
  kernel: number[];
  output: number[];
}

const coord = (c: readonly number[]) => c.join(',');

/**
 * The stored weight's tap (row · kw + column) under kernel cell i. Scatter stamps the kernel as
 * stored; the direct view of a transposed conv slides it flipped, w₂₂ first, as the classic
 * figure draws it.
 */
export function kernelTapOf(scene: StageScene): (i: number) => number {
  const kw = scene.geometry.axes[1].kernel;
  const taps = scene.trace.kernel.taps;
  return (i) => (scene.scatter ? i : taps[i].weight[0] * kw + taps[i].weight[1]);
}

/**
 * What kernel cell i says: its weight's value when numbers are shown, its name (w₀₀ …) otherwise.
 * The names are there in every view, so the reader sees which way round the kernel is: tour part 9
 * says the scatter view stamps it as stored while the sliding view flips it, and blank cells
 * showed neither (review 51).
 */
export function kernelLabelOf(scene: StageScene): (i: number) => string {
  const tapOf = kernelTapOf(scene);
  const [kh, kw] = scene.trace.kernel.shape;
  const v = scene.values;
  const sl = channelSlice(scene);
  // A 1-D layer's weights have one index, as its Formula and Code write it: w₀ w₁ w₂ (line-layer.ts).
  const line = isLine(scene.state);
  return v ? (i) => String(v.w[sl.w + tapOf(i)]) : line ? (i) => weightLabel([tapOf(i) % kw], [kw]) : (i) => weightLabel([Math.floor(tapOf(i) / kw), tapOf(i) % kw], [kh, kw]);
}

function mix(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const ch = (p: number, s: number) => (p >> s) & 255;
  const m = (s: number) => Math.round(ch(pa, s) * (1 - t) + ch(pb, s) * t);
  return `#${((1 << 24) | (m(16) << 16) | (m(8) << 8) | m(0)).toString(16).slice(1)}`;
}

export class Views {
  readonly grid: GridView;
  readonly kernel: GridView;
  readonly output: GridView;
  scene: StageScene | null = null;
  palette: Palette | null = null;

  constructor(gridSvg: SVGSVGElement, kernelSvg: SVGSVGElement, outputSvg: SVGSVGElement) {
    this.grid = new GridView(gridSvg);
    this.kernel = new GridView(kernelSvg);
    this.output = new GridView(outputSvg);
  }

  get scatter(): boolean {
    return this.scene?.scatter != null;
  }

  frameCount(): number {
    const s = this.scene;
    if (!s) return 0;
    return s.scatter ? s.scatter.frames.length : s.direct!.frames.length;
  }

  /** Grid shape shown on the left: the equivalent direct conv's grid, or the plain input (scatter). */
  private gridShape(): [number, number] {
    const s = this.scene!;
    return s.scatter ? [s.geometry.axes[0].input, s.geometry.axes[1].input] : [s.trace.grid.shape[0], s.trace.grid.shape[1]];
  }

  /**
   * Takes the scene without drawing it: while another figure hides the grids, their base is not
   * drawn (a 32×32 input is thousands of cells); `drawBase` draws it when they are shown again.
   */
  adopt(scene: StageScene, palette: Palette): void {
    this.scene = scene;
    this.palette = palette;
  }

  /** Lays out and draws the base layer of every panel (a parameter change, theme or numbers). */
  drawBase(scene: StageScene, palette: Palette, maxPx: number): void {
    this.adopt(scene, palette);
    const p = palette;
    const g = scene.geometry;
    const [gr, gc] = this.gridShape();
    const [kh, kw] = scene.trace.kernel.shape;
    const [oh, ow] = [g.axes[0].output, g.axes[1].output];
    // One cell size for all three panels (so sizes compare at a glance), fitted to the largest.
    const cell = Math.max(6, Math.min(34, Math.floor(maxPx / Math.max(gr, gc, oh, ow, kh, kw, 1))));
    this.grid.layout(gr, gc, cell * Math.max(gr, gc), p.background, p.line, p.focus);
    // The kernel is small: never draw it with cells too small to point at.
    this.kernel.layout(kh, kw, Math.max(cell, 24) * Math.max(kh, kw), p.background, p.line, p.focus);
    this.output.layout(oh, ow, cell * Math.max(oh, ow), p.background, p.line, p.focus);

    const styles: Record<string, CellStyle> = {
      input: { fill: p.input },
      padding: { fill: p.padding, dashed: true },
      inserted: { fill: p.inserted, dashed: true },
      extra: { fill: p.extra, dashed: true },
      output: { fill: p.output },
      kernel: { fill: p.kernel },
    };
    const v = scene.values;
    const sl = channelSlice(scene);
    if (scene.scatter) {
      this.grid.drawBase(() => 'input', styles);
      this.grid.drawNumbers(v ? (i) => String(v.x[sl.x + i]) : null, () => p.input);
      // Overlap counts: shade by how many stamps write each output cell (the checkerboard).
      const overlap = scene.scatter.overlap;
      const max = Math.max(1, ...overlap);
      const shades: Record<string, CellStyle> = {};
      for (let c = 0; c <= max; c++) shades[`o${c}`] = { fill: c === 0 ? p.padding : mix(p.output, p.read, 0.15 + (0.6 * c) / max), dashed: c === 0 };
      this.output.drawBase((i) => `o${overlap[i]}`, shades);
      this.output.drawNumbers((i) => String(overlap[i]), (i) => shades[`o${overlap[i]}`].fill);
    } else {
      const cells = scene.trace.grid.cells;
      this.grid.drawBase((i) => cells[i].kind, styles);
      const W = g.axes[1].input;
      this.grid.drawNumbers(
        v ? (i) => { const inp = cells[i].input; return inp ? String(v.x[sl.x + inp[0] * W + inp[1]]) : null; } : null,
        (i) => styles[cells[i].kind].fill,
      );
      this.output.drawBase(() => 'output', styles);
      this.output.drawNumbers(v ? (i) => fmt(v.y[sl.y + i]) : null, () => p.output);
    }
    this.kernel.drawBase(() => 'kernel', styles);
    this.kernel.drawNumbers(kernelLabelOf(scene), () => p.kernel);
    for (const gv of [this.grid, this.kernel, this.output]) gv.clearOverlays();
  }

  /** Cells of step `f` (the animation's current frame). */
  stepHighlight(f: number): Highlight {
    const s = this.scene!;
    const h: Highlight = { grid: [], gridZero: [], kernel: [], output: [] };
    if (s.scatter) {
      const fr = s.scatter.frames[f];
      if (!fr) return h;
      h.grid.push(fr.input[0] * s.geometry.axes[1].input + fr.input[1]);
      for (const tp of fr.taps) if (tp.output) h.output.push(this.outIndex(tp.output));
      h.kernel = s.trace.kernel.taps.map((_, i) => i);
      return h;
    }
    const fr = s.direct!.frames[f];
    if (!fr) return h;
    for (const tp of fr.taps) {
      const gi = tp.grid[0] * s.trace.grid.shape[1] + tp.grid[1];
      (tp.input ? h.grid : h.gridZero).push(gi);
    }
    h.kernel = s.trace.kernel.taps.map((_, i) => i);
    h.output.push(f);
    return h;
  }

  private outIndex(o: readonly number[]): number {
    return o[0] * this.scene!.geometry.axes[1].output + o[1];
  }

  /** What the hovered / focused cell of `panel` connects to (and a sentence saying so). */
  hoverHighlight(panel: Panel, cell: number): { h: Highlight; kind: 'output' | 'input' | 'zero' | 'weight' | 'overlap'; count: number; cells: string[]; zeroKind?: CellKind } {
    const s = this.scene!;
    const h: Highlight = { grid: [], gridZero: [], kernel: [], output: [] };
    const gW = s.scatter ? s.geometry.axes[1].input : s.trace.grid.shape[1];
    const gridOf = (c: readonly number[]) => c[0] * gW + c[1];
    if (s.scatter) {
      const frames: ScatterFrame[] = s.scatter.frames;
      if (panel === 'grid') {
        h.grid.push(cell);
        for (const tp of frames[cell].taps) if (tp.output) h.output.push(this.outIndex(tp.output));
        return { h, kind: 'input', count: new Set(h.output).size, cells: [] };
      }
      if (panel === 'output') {
        h.output.push(cell);
        let n = 0;
        for (const fr of frames) for (const tp of fr.taps) if (tp.output && this.outIndex(tp.output) === cell) { h.grid.push(gridOf(fr.input)); n++; }
        return { h, kind: 'overlap', count: n, cells: [] };
      }
      const kw = s.geometry.axes[1].kernel;
      const k = [Math.floor(cell / kw), cell % kw];
      h.kernel.push(cell);
      let n = 0;
      for (const fr of frames) for (const tp of fr.taps) if (tp.output && tp.kernel[0] === k[0] && tp.kernel[1] === k[1]) { h.grid.push(gridOf(fr.input)); h.output.push(this.outIndex(tp.output)); n++; }
      return { h, kind: 'weight', count: n, cells: [] };
    }
    const frames: DirectFrame[] = s.direct!.frames;
    if (panel === 'output') {
      const fr = frames[cell];
      h.output.push(cell);
      const cells: string[] = [];
      for (const tp of fr.taps) {
        if (tp.input) { h.grid.push(gridOf(tp.grid)); cells.push(`(${cellText(s.state, tp.input)})`); }
        else h.gridZero.push(gridOf(tp.grid));
      }
      return { h, kind: 'output', count: cells.length, cells };
    }
    if (panel === 'grid') {
      const c = s.trace.grid.cells[cell];
      h.grid.push(cell);
      if (!c.input) return { h, kind: 'zero', count: 0, cells: [], zeroKind: c.kind };
      // Compared as numbers: a string per tap made pointer moves over a 32×32 grid cost milliseconds.
      const [w0, w1] = c.input;
      frames.forEach((fr, o) => {
        if (fr.taps.some((tp) => tp.input !== null && tp.input[0] === w0 && tp.input[1] === w1)) h.output.push(o);
      });
      return { h, kind: 'input', count: h.output.length, cells: [] };
    }
    h.kernel.push(cell);
    let n = 0;
    frames.forEach((fr, o) => {
      const tp = fr.taps[cell];
      if (tp && tp.input) { h.grid.push(gridOf(tp.grid)); h.output.push(o); n++; }
    });
    return { h, kind: 'weight', count: n, cells: [] };
  }

  /** Draws the step highlight and (on top) the hover highlight. */
  paint(step: Highlight, hover: Highlight | null, frame: number): void {
    const p = this.palette!;
    const s = this.scene!;
    this.grid.overlay('step', step.grid, { fill: p.read, fillOpacity: 0.55, stroke: p.read, strokeWidth: 2 }, 1);
    this.grid.overlay('step-zero', step.gridZero, { fill: p.zero, fillOpacity: 0.35, stroke: p.read, strokeWidth: 2 }, 1);
    const doneCells: number[] = [];
    if (!s.scatter) for (let i = 0; i < frame; i++) doneCells.push(i);
    this.output.overlay('done', doneCells, { fill: p.done, fillOpacity: 0.7 });
    this.output.overlay('step', step.output, { fill: p.current, fillOpacity: s.scatter ? 0.55 : 0.85, stroke: p.current, strokeWidth: 2 }, 1);
    const hv = hover ?? { grid: [], gridZero: [], kernel: [], output: [] };
    const hs = { fill: p.focus, fillOpacity: 0.3, stroke: p.focus, strokeWidth: 2.5 };
    this.grid.overlay('hover', [...hv.grid, ...hv.gridZero], hs, 2);
    this.kernel.overlay('hover', hv.kernel, hs, 2);
    this.output.overlay('hover', hv.output, hs, 2);
    // Machine-readable copies of the highlights (layer coordinates), for tests and tooling.
    const gridCoords = (list: number[]) => this.gridCoords(list);
    const outCoords = (list: number[]) => list.map((i) => `${Math.floor(i / s.geometry.axes[1].output)},${i % s.geometry.axes[1].output}`);
    const kCoords = (list: number[]) => list.map((i) => `${Math.floor(i / s.geometry.axes[1].kernel)},${i % s.geometry.axes[1].kernel}`);
    setData(this.grid.svg, 'step', gridCoords(step.grid));
    setData(this.output.svg, 'step', outCoords(step.output));
    setData(this.grid.svg, 'hover', gridCoords(hv.grid));
    setData(this.output.svg, 'hover', outCoords(hv.output));
    setData(this.kernel.svg, 'hover', kCoords(hv.kernel));
  }

  /** Input coordinates of grid cells (input cells only; zeros have none). */
  private gridCoords(list: number[]): string[] {
    const s = this.scene!;
    if (s.scatter) {
      const W = s.geometry.axes[1].input;
      return list.map((i) => `${Math.floor(i / W)},${i % W}`);
    }
    const out: string[] = [];
    for (const i of list) {
      const inp = s.trace.grid.cells[i]?.input;
      if (inp) out.push(coord(inp));
    }
    return out;
  }
}

function setData(svg: SVGSVGElement, name: string, cells: string[]): void {
  const v = [...new Set(cells)].sort(compareCoords).join(';');
  if (svg.dataset[name] !== v) svg.dataset[name] = v;
}

function compareCoords(a: string, b: string): number {
  const pa = a.split(',').map(Number);
  const pb = b.split(',').map(Number);
  return pa[0] - pb[0] || pa[1] - pb[1];
}

export function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
