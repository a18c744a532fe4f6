/**
 * The fifteen relationships of Dumoulin & Visin, "A guide to convolution arithmetic for deep
 * learning" (arXiv:1603.07285), as data: each with its condition, its formula, the formula with
 * numbers substituted, and an evaluator (used by tests to prove the table against the geometry).
 *
 * The geometry (src/geometry) is the only source of output sizes; this table only *names* which
 * textbook case a per-axis record is, and shows the paper's formula for it.
 */
import { paddingArgument } from '../geometry/axis-kind.js';
import type { AxisGeometry, DirectAxis, TransposedAxis } from '../geometry/types.js';

/** The per-axis numbers a formula reads, in the paper's notation. */
export interface RelationshipVars {
  /** Input size (transposed: i′, the input of the transposed conv). */
  i: number;
  k: number;
  s: number;
  /** Symmetric padding (transposed: the crop p of the direct conv it transposes). */
  p: number;
  d: number;
  /** Transposed: output padding, the paper's `a`. */
  a: number;
}

/** One relationship of the guide: its number, direction, formula and how to evaluate it. */
export interface Relationship {
  id: number;
  transposed: boolean;
  /** Formula in the paper's notation (o for direct; o′ and i′ for transposed). */
  formula: string;
  /** The right-hand side with numbers in place of the symbols. */
  substitute(v: RelationshipVars): string;
  /** The formula's value (tests check it equals the geometry's output). */
  evaluate(v: RelationshipVars): number;
}

const fl = (n: number, s: number) => Math.floor(n / s);

/** Direct relationships (1–7, 15). */
const direct: Relationship[] = [
  { id: 1, transposed: false, formula: 'o = (i − k) + 1', substitute: (v) => `(${v.i} − ${v.k}) + 1`, evaluate: (v) => v.i - v.k + 1 },
  { id: 2, transposed: false, formula: 'o = (i − k) + 2p + 1', substitute: (v) => `(${v.i} − ${v.k}) + 2·${v.p} + 1`, evaluate: (v) => v.i - v.k + 2 * v.p + 1 },
  { id: 3, transposed: false, formula: 'o = i', substitute: (v) => `${v.i}`, evaluate: (v) => v.i },
  { id: 4, transposed: false, formula: 'o = i + (k − 1)', substitute: (v) => `${v.i} + (${v.k} − 1)`, evaluate: (v) => v.i + v.k - 1 },
  { id: 5, transposed: false, formula: 'o = ⌊(i − k)/s⌋ + 1', substitute: (v) => `⌊(${v.i} − ${v.k})/${v.s}⌋ + 1`, evaluate: (v) => fl(v.i - v.k, v.s) + 1 },
  {
    id: 6,
    transposed: false,
    formula: 'o = ⌊(i + 2p − k)/s⌋ + 1',
    substitute: (v) => `⌊(${v.i} + 2·${v.p} − ${v.k})/${v.s}⌋ + 1`,
    evaluate: (v) => fl(v.i + 2 * v.p - v.k, v.s) + 1,
  },
  { id: 7, transposed: false, formula: 'o = ⌊(i − k)/s⌋ + 1', substitute: (v) => `⌊(${v.i} − ${v.k})/${v.s}⌋ + 1`, evaluate: (v) => fl(v.i - v.k, v.s) + 1 },
  {
    id: 15,
    transposed: false,
    formula: 'o = ⌊(i + 2p − k − (k − 1)(d − 1))/s⌋ + 1',
    substitute: (v) => `⌊(${v.i} + 2·${v.p} − ${v.k} − (${v.k} − 1)·(${v.d} − 1))/${v.s}⌋ + 1`,
    evaluate: (v) => fl(v.i + 2 * v.p - v.k - (v.k - 1) * (v.d - 1), v.s) + 1,
  },
];

/** Transposed relationships (8–14), in terms of the transposed conv's input i′ and output o′. */
const transposed: Relationship[] = [
  { id: 8, transposed: true, formula: "o′ = i′ + (k − 1)", substitute: (v) => `${v.i} + (${v.k} − 1)`, evaluate: (v) => v.i + v.k - 1 },
  { id: 9, transposed: true, formula: "o′ = i′ + (k − 1) − 2p", substitute: (v) => `${v.i} + (${v.k} − 1) − 2·${v.p}`, evaluate: (v) => v.i + v.k - 1 - 2 * v.p },
  { id: 10, transposed: true, formula: "o′ = i′", substitute: (v) => `${v.i}`, evaluate: (v) => v.i },
  { id: 11, transposed: true, formula: "o′ = i′ − (k − 1)", substitute: (v) => `${v.i} − (${v.k} − 1)`, evaluate: (v) => v.i - (v.k - 1) },
  { id: 12, transposed: true, formula: "o′ = s(i′ − 1) + k", substitute: (v) => `${v.s}·(${v.i} − 1) + ${v.k}`, evaluate: (v) => v.s * (v.i - 1) + v.k },
  {
    id: 13,
    transposed: true,
    formula: "o′ = s(i′ − 1) + k − 2p",
    substitute: (v) => `${v.s}·(${v.i} − 1) + ${v.k} − 2·${v.p}`,
    evaluate: (v) => v.s * (v.i - 1) + v.k - 2 * v.p,
  },
  {
    id: 14,
    transposed: true,
    formula: "o′ = s(i′ − 1) + a + k − 2p",
    substitute: (v) => `${v.s}·(${v.i} − 1) + ${v.a} + ${v.k} − 2·${v.p}`,
    evaluate: (v) => v.s * (v.i - 1) + v.a + v.k - 2 * v.p,
  },
];

/**
 * The guide's fifteen relationships, ordered by number (1–7 and 15 direct, 8–14 transposed).
 *
 * @example
 * ```ts
 * import { RELATIONSHIPS } from 'convkit';
 * RELATIONSHIPS.length;                                       //=> 15
 * RELATIONSHIPS.filter((r) => r.transposed).map((r) => r.id); //=> [8, 9, 10, 11, 12, 13, 14]
 * ```
 */
export const RELATIONSHIPS: readonly Relationship[] = [...direct, ...transposed].sort((x, y) => x.id - y.id);

/**
 * Relationship `id` (1–15) of the guide; a RangeError for any other number.
 *
 * @example
 * ```ts
 * import { relationship } from 'convkit';
 * const r = relationship(6);
 * r.formula;                                          //=> 'o = ⌊(i + 2p − k)/s⌋ + 1'
 * r.evaluate({ i: 5, k: 3, s: 2, p: 1, d: 1, a: 0 }); //=> 3
 * ```
 */
export function relationship(id: number): Relationship {
  const r = RELATIONSHIPS.find((x) => x.id === id);
  if (!r) throw new RangeError(`no relationship ${id}`);
  return r;
}

/** The general formula used when no relationship of the paper applies (asymmetric padding, dilated transposed). */
export interface GeneralFormula<A extends AxisGeometry = AxisGeometry> {
  formula: string;
  substitute(axis: A): string;
}

export const GENERAL_DIRECT: GeneralFormula<DirectAxis> = {
  formula: 'o = ⌊(i + p_b + p_a − d(k − 1) − 1)/s⌋ + 1',
  substitute: (x) => `⌊(${x.input} + ${x.padBefore} + ${x.padAfter} − ${x.dilation}·(${x.kernel} − 1) − 1)/${x.stride}⌋ + 1`,
};

export const GENERAL_TRANSPOSED: GeneralFormula<TransposedAxis> = {
  formula: "o′ = s(i′ − 1) − p_b − p_a + d(k − 1) + 1 + a",
  substitute: (x) => `${x.stride}·(${x.input} − 1) − ${x.cropBefore} − ${x.cropAfter} + ${x.dilation}·(${x.kernel} − 1) + 1 + ${x.outputPadding}`,
};

/** The paper's variables of one axis (p is meaningful only when the padding is symmetric). */
export function varsOf(axis: AxisGeometry): RelationshipVars {
  return { i: axis.input, k: axis.kernel, s: axis.stride, p: paddingArgument(axis)[0], d: axis.dilation, a: axis.outputPadding };
}

/**
 * Which relationship of the paper describes this axis, most specific first; null when none does
 * (asymmetric padding; a dilated transposed conv, which the paper does not treat).
 * `pooling` selects relationship 7 for an unpadded, undilated pooling window.
 *
 * @example
 * ```ts
 * import { convGeometry, relationshipOf } from 'convkit';
 * const ax = convGeometry({ inputShape: [1, 1, 5, 5], weightShape: [1, 1, 3, 3] }, { padding: 1 }).axes[0];
 * relationshipOf(ax); //=> 3
 * ```
 */
export function relationshipOf(axis: AxisGeometry, pooling = false): number | null {
  const { kernel: k, stride: s, dilation: d } = axis;
  const [pb, pa] = paddingArgument(axis);
  if (pb !== pa) return null;
  const p = pb;
  if (axis.transposed) {
    if (d !== 1) return null;
    if (s === 1) {
      if (p === 0) return 8;
      if (k % 2 === 1 && p === Math.floor(k / 2)) return 10;
      if (p === k - 1) return 11;
      return 9;
    }
    // The direct conv it transposes has input o′ and a = (o′ + 2p − k) mod s, which equals the output padding.
    const a = (((axis.output + 2 * p - k) % s) + s) % s;
    if (a === 0 && axis.outputPadding === 0) return p === 0 ? 12 : 13;
    return 14;
  }
  if (pooling) {
    if (d !== 1) return 15;
    return p === 0 ? 7 : 6;
  }
  if (d !== 1) return 15;
  if (s === 1) {
    if (p === 0) return 1;
    if (k % 2 === 1 && p === Math.floor(k / 2)) return 3;
    if (p === k - 1) return 4;
    return 2;
  }
  return p === 0 ? 5 : 6;
}

/**
 * Pooling in ceil mode (outside the guide): the output rounds up, then drops the last window when
 * it would start past the input and its left padding (PyTorch's rule, applied by the geometry).
 */
export const GENERAL_POOL_CEIL: GeneralFormula<DirectAxis> = {
  formula: 'o = ⌈(i + 2p − d(k − 1) − 1)/s⌉ + 1',
  substitute: (x) => {
    const numerator = x.input + 2 * x.padBefore - x.effectiveKernel;
    const rounded = Math.ceil(numerator / x.stride) + 1;
    const text = `⌈(${x.input} + 2·${x.padBefore} − ${x.dilation}·(${x.kernel} − 1) − 1)/${x.stride}⌉ + 1`;
    return rounded === x.output ? text : `${text} − 1`;
  },
};
