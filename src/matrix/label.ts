/** Symbolic names of weight elements: w₀₀ … w₂₂ (the seed's matrix figure), w[oc,ic]₀₀ with channels. */

const SUB = '₀₁₂₃₄₅₆₇₈₉';

function subscript(n: number): string {
  return String(n).replace(/[0-9]/g, (d) => SUB[Number(d)]);
}

/**
 * Label of one weight element. `kernel` is the spatial tap; `channels` the weight's two channel
 * indices, shown only when the weight has more than one channel pair. Indices of one digit are
 * written together (w₁₂); if any kernel extent exceeds 10 they are separated by commas (w₁₀,₂).
 *
 * @example
 * ```ts
 * import { weightLabel } from 'convkit';
 * weightLabel([0, 2], [3, 3]);          //=> 'w₀₂'
 * weightLabel([1, 1], [3, 3], [1, 0]);  //=> 'w[1,0]₁₁'
 * ```
 */
export function weightLabel(kernel: readonly number[], kernelShape: readonly number[], channels?: readonly [number, number]): string {
  const sep = kernelShape.some((k) => k > 10) ? ',' : '';
  const prefix = channels ? `w[${channels[0]},${channels[1]}]` : 'w';
  return prefix + kernel.map(subscript).join(sep);
}
