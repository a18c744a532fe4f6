/**
 * Chinese line breaks found by looking at the page on a phone (390 × 844), measured in Chromium
 * line box by line box: (1) tour step 4's Formula tab broke "…× 每 / 个位置 27", (2) tour step 12's
 * stacked-layers captions "覆盖 13×13 个 / 输入单元", a measure word left at a line's end, (3) the
 * image mode's docked sentence took four lines for three-digit rows and columns, broke "读 / 取" at
 * small ones, and its key for a copying padding mode wrapped to a second line. The rules are
 * src/i18n/line-breaks.ts's (gluedRuns); the bar's size is image.css's.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dockedKey } from './docked-key.js';
import { fileHarness } from './harness.js';
import { pickOnPhone } from './image-pick.js';
import { lines, shown, splits } from './line-boxes.js';
import type { Measured } from './line-boxes.js';

const h = fileHarness();
const PHONE = { width: 390, height: 844 };

/** Each line of `m` as its text. */
const lineTexts = (m: Measured) => shown(m).split(' / ');
/** Lines that end on a measure word after its quantity ("13×13 个", "每"), which should go with what it counts. */
const endsOnCount = (m: Measured) => lineTexts(m).filter((l) => /(?:\d|[一二两三四五六七八九十几半每各这那哪])\s?个$|每$/.test(l.trim()));

describe('review 38: Chinese line breaks on a phone', () => {
  it('tour step 4’s Formula tab keeps 每个位置 whole and no measure word at a line’s end, at any width', async () => {
    const { page, errors } = await h.open('?tour=4&lang=zh', PHONE);
    await page.click('#tab-formula');
    const items = await page.$$eval('#formula li', (ls) => ls.length);
    const macs = await page.$$eval('#formula li', (ls) => ls.findIndex((l) => (l.textContent ?? '').includes('每个位置')));
    expect(macs).toBeGreaterThanOrEqual(0);
    const bad: string[] = [];
    let wrapped = 0;
    // As on the phone, then the panel narrower and wider.
    for (const w of [0, ...Array.from({ length: 60 }, (_, i) => 180 + 8 * i)]) {
      if (w) await page.$eval('#formula', (e, px) => { (e as HTMLElement).style.width = `${px}px`; }, w);
      for (let i = 0; i < items; i++) {
        const m = await lines(page, `#formula li:nth-child(${i + 1})`);
        if (i === macs && m.lines > 1) wrapped++;
        for (const s of [...splits(m, '每个位置'), ...endsOnCount(m)]) bad.push(`${w || 'phone'} px: ${s} (${shown(m)})`);
      }
    }
    expect(bad).toEqual([]);
    expect(wrapped).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('tour step 12’s captions hold the count with what it counts ("13×13 个输入单元"), at the rates the step offers', async () => {
    const { page, errors } = await h.open('?tour=12&lang=zh', PHONE);
    for (const d of ['2', '3', '8']) {
      await page.fill('#try-control', d);
      await page.waitForFunction((r) => (document.querySelector('.stack-caption strong')?.textContent ?? '').includes(`${r}、${r}`), d);
      const caps = await page.$$eval('.stack-caption', (cs) => cs.length);
      for (let i = 0; i < caps; i++) {
        const m = await lines(page, `.stack-caption[data-panel="${i}"]`);
        const count = /\d+×\d+ 个输入单元/.exec(m.text)![0];
        expect(splits(m, count), shown(m)).toEqual([]);
        expect(endsOnCount(m), shown(m)).toEqual([]);
        expect(m.overflow, shown(m)).toBeLessThanOrEqual(0.5);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});



describe('review 38: the image mode’s docked sentence on a phone', () => {
  it('takes three lines for three-digit rows and columns, in Chinese and in English, its words and pairs unbroken', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const { page, errors } = await pickOnPhone(h, `?view=image&lang=${lang}&k=3&s=1&p=1`, 200, 0.8);
      const at = await page.$eval('[data-image-footprint]', (e) => [Number((e as HTMLElement).dataset.y), Number((e as HTMLElement).dataset.x)]);
      expect(Math.min(...at), lang).toBeGreaterThanOrEqual(100);
      const m = await lines(page, '[data-image-footprint]');
      expect(m.lines, shown(m)).toBe(3);
      const pairs = lang === 'zh' ? ['读取', `第 ${at[0]} 行`, `第 ${at[1]} 列`, '输入像素'] : [`row ${at[0]}`, `column ${at[1]}`, `rows ${at[0] - 1}–${at[0] + 1}`];
      for (const p of pairs) expect(splits(m, p), shown(m)).toEqual([]);
      expect(m.overflow, shown(m)).toBeLessThanOrEqual(0.5);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 90_000);

  it('keeps 读取 whole at small rows and columns, and the key for a copying padding mode on one line', async () => {
    for (const pm of ['zeros', 'reflect']) {
      const { page, errors } = await pickOnPhone(h, `?view=image&lang=zh&k=3&s=1&p=1&pm=${pm}`, 4, 0.01);
      const m = await lines(page, '[data-image-footprint]');
      // One-digit rows and columns: the sentence's first line then reached into 读取 ("…第 5 列）读 / 取…").
      expect(await page.$eval('[data-image-footprint]', (e) => Math.max(Number((e as HTMLElement).dataset.y), Number((e as HTMLElement).dataset.x)))).toBeLessThan(10);
      expect(splits(m, '读取'), shown(m)).toEqual([]);
      expect(m.lines, shown(m)).toBe(3);
      expect(await page.getAttribute('[data-image-footprint]', 'data-key')).toMatch(pm === 'zeros' ? /深色框/ : /虚线/);
      expect((await dockedKey(page)).lines, pm).toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 90_000);
});
