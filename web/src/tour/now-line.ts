/**
 * The tour card's live line, right under the step's "Try it": what the layer the figure draws
 * gives now, in the step's own terms ("Now: padding 2, 5×5 → 7×7 — full padding, unit strides"),
 * rewritten on every change the reader makes. On a phone the figure's title, the only other place
 * the new output size is written, is often off the screen.
 *
 * Every number and name in it is the library's: `explainGeometry` of the layer the page builds
 * (sizes, the relationship's formula with the numbers substituted, the equivalent convolution's
 * p′ and stretched input, the counts) and the guide's names of its cases (`rel.N.name`, the names
 * the Formula tab's explanation uses). The step's sentence (steps.ts `now`) only places them.
 */
import { explainGeometry } from '../../../src/arithmetic/explain.js';
import type { AxisExplanation, Explanation } from '../../../src/arithmetic/explain-types.js';
import { relationship } from '../../../src/arithmetic/relationships.js';
import { formatNumber, t as libraryT } from '../../../src/i18n/index.js';
import { buildLayer } from '../layer.js';
import type { State } from '../state.js';
import { innerOverlaps } from './inner-overlap.js';
import { fill, stackField } from './steps.js';
import type { TourStep } from './steps.js';

const size = (xs: readonly number[]) => xs.join('×');
/** One number where every axis has it (the tour's square layers), else one per axis, H×W. */
const perAxis = (xs: readonly number[]) => (xs.every((x) => x === xs[0]) ? String(xs[0]) : size(xs));
/** Each distinct text once, in axis order (a square layer says its case once, not "for H and for W"). */
const distinct = (xs: string[]) => [...new Set(xs)];

/** The axis's formula with its numbers and result, as the Formula tab writes it: "o = ⌊(5 + 2·1 − 3)/2⌋ + 1 = 3" ("o = i" gives "o = 5", not "o = 5 = 5"). */
function calculation(a: AxisExplanation): string {
  const lhs = a.formula.split(' = ')[0];
  return a.substituted === String(a.output) ? `${lhs} = ${a.output}` : `${lhs} = ${a.substituted} = ${a.output}`;
}

/**
 * The axis's output by the formula part 3's text teaches, o = ⌊(i + 2p − k)/s⌋ + 1 (the guide's
 * relationship 6), at every stride: at stride 1 the guide's own case is a shorter one ("o = i"),
 * and the line read "o = 5" where strides 2–4 showed the division. A layer the formula does not
 * cover (transposed, dilated, padded unevenly) gets the Formula tab's calculation.
 */
function stridedCalculation(a: AxisExplanation, transposed: boolean): string {
  const strided = relationship(6);
  const v = { i: a.input, k: a.kernel, s: a.stride, p: a.padding[0], d: a.dilation, a: a.outputPadding };
  if (transposed || a.dilation !== 1 || a.padding[0] !== a.padding[1] || strided.evaluate(v) !== a.output) return calculation(a);
  return `${strided.formula.split(' = ')[0]} = ${strided.substitute(v)} = ${a.output}`;
}

/** The guide's name of the axis's case ("full padding, unit strides"), or why none applies. */
function caseName(a: AxisExplanation, e: Explanation): string {
  if (a.relationship !== null) return libraryT(e.lang, `rel.${a.relationship}.name`);
  return libraryT(e.lang, `explain.reason.${a.reason}`, { before: String(a.padding[0]), after: String(a.padding[1]) });
}

/**
 * The weights as the step's I·O·K and their count: input channels · output channels · kernel
 * cells ("3·4·9 = 108", as the step's text writes 3·64·9 = 1728), the factors of the library's
 * weight shape ([O, I/g, kH, kW]; transposed, PyTorch's [I, O/g, kH, kW]); the count alone when
 * the shape does not multiply out to it (it always should).
 */
function weightTerms(e: Explanation): string {
  const shape = e.weightShape;
  const weights = e.counts?.weights ?? 0;
  if (!shape || shape.length < 3) return formatNumber(weights);
  const [first, second, ...k] = shape;
  const [i, o] = e.transposed ? [first, second] : [second, first];
  const cells = k.reduce((p, x) => p * x, 1);
  return i * o * cells === weights ? `${i}·${o}·${cells} = ${formatNumber(weights)}` : formatNumber(weights);
}

const inner = (counts: number[], lang: Explanation['lang']) => ({
  // "1, 2 or 4" / "1、2 或 4": one of the counts, as a reader asks which a cell gets.
  inner: counts.length > 1 ? `${counts.slice(0, -1).join(lang === 'zh' ? '、' : ', ')}${lang === 'zh' ? ' 或 ' : ' or '}${counts[counts.length - 1]}` : counts.join(''),
  innerKinds: counts.length,
});

/** The numbers a step's live line may quote, for the layer the state draws (null: the layer is refused, and the control's message says why). */
export function nowVars(s: State): Record<string, string | number> | null {
  const layer = buildLayer(s);
  if (!layer.ok) return null;
  const e = explainGeometry(layer.geometry, s.lang);
  const eq = e.axes.map((a) => a.equivalent);
  const stack = stackField(Array<number>(3).fill(e.axes[0].dilation));
  return {
    in: size(e.input),
    out: size(e.output),
    kk: size(e.axes.map((a) => a.kernel)),
    s: perAxis(e.axes.map((a) => a.stride)),
    p: distinct(e.axes.map((a) => (a.padding[0] === a.padding[1] ? String(a.padding[0]) : `${a.padding[0]},${a.padding[1]}`))).join('×'),
    a: perAxis(e.axes.map((a) => a.outputPadding)),
    d: perAxis(e.axes.map((a) => a.dilation)),
    foot: size(e.axes.map((a) => a.effectiveKernel)),
    case: distinct(e.axes.map((a) => caseName(a, e))).join(e.lang === 'zh' ? '；' : '; '),
    // Short, and kept whole (no-break spaces): broken after its first = it left "（o′ =" alone at a line's end.
    calc: distinct(e.axes.map((a) => calculation(a).replace(/ /g, '\u00a0'))).join(e.lang === 'zh' ? '；' : '; '),
    strided: distinct(e.axes.map((a) => stridedCalculation(a, e.transposed).replace(/ /g, '\u00a0'))).join(e.lang === 'zh' ? '；' : '; '),
    stretched: eq.every((q) => q) ? size(eq.map((q) => q!.iTildePrime)) : '',
    // The zeros put between neighbouring input cells (s − 1): none at stride 1, where the input is not stretched.
    inserted: eq.every((q) => q) ? perAxis(eq.map((q) => q!.insertedZeros)) : '',
    pp: eq.every((q) => q) ? perAxis(eq.map((q) => q!.pPrime[0])) : '',
    params: formatNumber(e.params),
    weights: weightTerms(e),
    biases: e.bias ? e.counts?.biases ?? 0 : 0,
    // Three 3-tap layers of the rate set on the first axis (tour part 12's stack): the span and the cells never read.
    stackSpan: stack.span,
    stackHoles: stack.holes,
    // Tour part 9: the overlap counts of the inner output cells ("1, 2 or 4"; 1、2 或 4) and how many differ.
    ...inner(innerOverlaps(layer.geometry), e.lang),
  };
}

/**
 * The line's last word, a number or an English word, held to the one before it: a phone broke
 * "全填充，步长为 / 1" and "+ 8 / biases", leaving it alone on a line.
 */
const keepLastWord = (text: string) => text
  .replace(/ (\d[\d×.,]*|[A-Za-z]+)$/, '\u00a0$1')
  // In Chinese the word before that number goes with it whole: held to the number alone, "输出"
  // broke as "输 / 出 5×5" (a word joiner keeps its two characters together).
  .replace(/([\u4e00-\u9fff])([\u4e00-\u9fff])\u00a0(\d[\d×.,]*)$/, '$1\u2060$2\u00a0$3');

/** The step's live line for the state, or '' where the step has none or the layer is refused. */
export function nowText(step: TourStep, s: State): string {
  const vars = step.now ? nowVars(s) : null;
  return vars ? keepLastWord(fill(step.now![s.lang], vars)) : '';
}
