/**
 * The matrix and the stage figure speak one colour language (review 32 B3, B5):
 * - the vectors x and z beside the matrix are coloured by their role in the layer on the stage,
 *   as the grids figure paints that layer's input and output: for a transposed layer (x = Cᵀz) z
 *   is the input and x the output, in C's view as in Cᵀ's, in every theme and palette;
 * - while the Matrix tab is open, the grids' kernel paints each cell in its weight's matrix colour
 *   and names it (w₀₀ …), flipped as the figure shows it for a transposed layer; plain again after.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileHarness } from './harness.js';

const h = fileHarness();

async function open(query: string): Promise<Page> {
  const { page } = await h.open(query);
  await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
  return page;
}

async function openMatrix(page: Page): Promise<void> {
  await page.click('#tab-matrix');
  await page.waitForSelector('#svg-matrix [data-vector="x"] rect', { state: 'attached' });
}

/** Fill of the first cell of a matrix vector, and of the grids figure's input and output cells. */
async function fills(page: Page) {
  return page.evaluate(() => {
    const f = (sel: string) => document.querySelector(sel)?.getAttribute('fill') ?? null;
    return {
      x: f('#svg-matrix [data-vector="x"] rect'),
      z: f('#svg-matrix [data-vector="z"] rect'),
      figIn: f('#svg-grid path[data-kind="input"]'),
      figOut: f('#svg-output path[data-kind="output"]'),
    };
  });
}

/** Each text's label → the fill of the shape under it, in an <svg> (kernel cells or matrix entries). */
async function fillByLabel(page: Page, svgSel: string, shapeSel: string, textSel: string): Promise<Record<string, string>> {
  return page.$eval(svgSel, (svg, [shapeSel, textSel]) => {
    const shapes = Array.from(svg.querySelectorAll<SVGGraphicsElement>(shapeSel)).map((s) => ({ b: s.getBBox(), fill: s.getAttribute('fill') ?? '' }));
    const out: Record<string, string> = {};
    for (const t of Array.from(svg.querySelectorAll<SVGTextElement>(textSel))) {
      const x = Number(t.getAttribute('x'));
      const y = Number(t.getAttribute('y'));
      // The topmost shape under the label (the matrix's background lies under its entries).
      const hit = shapes.filter(({ b }) => x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height).pop();
      if (hit && t.textContent) out[t.textContent] = hit.fill;
    }
    return out;
  }, [shapeSel, textSel] as const);
}

describe('matrix and figure colours', () => {
  it('the vectors take the colours the figure gives the layer\'s input and output (C and Cᵀ, direct and transposed, every palette)', async () => {
    for (const theme of ['light', 'dark']) {
      for (const cb of ['0', '1']) {
        for (const [layer, t] of [['transposed', '1'], ['direct', '0']] as const) {
          for (const m of ['c', 'ct']) {
            const q = `?i=${t === '1' ? 2 : 4}&k=3&s=1&p=0&t=${t}&m=${m}&fig=grids&theme=${theme}&cb=${cb}&lang=en`;
            const page = await open(q);
            await openMatrix(page);
            const f = await fills(page);
            expect(f.figIn, q).toBeTruthy();
            expect(f.figOut, q).toBeTruthy();
            expect(f.figIn, q).not.toBe(f.figOut);
            // x = Cᵀz: x is what a transposed layer outputs; z = Cx: z is what a direct one outputs.
            expect(f.x, q).toBe(layer === 'transposed' ? f.figOut : f.figIn);
            expect(f.z, q).toBe(layer === 'transposed' ? f.figIn : f.figOut);
            expect(await page.$eval('#svg-matrix [data-vector="x"]', (g) => g.getAttribute('data-role')), q).toBe(layer === 'transposed' ? 'output' : 'input');
            await page.close();
          }
        }
      }
    }
  }, 240_000);

  it('with the Matrix tab open, the kernel cells carry the colour of their matrix entries; plain again when it closes; named either way', async () => {
    for (const [q, first] of [['?i=4&k=3&s=1&p=0&fig=grids&lang=en', 'w₀₀'], ['?i=2&k=3&s=1&p=0&t=1&fig=grids&lang=en', 'w₂₂'], ['?i=4&k=3&s=1&p=0&fig=grids&theme=dark&cb=1&lang=en', 'w₀₀']] as const) {
      const page = await open(q);
      // Behind the Formula tab the kernel is plain, its cells named as they lie (review 51: blank
      // cells did not show which way round the kernel is).
      expect(await page.$$eval('#svg-kernel path[data-kind]', (ps) => [...new Set(ps.map((p) => p.getAttribute('data-kind')))]), q).toEqual(['kernel']);
      expect(await page.$$eval('#svg-kernel text', (ts) => ts.length), q).toBe(9);
      expect(await page.$eval('#svg-kernel text[data-cell="0"]', (t) => t.textContent), q).toBe(first);
      await openMatrix(page);
      const kernel = await fillByLabel(page, '#svg-kernel', 'path[data-kind]', 'text');
      expect(Object.keys(kernel).length, q).toBe(9);
      // The flipped kernel of a transposed layer's direct view starts with w₂₂, as the classic figure draws it.
      expect(await page.$eval('#svg-kernel text[data-cell="0"]', (t) => t.textContent), q).toBe(first);
      const matrix = await fillByLabel(page, '#svg-matrix', 'rect:not([fill-opacity])', 'text');
      for (const [label, fill] of Object.entries(kernel)) expect(matrix[label], `${q} ${label}`).toBe(fill);
      // Nine taps, nine colours: w₂₂ no longer shares w₀₀'s blue.
      expect(new Set(Object.values(kernel)).size, q).toBe(9);
      // Closing the tab gives the kernel back its plain colour.
      await page.click('#tab-formula');
      expect(await page.$$eval('#svg-kernel path[data-kind]', (ps) => [...new Set(ps.map((p) => p.getAttribute('data-kind')))]), q).toEqual(['kernel']);
      expect(await page.$eval('#svg-kernel text[data-cell="0"]', (t) => t.textContent), q).toBe(first);
      await page.close();
    }
  }, 120_000);

  it('with numbers shown, the tinted kernel keeps its values and a parameter change keeps the tint', async () => {
    const page = await open('?i=4&k=3&s=1&p=0&fig=grids&n=1&lang=en');
    const before = await page.$$eval('#svg-kernel text', (ts) => ts.map((t) => t.textContent));
    expect(before.length).toBe(9);
    await openMatrix(page);
    expect(await page.$$eval('#svg-kernel text', (ts) => ts.map((t) => t.textContent))).toEqual(before);
    expect(await page.$eval('#svg-kernel', (s) => s.getAttribute('data-taps'))).toBe('1');
    await page.fill('#stride-h', '2');
    await page.press('#stride-h', 'Tab');
    await page.waitForFunction(() => document.querySelector('#svg-output')?.getAttribute('data-size') === '1x2');
    expect(await page.$$eval('#svg-kernel path[data-kind]', (ps) => ps.length)).toBe(9);
    await page.close();
  }, 60_000);
});
