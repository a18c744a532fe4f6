/**
 * What a tour step's number control accepts: not the form's bounds for that setting (state.ts
 * BOUNDS: kernel 1 to 9, output padding 0 to 7), but the values the layer takes with every other
 * setting as it is. Step 1's 4×4 input takes a kernel of at most 4, step 10's stride 2 an output
 * padding of 0 or 1: the invitation, the box's range message and the box's min and max all name
 * this one range, so a reader is never told "1 to 9" under an invitation that says "1 to 4".
 *
 * The page does not re-derive the geometry's limits: each value is handed to the library as the
 * figure's layer would be (layer.ts buildLayer), and the range runs from the smallest value it
 * accepts to the largest. A step told with the classic figure also keeps to the layers the
 * renderer draws (renderer-fits.ts): step 13's layer (transposed, kernel 4, stride 2, padding 1)
 * took an input of 31, whose zero-inserted and padded input is 65 cells a side, past the figure's
 * 64, and the figure turned into grids mid-step.
 */
import type { ConvGeometry } from '../../src/geometry/types.js';
import { buildLayer } from './layer.js';
import { cloneState } from './state.js';
import type { State } from './state.js';

/** Whether the library accepts `s` changed by `apply(v)`, and `fits` its layer. */
function accepts(s: State, v: number, apply: (s: State, v: number) => void, fits: (g: ConvGeometry) => boolean): boolean {
  const c = cloneState(s);
  apply(c, v);
  const r = buildLayer(c);
  return r.ok && fits(r.geometry);
}

/**
 * The smallest and the largest value within `bounds` that the library accepts for `s` changed by
 * `apply(v)`, and whose layer `fits`; null where none is. The one walk the page asks "which
 * values does this layer take" with: a tour step's control (acceptedRange) and the export
 * refusal's fit (export-refusal.ts, the top of what the renderer draws below the value set).
 * Each end is the first value accepted walking in from its bound, so no value past it is built.
 */
export function acceptedValues(s: State, bounds: readonly [number, number], apply: (s: State, v: number) => void, fits: (g: ConvGeometry) => boolean = () => true): [number, number] | null {
  let lo = bounds[0];
  while (lo <= bounds[1] && !accepts(s, lo, apply, fits)) lo++;
  if (lo > bounds[1]) return null;
  let hi = bounds[1];
  while (hi > lo && !accepts(s, hi, apply, fits)) hi--;
  return [lo, hi];
}

/**
 * The values within `bounds` that the library accepts for `s` changed by `apply(v)`, and whose
 * layer `fits` (the step's figure draws it), from the smallest to the largest; `bounds` itself
 * where none is (the layer is refused for another reason, which the library's own message says).
 */
export function acceptedRange(s: State, bounds: readonly [number, number], apply: (s: State, v: number) => void, fits: (g: ConvGeometry) => boolean = () => true): [number, number] {
  return acceptedValues(s, bounds, apply, fits) ?? [bounds[0], bounds[1]];
}
