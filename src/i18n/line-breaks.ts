/**
 * Where a line of prose may not break, in English and Chinese: the runs of a text to keep on one
 * line. The page's prose (web/src/keep-together.ts, which sets each run in a span that does not
 * wrap) and the pictures' own line breaking (src/render/layout/text.ts, wrapLine, which never
 * breaks inside a run) hold the same runs, so this is the one home of the rule.
 *
 * The text around a size wraps as its language does. Chinese breaks between any two characters,
 * and next to a number too ("步长 / 2" is an ordinary break there): a run that also held the
 * Han characters beside the number ("当于 1", "用在 3 个输") moved them to the next line with it
 * and left the line before it short ("步长相 / 当于 1/2", "卷积核作 / 用在 3 个输入通道上" on a
 * phone). Only a text's end is held (TAIL), so its last line never holds one number or character
 * alone.
 *
 * Every Chinese term of the glossary (web/GLOSSARY.md) is kept whole: a caption two to a phone's
 * row broke "步 / 长 2", the classic figure's subtitle "…做步 / 长为 1 的卷积", and the pictures'
 * subtitles could still break 卷积, 输入 and 输出. Only the word is held, not the number after it,
 * so a line can still break between a word and a long run of numbers; a range after it is held
 * with it ("通道 0–3"). A count holds its number, its measure word and the noun after it ("9 个输入
 * 像素", "每个位置", "100 个输出位置": the Formula tab broke "× 每 / 个位置 27" and "个输出 /
 * 位置"), and coordinates hold the word they belong to ("output (1,0)", "的单元 (1,2)"). English
 * holds its setting words with their number or range ("channel 1", "channels 2–3", "row 256"), a
 * number with its unit ("12 ms"), and a product of bracketed factors ("(k − 1)(d − 1)") where no
 * space joins them. Both hold a shape's bracketed list ("[1, 4, 5, 5]").
 */
/**
 * The glossary's Chinese terms (web/GLOSSARY.md, its 中文 column: test/web/line-breaks-glossary.test.ts
 * reads it and fails when a term there is not held whole here), and the compounds the page builds
 * of them (输入单元, 二维卷积).
 */
const GLOSSARY_ZH = [
  '卷积核', '卷积核大小', '权重', '参数量', '偏置', '现在', '步长', '填充', '无填充', '半填充', '全填充', '有填充',
  '输出填充', '通道', '输入通道', '输出通道', '分组', '分组数', '卷积核切片', '输出平面', '单元', '输入单元', '输出单元',
  '转置卷积', '分数步长卷积', '微步卷积', '普通卷积', '翻转', '旋转', '反卷积', '最小二乘解', '伪逆', '插入的零', '插零',
  '空洞卷积', '膨胀卷积', '膨胀', '膨胀率', '空洞', '覆盖范围', '一维', '二维', '三维', '一维卷积', '二维卷积', '三维卷积',
  '感受野', '网格效应', '棋盘效应', '散射视图', '叠加', '动手试试', '高度方向', '宽度方向', '批大小', '对照图', '主图',
  '示例数值', '卷积矩阵', '转置矩阵', '渲染器', '尺寸', '上采样', '语义分割', '超分辨率', '实时语义分割', '编码器', '解码器',
  '教程', '指南', '求和', '图片', '像素', '输入像素', '输出像素', '填充模式', '填充方式', '补零', '镜像', '复制边缘', '循环',
  '灰度', '灰度图', '点按', '放大', '预设', '恒等', '均值模糊', '高斯模糊', '锐化', '拉普拉斯', '浮雕', '缩放', '最近邻',
  '双线性', '损失', '均方误差', '梯度下降', '梯度', '反向传播', '目标', '预测', '误差', '副本', '上一次设置', '学会',
  '均值卷积核', '优化器', '舍入误差', '读不到', '读得到', '叠加份数', '开头', '末尾',
  '乘积', '直接视图', '跳距', '等效填充', '算子', '缓冲区', '经验规则', '元素',
];
/**
 * Words the glossary's terms are made of, or that stand beside its counts, with no row of their
 * own: the convolution, its input and output, the kernel's positions (its taps: "卷积核的 9 个
 * 位置"), what a position does to a pixel (读取: the image mode's sentence broke "读 / 取" on a
 * phone), and what a product does in its sum (累加: the matrix's entry sentence broke "乘积累 /
 * 加到 z₁。" on a phone).
 */
const COMMON_ZH = ['卷积', '输入', '输出', '位置', '读取', '累加'];
/**
 * The Chinese words a line never splits, longest first, so that 膨胀率 is held as one word rather
 * than 膨胀 and a loose 率.
 */
export const KEPT_WORDS_ZH: readonly string[] = [...new Set([...GLOSSARY_ZH, ...COMMON_ZH])].sort((a, b) => b.length - a.length);

const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
const SIZE = `${NUMBER}(?: × ${NUMBER})*`;
const HAN = String.raw`[\u4e00-\u9fff]`;
/** A size written without spaces ("5×5"), or a lone number. */
const CELLS = `${NUMBER}(?:×${NUMBER})*`;
/**
 * Sizes with spaces in them: numbers joined by " × " ("3 × 3"), and a size and the size it becomes
 * joined by " → " (a caption's "2×2 → 7×7" ended a phone's line on "→").
 */
const GLUED = new RegExp(`${CELLS}(?: [×→] ${CELLS})+`, 'g');
/**
 * Each kept word wherever it starts, overlaps included (a lookahead matches at every character):
 * 转置卷积核 is 转置卷积 and 卷积核 at once, and the two runs join into one.
 */
const WORDS = new RegExp(`(?=(${KEPT_WORDS_ZH.join('|')}))`, 'g');
/** Two numbers joined by an en dash, the page's ranges ("channels 2–3", "通道 0–15"). */
const RANGE = `${NUMBER}–${NUMBER}`;
/**
 * A range is never split at its dash: the image mode's footprint sentence broke "columns 7– / 9"
 * on a phone. (The setting words below hold their range too.)
 */
const RANGES = new RegExp(RANGE, 'g');
/**
 * A setting's word beside its number, held as a pair. English breaks only at spaces, and the step
 * sentence under the figure broke "[channel / 1]" at 1280 px: its words (singular or plural) are
 * held with one number or one range ("channels 2–3" broke the same way; the image mode's sentence
 * "(row 256, column / 409)"). Chinese holds a glossary word with a range only ("输入通道 0–3"),
 * which reads as one item; a single number may break from its word there, as Chinese lines do.
 * English numbers keep their unit ("361.8 ms"). Only the word and its number or range, so a long
 * sentence still wraps between its pairs.
 */
const PAIRS = new RegExp(
  String.raw`\b(?:[Cc]hannel|[Ss]tride|[Pp]adding|[Dd]ilation|[Rr]ow|[Cc]olumn)s?[ \u00a0](?:${RANGE}|${NUMBER})\b` +
    String.raw`|(?:${KEPT_WORDS_ZH.join('|')})[ \u00a0]${RANGE}|\b${NUMBER}[ \u00a0](?:ms|s|KB|MB|px)\b`,
  'g',
);
/** What may stand before a measure word and count: a number or a size ("13×13"), a Chinese numeral, or 每, 这 …. */
const QUANTITY = `(?:${NUMBER}(?: ?× ?${NUMBER})*[ \\u00a0]?|[一二两三四五六七八九十几半每各这那哪])`;
/**
 * The nouns the page counts that a kept word before them names the kind of ("输出位置", "图片像素",
 * "卷积核单元"): two words that make one noun. Nouns only: a verb after a count's noun (读取, 叠加,
 * 求和) begins the rest of the sentence, which a count does not hold.
 */
const COUNTED_ZH = ['位置', '像素', '单元', '通道', '权重'];
/**
 * A count: its quantity, its measure word, and what it counts, so the measure word never ends a
 * line and stays with its noun. The step sentence broke "，7 / 个来自填充" and "8 / 个来自零" on a
 * phone, the Formula tab "× 每 / 个位置 27", and tour step 12 "覆盖 13×13 个 / 输入单元". What it
 * counts is a kept word and a counted noun after it where they stand so ("100 个输出位置": the
 * Formula tab broke "个输出 / 位置" on a phone), else the two characters after the measure word
 * (most Chinese words are two). Where a kept word starts in those two, the run goes on to its end
 * ("3 个输入通道", "9 个被读取"), so a noun is never torn after its first character.
 */
const COUNTS = new RegExp(
  `${QUANTITY}(?:个|种|张|块|份|处|组|项|条)(?:(?:${KEPT_WORDS_ZH.join('|')})(?:${COUNTED_ZH.join('|')})|${HAN}{0,2})`,
  'g',
);
/**
 * A quantity with a unit that is itself what is counted ("6 行", "第 3 步", "2 倍", "361.8 毫秒"):
 * held with its number and the particles 中的 or 的 after it, not with a noun, as none follows it
 * (two more characters held, "第 408–410 列中的 9", left the image mode's sentence a line longer on
 * a phone, and without its particles it broke "列中 / 的").
 */
const UNITS = new RegExp(`${QUANTITY}(?:行|列|步|节|层|倍|次|帧|圈|维|像素|毫秒|秒)(?:中的|的)?`, 'g');
/**
 * Coordinates with the word they belong to: an English word, or up to three Han characters ("的单元
 * (1,2)"). The matrix's words for its marked cell broke "x₆ = 输入通道 0 的 / (1,2)" on a phone,
 * the coordinates alone on a line, apart from what they are coordinates of.
 */
const COORDINATES = new RegExp(String.raw`(?:[A-Za-z]+|${HAN}{1,3})[ \u00a0]\(\d+(?:, ?\d+)+\)`, 'g');
/**
 * Factors in brackets written side by side with no space between them ("(k − 1)(d − 1)"): a line
 * may break between ")" and "(", and a Chinese phone broke the tour's footprint formula there
 * (keepFormulas holds only its spaces). Short factors only, so this holds a product, not a clause.
 */
const PRODUCT = /\([^()]{1,12}\)(?:\([^()]{1,12}\))+/g;
/**
 * A bracketed list of numbers, a tensor's shape ("[1, 4, 5, 5]"): read as one value, and a phone's
 * Formula tab broke it "[1, 4, 5, / 5]". Held whole where it fits; one too wide for a whole line
 * may break after its commas (isList says which runs may, for the page's span).
 */
const LISTS = /\[\d+(?:, \d+)+\]/g;
/** Whether a run of gluedRuns is a list alone, which may break after its commas where it is wider than a whole line. */
export const isList = (run: string): boolean => new RegExp(`^(?:${LISTS.source})$`).test(run);
/**
 * The end of a text that should not stand alone on a line of its own: a number with the character
 * before it ("步长 2"), a count with it ("零 6 个"), or the last two Chinese characters ("卷积",
 * "个零。"), with the closing marks after them if any. A narrow caption (the image mode's, two to a
 * phone's row) broke "步长 / 2" and "3 × 3 卷 / 积", a tour step's Try-it "插入 2 个 / 零。", and
 * the step sentence, which ends on a bracket closed and a full stop, "插入的零 / 6 个）。". A symbol
 * at the end (a vector's cell, z₄; a matrix, Cᵀ) keeps the two characters before it: the matrix's
 * entry sentence on a phone ended on a line of "z₄。" alone ("…乘积累加到 / z₄。"). Only the
 * text's last line can be a character shorter for it, never a line in the middle.
 */
const TAIL = new RegExp(`(?:${HAN} ${SIZE}(?: 个)?|${HAN}{2}(?: [A-Za-z][\u2080-\u2089\u1d40]*)?)[。！？）]*$`);

/**
 * The pieces of `text`: plain runs, and runs to keep on one line (sizes holding a space, the
 * glossary's words, setting words with their numbers, counts, coordinates, shapes, and the text's
 * tail).
 * Runs that overlap are one run: a size at the end joins its tail ("做 3 × 3"), a word does too
 * ("步长 2"), and a count the kept word it reaches into ("3 个输入通道").
 */
export function gluedRuns(text: string): { text: string; keep: boolean }[] {
  const found: [number, number][] = [];
  for (const m of text.matchAll(GLUED)) found.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(WORDS)) found.push([m.index, m.index + m[1].length]);
  for (const rule of [PAIRS, RANGES, COUNTS, UNITS, COORDINATES, PRODUCT, LISTS]) for (const m of text.matchAll(rule)) found.push([m.index, m.index + m[0].length]);
  const tail = TAIL.exec(text);
  if (tail) found.push([tail.index, text.length]);
  const spans: [number, number][] = [];
  for (const [from, to] of found.sort((a, b) => a[0] - b[0])) {
    const last = spans.at(-1);
    if (last && from < last[1]) last[1] = Math.max(last[1], to);
    else spans.push([from, to]);
  }
  const out: { text: string; keep: boolean }[] = [];
  let at = 0;
  for (const [from, to] of spans) {
    if (from > at) out.push({ text: text.slice(at, from), keep: false });
    out.push({ text: text.slice(from, to), keep: true });
    at = to;
  }
  if (at < text.length) out.push({ text: text.slice(at), keep: false });
  return out;
}
