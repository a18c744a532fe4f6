/**
 * Property tests of the backward pass on both engines, over random configurations of every option
 * (rank 1-3, stride, [before, after] padding, dilation, groups, padding modes; transposed with
 * output padding up to max(stride, dilation) − 1):
 * - the adjoint identity: ⟨conv(x), z⟩ = ⟨x, ∂/∂x⟩ and ⟨conv(x; w), z⟩ = ⟨w, ∂/∂w⟩, since L = Σ z·y is
 *   linear in x and in w (so the gradient is the adjoint applied to z);
 * - finite differences: moving one input, weight or bias cell by h changes L by h times its
 *   gradient (exactly, up to float32 rounding: L is linear in each).
 * The forward values come from convkit's conv / convTranspose, whose agreement with PyTorch
 * test/engine/torch-fixtures.test.ts checks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conv, convBackward, convTranspose, convTransposeBackward, tensor, type ConvBackwardOptions, type ConvTransposeBackwardOptions, type PaddingMode, type Tensor } from '../../src/index.js';
import { macsOf, TINY_MAX_MACS } from '../../src/engine/tiny.js';
import { convGeometry, convTransposeGeometry } from '../../src/index.js';
import { prod, randomValues } from '../properties/helpers.js';

interface Axis {
  input: number;
  kernel: number;
  stride: number;
  dilation: number;
  pad: [number, number];
  outputPadding: number;
}
interface Config {
  transposed: boolean;
  batch: number | null;
  groups: number;
  inPerGroup: number;
  outPerGroup: number;
  mode: PaddingMode;
  axes: Axis[];
  bias: boolean;
  seed: number;
}

const MODES: PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** Per-axis draws made valid: a padded input the kernel fits in, pads the mode can make, op < max(s, d). */
function axisArb(transposed: boolean, mode: PaddingMode, minInput: number, maxInput: number) {
  return fc
    .record({
      input: fc.integer({ min: minInput, max: maxInput }),
      kernel: fc.integer({ min: 1, max: 3 }),
      stride: fc.integer({ min: 1, max: 3 }),
      dilation: fc.integer({ min: 1, max: 3 }),
      pb: fc.integer({ min: 0, max: 3 }),
      pa: fc.integer({ min: 0, max: 3 }),
      op: fc.nat(2),
    })
    .map(({ input, kernel, stride, dilation, pb, pa, op }): Axis => {
      const ke = dilation * (kernel - 1) + 1;
      if (transposed) {
        const full = (input - 1) * stride + ke;
        const outputPadding = op % Math.max(stride, dilation);
        // Crop at most what leaves one output cell.
        const before = Math.min(pb, full - 1);
        const after = Math.min(pa, full + outputPadding - before - 1);
        return { input, kernel, stride, dilation, pad: [before, after], outputPadding };
      }
      let [before, after] = [pb, pa];
      if (mode === 'reflect') [before, after] = [Math.min(before, input - 1), Math.min(after, input - 1)];
      if (mode === 'circular') [before, after] = [Math.min(before, input), Math.min(after, input)];
      // Grow the input until the kernel fits (keeps the mode's limits: they only loosen).
      const grown = Math.max(input, ke - before - after);
      return { input: grown, kernel, stride, dilation, pad: [before, after], outputPadding: 0 };
    });
}

function configArb(big: boolean): fc.Arbitrary<Config> {
  return fc
    .record({
      transposed: fc.boolean(),
      rank: fc.integer({ min: 1, max: 3 }),
      mode: fc.constantFrom(...MODES),
      batch: fc.option(fc.integer({ min: 1, max: 2 }), { freq: 4 }),
      groups: fc.integer({ min: 1, max: 3 }),
      inPerGroup: fc.integer({ min: big ? 2 : 1, max: big ? 4 : 2 }),
      outPerGroup: fc.integer({ min: big ? 2 : 1, max: big ? 4 : 2 }),
      bias: fc.boolean(),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
    })
    .chain((c) => {
      const mode = c.transposed ? 'zeros' : c.mode;
      const maxInput = big ? [0, 24, 10, 5][c.rank] : [0, 7, 5, 3][c.rank];
      const minInput = big ? [0, 10, 5, 3][c.rank] : 1;
      return fc.array(axisArb(c.transposed, mode, minInput, maxInput), { minLength: c.rank, maxLength: c.rank }).map((axes): Config => ({
        transposed: c.transposed,
        batch: c.batch,
        groups: c.groups,
        inPerGroup: c.inPerGroup,
        outPerGroup: c.outPerGroup,
        mode,
        axes,
        bias: c.bias,
        seed: c.seed,
      }));
    });
}

interface Built {
  x: Tensor;
  w: Tensor;
  b: Tensor | null;
  options: Record<string, unknown>;
  forward: (x: Tensor, w: Tensor, b: Tensor | null) => Tensor;
  /** Products behind one output cell (IC/g·Πk; values in [-1, 1)): with Σ|z| it bounds the rounding. */
  taps: number;
}

function build(c: Config, engine: 'reference' | 'auto'): Built {
  const ic = c.groups * c.inPerGroup;
  const oc = c.groups * c.outPerGroup;
  const lead = c.batch === null ? [] : [c.batch];
  const xShape = [...lead, ic, ...c.axes.map((a) => a.input)];
  const kernel = c.axes.map((a) => a.kernel);
  const wShape = c.transposed ? [ic, c.outPerGroup, ...kernel] : [oc, c.inPerGroup, ...kernel];
  const options: Record<string, unknown> = {
    stride: c.axes.map((a) => a.stride),
    dilation: c.axes.map((a) => a.dilation),
    padding: c.axes.map((a) => a.pad),
    groups: c.groups,
    engine,
    ...(c.transposed ? { outputPadding: c.axes.map((a) => a.outputPadding) } : { paddingMode: c.mode }),
  };
  const x = tensor(randomValues(prod(xShape), c.seed), xShape);
  const w = tensor(randomValues(prod(wShape), c.seed + 1), wShape);
  const b = c.bias ? tensor(randomValues(oc, c.seed + 2), [oc]) : null;
  const forward = (xx: Tensor, ww: Tensor, bb: Tensor | null) => (c.transposed ? convTranspose : conv)(xx, ww, { ...options, bias: bb } as never);
  const taps = c.inPerGroup * prod(kernel);
  return { x, w, b, options, forward, taps };
}

function grads(c: Config, m: Built, z: Tensor) {
  // Typed as the option interfaces: the gradients come back as ConvGradients (each Tensor | null).
  const options = { ...m.options, bias: m.b } as ConvBackwardOptions & ConvTransposeBackwardOptions;
  return (c.transposed ? convTransposeBackward : convBackward)(m.x, m.w, z, options);
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
function l1(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]);
  return s;
}

function adjoint(c: Config, engine: 'reference' | 'auto'): void {
  const m = build(c, engine);
  const y = m.forward(m.x, m.w, null);
  const z = tensor(randomValues(y.data.length, c.seed + 3), y.shape);
  const g = grads(c, m, z);
  expect(g.input!.shape).toEqual(m.x.shape);
  expect(g.weight!.shape).toEqual(m.w.shape);
  const lhs = dot(y.data, z.data);
  const tol = 4e-6 * (1 + l1(z.data) * m.taps);
  expect(Math.abs(lhs - dot(m.x.data, g.input!.data)), 'input: <Cx, z> = <x, C^T z>').toBeLessThanOrEqual(tol);
  expect(Math.abs(lhs - dot(m.w.data, g.weight!.data)), 'weight: <C(w), z> = <w, dL/dw>').toBeLessThanOrEqual(tol);
  if (m.b) {
    // L is affine in the bias: adding b adds <b, dL/db>.
    const withBias = dot(m.forward(m.x, m.w, m.b).data, z.data);
    expect(Math.abs(withBias - lhs - dot(m.b.data, g.bias!.data)), 'bias: L(b) - L(0) = <b, dL/db>').toBeLessThanOrEqual(tol);
  }
}

/** Moves cell `i` of one tensor by h and compares the change of L with h times the gradient. */
function finiteDifferences(c: Config, engine: 'reference' | 'auto'): void {
  const m = build(c, engine);
  const y0 = m.forward(m.x, m.w, m.b);
  const z = tensor(randomValues(y0.data.length, c.seed + 3), y0.shape);
  const g = grads(c, m, z);
  const L0 = dot(y0.data, z.data);
  const h = 0.5;
  const tol = 8e-6 * (1 + l1(z.data) * (m.taps + 1)) / h;
  const pick = fc.sample(fc.nat(), { seed: c.seed, numRuns: 3 });
  const bump = (t: Tensor, i: number): Tensor => {
    const data = Float32Array.from(t.data);
    data[i] += h;
    return { shape: t.shape, data };
  };
  for (const r of pick) {
    const i = r % m.x.data.length;
    const dL = (dot(m.forward(bump(m.x, i), m.w, m.b).data, z.data) - L0) / h;
    expect(Math.abs(dL - g.input!.data[i]), `input cell ${i}`).toBeLessThanOrEqual(tol);
    const j = r % m.w.data.length;
    const dLw = (dot(m.forward(m.x, bump(m.w, j), m.b).data, z.data) - L0) / h;
    expect(Math.abs(dLw - g.weight!.data[j]), `weight cell ${j}`).toBeLessThanOrEqual(tol);
    if (m.b) {
      const k = r % m.b.data.length;
      const dLb = (dot(m.forward(m.x, m.w, bump(m.b, k)).data, z.data) - L0) / h;
      expect(Math.abs(dLb - g.bias!.data[k]), `bias cell ${k}`).toBeLessThanOrEqual(tol);
    }
  }
}

describe('backward pass properties', () => {
  for (const engine of ['reference', 'auto'] as const) {
    it(`adjoint identity, small configurations (${engine})`, () => {
      fc.assert(fc.property(configArb(false), (c) => adjoint(c, engine)), { numRuns: 400, seed: 1202 });
    });
    it(`finite differences, small configurations (${engine})`, () => {
      fc.assert(fc.property(configArb(false), (c) => finiteDifferences(c, engine)), { numRuns: 200, seed: 2012 });
    });
  }

  it("adjoint identity and finite differences on configurations large enough for the WebAssembly engine ('auto')", () => {
    let fast = 0;
    fc.assert(
      fc.property(configArb(true), (c) => {
        const m = build(c, 'auto');
        const spec = { inputShape: m.x.shape, weightShape: m.w.shape };
        const geo = c.transposed ? convTransposeGeometry(spec, m.options as never) : convGeometry(spec, m.options as never);
        if (macsOf(geo) > TINY_MAX_MACS) fast++;
        adjoint(c, 'auto');
        finiteDifferences(c, 'auto');
      }),
      { numRuns: 120, seed: 2026 },
    );
    // Most draws are above the tiny-call threshold, so the input gradient ran on the fast engine.
    expect(fast).toBeGreaterThan(60);
  });
});
