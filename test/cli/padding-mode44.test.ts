/**
 * `explain --padding-mode reflect` said nothing of the mode (review R2): the text and --json showed
 * the padding's size only, as if the padding were zeros. The words are the glossary's
 * (web/GLOSSARY.md: padding mode reflect / 填充模式 镜像).
 */
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';

async function cli(...argv: string[]) {
  const io = bufferIO();
  const code = await runCli(argv, io);
  expect(code, io.stderr()).toBe(0);
  return io.stdout();
}

const base = ['explain', '--input', '5x5', '--kernel', '3', '--padding', '1'];

describe('explain shows the padding mode', () => {
  it('in the first line, in English and Chinese, for each mode given', async () => {
    const words = { reflect: ['padding mode reflect', '填充模式 镜像'], replicate: ['padding mode replicate', '填充模式 复制边缘'], circular: ['padding mode circular', '填充模式 循环'], zeros: ['padding mode zeros', '填充模式 补零'] };
    for (const [mode, [en, zh]] of Object.entries(words)) {
      expect((await cli(...base, '--padding-mode', mode)).split('\n')[0]).toBe(`2-D convolution · input 5×5 · kernel 3×3 · stride 1×1 · padding 1×1 · ${en} · dilation 1×1`);
      expect((await cli(...base, '--padding-mode', mode, '--lang', 'zh')).split('\n')[0]).toBe(`二维卷积 · 输入 5×5 · 卷积核 3×3 · 步长 1×1 · 填充 1×1 · ${zh} · 膨胀率 1×1`);
    }
    // Without the flag the line is as it was.
    expect((await cli(...base)).split('\n')[0]).toBe('2-D convolution · input 5×5 · kernel 3×3 · stride 1×1 · padding 1×1 · dilation 1×1');
  });

  it('in --json, as paddingMode (zeros where none is given; null for a pooling window)', async () => {
    expect(JSON.parse(await cli(...base, '--padding-mode', 'reflect', '--json')).paddingMode).toBe('reflect');
    expect(JSON.parse(await cli(...base, '--json')).paddingMode).toBe('zeros');
    expect(JSON.parse(await cli('explain', '--input', '5x5', '--kernel', '2', '--pool', 'max', '--json')).paddingMode).toBeNull();
  });
});
