/**
 * What `trace` and `convMatrix` accept, resolved to a geometry: a ConvGeometry or PoolGeometry as
 * is, or explain-style options built into one through the PyTorch-dialect builders (the only place
 * that validates a configuration), so a trace never accepts what the engines refuse.
 */
import { ConvError, show } from '../geometry/errors.js';
import { poolGeometry, type PoolGeometry } from '../geometry/pool.js';
import { convGeometry, convTransposeGeometry } from '../geometry/torch.js';
import type { ConvGeometry } from '../geometry/types.js';
import type { TraceInput, TraceSpecOptions } from './types.js';

export type ResolvedGeometry = { kind: 'conv'; geometry: ConvGeometry } | { kind: 'pool'; geometry: PoolGeometry };

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function isConvGeometry(v: unknown): v is ConvGeometry {
  return isObject(v) && Array.isArray(v.axes) && Array.isArray(v.weightShape) && typeof v.transposed === 'boolean';
}

export function isPoolGeometry(v: unknown): v is PoolGeometry {
  return isObject(v) && Array.isArray(v.axes) && (v.mode === 'max' || v.mode === 'avg') && typeof v.channels === 'number';
}

/** Spatial rank of explain-style options: the longest per-axis list among them (default 2). */
function rankOf(o: TraceSpecOptions): number {
  let rank = 0;
  for (const v of [o.input, o.kernel, o.stride, o.dilation, o.outputPadding, o.padding]) {
    if (Array.isArray(v)) rank = Math.max(rank, v.length);
  }
  return rank === 0 ? 2 : rank;
}

/** A number or per-axis list broadcast to `rank` values (validation of each value is the builders'). */
function spread(v: unknown, rank: number, name: string): number[] {
  if (typeof v === 'number') return Array(rank).fill(v);
  if (Array.isArray(v)) {
    if (v.length === 1) return Array(rank).fill(v[0]);
    if (v.length === rank) return [...v];
    throw new ConvError('OPTION_LENGTH', `${name} has ${v.length} values but the other options describe ${rank} spatial axes`, {
      values: { [name]: v, rank },
      hint: `give one number or ${rank} values`,
    });
  }
  throw new ConvError('INVALID_OPTION', `${name} must be a number or a list of numbers, but got ${show(v)}`, { values: { [name]: v }, hint: 'e.g. 5 or [5, 5]' });
}

function channelCount(v: unknown, name: string): number {
  if (v === undefined || v === null) return 1;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new ConvError('INVALID_NUMBER', `${name} must be a positive integer, but got ${show(v)}`, { values: { [name]: v }, hint: `use ${name} ≥ 1` });
  }
  return v;
}

/** Divides channels by groups for the weight shape, refusing a remainder with PyTorch's meaning. */
function perGroup(channels: number, groups: number, what: string): number {
  if (typeof groups !== 'number' || !Number.isInteger(groups) || groups < 1) {
    throw new ConvError('GROUPS', `groups must be a positive integer, but got ${show(groups)}`, { values: { groups }, hint: 'use groups ≥ 1 (1 is an ordinary convolution)' });
  }
  if (channels % groups !== 0) {
    throw new ConvError('GROUPS', `groups=${groups} must divide the ${channels} ${what} channels`, {
      values: { groups, [what + 'Channels']: channels },
      hint: `use a number of groups that divides ${channels}`,
    });
  }
  return channels / groups;
}

/** Builds the geometry explain-style options describe (batch 1, as the pictures show one sample). */
export function geometryFromOptions(o: TraceSpecOptions): ResolvedGeometry {
  if (!isObject(o)) {
    throw new ConvError('INVALID_OPTION', `expected a ConvGeometry or options like { input: [5, 5], kernel: 3 }, but got ${show(o)}`, {
      hint: 'give at least input and kernel',
    });
  }
  if (o.input === undefined || o.kernel === undefined) {
    throw new ConvError('INVALID_OPTION', `options need both input and kernel sizes (got input ${show(o.input)}, kernel ${show(o.kernel)})`, {
      hint: 'e.g. { input: [5, 5], kernel: 3, stride: 2 }',
    });
  }
  const rank = rankOf(o);
  const input = spread(o.input, rank, 'input');
  const kernel = spread(o.kernel, rank, 'kernel');
  const inChannels = channelCount(o.inChannels, 'inChannels');
  if (o.pool !== undefined) {
    if (o.pool !== 'max' && o.pool !== 'avg') {
      throw new ConvError('INVALID_OPTION', `pool must be 'max' or 'avg', but got ${show(o.pool)}`, { hint: "use pool: 'max' or 'avg'" });
    }
    if (o.transposed) throw new ConvError('INVALID_OPTION', 'pooling cannot be transposed', { hint: 'leave transposed out for pooling' });
    if (typeof o.padding === 'string' || (Array.isArray(o.padding) && o.padding.some((p) => Array.isArray(p)))) {
      throw new ConvError('PADDING_STRING', `pooling takes one padding number per axis, but got ${show(o.padding)}`, { hint: 'e.g. padding: 1' });
    }
    const geometry = poolGeometry(o.pool, [1, inChannels, ...input], {
      kernelSize: kernel,
      stride: o.stride,
      padding: o.padding as number | number[] | undefined,
      dilation: o.pool === 'max' ? o.dilation : undefined,
      ceilMode: o.ceilMode,
    }, rank);
    return { kind: 'pool', geometry };
  }
  const outChannels = channelCount(o.outChannels, 'outChannels');
  const groups = o.groups ?? 1;
  if (o.transposed) {
    const weightShape = [inChannels, perGroup(outChannels, groups, 'output'), ...kernel];
    perGroup(inChannels, groups, 'input');
    if (typeof o.padding === 'string') {
      throw new ConvError('PADDING_STRING', `transposed convolutions take numeric padding, but got ${show(o.padding)}`, { hint: 'give a number or one per axis' });
    }
    const geometry = convTransposeGeometry({ inputShape: [1, inChannels, ...input], weightShape }, {
      stride: o.stride,
      padding: o.padding,
      dilation: o.dilation,
      outputPadding: o.outputPadding,
      outputSize: o.outputSize,
      groups,
      paddingMode: o.paddingMode,
    }, rank);
    return { kind: 'conv', geometry };
  }
  if (o.outputPadding !== undefined || o.outputSize !== undefined) {
    const has = o.outputPadding !== undefined ? 'outputPadding' : 'outputSize';
    const zero = has === 'outputPadding' && spread(o.outputPadding, rank, 'outputPadding').every((v) => v === 0);
    if (!zero) {
      throw new ConvError('INVALID_OPTION', `${has} applies to transposed convolutions only`, { hint: `add transposed: true, or leave ${has} out` });
    }
  }
  const weightShape = [outChannels, perGroup(inChannels, groups, 'input'), ...kernel];
  const geometry = convGeometry({ inputShape: [1, inChannels, ...input], weightShape }, {
    stride: o.stride,
    padding: o.padding,
    dilation: o.dilation,
    groups,
    paddingMode: o.paddingMode,
  }, rank);
  return { kind: 'conv', geometry };
}

/** A ConvGeometry / PoolGeometry as given, or the one explain-style options describe. */
export function resolveGeometry(input: TraceInput): ResolvedGeometry {
  if (isConvGeometry(input)) return { kind: 'conv', geometry: input };
  if (isPoolGeometry(input)) return { kind: 'pool', geometry: input };
  return geometryFromOptions(input as TraceSpecOptions);
}
