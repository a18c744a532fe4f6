/**
 * On a phone in the tour, Previous and Next stand in a bar fixed at the screen's foot, and the
 * card's lines fade into it over a strip above it (style.css: the card's ::after is the bar, its
 * ::before the fade). What the page marks for the reader to look at must end above both: the
 * matrix box, which scrolls itself to its marked row, measured the screen to the window's foot and
 * left the row under the bar (matrix-view.ts clipOf; test/web/phone-bar49.test.ts).
 *
 * This module is the one place that knows how the bar is found. stage-fit.ts, which fits the
 * figure so the tour part's control ends above the bar, asked Next's box instead (its top less the
 * 5 px it stands above the screen's foot): the same line while Next is 40 px high, but a second
 * reading of style.css that would drift from this one if the bar or its buttons changed.
 */

/** The bar and its fade as drawn now, in window coordinates; null where no bar is shown. */
function footBar(): { top: number; fadeTop: number } | null {
  const card = document.getElementById('tour');
  if (!card || card.getClientRects().length === 0) return null;
  const bar = getComputedStyle(card, '::after');
  if (bar.position !== 'fixed' || bar.content === 'none') return null;
  const fade = getComputedStyle(card, '::before');
  const fadeHeight = fade.position === 'fixed' && fade.content !== 'none' ? parseFloat(fade.height) || 0 : 0;
  // (box-sizing is border-box for every box, pseudo-elements too: the height holds the bar's top border.)
  const top = window.innerHeight - (parseFloat(bar.height) || 0);
  return { top, fadeTop: top - fadeHeight };
}

/**
 * Where the bar covers the screen from: its top while it is shown, the window's foot otherwise.
 * What the reader must reach (the tour part's control: stage-fit.ts) ends above it; the fade over
 * it still lets lines show through.
 */
export function barTop(): number {
  return footBar()?.top ?? window.innerHeight;
}

/** Where the screen ends for what is to be seen: the fade's top while the bar is shown, the window's foot otherwise. */
export function footBarTop(): number {
  return footBar()?.fadeTop ?? window.innerHeight;
}
