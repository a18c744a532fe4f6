/**
 * The analyses take a built Network (buildNetwork's result), not the definition it is built from:
 * a NetworkDef from parseLayerList or onnxToNetwork has layers but no analysed nodes, and reading
 * it as a Network failed deep inside with a TypeError.
 */
import { ConvError, show } from '../geometry/errors.js';
import type { Network } from './types.js';

export function requireNetwork(v: unknown, fn: string): asserts v is Network {
  const o = v as Partial<Network> | null;
  if (o !== null && typeof o === 'object' && Array.isArray(o.nodes) && o.byName instanceof Map && Array.isArray(o.outputs)) return;
  const isDef = o !== null && typeof o === 'object' && Array.isArray((o as { layers?: unknown }).layers);
  throw new ConvError('INVALID_OPTION', isDef
    ? `${fn} takes a built network, but got its definition (layers, not analysed nodes)`
    : `${fn} takes a built network, but got ${show(v)}`, {
    hint: 'build it first: buildNetwork(parseLayerList(text)) or buildNetwork(onnxToNetwork(bytes))',
  });
}
