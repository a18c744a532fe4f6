/**
 * The renderer's refusal of a page layer, for tests of the export's refusal text: the layer the
 * form's state builds, checked by the library's own size guard (checkGeometryDrawable).
 */
import type { ConvError } from '../../src/geometry/errors.js';
import { checkGeometryDrawable } from '../../src/render/options.js';
import { buildLayer } from '../../web/src/layer.js';
import type { State } from '../../web/src/state.js';

export function refusalOf(s: State): ConvError {
  const r = buildLayer(s);
  if (!r.ok) throw new Error('not a layer');
  try {
    checkGeometryDrawable(r.geometry);
  } catch (e) {
    return e as ConvError;
  }
  throw new Error('drawn');
}
