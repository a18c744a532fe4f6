/**
 * Why a classic or flat export fell back to the on-screen style, in the page's language. The
 * library's renderer refuses a picture it cannot draw with a ConvError; the status line showed its
 * English message, on the Chinese page too. The sentence is built from the error's stable code and
 * values (never its message): what is too large and where, and the input or stride that would fit,
 * each fit found by asking the library (resolveSpec through buildLayer, then the renderer's own
 * size guard, checkDrawable) rather than by re-deriving its formulas.
 *
 * The page's layers meet one refusal: too many cells on an axis (TOO_LARGE). A transposed layer
 * meets it often: `?i=16&k=3&s=5&p=0&t=1` gives a zero-inserted, padded input of 80 cells a side.
 * A direct one only with 'same' padding, which the form's 16 a side does not bound: `?i=32&k=9&s=1&d=8&p=same`
 * pads to 96, and no smaller input or stride helps there (the kernel's footprint alone is 65).
 * Any other refusal keeps the renderer's English message, said to be the renderer's (in Chinese
 * with the code's translated headline around it).
 */
import type { ConvError } from '../../src/geometry/errors.js';
import { errorHeadline } from '../../src/i18n/errors.js';
import { t } from './i18n.js';
import { buildLayer } from './layer.js';
import { bound } from './range-text.js';
import { rendererDraws } from './renderer-fits.js';
import { BOUNDS, type Lang, type State } from './state.js';
import { acceptedValues } from './accepted-range.js';

/** The picture styles the renderer draws. */
export type RendererStyle = 'classic' | 'flat';

/** The axes (0 = H, 1 = W) on which the layer `state` sets is too large for the renderer. */
function refusedAxes(state: State): number[] {
  const r = buildLayer(state);
  return r.ok ? [0, 1].filter((ax) => !rendererDraws(r.geometry, ax)) : [];
}

/**
 * The largest value of `key`, below the one set, that drawn on every axis in `axes` (and the
 * others as they are) gives a valid layer the renderer draws whole; null if none does. A square
 * layer is often too large on both axes: an input that fits along H alone would be refused again
 * along W. An axis already set below a value keeps its own.
 */
function largestFit(state: State, axes: number[], key: 'input' | 'stride'): number | null {
  const below = Math.max(...axes.map((ax) => state[key][ax])) - 1;
  const on = (c: State, v: number): void => {
    for (const ax of axes) c[key][ax] = Math.min(c[key][ax], v);
  };
  return acceptedValues(state, [BOUNDS[key][0], below], on, (g) => rendererDraws(g))?.[1] ?? null;
}

/** Which of the layer's grids the renderer counted: the shape's name in its refusal's values. */
function gridWord(what: string, transposed: boolean, lang: Lang): string {
  if (what === 'output') return t(lang, 'refuseOutput');
  if (what === 'input') return t(lang, 'refuseInput');
  return t(lang, transposed ? 'refuseGridTransposed' : 'refuseGrid');
}

/**
 * The reason a `style` export of the layer `state` sets was refused by the renderer (`e`), as a
 * clause that follows "Saved … as on screen:" (exportFellBack).
 */
export function renderRefusalText(e: ConvError, style: RendererStyle, state: State, lang: Lang): string {
  const styleName = t(lang, style === 'classic' ? 'styleClassic' : 'styleFlat');
  const v = e.values;
  const what = Object.keys(v).find((k) => k !== 'limit');
  const shape = what ? v[what] : undefined;
  const ax = e.axis === 'W' ? 1 : 0;
  if (e.code === 'TOO_LARGE' && what && Array.isArray(shape) && typeof v.limit === 'number' && (e.axis === 'H' || e.axis === 'W')) {
    const axis = t(lang, ax === 1 ? 'refuseAxisW' : 'refuseAxisH');
    const said = t(lang, 'refuseTooLarge', { style: styleName, limit: v.limit, what: gridWord(what, state.transposed, lang), n: Number(shape[ax]), axis });
    // The fit is offered for every axis that is too large (the refusal names the first).
    const axes = refusedAxes(state);
    if (!axes.includes(ax)) axes.push(ax);
    const along = axes.length > 1 ? t(lang, 'refuseAxesHW') : axis;
    const input = largestFit(state, axes, 'input');
    const stride = largestFit(state, axes, 'stride');
    // Each fit is the most that is drawn: "at most 20", or "1" where that is the least the form takes.
    const i = input === null ? '' : bound(lang, 'most', input, BOUNDS.input[0]);
    const s = stride === null ? '' : bound(lang, 'most', stride, BOUNDS.stride[0]);
    const fix = input !== null && stride !== null ? t(lang, 'refuseFitBoth', { i, s, axis: along })
      : input !== null ? t(lang, 'refuseFitInput', { i, axis: along })
      : stride !== null ? t(lang, 'refuseFitStride', { s, axis: along })
      : t(lang, 'refuseFitNone', { style: styleName });
    return `${said}${lang === 'zh' ? '' : ' '}${fix}`;
  }
  // A refusal the page has no sentence for: the renderer's own words, said to be its own.
  return t(lang, 'refuseOther', { style: styleName, head: errorHeadline(lang, e.code), msg: e.message });
}
