/**
 * Keyboard order that follows the screen on a phone. There (style.css, max-width: 720px) the stage
 * lets its parts into the page's column and `order` sets the form, or the tour card and the side
 * panels, after the figure and its sentence, before the views the stage holds below (the channels,
 * the tutorial views). Tab follows the document, not `order`: the form, first in the document for
 * the desktop's left column, took the keys before the player and figure above it, and in the tour
 * the views ~1500 px down came before the card. So on a phone the part read after the figure moves
 * into the stage where it is seen, and back where the wide layouts place it. The picture mode shows
 * its pictures first and the form under them (image.css): there the form moves after the pictures'
 * panel, before the studies.
 */
const PHONE = '(max-width: 720px)';

export function followScreenOrder(): void {
  if (typeof matchMedia === 'undefined') return;
  const phone = matchMedia(PHONE);
  const stage = document.getElementById('stage');
  const form = document.getElementById('controls');
  const side = document.querySelector<HTMLElement>('aside.side');
  const below = document.getElementById('channels-panel');
  if (!stage || !form || !side || !below) return;
  const body = document.body;
  const layout = stage.parentElement!;
  const card = document.getElementById('tour'), prev = document.getElementById('tour-prev'), next = document.getElementById('tour-next');
  const nav = prev?.parentElement;
  const tourNav = card && prev && next && nav ? { card, nav, prev, next } : null;
  const place = (): void => {
    const pictures = body.dataset.view === 'image';
    const inStage = phone.matches && !pictures;
    const tour = body.dataset.mode === 'tour';
    // The studies' panel, after the pictures' (mount.ts appends both once the mode's code loads).
    const studies = layout.querySelector<HTMLElement>(':scope > [data-image-more]');
    const afterPictures = phone.matches && pictures && studies;
    const focused = document.activeElement;
    const formMoved = move(form, inStage ? [stage, below] : afterPictures ? [layout, studies] : [layout, stage]);
    // Outside the tour the side panels come after the stage's views on a phone too (order 7).
    const sideMoved = move(side, inStage && tour ? [stage, below] : [layout, stage.nextSibling]);
    // On a phone the tour's Previous and Next stand in a bar fixed at the screen's foot (style.css):
    // Tab reaches them after the card's other controls (Leave the tour, the step menu), not before.
    const navMoved = tourNav && (phone.matches && tour
      ? [move(tourNav.prev, [tourNav.card, null]), move(tourNav.next, [tourNav.card, null])]
      : [move(tourNav.prev, [tourNav.nav, tourNav.nav.firstChild]), move(tourNav.next, [tourNav.nav, tourNav.prev.nextSibling])]).some((m) => m);
    // A node moved in the document loses the focus: the reader keeps their place.
    if ((formMoved || sideMoved || navMoved) && focused instanceof HTMLElement && focused !== document.activeElement && focused.isConnected) focused.focus({ preventScroll: true });
  };
  phone.addEventListener('change', place);
  new MutationObserver(place).observe(body, { attributes: true, attributeFilter: ['data-mode', 'data-view'] });
  // The picture mode's panels arrive after its view is set, when its code has loaded.
  new MutationObserver(place).observe(layout, { childList: true });
  place();
}

/** Puts `node` at `parent` before `next`, if it is not there already; whether it moved. */
function move(node: HTMLElement, [parent, next]: [Node, Node | null]): boolean {
  if (node.parentNode === parent && node.nextSibling === next) return false;
  if (next === node) return false;
  parent.insertBefore(node, next);
  return true;
}
