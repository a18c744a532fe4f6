/**
 * A refusal in the page's words: built from the ConvError's stable `code` and its `values` (never
 * from its English message), in the page's language, naming the page's controls (Padding, Output
 * padding, Groups…) rather than the library's option names. Codes the page's controls cannot
 * produce fall back to the library's message (English) or its translated headline (Chinese).
 */
import type { ConvError } from '../../src/geometry/errors.js';
import { groupsFit } from '../../src/geometry/options.js';
import { errorHeadline } from '../../src/i18n/errors.js';
import { bound } from './range-text.js';
import { t, type MessageKey } from './i18n.js';
import { BOUNDS, plainPadMode, type Lang, type State } from './state.js';
import type { TryControl } from './tour/steps.js';

const num = (v: unknown, i: number): number => (Array.isArray(v) ? Number(v[i]) : Number(v));

/**
 * The one control a reader has (a tour step's card offers one, tour/steps.ts TryControl): a
 * refusal then advises what that control can do ("Set Kernel size to at most 4"), not a choice
 * between fields the card does not show ("Set Padding to at least 3 per side, or use a kernel of
 * at most 4"). Null: the whole form.
 */
export type OnlyControl = TryControl | null;

/**
 * Whether height and width have the same settings (as every tour step's layer has). A transposed
 * layer sized by a target output size has it per axis (target H 7, W 5 refused "H and W = 7",
 * review 40) in place of the output padding, which it then does not use. A refusal of such a layer
 * is about both axes, "H and W" (pageErrorText's `axes: 'both'`), wherever the page says it: the
 * Layer form (errors-display.ts) and the views that build the layer again (the linked pair, the
 * dilation view's twin), which wrote "H:" beside the form's "H and W:" (student review 54).
 */
export function sameAxes(s: State): boolean {
  const same = (v: readonly number[]) => v[0] === v[1];
  const sized = s.transposed && s.useTarget ? same(s.target) : same(s.outputPadding);
  return same(s.input) && same(s.kernel) && same(s.stride) && same(s.dilation) && sized && s.pad[0] === s.pad[2] && s.pad[1] === s.pad[3];
}

/**
 * `axes: 'both'`: the message is about a control that sets height and width together (the tour's
 * one control on a square layer), so it names both axes rather than the one the library checked first.
 */
export function pageErrorText(e: ConvError, lang: Lang, axes: 'one' | 'both' = 'one', only: OnlyControl = null): string {
  const text = composed(e, lang, axes, only);
  // An error without the numbers its code carries (built by hand, or from an older library):
  // not a sentence with holes in it, but what the library said (Chinese: its translated headline).
  return /NaN|undefined/.test(text) ? fallback(e, lang) : text;
}

/**
 * The form's padding that gives TensorFlow's 'same' ([[top, bottom], [left, right]] from the
 * library's SAME_STRIDED refusal), in its plainest padding type with the fields' own names ("“one
 * number” with 1"); null where the refusal has none or a side is past what the form takes.
 */
function tensorflowSame(pairs: unknown, lang: Lang): string | null {
  const flat = Array.isArray(pairs) && pairs.length === 2 ? pairs.flat().map(Number) : [];
  if (flat.length !== 4 || !flat.every((p) => Number.isInteger(p) && p >= BOUNDS.pad[0] && p <= BOUNDS.pad[1])) return null;
  const [top, bottom, left, right] = flat;
  const zh = lang === 'zh';
  // Each field by its label ("Top 0, Bottom 1" / “上、下分别填 0、1”); one number needs none.
  const choose = (mode: MessageKey, fields: [MessageKey | null, number][]): string => {
    const [labels, values] = [fields.map(([label]) => (label ? t(lang, label) : '')), fields.map(([, n]) => n)];
    if (zh) return `“${t(lang, mode)}”${fields.length === 1 ? `并填 ${values[0]}` : `，${labels.join('、')}分别填 ${values.join('、')}`}`;
    return `“${t(lang, mode)}” with ${fields.map((_, i) => `${labels[i] ? `${labels[i]} ` : ''}${values[i]}`).join(', ')}`;
  };
  switch (plainPadMode([top, bottom, left, right])) {
    case 'number': return choose('padNumber', [[null, top]]);
    case 'axis': return choose('padAxis', [['padH', top], ['padW', left]]);
    default: return choose('padAsym', [['padTop', top], ['padBottom', bottom], ['padLeft', left], ['padRight', right]]);
  }
}

/** A refusal the page has no sentence for: the library's own message in English, its headline in Chinese. */
function fallback(e: ConvError, lang: Lang): string {
  if (lang !== 'zh' && e.message) return e.message;
  return `${errorHeadline(lang, e.code)}${lang === 'zh' ? '。' : '.'}`;
}

function composed(e: ConvError, lang: Lang, axes: 'one' | 'both', only: OnlyControl): string {
  const v = e.values;
  const ax = e.axis === 'W' ? 1 : 0;
  const zh = lang === 'zh';
  const axis = axes === 'both' ? (zh ? '高度和宽度' : 'H and W') : zh ? (ax === 1 ? '宽度' : '高度') : ax === 1 ? 'W' : 'H';
  switch (e.code) {
    case 'KERNEL_TOO_LARGE': {
      const input = num(v.input, 0);
      const ek = num(v.effectiveKernel, 0);
      const k = num(v.kernel, 0);
      const d = num(v.dilation, 0);
      const [pb, pa] = [num(v.padding, 0), num(v.padding, 1)];
      const padded = input + pb + pa;
      const need = Math.ceil((ek - input) / 2);
      // What would fit: the largest kernel at this rate and the largest rate for this kernel
      // (d(k − 1) + 1 ≤ the padded input), with the padding as it is, or, where no padding in the
      // form's range is enough, with the most it allows.
      const padOk = need <= BOUNDS.pad[1];
      const room = padOk ? padded : input + 2 * BOUNDS.pad[1];
      const kFit = Math.floor((room - 1) / d) + 1;
      const dFit = k > 1 ? Math.floor((room - 1) / (k - 1)) : 0;
      const rate = d > 1 && dFit >= 1;
      // With one control: what it can do, the rest of the layer as it is (null: nothing it can do alone).
      const inputFit = ek - pb - pa;
      const kAlone = bound(lang, 'most', Math.floor((padded - 1) / d) + 1, BOUNDS.kernel[0]);
      const dAlone = bound(lang, 'most', Math.floor((padded - 1) / (k - 1)), BOUNDS.dilation[0]);
      const padNeed = bound(lang, 'least', need, BOUNDS.pad[1]);
      const alone = only === 'kernel' ? (zh ? `请把卷积核大小设为${kAlone}` : `Set Kernel size to${kAlone}`)
        : only === 'dilation' && k > 1 && padded >= k ? (zh ? `请把膨胀率设为${dAlone}` : `Set Dilation to${dAlone}`)
        : only === 'padding' && padOk ? (zh ? `请把每边的填充加到${padNeed}` : `Set Padding to${padNeed} per side`)
        : only === 'input' && inputFit <= BOUNDS.input[1] ? (zh ? `请把输入大小设为${bound(lang, 'least', inputFit, BOUNDS.input[1])}` : `Set Input size to${bound(lang, 'least', inputFit, BOUNDS.input[1])}`)
        : null;
      if (zh) {
        const dil = d > 1 ? `（卷积核 ${k}，膨胀率 ${d}）` : '';
        // A kernel or rate that can only be 1: said as that one value.
        // Said as the form's fields are named (卷积核大小, 膨胀率), not "不大于 3 的卷积核".
        const upTo = (n: number, least: number) => (n <= least ? `${n}` : `${n} 或更小`);
        const way = `把卷积核大小改为 ${upTo(kFit, BOUNDS.kernel[0])}${rate ? `，或把膨胀率改为 ${upTo(dFit, BOUNDS.dilation[0])}` : ''}`;
        const fix = alone ?? (padOk ? `请把每边的填充加到${padNeed}，或${way}` : `填充最多每边 ${BOUNDS.pad[1]}，仍然不够；把填充设为每边 ${BOUNDS.pad[1]} 时，可${way}`);
        return `${axis}方向上，卷积核覆盖 ${ek} 个单元${dil}，而填充后的输入只有 ${padded} 个（${input} + ${pb} + ${pa}）。${fix}。`;
      }
      const dil = d > 1 ? ` (kernel ${k} with dilation rate ${d})` : '';
      const way = `a kernel of${kFit <= BOUNDS.kernel[0] ? ' size' : ''}${bound(lang, 'most', kFit, BOUNDS.kernel[0])}${rate ? ` or a dilation rate of${bound(lang, 'most', dFit, BOUNDS.dilation[0])}` : ''}`;
      const fix = alone ?? (padOk ? `Set Padding to${padNeed} per side, or use ${way}` : `Padding cannot go above ${BOUNDS.pad[1]} per side, which is not enough; at ${BOUNDS.pad[1]}, use ${way}`);
      return `${axis}: the kernel covers ${ek} cells${dil} but the padded input has only ${padded} (${input} + ${pb} + ${pa}). ${fix}.`;
    }
    case 'SAME_STRIDED': {
      // PyTorch's rule, not convolution's: Keras and TensorFlow take 'same' with a stride, so the
      // refusal names PyTorch and shows the padding that gives theirs, where the form holds it. Said
      // in two short sentences, the rule and the way out: in the form's narrow column the longer
      // one ran to ten lines.
      const s = num(v.stride, ax);
      const tf = tensorflowSame(v.tensorflowSame, lang);
      // Keras refuses a stride with a dilation in one layer; tf.nn.conv2d takes both.
      const who = Array.isArray(v.dilation) && v.dilation.some((d) => Number(d) > 1) ? 'TensorFlow' : zh ? 'Keras 和 TensorFlow' : 'Keras and TensorFlow';
      // Both strides set together are "the stride"; otherwise the axis the library found.
      const which = axes === 'both' ? '' : zh ? `${axis}方向的` : `${axis} `;
      return zh
        ? `本页遵循 PyTorch 的规则：“same”填充只能配合步长 1 使用，这里${which}步长是 ${s}。请把步长设为 1，或${tf ? `选${tf}，即 ${who} 的“same”在这个步长下的填充` : '换一种填充方式'}。`
        : `This page follows PyTorch, whose padding 'same' needs stride 1; the ${which}stride here is ${s}. Set Stride to 1, or ${tf ? `choose ${tf}: the padding ${who}'s 'same' gives at this stride` : 'choose another padding type'}.`;
    }
    case 'PADDING_STRING': {
      // 'same' or 'valid' on a transposed layer: padding there crops the output, by a number.
      const kind = String(v.padding);
      if (kind !== 'same' && kind !== 'valid') return fallback(e, lang);
      return zh
        ? `“${kind}”填充只用于普通卷积。转置卷积的填充是从输出裁掉的单元数：请把“${t(lang, 'padMode')}”改为“${t(lang, 'padNumber')}”“${t(lang, 'padAxis')}”或“${t(lang, 'padAsym')}”；想要某个输出尺寸，就把“${t(lang, 'opMode')}”设为“${t(lang, 'opTarget')}”。`
        : `Padding '${kind}' is for direct convolutions only. A transposed convolution's padding is the number of cells cropped from its output: set “${t(lang, 'padMode')}” to “${t(lang, 'padNumber')}”, “${t(lang, 'padAxis')}” or “${t(lang, 'padAsym')}”; for a given output size, set “${t(lang, 'opMode')}” to “${t(lang, 'opTarget')}”.`;
    }
    case 'OUTPUT_PADDING': {
      const op = num(v.outputPadding, ax);
      const s = num(v.stride, ax);
      const d = num(v.dilation, ax);
      const max = bound(lang, 'most', Math.max(s, d) - 1, BOUNDS.outputPadding[0]);
      return zh
        ? `${axis}方向上，输出填充 ${op} 必须小于步长（${s}）与膨胀率（${d}）中的较大者；请把输出填充设为${max}。`
        : `${axis}: output padding ${op} must be smaller than the larger of the stride (${s}) and the dilation rate (${d}); set Output padding to${max}.`;
    }
    case 'OUTPUT_SIZE': {
      const want = num(v.outputSize, ax);
      // A stride of 1 leaves one size: said as that size, not as "5 to 5".
      const one = Number(v.max) <= Number(v.min);
      return zh
        ? `${axis}方向上无法得到目标输出 ${want}；按当前设置只能是 ${String(v.min)}${one ? '' : ` 到 ${String(v.max)}`}。`
        : `Target output ${axis} = ${want} cannot be produced; with these settings it can ${one ? `only be ${String(v.min)}` : `be ${String(v.min)} to ${String(v.max)}`}.`;
    }
    case 'OUTPUT_TOO_SMALL': {
      // Not "the output would have −2 cells": how much the padding crops against what there is.
      const [pb, pa] = [num(v.padding, 0), num(v.padding, 1)];
      const full = num(v.output, 0) + pb + pa;
      // At most 0 per side is 0: said as that value ("Set Padding to 0"), with no "per side".
      const n = Math.max(0, Math.floor((full - 1) / 2));
      const most = bound(lang, 'most', n, BOUNDS.pad[0], '最多');
      // With the padding alone to change, the rest is not offered.
      const rest = only === 'padding' ? '' : zh ? '，或增大输入、卷积核或步长' : ', or use a larger input, kernel or stride';
      return zh
        ? `${axis}方向上，填充要裁掉 ${pb + pa} 个单元（${pb} + ${pa}），而转置卷积只得到 ${full} 个，输出一个也不剩。请把填充减到${n > BOUNDS.pad[0] ? '每边' : ''}${most}${rest}。`
        : `${axis}: Padding crops ${pb + pa} cells (${pb} + ${pa}) but the transposed convolution produces only ${full}, so no output is left. Set Padding to${most}${n > BOUNDS.pad[0] ? ' per side' : ''}${rest}.`;
    }
    case 'GROUPS': {
      // Groups must divide both channel counts at once: advice about one count alone led into the
      // other's refusal (4 → 1 channels, groups 3: "a divisor of 4, such as 2" gave "Groups (2) must
      // divide the output channels (1)"). What fits both comes from the library's groupsFit, the
      // rule's one home; an error without both counts (an older library's) takes the fallback.
      const f = groupsFit(num(v.inChannels, 0), num(v.outChannels, 0), num(v.groups, 0));
      const { inChannels: ic, outChannels: oc, groups: g } = f;
      if (!(ic >= 1 && oc >= 1 && g >= 1) || (!f.refused.inChannels && !f.refused.outChannels)) return fallback(e, lang);
      const [inBad, outBad] = [f.refused.inChannels, f.refused.outChannels];
      const { inChannels: mi, outChannels: mo } = f.multiples;
      // The counts the form takes (a multiple past them is not offered).
      const reach = (inBad ? mi : ic) <= BOUNDS.layerChannels[1] && (outBad ? mo : oc) <= BOUNDS.layerChannels[1];
      if (zh) {
        const head = inBad && outBad ? `输入通道数（${ic}）和输出通道数（${oc}）都必须能被分组数（${g}）整除` : `${inBad ? `输入通道数（${ic}）` : `输出通道数（${oc}）`}必须能被分组数（${g}）整除`;
        const set = f.nearest === 1 ? '请把分组数设为 1' : ic === oc ? `请把分组数设为 ${ic} 的因数，如 ${f.nearest}` : `请把分组数设为 ${ic} 和 ${oc} 的公因数，如 ${f.nearest}`;
        const counts = !reach ? '' : inBad && outBad
          ? `，或把输入和输出通道数都改为 ${g} 的倍数，如 ${mi === mo ? mi : `${mi} 和 ${mo}`}`
          : `，或把${inBad ? '输入' : '输出'}通道数改为 ${g} 的倍数，如 ${inBad ? mi : mo}`;
        return `${head}。${set}${counts}。`;
      }
      const head = inBad && outBad ? `Groups (${g}) must divide the input channels (${ic}) and the output channels (${oc})` : `Groups (${g}) must divide the ${inBad ? `input channels (${ic})` : `output channels (${oc})`}`;
      const set = f.nearest === 1 ? 'Set Groups to 1' : ic === oc ? `Set Groups to a divisor of ${ic}, such as ${f.nearest}` : `Set Groups to a divisor of both ${ic} and ${oc}, such as ${f.nearest}`;
      const counts = !reach ? '' : inBad && outBad
        ? mi === mo ? `, or In and Out channels to a multiple of ${g}, such as ${mi}` : `, or In and Out channels to multiples of ${g}, such as ${mi} and ${mo}`
        : `, or ${inBad ? 'In' : 'Out'} channels to a multiple of ${g}, such as ${inBad ? mi : mo}`;
      return `${head}. ${set}${counts}.`;
    }
    case 'PADDING_MODE': {
      // The picture's Padding mode menu (image mode). A transposed layer's refusal carries the mode
      // alone (zeros only, as in PyTorch); a pad the mode cannot make carries the pad and the size.
      const mode = String(v.paddingMode ?? '');
      // The modes' Chinese names (web/GLOSSARY.md); English names them as PyTorch does.
      const zhName: Record<string, string> = { reflect: '镜像', replicate: '复制边缘', circular: '循环' };
      if (v.padding === undefined && zhName[mode]) {
        return zh
          ? `转置卷积没有填充模式可选：PyTorch 的 ConvTranspose2d 只接受 padding_mode='zeros'，“${zhName[mode]}”只适用于普通卷积。请把填充模式改为“补零”，或取消“转置卷积”。`
          : `A transposed convolution has no padding mode to choose: PyTorch's ConvTranspose2d accepts only padding_mode='zeros', and '${mode}' is for ordinary convolutions. Choose padding mode 'zeros', or untick Transposed convolution.`;
      }
      const p = Math.max(num(v.padding, 0), num(v.padding, 1));
      const n = num(v.input, 0);
      if (mode === 'circular') {
        return zh
          ? `${axis}方向上，循环填充每边最多 ${n} 个单元（输入的尺寸），现在是 ${p}。请减小填充。`
          : `${axis}: circular padding wraps around the input at most once, so at most ${n} cells per side (the input's size); it is ${p}. Lower Padding.`;
      }
      return zh
        ? `${axis}方向上，镜像填充每边最多 ${n - 1} 个单元（比输入的 ${n} 个少一个），现在是 ${p}。请减小填充，或把填充模式改为“复制边缘”。`
        : `${axis}: reflect padding needs fewer cells per side than the input has, so at most ${n - 1} of its ${n}; it is ${p}. Lower Padding, or choose padding mode 'replicate'.`;
    }
    case 'TOO_LARGE':
      return zh ? '这一层太大，无法在这里画出。请减小输入、步长或通道数。' : 'This layer is too large to draw here. Use a smaller input, stride or channel count.';
    default:
      return fallback(e, lang);
  }
}

/**
 * A model file's refusal (MODEL_FILE, MODEL_GRAPH) on the Chinese page: the library words these
 * in English only, with the facts inside the sentence, so the page recognises the few kinds a
 * reader meets (empty, too large, another format, truncated or corrupt, bad syntax, a cycle, an
 * open input size) and says them in Chinese, keeping only names and numbers from the message.
 * Anything else is the code's Chinese headline and a sentence on what to do.
 */
export function modelErrorTextZh(e: { code: string; message: string }): string {
  const m = e.message;
  const head = errorHeadline('zh', e.code);
  const num = /(\d+) bytes/.exec(m)?.[1];
  if (/is empty/.test(m)) return `${head}：文件是空的。请选一个从 PyTorch、TensorFlow 或 Keras 导出的 .onnx 文件。`;
  if (num && /is \d+ bytes/.test(m)) return `${head}：文件有 ${num} 字节，超过了本页能读取的大小。`;
  if (/not an ONNX file/.test(m)) {
    const kinds: [RegExp, string][] = [
      [/HDF5/, 'HDF5 文件（Keras 的 .h5 模型？）'],
      [/ZIP/, 'ZIP 压缩包（PyTorch 的 .pt/.pth 检查点或 Keras 的 .keras 文件？）'],
      [/JSON/, 'JSON 文本（层列表？请用 .json 或 .yaml 扩展名）'],
      [/pickle/, 'Python pickle 文件'],
      // The signatures src/model/onnx.ts recognises (a picture renamed .onnx, a PDF, a .tflite).
      [/PNG image/, 'PNG 图片'],
      [/JPEG image/, 'JPEG 图片'],
      [/GIF image/, 'GIF 图片'],
      [/PDF document/, 'PDF 文档'],
      [/gzip archive/, 'gzip 压缩文件'],
      [/TensorFlow Lite model/, 'TensorFlow Lite 模型（.tflite）'],
    ];
    const kind = kinds.find(([re]) => re.test(m))?.[1] ?? '其他格式';
    return `${head}：这不是 ONNX 文件，看起来是${kind}。请先把模型导出为 ONNX（torch.onnx.export、tf2onnx）。`;
  }
  if (/truncated|cannot be decoded|corrupt|nests messages|wire type|field number|more than any real model/.test(m)) return `${head}：文件不完整或已损坏，无法解码。请重新复制或导出。`;
  if (/not valid JSON or YAML/.test(m)) return `${head}：层列表不是有效的 JSON 或 YAML，请检查语法。`;
  if (/has a cycle/.test(m)) {
    const names = (/cycle through ([^;]*)/.exec(m)?.[1] ?? '').match(/"[^"]*"/g) ?? [];
    return `${head}：网络中有环（经过层 ${names.join('、')}）。每一层只能读取它之前的层。`;
  }
  if (/symbolic size|has no shape/.test(m)) return `${head}：模型输入的空间尺寸没有确定。`;
  return e.code === 'MODEL_GRAPH' ? `${head}：模型有误、前后不一致或已被篡改。` : `${head}：它不是 ONNX 模型，或已损坏。`;
}
