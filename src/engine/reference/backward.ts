/**
 * The reference engine's share of the backward pass: the weight and bias gradients as plain loops
 * over the forward geometry's tap tables (float64 sums), and the fold that sends the gradient of a
 * padded input back onto the cells a reflect/replicate/circular padding copied. The input gradient
 * itself is not here: it is a (transposed) convolution and runs on the engines (src/ops/backward.ts).
 */
import { padSource } from '../../geometry/taps.js';
import type { ConvGeometry, DirectConvGeometry } from '../../geometry/types.js';
import { product } from '../../geometry/validate.js';
import { forEachOutput, loopSizes, weightBase } from './conv.js';

/**
 * ∂(Σ gradOutput·y)/∂weight for y = the convolution `g` describes (direct or transposed) applied to
 * `x`: every product the forward pass formed, with the output cell's gradient in place of the weight.
 * Walks the same tap tables (geometry/taps.ts via tapOffsets) as referenceConv, so padding modes,
 * crops and inserted zeros are read exactly as the forward pass read them. Layout of the result:
 * the weight's (`[OC, IC/g, k…]` direct, `[IC, OC/g, k…]` transposed).
 */
export function referenceWeightGrad(g: ConvGeometry, x: Float32Array, gradOutput: Float32Array): Float32Array {
  const sizes = loopSizes(g);
  const { N, inSpatial, outSpatial, taps, icPerGroup, ocPerGroup } = sizes;
  const acc = new Float64Array(product(g.weightShape));
  if (N === 0 || g.inChannels === 0 || g.outChannels === 0) return new Float32Array(acc.length);
  forEachOutput(g, sizes, (pos, offsets) => {
    for (let n = 0; n < N; n++) {
      for (let oc = 0; oc < g.outChannels; oc++) {
        const gy = gradOutput[(n * g.outChannels + oc) * outSpatial + pos];
        if (gy === 0) continue;
        const group = Math.floor(oc / ocPerGroup);
        for (let icl = 0; icl < icPerGroup; icl++) {
          const ic = group * icPerGroup + icl;
          const xBase = (n * g.inChannels + ic) * inSpatial;
          const wBase = weightBase(g, sizes, oc, ic);
          for (let t = 0; t < taps; t++) {
            const off = offsets[t];
            if (off >= 0) acc[wBase + t] += gy * x[xBase + off];
          }
        }
      }
    }
  });
  return Float32Array.from(acc);
}

/** ∂(Σ gradOutput·y)/∂bias: the sum of each output channel's gradient over batch and space (float64). */
export function referenceBiasGrad(g: ConvGeometry, gradOutput: Float32Array): Float32Array {
  const outSpatial = product(g.axes.map((a) => a.output));
  const out = new Float32Array(g.outChannels);
  for (let oc = 0; oc < g.outChannels; oc++) {
    let acc = 0;
    for (let n = 0; n < g.batch; n++) {
      const base = (n * g.outChannels + oc) * outSpatial;
      for (let p = 0; p < outSpatial; p++) acc += gradOutput[base + p];
    }
    out[oc] = acc;
  }
  return out;
}

/**
 * A separable index map from a `[…from]` grid onto a `[…to]` grid: entry q (row-major over `to`)
 * is the flat cell of `from` that cell q takes, or −1 (a zero). `along(ax, c)` gives, for cell c of
 * axis ax of `to`, the cell of that axis of `from` (−1: none); the map of axes 0…ax is the map of
 * axes 0…ax−1 times this axis's table.
 */
function separableSources(from: readonly number[], to: readonly number[], along: (ax: number, c: number) => number): Int32Array {
  let source = new Int32Array([0]);
  for (let ax = 0; ax < to.length; ax++) {
    const next = new Int32Array(source.length * to[ax]);
    for (let q = 0; q < to[ax]; q++) {
      const s = along(ax, q);
      for (let p = 0; p < source.length; p++) next[p * to[ax] + q] = s < 0 || source[p] < 0 ? -1 : source[p] * from[ax] + s;
    }
    source = next;
  }
  return source;
}

/** Every `[planes, …]` plane of `data` (planes of `fromSpatial` cells) gathered through `source`. */
function gatherPlanes(data: Float32Array, planes: number, fromSpatial: number, source: Int32Array): Float32Array {
  const out = new Float32Array(planes * source.length);
  for (let c = 0; c < planes; c++) {
    for (let p = 0; p < source.length; p++) {
      const s = source[p];
      if (s >= 0) out[c * source.length + p] = data[c * fromSpatial + s];
    }
  }
  return out;
}

/** For each cell of the padded grid (per axis `padBefore + input + padAfter`), the input cell the padding mode copies there (−1: a zero). */
function paddedSources(g: DirectConvGeometry): Int32Array {
  const inputs = g.axes.map((a) => a.input);
  const padded = g.axes.map((a) => a.input + a.padBefore + a.padAfter);
  return separableSources(inputs, padded, (ax, q) => padSource(q - g.axes[ax].padBefore, g.axes[ax].input, g.paddingMode));
}

/**
 * The padded input a direct conv reads (`[N·C, …]` planes of the padded grid), built with the same
 * `padSource` map as the engines' reads: what the weight gradient on the engines convolves.
 */
export function padInput(g: DirectConvGeometry, x: Float32Array): Float32Array {
  return gatherPlanes(x, g.batch * g.inChannels, product(g.axes.map((a) => a.input)), paddedSources(g));
}

/**
 * The adjoint of a padding mode: `padded` holds a gradient over the padded grid (per axis
 * `padBefore + input + padAfter` cells, channels-first `[N·C, …]` planes); each cell adds onto the
 * input cell it was copied from (`padSource`, geometry/taps.ts), so a reflected edge cell collects
 * the gradient of its mirror images. Sums in float64.
 */
export function foldPadding(g: DirectConvGeometry, padded: Float32Array): Float32Array {
  const inSpatial = product(g.axes.map((a) => a.input));
  const source = paddedSources(g);
  const padSpatial = source.length;
  const planes = g.batch * g.inChannels;
  const acc = new Float64Array(planes * inSpatial);
  for (let c = 0; c < planes; c++) {
    const pBase = c * padSpatial;
    const iBase = c * inSpatial;
    for (let p = 0; p < padSpatial; p++) {
      const s = source[p];
      if (s >= 0) acc[iBase + s] += padded[pBase + p];
    }
  }
  return Float32Array.from(acc);
}

/**
 * Shifts every `[planes, …from]` plane onto a grid of extents `to`: cell `q` of the result is cell
 * `q − shift[ax]` of the source on every axis, or 0 where that falls outside it.
 */
export function shiftPlanes(data: Float32Array, planes: number, from: readonly number[], to: readonly number[], shift: readonly number[]): Float32Array {
  const source = separableSources(from, to, (ax, q) => {
    const c = q - shift[ax];
    return c >= 0 && c < from[ax] ? c : -1;
  });
  return gatherPlanes(data, planes, product(from), source);
}

/**
 * Keeps the leading `keep[ax]` cells of every spatial axis of a `[planes, …from]` array: the
 * input gradient of a transposed conv whose output padding reached a whole stride computes cells
 * past the input's end, which no input cell has.
 */
export function cropLeading(data: Float32Array, planes: number, from: readonly number[], keep: readonly number[]): Float32Array {
  return shiftPlanes(data, planes, from, keep, keep.map(() => 0));
}
