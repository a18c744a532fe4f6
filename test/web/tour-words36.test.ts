/**
 * The tour's words and its Try-it controls agree with the layer (student review 36):
 * - a step's number control accepts, says and invites one range, the values the library takes on
 *   the step's layer (step 1: a kernel of 1 to 4 on a 4×4 input, not the form's 1 to 9), and a
 *   value outside it is not applied (999 typed key by key passed through 9, which the URL kept);
 * - step 10's prose reads the output padding a as the symbol, not as an article ("a more rows");
 * - the step sentence counts no zeros where the window reads none ("…, 0 with zeros");
 * - step 7's live line at stride 1 says nothing is inserted (not "2×2 stretched to 2×2");
 * - on a phone the Try-it label is on a line of its own, as on a desktop (web/GLOSSARY.md).
 * Expected ranges and sizes come from the library.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { explain } from '../../src/arithmetic/explain.js';
import { renderSvg, trace } from '../../src/index.js';
import type { DirectTrace } from '../../src/trace/types.js';
import { acceptedRange } from '../../web/src/accepted-range.js';
import { rendererDraws } from '../../web/src/renderer-fits.js';
import { nowText } from '../../web/src/tour/now-line.js';
import { TOUR, fill } from '../../web/src/tour/steps.js';
import { stepState } from '../../web/src/tour/tour.js';
import { t } from '../../web/src/i18n.js';
import { BOUNDS, cloneState, defaultState } from '../../web/src/state.js';
import type { Lang } from '../../web/src/state.js';
import { fileHarness } from './harness.js';

/** The values of `bounds` the library's explain takes for `opts(v)`, smallest and largest. */
function libraryRange(bounds: readonly [number, number], opts: (v: number) => Parameters<typeof explain>[0]): [number, number] {
  const ok: number[] = [];
  for (let v = bounds[0]; v <= bounds[1]; v++) {
    try {
      explain(opts(v));
      ok.push(v);
    } catch {
      // refused
    }
  }
  return [ok[0], ok[ok.length - 1]];
}

const prefs = (lang: Lang = 'en') => ({ ...defaultState(), lang });

/** Step 1 (kernel on 4×4), step 10 (output padding at stride 2) and step 11 (dilation of a 3×3 kernel on 7×7): each the library's range. */
const RANGES = [
  { n: 1, bounds: BOUNDS.kernel, set: (v: number) => ({ input: [4, 4], kernel: v }) },
  { n: 10, bounds: BOUNDS.outputPadding, set: (v: number) => ({ input: [3, 3], kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: v }) },
  { n: 11, bounds: BOUNDS.dilation, set: (v: number) => ({ input: [7, 7], kernel: 3, dilation: v }) },
] as const;

describe('what a step\'s number control accepts (plain)', () => {
  for (const { n, bounds, set } of RANGES) {
    it(`step ${n}: the library's range on the step's layer, narrower than the form's bounds`, () => {
      const s = stepState(n, prefs());
      const step = TOUR[n - 1];
      const apply = (c: typeof s, v: number) => {
        if (step.control === 'kernel') c.kernel = [v, v];
        else if (step.control === 'dilation') c.dilation = [v, v];
        else if (step.control === 'outputPadding') { c.useTarget = false; c.outputPadding = [v, v]; }
      };
      const want = libraryRange(bounds, set as (v: number) => Parameters<typeof explain>[0]);
      expect(want[1]).toBeLessThan(bounds[1]);
      expect(acceptedRange(s, bounds, apply)).toEqual(want);
    });
  }

  it('a layer refused whatever the value keeps the bounds (the library\'s own message says why)', () => {
    const s = cloneState(stepState(1, prefs()));
    s.stride = [0, 0];
    expect(acceptedRange(s, BOUNDS.kernel, (c, v) => { c.kernel = [v, v]; })).toEqual([...BOUNDS.kernel]);
  });
});

describe('step 10\'s prose and step 7\'s live line (plain)', () => {
  it('step 10 never puts the symbol a where an article reads ("a more rows", "a extra rows")', () => {
    const step = TOUR[9];
    const text = fill(step.text.en, step.vars!());
    expect(text).not.toMatch(/\ba (more|extra)\b/);
    // The symbol is still there where no article can stand (review R1 took out "keeps its last a rows
    // and columns": the text now says one fewer row and column is cropped, with the sizes).
    expect(text).toMatch(/\bgrows by a rows and columns of zeros\b/);
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`step 7 at stride 1 says no zeros are inserted; at 2 and 3 the stretched size (${lang})`, () => {
      const step = TOUR[6];
      for (const sv of [1, 2, 3]) {
        const s = cloneState(stepState(7, prefs(lang)));
        s.stride = [sv, sv];
        const line = nowText(step, s).replace(/\u00a0/g, ' ').replace(/\u2060/g, '');
        const eq = explain({ input: [2, 2], kernel: 3, stride: sv, transposed: true }).axes[0].equivalent!;
        const stretched = lang === 'en' ? 'stretched to' : '拉伸成';
        if (eq.insertedZeros === 0) {
          expect(line).not.toContain(stretched);
          expect(line).toContain(lang === 'en' ? 'no zeros inserted' : '不插零');
        } else {
          expect(line).toContain(`${stretched} ${eq.iTildePrime}×${eq.iTildePrime}`);
        }
      }
    });
  }
});

/** Step 13's layer (transposed, kernel 4, stride 2, padding 1): the inputs the library's renderer draws, smallest and largest. */
function drawnInputs(): [number, number] {
  const ok: number[] = [];
  for (let v = BOUNDS.input[0]; v <= BOUNDS.input[1]; v++) {
    try {
      renderSvg({ input: [v, v], kernel: 4, stride: 2, padding: 1, transposed: true });
      ok.push(v);
    } catch {
      // too large to draw
    }
  }
  return [ok[0], ok[ok.length - 1]];
}

describe('a classic-figure step keeps to what the figure draws (plain)', () => {
  it('step 13 accepts the inputs the renderer draws, not every input the library computes', () => {
    const drawn = drawnInputs();
    // The library computes every input of the form's range; the renderer draws fewer.
    expect(libraryRange(BOUNDS.input, (v) => ({ input: [v, v], kernel: 4, stride: 2, padding: 1, transposed: true }))).toEqual([...BOUNDS.input]);
    expect(drawn[1]).toBeLessThan(BOUNDS.input[1]);
    const s = stepState(13, prefs());
    expect(TOUR[12].figure).toBe('classic');
    expect(acceptedRange(s, BOUNDS.input, (c, v) => { c.input = [v, v]; }, (g) => rendererDraws(g))).toEqual(drawn);
  });
});

const h = fileHarness();
const phone = { width: 390, height: 844 };
const tryError = (page: Page) => page.textContent('.field-error[data-for="try-control"]').then((s) => s ?? '');
const rangeText = (lang: Lang, [lo, hi]: readonly [number, number]) => t(lang, 'fieldNumber', { lo, hi });

describe('the Try-it box says and keeps the range its layer takes', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`step 1: 999 typed key by key, 0 and 9 get the invitation's range and leave the layer as it was (${lang})`, async () => {
      const { page, errors } = await h.open(`?tour=1&lang=${lang}`, { width: 1366, height: 900 });
      const range = libraryRange(BOUNDS.kernel, (v) => ({ input: [4, 4], kernel: v }));
      // The invitation names that range.
      expect((await page.textContent('#tour-try p'))?.replace(/\u00a0/g, ' ')).toContain(lang === 'en' ? `from ${range[0]} to ${range[1]}` : `在 ${range[0]} 到 ${range[1]} 之间`);
      expect(await page.getAttribute('#try-control', 'max')).toBe(String(range[1]));
      await page.fill('#try-control', '');
      await page.type('#try-control', '999');
      await expect.poll(() => tryError(page)).toBe(rangeText(lang, range));
      // The layer kept its kernel (9 on the way was not applied), and the banner says a box holds a bad value, not that the combination is refused.
      expect(new URL(page.url()).searchParams.get('k')).toBe('3');
      expect(await page.textContent('#error-banner')).toBe(t(lang, 'errorField'));
      for (const v of ['0', String(range[1] + 1)]) {
        await page.fill('#try-control', v);
        await expect.poll(() => tryError(page)).toBe(rangeText(lang, range));
        expect(new URL(page.url()).searchParams.get('k')).toBe('3');
      }
      await page.fill('#try-control', String(range[1]));
      await expect.poll(() => tryError(page)).toBe('');
      expect(new URL(page.url()).searchParams.get('k')).toBe(String(range[1]));
      expect(await page.isHidden('#error-banner')).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  for (const { n, bounds, set } of RANGES.slice(1)) {
    it(`step ${n}: a value the layer refuses gets the layer's range, not the form's bounds`, async () => {
      const { page, errors } = await h.open(`?tour=${n}&lang=en`, { width: 1366, height: 900 });
      const range = libraryRange(bounds, set as (v: number) => Parameters<typeof explain>[0]);
      await page.fill('#try-control', String(range[1] + 1));
      await expect.poll(() => tryError(page)).toBe(rangeText('en', range));
      expect(await page.getAttribute('#try-control', 'min')).toBe(String(range[0]));
      expect(await page.getAttribute('#try-control', 'max')).toBe(String(range[1]));
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});

describe('step 13 in the browser', () => {
  it('its box takes only the inputs the classic figure draws, and the figure stays classic', async () => {
    const { page, errors } = await h.open('?tour=13&lang=en', { width: 1366, height: 900 });
    const drawn = drawnInputs();
    expect(await page.getAttribute('#try-control', 'max')).toBe(String(drawn[1]));
    await page.fill('#try-control', String(drawn[1] + 1));
    await expect.poll(() => tryError(page)).toBe(rangeText('en', drawn));
    await page.fill('#try-control', String(drawn[1]));
    await expect.poll(() => tryError(page)).toBe('');
    await expect.poll(() => page.getAttribute('#figure-box', 'data-stage')).toBe('classic');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

/** The frame's zero reads, from the library's trace. */
function zeroCount(cfg: Parameters<typeof trace>[0], f: number): number {
  return (trace(cfg) as DirectTrace).frames[f].taps.filter((tp) => tp.input === null).length;
}

describe('the step sentence counts only the zeros a window reads', () => {
  const cases = [
    // No zeros: a plain window, and a channel sum (centre of a padded 5×5, 3 input channels).
    { q: 'i=4&k=3&s=1&p=0&f=0', cfg: { input: [4, 4], kernel: 3 }, f: 0 },
    { q: 'i=5&k=3&s=1&p=1&ci=3&f=12', cfg: { input: [5, 5], kernel: 3, padding: 1 }, f: 12 },
    // Padding zeros; inserted and padding zeros.
    { q: 'i=5&k=3&s=1&p=1&f=0', cfg: { input: [5, 5], kernel: 3, padding: 1 }, f: 0 },
    { q: 'i=3&k=3&s=2&p=1&t=1&op=1&f=0', cfg: { input: [3, 3], kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: 1 }, f: 0 },
  ] as const;
  for (const lang of ['en', 'zh'] as const) {
    it(`says "all with input cells" where no zero is read, and counts the zeros where some are (${lang})`, async () => {
      for (const c of cases) {
        const zeros = zeroCount(c.cfg as Parameters<typeof trace>[0], c.f);
        const { page } = await h.open(`?${c.q}&lang=${lang}`);
        const text = ((await page.textContent('#step-text')) ?? '').replace(/[\u00a0\u2060]/g, (m) => (m === '\u00a0' ? ' ' : ''));
        if (zeros === 0) {
          expect(text, c.q).not.toMatch(lang === 'en' ? /with zeros|0 with/ : /来自零|0 个/);
          expect(text, c.q).toMatch(lang === 'en' ? /, (each with an input cell|all with input cells)\./ : /，全部来自输入单元。/);
        } else {
          expect(text, c.q).toMatch(lang === 'en' ? new RegExp(`${zeros} with (padding |inserted )?zeros`) : new RegExp(`${zeros} 个来自`));
        }
        await page.close();
      }
    }, 90_000);
  }
});

/** A frame's products by what they read, from the library's trace. */
function readsOf(cfg: Parameters<typeof trace>[0], f: number) {
  const taps = (trace(cfg) as DirectTrace).frames[f].taps;
  const zeros = taps.filter((tp) => tp.input === null);
  return { n: taps.length, r: taps.length - zeros.length, z: zeros.length, kinds: new Set(zeros.map((tp) => tp.kind)).size };
}

describe('the step sentence says one product, a count of 1, and no input cell at all as such (review 36)', () => {
  const cases = [
    // A 1 × 1 kernel: one product, reading an input cell, or (padded, at the corner) a padding zero.
    { q: 'i=4&k=1&s=1&p=0&f=0', ci: 1, cfg: { input: [4, 4], kernel: 1 }, f: 0 },
    { q: 'i=4&k=1&s=1&p=1&f=0', ci: 1, cfg: { input: [4, 4], kernel: 1, padding: 1 }, f: 0 },
    // No input cell in the window: padding 3 (step 2's control), and padding with output-padding cells.
    { q: 'i=5&k=3&s=1&p=3&f=0', ci: 1, cfg: { input: [5, 5], kernel: 3, padding: 3 }, f: 0 },
    { q: 'i=3&k=3&s=2&p=0&t=1&op=1&f=7', ci: 1, cfg: { input: [3, 3], kernel: 3, stride: 2, transposed: true, outputPadding: 1 }, f: 7 },
    // One input cell among zeros (steps 6, 7, 10, 13).
    { q: 'i=2&k=3&s=1&p=0&t=1&f=0', ci: 1, cfg: { input: [2, 2], kernel: 3, transposed: true }, f: 0 },
    { q: 'i=3&k=3&s=2&p=1&t=1&op=1&f=5', ci: 1, cfg: { input: [3, 3], kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: 1 }, f: 5 },
    // Channel sums: all padding zeros, and one product per channel.
    { q: 'i=5&k=3&s=1&p=3&ci=3&f=0', ci: 3, cfg: { input: [5, 5], kernel: 3, padding: 3 }, f: 0 },
    { q: 'i=4&k=1&s=1&p=0&ci=3&f=0', ci: 3, cfg: { input: [4, 4], kernel: 1 }, f: 0 },
  ] as const;
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}`, async () => {
      for (const c of cases) {
        const { n, r, z, kinds } = readsOf(c.cfg as Parameters<typeof trace>[0], c.f);
        const { page } = await h.open(`?${c.q}&lang=${lang}`);
        const text = ((await page.textContent('#step-text')) ?? '').replace(/[\u00a0\u2060]/g, (m) => (m === '\u00a0' ? ' ' : ''));
        // Never a zero count, nor a count of 1 in the plural.
        expect(text, c.q).not.toMatch(lang === 'en' ? /\b0 with|\b1 (products|with [\w-]+s\b)|sum of 1\b/ : /(^|[^\d.])0 个|= 1 个乘积之和/);
        if (n === 1 && c.ci === 1) expect(text, c.q).toMatch(lang === 'en' ? /= its 1 product, with an? [\w -]+\./ : /只有 1 个乘积，来自[^，。]+。/);
        else if (r === 0 || z === 0) {
          // Every product from one source: "all with …", the zeros' kinds named where several.
          expect(text, c.q).toMatch(lang === 'en' ? /, all with [^.]+\./ : /，全部来自[^。]+。/);
          // "All" is several products, a channel sum of one product each too.
          if (lang === 'en') expect(text, c.q).not.toMatch(/all with an? /);
          if (r === 0 && kinds > 1) expect(text, c.q).toContain(lang === 'en' ? 'all with zeros (' : '全部来自零（');
          if (r === 0) expect(text, c.q).not.toMatch(lang === 'en' ? /input cell/ : /输入单元/);
        } else {
          expect(text, c.q).toContain(lang === 'en' ? `${r} with ${r === 1 ? 'an input cell' : 'input cells'}` : `其中 ${r} 个来自输入单元`);
          expect(text, c.q).toMatch(lang === 'en' ? new RegExp(`\\b${z} with ${z === 1 ? 'an? ' : ''}`) : new RegExp(`，${z} 个来自`));
        }
        await page.close();
      }
    }, 120_000);
  }

  for (const tour of [6, 10]) {
    it(`on a phone a Chinese count keeps its number with 个 (tour step ${tour})`, async () => {
      const { page, errors } = await h.open(`?tour=${tour}&lang=zh`, phone);
      // Each "N 个" in the sentence lies on one line.
      const lines = await page.$eval('#step-text', (el) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let text = '';
        const nodes: [Text, number][] = [];
        for (let nd = walker.nextNode(); nd; nd = walker.nextNode()) { nodes.push([nd as Text, text.length]); text += (nd as Text).data; }
        const at = (i: number): [Text, number] => { const [nd, from] = nodes.filter(([, from]) => from <= i).at(-1)!; return [nd, i - from]; };
        return Array.from(text.matchAll(/\d+[ \u00a0]个/g), (m) => {
          const r = document.createRange();
          r.setStart(...at(m.index));
          r.setEnd(...at(m.index + m[0].length - 1));
          r.setEnd(r.endContainer, r.endOffset + 1);
          const tops = Array.from(r.getClientRects()).filter((q) => q.width > 0).map((q) => Math.round(q.top));
          return { count: m[0], tops: new Set(tops).size };
        });
      });
      expect(lines.length).toBeGreaterThan(2);
      for (const l of lines) expect(l.tops, l.count).toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});

describe('the Try-it label on a phone', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`is on a line of its own, above the invitation, as on a desktop (${lang})`, async () => {
      const { page, errors } = await h.open(`?tour=1&lang=${lang}`, phone);
      const [label, invite] = await page.$eval('#tour-try p strong', (strong) => {
        // The invitation: everything after the label and its line break (keep-together.ts may hold its end in a span).
        const p = strong.parentElement!;
        const r = document.createRange();
        r.setStartAfter(strong.nextSibling!);
        r.setEndAfter(p.lastChild!);
        const first = Array.from(r.getClientRects()).find((q) => q.width > 0)!;
        return [strong.getBoundingClientRect().bottom, first.top];
      });
      expect(invite).toBeGreaterThanOrEqual(label - 1);
      // The step's control and its live line stay on the first screen.
      const now = await page.$eval('#tour-now', (e) => e.getBoundingClientRect().bottom);
      expect(now).toBeLessThanOrEqual(phone.height);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
