/**
 * The numbers of the numeric pictures: input values 0–3 and kernel values 0–2 as in the classic
 * numerical figures (fixed pseudo-random, so a picture is reproducible), and every output value
 * computed by the reference engine on the trace's own geometry — never by the drawing code.
 *
 * One input channel → one output channel is drawn (the channel option, default 0 → 0), so every
 * other channel's input and weight is zero: the printed outputs are exactly the sums of the printed
 * products, the drawn input channel's share of the drawn output channel.
 */
import { ConvError } from '../geometry/errors.js';
import { referencePool } from '../engine/reference/pool.js';
import { runConv } from '../engine/dispatch.js';
import { loopSizes, weightBase } from '../engine/reference/conv.js';
import type { DrawnChannel } from './options.js';
import type { PoolGeometry } from '../geometry/pool.js';
import type { ConvGeometry } from '../geometry/types.js';
import type { Trace } from '../trace/types.js';
import { count } from '../trace/raster.js';

export interface NumericValues {
  /** The drawn input channel's values, raster order over trace.inputShape. */
  input: number[];
  /** The drawn channel pair's weight values, raster order over the weight's spatial taps (null for pooling). */
  weight: number[] | null;
  /** The drawn output channel's outputs, raster order over trace.outputShape. */
  output: number[];
}

/** Small deterministic generator (LCG) for the default values. */
function seeded(n: number, max: number, seed: number): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push((s >>> 24) % (max + 1));
  }
  return out;
}

function take(given: ArrayLike<number> | undefined, n: number, fallback: () => number[], what: string): number[] {
  if (given === undefined) return fallback();
  if (given.length !== n) {
    throw new ConvError('DATA_LENGTH', `numeric ${what} values: expected ${n} numbers (one per ${what} cell), got ${given.length}`, { values: { expected: n, got: given.length } });
  }
  return Array.from(given, Number);
}

/**
 * The values of the channel pair `channel` (already checked against the trace: checkChannel): the
 * given or default ones, placed in that input channel and that pair's weight slice of the first
 * batch item, and the reference engine's output in that output channel.
 */
export function numericValues(tr: Trace, given?: { input?: ArrayLike<number>; weight?: ArrayLike<number> }, channel: DrawnChannel = { input: 0, output: 0 }): NumericValues {
  const inSpatial = count(tr.inputShape);
  const outSpatial = count(tr.outputShape);
  const input = take(given?.input, inSpatial, () => seeded(inSpatial, 3, 7), 'input');
  const outAt = channel.output * outSpatial;
  if (tr.op === 'maxPool' || tr.op === 'avgPool') {
    const g = tr.geometry as PoolGeometry;
    const x = new Float32Array(count(g.inputShape));
    x.set(input, channel.input * inSpatial);
    const out = referencePool(g, x);
    return { input, weight: null, output: Array.from(out.subarray(outAt, outAt + outSpatial)) };
  }
  const g = tr.geometry as ConvGeometry;
  const taps = count(tr.kernel.shape);
  const weight = take(given?.weight, taps, () => seeded(taps, 2, 11), 'kernel');
  const x = new Float32Array(count(g.inputShape));
  x.set(input, channel.input * inSpatial);
  const w = new Float32Array(count(g.weightShape));
  w.set(weight, weightBase(g, loopSizes(g), channel.output, channel.input));
  const out = runConv(g, x, w, null, 'reference');
  return { input, weight, output: Array.from(out.subarray(outAt, outAt + outSpatial)) };
}

/** One decimal, as the classic numerical figures print outputs. */
export function formatOutput(v: number): string {
  return (Math.round(v * 10) / 10).toFixed(1);
}
