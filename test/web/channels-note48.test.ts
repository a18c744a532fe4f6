/**
 * The classic figure's channel note ("此图只画出了 3 个输入通道中的通道 0。") is one line followed by
 * its button on the next: justified, that line was no paragraph end and a phone spread it across
 * the whole width ("此 图 只 画 出 了 …", stop 48). Measured as the reader sees it: the sentence's
 * width as set against its width set ragged.
 */
import { describe, expect, it } from 'vitest';
import { fileHarness } from './harness.js';

const h = fileHarness();

describe('the classic figure’s channel note in Chinese', () => {
  it('at 390×844 its sentence is not spread across the line', async () => {
    const { page, context } = await h.open('?ci=3&co=2&fig=classic&lang=zh', { width: 390, height: 844 });
    await page.waitForSelector('#channels-note-text', { state: 'visible' });
    const width = (): Promise<number> => page.$eval('#channels-note-text', (el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return r.getBoundingClientRect().width;
    });
    const text = await page.$eval('#channels-note-text', (el) => el.textContent ?? '');
    expect(text).toMatch(/^此图只画出了 3 个输入通道中的通道 \d。/);
    const set = await width();
    await page.$eval('#channels-note', (el) => { (el as HTMLElement).style.textAlign = 'start'; });
    const ragged = await width();
    expect(set - ragged).toBeLessThan(2);
    await context.close();
  }, 90_000);
});
