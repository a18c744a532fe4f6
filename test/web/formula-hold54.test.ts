/**
 * Student review 54: on a phone, "Two ways to write it" broke a short formula across lines. A
 * transposed layer with kernel 3 and padding 3 (its p′ = −1) read "Padding p′ is left empty: here
 * p′ = / −1 (a crop)" in the form's note; the guide's line and the form's answers ("Padding p′ = −1
 * is below 0") are written the same way. The Formula tab and the tour held such formulas already
 * (keep-together.ts formulaNodes, keepFormulas); this panel wrote plain text.
 * Pinned: every "p′ = −n" the panel writes (its guide line, its form's note, its form's English answer) is
 * inside one unbreakable run and on one line, in English and Chinese, on a phone and a desktop,
 * and the text reads as written.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Each "p′ = −n" under `root`: its element's id, the line boxes it takes, and whether one .nobr holds it. */
async function negativePrimes(page: Page, root: string): Promise<{ where: string; text: string; lines: number; held: boolean }[]> {
  return page.$$eval(`${root} p`, (ps) => ps.flatMap((p) => {
    const found: { where: string; text: string; lines: number; held: boolean }[] = [];
    const text = p.textContent ?? '';
    for (const m of text.matchAll(/p′ = −\d+/g)) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let pos = 0;
      let started = false;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = (n as Text).data.length;
        if (!started && m.index! < pos + len) { range.setStart(n, m.index! - pos); started = true; }
        if (started && m.index! + m[0].length <= pos + len) { range.setEnd(n, m.index! + m[0].length - pos); break; }
        pos += len;
      }
      const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      const common = range.commonAncestorContainer;
      const el = common instanceof Element ? common : common.parentElement;
      found.push({ where: p.id || p.className, text: m[0], lines: tops.size, held: el?.closest('.nobr') !== null });
    }
    return found;
  }));
}

describe('“Two ways to write it” keeps p′ = −1 on one line', () => {
  for (const [lang, size] of [['en', PHONE], ['zh', PHONE], ['en', DESKTOP], ['zh', DESKTOP]] as const) {
    it(`${lang}, ${size.width}×${size.height}: the guide's line, the form's note and its answer`, async () => {
      // Kernel 3, padding 3 and 4: p′ = −1 and −2; at stride 1, 2 and 3 the line wraps elsewhere.
      for (const q of ['i=5&k=3&s=2&p=3&t=1', 'i=5&k=3&s=1&p=3&t=1', 'i=4&k=3&s=3&p=4&t=1']) {
        const { page, errors } = await h.open(`?${q}&lang=${lang}`, size);
        const at = await negativePrimes(page, '#notation-view');
        // The guide's line and the form's note both name the crop.
        expect(at.map((x) => x.where), q).toEqual(expect.arrayContaining(['notation-form-note']));
        expect(at.length, q).toBeGreaterThanOrEqual(2);
        for (const x of at) expect(x, q).toMatchObject({ lines: 1, held: true });
        // The note reads as written.
        expect(await page.textContent('#notation-form-note'), q).toContain(lang === 'en' ? 'here p′ = −' : '这里 p′ = −');
        expect(errors).toEqual([]);
        await page.close();
      }
      // The form's answer to a negative p′ typed in.
      const { page, errors } = await h.open(`?i=5&k=3&s=2&p=1&t=1&lang=${lang}`, size);
      await page.fill('#guide-padding', '-1');
      await page.click('#guide-apply');
      // (The Chinese answer says the number in words: 这里填的是 −1.)
      await expect.poll(() => page.textContent('#notation-status')).toContain(lang === 'en' ? 'Padding p′ = −1 is below 0' : '这里填的是 −1');
      const said = await negativePrimes(page, '#notation-view');
      if (lang === 'en') expect(said.map((x) => x.where)).toContain('notation-status');
      for (const x of said) expect(x).toMatchObject({ lines: 1, held: true });
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
