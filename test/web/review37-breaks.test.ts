/**
 * Line breaks found by the 37th student review. (1) On a phone the classic figure of tour step 6
 * in Chinese printed its subtitle "…做步 / 长为 1 的卷积": the renderer broke the glossary's
 * 步长 in two. The renderer's line breaking now holds the same runs as the page's prose
 * (src/i18n/line-breaks.ts): the glossary's terms, and a text's end. (2) The step sentence, ending "…插入的零 6 个）。", could leave its
 * count and the closing marks alone on the last line ("插入的零 / 6 个）。"); the end of a text is
 * held with the character before its count (keep-together.ts, TAIL). (3) On a phone the English
 * tour's steps 6, 7, 10 and 13 show no parameter line under the figure, where Chinese does: the
 * page puts it away there on purpose, because with it the step's live line fell below the first
 * screen; the last test says so, and fails if the line goes where it would have fitted.
 */
import { describe, expect, it } from 'vitest';
import { KEPT_WORDS_ZH } from '../../src/i18n/line-breaks.js';
import { label } from '../../src/render/labels.js';
import { wrapLine } from '../../src/render/layout/text.js';
import { textWidth } from '../../src/render/raster/font.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

/** The glossary terms a break between `before` and `after` cuts in two. */
function cutTerms(before: string, after: string): string[] {
  return KEPT_WORDS_ZH.filter((w) => Array.from({ length: w.length - 1 }, (_, i) => i + 1).some((k) => before.endsWith(w.slice(0, k)) && after.startsWith(w.slice(k))));
}

/** Every term cut by a break between two of `lines`. */
const cutsIn = (lines: string[]) => lines.slice(1).flatMap((l, i) => cutTerms(lines[i].trimEnd(), l.trimStart()));

describe('review 37: line breaks', () => {
  it('the renderer never breaks a glossary term of its Chinese subtitles, nor leaves a character alone at their end, at any width', () => {
    for (const key of ['directView', 'directViewUnit', 'scatterView'] as const) {
      const text = label('zh', key);
      const full = textWidth(text, 12);
      let wrapped = 0;
      for (let w = 40; w < full; w++) {
        const lines = wrapLine(text, 12, w);
        // (A break at a space drops the space.)
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
        if (lines.length > 1) wrapped++;
        expect(cutsIn(lines), `${key} at ${w} px: ${lines.join(' / ')}`).toEqual([]);
        // Nor leaves one character alone on the last line ("…的卷 / 积"): the page's rule for a text's end.
        expect(lines.at(-1)!.length, `${key} at ${w} px: ${lines.join(' / ')}`).toBeGreaterThan(1);
      }
      expect(wrapped).toBeGreaterThan(0);
    }
  });

  it('on a phone, tour step 6 in Chinese prints 步长 whole in the classic figure’s subtitle', async () => {
    // At 320 px: since the phone tour's window leaves the figure's title out (classic-crop.ts body),
    // the text scale follows the planes alone and at 390 px the subtitle fits on one line.
    const { page, errors } = await h.open('?tour=6&lang=zh', { width: 320, height: 844 });
    // The figure's texts in drawing order; the subtitle is the run of them that spells the label.
    const texts = await page.$$eval('#svg-classic text', (ts) => ts.map((t) => t.textContent ?? ''));
    // (Compared without spaces: a line may end where a space stood, before "1 的卷积".)
    const bare = (x: string) => x.replace(/\s/g, '');
    const subtitle = bare(label('zh', 'directViewUnit'));
    const from = texts.findIndex((t, i) => t.length > 0 && subtitle.startsWith(bare(t)) && texts.slice(i).some((_, j) => bare(texts.slice(i, i + j + 1).join('')) === subtitle));
    expect(from).toBeGreaterThanOrEqual(0);
    let to = from + 1;
    while (bare(texts.slice(from, to).join('')) !== subtitle) to++;
    const lines = texts.slice(from, to);
    // Wrapped on the phone (else nothing was tested), and no term cut.
    expect(lines.length).toBeGreaterThan(1);
    expect(cutsIn(lines), lines.join(' / ')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the step sentence’s last count keeps the character before it and its closing marks, at any width', async () => {
    const { page, errors } = await h.open('?tour=7&lang=zh&f=1', { width: 1366, height: 900 });
    const sentence = await page.textContent('#step-text');
    // The frame's sentence ends on a count in brackets (its zeros by kind), as the review saw.
    expect(sentence).toMatch(/零 \d+ 个）。$/);
    const lastLines = await page.evaluate(() => {
      const p = document.querySelector<HTMLElement>('#step-text')!;
      const out: { w: number; last: string }[] = [];
      for (let w = 120; w <= 700; w += 2) {
        p.style.width = `${w}px`;
        const chars: { ch: string; top: number }[] = [];
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        const r = document.createRange();
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          for (let i = 0; i < n.data.length; i++) {
            r.setStart(n, i);
            r.setEnd(n, i + 1);
            const rect = r.getClientRects()[0];
            if (rect) chars.push({ ch: n.data[i], top: rect.top });
          }
        }
        const lastTop = Math.max(...chars.map((c) => c.top));
        out.push({ w, last: chars.filter((c) => c.top > lastTop - 4).map((c) => c.ch).join('').trim() });
      }
      return out;
    });
    // The closing marks stay with the count, and the count is never the last line alone ("6 个）。").
    for (const { w, last } of lastLines) {
      expect(last, `at ${w} px`).toMatch(/个）。$/);
      expect(last, `at ${w} px`).not.toMatch(/^\d+ 个）。$/);
    }
    expect(await page.textContent('#step-text')).toBe(sentence);
    expect(errors).toEqual([]);
  });

  it('on a phone the English tour puts the parameter lines (or one of them) away only where it would push the live line under the bar of Previous and Next', async () => {
    for (const step of [1, 2, 3, 6, 7, 10, 11, 13]) {
      const { page, context } = await h.newPage({ width: 390, height: 844 });
      // Where the page decides there is no room, what the step's control and live line reach with the line still shown.
      await page.addInitScript(() => {
        const w = window as unknown as { noRoom: number[] };
        w.noRoom = [];
        const set = Element.prototype.setAttribute;
        Element.prototype.setAttribute = function (name: string, value: string) {
          if (name === 'data-no-room' && this.id === 'classic-key' && !document.getElementById('classic-key-lines')!.hidden) {
            w.noRoom.push(Math.max(...['try-control', 'tour-now'].map((id) => document.getElementById(id)!.getBoundingClientRect().bottom + window.scrollY)));
          }
          set.call(this, name, value);
        };
      });
      await page.goto(`${h.url}?tour=${step}&lang=en`);
      await page.waitForSelector('body[data-ready="1"]');
      const r = await page.evaluate(() => {
        const lines = document.getElementById('classic-key-lines')!;
        // Whole: every line shown (where there is no room the settings line goes first, tour-key-lines42).
        const shown = !lines.hidden && lines.getBoundingClientRect().height > 0 && !document.getElementById('classic-key')!.hidden && !document.getElementById('classic-key')!.hasAttribute('data-no-room');
        const lowest = Math.max(...['try-control', 'tour-now'].map((id) => document.getElementById(id)!.getBoundingClientRect().bottom + window.scrollY));
        // Where the phone's bar of Previous and Next begins (fixed at the screen's foot, its top 5 px
        // above its buttons: style.css); the page puts the settings line away to keep the control
        // and the live line above it.
        const next = document.getElementById('tour-next')!;
        const barTop = getComputedStyle(next).position === 'fixed' ? next.getBoundingClientRect().top - 5 : window.innerHeight;
        return { shown, lowest, barTop, noRoom: (window as unknown as { noRoom: number[] }).noRoom };
      });
      expect(r.barTop, 'the bar at the phone screen’s foot').toBeLessThan(844);
      // The control and its live line are on the first screen either way (under the bar, a scroll
      // away, where the English text is long: parts 4, 6, 8–10, 12, 13).
      expect(r.lowest, `step ${step}`).toBeLessThanOrEqual(844);
      if (r.shown) expect(r.noRoom, `step ${step}`).toEqual([]);
      else {
        // Put away: with the line, the live line (or the control) ended below the bar's top.
        expect(r.noRoom.length, `step ${step}`).toBeGreaterThan(0);
        expect(Math.min(...r.noRoom), `step ${step}`).toBeGreaterThan(r.barTop);
      }
      await context.close();
    }
  });
});
