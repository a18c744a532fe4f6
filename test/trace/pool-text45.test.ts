/**
 * A pooling window's trace text (review R3, stop 45): it said "kernel 2×2", "36 taps" and
 * "(0,0)·w(1,1) (3 taps on zeros)" as for a convolution, but a pooling window multiplies nothing and
 * max pooling's padding is not zeros. It now names the window, its cells and the padding.
 */
import { describe, expect, it } from 'vitest';
import { trace } from '../../src/trace/trace.js';
import { traceText } from '../../src/trace/text.js';

describe('traceText of a pooling window', () => {
  it('names the window, the function and the cells in the padding (en)', () => {
    const lines = traceText(trace({ input: [4, 4], kernel: 2, stride: 2, padding: 1, pool: 'max' }));
    expect(lines[0]).toBe('maxPool (direct view): input 4×4 → output 3×3, window 2×2');
    expect(lines).toContain('9 frames, 36 window cells:');
    expect(lines).toContain('  1. output (0,0) ← max of (0,0)  (3 cells in the padding)');
    expect(lines).toContain('  5. output (1,1) ← max of (1,1), (1,2), (2,1), (2,2)');
    expect(lines.join('\n')).not.toMatch(/·w|taps|zeros\)/);
  });

  it('in Chinese: 窗口, 平均值, 填充 (zh)', () => {
    const lines = traceText(trace({ input: [4, 4], kernel: 2, stride: 2, padding: 1, pool: 'avg' }), 30, 'zh');
    expect(lines[0]).toBe('平均池化（直接视图）：输入 4×4 → 输出 3×3，窗口 2×2');
    expect(lines).toContain('共 9 步，窗口共 36 格：');
    expect(lines).toContain('  2. 输出 (0,1) ← {(0,1), (0,2)} 的平均值（窗口中有 2 格落在填充上）');
    expect(lines.join('\n')).not.toMatch(/卷积核|乘积/);
  });

  it('a convolution keeps its kernel, taps and zeros', () => {
    const lines = traceText(trace({ input: [4, 4], kernel: 2, stride: 2, padding: 1 }));
    expect(lines[0]).toBe('conv (direct view): input 4×4 → output 3×3, kernel 2×2');
    expect(lines).toContain('  1. output (0,0) ← (0,0)·w(1,1)  (3 taps on zeros)');
  });
});
