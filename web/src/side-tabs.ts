/** The side panel's tabs (Formula, Matrix, Code, Export). */
import { byId, setAttr, setHidden } from './dom-write.js';
import { matrixBoxHeight } from './matrix-view.js';
import type { SideTab } from './tour/tour.js';

const TABS: SideTab[] = ['formula', 'matrix', 'code', 'export'];

/** Told when a tab's panel is shown: a panel is drawn only while it can be seen. */
const shownListeners: ((tab: SideTab) => void)[] = [];

export function onTabShown(fn: (tab: SideTab) => void): void {
  shownListeners.push(fn);
}

export function openTab(tab: SideTab, focus = false): void {
  // The tab open (the side column keeps its width whatever the tab: the figure keeps its size).
  document.body.dataset.side = tab;
  for (const x of TABS) {
    const b = byId(`tab-${x}`);
    const on = x === tab;
    setAttr(b, 'aria-selected', String(on));
    setAttr(b, 'tabindex', on ? '0' : '-1');
    setHidden(byId(`panel-${x}`), !on);
    if (on && focus) b.focus();
  }
  for (const fn of shownListeners) fn(tab);
}

export function bindTabs(): void {
  TABS.forEach((x, i) => {
    const b = byId(`tab-${x}`);
    b.addEventListener('click', () => openTab(x));
    b.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      e.stopPropagation();
      openTab(TABS[(i + step + TABS.length) % TABS.length], true);
    });
  });
}

/**
 * A tour step was opened. On a wide screen the side column scrolls by itself, and the matrix a step
 * opens (z = Cx, x = Cᵀz) lay under the tour card, out of sight: the column scrolls until the
 * matrix is whole in sight, but never so far that the card's top leaves it. Scrolling on until
 * the prose reached the top hid "Tour · part 6 of 13" and the step's title, the one place that
 * says where the reader is, whenever the matrix did not fit (step 6's Cᵀ of 16 rows). Where both
 * do not fit, the card keeps its place and the matrix shows what is left of the column under it
 * (its box scrolls to the step's row, matrix-view.ts; "Show the matrix" brings the rest). A step
 * with another tab shows the column from its top too.
 */
export function revealSideTab(behavior: ScrollBehavior): void {
  const side = document.querySelector<HTMLElement>('aside.side');
  // A column that does not scroll by itself (a phone's, or one under the stage) is the page's business.
  if (!side || getComputedStyle(side).overflowY !== 'auto') return;
  const wrap = document.querySelector<HTMLElement>('#panel-matrix .matrix-wrap');
  const card = document.getElementById('tour');
  if (document.body.dataset.side !== 'matrix' || !wrap || !card || wrap.offsetParent === null) {
    if (side.scrollTop > 0) side.scrollTo({ top: 0, behavior });
    return;
  }
  const margin = 8;
  const frame = side.getBoundingClientRect().top + side.clientTop;
  const at = (el: HTMLElement): number => el.getBoundingClientRect().top - frame + side.scrollTop;
  // The matrix box's whole height: a tall one is fitted to what is on screen (matrix-view.ts fitBox).
  const whole = at(wrap) + matrixBoxHeight(wrap) + margin - side.clientHeight;
  const keepCard = at(card);
  side.scrollTo({ top: Math.max(0, Math.min(whole, keepCard)), behavior });
}
