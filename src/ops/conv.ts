/**
 * The public compute functions, named and shaped as PyTorch's functional API:
 * conv1d/2d/3d and convTranspose1d/2d/3d(input, weight, options).
 */
import { ConvError, show } from '../geometry/errors.js';
import { convGeometry, convTransposeGeometry, type ConvShapeOptions, type ConvTransposeShapeOptions } from '../geometry/torch.js';
import type { ConvGeometry } from '../geometry/types.js';
import { assertAllocatable } from '../geometry/validate.js';
import { engineOf, runConv, runConvAsync, type EngineName } from '../engine/dispatch.js';
import { asTensor, type Tensor } from '../tensor/tensor.js';
import { GeometryMemo } from './geometry-memo.js';

export interface ComputeOptions {
  bias?: Tensor | null;
  /** 'auto' (default): the fastest engine available; 'reference': the plain loops. */
  engine?: EngineName;
}
export type ConvOptions = ConvShapeOptions & ComputeOptions;
export type ConvTransposeOptions = ConvTransposeShapeOptions & ComputeOptions;

function optionsObject<T>(options: T | undefined): T | Record<string, never> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConvError('INVALID_OPTION', `options must be an object, but got ${show(options)}`, { hint: 'e.g. { stride: 2, padding: 1 }' });
  }
  return options;
}

function compute(g: ConvGeometry, x: Tensor, w: Tensor, bias: Tensor | null, engine: EngineName): Tensor {
  assertAllocatable(g.outputShape, 'output');
  const data = runConv(g, x.data, w.data, bias ? bias.data : null, engine);
  return { shape: g.outputShape.slice(), data };
}

type Resolved = [ConvGeometry, Tensor, Tensor, Tensor | null, EngineName];

function resolve(transposed: boolean, rank: number | undefined, input: Tensor, weight: Tensor, options?: ConvOptions | ConvTransposeOptions): Resolved {
  const o = optionsObject(options) as ConvOptions & ConvTransposeOptions;
  const x = asTensor(input, 'input');
  const w = asTensor(weight, 'weight');
  const b = o.bias === undefined || o.bias === null ? null : asTensor(o.bias, 'bias');
  const engine = engineOf(o.engine);
  const bShape = b ? b.shape : null;
  const opts = o as unknown as Record<string, unknown>;
  let g = memo.get(transposed, rank, x.shape, w.shape, bShape, opts);
  if (!g) {
    // Computed from a snapshot of the option values when they can be keyed (see geometry-memo.ts).
    const snap = memo.snapshot(transposed, opts);
    const shapes = { inputShape: x.shape, weightShape: w.shape, biasShape: b?.shape };
    const use = (snap ?? o) as ConvOptions & ConvTransposeOptions;
    g = transposed ? convTransposeGeometry(shapes, use, rank) : convGeometry(shapes, use, rank);
    if (snap) memo.set(g, transposed, rank, x.shape, w.shape, bShape, snap);
  }
  return [g, x, w, b, engine];
}

/** The last geometry resolved (a layer called again skips validation; keyed on values only). */
const memo = new GeometryMemo();

function convN(rank: number | undefined, input: Tensor, weight: Tensor, options?: ConvOptions): Tensor {
  return compute(...resolve(false, rank, input, weight, options));
}

function convTransposeN(rank: number | undefined, input: Tensor, weight: Tensor, options?: ConvTransposeOptions): Tensor {
  return compute(...resolve(true, rank, input, weight, options));
}

/** Async: never blocks the calling thread on the engine's worker threads (browser main thread). */
async function computeAsync(g: ConvGeometry, x: Tensor, w: Tensor, bias: Tensor | null, engine: EngineName): Promise<Tensor> {
  assertAllocatable(g.outputShape, 'output');
  const data = await runConvAsync(g, x.data, w.data, bias ? bias.data : null, engine);
  return { shape: [...g.outputShape], data };
}

/** Convolution of any spatial rank (taken from the weight). */
export const conv = (x: Tensor, w: Tensor, options?: ConvOptions): Tensor => convN(undefined, x, w, options);
export const conv1d = (x: Tensor, w: Tensor, options?: ConvOptions): Tensor => convN(1, x, w, options);
export const conv2d = (x: Tensor, w: Tensor, options?: ConvOptions): Tensor => convN(2, x, w, options);
export const conv3d = (x: Tensor, w: Tensor, options?: ConvOptions): Tensor => convN(3, x, w, options);
/** Transposed convolution of any spatial rank (taken from the weight). */
export const convTranspose = (x: Tensor, w: Tensor, options?: ConvTransposeOptions): Tensor => convTransposeN(undefined, x, w, options);
export const convTranspose1d = (x: Tensor, w: Tensor, options?: ConvTransposeOptions): Tensor => convTransposeN(1, x, w, options);
export const convTranspose2d = (x: Tensor, w: Tensor, options?: ConvTransposeOptions): Tensor => convTransposeN(2, x, w, options);
export const convTranspose3d = (x: Tensor, w: Tensor, options?: ConvTransposeOptions): Tensor => convTransposeN(3, x, w, options);

/** Asynchronous variants: same results; the work runs on the engine's worker threads. */
export const convAsync = async (x: Tensor, w: Tensor, options?: ConvOptions): Promise<Tensor> => computeAsync(...resolve(false, undefined, x, w, options));
export const conv1dAsync = async (x: Tensor, w: Tensor, options?: ConvOptions): Promise<Tensor> => computeAsync(...resolve(false, 1, x, w, options));
export const conv2dAsync = async (x: Tensor, w: Tensor, options?: ConvOptions): Promise<Tensor> => computeAsync(...resolve(false, 2, x, w, options));
export const conv3dAsync = async (x: Tensor, w: Tensor, options?: ConvOptions): Promise<Tensor> => computeAsync(...resolve(false, 3, x, w, options));
export const convTransposeAsync = async (x: Tensor, w: Tensor, options?: ConvTransposeOptions): Promise<Tensor> => computeAsync(...resolve(true, undefined, x, w, options));
export const convTranspose1dAsync = async (x: Tensor, w: Tensor, options?: ConvTransposeOptions): Promise<Tensor> => computeAsync(...resolve(true, 1, x, w, options));
export const convTranspose2dAsync = async (x: Tensor, w: Tensor, options?: ConvTransposeOptions): Promise<Tensor> => computeAsync(...resolve(true, 2, x, w, options));
export const convTranspose3dAsync = async (x: Tensor, w: Tensor, options?: ConvTransposeOptions): Promise<Tensor> => computeAsync(...resolve(true, 3, x, w, options));

/** Output shape of a convolution, without computing it. */
export function convOutputShape(inputShape: readonly number[], weightShape: readonly number[], options?: ConvShapeOptions): number[] {
  return convGeometry({ inputShape, weightShape }, optionsObject(options) as ConvShapeOptions).outputShape;
}

/** Output shape of a transposed convolution, without computing it. */
export function convTransposeOutputShape(inputShape: readonly number[], weightShape: readonly number[], options?: ConvTransposeShapeOptions): number[] {
  return convTransposeGeometry({ inputShape, weightShape }, optionsObject(options) as ConvTransposeShapeOptions).outputShape;
}
