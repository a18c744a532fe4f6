/**
 * The page writes word joiners (U+2060) into its Chinese to hold runs on one line; a copied
 * selection must not carry them (review R43b: "输⁠出" in a reader's notes missed a search for 输出).
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

describe('copying the page’s text', () => {
  it('leaves out the word joiners the page writes, and copies the text as shown', async () => {
    const { page, context } = await h.open('?tour=7&lang=zh', { width: 1400, height: 1000 });
    // The tour's live line holds its last word with a joiner ("输⁠出 5×5").
    const live = await page.waitForFunction(() => {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) if ((n.textContent ?? '').includes('\u2060')) return n.parentElement!.closest('p, div, li') ?? n.parentElement;
      return null;
    });
    const result = await live.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el as Node);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      const dt = new DataTransfer();
      const ev = new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true });
      document.dispatchEvent(ev);
      return { shown: sel.toString(), copied: dt.getData('text/plain'), handled: ev.defaultPrevented };
    });
    expect(result.shown).toContain('\u2060');
    expect(result.handled).toBe(true);
    expect(result.copied).toBe(result.shown.replaceAll('\u2060', ''));
    await context.close();
  }, 60_000);
});
