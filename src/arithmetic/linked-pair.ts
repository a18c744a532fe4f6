/**
 * linkedPair: a direct convolution and the transposed convolution that restores its input shape
 * (`restoreTranspose`), run with the same kernel on the same numbers: x → z = Cx → Cᵀz.
 *
 * The transposed conv brings back the shape of x, not its values: x − Cᵀ(Cx) is in general not
 * zero, which is why a transposed convolution is not a deconvolution. For contrast the pair can
 * also give the least-squares inverse x̂ = C⁺z (the pseudo-inverse of the small matrix C applied to
 * z): the x of smallest norm that the direct conv maps to z — what "deconvolution" would mean.
 *
 * Both convolutions run on the reference engine (the truth). The weight of the direct conv,
 * [OC, IC/g, k…], is also the transposed conv's weight [IC′, OC′/g, k…] with IC′ = OC, OC′ = IC,
 * so one array serves both. No bias: the pair is the linear map C and its transpose.
 */
import { runConv } from '../engine/dispatch.js';
import { ConvError, show } from '../geometry/errors.js';
import type { ConvGeometry, TransposedConvGeometry } from '../geometry/types.js';
import { convMatrix } from '../matrix/build.js';
import { restoreTranspose } from './restore-transpose.js';
import type { RestoreTransposeResult } from './restore-transpose.js';
import { resolveSpec } from '../geometry/options.js';
import type { ConvSpecOptions } from '../geometry/options.js';

/**
 * Largest min(rows, cols) of C for which the least-squares inverse is computed (dense, O(n³)).
 *
 * @example
 * ```ts
 * import { LEAST_SQUARES_LIMIT } from 'convkit';
 * LEAST_SQUARES_LIMIT; //=> 256
 * ```
 */
export const LEAST_SQUARES_LIMIT = 256;

/** The values {@link linkedPair} runs on (defaults: small whole numbers), and whether to add the least-squares inverse. */
export interface LinkedPairValues {
  /** x: the direct conv's input, [IC, …input] flat (one sample). Default: small whole numbers 0–3. */
  input?: ArrayLike<number>;
  /** The kernel, [OC, IC/g, …k] flat. Default: small whole numbers 0–2. */
  weight?: ArrayLike<number>;
  /** Also compute the least-squares inverse C⁺z (refused with TOO_LARGE beyond LEAST_SQUARES_LIMIT). */
  leastSquares?: boolean;
}

/** A direct convolution and the transposed one that restores its input shape, run on the same values: x, z = Cx, Cᵀz and their difference. */
export interface LinkedPair {
  /** The direct convolution (no bias) and the transposed one that restores its input shape. */
  direct: ConvGeometry;
  transposed: ConvGeometry;
  /** restoreTranspose's answer: the transposed conv's options, output padding and explanation. */
  restore: RestoreTransposeResult;
  /** Shapes of one sample: x (and Cᵀz) [IC, …], z [OC, …], the weight. */
  inputShape: number[];
  outputShape: number[];
  weightShape: number[];
  x: Float32Array;
  weight: Float32Array;
  /** z = Cx, the direct conv's output. */
  z: Float32Array;
  /** Cᵀz, the transposed conv of z with the same kernel: the shape of x, other values. */
  restored: Float32Array;
  /** x − Cᵀ(Cx), per cell. */
  difference: Float32Array;
  /** The least-squares inverse C⁺z and x − C⁺z, when asked for. */
  inverse: Float32Array | null;
  inverseDifference: Float32Array | null;
}

function numbers(v: ArrayLike<number> | undefined, n: number, what: string, shape: number[], fallback: (i: number) => number): Float32Array {
  if (v === undefined || v === null) return Float32Array.from({ length: n }, (_, i) => fallback(i));
  if (typeof v !== 'object' || typeof v.length !== 'number') {
    throw new ConvError('INVALID_OPTION', `${what} must be an array of numbers, but got ${show(v)}`, { hint: `give ${n} numbers` });
  }
  if (v.length !== n) {
    throw new ConvError('DATA_LENGTH', `${what} has ${v.length} values but its shape [${shape.join(', ')}] needs ${n}`, { values: { length: v.length, shape }, hint: `give ${n} values` });
  }
  const out = Float32Array.from(v);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(out[i])) throw new ConvError('INVALID_NUMBER', `${what}[${i}] is ${show(v[i])}, not a finite number`, { values: { index: i }, hint: 'give finite numbers' });
  }
  return out;
}

/**
 * The linked pair of a direct convolution (explain-style options). Given a transposed convolution,
 * the pair starts from the direct convolution it transposes (`directOf`).
 *
 * @example
 * ```ts
 * import { linkedPair } from 'convkit';
 * // The tutorial's example: 4×4 input, 3×3 kernel → 2×2, and back to 4×4.
 * const p = linkedPair({ input: 4, kernel: 3 }, { leastSquares: true });
 * p.z.length;          //=> 4
 * // z = Cx; Cᵀz has the shape of x:
 * p.restored.length;   //=> 16
 * // x − Cᵀ(Cx) is not zero: the values are not restored
 * p.difference.some((v) => v !== 0); //=> true
 * // C⁺z, the least-squares "deconvolution", for contrast
 * p.inverse.length;    //=> 16
 * ```
 */
export function linkedPair(options: ConvSpecOptions, values: LinkedPairValues = {}): LinkedPair {
  const given = resolveSpec({ ...options, bias: false });
  if (given.kind !== 'conv') {
    throw new ConvError('INVALID_OPTION', 'linkedPair takes a convolution, not a pooling layer', { hint: 'leave pool out' });
  }
  if (given.geometry.transposed) {
    // A transposed conv: pair it with the direct conv it transposes, then check that the restoring
    // transposed conv of that direct conv is the one given (it is, unless the output padding differs).
    const direct = directOf(given.geometry, options);
    const pair = linkedPair(direct, values);
    const same = pair.transposed.axes.every((a, i) => a.output === given.geometry.axes[i].output && a.outputPadding === given.geometry.axes[i].outputPadding);
    if (!same) throw new Error('linkedPair: internal error, the direct conv of a transposed conv does not restore it');
    return pair;
  }
  const spec = given;
  const direct = spec.geometry;
  if (direct.paddingMode !== 'zeros') {
    throw new ConvError('PADDING_MODE', `the linked pair needs zero padding, not ${direct.paddingMode}: with ${direct.paddingMode} padding Cᵀ is not a transposed convolution`, {
      values: { paddingMode: direct.paddingMode },
      hint: "use paddingMode 'zeros'",
    });
  }
  const restore = restoreTranspose({ ...options, bias: false });
  const r = resolveSpec(restore.transposed);
  if (r.kind !== 'conv') throw new Error('linkedPair: internal error, the transposed conv resolved to pooling');
  const transposed = r.geometry;
  const inputShape = direct.inputShape.slice(direct.batched ? 1 : 0);
  const outputShape = direct.outputShape.slice(direct.batched ? 1 : 0);
  const weightShape = direct.weightShape.slice();
  const nIn = inputShape.reduce((a, b) => a * b, 1);
  const nOut = outputShape.reduce((a, b) => a * b, 1);
  const nW = weightShape.reduce((a, b) => a * b, 1);
  const x = numbers(values.input, nIn, 'input', inputShape, (i) => (3 * i + 1) % 4);
  const weight = numbers(values.weight, nW, 'weight', weightShape, (i) => (2 * i + Math.floor(i / 3)) % 3);
  const one = (g: ConvGeometry): ConvGeometry => (g.batch === 1 ? g : { ...g, batch: 1, inputShape: [1, ...g.inputShape.slice(1)], outputShape: [1, ...g.outputShape.slice(1)] });
  const z = runConv(one(direct), x, weight, null, 'reference');
  const restored = runConv(one(transposed), z, weight, null, 'reference');
  if (restored.length !== nIn) throw new Error(`linkedPair: internal error, Cᵀz has ${restored.length} values, x has ${nIn}`);
  const difference = x.map((v, i) => v - restored[i]);
  let inverse: Float32Array | null = null;
  let inverseDifference: Float32Array | null = null;
  if (values.leastSquares) {
    inverse = leastSquaresInverse(direct, weight, z, nOut, nIn);
    inverseDifference = x.map((v, i) => v - inverse![i]);
  }
  return { direct, transposed, restore, inputShape, outputShape, weightShape, x, weight, z, restored, difference, inverse, inverseDifference };
}

/** C⁺z for the dense C of the direct conv: Cᵀ(CCᵀ)⁺z when C is wide, (CᵀC)⁺Cᵀz when it is tall. */
function leastSquaresInverse(g: ConvGeometry, weight: Float32Array, z: Float32Array, rows: number, cols: number): Float32Array {
  const n = Math.min(rows, cols);
  if (n > LEAST_SQUARES_LIMIT) {
    throw new ConvError('TOO_LARGE', `the least-squares inverse needs a ${n}×${n} dense matrix, more than ${LEAST_SQUARES_LIMIT}×${LEAST_SQUARES_LIMIT}`, {
      values: { rows, cols, limit: LEAST_SQUARES_LIMIT },
      hint: 'use a smaller input or fewer channels, or leave leastSquares out',
    });
  }
  const c = convMatrix({ ...g, batch: 1 }, { weight });
  const C: Float64Array[] = Array.from({ length: rows }, () => new Float64Array(cols));
  for (const e of c.entries) C[e.row][e.col] = e.value ?? 0;
  const wide = rows <= cols;
  // G = CCᵀ (rows×rows) or CᵀC (cols×cols), symmetric positive semi-definite.
  const G: Float64Array[] = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      if (wide) for (let k = 0; k < cols; k++) s += C[i][k] * C[j][k];
      else for (let k = 0; k < rows; k++) s += C[k][i] * C[k][j];
      G[i][j] = G[j][i] = s;
    }
  }
  const rhs = new Float64Array(n);
  if (wide) for (let i = 0; i < n; i++) rhs[i] = z[i];
  else for (let j = 0; j < cols; j++) for (let k = 0; k < rows; k++) rhs[j] += C[k][j] * z[k];
  const y = pinvSymmetricSolve(G, rhs);
  const out = new Float32Array(cols);
  if (wide) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let k = 0; k < rows; k++) s += C[k][j] * y[k];
      out[j] = s;
    }
  } else {
    for (let j = 0; j < cols; j++) out[j] = y[j];
  }
  return out;
}

/** G⁺b for symmetric PSD G by cyclic Jacobi eigen-decomposition (eigenvalues below a relative tolerance count as 0). */
export function pinvSymmetricSolve(G: Float64Array[], b: Float64Array): Float64Array {
  const n = G.length;
  const A = G.map((r) => Float64Array.from(r));
  const V: Float64Array[] = Array.from({ length: n }, (_, i) => {
    const r = new Float64Array(n);
    r[i] = 1;
    return r;
  });
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += A[i][i] * A[i][i];
      for (let j = i + 1; j < n; j++) off += A[i][j] * A[i][j];
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p][q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (A[q][q] - A[p][p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k][p];
          const akq = A[k][q];
          A[k][p] = c * akp - s * akq;
          A[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k];
          const aqk = A[q][k];
          A[p][k] = c * apk - s * aqk;
          A[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k][p];
          const vkq = V[k][q];
          V[k][p] = c * vkp - s * vkq;
          V[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let top = 0;
  for (let i = 0; i < n; i++) top = Math.max(top, Math.abs(A[i][i]));
  const tol = top * n * 1e-12;
  const out = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const lambda = A[e][e];
    if (Math.abs(lambda) <= tol) continue;
    let proj = 0;
    for (let k = 0; k < n; k++) proj += V[k][e] * b[k];
    const f = proj / lambda;
    for (let k = 0; k < n; k++) out[k] += f * V[k][e];
  }
  return out;
}

/**
 * The direct convolution a transposed one transposes: its input is the transposed conv's output,
 * with the same kernel, stride and dilation, the transposed conv's crop as its padding, and the
 * channels swapped. Its output is the transposed conv's input again (the floor of the direct size
 * formula drops the output padding, which is smaller than the stride).
 */
export function directOf(g: TransposedConvGeometry, options: Pick<ConvSpecOptions, 'bias' | 'batch'> = {}): ConvSpecOptions {
  const symmetric = g.axes.every((a) => a.cropBefore === a.cropAfter);
  return {
    input: g.axes.map((a) => a.output),
    kernel: g.axes.map((a) => a.kernel),
    stride: g.axes.map((a) => a.stride),
    dilation: g.axes.map((a) => a.dilation),
    padding: symmetric ? g.axes.map((a) => a.cropBefore) : g.axes.map((a) => [a.cropBefore, a.cropAfter] as [number, number]),
    inChannels: g.outChannels,
    outChannels: g.inChannels,
    groups: g.groups,
    rank: g.rank,
    ...(options.bias !== undefined ? { bias: options.bias } : {}),
    ...(options.batch !== undefined ? { batch: options.batch } : {}),
  };
}
