import { describe, expect, it } from 'vitest';
import { gluedRuns } from '../../web/src/keep-together.js';

const kept = (text: string) => gluedRuns(text).filter((r) => r.keep).map((r) => r.text);

describe('sizes kept whole where prose wraps (keep-together.ts)', () => {
  it('keeps a size whole, and none of the Chinese characters beside it (Chinese breaks between any two)', () => {
    expect(kept('转置卷积，卷积核 4，步长 2，')).toEqual([]);
    expect(kept('用四种方法放大到 2 倍，都用均值卷积核，')).toEqual([]);
    expect(kept('也叫微步卷积，步长相当于 1/2，作用在 3 个输入通道上，')).toEqual([]);
    expect(kept('再做 3 × 3 卷积，')).toEqual(['3 × 3']);
  });

  it('holds a text’s end together, so its last line is never one number or character alone', () => {
    expect(kept('转置卷积，卷积核 4，步长 2')).toEqual(['长 2']);
    expect(kept('最近邻缩放，再做 3 × 3 卷积')).toEqual(['3 × 3', '卷积']);
    expect(kept('双线性缩放，再做 3 × 3')).toEqual(['做 3 × 3']);
    expect(kept('输入 5 × 5')).toEqual(['入 5 × 5']);
    expect(kept('把步长改成 3：单元之间会插入 2 个零。')).toEqual(['个零。']);
    expect(kept('步长相当于 1/2。')).toEqual([]);
    expect(kept('Overlapping stamps on each 2 × 2 output block')).toEqual(['2 × 2']);
    expect(kept('Input 512 × 512, shown at 70%')).toEqual(['512 × 512']);
  });

  it('leaves lone numbers and text without sizes as they are, and never changes the text', () => {
    for (const text of ['reads 9 input pixels, rows 151–155', 'no numbers here', '', '第55行', '3×3']) {
      expect(kept(text)).toEqual([]);
      expect(gluedRuns(text).map((r) => r.text).join('')).toBe(text);
    }
    const mixed = '每个 2 × 2 输出块中四个像素上叠加的卷积核个数：1、2、2、4';
    expect(gluedRuns(mixed).map((r) => r.text).join('')).toBe(mixed);
  });
});
