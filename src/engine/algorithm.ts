/**
 * How the fast engine computes a direct convolution: `'direct'` (every multiply-add of the sum,
 * the dense GEMM path), `'winograd'` (minimal filtering F(4×4, 3×3): 36 multiplications per 4×4
 * output tile and channel pair instead of 144, for the 3×3 stride-1 convs it fits), or `'auto'`
 * (Winograd where this engine measured it faster, bench/results/winograd.md; direct elsewhere).
 * Both agree with the reference engine within the suite's tolerance.
 */
import { ConvError, counted, show } from '../geometry/errors.js';
import type { ConvGeometry } from '../geometry/types.js';

/**
 * Which algorithm the fast engine uses for a direct conv: `'auto'` (default), `'direct'` or `'winograd'`.
 *
 * @example
 * ```ts
 * import { conv2d } from 'convkit';
 * const algorithm = 'winograd'; // a ConvAlgorithm: 3×3, stride 1, groups 1 only; others are refused
 * const x = { shape: [1, 16, 8, 8], data: new Float32Array(16 * 64).fill(1) };
 * const w = { shape: [16, 16, 3, 3], data: new Float32Array(16 * 16 * 9).fill(0.5) };
 * conv2d(x, w, { padding: 1, algorithm }).shape; //=> [1, 16, 8, 8]
 * ```
 */
export type ConvAlgorithm = 'auto' | 'direct' | 'winograd';

export function algorithmOf(v: unknown): ConvAlgorithm {
  if (v === undefined || v === null || v === 'auto') return 'auto';
  if (v === 'direct' || v === 'winograd') return v;
  throw new ConvError('INVALID_OPTION', `algorithm must be 'auto', 'direct' or 'winograd', but got ${show(v)}`, {
    values: { algorithm: v },
    hint: "use 'auto' (the faster one for the layer), 'direct' or 'winograd' (3×3 stride-1 convs)",
  });
}

/** The configurations Winograd computes, in words (error messages). */
export const WINOGRAD_CONFIGS = '2-D direct (not transposed) convolutions with groups 1, a 3×3 kernel and stride 1 (any padding, padding mode, dilation, batch and bias)';

/** Why `g` cannot run as Winograd, or null when it can. */
export function winogradIneligibility(g: ConvGeometry): string | null {
  if (g.transposed) return 'it is a transposed convolution';
  if (g.rank !== 2) return `it has ${counted(g.rank, 'spatial axis', 'spatial axes')}`;
  if (g.groups !== 1) return `it has groups ${g.groups}`;
  for (const a of g.axes) {
    if (a.kernel !== 3) return `its kernel is ${g.axes.map((b) => b.kernel).join('×')}`;
    if (a.stride !== 1) return `its stride is ${g.axes.map((b) => b.stride).join('×')}`;
  }
  return null;
}

/** The error for algorithm 'winograd' on a conv it does not fit. */
export function winogradRefusal(reason: string): ConvError {
  return new ConvError('INVALID_OPTION', `algorithm 'winograd' cannot compute this convolution: ${reason}`, {
    values: { algorithm: 'winograd' },
    hint: `Winograd computes ${WINOGRAD_CONFIGS}; use algorithm 'auto' or 'direct' for others`,
  });
}

/**
 * Whether a call runs as Winograd: algorithm 'winograd' on an eligible conv (refused otherwise,
 * and on the reference engine, which always sums directly), 'auto' where preferWinograd says so.
 */
export function algorithmPlan(g: ConvGeometry, engine: 'auto' | 'reference', algorithm: ConvAlgorithm): boolean {
  if (algorithm === 'direct') return false;
  const reason = winogradIneligibility(g);
  if (algorithm === 'winograd') {
    if (reason) throw winogradRefusal(reason);
    if (engine === 'reference') {
      throw new ConvError('INVALID_OPTION', "algorithm 'winograd' runs on the fast engine, but engine is 'reference' (it always sums directly)", {
        values: { algorithm, engine },
        hint: "use engine 'auto' with algorithm 'winograd', or algorithm 'auto' with engine 'reference'",
      });
    }
    // No channel or no image: nothing to multiply (the result is empty or the bias), computed directly.
    return g.batch > 0 && g.inChannels > 0 && g.outChannels > 0;
  }
  return engine === 'auto' && !reason && preferWinograd(g);
}

/**
 * 'auto': Winograd where bench/results/winograd.md measured it faster than the direct GEMM path:
 * at least 16 input and output channels (64 when dilated: each sub-grid's padded planes are built
 * cell by cell, which a small GEMM does not repay), and at least 32 tiles of 4×4 outputs in the
 * call (the weight transform is paid once per call; 256→256 on one 7×7 map, 4 tiles, ran 2–3×
 * slower as Winograd, 256→256 32×32 dilation 4, 64 tiles, about 1.8× faster).
 */
export function preferWinograd(g: ConvGeometry): boolean {
  const dilated = g.axes.some((a) => a.dilation > 1);
  const minChannels = dilated ? 64 : 16;
  if (g.inChannels < minChannels || g.outChannels < minChannels) return false;
  const tiles = g.axes.reduce((p, a) => p * a.dilation * Math.ceil(Math.ceil(a.output / a.dilation) / 4), g.batch);
  return tiles >= 32;
}
