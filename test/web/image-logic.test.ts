/**
 * The image mode's arithmetic, without a browser: the footprint against the library's tap tables,
 * the picture layer's weights and refusals, the presets, the display map, the stacked dilated
 * field, upsampling's overlaps, the superseding runner and a learning run.
 */
import { describe, expect, it } from 'vitest';
import { isConvError } from '../../src/geometry/errors.js';
import { tapSource } from '../../src/geometry/taps.js';
import { conv2d } from '../../src/ops/conv.js';
import { tensor } from '../../src/tensor/tensor.js';
import { builtin, landscape, testCard } from '../../web/src/image/builtins.js';
import { displayOf, planesToRgba, toByte } from '../../web/src/image/display.js';
import { footprint } from '../../web/src/image/footprint.js';
import { isZeroSum, PRESETS, presetFits, presetKernel, presetOf } from '../../web/src/image/kernels.js';
import { Latest } from '../../web/src/image/latest.js';
import { ResultBuffers } from '../../web/src/image/result-buffers.js';
import { kernelGap, learned, lossOf, startLearning, step } from '../../web/src/image/learn.js';
import { pictureTensor, toGrey } from '../../web/src/image/picture.js';
import { pictureGeometry, pictureLayer } from '../../web/src/image/picture-layer.js';
import { centreCrop, resize2x, shrinkToFit } from '../../web/src/image/resize.js';
import { LAYER_HDC, LAYER_STACK, STACKS, fullSpan, layerStacks, ratesText, stackField, stackNetwork } from '../../web/src/image/stack-field.js';
import { stackReach } from '../../web/src/stack-reach.js';
import { overlapCounts } from '../../web/src/image/upsample.js';
import { defaultState, parseQuery } from '../../web/src/state.js';

const stateOf = (q: string) => parseQuery(q, defaultState()).state;
const shape = { height: 40, width: 30, channels: 3 };

describe('picture layer', () => {
  it('applies the kernel to each colour alone unless the layer has the picture’s channels', () => {
    const k = presetKernel('box', 3, 3);
    const dw = pictureLayer(stateOf('k=3&s=1&p=1'), k, shape, 'zeros');
    expect([dw.groups, dw.layerChannels, dw.weight.shape]).toEqual([3, false, [3, 1, 3, 3]]);
    const mix = pictureLayer(stateOf('k=3&s=1&p=1&ci=3&co=3&g=1'), k, shape, 'reflect');
    expect([mix.groups, mix.layerChannels, mix.weight.shape, mix.options.paddingMode]).toEqual([1, true, [3, 3, 3, 3], 'reflect']);
    // Mixing three colours divides each weight by 3: a blur keeps the brightness.
    expect(mix.weight.data[0]).toBeCloseTo(1 / 27, 6);
  });

  it('runs a 3 → 1 layer as one grey plane that sums the colours, direct and transposed', () => {
    const k = presetKernel('sharpen', 3, 3);
    const sum = pictureLayer(stateOf('k=3&s=1&p=1&ci=3&co=1'), k, shape, 'zeros');
    expect([sum.groups, sum.layerChannels, sum.weight.shape]).toEqual([1, true, [1, 3, 3, 3]]);
    expect(pictureGeometry(sum, shape).outputShape).toEqual([1, 1, 40, 30]);
    // The sum of the three colours each filtered by the kernel ÷ 3, i.e. their mean filtered.
    const x = tensor(Float32Array.from({ length: 3 * 40 * 30 }, (_, i) => ((i * 37) % 101) / 100), [1, 3, 40, 30]);
    const y = conv2d(x, sum.weight, sum.options);
    const mean = tensor(Float32Array.from({ length: 40 * 30 }, (_, i) => (x.data[i] + x.data[1200 + i] + x.data[2400 + i]) / 3), [1, 1, 40, 30]);
    const want = conv2d(mean, tensor(k, [1, 1, 3, 3]), { padding: 1 });
    for (let i = 0; i < want.data.length; i++) expect(y.data[i]).toBeCloseTo(want.data[i], 5);
    const up = pictureLayer(stateOf('k=4&s=2&p=1&t=1&ci=3&co=1'), presetKernel('box', 4, 4), shape, 'zeros');
    expect([up.groups, up.layerChannels, up.weight.shape]).toEqual([1, true, [3, 1, 4, 4]]);
    expect(pictureGeometry(up, shape).outputShape).toEqual([1, 1, 80, 60]);
    // 3 → 2 is neither the picture's channels nor one plane: each colour on its own.
    const two = pictureLayer(stateOf('k=3&s=1&p=1&ci=3&co=2'), k, shape, 'zeros');
    expect([two.groups, two.layerChannels, two.weight.shape]).toEqual([3, false, [3, 1, 3, 3]]);
  });

  it('gives the geometry of the layer on the picture, and the library refuses what PyTorch refuses', () => {
    const g = pictureGeometry(pictureLayer(stateOf('k=3&s=2&p=1&d=2'), presetKernel('identity', 3, 3), shape, 'zeros'), shape);
    expect(g.outputShape).toEqual([1, 3, 19, 14]);
    const t = pictureGeometry(pictureLayer(stateOf('k=4&s=2&p=1&t=1'), presetKernel('box', 4, 4), shape, 'zeros'), shape);
    expect(t.outputShape).toEqual([1, 3, 80, 60]);
    let err: unknown = null;
    try {
      pictureGeometry(pictureLayer(stateOf('k=3&s=2&p=same'), presetKernel('box', 3, 3), shape, 'zeros'), shape);
    } catch (e) {
      err = e;
    }
    expect(isConvError(err) && err.code).toBe('SAME_STRIDED');
  });
});

describe('picture layer: a transposed layer with a target output size', () => {
  it('runs with the output padding the library resolves the target to on the grids’ input', () => {
    // k3 s2 p1 on a 5 × 5 input: 9 × 9 without output padding; a target of 10 × 9 means a = (1, 0).
    const s = stateOf('i=5&k=3&s=2&p=1&t=1&os=10x9');
    const layer = pictureLayer(s, presetKernel('box', 3, 3), shape, 'zeros');
    expect(layer.target).toEqual({ size: [10, 9], input: [5, 5], outputPadding: [1, 0] });
    expect(layer.options.outputPadding).toEqual([1, 0]);
    // On the 40 × 30 picture: (40 − 1)·2 − 2 + 3 + 1 = 80 rows, (30 − 1)·2 − 2 + 3 + 0 = 59 columns.
    expect(pictureGeometry(layer, shape).outputShape).toEqual([1, 3, 80, 59]);
    // The same layer as the playground's with that output padding written out.
    const same = pictureLayer(stateOf('i=5&k=3&s=2&p=1&t=1&op=1x0'), presetKernel('box', 3, 3), shape, 'zeros');
    expect(same.target).toBeNull();
    expect(pictureGeometry(same, shape).outputShape).toEqual([1, 3, 80, 59]);
  });

  it('refuses a target the grids’ input cannot reach, with the library’s error', () => {
    let err: unknown = null;
    try {
      pictureLayer(stateOf('i=5&k=3&s=2&p=1&t=1&os=12x9'), presetKernel('box', 3, 3), shape, 'zeros');
    } catch (e) {
      err = e;
    }
    expect(isConvError(err) && err.code).toBe('OUTPUT_SIZE');
  });
});

describe('footprint', () => {
  it('lists exactly the pixels the library’s tap tables read, holes and padding included', () => {
    const s = stateOf('k=3&s=2&p=2&d=3');
    const layer = pictureLayer(s, presetKernel('box', 3, 3), shape, 'zeros');
    const g = pictureGeometry(layer, shape);
    for (const [oy, ox] of [[0, 0], [5, 4], [g.axes[0].output - 1, g.axes[1].output - 1]]) {
      const fp = footprint(g, oy, ox, 'zeros');
      const want = new Set<string>();
      for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) {
        const r = tapSource(g.axes[0], oy, ky);
        const c = tapSource(g.axes[1], ox, kx);
        if (r >= 0 && c >= 0) want.add(`${r},${c}`);
      }
      const got = new Set(fp.rows.flatMap((r) => fp.cols.filter((c) => r.source >= 0 && c.source >= 0).map((c) => `${r.source},${c.source}`)));
      expect(got).toEqual(want);
      expect(fp.reading + fp.zero).toBe(9);
    }
    // Dilation 3: taps 3 apart, 7 × 7 extent, 49 − 9 = 40 holes.
    const mid = footprint(g, 5, 4, 'zeros');
    expect(mid.box && [mid.box.bottom - mid.box.top, mid.box.right - mid.box.left]).toEqual([6, 6]);
    expect(mid.holes).toBe(40);
    // At the corner the extent reaches into the padding, which holds no pixels and so no holes:
    // k5 d2 p2 at (0, 0) taps rows and columns −2, 0, 2, 4, 6; of rows 0–6 × columns 0–6 (49
    // pixels) 4 × 4 are read, so 33 are holes (not 9 × 9 − 25 = 56).
    const g5 = pictureGeometry(pictureLayer(stateOf('k=5&s=1&p=2&d=2'), presetKernel('box', 5, 5), shape, 'zeros'), shape);
    const corner = footprint(g5, 0, 0, 'zeros');
    expect([corner.box, corner.holes, corner.pixels]).toEqual([{ top: -2, bottom: 6, left: -2, right: 6 }, 33, 16]);
    // The holes lie inside the rows and columns read (those the sentence names): k3 d2 p1 at (0, 0)
    // reads rows and columns 1 and 3, so 3 × 3 − 2 × 2 = 5 holes (row 0 is outside the range named).
    const g3 = pictureGeometry(pictureLayer(stateOf('k=3&s=1&p=1&d=2'), presetKernel('box', 3, 3), shape, 'zeros'), shape);
    const c3 = footprint(g3, 0, 0, 'zeros');
    expect([c3.rowSpans, c3.colSpans, c3.pixels, c3.holes]).toEqual([[[1, 3]], [[1, 3]], 4, 5]);
  });

  it('follows a padding mode to the pixel it copies, and a transposed layer to its input cells', () => {
    const g = pictureGeometry(pictureLayer(stateOf('k=3&s=1&p=1'), presetKernel('box', 3, 3), shape, 'reflect'), shape);
    const corner = footprint(g, 0, 0, 'reflect');
    expect(corner.reading).toBe(9);
    expect(corner.rows.map((t) => [t.at, t.source])).toEqual([[-1, 1], [0, 0], [1, 1]]);
    const t = pictureGeometry(pictureLayer(stateOf('k=3&s=2&p=1&t=1&op=1'), presetKernel('box', 3, 3), shape, 'zeros'), shape);
    const fp = footprint(t, 3, 3, 'zeros');
    // Odd output pixels of a k3 s2 transposed conv read 2 input cells per axis, even ones 1.
    expect(fp.reading).toBe(4);
    expect(footprint(t, 4, 4, 'zeros').reading).toBe(1);
  });

  it('counts taps and distinct pixels apart where a padding mode reads a pixel twice or wraps round', () => {
    const geo = (mode: 'zeros' | 'reflect' | 'replicate' | 'circular') => pictureGeometry(pictureLayer(stateOf('k=3&s=2&p=1'), presetKernel('box', 3, 3), shape, mode), shape);
    const [H, W] = [shape.height, shape.width];
    // Reflect at the corner: 9 taps, rows −1, 0, 1 read rows 1, 0, 1: 4 pixels, 5 taps in the padding.
    const reflect = footprint(geo('reflect'), 0, 0, 'reflect');
    expect([reflect.reading, reflect.pixels, reflect.copies]).toEqual([9, 4, 5]);
    expect([reflect.sourceRows, reflect.sourceCols]).toEqual([[0, 1], [0, 1]]);
    // Replicate: row −1 reads row 0.
    const replicate = footprint(geo('replicate'), 0, 0, 'replicate');
    expect([replicate.pixels, replicate.copies, replicate.sourceRows]).toEqual([4, 5, [0, 1]]);
    // Circular: row −1 reads the last row, so the pixels are 9 and span both edges.
    const circular = footprint(geo('circular'), 0, 0, 'circular');
    expect([circular.reading, circular.pixels, circular.copies]).toEqual([9, 9, 5]);
    expect([circular.sourceRows, circular.sourceCols]).toEqual([[0, 1, H - 1], [0, 1, W - 1]]);
    // Zeros: the padding taps read nothing, and copy nothing.
    const zeros = footprint(geo('zeros'), 0, 0, 'zeros');
    expect([zeros.reading, zeros.pixels, zeros.copies, zeros.zero]).toEqual([4, 4, 0, 5]);
    // Spans: one across a dilation's holes, two where circular padding wraps to the far edge.
    expect(circular.rowSpans).toEqual([[0, 1], [H - 1, H - 1]]);
    const dilated = (mode: 'zeros' | 'circular') => pictureGeometry(pictureLayer(stateOf('k=3&s=1&p=4&d=4'), presetKernel('box', 3, 3), shape, mode), shape);
    expect(footprint(dilated('zeros'), 10, 10, 'zeros').rowSpans).toEqual([[6, 14]]);
    expect(footprint(dilated('circular'), 0, 0, 'circular').rowSpans).toEqual([[0, 4], [H - 4, H - 4]]);
    // Away from the edges every mode reads 9 pixels through 9 taps.
    expect([footprint(geo('circular'), 5, 5, 'circular').pixels, footprint(geo('circular'), 5, 5, 'circular').copies]).toEqual([9, 0]);
  });
});

describe('kernels and display', () => {
  it('has the classic presets, embedded at the centre of larger kernels', () => {
    expect(Array.from(presetKernel('sobelX', 3, 3))).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    const g5 = presetKernel('gaussian', 5, 5);
    expect(g5.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(g5[12]).toBeCloseTo(36 / 256, 6);
    const l5 = presetKernel('laplacian', 5, 5);
    expect([l5[12], l5[7], l5[0]]).toEqual([-4, 1, 0]);
    for (const p of PRESETS) expect(presetOf(presetKernel(p, 3, 3), 3, 3)).toBe(p);
    expect(['sobelX', 'sobelY', 'laplacian'].every((p) => isZeroSum(presetKernel(p as 'sobelX', 3, 3)))).toBe(true);
    expect(isZeroSum(presetKernel('sharpen', 3, 3))).toBe(false);
  });

  it('offers the classic presets only at 3 × 3 or larger: a 2 × 2 cut of Sobel x is a blur, not an edge detector', () => {
    expect(['identity', 'box', 'gaussian'].every((p) => presetFits(p as 'box', 2, 2))).toBe(true);
    expect(['sharpen', 'sobelX', 'sobelY', 'laplacian', 'emboss'].some((p) => presetFits(p as 'sobelX', 2, 5) || presetFits(p as 'sobelX', 5, 1))).toBe(false);
    expect(() => presetKernel('sobelX', 2, 2)).toThrow(/at least 3 × 3/);
    // The weights that cut used to be are a custom kernel, not "Sobel x".
    expect(presetOf([0, 2, 0, 1], 2, 2)).toBeNull();
    expect(presetOf([0.25, 0.25, 0.25, 0.25], 2, 2)).toBe('box');
  });

  it('maps signed outputs around mid-grey and the bytes agree with toByte', () => {
    const m = displayOf(presetKernel('sobelX', 3, 3));
    expect([m.kind, toByte(0, m), toByte(4, m), toByte(-4, m)]).toEqual(['signed', 128, 255, 0]);
    const t = tensor(Float32Array.from([-0.2, 0.1, 0.5, 1.3, 0.25, 0.75]), [1, 1, 2, 3]);
    const out = new Uint8ClampedArray(24);
    planesToRgba(t, m, out);
    for (let i = 0; i < 6; i++) expect(Math.abs(out[4 * i] - toByte(t.data[i], m))).toBeLessThanOrEqual(1);
  });
});

describe('pictures', () => {
  it('are drawn the same every time, in [0, 1], with detail for the kernels', () => {
    const a = testCard(64);
    expect(a.data).toEqual(testCard(64).data);
    expect(landscape(32).data).toEqual(landscape(32).data);
    const p = builtin('scene');
    expect([p.width, p.height, p.channels]).toEqual([512, 512, 3]);
    expect(p.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Sobel x finds edges on the card: a good share of strong responses.
    const edges = conv2d(pictureTensor(toGrey(builtin('card'))), tensor(presetKernel('sobelX', 3, 3), [1, 1, 3, 3]), { padding: 1 });
    expect(edges.data.filter((v) => Math.abs(v) > 1).length).toBeGreaterThan(5000);
  });

  it('resize doubles with nearest and bilinear sampling, crops and shrinks', () => {
    const p = { width: 2, height: 1, channels: 1 as const, data: Float32Array.from([0, 1]) };
    expect(Array.from(resize2x(p, 'nearest').data)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    expect(Array.from(resize2x(p, 'bilinear').data.slice(0, 4))).toEqual([0, 0.25, 0.75, 1]);
    const c = centreCrop(builtin('card'), 128);
    expect([c.width, c.height]).toEqual([128, 128]);
    expect(shrinkToFit(builtin('card'), 128).width).toBe(128);
    // A strip thinner than the factor keeps one row (or column): the mean of what is there.
    const strip = { width: 600, height: 2, channels: 1 as const, data: Float32Array.from({ length: 1200 }, (_, i) => (i < 600 ? 0 : 1)) };
    const s = shrinkToFit(strip, 128);
    expect([s.width, s.height]).toEqual([120, 1]);
    expect(Array.from(s.data.slice(0, 3))).toEqual([0.5, 0.5, 0.5]);
    const column = { width: 1, height: 700, channels: 1 as const, data: new Float32Array(700).fill(0.25) };
    const t = shrinkToFit(column, 128);
    expect([t.width, t.height, t.data[0]]).toEqual([1, 116, 0.25]);
  });
});

describe('stacked dilated layers', () => {
  const fixed = (id: string) => STACKS.find((s) => s.id === id)!;

  it('equal rates grid, rates 1, 2, 5 cover the field', () => {
    const a = stackField(stackNetwork(fixed('2-2-2'), 64, 64), 32, 32);
    expect([a.span, a.pixels, a.holes]).toEqual([[13, 13], 49, 120]);
    const b = stackField(stackNetwork(fixed('1-2-5'), 64, 64), 32, 32);
    expect([b.span, b.holes]).toEqual([[17, 17], 0]);
    // Near the border the field is clipped to the picture (padding reads nothing).
    expect(stackField(stackNetwork(fixed('2-2-2'), 64, 64), 0, 0).rows[0]).toBe(0);
  });

  it('builds the playground layer’s stacks, whose field on the picture is the tutorial stack figure’s, axis by axis', () => {
    const cases: [[number, number], [number, number]][] = [[[3, 3], [2, 2]], [[3, 3], [1, 1]], [[3, 5], [2, 1]], [[4, 4], [3, 3]], [[5, 2], [3, 4]]];
    for (const [kernel, dilation] of cases) {
      const [again, hdc] = layerStacks(kernel, dilation);
      expect([again.id, again.kernel, again.rates, again.fromLayer]).toEqual([LAYER_STACK, kernel, [dilation, dilation, dilation], true]);
      expect([hdc.id, hdc.kernel, hdc.rates]).toEqual([LAYER_HDC, kernel, [[1, 1], [2, 2], [5, 5]]]);
      for (const stack of [again, hdc]) {
        const f = stackField(stackNetwork(stack, 200, 200), 100, 100);
        // The stack figure's reach along each axis (one axis's kernel and rates at a time).
        const axes = [0, 1].map((a) => stackReach(stack.rates.map((r) => r[a]), kernel[a]));
        const label = `${kernel} ${dilation} ${ratesText(stack)}`;
        expect(f.span, label).toEqual([axes[0].span, axes[1].span]);
        const readAt = (cells: number[]) => cells.map((c) => c - cells[0]);
        const notHoles = (r: { span: number; holes: number[] }) => [...Array(r.span).keys()].filter((i) => !r.holes.includes(i));
        expect(readAt(f.rows), label).toEqual(notHoles(axes[0]));
        expect(readAt(f.cols), label).toEqual(notHoles(axes[1]));
        expect(f.holes, label).toBe(axes[0].span * axes[1].span - notHoles(axes[0]).length * notHoles(axes[1]).length);
      }
    }
    // The layer at rate 2, three times: 13 × 13 with 120 holes (gridding); its kernel at 1, 2, 5: none.
    const [again, hdc] = layerStacks([3, 3], [2, 2]);
    expect(stackField(stackNetwork(again, 64, 64), 32, 32).holes).toBe(120);
    expect(stackField(stackNetwork(hdc, 64, 64), 32, 32).holes).toBe(0);
    expect(ratesText(layerStacks([3, 3], [2, 1])[0])).toBe('2×1, 2×1, 2×1');
    expect(ratesText(layerStacks([3, 3], [2, 1])[0], 'zh')).toBe('2×1、2×1、2×1');
    // Away from the edges the field is the library's continuous receptive field: (k − 1)·Σ rates + 1.
    expect(fullSpan(stackNetwork(layerStacks([3, 3], [2, 2])[0], 64, 64))).toEqual([13, 13]);
    expect(fullSpan(stackNetwork(layerStacks([3, 5], [3, 1])[0], 64, 64))).toEqual([19, 13]);
  });

  it('keeps the picture’s size, even kernels included (the odd padding cell after, as PyTorch’s same)', () => {
    for (const [k, d] of [[3, 2], [4, 3], [2, 5]] as const) {
      const net = stackNetwork(layerStacks([k, k], [d, d])[0], 50, 40);
      expect(net.nodes.map((n) => n.outputShape), `k${k} d${d}`).toEqual([[1, 1, 50, 40], [1, 1, 50, 40], [1, 1, 50, 40]]);
    }
  });
});

describe('upsampling', () => {
  it('kernel 3 stride 2 overlaps unevenly (1, 2, 4), kernel 4 evenly', () => {
    expect(overlapCounts('transposed3')).toEqual([1, 2, 2, 4]);
    expect(overlapCounts('transposed4')).toEqual([4, 4, 4, 4]);
  });
});

describe('superseding runner', () => {
  it('runs only the newest waiting request and never reports a superseded result', async () => {
    const done: number[] = [];
    const ran: number[] = [];
    let release: () => void = () => {};
    const r = new Latest<number, number>(
      (n) => { ran.push(n); return new Promise((res) => { release = () => res(n); }); },
      (v) => done.push(v),
      () => {},
    );
    r.request(1);
    r.request(2);
    r.request(3);
    release(); // 1 finishes, superseded by 3: not reported; 2 never runs
    await new Promise((res) => setTimeout(res, 0));
    release();
    await new Promise((res) => setTimeout(res, 0));
    expect(ran).toEqual([1, 3]);
    expect(done).toEqual([3]);
  });

  it('hands every result back once, drawn or superseded, after it was drawn', async () => {
    const log: string[] = [];
    const finish: (() => void)[] = [];
    const r = new Latest<number, number>(
      (n) => new Promise((res) => finish.push(() => res(n))),
      (v) => log.push(`drawn ${v}`),
      () => {},
      (v) => log.push(`back ${v}`),
    );
    r.request(1);
    r.request(2);
    finish.shift()!(); // 1 arrives superseded: back at once, never drawn
    await new Promise((res) => setTimeout(res, 0));
    finish.shift()!();
    await new Promise((res) => setTimeout(res, 0));
    expect(log).toEqual(['back 1', 'drawn 2', 'back 2']);
  });
});

describe('result buffers', () => {
  it('hands a buffer to one job at a time, reuses given-back ones, and keeps only the newest length', () => {
    const b = new ResultBuffers(2);
    const a = b.take(12);
    const c = b.take(12); // a is still in use: a second, distinct buffer
    expect(c).not.toBe(a);
    expect([a.length, c.length]).toEqual([12, 12]);
    b.give(a);
    b.give(a); // given twice by mistake: still only once in the pool
    expect(b.spare).toBe(1);
    expect(b.take(12)).toBe(a);
    b.give(a);
    b.give(c);
    expect(b.spare).toBe(2);
    // Another output size: the old buffers are dropped, one of the new length is made.
    const d = b.take(20);
    expect([d.length, b.spare]).toEqual([20, 0]);
    b.give(a); // a late buffer of the old length is not kept
    expect(b.spare).toBe(0);
  });
});

describe('learning a kernel', () => {
  it('lowers the loss towards Sobel x, and the input gradient is the transposed convolution of the error', () => {
    const p = shrinkToFit(builtin('card'), 64);
    const s = startLearning(p, presetKernel('sobelX', 3, 3));
    const first = lossOf(s);
    for (let i = 0; i < 150; i++) step(s);
    expect(s.losses[0]).toBeCloseTo(first, 6);
    expect(lossOf(s)).toBeLessThan(first / 20);
    expect(s.w[2]).toBeGreaterThan(0.5);
    expect(s.w[0]).toBeLessThan(-0.5);
    expect(s.transposeGap).toBeLessThan(1e-5);
  });

  it('knows when it has learned the target: the loss 1e-10 of the zero kernel’s, the kernel the target’s', () => {
    const s = startLearning(shrinkToFit(builtin('card'), 128), presetKernel('sobelX', 3, 3));
    let n = 0;
    while (!learned(s) && n < 1000) { step(s); n++; }
    // Reached on the way, well inside the page's 600 steps, and then the kernel is the target's.
    expect(n).toBeGreaterThan(50);
    expect(n).toBeLessThan(600);
    // The kernel now (lossOf) is the learned one; the one before the last step was not.
    expect(lossOf(s)).toBeLessThanOrEqual(s.losses[0] * 1e-10);
    expect(s.losses[n - 1]).toBeGreaterThan(s.losses[0] * 1e-10);
    expect(kernelGap(s)).toBeLessThan(1e-3);
    // A target 500 times larger is learned in as many steps: the rate scales with it (rateFor).
    const big = startLearning(shrinkToFit(builtin('card'), 128), presetKernel('sobelX', 3, 3).map((v) => 500 * v));
    let m = 0;
    while (!learned(big) && m < 1000) { step(big); m++; }
    expect(Math.abs(m - n)).toBeLessThan(30);
    expect(kernelGap(big)).toBeLessThan(500 * 1e-3);
    // So is one 1e30 times larger: Adam's squared gradients (~1e60) need float64, not float32.
    const huge = startLearning(shrinkToFit(builtin('card'), 128), presetKernel('sobelX', 3, 3).map((v) => 1e30 * v));
    let q = 0;
    while (!learned(huge) && q < 1000) { step(huge); q++; }
    expect(Math.abs(q - n)).toBeLessThan(30);
    // A smooth picture learns slowly: not learned after 600 steps.
    const slow = startLearning(shrinkToFit(builtin('scene'), 128), presetKernel('sobelX', 3, 3));
    for (let i = 0; i < 600; i++) step(slow);
    expect(learned(slow)).toBe(false);
    expect(kernelGap(slow)).toBeGreaterThan(1e-3);
    // …but steadily: past Adam's first oscillations the loss does not climb again. Plain Adam's
    // steps grew back once the gradients shrank (v decays), and its loss rose ~9× near step 555.
    const late = slow.losses.slice(100);
    const worst = Math.max(...late.slice(1).map((l, i) => l / late[i]));
    expect(worst).toBeLessThan(1.05);
    expect(slow.losses[599]).toBeLessThan(slow.losses[0] * 1e-3);
  });

  it('the first step reuses the zero kernel’s evaluation (drawn before Start) instead of computing it again', () => {
    const s = startLearning(shrinkToFit(builtin('card'), 32), presetKernel('sobelX', 3, 3));
    const zero = s.prediction;
    expect(zero).not.toBeNull();
    step(s);
    expect(s.prediction).toBe(zero); // the same tensor: not recomputed
    expect(Array.from(s.w).some((v) => v !== 0)).toBe(true);
    step(s);
    expect(s.prediction).not.toBe(zero); // the weights moved: evaluated afresh
  });
});
