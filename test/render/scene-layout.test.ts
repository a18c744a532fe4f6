/**
 * The scene with frames built on demand (what the page's classic figure uses) draws exactly the
 * frames `sceneOf` builds up front, in any order of asking — the scatter view's running overlap
 * counts included, which depend on every earlier frame.
 */
import { describe, expect, it } from 'vitest';
import { sceneLayoutOf, sceneOf } from '../../src/render/scene-of.js';
import type { RenderOptions } from '../../src/render/options.js';
import { mergePolygons, primToSvg } from '../../src/render/svg.js';
import type { TraceInput } from '../../src/trace/types.js';

const cases: [string, TraceInput, RenderOptions][] = [
  ['direct classic, padded stride 2', { input: [5, 5], kernel: 3, stride: 2, padding: 1 }, { theme: 'classic' }],
  ['direct dilated, numeric', { input: [7, 7], kernel: 3, dilation: 2 }, { theme: 'flat', numeric: true }],
  ['transposed s2, direct view, Chinese', { input: [4, 4], kernel: 3, stride: 2, transposed: true, outputPadding: 1 }, { theme: 'classic', lang: 'zh' }],
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

describe('mergePolygons', () => {
  it('draws every polygon of the base as one subpath of a merged path, with the same points and paint, and every other primitive as is', () => {
    const scene = sceneOf({ input: [6, 6], kernel: 3, stride: 2, padding: 1, transposed: true }, { theme: 'classic' });
    const merged = mergePolygons(scene.base).map(primToSvg).join('');
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
});
