/**
 * Chooses the engine that computes a geometry. 'reference' is always the plain loops; 'auto'
 * picks the fastest engine available for the case (the reference engine until a faster one is
 * present and applicable).
 */
import { ConvError, show } from '../geometry/errors.js';
import type { ConvGeometry } from '../geometry/types.js';
import { referenceConv } from './reference/conv.js';

export type EngineName = 'reference' | 'auto';

export function engineOf(v: unknown): EngineName {
  if (v === undefined || v === null || v === 'auto') return 'auto';
  if (v === 'reference') return 'reference';
  throw new ConvError('INVALID_OPTION', `engine must be 'auto' or 'reference', but got ${show(v)}`, { values: { engine: v }, hint: "use 'auto' (fastest available) or 'reference'" });
}

export function runConv(g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null, engine: EngineName): Float32Array {
  void engine;
  return referenceConv(g, x, w, bias);
}
