/**
 * The page's header is one row. The title, "Take the tour", "Pictures" and the preferences
 * (language, theme, colour-blind palette, numbers, copy link, load a model) share it where they fit;
 * where they do not (a phone; a 1280 px laptop in English, where the row needs about 1 360 px and
 * used to wrap into a second row above the figure), the preferences fold behind a Settings button.
 * Whether they fit is measured rather than read off the window's width: the row's width depends on
 * the language and the fonts, and a fixed breakpoint would fold them where they fit (Chinese at
 * 1280 px) or keep them where they wrap.
 */
import { byId, setAttr } from './dom-write.js';

const header = (): HTMLElement | null => document.querySelector<HTMLElement>('header.top');

/** The header's height, so the layout below it is exactly one screen high. */
export function measureHeader(): void {
  const h = header()?.offsetHeight ?? 64;
  document.documentElement.style.setProperty('--header-h', `${h}px`);
}

/**
 * The width the header's row needs with every item unfolded and at its natural width (the
 * `measuring` rules in style.css: nothing wraps, nothing shrinks). The notice of a link's ignored
 * values is left out: it takes a row of its own by design.
 */
function rowWidth(top: HTMLElement): number {
  const cs = getComputedStyle(top);
  const items = Array.from(top.children).filter((e): e is HTMLElement => e instanceof HTMLElement && !e.classList.contains('notice') && getComputedStyle(e).display !== 'none');
  const widths = items.reduce((sum, e) => sum + e.getBoundingClientRect().width, 0);
  return parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + widths + (parseFloat(cs.columnGap) || 0) * Math.max(0, items.length - 1);
}

function setOpen(open: boolean): void {
  byId('prefs').classList.toggle('open', open);
  setAttr(byId('prefs-toggle'), 'aria-expanded', String(open));
  measureHeader();
}

/**
 * Unfolds the preferences into the row if the row then fits, folds them behind Settings if not.
 * Called at start, after a resize and after the language changes (the labels' widths change).
 */
export function fitHeader(): void {
  const top = header();
  if (!top) return;
  top.classList.remove('compact');
  top.classList.add('measuring');
  const fits = Math.ceil(rowWidth(top)) <= top.clientWidth;
  top.classList.remove('measuring');
  top.classList.toggle('compact', !fits);
  // Unfolded, the preferences are simply there: the Settings button (hidden) is not left "expanded".
  if (fits && byId('prefs').classList.contains('open')) setOpen(false);
  else measureHeader();
}

/** The header's items as last fitted: their words (which follow the language) and which are shown. */
let fittedItems = '';

/**
 * Fits the header again if its items changed since it was last fitted: the language changed their
 * words, or the tour hid or showed "Take the tour" (in the tour the row has room for the
 * preferences; back in free mode it may not).
 */
export function refitHeader(): void {
  const top = header();
  if (!top) return;
  const items = Array.from(top.children).map((e) => ((e as HTMLElement).hidden ? '' : e.textContent)).join('|');
  if (items === fittedItems) return;
  fittedItems = items;
  fitHeader();
}

/**
 * The Settings button opens and closes the folded preferences. Escape closes them from the button
 * or from inside, and focus returns to the button; on a desktop, where they open as a panel over
 * the page, a press outside the header closes them too.
 */
export function bindSettings(): void {
  const toggle = byId('prefs-toggle');
  const prefs = byId('prefs');
  const isOpen = (): boolean => prefs.classList.contains('open') && header()?.classList.contains('compact') === true;
  toggle.addEventListener('click', () => setOpen(!prefs.classList.contains('open')));
  for (const el of [toggle, prefs]) {
    el.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !isOpen()) return;
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      toggle.focus();
    });
  }
  document.addEventListener('pointerdown', (e) => {
    if (!isOpen() || getComputedStyle(prefs).position !== 'absolute') return;
    if (e.target instanceof Node && header()?.contains(e.target)) return;
    setOpen(false);
  });
}
