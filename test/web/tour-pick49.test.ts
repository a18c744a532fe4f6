/**
 * The tour card's step menu at 1101–1259 px (stop 49). There the card lies over the matrix and may
 * not grow (the matrix gets the strip under it, matrix-row.test.ts), so Leave the tour stood beside
 * the menu, which left the menu 205 px: closed, it cut its title ("9. The scatter view and u…"; part
 * 8's needs 335 px in English). The menu now takes the card's width, and Leave the tour stands
 * above its right end, beside the "Go to part" caption. Pinned at 1101, 1180, 1259, 1260 and 1400
 * px, in English and Chinese, on every part: the closed menu shows its whole title; Previous, Next,
 * Leave the tour and the menu lie whole in the card and overlap nothing of it; Previous and Next
 * stay on the kicker's row; a press on Leave the tour's middle reaches it (the menu's label is laid
 * over its row); and below 1260 px the card is no taller than before (70 px from the Try box's
 * foot to the menu's).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness, settled } from './harness.js';
import { cuts, optionFits } from './select-fit.js';

const h = fileHarness();

/** What is wrong with the card's foot and first row as they stand (nothing: []). */
const faults = async (page: Page) => [
  // The closed menu shows the chosen title whole (select-fit.ts, as tour-bar41 measures it).
  ...cuts(await optionFits(page, '#tour-pick')),
  ...(await page.evaluate(() => {
    const out: string[] = [];
    const box = (e: Element) => e.getBoundingClientRect();
    const card = box(document.getElementById('tour')!);
    const pick = document.getElementById('tour-pick') as HTMLSelectElement;
    // The card's own parts: none may overlap another, every one inside the card.
    const parts = ['tour-kicker', 'tour-prev', 'tour-next', 'tour-leave', 'tour-pick'].map((id) => [id, box(document.getElementById(id)!)] as const);
    const above = Array.from(document.querySelectorAll('#tour > h2, #tour > .tour-text, #tour > .tour-try')).filter((e) => e.getClientRects().length > 0);
    for (const e of above) parts.push([e.className || e.tagName, box(e)] as const);
    for (const [id, r] of parts) {
      if (r.left < card.left - 0.5 || r.right > card.right + 0.5 || r.top < card.top - 0.5 || r.bottom > card.bottom + 0.5) out.push(`${id} leaves the card`);
    }
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const [a, ra] = parts[i], [b, rb] = parts[j];
        if (Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 0.5 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 0.5) out.push(`${a} overlaps ${b}`);
      }
    }
    const kicker = box(document.getElementById('tour-kicker')!);
    for (const id of ['tour-prev', 'tour-next']) {
      const r = box(document.getElementById(id)!);
      if (r.top > kicker.bottom || r.bottom < kicker.top) out.push(`${id} is off the kicker's row`);
    }
    const leave = document.getElementById('tour-leave')!;
    const l = box(leave);
    const hit = document.elementFromPoint(l.left + l.width / 2, l.top + l.height / 2);
    if (!hit || !leave.contains(hit)) out.push(`a press on Leave the tour reaches ${hit ? hit.tagName + '#' + hit.id : 'nothing'}`);
    if (innerWidth < 1260) {
      const last = Math.max(...above.map((e) => box(e).bottom));
      if (box(pick).bottom - last > 70.5) out.push(`the card grew: ${(box(pick).bottom - last).toFixed(1)} px from the text to the menu's foot`);
    }
    return out;
  })),
];

describe('the tour card\'s step menu shows its whole title', () => {
  for (const lang of ['en', 'zh'] as const) {
    for (const width of [1101, 1180, 1259, 1260, 1400]) {
      it(`${width}×800 (${lang}): every part's title whole in the closed menu, the card's buttons in place`, async () => {
        const { page, errors, context } = await h.open(`?tour=1&lang=${lang}`, { width, height: 800 });
        const found: string[] = [];
        for (let n = 1; n <= TOUR.length; n++) {
          if (n > 1) {
            await page.selectOption('#tour-pick', String(n));
            await page.waitForSelector(`#tour[data-tour-step="${n}"]`);
          }
          await settled(page);
          for (const f of await faults(page)) found.push(`part ${n}: ${f}`);
        }
        expect(found).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }, 120_000);
    }
  }
});
