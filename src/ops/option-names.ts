/**
 * The option names each op takes, and the check that refuses any other. PyTorch raises a TypeError
 * for an unexpected keyword; an option object that misspells one (`padding_mode`, `strides`,
 * `ceil_mode`) would otherwise be read as its default and give other numbers without a word.
 */
import { ConvError, show } from '../geometry/errors.js';
import { refuseUnknownOptions } from '../geometry/options.js';

const COMPUTE = ['bias', 'engine', 'algorithm', 'out'] as const;
export const CONV_OPTIONS: readonly string[] = ['stride', 'padding', 'dilation', 'groups', 'paddingMode', ...COMPUTE];
export const CONV_TRANSPOSE_OPTIONS: readonly string[] = ['stride', 'padding', 'outputPadding', 'outputSize', 'dilation', 'groups', 'paddingMode', ...COMPUTE];
export const CONV_SHAPE_OPTIONS: readonly string[] = ['stride', 'padding', 'dilation', 'groups', 'paddingMode'];
export const CONV_TRANSPOSE_SHAPE_OPTIONS: readonly string[] = ['stride', 'padding', 'outputPadding', 'outputSize', 'dilation', 'groups', 'paddingMode'];
/** The backward ops take the forward op's options (but no algorithm: they choose their own) and which gradients to compute. */
export const CONV_BACKWARD_OPTIONS: readonly string[] = [...CONV_OPTIONS.filter((k) => k !== 'algorithm'), 'gradients'];
export const CONV_TRANSPOSE_BACKWARD_OPTIONS: readonly string[] = [...CONV_TRANSPOSE_OPTIONS.filter((k) => k !== 'algorithm'), 'gradients'];
export const POOL_OPTIONS: readonly string[] = ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'countIncludePad', 'divisorOverride', 'engine', 'out'];

/** The option object of `call`: undefined is {}, anything but a plain object or a name not in `allowed` is refused. */
export function callOptions(options: unknown, allowed: readonly string[], call: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConvError('INVALID_OPTION', `options must be an object, but got ${show(options)}`, { hint: 'e.g. { stride: 2, padding: 1 }' });
  }
  const o = options as Record<string, unknown>;
  refuseUnknownOptions(o, allowed, call, true);
  return o;
}
