/**
 * The scene with frames built on demand (what the page's classic figure uses) draws exactly the
 * frames `sceneOf` builds up front, in any order of asking — the scatter view's running overlap
 * counts included, which depend on every earlier frame.
 */
import { describe, expect, it } from 'vitest';
import { sceneLayoutOf, sceneOf } from '../../src/render/scene-of.js';
import type { RenderOptions } from '../../src/render/options.js';
import { mergeShapes, primToSvg } from '../../src/render/svg.js';
import type { PathPrim } from '../../src/render/svg.js';
import { dashOf } from '../../src/render/layout/common.js';
import type { LinePrim, Prim } from '../../src/render/scene.js';
import type { TraceInput } from '../../src/trace/types.js';

const cases: [string, TraceInput, RenderOptions][] = [
  ['direct classic, padded stride 2', { input: [5, 5], kernel: 3, stride: 2, padding: 1 }, { theme: 'classic' }],
  ['direct dilated, numeric', { input: [7, 7], kernel: 3, dilation: 2 }, { theme: 'flat', numeric: true }],
  ['transposed s2, direct view, Chinese', { input: [4, 4], kernel: 3, stride: 2, transposed: true, outputPadding: 1 }, { theme: 'classic', lang: 'zh' }],
  ['transposed s2, empty cells joined', { input: [3, 3], kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: 1 }, { emptyCells: 'joined' }],
  ['transposed s2, scatter view', { input: [3, 3], kernel: 3, stride: 2, transposed: true }, { view: 'scatter' }],
  ['transposed s2, scatter view, numeric', { input: [3, 3], kernel: 3, stride: 2, transposed: true }, { view: 'scatter', numeric: true }],
];

describe('sceneLayoutOf', () => {
  for (const [name, input, options] of cases) {
    it(`${name}: every frame equals sceneOf's, asked in order, backwards and at random`, () => {
      const full = sceneOf(input, options);
      const lazy = sceneLayoutOf(input, options);
      expect(lazy.frameCount).toBe(full.frames.length);
      expect(lazy.base).toEqual(full.base);
      expect([lazy.width, lazy.height, lazy.title, lazy.description]).toEqual([full.width, full.height, full.title, full.description]);
      const n = full.frames.length;
      const orders = [
        Array.from({ length: n }, (_, i) => i),
        Array.from({ length: n }, (_, i) => n - 1 - i),
        Array.from({ length: n }, (_, i) => (i * 7 + 3) % n),
      ];
      for (const order of orders) for (const f of order) expect(lazy.frame(f)).toEqual(full.frames[f]);
    });
  }

  it('refuses what sceneOf refuses (a grid too large to draw)', () => {
    expect(() => sceneLayoutOf({ input: [300, 300], kernel: 3 })).toThrow(/too large|cells|draw/i);
    expect(() => sceneOf({ input: [300, 300], kernel: 3 })).toThrow(/too large|cells|draw/i);
  });
});

describe('mergeShapes', () => {
  it('draws every polygon of the base as one subpath of a merged path, with the same points and paint, and every other primitive as is', () => {
    const scene = sceneOf({ input: [6, 6], kernel: 3, stride: 2, padding: 1, transposed: true }, { theme: 'classic' });
    const merged = mergeShapes(scene.base).map(primToSvg).join('');
    const plain = scene.base.map(primToSvg).join('');
    const polys = plain.match(/<polygon [^>]*>/g) ?? [];
    expect(polys.length).toBeGreaterThan(100);
    expect(merged).not.toContain('<polygon');
    const paths = merged.match(/<path [^>]*>/g) ?? [];
    // Far fewer elements, as many subpaths as polygons.
    expect(paths.length).toBeLessThan(polys.length / 10);
    expect(paths.join('').split('M').length - 1).toBe(polys.length);
    // Each polygon's corners and paint are in a path of that paint.
    for (const poly of polys) {
      const pts = /points="([^"]*)"/.exec(poly)![1].split(' ');
      const paint = poly.replace(/^<polygon points="[^"]*"/, '').replace(/\/>$/, '');
      const sub = `M${pts[0]} ${pts[1]}L${pts[2]} ${pts[3]}L${pts[4]} ${pts[5]}L${pts[6]} ${pts[7]}Z`;
      expect(paths.some((p: string) => p.includes(sub) && p.endsWith(`${paint}/>`)), poly).toBe(true);
    }
    // Texts and lines unchanged, in order.
    const others = (svg: string) => svg.replace(/<polygon [^>]*>|<path [^>]*>/g, '');
    expect(others(merged)).toBe(others(plain));
  });

  it('draws a run of lines as one path per paint, one subpath per line, and never puts a line and a polygon in one path', () => {
    // Tour step 13's layer, its empty cells joined: 200 edges, padding's and inserted zeros'.
    const s = sceneOf({ input: [4, 4], kernel: 4, stride: 2, padding: 1, transposed: true }, { emptyCells: 'joined' });
    const merged = mergeShapes(s.base);
    const drawn = s.base.filter((p): p is LinePrim => p.type === 'line');
    const edgePaths = merged.filter((p): p is PathPrim => p.type === 'path' && p.fill === undefined);
    // One path per dash (padding's and the inserted zeros'), in order of first appearance.
    expect(edgePaths.map((p) => p.dash)).toEqual([dashOf('padding'), dashOf('inserted')]);
    expect(edgePaths.reduce((n, p) => n + p.d.split('M').length - 1, 0)).toBe(drawn.length);
    const r = (v: number) => String(Math.round(v * 100) / 100);
    for (const l of drawn) {
      const path = edgePaths.find((p) => String(p.dash) === String(l.dash))!;
      expect(path.d).toContain(`M${r(l.x1)} ${r(l.y1)}L${r(l.x2)} ${r(l.y2)}`);
      expect([path.stroke, path.strokeWidth]).toEqual([l.stroke, l.strokeWidth]);
    }
    // Polygons' subpaths are closed, lines' are not: no path holds both.
    for (const p of merged) if (p.type === 'path') expect(p.d.split('M').filter(Boolean).map((sub) => sub.endsWith('Z')).every((z, _, all) => z === all[0])).toBe(true);
    expect(merged.some((p) => p.type === 'line')).toBe(false);
    // Lines with an opacity of their own stay lines.
    const faint: Prim = { type: 'line', x1: 0, y1: 0, x2: 1, y2: 1, stroke: [0, 0, 0], strokeWidth: 1, opacity: 0.5 };
    expect(mergeShapes([faint])).toEqual([faint]);
  });
});
