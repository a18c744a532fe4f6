/**
 * Output-position classes: the fast engine's view of a ConvGeometry.
 *
 * A class is a set of output positions that all use the same kernel taps. A direct conv has one
 * class per axis (every output, every tap). A transposed conv of stride s has up to s classes per
 * axis (its sub-pixel phases): outputs in a phase only meet input cells through the taps listed,
 * all other taps would land on inserted zeros, so they are never multiplied. Classes of a
 * multi-axis conv are products of per-axis classes; a class with no tap outputs only the bias.
 *
 * Every index here comes from geometry/taps.ts `tapSource` — nothing is re-derived.
 */
import { tapPosition, tapSource } from '../../geometry/taps.js';
import type { AxisGeometry, ConvGeometry, DirectAxis } from '../../geometry/types.js';

export interface AxisClass {
  /** Output indices of the class along this axis (ascending). */
  outs: number[];
  /** Kernel taps (as stored in the weight) that can read an input cell for these outputs. */
  taps: number[];
  /** tab[t·outs.length + o] = input index read by taps[t] at outs[o], or −1 (padding/crop). */
  tab: Int32Array;
  /** Per tap: [lo, hi) range of `o` where tab is ≥ 0 and increases by exactly `step`. */
  lo: Int32Array;
  hi: Int32Array;
  /** Input cells between neighbouring outputs of the class inside a run (1: block copy). */
  step: number;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function buildTables(ax: AxisGeometry | null, outs: number[], taps: number[], g: ConvGeometry): AxisClass {
  const n = outs.length;
  // Direct: neighbouring outputs read cells `stride` apart. A transposed phase: 1 apart.
  const step = ax && !ax.transposed ? ax.stride : 1;
  const tab = new Int32Array(taps.length * n);
  const lo = new Int32Array(taps.length);
  const hi = new Int32Array(taps.length);
  for (let t = 0; t < taps.length; t++) {
    for (let o = 0; o < n; o++) tab[t * n + o] = ax ? tapSource(ax, outs[o], taps[t], g.paddingMode) : 0;
    // Longest run of evenly spaced input cells: the stretch the packer reads without the table
    // (a block copy when step is 1, a deinterleave when 2).
    let best = 0, bestLo = 0, start = 0;
    for (let o = 0; o <= n; o++) {
      const cont = o > start && o < n && tab[t * n + o] === tab[t * n + o - 1] + step && tab[t * n + o - 1] >= 0;
      if (!cont) {
        if (o - start > best && tab[t * n + start] >= 0) { best = o - start; bestLo = start; }
        start = o;
      }
    }
    lo[t] = bestLo;
    hi[t] = bestLo + (best > 1 ? best : 0);
  }
  return { outs, taps, tab, lo, hi, step };
}

/**
 * Which taps of a transposed axis can ever read an input cell at output o: those with an
 * unbounded position (only the stride's inserted zeros reject a tap).
 */
function liveTaps(ax: AxisGeometry, o: number): number[] {
  return range(ax.kernel).filter((k) => tapPosition(ax, o, k) !== null);
}

/** Classes of one axis (or of a missing axis when `ax` is null: one output, one tap, index 0). */
export function axisClasses(ax: AxisGeometry | null, g: ConvGeometry): AxisClass[] {
  if (!ax) return [buildTables(null, [0], [0], g)];
  if (!ax.transposed) return [buildTables(ax, range(ax.output), range(ax.kernel), g)];
  const bySignature = new Map<string, { outs: number[]; taps: number[] }>();
  for (let o = 0; o < ax.output; o++) {
    const taps = liveTaps(ax, o);
    const key = taps.join(',');
    let c = bySignature.get(key);
    if (!c) bySignature.set(key, (c = { outs: [], taps }));
    c.outs.push(o);
  }
  return [...bySignature.values()].map((c) => buildTables(ax, c.outs, c.taps, g));
}

/** The geometry's spatial axes padded to three (D, H, W); missing leading axes are null. */
export function axes3(g: { rank: number; axes: readonly DirectAxis[] }): (DirectAxis | null)[];
export function axes3(g: { rank: number; axes: readonly AxisGeometry[] }): (AxisGeometry | null)[];
export function axes3(g: { rank: number; axes: readonly AxisGeometry[] }): (AxisGeometry | null)[] {
  const pad = 3 - g.rank;
  return [0, 1, 2].map((i) => (i < pad ? null : g.axes[i - pad]));
}
