/**
 * What each link key accepts, in the reader's language. The notice for an ignored link value says
 * what was wrong with it and what would have been read (state.ts `parseQuery` is the check; the
 * ranges come from its BOUNDS, so a hint cannot drift from the rule it explains).
 */
import { PRESETS } from './image/kernels.js';
import { BOUNDS, COLOURS, FIGURES, PADDING_MODES, PICTURES, SIDE_TABS } from './state.js';
import type { Lang } from './state.js';

type Range = readonly [number, number];

const words = {
  en: {
    pair: (what: string, [lo, hi]: Range, eg: string) => `${what}: a whole number ${lo}–${hi}, or H and W as ${eg}`,
    int: (what: string, [lo, hi]: Range) => `${what}: a whole number ${lo}–${hi}`,
    from: (what: string, lo: number) => `${what}: a whole number from ${lo}`,
    bool: (what: string) => `${what}: 0 or 1`,
    oneOf: (what: string, list: readonly string[]) => `${what}: ${list.join(', ')}`,
    pad: ([lo, hi]: Range) => `padding: same, valid, a whole number ${lo}–${hi}, per axis as 1x2, or before_after per axis as 0_1x1_2`,
    kernel: (what: string, count: string) => `${what}: a preset (${PRESETS.join(', ')}), or ${count} separated by commas`,
    perCell: 'one number per kernel cell',
    nine: '9 numbers',
    unknown: 'not a setting this page reads',
    query: 'the link’s settings cannot be read',
    open: ' (',
    close: ')',
    join: '; ',
    names: {
      i: 'input size', k: 'kernel size', s: 'stride', d: 'dilation', op: 'output padding', os: 'target output size',
      ci: 'input channels', co: 'output channels', g: 'groups', r: 'spatial axes (1: a 1-D layer, drawn as one row)', oc: 'output channel shown', f: 'animation step',
      tour: 'tour part', t: 'transposed', n: 'numbers', cb: 'colour-blind palette', v: 'view', m: 'matrix',
      theme: 'theme', lang: 'language', fig: 'figure', view: 'page', img: 'picture', col: 'colour', pm: 'padding mode',
      ik: 'picture kernel', lt: 'target kernel', tab: 'side tab',
    },
  },
  zh: {
    pair: (what: string, [lo, hi]: Range, eg: string) => `${what}：${lo}–${hi} 的整数，或按“高x宽”写两个数，如 ${eg}`,
    int: (what: string, [lo, hi]: Range) => `${what}：${lo}–${hi} 的整数`,
    from: (what: string, lo: number) => `${what}：不小于 ${lo} 的整数`,
    bool: (what: string) => `${what}：0 或 1`,
    oneOf: (what: string, list: readonly string[]) => `${what}：${list.join('、')}`,
    pad: ([lo, hi]: Range) => `填充：same、valid、${lo}–${hi} 的整数、按“高x宽”写成 1x2，或按“上_下x左_右”写，如 0_1x1_2`,
    kernel: (what: string, count: string) => `${what}：预设名（${PRESETS.join('、')}），或${count}，以逗号分隔`,
    perCell: '每个卷积核单元一个数',
    nine: '9 个数',
    unknown: '本页不读取这个设置',
    query: '无法读取链接中的设置',
    open: '（',
    close: '）',
    join: '；',
    names: {
      i: '输入大小', k: '卷积核大小', s: '步长', d: '膨胀率', op: '输出填充', os: '目标输出尺寸',
      ci: '输入通道数', co: '输出通道数', g: '分组数', r: '空间维度数（1 为一维层，画成一行）', oc: '显示的输出通道', f: '动画步骤',
      tour: '导览节号', t: '转置', n: '显示数值', cb: '色盲友好配色', v: '视图', m: '卷积矩阵',
      theme: '主题', lang: '语言', fig: '图示', view: '页面', img: '图片', col: '颜色', pm: '填充模式',
      ik: '图片的卷积核', lt: '目标卷积核', tab: '侧栏标签页',
    },
  },
} as const;

/** What `key` accepts; `tourSteps` is the tour's length (its last step). */
export function urlKeyHint(key: string, lang: Lang, tourSteps: number): string {
  const w = words[lang];
  const name = (w.names as Record<string, string>)[key];
  switch (key) {
    case 'i': return w.pair(name, BOUNDS.input, '4x6');
    case 'k': return w.pair(name, BOUNDS.kernel, '3x2');
    case 's': return w.pair(name, BOUNDS.stride, '2x1');
    case 'd': return w.pair(name, BOUNDS.dilation, '2x1');
    case 'op': return w.pair(name, BOUNDS.outputPadding, '1x0');
    case 'os': return w.pair(name, BOUNDS.target, '6x8');
    case 'ci': return w.int(name, BOUNDS.layerChannels);
    case 'co': return w.int(name, BOUNDS.layerChannels);
    case 'g': return w.int(name, BOUNDS.layerGroups);
    case 'r': return w.oneOf(name, ['1', '2']);
    case 'oc': return w.int(name, BOUNDS.channel);
    case 'f': return w.from(name, BOUNDS.frame[0]);
    case 'tour': return w.int(name, [BOUNDS.tour[0], tourSteps]);
    case 'p': return w.pad(BOUNDS.pad);
    case 't': case 'n': case 'cb': return w.bool(name);
    case 'v': return w.oneOf(name, ['direct', 'scatter']);
    case 'm': return w.oneOf(name, ['c', 'ct']);
    case 'theme': return w.oneOf(name, ['light', 'dark']);
    case 'lang': return w.oneOf(name, ['en', 'zh']);
    case 'fig': return w.oneOf(name, FIGURES);
    case 'view': return w.oneOf(name, ['grids', 'image']);
    case 'img': return w.oneOf(name, PICTURES);
    case 'col': return w.oneOf(name, COLOURS);
    case 'pm': return w.oneOf(name, PADDING_MODES);
    case 'tab': return w.oneOf(name, SIDE_TABS);
    case 'ik': return w.kernel(name, w.perCell);
    case 'lt': return w.kernel(name, w.nine);
    case '?': return w.query;
    default: return w.unknown;
  }
}

/** The notice's list: each ignored `key=“value”` with what it accepts, in the reader's language. */
export function urlProblemsText(problems: readonly { key: string; value: string }[], lang: Lang, tourSteps: number): string {
  const w = words[lang];
  return problems.map((p) => `${p.key}=“${p.value}”${w.open}${urlKeyHint(p.key, lang, tourSteps)}${w.close}`).join(w.join);
}
