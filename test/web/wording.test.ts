/**
 * The page's words say what is true for the layer shown (student review, 2026-12-03): zero
 * insertion only where the stride inserts zeros, counts in singular and plural, PyTorch's
 * arguments written as PyTorch writes them, and no space after Chinese full-width punctuation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { it as imageText } from '../../web/src/image/image-text.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 120_000);
afterAll(async () => { await h?.close(); });

const open = async (query: string): Promise<Page> => (await h.open(query)).page;

describe('wording', () => {
  it('names inserted zeros only where the stride inserts them', async () => {
    const one = await open('?i=2&k=3&s=1&p=0&t=1&lang=en');
    expect(await one.textContent('#cap-grid')).toMatch(/^Input with padding 2×2 → 6×6/);
    expect(await one.textContent('[data-notation-guide]')).toContain('no zeros inserted');
    // The View menu names no zero insertion, whatever the layer.
    expect(await one.$$eval('#view option', (o) => o.map((x) => x.textContent).join(' | '))).not.toMatch(/zero/);
    await one.close();
    const two = await open('?i=2&k=3&s=2&p=0&t=1&lang=en');
    expect(await two.textContent('#cap-grid')).toMatch(/^Input with inserted zeros and padding 2×2 → 7×7/);
    expect(await two.textContent('[data-notation-guide]')).toContain('stride 1/2, i.e. 1 zero inserted between input cells');
    await two.close();
    const three = await open('?i=2&k=3&s=3&p=0&t=1&lang=en');
    expect(await three.textContent('[data-notation-guide]')).toContain('stride 1/3, i.e. 2 zeros inserted between input cells');
    await three.close();
    const zh = await open('?i=2&k=3&s=1&p=0&t=1&lang=zh');
    expect(await zh.textContent('#cap-grid')).toMatch(/^输入（含填充）2×2 → 6×6/);
    expect(await zh.textContent('[data-notation-guide]')).toContain('不插零');
    expect(await zh.textContent('[data-notation-torch]')).toBe('ConvTranspose2d(stride=1, padding=0, output_padding=0)');
    // Every caption ending in a full-width bracket sets no space before its size (review R43b, 9).
    expect(await zh.textContent('#cap-kernel')).toBe('卷积核（已翻转）3×3');
    await zh.close();
    const scatter = await open('?i=2&k=3&s=1&p=0&t=1&v=scatter&lang=zh');
    expect(await scatter.textContent('#cap-output')).toMatch(/^输出（数字为叠加份数）4×4/);
    await scatter.close();
  });

  it('counts the channels left undrawn in singular and plural', async () => {
    // The panel under the stage draws six channels (the stage's own channels figure draws them all).
    const sums = (p: Page) => p.$$eval('[data-channel-sum]', (e) => e.map((x) => x.textContent).join(' | '));
    const seven = await open('?ci=7&fig=classic&lang=en');
    expect(await sums(seven)).toContain('1 more channel not drawn');
    await seven.close();
    const eight = await open('?ci=8&fig=classic&lang=en');
    expect(await sums(eight)).toContain('2 more channels not drawn');
    await eight.close();
  });

  it('sets no space after Chinese full-width punctuation where the page joins its sentences', async () => {
    const tour = await open('?tour=3&lang=zh');
    const lead = (await tour.textContent('#tour-try p')) ?? '';
    // The label stands on its own line, without a colon (the invitation may have its own).
    expect(lead.startsWith('动手试试')).toBe(true);
    expect(await tour.$eval('#tour-try p', (p) => p.querySelector('strong + br') !== null)).toBe(true);
    expect(lead).not.toMatch(/：\s/);
    await tour.close();
    const bad = await open('?tour=0&k=zz&lang=zh');
    const msg = (await bad.textContent('#url-problems')) ?? '';
    expect(msg).toMatch(/^链接中被忽略的值（已使用默认值）：\S/);
    await bad.close();
    const en = await open('?k=zz&lang=en');
    expect(await en.textContent('#url-problems')).toMatch(/^Ignored link values \(defaults used\): \S/);
    await en.close();
  });
  it('sets full-width brackets and colons in Chinese lines, and the glossary\'s words in tour step 4', async () => {
    const page = await open('?tour=4&lang=zh');
    const text = await page.evaluate(() => document.body.innerText);
    // A word in brackets, or a colon, after a Chinese character: full-width ("乘加次数 (MACs)" was not).
    // (Coordinates and shapes, "(0,0)", "(N, C, H, W)", are formulas and keep theirs.)
    expect(text.match(/[\u4e00-\u9fff]\s?\([A-Za-z]+\)|[\u4e00-\u9fff]:/g) ?? []).toEqual([]);
    expect(text).toContain('乘加次数（MACs）');
    expect((await page.textContent('#step-text')) ?? '').toContain('数值：[通道 0]');
    // web/GLOSSARY.md: the weights of one kernel for one input channel are a 卷积核切片, the
    // channels' results are summed (求和), as the figure's captions say.
    const prose = (await page.textContent('[data-tour-text]')) ?? '';
    expect(prose).toContain('3×3 的卷积核切片');
    expect(prose).toContain('每个通道与自己的卷积核切片相乘，各通道的结果求和');
    expect(prose).not.toMatch(/一片|那一片/);
    expect(await page.$$eval('[data-kernel-slice]', (s) => s.map((e) => e.getAttribute('aria-label')))).toContain('卷积核切片 [0, 0]');
    await page.close();
  });
  it('names the learning study\'s target a 目标图片 where it is the picture the kernel makes (web/GLOSSARY.md: 目标卷积核, 目标图片)', () => {
    expect(imageText('zh', 'learnIntro', { h: 128, w: 128 })).toContain('找出把图片（灰度，128×128）变成目标图片的卷积核。');
  });
});
