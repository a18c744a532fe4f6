/**
 * The tiny-call path: convs below TINY_MAX_MACS run in plain JS (src/engine/tiny.ts) and the
 * compute functions remember the last geometry (src/ops/geometry-memo.ts). Checks that the tiny
 * engine is bit-identical to the reference engine on random configurations, that a weight
 * mutated in place is used at once, and that the geometry memo never serves a stale geometry
 * (options/shape arrays mutated in place, getters) nor swallows an error.
 */
import { describe, expect, it } from 'vitest';
import { conv, conv2d, convTranspose, convTranspose2d, isConvError, type PaddingMode } from '../../src/index.js';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { macsOf, TINY_MAX_MACS, tinyConv } from '../../src/engine/tiny.js';
import { prod, randomData, relError, rng } from './helpers.js';

const MODES: PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

describe('tiny-call engine', () => {
  it('is bit-identical to the reference engine on random small configurations', () => {
    const r = rng(41);
    const ri = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
    let done = 0, tiny = 0;
    for (let attempt = 0; attempt < 3000 && done < 400; attempt++) {
      const rank = ri(1, 3);
      const transposed = r() < 0.4;
      const groups = ri(1, 2);
      const icg = ri(1, 2), ocg = ri(1, 2);
      const spatial = Array.from({ length: rank }, () => ri(1, 6));
      const kernel = Array.from({ length: rank }, () => ri(1, 3));
      const stride = ri(1, 3), dilation = ri(1, 2), padding = ri(0, 2);
      const batch = ri(0, 2);
      const inC = icg * groups;
      const weightShape = transposed ? [inC, ocg, ...kernel] : [ocg * groups, icg, ...kernel];
      const hasBias = r() < 0.5;
      const biasShape = hasBias ? [ocg * groups] : undefined;
      const shapes = { inputShape: [batch, inC, ...spatial], weightShape, biasShape };
      let g;
      try {
        g = transposed
          ? convTransposeGeometry(shapes, { stride, dilation, padding, groups, outputPadding: ri(0, stride - 1) })
          : convGeometry(shapes, { stride, dilation, padding, groups, paddingMode: MODES[ri(0, 3)] });
      } catch (e) {
        if (isConvError(e)) continue;
        throw e;
      }
      const x = randomData(prod(g.inputShape), r), w = randomData(prod(g.weightShape), r);
      const b = hasBias ? randomData(g.outChannels, r) : null;
      expect(tinyConv(g, x, w, b)).toEqual(referenceConv(g, x, w, b));
      done++;
      if (macsOf(g) <= TINY_MAX_MACS) tiny++;
    }
    expect(done).toBeGreaterThan(200);
    expect(tiny).toBeGreaterThan(100); // most of them are in the range 'auto' sends here
  });

  it("'auto' on a tiny conv equals 'reference' exactly, and a weight mutated in place is used at once", () => {
    const r = rng(42);
    const x = { shape: [1, 1, 5, 5], data: randomData(25, r) };
    const w = { shape: [1, 1, 3, 3], data: randomData(9, r) };
    const opts = { stride: 2, padding: 1 };
    const before = conv2d(x, w, opts);
    expect(before.shape).toEqual([1, 1, 3, 3]);
    expect(before.data).toEqual(conv2d(x, w, { ...opts, engine: 'reference' }).data);
    w.data[4] += 1; // centre tap: every output reads it
    const after = conv2d(x, w, opts);
    expect(after.data).toEqual(conv2d(x, w, { ...opts, engine: 'reference' }).data);
    for (let i = 0; i < 9; i++) expect(after.data[i]).not.toBe(before.data[i]);
  });
});

describe('geometry memo of the compute functions', () => {
  const r = rng(43);
  const x = { shape: [1, 2, 6, 6], data: randomData(72, r) };
  const w = { shape: [2, 2, 3, 3], data: randomData(36, r) };
  const ref = (xx: typeof x, ww: typeof w, o: Record<string, unknown>) => conv(xx, ww, { ...o, engine: 'reference' });

  it('follows options arrays and shapes mutated in place between calls', () => {
    const stride = [1, 1];
    const opts = { stride, padding: [[1, 1], [0, 0]] as [number, number][] };
    const a = conv2d(x, w, opts);
    expect(a.shape).toEqual([1, 2, 6, 4]);
    stride[1] = 2;
    const b = conv2d(x, w, opts);
    expect(b.shape).toEqual([1, 2, 6, 2]);
    expect(relError(b.data, ref(x, w, { stride: [1, 2], padding: [[1, 1], [0, 0]] }).data)).toBeLessThan(1e-5);
    opts.padding[1][1] = 2; // nested pair mutated in place
    const c = conv2d(x, w, opts);
    expect(c.shape).toEqual([1, 2, 6, 3]);
    expect(relError(c.data, ref(x, w, { stride: [1, 2], padding: [[1, 1], [0, 2]] }).data)).toBeLessThan(1e-5);
    // The same data seen through another shape: the shape array is re-read every call.
    const xs = { shape: [1, 2, 6, 6], data: x.data };
    conv2d(xs, w, { padding: 1 });
    xs.shape[2] = 4; xs.shape[3] = 9;
    const d = conv2d(xs, w, { padding: 1 });
    expect(d.shape).toEqual([1, 2, 4, 9]);
    expect(relError(d.data, ref(xs, w, { padding: 1 }).data)).toBeLessThan(1e-5);
  });

  it('still refuses what it refused, right after an accepted call with the same objects', () => {
    const opts: Record<string, unknown> = { padding: 1 };
    conv2d(x, w, opts);
    opts.padding = -1;
    expect(() => conv2d(x, w, opts)).toThrow(/padding cannot be negative/);
    opts.padding = 1;
    conv2d(x, w, opts);
    opts.stride = Number.NaN;
    expect(() => conv2d(x, w, opts)).toThrow(/stride must be an integer/);
    delete opts.stride;
    conv2d(x, w, opts);
    expect(() => conv2d(x, { shape: [2, 3, 3, 3], data: new Float32Array(54) }, opts)).toThrow(/expects 3 input channels/);
    expect(() => conv2d(x, w, { ...opts, bias: { shape: [3], data: new Float32Array(3) } })).toThrow(/bias/);
    expect(() => conv2d(x, w, { padding: [1, 1, 1] })).toThrow(/padding has 3 values/);
  });

  it('computes from the values it read, whatever a getter returns next', () => {
    let reads = 0;
    const opts = { get padding() { return reads++ % 2 === 0 ? 1 : 0; } };
    for (let i = 0; i < 4; i++) {
      const out = conv2d(x, w, opts);
      const p = out.shape[2] === 6 ? 1 : 0;
      expect(out.shape).toEqual([1, 2, 4 + 2 * p, 4 + 2 * p]);
      expect(relError(out.data, ref(x, w, { padding: p }).data)).toBeLessThan(1e-5);
    }
  });

  it('switches between direct and transposed, ranks and bias with the same shapes', () => {
    const w1 = { shape: [2, 2, 3, 3], data: w.data };
    const bias = { shape: [2], data: randomData(2, r) };
    const t = convTranspose2d(x, w1, { stride: 2 });
    expect(t.shape).toEqual([1, 2, 13, 13]);
    expect(relError(t.data, convTranspose(x, w1, { stride: 2, engine: 'reference' }).data)).toBeLessThan(1e-5);
    const d = conv2d(x, w1, { stride: 2 });
    expect(d.shape).toEqual([1, 2, 2, 2]);
    const db = conv2d(x, w1, { stride: 2, bias });
    expect(relError(db.data, ref(x, w1, { stride: 2, bias }).data)).toBeLessThan(1e-5);
    expect(db.data).not.toEqual(d.data);
  });
});
