/**
 * The receptive field of a stack of dilated 3 × 3 layers on a picture, from the library's network
 * analysis: the network is built (buildNetwork) for the picture's size and the input pixels one
 * output pixel depends on come from outputRegion, per axis. A 2-D kernel is a full rectangle of
 * taps, so the pixels are every (row, column) pair of the two axes' sets; the holes between them
 * are the gridding of stacked equal rates.
 */
import { buildNetwork } from '../../../src/network/build.js';
import { outputRegion } from '../../../src/network/receptive.js';
import type { ConvLayerDef, Network } from '../../../src/network/types.js';

export interface Stack {
  id: string;
  rates: number[];
}

/** Stacks to compare: equal rates grid, rates with no common factor (HDC) cover every pixel. */
export const STACKS: readonly Stack[] = [
  { id: '2-2-2', rates: [2, 2, 2] },
  { id: '1-2-5', rates: [1, 2, 5] },
  { id: '1-2-4', rates: [1, 2, 4] },
  { id: '4-4', rates: [4, 4] },
];

export function stackNetwork(rates: readonly number[], height: number, width: number): Network {
  const layers: ConvLayerDef[] = rates.map((d, i) => ({
    kind: 'conv', name: `d${i + 1}`, op: 'conv', inputs: [i === 0 ? 'x' : `d${i}`], outChannels: 1, kernel: [3, 3], stride: [1, 1], dilation: [d, d],
    padding: { pairs: [[d, d], [d, d]] }, groups: 1, bias: false,
  }));
  return buildNetwork({ input: { name: 'x', shape: [1, 1, height, width] }, layers });
}

export interface StackField {
  rows: number[];
  cols: number[];
  /** Span of the field on each axis and the holes inside it (rows × cols pixels not read). */
  span: [number, number];
  pixels: number;
  holes: number;
}

/** The input pixels output pixel (oy, ox) of the stack reads (pixels outside the picture read nothing). */
export function stackField(net: Network, oy: number, ox: number): StackField {
  const [h, w] = outputRegion(net, [oy, ox]);
  const span: [number, number] = [h.start === null ? 0 : (h.end as number) - h.start + 1, w.start === null ? 0 : (w.end as number) - w.start + 1];
  const pixels = h.cells.length * w.cells.length;
  return { rows: h.cells, cols: w.cells, span, pixels, holes: span[0] * span[1] - pixels };
}
