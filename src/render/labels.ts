/**
 * The words the pictures print, in English and Chinese. Kept here (not in src/i18n) because the
 * raster font (font/glyphs.ts) is generated for exactly these strings: a Chinese glyph the font
 * lacks would print as a box, so font/generate.node.ts collects its character set from this table.
 * Rerun it after adding a Chinese string.
 */
export type Lang = 'en' | 'zh';

const en = {
  input: 'input',
  output: 'output',
  kernel: 'kernel',
  stride: 'stride',
  padding: 'padding',
  dilation: 'dilation',
  outputPadding: 'output padding',
  crop: 'crop',
  convolution: 'convolution',
  transposed: 'transposed convolution',
  avgPool: 'average pooling',
  maxPool: 'max pooling',
  directView: 'drawn as a stride-1 convolution over the zero-inserted input',
  scatterView: 'scatter: each input cell stamps the kernel onto the output',
  flipped: 'flipped 180°',
  window: 'window',
  step: 'step',
  overlaps: 'writes per output cell',
  legendPadding: 'padding',
  legendInserted: 'inserted zero',
  legendExtra: 'output padding (a)',
  matrixTitle: 'convolution matrix C',
  matrixTitleT: 'transposed matrix Cᵀ',
  row: 'row',
  outputCell: 'output cell',
  rows: 'rows: output cells',
  cols: 'columns: input cells',
  equals: 'equals',
} as const;

export type LabelKey = keyof typeof en;

const zh: Record<LabelKey, string> = {
  input: '输入',
  output: '输出',
  kernel: '卷积核',
  stride: '步幅',
  padding: '填充',
  dilation: '膨胀',
  outputPadding: '输出填充',
  crop: '裁剪',
  convolution: '卷积',
  transposed: '转置卷积',
  avgPool: '平均池化',
  maxPool: '最大池化',
  directView: '画成对插零输入的步幅 1 卷积',
  scatterView: '散射：每个输入单元把卷积核印到输出上',
  flipped: '旋转 180°',
  window: '窗口',
  step: '步骤',
  overlaps: '每个输出单元的写入次数',
  legendPadding: '填充',
  legendInserted: '插入的零',
  legendExtra: '输出填充 (a)',
  matrixTitle: '卷积矩阵 C',
  matrixTitleT: '转置矩阵 Cᵀ',
  row: '行',
  outputCell: '输出单元',
  rows: '行：输出单元',
  cols: '列：输入单元',
  equals: '等于',
};

const TABLE: Record<Lang, Record<LabelKey, string>> = { en, zh };

export function label(lang: Lang, key: LabelKey): string {
  return TABLE[lang][key];
}

/** Every string of every language (the font generator's character source). */
export function allLabels(): string[] {
  return [...Object.values(en), ...Object.values(zh)];
}
