/**
 * The shapes of an explanation: what `explain` (./explain.ts) returns and what the text
 * (./text.ts) reads. Kept apart from both so neither has to import the other for its types.
 */
import type { PaddingMode } from '../geometry/types.js';
import type { Lang } from '../i18n/index.js';
import type { ConvCounts } from './counts.js';

/** Why no relationship of the guide applies to an axis. */
export type NoRelationshipReason = 'asymmetric-padding' | 'dilated-transposed' | 'ceil-mode';

/** The equivalent direct convolution of a transposed axis, in the guide's primed notation. */
export interface EquivalentExplanation {
  /** i': the transposed conv's input size. */
  iPrime: number;
  /** ĩ': that input after inserting s−1 zeros between neighbouring cells. */
  iTildePrime: number;
  insertedZeros: number;
  kPrime: number;
  /** Always 1: the equivalent convolution moves one cell at a time. */
  sPrime: number;
  dilation: number;
  /** p' before, and after (without the `a` cells); negative means cropped. */
  pPrime: [number, number];
  /** The `a` cells added after p' (the output padding); part of padAfter. */
  a: number;
  padBefore: number;
  padAfter: number;
  /** The kernel is read rotated by 180°. */
  flipped: boolean;
  oPrime: number;
}

/** One spatial axis explained: its numbers, the guide's relationship (1–15) and formula with the numbers in it. */
export interface AxisExplanation {
  axis: string;
  input: number;
  kernel: number;
  stride: number;
  dilation: number;
  /** `[before, after]`: zero padding (direct) or cells cropped from the full output (transposed). */
  padding: [number, number];
  outputPadding: number;
  effectiveKernel: number;
  output: number;
  relationship: number | null;
  reason: NoRelationshipReason | null;
  /** The formula of the relationship (or the general formula when none applies). */
  formula: string;
  /** Its right-hand side with the numbers substituted. */
  substituted: string;
  equivalent: EquivalentExplanation | null;
}

/** What `explain` returns: sizes, shapes, one {@link AxisExplanation} per axis, counts with their convention, and `lines` of text. */
export interface Explanation {
  kind: 'convolution' | 'transposed' | 'pooling';
  poolMode: 'max' | 'avg' | null;
  transposed: boolean;
  rank: number;
  lang: Lang;
  /** Spatial sizes in and out. */
  input: number[];
  output: number[];
  inputShape: number[];
  weightShape: number[] | null;
  outputShape: number[];
  inChannels: number;
  outChannels: number;
  groups: number;
  batch: number;
  bias: boolean;
  /** What fills a convolution's padding (zeros, or copies of the input); null for a pooling window. */
  paddingMode: PaddingMode | null;
  /** One per axis: the guide's relationship number, or null. */
  relationships: (number | null)[];
  axes: AxisExplanation[];
  /** Parameters as configured (with bias when the layer has one). */
  params: number;
  paramsWithBias: number;
  paramsWithoutBias: number;
  /** Multiply–accumulates (bias adds not counted). */
  macs: number;
  /** 2·MACs. */
  flops: number;
  counts: ConvCounts | null;
  /**
   * MACs and FLOPs as exact decimal strings ("9007199254740993"), which `macs` and `flops` are not
   * past 2^53; strings so that the explanation stays JSON. Null for a pooling window.
   */
  macsExact: string | null;
  flopsExact: string | null;
  /** Pooling: window reads (N·C·ΠOut·Πk); 0 for convolutions. */
  windowReads: number;
  convention: string;
  /** Human-readable explanation, one line per entry. */
  lines: string[];
}
