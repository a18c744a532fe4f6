import { describe, expect, it } from 'vitest';
import { isList } from '../../src/i18n/line-breaks.js';
import { gluedRuns, keepFormulas } from '../../web/src/keep-together.js';

const kept = (text: string) => gluedRuns(text).filter((r) => r.keep).map((r) => r.text);

describe('sizes kept whole where prose wraps (keep-together.ts)', () => {
  it('keeps a size whole, and none of the Chinese characters beside it (Chinese breaks between any two) but the glossary’s words', () => {
    expect(kept('转置卷积，卷积核 4，步长 2，')).toEqual(['转置卷积', '卷积核', '步长']);
    expect(kept('用四种方法放大到 2 倍，都用均值卷积核，')).toEqual(['四种方法', '放大', '2 倍', '均值卷积核']);
    expect(kept('也叫微步卷积，步长相当于 1/2，作用在 3 个输入通道上，')).toEqual(['微步卷积', '步长', '3 个输入通道']);
    expect(kept('再做 3 × 3 卷积，')).toEqual(['3 × 3', '卷积']);
    // A size and the size it becomes, and the longest glossary word (膨胀率, not 膨胀).
    expect(kept('输入 z（插零并填充）2×2 → 7×7 · 通道 0')).toEqual(['输入', '插零', '填充', '2×2 → 7×7', '通道 0']);
    expect(kept('膨胀率 2，')).toEqual(['膨胀率']);
    // Terms that overlap are one run: 转置卷积 and 卷积核 in 转置卷积核.
    expect(kept('把转置卷积核翻转，')).toEqual(['转置卷积核', '翻转']);
  });

  it('holds English setting words with their number, and bracketed factors with no space between them', () => {
    expect(kept('[channel 0] 0.5·0.3 + 0.1·0.2 + [channel 1] 0.4·0.1')).toEqual(['channel 0', 'channel 1']);
    expect(kept('Stride 2 and dilation 3, padding 1')).toEqual(['Stride 2', 'dilation 3', 'padding 1']);
    // The plural with a range, as the classic figure's note names an output channel's inputs; in
    // Chinese the glossary word with its range (a single number may still break from its word).
    expect(kept('output channel 1 adds the shares of input channels 2–3, as')).toEqual(['channel 1', 'channels 2–3']);
    expect(kept('输出通道 1 要把输入通道 0–15 的各份加在一起，')).toEqual(['输出通道', '输入通道 0–15', '各份加在']);
    // The word alone, or a long run of numbers after it, is not a pair to hold.
    expect(kept('sum over its channels, stride of the layer')).toEqual([]);
    expect(kept('k̂ = k + (k\u00a0−\u00a01)(d\u00a0−\u00a01) = d(k − 1) + 1')).toEqual(['(k\u00a0−\u00a01)(d\u00a0−\u00a01)']);
    expect(kept('(a) and (b)')).toEqual([]);
  });

  it('holds a Chinese count with its measure word and the word after it (the step sentence broke "7 / 个来自填充" on a phone)', () => {
    expect(kept('输出 (0,0) = 9 个乘积之和：其中 2 个来自输入单元，7 个来自填充。')).toEqual(['输出 (0,0)', '9 个乘积', '2 个来自', '输入单元', '7 个来自', '填充。']);
    // At the end the count holds the character before it and its closing marks (the TAIL rule).
    expect(kept('其中 1 个来自输入单元，8 个来自零（填充 2 个，插入的零 6 个）。')).toEqual(['1 个来自', '输入单元', '8 个来自', '填充', '2 个', '插入的零 6 个）。']);
    // 个 after a word that is not a quantity is no measure word: 个数 stays free.
    expect(kept('卷积核个数，')).toEqual(['卷积核']);
  });

  it('never leaves a measure word at a line’s end, nor tears the word it counts (the Formula tab’s "× 每 / 个位置 27", step 12’s "13×13 个 / 输入单元")', () => {
    // 每, a numeral or a number before it, and what it counts after it: two characters, a whole kept
    // word, or a kept word and a counted noun (a phone's Formula tab broke "个输出 / 位置").
    expect(kept('100 个输出位置 × 每个位置 27 · FLOPs')).toEqual(['100 个输出位置', '每个位置']);
    expect(kept('读取 12 个图片像素，')).toEqual(['读取', '12 个图片像素']);
    // A verb after the noun begins the rest of the sentence: not held with the count.
    expect(kept('每个输出通道读取哪些输入通道')).toEqual(['每个输出通道', '读取', '输入通道']);
    expect(kept('这个输出像素读取的输入像素')).toEqual(['这个输出像素', '读取', '输入像素']);
    expect(kept('一个输出覆盖 13×13 个输入单元，')).toEqual(['一个输出', '13×13 个输入单元']);
    expect(kept('其中 49 个被读取，120 个从不被读取，')).toEqual(['49 个被读取', '120 个从不', '读取']);
    expect(kept('四个像素上，')).toEqual(['四个像素']);
    // A unit that is itself what is counted holds its number and the particles after it only.
    expect(kept('读取第 4–6 行、第 4–6 列中的 9 个输入像素。')).toEqual(['读取', '4–6 行', '4–6 列中的', '9 个输入像素。']);
    expect(kept('用时 361.8 毫秒，放大 2 倍显示，')).toEqual(['361.8 毫秒', '放大', '2 倍']);
    // English numbers keep their unit.
    expect(kept('Updated in 12.5 ms, 40 MB at most')).toEqual(['12.5 ms', '40 MB']);
  });

  it('holds a shape’s bracketed list whole (the Formula tab broke "[1, 4, 5, / 5]" on a phone), and marks it as a list', () => {
    expect(kept('output 5×5 (output shape [1, 4, 5, 5])')).toEqual(['[1, 4, 5, 5]']);
    expect(kept('参数量：112 = 108 个权重 [4, 3, 3, 3] + 4 个偏置')).toEqual(['参数量', '108 个权重', '[4, 3, 3, 3]', '4 个偏置']);
    expect(isList('[1, 64, 32, 32]')).toBe(true);
    // Only a list alone: a run that holds more than the list, or a list without spaces (which does not break).
    expect(isList('[1, 4] x')).toBe(false);
    expect(kept('padding [1,0]×[0,1]')).toEqual([]);
  });

  it('holds coordinates with the word they belong to (one rule for the matrix’s "x₆ = 输入通道 0 的 / (1,2)" and the pictures)', () => {
    expect(kept('x₆ = 输入通道 0 的单元 (1,2) ')).toEqual(['输入通道', '的单元 (1,2)']);
    expect(kept('z₃ = output (1,0) of output channel 2')).toEqual(['output (1,0)', 'channel 2']);
    expect(kept('x₆ = 输入 (0,12) ')).toEqual(['输入 (0,12)']);
    // Brackets that are not coordinates, or coordinates with no word before them, are not held.
    expect(kept('w(1,2) and (a, b) here')).toEqual([]);
  });

  it('holds a text’s end together, so its last line is never one number or character alone', () => {
    expect(kept('转置卷积，卷积核 4，步长 2')).toEqual(['转置卷积', '卷积核', '步长 2']);
    expect(kept('最近邻缩放，再做 3 × 3 卷积')).toEqual(['最近邻', '缩放', '3 × 3', '卷积']);
    expect(kept('双线性缩放，再做 3 × 3')).toEqual(['双线性', '缩放', '做 3 × 3']);
    expect(kept('输入 5 × 5')).toEqual(['输入 5 × 5']);
    expect(kept('把步长改成 3：单元之间会插入 2 个零。')).toEqual(['步长', '单元', '2 个零。']);
    expect(kept('步长相当于 1/2。')).toEqual(['步长']);
    expect(kept('Overlapping stamps on each 2 × 2 output block')).toEqual(['2 × 2']);
    expect(kept('Input 512 × 512, shown at 70%')).toEqual(['512 × 512']);
    // A range is never split at its dash (the image mode's "columns 7– / 9" on a phone).
    expect(kept('reads 9 input pixels, rows 151–155')).toEqual(['rows 151–155']);
    // The image mode's rows and columns, like the other setting words ("column / 409" broke on a phone).
    expect(kept('Output pixel (row 256, column 409) reads')).toEqual(['row 256', 'column 409']);
  });

  it('leaves lone numbers and text without sizes as they are, and never changes the text', () => {
    for (const text of ['reads 9 input pixels', 'no numbers here', '', '第55', '3×3']) {
      expect(kept(text)).toEqual([]);
      expect(gluedRuns(text).map((r) => r.text).join('')).toBe(text);
    }
    const mixed = '每个 2 × 2 输出块中四个像素上叠加的卷积核个数：1、2、2、4';
    expect(gluedRuns(mixed).map((r) => r.text).join('')).toBe(mixed);
  });

  it('holds a short formula whole, arrow included, and lets only a long chain break after an =', () => {
    const shown = (t: string) => keepFormulas(t).replace(/\u00a0/g, '_');
    expect(shown('full padding (p = k − 1 = 2) places')).toBe('full padding (p_=_k_−_1_=_2) places');
    expect(shown('Now: footprint 5×5, 7×7 →\u00a03×3')).toBe('Now: footprint 5×5, 7×7_→_3×3');
    // Inside Chinese only the formula counts toward its length, not the sentence set against it.
    expect(shown('全填充（p = k − 1 = 2）让卷积核与输入只部分重叠')).toBe('全填充（p_=_k_−_1_=_2）让卷积核与输入只部分重叠');
    expect(shown('(k̂ = k + (k − 1)(d − 1) = d(k − 1) + 1) yet')).toBe('(k̂_= k_+_(k_−_1)(d_−_1)_= d(k_−_1)_+_1) yet');
  });
});
