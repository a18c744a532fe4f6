/**
 * The overlap counts of a transposed layer's inner output cells (tour part 9's live line): how
 * many kernel copies land on each output cell, from the library's scatter trace, kept only where
 * every input that could reach a cell exists (src/geometry/taps.ts interiorOutput). Near the edges
 * fewer copies land whatever the kernel, so "even" is a property of the interior: kernel 4 at
 * stride 2 gives 4 on the centre 4×4 of its 8×8 output, kernel 3 gives 1, 2 and 4 there.
 */
import { coordsOf, trace } from '../../../src/trace/index.js';
import type { ScatterTrace } from '../../../src/trace/index.js';
import { interiorOutput } from '../../../src/geometry/taps.js';
import type { ConvGeometry } from '../../../src/geometry/types.js';

/** The distinct overlap counts of the inner output cells, smallest first (empty: no inner cell). */
export function innerOverlaps(g: ConvGeometry): number[] {
  const t = trace(g, { view: 'scatter' }) as ScatterTrace;
  // Inner: no tap of the cell could land past the input's ends.
  const inner = g.axes.map((a) => Array.from({ length: a.output }, (_, o) => interiorOutput(a, o)));
  const shape = g.axes.map((a) => a.output);
  const seen = new Set<number>();
  // The trace lays out its overlap counts in raster order (src/trace/raster.ts).
  t.overlap.forEach((n, flat) => {
    if (coordsOf(flat, shape).every((j, ax) => inner[ax][j])) seen.add(n);
  });
  return [...seen].sort((x, y) => x - y);
}
