/**
 * On a phone in the tour, Previous and Next stand in a bar fixed at the screen's foot, and the
 * card's lines fade into it over a strip above it (style.css: the card's ::after is the bar, its
 * ::before the fade). What the page marks for the reader to look at must end above both: the
 * matrix box, which scrolls itself to its marked row, measured the screen to the window's foot and
 * left the row under the bar (matrix-view.ts clipOf; test/web/phone-bar49.test.ts).
 */

/** Where the screen ends for what is to be seen: the fade's top while the bar is shown, the window's foot otherwise. */
export function footBarTop(): number {
  const card = document.getElementById('tour');
  if (!card || card.getClientRects().length === 0) return window.innerHeight;
  const bar = getComputedStyle(card, '::after');
  if (bar.position !== 'fixed' || bar.content === 'none') return window.innerHeight;
  const fade = getComputedStyle(card, '::before');
  const fadeHeight = fade.position === 'fixed' && fade.content !== 'none' ? parseFloat(fade.height) || 0 : 0;
  return window.innerHeight - (parseFloat(bar.height) || 0) - fadeHeight;
}
