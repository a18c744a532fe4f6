/**
 * Parameter and compute counts of a convolution, with the convention stated (docs/semantics.md, "Counting"):
 * MACs are multiply–accumulates of the weights (bias adds not counted), FLOPs = 2·MACs, and a
 * transposed convolution is counted by *input* positions (the scatter form as computed), which
 * includes products that the crop `p` later throws away.
 */
import type { ConvGeometry } from '../geometry/types.js';
import { product } from '../geometry/validate.js';

/** Parameters and compute of one convolution layer; MACs exclude bias adds, FLOPs = 2·MACs. */
export interface ConvCounts {
  /** Weights + bias. */
  params: number;
  paramsWithBias: number;
  paramsWithoutBias: number;
  weights: number;
  biases: number;
  /** Multiply–accumulates, bias adds not counted. */
  macs: number;
  /** 2·MACs. */
  flops: number;
  /** Multiply–accumulates per output element (direct) or per input element (transposed). */
  macsPerPosition: number;
  /** Positions that the count runs over: output positions (direct) or input positions (transposed), batch included. */
  positions: number;
  /** 'output' for direct, 'input' for transposed. */
  countedBy: 'output' | 'input';
  /**
   * Whether `macs`, `flops` and `positions` are exact: past 2^53 a float cannot hold every whole
   * number, and {@link exactConvCounts} gives the exact ones.
   */
  exact: boolean;
}

/** The compute counts of {@link ConvCounts} as exact whole numbers, whatever their size. */
export interface ExactConvCounts {
  macs: bigint;
  flops: bigint;
  macsPerPosition: bigint;
  positions: bigint;
}

/**
 * The one counting convention, as the factors whose products are the counts: per position, the
 * channels one output (direct) or input (transposed) cell meets in its group times the kernel's
 * taps; positions, the batch times the channels and cells the count runs over.
 */
function countFactors(g: ConvGeometry): { perPosition: number[]; positions: number[] } {
  const kernel = g.axes.map((a) => a.kernel);
  return g.transposed
    // Every input cell of every input channel scatters into OC/g output channels × Πk taps.
    ? { perPosition: [g.outChannels / g.groups, ...kernel], positions: [g.batch, g.inChannels, ...g.axes.map((a) => a.input)] }
    : { perPosition: [g.inChannels / g.groups, ...kernel], positions: [g.batch, g.outChannels, ...g.axes.map((a) => a.output)] };
}

const bigProduct = (xs: readonly number[]): bigint => xs.reduce((p, x) => p * BigInt(x), 1n);


/**
 * Parameters and multiply–accumulates of a convolution. A transposed convolution is counted by
 * input positions (the products it computes, cropped ones included), so a layer and its transpose
 * have the same parameters and MACs per position.
 *
 * @example
 * ```ts
 * import { convCounts, convGeometry } from 'convkit';
 * const g = convGeometry({ inputShape: [1, 16, 8, 8], weightShape: [32, 8, 3, 3], biasShape: [32] }, { groups: 2, padding: 1 });
 * convCounts(g); //=> { params: 2336, weights: 2304, biases: 32, macs: 147456, flops: 294912, macsPerPosition: 72 }
 * ```
 */
export function convCounts(g: ConvGeometry): ConvCounts {
  // Weight shape is [OC, IC/g, k…] (direct) or [IC, OC/g, k…] (transposed): the same number of weights.
  const weights = product(g.weightShape);
  const biasCount = g.outChannels;
  const biases = g.hasBias ? biasCount : 0;
  const f = countFactors(g);
  const macsPerPosition = product(f.perPosition);
  const positions = product(f.positions);
  const macs = positions * macsPerPosition;
  return {
    params: weights + biases,
    paramsWithBias: weights + biasCount,
    paramsWithoutBias: weights,
    weights,
    biases,
    macs,
    flops: 2 * macs,
    macsPerPosition,
    positions,
    countedBy: g.transposed ? 'input' : 'output',
    exact: Number.isSafeInteger(2 * macs),
  };
}

/**
 * The MACs, FLOPs and positions of {@link convCounts} counted exactly with BigInt, for layers
 * whose counts pass 2^53 (a float then rounds them: 9,007,199,254,740,993 cannot be held).
 *
 * @example
 * ```ts
 * import { convGeometry, exactConvCounts } from 'convkit';
 * const g = convGeometry({ inputShape: [1, 16, 8, 8], weightShape: [32, 8, 3, 3] }, { groups: 2, padding: 1 });
 * exactConvCounts(g).macs; //=> 147456n
 * ```
 */
export function exactConvCounts(g: ConvGeometry): ExactConvCounts {
  const f = countFactors(g);
  const macsPerPosition = bigProduct(f.perPosition);
  const positions = bigProduct(f.positions);
  const macs = positions * macsPerPosition;
  return { macs, flops: 2n * macs, macsPerPosition, positions };
}
