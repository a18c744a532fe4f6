/**
 * "This layer three times" on a picture follows the layer's padding mode (task H5). The stack was
 * built with zero padding whatever the mode, so near an edge it marked the pixels zero padding
 * would leave, not the ones reflect, replicate or circular padding really copies. The expected
 * pixels are composed here from the library's per-layer padding map (tapSource on each copy's
 * geometry), not from the network analysis the page uses, and not written out by hand.
 *
 * And a transposed layer three times said "no holes", true and empty: it now says what a
 * transposed stride spreads unevenly — the kernel's taps over a stride block of each copy (the
 * checkerboard) and how many picture pixels each output of the stack's repeating block reads.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { tapSource } from '../../src/geometry/taps.js';
import type { AxisGeometry, PaddingMode } from '../../src/geometry/types.js';
import { buildNetwork } from '../../src/network/build.js';
import { dependencySet } from '../../src/network/receptive.js';
import { layerListToNetwork } from '../../src/model/layers.js';
import { fileHarness } from './harness.js';

const h = fileHarness();
/** The built-in test card's side: the picture the field is drawn on. */
const SIDE = 512;

async function open(query: string, size = { width: 1366, height: 900 }): Promise<Page> {
  const { page } = await h.open(query, size);
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 60_000 });
  await page.selectOption('#image-field-stack', 'layer');
  await page.waitForFunction(() => !!document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.output);
  return page;
}

/** One axis of three copies of a direct layer on the picture: each copy's geometry, the library's. */
function copies(k: number, s: number, d: number, p: number, mode: PaddingMode): AxisGeometry[] {
  const axes: AxisGeometry[] = [];
  let n = SIDE;
  for (let i = 0; i < 3; i++) {
    const ax = convGeometry({ inputShape: [1, 1, n], weightShape: [1, 1, k] }, { stride: s, dilation: d, padding: p, paddingMode: mode }, 1).axes[0];
    axes.push(ax);
    n = ax.output;
  }
  return axes;
}

/** The input pixels output `o` of the last copy reads on one axis: each copy's padding map, composed from the last copy back. */
function composed(axes: AxisGeometry[], o: number, mode: PaddingMode): number[] {
  let set = new Set([o]);
  for (const ax of [...axes].reverse()) {
    const next = new Set<number>();
    for (const u of set) for (let k = 0; k < ax.kernel; k++) {
      const x = tapSource(ax, u, k, mode);
      if (x >= 0) next.add(x);
    }
    set = next;
  }
  return [...set].sort((a, b) => a - b);
}

/** Moves the field's cursor to a corner of the picture with the keyboard (Shift + arrows: 10 pixels a press, held at the edge). */
async function corner(page: Page, where: 'top-left' | 'bottom-right') {
  await page.focus('[data-field-picture]');
  const [v, hz] = where === 'top-left' ? ['ArrowUp', 'ArrowLeft'] : ['ArrowDown', 'ArrowRight'];
  for (let i = 0; i < SIDE / 10 / 2 + 2; i++) {
    await page.keyboard.press(`Shift+${v}`);
    await page.keyboard.press(`Shift+${hz}`);
  }
}

async function marked(page: Page) {
  return page.$eval('[data-field-summary]', (e) => {
    const d = (e as HTMLElement).dataset;
    const list = (s: string | undefined) => (s ? s.split(' ').map(Number) : []);
    return { output: (d.output as string).split(',').map(Number), rows: list(d.rows), cols: list(d.cols), text: e.textContent as string };
  });
}

/**
 * Whether the field's overlay is pink over the whole of picture pixel (row, col), sampled at its
 * middle: a marked pixel is covered, its neighbours at most partly (a mark is drawn up to 3 screen
 * pixels wide where the field's gaps allow), so their edge blends in at part opacity.
 */
async function pinkAt(page: Page, row: number, col: number): Promise<boolean> {
  return page.$eval('[data-image-field] canvas.overlay', (c, [r, q, side]) => {
    const canvas = c as HTMLCanvasElement;
    const zoom = canvas.width / side;
    const px = canvas.getContext('2d')!.getImageData(Math.floor((q + 0.5) * zoom), Math.floor((r + 0.5) * zoom), 1, 1).data;
    return px[3] > 200 && px[0] > 200 && px[2] > 100 && px[1] < 120;
  }, [row, col, SIDE]);
}

describe('stacked field: the layer three times reads the pixels its padding mode copies', () => {
  const cases: { mode: PaddingMode; k: number; s: number; d: number; p: number; at: 'top-left' | 'bottom-right' }[] = [
    // Stride 2, rate 3: at the last output, reflect fills holes that zero padding leaves.
    { mode: 'reflect', k: 3, s: 2, d: 3, p: 3, at: 'bottom-right' },
    // Stride 1, rate 2: the first output's field wraps round to the far edges.
    { mode: 'circular', k: 3, s: 1, d: 2, p: 2, at: 'top-left' },
    // Stride 2, rate 2: the last output reads the edge pixel that zero padding never reaches.
    { mode: 'replicate', k: 3, s: 2, d: 2, p: 2, at: 'bottom-right' },
  ];
  for (const c of cases) {
    it(`${c.mode}: the ${c.at} output marks the pixels the library's ${c.mode} padding map gives through three copies`, async () => {
      const page = await open(`?view=image&lang=en&k=${c.k}&s=${c.s}&d=${c.d}&p=${c.p}&pm=${c.mode}`);
      await corner(page, c.at);
      const axes = copies(c.k, c.s, c.d, c.p, c.mode);
      const last = axes[2].output - 1;
      const o = c.at === 'top-left' ? 0 : last;
      await page.waitForFunction((want) => document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.output === want, `${o},${o}`);
      const want = composed(axes, o, c.mode);
      // The case tells the modes apart: zero padding reads fewer pixels (what the page marked before).
      const zeros = composed(copies(c.k, c.s, c.d, c.p, 'zeros'), o, 'zeros');
      const extra = want.filter((x) => !zeros.includes(x));
      expect(extra.length).toBeGreaterThan(0);
      // Marked on the picture: a pixel only this mode reads, on both axes.
      expect(await pinkAt(page, extra[0], extra[0])).toBe(true);
      // And every row and column marked (each pixel of the two is) is the composed map's.
      const f = await marked(page);
      expect(f.rows).toEqual(want);
      expect(f.cols).toEqual(want);
      // And the sentence says where those pixels come from.
      const says = { reflect: /where reflect padding holds mirror images of pixels inside/, replicate: /where replicate padding repeats the edge pixels/, circular: /where circular padding wraps round to the opposite edge/ }[c.mode as 'reflect'];
      expect(f.text).toMatch(says);
      await page.close();
    }, 120_000);
  }

  it('changing the padding mode on the page moves the marks; circular padding is framed in parts, not as one field across the picture', async () => {
    const page = await open('?view=image&lang=en&k=3&s=1&d=2&p=2');
    await corner(page, 'top-left');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-field-summary]')?.dataset.output === '0,0');
    const want = composed(copies(3, 1, 2, 2, 'circular'), 0, 'circular');
    const far = want[want.length - 1];
    // Zero padding: nothing marked at the far corner.
    expect(far).toBeGreaterThan(SIDE / 2);
    expect(await pinkAt(page, far, far)).toBe(false);
    await page.selectOption('#image-padding-mode', 'circular');
    // Circular: the far corner's pixels the wrap reads are marked, within a few seconds.
    let wrapped = false;
    for (let i = 0; i < 50 && !wrapped; i++) {
      wrapped = await pinkAt(page, far, far);
      if (!wrapped) await page.waitForTimeout(200);
    }
    expect(wrapped).toBe(true);
    expect((await marked(page)).rows).toEqual(want);
    // The span is the two parts' together, not the width of the picture: the field near 0 and its wrap at the far edge.
    const span = await page.getAttribute('[data-field-summary]', 'data-span');
    const [sh] = (span as string).split('x').map(Number);
    expect(sh).toBeLessThan(SIDE / 2);
    await page.close();
  }, 120_000);

  it('a transposed layer with a padding mode other than zeros: the stack is refused as the layer is', async () => {
    const { page } = await h.open('?view=image&lang=en&k=3&s=2&p=1&t=1&op=1&pm=reflect');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-image-mode]')?.dataset.studies === 'ready', null, { timeout: 60_000 });
    await page.selectOption('#image-field-stack', 'layer');
    // The library's refusal (PyTorch's ConvTranspose2d pads with zeros only), and nothing marked.
    await page.waitForFunction(() => /accepts only padding_mode='zeros'/.test(document.querySelector('[data-field-summary]')?.textContent ?? ''));
    expect(await page.getAttribute('[data-field-summary]', 'data-output')).toBe('');
    await page.close();
  }, 120_000);
});

describe('stacked field: a transposed layer three times says what it spreads unevenly', () => {
  /** The kernel's taps each output of one stride block of one copy takes: the library's tap map (a transposed tap on an inserted zero reads nothing). */
  function blockTapCounts(k: number, s: number, p: number, op: number): number[] {
    const ax = convTransposeGeometry({ inputShape: [1, 1, SIDE], weightShape: [1, 1, k] }, { stride: s, padding: p, outputPadding: op }, 1).axes[0];
    const mid = Math.floor(ax.output / 2);
    const per: number[] = [];
    for (let o = mid; o < mid + s; o++) per.push(Array.from({ length: k }, (_, t) => tapSource(ax, o, t)).filter((x) => x >= 0).length);
    return per.flatMap((a) => per.map((b) => a * b)).sort((a, b) => a - b);
  }
  /** Picture pixels each output of one repeating block of three copies reads: the library's field, per axis. */
  function readCounts(k: number, s: number, p: number, op: number): number[] {
    const net = buildNetwork(layerListToNetwork({ input: [1, 1, SIDE, SIDE], layers: [1, 2, 3].map((i) => ({ name: `c${i}`, out: 1, type: 'convTranspose', kernel: k, stride: s, padding: p, outputPadding: op })) }));
    const period = s ** 3;
    const mid = Math.floor((SIDE * period) / 2);
    const per = Array.from({ length: period }, (_, i) => dependencySet(net, 'c3', 0, [mid + i], true).length);
    return per.flatMap((a) => per.map((b) => a * b)).sort((a, b) => a - b);
  }

  it('3 × 3 at stride 2: each copy’s uneven taps (the checkerboard) and the spread of pixels read, not “no holes”, in English and Chinese', async () => {
    const taps = blockTapCounts(3, 2, 1, 1);
    const reads = readCounts(3, 2, 1, 1);
    expect(new Set(taps).size).toBeGreaterThan(1);
    const en = await open('?view=image&lang=en&k=3&s=2&p=1&t=1&op=1');
    const f = await marked(en);
    expect(f.text).not.toMatch(/No holes/);
    expect(f.text).toContain(`In each copy, the 4 pixels of a 2×2 block of its output take ${taps.slice(0, 3).join(', ')} and ${taps[3]} of the kernel’s 9 weights: uneven, so each copy adds a checkerboard of its own.`);
    // What this output reads, then the per-copy taps, then the spread over the stack's repeating block.
    const here = f.rows.length * f.cols.length;
    expect(f.text).toMatch(new RegExp(`^Rates 1, 1, 1: this output reads ${here} picture pixels?[,.]`));
    expect(f.text).toContain(`Through the three copies, the outputs of each 8×8 block read from ${reads[0]} to ${reads[reads.length - 1]} picture pixels.`);
    await en.close();
    const zh = await open('?view=image&lang=zh&k=3&s=2&p=1&t=1&op=1');
    const z = await marked(zh);
    expect(z.text).not.toMatch(/没有空洞/);
    expect(z.text).toContain(`每一层里，输出的每个 2×2 块中的 4 个像素，分别用到卷积核 9 个权重中的 ${taps.join('、')} 个：数目不均`);
    expect(z.text).toContain(`叠了三层之后，每个 8×8 块里的各个输出读取的图片像素从 ${reads[0]} 到 ${reads[reads.length - 1]} 个不等`);
    await zh.close();
  }, 120_000);

  it('4 × 4 at stride 2: even taps in each copy, said so, though the pixels read still vary', async () => {
    const taps = blockTapCounts(4, 2, 1, 0);
    expect(new Set(taps).size).toBe(1);
    const page = await open('?view=image&lang=en&k=4&s=2&p=1&t=1');
    const f = await marked(page);
    expect(f.text).toContain(`In each copy, every pixel of a 2×2 block of its output takes ${taps[0]} of the kernel’s 16 weights: even, so a flat kernel leaves no checkerboard.`);
    expect(f.text).not.toMatch(/No holes/);
    await page.close();
  }, 120_000);
});
