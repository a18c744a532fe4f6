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

/** Output spatial size along one axis (PyTorch formulas). */
export function outSize(bc: BenchCase, i: number, k: number): number {
  const ke = bc.dilation * (k - 1) + 1;
  return bc.transposed
    ? (i - 1) * bc.stride - 2 * bc.padding + ke + bc.outputPadding
    : Math.floor((i + 2 * bc.padding - ke) / bc.stride) + 1;
}

export function outputShape(bc: BenchCase): [number, number, number, number] {
  const [, , h, w] = bc.input;
  const [, , kh, kw] = bc.weight;
  const oc = bc.transposed ? bc.weight[1] * bc.groups : bc.weight[0];
  return [1, oc, outSize(bc, h, kh), outSize(bc, w, kw)];
}

/** Multiply-adds actually needed (no inserted zeros; transposed counted by input positions). */
export function macs(bc: BenchCase): number {
  const [, ic, h, w] = bc.input;
  const [, , kh, kw] = bc.weight;
  const [, oc, oh, ow] = outputShape(bc);
  return bc.transposed ? ic * (oc / bc.groups) * kh * kw * h * w : oc * (ic / bc.groups) * kh * kw * oh * ow;
}
