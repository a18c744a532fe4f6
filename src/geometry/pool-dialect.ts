/**
 * What the pooling dialect adapters (`fromOnnxPool`, `fromTensorFlowPool`) return: the PoolGeometry
 * plus the permutations that move the framework's tensors into convkit's [N, C, spatial…] and back,
 * and a PyTorch recipe (docs/semantics.md, "ONNX pooling" and "TensorFlow pooling").
 */
import { toConvkitInput, toFrameworkOutput, type DialectLayout } from './dialect-result.js';
import { ConvError } from './errors.js';
import { permuteShape } from './layout-permute.js';
import { finishPool, poolGeometry, type PoolGeometry, type PoolParts } from './pool.js';

/** What `fromOnnxPool` and `fromTensorFlowPool` return: the geometry, the layout permutations both ways, and a PyTorch recipe. */
export interface PoolDialectGeometry extends DialectLayout {
  geometry: PoolGeometry;
  /** Per spatial axis, the [before, after] padding the framework states (negative: windows start inside the input). */
  pads: [number, number][];
}

export interface PoolDialectParts extends PoolParts {
  frameworkInputShape: number[];
  inputPermutation: number[];
  outputPermutation: number[];
  layout: string;
  notes: string[];
}

function fmt(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0]) : `(${values.join(', ')})`;
}

/**
 * The PyTorch pooling call with the same windows and divisor, found by resolving it with
 * `poolGeometry` and comparing every axis; otherwise what stands in the way.
 */
export function poolTorchEquivalent(g: PoolGeometry): string {
  const name = `${g.mode}_pool${g.rank}d`;
  const ax = g.axes;
  const why: string[] = [];
  if (ax.some((a) => a.padBefore !== a.padAfter)) why.push('the padding is not the same on both sides');
  if (ax.some((a) => a.padBefore < 0)) why.push('windows start inside the input');
  if (ax.some((a) => a.padBefore > Math.floor(a.kernel / 2))) why.push('PyTorch allows at most half the kernel as padding');
  if (g.mode === 'avg' && ax.some((a) => a.dilation > 1)) why.push('PyTorch has no dilated average pooling');
  const opts = [
    `kernel_size=${fmt(ax.map((a) => a.kernel))}`,
    `stride=${fmt(ax.map((a) => a.stride))}`,
    ax.some((a) => a.padBefore !== 0) ? `padding=${fmt(ax.map((a) => a.padBefore))}` : null,
    ax.some((a) => a.dilation !== 1) ? `dilation=${fmt(ax.map((a) => a.dilation))}` : null,
    g.ceilMode ? 'ceil_mode=True' : null,
    g.mode === 'avg' && !g.countIncludePad && ax.some((a) => a.padBefore !== 0 || a.padAfter !== 0) ? 'count_include_pad=False' : null,
  ].filter((o): o is string => o !== null);
  if (why.length === 0) {
    try {
      const t = poolGeometry(g.mode, g.inputShape, {
        kernelSize: ax.map((a) => a.kernel),
        stride: ax.map((a) => a.stride),
        padding: ax.map((a) => a.padBefore),
        dilation: g.mode === 'max' ? ax.map((a) => a.dilation) : undefined,
        ceilMode: g.ceilMode,
        countIncludePad: g.countIncludePad,
        divisorOverride: g.divisorOverride,
      }, g.rank);
      // The same windows: same outputs and the same reach past the end (ceil mode, rounding).
      if (t.axes.every((a, i) => a.output === ax[i].output && a.equivalent.padAfter === ax[i].equivalent.padAfter)) return `${name}(${opts.join(', ')})`;
      why.push("PyTorch's output size differs");
    } catch (e) {
      if (!(e instanceof ConvError)) throw e;
      why.push(`PyTorch refuses it (${e.code})`);
    }
  }
  const padded = paddedRecipe(g, name);
  return `not expressible with PyTorch's pooling options: ${why.join('; ')}${padded ? `; instead ${padded}` : ''}`;
}

/**
 * Pads first, then pools without padding: a maximum over `F.pad(x, …, value=-inf)`; an average over
 * `F.pad(x, …)` when padding counts, or that divided by the same pooling of padded ones when it does
 * not. Only when PyTorch's pooling of the padded shape gives the same windows.
 */
function paddedRecipe(g: PoolGeometry, name: string): string | null {
  const ax = g.axes;
  if (ax.some((a) => a.padBefore < 0 || a.padAfter < 0) || (g.mode === 'avg' && ax.some((a) => a.dilation > 1)) || g.divisorOverride !== null) return null;
  const lead = g.inputShape.slice(0, g.inputShape.length - g.rank);
  try {
    const t = poolGeometry(g.mode, [...lead, ...ax.map((a) => a.input + a.padBefore + a.padAfter)], {
      kernelSize: ax.map((a) => a.kernel),
      stride: ax.map((a) => a.stride),
      dilation: g.mode === 'max' ? ax.map((a) => a.dilation) : undefined,
      ceilMode: g.ceilMode,
    }, g.rank);
    if (!t.axes.every((a, i) => a.output === ax[i].output && a.equivalent.padAfter === ax[i].equivalent.padAfter - ax[i].padAfter)) return null;
  } catch (e) {
    if (e instanceof ConvError) return null;
    throw e;
  }
  const flat: number[] = [];
  for (let i = ax.length - 1; i >= 0; i--) flat.push(ax[i].padBefore, ax[i].padAfter);
  const opts = [
    `kernel_size=${fmt(ax.map((a) => a.kernel))}`,
    `stride=${fmt(ax.map((a) => a.stride))}`,
    ax.some((a) => a.dilation !== 1) ? `dilation=${fmt(ax.map((a) => a.dilation))}` : null,
    g.ceilMode ? 'ceil_mode=True' : null,
  ].filter((o): o is string => o !== null).join(', ');
  const pad = `(${flat.join(',')})`;
  if (g.mode === 'max') return `F.pad(x, ${pad}, value=float('-inf')) then ${name}(${opts})`;
  if (g.countIncludePad) return `F.pad(x, ${pad}) then ${name}(${opts})`;
  return `${name}(F.pad(x, ${pad}), ${opts}) / ${name}(F.pad(torch.ones_like(x), ${pad}), ${opts})`;
}

export function finishPoolDialect(p: PoolDialectParts): PoolDialectGeometry {
  const geometry = finishPool(p);
  return {
    geometry,
    pads: geometry.axes.map((a) => [a.padBefore, a.padAfter]),
    frameworkInputShape: p.frameworkInputShape,
    inputPermutation: p.inputPermutation,
    outputPermutation: p.outputPermutation,
    frameworkOutputShape: permuteShape(geometry.outputShape, p.outputPermutation),
    layout: p.layout,
    torchEquivalent: poolTorchEquivalent(geometry),
    notes: p.notes,
  };
}

/**
 * The framework's input values in convkit's [N, C, spatial…] layout, for a pooling dialect result.
 *
 * @example
 * ```ts
 * import { fromTensorFlowPool, poolInputToConvkit } from 'convkit';
 * // A 2x1 NHWC image with 2 channels:
 * const r = fromTensorFlowPool({ op: 'max', inputShape: [1, 2, 1, 2], poolSize: [2, 1], padding: 'VALID' });
 * poolInputToConvkit(r, [1, 10, 2, 20]); //=> [1, 2, 10, 20]
 * ```
 */
export function poolInputToConvkit(r: PoolDialectGeometry, data: ArrayLike<number>): Float32Array {
  return toConvkitInput(r, data);
}

/**
 * convkit's pooled values (geometry.outputShape) in the framework's layout.
 *
 * @example
 * ```ts
 * import { fromTensorFlowPool, poolOutputToFramework } from 'convkit';
 * const r = fromTensorFlowPool({ op: 'max', inputShape: [1, 2, 2, 2], poolSize: [1, 2], padding: 'VALID' });
 * r.geometry.outputShape;                 //=> [1, 2, 2, 1]
 * poolOutputToFramework(r, [1, 2, 3, 4]); //=> [1, 3, 2, 4]
 * ```
 */
export function poolOutputToFramework(r: PoolDialectGeometry, data: ArrayLike<number>): Float32Array {
  return toFrameworkOutput(r, data);
}
