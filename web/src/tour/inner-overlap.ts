/**
 * The overlap counts of a transposed layer's inner output cells (tour part 9's live line): how
 * many kernel copies land on each output cell, from the library's scatter trace, kept only where
 * every input that could reach a cell exists. Near the edges fewer copies land whatever the
 * kernel, so "even" is a property of the interior: kernel 4 at stride 2 gives 4 on the centre
 * 4×4 of its 8×8 output, kernel 3 gives 1, 2 and 4 there.
 */
import { trace } from '../../../src/trace/index.js';
import type { ScatterTrace } from '../../../src/trace/index.js';
import type { AxisGeometry, ConvGeometry } from '../../../src/geometry/types.js';

/**
 * Output cells (of the cropped output) on one axis that are inner: full position f = j + crop is
 * reached by the copies of inputs ⌈(f − k̂ + 1)/s⌉ … ⌊f/s⌋, all of which exist iff
 * k̂ − s ≤ f ≤ i·s − 1. A direct layer's cells all count.
 */
function innerOnAxis(a: AxisGeometry): boolean[] {
  const crop = a.transposed ? a.cropBefore : 0;
  return Array.from({ length: a.output }, (_, j) => {
    if (!a.transposed) return true;
    const f = j + crop;
    return f >= a.effectiveKernel - a.stride && f <= a.input * a.stride - 1;
  });
}

/** The distinct overlap counts of the inner output cells, smallest first (empty: no inner cell). */
export function innerOverlaps(g: ConvGeometry): number[] {
  const t = trace(g, { view: 'scatter' }) as ScatterTrace;
  const inner = g.axes.map(innerOnAxis);
  const seen = new Set<number>();
  const at = new Array<number>(g.axes.length).fill(0);
  for (let flat = 0; flat < t.overlap.length; flat++) {
    if (at.every((j, ax) => inner[ax][j])) seen.add(t.overlap[flat]);
    // Raster order, last axis fastest, as the trace lays out its overlap counts.
    for (let ax = at.length - 1; ax >= 0; ax--) {
      if (++at[ax] < g.axes[ax].output) break;
      at[ax] = 0;
    }
  }
  return [...seen].sort((x, y) => x - y);
}
