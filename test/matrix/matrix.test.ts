import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceConv } from '../../src/engine/reference/conv.js';
import { ConvError } from '../../src/geometry/errors.js';
import { convTransposeGeometry } from '../../src/geometry/torch.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { apply, convMatrix, denseLabels, matrixCell, matrixIndex, toDense, transpose } from '../../src/matrix/index.js';
import { count } from '../../src/trace/raster.js';
import { expectClose, randomValues, validConfig } from '../trace/configs.js';

const RUNS = 300;

/** The transposed convolution whose output has the direct conv's input size (a = leftover). */
function transposeOf(g: ConvGeometry): ConvGeometry {
  if (g.transposed) throw new Error('transposeOf takes a direct convolution');
  return convTransposeGeometry(
    { inputShape: [1, g.outChannels, ...g.axes.map((a) => a.output)], weightShape: g.weightShape },
    {
      stride: g.axes.map((a) => a.stride),
      dilation: g.axes.map((a) => a.dilation),
      padding: g.axes.map((a) => [a.padBefore, a.padAfter] as [number, number]),
      outputPadding: g.axes.map((a) => (a.input + a.padBefore + a.padAfter - a.effectiveKernel) % a.stride),
      groups: g.groups,
    },
  );
}

describe('convMatrix', () => {
  it('C·x equals the reference convolution (direct and transposed, every padding mode)', () => {
    fc.assert(
      fc.property(validConfig({ modes: true }), ({ options, geometry: g, seed }) => {
        const x = randomValues(count(g.inputShape), seed);
        const w = randomValues(count(g.weightShape), seed + 1);
        const c = convMatrix(options, { weight: w });
        expect(c.rows).toBe(count(g.outputShape));
        expect(c.cols).toBe(count(g.inputShape));
        const ref = referenceConv(g, x, w, null);
        expectClose(apply(c, x), ref, 'C·x');
        // The symbolic matrix with the weight given at apply time agrees too.
        expectClose(apply(convMatrix(g), x, w), ref, 'C·x (symbolic + weight)');
      }),
      { numRuns: RUNS },
    );
  });

  it('Cᵀ·z equals the reference transposed convolution, and the transposed geometry gives Cᵀ', () => {
    fc.assert(
      fc.property(validConfig({ transposed: false }), ({ geometry: g, seed }) => {
        const t = transposeOf(g);
        expect(t.axes.map((a) => a.output)).toEqual(g.axes.map((a) => a.input));
        const w = randomValues(count(g.weightShape), seed + 1);
        const z = randomValues(count(g.outputShape), seed + 2);
        const c = convMatrix(g, { weight: w });
        const ct = transpose(c);
        expect(ct.form).toBe('CT');
        expectClose(apply(ct, z), referenceConv(t, z, w, null), 'Cᵀ·z');
        // Built from the transposed geometry directly: the same entries, terms and labels.
        const direct = convMatrix(t, { weight: w });
        expect(direct.transposedGeometry).toBe(true);
        expect(direct.rows).toBe(ct.rows);
        expect(direct.cols).toBe(ct.cols);
        expect(direct.entries.map((e) => [e.row, e.col, e.label, e.terms.map((tm) => tm.weight)])).toEqual(
          ct.entries.map((e) => [e.row, e.col, e.label, e.terms.map((tm) => tm.weight)]),
        );
        expect(transpose(ct).entries).toEqual(c.entries);
      }),
      { numRuns: RUNS },
    );
  });

  it('the classic 4×16 matrix of a 4×4 input and a 3×3 kernel', () => {
    const c = convMatrix({ input: [4, 4], kernel: 3 });
    expect([c.rows, c.cols]).toEqual([4, 16]);
    const cols = (r: number) => c.entries.filter((e) => e.row === r).map((e) => e.col);
    expect(cols(0)).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10]);
    expect(cols(1)).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11]);
    expect(cols(2)).toEqual([4, 5, 6, 8, 9, 10, 12, 13, 14]);
    expect(cols(3)).toEqual([5, 6, 7, 9, 10, 11, 13, 14, 15]);
    const labels = denseLabels(c);
    expect(labels[0].slice(0, 4)).toEqual(['w₀₀', 'w₀₁', 'w₀₂', '']);
    expect(labels[3].slice(12)).toEqual(['', 'w₂₀', 'w₂₁', 'w₂₂']);
    expect(c.entries.every((e) => e.value === null && e.terms.length === 1)).toBe(true);
    const ct = transpose(c);
    expect([ct.rows, ct.cols]).toEqual([16, 4]);
    expect(denseLabels(ct)[5]).toEqual(['w₁₁', 'w₁₀', 'w₀₁', 'w₀₀']);
  });

  it('numbers entries with values, channels in labels, and sums for reflect padding', () => {
    const w = [1, 2, 3];
    const c = convMatrix({ input: [3], kernel: 3 }, { weight: w });
    expect(toDense(c)).toEqual([[1, 2, 3]]);
    const r = convMatrix({ input: [3], kernel: 3, padding: 1, paddingMode: 'reflect' }, { weight: w });
    // Output 0 reads [x1, x0, x1]: column 1 gets w0 + w2.
    const e = r.entries.find((en) => en.row === 0 && en.col === 1)!;
    expect(e.label).toBe('w₀+w₂');
    expect(e.value).toBe(4);
    const m = convMatrix({ input: [3, 3], kernel: 2, inChannels: 2, outChannels: 2 });
    expect(m.entries[0].label).toBe('w[0,0]₀₀');
    expect(m.entries.some((en) => en.label === 'w[1,1]₁₁')).toBe(true);
  });

  it('builds one channel pair\'s block, equal to that block of the full operator', () => {
    fc.assert(
      fc.property(validConfig({ modes: true }), fc.nat(), fc.nat(), ({ geometry: g }, a, b) => {
        const oc = a % g.outChannels;
        const ic = b % g.inChannels;
        const full = convMatrix(g);
        const block = convMatrix(g, { channelPair: [oc, ic] });
        const outCells = count(g.axes.map((x) => x.output));
        const inCells = count(g.axes.map((x) => x.input));
        expect(block.channelPair).toEqual([oc, ic]);
        expect([block.rows, block.cols]).toEqual([outCells, inCells]);
        const expected = full.entries
          .filter((e) => Math.floor(e.row / outCells) === oc && Math.floor(e.col / inCells) === ic)
          .map((e) => [e.row - oc * outCells, e.col - ic * inCells, e.label]);
        expect(block.entries.map((e) => [e.row, e.col, e.label])).toEqual(expected);
      }),
      { numRuns: 100 },
    );
    expect(() => convMatrix({ input: [4, 4], kernel: 3 }, { channelPair: [1, 0] })).toThrow(/channelPair/);
  });

  it('maps rows and columns to channels and cells', () => {
    const c = convMatrix({ input: [5, 4], kernel: 3, inChannels: 2, outChannels: 3 });
    expect(c.rowShape).toEqual([3, 3, 2]);
    expect(matrixCell(c, 'row', 7)).toEqual({ channel: 1, cell: [0, 1] });
    expect(matrixIndex(c, 'col', 1, [4, 3])).toBe(39);
    expect(() => matrixIndex(c, 'col', 2, [0, 0])).toThrow(ConvError);
  });

  it('is plain JSON, and refuses what is too large or not a convolution', () => {
    const c = convMatrix({ input: [3, 3], kernel: 2, stride: 2, transposed: true }, { weight: [1, 2, 3, 4] });
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    expect(() => convMatrix({ input: [1200, 1200], kernel: 3 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE', message: expect.stringContaining('2000000') }));
    expect(() => convMatrix({ input: [4, 4], kernel: 2, pool: 'max' })).toThrow(ConvError);
    expect(() => convMatrix({ input: [4, 4], kernel: 2 }, { weight: [1, 2] })).toThrow(expect.objectContaining({ code: 'DATA_LENGTH' }));
    expect(() => apply(convMatrix({ input: [4, 4], kernel: 2 }), new Float32Array(16))).toThrow(/symbolic/);
    expect(() => apply(convMatrix({ input: [4, 4], kernel: 2 }, { weight: [1, 2, 3, 4] }), [1, 2])).toThrow(expect.objectContaining({ code: 'DATA_LENGTH' }));
  });
});
