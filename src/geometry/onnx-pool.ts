/**
 * ONNX pooling dialect: an `AveragePool` or `MaxPool` node's attributes resolved to a PoolGeometry
 * as ONNX Runtime runs them (docs/semantics.md, "ONNX pooling"): strides default to 1 (not the
 * kernel), `pads` begin…end and possibly asymmetric, each pad below the kernel, `auto_pad` with the
 * SAME split convolutions use (onnx.ts), dilations for both ops, `ceil_mode`, and averages that
 * leave padding out of the divisor unless `count_include_pad = 1`.
 */
import { refuseUnknownOptions } from './options.js';
import { atMost, ConvError, counted, dilationFitting, show, useOneOf } from './errors.js';
import { axisNames } from './build.js';
import { effectiveKernel, largestFittingKernel } from './sizes.js';
import { identityPermutation } from './layout-permute.js';
import { ints, onnxSamePads, windowAttributes, type OnnxWindowSpec } from './onnx.js';
import { poolAxis, poolOutput } from './pool.js';
import { finishPoolDialect, type PoolDialectGeometry } from './pool-dialect.js';
import { shapeOf } from './validate.js';

/**
 * ONNX Runtime's window count: in floor mode C++ integer division, which truncates toward zero, so a
 * window up to s − 1 cells longer than the padded input still gives one output; in ceil mode
 * PyTorch's rule (poolOutput).
 */
function ortPoolOutput(I: number, ke: number, s: number, pb: number, pe: number, ceil: boolean): number {
  return ceil ? poolOutput(I, ke, s, pb, pe, true) : Math.trunc((I + pb + pe - ke) / s) + 1;
}

/**
 * How many cells past its padded input a window may reach and still count once in ONNX Runtime:
 * s − 1 in both modes (ceil mode rounds (P − k̂)/s up; floor mode truncates it, see ortPoolOutput).
 * A refusal's hint offers sizes up to this limit, not only windows that fit.
 */
function ortOverrunLimit(s: number): number {
  return s - 1;
}

/**
 * What would let an ONNX pooling window count at least once: pads (each smaller than the kernel, as
 * ONNX Runtime wants; only where the node gives pads), a smaller dilation, or a smaller kernel —
 * with the pads `padsFor` gives it (the node's, cut below the kernel, or SAME's for that kernel),
 * named where the node's own pads are not below it. The window may reach s − 1 cells past the end.
 */
function ortPoolFitHint(I: number, k: number, s: number, d: number, pads: [number, number], padsFor: (k: number) => [number, number], explicitPads: boolean): string {
  const over = ortOverrunLimit(s);
  const need = effectiveKernel(k, d) - I - over;
  const changes = [...(explicitPads && need <= 2 * (k - 1) ? [`pads adding up to at least ${need}`] : []), ...dilationFitting(k, d, I + pads[0] + pads[1] + over)];
  const fit = largestFittingKernel(k, d, (kk) => I + padsFor(kk)[0] + padsFor(kk)[1] + over);
  const [fb, fe] = padsFor(fit);
  return useOneOf(changes, !explicitPads || (fb === pads[0] && fe === pads[1]) ? `a kernel of ${atMost(fit, 1, counted(fit, 'tap'))}` : `a kernel of ${counted(fit, 'tap')} with pads ${fb === fe ? `of ${fb}` : `${fb} and ${fe}`}`);
}

/** An ONNX `AveragePool` or `MaxPool` node: the shape of X and the node's attributes, named as in the spec. */
export interface OnnxPoolSpec extends OnnxWindowSpec {
  op: 'AveragePool' | 'MaxPool';
  /** Required: the window's extent per spatial axis. */
  kernel_shape: readonly number[];
  /** 0 (floor, default) or 1 (ceil). */
  ceil_mode?: number;
  /** AveragePool only: 1 counts padding cells in the divisor (default 0). */
  count_include_pad?: number;
  /** MaxPool only: the layout of the optional Indices output (0 row major, 1 column major); the values do not depend on it. */
  storage_order?: number;
}

/** What ONNX Runtime's MaxPool gives for a window that reads no input cell: the lowest float32. */
const LOWEST_F32 = -3.4028234663852886e38;

/** A 0/1 attribute. Not through int: its hints would offer 2, 3 or a range up to 2³¹ − 1. */
function flag(v: unknown, what: string, op: string): number {
  if (v === undefined || v === null || v === 0) return 0;
  if (v !== 1) throw new ConvError('INVALID_OPTION', `${op}: ${what} must be 0 or 1, but is ${show(v)}`, { values: { [what]: v }, hint: `use ${what}: 0 or 1` });
  return 1;
}

/** The spec's keys: any other is refused (a misspelt attribute was read as its default). */
const POOL_SPEC_KEYS: readonly string[] = ['op', 'xShape', 'auto_pad', 'pads', 'strides', 'dilations', 'kernel_shape', 'ceil_mode', 'count_include_pad', 'storage_order'];

/**
 * Resolves an ONNX `AveragePool` or `MaxPool` node (opset 22 attributes, as ONNX Runtime applies
 * them) to convkit's pooling geometry, with the PyTorch call that computes the same values or why
 * none does (asymmetric or large pads, dilated averages).
 *
 * @example
 * ```ts
 * import { fromOnnxPool } from 'convkit';
 * const r = fromOnnxPool({ op: 'MaxPool', xShape: [1, 1, 5, 5], kernel_shape: [2, 2], auto_pad: 'SAME_LOWER' });
 * r.geometry.outputShape; //=> [1, 1, 5, 5]
 * r.pads;                 //=> [[1, 0], [1, 0]]
 * r.torchEquivalent;      //=> "not expressible with PyTorch's pooling options: the padding is not the same on both sides; instead F.pad(x, (1,0,1,0), value=float('-inf')) then max_pool2d(kernel_size=2, stride=1)"
 * ```
 */
export function fromOnnxPool(spec: OnnxPoolSpec): PoolDialectGeometry {
  if (spec === null || typeof spec !== 'object') throw new ConvError('INVALID_OPTION', `fromOnnxPool needs an options object, but got ${show(spec)}`, { hint: "e.g. { op: 'MaxPool', xShape, kernel_shape: [2, 2] }" });
  refuseUnknownOptions(spec as unknown as Record<string, unknown>, POOL_SPEC_KEYS, 'fromOnnxPool', "ONNX's attribute names");
  const op = spec.op;
  if (op !== 'AveragePool' && op !== 'MaxPool') throw new ConvError('INVALID_OPTION', op === undefined ? 'fromOnnxPool needs the node\'s op' : `unknown ONNX pooling op ${show(op)}`, { hint: "use op: 'AveragePool' or 'MaxPool'" });
  const x = shapeOf(spec.xShape, 'xShape');
  const r = x.length - 2;
  if (r < 1 || r > 3) {
    throw new ConvError('INPUT_RANK', `${op}: X of shape [${x.join(', ')}] needs 3 to 5 dimensions [N, C, D1…]`, { values: { xShape: x }, hint: 'convkit handles 1 to 3 spatial axes' });
  }
  const names = axisNames(r);
  if (spec.kernel_shape === undefined || spec.kernel_shape === null) {
    throw new ConvError('INVALID_OPTION', `${op}: the kernel_shape attribute is required`, { hint: `give ${r} window sizes, e.g. kernel_shape: [${Array(r).fill(2).join(', ')}]` });
  }
  const kernel = ints(spec.kernel_shape, 'kernel_shape', r, 1, op, 1);
  const ceil = flag(spec.ceil_mode, 'ceil_mode', op) === 1;
  if (op === 'MaxPool' && spec.count_include_pad !== undefined) throw new ConvError('INVALID_OPTION', 'MaxPool has no count_include_pad attribute', { hint: "use op: 'AveragePool' or drop it" });
  if (op === 'AveragePool' && spec.storage_order !== undefined) throw new ConvError('INVALID_OPTION', 'AveragePool has no storage_order attribute', { hint: "use op: 'MaxPool' or drop it" });
  const countIncludePad = flag(spec.count_include_pad, 'count_include_pad', op) === 1;
  flag(spec.storage_order, 'storage_order', op);
  x.slice(2).forEach((v, i) => {
    if (v === 0) throw new ConvError('EMPTY_INPUT', `X axis ${names[i]} has size 0`, { axis: names[i], values: { xShape: x }, hint: 'only the batch or channel dimension may be 0' });
  });
  if (x[1] === 0) throw new ConvError('EMPTY_INPUT', `X of shape [${x.join(', ')}] has 0 channels`, { values: { xShape: x }, hint: 'give X at least one channel' });
  kernel.forEach((k, i) => {
    if (k <= 0) throw new ConvError('KERNEL_SIZE', `${op}: kernel_shape ${k} on axis ${names[i]} must be positive`, { axis: names[i], values: { kernel_shape: kernel }, hint: 'use kernel sizes ≥ 1' });
  });
  const { strides, dilations, autoPad } = windowAttributes(spec, op, names);
  const notes: string[] = [];
  if (spec.pads !== undefined && autoPad !== 'NOTSET') {
    // The spec forbids the pair; ONNX Runtime's pooling kernels (unlike its Conv) run it and let auto_pad decide.
    notes.push(`the node has both auto_pad ${autoPad} and pads: the ONNX spec forbids the pair, ONNX Runtime ignores pads and so does convkit`);
  }
  const pads = autoPad === 'NOTSET' ? ints(spec.pads, 'pads', 2 * r, 0, op, 0) : Array<number>(2 * r).fill(0);
  if (pads.some((p) => p < 0)) {
    throw new ConvError('NEGATIVE_PADDING', `${op}: pads [${pads.join(', ')}] contain a negative value`, { values: { pads }, hint: 'ONNX requires pads ≥ 0; crop the input with a Slice node instead' });
  }
  const undilated = dilations.every((d) => d === 1);
  const axes = x.slice(2).map((I, i) => {
    const [k, s, d] = [kernel[i], strides[i], dilations[i]];
    const ke = effectiveKernel(k, d);
    let [pb, pe] = [pads[i], pads[r + i]];
    if (autoPad === 'VALID') pb = pe = 0;
    else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
      // ONNX Runtime's pools size SAME padding with the undilated kernel and leave the total unclamped.
      [pb, pe] = onnxSamePads(I, s, k, autoPad, false);
      if (op === 'MaxPool' && undilated && (pb < 0 || pe < 0)) {
        // ONNX Runtime's undilated MaxPool kernel: "padding values must be non-negative"; its dilated
        // MaxPool and its AveragePool start the windows inside the input instead (checked against 1.30).
        throw new ConvError('NEGATIVE_PADDING', `${op}: ${autoPad} on axis ${names[i]} needs padding [${pb}, ${pe}] (input ${I}, stride ${s}, kernel ${k}), which ONNX Runtime's MaxPool refuses`, {
          axis: names[i],
          values: { input: I, stride: s, kernel: k },
          hint: `use a stride that makes (⌈${I}/${s}⌉ − 1)·stride + ${k} ≥ ${I}, explicit pads, or auto_pad VALID`,
        });
      }
    }
    else if (pb >= k || pe >= k) {
      // ONNX Runtime: "Pad should be smaller than kernel" (a window of padding alone has no value).
      throw new ConvError('PADDING_TOO_LARGE', `${op}: pads [${pb}, ${pe}] on axis ${names[i]} are not both smaller than the kernel (${k})`, {
        axis: names[i],
        values: { pads, kernel_shape: kernel },
        hint: `use pads of ${atMost(k - 1, 0)} on this axis`,
      });
    }
    const o = ortPoolOutput(I, ke, s, pb, pe, ceil);
    const P = I + pb + pe;
    if (o < 1) {
      const where = s === 1 ? `does not fit the padded input ${P}` : `runs ${counted(ke - P, 'cell')} past the padded input ${P}`;
      const padsFor = (kk: number): [number, number] =>
        autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER' ? onnxSamePads(I, s, kk, autoPad, false) : [Math.min(pb, kk - 1), Math.min(pe, kk - 1)];
      throw new ConvError('KERNEL_TOO_LARGE', `${op}: window ${ke} (kernel ${k}, dilation ${d}) ${where} on axis ${names[i]}${s === 1 ? '' : `, where stride ${s} allows at most ${ortOverrunLimit(s)}`}`, {
        axis: names[i],
        values: { input: I, kernel: k, stride: s, dilation: d, pads: [pb, pe] },
        hint: `${ortPoolFitHint(I, k, s, d, [pb, pe], padsFor, autoPad === 'NOTSET')} on this axis`,
      });
    }
    if (!ceil && ke > P) {
      // ONNX Runtime (and ONNX's shape inference) truncate; the operator spec's floor() would give no output.
      notes.push(`on axis ${names[i]} the window (${ke}) runs ${counted(ke - P, 'cell')} past the padded input (${P}): ONNX Runtime truncates (${P} − ${ke})/${s} toward zero and computes 1 window, where the spec's floor formula gives 0`);
    }
    return poolAxis(i, names[i], { input: I, kernel: k, stride: s, dilation: d, padBefore: pb, padAfter: pe }, o);
  });
  return finishPoolDialect({
    mode: op === 'MaxPool' ? 'max' : 'avg',
    emptyMax: LOWEST_F32,
    rank: r,
    batched: true,
    inputShape: x,
    axes,
    ceilMode: ceil,
    countIncludePad,
    divisorOverride: null,
    frameworkInputShape: [...x],
    inputPermutation: identityPermutation(r + 2),
    outputPermutation: identityPermutation(r + 2),
    layout: 'NCHW-style X and Y, as PyTorch',
    notes,
  });
}
