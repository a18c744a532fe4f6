/**
 * Every message once, next to the control it is about: field-level messages first, then the
 * library's refusal of the layer (in the tour, next to the step's own control). The banner above
 * the figure only says the picture is the last valid one.
 */
import { byId, setAttr, setHidden, setText } from './dom-write.js';
import type { ConvError } from '../../src/geometry/errors.js';
import { pageErrorText, sameAxes as square } from './error-text.js';
import { buildLayer } from './layer.js';
import { t } from './i18n.js';
import type { State } from './state.js';
import { store } from './store.js';
import { TOUR } from './tour/steps.js';

/**
 * The slots this module writes: the form's and the tour step's, each naming its controls in
 * data-for. Other views' .field-error notes (the notation, dilation and pair views, the picture's
 * refusal) are written by those views and left alone here.
 */
const SLOTS = '.field-error[data-for]';

/** The message slot under the fields of `control` (also where the image mode repeats its refusal). */
export function errorSlot(control: string): HTMLElement | null {
  for (const p of Array.from(document.querySelectorAll<HTMLElement>(SLOTS))) {
    if ((p.dataset.for ?? '').split(' ').includes(control)) return p;
  }
  return null;
}


/**
 * The library stops at the first axis it refuses. A target output size refused on H may be wrong
 * on W too, with another number: the W refusal, found by asking again with H's target in range
 * (null: W's is fine, or the refusal is not a target's on H), so each wrong axis is said.
 */
function alsoWidth(s: State, e: ConvError): ReturnType<typeof buildLayer> | null {
  if (e.code !== 'OUTPUT_SIZE' || e.axis !== 'H' || !s.transposed || !s.useTarget || typeof e.values.min !== 'number') return null;
  const r = buildLayer({ ...s, target: [e.values.min, s.target[1]] });
  return !r.ok && r.error.code === 'OUTPUT_SIZE' && r.error.axis === 'W' ? r : null;
}

/**
 * The elements dimmed while the picture is not the settings': everything drawn from the last valid
 * scene, the sentences about its step and cells included. (The pair and dilation views work from
 * the settings themselves and say their own refusal.)
 */
const DIMMED = [
  'views', 'classic', 'classic-key', 'legend', 'step-text', 'hover-text', 'stage-channels', 'channels-panel', 'channel-planes',
  'formula', 'matrix-caption', 'svg-matrix', 'code-torch', 'code-tf', 'notation-cols', 'notation-form-note', 'stack-figure',
];

export function showErrors(): void {
  const { state, fieldErrors, stale } = store;
  // The library's refusal of the layer is about the grids' input; in the image view the picture
  // is the input, and the picture panel says itself whether the layer runs on it.
  const layerError = state.page === 'image' ? null : store.layerError;
  // Composed first and written once, so a redraw without errors touches none of these nodes.
  // Each slot's messages, whole sentences (a message is said once even when another contains it).
  const slotText = new Map<HTMLElement, string[]>();
  const invalid = new Set<HTMLElement>();
  for (const p of Array.from(document.querySelectorAll<HTMLElement>(SLOTS))) slotText.set(p, []);
  // `slot` defaults to the control's own; null: the control is marked invalid, nothing is said.
  const put = (control: string, message: string | null, slot = errorSlot(control)) => {
    const el = document.getElementById(control);
    if (el) {
      invalid.add(el);
      if (slot) {
        if (!slot.id) slot.id = `err-${control}`;
        setAttr(el, 'aria-describedby', slot.id);
      }
    }
    if (slot && message !== null) {
      // Height and width refused for the same reason: said once.
      const messages = slotText.get(slot) ?? [];
      slotText.set(slot, messages);
      if (!messages.includes(message)) messages.push(message);
    }
  };
  for (const [id, msg] of fieldErrors) put(id, msg);
  // In the tour the form is put away: the refusal sits next to the step's own control instead.
  const trySlot = state.tour > 0 ? document.querySelector<HTMLElement>('.field-error[data-for="try-control"]') : null;
  // On a square layer (the tour step's one control sets height and width together, or the form
  // holds the same numbers on both axes) the refusal is about both axes: "H and W", not "H". In the
  // tour it advises what the step's one control can do (the card shows no other).
  const only = trySlot ? TOUR[state.tour - 1]?.control ?? null : null;
  const message = layerError && (square(state) || only ? pageErrorText(layerError.error, state.lang, square(state) ? 'both' : 'one', only) : layerError.message);
  if (layerError && message) {
    const slot = trySlot ?? errorSlot(layerError.control);
    // A box there holding no number says so alone: the refusal is of the settings from before that
    // entry (it quoted "target output 20" under a box holding 0, review 33 A3), and it comes back,
    // about the box's new number, once the box holds one. The refused control stays marked.
    const said = slot !== null && (slotText.get(slot)?.length ?? 0) > 0;
    if (trySlot) {
      if (!said) slotText.set(trySlot, [message]);
    } else put(layerError.control, said ? null : message, slot);
    // Target H and W both refused, with different numbers (the form's; the tour has no target):
    // W's said too, under its own box, unless a box there holds no number (said alone, as above).
    const width = trySlot || square(state) ? null : alsoWidth(state, layerError.error);
    if (width && !width.ok) {
      const wSlot = errorSlot(width.control);
      const wSaid = wSlot === slot ? said : wSlot !== null && (slotText.get(wSlot)?.length ?? 0) > 0;
      put(width.control, wSaid ? null : pageErrorText(width.error, state.lang), wSlot);
    }
  }
  for (const [slot, messages] of slotText) setText(slot, messages.join(' '));
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[aria-invalid="true"]'))) if (!invalid.has(el)) el.removeAttribute('aria-invalid');
  for (const el of invalid) setAttr(el, 'aria-invalid', 'true');
  const banner = byId('error-banner');
  const problem = fieldErrors.size > 0 || layerError !== null;
  setHidden(banner, !problem);
  // A box holding no number in range is not a combination the library refused: said as such.
  const key = store.fromDefault ? 'errorDefault' : layerError === null ? 'errorField' : 'errorStale';
  setText(banner, problem ? t(state.lang, key) : '');
  // The tutorial views mount after the first draw: an id not yet there is skipped.
  for (const id of DIMMED) byId(id)?.classList.toggle('stale', problem || stale);
  // The tour's note "the figure now shows your change" (tour.ts sets it from the layer, just
  // before this runs) would contradict the banner while the change is refused: put away until
  // the change is accepted.
  const changed = document.getElementById('tour-changed');
  if (changed && problem) changed.hidden = true;
  // The tour's live line ("Now: 5×5 → 7×7 …") is about the figure's layer: while the step's control
  // holds a value the figure does not show, it would answer a change that did not happen.
  const now = document.getElementById('tour-now');
  if (now) now.hidden = problem || now.textContent === '';
}
