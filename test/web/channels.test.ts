/**
 * Channels drawn truthfully and dilation drawn (issue 10, items 6 and 7), in Chromium. Expected
 * numbers come from the library (geometry, trace, reference engine), never from the page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { convGeometry } from '../../src/index.js';
import { buildNetwork } from '../../src/network/build.js';
import { receptiveField } from '../../src/network/receptive.js';
import type { ConvLayerDef } from '../../src/network/types.js';
import { settled, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 120_000);
afterAll(async () => { await h?.close(); });

async function open(query: string, viewport?: { width: number; height: number }): Promise<Page> {
  const { page } = await h.open(query, viewport);
  await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
  return page;
}

describe('channels', () => {
  it('3 input channels draw 3 planes and 3 kernel slices, and the channel shares add up to the output value', async () => {
    // f=7 and no autoplay: the link points at one step.
    const page = await open('?i=5&k=3&s=1&p=1&ci=3&co=2&oc=1&n=1&f=7&lang=en');
    expect(await page.$$eval('[data-channel-plane]', (fs) => fs.map((f) => f.getAttribute('data-channel-plane')))).toEqual(['0', '1', '2']);
    expect(await page.$$eval('[data-kernel-slice]', (s) => s.map((x) => x.getAttribute('data-kernel-slice')))).toEqual(['1,0', '1,1', '1,2']);
    const parts = await page.$$eval('[data-part]', (ps) => ps.map((p) => Number(p.getAttribute('data-part'))));
    const sum = await page.$eval('#channel-planes [data-channel-sum]', (e) => ({ total: Number((e as HTMLElement).dataset.total), output: Number((e as HTMLElement).dataset.output), text: e.textContent }));
    expect(parts).toHaveLength(3);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(sum.output, 4);
    expect(sum.total).toBeCloseTo(sum.output, 4);
    expect(sum.text).toMatch(/sum over 3 channels/);
    await page.close();
  });

  it('the step sentence sums over every input channel, naming each, and ends with the layer\'s output value', async () => {
    const page = await open('?i=5&k=3&s=1&p=1&ci=3&co=2&oc=1&n=1&f=7&lang=en');
    const text = (await page.textContent('#step-text')) ?? '';
    const output = await page.$eval('#channel-planes [data-channel-sum]', (e) => Number((e as HTMLElement).dataset.output));
    expect(text).toMatch(/^Output \(1,2\) of output channel 1 = sum over its 3 input channels, 9 products each \(27 in all\)/);
    for (const c of [0, 1, 2]) expect(text).toContain(`[channel ${c}]`);
    // The products shown per channel: 12 shared between 3 channels, 4 each, then "…".
    expect(text.match(/\d·-?\d/g)).toHaveLength(12);
    expect(text).toMatch(new RegExp(`= ${String(output).replace('.', '\\.')}\\.$`));
    const zh = await open('?i=5&k=3&s=1&p=1&ci=3&co=2&oc=1&n=1&f=7&lang=zh');
    expect(await zh.textContent('#step-text')).toMatch(/^输出通道 1 在 \(1,2\) 处的值 = 3 个输入通道各 9 个乘积之和（共 27 个）.*\[通道 2\]/);
    // One input channel: the sentence of one channel, unchanged.
    const one = await open('?i=5&k=3&s=1&p=1&n=1&f=7&lang=en');
    expect(await one.textContent('#step-text')).toMatch(/^Output \(1,2\) = sum of 9 products/);
    await Promise.all([page.close(), zh.close(), one.close()]);
  });

  it('on the stage: every input channel, its slice, the shares and their sum; the grids link to it', async () => {
    // The grids draw one channel of three and say so, next to the figure, with the way to see all.
    const page = await open('?i=5&k=3&s=1&p=1&ci=3&co=2&oc=1&n=1&f=7&lang=en', { width: 1440, height: 900 });
    expect(await page.isVisible('#channels-note')).toBe(true);
    expect(await page.textContent('#channels-note-text')).toBe('This figure draws input channel 0 of 3.');
    await page.click('#channels-show');
    expect(await page.getAttribute('[data-stage]', 'data-stage')).toBe('channels');
    expect(new URL(page.url()).searchParams.get('fig')).toBe('channels');
    expect(await page.isVisible('#channels-note')).toBe(false);
    const stage = '#figure-box ';
    expect(await page.$$eval(`${stage}[data-channel-plane]`, (fs) => fs.map((f) => f.getAttribute('data-channel-plane')))).toEqual(['0', '1', '2']);
    expect(await page.$$eval(`${stage}[data-kernel-slice]`, (s) => s.map((x) => x.getAttribute('data-kernel-slice')))).toEqual(['1,0', '1,1', '1,2']);
    const parts = await page.$$eval(`${stage}[data-part]`, (ps) => ps.map((p) => Number(p.getAttribute('data-part'))));
    const sum = await page.$eval(`${stage}[data-channel-sum]`, (e) => ({ output: Number((e as HTMLElement).dataset.output), text: e.textContent ?? '' }));
    expect(parts).toHaveLength(3);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(sum.output, 4);
    expect(sum.text).toContain(`= ${sum.output}, the output at (1,2)`);
    // The same picture is not repeated below the stage (the views below it are redrawn a frame after the figure).
    await settled(page);
    expect(await page.$eval('#channel-planes', (e) => (e as HTMLElement).hidden)).toBe(true);
    // It follows the animation: the next step's window and shares.
    await page.click('#btn-forward');
    expect(await page.$eval(`${stage}[data-channel-sum]`, (e) => e.textContent ?? '')).toContain('the output at (1,3)');
    // The whole figure is in the stage's box, cells sized to it (larger than the 22 px below the stage).
    const box = await page.$eval('#figure-box', (e) => { const r = e.getBoundingClientRect(); return { bottom: r.bottom, right: r.right }; });
    const planes = await page.$$eval(`${stage}[data-channel-plane] > svg:first-of-type`, (els) => els.map((e) => { const r = e.getBoundingClientRect(); return { w: r.width, bottom: r.bottom, right: r.right }; }));
    for (const p of planes) {
      expect(p.bottom).toBeLessThanOrEqual(box.bottom);
      expect(p.right).toBeLessThanOrEqual(box.right);
      expect(p.w).toBeGreaterThan(7 * 22 + 2);
    }
    // One input channel: the figure cannot show more than the grids, which are shown instead.
    const one = await open('?i=5&k=3&fig=channels&lang=en');
    expect(await one.getAttribute('[data-stage]', 'data-stage')).toBe('grids');
    expect(await one.isVisible('#channels-note')).toBe(false);
    await Promise.all([page.close(), one.close()]);
  });

  it('on a phone (tour step 4) the planes and slices keep their numbers, and each share under them is their products\' sum', async () => {
    for (const lang of ['en', 'zh']) {
      const page = await open(`?tour=4&lang=${lang}`, { width: 390, height: 844 });
      const m = await page.evaluate(() => {
        const stage = document.querySelector('#figure-box')!;
        // Each printed number by its cell (row, column), from where it is drawn; its size on screen.
        const numbers = (svg: Element) => Array.from(svg.querySelectorAll('text')).map((t) => ({
          v: Number(t.textContent),
          x: Number(t.getAttribute('x')),
          y: Number(t.getAttribute('y')),
          px: parseFloat(getComputedStyle(t).fontSize),
          w: t.getBoundingClientRect().width,
        }));
        return {
          planes: Array.from(stage.querySelectorAll('[data-channel-plane] > svg:first-of-type')).map((s) => ({ cols: 7, width: Number(s.getAttribute('width')), n: numbers(s) })),
          slices: Array.from(stage.querySelectorAll('[data-kernel-slice]')).map((s) => ({ cols: 3, width: Number(s.getAttribute('width')), n: numbers(s) })),
          parts: Array.from(stage.querySelectorAll('[data-part]')).map((p) => Number(p.getAttribute('data-part'))),
          tryBottom: document.querySelector('#try-control')!.getBoundingClientRect().bottom,
        };
      });
      // A 5×5 input's 25 numbers per plane (its 7×7 grid holds the padding) and a 3×3 slice's 9, at 11 px or more, each inside its cell.
      expect(m.planes.map((p) => p.n.length), lang).toEqual([25, 25, 25]);
      expect(m.slices.map((p) => p.n.length), lang).toEqual([9, 9, 9]);
      const grid = (p: { cols: number; width: number; n: { v: number; x: number; y: number; px: number; w: number }[] }) => {
        const cell = (p.width - 2) / p.cols;
        const at = new Map<string, number>();
        for (const t of p.n) {
          expect(t.px, lang).toBeGreaterThanOrEqual(11);
          expect(t.w, lang).toBeLessThan(cell);
          at.set(`${Math.floor((t.y - 1) / cell)},${Math.floor((t.x - 1) / cell)}`, t.v);
        }
        return (r: number, c: number) => at.get(`${r},${c}`) ?? 0;
      };
      // Step 1: the window on the grid's top-left 3×3 (padding reads 0); the share is Σ plane × slice.
      m.planes.forEach((p, ch) => {
        const [x, w] = [grid(p), grid(m.slices[ch])];
        let share = 0;
        for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) share += x(r, c) * w(r, c);
        expect(share, `${lang} channel ${ch}`).toBe(m.parts[ch]);
      });
      // The step's control is still on the first screen.
      expect(m.tryBottom, lang).toBeLessThanOrEqual(844);
      await page.close();
    }
  });

  it('groups: an output channel draws only the input channels of its group', async () => {
    const page = await open('?i=4&k=3&s=1&p=1&ci=4&co=2&g=2&oc=1&lang=zh');
    expect(await page.$$eval('[data-channel-plane]', (fs) => fs.map((f) => f.getAttribute('data-channel-plane')))).toEqual(['2', '3']);
    expect(await page.textContent('#channel-planes')).toMatch(/输入通道 2/);
    await page.close();
  });

  it('one input channel: no planes view', async () => {
    const page = await open('?i=5&k=3&lang=en');
    expect(await page.$eval('#channel-planes', (e) => (e as HTMLElement).hidden)).toBe(true);
    await page.close();
  });
});

describe('dilation', () => {
  it('d = 1 and d = 2 side by side: taps, holes and the footprint the library gives', async () => {
    const page = await open('?i=7&k=3&s=1&p=0&d=2&lang=en');
    expect(await page.$eval('#dilation-view', (e) => (e as HTMLDetailsElement).open)).toBe(true);
    const panels = await page.$$eval('[data-dilation-rate]', (fs) => fs.map((f) => ({
      d: f.getAttribute('data-dilation-rate'),
      foot: f.getAttribute('data-footprint'),
      taps: f.querySelector('[data-taps]')?.getAttribute('data-taps'),
      holes: f.querySelector('[data-holes]')?.getAttribute('data-holes') ?? '0',
    })));
    const ke = (d: number) => convGeometry({ inputShape: [1, 1, 7, 7], weightShape: [1, 1, 3, 3] }, { dilation: d }).axes[0].effectiveKernel;
    expect(panels).toEqual([
      { d: '1', foot: `${ke(1)}x${ke(1)}`, taps: '9', holes: '0' },
      { d: '2', foot: `${ke(2)}x${ke(2)}`, taps: '9', holes: String(ke(2) * ke(2) - 9) },
    ]);
    // The key's swatches are painted as the figure's marks are (a glyph in the text colour matched none).
    const paint = (sel: string) => page.$$eval(sel, (ms) => ms.map((m) => ({
      mark: m.getAttribute('data-mark'), fill: m.getAttribute('fill'), stroke: m.getAttribute('stroke'), dashed: m.hasAttribute('stroke-dasharray'),
    })));
    const inFigure = await paint('[data-dilation-rate="2"] [data-mark]');
    const inKey = await paint('.dilation-key [data-mark]');
    expect(inKey.map((m) => m.mark)).toEqual(['tap', 'hole', 'footprint']);
    expect(inKey).toEqual(inKey.map((k) => inFigure.find((f) => f.mark === k.mark)));
    expect(await page.textContent('.dilation-key')).toBe('kernel taphole (skipped)footprint / receptive field');
    await page.close();
  });

  it('draws the layer as it is: transposed, or dilated on one axis only, without a refusal of its own', async () => {
    const rates = (page: Page) => page.$$eval('[data-dilation-rate]', (fs) => fs.map((f) => f.getAttribute('data-dilation-rate')));
    // A valid transposed layer (4 → 11) was redrawn as a direct conv and refused.
    const t = await open('?i=4&k=3&s=2&p=0&d=2&t=1&lang=en');
    expect(await rates(t)).toEqual(['1', '2']);
    expect(await t.$$('#dilation-view .field-error')).toHaveLength(0);
    await t.close();
    // d = (2, 1): both rates were set to 2, and W refused.
    const u = await open('?i=9x5&k=4x5&s=1&p=0&d=2x1&lang=en');
    expect(await rates(u)).toEqual(['1', '2x1']);
    expect(await u.textContent('#dilation-view')).toContain('dilation rate d = (2, 1)');
    expect(await u.textContent('#dilation-view')).toContain('holes between taps: (1, 0)');
    await u.close();
    // An undilated layer too small for rate 2: the layer alone, and why its twin is not drawn.
    const small = await open('?i=3&k=3&s=1&p=0&lang=en');
    await small.click('#dilation-title');
    await small.waitForSelector('[data-dilation-rate="1"]');
    expect(await rates(small)).toEqual(['1']);
    expect(await small.textContent('#dilation-view')).toMatch(/At d = 2 this layer is not valid, so only its own rate is drawn/);
    await small.close();
  });

  it('closed for an undilated layer until the reader opens it; in Chinese', async () => {
    const page = await open('?i=7&k=3&s=1&p=0&lang=zh');
    expect(await page.$eval('#dilation-view', (e) => (e as HTMLDetailsElement).open)).toBe(false);
    await page.click('#dilation-title');
    await page.waitForSelector('[data-dilation-rate="2"]');
    expect(await page.textContent('#dilation-view')).toMatch(/膨胀率 d = 2/);
    expect(await page.textContent('#dilation-view')).toMatch(/感受野/);
    await page.close();
  });
});

describe('the tutorial views together', () => {
  it('no serious or critical axe violations with every view open, and no sideways scrolling on a phone', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const cases: [string, number][] = [['?i=5&k=3&s=2&p=1&d=2&ci=3&n=1&f=2&lang=en', 1440], ['?i=6&k=3&s=1&p=1&d=2&ci=3&co=2&n=1&t=1&f=3&theme=dark&lang=zh', 390]];
    for (const [q, width] of cases) {
      // axe is injected as a script, which the page's CSP forbids: only this context bypasses it.
      const context = await h.browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(h.url + q);
      await page.waitForSelector('body[data-ready="1"]');
      await page.click('#pair-open');
      await page.check('#pair-lsq');
      await page.waitForSelector('[data-pair-grid="inverse"]');
      // The views checked below (notation, channel planes, dilation) are drawn with the side panels, after data-ready.
      await settled(page);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, q).toBeLessThanOrEqual(client);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
        const r = await axe.run(['#pair-panel', '#notation-view', '#channel-planes', '#dilation-view'].map((s) => document.querySelector(s)).filter(Boolean), { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) }));
      });
      const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad, `${q}: ${JSON.stringify(bad)}`).toEqual([]);
      await context.close();
    }
  });
});

describe('stacked rates and gridding (tour step 12)', () => {
  /** The library's exact field of one output of three stacked k-tap layers (1-D). */
  function reach(rates: number[], k: number): { span: number; holes: number } {
    const layers: ConvLayerDef[] = rates.map((d, i) => ({
      kind: 'conv', name: `l${i}`, op: 'conv', inputs: [i === 0 ? 'x' : `l${i - 1}`], outChannels: 1, kernel: [k], stride: [1], dilation: [d],
      padding: { pairs: [[d, d]] }, groups: 1, bias: false,
    }));
    const ex = receptiveField(buildNetwork({ input: { name: 'x', shape: [1, 1, 64] }, layers })).axes[0].exact;
    return { span: ex.maxSize, holes: ex.maxHoles };
  }

  it('draws the stack d, d, d beside 1, 2, 5 with the cells one output reads; the holes follow the dilation control', async () => {
    const page = await open('?tour=12&lang=en', { width: 1440, height: 900 });
    expect(await page.getAttribute('[data-stage]', 'data-stage')).toBe('stack');
    const [a, b] = [reach([2, 2, 2], 3), reach([1, 2, 5], 3)];
    expect(await page.getAttribute('#stack-figure svg', 'data-spans')).toBe(`${a.span},${b.span}`);
    expect(await page.getAttribute('#stack-figure svg', 'data-holes')).toBe(`${a.holes},${b.holes}`);
    expect(a.holes).toBeGreaterThan(0);
    expect(b.holes).toBe(0);
    // The figure fills a good part of the stage, in view.
    const box = (await (await page.$('#stack-figure svg'))!.boundingBox())!;
    expect(box.width * box.height).toBeGreaterThan(0.15 * 1440 * 900);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    await page.fill('#try-control', '3');
    const c = reach([3, 3, 3], 3);
    await page.waitForFunction((s) => document.querySelector('#stack-figure svg')?.getAttribute('data-spans')?.startsWith(s), `${c.span},`);
    expect(await page.getAttribute('#stack-figure svg', 'data-holes')).toBe(`${c.holes},${b.holes}`);
    await page.close();
    // On a phone the panels' words are page text over the cells (drawn into the scaled figure they were 7 px).
    const phone = await open('?tour=12&lang=zh', { width: 390, height: 844 });
    const caps = await phone.$$eval('#stack-figure .stack-caption', (cs) => cs.map((c) => ({ text: c.textContent ?? '', px: parseFloat(getComputedStyle(c).fontSize), right: c.getBoundingClientRect().right })));
    expect(caps.map((c) => c.text)).toEqual([
      `膨胀率 2、2、2一个输出覆盖 ${a.span}×${a.span} 个输入单元其中 ${a.holes} 行、${a.holes} 列始终读不到`,
      `膨胀率 1、2、5一个输出覆盖 ${b.span}×${b.span} 个输入单元每个单元都读得到`,
    ]);
    // Within the figure's own edge (the box clips there; the last column's words ran 4 px past it).
    const edge = await phone.$eval('#stack-figure svg', (e) => e.getBoundingClientRect().right);
    for (const cap of caps) {
      expect(cap.px).toBeGreaterThanOrEqual(12);
      expect(cap.right).toBeLessThanOrEqual(edge + 0.5);
    }
    // Lines break between phrases, never inside one ("从未被读 / 取", "个输 / 入单元"), whatever
    // the rates make of the columns' widths; the same in English ("Rates 2, / 2, 2"). A count is one
    // phrase with what it counts ("13×13 个 / 输入单元" left 个 at a line's end).
    const split = (p: Page) => p.$$eval('#stack-figure .stack-caption .phrase', (ps) => ps.filter((e) => {
      const r = document.createRange();
      r.selectNodeContents(e);
      return new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top))).size > 1;
    }).map((e) => e.textContent));
    const phrases = await phone.$$eval('#stack-figure .stack-caption .phrase', (ps) => ps.map((e) => e.textContent));
    expect(phrases).toEqual(expect.arrayContaining(['始终读不到', '一个输出覆盖', `${a.span}×${a.span} 个输入单元`]));
    expect(await split(phone)).toEqual([]);
    await phone.fill('#try-control', '3');
    await phone.waitForFunction(() => document.querySelector('#stack-figure svg')?.getAttribute('data-spans')?.startsWith('19,'));
    expect(await split(phone)).toEqual([]);
    await phone.close();
    const en = await open('?tour=12&lang=en', { width: 390, height: 844 });
    expect(await split(en)).toEqual([]);
    expect(await en.$$eval('#stack-figure .stack-caption strong', (s) => s.map((e) => e.textContent))).toEqual(['Rates 2, 2, 2', 'Rates 1, 2, 5']);
    await en.close();
  });
});
