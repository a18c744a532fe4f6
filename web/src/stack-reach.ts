/**
 * One output's reach through stacked dilated layers on one axis, from the library's receptive
 * field (src/network/receptive.ts): the span of input cells it covers and the holes inside it.
 * The one home of this question on the page: the stacked figure (stack-figure.ts), the Formula
 * tab's note under it (side-panels.ts) and the tour's gridding numbers (tour/steps.ts).
 */
import { buildNetwork } from '../../src/network/build.js';
import { receptiveField } from '../../src/network/receptive.js';
import type { ConvLayerDef } from '../../src/network/types.js';

/** Start, span and hole positions (relative to start) of one output of the stack, on one axis. */
export function stackReach(rates: number[], kernel: number): { span: number; holes: number[] } {
  const layers: ConvLayerDef[] = rates.map((d, i) => ({
    kind: 'conv', name: `rate${i + 1}`, op: 'conv', inputs: [i === 0 ? 'x' : `rate${i}`], outChannels: 1, kernel: [kernel], stride: [1], dilation: [d],
    padding: { pairs: [[0, 0]] }, groups: 1, bias: false,
  }));
  const reach = rates.reduce((s, d) => s + d * (kernel - 1), 0);
  const rf = receptiveField(buildNetwork({ input: { name: 'x', shape: [1, 1, reach + 1] }, layers }));
  const phase = rf.axes[0].exact.phases[0];
  return { span: phase.span, holes: phase.holePositions };
}
