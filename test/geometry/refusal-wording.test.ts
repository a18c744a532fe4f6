/**
 * Refusals name what the caller wrote and the likely cause: one tap is "1 tap"; a negative size
 * given to explain is named as written (input[0]), not as an entry of the tensor shape built from
 * it; a result too large because of its padding says padding can be the cause.
 */
import { describe, expect, it } from 'vitest';
import { conv, conv2d, explain, tensor } from '../../src/index.js';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { fromTensorFlow } from '../../src/geometry/tensorflow.js';
import { fromOnnx } from '../../src/geometry/onnx.js';
import { fromOnnxPool } from '../../src/geometry/onnx-pool.js';
import { poolGeometry } from '../../src/geometry/pool.js';
import type { ConvError } from '../../src/geometry/errors.js';
import { refusal } from '../support/refusal.js';


describe('refusal wording', () => {
  it('counts one tap in the singular and more in the plural', () => {
    const one = refusal(() => conv(tensor(new Float32Array(16), [1, 1, 4, 4]), tensor(new Float32Array(27), [1, 1, 3, 3, 3])));
    expect(one.code).toBe('KERNEL_TOO_LARGE');
    // One tap is the least kernel: its value alone, not 'at most 1 tap'.
    expect(one.hint).toMatch(/ or a kernel of 1 tap$/);
    const two = refusal(() => conv2d(tensor(new Float32Array(4), [1, 1, 2, 2]), tensor(new Float32Array(9), [1, 1, 3, 3])));
    expect(two.hint).toMatch(/a kernel of at most 2 taps$/);
  });

  it('a bound that is also the least value names that value, not "at most" it', () => {
    // ONNX Runtime wants pads smaller than the kernel: with a kernel of 1 that is 0.
    const pads = refusal(() => fromOnnxPool({ op: 'MaxPool', xShape: [1, 1, 5, 5], kernel_shape: [1, 1], pads: [1, 0, 0, 0] }));
    expect([pads.code, pads.hint]).toEqual(['PADDING_TOO_LARGE', 'use pads of 0 on this axis']);
    const twoPads = refusal(() => fromOnnxPool({ op: 'MaxPool', xShape: [1, 1, 5, 5], kernel_shape: [3, 3], pads: [3, 0, 0, 0] }));
    expect(twoPads.hint).toBe('use pads of at most 2 on this axis');
    // PyTorch's pooling padding is at most half the kernel: none for a kernel of 1.
    expect(refusal(() => poolGeometry('max', [1, 1, 5, 5], { kernelSize: 1, padding: 1 }, 2)).hint).toBe('use padding 0');
    expect(refusal(() => poolGeometry('max', [1, 1, 5, 5], { kernelSize: 3, padding: 2 }, 2)).hint).toBe('use padding ≤ 1');
    // 3-D average pooling needs the unpadded input to hold the kernel: an input of 1 holds 1.
    expect(refusal(() => poolGeometry('avg', [1, 1, 1, 4, 4], { kernelSize: 2 }, 3)).hint).toBe('use a kernel of 1 on this axis');
    expect(refusal(() => poolGeometry('avg', [1, 1, 3, 4, 4], { kernelSize: 4 }, 3)).hint).toBe('use a kernel of at most 3 on this axis');
  });

  it('a window too long for its padded input: each change offered fits alone, the kernel bound last (review 42)', () => {
    // PyTorch pooling, kernel 2 on 1 cell: padding 1 (half of 2) or the 1-tap kernel. The bound came
    // first and read 'a kernel of at most 1 or more padding', i.e. "1 or more".
    expect(refusal(() => poolGeometry('max', [1, 1, 1, 1], { kernelSize: 2 }, 2)).hint).toBe('use padding 1 or a kernel of 1 tap');
    // Kernel 5 on 2 cells: padding ⌈(5 − 2)/2⌉ = 2 (≤ ⌊5/2⌋), or 2 taps.
    expect(refusal(() => poolGeometry('max', [1, 1, 2, 2], { kernelSize: 5 }, 2)).hint).toBe('use padding 2 or a kernel of at most 2 taps');
    // Kernel 3 at dilation 3 on 2 cells + 1 per side: padding would need 3 > ⌊3/2⌋; dilation 1 spans 3 ≤ 4;
    // 2 taps at dilation 3 span 4.
    expect(refusal(() => poolGeometry('max', [1, 1, 2, 2], { kernelSize: 3, dilation: 3, padding: 1 }, 2)).hint).toBe('use dilation 1 or a kernel of at most 2 taps');
    // Kernel 6 at dilation 2 on 1 cell + 2 per side: 3 taps span 5 but allow padding 1 only; 2 taps with padding 1 span 3 ≤ 3.
    expect(refusal(() => poolGeometry('max', [1, 1, 1, 1], { kernelSize: 6, dilation: 2, padding: 2 }, 2)).hint).toBe('use a kernel of 2 taps with padding 1');
    // ONNX: 'use a window of at most 1 cells or more padding' named no attribute the node has.
    const onnx = (X: number, k: number, extra: object = {}) => refusal(() => fromOnnxPool({ op: 'MaxPool', xShape: [1, 1, X, X], kernel_shape: [k, k], ...extra })).hint;
    expect(onnx(1, 2)).toBe('use pads adding up to at least 1 or a kernel of 1 tap on this axis');
    expect(onnx(2, 5)).toBe('use pads adding up to at least 3 or a kernel of at most 2 taps on this axis');
    expect(onnx(2, 5, { auto_pad: 'VALID' })).toBe('use a kernel of at most 2 taps on this axis');
    // Pads must stay below the kernel: 1 tap takes pads of 0; dilation 2 spans 5 ≤ 2 + 4.
    expect(onnx(2, 3, { dilations: [4, 4], pads: [2, 2, 2, 2] })).toBe('use dilation at most 2 or a kernel of 1 tap with pads of 0 on this axis');
  });

  it('every change a too-long window\'s hint offers is accepted on its own', () => {
    const number = (hint: string, re: RegExp) => {
      const m = re.exec(hint);
      return m ? Number(m[1]) : null;
    };
    let checked = 0;
    for (let i = 1; i <= 4; i++) for (let k = 2; k <= 7; k++) for (let d = 1; d <= 4; d++) for (let p = 0; p <= k / 2; p++) {
      const base = { kernelSize: k, dilation: d, padding: p };
      let hint: string | undefined;
      try {
        poolGeometry('max', [1, 1, i, i], base, 2);
        continue;
      } catch (e) {
        expect((e as ConvError).code).toBe('KERNEL_TOO_LARGE');
        hint = (e as ConvError).hint!;
      }
      checked++;
      expect(hint).not.toMatch(/at most 1\b|or more/);
      const pad = number(hint, /^use padding (\d+)/);
      if (pad !== null) expect(() => poolGeometry('max', [1, 1, i, i], { ...base, padding: pad }, 2)).not.toThrow();
      const dil = number(hint, /dilation (?:at most )?(\d+)/);
      if (dil !== null) expect(() => poolGeometry('max', [1, 1, i, i], { ...base, dilation: dil }, 2)).not.toThrow();
      const m = /a kernel of (?:at most )?(\d+) taps?(?: with padding (\d+))?$/.exec(hint);
      expect(m).not.toBeNull();
      expect(() => poolGeometry('max', [1, 1, i, i], { ...base, kernelSize: Number(m![1]), padding: m![2] === undefined ? p : Number(m![2]) }, 2)).not.toThrow();
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('in ceil mode the hint allows the stride − 1 cells a window may run past the end, and its kernel bound is the largest accepted (review 43)', () => {
    // PyTorch, ceil mode, 5 cells, stride 2: a window of 6 gives one output, so the refusal of 7 names 6 (it said 5).
    expect(refusal(() => poolGeometry('max', [1, 1, 5], { kernelSize: 7, stride: 2, ceilMode: true }, 1)).hint).toBe('use padding 1 or a kernel of at most 6 taps');
    expect(() => poolGeometry('max', [1, 1, 5], { kernelSize: 6, stride: 2, ceilMode: true }, 1)).not.toThrow();
    let checked = 0;
    for (const ceilMode of [false, true]) for (let s = 1; s <= 3; s++) for (let i = 1; i <= 5; i++) for (let k = 2; k <= 9; k++) for (let d = 1; d <= 3; d++) for (let p = 0; p <= k / 2; p++) {
      const base = { kernelSize: k, stride: s, dilation: d, padding: p, ceilMode };
      let hint: string;
      try {
        poolGeometry('max', [1, 1, i], base, 1);
        continue;
      } catch (e) {
        expect((e as ConvError).code).toBe('KERNEL_TOO_LARGE');
        hint = (e as ConvError).hint!;
      }
      checked++;
      const accepts = (o: object) => { try { poolGeometry('max', [1, 1, i], { ...base, ...o }, 1); return true; } catch { return false; } };
      const pad = /^use padding (\d+)/.exec(hint);
      if (pad) expect(accepts({ padding: +pad[1] }), hint).toBe(true);
      const dil = /dilation (?:at most )?(\d+)/.exec(hint);
      if (dil) expect(accepts({ dilation: +dil[1] }), hint).toBe(true);
      const m = /a kernel of (?:at most )?(\d+) taps?(?: with padding (\d+))?$/.exec(hint)!;
      const kp = m[2] === undefined ? p : +m[2];
      expect(accepts({ kernelSize: +m[1], padding: kp }), hint).toBe(true);
      // Tight: the next kernel with the same padding is refused (or needs more padding than half of it).
      expect(accepts({ kernelSize: +m[1] + 1, padding: kp }), `${JSON.stringify(base)} ${hint}`).toBe(false);
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("ONNX ConvTranspose's output_shape: the sizes that fit, one where only one does (review 42)", () => {
    const t = (X: number, k: number, s: number, out: number) => refusal(() => fromOnnx({ op: 'ConvTranspose', xShape: [1, 1, X], wShape: [1, 1, k], strides: [s], output_shape: [out] }));
    // Input 4, kernel 3, stride 2: full size (4 − 1)·2 + 3 = 9; ONNX Runtime takes up to 9 + 2 − 1 = 10.
    const big = t(4, 3, 2, 11);
    expect([big.code, big.hint]).toEqual(['OUTPUT_SIZE', 'use an output size of at most 10 on this axis']);
    expect(big.message).toMatch(/^ConvTranspose: output_shape 11 on axis L does not fit the input of 4: /);
    // Input 1, kernel 1, stride 1: only 1 fits ('at most 1' offered one value as a bound).
    expect(t(1, 1, 1, 2).hint).toBe('use an output size of 1 on this axis');
    // An output_shape of 0: the hint was about pads the node never gave.
    const zero = t(4, 3, 2, 0);
    expect([zero.code, zero.hint]).toEqual(['OUTPUT_TOO_SMALL', 'use an output size from 1 to 10 on this axis']);
    expect(t(1, 1, 1, 0).hint).toBe('use an output size of 1 on this axis');
  });

  it("'same' with a stride is PyTorch's refusal, not convolution's: it names PyTorch and gives TensorFlow's SAME padding (review 42)", () => {
    // Keras and TensorFlow take 'same' with a stride; the refusal said 'not supported for strided
    // convolutions' as if no framework did. Its padding comes from the TensorFlow dialect's own
    // arithmetic, and convGeometry given it as pairs has TensorFlow's ⌈i/s⌉ outputs.
    let checked = 0;
    for (const [h, w] of [[5, 5], [6, 7], [1, 9], [12, 4]]) {
      for (const k of [1, 2, 3, 5]) {
        for (const [sh, sw] of [[2, 2], [1, 3], [4, 1]]) {
          for (const d of [1, 2]) {
            const shapes = { inputShape: [1, 1, h, w], weightShape: [1, 1, k, k] };
            const e = refusal(() => convGeometry(shapes, { stride: [sh, sw], dilation: d, padding: 'same' }));
            const ax = sh !== 1 ? 'H' : 'W';
            expect(e.code).toBe('SAME_STRIDED');
            expect(e.message).toMatch(new RegExp(`^PyTorch allows padding='same' only with stride 1, but the stride is ${sh !== 1 ? sh : sw} on axis ${ax} \\(TensorFlow's 'SAME' takes a stride`));
            const tf = fromTensorFlow({ op: 'conv', inputShape: [1, h, w, 1], filterShape: [k, k, 1, 1], strides: [sh, sw], dilations: d, padding: 'SAME' });
            expect(e.values.tensorflowSame).toEqual(tf.pads);
            expect(e.hint).toContain(`TensorFlow's 'SAME' here: padding [${tf.pads.map(([b, a]) => `[${b}, ${a}]`).join(', ')}]`);
            const g = convGeometry(shapes, { stride: [sh, sw], dilation: d, padding: tf.pads });
            expect(g.axes.map((a) => a.output)).toEqual([Math.ceil(h / sh), Math.ceil(w / sw)]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(96);
    // A stride below 1 has no SAME padding to offer: the rule alone.
    const zero = refusal(() => convGeometry({ inputShape: [1, 1, 5, 5], weightShape: [1, 1, 3, 3] }, { stride: 0, padding: 'same' }));
    expect([zero.code, zero.values.tensorflowSame, zero.hint]).toEqual(['SAME_STRIDED', undefined, "use stride 1 with 'same', or give the padding as numbers (convkit's solvePadding finds the padding for any output size)"]);
  });

  it("a transposed outputSize that only one size meets names that size, not a range from it to itself (review 42)", () => {
    // Stride 1: PyTorch's range is min … min + s − 1, one size ((3 − 1) + 3 = 5).
    const one = refusal(() => convTransposeGeometry({ inputShape: [1, 1, 3], weightShape: [1, 1, 3] }, { outputSize: [9] }));
    expect(one.message).toBe('requested output size 9 on axis L, but the only valid size is 5; pick a size of 5, or change the padding or stride');
    expect(convTransposeGeometry({ inputShape: [1, 1, 3], weightShape: [1, 1, 3] }, { outputSize: [5] }).axes[0].output).toBe(5);
    // Stride 2: two sizes, 7 and 8, still a range.
    const two = refusal(() => convTransposeGeometry({ inputShape: [1, 1, 3], weightShape: [1, 1, 3] }, { stride: 2, outputSize: [9] }));
    expect(two.message).toBe('requested output size 9 on axis L, but valid sizes range from 7 to 8; pick a size from 7 to 8, or change the padding or stride');
  });

  it('explain names a negative size as the caller gave it', () => {
    const list = refusal(() => explain({ input: [-5, 5], kernel: 3 }));
    expect(list.code).toBe('INVALID_NUMBER');
    expect(list.message).toMatch(/^input\[0\] is -5; sizes cannot be negative/);
    const second = refusal(() => explain({ input: [5, 5], kernel: [3, -1] }));
    expect(second.message).toMatch(/^kernel\[1\] is -1/);
    const single = refusal(() => explain({ input: -4, kernel: 3 }));
    expect(single.message).toMatch(/^input is -4/);
  });

  it('a result too large names padding and (transposed) stride among the causes; a tensor does not', () => {
    const padded = refusal(() => conv2d(tensor(new Float32Array(1), [1, 1, 1, 1]), tensor(new Float32Array(1), [1, 1, 1, 1]), { padding: 20000 }));
    expect(padded.code).toBe('TOO_LARGE');
    expect(padded.hint).toMatch(/less padding/);
    const big = refusal(() => tensor(new Float32Array(0), [1 << 15, 1 << 15]));
    expect(big.code).toBe('TOO_LARGE');
    expect(big.hint).not.toMatch(/padding/);
  });

  it('groups advice offers only what passes every channel rule at once (review 40)', () => {
    // explain / the CLI: groups must divide both counts; "a divisor of 4" alone (2) fails on 1 output channel.
    const both = refusal(() => explain({ input: 5, kernel: 3, inChannels: 4, outChannels: 1, groups: 3 }));
    expect(both.code).toBe('GROUPS');
    expect(both.hint).toBe('use groups 1 (the only value that divides both inChannels 4 and outChannels 1), or channel counts that are multiples of 3, such as inChannels 6 and outChannels 3');
    // Several common divisors: listed as the one value is, the phrase said once (review 42).
    expect(refusal(() => explain({ input: 5, kernel: 3, inChannels: 8, outChannels: 12, groups: 3 })).hint).toBe('use groups 1, 2 or 4 (the values that divide both inChannels 8 and outChannels 12), or channel counts that are multiples of 3, such as inChannels 9');
    // 240 and 480 share 20 divisors; the first 12 are shown, not called all of them.
    expect(refusal(() => explain({ input: 5, kernel: 3, inChannels: 240, outChannels: 480, groups: 7 })).hint).toMatch(/^use groups 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 16, 20, … \(values that divide both inChannels 240 and outChannels 480\)/);
    expect(() => explain({ input: 5, kernel: 3, inChannels: 4, outChannels: 1, groups: 1 })).not.toThrow();
    expect(() => explain({ input: 5, kernel: 3, inChannels: 6, outChannels: 3, groups: 3 })).not.toThrow();
    // A weight [O, C/groups, k…] fixes C/groups: only the input's C over it can pass the channel
    // check after the groups' (a divisor of O alone, 3 here, met "expects 6 input channels").
    const odd = refusal(() => convGeometry({ inputShape: [1, 4, 5, 5], weightShape: [6, 2, 3, 3] }, { groups: 4 }));
    expect(odd.code).toBe('GROUPS');
    expect(odd.hint).toBe("use groups=2: the input's 4 channels over the weight's 2 per group (it divides the 6 output channels)");
    expect(() => convGeometry({ inputShape: [1, 4, 5, 5], weightShape: [6, 2, 3, 3] }, { groups: 2 })).not.toThrow();
    const none = refusal(() => convGeometry({ inputShape: [1, 8, 5, 5], weightShape: [6, 2, 3, 3] }, { groups: 4 }));
    expect(none.hint).toMatch(/^no groups fit this weight and input: groups must divide the weight's 6 output channels and be the input's 8 channels over the weight's 2 per group/);
  });
  it("a channel mismatch whose groups do not divide the input's channels offers groups that do, not a weight [O, C/groups, …] that cannot exist (review 43)", () => {
    // 6 input channels, groups 4: 6/4 is no whole number, so the old hint's "[8, C/groups, …]" named no weight.
    const six = refusal(() => convGeometry({ inputShape: [1, 6, 8, 8], weightShape: [8, 1, 3, 3] }, { groups: 4 }));
    expect(six.code).toBe('CHANNELS');
    expect(six.hint).toBe('give the input 4 channels, or, for 6 input channels, use groups 1 or 2 (the values dividing both 6 and the 8 output channels) with a weight of shape [8, 6/groups, …], such as [8, 3, …] with groups=2');
    expect(refusal(() => convGeometry({ inputShape: [1, 5, 8, 8], weightShape: [8, 1, 3, 3] }, { groups: 4 })).hint).toBe('give the input 4 channels, or, for 5 input channels, use groups=1 with a weight of shape [8, 5, …] (1 is the only groups value dividing both 5 and the 8 output channels)');
    // Every mismatch over small counts: each fix the hint offers is accepted as it stands.
    let checked = 0;
    for (let c = 1; c <= 12; c++) for (let o = 1; o <= 12; o++) for (let per = 1; per <= 3; per++) for (let g = 1; g <= o; g++) {
      if (o % g !== 0 || c === per * g) continue;
      const r = refusal(() => convGeometry({ inputShape: [1, c, 5, 5], weightShape: [o, per, 3, 3] }, { groups: g }));
      expect(r.code).toBe('CHANNELS');
      const need = Number(/^give the input (\d+) channels?/.exec(r.hint!)![1]);
      expect(() => convGeometry({ inputShape: [1, need, 5, 5], weightShape: [o, per, 3, 3] }, { groups: g })).not.toThrow();
      const weight = /a weight of shape \[(\d+), (\d+), …\](?: \(| with groups=1 )?/.exec(r.hint!);
      const example = /such as \[(\d+), (\d+), …\] with groups=(\d+)/.exec(r.hint!);
      const [wo, wi, wg] = example ? [+example[1], +example[2], +example[3]] : weight ? [+weight[1], +weight[2], c % g === 0 ? g : 1] : [0, 0, 0];
      expect(wo, r.hint).toBe(o);
      expect(() => convGeometry({ inputShape: [1, c, 5, 5], weightShape: [wo, wi, 3, 3] }, { groups: wg }), r.hint).not.toThrow();
      const listed = /use groups ([\d, or]+) \(/.exec(r.hint!);
      for (const h of listed ? listed[1].split(/, | or /).map(Number) : []) expect([c % h, o % h], r.hint).toEqual([0, 0]);
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
    // The transposed weight [C, O/groups, …] needs groups dividing C too.
    const t = refusal(() => convTransposeGeometry({ inputShape: [1, 6, 8, 8], weightShape: [8, 1, 3, 3] }, { groups: 4 }));
    expect([t.code, t.hint]).toEqual(['CHANNELS', 'give the input 8 channels, or a transposed weight of shape [6, out channels / groups, …] with groups 1, 2, 3 or 6 (the values dividing 6)']);
    for (const h of [1, 2, 3, 6]) expect(() => convTransposeGeometry({ inputShape: [1, 6, 8, 8], weightShape: [6, 2, 3, 3] }, { groups: h })).not.toThrow();
  });
});
