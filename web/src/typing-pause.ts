/**
 * When a number box's value is applied. A number typed key by key passes through its prefixes:
 * applied at each keystroke, "999" showed the layer at 9 (figure and link) before 99 and 999
 * arrived, and a refusal of the whole number then flashed in after it. What the reader writes
 * key by key is applied once they stop (a pause) or commit it (Enter, leaving the box, the
 * browser's change); a value that arrives whole (the box's arrows or spin buttons, a paste, a
 * drop, autofill) is applied at once, so stepping through values stays immediate. One rule for
 * every number box a reader types a layer's value into: the form's (controls.ts) and the tour's
 * Try-it box (tour/tour.ts).
 */

/** How long the reader's typing must rest before what the box holds is applied. */
export const TYPING_PAUSE_MS = 500;

/** Keys that write into a box's text (a character, a deletion, or an input method's composing key). */
function writes(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  return e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete' || e.key === 'Unidentified' || e.key === 'Process' || e.isComposing;
}

/**
 * Calls `apply` for `box`'s value when it is meant: after a pause in key-by-key typing, on a
 * commit, or at once for any other edit. A typed number that waits is dropped when the box no
 * longer holds it: the box has left the page (the tour moved on to another step), or the page
 * wrote another value into it (Back or Forward restored an earlier layer), which is already shown.
 */
export function applyWhenWritten(box: HTMLInputElement, apply: () => void, pause = TYPING_PAUSE_MS): void {
  let waiting: number | undefined;
  // What the reader's typing left in the box (the value that waits).
  let typedText = '';
  // Whether the next input event comes from a key the reader pressed (set on keydown, spent on input).
  let keyed = false;
  const now = () => {
    window.clearTimeout(waiting);
    waiting = undefined;
    if (box.isConnected) apply();
  };
  const commit = () => {
    if (waiting === undefined) return;
    if (box.value === typedText) now();
    else { window.clearTimeout(waiting); waiting = undefined; }
  };
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') commit();
    keyed = writes(e);
  });
  box.addEventListener('input', () => {
    const typed = keyed;
    keyed = false;
    if (!typed) { now(); return; }
    typedText = box.value;
    window.clearTimeout(waiting);
    waiting = window.setTimeout(commit, pause);
  });
  box.addEventListener('change', commit);
  box.addEventListener('blur', commit);
}
