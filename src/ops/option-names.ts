/**
 * The option names each op takes, and the check that refuses any other. PyTorch raises a TypeError
 * for an unexpected keyword; an option object that misspells one (`padding_mode`, `strides`,
 * `ceil_mode`) would otherwise be read as its default and give other numbers without a word.
 * The check itself is geometry/options.ts's callOptions, which trace and convMatrix use too.
 */

const COMPUTE = ['bias', 'engine', 'algorithm', 'out'] as const;
export const CONV_OPTIONS: readonly string[] = ['stride', 'padding', 'dilation', 'groups', 'paddingMode', ...COMPUTE];
export const CONV_TRANSPOSE_OPTIONS: readonly string[] = ['stride', 'padding', 'outputPadding', 'outputSize', 'dilation', 'groups', 'paddingMode', ...COMPUTE];
export const CONV_SHAPE_OPTIONS: readonly string[] = ['stride', 'padding', 'dilation', 'groups', 'paddingMode'];
export const CONV_TRANSPOSE_SHAPE_OPTIONS: readonly string[] = ['stride', 'padding', 'outputPadding', 'outputSize', 'dilation', 'groups', 'paddingMode'];
/** The backward ops take the forward op's options (but no algorithm: they choose their own) and which gradients to compute. */
export const CONV_BACKWARD_OPTIONS: readonly string[] = [...CONV_OPTIONS.filter((k) => k !== 'algorithm'), 'gradients'];
export const CONV_TRANSPOSE_BACKWARD_OPTIONS: readonly string[] = [...CONV_TRANSPOSE_OPTIONS.filter((k) => k !== 'algorithm'), 'gradients'];
/**
 * PyTorch's max_pool and avg_pool keywords: the divisor's options are average pooling's (a max
 * pool took them and ignored them). avg keeps dilation here so that poolGeometry refuses it
 * saying that average pooling has none.
 */
export const MAX_POOL_OPTIONS: readonly string[] = ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'engine', 'out'];
export const AVG_POOL_OPTIONS: readonly string[] = ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'countIncludePad', 'divisorOverride', 'engine', 'out'];
