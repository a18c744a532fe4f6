/**
 * Review 42: on a phone the step's sentence keeps two lines' height, so the form under it does not
 * move as the animation's sentences take one line or two. A one-line sentence (Chinese, the middle
 * step of 3×3 on 5×5: "输出 (1,1) = 9 个乘积之和，全部来自输入单元。") stood at the top of that
 * height and left a blank line between it and the tapped cell's line under it. It now stands at the
 * foot, next to that line; the form still keeps its place at every step.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

describe('the phone’s step sentence and the tapped cell’s line', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`(${lang}) no blank line between them at any step, and the form does not move`, async () => {
      const { page, context, errors } = await h.open(`?lang=${lang}`, { width: 390, height: 844 });
      const frames = Number(await page.getAttribute('#scrub', 'max'));
      expect(frames).toBeGreaterThanOrEqual(8);
      const seen: { frame: number; lines: number; gap: number; form: number }[] = [];
      for (let f = 0; f <= frames; f++) {
        await page.$eval('#scrub', (el, v) => {
          const s = el as HTMLInputElement;
          s.value = String(v);
          s.dispatchEvent(new Event('input', { bubbles: true }));
        }, f);
        // A tap on an input cell writes what it feeds under the sentence.
        const box = (await page.locator('#svg-grid').boundingBox())!;
        await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
        await page.waitForFunction(() => document.getElementById('hover-text')!.textContent !== '');
        seen.push(await page.evaluate((frame) => {
          const p = document.getElementById('step-text')!;
          const r = document.createRange();
          r.selectNodeContents(p);
          const rects = Array.from(r.getClientRects()).filter((q) => q.width > 0);
          const tops = new Set(rects.map((q) => Math.round(q.top)));
          const textBottom = Math.max(...rects.map((q) => q.bottom));
          const hover = document.getElementById('hover-text')!;
          const hr = document.createRange();
          hr.selectNodeContents(hover);
          const hoverTop = Math.min(...Array.from(hr.getClientRects()).filter((q) => q.width > 0).map((q) => q.top));
          return { frame, lines: tops.size, gap: hoverTop - textBottom, form: document.querySelector('.controls')!.getBoundingClientRect().top + window.scrollY };
        }, f));
      }
      // The case the review saw: a sentence of one line among sentences of two (in Chinese).
      if (lang === 'zh') expect(seen.some((s) => s.lines === 1), JSON.stringify(seen)).toBe(true);
      const lineHeight = await page.$eval('#step-text', (el) => parseFloat(getComputedStyle(el).lineHeight));
      // The sentence's last line to the tapped line's first: the same at every step (margins and
      // leading), less than a line.
      const least = Math.min(...seen.map((s) => s.gap));
      for (const s of seen) {
        expect(s.gap, `step ${s.frame + 1} (${s.lines} lines)`).toBeLessThan(lineHeight);
        expect(s.gap, `step ${s.frame + 1} (${s.lines} lines)`).toBeLessThanOrEqual(least + 2);
      }
      expect(new Set(seen.map((s) => Math.round(s.form))).size, JSON.stringify(seen)).toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
