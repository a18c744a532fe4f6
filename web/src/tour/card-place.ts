/**
 * On a phone the tour card lies under the figure, and the page does not anchor its scroll to it
 * (tutorial-views.css): whatever above it changed height moved the card the reader was typing in
 * (a 1×1 output draws the planes shorter, a stride that puts the kernel under them makes the
 * figure's key taller). The card holds still while its step is open:
 *
 * - Where the step's first fit left the card is its place. After that the figure is fitted to the
 *   height that keeps the card there (what the other parts above the card leave, as the classic
 *   figure's key under the planes changes), and its box is reserved at that height whatever the
 *   figure draws in it (stage-fit.ts `fitFigure`: `cardRoom` before each fit, `holdCard` after).
 *   The place moves down only where a figure kept at its least legible size is taller than that
 *   (it never moves up, which no scroll could make up for at the page's top).
 * - A change made in the card (`keepCardInPlace`) scrolls the page by as much as it moved the card.
 */
import { store } from '../store.js';

/** The card's top in the page (not the screen), for one step at one window size and language. */
let place: { key: string; top: number } | null = null;

/** The step and the screen the card's place is kept for: a new step, a turned phone or another language finds it again. */
const placeKey = (): string => `${window.innerWidth}x${window.innerHeight} ${store.state.lang} ${store.state.tour}`;

const card = (): HTMLElement | null => document.getElementById('tour');

/** The card's top in the page. */
const cardTop = (el: HTMLElement): number => el.getBoundingClientRect().top + window.scrollY;

/**
 * The height to fit the figure to, on a phone in the tour: `room` (what the card's own lines leave
 * it) until the step's first fit placed the card, then what keeps the card in its place, down to
 * `least`; that height is then reserved for the figure's `box`.
 */
export function cardRoom(box: HTMLElement, room: number, least: number): number {
  const el = card();
  if (!el || place?.key !== placeKey()) {
    box.style.minHeight = '';
    return room;
  }
  // What lies above the card besides the box (the header, the player, the key, the sentence).
  const rest = cardTop(el) - box.offsetHeight;
  const h = Math.max(least, Math.floor(place.top - rest));
  box.style.minHeight = `${h}px`;
  return h;
}

/**
 * After a fit on a phone in the tour: the step's first fit sets the card's place; a later one
 * leaves the card there, or lower where the figure came out taller than its room.
 */
export function holdCard(box: HTMLElement): void {
  const el = card();
  if (!el) return;
  const key = placeKey();
  const top = cardTop(el);
  if (place?.key !== key || top >= place.top) {
    place = { key, top };
    return;
  }
  box.style.minHeight = `${box.offsetHeight + place.top - top}px`;
}

/**
 * Makes `change` (the card's control applied) and scrolls the page by as much as it moved `el`,
 * so the box the reader works in stays where it was on the screen. Where it does not move (a wide
 * screen's side column), nothing scrolls.
 */
export function keepCardInPlace(el: HTMLElement, change: () => void): void {
  const before = el.getBoundingClientRect().top;
  change();
  const moved = el.getBoundingClientRect().top - before;
  if (Math.abs(moved) >= 0.5) window.scrollBy({ top: moved, behavior: 'instant' });
}
