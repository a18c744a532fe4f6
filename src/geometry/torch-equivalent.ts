/**
 * torchEquivalent: a human-readable PyTorch recipe that computes the same thing as a ConvGeometry
 * (docs/semantics.md, "Across frameworks"). Dialect adapters attach it so users see how a TF/ONNX padding rule maps onto
 * PyTorch's symmetric `padding` + end-only `output_padding` — or why it does not.
 */
import { outputPaddingAllowed, transposedFullSize } from './sizes.js';
import type { AxisGeometry, ConvGeometry, DirectConvGeometry, TransposedConvGeometry } from './types.js';

/** One value if all axes agree, else a tuple. */
function fmt(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0]) : `(${values.join(', ')})`;
}

/** `F.pad` takes (last axis before, last axis after, previous axis before, …). */
function padTuple(pairs: readonly (readonly [number, number])[]): string {
  const flat: number[] = [];
  for (let i = pairs.length - 1; i >= 0; i--) flat.push(pairs[i][0], pairs[i][1]);
  return `(${flat.join(',')})`;
}

function args(parts: readonly (string | null)[]): string {
  return parts.filter((p): p is string => p !== null).join(', ');
}

function common(g: ConvGeometry): { stride: string | null; dilation: string | null; groups: string | null } {
  const s = g.axes.map((a) => a.stride);
  const d = g.axes.map((a) => a.dilation);
  return {
    stride: s.every((v) => v === 1) ? null : `stride=${fmt(s)}`,
    dilation: d.every((v) => v === 1) ? null : `dilation=${fmt(d)}`,
    groups: g.groups === 1 ? null : `groups=${g.groups}`,
  };
}

function directRecipe(g: DirectConvGeometry): string {
  const name = `conv${g.rank}d`;
  const c = common(g);
  const symmetric = g.axes.every((a) => a.padBefore === a.padAfter && a.padBefore >= 0);
  if (symmetric) return `${name}(${args([c.stride, `padding=${fmt(g.axes.map((a) => a.padBefore))}`, c.dilation, c.groups])})`;
  const pairs = g.axes.map((a) => [a.padBefore, a.padAfter] as const);
  const crop = pairs.some(([b, e]) => b < 0 || e < 0) ? ' (negative values crop)' : '';
  return `F.pad(x, ${padTuple(pairs)})${crop} then ${name}(${args(['padding=0', c.stride, c.dilation, c.groups])})`;
}

/** PyTorch accepts output_padding only below the stride or the dilation (docs/semantics.md, "Transposed convolutions"). */
function torchAcceptsOutputPadding(a: AxisGeometry, op: number): boolean {
  return outputPaddingAllowed(op, a.stride, a.dilation);
}

function transposedRecipe(g: TransposedConvGeometry): string {
  const name = `conv_transpose${g.rank}d`;
  const c = common(g);
  const symmetric = g.axes.every((a) => a.cropBefore === a.cropAfter && a.cropBefore >= 0 && torchAcceptsOutputPadding(a, a.outputPadding));
  if (symmetric) {
    const op = g.axes.map((a) => a.outputPadding);
    const opArg = op.every((v) => v === 0) ? null : `output_padding=${fmt(op)}`;
    return `${name}(${args([c.stride, `padding=${fmt(g.axes.map((a) => a.cropBefore))}`, opArg, c.groups, c.dilation])})`;
  }
  // Run with the symmetric part of the crop, then take the window [start, start + O) of the result.
  const plan = g.axes.map((a) => {
    const full = transposedFullSize(a.input, a.kernel, a.stride, a.dilation);
    const p = Math.max(0, Math.min(a.cropBefore, a.cropAfter));
    const start = a.cropBefore - p;
    const base = full - 2 * p;
    const need = Math.max(0, start + a.output - base);
    const e = torchAcceptsOutputPadding(a, need) ? need : 0;
    const pre = Math.max(0, -start);
    const post = need - e;
    return { p, e, pre, post, from: start + pre, to: start + pre + a.output, length: base + e + pre + post };
  });
  const opArg = plan.every((x) => x.e === 0) ? null : `output_padding=${fmt(plan.map((x) => x.e))}`;
  let recipe = `${name}(${args([c.stride, `padding=${fmt(plan.map((x) => x.p))}`, opArg, c.groups, c.dilation])})`;
  if (plan.some((x) => x.pre > 0 || x.post > 0)) {
    recipe += ` then F.pad(y, ${padTuple(plan.map((x) => [x.pre, x.post] as const))}) (cells outside the full output hold only the bias)`;
  }
  if (plan.some((x) => x.from !== 0 || x.to !== x.length)) recipe += ` then crop [${plan.map((x) => `${x.from}:${x.to}`).join(', ')}]`;
  return `not expressible with symmetric padding: ${recipe}`;
}

/**
 * The PyTorch call that computes what `g` computes: symmetric `padding` (and end-only
 * `output_padding`) when that suffices, else `F.pad` before the conv, or a crop after a transposed one.
 *
 * @example
 * ```ts
 * import { convGeometry, torchEquivalent } from 'convkit';
 * const g = convGeometry({ inputShape: [1, 1, 8, 8], weightShape: [1, 1, 4, 4] }, { padding: 'same' });
 * torchEquivalent(g); //=> 'F.pad(x, (1,2,1,2)) then conv2d(padding=0)'
 * ```
 */
export function torchEquivalent(g: ConvGeometry): string {
  return g.transposed ? transposedRecipe(g) : directRecipe(g);
}
