/**
 * Review 33 A3, in headless Chromium: a box that held a refused number (target output 20) and then
 * holds no number at all (0) says only that it wants a number — not that number and the old
 * refusal joined — and the link goes back to what the figure shows instead of keeping the refused
 * number the box no longer holds. The same for an ordinary field and for the tour's one control.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { t } from '../../web/src/i18n.js';
import { buildLayer } from '../../web/src/layer.js';
import { BOUNDS, parseQuery } from '../../web/src/state.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

const slot = (page: Page, control: string) => page.$eval(`.field-error[data-for~="${control}"]`, (e) => (e.textContent ?? '').trim());
const query = (page: Page) => new URL(page.url()).searchParams;

/** The output size the library gives the layer of a link, as the link writes it ("7", "7x8"). */
function outputOf(link: string): { h: number; os: string } {
  const r = buildLayer(parseQuery(link).state);
  if (!r.ok) throw r.error;
  const [oh, ow] = [r.geometry.axes[0].output, r.geometry.axes[1].output];
  return { h: oh, os: oh === ow ? String(oh) : `${oh}x${ow}` };
}

describe('review 33 A3: a box holding no number after a refused one', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`target output size: 20 (refused), then 0 — the field's message alone, the link back to the figure's size (${lang})`, async () => {
      const link = `?i=4&k=3&s=2&p=1&t=1&lang=${lang}`;
      const { page, errors } = await h.open(link, { width: 1366, height: 900 });
      await page.selectOption('#op-mode', 'target');
      const { h: oh, os } = outputOf(link);
      await expect.poll(() => query(page).get('os')).toBe(os);
      for (const id of ['#target-h', '#target-w']) await page.fill(id, '20');
      // Refused by the library, with the range it can produce.
      await expect.poll(() => slot(page, 'target-h')).toContain('20');
      expect(query(page).get('os')).toBe('20');
      for (const id of ['#target-h', '#target-w']) await page.fill(id, '0');
      const wanted = t(lang, 'fieldNumber', { lo: BOUNDS.target[0], hi: BOUNDS.target[1] });
      await expect.poll(() => slot(page, 'target-h')).toBe(wanted);
      // The link says what the figure shows (the last size the library accepted), not the 20 the
      // boxes no longer hold; the banner still says the picture is not the boxes' settings.
      expect(query(page).get('os')).toBe(os);
      expect(await page.isVisible('#error-banner')).toBe(true);
      expect(await page.getAttribute('#target-h', 'aria-invalid')).toBe('true');
      // A number in range again: applied, no message.
      for (const id of ['#target-h', '#target-w']) await page.fill(id, String(oh + 1));
      await expect.poll(() => slot(page, 'target-h')).toBe('');
      expect(query(page).get('os')).toBe(String(oh + 1));
      expect(await page.isHidden('#error-banner')).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('any field: kernel 9 on a 5×5 input (refused), then empty — the message alone, the link back to the figure\'s kernel', async () => {
    const { page, errors } = await h.open('?i=5&k=3&p=0&lang=en', { width: 1366, height: 900 });
    for (const id of ['#kernel-h', '#kernel-w']) await page.fill(id, '9');
    await expect.poll(() => slot(page, 'kernel-h')).toContain('9');
    expect(query(page).get('k')).toBe('9');
    await page.fill('#kernel-h', '');
    await expect.poll(() => slot(page, 'kernel-h')).toBe(t('en', 'fieldNumber', { lo: BOUNDS.kernel[0], hi: BOUNDS.kernel[1] }));
    // Height back to the figure's 3; width still holds its refused 9, which stays marked (its
    // refusal returns under the boxes once the height box holds a number).
    expect(query(page).get('k')).toBe('3x9');
    expect(await page.getAttribute('#kernel-w', 'aria-invalid')).toBe('true');
    await page.fill('#kernel-h', '3');
    await expect.poll(() => slot(page, 'kernel-h')).toMatch(/W: the kernel covers 9 cells/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the tour\'s control: a refused layer, then 0 — the field\'s message alone under it', async () => {
    const { page, errors } = await h.open('?tour=1&lang=en', { width: 1280, height: 800 });
    // The step's control applies only kernels its layer takes (tour-words36.test.ts): the layer is
    // refused from outside the card (the form, on a wide screen), a 2×2 input under the kernel 3.
    await page.evaluate(() => (window as unknown as { convkitPlayground: { benchChange(p: object): void } }).convkitPlayground.benchChange({ input: [2, 2] }));
    await expect.poll(() => slot(page, 'try-control')).toMatch(/3/);
    await page.fill('#try-control', '0');
    await expect.poll(() => slot(page, 'try-control')).toMatch(/^Enter a whole number from 1 to \d+\.$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
