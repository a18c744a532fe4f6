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
import { defaultState } from '../../web/src/state.js';
import type { State } from '../../web/src/state.js';
import { refusal } from '../support/refusal.js';


const shapes = { inputShape: [1, 1, 4, 6], weightShape: [1, 1, 3, 3] };

describe('a kernel wider than the padded input', () => {
  const shape = (i: number, k: number) => ({ inputShape: [1, 1, i, i], weightShape: [1, 1, k, k] });
  it('names the padding, kernel and dilation rate that would fit (the tour offers only the rate)', () => {
    const e = refusal(() => convGeometry(shape(9, 3), { dilation: 5 }));
    expect(e.code).toBe('KERNEL_TOO_LARGE');
    expect(pageErrorText(e, 'en')).toBe('H: the kernel covers 11 cells (kernel 3 with dilation rate 5) but the padded input has only 9 (9 + 0 + 0). Set Padding to at least 1 per side, or use a kernel of at most 2 or a dilation rate of at most 4.');
    expect(pageErrorText(e, 'zh')).toBe('高度方向上，卷积核覆盖 11 个单元（卷积核 3，膨胀率 5），而填充后的输入只有 9 个（9 + 0 + 0）。请把填充加到每边至少 1，或改用不大于 2 的卷积核或不大于 4 的膨胀率。');
  });

  it('never asks for more padding than the form allows (0–16): it says what fits with the most', () => {
    const e = refusal(() => convGeometry(shape(5, 9), { dilation: 8 }));
    expect(pageErrorText(e, 'en')).toBe('H: the kernel covers 65 cells (kernel 9 with dilation rate 8) but the padded input has only 5 (5 + 0 + 0). Padding cannot go above 16 per side, which is not enough; at 16, use a kernel of at most 5 or a dilation rate of at most 4.');
    expect(pageErrorText(e, 'zh')).toBe('高度方向上，卷积核覆盖 65 个单元（卷积核 9，膨胀率 8），而填充后的输入只有 5 个（5 + 0 + 0）。填充最多每边 16，仍然不够；把填充设为每边 16 时，可改用不大于 5 的卷积核或不大于 4 的膨胀率。');
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

describe("'same' and 'valid' on a transposed layer", () => {
  it('says they are for direct convolutions and names the controls that give a transposed one its padding or size', () => {
    for (const kind of ['same', 'valid'] as const) {
      const e = refusal(() => convTransposeGeometry(shapes, { padding: kind } as never));
      expect(e.code).toBe('PADDING_STRING');
      expect(pageErrorText(e, 'en')).toBe(`Padding '${kind}' is for direct convolutions only. A transposed convolution's padding is the number of cells cropped from its output: set “Padding type” to “one number”, “per axis” or “before / after”; for a given output size, set “Size the output by” to “target output size”.`);
      expect(pageErrorText(e, 'zh')).toBe(`“${kind}”填充只用于普通卷积。转置卷积的填充是从输出裁掉的单元数：请把“填充方式”改为“单个数值”“按轴”或“前后分别设置”；想要某个输出尺寸，就把“输出尺寸依据”设为“目标输出尺寸”。`);
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
    expect(pageErrorText(e, 'en')).toBe('Groups (4) must divide the input channels (6). Set Groups to a divisor of 6, such as 3, or In channels to a multiple of 4, such as 8.');
    expect(pageErrorText(e, 'zh')).toBe('输入通道数（6）必须能被分组数（4）整除。请把分组数设为 6 的因数，如 3，或把输入通道数改为 4 的倍数，如 8。');
    const one = layer({ inChannels: 1, outChannels: 2, groups: 2 });
    expect(pageErrorText(one, 'en')).toMatch(/^Groups \(2\) must divide the input channels \(1\)\. Set Groups to 1, or In channels to a multiple of 2, such as 2\.$/);
  });
});
