import { describe, expect, it } from 'vitest';
import { CLASSIC_FIGURES, classicSpec, galleryEntries, sceneOf } from '../../src/render/index.js';
import { trace } from '../../src/trace/index.js';
import { REFERENCE_FIGURES } from '../fixtures/reference/figures.js';


describe('classic figures', () => {
  it('match the reference list (names, parameters, frame counts)', () => {
    const ref = REFERENCE_FIGURES;
    expect(CLASSIC_FIGURES.map((f) => f.name)).toEqual(ref.map((r) => r.name));
    for (const [n, r] of ref.entries()) {
      const f = CLASSIC_FIGURES[n];
      expect({ i: f.i, k: f.k, s: f.s, p: f.p, d: f.d, transposed: f.transposed, frames: f.frames }).toEqual({ i: r.i, k: r.k, s: r.s, p: r.p, d: r.d, transposed: r.transposed, frames: r.frames });
      const eq = r.equivalent_direct;
      if (eq) expect(f.a).toBe(eq.a);
    }
  });

  it('each drawn figure has the classic frame count, and the transposed ones the classic grid', () => {
    for (const f of CLASSIC_FIGURES) {
      const tr = trace(classicSpec(f));
      expect(tr.frames.length, f.name).toBe(f.frames);
      if (f.transposed) {
        // The grid the classic figures draw: ĩ′ + 2p′ + a, window of k cells, o′ outputs.
        const o = Math.floor((f.i + 2 * f.p - f.k) / f.s) + 1;
        const iTilde = o + (f.s - 1) * (o - 1);
        const pPrime = f.k - f.p - 1;
        expect(tr.grid.shape[0], f.name).toBe(iTilde + 2 * pPrime + (f.a ?? 0));
        expect(tr.inputShape[0], f.name).toBe(o);
        expect(tr.outputShape[0], f.name).toBe(f.i);
      }
    }
  });

  it('every gallery entry builds a scene', () => {
    for (const e of galleryEntries()) {
      if (e.kind !== 'animation') continue;
      const s = sceneOf(e.spec, e.options);
      expect(s.frames.length).toBeGreaterThan(0);
      expect(s.width).toBeLessThan(1000);
    }
  });
});
