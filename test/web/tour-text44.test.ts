/**
 * The tour teaches the steps a student found missing (review R1, 2026-12-06):
 * - the guide is introduced where it is first used (part 6: Dumoulin & Visin's "A guide to
 *   convolution arithmetic for deep learning", 教程 in Chinese, the authors named once), with the
 *   figure's ĩ′ (the input with s − 1 zeros between cells) and s′ = 1 said in words there;
 * - part 10 goes full result → cropped by the padding → one fewer cropped with a = 1, with the
 *   library's sizes, in that order;
 * - part 3's live line writes the whole formula at stride 1 too, as at strides 2–4;
 * - part 4 spells out I, O and K (K = 3·3 = 9, not k) and the slice label's order;
 * - part 9 says why its kernel is not flipped;
 * - the Chinese of parts 4, 9 and 13 reads as written in Chinese (native reviewer's suggestions).
 * Sizes come from the library.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/arithmetic/explain.js';
import { nowText } from '../../web/src/tour/now-line.js';
import { TOUR, fill } from '../../web/src/tour/steps.js';
import { stepState } from '../../web/src/tour/tour.js';
import { cloneState, defaultState } from '../../web/src/state.js';

const part = (id: string) => TOUR.findIndex((s) => s.id === id) + 1;
const step = (id: string) => TOUR[part(id) - 1];
const text = (id: string, lang: 'en' | 'zh') => fill(step(id).text[lang], step(id).vars?.() ?? {});
const sq = (n: number) => `${n}×${n}`;

describe('the guide, named where it is first used', () => {
  it('no part before the transposed convolution speaks of the guide; part 6 names it with its authors and title, once', () => {
    const first = part('transposed-1');
    for (const [i, s] of TOUR.entries()) {
      const en = fill(s.text.en, s.vars?.() ?? {});
      const zh = fill(s.text.zh, s.vars?.() ?? {});
      if (i + 1 < first) {
        expect(en, `part ${i + 1}`).not.toMatch(/guide/i);
        expect(zh, `part ${i + 1}`).not.toContain('教程');
      } else if (i + 1 === first) {
        expect(en).toContain('Dumoulin & Visin');
        expect(en).toContain('“A guide to convolution arithmetic for deep learning”');
        expect(zh).toContain('Dumoulin 和 Visin');
        // Chinese names the authors and the glossary's 教程, not the English title: in justified
        // Chinese a long Latin title stretched the gaps between its words across the card.
        expect(zh).toContain('Dumoulin 和 Visin 的教程');
        expect(zh).toContain('教程');
      } else {
        expect(en + zh, `part ${i + 1}: the authors are named once`).not.toMatch(/Dumoulin|Visin/);
      }
    }
  });

  it('part 6 says what the figure’s ĩ′ and s′ = 1 are, beside the guide’s p′ = k − 1', () => {
    const en = text('transposed-1', 'en');
    const zh = text('transposed-1', 'zh');
    expect(en).toContain('s′ = 1');
    expect(en).toMatch(/ĩ′[^.]*s − 1 zeros between cells/);
    expect(en).toContain('p′ = k − 1');
    expect(zh).toContain('s′ = 1');
    expect(zh).toMatch(/ĩ′[^。]*插入 s − 1 个零/);
    expect(zh).toContain('p′ = k − 1');
    // Part 7's stretched size is the ĩ′ the figure writes.
    const it = explain({ input: [2, 2], kernel: 3, stride: 2, transposed: true }).axes[0].equivalent!.iTildePrime;
    expect(text('transposed-2', 'en')).toContain(`stretched to ĩ′ = ${sq(it)}`);
    expect(text('transposed-2', 'zh')).toContain(`拉伸成 ĩ′ = ${sq(it)}`);
  });
});

describe('part 10: full result, cropped by the padding, one fewer cropped with a = 1', () => {
  const base = { input: [3, 3], kernel: 3, stride: 2, transposed: true } as const;
  const full = explain(base).output[0];
  const o0 = explain({ ...base, padding: 1 }).output[0];
  const o1 = explain({ ...base, padding: 1, outputPadding: 1 }).output[0];
  const inOrder = (s: string, parts: string[]) => {
    let at = -1;
    for (const p of parts) {
      const next = s.indexOf(p, at + 1);
      expect(next, `“${p}” after position ${at} in: ${s}`).toBeGreaterThan(at);
      at = next;
    }
  };

  it('in English', () => {
    const en = text('output-padding', 'en');
    inOrder(en, [`${sq(full)}`, 'padding 1 crops one row and column from each side', sq(o0), 'one fewer is cropped at the bottom and right', sq(o1)]);
  });

  it('in Chinese', () => {
    const zh = text('output-padding', 'zh');
    inOrder(zh, [`${sq(full)}`, '四周裁掉一圈', sq(o0), '下方少裁 1 行、右侧少裁 1 列', sq(o1)]);
  });
});

describe('part 3’s live line writes the formula at every stride', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(lang, () => {
      for (const sv of [1, 2, 3, 4]) {
        const s = cloneState(stepState(part('stride'), { ...defaultState(), lang }));
        s.stride = [sv, sv];
        const line = nowText(step('stride'), s).replace(/\u00a0/g, ' ');
        const o = explain({ input: [5, 5], kernel: 3, stride: sv, padding: 1 }).output[0];
        expect(line, `stride ${sv}`).toContain(`o = ⌊(5 + 2·1 − 3)/${sv}⌋ + 1 = ${o}`);
      }
    });
  }
});

describe('part 4 spells out I, O, K and the slice label', () => {
  it('in English', () => {
    const en = text('channels', 'en');
    expect(en).toMatch(/I = 3 input and O = 64 output channels and K = 3·3 = 9 weights per slice/);
    expect(en).toContain('labelled [output channel, input channel]');
    // The sentence review 40 pinned is still whole.
    expect(en).toContain('I·O·K = 3·64·9 = 1728 weights, plus one bias per output channel: 1728 + 64 = 1792 parameters.');
  });

  it('in Chinese, with the slices said as a native writer says them', () => {
    const zh = text('channels', 'zh');
    expect(zh).toContain('输入通道数为 I、输出通道数为 O、每片的权重个数为 K = 3·3 = 9');
    expect(zh).toContain('[输出通道, 输入通道]');
    expect(zh).toContain('每个卷积核由若干 3×3 的卷积核切片组成，输入有几个通道就有几片');
    expect(zh).not.toContain('也按输入通道');
  });
});

describe('part 9 says why its kernel is not flipped', () => {
  it('in both languages', () => {
    expect(text('scatter', 'en')).toMatch(/kernel is stamped as it is; the sliding view flips it to get the same result/);
    expect(text('scatter', 'zh')).toMatch(/卷积核本身，没有翻转.*翻转[^。]*结果才相同/);
  });
});

describe('the Chinese of parts 9 and 13', () => {
  it('part 9 introduces 一份 before counting them', () => {
    const zh = text('scatter', 'zh');
    expect(zh).toContain('作为一份叠加到输出上；相邻输入单元的两份相隔 s 个单元');
    expect(zh).not.toContain('相邻两份');
  });

  it('part 13 names the tasks, then the decoders that use it', () => {
    const zh = text('uses', 'zh');
    expect(zh).toContain('语义分割、超分辨率等任务常用编码器–解码器网络，其解码器');
    expect(zh).not.toContain('都用它');
    expect(zh).toContain('通常取卷积核大小 4、步长 2、填充 1');
  });
});
