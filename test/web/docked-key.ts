/**
 * The image mode's docked bar on a phone: its key is generated text after the footprint sentence
 * (image.css, `::after`), which has no box of its own, so its lines are read from the bar's
 * height less the sentence's.
 */
import type { Page } from 'playwright-core';

/** The key's lines, its font size beside the sentence's, and its text as the style gives it. */
export function dockedKey(page: Page): Promise<{ lines: number; size: number; sentence: number; text: string }> {
  return page.$eval('[data-image-footprint]', (el) => {
    const after = getComputedStyle(el, '::after');
    const r = document.createRange();
    r.selectNodeContents(el);
    const sentenceBottom = Math.max(...Array.from(r.getClientRects()).map((q) => q.bottom));
    const box = el.getBoundingClientRect();
    const keyH = box.bottom - parseFloat(getComputedStyle(el).paddingBottom) - sentenceBottom - parseFloat(after.marginTop);
    const lh = after.lineHeight === 'normal' ? 1.2 * parseFloat(after.fontSize) : parseFloat(after.lineHeight);
    return { lines: Math.round(keyH / lh), size: parseFloat(after.fontSize), sentence: parseFloat(getComputedStyle(el).fontSize), text: after.content };
  });
}
