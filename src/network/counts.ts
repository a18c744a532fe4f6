/**
 * Per-layer counts for the table. The counts themselves come from `arithmetic/counts.ts`
 * (convCounts: MACs = multiply-accumulates without bias adds, FLOPs = 2·MACs, transposed convs
 * counted by *input* positions). This file adds what popular tools report for the same layer, so
 * the table can say where they differ (docs/semantics.md, "Counting").
 */
import { convCounts } from '../arithmetic/counts.js';
import type { ConvGeometry } from '../geometry/types.js';

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

export const convParams = (g: ConvGeometry): number => convCounts(g).params;
export const convMacs = (g: ConvGeometry): number => convCounts(g).macs;

/**
 * What thop and torchinfo report for the same layer. Both count by *output* positions, also for
 * transposed convs, which over-counts those by ≈ Π(out/in) ≈ s^rank.
 */
export function toolMacs(g: ConvGeometry): { thop: number; torchinfo: number } {
  const taps = prod(g.axes.map((a) => a.kernel));
  const outPositions = g.batch * prod(g.axes.map((a) => a.output));
  // thop (calc_func.calculate_conv2d_flops): prod(output.shape)·(in_c/g)·Πk, in_c = input.shape[1].
  const thop = outPositions * g.outChannels * (g.inChannels / g.groups) * taps;
  // torchinfo (layer_info.calculate_macs): (weight.numel + bias.numel)·N·prod(output spatial).
  const torchinfo = (prod(g.weightShape) + (g.hasBias ? g.outChannels : 0)) * outPositions;
  return { thop, torchinfo };
}
