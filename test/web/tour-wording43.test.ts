/**
 * The tour's Chinese, one wording per idea (native reader's review R43b, findings 5, 6, 22, 24):
 * 叠加份数 for how many copies of the kernel land on a cell, 卷积核大小 where the size is meant,
 * the live lines name what they count (每边补 2 圈零（p′ = 2）; 输入 2×2 插零后…), the slice named
 * by the glossary's 卷积核切片 where it is introduced, in a sentence that does not read "每个卷积核在每个
 * 输入通道上各有一个 3×3 的卷积核切片" (卷积核 twice in one breath), and the scatter view's kernel multiplied by the cell's value
 * rather than a long pre-modifier.
 */
import { describe, expect, it } from 'vitest';
import { TOUR, fill } from '../../web/src/tour/steps.js';

const step = (id: string) => TOUR.find((s) => s.id === id)!;
const text = (id: string) => fill(step(id).text.zh, step(id).vars?.() ?? {});

describe('the tour’s Chinese wording', () => {
  it('says 叠加份数 for the overlap counts, and multiplies the kernel by the cell’s value', () => {
    const scatter = text('scatter');
    expect(scatter).toContain('每个输出单元的叠加份数');
    // Review R1 (2026-12-06): each copy is introduced as 一份 before two of them are counted.
    expect(scatter).toContain('把卷积核乘以自己的数值，作为一份叠加到输出上');
    expect(scatter).not.toContain('按自身数值缩放');
    expect(step('scatter').tryIt.zh).toContain('叠加份数都相同');
    expect(scatter + step('scatter').tryIt.zh).not.toMatch(/叠加的份数|上的份数/);
  });

  it('names the kernel’s size 卷积核大小, and introduces the 卷积核切片 without 各有一个…卷积核切片', () => {
    expect(text('output-padding')).toMatch(/^卷积核大小为 3、/);
    expect(text('output-padding')).not.toMatch(/卷积核为 \d/);
    const k = 3;
    const channels = fill(step('channels').text.zh, { ...step('channels').vars?.(), k });
    // Review R1 (2026-12-06): “每个卷积核也按输入通道…” had a 也 that referred to nothing.
    expect(channels).toContain(`每个卷积核由若干 ${k}×${k} 的卷积核切片组成，输入有几个通道就有几片`);
    expect(channels).not.toMatch(/各有一个 \d+×\d+ 的卷积核切片/);
  });

  it('the live lines say what their numbers count', () => {
    const pp = 2;
    expect(fill(step('transposed-1').now!.zh, { p: 0, in: '2×2', out: '4×4', pp })).toContain(`等价的普通卷积每边补 ${pp} 圈零（p′ = ${pp}）`);
    const now = step('transposed-2').now!.zh;
    expect(fill(now, { s: 2, inserted: 1, in: '2×2', stretched: '3×3', out: '5×5' })).toContain('输入 2×2 插零后拉伸成 3×3');
    expect(fill(now, { s: 3, inserted: 2, in: '2×2', stretched: '4×4', out: '7×7' })).toContain('输入 2×2 插零后拉伸成 4×4');
  });
});
