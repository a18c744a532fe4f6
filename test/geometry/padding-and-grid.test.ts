/**
 * Geometry details every view relies on: where 'same' puts the odd padding element, what each cell
 * of the equivalent direct convolution's grid is (hand-checked grids), and that the two index maps
 * — the gather form (tapSource) and the grid form (gridTap + gridCell + weightTap) — agree on
 * every tap of every output in a sweep of small configurations.
 */
import { describe, expect, it } from 'vitest';
import { convGeometry, convTransposeGeometry, gridCell, gridTap, tapSource, weightTap, type AxisGeometry, type CellKind } from '../../src/index.js';

function axis1d(input: number, kernel: number, options: Record<string, unknown>, transposed = false): AxisGeometry {
  const shapes = { inputShape: [1, 1, input], weightShape: [1, 1, kernel] };
  return (transposed ? convTransposeGeometry(shapes, options) : convGeometry(shapes, options)).axes[0];
}

function kinds(ax: AxisGeometry): string {
  const letter: Record<CellKind, string> = { input: 'x', padding: 'p', inserted: 'z', extra: 'a' };
  let s = '';
  for (let g = 0; g < ax.equivalent.gridSize; g++) {
    const c = gridCell(ax, g);
    s += c.kind === 'input' ? String(c.input) : letter[c.kind];
  }
  return s;
}

describe("padding='same'", () => {
  const cases: [number, number, [number, number]][] = [
    // kernel, dilation, [before, after]
    [3, 1, [1, 1]],
    [2, 1, [0, 1]],
    [4, 1, [1, 2]],
    [6, 1, [2, 3]],
    [2, 3, [1, 2]],
    [3, 2, [2, 2]],
    [4, 3, [4, 5]],
    [1, 5, [0, 0]],
  ];
  for (const [k, d, pads] of cases) {
    it(`k=${k}, d=${d}: total d(k−1)=${d * (k - 1)} splits ${pads.join('/')} (odd element at the end), output = input`, () => {
      const ax = convGeometry({ inputShape: [1, 1, 7], weightShape: [1, 1, k] }, { padding: 'same', dilation: d }).axes[0];
      expect([ax.padBefore, ax.padAfter]).toEqual(pads);
      expect(ax.output).toBe(7);
    });
  }

  it('splits per axis in 2-D and 3-D', () => {
    const g = convGeometry({ inputShape: [1, 1, 5, 6, 7], weightShape: [1, 1, 2, 3, 4] }, { padding: 'same', dilation: [3, 1, 1] });
    expect(g.axes.map((a) => [a.padBefore, a.padAfter])).toEqual([[1, 2], [1, 1], [1, 2]]);
    expect(g.outputShape).toEqual([1, 1, 5, 6, 7]);
  });

  it('is refused with a stride other than 1', () => {
    expect(() => axis1d(7, 3, { padding: 'same', stride: 2 })).toThrow(expect.objectContaining({ code: 'SAME_STRIDED' }));
  });
});

describe('grid cells of the equivalent direct convolution (hand-checked)', () => {
  it('direct, i=3, k=3, p=1: one padding cell each side', () => {
    expect(kinds(axis1d(3, 3, { padding: 1 }))).toBe('p012p');
  });

  it('direct with asymmetric padding [0, 2]', () => {
    expect(kinds(axis1d(3, 2, { padding: [[0, 2]] }))).toBe('012pp');
  });

  it("transposed i'=2, k=3, s=2, p=0 (no_padding_strides_transposed): pads 2, one inserted zero", () => {
    const ax = axis1d(2, 3, { stride: 2 }, true);
    expect(kinds(ax)).toBe('pp0z1pp');
    expect(ax.output).toBe(5);
  });

  it("transposed i'=3, k=3, s=2, p=1, a=1 (padding_strides_odd_transposed): the a cell at the end", () => {
    const ax = axis1d(3, 3, { stride: 2, padding: 1, outputPadding: 1 }, true);
    expect(kinds(ax)).toBe('p0z1z2pa');
    expect(ax.output).toBe(6);
  });

  it("transposed i'=2, k=3, s=3, p=0, a=2: two inserted zeros, two a cells", () => {
    const ax = axis1d(2, 3, { stride: 3, outputPadding: 2 }, true);
    expect(kinds(ax)).toBe('pp0zz1ppaa');
    expect(ax.output).toBe(8);
  });

  it('transposed with p > d(k−1): the equivalent pads are negative and crop input cells', () => {
    const ax = axis1d(4, 2, { padding: 2 }, true);
    expect([ax.equivalent.padBefore, ax.equivalent.padAfter]).toEqual([-1, -1]);
    expect(ax.output).toBe(1);
    expect(kinds(ax)).toBe('12');
  });

  it('transposed, s=1, d=2, a=1 (legal because a < d)', () => {
    const ax = axis1d(2, 2, { dilation: 2, outputPadding: 1 }, true);
    expect(kinds(ax)).toBe('pp01ppa');
    expect(ax.output).toBe(5);
  });
});

describe('gather form and grid form agree', () => {
  it('on every tap of every output, over a sweep of small 1-D configurations', () => {
    let checked = 0;
    const mismatches: string[] = [];
    for (const transposed of [false, true]) {
      for (let input = 1; input <= 5; input++) {
        for (let kernel = 1; kernel <= 3; kernel++) {
          for (let stride = 1; stride <= 3; stride++) {
            for (let dilation = 1; dilation <= 3; dilation++) {
              for (let pb = 0; pb <= 3; pb++) {
                for (let pa = 0; pa <= 2; pa++) {
                  for (let op = 0; op < (transposed ? Math.max(stride, dilation) : 1); op++) {
                    let ax: AxisGeometry;
                    try {
                      ax = axis1d(input, kernel, { stride, dilation, padding: [[pb, pa]], outputPadding: transposed ? op : undefined }, transposed);
                    } catch {
                      continue; // kernel larger than the padded input, or an empty transposed output
                    }
                    for (let o = 0; o < ax.output; o++) {
                      for (let ke = 0; ke < kernel; ke++) {
                        const g = gridTap(ax, o, ke);
                        const cell = g >= 0 && g < ax.equivalent.gridSize ? gridCell(ax, g) : { kind: 'padding', input: -1 };
                        const gathered = tapSource(ax, o, weightTap(ax, ke));
                        const fromGrid = cell.kind === 'input' ? cell.input : -1;
                        if (fromGrid !== gathered) mismatches.push(`${transposed ? 'T' : 'D'} i=${input} k=${kernel} s=${stride} d=${dilation} p=${pb}/${pa} a=${op} o=${o} tap=${ke}: grid ${fromGrid}, gather ${gathered}`);
                        checked++;
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(10000);
  });
});
