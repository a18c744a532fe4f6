/** explain(): keys, languages, refusals (ConvError only), outputSize, groups and channels. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/arithmetic/explain.js';
import { GENERAL_TRANSPOSED, RELATIONSHIPS } from '../../src/arithmetic/relationships.js';
import { ConvError } from '../../src/geometry/errors.js';
import { convGeometry } from '../../src/geometry/torch.js';
import { registerStrings, stringKeys, t } from '../../src/i18n/index.js';
import { convArb } from './arbitraries.js';

const CJK = /[\u4e00-\u9fff]/;

describe('explain output', () => {
  it('has the documented JSON keys and survives a JSON round trip', () => {
    const e = JSON.parse(JSON.stringify(explain({ input: [5, 5], kernel: 3, stride: 2, padding: 1, inChannels: 64, outChannels: 128, groups: 2, dilation: 2 })));
    // ⌊(5 + 2·1 − 2·(3 − 1) − 1)/2⌋ + 1 = 2
    expect(e.output).toEqual([2, 2]);
    expect(e.relationships).toEqual([15, 15]);
    expect(e.params).toBe(128 * 32 * 9 + 128);
    expect(e.macs).toBe(128 * 4 * 32 * 9);
    expect(e.flops).toBe(2 * e.macs);
    expect(e.axes[0].effectiveKernel).toBe(5);
    expect(e.outputShape).toEqual([1, 128, 2, 2]);
  });

  it('agrees with the geometry on output sizes of random configurations', () => {
    fc.assert(
      fc.property(convArb, (options) => {
        try {
          const e = explain(options);
          if (!e.transposed) {
            const g = convGeometry({ inputShape: e.inputShape, weightShape: e.weightShape!, biasShape: e.bias ? [e.outChannels] : null }, { stride: options.stride, padding: options.padding, dilation: options.dilation, groups: options.groups });
            expect(e.outputShape).toEqual(g.outputShape);
          }
          expect(e.output).toEqual(e.outputShape.slice(2));
        } catch (err) {
          expect(err).toBeInstanceOf(ConvError);
        }
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it('explains in Chinese', () => {
    const e = explain({ input: 3, kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: 1, lang: 'zh', rank: 1 });
    expect(e.lang).toBe('zh');
    expect(e.lines.every((l) => CJK.test(l) || /^ {2}o′? =/.test(l))).toBe(true);
    expect(e.lines.join('\n')).toContain('关系式 14');
    expect(e.lines.join('\n')).toContain('等价的普通卷积');
    expect(e.lines.join('\n')).toContain('翻转');
    expect(e.lines[0]).toMatch(/^一维转置卷积/);
    const en = explain({ input: 3, kernel: 3, stride: 2, padding: 1, transposed: true, outputPadding: 1, rank: 1 });
    expect(en.lines.some((l) => CJK.test(l))).toBe(false);
    expect(en.lines.length).toBe(e.lines.length);
  });

  it('names zero insertion only where the stride inserts zeros, with the count in words a reader writes', () => {
    const text = (stride: number, lang: 'en' | 'zh') => explain({ input: 2, kernel: 3, stride, transposed: true, rank: 1, lang }).lines.join('\n');
    expect(text(1, 'en')).toContain('no zeros inserted (stride 1)');
    expect(text(1, 'en')).not.toMatch(/0 zero/);
    expect(text(1, 'zh')).toContain('不插零');
    expect(text(1, 'zh')).not.toContain('插入 0 个零');
    expect(text(2, 'en')).toContain('with 1 zero inserted between neighbours');
    expect(text(3, 'en')).toContain('with 2 zeros inserted between neighbours');
    expect(text(2, 'zh')).toContain('相邻单元之间插入 1 个零');
    // The padding line in plain words; output padding a only when there is some.
    expect(text(1, 'zh')).toContain('填充 p′：开头补 2 个单元，末尾补 2 个');
    expect(text(1, 'en')).not.toContain('a = 0');
    // A crop (negative p′) is a signed number, never "补 -1 个单元".
    const crop = explain({ input: 5, kernel: 1, stride: 2, padding: 1, outputPadding: 1, transposed: true, rank: 1, lang: 'zh' }).lines.join('\n');
    expect(crop).toContain('填充 p′：开头 -1，末尾 -1，再加输出填充 a = 1 个单元（末尾共 0）');
    expect(crop).not.toMatch(/补 -\d/);
  });

  it('writes the guide’s primes as ′ (U+2032) in its text, English and Chinese, as the pictures and the page do', () => {
    // ĩ', p', o' in ASCII read as quotes in the Formula tab and the CLI, beside the figures' ĩ′ and p′.
    const ascii = /(?<![A-Za-z])[A-Za-zĩ]'/;
    for (const lang of ['en', 'zh'] as const) {
      for (const o of [
        { input: 4, kernel: 3, stride: 2, padding: 1, transposed: true, rank: 1, lang },
        { input: 5, kernel: 1, stride: 2, padding: 1, outputPadding: 1, transposed: true, rank: 1, lang },
        { input: 3, kernel: 3, stride: 2, padding: 0, dilation: 2, outputPadding: 1, transposed: true, rank: 1, lang },
      ]) {
        const e = explain(o);
        const text = [...e.lines, ...e.axes.map((a) => a.formula)].join('\n');
        expect(text, text).not.toMatch(ascii);
        for (const name of ['ĩ′ =', 'k′ =', 's′ = 1', 'p′', 'o′ =']) expect(text, `${lang}: ${name}`).toContain(name);
      }
    }
    for (const r of [...RELATIONSHIPS, GENERAL_TRANSPOSED]) expect(r.formula).not.toMatch(ascii);
  });

  it('has a Chinese string for every English key', () => {
    expect(stringKeys('zh').sort()).toEqual(stringKeys('en').sort());
  });

  it('t() fills placeholders, falls back to English, then to the key, and takes registered strings', () => {
    expect(t('en', 'explain.output', { output: '3×3', shape: '1, 1, 3, 3' })).toBe('output 3×3 (output shape [1, 1, 3, 3])');
    registerStrings('en', { 'test.only.en': 'hello {who}' });
    expect(t('zh', 'test.only.en', { who: 'x' })).toBe('hello x');
    expect(t('en', 'no.such.key')).toBe('no.such.key');
    registerStrings('zh', { 'test.only.en': '你好 {who}' });
    expect(t('zh', 'test.only.en', { who: 'x' })).toBe('你好 x');
    expect(t('en', 'explain.macs', { macs: 1234567 })).toContain('1,234,567');
  });

  it('picks the output padding from outputSize for a transposed convolution', () => {
    const e = explain({ input: [3, 3], kernel: 3, stride: 2, padding: 1, transposed: true, outputSize: [6, 5] });
    expect(e.output).toEqual([6, 5]);
    expect(e.axes.map((a) => a.outputPadding)).toEqual([1, 0]);
    expect(e.relationships).toEqual([14, 13]);
  });

  it('explains pooling windows with relationship 7 and no parameters', () => {
    const e = explain({ input: [5, 5], kernel: 3, stride: 1, pool: 'avg', inChannels: 2 });
    expect(e.relationships).toEqual([7, 7]);
    expect(e.params).toBe(0);
    expect(e.windowReads).toBe(2 * 9 * 9);
    expect(explain({ input: 5, kernel: 2, pool: 'max', rank: 1 }).output).toEqual([2]);
  });

  it('accepts 1-D and 3-D, one pair for every axis, and unbiased layers', () => {
    expect(explain({ input: [7], kernel: 3 }).rank).toBe(1);
    expect(explain({ input: [4, 5, 6], kernel: 3, padding: 1 }).output).toEqual([4, 5, 6]);
    const pair = explain({ input: [5, 5], kernel: 2, padding: [[0, 1]] });
    expect(pair.axes.map((a) => a.padding)).toEqual([[0, 1], [0, 1]]);
    expect(pair.output).toEqual([5, 5]);
    const nb = explain({ input: 5, kernel: 3, inChannels: 4, outChannels: 8, bias: false });
    expect(nb.params).toBe(8 * 4 * 9);
    expect(nb.paramsWithBias).toBe(8 * 4 * 9 + 8);
  });
});

describe('explain refusals', () => {
  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    ['kernel larger than the padded input', { input: 5, kernel: 7 }, 'KERNEL_TOO_LARGE', /use padding ≥ 1/],
    ['groups not dividing the channels', { input: 5, kernel: 3, inChannels: 6, outChannels: 4, groups: 4 }, 'GROUPS', /must divide inChannels 6/],
    ["'same' with a stride", { input: 5, kernel: 3, stride: 2, padding: 'same' }, 'SAME_STRIDED', /solvePadding/],
    ['outputSize on a direct conv', { input: 5, kernel: 3, outputSize: [5, 5] }, 'INVALID_OPTION', /transposed convolutions only/],
    ['output padding too large', { input: 3, kernel: 3, stride: 2, outputPadding: 2, transposed: true }, 'OUTPUT_PADDING', /smaller than either the stride 2/],
    ['an unreachable outputSize', { input: 3, kernel: 3, stride: 2, outputSize: [20, 20], transposed: true }, 'OUTPUT_SIZE', /valid sizes range from 7 to 8/],
    ['an unknown option', { input: 5, kernel: 3, strides: 2 }, 'INVALID_OPTION', /unknown explain option "strides"/],
    ['an unknown language', { input: 5, kernel: 3, lang: 'fr' }, 'INVALID_OPTION', /lang must be one of en, zh/],
    ['a fractional size', { input: 5.5, kernel: 3 }, 'INVALID_NUMBER', /integer/],
    ['a missing kernel', { input: 5 }, 'INVALID_OPTION', /kernel size is missing/],
    ['four axes', { input: [1, 2, 3, 4], kernel: 1 }, 'OPTION_LENGTH', /1 to 3 spatial axes/],
    ['a zero stride', { input: 5, kernel: 3, stride: 0 }, 'STRIDE', /stride must be positive/],
    // The hints name only values that would be taken: no size 0, no negative range for a size, no rank 4.
    ['a negative size', { input: -1, kernel: 3 }, 'INVALID_NUMBER', /^input is -1; sizes cannot be negative; use sizes ≥ 1$/],
    ['a size beyond 2³¹ − 1', { input: 3e9, kernel: 3 }, 'INVALID_NUMBER', /^input 3000000000 is out of range; use a value from 1 to 2147483647$/],
    ['a padding beyond 2³¹ − 1', { input: 5, kernel: 3, padding: [0, 3e9] }, 'INVALID_NUMBER', /^padding\[1\] 3000000000 is out of range; use a value from 0 to 2147483647$/],
    ['a batch beyond 2³¹ − 1', { input: 5, kernel: 3, batch: -3e9 }, 'INVALID_NUMBER', /^batch -3000000000 is out of range; use a value from 0 to 2147483647$/],
    ['a rank beyond 2³¹ − 1', { input: 5, kernel: 3, rank: 3e9 }, 'INVALID_OPTION', /^rank must be 1, 2 or 3, but got 3000000000; use rank 1 \(L\), 2 \(H, W\) or 3 \(D, H, W\)$/],
  ];
  for (const [what, options, code, message] of refusals) {
    it(`refuses ${what}`, () => {
      try {
        explain(options as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ConvError);
        expect((e as ConvError).code).toBe(code);
        expect((e as ConvError).message).toMatch(message);
      }
    });
  }

  it('throws nothing but ConvError on arbitrary input', () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 9 }), fc.double(), fc.string(), fc.constant(undefined), fc.constant(null), fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 4 }), fc.boolean(), fc.anything());
    const options = fc.record(
      { input: value, kernel: value, stride: value, padding: value, dilation: value, transposed: value, outputPadding: value, outputSize: value, inChannels: value, outChannels: value, groups: value, bias: value, batch: value, rank: value, pool: value, lang: value },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(options, fc.anything()), (o) => {
        try {
          const e = explain(o as never);
          expect(e.output.every((n) => Number.isInteger(n) && n >= 1)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(ConvError);
        }
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
});

describe('pooling in ceil mode', () => {
  it('has no relationship and a ceil formula whose substituted text gives the output', async () => {
    const { evaluateFormula } = await import('./arbitraries.js');
    for (const [i, k, s, p] of [[5, 2, 2, 0], [6, 3, 2, 1], [7, 3, 3, 1], [4, 2, 3, 1], [5, 3, 2, 1]]) {
      const e = explain({ input: i, kernel: k, stride: s, padding: p, pool: 'max', ceilMode: true, rank: 1 });
      const a = e.axes[0];
      expect(a.relationship).toBeNull();
      expect(a.reason).toBe('ceil-mode');
      expect(evaluateFormula(a.substituted.replaceAll('⌈', 'Math.ceil(').replaceAll('⌉', ')'))).toBe(a.output);
    }
  });
});

describe('options of the other kind of layer', () => {
  const refusal = (o: Record<string, unknown>) => {
    try {
      explain(o as unknown as Parameters<typeof explain>[0]);
    } catch (e) {
      expect(e).toBeInstanceOf(ConvError);
      return e as ConvError;
    }
    throw new Error(`accepted ${JSON.stringify(o)}`);
  };
  it('refuses ceilMode: true on a convolution, direct or transposed, instead of explaining floor mode', () => {
    for (const extra of [{}, { transposed: true }]) {
      const e = refusal({ input: 5, kernel: 3, stride: 2, ceilMode: true, ...extra });
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.message).toContain('ceilMode applies to pooling windows only');
      expect(e.hint).toContain("pool: 'max'");
    }
    // The default, said out loud, is no claim.
    expect(explain({ input: 5, kernel: 3, stride: 2, ceilMode: false }).output).toEqual([2, 2]);
  });
  it('refuses a convolution’s channel, group, transpose and padding-mode options on a pooling window', () => {
    for (const [name, value] of [['outChannels', 8], ['groups', 2], ['outputPadding', 1], ['outputSize', 6], ['paddingMode', 'reflect']] as const) {
      const e = refusal({ input: 5, kernel: 2, pool: 'max', inChannels: 4, [name]: value });
      expect(e.message).toContain(`${name} applies to convolutions only`);
      expect(e.hint).toContain(`leave ${name} out with pool`);
    }
    // Their defaults change nothing and stay accepted.
    expect(explain({ input: 5, kernel: 2, pool: 'avg', groups: 1, outputPadding: 0, paddingMode: 'zeros' }).output).toEqual([2, 2]);
    // So does an output channel count that is the pool's own: the input's (1 when not given).
    expect(explain({ input: 5, kernel: 2, pool: 'max', inChannels: 4, outChannels: 4 }).output).toEqual([2, 2]);
    expect(explain({ input: 5, kernel: 2, pool: 'max', outChannels: 1 }).output).toEqual([2, 2]);
    expect(refusal({ input: 5, kernel: 2, pool: 'max', outChannels: 3 }).message).toContain('outChannels applies to convolutions only');
  });
});
