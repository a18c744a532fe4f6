/**
 * Gridding in stacks of dilated convolutions: the exact hole pattern of a rate list (a Minkowski
 * sum of the rates' tap offsets), next to the Hybrid Dilated Convolution heuristic of Wang et al.
 * 2018 (`M_2 ≤ K`), which is reported as the paper's heuristic only (docs/semantics.md, "Gridding"):
 * - it is sufficient (with r_1 = 1, odd K) but not necessary: [1, 3, 1] fails it and has no holes;
 * - it is order-sensitive while the hole pattern is not;
 * - it ignores the first rate: [2, 2, 2] passes with M_2 = 2 yet has 6 holes.
 */
import { ConvError } from '../geometry/errors.js';
import { gcd } from '../geometry/validate.js';

/** A rate list checked two ways: the HDC heuristic's M_2 and the exact hole count, with caveats where they disagree. */
export interface HdcReport {
  rates: number[];
  kernel: number;
  /** The paper's M_2 (null for fewer than two layers). */
  m2: number | null;
  /** M_2 ≤ K: the paper's design goal. A heuristic, not a hole count. */
  heuristicPasses: boolean | null;
  /** Exact: offsets in the span of the stack's taps that no path reaches. */
  span: number;
  holes: number;
  /** Hole offsets relative to the first covered cell. */
  holePositions: number[];
  /** Where the heuristic's verdict disagrees with the exact count, and why. */
  caveats: string[];
}

/**
 * M_n = r_n, M_i = max[M_{i+1} − 2r_i, M_{i+1} − 2(M_{i+1} − r_i), r_i] for i = n−1 … 2: the
 * "maximum distance between two nonzero values" of Wang et al.; their design goal is M_2 ≤ K.
 *
 * @example
 * ```ts
 * import { hdcM2 } from 'convkit';
 * hdcM2([1, 2, 5]); //=> 2
 * hdcM2([1, 2, 9]); //=> 5
 * ```
 */
export function hdcM2(rates: readonly number[]): number | null {
  const n = rates.length;
  if (n < 2) return null;
  let m = rates[n - 1];
  for (let i = n - 2; i >= 1; i--) {
    const r = rates[i];
    m = Math.max(m - 2 * r, m - 2 * (m - r), r);
  }
  return m;
}

/**
 * Exact 1-D offset set of a stack of stride-1 convs with kernel K and the given rates.
 *
 * @example
 * ```ts
 * import { rateOffsets } from 'convkit';
 * rateOffsets([1, 2], 3); //=> [0, 1, 2, 3, 4, 5, 6]
 * rateOffsets([2, 2], 3); //=> [0, 2, 4, 6, 8]
 * ```
 */
export function rateOffsets(rates: readonly number[], kernel: number): number[] {
  let set = new Set<number>([0]);
  for (const r of rates) {
    const next = new Set<number>();
    for (const x of set) for (let k = 0; k < kernel; k++) next.add(x + k * r);
    set = next;
  }
  return [...set].sort((a, b) => a - b);
}


/**
 * The HDC heuristic next to the exact hole count for a stack of stride-1 convs with these rates,
 * with a caveat wherever the heuristic's verdict is wrong.
 *
 * @example
 * ```ts
 * import { hdcReport } from 'convkit';
 * const r = hdcReport([2, 2, 2], 3);
 * [r.m2, r.heuristicPasses, r.holes]; //=> [2, true, 6]
 * r.caveats[0]; //=> 'passes M_2 ≤ K but has 6 holes: the heuristic ignores the first rate (2); start with rate 1'
 * ```
 */
export function hdcReport(rates: readonly number[], kernel: number): HdcReport {
  if (rates.length === 0 || rates.some((r) => !Number.isInteger(r) || r < 1) || !Number.isInteger(kernel) || kernel < 1) {
    throw new ConvError('INVALID_NUMBER', `HDC check needs positive integer rates and kernel, got rates [${rates.join(', ')}], kernel ${kernel}`, { hint: 'e.g. rates [1, 2, 5], kernel 3' });
  }
  const span = (kernel - 1) * rates.reduce((a, b) => a + b, 0) + 1;
  if (span > 1_000_000) throw new ConvError('TOO_LARGE', `the stack's span ${span} is too large for an exact hole count`, { hint: 'use smaller rates' });
  const offsets = rateOffsets(rates, kernel);
  const covered = new Set(offsets);
  const holePositions: number[] = [];
  for (let x = 0; x < span; x++) if (!covered.has(x)) holePositions.push(x);
  const m2 = hdcM2(rates);
  const passes = m2 === null ? null : m2 <= kernel;
  const caveats: string[] = [];
  if (passes === true && holePositions.length > 0) {
    caveats.push(rates[0] !== 1 ? `passes M_2 ≤ K but has ${holePositions.length} holes: the heuristic ignores the first rate (${rates[0]}); start with rate 1` : `passes M_2 ≤ K but has ${holePositions.length} holes`);
  }
  if (passes === false && holePositions.length === 0) caveats.push('fails M_2 ≤ K yet has no holes: the heuristic is sufficient, not necessary (and order-sensitive)');
  if (kernel % 2 === 0) caveats.push('the paper states the rule for odd K');
  const g = rates.reduce(gcd);
  if (g > 1) caveats.push(`rates share the factor ${g}: every ${g}th input only is ever read`);
  return { rates: [...rates], kernel, m2, heuristicPasses: passes, span, holes: holePositions.length, holePositions, caveats };
}
