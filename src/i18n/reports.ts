/**
 * The words of the text reports the CLI prints besides explain and solve: trace, matrix, summary,
 * rf and gallery (`--lang en|zh`). Headings, labels and table headers are translated; sentences
 * that carry a library's detail (a summary's conventions and notes, an HDC caveat, why a layer was
 * skipped) stay English, as a refusal's detail does. The terms are web/GLOSSARY.md's.
 *
 * Values are passed as strings, so English keeps the digits it printed before these tables
 * existed (t() would group a number's thousands).
 */
import type { Lang } from './index.js';

const en = {
  'trace.op.conv': 'conv',
  'trace.op.convTranspose': 'convTranspose',
  'trace.op.maxPool': 'maxPool',
  'trace.op.avgPool': 'avgPool',
  'trace.view.direct': 'direct view',
  'trace.view.scatter': 'scatter view',
  'trace.head': '{op} ({view}): input {input} → output {output}, kernel {kernel}',
  'trace.head.pool': '{op} ({view}): input {input} → output {output}, window {kernel}',
  'trace.dilated': ' dilated {dilation} (extent {extent})',
  'trace.flipped': ', kernel shown flipped (rotated 180°)',
  'trace.grid': 'grid {shape} ({what}); ■ input  · padding  ○ inserted zero  a output-padding cell',
  'trace.grid.transposed': 'zero-inserted, padded input of the equivalent direct convolution',
  'trace.grid.direct': 'padded input',
  'trace.channels': 'channels: {in} in → {out} out in {groups}',
  'trace.frames': '{frames}, {taps}:',
  'trace.frames.pool': '{frames}, {reads}:',
  'trace.pool.max': 'max',
  'trace.pool.avg': 'avg',
  'trace.readPool': '  {n}. output {cell} ← {fn} of {reads}{padding}',
  'trace.inPadding': '  ({cells} in the padding)',
  'trace.read': '  {n}. output {cell} ← {reads}{zeros}',
  'trace.onZeros': '  ({taps} on zeros)',
  'trace.write': '  {n}. input {cell} → {writes}{cropped}',
  'trace.nothing': 'nothing',
  'trace.cropped': '  ({n} cropped)',
  'trace.overlap': 'overlap per output cell (writes): {counts}',
  'trace.more': '  … {n} more frames (all of them with --json)',

  'matrix.head': '{name}: {rows}×{cols} (rows: {rowShape} output cells, columns: {colShape} input cells, channel first), {nnz} non-zeros',
  'matrix.tooLarge': '  too large to print as a table (at most {maxRows}×{maxCols}); use --json',
  'matrix.wrote': 'wrote {out} ({rows}×{cols} matrix)',

  'summary.input': 'input {name} {shape}',
  'summary.inputs': 'inputs {list}',
  'summary.inputSep': ', ',
  'summary.head': '{network}: {inputs}, axes {axes}',
  'summary.col.layer': 'layer',
  'summary.col.op': 'op',
  'summary.col.input': 'input',
  'summary.col.output': 'output',
  'summary.col.params': 'params',
  'summary.col.macs': 'MACs',
  'summary.col.rf': 'RF',
  'summary.col.holes': 'holes',
  'summary.col.jump': 'jump',
  'summary.col.rel': 'rel.',
  'summary.total': 'total',
  'summary.buffers': 'Buffers (running statistics, not parameters) = {n}',
  'summary.affine': 'Affine MACs of unfused BatchNormalization (not in MACs) = {n}',
  'summary.convention': 'convention: {text}',
  'summary.note': 'note: {text}',
  'summary.noteMd': '**Note:** {text}',

  'rf.title': 'receptive field of "{target}" in input "{input}" [{shape}]',
  'rf.noSingle': '{axis}: merged branches have different jumps — no single continuous receptive field',
  'rf.global': "{axis}: global — a global pool upstream (a classifier's pooling, or a squeeze-and-excitation branch) reaches every output, so each output depends on the whole input",
  'rf.globalSpan': '  continuous span of the paths that slide with the output (global branches left out): {size}',
  'rf.axis': '{axis}: size {size}, jump {jump}, effective padding {padding}, centre of output 0 at {centre} (continuous: bounding span, Araujo et al.)',
  'rf.exact': '  exact (every cell some path reads, padding positions included{global}): span {sizes} cells, at most {holes}{repeat}',
  'rf.exact.global': ', global branches too',
  'rf.repeat.globalOutput0': '; output 0 (the global branch and the sliding paths move at different rates)',
  'rf.repeat.period': '; pattern repeats every {period} output(s), shifted by {shift} input cell(s){partial}',
  'rf.repeat.partial': ' (first {n} phases enumerated)',
  'rf.repeat.merged': '; merged paths move at different rates: output 0 shown',
  'rf.smaller': '  the exact span ({sizes}) is smaller than the continuous size ({size}): an upsampled output reads only the whole input cells inside the continuous window',
  'rf.phase.empty': '    output {output}: receives no input at all',
  'rf.phase': '    output {output}: cells {start}…{end} (span {span}, {count} read, {holes}{at})',
  'rf.phase.at': ' at {positions}',
  'rf.phase.sep': ', ',
  'rf.phase.more': '    … {n} more phase(s) in --json',
  'rf.dead': '  {dead} of every {period} outputs {verb} no input (a transposed layer with gcd(dilation, stride) > 1, or zero taps)',
  'rf.dead.one': 'receives',
  'rf.dead.many': 'receive',
  'rf.hdc': '  HDC heuristic (Wang et al. 2018; a heuristic, not a hole count) for {layers} layers, rates [{rates}], K={k}: M_2 = {m2} {cmp} K → {verdict}; exact holes {holes}',
  'rf.hdc.passes': 'passes',
  'rf.hdc.fails': 'fails',
  'rf.caveat': '    caveat: {text}',
  'rf.merge': 'merge "{node}" {axis}: {aligned} ({branches})',
  'rf.merge.aligned': 'aligned',
  'rf.merge.notAligned': 'NOT aligned',
  'rf.merge.branch': '{from}: jump {jump}, centre {centre}',
  'rf.merge.sep': '; ',
  'rf.region': 'output {output} on {axis}: {cells}{continuous}; with padding positions: {unbounded}',
  'rf.region.cells': 'cells {start}…{end}, centre {centre} ({count} read, {holes})',
  'rf.region.none': 'no input cell at all',
  'rf.region.continuous': '; continuous region [{start}, {end}], centre {centre}',
  'rf.region.noPadding': 'none',
  'rf.skippedOutput': 'network output "{name}" is not analysed{why}',
  'rf.skippedWhy': ' ({op}: {reason})',
  'rf.instead': 'analysing instead: {targets}',
  'rf.skipped': 'not analysed: {name} ({op}): {reason}',

  'gallery.title': 'convkit gallery',
  'gallery.intro': 'Drawn by <code>convkit gallery</code> from the trace of each configuration: the classic figures of Dumoulin &amp; Visin, <em>A guide to convolution arithmetic for deep learning</em>, and the examples of the tutorial.',
  'gallery.classic': 'Classic figures',
  'gallery.tutorial': 'Tutorial examples',
  'gallery.frames': ' · {n} frames',
  'gallery.wrote': 'wrote {n} pictures and index.html to {out} ({kib} KiB)',
} as const;

/** A key of the report tables. */
export type ReportKey = keyof typeof en;

const zh: Record<ReportKey, string> = {
  'trace.op.conv': '卷积',
  'trace.op.convTranspose': '转置卷积',
  'trace.op.maxPool': '最大池化',
  'trace.op.avgPool': '平均池化',
  'trace.view.direct': '直接视图',
  'trace.view.scatter': '散射视图',
  'trace.head': '{op}（{view}）：输入 {input} → 输出 {output}，卷积核 {kernel}',
  'trace.head.pool': '{op}（{view}）：输入 {input} → 输出 {output}，窗口 {kernel}',
  'trace.dilated': '，膨胀率 {dilation}（覆盖范围 {extent}）',
  'trace.flipped': '，图中的卷积核已翻转（旋转 180°）',
  'trace.grid': '网格 {shape}（{what}）；■ 输入  · 填充  ○ 插入的零  a 输出填充单元',
  'trace.grid.transposed': '等价的普通卷积的输入，已插零并填充',
  'trace.grid.direct': '填充后的输入',
  'trace.channels': '通道：输入通道 {in} → 输出通道 {out}，分组数 {g}',
  'trace.frames': '共 {f} 步，{t} 个乘积：',
  'trace.frames.pool': '共 {f} 步，窗口共 {t} 格：',
  'trace.pool.max': '最大值',
  'trace.pool.avg': '平均值',
  'trace.readPool': '  {n}. 输出 {cell} ← {reads} 的{fn}{padding}',
  'trace.inPadding': '（窗口中有 {t} 格落在填充上）',
  'trace.read': '  {n}. 输出 {cell} ← {reads}{zeros}',
  'trace.onZeros': '（其中 {t} 个乘积落在零上）',
  'trace.write': '  {n}. 输入 {cell} → {writes}{cropped}',
  'trace.nothing': '无',
  'trace.cropped': '（其中 {n} 次写入被填充裁掉）',
  'trace.overlap': '每个输出单元的叠加份数：{counts}',
  'trace.more': '  … 另有 {n} 步（--json 给出全部）',

  'matrix.head': '{name}：{rows}×{cols}（行：{rowShape} 个输出单元，列：{colShape} 个输入单元，通道在前），{nnz} 个非零元素',
  'matrix.tooLarge': '  太大，无法打印成表格（最多 {maxRows}×{maxCols}），请用 --json',
  'matrix.wrote': '已写入 {out}（{rows}×{cols} 矩阵）',

  'summary.input': '输入 {name} {shape}',
  'summary.inputs': '输入 {list}',
  'summary.inputSep': '、',
  'summary.head': '{network}：{inputs}，空间维度 {axes}',
  'summary.col.layer': '层',
  'summary.col.op': '算子',
  'summary.col.input': '输入',
  'summary.col.output': '输出',
  'summary.col.params': '参数量',
  'summary.col.macs': 'MACs',
  'summary.col.rf': '感受野',
  'summary.col.holes': '空洞',
  'summary.col.jump': '跳距',
  'summary.col.rel': '关系',
  'summary.total': '合计',
  'summary.buffers': '缓冲区（运行统计量，不是参数）= {n}',
  'summary.affine': '未融合的 BatchNormalization 的仿射乘加次数（不计入 MACs）= {n}',
  'summary.convention': '约定：{text}',
  'summary.note': '注：{text}',
  'summary.noteMd': '**注：**{text}',

  'rf.title': '"{target}" 在输入 "{input}" [{shape}] 中的感受野',
  'rf.noSingle': '{axis}：合并的分支跳距不同——没有单一的连续感受野',
  'rf.global': '{axis}：全局——上游的全局池化（分类器的池化，或 squeeze-and-excitation 分支）到达每个输出，每个输出都依赖整个输入',
  'rf.globalSpan': '  随输出滑动的路径的连续跨度（不计全局分支）为 {size}',
  'rf.axis': '{axis}：感受野大小 {size}，跳距 {jump}，等效填充 {padding}，输出 0 的中心在 {centre}（连续感受野，即外包跨度，Araujo 等人）',
  'rf.exact': '  精确（任一路径读到的单元，含填充位置{global}）：跨度 {sizes} 个单元，最多 {h} 个空洞{repeat}',
  'rf.exact.global': '，也含全局分支',
  'rf.repeat.globalOutput0': '；只给出输出 0（全局分支与滑动路径移动的速率不同）',
  'rf.repeat.period': '；以 {period} 个输出为周期重复，每个周期平移 {shift} 个输入单元{partial}',
  'rf.repeat.partial': '（只枚举了前 {n} 个相位）',
  'rf.repeat.merged': '；合并的路径移动速率不同，只给出输出 0',
  'rf.smaller': '  精确跨度（{sizes}）小于连续感受野大小（{size}）——上采样后的输出只读取连续窗口内完整的输入单元',
  'rf.phase.empty': '    输出 {output}：读不到任何输入',
  'rf.phase': '    输出 {output}：单元 {start}…{end}（跨度 {span}，读到 {count} 个，{h} 个空洞{at}）',
  'rf.phase.at': '，位于 {positions}',
  'rf.phase.sep': '、',
  'rf.phase.more': '    … 另有 {n} 个相位，见 --json',
  'rf.dead': '  每 {period} 个输出中有 {dead} 个读不到任何输入（gcd(膨胀率, 步长) > 1 的转置卷积层，或没有乘积）',
  'rf.dead.one': '',
  'rf.dead.many': '',
  'rf.hdc': '  HDC 经验规则（Wang 等人 2018；只是经验规则，不是空洞计数），{layers} 层，膨胀率 [{rates}]，K={k}：M_2 = {m2} {cmp} K → {verdict}；精确空洞数 {holes}',
  'rf.hdc.passes': '通过',
  'rf.hdc.fails': '不通过',
  'rf.caveat': '    注意：{text}',
  'rf.merge': '合并 "{node}"，{axis}：{aligned}（{branches}）',
  'rf.merge.aligned': '已对齐',
  'rf.merge.notAligned': '未对齐',
  'rf.merge.branch': '{from} 跳距 {jump}，中心 {centre}',
  'rf.merge.sep': '；',
  'rf.region': '输出 {output}，{axis}：{cells}{continuous}；含填充位置为 {unbounded}',
  'rf.region.cells': '单元 {start}…{end}，中心 {centre}（读到 {count} 个，{h} 个空洞）',
  'rf.region.none': '读不到任何输入单元',
  'rf.region.continuous': '；连续区域 [{start}, {end}]，中心 {centre}',
  'rf.region.noPadding': '无',
  'rf.skippedOutput': '网络输出 "{name}" 未分析{why}',
  'rf.skippedWhy': '（{op}：{reason}）',
  'rf.instead': '改为分析 {targets}',
  'rf.skipped': '未分析 {name}（{op}）：{reason}',

  'gallery.title': 'convkit 图库',
  'gallery.intro': '由 <code>convkit gallery</code> 按每种配置的计算过程画出：教程（Dumoulin &amp; Visin，<em>A guide to convolution arithmetic for deep learning</em>）中的经典示意图，以及更多示例。',
  'gallery.classic': '经典示意图',
  'gallery.tutorial': '示例',
  'gallery.frames': ' · 共 {n} 步',
  'gallery.wrote': '已把 {n} 张图和 index.html 写入 {out}（{kib} KiB）',
};

/** The report strings per language. */
export const REPORT_STRINGS: Record<Lang, Record<ReportKey, string>> = { en, zh };

/**
 * The report string `key` in `lang` with its `{name}` placeholders filled (values as given: no
 * thousands grouping). Read from this module's tables rather than registered in the shared one,
 * so importing it has no side effect (the bundles drop side-effect-only imports).
 */
export function reportText(lang: Lang, key: string, vars: Record<string, string> = {}): string {
  const template = (REPORT_STRINGS[lang] as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/**
 * How many terminal columns a text takes: Chinese characters and full-width punctuation take two,
 * so a table padded by characters would lose its columns under `--lang zh`.
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
