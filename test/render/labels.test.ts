import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
import { GLYPHS } from '../../src/render/font/glyphs.js';
import { FONT_SIZES } from '../../src/render/font/family.js';
import { allLabels, label } from '../../src/render/labels.js';
import { glyph, textWidth } from '../../src/render/raster/font.js';
import { sceneOf } from '../../src/render/scene-of.js';

describe('labels and the raster font', () => {
  it('every character of every label has a glyph at every size (rerun font/generate.node.ts after adding one)', () => {
    const missing = new Set<string>();
    for (const text of allLabels()) for (const ch of text.replace(/\{\w+\}/g, '')) for (const s of FONT_SIZES) if (!GLYPHS[s].glyphs[ch]) missing.add(ch);
    expect([...missing]).toEqual([]);
  });
  it('glyphs decode to masks of their stated size; CJK glyphs are wider than Latin ones', () => {
    const g = glyph('输', 14);
    expect(g.alpha.length).toBe(g.w * g.h);
    expect(Math.max(...g.alpha)).toBeGreaterThan(0.9);
    expect(textWidth('输入', 14)).toBeGreaterThan(textWidth('in', 14));
  });
  it('the step counter and the transposed subtitle read as Chinese writes them, printed with real glyphs', () => {
    const zh = sceneOf({ input: [2, 2], kernel: 3, transposed: true }, { lang: 'zh' });
    const en = sceneOf({ input: [2, 2], kernel: 3, transposed: true }, { lang: 'en' });
    const texts = (sc: typeof zh, n: number) => [...sc.base, ...sc.frames[n]].flatMap((p) => (p.type === 'text' ? [p.text] : []));
    expect(texts(zh, 0)).toContain('第 1 步，共 16 步');
    expect(texts(zh, 15)).toContain('第 16 步，共 16 步');
    // Stride 1 inserts no zeros: the subtitle names the padded input, not a zero-inserted one.
    expect(texts(zh, 0)).toContain('等价于在填充后的输入上做步长为 1 的卷积');
    expect(texts(en, 0)).toContain('drawn as a stride-1 convolution over the padded input');
    expect(texts(en, 0).join('|')).not.toContain('zero-inserted');
    // Stride 2 does insert them.
    const zh2 = sceneOf({ input: [2, 2], kernel: 3, stride: 2, transposed: true }, { lang: 'zh' });
    expect(texts(zh2, 0)).toContain('等价于在插零后的输入上做步长为 1 的卷积');
    expect(texts(sceneOf({ input: [2, 2], kernel: 3, stride: 2, transposed: true }, { lang: 'en' }), 0)).toContain('drawn as a stride-1 convolution over the zero-inserted input');
    expect(texts(en, 0)).toContain('step 1/16');
    // No character of them is drawn as the missing-glyph box.
    for (const ch of '第步共等价于在插零填充后的输入上做长为卷积翻旋') for (const s of FONT_SIZES) expect(GLYPHS[s].glyphs[ch], ch).toBeDefined();
  });
  it('Chinese labels set a bracketed word after Chinese text in full-width brackets (输出填充（a）)', () => {
    const zhLabels = allLabels().filter((x) => /[\u4e00-\u9fff]/.test(x));
    expect(zhLabels.length).toBeGreaterThan(10);
    expect(zhLabels.filter((x) => /[\u4e00-\u9fff]\s?\([^)]*\)/.test(x))).toEqual([]);
    expect(zhLabels).toContain('输出填充（a）');
  });
  it('labels are in the shared string table as render.*', () => {
    expect(t('zh', 'render.input')).toBe('输入');
    expect(t('en', 'render.kernel')).toBe('kernel');
    expect(label('zh', 'channels', { in: 2, out: 4, groups: 2, drawn: label('zh', 'channelDrawn', { c: 0 }) })).toBe('通道 2→4，分组数 2（画出输入、输出通道 0）');
  });
});
