import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { gridCell, tapSource } from '../../src/geometry/taps.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { ConvError } from '../../src/geometry/errors.js';
import { count, flatIndex } from '../../src/trace/raster.js';
import { trace } from '../../src/trace/trace.js';
import { combineKinds } from '../../src/trace/grid.js';
import type { DirectTrace, ScatterTrace } from '../../src/trace/types.js';
import { expectClose, randomValues, validConfig } from './configs.js';
import { REFERENCE_FIGURES } from '../fixtures/reference/figures.js';

const RUNS = 300;

/** Weight index of (oc, ic, spatial tap) in the geometry's own weight layout. */
function weightOffset(g: ConvGeometry, oc: number, ic: number, tap: number[]): number {
  const icPer = g.inChannels / g.groups;
  const ocPer = g.outChannels / g.groups;
  const lead = g.transposed ? [ic, oc % ocPer] : [oc, ic % icPer];
  return flatIndex([...lead, ...tap], g.weightShape);
}

/** The convolution recomputed from the direct-view frames only. */
function convFromDirect(t: DirectTrace, g: ConvGeometry, x: Float32Array, w: Float32Array): Float64Array {
  const inCells = count(t.inputShape);
  const outCells = count(t.outputShape);
  const y = new Float64Array(g.outChannels * outCells);
  for (const [f, frame] of t.frames.entries()) {
    expect(flatIndex(frame.output, t.outputShape)).toBe(f); // raster order
    for (let oc = 0; oc < g.outChannels; oc++) {
      for (const ic of t.channels.feeds[oc]) {
        for (const tap of frame.taps) {
          if (tap.input === null) continue;
          y[oc * outCells + f] += x[ic * inCells + flatIndex(tap.input, t.inputShape)] * w[weightOffset(g, oc, ic, tap.weight)];
        }
      }
    }
  }
  return y;
}

/** The convolution recomputed from the scatter-view frames only (each input stamps the kernel). */
function convFromScatter(t: ScatterTrace, g: ConvGeometry, x: Float32Array, w: Float32Array): Float64Array {
  const inCells = count(t.inputShape);
  const outCells = count(t.outputShape);
  const y = new Float64Array(g.outChannels * outCells);
  for (const [f, frame] of t.frames.entries()) {
    expect(flatIndex(frame.input, t.inputShape)).toBe(f);
    for (const grp of t.channels.groupList) {
      for (const ic of grp.inputs) {
        for (const oc of grp.outputs) {
          for (const tap of frame.taps) {
            if (tap.output === null) continue;
            y[oc * outCells + flatIndex(tap.output, t.outputShape)] += x[ic * inCells + f] * w[weightOffset(g, oc, ic, tap.weight)];
          }
        }
      }
    }
  }
  return y;
}

describe('trace: direct view', () => {
  it('frames, grid and taps follow the geometry, and recompute the reference convolution', () => {
    fc.assert(
      fc.property(validConfig({ modes: true }), ({ options, geometry: g, seed }) => {
        const t = trace(options, { view: 'direct' }) as DirectTrace;
        expect(t.view).toBe('direct');
        // Frame count o^rank (product of per-axis outputs).
        expect(t.frames.length).toBe(g.axes.reduce((n, a) => n * a.output, 1));
        expect(t.outputShape).toEqual(g.axes.map((a) => a.output));
        // Grid: ĩ' + p' before + p' after (+ a inside the after part) on every axis.
        g.axes.forEach((a, ax) => {
          const ke = a.dilation * (a.kernel - 1) + 1;
          const expected = a.transposed
            ? (a.input - 1) * a.stride + 1 + (ke - 1 - a.cropBefore) + (ke - 1 - a.cropAfter + a.outputPadding)
            : a.input + a.padBefore + a.padAfter;
          expect(t.grid.shape[ax]).toBe(expected);
          expect(t.grid.shape[ax]).toBe(a.equivalent.gridSize);
        });
        expect(t.grid.cells.length).toBe(count(t.grid.shape));
        // Every grid cell: kind combined from gridCell, input coordinates for input cells.
        for (const [n, cell] of t.grid.cells.entries()) {
          expect(flatIndex(cell.grid, t.grid.shape)).toBe(n);
          const per = cell.grid.map((gc, ax) => gridCell(g.axes[ax], gc));
          expect(cell.axisKinds).toEqual(per.map((p) => p.kind));
          expect(cell.kind).toBe(combineKinds(cell.axisKinds));
          expect(cell.input).toEqual(cell.kind === 'input' ? per.map((p) => p.input) : null);
          if (cell.kind === 'padding' && g.paddingMode !== 'zeros') expect(cell.copies).not.toBeNull();
          else expect(cell.copies).toBeNull();
        }
        const tapsPerFrame = count(g.axes.map((a) => a.kernel));
        expect(t.tapCount).toBe(t.frames.length * tapsPerFrame);
        for (const frame of t.frames) {
          expect(frame.taps.length).toBe(tapsPerFrame);
          for (const tap of frame.taps) {
            // Inside the grid, and the kind of the cell it reads.
            tap.grid.forEach((gc, ax) => {
              expect(gc).toBeGreaterThanOrEqual(0);
              expect(gc).toBeLessThan(t.grid.shape[ax]);
            });
            const cell = t.grid.cells[flatIndex(tap.grid, t.grid.shape)];
            expect(tap.kind).toBe(cell.kind);
            // Input = tapSource with the weight's tap (−1 on any axis → null).
            const src = tap.weight.map((k, ax) => tapSource(g.axes[ax], frame.output[ax], k, g.paddingMode));
            expect(tap.input).toEqual(src.some((s) => s < 0) ? null : src);
            if (cell.kind === 'input') expect(tap.input).toEqual(cell.input);
            else if (g.paddingMode === 'zeros') expect(tap.input).toBeNull();
            else if (cell.kind === 'padding') expect(tap.input).toEqual(cell.copies);
          }
        }
        // Strongest: the frames alone recompute the engine's output.
        const x = randomValues(count(g.inputShape), seed);
        const w = randomValues(count(g.weightShape), seed + 1);
        expectClose(convFromDirect(t, g, x, w), referenceConv(g, x, w, null), 'direct-view recomputation');
      }),
      { numRuns: RUNS },
    );
  });

  it('shows the flipped kernel of a transposed convolution', () => {
    const t = trace({ input: [2, 2], kernel: [3, 2], transposed: true, stride: 2 });
    expect(t.kernel.flipped).toBe(true);
    expect(t.kernel.taps[0]).toEqual({ kernel: [0, 0], weight: [2, 1], offset: [0, 0] });
    expect(t.kernel.taps[5]).toEqual({ kernel: [2, 1], weight: [0, 0], offset: [2, 1] });
    const d = trace({ input: [7, 7], kernel: 3, dilation: 2 });
    expect(d.kernel.flipped).toBe(false);
    expect(d.kernel.taps.map((k) => k.offset)).toContainEqual([4, 2]);
    expect(d.kernel.effective).toEqual([5, 5]);
  });
});

describe('trace: scatter view', () => {
  it('stamps invert tapSource, overlap counts match the direct view, and recompute the reference convolution', () => {
    fc.assert(
      fc.property(validConfig({ modes: true }), ({ options, geometry: g, seed }) => {
        const t = trace(options, { view: 'scatter' }) as ScatterTrace;
        const d = trace(options, { view: 'direct' }) as DirectTrace;
        expect(t.view).toBe('scatter');
        expect(t.frames.length).toBe(count(g.axes.map((a) => a.input)));
        const taps = count(g.axes.map((a) => a.kernel));
        for (const frame of t.frames) {
          if (g.paddingMode === 'zeros') expect(frame.taps.length).toBe(taps);
          for (const tap of frame.taps) {
            if (tap.output === null) {
              // No output reads this input through this tap.
              for (const f of d.frames) {
                const hit = f.taps.some((dt) => dt.input !== null && dt.weight.join() === tap.kernel.join() && dt.input.join() === frame.input.join());
                expect(hit).toBe(false);
              }
              continue;
            }
            const src = tap.kernel.map((k, ax) => tapSource(g.axes[ax], tap.output![ax], k, g.paddingMode));
            expect(src).toEqual(frame.input);
          }
          for (const tap of frame.taps) {
            if (!g.transposed) {
              expect(tap.full).toBeNull();
              continue;
            }
            // Full (uncropped) position: shifted by the crop, in range exactly when not cropped.
            const shifted = tap.full!.map((f, ax) => f - g.axes[ax].cropBefore);
            const inside = shifted.every((v, ax) => v >= 0 && v < g.axes[ax].output);
            expect(tap.output).toEqual(inside ? shifted : null);
            tap.full!.forEach((f, ax) => expect(f).toBeLessThan(t.fullOutputShape![ax]));
          }
        }
        if (g.transposed) {
          expect(t.fullOutputShape).toEqual(g.axes.map((a) => a.output + a.cropBefore + a.cropAfter));
          expect(t.fullOverlap!.reduce((a, b) => a + b, 0)).toBe(t.frames.length * taps);
        } else {
          expect(t.fullOutputShape).toBeNull();
          expect(t.fullOverlap).toBeNull();
        }
        // Overlap = how many taps of each output's direct-view window read an input cell.
        const reads = d.frames.map((f) => f.taps.filter((tp) => tp.input !== null).length);
        expect(t.overlap).toEqual(reads);
        const x = randomValues(count(g.inputShape), seed);
        const w = randomValues(count(g.weightShape), seed + 1);
        expectClose(convFromScatter(t, g, x, w), referenceConv(g, x, w, null), 'scatter-view recomputation');
      }),
      { numRuns: RUNS },
    );
  });

  it('shows the checkerboard of a k3 s2 transposed convolution', () => {
    const t = trace({ input: [2, 2], kernel: 3, stride: 2, transposed: true }, { view: 'scatter' }) as ScatterTrace;
    // Output 5×5; rows/cols 2 get two stamps per axis, the centre four.
    const row = (r: number) => t.overlap.slice(r * 5, r * 5 + 5);
    expect(row(0)).toEqual([1, 1, 2, 1, 1]);
    expect(row(2)).toEqual([2, 2, 4, 2, 2]);
    expect(t.frames[0].taps.map((tp) => tp.output)).toEqual([
      [0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2],
    ]);
  });

  it('marks cropped stamps of a padded transposed convolution', () => {
    const t = trace({ input: [3], kernel: 3, stride: 2, padding: 1, transposed: true }, { view: 'scatter' }) as ScatterTrace;
    expect(t.outputShape).toEqual([5]);
    expect(t.frames[0].taps.map((tp) => tp.output)).toEqual([null, [0], [1]]);
    expect(t.frames[2].taps.map((tp) => tp.output)).toEqual([[3], [4], null]);
    expect(t.frames[2].taps.map((tp) => tp.full)).toEqual([[4], [5], [6]]);
    expect(t.fullOutputShape).toEqual([7]);
    expect(t.fullOverlap).toEqual([1, 1, 2, 1, 2, 1, 1]);
  });
});

describe('trace: classic figures', () => {
  const figures = REFERENCE_FIGURES;
  it('has the 19 figures', () => expect(figures.length).toBe(19));
  for (const f of figures) {
    it(`${f.name}: ${f.frames} frames`, () => {
      let t;
      if (f.kind === 'numerical' && f.mode !== 'convolution') {
        t = trace({ input: [f.i, f.i], kernel: f.k, stride: f.s, padding: f.p, pool: f.mode === 'max' ? 'max' : 'avg' });
        expect(t.op).toBe(f.mode === 'max' ? 'maxPool' : 'avgPool');
      } else if (f.transposed) {
        // The figure transposes the direct conv i→o: input o, a = (i + 2p − k) mod s restores i.
        const a = (f.i + 2 * f.p - f.k) % f.s;
        t = trace({ input: [f.o, f.o], kernel: f.k, stride: f.s, padding: f.p, dilation: f.d, transposed: true, outputPadding: a });
        const eq = f.equivalent_direct!;
        expect(t.outputShape).toEqual([f.i, f.i]);
        expect(t.axes[0].dilatedInput).toBe(eq.i_tilde_prime);
        expect(t.axes[0].gridPadBefore).toBe(eq.p_prime);
        expect(t.axes[0].extra).toBe(eq.a);
        expect(t.grid.shape).toEqual([eq.i_tilde_prime + 2 * eq.p_prime + eq.a, eq.i_tilde_prime + 2 * eq.p_prime + eq.a]);
      } else {
        t = trace({ input: [f.i, f.i], kernel: f.k, stride: f.s, padding: f.p, dilation: f.d });
        expect(t.outputShape).toEqual([f.o, f.o]);
      }
      expect(t.frames.length).toBe(f.frames);
    });
  }
});

describe('trace: inputs and errors', () => {
  it('accepts a ConvGeometry and gives the same trace as the options', () => {
    const opts = { input: [5, 5], kernel: 3, stride: 2, padding: 1 };
    const a = trace(opts);
    const b = trace(a.geometry as ConvGeometry);
    expect(b).toEqual(a);
  });

  it('is plain JSON', () => {
    const t = trace({ input: [3, 4], kernel: [2, 3], stride: 2, padding: 1, transposed: true, outputPadding: 1, inChannels: 2, outChannels: 4, groups: 2 }, { view: 'scatter' });
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it('lists channels and groups', () => {
    const t = trace({ input: [4, 4], kernel: 3, inChannels: 4, outChannels: 6, groups: 2 });
    expect(t.channels.feeds).toEqual([[0, 1], [0, 1], [0, 1], [2, 3], [2, 3], [2, 3]]);
    expect(t.channels.groupList[1]).toEqual({ group: 1, inputs: [2, 3], outputs: [3, 4, 5] });
    const p = trace({ input: [4, 4], kernel: 2, inChannels: 3, pool: 'max' });
    expect(p.channels.feeds).toEqual([[0], [1], [2]]);
  });

  it('handles a crop: negative equivalent padding', () => {
    // k2 s1 p2 transposed: p' = k − 1 − p = −1, so one input cell is cropped on each side.
    const t = trace({ input: [5], kernel: 2, padding: 2, transposed: true }) as DirectTrace;
    expect(t.axes[0].gridPadBefore).toBe(-1);
    expect(t.grid.shape).toEqual([3]);
    expect(t.grid.cells.map((c) => c.input)).toEqual([[1], [2], [3]]);
    expect(t.frames.length).toBe(2);
  });

  it('marks output-padding cells as extra and inserted zeros as inserted', () => {
    const t = trace({ input: [3], kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true }) as DirectTrace;
    expect(t.grid.cells.map((c) => c.kind)).toEqual(['padding', 'input', 'inserted', 'input', 'inserted', 'input', 'padding', 'extra']);
    const t2 = trace({ input: [2, 2], kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true }) as DirectTrace;
    const last = t2.grid.cells[t2.grid.cells.length - 1];
    expect(last.kind).toBe('extra');
  });

  it('refuses a trace too large to list, naming the limit', () => {
    let err: unknown;
    try {
      trace({ input: [2000, 2000], kernel: 3 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConvError);
    expect((err as ConvError).code).toBe('TOO_LARGE');
    expect((err as ConvError).message).toContain('2000000');
  });

  it('refuses bad views and pooling scatter, and invalid configurations with the builders\' errors', () => {
    expect(() => trace({ input: [4, 4], kernel: 3 }, { view: 'sideways' as never })).toThrow(/view must be/);
    expect(() => trace({ input: [4, 4], kernel: 2, pool: 'avg' }, { view: 'scatter' })).toThrow(ConvError);
    expect(() => trace({ input: [2, 2], kernel: 3 })).toThrow(expect.objectContaining({ code: 'KERNEL_TOO_LARGE' }));
    expect(() => trace({ input: [4, 4], kernel: 3, inChannels: 3, groups: 2 })).toThrow(expect.objectContaining({ code: 'GROUPS' }));
    expect(() => trace({ input: [4, 4], kernel: 3, outputPadding: 1 })).toThrow(/transposed/);
    expect(() => trace(null as never)).toThrow(ConvError);
  });
});

describe('the text trace says what it draws', () => {
  it('calls the kernel flipped in the direct view of a transposed convolution, not in its scatter view (stamped as it is)', async () => {
    const { traceText } = await import('../../src/trace/text.js');
    const { convTransposeGeometry } = await import('../../src/geometry/torch.js');
    const g = convTransposeGeometry({ inputShape: [1, 1, 5, 5], weightShape: [1, 1, 3, 3] }, { stride: 2 });
    expect(traceText(trace(g, { view: 'direct' }))[0]).toMatch(/kernel shown flipped \(rotated 180°\)$/);
    const scatter = traceText(trace(g, { view: 'scatter' }));
    expect(scatter[0]).not.toMatch(/flipped/);
    // Its first stamp puts w(0,0) on output (0,0): the kernel unflipped.
    expect(scatter.find((l) => /^\s+1\. /.test(l))).toMatch(/\(0,0\)\+=w\(0,0\)/);
  });
});
