/**
 * Stepping the image mode's kernel weights without the keyboard, in Chromium: the − / + pair
 * under the table steps the chosen cell (the centre one, then the last one focused) and names it
 * in both languages and to screen readers; the wheel steps the cell being edited and no other;
 * ↑ / ↓ still step; on a phone the pair is finger-sized and sits with the kernel between the
 * input and output pictures without widening the page; the learned (read-only) kernel has none.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness, afterPageTimers } from './harness.js';

const h = fileHarness();

const cell = (r: number, c: number, editor = 'image-kernel') => `[data-kernel-editor="${editor}"] input[data-r="${r}"][data-c="${c}"]`;
const editor = '[data-kernel-editor="image-kernel"]';
const steppers = `${editor} [data-kernel-steppers]`;

/** Waits until the newest request's output is on the canvas, and returns its request number. */
async function drawn(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    return !!c && !!c.dataset.requested && c.dataset.drawn === c.dataset.requested;
  }, null, { timeout: 30_000 });
  return Number(await page.getAttribute('canvas[data-image-output]', 'data-drawn'));
}

describe('kernel steppers', () => {
  it('a mouse steps the chosen weight with − / +, the wheel the weight being edited; the picture and the link follow; ↑ ↓ unchanged', async () => {
    const { page, errors } = await h.open('?view=image&lang=en&k=3&s=1&p=1', { width: 1366, height: 900 });
    const first = await drawn(page);
    // The 3 × 3 Gaussian: the centre cell is chosen first, and the pair says so in words and names.
    expect(await page.textContent(`${steppers} [data-kernel-stepper-cell]`)).toBe('Adjust row 1, column 1:');
    expect(await page.getAttribute(cell(1, 1), 'data-chosen')).toBe('');
    const up = page.locator(editor).getByRole('button', { name: 'Increase the weight at row 1, column 1 by 0.1' });
    await up.click();
    expect(await page.inputValue(cell(1, 1))).toBe('0.3');
    expect(await drawn(page)).toBeGreaterThan(first);
    await page.waitForFunction(() => new URLSearchParams(location.search).get('ik')?.split(',')[4] === '0.3');
    expect(await page.textContent(`${steppers} [data-kernel-stepper-said]`)).toBe('Row 1, column 1: 0.3');

    // A click in another cell chooses it; − steps it on the 0.1 grid (0.125 ↓ 0.1) and the focus
    // stays in the cell, so the wheel and the keys go on working there.
    await page.click(cell(0, 1));
    expect(await page.textContent(`${steppers} [data-kernel-stepper-cell]`)).toBe('Adjust row 0, column 1:');
    expect(await page.getAttribute(cell(1, 1), 'data-chosen')).toBeNull();
    expect(await page.getAttribute(`${steppers} [data-kernel-step="down"]`, 'aria-controls')).toBe(await page.getAttribute(cell(0, 1), 'id'));
    await page.locator(editor).getByRole('button', { name: 'Decrease the weight at row 0, column 1 by 0.1' }).click();
    expect(await page.inputValue(cell(0, 1))).toBe('0.1');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-c'))).toBe('1');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('ik')?.split(',')[1] === '0.1');

    // The wheel over the focused cell steps it (away from the reader: up) and does not scroll.
    await page.hover(cell(0, 1));
    const scrolled = await page.evaluate(() => scrollY);
    await page.mouse.wheel(0, -100);
    await expect.poll(() => page.inputValue(cell(0, 1))).toBe('0.2');
    await page.mouse.wheel(0, 100);
    await page.mouse.wheel(0, 100);
    await expect.poll(() => page.inputValue(cell(0, 1))).toBe('0');
    expect(await page.evaluate(() => scrollY)).toBe(scrolled);
    // A touchpad's small deltas add up to one step per 100 px rather than a step each.
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -30);
    await expect.poll(() => page.inputValue(cell(0, 1))).toBe('0.1');
    // Over a cell that is not being edited the wheel leaves the weight alone.
    await page.hover(cell(0, 0));
    await page.mouse.wheel(0, -100);
    await afterPageTimers(page, 200);
    expect(await page.inputValue(cell(0, 0))).toBe('0.0625');

    // ↑ / ↓ as before.
    await page.focus(cell(0, 1));
    await page.keyboard.press('ArrowUp');
    expect(await page.inputValue(cell(0, 1))).toBe('0.2');
    // A cell without a number is not stepped from: it keeps the reader's text and its mark.
    await page.fill(cell(0, 1), 'abc');
    await page.locator(editor).getByRole('button', { name: 'Increase the weight at row 0, column 1 by 0.1' }).click();
    expect(await page.inputValue(cell(0, 1))).toBe('abc');
    expect(await page.getAttribute(cell(0, 1), 'aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('on a phone, in Chinese: the pair is named in Chinese, a tap steps, and it sits between the pictures without widening the page', async () => {
    const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${h.url}?view=image&lang=zh&k=3&s=1&p=1`);
    await page.waitForSelector('body[data-ready="1"]');
    const first = await drawn(page);
    expect(await page.textContent(`${steppers} [data-kernel-stepper-cell]`)).toBe('调整第 1 行第 1 列的权重：');
    const down = page.locator(editor).getByRole('button', { name: '把第 1 行第 1 列的权重减小 0.1' });
    const upZh = page.locator(editor).getByRole('button', { name: '把第 1 行第 1 列的权重增大 0.1' });
    expect(await upZh.textContent()).toBe('+0.1');
    expect(await down.textContent()).toBe('\u22120.1');
    await upZh.tap();
    expect(await page.inputValue(cell(1, 1))).toBe('0.3');
    expect(await drawn(page)).toBeGreaterThan(first);
    expect(await page.textContent(`${steppers} [data-kernel-stepper-said]`)).toBe('第 1 行第 1 列：0.3');
    await down.tap();
    await down.tap();
    expect(await page.inputValue(cell(1, 1))).toBe('0.1');

    const rect = (q: string) => page.$eval(q, (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height }; });
    const [input, pair, output] = await Promise.all(['canvas[data-image-input]', steppers, 'canvas[data-image-output]'].map(rect));
    expect(pair.top).toBeGreaterThanOrEqual(input.bottom);
    expect(pair.bottom).toBeLessThanOrEqual(output.top);
    expect(pair.left).toBeGreaterThanOrEqual(0);
    expect(pair.right).toBeLessThanOrEqual(390);
    for (const b of await page.$$(`${steppers} button`)) expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(32);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('the learned kernel, which nobody edits, has no pair; the learning target has its own', async () => {
    const { page, errors } = await h.open('?view=image&lang=en&k=3&s=1&p=1', { width: 1366, height: 900 });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 30_000 });
    expect(await page.isVisible('[data-kernel-editor="learn-kernel"] [data-kernel-steppers]')).toBe(false);
    const target = '[data-kernel-editor="learn-target"] [data-kernel-steppers]';
    expect(await page.isVisible(target)).toBe(true);
    const before = await page.inputValue(cell(1, 0, 'learn-target'));
    await page.click(cell(1, 0, 'learn-target'));
    await page.click(`${target} [data-kernel-step="up"]`);
    expect(Number(await page.inputValue(cell(1, 0, 'learn-target')))).toBeCloseTo(Number(before) + 0.1, 10);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
