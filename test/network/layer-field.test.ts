import { describe, expect, it } from 'vitest';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import type { AxisGeometry, ConvGeometry } from '../../src/geometry/types.js';
import { conv1d, convTranspose1d } from '../../src/ops/conv.js';
import { tensor } from '../../src/tensor/tensor.js';
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import { layerField } from '../../src/network/layer-field.js';
import { pick, rng } from './random-nets.js';

/**
 * Brute force, independent of the network analysis, one axis at a time (the field is separable):
 * the axis as a 1-D layer over a long input on the reference engine, all weights 1, a one-hot
 * input per cell; an output depends on a cell exactly when it became non-zero (every term is
 * non-negative). Only the middle third of the outputs counts: the field is that of an output the
 * input's border does not cut, as in the guide.
 */
const LONG = 60;
function bruteAxis(a: AxisGeometry): { max: number; min: number; dead: boolean } {
  const w = tensor(new Float32Array(a.kernel).fill(1), [1, 1, a.kernel]);
  const options = { stride: a.stride, dilation: a.dilation, padding: [paddingArgument(a)], engine: 'reference' as const };
  const reads: number[][] = [];
  for (let i = 0; i < LONG; i++) {
    const x = new Float32Array(LONG);
    x[i] = 1;
    const xt = tensor(x, [1, 1, LONG]);
    const y = a.transposed ? convTranspose1d(xt, w, { ...options, outputPadding: a.outputPadding }) : conv1d(xt, w, options);
    y.data.forEach((v, o) => {
      if (v !== 0) (reads[o] ??= []).push(i);
    });
  }
  const n = a.transposed ? (LONG - 1) * a.stride + 1 : Math.floor((LONG - 1) / a.stride) + 1;
  const middle = Array.from({ length: Math.floor(n / 3) }, (_, j) => Math.floor(n / 3) + j);
  const spans = middle.filter((o) => reads[o]).map((o) => Math.max(...reads[o]) - Math.min(...reads[o]) + 1);
  return { max: Math.max(...spans), min: Math.min(...spans), dead: spans.length < middle.length };
}

function bruteField(g: ConvGeometry): { max: number[]; min: number[]; dead: boolean } {
  const axes = g.axes.map(bruteAxis);
  return { max: axes.map((a) => a.max), min: axes.map((a) => a.min), dead: axes.some((a) => a.dead) };
}

describe('layerField: one layer\'s receptive field', () => {
  it('refuses what is not a resolved geometry, saying what it takes', () => {
    for (const bad of [undefined, { stride: 2 }, [3, 3]]) {
      expect(() => layerField(bad as never)).toThrow(/^layerField takes a convolution's geometry, but got /);
    }
  });

  it('a 3×3 conv reads 3 × 3 cells; dilation 2 spans 5 × 5 with holes', () => {
    const g = convGeometry({ inputShape: [1, 1, 7, 7], weightShape: [1, 1, 3, 3] }, { padding: 1 });
    expect(layerField(g)).toEqual({ max: [3, 3], min: [3, 3], dead: false });
    const d = convGeometry({ inputShape: [1, 1, 9, 9], weightShape: [1, 1, 3, 3] }, { dilation: 2 });
    expect(layerField(d)).toEqual({ max: [5, 5], min: [5, 5], dead: false });
  });

  it('a transposed 3×3 stride-2 layer: its outputs read 2 or 1 input cells per axis, not 3', () => {
    const g = convTransposeGeometry({ inputShape: [1, 1, 4, 4], weightShape: [1, 1, 3, 3] }, { stride: 2, padding: 1, outputPadding: 1 });
    expect(layerField(g)).toEqual({ max: [2, 2], min: [1, 1], dead: false });
  });

  it('a transposed layer whose stride and dilation share a factor leaves outputs that read nothing', () => {
    const g = convTransposeGeometry({ inputShape: [1, 1, 4, 4], weightShape: [1, 1, 2, 2] }, { stride: 2, dilation: 2 });
    expect(layerField(g).dead).toBe(true);
  });

  it('equals brute force on 150 random 2-D layers (direct and transposed, asymmetric and "same" padding, dilation): outputs the border does not cut', () => {
    const r = rng(33);
    let transposed = 0, phased = 0, dead = 0;
    for (let i = 0; i < 150; i++) {
      const k = [pick(r, 1, 4), pick(r, 1, 4)];
      const s = [pick(r, 1, 3), pick(r, 1, 3)];
      const d = [pick(r, 1, 3), pick(r, 1, 3)];
      const n = [pick(r, 3, 8), pick(r, 3, 8)];
      let g: ConvGeometry;
      try {
        if (r() < 0.5) {
          const same = r() < 0.2 && s[0] === 1 && s[1] === 1;
          const padding = same ? 'same' as const : [[pick(r, 0, 2), pick(r, 0, 2)], [pick(r, 0, 2), pick(r, 0, 2)]] as [number, number][];
          g = convGeometry({ inputShape: [1, 1, ...n], weightShape: [1, 1, ...k] }, { stride: s, dilation: d, padding });
        } else {
          const op = s.map((si, a) => pick(r, 0, Math.max(0, Math.max(si, d[a]) - 1)));
          g = convTransposeGeometry({ inputShape: [1, 1, ...n], weightShape: [1, 1, ...k] }, { stride: s, dilation: d, padding: [pick(r, 0, 1), pick(r, 0, 1)], outputPadding: op });
        }
      } catch {
        continue; // refused by the geometry (output too small, output padding too large): not a layer
      }
      const got = layerField(g);
      expect(got, JSON.stringify(g.axes)).toEqual(bruteField(g));
      if (g.transposed) transposed++;
      if (got.max.some((m, a) => m !== got.min[a])) phased++;
      if (got.dead) dead++;
    }
    expect(transposed).toBeGreaterThan(30);
    expect(phased).toBeGreaterThan(10);
    expect(dead).toBeGreaterThan(0);
  });
});
