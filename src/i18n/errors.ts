/**
 * One sentence per ConvError code, in English and Chinese (`error.<CODE>`). Library messages are
 * English only (they name fields and numbers exactly as the API spells them); a Chinese page shows
 * this headline first and the detailed English message after it. The `Record<ConvErrorCode, …>`
 * type makes a new code without a headline a type error.
 */
import type { ConvErrorCode } from '../geometry/errors.js';
import { registerStrings, t, type Lang } from './index.js';

/**
 * One sentence per `ConvError` code, per language.
 *
 * @example
 * ```ts
 * import { ERROR_HEADLINES } from 'convkit';
 * ERROR_HEADLINES.en.STRIDE; //=> 'The stride must be at least 1'
 * ```
 */
export const ERROR_HEADLINES: Record<Lang, Record<ConvErrorCode, string>> = {
  en: {
    INVALID_NUMBER: 'A value is not a whole number, or is out of range',
    INVALID_OPTION: 'An option has the wrong type or an unknown value',
    INPUT_RANK: 'The input has the wrong number of dimensions',
    WEIGHT_RANK: 'The weight has the wrong number of dimensions',
    OPTION_LENGTH: 'An option has the wrong number of values',
    GROUPS: 'The groups must be at least 1 and divide the channels',
    NEGATIVE_PADDING: 'Padding is negative',
    PADDING_TOO_LARGE: 'Pooling padding is more than half the window',
    NEGATIVE_OUTPUT_PADDING: 'Output padding is negative',
    STRIDE: 'The stride must be at least 1',
    CHANNELS: 'A channel count is below 1 or does not match the weight',
    BIAS: 'The bias has the wrong shape',
    KERNEL_SIZE: 'A kernel size is 0',
    DILATION: 'The dilation must be at least 1',
    KERNEL_TOO_LARGE: 'The kernel is larger than the padded input',
    OUTPUT_PADDING: 'Output padding must be smaller than the larger of the stride and the dilation',
    OUTPUT_TOO_SMALL: 'The output would be empty',
    SAME_STRIDED: "PyTorch's padding 'same' needs stride 1",
    PADDING_STRING: 'Unknown padding text',
    PADDING_MODE: 'This padding mode is not possible here',
    OUTPUT_SIZE: 'The requested output size cannot be produced',
    EMPTY_INPUT: 'The input has a zero-sized axis',
    DATA_LENGTH: "The data length does not match the tensor's shape",
    TOO_LARGE: 'The result would be too large',
    MODEL_FILE: 'The model file cannot be read',
    MODEL_GRAPH: 'The network cannot be analysed as given',
  },
  zh: {
    INVALID_NUMBER: '某个数值无效（不是整数，或超出允许范围）',
    INVALID_OPTION: '某个选项类型错误或取值未知',
    INPUT_RANK: '输入的维数不对',
    WEIGHT_RANK: '权重的维数不对',
    OPTION_LENGTH: '某个选项的数值个数不对',
    GROUPS: '分组数须至少为 1，且能整除通道数',
    NEGATIVE_PADDING: '填充为负数',
    PADDING_TOO_LARGE: '池化的填充超过窗口的一半',
    NEGATIVE_OUTPUT_PADDING: '输出填充为负数',
    STRIDE: '步长至少为 1',
    CHANNELS: '通道数小于 1，或与权重不符',
    BIAS: '偏置的形状不对',
    KERNEL_SIZE: '卷积核某一维的大小为 0',
    DILATION: '膨胀率至少为 1',
    KERNEL_TOO_LARGE: '卷积核大于填充后的输入',
    OUTPUT_PADDING: '输出填充必须小于步长与膨胀率中的较大者',
    OUTPUT_TOO_SMALL: '输出将为空',
    SAME_STRIDED: "PyTorch 的 'same' 填充要求步长为 1",
    PADDING_STRING: '未知的填充写法',
    PADDING_MODE: '此处不能使用这种填充模式',
    OUTPUT_SIZE: '无法得到所要求的输出尺寸',
    EMPTY_INPUT: '输入有一维大小为 0',
    DATA_LENGTH: '数据长度与张量形状不符',
    TOO_LARGE: '结果太大',
    MODEL_FILE: '无法读取模型文件',
    MODEL_GRAPH: '无法按给定的方式分析这个网络',
  },
};

for (const lang of ['en', 'zh'] as const) {
  registerStrings(lang, Object.fromEntries(Object.entries(ERROR_HEADLINES[lang]).map(([code, text]) => [`error.${code}`, text])));
}

/**
 * The headline for an error code in a language; an unknown code gives a generic sentence.
 *
 * @example
 * ```ts
 * import { errorHeadline } from 'convkit';
 * errorHeadline('en', 'KERNEL_TOO_LARGE'); //=> 'The kernel is larger than the padded input'
 * errorHeadline('zh', 'KERNEL_TOO_LARGE'); //=> '卷积核大于填充后的输入'
 * ```
 */
export function errorHeadline(lang: Lang, code: string): string {
  return Object.prototype.hasOwnProperty.call(ERROR_HEADLINES.en, code) ? t(lang, `error.${code}`) : lang === 'zh' ? '出现意外错误' : 'Unexpected error';
}
