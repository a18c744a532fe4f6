/**
 * The library says what the CLI used to patch in (stop 44's review R2, moved to the library in stop 45):
 * exact MACs past 2^53, and the padding mode in explain's first line and result.
 */
import { describe, expect, it } from 'vitest';
import { convCounts, exactConvCounts } from '../../src/arithmetic/counts.js';
import { explain, explainGeometry } from '../../src/arithmetic/explain.js';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';

const grouped = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+$)/g, ',');

describe('exactConvCounts', () => {
  it('agrees with convCounts wherever the float counts are exact (direct, transposed, grouped, 1-D to 3-D)', () => {
    const cases = [
      convGeometry({ inputShape: [2, 16, 8, 8], weightShape: [32, 8, 3, 3] }, { groups: 2, padding: 1 }),
      convTransposeGeometry({ inputShape: [1, 64, 7], weightShape: [64, 16, 5] }, { stride: 2, groups: 4 }),
      convGeometry({ inputShape: [3, 4, 5, 6, 7], weightShape: [8, 4, 3, 2, 1] }, {}),
    ];
    for (const g of cases) {
      const c = convCounts(g);
      const x = exactConvCounts(g);
      expect(c.exact).toBe(true);
      expect([x.macs, x.flops, x.positions, x.macsPerPosition]).toEqual([c.macs, c.flops, c.positions, c.macsPerPosition].map(BigInt));
    }
  });

  it('past 2^53 counts what the floats round, and says the floats are not exact', () => {
    const g = convGeometry({ inputShape: [1, 3, 100000, 100000, 100000], weightShape: [64, 3, 3, 3, 3] }, {});
    const positions = 64n * 99998n ** 3n;
    const x = exactConvCounts(g);
    expect(x.positions).toBe(positions);
    expect(x.macs).toBe(positions * 81n);
    expect(x.flops).toBe(2n * positions * 81n);
    const c = convCounts(g);
    expect(c.exact).toBe(false);
    // The float is the nearest double, and not the count.
    expect(BigInt(c.macs)).not.toBe(x.macs);
  });
});

describe('explain names exact counts and the padding mode', () => {
  it('past 2^53 the MACs line and macsExact/flopsExact carry the exact numbers (en and zh)', () => {
    const o = { input: [100000, 100000, 100000], kernel: 3, inChannels: 3, outChannels: 64 };
    const positions = 64n * 99998n ** 3n;
    const macs = positions * 81n;
    const en = explain(o);
    expect(en.macsExact).toBe(String(macs));
    expect(en.flopsExact).toBe(String(2n * macs));
    expect(en.lines).toContain(`MACs: ${grouped(macs)} = ${grouped(positions)} output positions × 81 per position · FLOPs = 2·MACs = ${grouped(2n * macs)}`);
    expect(explain({ ...o, lang: 'zh' }).lines.join('\n')).toContain(`乘加次数（MACs）：${grouped(macs)} = ${grouped(positions)} 个输出位置`);
    // JSON holds it all (no BigInt in the result).
    expect(() => JSON.stringify(en)).not.toThrow();
  });

  it('small counts: macsExact is the same number; pooling has none', () => {
    const e = explain({ input: 5, kernel: 3 });
    expect(e.macsExact).toBe(String(e.macs));
    const p = explain({ input: 5, kernel: 2, pool: 'max' });
    expect([p.macsExact, p.flopsExact, p.paddingMode]).toEqual([null, null, null]);
  });

  it('the first line names a copying padding mode always, zeros only when asked; the result always has it', () => {
    const base = { input: [5, 5], kernel: 3, padding: 1 };
    expect(explain(base).lines[0]).toBe('2-D convolution · input 5×5 · kernel 3×3 · stride 1×1 · padding 1×1 · dilation 1×1');
    expect(explain(base).paddingMode).toBe('zeros');
    expect(explain({ ...base, paddingMode: 'zeros' }).lines[0]).toContain('padding 1×1 · padding mode zeros · dilation');
    expect(explain({ ...base, paddingMode: 'circular', lang: 'zh' }).lines[0]).toBe('二维卷积 · 输入 5×5 · 卷积核 3×3 · 步长 1×1 · 填充 1×1 · 填充模式 循环 · 膨胀率 1×1');
    // A geometry built elsewhere (a model reader, the page) says a copying mode too.
    const g = convGeometry({ inputShape: [1, 1, 5, 5], weightShape: [1, 1, 3, 3] }, { padding: 1, paddingMode: 'reflect' });
    const e = explainGeometry(g);
    expect(e.paddingMode).toBe('reflect');
    expect(e.lines[0]).toContain('padding 1×1 · padding mode reflect · dilation');
  });
});
