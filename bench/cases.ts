import { convGeometry, convTransposeGeometry } from '../src/geometry/torch.js';

/** The benchmark cases (a)–(j) of the fast-engine issue: batch 1, float32, PyTorch layouts. */
export interface BenchCase {
  id: string;
  label: string;
  transposed: boolean;
  depthwise: boolean;
  /** NCHW input, PyTorch weight ([OC, IC/g, kh, kw] or transposed [IC, OC/g, kh, kw]). */
  input: [number, number, number, number];
  weight: [number, number, number, number];
  stride: number;
  padding: number;
  dilation: number;
  outputPadding: number;
  groups: number;
}

function c(id: string, label: string, o: Partial<BenchCase> & Pick<BenchCase, 'input' | 'weight'>): BenchCase {
  return { id, label, transposed: false, depthwise: false, stride: 1, padding: 0, dilation: 1, outputPadding: 0, groups: 1, ...o };
}

export const CASES: BenchCase[] = [
  c('a', '64→64 56×56 k3 p1', { input: [1, 64, 56, 56], weight: [64, 64, 3, 3], padding: 1 }),
  c('b', '128→128 56×56 k3 s2 p1', { input: [1, 128, 56, 56], weight: [128, 128, 3, 3], stride: 2, padding: 1 }),
  c('c', '256→64 56×56 k1', { input: [1, 256, 56, 56], weight: [64, 256, 1, 1] }),
  c('d', '3→64 224×224 k7 s2 p3', { input: [1, 3, 224, 224], weight: [64, 3, 7, 7], stride: 2, padding: 3 }),
  c('e', '256→256 32×32 k3 p2 d2', { input: [1, 256, 32, 32], weight: [256, 256, 3, 3], padding: 2, dilation: 2 }),
  c('f', '256→256 32×32 k3 p4 d4', { input: [1, 256, 32, 32], weight: [256, 256, 3, 3], padding: 4, dilation: 4 }),
  c('g', 'depthwise 256 28×28 k3 p1', { input: [1, 256, 28, 28], weight: [256, 1, 3, 3], padding: 1, groups: 256, depthwise: true }),
  c('h', 'transposed 128→64 32→64 k4 s2 p1', { input: [1, 128, 32, 32], weight: [128, 64, 4, 4], stride: 2, padding: 1, transposed: true }),
  c('i', 'transposed 64→32 56→112 k3 s2 p1 op1', { input: [1, 64, 56, 56], weight: [64, 32, 3, 3], stride: 2, padding: 1, outputPadding: 1, transposed: true }),
  c('j', '1→1 5×5 k3 s2 p1 (latency)', { input: [1, 1, 5, 5], weight: [1, 1, 3, 3], stride: 2, padding: 1 }),
  // Beyond the list: the depthwise shapes of MobileNet-style blocks other than (g).
  c('k', 'depthwise 128 56×56 k3 s2 p1', { input: [1, 128, 56, 56], weight: [128, 1, 3, 3], stride: 2, padding: 1, groups: 128, depthwise: true }),
  c('l', 'depthwise 256 28×28 k5 p2', { input: [1, 256, 28, 28], weight: [256, 1, 5, 5], padding: 2, groups: 256, depthwise: true }),
];

/** The case's output shape, from convkit's geometry (the PyTorch rules, checked against PyTorch). */
export function outputShape(bc: BenchCase): [number, number, number, number] {
  const shapes = { inputShape: bc.input, weightShape: bc.weight };
  const opts = { stride: bc.stride, padding: bc.padding, dilation: bc.dilation, groups: bc.groups };
  const g = bc.transposed ? convTransposeGeometry(shapes, { ...opts, outputPadding: bc.outputPadding }) : convGeometry(shapes, opts);
  return g.outputShape as [number, number, number, number];
}

/** Multiply-adds actually needed (no inserted zeros; transposed counted by input positions). */
export function macs(bc: BenchCase): number {
  const [, ic, h, w] = bc.input;
  const [, , kh, kw] = bc.weight;
  const [, oc, oh, ow] = outputShape(bc);
  return bc.transposed ? ic * (oc / bc.groups) * kh * kw * h * w : oc * (ic / bc.groups) * kh * kw * oh * ow;
}
