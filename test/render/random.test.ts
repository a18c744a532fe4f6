import { describe, expect, it } from 'vitest';
import { cellCentre, palette, sceneOf } from '../../src/render/index.js';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { isConvError } from '../../src/geometry/errors.js';
import { trace } from '../../src/trace/index.js';
import type { DirectTrace, TraceSpecOptions } from '../../src/trace/types.js';
import type { Prim } from '../../src/render/scene.js';

// Deterministic pseudo-random configurations (no fixed answers: every check compares the picture
// with the trace and the geometry of the same configuration).
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomSpec(r: () => number): TraceSpecOptions {
  const pick = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const transposed = r() < 0.45;
  const stride = [pick(1, 3), pick(1, 3)];
  const dilation = [pick(1, 2), pick(1, 2)];
  const spec: TraceSpecOptions = { input: [pick(1, 7), pick(1, 7)], kernel: [pick(1, 4), pick(1, 4)], stride, dilation, padding: [pick(0, 2), pick(0, 2)], transposed };
  if (transposed) spec.outputPadding = [pick(0, Math.max(stride[0], dilation[0]) - 1), pick(0, Math.max(stride[1], dilation[1]) - 1)];
  return spec;
}

const key = (x: number, y: number) => `${Math.round(x * 10)},${Math.round(y * 10)}`;
const centroid = (p: Prim & { type: 'poly' }) => {
  let x = 0, y = 0;
  for (let i = 0; i < p.points.length; i += 2) { x += p.points[i]; y += p.points[i + 1]; }
  return key(x / (p.points.length / 2), y / (p.points.length / 2));
};

describe('pictures of random configurations follow the trace', () => {
  it('300 configurations: frame count, drawn grid = geometry grid, shaded cells = taps + output cell', () => {
    const r = rng(20261128);
    const pal = palette('default');
    let drawn = 0;
    for (let n = 0; n < 300; n++) {
      const spec = randomSpec(r);
      let tr: DirectTrace;
      try {
        tr = trace(spec) as DirectTrace;
      } catch (e) {
        if (isConvError(e)) continue; // a configuration PyTorch refuses
        throw e;
      }
      const theme = n % 2 ? 'flat' : 'classic';
      const scene = sceneOf(tr, { theme });
      drawn++;
      const label = JSON.stringify(spec);
      expect(scene.frames.length, label).toBe(tr.frames.length);
      // Grid cells drawn: filled input cells + dashed empty cells = the geometry's grid size.
      const shape = [1, 1, ...(spec.input as number[])];
      const weight = [1, 1, ...(spec.kernel as number[])];
      const g = spec.transposed
        ? convTransposeGeometry({ inputShape: shape, weightShape: weight }, { stride: spec.stride as number[], padding: spec.padding as number[], dilation: spec.dilation as number[], outputPadding: spec.outputPadding as number[] })
        : convGeometry({ inputShape: shape, weightShape: weight }, { stride: spec.stride as number[], padding: spec.padding as number[], dilation: spec.dilation as number[] });
      const gridCells = g.axes.reduce((a, ax) => a * ax.equivalent.gridSize, 1);
      const inputCells = scene.base.filter((p) => p.type === 'poly' && p.fill === pal.input).length;
      const emptyCells = scene.base.filter((p) => p.type === 'poly' && p.dash).length;
      expect(inputCells + emptyCells, label).toBe(gridCells);
      expect(inputCells, label).toBe(tr.grid.cells.filter((c) => c.kind === 'input').length);
      // Shaded cells of a few frames sit exactly on the trace's taps and output cell.
      for (const f of [0, tr.frames.length - 1]) {
        const frame = tr.frames[f];
        const shaded = scene.frames[f].filter((p): p is Prim & { type: 'poly' } => p.type === 'poly' && p.fill === pal.shade && p.fillOpacity === pal.shadeOpacity);
        const want = new Set(frame.taps.map((t) => key(...cellCentre(scene.planes!.grid!, t.grid[0], t.grid[1]))));
        want.add(key(...cellCentre(scene.planes!.output!, frame.output[0], frame.output[1])));
        expect(new Set(shaded.map(centroid)), `${label} frame ${f}`).toEqual(want);
      }
    }
    expect(drawn).toBeGreaterThan(150);
  });
});
