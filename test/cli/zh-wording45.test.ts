/**
 * Chinese the CLI prints under --lang zh, as a native reviewer (R3, stop 45) read it: headlines that
 * must be true for every refusal their code covers, no colon read as a ratio, the glossary's
 * 开头/末尾, and a count of zero said as 没有.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';

async function cli(...argv: string[]) {
  const io = bufferIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('Chinese refusal headlines are true for what was refused', () => {
  it('a value out of range, a channel count of 0, groups of 0, a layer not in the network', async () => {
    const cases: [string[], string][] = [
      [['solve', 'padding', '--input', '5', '--output', '3', '--kernel', '0'], '某个数值无效（不是整数，或超出允许范围）'],
      [['explain', '--input', '5', '--kernel', '3', '--in-channels', '0'], '通道数小于 1，或与权重不符'],
      [['explain', '--input', '5', '--kernel', '3', '--groups', '0'], '分组数须至少为 1，且能整除通道数'],
    ];
    for (const [argv, headline] of cases) {
      const r = await cli(...argv, '--lang', 'zh');
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toContain(`错误：${headline}`);
    }
    // The old headlines said what was not so: 0 is a whole number; no weight was given.
    for (const wrong of ['某个值不是整数', '输入通道数与权重不匹配', '分组数不能整除通道数']) {
      for (const [argv] of cases) expect((await cli(...argv, '--lang', 'zh')).err).not.toContain(wrong);
    }
  });
});

describe('explain and solve in Chinese', () => {
  it('ĩ′ with its cells in brackets, not after a colon that reads as a ratio', async () => {
    const r = await cli('explain', '--input', '3x3', '--kernel', '3', '--stride', '2', '--padding', '1', '--transposed', '--output-padding', '1', '--lang', 'zh');
    expect(r.out).toContain('输入 ĩ′ = 5（3 个输入单元，相邻单元之间插入 1 个零）');
    expect(r.out).not.toMatch(/ĩ′ = \d+：/);
  });

  it('asymmetric padding by 开头/末尾', async () => {
    const e = await cli('explain', '--input', '5x6', '--kernel', '3', '--padding', '[0,1]x[1,1]', '--lang', 'zh');
    expect(e.out).toContain('非对称填充，开头 0、末尾 1');
    const s = await cli('solve', 'padding', '--input', '5', '--output', '5', '--kernel', '4', '--lang', 'zh');
    expect(s.out).toContain('对称填充得不到输出 5，改用非对称填充（开头 1、末尾 2）即可');
  });

  it('solve configs: 没有 for none, 共有 n 种 otherwise, relationships named', async () => {
    expect((await cli('solve', 'configs', '--input', '8', '--output', '100', '--lang', 'zh')).out.split('\n')[0]).toBe('没有配置能把 8 映射到 100');
    expect((await cli('solve', 'configs', '--input', '8', '--output', '100')).out.split('\n')[0]).toBe('no configuration maps 8 to 100');
    const some = (await cli('solve', 'configs', '--input', '32', '--output', '16', '--max-kernel', '5', '--limit', '3', '--lang', 'zh')).out.split('\n');
    expect(some[0]).toBe('共有 10 种配置能把 32 映射到 16（只列出前 3 种）');
    expect(some[1]).toBe('k=1 s=2 p=0 d=1（关系式 5）');
  });

  it('parameters and pooling counts without a second colon', async () => {
    expect((await cli('explain', '--input', '5x5', '--kernel', '3', '--lang', 'zh')).out).toContain('（不含偏置为 9）');
    expect((await cli('explain', '--input', '5x5', '--kernel', '2', '--pool', 'max', '--lang', 'zh')).out).toContain('参数量为 0 · 窗口读取 16 次');
  });
});

describe('pictures in Chinese', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convkit-zh45-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const svg = async (argv: string[]) => {
    const out = join(dir, `${argv[0]}.svg`);
    const r = await cli(...argv, '--out', out, '--lang', 'zh');
    expect(r.code, r.err).toBe(0);
    return readFileSync(out, 'utf8');
  };

  it('the matrix names its size in full-width brackets and the highlighted row in words', async () => {
    const text = await svg(['matrix', '--input', '3x3', '--kernel', '2', '--in-channels', '2', '--out-channels', '2', '--row', '5']);
    expect(text).toContain('卷积矩阵 C（8×18）');
    expect(text).toContain('输出单元 0,1（输出通道 1），对应第 5 行');
    expect(text).not.toContain('(ch ');
  });

  it('a padding mode in the glossary’s word, not PyTorch’s keyword', async () => {
    const text = await svg(['animate', '--input', '4', '--kernel', '3', '--rank', '1', '--padding', '1', '--padding-mode', 'reflect', '--frame', '1']);
    expect(text).toContain('填充 1（镜像）');
    expect(text).not.toContain('(reflect)');
  });
});
