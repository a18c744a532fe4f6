/**
 * The playground in real headless Chromium: every control, the animation, the highlights, the URL,
 * languages, keyboard-only use, hostile links, accessibility (axe-core) and self-containment.
 * Expected values come from the library itself (geometry and tapSource), never from the page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ConvError, convGeometry, convTransposeGeometry, tapSource } from '../../src/index.js';
import { renderSvg } from '../../src/render/index.js';
import type { ConvGeometry } from '../../src/index.js';
import { settled, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const open = (query = '', viewport?: { width: number; height: number }) => h.open(query, viewport);

const attr = (page: Page, sel: string, name: string) => page.$eval(sel, (el, n) => el.getAttribute(n) ?? '', name);

interface Layer {
  input: [number, number];
  kernel: [number, number];
  stride?: [number, number];
  dilation?: [number, number];
  padding?: [[number, number], [number, number]] | 'same' | 'valid';
  transposed?: boolean;
  outputPadding?: [number, number];
  inChannels?: number;
  outChannels?: number;
  groups?: number;
}

/** The library's geometry for a layer, built with PyTorch's shapes (what the page must show). */
function geometryOf(l: Layer): ConvGeometry {
  const ci = l.inChannels ?? 1;
  const co = l.outChannels ?? 1;
  const g = l.groups ?? 1;
  if (l.transposed) {
    return convTransposeGeometry(
      { inputShape: [1, ci, ...l.input], weightShape: [ci, co / g, ...l.kernel] },
      { stride: l.stride, dilation: l.dilation, padding: l.padding as [[number, number], [number, number]], outputPadding: l.outputPadding, groups: g },
      2,
    );
  }
  return convGeometry({ inputShape: [1, ci, ...l.input], weightShape: [co, ci / g, ...l.kernel] }, { stride: l.stride, dilation: l.dilation, padding: l.padding, groups: g }, 2);
}

/** Input cells read by output (oh, ow), from the library's tapSource (sorted "h,w" strings). */
function readsOf(g: ConvGeometry, oh: number, ow: number): string[] {
  const [H, W] = g.axes;
  const out = new Set<string>();
  for (let kh = 0; kh < H.kernel; kh++) {
    for (let kw = 0; kw < W.kernel; kw++) {
      const ih = tapSource(H, oh, kh);
      const iw = tapSource(W, ow, kw);
      if (ih >= 0 && iw >= 0) out.add(`${ih},${iw}`);
    }
  }
  return sortCoords([...out]);
}

function sortCoords(list: string[]): string[] {
  return list.sort((a, b) => {
    const [a0, a1] = a.split(',').map(Number);
    const [b0, b1] = b.split(',').map(Number);
    return a0 - b0 || a1 - b1;
  });
}

const cells = (s: string) => (s === '' ? [] : s.split(';'));

describe('playground page', () => {
  it('loads the default layer with the library’s output size, no errors and no other host', async () => {
    const { page, errors, dialogs } = await open();
    const g = geometryOf({ input: [5, 5], kernel: [3, 3], stride: [2, 2], padding: [[1, 1], [1, 1]] });
    expect(await attr(page, '#svg-output', 'data-size')).toBe(`${g.axes[0].output}x${g.axes[1].output}`);
    expect(await attr(page, '#svg-output', 'data-rows')).toBe(String(g.axes[0].output));
    expect(await attr(page, '#svg-grid', 'data-rows')).toBe(String(g.axes[0].equivalent.gridSize));
    await settled(page);
    expect(await page.textContent('#shape-text')).toContain(`[${g.outputShape.join(', ')}]`);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    const foreign = h.requests.filter((u) => !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('serves the page with a Content-Security-Policy that forbids other hosts', async () => {
    const r = await fetch(h.url);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const html = await r.text();
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
    expect((await fetch(new URL('../../etc/passwd', h.url))).status).toBe(404);
    // The browser enforces it: a request to another host is refused by the policy itself.
    const { page } = await open('?lang=en');
    const violation = await page.evaluate(() => new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.violatedDirective} ${e.blockedURI}`), { once: true });
      fetch('http://203.0.113.7/x').catch(() => undefined);
      setTimeout(() => resolve('none'), 3000);
    }));
    expect(violation).toMatch(/^connect-src http:\/\/203\.0\.113\.7/);
    await page.close();
  });

  it('steps the animation and highlights exactly the input cells the library reads', async () => {
    const { page } = await open('?i=5x6&k=3x2&s=2x1&p=1&d=1x2&lang=en');
    const g = geometryOf({ input: [5, 6], kernel: [3, 2], stride: [2, 1], dilation: [1, 2], padding: [[1, 1], [1, 1]] });
    const [H, W] = g.axes;
    expect(await attr(page, '#svg-output', 'data-size')).toBe(`${H.output}x${W.output}`);
    const total = H.output * W.output;
    expect(await attr(page, '#scrub', 'max')).toBe(String(total - 1));
    for (let f = 0; f < Math.min(total, 7); f++) {
      const oh = Math.floor(f / W.output);
      const ow = f % W.output;
      expect(await attr(page, '#svg-output', 'data-step')).toBe(`${oh},${ow}`);
      expect(cells(await attr(page, '#svg-grid', 'data-step'))).toEqual(readsOf(g, oh, ow));
      await page.click('#btn-forward');
    }
    await page.click('#btn-back');
    expect(await attr(page, '#svg-output', 'data-step')).toBe(`${Math.floor(6 / W.output)},${6 % W.output}`);
    await page.click('#btn-last');
    expect(await attr(page, '#svg-output', 'data-step')).toBe(`${H.output - 1},${W.output - 1}`);
    await page.click('#btn-first');
    expect(await attr(page, '#svg-output', 'data-step')).toBe('0,0');
    // Scrub slider.
    await page.$eval('#scrub', (el: HTMLInputElement, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, '4');
    expect(await attr(page, '#svg-output', 'data-step')).toBe(`${Math.floor(4 / W.output)},${4 % W.output}`);
    // The matrix marks the row of the output being computed.
    await settled(page);
    expect(await attr(page, '#svg-matrix', 'data-mark-side')).toBe('row');
    expect(await attr(page, '#svg-matrix', 'data-mark-index')).toBe('4');
    expect(await attr(page, '#svg-matrix', 'data-rows')).toBe(String(total));
    expect(await attr(page, '#svg-matrix', 'data-cols')).toBe(String(5 * 6));
    // Play advances on its own; pause stops.
    await page.click('#btn-play');
    await page.waitForFunction(() => document.querySelector('#svg-output')!.getAttribute('data-step') !== `${Math.floor(4 / 6)},${4 % 6}`);
    await page.click('#btn-play');
    expect(await attr(page, '#btn-play', 'aria-pressed')).toBe('false');
    // The live region reads the step.
    expect(await page.textContent('#step-text')).toMatch(/Output \(\d+,\d+\) = sum of 6 products/);
    await page.close();
  });

  it('changes every control and always shows the library’s output size', async () => {
    const { page, errors } = await open('?lang=en');
    const layer: Layer & { padding: [[number, number], [number, number]] } = { input: [5, 5], kernel: [3, 3], stride: [2, 2], dilation: [1, 1], padding: [[1, 1], [1, 1]] };
    const check = async () => {
      const g = geometryOf(layer);
      expect(await attr(page, '#svg-output', 'data-size')).toBe(`${g.axes[0].output}x${g.axes[1].output}`);
      expect(await page.isHidden('#error-banner')).toBe(true);
    };
    const steps: [string, string, () => void][] = [
      ['#input-h', '9', () => { layer.input[0] = 9; }],
      ['#input-w', '12', () => { layer.input[1] = 12; }],
      ['#kernel-h', '2', () => { layer.kernel[0] = 2; }],
      ['#kernel-w', '4', () => { layer.kernel[1] = 4; }],
      ['#stride-h', '3', () => { layer.stride![0] = 3; }],
      ['#stride-w', '1', () => { layer.stride![1] = 1; }],
      ['#dilation-h', '2', () => { layer.dilation![0] = 2; }],
      ['#dilation-w', '3', () => { layer.dilation![1] = 3; }],
      ['#pad-hb', '2', () => { layer.padding = [[2, 2], [2, 2]]; }],
    ];
    for (const [sel, v, apply] of steps) {
      await page.fill(sel, v);
      apply();
      await check();
    }
    await page.selectOption('#pad-mode', 'axis');
    await page.fill('#pad-wb', '0');
    layer.padding = [[2, 2], [0, 0]];
    await check();
    await page.selectOption('#pad-mode', 'asym');
    await page.fill('#pad-ha', '0');
    await page.fill('#pad-wa', '3');
    layer.padding = [[2, 0], [0, 3]];
    await check();
    await settled(page);
    expect(await page.textContent('#code-torch')).toContain('nn.ZeroPad2d((0, 3, 2, 0))');
    await page.selectOption('#pad-mode', 'valid');
    let g: ConvGeometry = convGeometry({ inputShape: [1, 1, 9, 12], weightShape: [1, 1, 2, 4] }, { stride: [3, 1], dilation: [2, 3], padding: 'valid' }, 2);
    expect(await attr(page, '#svg-output', 'data-size')).toBe(`${g.axes[0].output}x${g.axes[1].output}`);
    // 'same' with a stride is refused by the library, next to the padding control.
    await page.selectOption('#pad-mode', 'same');
    expect(await page.isVisible('#error-banner')).toBe(true);
    // The page's own words (issue 10: errors name the page's controls, built from the error's code and values).
    expect(await page.textContent('.field-error[data-for~="pad-mode"]')).toContain("This page follows PyTorch, whose padding 'same' needs stride 1; the H stride here is 3.");
    await page.fill('#stride-h', '1');
    g = convGeometry({ inputShape: [1, 1, 9, 12], weightShape: [1, 1, 2, 4] }, { stride: [1, 1], dilation: [2, 3], padding: 'same' }, 2);
    expect(await attr(page, '#svg-output', 'data-size')).toBe(`${g.axes[0].output}x${g.axes[1].output}`);
    expect(await page.isHidden('#error-banner')).toBe(true);
    // Channels and groups, and the stacked-channel view's wiring.
    await page.selectOption('#pad-mode', 'number');
    await page.fill('#in-ch', '4');
    await page.fill('#out-ch', '6');
    await page.fill('#groups', '2');
    expect(await page.isHidden('#error-banner')).toBe(true);
    await settled(page);
    const feeds = [[0, 1], [0, 1], [0, 1], [2, 3], [2, 3], [2, 3]].map((ins, o) => `output channel ${o} reads input channels ${ins.join(', ')}`).join('; ');
    expect(await attr(page, '#svg-channels', 'aria-label')).toBe(feeds);
    await page.fill('#groups', '4');
    expect(await page.isVisible('#error-banner')).toBe(true);
    expect(await page.textContent('.field-error[data-for~="groups"]')).toBe('Groups (4) must divide the output channels (6). Set Groups to a divisor of both 4 and 6, such as 2, or Out channels to a multiple of 4, such as 8.');
    await page.fill('#groups', '1');
    // Transposed with output padding, then with a target size.
    await page.fill('#in-ch', '1');
    await page.fill('#out-ch', '1');
    await page.fill('#input-h', '4');
    await page.fill('#input-w', '4');
    await page.fill('#kernel-h', '3');
    await page.fill('#kernel-w', '3');
    await page.fill('#stride-h', '2');
    await page.fill('#stride-w', '2');
    await page.fill('#dilation-h', '1');
    await page.fill('#dilation-w', '1');
    await page.fill('#pad-hb', '1');
    await page.check('#transposed');
    await page.fill('#op-h', '1');
    g = geometryOf({ input: [4, 4], kernel: [3, 3], stride: [2, 2], padding: [[1, 1], [1, 1]], transposed: true, outputPadding: [1, 0] });
    expect(await attr(page, '#svg-output', 'data-size')).toBe(`${g.axes[0].output}x${g.axes[1].output}`);
    expect(await attr(page, '#svg-grid', 'data-rows')).toBe(String(g.axes[0].equivalent.gridSize));
    await page.selectOption('#op-mode', 'target');
    await page.fill('#target-w', '8');
    expect(await attr(page, '#svg-output', 'data-size')).toBe(`${g.axes[0].output}x8`);
    await page.fill('#target-w', '11');
    expect(await page.textContent('.field-error[data-for~="target-w"]')).toMatch(/^Target output W = 11 cannot be produced; with these settings it can be \d+ to \d+\.$/);
    await page.fill('#target-w', '7');
    // Numbers, theme, palette.
    await page.check('#numbers');
    expect(await page.$$eval('#svg-output text', (t) => t.length)).toBeGreaterThan(0);
    await page.selectOption('#theme', 'dark');
    expect(await attr(page, 'body', 'data-theme')).toBe('dark');
    await page.check('#colorblind');
    expect(await page.isHidden('#error-banner')).toBe(true);
    // A value outside the control's range is explained, not silently used.
    await page.fill('#input-h', '40');
    expect(await page.textContent('.field-error[data-for~="input-h"]')).toContain('1 to 32');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('numbers: each step multiplies the displayed input values it reads and sums to the displayed output', async () => {
    const { page } = await open('?i=5x5&k=3&s=2&p=1&n=1&lang=en');
    const g = geometryOf({ input: [5, 5], kernel: [3, 3], stride: [2, 2], padding: [[1, 1], [1, 1]] });
    const [H, W] = g.axes;
    const grid = W.equivalent.gridSize;
    const shown = async (svg: string) => new Map(await page.$$eval(`${svg} text`, (ts) => ts.map((t) => [Number((t as SVGElement).dataset.cell), Number(t.textContent)] as [number, number])));
    const inputs = await shown('#svg-grid');
    const outputs = await shown('#svg-output');
    const kernel = [...(await shown('#svg-kernel')).values()];
    expect(outputs.size).toBe(H.output * W.output);
    for (let f = 0; f < H.output * W.output; f++) {
      const text = (await page.textContent('#step-text')) ?? '';
      const m = /Values: (.*) = (-?[\d.]+)\.$/.exec(text);
      expect(m, text).not.toBeNull();
      const terms = m![1].split(' + ').map((x) => x.split('·').map(Number));
      const value = Number(m![2]);
      const reads = readsOf(g, Math.floor(f / W.output), f % W.output);
      const expectedInputs = reads.map((c) => { const [ih, iw] = c.split(',').map(Number); return inputs.get((ih + H.equivalent.padBefore) * grid + iw + W.equivalent.padBefore); });
      expect(terms.map((t) => t[0]).sort()).toEqual(expectedInputs.sort());
      for (const t of terms) expect(kernel).toContain(t[1]);
      expect(terms.reduce((a, t) => a + t[0] * t[1], 0)).toBe(value);
      expect(outputs.get(f)).toBe(value);
      await page.click('#btn-forward');
    }
    await page.close();
  });

  it('channels: picking the output channel moves the matrix row to its block', async () => {
    const { page } = await open('?i=4x5&k=3&s=1&p=1&ci=2&co=4&g=2&lang=en');
    const g = geometryOf({ input: [4, 5], kernel: [3, 3], stride: [1, 1], padding: [[1, 1], [1, 1]], inChannels: 2, outChannels: 4, groups: 2 });
    const outCells = g.axes[0].output * g.axes[1].output;
    await settled(page);
    expect(await attr(page, '#svg-matrix', 'data-rows')).toBe(String(4 * outCells));
    expect(await attr(page, '#svg-matrix', 'data-cols')).toBe(String(2 * 4 * 5));
    await page.selectOption('#channel-out', '3');
    await page.click('#btn-forward');
    await settled(page);
    expect(await attr(page, '#svg-matrix', 'data-mark-index')).toBe(String(3 * outCells + 1));
    expect(new URL(page.url()).searchParams.get('oc')).toBe('3');
    await page.close();
  });

  it('classic-figure presets load the figure’s layer', async () => {
    const { page } = await open('?lang=en');
    await page.selectOption('#preset', 'padding_strides_odd_transposed');
    // i=6, k=3, s=2, p=1 transposed with a=1: the input is that conv's output (3).
    const g = geometryOf({ input: [3, 3], kernel: [3, 3], stride: [2, 2], padding: [[1, 1], [1, 1]], transposed: true, outputPadding: [1, 1] });
    expect(g.axes[0].output).toBe(6);
    expect(await attr(page, '#svg-output', 'data-size')).toBe('6x6');
    expect(await page.isChecked('#transposed')).toBe(true);
    expect(await page.inputValue('#op-h')).toBe('1');
    await page.selectOption('#preset', 'dilation');
    expect(await attr(page, '#svg-output', 'data-size')).toBe('3x3');
    expect(await page.inputValue('#dilation-w')).toBe('2');
    await page.close();
  });

  it('shows the library’s ConvError next to the control that caused it, and keeps the last picture dimmed', async () => {
    const { page } = await open('?i=3x3&k=3&s=1&p=0&lang=en');
    await page.fill('#kernel-w', '5');
    let expected = '';
    try {
      convGeometry({ inputShape: [1, 1, 3, 3], weightShape: [1, 1, 3, 5] }, { padding: 0 }, 2);
    } catch (e) {
      expected = (e as ConvError).message;
    }
    expect(expected).toMatch(/axis W/);
    // Shown once, next to the control, in the page's words (the library's code and numbers, the
    // page's control names); the banner only says the picture is the last valid one.
    expect(await page.textContent('.field-error[data-for~="kernel-w"]')).toBe('W: the kernel covers 5 cells but the padded input has only 3 (3 + 0 + 0). Set Padding to at least 1 per side, or use a kernel of at most 3.');
    expect(await attr(page, '#kernel-w', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#error-banner')).not.toContain('kernel covers');
    expect(await page.textContent('#error-banner')).toBe('This combination is not valid — the figure shows the last valid one.');
    // Everything drawn from the last valid layer is dimmed, its sentences and its notation included.
    for (const id of ['#views', '#step-text', '#hover-text', '#notation-cols', '#formula']) expect(await attr(page, id, 'class'), id).toContain('stale');
    // The linked pair works from the settings and says their refusal in the page's words too.
    await page.click('#pair-open');
    expect(await page.textContent('#pair-body .field-error')).toBe('W: the kernel covers 5 cells but the padded input has only 3 (3 + 0 + 0). Set Padding to at least 1 per side, or use a kernel of at most 3.');
    expect(await attr(page, '#svg-output', 'data-size')).toBe('1x1');
    await page.fill('#kernel-w', '3');
    expect(await page.isHidden('#error-banner')).toBe(true);
    for (const id of ['#views', '#step-text', '#notation-cols']) expect(await attr(page, id, 'class'), id).not.toContain('stale');
    // A transposed output padding the library refuses.
    await page.check('#transposed');
    await page.fill('#op-h', '2');
    expect(await page.textContent('.field-error[data-for~="op-h"]')).toMatch(/output padding 2 must be smaller than the larger of the stride \(1\) and the dilation rate \(1\); set Output padding to 0\./);
    // A link whose layer is impossible still shows a (dimmed) picture and the reason.
    const second = await open('?i=2x2&k=5&p=0&lang=en');
    expect(await second.page.isVisible('#error-banner')).toBe(true);
    // No valid layer came before it: the banner says the picture is the default layer's, not "the last valid one".
    expect(await second.page.textContent('#error-banner')).toBe('This combination is not valid — the figure shows the default layer instead.');
    expect(Number(await attr(second.page, '#svg-grid', 'data-rows'))).toBeGreaterThan(0);
    await second.page.close();
    await page.close();
  });

  it('hover and focus: output → its inputs, input → its outputs, weight → its pairs', async () => {
    const { page } = await open('?i=5x5&k=3&s=2&p=1&lang=en');
    const g = geometryOf({ input: [5, 5], kernel: [3, 3], stride: [2, 2], padding: [[1, 1], [1, 1]] });
    const [H, W] = g.axes;
    // Keyboard focus on the output grid, then arrows.
    await page.focus('#svg-output');
    expect(cells(await attr(page, '#svg-grid', 'data-hover'))).toEqual(readsOf(g, 0, 0));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(cells(await attr(page, '#svg-grid', 'data-hover'))).toEqual(readsOf(g, 1, 1));
    expect(await attr(page, '#svg-output', 'data-step')).toBe('1,1');
    expect(await page.textContent('#hover-text')).toContain('Output (1,1) reads');
    // An input cell: grid cell (2,2) is input (1,1) with padding 1.
    await page.focus('#svg-grid');
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
    const feeds: string[] = [];
    for (let oh = 0; oh < H.output; oh++) for (let ow = 0; ow < W.output; ow++) if (readsOf(g, oh, ow).includes('1,1')) feeds.push(`${oh},${ow}`);
    expect(cells(await attr(page, '#svg-output', 'data-hover'))).toEqual(feeds);
    // A padding cell reads as zero.
    await page.keyboard.press('Home');
    expect(await page.textContent('#hover-text')).toContain('zero');
    // A weight: tap (0,0) multiplies input (o·s − p + 0) for every output whose tap lands inside.
    await page.focus('#svg-kernel');
    const pairs: string[] = [];
    const ins: string[] = [];
    for (let oh = 0; oh < H.output; oh++) {
      for (let ow = 0; ow < W.output; ow++) {
        const ih = tapSource(H, oh, 0);
        const iw = tapSource(W, ow, 0);
        if (ih >= 0 && iw >= 0) { pairs.push(`${oh},${ow}`); ins.push(`${ih},${iw}`); }
      }
    }
    expect(cells(await attr(page, '#svg-output', 'data-hover'))).toEqual(pairs);
    expect(cells(await attr(page, '#svg-grid', 'data-hover'))).toEqual(sortCoords(ins));
    expect(await page.textContent('#hover-text')).toContain(`multiplies ${pairs.length} (input, output) pairs`);
    // Pointer hover on an output cell.
    await page.keyboard.press('Tab');
    const box = (await page.$('#svg-output'))!;
    const bb = (await box.boundingBox())!;
    const cell = bb.width / W.output;
    await page.mouse.move(bb.x + cell * 2.5, bb.y + cell * 0.5);
    expect(cells(await attr(page, '#svg-grid', 'data-hover'))).toEqual(readsOf(g, 0, 2));
    await page.close();
  });

  it('counts read as English: 1 output cell, 1 (input, output) pair; dilation reads as a rate, d = 2', async () => {
    const { page } = await open('?i=4&k=2&s=2&p=0&lang=en');
    await page.focus('#svg-grid');
    expect(await page.textContent('#hover-text')).toBe('Input (0,0) feeds 1 output cell.');
    await page.focus('#svg-kernel');
    await page.keyboard.press('End');
    expect(await page.textContent('#hover-text')).toMatch(/^Weight w\(0,1\) multiplies 4 \(input, output\) pairs\.$/);
    await page.close();
    const d = await open('?i=7&k=3&s=1&p=0&d=2&lang=en');
    expect(await d.page.textContent('#cap-kernel')).toMatch(/3×3 \(d = 2\)$/);
    await d.page.close();
    const zh = await open('?i=9x7&k=3&s=1&p=0&d=2x1&lang=zh');
    expect(await zh.page.textContent('#cap-kernel')).toMatch(/3×3（d = \(2, 1\)）$/);
    await zh.page.close();
  });

  it('a first click or tap on a grid shows the cell pressed, not the cell the grid had before', async () => {
    const g = geometryOf({ input: [5, 5], kernel: [3, 3], stride: [2, 2], padding: [[1, 1], [1, 1]] });
    for (const viewport of [undefined, { width: 390, height: 844 }]) {
      const { page } = await open('?i=5x5&k=3&s=2&p=1&lang=en', viewport);
      const out = (await page.$('#svg-output'))!;
      await out.scrollIntoViewIfNeeded();
      const bb = (await out.boundingBox())!;
      const cell = bb.width / g.axes[1].output;
      // The bottom-right output cell (2,2); before, the press's focus reported cell (0,0).
      const [x, y] = [bb.x + cell * 2.5, bb.y + cell * 2.5];
      await page.mouse.click(x, y);
      expect(cells(await attr(page, '#svg-grid', 'data-hover'))).toEqual(readsOf(g, 2, 2));
      expect(await page.textContent('#hover-text')).toContain('Output (2,2) reads');
      await page.close();
    }
  });

  it('transposed convolution: zero-inserted direct view and scatter view with the library’s overlap counts', async () => {
    const { page } = await open('?i=3x3&k=3&s=2&p=0&t=1&m=c&lang=en');
    const g = geometryOf({ input: [3, 3], kernel: [3, 3], stride: [2, 2], padding: [[0, 0], [0, 0]], transposed: true, outputPadding: [0, 0] });
    const [H, W] = g.axes;
    expect(await attr(page, '#svg-output', 'data-size')).toBe(`${H.output}x${W.output}`);
    expect(await attr(page, '#svg-grid', 'data-cols')).toBe(String(W.equivalent.gridSize));
    for (let f = 0; f < 5; f++) {
      expect(cells(await attr(page, '#svg-grid', 'data-step'))).toEqual(readsOf(g, Math.floor(f / W.output), f % W.output));
      await page.keyboard.press('ArrowRight');
    }
    expect(await page.textContent('#cap-kernel')).toContain('flipped');
    await page.selectOption('#view', 'scatter');
    expect(await attr(page, '#scrub', 'max')).toBe(String(H.input * W.input - 1));
    const counts = await page.$$eval('#svg-output text', (t) => t.map((x) => Number(x.textContent)));
    const expected: number[] = [];
    for (let oh = 0; oh < H.output; oh++) {
      for (let ow = 0; ow < W.output; ow++) {
        let n = 0;
        for (let kh = 0; kh < H.kernel; kh++) for (let kw = 0; kw < W.kernel; kw++) if (tapSource(H, oh, kh) >= 0 && tapSource(W, ow, kw) >= 0) n++;
        expected.push(n);
      }
    }
    expect(counts).toEqual(expected);
    expect(new Set(counts).size).toBeGreaterThan(1); // the checkerboard
    // Step 4 = input (1,1) stamps the outputs whose taps read it.
    await page.click('#btn-first');
    for (let i = 0; i < 4; i++) await page.click('#btn-forward');
    const stamped: string[] = [];
    for (let oh = 0; oh < H.output; oh++) for (let ow = 0; ow < W.output; ow++) if (readsOf(g, oh, ow).includes('1,1')) stamped.push(`${oh},${ow}`);
    expect(cells(await attr(page, '#svg-output', 'data-step'))).toEqual(stamped);
    await settled(page);
    // C (asked for with m=c) is the direct conv's matrix (issue 10): the stamping input cell of this
    // transposed layer is a cell of z, a row of C.
    expect(await attr(page, '#svg-matrix', 'data-matrix')).toBe('C');
    expect(await attr(page, '#svg-matrix', 'data-mark-side')).toBe('row');
    await page.close();
  });

  it('round-trips the whole state through the URL, and back/forward restore it', async () => {
    const { page } = await open('?lang=en');
    await page.fill('#input-h', '7');
    await page.fill('#kernel-w', '2');
    await page.selectOption('#pad-mode', 'asym');
    await page.fill('#pad-wa', '3');
    await page.check('#transposed');
    await page.fill('#in-ch', '2');
    await page.fill('#out-ch', '4');
    await page.fill('#groups', '2');
    await page.check('#numbers');
    await page.selectOption('#theme', 'dark');
    await page.selectOption('#lang', 'zh');
    await page.click('#btn-forward');
    const url = page.url();
    const q = new URL(url).searchParams;
    expect(q.get('i')).toBe('7x5');
    expect(q.get('t')).toBe('1');
    expect(q.get('lang')).toBe('zh');
    expect(q.get('f')).toBe('1');
    const size = await attr(page, '#svg-output', 'data-size');
    const other = await open(new URL(url).search);
    for (const id of ['input-h', 'input-w', 'kernel-w', 'pad-hb', 'pad-ha', 'pad-wb', 'pad-wa', 'in-ch', 'out-ch', 'groups']) {
      expect(await other.page.inputValue(`#${id}`)).toBe(await page.inputValue(`#${id}`));
    }
    expect(await other.page.isChecked('#transposed')).toBe(true);
    expect(await other.page.inputValue('#pad-mode')).toBe('asym');
    expect(await attr(other.page, '#svg-output', 'data-size')).toBe(size);
    expect(await attr(other.page, '#svg-output', 'data-step')).toBe(await attr(page, '#svg-output', 'data-step'));
    expect(await attr(other.page, 'html', 'lang')).toBe('zh-CN');
    await other.page.close();
    // Back undoes the last changes one at a time (stepping replaces, changes push); forward redoes.
    await page.goBack();
    expect(await page.inputValue('#theme')).toBe('dark');
    expect(await page.inputValue('#lang')).toBe('en');
    await page.goBack();
    expect(await page.inputValue('#theme')).toBe('light');
    expect(await page.isChecked('#numbers')).toBe(true);
    await page.goForward();
    await page.goForward();
    expect(await page.inputValue('#lang')).toBe('zh');
    expect(await attr(page, '#svg-output', 'data-size')).toBe(size);
    await page.close();
  });

  it('a refusal caused by the field just changed is shown under that field (Dilation), in both languages', async () => {
    for (const lang of ['en', 'zh']) {
      const { page } = await open(`?i=5&k=3&s=2&p=1&lang=${lang}`);
      await page.fill('#dilation-h', '4');
      await expect.poll(() => page.textContent('.field-error[data-for~="dilation-h"]')).toMatch(lang === 'en' ? /^H: the kernel covers 9 cells \(kernel 3 with dilation rate 4\)/ : /^高度方向上，卷积核覆盖 9 个单元（卷积核 3，膨胀率 4）/);
      expect(await attr(page, '#dilation-h', 'aria-invalid')).toBe('true');
      expect(await page.textContent('.field-error[data-for~="kernel-h"]')).toBe('');
      expect(await page.getAttribute('#kernel-h', 'aria-invalid')).toBeNull();
      await page.close();
    }
    // The same numbers on both axes: the refusal is about both, as the tour's says.
    const both = await open('?i=3&k=5&p=0&lang=en');
    expect(await both.page.textContent('.field-error[data-for~="kernel-h"]')).toBe('H and W: the kernel covers 5 cells but the padded input has only 3 (3 + 0 + 0). Set Padding to at least 1 per side, or use a kernel of at most 3.');
    await both.page.close();
    // One value out of range is not a refused combination: the banner says a value, under its field.
    const one = await open('?i=5&k=3&lang=en');
    await one.page.fill('#stride-w', '0');
    expect(await one.page.textContent('.field-error[data-for~="stride-w"]')).toBe('Enter a whole number from 1 to 8.');
    expect(await one.page.textContent('#error-banner')).toBe('A value is not valid (the message is under its field) — the figure shows the last valid one.');
    await one.page.close();
  });

  it('the Formula tab groups its counts as its lines do (2,320, not 2320)', async () => {
    const { page } = await open('?i=8&k=3&ci=16&co=16&s=1&p=0&lang=zh');
    // 16·16·9 weights + 16 biases; 6 × 6 outputs × 16 channels × 144 products.
    expect(await page.textContent('#params-text')).toBe('2,320');
    expect(await page.textContent('#macs-text')).toBe('82,944');
    expect(await page.textContent('#formula ul')).toContain('82,944');
    await page.close();
  });

  it('one edit of a number field is one history entry: Back undoes "16", not the "1" typed on the way', async () => {
    const { page } = await open('?i=5&k=3&lang=en');
    const before = await page.evaluate(() => history.length);
    await page.click('#input-h', { clickCount: 3 });
    // A pause after "1" applies it (typing-pause.ts); the "6" that follows continues the same edit.
    await page.keyboard.type('1');
    await expect.poll(() => new URL(page.url()).searchParams.get('i')).toBe('1x5');
    await page.keyboard.type('6');
    await expect.poll(() => new URL(page.url()).searchParams.get('i')).toBe('16x5');
    expect(await page.evaluate(() => history.length)).toBe(before + 1);
    // Another field, or the same one focused again, is another change.
    await page.click('#input-w', { clickCount: 3 });
    await page.keyboard.type('7');
    await page.click('#input-h', { clickCount: 3 });
    await page.keyboard.type('9');
    await expect.poll(() => page.evaluate(() => history.length)).toBe(before + 3);
    await page.goBack();
    await expect.poll(() => page.inputValue('#input-h')).toBe('16');
    await page.goBack();
    await expect.poll(() => page.inputValue('#input-w')).toBe('5');
    await page.goBack();
    await expect.poll(() => page.inputValue('#input-h')).toBe('5');
    await page.close();
  });

  it('a value refused half-way through typing leaves the figure and the link at the value from before the edit, not at the prefix typed on the way', async () => {
    const { page } = await open('?i=5&k=3&s=1&p=1&lang=en');
    const before = await page.evaluate(() => history.length);
    // "9" is a valid padding, applied when the reader pauses after it (typing-pause.ts); "99" is
    // not (at most 16).
    await page.click('#pad-hb', { clickCount: 3 });
    await page.keyboard.type('9');
    await expect.poll(() => new URL(page.url()).searchParams.get('p')).toBe('9');
    await page.keyboard.type('9');
    await expect.poll(() => page.textContent('#controls')).toMatch(/Enter a whole number from 0 to 16/);
    await expect.poll(() => new URL(page.url()).searchParams.get('p')).toBe('1');
    expect(await page.getAttribute('#svg-output', 'data-size')).toBe('5x5');
    expect(await page.inputValue('#pad-hb')).toBe('99'); // the reader's text stays, with its message
    // Still one history entry for the one edit, now back at the start value.
    expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(before + 1);
    // "2.5" in Kernel H, with a pause after "2" (applied); "2.5" brings back 3.
    await page.click('#kernel-h', { clickCount: 3 });
    await page.keyboard.type('2');
    await expect.poll(() => new URL(page.url()).searchParams.get('k')).toBe('2x3');
    await page.keyboard.type('.5');
    await expect.poll(() => new URL(page.url()).searchParams.get('k')).toBe('3');
    // Typing a valid value after all applies it.
    await page.click('#pad-hb', { clickCount: 3 });
    await page.keyboard.type('2');
    await expect.poll(() => new URL(page.url()).searchParams.get('p')).toBe('2');
    await page.close();
  });

  it('switches language and remembers it', async () => {
    const { page, context } = await open('?i=4x4');
    await page.selectOption('#lang', 'en');
    expect(await page.textContent('h1')).toBe('convkit playground');
    await page.selectOption('#lang', 'zh');
    expect(await page.textContent('h1')).toBe('convkit 卷积演示');
    expect(await page.textContent('#step-text')).toMatch(/^输出 \(0,0\)/);
    await settled(page);
    expect(await page.textContent('#formula')).toMatch(/卷积/);
    const again = await context.newPage();
    await again.goto(h.url + '?i=4x4');
    await again.waitForSelector('body[data-ready="1"]');
    expect(await again.textContent('h1')).toBe('convkit 卷积演示');
    expect(await again.inputValue('#lang')).toBe('zh');
    await again.close();
    await page.close();
  });

  it('works by keyboard alone', async () => {
    const { page } = await open('?lang=en');
    // Tab from the top of the page into the first control and type.
    await page.keyboard.press('Tab'); // skip link
    const order: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
      if (order.at(-1) === 'input-h') break;
    }
    expect(order.at(-1)).toBe('input-h');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('6');
    // Enter applies the typed number at once (Tab did for the 7).
    await page.keyboard.press('Enter');
    const g = geometryOf({ input: [7, 6], kernel: [3, 3], stride: [2, 2], padding: [[1, 1], [1, 1]] });
    expect(await attr(page, '#svg-output', 'data-size')).toBe(`${g.axes[0].output}x${g.axes[1].output}`);
    // Transposed on with the space bar.
    await page.focus('#transposed');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#transposed')).toBe(true);
    await page.keyboard.press('Space');
    // Arrow keys step the animation when focus is on the page, Space plays and pauses.
    await page.focus('#stage');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await attr(page, '#svg-output', 'data-step')).toBe('0,2');
    await page.keyboard.press('ArrowLeft');
    expect(await attr(page, '#svg-output', 'data-step')).toBe('0,1');
    await page.keyboard.press('End');
    expect(await attr(page, '#svg-output', 'data-step')).toBe(`${g.axes[0].output - 1},${g.axes[1].output - 1}`);
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    expect(await attr(page, '#btn-play', 'aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    expect(await attr(page, '#btn-play', 'aria-pressed')).toBe('false');
    // The step buttons answer Enter.
    await page.focus('#btn-forward');
    await page.keyboard.press('Enter');
    expect(await page.textContent('#step-text')).toMatch(/Output \(\d,\d\)/);
    await page.close();
  });

  it('hostile links fall back to defaults with a visible message and never run script', async () => {
    const hostile = [
      '?i=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '?k=javascript%3Aalert(1)&s=99999999999999999999',
      '?i=NaN&p=-1&d=1e3&t=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      '?lang=%3Csvg%20onload%3Dalert(1)%3E&theme=javascript:alert(1)&%3Cb%3E=1',
      '?i=0x0&k=-3&co=Infinity&g=1.5&f=-1',
    ];
    for (const q of hostile) {
      const { page, dialogs, errors } = await open(q);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(await page.isVisible('#url-problems')).toBe(true);
      const msg = (await page.textContent('#url-problems')) ?? '';
      expect(msg.length).toBeGreaterThan(10);
      // Shown as text: no element was created from the value. The only elements are the page's own
      // unbreakable runs (keep-together.ts: a span of class nobr around, say, a range "1–32").
      expect(await page.$$eval('#url-problems *', (els) => els.filter((e) => !(e.tagName === 'SPAN' && e.className === 'nobr' && e.attributes.length === 1 && e.children.length === 0)).map((e) => e.outerHTML))).toEqual([]);
      expect(await page.$$eval('img[src="x"], body script:not([type="module"])', (e) => e.length)).toBe(0);
      expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(1);
      // The defaults are shown, and the bad text is gone from the address bar.
      expect(await attr(page, '#svg-output', 'data-size')).toBe('3x3');
      expect(decodeURIComponent(page.url())).not.toMatch(/script|javascript|onerror|onload/);
      await page.close();
    }
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    const axeSource = readFileSync(axePath, 'utf8');
    const cases: [string, number][] = [
      ['?lang=en', 1400], ['?i=4x4&k=3&s=2&p=1&t=1&op=1&n=1&lang=zh', 1400], ['?i=3x3&k=5&lang=en', 1400],
      ['?theme=dark&cb=1&n=1&v=scatter&t=1&lang=en', 1400], ['?i=6x6&ci=4&co=4&g=2&n=1&theme=dark&lang=zh', 390],
    ];
    for (const [q, width] of cases) {
      // axe is injected as a script, which the page's CSP forbids: only this context bypasses it.
      const context = await h.browser.newContext({ bypassCSP: true, viewport: { width, height: 1000 } });
      const page = await context.newPage();
      await page.goto(h.url + q);
      await page.waitForSelector('body[data-ready="1"]');
      // Checked as drawn in full: the side panels (the matrix's name among them) come after data-ready.
      await settled(page);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad, `${q}: ${JSON.stringify(bad)}`).toEqual([]);
      await context.close();
    }
  });

  it('fits a phone-sized screen without sideways scrolling', async () => {
    const { page } = await open('?i=12x12&k=3&s=1&p=1&lang=zh', { width: 390, height: 800 });
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
    const grid = (await (await page.$('#svg-grid'))!.boundingBox())!;
    expect(grid.x + grid.width).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('exports the current view as SVG, PNG and GIF (the library’s renderer, and the on-screen style)', async () => {
    const { page, errors } = await open('?i=4x4&k=3&s=1&p=1&lang=en');
    const save = async (button: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      const path = await dl.path();
      return { name: dl.suggestedFilename(), bytes: readFileSync(path!) };
    };
    const gifFrames = (b: Buffer) => {
      let n = 0; // one graphic-control extension per frame
      for (let i = 0; i + 2 < b.length; i++) if (b[i] === 0x21 && b[i + 1] === 0xf9 && b[i + 2] === 4) n++;
      return n;
    };
    // Export sits in its own tab beside the stage (issue 10: side material one click away).
    await page.click('#tab-export');
    for (const style of ['classic', 'flat', 'screen']) {
      await page.selectOption('#export-style', style);
      const svg = await save('#export-svg');
      expect(svg.name).toMatch(/\.svg$/);
      const text = svg.bytes.toString('utf8');
      expect(text).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);
      expect(text).not.toMatch(/<script|javascript:/i);
      const png = await save('#export-png');
      expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const gif = await save('#export-gif');
      expect(gif.bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
      // One frame per output cell (4×4).
      expect(gifFrames(gif.bytes), style).toBe(16);
      // The library's pictures draw the padding's edges once each, as the page's figure does.
      if (style !== 'screen') expect(text, style).toBe(renderSvg({ input: [4, 4], kernel: 3, padding: 1 }, { theme: style as 'classic' | 'flat', lang: 'en', emptyCells: 'joined', frame: 0 }));
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('no page of this whole run requested anything from another host', () => {
    expect(h.requests.length).toBeGreaterThan(50);
    const foreign = h.requests.filter((u) => !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u) && !u.startsWith('data:') && !u.startsWith('blob:'));
    // The one deliberate exception: the CSP test's own fetch, which the policy blocked.
    expect(foreign.filter((u) => !u.startsWith('http://203.0.113.7/'))).toEqual([]);
  });
});
