/**
 * An option the op does not take is refused, not read as its default: PyTorch raises a TypeError
 * for an unexpected keyword, and a snake_case or misspelt name would otherwise give other numbers.
 */
import { describe, expect, it } from 'vitest';
import {
  avgPool2d, conv2d, conv2dAsync, conv2dBackward, convMatrix, poolGeometry, setFastEngineThreads, convOutputShape, convTranspose2d, convTransposeOutputShape, maxPool2d, renderGif, renderPng, renderSvg, sceneOf, tensor, trace,
} from '../../src/index.js';
import { refusal } from '../support/refusal.js';

const x = tensor(Float32Array.from({ length: 64 }, (_, i) => i % 7), [1, 1, 8, 8]);
const w = tensor(Float32Array.from({ length: 9 }, (_, i) => i - 4), [1, 1, 3, 3]);


describe('unknown option names', () => {
  it('refuses PyTorch’s snake_case keywords and names the camel-cased one meant', () => {
    const e = refusal(() => conv2d(x, w, { padding: 1, padding_mode: 'reflect' } as never));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('unknown conv2d option "padding_mode"; did you mean paddingMode? (PyTorch\'s keywords, camel-cased)');
    expect(refusal(() => convTranspose2d(x, w, { stride: 2, output_size: [18, 18] } as never)).message).toMatch(/did you mean outputSize\?/);
    expect(refusal(() => maxPool2d(x, { kernelSize: 3, stride: 2, ceil_mode: true } as never)).message).toMatch(/^unknown maxPool2d option "ceil_mode"; did you mean ceilMode\?/);
    expect(refusal(() => avgPool2d(x, { kernelSize: 3, padding: 1, count_include_pad: false } as never)).message).toMatch(/did you mean countIncludePad\?/);
  });

  it('refuses a misspelling (strides) in the compute, shape and backward functions, and lists the names when nothing is near', () => {
    expect(refusal(() => conv2d(x, w, { strides: 2 } as never)).message).toMatch(/^unknown conv2d option "strides"; did you mean stride\?/);
    expect(refusal(() => convOutputShape([1, 1, 8, 8], [1, 1, 3, 3], { strides: 2 } as never)).message).toMatch(/^unknown convOutputShape option "strides"/);
    expect(refusal(() => convTransposeOutputShape([1, 1, 8, 8], [1, 1, 3, 3], { output_padding: 1 } as never)).message).toMatch(/did you mean outputPadding\?/);
    const gy = tensor(new Float32Array(36), [1, 1, 6, 6]);
    expect(refusal(() => conv2dBackward(x, w, gy, { grads: { input: true } } as never)).message).toMatch(/^unknown conv2dBackward option "grads"/);
    const far = refusal(() => conv2d(x, w, { colour: 'red' } as never));
    expect(far.message).toBe('unknown conv2d option "colour"; use stride, padding, dilation, groups, paddingMode, bias, engine, algorithm, out');
    expect((far as unknown as { hint: string }).hint).toBe('use stride, padding, dilation, groups, paddingMode, bias, engine, algorithm, out');
  });

  it('keeps each pooling to its own keywords: the divisor is average pooling’s', () => {
    // A max pool took countIncludePad and divisorOverride and ignored them.
    expect(refusal(() => maxPool2d(x, { kernelSize: 2, countIncludePad: false } as never)).message).toBe('unknown maxPool2d option "countIncludePad"; use kernelSize, stride, padding, dilation, ceilMode, engine, out');
    expect(refusal(() => maxPool2d(x, { kernelSize: 2, divisorOverride: 3 } as never)).message).toMatch(/^unknown maxPool2d option "divisorOverride"/);
    expect(refusal(() => avgPool2d(x, { kernelSize: 2, dilation: 2 } as never)).message).toMatch(/^average pooling has no dilation/);
    expect(avgPool2d(x, { kernelSize: 2, countIncludePad: false, divisorOverride: 3 }).shape).toEqual([1, 1, 4, 4]);
    // poolGeometry's rank is its own argument: left out, it is asked for (the messages name the op by it).
    expect(refusal(() => (poolGeometry as (...a: unknown[]) => unknown)('max', [1, 1, 5, 5], { kernelSize: 3 })).message).toMatch(/^poolGeometry needs the pooling's rank \(1, 2 or 3 spatial axes\) as its fourth argument, but got undefined/);
  });

  it('refuses a misspelt name inside gradients, out and setFastEngineThreads’ options', () => {
    const gy = tensor(new Float32Array(36), [1, 1, 6, 6]);
    expect(refusal(() => conv2dBackward(x, w, gy, { gradients: { wieght: true } } as never)).message).toBe('unknown gradients option "wieght"; use input, weight, bias');
    expect(refusal(() => conv2dBackward(x, w, gy, { out: { inptu: new Float32Array(64) } } as never)).message).toBe('unknown out option "inptu"; use input, weight, bias');
    expect(refusal(() => conv2dBackward(x, w, gy, { gradients: { Input: false } } as never)).message).toMatch(/did you mean input\? \(the gradients are input, weight and bias\)/);
    expect(refusal(() => setFastEngineThreads(2, { spin: 3 } as never)).message).toBe('unknown setFastEngineThreads option "spin"; use spinMs, asyncWorker');
  });

  it('refuses it in the async functions too, and still takes every name the ops document', async () => {
    await expect(conv2dAsync(x, w, { padding_mode: 'zeros' } as never)).rejects.toThrow(/did you mean paddingMode/);
    const y = conv2d(x, w, { stride: 1, padding: 1, dilation: 1, groups: 1, paddingMode: 'reflect', bias: null, engine: 'reference', algorithm: 'auto', out: undefined });
    expect(y.shape).toEqual([1, 1, 8, 8]);
    // An option given as undefined is as good as left out.
    expect(conv2d(x, w, { stride: undefined, whatever: undefined } as never).shape).toEqual([1, 1, 6, 6]);
    expect(maxPool2d(x, { kernelSize: 2, stride: 2, padding: 0, dilation: 1, ceilMode: false, engine: 'reference' }).shape).toEqual([1, 1, 4, 4]);
  });

  it('refuses an unknown render option too (renderSvg(cfg, { fram: 4 }) drew frame 0)', () => {
    const cfg = { input: [5, 5], kernel: 3, stride: 2, padding: 1 };
    expect(refusal(() => renderSvg(cfg, { fram: 4 } as never)).message).toMatch(/^unknown render option "fram"; did you mean frame\?/);
    expect(refusal(() => renderGif(cfg, { colour: 'x' } as never)).message).toMatch(/^unknown render option "colour"; use theme, lang/);
    expect(renderSvg(cfg, { theme: 'flat', lang: 'zh', numeric: true, palette: 'colorblind', view: 'direct', textScale: 1, frame: 4 })).toMatch(/^<svg/);
  });

  it('says a render option put among the convolution’s options goes in the second argument', () => {
    const cfg = { input: [5, 5], kernel: 3, stride: 2, padding: 1 };
    const e = refusal(() => renderSvg({ ...cfg, theme: 'flat' } as never));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('"theme" is a render option; pass it in renderSvg\'s second argument (renderSvg(config, { theme }))');
    expect(refusal(() => renderPng({ ...cfg, frame: 4 } as never)).message).toMatch(/^"frame" is a render option; pass it in renderPng's second argument \(renderPng\(config, \{ frame \}\)\)$/);
    expect(refusal(() => renderGif({ ...cfg, textScale: 2 } as never)).message).toMatch(/^"textScale" is a render option; pass it in renderGif's second/);
    expect(refusal(() => sceneOf({ ...cfg, palette: 'colorblind' } as never)).message).toMatch(/^"palette" is a render option; pass it in sceneOf's second/);
    // A name that is neither stays an unknown explain option.
    expect(refusal(() => renderSvg({ ...cfg, colour: 'x' } as never)).message).toMatch(/^unknown explain option "colour"/);
  });

  it('names the option meant in a configuration as in the op options (strides was answered with the whole list)', () => {
    const cfg = { input: [5, 5], kernel: 3 };
    expect(refusal(() => renderSvg({ ...cfg, strides: 2 } as never)).message).toBe('unknown explain option "strides"; did you mean stride? (PyTorch\'s keywords, camel-cased)');
    expect(refusal(() => renderSvg({ ...cfg, output_padding: 1 } as never)).message).toMatch(/did you mean outputPadding\?/);
  });

  it('a render option value that is a near miss gets the value meant, not the default', () => {
    const cfg = { input: [5, 5], kernel: 3 };
    // Was "use theme: 'classic'" for 'flats'.
    expect(refusal(() => renderSvg(cfg, { theme: 'flats' } as never)).hint).toBe("use theme: 'flat'");
    expect(refusal(() => renderSvg(cfg, { palette: 'Colorblind' } as never)).hint).toBe("use palette: 'colorblind'");
    expect(refusal(() => renderSvg(cfg, { theme: 'slanted' } as never)).hint).toBe("use theme: 'classic'");
  });

  it('does the same for trace and convMatrix, and refuses a misspelt name in their second argument', () => {
    const cfg = { input: [4, 4], kernel: 3 };
    expect(refusal(() => trace({ ...cfg, view: 'scatter' } as never)).message).toBe('"view" is a trace option; pass it in trace\'s second argument (trace(config, { view }))');
    expect(refusal(() => convMatrix({ ...cfg, weight: [1] } as never)).message).toMatch(/^"weight" is a convMatrix option; pass it in convMatrix's second argument/);
    // Before, `{ veiw: 'scatter' }` drew the direct view and `{ weights }` left every entry a label.
    expect(refusal(() => trace(cfg, { veiw: 'scatter' } as never)).message).toBe('unknown trace option "veiw"; use view');
    expect(refusal(() => convMatrix(cfg, { weights: [1] } as never)).message).toMatch(/^unknown convMatrix option "weights"; did you mean weight\?/);
    expect(trace(cfg, { view: 'scatter' }).view).toBe('scatter');
    expect(convMatrix(cfg, { weight: [1, 2, 3, 4, 5, 6, 7, 8, 9] }).entries.length).toBeGreaterThan(0);
  });
});
