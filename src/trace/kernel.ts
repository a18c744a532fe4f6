/** The displayed kernel: taps as the equivalent direct convolution reads them, with weight indices. */
import { gridTap, weightTap } from '../geometry/taps.js';
import type { AxisGeometry } from '../geometry/types.js';
import { allCoords } from './raster.js';
import type { TraceKernel } from './types.js';

export function traceKernel(axes: readonly AxisGeometry[]): TraceKernel {
  const shape = axes.map((a) => a.kernel);
  return {
    shape,
    dilation: axes.map((a) => a.dilation),
    effective: axes.map((a) => a.effectiveKernel),
    flipped: axes.some((a) => a.equivalent.flipped),
    taps: allCoords(shape).map((kernel) => ({
      kernel,
      weight: kernel.map((k, ax) => weightTap(axes[ax], k)),
      // The window of output 0 starts at grid cell 0, so its taps' grid cells are the offsets.
      offset: kernel.map((k, ax) => gridTap(axes[ax], 0, k)),
    })),
  };
}
