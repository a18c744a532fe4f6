/**
 * A refusal in the words of the person at the shell (review R2): under --lang zh its headline is
 * Chinese, and its advice names the flags and commands they can type (`--padding [0,1]x[0,1]`,
 * `convkit solve padding`, `--pair 0,0`), not the library's options and functions.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { inFlagWords } from '../../src/cli/flag-words.js';
import { bufferIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { parsePadding } from '../../src/cli/parse.js';
import { ERROR_HEADLINES } from '../../src/i18n/errors.js';

async function refused(...argv: string[]): Promise<string> {
  const io = bufferIO();
  expect(await runCli(argv, io), argv.join(' ')).toBe(2);
  expect(io.stderr().split('\n').filter(Boolean), argv.join(' ')).toHaveLength(1);
  return io.stderr();
}

const png = () => join(mkdtempSync(join(tmpdir(), 'convkit-words-')), 'x.png');

describe('--lang zh translates the refusal’s headline, for every command that takes --lang', () => {
  const cases: [string[], keyof typeof ERROR_HEADLINES.zh, RegExp][] = [
    [['explain', '--input', '2', '--kernel', '3'], 'KERNEL_TOO_LARGE', /kernel extent 3 is larger than the padded input 2/],
    [['explain', '--input', '5a', '--kernel', '3'], 'INVALID_NUMBER', /--input "5a" is not understood/],
    [['solve', 'padding', '--input', '20', '--output', '2', '--kernel', '3', '--rank', '1'], 'OUTPUT_SIZE', /output 2 is smaller than 18/],
    [['solve', 'transpose', '--input', '2', '--kernel', '3'], 'KERNEL_TOO_LARGE', /kernel extent 3/],
    [['solve', 'configs', '--input', '32', '--output', '16', '--limit', '0'], 'INVALID_OPTION', /--limit must be between 1 and 100,000/],
    [['animate', '--input', '2', '--kernel', '3', '--out', 'never.gif'], 'KERNEL_TOO_LARGE', /kernel extent 3/],
  ];
  it('says the headline in Chinese first, then the detail (English: no Chinese text exists for it)', async () => {
    for (const [argv, code, detail] of cases) {
      const zh = await refused(...argv, '--lang', 'zh');
      expect(zh, argv.join(' ')).toMatch(new RegExp(`^convkit: 错误：${ERROR_HEADLINES.zh[code]}。详情：`));
      expect(zh, argv.join(' ')).toMatch(detail);
      const en = await refused(...argv);
      expect(en, argv.join(' ')).toMatch(/^convkit: error: /);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a usage error under --lang zh is said in Chinese too (an unknown or misspelt flag, a missing one)', async () => {
    expect(await refused('explain', '--input', '2', '--kernal', '3', '--lang', 'zh')).toBe("convkit: 错误：未知选项 '--kernal'（是否想输入 --kernel？）\n");
    expect(await refused('solve', 'padding', '--input', '8', '--kernel', '3', '--lang=zh')).toBe("convkit: 错误：缺少必需的选项 '--output <sizes>'\n");
    expect(await refused('explain', '--kernel', '3', '--lang', 'zh', '--input')).toBe("convkit: 错误：选项 '--input <sizes>' 缺少取值\n");
    expect(await refused('explain', '--input', '2', '--kernal', '3')).toBe("convkit: error: unknown option '--kernal' (Did you mean --kernel?)\n");
  });

  it('--lang en, or no --lang, keeps the English line; a refused --lang value itself is said in English', async () => {
    expect(await refused('explain', '--input', '2', '--kernel', '3', '--lang', 'en')).toMatch(/^convkit: error: kernel extent 3/);
    expect(await refused('explain', '--input', '2', '--kernel', '3', '--lang', 'fr')).toMatch(/^convkit: error: --lang must be one of en, zh/);
  });
});

describe('advice names flags and commands, not library options and functions', () => {
  it("the strided 'same' refusal offers a --padding the CLI reads, and `convkit solve padding`", async () => {
    const line = await refused('explain', '--input', '5x6', '--kernel', '2', '--stride', '2', '--padding', 'same');
    expect(line).toContain("TensorFlow's 'SAME' here: --padding [0,1]x[0,0] (convkit solve padding finds the padding for any output size)");
    expect(line).not.toMatch(/solvePadding|\[\[/);
    // What it says is typed back: the CLI reads it.
    expect(parsePadding('[0,1]x[0,0]')).toEqual([[0, 1], [0, 0]]);
    expect(inFlagWords('convkit solvePadding finds the padding', new Command('x'))).toBe('convkit solve padding finds the padding');
    // Where the library named the function and the command, the command once.
    expect(await refused('explain', '--input', '5', '--kernel', '3', '--output-size', '9')).toBe(
      'convkit: error: --output-size applies to transposed convolutions only; for a direct convolution find the padding with convkit solve padding, or add --transposed\n',
    );
  });

  it('names --pair, --scale, --limit, --transposed and --padding, and groups as a flag throughout', async () => {
    expect(await refused('matrix', '--input', '4x4', '--kernel', '3', '--in-channels', '2', '--pair', '5,0')).toBe(
      'convkit: error: --pair must be [output channel 0…1, input channel 0…1], but got [5, 0]; e.g. --pair 0,0\n',
    );
    expect(await refused('animate', '--input', '4x4', '--kernel', '3', '--out', png(), '--scale', '9')).toBe(
      'convkit: error: --scale must be a whole number from 1 to 4, but got 9; use --scale 2 for a PNG with twice the pixels on each side\n',
    );
    expect(await refused('solve', 'configs', '--input', '32', '--output', '16', '--limit', '0')).toBe(
      'convkit: error: --limit must be between 1 and 100,000, but got 0; use --limit from 1 to 100,000\n',
    );
    expect(await refused('explain', '--input', '5', '--kernel', '3', '--pool', 'max', '--transposed')).toBe(
      'convkit: error: pooling cannot be transposed; leave --transposed out with --pool\n',
    );
    expect(await refused('explain', '--input', '5x5', '--kernel', '3', '--padding', '1x2x3')).toBe(
      'convkit: error: --padding has 3 values but the convolution has 2 spatial axes; give one value for every axis, or 2 joined by x such as 1x1\n',
    );
    expect(await refused('explain', '--input', '5x5', '--kernel', '3', '--in-channels', '4', '--groups', '3')).toBe(
      'convkit: error: --groups 3 must divide --in-channels 4; use --groups 1, 2 or 4 (the values that divide both --in-channels 4 and --out-channels 4), or channel counts that are multiples of 3, such as --in-channels 6 and --out-channels 6\n',
    );
  });

  it('a one-axis convolution is not offered "a list of 1 values"', async () => {
    const line = await refused('explain', '--input', '5', '--kernel', '3', '--rank', '1', '--stride', '1x2');
    expect(line).toBe('convkit: error: --stride has 2 values but the convolution has 1 spatial axis; give one value\n');
  });

  it('writes large numbers with thousands separators, as the help does, but not inside a shape or a quoted value', async () => {
    const line = await refused('solve', 'configs', '--input', '32', '--output', '16', '--max-kernel', '200', '--max-stride', '200', '--max-padding', '100');
    expect(line).toBe('convkit: error: the search over 12,120,000 configurations is larger than 1,000,000; lower --max-kernel, --max-stride, --max-padding or --max-dilation\n');
    const io = bufferIO();
    await runCli(['solve', 'configs', '--help'], io);
    expect(io.stdout()).toContain('at most 1,000,000 candidates');
    // "[1, 1, 100,000]" would read as four numbers.
    expect(inFlagWords('weight shape [1, 1, 100000] needs 300000 values; --input "100000x5" is 200000 cells', new Command('x'))).toBe(
      'weight shape [1, 1, 100000] needs 300,000 values; --input "100000x5" is 200,000 cells',
    );
  });
});
