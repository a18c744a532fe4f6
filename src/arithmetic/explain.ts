/**
 * explain(options): what a convolution does to sizes, in the words of Dumoulin & Visin's guide.
 *
 * Reads one geometry (built by src/geometry from the options) and reports per axis the output
 * size, the relationship of the guide that applies with its formula and numbers, the effective
 * kernel and, for a transposed convolution, its equivalent direct convolution; then parameters
 * and MACs with the counting convention stated. Text comes in English or Chinese (src/i18n).
 */
import type { PoolGeometry } from '../geometry/pool.js';
import { paddingArgument } from '../geometry/axis-kind.js';
import type { AxisGeometry, ConvGeometry } from '../geometry/types.js';
import { product } from '../geometry/validate.js';
import { langOf } from '../i18n/index.js';
import type { Lang } from '../i18n/index.js';
import { convCounts, exactConvCounts } from './counts.js';
import { resolveSpec } from '../geometry/options.js';
import type { ConvSpecOptions } from '../geometry/options.js';
import { GENERAL_DIRECT, GENERAL_POOL_CEIL, GENERAL_TRANSPOSED, relationship, relationshipOf, varsOf } from './relationships.js';
import type { AxisExplanation, EquivalentExplanation, Explanation, NoRelationshipReason } from './explain-types.js';
import { explanationLines } from './text.js';

export type { AxisExplanation, EquivalentExplanation, Explanation, NoRelationshipReason } from './explain-types.js';

/**
 * A convolution stated in words, as `explain` takes it: spatial `input` size and `kernel`, then
 * any of `stride`, `padding`, `dilation`, `transposed`, `outputPadding`, `outputSize`, channels,
 * `groups`, `bias`, `batch`, `paddingMode`, `pool` ('max' | 'avg'), `ceilMode`, and the `lang` of the text.
 */
export interface ExplainOptions extends ConvSpecOptions {
  lang?: Lang;
}

function noRelationshipReason(axis: AxisGeometry, ceil: boolean): NoRelationshipReason {
  const [before, after] = paddingArgument(axis);
  if (before !== after) return 'asymmetric-padding';
  if (ceil) return 'ceil-mode';
  return 'dilated-transposed';
}

function explainAxis(axis: AxisGeometry, pooling: boolean, ceil: boolean): AxisExplanation {
  const rel = ceil ? null : relationshipOf(axis, pooling);
  let formula: string;
  let substituted: string;
  if (rel !== null) {
    const r = relationship(rel);
    formula = r.formula;
    substituted = r.substitute(varsOf(axis));
  } else if (axis.transposed) {
    formula = GENERAL_TRANSPOSED.formula;
    substituted = GENERAL_TRANSPOSED.substitute(axis);
  } else {
    const general = ceil ? GENERAL_POOL_CEIL : GENERAL_DIRECT;
    formula = general.formula;
    substituted = general.substitute(axis);
  }
  let equivalent: EquivalentExplanation | null = null;
  if (axis.transposed) {
    const e = axis.equivalent;
    equivalent = {
      iPrime: axis.input,
      iTildePrime: e.dilatedInput,
      insertedZeros: e.insertedZeros,
      kPrime: e.kernel,
      sPrime: e.stride,
      dilation: e.dilation,
      pPrime: [e.pPrime[0], e.pPrime[1]],
      a: e.outputPadding,
      padBefore: e.padBefore,
      padAfter: e.padAfter,
      flipped: e.flipped,
      oPrime: e.output,
    };
  }
  return {
    axis: axis.name,
    input: axis.input,
    kernel: axis.kernel,
    stride: axis.stride,
    dilation: axis.dilation,
    padding: paddingArgument(axis),
    outputPadding: axis.outputPadding,
    effectiveKernel: axis.effectiveKernel,
    output: axis.output,
    relationship: rel,
    reason: rel === null ? noRelationshipReason(axis, ceil) : null,
    formula,
    substituted,
    equivalent,
  };
}

/**
 * `sayMode`: whether the text names the padding mode. It always does when the padding copies the
 * input (reflect, replicate, circular); for zeros only when the caller named the mode.
 */
function fromConv(g: ConvGeometry, lang: Lang, sayMode: boolean): Explanation {
  const counts = convCounts(g);
  const exact = exactConvCounts(g);
  const axes = g.axes.map((a) => explainAxis(a, false, false));
  const e: Explanation = {
    kind: g.transposed ? 'transposed' : 'convolution',
    poolMode: null,
    transposed: g.transposed,
    rank: g.rank,
    lang,
    input: g.axes.map((a) => a.input),
    output: g.axes.map((a) => a.output),
    inputShape: [...g.inputShape],
    weightShape: [...g.weightShape],
    outputShape: [...g.outputShape],
    inChannels: g.inChannels,
    outChannels: g.outChannels,
    groups: g.groups,
    batch: g.batch,
    bias: g.hasBias,
    paddingMode: g.paddingMode,
    relationships: axes.map((a) => a.relationship),
    axes,
    params: counts.params,
    paramsWithBias: counts.paramsWithBias,
    paramsWithoutBias: counts.paramsWithoutBias,
    macs: counts.macs,
    flops: counts.flops,
    counts,
    macsExact: String(exact.macs),
    flopsExact: String(exact.flops),
    windowReads: 0,
    convention: '',
    lines: [],
  };
  return finish(e, sayMode || g.paddingMode !== 'zeros');
}

function fromPool(g: PoolGeometry, lang: Lang): Explanation {
  const axes = g.axes.map((a) => explainAxis(a, true, g.ceilMode));
  const out = g.axes.map((a) => a.output);
  const e: Explanation = {
    kind: 'pooling',
    poolMode: g.mode,
    transposed: false,
    rank: g.rank,
    lang,
    input: g.axes.map((a) => a.input),
    output: out,
    inputShape: [...g.inputShape],
    weightShape: null,
    outputShape: [...g.outputShape],
    inChannels: g.channels,
    outChannels: g.channels,
    groups: 1,
    batch: g.batch,
    bias: false,
    paddingMode: null,
    relationships: axes.map((a) => a.relationship),
    axes,
    params: 0,
    paramsWithBias: 0,
    paramsWithoutBias: 0,
    macs: 0,
    flops: 0,
    counts: null,
    macsExact: null,
    flopsExact: null,
    windowReads: g.batch * g.channels * product(out) * product(g.axes.map((a) => a.kernel)),
    convention: '',
    lines: [],
  };
  return finish(e, false);
}

function finish(e: Explanation, sayMode: boolean): Explanation {
  const { lines, convention } = explanationLines(e, sayMode);
  e.lines = lines;
  e.convention = convention;
  return e;
}

/**
 * Explains a convolution (or transposed convolution, or pooling window) given in words: per axis
 * the output size, the relationship of Dumoulin & Visin's guide that applies, its formula with
 * your numbers, the equivalent direct convolution of a transposed one, parameters and MACs, and
 * the whole as text in English or Chinese. Bad input → ConvError.
 *
 * @example
 * ```ts
 * import { explain } from 'convkit';
 * const e = explain({ input: [5, 5], kernel: 3, stride: 2, padding: 1 });
 * e.output;                 //=> [3, 3]
 * e.relationships;          //=> [6, 6]
 * e.axes[0].formula;        //=> 'o = ⌊(i + 2p − k)/s⌋ + 1'
 * e.axes[0].substituted;    //=> '⌊(5 + 2·1 − 3)/2⌋ + 1'
 * e.lines[2];               //=> 'output 3×3 (output shape [1, 1, 3, 3])'
 * // A transposed conv, with its equivalent direct conv (zeros inserted, kernel flipped):
 * const t = explain({ input: [3, 3], kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: 1 });
 * t.output;                 //=> [6, 6]
 * t.axes[0].equivalent;     //=> { iTildePrime: 5, insertedZeros: 1, pPrime: [1, 1], a: 1, flipped: true }
 * ```
 */
export function explain(options: ExplainOptions): Explanation {
  const lang = langOf((options as { lang?: unknown } | null)?.lang);
  const spec = resolveSpec(options, ['lang']);
  const named = (options as { paddingMode?: unknown }).paddingMode !== undefined;
  return spec.kind === 'pool' ? fromPool(spec.geometry, lang) : fromConv(spec.geometry, lang, named);
}

/**
 * Explains a geometry that was already built (e.g. by a model reader or the playground).
 *
 * @example
 * ```ts
 * import { convGeometry, explainGeometry } from 'convkit';
 * const g = convGeometry({ inputShape: [1, 3, 32, 32], weightShape: [16, 3, 3, 3] }, { stride: 2, padding: 1 });
 * const e = explainGeometry(g);
 * e.output;   //=> [16, 16]
 * e.macs;     //=> 110592
 * ```
 */
export function explainGeometry(g: ConvGeometry, lang: Lang = 'en'): Explanation {
  return fromConv(g, lang, false);
}
