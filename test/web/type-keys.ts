/**
 * Typing into the page's number boxes key by key, for the tests of the typing pause
 * (web/src/typing-pause.ts: a number typed is applied once the keys have rested TYPING_PAUSE_MS).
 */
import type { Page } from 'playwright-core';
import { TYPING_PAUSE_MS } from '../../web/src/typing-pause.js';

/**
 * The gap between keys: each key is its own input event, as a reader's are, but far inside the
 * pause. At a reader's 150 ms the gap plus the driver's round trips left ~350 ms of the 500 ms
 * pause, which a stall of a loaded CI machine could use up, applying "9" of "999" early.
 */
export const KEY_GAP_MS = Math.round(TYPING_PAUSE_MS / 12);

/** Types `text` into the box `selector` key by key, over what it held. */
export async function typeKeys(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { clickCount: 3 });
  await page.keyboard.type(text, { delay: KEY_GAP_MS });
}
