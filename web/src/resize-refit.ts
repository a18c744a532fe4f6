/**
 * The page refits its header and figure to the window once a resize has come to rest, not at each
 * of the many resize events a dragged window edge sends (each refit measures and redraws the
 * figure). The tests' resizeAndSettle (test/web/harness.ts) waits the same rest.
 */

/** How long the window must keep its size before the page refits to it. */
export const REFIT_AFTER_MS = 150;

/** Calls `refit` once the window has kept its size for REFIT_AFTER_MS after a resize. */
export function refitOnResize(refit: () => void): void {
  let timer: number | undefined;
  window.addEventListener('resize', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(refit, REFIT_AFTER_MS);
  });
}
