/**
 * Whether the library's renderer draws a layer: its own size guard (checkGeometryDrawable: at most
 * 64 cells a side for the grid, the input and the output), asked rather than re-derived. The export
 * explains a refusal with it (export-refusal.ts) and a tour step drawn with the classic figure
 * keeps its control to the layers the figure draws (tour.ts).
 */
import type { ConvGeometry } from '../../src/geometry/types.js';
import { checkGeometryDrawable } from '../../src/render/options.js';

/** Axis `ax` of `g`, or every axis when it is left out, is within the renderer's size guard. */
export function rendererDraws(g: ConvGeometry, ax?: number): boolean {
  try {
    checkGeometryDrawable(g, ax);
    return true;
  } catch {
    return false;
  }
}
