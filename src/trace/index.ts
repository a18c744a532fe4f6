/** Trace: the frames of a convolution as data (see types.ts for the contract). */
export { trace, checkTraceSize } from './trace.js';
export { resolveGeometry, isConvGeometry, isPoolGeometry } from './resolve.js';
export type { ResolvedGeometry } from './resolve.js';
export { combineKinds } from './grid.js';
export { count, flatIndex, coordsOf, allCoords } from './raster.js';
export { TRACE_LIMIT } from './types.js';
export type * from './types.js';
export { traceText, CELL_GLYPHS } from './text.js';
