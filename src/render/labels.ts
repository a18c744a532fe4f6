/**
 * The words the pictures print, in English and Chinese (also registered in src/i18n as `render.*`).
 * The table lives here because the raster font (font/glyphs.ts) is generated for exactly these
 * strings: a Chinese glyph the font
 * lacks would print as a box, so font/generate.node.ts collects its character set from this table.
 * Rerun it after adding a Chinese string.
 */
import { registerStrings, type Lang } from '../i18n/index.js';

export type { Lang };

const en = {
  input: 'input',
  output: 'output',
  kernel: 'kernel',
  stride: 'stride',
  padding: 'padding',
  dilation: 'dilation',
  outputPadding: 'output padding',
  cropped: 'this step: {n} of {total} writes cropped by the padding',
  croppedNone: 'this step: all {total} writes land in the output',
  convolution: 'convolution',
  transposed: 'transposed convolution',
  avgPool: 'average pooling',
  maxPool: 'max pooling',
  directView: 'drawn as a stride-1 convolution over the zero-inserted input',
  directViewUnit: 'drawn as a stride-1 convolution over the padded input',
  scatterView: 'scatter: each input cell stamps the kernel onto the output',
  flipped: 'flipped 180°',
  window: 'window',
  step: 'step',
  stepOf: 'step {n}/{total}',
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
  channels: 'channels {in}→{out}, groups {groups} {drawn}',
  channelsOfLayer: 'channels {in}→{out} ({dIn}→{dOut} drawn), groups {groups} {drawn}',
  channelDrawn: '(input and output channel {c} drawn)',
  channelPairDrawn: '(input channel {ci} → output channel {co} drawn)',
  groupsDrawn: '{n} ({d} drawn)',
  // A padding mode other than zeros, after the padding's size (the glossary's words).
  paddingMode: ' ({mode})',
  reflect: 'reflect',
  replicate: 'replicate',
  circular: 'circular',
  matrixSize: ' ({rows}×{cols})',
  matrixCell: 'output cell {cell}{ch} = row {row}',
  matrixCellChannel: ' (ch {c})',
} as const;

export type LabelKey = keyof typeof en;

const zh: Record<LabelKey, string> = {
  input: '输入',
  output: '输出',
  kernel: '卷积核',
  stride: '步长',
  padding: '填充',
  dilation: '膨胀率',
  outputPadding: '输出填充',
  cropped: '本步：{total} 次写入中有 {n} 次被填充裁掉',
  croppedNone: '本步：{total} 次写入都落在输出内',
  convolution: '卷积',
  transposed: '转置卷积',
  avgPool: '平均池化',
  maxPool: '最大池化',
  directView: '等价于在插零后的输入上做步长为 1 的卷积',
  directViewUnit: '等价于在填充后的输入上做步长为 1 的卷积',
  scatterView: '散射：每个输入单元把卷积核加权叠加到输出上',
  flipped: '翻转（旋转 180°）',
  window: '窗口',
  step: '步骤',
  stepOf: '第 {n} 步，共 {total} 步',
  // The glossary's term for the scatter view's counts (web/GLOSSARY.md, overlap count).
  overlaps: '每个输出单元的叠加份数',
  legendPadding: '填充',
  legendInserted: '插入的零',
  legendExtra: '输出填充（a）',
  matrixTitle: '卷积矩阵 C',
  matrixTitleT: '转置矩阵 Cᵀ',
  row: '行',
  outputCell: '输出单元',
  rows: '行：输出单元',
  cols: '列：输入单元',
  equals: '等于',
  channels: '通道 {in}→{out}，分组数 {groups}{drawn}',
  channelsOfLayer: '通道 {in}→{out}（画出 {dIn}→{dOut}），分组数 {groups}{drawn}',
  channelDrawn: '（画出输入、输出通道 {c}）',
  channelPairDrawn: '（画出输入通道 {ci} → 输出通道 {co}）',
  groupsDrawn: '{n}（画出 {d}）',
  paddingMode: '（{mode}）',
  reflect: '镜像',
  replicate: '复制边缘',
  circular: '循环',
  matrixSize: '（{rows}×{cols}）',
  matrixCell: '输出单元 {cell}{ch}，对应第 {row} 行',
  matrixCellChannel: '（输出通道 {c}）',
};

const TABLE: Record<Lang, Record<LabelKey, string>> = { en, zh };

export function label(lang: Lang, key: LabelKey, vars?: Record<string, string | number>): string {
  const text = TABLE[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

// Also in the shared string table as `render.<key>`, so the playground and CLI text can use them.
for (const lang of ['en', 'zh'] as const) {
  registerStrings(lang, Object.fromEntries(Object.entries(TABLE[lang]).map(([k, v]) => [`render.${k}`, v])));
}

/** Every string of every language (the font generator's character source). */
export function allLabels(): string[] {
  return [...Object.values(en), ...Object.values(zh)];
}
