/**
 * The fast engine against the reference engine on hundreds of random configurations: every
 * rank, direct and transposed, groups and depthwise, all padding modes, stride, dilation,
 * output padding, bias, batch — through the public API ('auto' vs 'reference') and through the
 * engine on one thread.
 */
import { describe, expect, it } from 'vitest';
import { conv, convTranspose, isConvError, type PaddingMode, type Tensor } from '../../src/index.js';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import { prod, randomData, relError, rng } from './helpers.js';

const MODES: PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

interface Case {
  transposed: boolean;
  x: Tensor;
  w: Tensor;
  bias: Tensor | null;
  options: Record<string, unknown>;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function randomCase(r: () => number): Case {
  const rank = pick(r, [1, 2, 2, 2, 3]);
  const transposed = r() < 0.35;
  const groups = pick(r, [1, 1, 1, 2, 3]);
  const depthwise = !transposed && r() < 0.2;
  const icg = depthwise ? 1 : int(r, 1, 4);
  const ocg = depthwise ? pick(r, [1, 2]) : int(r, 1, 7);
  const g = depthwise ? int(r, 1, 6) : groups;
  const ic = icg * g, oc = ocg * g;
  const maxIn = rank === 3 ? 6 : rank === 2 ? 12 : 24;
  const spatial = Array.from({ length: rank }, () => int(r, 1, maxIn));
  const kernel = Array.from({ length: rank }, () => int(r, 1, rank === 3 ? 3 : 5));
  const stride = Array.from({ length: rank }, () => pick(r, [1, 1, 2, 3]));
  const dilation = Array.from({ length: rank }, () => pick(r, [1, 1, 2]));
  const batch = pick(r, [0, 1, 2]);
  const xShape = batch === 0 ? [ic, ...spatial] : [batch, ic, ...spatial];
  const wShape = transposed ? [ic, ocg, ...kernel] : [oc, icg, ...kernel];
  const hasBias = r() < 0.6;
  const options: Record<string, unknown> = { stride, dilation, groups: g };
  if (transposed) {
    options.padding = kernel.map((k) => int(r, 0, k));
    options.outputPadding = stride.map((s, i) => int(r, 0, Math.max(s, dilation[i]) - 1));
  } else {
    options.padding = r() < 0.15 ? 'valid' : kernel.map((k) => int(r, 0, k));
    options.paddingMode = r() < 0.5 ? 'zeros' : pick(r, MODES);
  }
  return {
    transposed,
    x: { shape: xShape, data: randomData(prod(xShape), r) },
    w: { shape: wShape, data: randomData(prod(wShape), r) },
    bias: hasBias ? { shape: [oc], data: randomData(oc, r) } : null,
    options,
  };
}

describe('fast engine vs reference engine', () => {
  it('is loaded with SIMD in this runtime (run `npm run build:wasm` if not)', () => {
    expect(wasmEngine()).not.toBeNull();
  });

  it('agrees within 1e-4 of the output scale on 400 random valid configurations', () => {
    const r = rng(20261128);
    let valid = 0, tried = 0;
    const kinds = new Set<string>();
    while (valid < 400 && tried < 5000) {
      tried++;
      const c = randomCase(r);
      const op = c.transposed ? convTranspose : conv;
      let ref: Tensor;
      try {
        ref = op(c.x, c.w, { ...c.options, bias: c.bias, engine: 'reference' });
      } catch (e) {
        if (isConvError(e)) continue; // PyTorch would reject this configuration too
        throw e;
      }
      const fast = op(c.x, c.w, { ...c.options, bias: c.bias, engine: 'auto' });
      expect(fast.shape).toEqual(ref.shape);
      if (valid % 4 === 0) {
        // Forced onto both threads, however small: bitwise the same as one thread.
        const g = c.transposed
          ? convTransposeGeometry({ inputShape: c.x.shape, weightShape: c.w.shape, biasShape: c.bias?.shape }, c.options)
          : convGeometry({ inputShape: c.x.shape, weightShape: c.w.shape, biasShape: c.bias?.shape }, c.options);
        const e = wasmEngine()!;
        const b = c.bias ? c.bias.data : null;
        expect(e.conv(g, c.x.data, c.w.data, b, 2)).toEqual(e.conv(g, c.x.data, c.w.data, b, 1));
      }
      const err = relError(fast.data, ref.data);
      if (!(err <= 1e-4)) throw new Error(`mismatch ${err} for ${JSON.stringify({ t: c.transposed, x: c.x.shape, w: c.w.shape, o: c.options, b: !!c.bias })}`);
      kinds.add(`${c.transposed ? 'T' : 'D'}${c.x.shape.length}${(c.options.groups as number) > 1 ? 'g' : ''}${c.options.paddingMode ?? ''}`);
      valid++;
    }
    expect(valid).toBe(400);
    expect(kinds.size).toBeGreaterThan(20);
  });

  it('single-thread engine call equals the reference on realistic layer shapes', () => {
    const e = wasmEngine()!;
    const r = rng(7);
    const geoms = [
      convGeometry({ inputShape: [1, 32, 20, 21], weightShape: [24, 32, 3, 3], biasShape: [24] }, { padding: 1 }),
      convGeometry({ inputShape: [1, 40, 17, 19], weightShape: [36, 40, 3, 3] }, { padding: 2, dilation: 2, stride: 2 }),
      convGeometry({ inputShape: [2, 16, 15, 15], weightShape: [16, 1, 5, 5], biasShape: [16] }, { padding: 2, groups: 16, paddingMode: 'reflect' }),
      convTransposeGeometry({ inputShape: [1, 24, 9, 10], weightShape: [24, 20, 4, 4], biasShape: [20] }, { stride: 2, padding: 1 }),
      convTransposeGeometry({ inputShape: [1, 12, 8, 8], weightShape: [12, 8, 2, 2] }, { stride: 4 }), // empty phases: bias only
    ];
    for (const g of geoms) {
      const x = randomData(prod(g.inputShape), r), w = randomData(prod(g.weightShape), r);
      const b = g.hasBias ? randomData(g.outChannels, r) : null;
      expect(relError(e.conv(g, x, w, b, 1), referenceConv(g, x, w, b))).toBeLessThan(1e-4);
    }
  });
});
