/**
 * enumerateConfigs: every (kernel, stride, padding, dilation) within bounds that maps an input
 * size i to an output size o on one axis — for a direct convolution, or for a transposed one (then
 * with the output padding that makes it exact). The search is bounded: each bound must be given
 * or defaulted to a small number, and a search space above MAX_SEARCH candidates is refused.
 *
 * Sizes come from the geometry's own size functions (src/geometry/build.ts) and every returned
 * configuration is built into a geometry; nothing here re-derives the rules.
 */
import { buildAxis } from '../geometry/build.js';
import { directOutputSize, effectiveKernel, outputPaddingAllowed, transposedOutputSize } from '../geometry/sizes.js';
import { ConvError } from '../geometry/errors.js';
import { convGeometry, convTransposeGeometry } from '../geometry/torch.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/index.js';
import { langOf } from '../i18n/index.js';
import { intIn } from './check.js';
import { checkSpecObject } from '../geometry/options.js';
import { relationshipOf } from './relationships.js';

/** The sizes to connect on one axis and the bounds of the search. */
export interface EnumerateOptions {
  input: number;
  output: number;
  transposed?: boolean;
  /** Inclusive bounds (defaults: kernel 1–7, stride 1–4, padding 0–3, dilation 1–3). */
  minKernel?: number;
  maxKernel?: number;
  maxStride?: number;
  maxPadding?: number;
  maxDilation?: number;
  /** Most configurations returned (default 200); `count` still tells how many exist. */
  limit?: number;
  lang?: Lang;
}

/** One configuration that maps the input size to the output size. */
export interface AxisConfig {
  kernel: number;
  stride: number;
  padding: number;
  dilation: number;
  /** Transposed: the output padding that makes the size exact; 0 for direct. */
  outputPadding: number;
  effectiveKernel: number;
  /** The guide's relationship for this configuration (null for a dilated transposed one). */
  relationship: number | null;
}

/** Every configuration found (up to `limit`), how many exist, and the result as text. */
export interface EnumerateResult {
  input: number;
  output: number;
  transposed: boolean;
  bounds: { minKernel: number; maxKernel: number; maxStride: number; maxPadding: number; maxDilation: number };
  /** How many configurations exist within the bounds. */
  count: number;
  /** Sorted by dilation, then kernel, then stride, then padding (simplest first); at most `limit`. */
  configs: AxisConfig[];
  truncated: boolean;
  lines: string[];
}

/** Largest number of candidates one search may visit. */
export const MAX_SEARCH = 1_000_000;
const MAX_BOUND = 1024;

const KEYS = ['input', 'output', 'transposed', 'minKernel', 'maxKernel', 'maxStride', 'maxPadding', 'maxDilation', 'limit', 'lang'];

/**
 * Every (kernel, stride, padding, dilation) within bounds that maps input size `input` to
 * `output` on one axis, simplest first; transposed ones come with the output padding that makes
 * the size exact.
 *
 * @example
 * ```ts
 * import { enumerateConfigs } from 'convkit';
 * const r = enumerateConfigs({ input: 8, output: 4 });
 * r.count;      //=> 32
 * r.configs[0]; //=> { kernel: 1, stride: 2, padding: 0, dilation: 1, relationship: 5 }
 * ```
 */
export function enumerateConfigs(options: EnumerateOptions): EnumerateResult {
  const o = checkSpecObject(options, KEYS, 'enumerateConfigs');
  const lang = langOf(o.lang);
  for (const key of ['input', 'output']) {
    if (o[key] === undefined || o[key] === null) throw new ConvError('INVALID_OPTION', `${key} size is missing`, { hint: `give ${key} as one whole number (one axis)` });
  }
  const i = intIn(o.input, 'input', 1, 1, 2 ** 31 - 1);
  const out = intIn(o.output, 'output', 1, 1, 2 ** 31 - 1);
  if (o.transposed !== undefined && typeof o.transposed !== 'boolean') {
    throw new ConvError('INVALID_OPTION', 'transposed must be true or false', { values: { transposed: o.transposed }, hint: 'give transposed: true or leave it out' });
  }
  const transposed = o.transposed === true;
  const minKernel = intIn(o.minKernel, 'minKernel', 1, 1, MAX_BOUND);
  const maxKernel = intIn(o.maxKernel, 'maxKernel', 7, minKernel, MAX_BOUND);
  const maxStride = intIn(o.maxStride, 'maxStride', 4, 1, MAX_BOUND);
  const maxPadding = intIn(o.maxPadding, 'maxPadding', 3, 0, MAX_BOUND);
  const maxDilation = intIn(o.maxDilation, 'maxDilation', 3, 1, MAX_BOUND);
  const limit = intIn(o.limit, 'limit', 200, 1, 100_000);
  const space = (maxKernel - minKernel + 1) * maxStride * (maxPadding + 1) * maxDilation;
  if (space > MAX_SEARCH) {
    throw new ConvError('TOO_LARGE', `the search over ${space} configurations is larger than ${MAX_SEARCH}`, {
      values: { minKernel, maxKernel, maxStride, maxPadding, maxDilation },
      hint: 'lower maxKernel, maxStride, maxPadding or maxDilation',
    });
  }

  const configs: AxisConfig[] = [];
  let count = 0;
  // Loop order = sort order: dilation, kernel, stride, padding.
  // A one-tap kernel has no gaps for a dilation to widen: k=1 with d>1 is the layer k=1 d=1 again
  // and is listed once, with d=1. The one exception is transposed: there d also raises the largest
  // output padding allowed (a < max(s, d)), so a k=1 layer with a ≥ s exists only with d > 1.
  for (let d = 1; d <= maxDilation; d++) {
    for (let k = minKernel; k <= maxKernel; k++) {
      const ke = effectiveKernel(k, d);
      for (let s = 1; s <= maxStride; s++) {
        for (let p = 0; p <= maxPadding; p++) {
          let a = 0;
          if (transposed) {
            a = out - transposedOutputSize(i, k, s, d, p, p, 0);
            if (a < 0 || !outputPaddingAllowed(a, s, d)) continue;
          } else {
            if (i + 2 * p < ke || directOutputSize(i, k, s, d, p, p) !== out) continue;
          }
          if (k === 1 && d > 1 && a < s) continue;
          count++;
          if (configs.length >= limit) continue;
          const axis = buildAxis({ input: i, kernel: k, stride: s, dilation: d, padBefore: p, padAfter: p, outputPadding: a }, 0, 'L', transposed);
          configs.push({ kernel: k, stride: s, padding: p, dilation: d, outputPadding: a, effectiveKernel: ke, relationship: relationshipOf(axis) });
        }
      }
    }
  }
  // Prove the answers through the public dialect (the same checks users get).
  for (const c of configs) {
    const shapes = { inputShape: [1, 1, i], weightShape: [1, 1, c.kernel] };
    const g = transposed
      ? convTransposeGeometry(shapes, { stride: c.stride, padding: c.padding, dilation: c.dilation, outputPadding: c.outputPadding }, 1)
      : convGeometry(shapes, { stride: c.stride, padding: c.padding, dilation: c.dilation }, 1);
    if (g.axes[0].output !== out) throw new Error(`enumerateConfigs: internal error, ${JSON.stringify(c)} gives ${g.axes[0].output}`);
  }
  const truncated = count > configs.length;
  const lines = [
    count === 0
      ? t(lang, 'solve.configs.none', { input: i, output: out })
      : t(lang, 'solve.configs.title', { count, input: i, output: out, truncated: truncated ? t(lang, 'solve.configs.truncated', { limit }) : '' }),
    ...configs.map((c) => `k=${c.kernel} s=${c.stride} p=${c.padding} d=${c.dilation}${transposed ? ` a=${c.outputPadding}` : ''}${c.relationship !== null ? t(lang, 'solve.configs.relationship', { id: c.relationship }) : ''}`),
  ];
  return { input: i, output: out, transposed, bounds: { minKernel, maxKernel, maxStride, maxPadding, maxDilation }, count, configs, truncated, lines };
}
