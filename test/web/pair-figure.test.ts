/**
 * The linked pair's numbers in the figure, in Chromium: tour step 8 ("the shape comes back, the
 * values do not") runs the figure — the pair's transposed convolution — on the pair's z and kernel,
 * so its output cells are the pair's Cᵀz number for number, also after "Random values"; the pair's
 * button takes the figure back to its example numbers and brings the pair's again; and the pair's
 * numbers leave the figure when the step, the layer or the pair is no longer theirs.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { linkedPair } from '../../src/index.js';
import { conv2d, convTranspose2d } from '../../src/ops/conv.js';
import { tensor } from '../../src/tensor/tensor.js';
import { exampleInput, exampleWeight } from '../../web/src/example-values.js';
import { pt } from '../../web/src/pair-i18n.js';
import type { Lang } from '../../web/src/state.js';
import { TOUR } from '../../web/src/tour/steps.js';
import { fileHarness } from './harness.js';

const h = fileHarness();
/** "The shape comes back, the values do not": the step whose prose asks to compare x with Cᵀ(Cx). */
const STEP = TOUR.findIndex((s) => s.id === 'not-inverse') + 1;

/** A grid of numbers drawn by the figure (input, kernel or output), cell by cell. */
const figureGrid = (page: Page, svg: string) =>
  page.$$eval(`${svg} text[data-cell]`, (ts) => ts.map((t) => [Number((t as SVGElement).dataset.cell), Number(t.textContent)] as [number, number]))
    .then((cells) => [...new Map(cells).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]));
const pairGrid = (page: Page, name: string) =>
  page.$$eval(`[data-pair-grid="${name}"] td`, (tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
const round = (a: ArrayLike<number>) => Array.from(a, (v) => (Math.abs(v) < 5e-5 ? 0 : Math.round(v * 1e4) / 1e4));
const note = (page: Page) => page.$eval('#numbers-note', (e) => ((e as HTMLElement).hidden ? null : e.textContent));

/** What the figure shows on its own numbers: the example input and kernel through `layer`, by the library. */
function exampleOutput(layer: { input: number; transposed: boolean; stride: number }): number[] {
  const { input: n, transposed, stride } = layer;
  const x = tensor(exampleInput(1, n, n), [1, 1, n, n]);
  const w = tensor(exampleWeight(1, 3, 3), [1, 1, 3, 3]);
  const y = transposed ? convTranspose2d(x, w, { stride, engine: 'reference' }) : conv2d(x, w, { stride, engine: 'reference' });
  return round(y.data);
}

/** The figure's output equals the pair's Cᵀz, and that Cᵀz is the library's for the pair's x and kernel. */
async function expectFigureIsPairs(page: Page): Promise<number[]> {
  const x = await pairGrid(page, 'x');
  const w = await pairGrid(page, 'kernel');
  const restored = await pairGrid(page, 'restored');
  expect(restored).toEqual(round(linkedPair({ input: 5, kernel: 3, stride: 2 }, { input: x, weight: w }).restored));
  await expect.poll(() => figureGrid(page, '#svg-output')).toEqual(restored);
  // Its input holds the pair's z (among the inserted zeros and padding), its kernel the pair's, flipped as drawn.
  const z = await pairGrid(page, 'z');
  const nonZero = (a: number[]) => a.filter((v) => v !== 0).sort((p, q) => p - q);
  expect(nonZero(await figureGrid(page, '#svg-grid'))).toEqual(nonZero(z));
  expect(await figureGrid(page, '#svg-kernel')).toEqual([...w].reverse());
  return restored;
}

describe('the linked pair’s numbers in the figure', () => {
  for (const lang of ['en', 'zh'] as Lang[]) {
    it(`tour step ${STEP} (${lang}): the figure's output is the pair's Cᵀz, after the pair's button and after "Random values"`, async () => {
      const { page, errors } = await h.open(`?tour=${STEP}&lang=${lang}`, { width: 1366, height: 900 });
      const url = page.url();
      const entries = await page.evaluate(() => history.length);
      // Arriving at the step puts the pair's numbers in the figure, and the figure says so.
      const first = await expectFigureIsPairs(page);
      expect(await note(page)).toBe(pt(lang, 'figureFromPairT'));
      expect(await page.textContent('#pair-numbers')).toBe(pt(lang, 'pairShowExample'));
      expect(await page.textContent('[data-pair-figure-note]')).toBe(pt(lang, 'pairFigureLinkedT'));
      // Back to the example numbers: the figure is the example's transposed convolution again, unnamed.
      await page.click('#pair-numbers');
      await expect.poll(() => note(page)).toBeNull();
      expect(await figureGrid(page, '#svg-output')).toEqual(exampleOutput({ input: 2, transposed: true, stride: 2 }));
      expect(await figureGrid(page, '#svg-output')).not.toEqual(first);
      expect(await page.textContent('#pair-numbers')).toBe(pt(lang, 'pairShowRestored'));
      // The button brings them back (and keeps the keyboard).
      await page.click('#pair-numbers');
      await expect.poll(() => note(page)).toBe(pt(lang, 'figureFromPairT'));
      await expectFigureIsPairs(page);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('pair-numbers');
      // The figure follows the pair's new numbers.
      await page.click('#pair-random');
      await expectFigureIsPairs(page);
      // An edited kernel cell too: the figure and the pair keep one kernel.
      await page.fill('[data-pair-grid="kernel"] tr:nth-child(2) td:nth-child(2) input', '4');
      await page.press('[data-pair-grid="kernel"] tr:nth-child(2) td:nth-child(2) input', 'Enter');
      await page.waitForFunction(() => document.querySelector('[data-pair-grid="kernel"] tr:nth-child(2) td:nth-child(2)')?.getAttribute('data-value') === '4');
      await expectFigureIsPairs(page);
      // None of it is a setting: the link and the history are those of the step.
      expect(page.url()).toBe(url);
      expect(await page.evaluate(() => history.length)).toBe(entries);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('leave the figure when the step, the layer or the pair changes; arriving at the step again brings them back', async () => {
    const { page, errors } = await h.open(`?tour=${STEP}&lang=en`, { width: 1366, height: 900 });
    const example = exampleOutput({ input: 2, transposed: true, stride: 2 });
    await page.click('#pair-random');
    await expectFigureIsPairs(page);
    // The next step: another layer and step, the example's numbers, no line under the figure.
    await page.click('#tour-next');
    await expect.poll(() => note(page)).toBeNull();
    // Back at the step: its pair's numbers again (the pair starts afresh: step 9's layer had other shapes).
    await page.click('#tour-prev');
    await expect.poll(() => note(page)).toBe(pt('en', 'figureFromPairT'));
    await expectFigureIsPairs(page);
    await page.click('#pair-random');
    await expectFigureIsPairs(page);
    // Closing the pair: its numbers are nowhere to be read, so the figure goes back to its own.
    await page.click('#pair-open');
    await expect.poll(() => note(page)).toBeNull();
    expect(await figureGrid(page, '#svg-output')).toEqual(example);
    // Opened again on this step, it puts them back.
    await page.click('#pair-open');
    await expect.poll(() => note(page)).toBe(pt('en', 'figureFromPairT'));
    await expectFigureIsPairs(page);
    // Leaving the tour keeps the layer but not the step: the example's numbers.
    await page.click('#tour-leave');
    await expect.poll(() => note(page)).toBeNull();
    expect(await figureGrid(page, '#svg-output')).toEqual(example);
    expect(await page.textContent('#pair-numbers')).toBe(pt('en', 'pairShowRestored'));
    // The other conv of the pair in the figure (its own button): a new layer, the example's numbers,
    // and the twin button now offers the pair's z = Cx.
    await page.click('#pair-numbers');
    await expect.poll(() => note(page)).toBe(pt('en', 'figureFromPairT'));
    await page.click('#pair-apply');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('t') === null);
    await expect.poll(() => note(page)).toBeNull();
    expect(await figureGrid(page, '#svg-output')).toEqual(exampleOutput({ input: 5, transposed: false, stride: 2 }));
    expect(await page.textContent('#pair-numbers')).toBe(pt('en', 'pairShowZ'));
    await page.click('#pair-numbers');
    await expect.poll(() => note(page)).toBe(pt('en', 'figureFromPairD'));
    const z = await pairGrid(page, 'z');
    expect(z).not.toEqual(exampleOutput({ input: 5, transposed: false, stride: 2 }));
    await expect.poll(() => figureGrid(page, '#svg-output')).toEqual(z);
    // A layer edit (the stride) drops them for good: stride 2 again does not bring them back.
    await page.fill('#stride-h', '1');
    await expect.poll(() => note(page)).toBeNull();
    await page.fill('#stride-h', '2');
    await expect.poll(() => page.getAttribute('#svg-output', 'data-size')).toBe('2x2');
    expect(await note(page)).toBeNull();
    expect(await figureGrid(page, '#svg-output')).toEqual(exampleOutput({ input: 5, transposed: false, stride: 2 }));
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('turns the numbers on when the figure had them off, and is offered only for one channel', async () => {
    const { page } = await h.open('?i=5&k=3&s=2&p=0&lang=zh', { width: 1366, height: 900 });
    await page.click('#pair-open');
    await page.click('#pair-random');
    await page.click('#pair-numbers');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('n') === '1');
    expect(await note(page)).toBe(pt('zh', 'figureFromPairD'));
    await expect.poll(() => figureGrid(page, '#svg-output')).toEqual(await pairGrid(page, 'z'));
    // Two input channels: the pair has one, so it cannot stand for the figure's numbers.
    const two = (await h.open('?i=5&k=3&s=2&p=0&ci=2&n=1&lang=en', { width: 1366, height: 900 })).page;
    await two.click('#pair-open');
    await two.waitForSelector('[data-pair-grid="z"]');
    expect(await two.$('#pair-numbers')).toBeNull();
    await two.close();
    await page.close();
  }, 60_000);
});
