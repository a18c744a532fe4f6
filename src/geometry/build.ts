/**
 * buildGeometry: resolved per-axis numbers → ConvGeometry (derived sizes, equivalent direct conv).
 *
 * Dialect parsers (PyTorch, TensorFlow, ONNX) validate their own rules and hand this function plain
 * numbers; here we only derive, and refuse what no dialect can compute (a kernel larger than the
 * padded input, an empty transposed output).
 */
import { atMost, ConvError, counted, dilationFitting, useOneOf } from './errors.js';
import { directOutputSize, effectiveKernel, equivalentPadOf, transposedFullSize, transposedOutputSize, windowSpan } from './sizes.js';
import type { AxisGeometry, CanonicalAxis, CanonicalSpec, ConvGeometry, ConvGeometryBase, DirectAxis, DirectConvGeometry, EquivalentDirectAxis, TransposedAxis, TransposedConvGeometry } from './types.js';

export function axisNames(rank: number): string[] {
  if (rank === 1) return ['L'];
  if (rank === 2) return ['H', 'W'];
  if (rank === 3) return ['D', 'H', 'W'];
  return Array.from({ length: rank }, (_, i) => `x${i}`);
}

/**
 * A direct axis's equivalent direct convolution: the axis itself, over a grid that ends
 * `padAfter` cells past the input (a pooling axis passes the cells its windows actually reach).
 */
export function directEquivalent(a: Omit<CanonicalAxis, 'padAfter' | 'outputPadding'>, padAfter: number, output: number): EquivalentDirectAxis {
  return {
    insertedZeros: 0,
    dilatedInput: a.input,
    padBefore: a.padBefore,
    padAfter,
    pPrime: [a.padBefore, padAfter],
    outputPadding: 0,
    extra: 0,
    stride: a.stride,
    kernel: a.kernel,
    dilation: a.dilation,
    effectiveKernel: effectiveKernel(a.kernel, a.dilation),
    flipped: false,
    gridSize: a.input + a.padBefore + padAfter,
    output,
  };
}

function equivalentOf(a: CanonicalAxis, transposed: boolean, output: number): EquivalentDirectAxis {
  if (!transposed) return directEquivalent(a, a.padAfter, output);
  const ke = effectiveKernel(a.kernel, a.dilation);
  const dilatedInput = a.input === 0 ? 0 : windowSpan(a.input, a.stride, 1);
  const padBefore = equivalentPadOf(ke, a.padBefore);
  const pPrimeAfter = equivalentPadOf(ke, a.padAfter);
  const padAfter = pPrimeAfter + a.outputPadding;
  return {
    insertedZeros: a.stride - 1,
    dilatedInput,
    padBefore,
    padAfter,
    pPrime: [padBefore, pPrimeAfter],
    outputPadding: a.outputPadding,
    // The output-padding cells are the last `a` cells of the after-padding; a crop can eat them.
    extra: Math.min(a.outputPadding, Math.max(0, padAfter)),
    stride: 1,
    kernel: a.kernel,
    dilation: a.dilation,
    effectiveKernel: ke,
    flipped: true,
    gridSize: dilatedInput + padBefore + padAfter,
    output,
  };
}

/**
 * `emptyInput`: the input holds no elements (batch 0). PyTorch then skips its compute kernels and
 * with them the "output size is too small" check, so a transposed output of 0 is accepted (< 0 is not).
 */
export function buildAxis(a: CanonicalAxis, index: number, name: string, transposed: boolean, emptyInput = false): AxisGeometry {
  const ke = effectiveKernel(a.kernel, a.dilation);
  let output: number;
  if (transposed) {
    output = transposedOutputSize(a.input, a.kernel, a.stride, a.dilation, a.padBefore, a.padAfter, a.outputPadding);
    if (output < (emptyInput ? 0 : 1)) {
      throw new ConvError(
        'OUTPUT_TOO_SMALL',
        `transposed convolution output on axis ${name} would be ${output}: (${a.input}−1)·${a.stride} − ${a.padBefore + a.padAfter} + ${ke} + ${a.outputPadding} < 1`,
        {
          axis: name,
          values: { input: a.input, kernel: a.kernel, stride: a.stride, dilation: a.dilation, padding: [a.padBefore, a.padAfter], outputPadding: a.outputPadding, output },
          hint: `use padding ≤ ${Math.floor((transposedFullSize(a.input, a.kernel, a.stride, a.dilation) + a.outputPadding - 1) / 2)} on this axis, or a larger input, kernel or stride`,
        },
      );
    }
  } else {
    const padded = a.input + a.padBefore + a.padAfter;
    if (padded < ke) {
      const dil = a.dilation > 1 ? ` (kernel ${a.kernel} dilated by ${a.dilation})` : '';
      const fit = Math.floor((padded - 1) / a.dilation) + 1; // the most taps the padded input holds
      throw new ConvError(
        'KERNEL_TOO_LARGE',
        `kernel extent ${ke}${dil} is larger than the padded input ${padded} (${a.input} + ${a.padBefore} + ${a.padAfter}) on axis ${name}`,
        {
          axis: name,
          values: { input: a.input, kernel: a.kernel, dilation: a.dilation, effectiveKernel: ke, padding: [a.padBefore, a.padAfter] },
          hint: useOneOf([`padding ≥ ${Math.ceil((ke - a.input) / 2)} per side`, ...dilationFitting(a.kernel, a.dilation, padded)], `a kernel of ${atMost(fit, 1, counted(fit, 'tap'))}`),
        },
      );
    }
    output = directOutputSize(a.input, a.kernel, a.stride, a.dilation, a.padBefore, a.padAfter);
  }
  const equivalent = equivalentOf(a, transposed, output);
  return transposed ? transposedAxisRecord(a, index, name, output, equivalent) : directAxisRecord(a, index, name, output, equivalent);
}

/** A direct (or pooling) axis: `a`'s pads are cells added around the input. */
export function directAxisRecord(a: Omit<CanonicalAxis, 'outputPadding'>, index: number, name: string, output: number, equivalent: EquivalentDirectAxis): DirectAxis {
  return {
    index,
    name,
    transposed: false,
    input: a.input,
    kernel: a.kernel,
    stride: a.stride,
    dilation: a.dilation,
    effectiveKernel: equivalent.effectiveKernel,
    padBefore: a.padBefore,
    padAfter: a.padAfter,
    outputPadding: 0,
    output,
    equivalent,
  };
}

/** A transposed axis: `a`'s pads are PyTorch's `padding`, cells cropped from the full output. */
function transposedAxisRecord(a: CanonicalAxis, index: number, name: string, output: number, equivalent: EquivalentDirectAxis): TransposedAxis {
  return {
    index,
    name,
    transposed: true,
    input: a.input,
    kernel: a.kernel,
    stride: a.stride,
    dilation: a.dilation,
    effectiveKernel: equivalent.effectiveKernel,
    cropBefore: a.padBefore,
    cropAfter: a.padAfter,
    outputPadding: a.outputPadding,
    output,
    equivalent,
  };
}

export function buildGeometry(spec: CanonicalSpec & { transposed: false }): DirectConvGeometry;
export function buildGeometry(spec: CanonicalSpec & { transposed: true }): TransposedConvGeometry;
export function buildGeometry(spec: CanonicalSpec): ConvGeometry;
export function buildGeometry(spec: CanonicalSpec): ConvGeometry {
  const names = axisNames(spec.axes.length);
  const emptyInput = spec.batch === 0 || spec.inChannels === 0;
  // Plain loops, no closures: this runs on every compute call of a new shape (tiny convs included).
  const axes: AxisGeometry[] = [];
  const inputShape = spec.batched ? [spec.batch, spec.inChannels] : [spec.inChannels];
  const outputShape = spec.batched ? [spec.batch, spec.outChannels] : [spec.outChannels];
  for (let i = 0; i < spec.axes.length; i++) {
    const a = buildAxis(spec.axes[i], i, names[i], spec.transposed, emptyInput);
    axes.push(a);
    inputShape.push(spec.axes[i].input);
  }
  for (let i = 0; i < axes.length; i++) outputShape.push(axes[i].output);
  const base: ConvGeometryBase = {
    rank: axes.length,
    batch: spec.batch,
    batched: spec.batched,
    inChannels: spec.inChannels,
    outChannels: spec.outChannels,
    groups: spec.groups,
    hasBias: spec.hasBias,
    paddingMode: spec.paddingMode,
    inputShape,
    weightShape: spec.weightShape.slice(),
    outputShape,
  };
  // buildAxis made every axis of the kind spec.transposed names.
  return spec.transposed
    ? { transposed: true, ...base, axes: axes as TransposedAxis[] }
    : { transposed: false, ...base, axes: axes as DirectAxis[] };
}
