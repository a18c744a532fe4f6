/**
 * The note over "Build a transposed convolution from the guide's numbers" said "This layer is a
 * direct convolution" (当前这一层是普通卷积) under a dilated layer too, whose guide line just above
 * it reads "dilated convolution: dilation rate 2 …" (空洞卷积). The note names the layer's kind in
 * the glossary's words: 普通卷积 / 空洞卷积 / 转置卷积 (direct / dilated / transposed convolution).
 */
import { describe, expect, it } from 'vitest';
import { fileHarness, settled } from './harness.js';

const h = fileHarness();

const LAYERS = [
  { q: 'i=5&k=3&s=1&p=0', en: 'This layer is a direct convolution, ', zh: '当前这一层是普通卷积，', not: { en: /dilated|transposed convolution:/, zh: /空洞卷积|转置卷积，已/ } },
  { q: 'i=7&k=3&s=1&p=0&d=2', en: 'This layer is a dilated convolution, ', zh: '当前这一层是空洞卷积，', not: { en: /direct convolution/, zh: /普通卷积/ } },
  { q: 'i=9x5&k=4x5&s=1&p=0&d=2x1', en: 'This layer is a dilated convolution, ', zh: '当前这一层是空洞卷积，', not: { en: /direct convolution/, zh: /普通卷积/ } },
  { q: 'i=3&k=3&s=2&p=1&t=1&op=1', en: 'This layer is a transposed convolution: ', zh: '当前这一层是转置卷积，', not: { en: /direct convolution/, zh: /普通卷积/ } },
  { q: 'i=4&k=3&s=2&p=0&d=2&t=1', en: 'This layer is a transposed convolution: ', zh: '当前这一层是转置卷积，', not: { en: /direct convolution/, zh: /普通卷积/ } },
] as const;

describe('the notation form’s note names the layer’s kind', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(lang, async () => {
      const { page, errors } = await h.open(`?lang=${lang}`);
      for (const l of LAYERS) {
        await page.goto(`${h.url}?lang=${lang}&${l.q}`);
        await page.waitForSelector('body[data-ready="1"]');
        // The notation view is drawn with the side panels, after data-ready (side-panels.ts schedule).
        await settled(page);
        const note = (await page.textContent('#notation-form-note')) ?? '';
        expect(note.startsWith(l[lang]), `${l.q}: ${note}`).toBe(true);
        expect(note, l.q).not.toMatch(l.not[lang]);
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
