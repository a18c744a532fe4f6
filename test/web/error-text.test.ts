/**
 * The page's words for the library's padding-mode refusals (error-text.ts): built from the real
 * ConvErrors the library throws, each saying what is wrong and what would be valid, in both languages.
 */
import { describe, expect, it } from 'vitest';
import type { ConvError } from '../../src/geometry/errors.js';
import { errorHeadline } from '../../src/i18n/errors.js';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { pageErrorText } from '../../web/src/error-text.js';
import { buildLayer } from '../../web/src/layer.js';
import { defaultState, plainPadMode } from '../../web/src/state.js';
import { fromTensorFlow } from '../../src/geometry/tensorflow.js';
import type { State } from '../../web/src/state.js';
import { refusal } from '../support/refusal.js';


const shapes = { inputShape: [1, 1, 4, 6], weightShape: [1, 1, 3, 3] };

describe('a kernel wider than the padded input', () => {
  const shape = (i: number, k: number) => ({ inputShape: [1, 1, i, i], weightShape: [1, 1, k, k] });
  it('names the padding, kernel and dilation rate that would fit (the tour offers only the rate)', () => {
    const e = refusal(() => convGeometry(shape(9, 3), { dilation: 5 }));
    expect(e.code).toBe('KERNEL_TOO_LARGE');
    expect(pageErrorText(e, 'en')).toBe('H: the kernel covers 11 cells (kernel 3 with dilation rate 5) but the padded input has only 9 (9 + 0 + 0). Set Padding to at least 1 per side, or use a kernel of at most 2 or a dilation rate of at most 4.');
    expect(pageErrorText(e, 'zh')).toBe('高度方向上，卷积核覆盖 11 个单元（卷积核 3，膨胀率 5），而填充后的输入只有 9 个（9 + 0 + 0）。请把每边的填充加到至少 1，或把卷积核大小改为 2 或更小，或把膨胀率改为 4 或更小。');
  });

  it('never asks for more padding than the form allows (0–16): it says what fits with the most', () => {
    const e = refusal(() => convGeometry(shape(5, 9), { dilation: 8 }));
    expect(pageErrorText(e, 'en')).toBe('H: the kernel covers 65 cells (kernel 9 with dilation rate 8) but the padded input has only 5 (5 + 0 + 0). Padding cannot go above 16 per side, which is not enough; at 16, use a kernel of at most 5 or a dilation rate of at most 4.');
    expect(pageErrorText(e, 'zh')).toBe('高度方向上，卷积核覆盖 65 个单元（卷积核 9，膨胀率 8），而填充后的输入只有 5 个（5 + 0 + 0）。填充最多每边 16，仍然不够；把填充设为每边 16 时，可把卷积核大小改为 5 或更小，或把膨胀率改为 4 或更小。');
    // Each suggestion is accepted by the library, with the padding it comes with.
    expect(() => convGeometry(shape(5, 9), { dilation: 4, padding: 16 })).not.toThrow();
    expect(() => convGeometry(shape(5, 5), { dilation: 8, padding: 16 })).not.toThrow();
  });
});

describe('inside the tour, the advice the step\'s one control can follow', () => {
  const shape = (i: number, k: number) => ({ inputShape: [1, 1, i, i], weightShape: [1, 1, k, k] });
  it('names only the card\'s control, with the rest of the layer as it is, and each value is accepted', () => {
    // Step 1: a 4×4 input, no padding; the card offers Kernel size.
    const k9 = refusal(() => convGeometry(shape(4, 9), {}));
    expect(pageErrorText(k9, 'en', 'both', 'kernel')).toBe('H and W: the kernel covers 9 cells but the padded input has only 4 (4 + 0 + 0). Set Kernel size to at most 4.');
    expect(pageErrorText(k9, 'zh', 'both', 'kernel')).toBe('高度和宽度方向上，卷积核覆盖 9 个单元，而填充后的输入只有 4 个（4 + 0 + 0）。请把卷积核大小设为不超过 4。');
    expect(() => convGeometry(shape(4, 4), {})).not.toThrow();
    // Step 11: a 7×7 input, kernel 3; the card offers the dilation rate.
    const d4 = refusal(() => convGeometry(shape(7, 3), { dilation: 4 }));
    expect(pageErrorText(d4, 'en', 'both', 'dilation')).toBe('H and W: the kernel covers 9 cells (kernel 3 with dilation rate 4) but the padded input has only 7 (7 + 0 + 0). Set Dilation to at most 3.');
    expect(pageErrorText(d4, 'zh', 'both', 'dilation')).toBe('高度和宽度方向上，卷积核覆盖 9 个单元（卷积核 3，膨胀率 4），而填充后的输入只有 7 个（7 + 0 + 0）。请把膨胀率设为不超过 3。');
    expect(() => convGeometry(shape(7, 3), { dilation: 3 })).not.toThrow();
    // Padding or the input size as the one control.
    expect(pageErrorText(k9, 'en', 'both', 'padding')).toMatch(/Set Padding to at least 3 per side\.$/);
    expect(pageErrorText(k9, 'en', 'both', 'input')).toMatch(/Set Input size to at least 9\.$/);
    expect(pageErrorText(k9, 'zh', 'both', 'input')).toMatch(/请把输入大小设为至少 9。$/);
    // A control that cannot fix it alone: the whole advice, as outside the tour.
    expect(pageErrorText(k9, 'en', 'both', 'stride')).toBe(pageErrorText(k9, 'en', 'both'));
    // Step 6 (transposed, Padding on the card): cropping everything names no other field.
    const crop = refusal(() => convTransposeGeometry({ inputShape: [1, 1, 2, 2], weightShape: [1, 1, 3, 3] }, { padding: 2 }));
    expect(pageErrorText(crop, 'en', 'both', 'padding')).toMatch(/Set Padding to at most 1 per side\.$/);
    expect(pageErrorText(crop, 'zh', 'both', 'padding')).toMatch(/请把填充减到每边最多 1。$/);
    expect(pageErrorText(crop, 'en', 'both')).toMatch(/, or use a larger input, kernel or stride\.$/);
  });
});

describe("'same' with a stride (review 42)", () => {
  const layer = (patch: Partial<State>): ConvError => { const r = buildLayer({ ...defaultState(), padMode: 'same', ...patch }); if (r.ok) throw new Error('accepted'); return r.error; };

  it("says it is PyTorch's rule, which the page follows, not a rule of convolution", () => {
    // ?i=5&k=3&s=2&p=same read 'Padding 'same' works only with stride 1', false for a Keras reader.
    const e = layer({ input: [5, 5], kernel: [3, 3], stride: [2, 2] });
    expect(e.code).toBe('SAME_STRIDED');
    expect(pageErrorText(e, 'en')).toBe("This page follows PyTorch, whose padding 'same' needs stride 1; the H stride here is 2. Set Stride to 1, or choose “one number” with 1: the padding Keras and TensorFlow's 'same' gives at this stride.");
    expect(pageErrorText(e, 'zh')).toBe('本页遵循 PyTorch 的规则：“same”填充只能配合步长 1 使用，这里高度方向的步长是 2。请把步长设为 1，或选“单个数值”并填 1，即 Keras 和 TensorFlow 的“same”在这个步长下的填充。');
    // Height and width set together (a square layer): "the stride", no axis named.
    expect(pageErrorText(e, 'en', 'both')).toMatch(/^This page follows PyTorch, whose padding 'same' needs stride 1; the stride here is 2\. /);
    expect(pageErrorText(e, 'zh', 'both')).toMatch(/^本页遵循 PyTorch 的规则：“same”填充只能配合步长 1 使用，这里步长是 2。/);
    const asym = layer({ input: [6, 5], kernel: [3, 3], stride: [2, 2] });
    expect(pageErrorText(asym, 'en')).toMatch(/or choose “before \/ after” with Top 0, Bottom 1, Left 1, Right 1: the padding Keras and TensorFlow's 'same' gives at this stride\.$/);
    expect(pageErrorText(asym, 'zh')).toMatch(/或选“四边分别设置”，上、下、左、右分别填 0、1、1、1，即 Keras 和 TensorFlow 的“same”在这个步长下的填充。$/);
    const axis = layer({ input: [5, 5], kernel: [5, 3], stride: [2, 1] });
    expect(pageErrorText(axis, 'en')).toMatch(/ choose “per axis” with Top & bottom 2, Left & right 1: the padding /);
    expect(pageErrorText(axis, 'zh')).toMatch(/选“高、宽分别设置”，上下、左右分别填 2、1，即 /);
    // Keras refuses a stride with a dilation in one layer: only TensorFlow is named.
    const dilated = layer({ input: [5, 5], kernel: [3, 3], stride: [2, 2], dilation: [2, 2] });
    expect(pageErrorText(dilated, 'en')).toMatch(/ “one number” with 2: the padding TensorFlow's 'same' gives at this stride\.$/);
    expect(pageErrorText(dilated, 'zh')).toMatch(/，即 TensorFlow 的“same”在这个步长下的填充。$/);
    // Padding past the form's 16 per side: no padding offered, the rule and the two ways out.
    const wide = layer({ input: [1, 1], kernel: [9, 9], stride: [2, 2], dilation: [8, 8] });
    expect(pageErrorText(wide, 'en')).toBe("This page follows PyTorch, whose padding 'same' needs stride 1; the H stride here is 2. Set Stride to 1, or choose another padding type.");
    expect(pageErrorText(wide, 'zh')).toBe('本页遵循 PyTorch 的规则：“same”填充只能配合步长 1 使用，这里高度方向的步长是 2。请把步长设为 1，或换一种填充方式。');
  });

  it('the padding it names is accepted by the page and gives TensorFlow’s SAME output, ⌈input / stride⌉', () => {
    let checked = 0;
    for (const [ih, iw] of [[5, 5], [6, 5], [7, 12], [1, 4]]) {
      for (const [kh, kw] of [[3, 3], [2, 5], [1, 4]]) {
        for (const [sh, sw] of [[2, 2], [3, 1], [1, 4]]) {
          const e = layer({ input: [ih, iw], kernel: [kh, kw], stride: [sh, sw] });
          const text = pageErrorText(e, 'en');
          const m = /“(one number|per axis|before \/ after)” with (?:(\d+)|Top & bottom (\d+), Left & right (\d+)|Top (\d+), Bottom (\d+), Left (\d+), Right (\d+)): the padding/.exec(text);
          expect(m, text).not.toBeNull();
          const n = m!.slice(2).filter((x) => x !== undefined).map(Number);
          const pad: [number, number, number, number] = n.length === 1 ? [n[0], n[0], n[0], n[0]] : n.length === 2 ? [n[0], n[0], n[1], n[1]] : [n[0], n[1], n[2], n[3]];
          // TensorFlow's own arithmetic (the library's TensorFlow dialect) pads the same.
          const tf = fromTensorFlow({ op: 'conv', inputShape: [1, ih, iw, 1], filterShape: [kh, kw, 1, 1], strides: [sh, sw], padding: 'SAME' });
          expect(pad, text).toEqual(tf.pads.flat());
          expect(m![1]).toBe({ number: 'one number', axis: 'per axis', asym: 'before / after' }[plainPadMode(pad) as 'number' | 'axis' | 'asym']);
          const r = buildLayer({ ...defaultState(), input: [ih, iw], kernel: [kh, kw], stride: [sh, sw], padMode: plainPadMode(pad), pad });
          expect(r.ok && r.geometry.axes.map((a) => a.output), text).toEqual([Math.ceil(ih / sh), Math.ceil(iw / sw)]);
          checked++;
        }
      }
    }
    expect(checked).toBe(36);
  });

  it('a target output size only one size meets names that size, not "5 to 5"', () => {
    // Stride 1: PyTorch's range min … min + s − 1 is one size, (3 − 1) + 3 − 2 = 3.
    const e = refusal(() => convTransposeGeometry({ inputShape: [1, 1, 3, 3], weightShape: [1, 1, 3, 3] }, { padding: 1, outputSize: [7, 3] }));
    expect(e.code).toBe('OUTPUT_SIZE');
    expect(pageErrorText(e, 'en')).toBe('Target output H = 7 cannot be produced; with these settings it can only be 3.');
    expect(pageErrorText(e, 'zh')).toBe('高度方向上无法得到目标输出 7；按当前设置只能是 3。');
    expect(() => convTransposeGeometry({ inputShape: [1, 1, 3, 3], weightShape: [1, 1, 3, 3] }, { padding: 1, outputSize: [3, 3] })).not.toThrow();
  });
});

describe("'same' and 'valid' on a transposed layer", () => {
  it('says they are for direct convolutions and names the controls that give a transposed one its padding or size', () => {
    for (const kind of ['same', 'valid'] as const) {
      const e = refusal(() => convTransposeGeometry(shapes, { padding: kind } as never));
      expect(e.code).toBe('PADDING_STRING');
      expect(pageErrorText(e, 'en')).toBe(`Padding '${kind}' is for direct convolutions only. A transposed convolution's padding is the number of cells cropped from its output: set “Padding type” to “one number”, “per axis” or “before / after”; for a given output size, set “Size the output by” to “target output size”.`);
      expect(pageErrorText(e, 'zh')).toBe(`“${kind}”填充只用于普通卷积。转置卷积的填充是从输出裁掉的单元数：请把“填充方式”改为“单个数值”“高、宽分别设置”或“四边分别设置”；想要某个输出尺寸，就把“输出尺寸的确定方式”设为“目标输出尺寸”。`);
    }
  });
});

describe('padding-mode refusals in the page’s words', () => {
  it('a transposed layer with a mode other than zeros names the two ways out', () => {
    const e = refusal(() => convTransposeGeometry(shapes, { padding: 1, paddingMode: 'reflect' } as never));
    expect(e.code).toBe('PADDING_MODE');
    expect(pageErrorText(e, 'en')).toBe("A transposed convolution has no padding mode to choose: PyTorch's ConvTranspose2d accepts only padding_mode='zeros', and 'reflect' is for ordinary convolutions. Choose padding mode 'zeros', or untick Transposed convolution.");
    expect(pageErrorText(e, 'zh')).toBe('转置卷积没有填充模式可选：PyTorch 的 ConvTranspose2d 只接受 padding_mode=\'zeros\'，“镜像”只适用于普通卷积。请把填充模式改为“补零”，或取消“转置卷积”。');
  });

  it('reflect padding as large as the input says the largest pad it can make', () => {
    const e = refusal(() => convGeometry(shapes, { padding: 4, paddingMode: 'reflect' }));
    expect(e.code).toBe('PADDING_MODE');
    expect(pageErrorText(e, 'en')).toBe("H: reflect padding needs fewer cells per side than the input has, so at most 3 of its 4; it is 4. Lower Padding, or choose padding mode 'replicate'.");
    expect(pageErrorText(e, 'zh')).toBe('高度方向上，镜像填充每边最多 3 个单元（比输入的 4 个少一个），现在是 4。请减小填充，或把填充模式改为“复制边缘”。');
  });

  it('circular padding beyond one wrap says the limit', () => {
    const e = refusal(() => convGeometry(shapes, { padding: 5, paddingMode: 'circular' }));
    expect(pageErrorText(e, 'en')).toBe("H: circular padding wraps around the input at most once, so at most 4 cells per side (the input's size); it is 5. Lower Padding.");
    expect(pageErrorText(e, 'zh')).toBe('高度方向上，循环填充每边最多 4 个单元（输入的尺寸），现在是 5。请减小填充。');
  });

  it('an error without its numbers falls back to the headline, not a sentence with holes', () => {
    const e = refusal(() => convGeometry(shapes, { padding: 4, paddingMode: 'reflect' }));
    const bare = Object.assign(Object.create(Object.getPrototypeOf(e)), e, { values: {} }) as ConvError;
    expect(pageErrorText(bare, 'en')).toBe(`${errorHeadline('en', 'PADDING_MODE')}.`);
  });
});

describe('refusals that say what would be valid', () => {
  it('a transposed crop that leaves nothing counts the crop against what there is, never a negative size', () => {
    // Tour step 6 with Padding 3: 2 × 2 → (2 − 1)·1 + 3 = 4 cells, cropped by 3 + 3.
    const e = refusal(() => convTransposeGeometry({ inputShape: [1, 1, 2, 2], weightShape: [1, 1, 3, 3] }, { padding: 3 }));
    expect(e.code).toBe('OUTPUT_TOO_SMALL');
    expect(pageErrorText(e, 'en')).toBe('H: Padding crops 6 cells (3 + 3) but the transposed convolution produces only 4, so no output is left. Set Padding to at most 1 per side, or use a larger input, kernel or stride.');
    expect(pageErrorText(e, 'zh')).toBe('高度方向上，填充要裁掉 6 个单元（3 + 3），而转置卷积只得到 4 个，输出一个也不剩。请把填充减到每边最多 1，或增大输入、卷积核或步长。');
    // At most 1 per side is valid: 4 − 2 = 2 cells.
    expect(convTransposeGeometry({ inputShape: [1, 1, 2, 2], weightShape: [1, 1, 3, 3] }, { padding: 1 }).axes[0].output).toBe(2);
  });

  it('groups that do not divide the channels name a divisor and a multiple that would', () => {
    const layer = (patch: Partial<State>): ConvError => { const r = buildLayer({ ...defaultState(), ...patch }); if (r.ok) throw new Error('accepted'); return r.error; };
    const e = layer({ inChannels: 6, outChannels: 4, groups: 4 });
    expect(e.code).toBe('GROUPS');
    // 3 divides 6 but not the 4 output channels: the groups offered divide both.
    expect(pageErrorText(e, 'en')).toBe('Groups (4) must divide the input channels (6). Set Groups to a divisor of both 6 and 4, such as 2, or In channels to a multiple of 4, such as 8.');
    expect(pageErrorText(e, 'zh')).toBe('输入通道数（6）必须能被分组数（4）整除。请把分组数设为 6 和 4 的公因数，如 2，或把输入通道数改为 4 的倍数，如 8。');
    const one = layer({ inChannels: 1, outChannels: 2, groups: 2 });
    expect(pageErrorText(one, 'en')).toMatch(/^Groups \(2\) must divide the input channels \(1\)\. Set Groups to 1, or In channels to a multiple of 2, such as 2\.$/);
  });

  it('groups advice never leads into a second refusal: what it offers satisfies both channel counts at once (review 40)', () => {
    const layer = (patch: Partial<State>): ConvError => { const r = buildLayer({ ...defaultState(), ...patch }); if (r.ok) throw new Error('accepted'); return r.error; };
    // ?i=5&k=3&s=1&p=0&ci=4&co=1&g=3: "a divisor of 4, such as 2" met "Groups (2) must divide the output channels (1)".
    const e = layer({ inChannels: 4, outChannels: 1, groups: 3 });
    expect(pageErrorText(e, 'en')).toBe('Groups (3) must divide the input channels (4) and the output channels (1). Set Groups to 1, or In and Out channels to multiples of 3, such as 6 and 3.');
    expect(pageErrorText(e, 'zh')).toBe('输入通道数（4）和输出通道数（1）都必须能被分组数（3）整除。请把分组数设为 1，或把输入和输出通道数都改为 3 的倍数，如 6 和 3。');
    expect(e.hint).toBe('use groups 1 (the only value that divides both inChannels 4 and outChannels 1), or channel counts that are multiples of 3, such as inChannels 6 and outChannels 3');
    // Every suggestion, taken as it is written, is a layer the library accepts.
    const offered = (text: string) => {
      const groups = /Set Groups to (?:a divisor of (?:both )?[\d and]+, such as )?(\d+)/.exec(text)![1];
      const counts = /such as (\d+)(?: and (\d+))?\.$/.exec(text)!;
      return { groups: Number(groups), counts: [Number(counts[1]), Number(counts[2] ?? counts[1])] };
    };
    for (const [ic, oc, g] of [[4, 1, 3], [6, 4, 4], [4, 6, 4], [4, 4, 3], [3, 3, 2], [12, 8, 8], [8, 12, 3], [5, 10, 4]]) {
      const err = layer({ inChannels: ic, outChannels: oc, groups: g });
      const text = pageErrorText(err, 'en');
      const o = offered(text);
      expect(buildLayer({ ...defaultState(), inChannels: ic, outChannels: oc, groups: o.groups }).ok, `${text} (groups)`).toBe(true);
      const both = /In and Out/.test(text);
      const [inC, outC] = both ? o.counts : /or In channels/.test(text) ? [o.counts[0], oc] : [ic, o.counts[0]];
      expect(buildLayer({ ...defaultState(), inChannels: inC, outChannels: outC, groups: g }).ok, `${text} (channels)`).toBe(true);
    }
  });

  it('a range of one value is said as that value: "set Output padding to 0", not "to at most 0" (review 40)', () => {
    // Transposed, stride 1, output padding 1: only 0 is valid.
    const e = refusal(() => convTransposeGeometry({ inputShape: [1, 1, 3, 3], weightShape: [1, 1, 3, 3] }, { outputPadding: 1 }));
    expect(e.code).toBe('OUTPUT_PADDING');
    expect(pageErrorText(e, 'en')).toBe('H: output padding 1 must be smaller than the larger of the stride (1) and the dilation rate (1); set Output padding to 0.');
    expect(pageErrorText(e, 'zh')).toBe('高度方向上，输出填充 1 必须小于步长（1）与膨胀率（1）中的较大者；请把输出填充设为 0。');
    // Stride 3: 0 to 2, said as a bound.
    const s3 = refusal(() => convTransposeGeometry({ inputShape: [1, 1, 3, 3], weightShape: [1, 1, 3, 3] }, { stride: 3, outputPadding: 4 }));
    expect(pageErrorText(s3, 'en')).toMatch(/; set Output padding to at most 2\.$/);
    expect(pageErrorText(s3, 'zh')).toMatch(/；请把输出填充设为不超过 2。$/);
    // The same for a crop that only no padding leaves room for (1 cell: no padding at all).
    const crop = refusal(() => convTransposeGeometry({ inputShape: [1, 1, 1, 1], weightShape: [1, 1, 1, 1] }, { padding: 1 }));
    expect(crop.code).toBe('OUTPUT_TOO_SMALL');
    expect(pageErrorText(crop, 'en', 'both', 'padding')).toMatch(/Set Padding to 0\.$/);
    expect(pageErrorText(crop, 'zh', 'both', 'padding')).toMatch(/请把填充减到 0。$/);
    // And for a kernel that only 1 fits (a 1-cell input, no padding, tour's one control).
    const k = refusal(() => convGeometry({ inputShape: [1, 1, 1, 1], weightShape: [1, 1, 3, 3] }));
    expect(pageErrorText(k, 'en', 'both', 'kernel')).toMatch(/Set Kernel size to 1\.$/);
    expect(pageErrorText(k, 'zh', 'both', 'kernel')).toMatch(/请把卷积核大小设为 1。$/);
  });

  it('a target output size refused on one axis names that axis, not both (review 40)', () => {
    const e = refusal(() => convTransposeGeometry({ inputShape: [1, 1, 3, 3], weightShape: [1, 1, 3, 3] }, { stride: 2, padding: 1, outputSize: [7, 5] }));
    expect(e.code).toBe('OUTPUT_SIZE');
    expect(pageErrorText(e, 'en')).toBe('Target output H = 7 cannot be produced; with these settings it can be 5 to 6.');
    expect(pageErrorText(e, 'zh')).toBe('高度方向上无法得到目标输出 7；按当前设置只能是 5 到 6。');
  });
});
