/**
 * Stage first (issue 10, item 1) in real headless Chromium: the figure's size bar at 1440×900 (a
 * 5×5, k3, s2 figure covers at least a quarter of the window, in view without scrolling), the phone
 * layout (stage across the width, the controls of the moment in view), the classic slanted-plane
 * figure on screen from the library's renderer, autoplay that loops and respects reduced motion,
 * the side material one click away, and the Chinese page's refusals in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderSvg } from '../../src/index.js';
import { hex, palette } from '../../src/render/palette.js';
import { startHarness, afterPageTimers } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const open = (query: string, viewport: { width: number; height: number }, motion = false) => h.open(query, { ...viewport, motion });

const attr = (page: Page, sel: string, name: string) => page.$eval(sel, (el, n) => el.getAttribute(n) ?? '', name);

/** The drawn figure inside [data-stage]: the union of its visible SVGs' boxes. */
async function figureBox(page: Page) {
  return page.evaluate(() => {
    const stage = document.querySelector('[data-stage]')!;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const s of Array.from(stage.querySelectorAll('svg'))) {
      const r = s.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top); x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom);
    }
    return { x: x0, y: y0, right: x1, bottom: y1, width: x1 - x0, height: y1 - y0, kind: stage.getAttribute('data-stage'), scrollY: window.scrollY };
  });
}

/**
 * What an SVG draws, shape by shape, in the order the shapes are found: each polygon, and each
 * subpath of a merged path (the page draws runs of cells and of edges as a few paths; the library's
 * SVG one element each), with its points and paint; text and rectangles as written. The picture's
 * background rectangle (the page's first in its base, the export's 100 % one) is left out.
 */
function shapes(svg: string): string[] {
  const out: string[] = [];
  const attrs = (s: string) => [...s.matchAll(/ ([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]] as const);
  // (The windows' clip rectangles, where the key is shown beside the planes, draw nothing.)
  const base = svg.replace(/<defs>.*?<\/defs>/g, '').replace(/<rect width="100%"[^>]*>/, '').replace(/(<g id="classic-base">)<rect [^>]*>(<\/rect>)?/, '$1');
  for (const m of base.matchAll(/<(polygon|path|line|rect|text)\b([^>]*?)\/?>(?:([^<]*)<\/text>)?/g)) {
    const [, name, rest, text] = m;
    const a = attrs(rest);
    const paint = (skip: string[]) => a.filter(([k]) => !skip.includes(k) && !(k === 'fill' && name === 'line')).map(([k, v]) => `${k}=${v}`).join(' ');
    if (name === 'polygon') {
      const p = a.find(([k]) => k === 'points')![1].split(' ');
      let d = `M${p[0]} ${p[1]}`;
      for (let i = 2; i < p.length; i += 2) d += `L${p[i]} ${p[i + 1]}`;
      out.push(`${d}Z ${paint(['points'])}`);
    } else if (name === 'path') {
      const d = a.find(([k]) => k === 'd')![1];
      const closed = d.endsWith('Z');
      const own = paint(['d']);
      for (const sub of d.split('M').filter(Boolean)) out.push(`M${sub} ${closed ? own : own.replace(/^fill=none ?/, '')}`);
    } else if (name === 'line') {
      const v = Object.fromEntries(a);
      out.push(`M${v.x1} ${v.y1}L${v.x2} ${v.y2} ${paint(['x1', 'y1', 'x2', 'y2'])}`);
    } else out.push(`<${name} ${paint([])}>${(text ?? '').replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!)}`);
  }
  return out.sort();
}

describe('the stage', () => {
  it('a 5×5, k3, s2 figure covers at least a quarter of a 1440×900 window, in view, in both figures and languages', async () => {
    for (const q of ['?i=5&k=3&s=2&p=1&lang=en', '?i=5&k=3&s=2&p=1&fig=classic&lang=en', '?i=5&k=3&s=2&p=1&lang=zh', '?i=5&k=3&s=2&p=1&fig=classic&lang=zh', '?tour=3&lang=en']) {
      const { page } = await open(q, { width: 1440, height: 900 });
      const b = await figureBox(page);
      expect(b.scrollY).toBe(0);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(1440);
      expect(b.bottom, q).toBeLessThanOrEqual(900);
      expect((b.width * b.height) / (1440 * 900), q).toBeGreaterThanOrEqual(0.25);
      expect(b.kind).toBe(q.includes('fig=classic') || q.includes('tour=3') ? 'classic' : 'grids');
      await page.close();
    }
  });

  it('on a 390×844 phone the stage spans the width and the controls of the moment are in view', async () => {
    for (const q of ['?lang=en', '?lang=zh', '?fig=classic&lang=zh']) {
      const { page } = await open(q, { width: 390, height: 844 });
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll).toBeLessThanOrEqual(client);
      // The header is one row: the title and its three buttons share a line (English drops "playground").
      const tops = await page.$$eval('.top h1, #tour-open, #image-open, #prefs-toggle', (els) => els.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
      expect(Math.max(...tops) - Math.min(...tops), `${q} header rows`).toBeLessThanOrEqual(6);
      const b = await figureBox(page);
      expect(b.width, q).toBeGreaterThanOrEqual(280);
      expect(b.y).toBeLessThan(300);
      // The first controls (input, kernel) are on the first screen, not 1 170 px below.
      for (const id of ['#input-h', '#kernel-h']) {
        const c = (await (await page.$(id))!.boundingBox())!;
        expect(c.y + c.height, `${q} ${id}`).toBeLessThanOrEqual(844);
      }
      await page.close();
    }
    for (const q of ['?tour=3&lang=zh', '?tour=11&lang=en', '?tour=4&lang=en']) {
      const { page } = await open(q, { width: 390, height: 844 });
      const b = await figureBox(page);
      // 240: since stop 34 the first screen also holds the Try-it's live line (#tour-now) under the
      // control; English step 11, the longest, then draws its figure 243 px wide (200 while Next
      // was kept in sight too, stage-fit.ts).
      expect(b.width, q).toBeGreaterThanOrEqual(240);
      const c = (await (await page.$('#try-control'))!.boundingBox())!;
      expect(c.y + c.height, q).toBeLessThanOrEqual(844);
      const now = (await (await page.$('#tour-now'))!.boundingBox())!;
      expect(now.y + now.height, `${q} live line`).toBeLessThanOrEqual(844);
      await page.close();
    }
  });

  it('draws the classic slanted-plane figure on screen, as the library renders it, one overlay per step', async () => {
    const { page, errors } = await open('?i=5&k=3&s=2&p=1&fig=classic&lang=en', { width: 1440, height: 900 });
    await page.click('#btn-forward');
    expect(await attr(page, '#svg-classic', 'data-frame')).toBe('1');
    const onScreen = await page.$eval('#svg-classic', (s) => s.outerHTML);
    // The library's SVG with the empty cells joined, as the page asks for them: the same shapes.
    // At the text scale the page drew it (above 1 where a small stage would print its text small).
    const textScale = Number(await attr(page, '#svg-classic', 'data-text-scale'));
    const expected = renderSvg({ input: [5, 5], kernel: 3, stride: 2, padding: 1 }, { theme: 'classic', lang: 'en', emptyCells: 'joined', frame: 1, textScale });
    expect(shapes(onScreen)).toEqual(shapes(expected));
    expect(expected).toContain(`width="${await attr(page, '#svg-classic', 'data-width')}"`);
    expect(await page.isHidden('#views')).toBe(true);
    // The grids are one choice away.
    await page.selectOption('#figure', 'grids');
    expect(await page.isVisible('#views')).toBe(true);
    expect(new URL(page.url()).searchParams.get('fig')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws what the library's SVG export with emptyCells: 'joined' draws, shape for shape, where zeros are inserted and an output padding is tinted (tour 7, 10, 13)", async () => {
    const layers: [number, Record<string, unknown>][] = [
      [7, { input: [2, 2], kernel: 3, stride: 2, transposed: true }],
      [10, { input: [3, 3], kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true }],
      [13, { input: [4, 4], kernel: 4, stride: 2, padding: 1, transposed: true }],
    ];
    for (const [step, layer] of layers) {
      for (const lang of ['en', 'zh'] as const) {
        const { page, errors } = await open(`?tour=${step}&lang=${lang}`, { width: 1440, height: 900 });
        await page.click('#btn-forward');
        await page.click('#btn-forward');
        const frame = Number(await attr(page, '#svg-classic', 'data-frame'));
        expect(frame, `${step} ${lang}`).toBe(2);
        const onScreen = await page.$eval('#svg-classic', (s) => s.outerHTML);
        const textScale = Number(await attr(page, '#svg-classic', 'data-text-scale'));
        const exported = renderSvg(layer as never, { theme: 'classic', lang, emptyCells: 'joined', frame, textScale });
        expect(shapes(onScreen), `${step} ${lang}`).toEqual(shapes(exported));
        // Not what the export draws with its cells apart (each empty cell outlined on its own).
        expect(shapes(exported)).not.toEqual(shapes(renderSvg(layer as never, { theme: 'classic', lang, frame, textScale })));
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  });

  it('draws each edge of the empty cells once, where the cells meet (no second outline beside it)', async () => {
    // Tour step 13: 4×4 input, kernel 4, stride 2, padding 1, transposed: an 11×11 grid (p′ = 2)
    // whose 16 input cells touch only empty ones. Its 264 edges, less the input cells' 64 (their
    // own solid outlines), leave 200 dashed ones; each cell outlined apart drew 105 × 4 = 420.
    for (const lang of ['en', 'zh']) {
      const { page, errors } = await open(`?tour=13&lang=${lang}`, { width: 1440, height: 900 });
      const m = await page.evaluate(() => {
        // (The legend's swatches are dashed squares of their own.)
        const dashed = Array.from(document.querySelectorAll('#classic-base [stroke-dasharray]:not(rect)'));
        const segments: string[] = [];
        const ends = new Map<string, number>();
        const key = (x: string, y: string) => `${Math.round(Number(x))},${Math.round(Number(y))}`;
        for (const e of dashed) {
          for (const sub of (e.getAttribute('d') ?? '').split('M').filter(Boolean)) {
            const [x1, y1, x2, y2] = sub.split(/[ L]/);
            segments.push(`${key(x1, y1)}-${key(x2, y2)}`);
            for (const p of [key(x1, y1), key(x2, y2)]) ends.set(p, (ends.get(p) ?? 0) + 1);
          }
        }
        return { tags: dashed.map((e) => e.tagName), segments, lonely: [...ends.values()].filter((n) => n < 2).length, dashes: [...new Set(dashed.map((e) => e.getAttribute('stroke-dasharray')))] };
      });
      expect(m.tags.every((t) => t === 'path'), lang).toBe(true);
      expect(m.segments.length, lang).toBe(200);
      expect(new Set(m.segments).size, lang).toBe(200);
      // Edges meet at the cells' corners: every end is another edge's end too (outlines inset
      // apart each had four ends of their own).
      expect(m.lonely, lang).toBe(0);
      // Padding and inserted zeros keep their own dashes, as the legend draws them.
      expect(m.dashes.sort(), lang).toEqual(['2 2', '4 3']);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('fills the output padding (a) cells and their legend swatch, so they show where no `a` fits in a cell (tour step 10)', async () => {
    const { extra: a, output: out } = palette('default');
    for (const [lang, width, height] of [['en', 390, 844], ['zh', 390, 844], ['en', 1440, 900]] as const) {
      const { page, errors } = await open(`?tour=10&lang=${lang}`, { width, height });
      const m = await page.evaluate(([extra, output]) => {
        const tinted = Array.from(document.querySelectorAll(`#classic-base [fill="${extra}"]`));
        const cells = tinted.filter((e) => e.tagName !== 'rect').reduce((n, e) => n + ((e.getAttribute('d') ?? '').split('M').length - 1 || 1), 0);
        const swatch = tinted.find((e) => e.tagName === 'rect');
        // The swatch is inside the legend's window on the phone (the key under the planes), in a
        // window beside the planes where a small desktop stage shows the key there, or in the whole figure.
        const phone = !document.querySelector('#classic-key')!.hasAttribute('hidden');
        const beside = document.querySelector('#svg-classic')!.getAttribute('data-layout') === 'beside';
        const x = Number(swatch?.getAttribute('x')), y = Number(swatch?.getAttribute('y'));
        // (The phone tour shows the kernel beside the planes and, where the legend is too wide to
        // join it there, the legend under them.)
        const legendRow = document.querySelector<SVGSVGElement>('#svg-classic-legend')!;
        const windows = [
          ...(beside ? Array.from(document.querySelectorAll<SVGRectElement>('#svg-classic clipPath:not(#classic-clip-planes) rect')).map((r) => [r.x.baseVal.value, r.y.baseVal.value, r.width.baseVal.value, r.height.baseVal.value]) : []),
          ...(phone && legendRow.getBoundingClientRect().width > 0 ? [legendRow.getAttribute('viewBox')!.split(' ').map(Number)] : []),
          ...(!beside && !phone ? [document.querySelector('#svg-classic')!.getAttribute('viewBox')!.split(' ').map(Number)] : []),
        ];
        const win = windows.find((b) => x >= b[0] && x <= b[0] + b[2] && y >= b[1] && y <= b[1] + b[3]) ?? windows[0];
        const teal = Array.from(document.querySelectorAll('#classic-base [fill-opacity]')).some((e) => e.getAttribute('fill') === output);
        return { cells, swatch: !!swatch, inWindow: x >= win[0] && x <= win[0] + win[2] && y >= win[1] && y <= win[1] + win[3], teal };
      }, [hex(a), hex(out)]);
      // 3×3 input, kernel 3, stride 2, padding 1, output padding 1: an 8×8 grid whose last row and column are `a`.
      expect(m.cells, `${lang} ${width}`).toBe(15);
      expect(m.swatch, `${lang} ${width}`).toBe(true);
      expect(m.inWindow, `${lang} ${width}`).toBe(true);
      // Not the output's teal at 30 %, which read as more output (review 42).
      expect(m.teal, `${lang} ${width}`).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('on a phone the classic figure shows its planes alone, every text at 11 px or more, and its key below, also at 11 px or more', async () => {
    for (const q of ['?tour=7&lang=zh', '?i=5&k=3&s=2&p=1&fig=classic&lang=en', '?tour=6&lang=en', '?tour=6&lang=zh', '?tour=7&lang=en', '?tour=13&lang=en', '?tour=13&lang=zh', '?i=5&k=3&s=2&p=1&fig=classic&n=1&lang=en']) {
      const { page, errors } = await open(q, { width: 390, height: 844 });
      const m = await page.evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>('#svg-classic')!;
        const vb = svg.getAttribute('viewBox')!.split(' ').map(Number);
        const k = svg.getBoundingClientRect().width / vb[2];
        // Every text in the planes' window (title, subtitle, plane labels, step counter; the phone
        // tour's window starts below the title and leaves the counter out, classic-crop.ts body).
        // (Numbers printed in cells, with numbers on, are as large as their cells hold.)
        const inWindow = (t: Element) => Number(t.getAttribute('y')) >= vb[1] && Number(t.getAttribute('y')) <= vb[1] + vb[3];
        const sizes = Array.from(svg.querySelectorAll('text'))
          .filter((t) => inWindow(t) && !/^×?-?[\d.]+$/.test(t.textContent ?? ''))
          .map((t) => ({ text: t.textContent, px: Number(t.getAttribute('font-size')) * k }));
        const key = document.querySelector('#classic-key')!;
        // The key's texts on screen: its parameter lines (page text) and, in the legend's and the
        // kernel's windows onto the same drawing, every text of the drawing inside the window,
        // at the font size times the window's scale.
        // (Parts on screen only: in the tour the key is its legend row alone.)
        const onScreen = (e: Element) => e.getBoundingClientRect().width > 0;
        const keyTexts: { text: string | null; px: number }[] = Array.from(key.querySelectorAll<HTMLElement>('.key-line')).filter(onScreen)
          .map((l) => ({ text: l.textContent, px: parseFloat(getComputedStyle(l).fontSize) }));
        const windows: { x0: number; x1: number; y0: number; y1: number }[] = [];
        const kernelShown = onScreen(document.querySelector('#svg-classic-key')!);
        for (const part of Array.from(key.querySelectorAll<SVGSVGElement>('svg:not([hidden])')).filter(onScreen)) {
          const [x, y, w, h] = part.getAttribute('viewBox')!.split(' ').map(Number);
          const s = part.getBoundingClientRect().width / w;
          windows.push({ x0: x, x1: x + w, y0: y, y1: y + h });
          for (const t of Array.from(svg.querySelectorAll('#classic-base text'))) {
            const tx = Number(t.getAttribute('x')), ty = Number(t.getAttribute('y'));
            if (tx >= x && tx <= x + w && ty >= y && ty <= y + h) keyTexts.push({ text: t.textContent, px: Number(t.getAttribute('font-size')) * s });
          }
        }
        // Every text of the drawing under the planes' window is in the key (a line, or a window).
        const lines = keyTexts.map((t) => t.text);
        const below = Array.from(svg.querySelectorAll('#classic-base text')).filter((t) => Number(t.getAttribute('y')) > vb[1] + vb[3] + 2);
        const missing = below.filter((t) => !lines.includes(t.textContent) && !windows.some((w) => Number(t.getAttribute('x')) >= w.x0 && Number(t.getAttribute('x')) <= w.x1 && Number(t.getAttribute('y')) >= w.y0 && Number(t.getAttribute('y')) <= w.y1)).map((t) => t.textContent);
        const shown = !key.hasAttribute('hidden') && key.getBoundingClientRect().height > 0;
        const right = Math.max(...Array.from(key.querySelectorAll('svg:not([hidden]), .key-line')).map((e) => e.getBoundingClientRect().right));
        // In the tour the key's legend and kernel stand beside the planes where there is room
        // (data-layout 'beside'): windows onto the drawing inside the figure, each at its scale.
        const besideTexts: { text: string | null; px: number }[] = [];
        const planesW = Number(document.querySelector('#classic-clip-planes rect')?.getAttribute('width') ?? vb[2]);
        for (const g of Array.from(svg.querySelectorAll(':scope > g > g[transform]'))) {
          const scale = Number(/scale\(([-\d.e]+)\)/.exec(g.getAttribute('transform')!)![1]);
          const id = /url\(#(.+)\)/.exec(g.querySelector('[clip-path]')!.getAttribute('clip-path')!)![1];
          const c = document.getElementById(id)!.querySelector('rect')!;
          const [x, y, w, h] = [c.x.baseVal.value, c.y.baseVal.value, c.width.baseVal.value, c.height.baseVal.value];
          for (const t of Array.from(svg.querySelectorAll('#classic-base text'))) {
            const tx = Number(t.getAttribute('x')), ty = Number(t.getAttribute('y'));
            if (tx >= x && tx <= x + w && ty >= y && ty <= y + h) besideTexts.push({ text: t.textContent, px: Number(t.getAttribute('font-size')) * scale * k });
          }
        }
        const kernelBeside = besideTexts.some((t) => /^w/.test(t.text ?? ''));
        return { vbHeight: vb[3], height: Number(svg.dataset.height), width: planesW * k, left: svg.getBoundingClientRect().left, svgRight: svg.getBoundingClientRect().right, sizes, key: shown, keyUse: key.querySelector('svg use')?.getAttribute('href'), keyTexts, besideTexts, missing, right, kernelShown, kernelBeside };
      });
      // The planes' window leaves out the key (parameter lines, legend, kernel) drawn under them.
      expect(m.vbHeight, q).toBeLessThan(m.height * 0.85);
      // Drawn whole, the labels came out at about 7 and 10 px on this screen; at the figure's
      // width alone, the transposed figures' subtitle at 8 px (steps 6 and 13).
      expect(m.sizes.some((s) => /^(output|输出) /.test(s.text ?? '')), q).toBe(true);
      for (const s of m.sizes) expect(s.px, `${q}: ${s.text}`).toBeGreaterThanOrEqual(10.95);
      // The planes span at least half the width, however long the prose above the control.
      expect(m.width, q).toBeGreaterThanOrEqual(0.49 * 378);
      expect(m.left, q).toBeGreaterThanOrEqual(0);
      expect(m.svgRight, q).toBeLessThanOrEqual(390);
      expect(m.key || m.besideTexts.length > 0, q).toBe(true);
      expect(m.keyUse).toBe('#classic-base');
      // The key: every text at 11 px or more (drawn whole it printed the kernel's weight names at
      // 7.5–10 px), nothing wider than the screen. In the tour the kernel stands beside the planes
      // (or under them, with the legend, where the planes need the width), and the parameter lines
      // are under the figure where the step's prose leaves room (tour36-phone-kernel.test.ts);
      // outside it, after the form, whole: none left out, the kernel's entries among them.
      expect(m.kernelShown || (q.includes('tour=') && m.kernelBeside), q).toBe(true);
      if (!q.includes('tour=')) {
        expect(m.missing, q).toEqual([]);
        expect(m.keyTexts.some((t) => (q.includes('n=1') ? /^-?\d/ : /^w/).test(t.text ?? '')), q).toBe(true);
      } else expect(m.keyTexts.length + m.besideTexts.length, q).toBeGreaterThan(0);
      for (const t of [...m.keyTexts, ...m.besideTexts]) expect(t.px, `${q} key: ${t.text}`).toBeGreaterThanOrEqual(10.95);
      expect(m.right, q).toBeLessThanOrEqual(390);
      expect(errors).toEqual([]);
      await page.close();
    }
    // Tour step 7's prose is long: its control is still on the first screen.
    const long = await open('?tour=7&lang=en', { width: 390, height: 844 });
    expect(await long.page.$eval('#try-control', (e) => e.getBoundingClientRect().bottom)).toBeLessThanOrEqual(844);
    await long.page.close();
    // On a wide screen the figure is whole and there is no separate key (a smaller desktop stage
    // shows the key beside the planes, in the figure: figure-text.test.ts).
    const { page } = await open('?tour=7&lang=zh', { width: 1920, height: 1080 });
    expect(await attr(page, '#svg-classic', 'viewBox')).toBe(`0 0 ${await attr(page, '#svg-classic', 'data-width')} ${await attr(page, '#svg-classic', 'data-height')}`);
    expect(await page.$eval('#classic-key', (e) => e.hasAttribute('hidden'))).toBe(true);
    await page.close();
  });

  it('does not draw the hidden grids under the classic figure, and draws them for the current layer when shown', async () => {
    const { page, errors } = await open('?i=5&k=3&s=2&p=1&fig=classic&lang=en', { width: 1440, height: 900 });
    const cellPaths = () => page.$$eval('#svg-grid path, #svg-output path', (els) => els.length);
    expect(await cellPaths()).toBe(0);
    // A parameter change under the classic figure still draws nothing behind it.
    await page.fill('#input-h', '6');
    await page.waitForFunction(() => /input 6×/.test(document.querySelector('#svg-classic title')?.textContent ?? ''));
    expect(await cellPaths()).toBe(0);
    // Shown again, the grids are the current layer's (6 + 2·1 = 8 grid rows, 3 output rows), stepped.
    await page.selectOption('#figure', 'grids');
    expect(await cellPaths()).toBeGreaterThan(0);
    expect(await attr(page, '#svg-grid', 'data-rows')).toBe('8');
    expect(await attr(page, '#svg-output', 'data-rows')).toBe('3');
    expect(await attr(page, '#svg-output', 'data-step')).toBe('0,0');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('plays by default and loops; reduced motion keeps it still', async () => {
    const moving = await open('?i=3&k=2&s=1&p=0&lang=en', { width: 1440, height: 900 }, true);
    expect(await attr(moving.page, '#btn-play', 'aria-pressed')).toBe('true');
    const steps = new Set<string>();
    const deadline = Date.now() + 20_000; // a loaded machine drops frames; the loop ends as soon as it has seen all and wrapped
    // 2×2 outputs: four steps, then back to the first. A poll late by more than a step (a loaded
    // machine) can miss one in the first round, so keep watching until every step has been seen.
    let wrapped = false;
    let last = '';
    while (Date.now() < deadline && !(wrapped && steps.size === 4)) {
      const s = await attr(moving.page, '#svg-output', 'data-step');
      if (last && s === '0,0' && last !== '0,0') wrapped = true;
      steps.add(s);
      last = s;
      await moving.page.waitForTimeout(100);
    }
    expect(steps.size).toBe(4);
    expect(wrapped).toBe(true);
    // Stepping by hand stops it.
    await moving.page.click('#btn-forward');
    expect(await attr(moving.page, '#btn-play', 'aria-pressed')).toBe('false');
    await moving.page.close();
    const still = await open('?i=3&k=2&s=1&p=0&lang=en', { width: 1440, height: 900 }, false);
    expect(await attr(still.page, '#btn-play', 'aria-pressed')).toBe('false');
    await afterPageTimers(still.page, 1200);
    expect(await attr(still.page, '#svg-output', 'data-step')).toBe('0,0');
    await still.page.close();
  });

  it('keeps the side material one click away in tabs', async () => {
    const { page } = await open('?lang=en', { width: 1440, height: 900 });
    expect(await page.isVisible('#panel-formula')).toBe(true);
    for (const tab of ['matrix', 'code', 'export', 'formula']) {
      await page.click(`#tab-${tab}`);
      expect(await page.isVisible(`#panel-${tab}`)).toBe(true);
      expect(await attr(page, `#tab-${tab}`, 'aria-selected')).toBe('true');
    }
    // Arrow keys move between tabs.
    await page.focus('#tab-formula');
    await page.keyboard.press('ArrowRight');
    expect(await page.isVisible('#panel-matrix')).toBe(true);
    await page.close();
  });

  it('the Chinese page says a refusal in Chinese, once, next to its control, naming the page’s controls', async () => {
    const cases: [string, string, RegExp][] = [
      ['?i=3&k=5&p=0&lang=zh', 'kernel-h', /填充/],
      ['?i=4&k=3&s=1&p=0&t=1&op=2&lang=zh', 'op-h', /输出填充 2 必须小于步长（1）与膨胀率（1）中的较大者/],
      ['?i=4&k=3&s=2&p=same&lang=zh', 'pad-mode', /“same”填充只能配合步长 1 使用/],
    ];
    for (const [q, control, words] of cases) {
      const { page } = await open(q, { width: 1440, height: 900 });
      const texts = await page.$$eval('.field-error', (els) => els.map((e) => e.textContent ?? '').filter((x) => x.length > 0));
      expect(texts.length, q).toBe(1);
      const msg = await page.textContent(`.field-error[data-for~="${control}"]`);
      expect(msg).toMatch(words);
      // No English words ('same' is the padding type's own name on the Chinese page too; the
      // frameworks' names stay names: the refusal of 'same' with a stride names PyTorch, Keras and TensorFlow).
      expect(msg!.replace(/same|PyTorch|TensorFlow|Keras/g, ''), q).not.toMatch(/[A-Za-z]{3,}/);
      expect(await page.textContent('#error-banner')).not.toContain(msg!);
      await page.close();
    }
  });
});
