/**
 * The learning study's arithmetic at the edge of float32 (web/src/image/learn.ts): a run computes
 * in a power-of-two unit of its target, so its loss and gradients stay finite for any target a
 * kernel cell takes up to LARGEST_TARGET (in plain float32 the gradient for the input overflowed
 * from a weight of about 1e21, and its gap became NaN); beyond that it is refused, and a run whose
 * numbers overflow anyway stops there and is never said to have learned its target.
 */
import { describe, expect, it } from 'vitest';
import { convBackward } from '../../src/ops/backward.js';
import { conv2d } from '../../src/ops/conv.js';
import { tensor } from '../../src/tensor/tensor.js';
import { builtin } from '../../web/src/image/builtins.js';
import { presetKernel } from '../../web/src/image/kernels.js';
import { LARGEST_TARGET, LEARN_OPTIONS, evaluate, kernelGap, learned, lossOf, startLearning, step, targetTooLarge } from '../../web/src/image/learn.js';
import type { LearnState } from '../../web/src/image/learn.js';
import type { Picture } from '../../web/src/image/picture.js';
import { pictureTensor, toGrey } from '../../web/src/image/picture.js';
import { shrinkToFit } from '../../web/src/image/resize.js';

const card = () => shrinkToFit(builtin('card'), 128);
const sobel = Array.from(presetKernel('sobelX', 3, 3));
/** Sobel x with its top-left weight typed over, as the student did. */
const corner = (v: number) => [v, ...sobel.slice(1)];

function allFinite(s: LearnState): boolean {
  const arrays = [s.w, s.prediction!.data, s.error!.data, s.inputGradient!.data, s.losses];
  return arrays.every((a) => Array.from(a).every(Number.isFinite)) && Number.isFinite(s.transposeGap) && Number.isFinite(lossOf(s));
}

/** Steps until learned (at most `max`); the count. */
function runToLearned(s: LearnState, max = 600): number {
  let n = 0;
  while (!learned(s) && n < max) { step(s); n++; }
  return n;
}

/** A picture of w × h with values from a fixed sequence in [0, 1] (or all `fill`). */
function picture(w: number, h: number, fill?: number): Picture {
  let seed = 7;
  const data = new Float32Array(3 * w * h).map(() => fill ?? ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648));
  return { width: w, height: h, channels: 3, data };
}

describe('learning a kernel near float32’s limit', () => {
  it('in plain float32 the student’s 1e38 corner overflows the gradient for the input; the run’s unit keeps every number finite, and it learns', () => {
    // What the page computed before: the library's backward on the weights themselves, two steps'
    // worth of the way to the target (the zero kernel sends no gradient back): Infinity.
    const x = pictureTensor(toGrey(card()));
    const w = tensor(Float32Array.from(corner(1e38), (v) => v / 2), [1, 1, 3, 3]);
    const y = conv2d(x, w, LEARN_OPTIONS);
    const t = conv2d(x, tensor(Float32Array.from(corner(1e38)), [1, 1, 3, 3]), LEARN_OPTIONS);
    const dy = tensor(y.data.map((v, i) => (2 * (v - t.data[i])) / y.data.length), y.shape);
    expect(Array.from(convBackward(x, w, dy, LEARN_OPTIONS).input!.data).every(Number.isFinite)).toBe(false);
    // The run: finite throughout, and learned before the page's 600-step pause.
    for (const v of [1e20, 1e25, 1e38]) {
      const s = startLearning(card(), corner(v));
      expect(targetTooLarge(s), `${v}`).toBe(false);
      expect(runToLearned(s), `${v}`).toBeLessThan(600);
      expect(learned(s), `${v}`).toBe(true);
      expect(allFinite(s), `${v}`).toBe(true);
      expect(kernelGap(s) / v, `${v}`).toBeLessThan(1e-3);
    }
  });

  it('the unit is exact: the library’s float32 arithmetic in it is digit for digit that on the weights themselves', () => {
    // A target of largest weight 1 … 2 runs in unit 1, on its weights as they are; 2⁴⁰ times it in unit 2⁴⁰.
    const k = sobel.map((v) => v * 0.75);
    const a = startLearning(card(), k);
    const b = startLearning(card(), k.map((v) => v * 2 ** 40));
    expect([a.unit, b.unit]).toEqual([1, 2 ** 40]);
    const w = [0.3, -0.1, 1.2, -1.4, 0.05, 1.5, -0.7, 0.2, 0.6];
    a.w.set(w);
    b.w.set(w.map((v) => v * 2 ** 40));
    const ea = evaluate(a);
    const eb = evaluate(b);
    expect(eb.loss).toBe(ea.loss * 2 ** 80);
    expect(Array.from(eb.gw)).toEqual(Array.from(ea.gw, (v) => v * 2 ** 40));
    expect(b.transposeGap).toBe(a.transposeGap * 2 ** 80);
    expect(a.transposeGap).toBeGreaterThan(0);
    for (const key of ['prediction', 'error', 'inputGradient'] as const) expect(Array.from(b[key]!.data)).toEqual(Array.from(a[key]!.data));
  });

  it('weights up to LARGEST_TARGET run 1200 steps (Start twice) with every number finite, on large and tiny pictures; beyond it the run is refused', () => {
    const pictures: [string, Picture][] = [['card', card()], ['1×1', picture(1, 1)], ['white 3×3', picture(3, 3, 1)], ['40×30', picture(40, 30)]];
    for (const [name, p] of pictures) {
      for (const k of [new Array(9).fill(1), sobel.map((v) => v / 2)]) {
        const s = startLearning(p, k.map((v) => v * LARGEST_TARGET));
        expect(targetTooLarge(s), name).toBe(false);
        for (let i = 0; i < 1200; i++) step(s);
        expect(s.overflowAt, name).toBeNull();
        expect(allFinite(s), name).toBe(true);
      }
    }
    expect(targetTooLarge(startLearning(card(), corner(LARGEST_TARGET * 1.01)))).toBe(true);
    expect(targetTooLarge(startLearning(card(), corner(-LARGEST_TARGET)))).toBe(false);
  });

  it('a run whose weights overflow anyway stops there, keeps its last finite pictures and is never said learned', () => {
    // All weights 3.37e38 (refused by the page), run anyway: on the way they overshoot float32's range.
    const s = startLearning(card(), new Array(9).fill(3.37e38));
    expect(targetTooLarge(s)).toBe(true);
    let n = 0;
    while (s.overflowAt === null && n < 600) { step(s); expect(learned(s)).toBe(false); n++; }
    expect(s.overflowAt).not.toBeNull();
    // Shown: the last finite kernel's prediction, error, gradient and gap; the losses so far.
    expect(Array.from(s.prediction!.data).every(Number.isFinite)).toBe(true);
    expect(Array.from(s.inputGradient!.data).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(s.transposeGap)).toBe(true);
    expect(s.losses.every(Number.isFinite)).toBe(true);
    // Stepping on does nothing: no NaN spreads into the weights.
    const w = Array.from(s.w);
    const at = s.step;
    for (let i = 0; i < 5; i++) step(s);
    expect(Array.from(s.w)).toEqual(w);
    expect(s.step).toBe(at);
    expect(learned(s)).toBe(false);
  });
});
