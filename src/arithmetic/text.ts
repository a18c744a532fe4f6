/** Human text of an explanation, in the explanation's language (strings in src/i18n). */
import { axisName } from '../i18n/axis-name.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/index.js';
import type { AxisExplanation, Explanation } from './explain-types.js';

const times = (xs: readonly number[]) => xs.join('×');

function paddingText(e: Explanation): string {
  const symmetric = e.axes.every((a) => a.padding[0] === a.padding[1]);
  if (symmetric) return times(e.axes.map((a) => a.padding[0]));
  return e.axes.map((a) => `[${a.padding[0]},${a.padding[1]}]`).join('×');
}

/** Chinese writes small dimension counts in words: 一维, 二维, 三维. */
const ZH_DIGITS = '零一二三四五六七八九';

function header(e: Explanation, sayMode: boolean): string {
  const vars = {
    rank: e.lang === 'zh' && e.rank < 10 ? ZH_DIGITS[e.rank] : e.lang === 'zh' ? `${e.rank} ` : e.rank,
    input: times(e.input),
    kernel: times(e.axes.map((a) => a.kernel)),
    stride: times(e.axes.map((a) => a.stride)),
    padding: paddingText(e),
    dilation: times(e.axes.map((a) => a.dilation)),
    outputPadding: times(e.axes.map((a) => a.outputPadding)),
    mode: e.poolMode ? t(e.lang, `explain.pool.${e.poolMode}`) : '',
    paddingMode: sayMode && e.paddingMode ? t(e.lang, `explain.paddingMode.${e.paddingMode}`) : '',
  };
  return t(e.lang, `explain.header.${e.kind}`, vars);
}

function axisLines(lang: Lang, a: AxisExplanation): string[] {
  const lines: string[] = [];
  if (a.relationship !== null) {
    // Relationships 12–14 are named by the guide's i, the input of the direct convolution the layer
    // transposes: a transposed layer's own input is i′, so the line says what i is (its output).
    const key = a.relationship >= 12 && a.relationship <= 14 ? 'explain.axis.relationshipDirectInput' : 'explain.axis.relationship';
    lines.push(t(lang, key, { axis: axisName(lang, a.axis), id: String(a.relationship), name: t(lang, `rel.${a.relationship}.name`), i: a.output }));
  } else {
    const reason = t(lang, `explain.reason.${a.reason}`, { before: a.padding[0], after: a.padding[1] });
    lines.push(t(lang, 'explain.axis.none', { axis: axisName(lang, a.axis), reason }));
  }
  // A relationship with nothing to compute (o = i) says its number once: "o = i = 5", not "o = i = 5 = 5".
  if (a.substituted === String(a.output)) lines.push(t(lang, 'explain.formulaPlain', { formula: a.formula, output: a.output }));
  else lines.push(t(lang, 'explain.formula', { formula: a.formula, substituted: a.substituted, output: a.output }));
  lines.push(t(lang, 'explain.effectiveKernel', { d: a.dilation, k: a.kernel, ke: a.effectiveKernel }));
  const q = a.equivalent;
  if (q) {
    lines.push(t(lang, 'explain.equivalent.title'));
    // Say what is true for this stride: no zeros at stride 1, one zero, or several.
    const inputKey = q.insertedZeros === 0 ? 'inputUnit' : q.insertedZeros === 1 ? 'inputOne' : 'input';
    lines.push(t(lang, `explain.equivalent.${inputKey}`, { it: q.iTildePrime, i: q.iPrime, z: q.insertedZeros }));
    lines.push(t(lang, 'explain.equivalent.kernel', { k: q.kPrime, d: q.dilation }));
    // A negative p′ (a crop) reads as a signed number, not as "add −1 cells".
    const crops = q.pPrime[0] < 0 || q.pPrime[1] < 0 || q.padAfter < 0;
    const padKey = `explain.equivalent.${q.a === 0 ? 'padding' : 'paddingExtra'}${crops ? 'Signed' : ''}`;
    lines.push(t(lang, padKey, { pb: q.pPrime[0], pa: q.pPrime[1], a: q.a, total: q.padAfter }));
    if (q.pPrime[0] < 0 || q.padAfter < 0) lines.push(t(lang, 'explain.equivalent.crop'));
    lines.push(t(lang, 'explain.equivalent.output', { o: q.oPrime }));
  }
  return lines;
}

/**
 * The explanation as lines of text, plus the counting convention in a sentence. `sayMode`: name
 * the padding mode after the padding (explain.ts decides when).
 */
export function explanationLines(e: Explanation, sayMode = false): { lines: string[]; convention: string } {
  const lang = e.lang;
  const lines = [header(e, sayMode)];
  lines.push(t(lang, 'explain.channels', { inChannels: e.inChannels, outChannels: e.outChannels, groups: e.groups, batch: e.batch }));
  lines.push(t(lang, 'explain.output', { output: times(e.output), shape: e.outputShape.join(', ') }));
  for (const a of e.axes) lines.push(...axisLines(lang, a));
  let convention: string;
  if (e.counts) {
    const c = e.counts;
    lines.push(t(lang, e.bias ? 'explain.params.bias' : 'explain.params.noBias', {
      params: c.params,
      weights: c.weights,
      biases: c.biases,
      withBias: c.paramsWithBias,
      withoutBias: c.paramsWithoutBias,
      weightShape: (e.weightShape ?? []).join(', '),
    }));
    // Past 2^53 the float counts are rounded (…759,000): the text gives the exact ones.
    const macs = c.exact || e.macsExact === null ? null : BigInt(e.macsExact);
    const exact = macs === null ? null : { macs, positions: macs / BigInt(c.macsPerPosition), flops: 2n * macs };
    lines.push(t(lang, 'explain.macs', {
      macs: exact?.macs ?? c.macs,
      positions: exact?.positions ?? c.positions,
      kind: t(lang, `explain.positions.${c.countedBy}`),
      per: c.macsPerPosition,
      flops: exact?.flops ?? c.flops,
    }));
    convention = t(lang, 'explain.convention');
  } else {
    lines.push(t(lang, 'explain.pool.counts', { reads: e.windowReads }));
    convention = t(lang, 'explain.pool.convention');
  }
  lines.push(convention);
  return { lines, convention };
}
