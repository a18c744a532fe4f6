/**
 * The option names each op takes, and the check that refuses any other. PyTorch raises a TypeError
 * for an unexpected keyword; an option object that misspells one (`padding_mode`, `strides`,
 * `ceil_mode`) would otherwise be read as its default and give other numbers without a word.
 */
import { ConvError, show } from '../geometry/errors.js';

const COMPUTE = ['bias', 'engine', 'algorithm', 'out'] as const;
export const CONV_OPTIONS: readonly string[] = ['stride', 'padding', 'dilation', 'groups', 'paddingMode', ...COMPUTE];
export const CONV_TRANSPOSE_OPTIONS: readonly string[] = ['stride', 'padding', 'outputPadding', 'outputSize', 'dilation', 'groups', 'paddingMode', ...COMPUTE];
export const CONV_SHAPE_OPTIONS: readonly string[] = ['stride', 'padding', 'dilation', 'groups', 'paddingMode'];
export const CONV_TRANSPOSE_SHAPE_OPTIONS: readonly string[] = ['stride', 'padding', 'outputPadding', 'outputSize', 'dilation', 'groups', 'paddingMode'];
/** The backward ops take the forward op's options (but no algorithm: they choose their own) and which gradients to compute. */
export const CONV_BACKWARD_OPTIONS: readonly string[] = [...CONV_OPTIONS.filter((k) => k !== 'algorithm'), 'gradients'];
export const CONV_TRANSPOSE_BACKWARD_OPTIONS: readonly string[] = [...CONV_TRANSPOSE_OPTIONS.filter((k) => k !== 'algorithm'), 'gradients'];
export const POOL_OPTIONS: readonly string[] = ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'countIncludePad', 'divisorOverride', 'engine', 'out'];

/** `padding_mode` → `paddingMode`: PyTorch's keyword as convkit spells it. */
const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The name meant by a near miss: the camel-cased keyword, another case, or one letter more or less at the end (`strides`, `fram`). */
function meant(key: string, allowed: readonly string[]): string | null {
  const c = camel(key);
  if (allowed.includes(c)) return c;
  const lower = c.toLowerCase();
  const near = (a: string, b: string) => a.length === b.length + 1 && a.startsWith(b);
  return allowed.find((a) => a.toLowerCase() === lower || near(a.toLowerCase(), lower) || near(lower, a.toLowerCase())) ?? null;
}

/** The option object of `call`: undefined is {}, anything but a plain object or a name not in `allowed` is refused. */
export function callOptions(options: unknown, allowed: readonly string[], call: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConvError('INVALID_OPTION', `options must be an object, but got ${show(options)}`, { hint: 'e.g. { stride: 2, padding: 1 }' });
  }
  const o = options as Record<string, unknown>;
  for (const key in o) {
    if (allowed.includes(key) || o[key] === undefined) continue;
    const near = meant(key, allowed);
    throw new ConvError('INVALID_OPTION', `unknown ${call} option ${show(key)}`, {
      values: { option: key },
      hint: near ? `did you mean ${near}? (PyTorch's keywords, camel-cased)` : `use ${allowed.join(', ')}`,
    });
  }
  return o;
}
