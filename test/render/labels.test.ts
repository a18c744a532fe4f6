import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
import { GLYPHS } from '../../src/render/font/glyphs.js';
import { FONT_SIZES } from '../../src/render/font/family.js';
import { allLabels, label } from '../../src/render/labels.js';
import { glyph, textWidth } from '../../src/render/raster/font.js';

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
  it('labels are in the shared string table as render.*', () => {
    expect(t('zh', 'render.input')).toBe('输入');
    expect(t('en', 'render.kernel')).toBe('kernel');
    expect(label('zh', 'channels', { in: 2, out: 4, groups: 2 })).toBe('通道 2→4，分组 2（画出通道 0）');
  });
});
