/**
 * The tour: the tutorial's story as data, one entry per step — a title, one to three sentences in
 * English and in Chinese, the figure's configuration (written as the page's own URL query, so a
 * teacher can copy it from the address bar), which figure to show, and the one control the reader
 * is invited to change. Numbers in the prose ({name}) are filled from the library (`vars`), never
 * typed here. Chinese terms follow web/GLOSSARY.md.
 */
import { explain } from '../../../src/arithmetic/explain.js';
import { stackReach } from '../stack-reach.js';
import type { Figure } from '../state.js';

export type Words = { en: string; zh: string };

/** The control a step invites the reader to change (shown inside the tour card). */
export type TryControl = 'input' | 'kernel' | 'stride' | 'padding' | 'dilation' | 'outChannels' | 'inChannels' | 'outputPadding' | 'numbers' | 'view' | 'matrix' | 'pair';

export interface TourStep {
  id: string;
  title: Words;
  text: Words;
  tryIt: Words;
  /**
   * The invitation where what the control brings is already in sight (the matrix beside the card
   * on a wide screen): the control is put away, and this names what to do there instead.
   */
  tryItShown?: Words;
  control: TryControl;
  /** The configuration, as URL keys (same parser as links). */
  query: string;
  figure: Figure;
  /** Side tab to open with this step (the matrix for z = Cx). */
  tab?: 'formula' | 'matrix' | 'code' | 'export';
  /** Tutorial view below the figure to open with this step (the linked pair, dilation drawn). */
  opens?: 'pair' | 'dilation';
  /**
   * Whose numbers the figure runs on at this step, when not the page's example values: 'pair', the
   * linked pair's z and kernel, so the figure's output is the pair's Cᵀ(Cx) (pair-view.ts puts them
   * there on arriving at the step; store.ts drops them when the step or the layer changes).
   */
  figureNumbers?: 'pair';
  /** Numbers for the prose, computed by the library. */
  vars?: () => Record<string, string | number>;
  /**
   * The live line under the step's control: what the layer the figure draws gives now, in the
   * step's terms, filled from the library for the current settings (now-line.ts names what each
   * {name} is: {in} → {out}, {case}, {calc}, {weights} …). None where the control changes no size
   * and the figure itself is the answer. The overlaps have one: "inside the output" was vague, as
   * the edges get fewer copies at every kernel. The stacked layers have one: their prose
   * gives rate 2's numbers, and a reader who set rate 3 read them beside a figure of rate 3's.
   */
  now?: Words;
}

/** Output size on one axis, from the library's explanation. */
const out = (o: Parameters<typeof explain>[0]) => explain(o).output[0];

/** Span and number of holes of one output's reach through stacked 3-tap dilated layers (1-D), from the library. */
export function stackField(rates: number[]): { span: number; holes: number } {
  const r = stackReach(rates, 3);
  return { span: r.span, holes: r.holes.length };
}

export const TOUR: TourStep[] = [
  {
    id: 'parts',
    title: { en: 'The parts of a convolution', zh: '卷积由哪些部分组成' },
    text: {
      en: 'A convolution slides a small grid of weights, the kernel, over the input. At each position it multiplies the input cells under the kernel by the weights and adds the products up: that sum is one cell of the output. Here a {k}×{k} kernel on a {i}×{i} input gives a {o}×{o} output.',
      zh: '卷积就是让一小块权重——卷积核——在输入上滑动。每停在一个位置，就把卷积核盖住的输入单元与对应的权重相乘，再把乘积加起来，得到输出中的一个单元。这里 {k}×{k} 的卷积核作用在 {i}×{i} 的输入上，输出是 {o}×{o}。',
    },
    // {lo} to {hi}: the kernels this step's input takes (tour.ts asks the library; the form's bound, 9, is refused here).
    tryIt: {
      en: 'Change the kernel size, from {lo} to {hi} on this {i}×{i} input, and watch the output shrink or grow.',
      zh: '在 {lo} 到 {hi} 之间改一改卷积核大小（{i}×{i} 的输入最多容纳 {hi}×{hi} 的卷积核），看输出怎样变小或变大。',
    },
    now: { en: 'Now: kernel {kk}, {in} → {out}', zh: '现在：卷积核 {kk}，{in} → {out}' },
    control: 'kernel',
    query: 'i=4&k=3&s=1&p=0',
    figure: 'classic',
    vars: () => ({ i: 4, k: 3, o: out({ input: [4], kernel: 3 }) }),
  },
  {
    id: 'padding',
    title: { en: 'Padding: none, half, full', zh: '填充：无填充、半填充、全填充' },
    text: {
      en: 'Padding surrounds the input with a border of zeros. With no padding a {k}×{k} kernel shrinks a {i}×{i} input to {o0}×{o0}; half padding (p = 1 for k = 3) keeps it at {o1}×{o1}; full padding (p = k − 1 = 2) places the kernel wherever it overlaps the input, even by one cell, and grows it to {o2}×{o2}.',
      zh: '填充就是在输入四周补零。不加填充时，{k}×{k} 的卷积核把 {i}×{i} 的输入缩成 {o0}×{o0}；半填充（k = 3 时 p = 1）让输出保持 {o1}×{o1}；全填充（p = k − 1 = 2）让卷积核与输入只部分重叠（哪怕只重叠一个单元）的位置也参与计算，输出变大到 {o2}×{o2}。',
    },
    tryIt: { en: 'Set the padding to 0, 1 and 2.', zh: '把填充依次设为 0、1、2。' },
    now: { en: 'Now: padding {p}, {in} → {out} — {case}', zh: '现在：填充 {p}，{in} → {out}——{case}' },
    control: 'padding',
    query: 'i=5&k=3&s=1&p=1',
    figure: 'classic',
    vars: () => ({ i: 5, k: 3, o0: out({ input: [5], kernel: 3, padding: 0 }), o1: out({ input: [5], kernel: 3, padding: 1 }), o2: out({ input: [5], kernel: 3, padding: 2 }) }),
  },
  {
    id: 'stride',
    title: { en: 'Stride', zh: '步长' },
    text: {
      en: 'The stride is how far the kernel moves between two positions. With stride 2 it skips every other position, so the output is about half as large: o = ⌊(i + 2p − k) / s⌋ + 1 = ⌊({i} + 2·1 − {k}) / 2⌋ + 1 = {o}.',
      zh: '步长是卷积核每次移动的距离。步长为 2 时，它隔一个位置才停一次，输出大约缩小一半：o = ⌊(i + 2p − k) / s⌋ + 1 = ⌊({i} + 2·1 − {k}) / 2⌋ + 1 = {o}。',
    },
    tryIt: { en: 'Change the stride from 2 to 1 or 3.', zh: '把步长从 2 改成 1 或 3。' },
    // {strided}: the formula of the text, at stride 1 too (where {calc} would be the guide's shorter o = i).
    now: { en: 'Now: stride {s}, {in} → {out} ({strided})', zh: '现在：步长 {s}，{in} → {out}（{strided}）' },
    control: 'stride',
    query: 'i=5&k=3&s=2&p=1',
    figure: 'classic',
    vars: () => ({ i: 5, k: 3, o: out({ input: [5], kernel: 3, stride: 2, padding: 1 }) }),
  },
  {
    id: 'channels',
    title: { en: 'Channels and the number of weights', zh: '通道与权重个数' },
    text: {
      en: 'A colour image has 3 channels. Each kernel has one {k}×{k} slice per input channel, labelled [output channel, input channel]: the channels, each multiplied by its own slice, add up to one output cell; each output channel has its own kernel. A typical first layer, with I = 3 input and O = 64 output channels and K = 3·3 = 9 weights per slice, holds I·O·K = 3·64·9 = {weights} weights, plus one bias per output channel: {weights} + 64 = {params} parameters.',
      zh: '输入通常有多个通道（彩色图片有 3 个）；每个卷积核由若干 {k}×{k} 的卷积核切片组成，输入有几个通道就有几片，图中按 [输出通道, 输入通道] 编号。如图，每个通道与自己的卷积核切片相乘，各通道的结果求和，得到输出中的一个单元；有几个输出通道就有几个卷积核。图中只画出了几个输出通道，常见的第一层则有 64 个：记输入通道数为 I、输出通道数为 O、每片的权重个数为 K = 3·3 = 9，这样一层共有 I·O·K = 3·64·9 = {weights} 个权重，加上每个输出通道一个偏置，参数量为 {weights} + 64 = {params}。',
    },
    // {hi}: the control's upper bound (the page draws every channel's kernel and matrix rows, so 64 is out of reach).
    // The count is the live line's, under the control (the Formula tab is a screen below on a phone).
    tryIt: { en: 'Change the output channels (up to {hi}: more would not fit) and watch the parameter count below.', zh: '改变输出通道数（这里最多 {hi} 个，再多图里就放不下了），看下面的参数量如何变化。' },
    // As the text counts them: the weights I·O·K first, then the biases, then the parameters. Words,
    // not signs, between the counts: a chain "108 weights + 4 biases = 112 parameters" is one formula
    // to keepFormulas (keep-together.ts), held whole past the card's edge at 1440 × 900; each count
    // is held to its noun instead (a phone broke "+ 4 / biases").
    now: {
      en: 'Now: I·O·K = {weights}\u00a0weights{biases|, no bias: {params}\u00a0parameters|, plus 1\u00a0bias: {params}\u00a0parameters|, plus #\u00a0biases: {params}\u00a0parameters}',
      zh: '现在：I·O·K = {weights}\u00a0个权重{biases|，无偏置，参数量为 {params}|，加上 1\u00a0个偏置，参数量为 {params}|，加上 #\u00a0个偏置，参数量为 {params}}',
    },
    control: 'outChannels',
    query: 'i=5&k=3&s=1&p=1&ci=3&co=4&n=1',
    figure: 'channels',
    tab: 'formula',
    vars: () => {
      const e = explain({ input: [32, 32], kernel: 3, padding: 1, inChannels: 3, outChannels: 64, bias: true });
      return { k: 3, weights: e.paramsWithoutBias, params: e.params };
    },
  },
  {
    id: 'matrix',
    title: { en: 'The convolution as a matrix: z = Cx', zh: '把卷积写成矩阵：z = Cx' },
    text: {
      en: 'Read the {i}×{i} input row by row into a vector x of {n} numbers, and the {o}×{o} output into z of {m}. The convolution is then one matrix product z = Cx, with C of size {m}×{n}: each row holds the kernel’s {taps} weights where that output reads its input, and zeros everywhere else.',
      zh: '把 {i}×{i} 的输入逐行展开成含 {n} 个数的向量 x，把 {o}×{o} 的输出展开成含 {m} 个数的 z。卷积就成了一次矩阵乘法 z = Cx，其中 C 是 {m}×{n} 的矩阵：每一行在该输出读取的位置放着卷积核的 {taps} 个权重，其余位置都是零。',
    },
    tryIt: { en: 'Press “Show the matrix”, then step with the ◀ ▶ above it: the highlighted row of C follows the output cell being computed.', zh: '点“查看矩阵”，再用矩阵上方的 ◀ ▶ 单步前进：C 中高亮的那一行跟着正在计算的输出单元移动。' },
    tryItShown: { en: 'Step with the ◀ ▶ above the matrix: the highlighted row of C follows the output cell being computed.', zh: '用矩阵上方的 ◀ ▶ 单步前进：C 中高亮的那一行跟着正在计算的输出单元移动。' },
    control: 'matrix',
    query: 'i=4&k=3&s=1&p=0',
    figure: 'grids',
    tab: 'matrix',
    vars: () => {
      const o = out({ input: [4], kernel: 3 });
      return { i: 4, o, n: 16, m: o * o, taps: 9 };
    },
  },
  {
    id: 'transposed-1',
    title: { en: 'The transposed convolution: x = Cᵀz', zh: '转置卷积：x = Cᵀz' },
    text: {
      en: 'x = Cᵀz maps the {m} numbers of z back to {n}. At stride 1 this is an ordinary convolution: the {o}×{o} input, padded with {pp} zeros per side, is swept by the flipped kernel, giving {i}×{i} (in Dumoulin & Visin’s “A guide to convolution arithmetic for deep learning”: s′ = 1, p′ = k − 1, ĩ′ the input with s − 1 zeros between cells). PyTorch calls this padding 0: its padding is what is cropped from the output.',
      zh: 'x = Cᵀz 把 z 的 {m} 个数映射回 {n} 个数，这就是转置卷积；步长为 1 时，它等价于一个普通卷积：{o}×{o} 的输入四周各补 {pp} 圈零，用翻转（旋转 180°）的卷积核滑动，得到 {i}×{i}。图中记号出自 Dumoulin 和 Visin 的教程：步长 s′ = 1，填充 p′ = k − 1，ĩ′ 是相邻输入单元间插入 s − 1 个零后的输入。PyTorch 把这一层的填充写作 0，它的填充指从输出裁掉多少。',
    },
    tryIt: { en: 'Set the padding to 1: PyTorch crops one cell on each side, and the equivalent convolution pads one zero less.', zh: '把填充设为 1：PyTorch 在每边裁掉一个单元，等价的普通卷积也少补一圈零。' },
    now: { en: 'Now: padding {p}, {in} → {out}, p′ = {pp}', zh: '现在：填充 {p}，{in} → {out}；等价的普通卷积每边补 {pp} 圈零（p′ = {pp}）' },
    control: 'padding',
    query: 'i=2&k=3&s=1&p=0&t=1',
    figure: 'classic',
    // Cᵀ of the layer whose C step 5 showed (a transposed layer's matrix is Cᵀ: state.ts layerMatrix).
    tab: 'matrix',
    vars: () => {
      const e = explain({ input: [2, 2], kernel: 3, transposed: true });
      return { m: 4, n: 16, o: 2, i: e.output[0], pp: e.axes[0].equivalent!.pPrime[0] };
    },
  },
  {
    id: 'transposed-2',
    title: { en: 'Stride 2: inserting zeros', zh: '步长为 2：插零' },
    text: {
      en: 'With stride s the transposed convolution first inserts s − 1 zeros between neighbouring input cells, then convolves with stride 1: here the {i}×{i} input is stretched to ĩ′ = {stretched}×{stretched}, padded, and gives {o}×{o}. The kernel now advances half an input cell per step, which is why it is also called a fractionally strided convolution, with stride 1/2.',
      zh: '步长为 s 时，转置卷积先在相邻输入单元之间插入 s − 1 个零，再以步长 1 做卷积：这里 {i}×{i} 的输入被拉伸成 ĩ′ = {stretched}×{stretched}，再加上填充，得到 {o}×{o} 的输出。相对原来的输入，卷积核每步只前进半个单元，所以它也叫分数步长卷积（又称微步卷积），步长相当于 1/2。',
    },
    tryIt: { en: 'Change the stride to 3: two zeros go between the cells.', zh: '把步长改成 3：单元之间会插入 2 个零。' },
    // {inserted}: the zeros between neighbouring cells; at stride 1 there are none, and nothing is stretched.
    now: {
      en: 'Now: stride {s}, {inserted|no zeros inserted, {in}|{in} stretched to {stretched}|{in} stretched to {stretched}} → {out}',
      zh: '现在：步长 {s}，{inserted|不插零，输入 {in}|输入 {in} 插零后拉伸成 {stretched}|输入 {in} 插零后拉伸成 {stretched}}，输出 {out}',
    },
    control: 'stride',
    query: 'i=2&k=3&s=2&p=0&t=1',
    figure: 'classic',
    vars: () => {
      const e = explain({ input: [2, 2], kernel: 3, stride: 2, transposed: true });
      return { i: 2, stretched: e.axes[0].equivalent!.iTildePrime, o: e.output[0] };
    },
  },
  {
    id: 'not-inverse',
    title: { en: 'The shape comes back, the values do not', zh: '恢复的是形状，不是数值' },
    text: {
      en: 'In the pair below, a convolution C turns the {x}×{x} input x into the {z}×{z} z = Cx; the figure above runs the transposed convolution on that z, with the same kernel. Its output Cᵀz is {x}×{x} again: the shape of x comes back, but its numbers are in general not x’s, as Cᵀ is the transpose of C, not its inverse. So “deconvolution”, which would undo the convolution, is a misleading name; the layer’s weights are learned, like any layer’s.',
      zh: '在下方的对照图里，卷积 C 把 {x}×{x} 的输入 x 变成 {z}×{z} 的 z = Cx；上方的主图用同一个卷积核，对这个 z 做转置卷积。输出 Cᵀz 又是 {x}×{x}，x 的形状回来了，数值却一般回不来：Cᵀ 是 C 的转置，不是它的逆。所以把转置卷积叫作“反卷积”容易引起误解（反卷积应当能把卷积的结果还原回去）；这一层的权重和其他层一样是学出来的。',
    },
    tryIt: {
      en: 'Compare the figure’s output Cᵀz, where z = Cx, with x in the pair below, then press “Random values”.',
      zh: '把主图的输出 Cᵀz（其中 z = Cx）和下方对照图里的 x 比一比，再点“随机取值”。',
    },
    control: 'pair',
    query: 'i=2&k=3&s=2&p=0&t=1&n=1',
    figure: 'grids',
    opens: 'pair',
    // The figure is the pair's transposed convolution; on the pair's numbers it draws the Cᵀ(Cx) the prose asks about,
    // captioned Cᵀz: the Try it uses that name and says z = Cx (review R4: two names for one grid).
    figureNumbers: 'pair',
    // The sizes the prose reads off the picture: the pair's x and z (the figure's output and input).
    vars: () => ({ x: out({ input: [2], kernel: 3, stride: 2, transposed: true }), z: 2 }),
  },
  {
    id: 'scatter',
    title: { en: 'The scatter view and uneven overlaps', zh: '散射视图与不均匀的重叠' },
    text: {
      en: 'Another way to see the same layer: each input cell stamps the kernel, scaled by its value, onto the output, and neighbouring stamps lie s cells apart. When the kernel size is not a multiple of the stride the stamps overlap unevenly — the numbers count how many land on each output cell — which leaves the checkerboard pattern seen in upsampled images. Here the kernel is stamped as it is; the sliding view flips it to get the same result.',
      zh: '同一层还可以这样看：每个输入单元把卷积核乘以自己的数值，作为一份叠加到输出上；相邻输入单元的两份相隔 s 个单元。卷积核大小不是步长的整数倍时，这些叠加并不均匀，上采样得到的图片里常见的棋盘效应就由此而来；图中的数字就是每个输出单元的叠加份数。这里叠加的是卷积核本身，没有翻转；第 6–8 节滑动的是翻转后的卷积核，正因为翻转了，两种看法的结果才相同。',
    },
    tryIt: { en: 'Set the kernel size to 4, a multiple of the stride: inside the output the stamps now overlap evenly.', zh: '把卷积核大小设为 4，即步长的整数倍：现在输出内部每个单元的叠加份数都相同。' },
    // The counts away from the edges (fewer stamps reach the edges whatever the kernel), from the
    // library's scatter trace (inner-overlap.ts): "inside the output" said with numbers.
    now: {
      en: 'Now: kernel {kk}, stride {s} — {innerKinds|no output cell is clear of the edges|every inner output cell gets {inner} stamps|inner output cells get {inner} stamps: uneven}',
      zh: '现在：卷积核 {kk}，步长 {s}——{innerKinds|没有远离边缘的输出单元|内部每个输出单元的叠加份数都是 {inner}|内部输出单元的叠加份数为 {inner}，并不均匀}',
    },
    control: 'kernel',
    query: 'i=3&k=3&s=2&p=0&t=1&v=scatter',
    figure: 'grids',
  },
  {
    id: 'output-padding',
    title: { en: 'Output padding', zh: '输出填充' },
    text: {
      en: 'With kernel 3, padding 1 and stride 2, both a 5×5 and a 6×6 input give 3×3, so going back is ambiguous. Output padding a (smaller than max(stride, dilation rate)) settles it. The transposed convolution’s full result is {full}×{full}; padding 1 crops one row and column from each side, leaving {o0}×{o0}; with a = 1 (as drawn) one fewer is cropped at the bottom and right, giving {o1}×{o1}: the equivalent convolution’s input grows by a rows and columns of zeros (the cells marked a).',
      zh: '卷积核大小为 3、填充为 1 时，步长为 2 的卷积会把 5×5 和 6×6 的输入都变成 3×3，所以反推时尺寸并不唯一。输出填充 a（小于步长与膨胀率的较大者）用来消除这种歧义。转置卷积完整的结果是 {full}×{full}，填充为 1 时四周裁掉一圈，剩下 {o0}×{o0}；a = 1 时（如图），下方少裁 1 行、右侧少裁 1 列，得到 {o1}×{o1}，这相当于在等价的普通卷积的输入下方和右侧多补 a 行、a 列零（图中标 a 的单元）。',
    },
    tryIt: { en: 'Switch the output padding between 0 and 1.', zh: '把输出填充在 0 和 1 之间切换。' },
    now: { en: 'Now: output padding a = {a}, {in} → {out}', zh: '现在：输出填充 a = {a}，{in} → {out}' },
    control: 'outputPadding',
    query: 'i=3&k=3&s=2&p=1&t=1&op=1',
    figure: 'classic',
    // {full}: the transposed convolution before its padding crops anything (PyTorch's padding 0).
    vars: () => ({
      full: out({ input: [3], kernel: 3, stride: 2, padding: 0, transposed: true }),
      o0: out({ input: [3], kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: 0 }),
      o1: out({ input: [3], kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: 1 }),
    }),
  },
  {
    id: 'dilation',
    title: { en: 'Dilated convolution: holes in the kernel', zh: '空洞卷积：卷积核里的空洞' },
    text: {
      en: 'A dilated convolution spreads the kernel’s taps apart: dilation rate d leaves d − 1 holes between neighbouring taps. With d = {d} the {k}×{k} kernel covers a {kh}×{kh} footprint (k̂ = k + (k − 1)(d − 1) = d(k − 1) + 1) yet still has only {taps} weights, so each output sees a larger part of the input — a larger receptive field — at no extra cost.',
      zh: '空洞卷积把卷积核的权重彼此拉开：膨胀率为 d 时，相邻两个权重之间留出 d − 1 个空洞。d = {d} 时，{k}×{k} 的卷积核覆盖 {kh}×{kh} 的范围（k̂ = k + (k − 1)(d − 1) = d(k − 1) + 1），却仍然只有 {taps} 个权重，于是每个输出看到输入中更大的一块——感受野更大——而不增加计算量。',
    },
    tryIt: { en: 'Change the dilation rate between 1, 2 and 3.', zh: '把膨胀率在 1、2、3 之间切换。' },
    now: { en: 'Now: dilation rate {d}, footprint {foot}, {in} → {out}', zh: '现在：膨胀率 {d}，覆盖范围 {foot}，{in} → {out}' },
    control: 'dilation',
    query: 'i=7&k=3&s=1&p=0&d=2',
    figure: 'classic',
    opens: 'dilation',
    vars: () => {
      const e = explain({ input: [7, 7], kernel: 3, dilation: 2 });
      return { d: 2, k: 3, kh: e.axes[0].effectiveKernel, taps: 9 };
    },
  },
  {
    id: 'gridding',
    title: { en: 'Stacking dilation rates, and gridding', zh: '堆叠不同膨胀率的卷积层与网格效应' },
    text: {
      en: 'Stacking dilated layers grows the receptive field quickly, but the rates matter: at rate 2, three 3×3 layers reach across {span} input cells on each axis, {holes|and every one of them is read|yet one of those {span} positions is never read — the gridding effect|yet # of those {span} positions are never read — the gridding effect}. Rates 1, 2, 5 reach across {span2} cells and {holes2|leave no holes|leave one hole|leave # holes}.',
      zh: '堆叠多层空洞卷积能让感受野迅速变大，但膨胀率要选好：膨胀率为 2 时，三层 3×3 卷积在每个方向上跨越 {span} 个输入单元，{holes|其中每个位置都读得到|其中却有 # 个位置始终读不到——这就是网格效应|其中却有 # 个位置始终读不到——这就是网格效应}。膨胀率取 1、2、5 时，跨越 {span2} 个单元，{holes2|没有空洞|只留下 # 个空洞|留下 # 个空洞}。',
    },
    tryIt: { en: 'Change the dilation rate and watch which input cells one output reads.', zh: '改变膨胀率，看一个输出读取了哪些输入单元。' },
    // The rate the reader set, stacked three times (the figure's left), in the prose's terms.
    now: {
      en: 'Now: at rate {d}, three layers reach across {stackSpan} cells{stackHoles|, every one of them read|, yet one is never read|, yet # are never read}',
      zh: '现在：膨胀率为 {d} 时，三层跨越 {stackSpan} 个单元{stackHoles|，每个位置都读得到|，其中 1 个位置始终读不到|，其中 # 个位置始终读不到}',
    },
    control: 'dilation',
    query: 'i=9&k=3&s=1&p=0&d=2',
    figure: 'stack',
    vars: () => {
      const a = stackField([2, 2, 2]);
      const b = stackField([1, 2, 5]);
      return { span: a.span, holes: a.holes, span2: b.span, holes2: b.holes };
    },
  },
  {
    id: 'uses',
    title: { en: 'Where each one is used', zh: '各自用在哪里' },
    text: {
      en: 'Transposed convolutions upsample: the decoders of encoder–decoder networks for semantic segmentation and super-resolution use them, often with kernel 4, stride 2 and padding 1, which exactly doubles the size ({i}×{i} → {o}×{o}, as here). Dilated convolutions enlarge the receptive field without shrinking the feature map, which many real-time segmentation networks rely on.',
      zh: '转置卷积用于上采样：语义分割、超分辨率等任务常用编码器–解码器网络，其解码器就靠它逐级恢复分辨率，通常取卷积核大小 4、步长 2、填充 1，每次恰好把尺寸放大一倍（如图，{i}×{i} → {o}×{o}）。空洞卷积在不缩小特征图的前提下扩大感受野，许多实时语义分割网络都依赖这一点。',
    },
    tryIt: { en: 'Change the input size: the output is always twice as large.', zh: '改变输入大小：输出总是输入的两倍。' },
    now: { en: 'Now: {in} → {out} ({calc})', zh: '现在：{in} → {out}（{calc}）' },
    control: 'input',
    query: 'i=4&k=4&s=2&p=1&t=1',
    figure: 'classic',
    vars: () => ({ i: 4, o: out({ input: [4], kernel: 4, stride: 2, padding: 1, transposed: true }) }),
  },
];

/** A step's prose with its numbers filled in. */
export function fill(text: string, vars: Record<string, string | number>): string {
  // A count's words first, `{n|zero|one|other}` ('#' stands for the number), as languages word
  // 0, 1 and many differently ('leave no holes', 'one hole', '4 holes'; 没有空洞, 留下 4 个空洞),
  // then plain {name}s, those inside the chosen words included.
  const counted = text.replace(/\{(\w+)\|((?:[^{}]|\{\w+\})*)\}/g, (m, k: string, forms: string) => {
    const f = forms.split('|');
    if (!(k in vars) || f.length !== 3) return m;
    const n = Number(vars[k]);
    return f[n === 0 ? 0 : n === 1 ? 1 : 2].replace(/#/g, String(vars[k]));
  });
  return counted.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
