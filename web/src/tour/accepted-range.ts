/**
 * What a tour step's number control accepts: not the form's bounds for that setting (state.ts
 * BOUNDS: kernel 1 to 9, output padding 0 to 7), but the values the layer takes with every other
 * setting as it is. Step 1's 4×4 input takes a kernel of at most 4, step 10's stride 2 an output
 * padding of 0 or 1: the invitation, the box's range message and the box's min and max all name
 * this one range, so a reader is never told "1 to 9" under an invitation that says "1 to 4".
 *
 * The page does not re-derive the geometry's limits: each value is handed to the library as the
 * figure's layer would be (layer.ts buildLayer), and the range runs from the smallest value it
 * accepts to the largest.
 */
import { buildLayer } from '../layer.js';
import { cloneState } from '../state.js';
import type { State } from '../state.js';

/**
 * The values within `bounds` that the library accepts for `s` changed by `apply(v)`, from the
 * smallest to the largest; `bounds` itself where it accepts none (the layer is refused for another
 * reason, which the library's own message then says).
 */
export function acceptedRange(s: State, bounds: readonly [number, number], apply: (s: State, v: number) => void): [number, number] {
  let lo: number | null = null;
  let hi: number | null = null;
  for (let v = bounds[0]; v <= bounds[1]; v++) {
    const c = cloneState(s);
    apply(c, v);
    if (!buildLayer(c).ok) continue;
    lo ??= v;
    hi = v;
  }
  return lo === null || hi === null ? [bounds[0], bounds[1]] : [lo, hi];
}
