/**
 * Reading an axis by its kind. A direct axis pads its input (`padBefore`/`padAfter`), a transposed
 * one crops its full output (`cropBefore`/`cropAfter`); the helpers here are for the few readers
 * that need one number across both kinds, or that the type system cannot narrow.
 */
import type { AxisGeometry, DirectAxis } from './types.js';

/**
 * The layer's `padding` argument as PyTorch and the guide write it, before and after: the cells
 * added around the input of a direct axis, the cells cropped from the full output of a transposed
 * one (the guide's p, which relationships 8–14 take from the direct conv being transposed). For
 * what prints or classifies a layer by its arguments (explanations, code recipes); a computation
 * reads the axis's own fields, or `equivalent` for the grid the kernel slides over.
 */
export function paddingArgument(a: AxisGeometry): [number, number] {
  return a.transposed ? [a.cropBefore, a.cropAfter] : [a.padBefore, a.padAfter];
}

/**
 * `a` as a {@link DirectAxis}, for code that computes only direct convolutions or pooling but
 * receives the wider type (Winograd after its eligibility check; the fast pooling plan's axes). A
 * transposed axis here would have its crop read as padding: a bug, so it throws.
 */
export function asDirect(a: AxisGeometry): DirectAxis {
  if (a.transposed) throw new Error(`internal: axis ${a.name} is transposed, but this plan computes direct convolutions only`);
  return a;
}
