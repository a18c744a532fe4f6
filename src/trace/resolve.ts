/**
 * What `trace` and `convMatrix` accept, resolved to a geometry: a ConvGeometry or PoolGeometry as
 * is, or explain-style options built into one by the explain dialect's parser (resolveSpec), so a
 * trace, a matrix and an explanation of the same options always describe the same geometry.
 */
import { resolveSpec, type Misplaced, type ResolvedSpec } from '../geometry/options.js';
import type { PoolGeometry } from '../geometry/pool.js';
import type { ConvGeometry } from '../geometry/types.js';
import type { TraceInput } from './types.js';

export type ResolvedGeometry = ResolvedSpec;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function isConvGeometry(v: unknown): v is ConvGeometry {
  return isObject(v) && Array.isArray(v.axes) && Array.isArray(v.weightShape) && typeof v.transposed === 'boolean';
}

export function isPoolGeometry(v: unknown): v is PoolGeometry {
  return isObject(v) && Array.isArray(v.axes) && (v.mode === 'max' || v.mode === 'avg') && typeof v.channels === 'number';
}

/**
 * A ConvGeometry / PoolGeometry as given, or the one explain-style options describe (`misplaced`:
 * the calling function's other option names, refused saying where they go).
 */
export function resolveGeometry(input: TraceInput, misplaced?: Misplaced): ResolvedGeometry {
  if (isConvGeometry(input)) return { kind: 'conv', geometry: input };
  if (isPoolGeometry(input)) return { kind: 'pool', geometry: input };
  return resolveSpec(input, [], misplaced);
}
