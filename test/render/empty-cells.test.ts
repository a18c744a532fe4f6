/**
 * The `emptyCells` render option. 'apart' (the default) outlines each empty cell (padding, inserted
 * zeros, output padding `a`) on its own, inset; 'joined' draws each edge between cells once, from
 * the trace's cell kinds and the renderer's own plane, and tints the `a` cells and their legend
 * swatch with the output's colour. Every format draws the same scene, so the SVG, the PNG and the
 * playground's figure (which asks for 'joined') show the same lines.
 */
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { label } from '../../src/render/labels.js';
import { dashOf, rc } from '../../src/render/layout/common.js';
import { point } from '../../src/render/layout/plane.js';
import type { Plane } from '../../src/render/layout/plane.js';
import { palette } from '../../src/render/palette.js';
import { drawFrame } from '../../src/render/raster/draw.js';
import { textInk, textWidth } from '../../src/render/raster/font.js';
import { renderPng, renderSvg, sceneOf } from '../../src/render/index.js';
import type { RenderOptions } from '../../src/render/options.js';
import type { LinePrim, Prim, Scene } from '../../src/render/scene.js';
import { trace } from '../../src/trace/trace.js';
import type { CellKind, TraceInput } from '../../src/trace/types.js';
import { refusal } from '../support/refusal.js';

const pal = palette('default');

const cases: [string, TraceInput][] = [
  // Tour step 13: an 11×11 grid whose 16 input cells touch only empty ones: 264 edges, less the
  // input cells' 64, leave 200; cells outlined apart drew 105 × 4 = 420.
  ['transposed k4 s2 p1 (tour 13)', { input: [4, 4], kernel: 4, stride: 2, padding: 1, transposed: true }],
  // Tour step 10: the output padding's `a` row and column.
  ['transposed k3 s2 p1 a1 (tour 10)', { input: [3, 3], kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true }],
  ['padded, strided', { input: [5, 5], kernel: 3, stride: 2, padding: 1 }],
  ['1-D transposed, stride 3', { input: 4, kernel: 3, stride: 3, transposed: true, outputPadding: 2 }],
  ['asymmetric padding', { input: [4, 6], kernel: [2, 3], padding: [[0, 2], [1, 0]] }],
];

const lines = (s: Scene): LinePrim[] => s.base.filter((p): p is LinePrim => p.type === 'line');
const key = (x: number, y: number) => `${x.toFixed(3)},${y.toFixed(3)}`;

/**
 * The edges a joined grid must draw, worked out here from the trace alone: every edge of an empty
 * cell whose other side is not an input cell, with the dash of an inserted zero where one is on
 * either side, as corner pairs of the grid's plane.
 */
function expectedEdges(input: TraceInput, plane: Plane): Map<string, readonly [number, number]> {
  const tr = trace(input);
  const kind = new Map<string, CellKind>();
  for (const c of tr.grid.cells) kind.set(rc(c.grid).join(), c.kind);
  const out = new Map<string, readonly [number, number]>();
  for (const c of tr.grid.cells) {
    if (c.kind === 'input') continue;
    const [r, col] = rc(c.grid);
    for (const [nr, nc, a, b] of [
      [r - 1, col, [r, col], [r, col + 1]],
      [r + 1, col, [r + 1, col], [r + 1, col + 1]],
      [r, col - 1, [r, col], [r + 1, col]],
      [r, col + 1, [r, col + 1], [r + 1, col + 1]],
    ] as [number, number, [number, number], [number, number]][]) {
      const other = kind.get([nr, nc].join());
      if (other === 'input') continue;
      const ends = [key(...point(plane, ...a)), key(...point(plane, ...b))].sort().join(' ');
      out.set(ends, dashOf(c.kind === 'inserted' || other === 'inserted' ? 'inserted' : 'padding'));
    }
  }
  return out;
}

describe("emptyCells: 'joined'", () => {
  for (const [name, input] of cases) {
    it(`${name}: draws each edge of the empty cells once, none an input cell's, with the dash of the cells it parts`, () => {
      const apart = sceneOf(input);
      const joined = sceneOf(input, { emptyCells: 'joined' });
      const plane = joined.planes!.grid!;
      const drawn = lines(joined);
      const edges = new Map<string, readonly [number, number]>();
      for (const l of drawn) {
        const ends = [key(l.x1, l.y1), key(l.x2, l.y2)].sort().join(' ');
        // Once each: no edge is drawn twice.
        expect(edges.has(ends), ends).toBe(false);
        edges.set(ends, l.dash!);
        expect([l.stroke, l.strokeWidth]).toEqual([pal.dashed, 1]);
      }
      expect(edges).toEqual(expectedEdges(input, plane));
      // No empty cell keeps its own inset outline; the apart picture had one per empty cell.
      const outlines = (s: Scene) => s.base.filter((p) => p.type === 'poly' && p.dash !== undefined);
      expect(outlines(joined)).toEqual([]);
      const empty = trace(input).grid.cells.filter((c) => c.kind !== 'input').length;
      expect(outlines(apart).length).toBe(empty);
      // The edges meet at the cells' corners: every end of one is an end of another, or a corner of
      // an input cell, whose solid outline goes on from there (outlines inset apart had four ends
      // of their own, none on a corner).
      const ends = new Map<string, number>();
      for (const l of drawn) for (const e of [key(l.x1, l.y1), key(l.x2, l.y2)]) ends.set(e, (ends.get(e) ?? 0) + 1);
      const inputCorners = new Set(trace(input).grid.cells.filter((c) => c.kind === 'input').flatMap((c) => {
        const [r, col] = rc(c.grid);
        return [[r, col], [r, col + 1], [r + 1, col], [r + 1, col + 1]].map(([a, b]) => key(...point(plane, a, b)));
      }));
      expect([...ends].filter(([e, n]) => n < 2 && !inputCorners.has(e))).toEqual([]);
      // The rest of the picture (size, text, the frames) is the same.
      expect([joined.width, joined.height, joined.title, joined.description]).toEqual([apart.width, apart.height, apart.title, apart.description]);
      expect(joined.frames).toEqual(apart.frames);
      expect(joined.base.filter((p) => p.type === 'text')).toEqual(apart.base.filter((p) => p.type === 'text'));
    });
  }

  it('tour 13: 200 edges, where cells outlined apart drew 420 lines', () => {
    expect(lines(sceneOf(cases[0][1], { emptyCells: 'joined' })).length).toBe(200);
  });

  it("fills the output padding's `a` cells and the legend's `a` swatch with the palette's `extra` (the page grids' colour for `a`), in both languages", () => {
    for (const lang of ['en', 'zh'] as const) {
      const input = cases[1][1];
      const s = sceneOf(input, { emptyCells: 'joined', lang });
      const tinted = s.base.filter((p) => p.type !== 'text' && p.type !== 'line' && 'fill' in p && p.fill === pal.extra);
      const cells = tinted.filter((p) => p.type === 'poly');
      // An 8×8 grid whose last row and column are `a`.
      expect(cells.length).toBe(15);
      for (const p of cells) expect(p.type === 'poly' && [p.fill, p.fillOpacity, p.stroke, p.dash]).toEqual([pal.extra, undefined, undefined, undefined]);
      // Each tint is a whole `a` cell of the grid (not inset), and the `a` printed in it comes after it.
      const plane = s.planes!.grid!;
      const extra = trace(input).grid.cells.filter((c) => c.kind === 'extra').map((c) => rc(c.grid));
      const corners = (p: Prim) => (p.type === 'poly' ? p.points.map((v) => v.toFixed(3)).join(' ') : '');
      expect(new Set(cells.map(corners))).toEqual(new Set(extra.map(([r, c]) => [point(plane, r, c), point(plane, r, c + 1), point(plane, r + 1, c + 1), point(plane, r + 1, c)].flat().map((v) => v.toFixed(3)).join(' '))));
      for (const p of cells) expect(s.base[s.base.indexOf(p) + 1]).toMatchObject({ type: 'text', text: 'a' });
      // The legend's swatch: the dashed square before its words, tinted; padding's not, the
      // inserted zeros' grey as their cells (inserted-zeros44).
      const swatchOf = (key: 'legendPadding' | 'legendInserted' | 'legendExtra') => s.base[s.base.findIndex((p) => p.type === 'text' && p.text === label(lang, key)) - 1];
      const swatch = swatchOf('legendExtra');
      expect(swatch.type).toBe('rect');
      expect(swatch).toMatchObject({ fill: pal.extra, dash: dashOf('extra') });
      expect(s.base.filter((p) => p.type === 'rect' && p.dash).length).toBe(3);
      expect(swatchOf('legendPadding')).toMatchObject({ type: 'rect', dash: dashOf('padding') });
      const padding = swatchOf('legendPadding');
      expect(padding.type === 'rect' && padding.fill).toBeUndefined();
      expect(swatchOf('legendInserted')).toMatchObject({ type: 'rect', fill: pal.inserted, dash: dashOf('inserted') });
      // Apart: no tint anywhere.
      expect(sceneOf(input, { lang }).base.some((p) => p.type !== 'text' && p.type !== 'line' && 'fill' in p && p.fill === pal.extra)).toBe(false);
    }
  });

  it('takes the colour-blind palette’s `extra` for the `a` cells, and prints no `a` where the cell is too small for it', () => {
    const cb = palette('colorblind');
    const s = sceneOf({ input: [12, 12], kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true }, { emptyCells: 'joined', palette: 'colorblind' });
    const tints = s.base.filter((p) => p.type === 'poly' && p.fill === cb.extra);
    expect(tints.length).toBe(2 * 26 - 1);
    expect(s.base.some((p) => p.type === 'text' && p.text === 'a')).toBe(false);
  });

  it('prints the `a` wherever its letter fits inside the cell with room all round, at any textScale: the phone tour draws part 10 at 2.45', () => {
    // A point inside a convex polygon given clockwise or anticlockwise.
    const inside = (pts: readonly number[], x: number, y: number) => {
      const n = pts.length / 2;
      const sides = new Set<boolean>();
      for (let i = 0; i < n; i++) {
        const [x0, y0, x1, y1] = [pts[2 * i], pts[2 * i + 1], pts[(2 * i + 2) % pts.length], pts[(2 * i + 3) % pts.length]];
        sides.add((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) > 0);
      }
      return sides.size === 1;
    };
    for (const t of [1, 1.5, 2.45, 2.8]) {
      const s = sceneOf(cases[1][1], { emptyCells: 'joined', textScale: t });
      const marks = s.base.flatMap((p, i) => (p.type === 'text' && p.text === 'a' ? [[p, s.base[i - 1]] as const] : []));
      // Every `a` cell of this 8×8 grid holds its letter at these sizes (a rule that asked for a
      // cell twice the text size dropped them all from 2.05 up, the phone's text scale).
      expect(marks.length, `textScale ${t}`).toBe(15);
      for (const [p, cell] of marks) {
        if (p.type !== 'text' || cell.type !== 'poly') throw new Error('an `a` follows its cell');
        const w = textWidth('a', p.size), ink = textInk('a', p.size);
        for (const [x, y] of [[p.x - w / 2, p.y + ink.top], [p.x + w / 2, p.y + ink.top], [p.x - w / 2, p.y + ink.bottom], [p.x + w / 2, p.y + ink.bottom]]) {
          expect(inside(cell.points, x, y), `textScale ${t}: the a at ${p.x.toFixed(1)},${p.y.toFixed(1)}`).toBe(true);
        }
      }
    }
  });

  it('changes nothing where the grid has no empty cells, nor in the scatter view', () => {
    for (const [input, o] of [
      [{ input: [5, 5], kernel: 3 }, {}],
      [{ input: [3, 3], kernel: 3, stride: 2, transposed: true }, { view: 'scatter' }],
      [{ input: [3, 3], kernel: 3, stride: 2, transposed: true, outputPadding: 1 }, { view: 'scatter', numeric: true }],
    ] as [TraceInput, RenderOptions][]) {
      expect(sceneOf(input, { ...o, emptyCells: 'joined' })).toEqual(sceneOf(input, o));
    }
  });

  it("is not the default: no option, and 'apart', draw what they drew", () => {
    const input = cases[1][1];
    expect(sceneOf(input, { emptyCells: 'apart' })).toEqual(sceneOf(input));
    expect(renderSvg(input, { emptyCells: 'apart', frame: 3 })).toBe(renderSvg(input, { frame: 3 }));
    expect(lines(sceneOf(input))).toEqual([]);
  });

  it('draws the same in the flat and numeric pictures, and in the PNG: the `a` cells filled, the edges dashed', () => {
    const input = cases[1][1];
    for (const o of [{ theme: 'flat' }, { numeric: true }] as RenderOptions[]) {
      const s = sceneOf(input, { ...o, emptyCells: 'joined' });
      expect(s.planes!.grid!.skew).toBe(0);
      expect(new Map(lines(s).map((l) => [[key(l.x1, l.y1), key(l.x2, l.y2)].sort().join(' '), l.dash!]))).toEqual(expectedEdges(input, s.planes!.grid!));
    }
    const s = sceneOf(input, { emptyCells: 'joined' });
    const img = drawFrame(s, 0);
    const plane = s.planes!.grid!;
    const at = (x: number, y: number) => {
      const i = (Math.round(y) * s.width + Math.round(x)) * 3;
      return [img.data[i], img.data[i + 1], img.data[i + 2]];
    };
    // The bottom-left `a` cell, 0.3 of a cell in from its corner (away from its `a` and its edges).
    const [r, c] = [7, 0];
    const [x, y] = point(plane, r + 0.3, c + 0.3);
    const want = pal.extra;
    for (let k = 0; k < 3; k++) expect(Math.abs(at(x, y)[k] - want[k])).toBeLessThanOrEqual(1);
    // The edge between the two padding cells (0, 0) and (1, 0), in its first dash: of the pixel
    // rows about it, the nearest to the dashed colour is at least halfway there from the background.
    const [x1, y1] = point(plane, 1, 0.05);
    const dist = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, k) => Math.abs(v - b[k])));
    const nearest = Math.min(...[-1, 0, 1].map((d) => dist(at(x1, Math.floor(y1) + d), pal.dashed)));
    expect(nearest).toBeLessThanOrEqual(dist(pal.background, pal.dashed) / 2 + 2);
    // The PNG is these pixels.
    const png = decode(renderPng(input, { emptyCells: 'joined' }));
    expect([png.width, png.height]).toEqual([s.width, s.height]);
    const rgb = Uint8Array.from({ length: s.width * s.height * 3 }, (_, k) => png.data[Math.floor(k / 3) * png.channels + (k % 3)]);
    expect(Buffer.from(rgb).equals(Buffer.from(img.data))).toBe(true);
  });
});

describe('the emptyCells option', () => {
  it("refuses a value other than 'apart' or 'joined', as the other render options do", () => {
    for (const [bad, shown] of [['join', '"join"'], [true, 'true'], [1, '1'], ['', '""'], [['joined'], '["joined"]']] as [unknown, string][]) {
      const e = refusal(() => renderSvg({ input: [5, 5], kernel: 3, padding: 1 }, { emptyCells: bad as never }));
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.message).toBe(`emptyCells must be one of 'apart', 'joined', but got ${shown}; use emptyCells: 'apart'`);
      expect(e.hint).toBe("use emptyCells: 'apart'");
    }
    // Left out, it is the default.
    expect(renderSvg({ input: 4, kernel: 3 }, { emptyCells: undefined })).toBe(renderSvg({ input: 4, kernel: 3 }));
  });

  it('is refused misspelt, and among the convolution’s options, naming where it goes', () => {
    const cfg = { input: [5, 5], kernel: 3, padding: 1 };
    expect(refusal(() => renderSvg(cfg, { emptyCell: 'joined' } as never)).message).toMatch(/^unknown render option "emptyCell"; did you mean emptyCells\?/);
    expect(refusal(() => renderSvg({ ...cfg, emptyCells: 'joined' } as never)).message).toBe(
      '"emptyCells" is a render option; pass it in renderSvg\'s second argument (renderSvg(config, { emptyCells }))',
    );
  });
});
