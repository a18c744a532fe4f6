/**
 * The answer to what the reader typed stays on the screen. The box's message comes under the box;
 * where the box sits low on a short screen (a phone's figure gives way only down to 220 px,
 * stage-fit.ts), the message can start below it, and the reader, looking at the box, never sees
 * why the figure did not change. It is scrolled just far enough into sight, and not at all when it
 * is there already (the page does not move under a reader whose answer is in view).
 */

/** Brings `message`, when it says something, into sight with the least scrolling. */
export function keepMessageInSight(message: HTMLElement): void {
  if (!message.isConnected || message.textContent === '' || message.getClientRects().length === 0) return;
  message.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
