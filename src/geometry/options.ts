/**
 * The explain dialect: a flat option object (sizes of the spatial axes, kernel, channels…) as
 * people state a convolution in words, turned into PyTorch shapes and handed to the one geometry
 * (src/geometry/torch.ts). Only what the geometry cannot know is checked here: the rank, the
 * channel/group split that the weight shape encodes, and unknown option names.
 */
import { ConvError, show } from './errors.js';
import { poolGeometry } from './pool.js';
import type { PoolGeometry } from './pool.js';
import { convGeometry, convTransposeGeometry } from './torch.js';
import type { IntOrTuple, PaddingSpec } from './torch.js';
import type { ConvGeometry, PaddingMode } from './types.js';
import { divisors, gcd, int, isInt, perAxis } from './validate.js';

/**
 * A convolution stated in words, as `explain`, `trace`, `convMatrix` and the pictures take it:
 * spatial `input` and `kernel` sizes, then PyTorch's options, channels, and `pool` for a pooling window.
 */
export interface ConvSpecOptions {
  /** Spatial input size: one number (every axis) or one per axis. */
  input: number | readonly number[];
  /** Kernel taps: one number or one per axis. */
  kernel: number | readonly number[];
  stride?: IntOrTuple;
  /** A number, one per axis, [before, after] pairs per axis, 'same' or 'valid' (direct only). */
  padding?: PaddingSpec;
  dilation?: IntOrTuple;
  transposed?: boolean;
  outputPadding?: IntOrTuple;
  /** Transposed only: the wanted spatial output size (picks outputPadding as PyTorch's module does). */
  outputSize?: number | readonly number[];
  inChannels?: number;
  /** Defaults to inChannels. */
  outChannels?: number;
  groups?: number;
  /** Whether the layer has a bias (default true, as PyTorch's modules). */
  bias?: boolean;
  batch?: number;
  paddingMode?: PaddingMode;
  /** Number of spatial axes; by default the length of the first per-axis option, else 2. */
  rank?: number;
  /** A pooling window instead of a convolution (relationship 7); stride defaults to the kernel. */
  pool?: 'max' | 'avg';
  ceilMode?: boolean;
}

export const SPEC_KEYS: readonly string[] = [
  'input', 'kernel', 'stride', 'padding', 'dilation', 'transposed', 'outputPadding', 'outputSize',
  'inChannels', 'outChannels', 'groups', 'bias', 'batch', 'paddingMode', 'rank', 'pool', 'ceilMode',
];

export type ResolvedSpec =
  | { kind: 'conv'; geometry: ConvGeometry }
  | { kind: 'pool'; geometry: PoolGeometry };

function bool(v: unknown, name: string, fallback: boolean): boolean {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'boolean') return v;
  throw new ConvError('INVALID_OPTION', `${name} must be true or false, but got ${show(v)}`, { values: { [name]: v }, hint: `give ${name}: true or ${name}: false` });
}

/** Rank: explicit, else the length of the first per-axis option, else 2 (the guide's figures are 2-D). */
export function rankOf(o: Record<string, unknown>): number {
  if (o.rank !== undefined && o.rank !== null) {
    const r = o.rank;
    if (r === 1 || r === 2 || r === 3) return r;
    // Any other whole number, however large, is refused naming the three ranks (int's out-of-range
    // hint would offer ranks up to 2³¹ − 1); what is not a whole number is int's to refuse.
    if (!isInt(r)) return int(r, 'rank');
    throw new ConvError('INVALID_OPTION', `rank must be 1, 2 or 3, but got ${show(r)}`, { values: { rank: r }, hint: 'use rank 1 (L), 2 (H, W) or 3 (D, H, W)' });
  }
  // The input's sizes are per axis by nature: an input array fixes the rank, even of length 1.
  if (Array.isArray(o.input) && o.input.length >= 1 && o.input.length <= 3) return o.input.length;
  for (const key of ['input', 'kernel', 'stride', 'dilation', 'outputPadding', 'outputSize', 'padding']) {
    const v = o[key];
    if (Array.isArray(v) && v.length > 1) {
      if (v.length > 3) {
        throw new ConvError('OPTION_LENGTH', `${key} has ${v.length} values, but convolutions have 1 to 3 spatial axes`, { values: { [key]: v }, hint: 'give 1, 2 or 3 values' });
      }
      return v.length;
    }
  }
  return 2;
}

/**
 * Checks the option object's shape: an object with known keys and the two required sizes.
 * `whose`: what the hint says the names are, after a near miss (refuseUnknownOptions' `nearMiss`):
 * the explain dialect's are PyTorch's keywords; solvePadding's and enumerateConfigs' are convkit's own.
 */
export function checkSpecObject(options: unknown, allowed: readonly string[], what: string, misplaced?: Misplaced, whose: true | string = `an option of ${what}`): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConvError('INVALID_OPTION', `${what} options must be an object, but got ${show(options)}`, { hint: 'e.g. { input: [5, 5], kernel: 3, stride: 2, padding: 1 }' });
  }
  const o = options as Record<string, unknown>;
  refuseUnknownOptions(o, allowed, what, whose, misplaced);
  return o;
}

/** `padding_mode` → `paddingMode`: PyTorch's keyword as convkit spells it. */
const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The name meant by a near miss: the camel-cased keyword, another case, or one letter more or less at the end (`strides`, `fram`). */
export function meant(key: string, allowed: readonly string[]): string | null {
  const c = camel(key);
  if (allowed.includes(c)) return c;
  // Case and underscores aside: `autoPad` for ONNX's `auto_pad`, `Stride` for `stride`.
  const norm = (a: string) => a.replace(/_/g, '').toLowerCase();
  const lower = norm(c);
  const near = (a: string, b: string) => a.length === b.length + 1 && a.startsWith(b);
  return allowed.find((a) => norm(a) === lower || near(norm(a), lower) || near(lower, norm(a))) ?? null;
}

/**
 * Option names another argument of the same call takes: `renderSvg({ ...cfg, theme: 'flat' })`
 * puts a render option among the convolution's, and "unknown explain option" would not say where
 * it goes. `kind` names that argument's options ('render'); `call` is the function, whose second
 * argument takes them.
 */
export interface Misplaced {
  names: readonly string[];
  kind: string;
  call: string;
}

/**
 * The option object of `call` (its argument of options): undefined is {}; anything but a plain
 * object, or a name not in `allowed`, is refused (with the name meant, where one is near).
 * `example`: the hint's example of a valid object.
 */
export function callOptions(options: unknown, allowed: readonly string[], call: string, example = '{ stride: 2, padding: 1 }'): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConvError('INVALID_OPTION', `options must be an object, but got ${show(options)}`, { hint: `e.g. ${example}` });
  }
  const o = options as Record<string, unknown>;
  refuseUnknownOptions(o, allowed, call, true);
  return o;
}

/**
 * The one check of option names: a name not in `allowed` (and not set to undefined) is refused.
 * `misplaced`: a name that belongs in the call's other argument is refused saying so.
 * `nearMiss`: the hint names the option meant when there is one — true for convkit's own options
 * (PyTorch's keywords, camel-cased), or a phrase saying whose names they are for another API's
 * ("ONNX's attribute names"); otherwise, and when none is near, it lists the names.
 */
export function refuseUnknownOptions(o: Record<string, unknown>, allowed: readonly string[], what: string, nearMiss: boolean | string = false, misplaced?: Misplaced): void {
  for (const key of Object.keys(o)) {
    if (allowed.includes(key) || o[key] === undefined) continue;
    if (misplaced?.names.includes(key)) {
      const { kind, call } = misplaced;
      throw new ConvError('INVALID_OPTION', `${show(key)} is a ${kind} option`, {
        values: { option: key },
        hint: `pass it in ${call}'s second argument (${call}(config, { ${key} }))`,
      });
    }
    const near = nearMiss ? meant(key, allowed) : null;
    throw new ConvError('INVALID_OPTION', `unknown ${what} option ${show(key)}`, {
      values: { option: key },
      hint: near ? `did you mean ${near}? (${nearMiss === true ? "PyTorch's keywords, camel-cased" : nearMiss})` : `use ${allowed.join(', ')}`,
    });
  }
}

/**
 * The channel rule of every layer spec: groups ≥ 1, dividing both channel counts (throws the
 * ConvError a spec with these counts gets). For callers that adapt a layer to other data, e.g.
 * the page's pictures, and must refuse what the layer itself cannot be.
 */
export function checkChannels(inChannels: number, outChannels: number, groups: number): void {
  channels({ inChannels, outChannels, groups });
}

function channels(o: Record<string, unknown>): { ic: number; oc: number; g: number; batch: number } {
  const g = int(o.groups ?? 1, 'groups', 1);
  if (g <= 0) throw new ConvError('GROUPS', `groups must be positive, but got ${g}`, { values: { groups: g }, hint: 'use groups ≥ 1 (1 is an ordinary convolution)' });
  const ic = int(o.inChannels ?? 1, 'inChannels', 1);
  const oc = int(o.outChannels ?? ic, 'outChannels', 1);
  const batch = int(o.batch ?? 1, 'batch', 0);
  for (const [name, v] of [['inChannels', ic], ['outChannels', oc]] as const) {
    if (v < 1) throw new ConvError('CHANNELS', `${name} must be at least 1, but got ${v}`, { values: { [name]: v }, hint: `use ${name} ≥ 1` });
  }
  for (const [name, v] of [['inChannels', ic], ['outChannels', oc]] as const) {
    if (v % g !== 0) {
      // Both counts in `values`, whichever is refused: advice must satisfy the two at once.
      throw new ConvError('GROUPS', `groups=${g} must divide ${name} ${v}`, { values: { groups: g, inChannels: ic, outChannels: oc }, hint: groupsHint(groupsFit(ic, oc, g)) });
    }
  }
  if (batch < 0) throw new ConvError('INVALID_NUMBER', `batch cannot be negative, but got ${batch}`, { values: { batch }, hint: 'use batch ≥ 0' });
  return { ic, oc, g, batch };
}

/**
 * What would make `groups` fit two channel counts: the one home of the advice a GROUPS refusal
 * gives (the library's hint and the page's sentence, web/src/error-text.ts). Groups must divide
 * both counts at once, so the groups that would do are their common divisors, and the counts that
 * would do are multiples of the groups on both sides: advice about one count alone ("a divisor of
 * 4, such as 2" with 1 output channel) leads into the other count's refusal.
 */
export interface GroupsFit {
  inChannels: number;
  outChannels: number;
  groups: number;
  /** Which counts the groups do not divide. */
  refused: { inChannels: boolean; outChannels: boolean };
  /** The groups that divide both counts, ascending (the divisors of their greatest common divisor; at most 12). */
  common: number[];
  /** The largest of those below `groups` (1 at least): the nearest groups that fit. */
  nearest: number;
  /** Each count at the next multiple of `groups` (unchanged where the groups already divide it). */
  multiples: { inChannels: number; outChannels: number };
}

export function groupsFit(inChannels: number, outChannels: number, groups: number): GroupsFit {
  const both = gcd(inChannels, outChannels);
  let nearest = 1;
  for (let d = Math.min(groups - 1, both); d > 1; d--) {
    if (both % d === 0) {
      nearest = d;
      break;
    }
  }
  const up = (c: number) => Math.ceil(c / groups) * groups;
  return {
    inChannels,
    outChannels,
    groups,
    refused: { inChannels: inChannels % groups !== 0, outChannels: outChannels % groups !== 0 },
    common: divisors(both),
    nearest,
    multiples: { inChannels: up(inChannels), outChannels: up(outChannels) },
  };
}

/** The library's hint from a GroupsFit: groups that divide both counts, or counts that are multiples of the groups on both sides. */
function groupsHint(f: GroupsFit): string {
  const { inChannels: mi, outChannels: mo } = f.multiples;
  const counts = f.refused.inChannels && f.refused.outChannels ? `inChannels ${mi} and outChannels ${mo}` : f.refused.inChannels ? `inChannels ${mi}` : `outChannels ${mo}`;
  // 1 always divides both: where it alone does, it is named as the one value ("use groups 1"), not as a list of one.
  // `common` stops at 12 values: a longer list ends in '…' and is not called all of them.
  const last = f.common[f.common.length - 1];
  const [list, which] =
    f.common.length === 1 ? ['1', 'the only value that divides']
    : last !== gcd(f.inChannels, f.outChannels) ? [`${f.common.join(', ')}, …`, 'values that divide']
    : [`${f.common.slice(0, -1).join(', ')} or ${last}`, 'the values that divide'];
  return `use groups ${list} (${which} both inChannels ${f.inChannels} and outChannels ${f.outChannels}), or channel counts that are multiples of ${f.groups}, such as ${counts}`;
}

/**
 * An input or kernel size given in words, one per axis. A negative one is refused here, under the
 * name the caller wrote (`input[0]`), not later as an entry of the tensor shape built from it.
 */
function sizesOf(v: unknown, name: string, rank: number): number[] {
  const sizes = perAxis(v, name, rank, 1, 1);
  sizes.forEach((n, i) => {
    if (n < 0) {
      const at = Array.isArray(v) || ArrayBuffer.isView(v) ? `${name}[${i}]` : name;
      throw new ConvError('INVALID_NUMBER', `${at} is ${n}; sizes cannot be negative`, { values: { [name]: v }, hint: 'use sizes ≥ 1' });
    }
  });
  return sizes;
}

/**
 * Options that describe only one kind of layer. Given a meaning in a spec of the other kind, they
 * are refused rather than silently ignored: `ceilMode: true` on a convolution would otherwise
 * explain a floor-mode layer the reader did not ask for. A value that means what the other kind
 * does anyway passes (`ceilMode: false`, `groups: 1`, an output channel count equal to the input's
 * on a pool); `outputSize` has no such value on a pool, and is refused whenever it is given.
 */
function refuseOtherKindsOptions(o: Record<string, unknown>, pool: boolean, rank: number): void {
  const given = (k: string) => o[k] !== undefined && o[k] !== null;
  if (!pool) {
    if (given('ceilMode') && bool(o.ceilMode, 'ceilMode', false)) {
      throw new ConvError('INVALID_OPTION', 'ceilMode applies to pooling windows only; a convolution always rounds its output size down', {
        values: { ceilMode: o.ceilMode }, hint: "add pool: 'max' or pool: 'avg', or leave ceilMode out",
      });
    }
    return;
  }
  const convOnly: [string, boolean, string][] = [
    ['outChannels', given('outChannels') && o.outChannels !== (o.inChannels ?? 1), 'a pooling window keeps the channel count'],
    ['groups', given('groups') && o.groups !== 1, 'a pooling window has no weights to group'],
    ['outputPadding', given('outputPadding') && perAxis(o.outputPadding, 'outputPadding', rank, 0, 0).some((v) => v !== 0), 'a pooling window cannot be transposed'],
    ['outputSize', given('outputSize'), 'a pooling window cannot be transposed'],
    ['paddingMode', given('paddingMode') && o.paddingMode !== 'zeros', 'a pooling window pads with its own neutral value'],
  ];
  for (const [name, bad, why] of convOnly) {
    if (bad) throw new ConvError('INVALID_OPTION', `${name} applies to convolutions only: ${why}`, { values: { [name]: o[name] }, hint: `leave ${name} out with pool, or leave pool out for a convolution` });
  }
}

/**
 * The explain dialect → the one geometry (convolution, transposed convolution or pooling window).
 * `misplaced`: names of the calling function's other argument, refused saying where they go.
 */
export function resolveSpec(options: unknown, extraKeys: readonly string[] = [], misplaced?: Misplaced): ResolvedSpec {
  const o = { ...checkSpecObject(options, [...SPEC_KEYS, ...extraKeys], 'explain', misplaced, true) };
  if (o.input === undefined || o.input === null) throw new ConvError('INVALID_OPTION', 'input size is missing', { hint: 'give input: 5 or input: [5, 5]' });
  if (o.kernel === undefined || o.kernel === null) throw new ConvError('INVALID_OPTION', 'kernel size is missing', { hint: 'give kernel: 3 or kernel: [3, 3]' });
  const rank = rankOf(o);
  const spatial = sizesOf(o.input, 'input', rank);
  const kernel = sizesOf(o.kernel, 'kernel', rank);
  const transposed = bool(o.transposed, 'transposed', false);
  const hasBias = bool(o.bias, 'bias', true);

  if (o.pool !== undefined && o.pool !== null) {
    if (o.pool !== 'max' && o.pool !== 'avg') {
      throw new ConvError('INVALID_OPTION', `pool must be 'max' or 'avg', but got ${show(o.pool)}`, { values: { pool: o.pool }, hint: "use pool: 'max' or pool: 'avg', or leave it out for a convolution" });
    }
    if (transposed) throw new ConvError('INVALID_OPTION', 'pooling cannot be transposed', { hint: 'leave transposed out with pool' });
    refuseOtherKindsOptions(o, true, rank);
    const ch = int(o.inChannels ?? 1, 'inChannels', 1);
    const batch = int(o.batch ?? 1, 'batch', 0);
    // Average pooling has no dilation option; a dilation of 1 everywhere is the same as none.
    const noDilation = o.dilation === undefined || o.dilation === null || (o.pool === 'avg' && perAxis(o.dilation, 'dilation', rank, 1, 1).every((d) => d === 1));
    const geometry = poolGeometry(o.pool, [batch, ch, ...spatial], {
      kernelSize: kernel,
      stride: o.stride as IntOrTuple | undefined,
      padding: o.padding as IntOrTuple | undefined,
      dilation: noDilation ? undefined : (o.dilation as IntOrTuple),
      ceilMode: bool(o.ceilMode, 'ceilMode', false),
    }, rank);
    return { kind: 'pool', geometry };
  }

  refuseOtherKindsOptions(o, false, rank);
  // One [before, after] pair (or one number in a list) stands for every axis, like PyTorch's 1-tuples.
  if (Array.isArray(o.padding) && o.padding.length === 1 && rank > 1) o.padding = Array(rank).fill(o.padding[0]);
  const { ic, oc, g, batch } = channels(o);
  const inputShape = [batch, ic, ...spatial];
  if (transposed) {
    const weightShape = [ic, oc / g, ...kernel];
    const outputSize = o.outputSize === undefined || o.outputSize === null ? undefined : perAxis(o.outputSize, 'outputSize', rank, 1, 1);
    const geometry = convTransposeGeometry(
      { inputShape, weightShape, biasShape: hasBias ? [oc] : null },
      {
        stride: o.stride as IntOrTuple | undefined,
        padding: o.padding as number | number[] | undefined,
        outputPadding: o.outputPadding as IntOrTuple | undefined,
        dilation: o.dilation as IntOrTuple | undefined,
        groups: g,
        outputSize,
        paddingMode: o.paddingMode as PaddingMode | undefined,
      },
      rank,
    );
    return { kind: 'conv', geometry };
  }
  if (o.outputSize !== undefined && o.outputSize !== null) {
    throw new ConvError('INVALID_OPTION', 'outputSize applies to transposed convolutions only', {
      values: { outputSize: o.outputSize },
      hint: 'for a direct convolution find the padding with solvePadding (convkit solve padding), or add transposed: true',
    });
  }
  if (o.outputPadding !== undefined && o.outputPadding !== null && perAxis(o.outputPadding, 'outputPadding', rank, 0, 0).some((v) => v !== 0)) {
    throw new ConvError('INVALID_OPTION', 'outputPadding applies to transposed convolutions only', { values: { outputPadding: o.outputPadding }, hint: 'add transposed: true, or leave outputPadding out' });
  }
  const weightShape = [oc, ic / g, ...kernel];
  const geometry = convGeometry(
    { inputShape, weightShape, biasShape: hasBias ? [oc] : null },
    {
      stride: o.stride as IntOrTuple | undefined,
      padding: o.padding as PaddingSpec | undefined,
      dilation: o.dilation as IntOrTuple | undefined,
      groups: g,
      paddingMode: o.paddingMode as PaddingMode | undefined,
    },
    rank,
  );
  return { kind: 'conv', geometry };
}
