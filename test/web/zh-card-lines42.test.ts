/**
 * Review 42: on a phone the Chinese card of tour part 13 broke "常见的设置是 / 卷积核大小 4、步长 2、
 * 填充 1", leaving a third of the line empty: the page holds the glossary's terms and the formulas
 * whole (keep-together.ts), and a held run that does not fit goes to the next line with the room it
 * left. Part 13 reads "通常取卷积核大小 4、步长 2、填充 1" (the English "often with kernel 4, stride
 * 2 and padding 1"), which at 390 px keeps the lead-in on the line of its settings. The card was then
 * set justified to share that room along the line, until review R4 saw it spread letter by letter
 * (zh-card-stretch46): it is ragged now, and what is pinned here is how short a held run leaves a line.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';
import { lineRooms, roomPerGap, type LineRoom } from './line-boxes.js';

const h = fileHarness();

/** The card prose's lines: each line's text and the room left at its right end (px). */
const cardLines = async (page: Page): Promise<LineRoom[]> => (await lineRooms(page, '#tour-text'))[0]!.lines;

describe('the Chinese tour card’s lines on a phone', () => {
  it('every part at 390 px, and part 13 at 360 and 412 px: no line but the last ends short by more than five characters', async () => {
    const cases = [...TOUR.map((_, i) => [i + 1, 390] as const), [13, 360] as const, [13, 412] as const];
    for (const [n, width] of cases) {
      const { page, context } = await h.open(`?tour=${n}&lang=zh`, { width, height: 844 });
      const lines = await cardLines(page);
      const em = await page.$eval('#tour-text', (el) => parseFloat(getComputedStyle(el).fontSize));
      expect(lines.length, `part ${n}`).toBeGreaterThan(1);
      for (const l of lines.slice(0, -1)) expect(l.room, `part ${n} at ${width} px: “${l.text}”`).toBeLessThan(5.5 * em);
      if (n === 13 && width === 390) {
        // The lead-in and the settings it names on one line.
        expect(lines.some((l) => l.text.includes('通常取卷积核大小')), lines.map((l) => l.text).join(' / ')).toBe(true);
      }
      await context.close();
    }
  }, 180_000);

  it('a held run leaves little room per gap between characters: a held formula may break after its = and outside brackets after + or − (review R43b)', async () => {
    // Part 4 on a phone read "3 个 输 入 通 道 上 ， 共 有" (1.4 em between characters) before a held
    // "I·O·K = 3·64·9 = 1728". Measured on the ragged card: the room a line leaves, over the gaps
    // between its characters (what justifying it would spread). The bound, 0.35 em,
    // is above the widest left now (desktop part 3, "…缩小一半：o =" before "⌊(i + 2p − k) / s⌋ +").
    const worst: string[] = [];
    for (const [width, height] of [[390, 844], [1400, 1000]] as const) {
      for (let n = 1; n <= TOUR.length; n++) {
        const { page, context } = await h.open(`?tour=${n}&lang=zh`, { width, height });
        expect(await page.$eval('#tour-text', (el) => getComputedStyle(el).textAlign)).toBe('start');
        const lines = await cardLines(page);
        const em = await page.$eval('#tour-text', (el) => parseFloat(getComputedStyle(el).fontSize));
        for (const l of lines.slice(0, -1)) {
          const gap = roomPerGap(l, em);
          if (gap > 0.35) worst.push(`part ${n} at ${width} px: ${gap.toFixed(2)} em between characters in “${l.text}”`);
        }
        await context.close();
      }
    }
    expect(worst).toEqual([]);
  }, 300_000);
});
