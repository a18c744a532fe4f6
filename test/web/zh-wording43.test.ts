/**
 * The page's Chinese, one wording per idea (native reader's review R43b, findings 3, 4, 5, 7):
 * the padding's two ends are 开头 / 末尾 (not 前面 / 后面 / 末端, three words for two ends), cells a
 * stack never reaches 始终读不到 / 都读得到 (not the passive 被读取), the scatter view's counts
 * 叠加份数, and the padding types name the fields they open (the glossary has no 轴).
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/arithmetic/explain.js';
import { zh } from '../../src/i18n/zh.js';
import { presetName, t } from '../../web/src/i18n.js';
import { urlKeyHint } from '../../web/src/url-hints.js';

// The zero-width spaces mark where a line may break; a reader sees the words without them.
const say = (key: Parameters<typeof t>[1], vars: Record<string, number> = {}) => t('zh', key, vars).replace(/\u200b/g, '');

describe('the page’s Chinese wording', () => {
  it('names the padding’s ends 开头 and 末尾, and the output padding by name', () => {
    // The Formula tab of ?lang=zh&i=3&k=3&s=2&p=1&t=1&op=1, one axis: p′ = 3 − 1 − 1 = 1 a side, a = 1.
    const text = explain({ input: 3, kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true, rank: 1, lang: 'zh' }).lines.join('\n');
    expect(text).toContain('填充 p′：开头补 1 个单元，末尾补 1 个，再加输出填充 a = 1 个（末尾共 2 个）');
    expect(zh['rel.14.name']).toContain('末尾多出 a');
    for (const s of [text, ...Object.values(zh)]) expect(s).not.toMatch(/前面补|后面补|后面共|末端|后侧/);
  });

  it('says 始终读不到 / 都读得到 for the cells a stack of dilated layers reaches', () => {
    expect(say('stackHoles', { holes: 6 })).toBe('其中 6 行、6 列始终读不到');
    expect(say('stackHole')).toBe('其中 1 行、1 列始终读不到');
    expect(say('stackNoHoles')).toBe('每个单元都读得到');
  });

  it('says 叠加份数 in the view menu, the scatter caption and its legend', () => {
    for (const key of ['viewScatter', 'overlapLabel', 'legendOverlap'] as const) {
      expect(say(key)).toContain('叠加份数');
      expect(say(key)).not.toMatch(/叠加的份数|重叠次数/);
    }
  });

  it('names the padding types by the fields they open, without 轴', () => {
    expect(say('padAxis')).toBe('高、宽分别设置');
    expect(say('padAsym')).toBe('四边分别设置');
    // The link's hint for p= says the same, without 轴.
    expect(urlKeyHint('p', 'zh', 13)).toContain('按“高x宽”写成 1x2，或按“上_下x左_右”写，如 0_1x1_2');
    expect(urlKeyHint('p', 'zh', 13)).not.toContain('轴');
  });

  it('words the rest of the review’s lines as the reader proposed (findings 8, 10, 11, 13, 15, 16, 24, 25)', () => {
    const text = explain({ input: 4, kernel: 3, stride: 1, padding: 1, rank: 1, lang: 'zh' }).lines.join('\n');
    // No bracket inside a bracket; the count has its measure word and the FLOPs a sentence of their own.
    expect(text).toContain('关系式 3（半填充即 same 填充，步长为 1）');
    expect(text).toMatch(/× 每个位置 3 次；FLOPs = 2·MACs = /);
    expect([say('matrixC'), say('matrixCT')]).toEqual(['C（普通卷积，z = Cx）', 'Cᵀ（转置卷积，x = Cᵀz）']);
    expect(say('rfAlone')).toBe('以上是只看这一层时，一个输出的感受野。');
    expect(say('figureGrids')).toBe('网格（可逐个查看单元）');
    expect(say('opMode')).toBe('输出尺寸的确定方式');
    expect(presetName('padding_strides_odd', 'zh')).toBe('有填充，步长 2，除不尽');
    expect(say('tagline')).toContain('普通卷积');
    for (const s of [say('modelLegend'), ...Object.values(zh)]) expect(s).not.toContain('指南');
  });
});
