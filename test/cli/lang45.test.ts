/**
 * Review (stop 45) of the CLI as a user runs it (the built bin/convkit.js in a child process; run
 * `npm run build` first): --lang en|zh on every command that prints words, solve configs' one-tap
 * kernels, and a PNG given as a model.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/i18n/reports.js';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'convkit-lang45-'));
const yaml = 'test/model/examples/deeplab-rates.yaml';
const json = 'test/model/examples/unet-decoder.json';

function cli(...argv: string[]) {
  const r = spawnSync('node', ['bin/convkit.js', ...argv], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const commands: [string, string[]][] = [
  ['trace', ['--input', '5x5', '--kernel', '3', '--stride', '2']],
  ['matrix', ['--input', '3x3', '--kernel', '2']],
  ['summary', [json]],
  ['rf', [yaml]],
  ['gallery', ['--out', join(dir, 'g')]],
];

describe('--lang on trace, matrix, summary, rf and gallery', () => {
  it('each --help shows the one shared option', () => {
    for (const [name] of commands) {
      const help = cli(name, '--help');
      expect(help.code).toBe(0);
      // Commander wraps long descriptions: compare with the line breaks as spaces.
      expect(help.out.replace(/\s+/g, ' '), name).toMatch(/--lang <lang> [^-]* in en \(English\) or zh \(中文\)/);
    }
  });

  it('an unknown language is refused, naming the valid ones', () => {
    for (const [name, args] of commands) {
      const r = cli(name, ...args, '--lang', 'fr');
      expect(r.code, name).toBe(2);
      expect(r.out).toBe('');
      expect(r.err, name).toMatch(/^convkit: error: --lang must be one of en, zh, but got "fr"; use 'en' \(English\) or 'zh' \(中文\)\n$/);
    }
  });

  it('--lang en prints what the command printed without it', () => {
    for (const [name, args] of commands.slice(0, 4)) expect(cli(name, ...args, '--lang', 'en').out, name).toBe(cli(name, ...args).out);
  });

  it('trace: headings and labels in Chinese', () => {
    const r = cli('trace', '--input', '2x2', '--kernel', '3', '--stride', '2', '--transposed', '--frames', '2', '--lang', 'zh');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('转置卷积（直接视图）：输入 2×2 → 输出 5×5，卷积核 3×3，图中的卷积核已翻转（旋转 180°）');
    expect(lines[1]).toBe('网格 7×7（等价的普通卷积的输入，已插零并填充）；■ 输入  · 填充  ○ 插入的零  a 输出填充单元');
    expect(r.out).toContain('通道：输入通道 1 → 输出通道 1，分组数 1\n共 25 步，225 个乘积：\n  1. 输出 (0,0) ← (0,0)·w(0,0)（其中 8 个乘积落在零上）');
    expect(r.out).toContain('  … 另有 23 步（--json 给出全部）');
    const scatter = cli('trace', '--input', '2x2', '--kernel', '3', '--stride', '2', '--transposed', '--view', 'scatter', '--lang', 'zh');
    expect(scatter.out).toContain('每个输出单元的叠加份数：');
  });

  it('matrix: the heading in Chinese, and the drawing labelled in Chinese', () => {
    const r = cli('matrix', '--input', '3x3', '--kernel', '2', '--lang', 'zh');
    expect(r.out.split('\n')[0]).toBe('C 为 4×9 矩阵（行对应 1×2×2 个输出单元，列对应 1×3×3 个输入单元，通道在前），共 16 个非零元素');
    const svg = join(dir, 'c.svg');
    const w = cli('matrix', '--input', '3x3', '--kernel', '2', '--out', svg, '--lang', 'zh');
    expect(w.out).toBe(`已写入 ${svg}（4×9 矩阵）\n`);
    expect(readFileSync(svg, 'utf8')).toContain('卷积矩阵 C');
  });

  it('summary: the glossary column names, aligned in terminal columns', () => {
    const r = cli('summary', json, '--lang', 'zh');
    expect(r.code, r.err).toBe(0);
    const [head, header, , first] = r.out.split('\n');
    expect(head).toBe('unet-decoder：输入 x [1, 8, 32, 32]，空间维度 H×W');
    expect(header.split(/\s+/)).toEqual(['层', '算子', '输入', '输出', '参数量', 'MACs', '感受野', '空洞', '跳距', '关系式']);
    // Right-aligned numbers end where their heading ends, counted in columns a terminal shows.
    const end = (line: string, word: string) => displayWidth(line.slice(0, line.indexOf(word) + word.length));
    expect(end(first, '584')).toBe(end(header, '参数量'));
    expect(end(first, '589,824')).toBe(end(header, 'MACs'));
    expect(r.out).toMatch(/\n合计 +/);
    expect(r.out).toMatch(/\n约定：/);
    // The counting conventions in Chinese (src/i18n/summary.ts, the page's text), not English after 约定：.
    expect(r.out).toContain('\n约定：转置卷积按输入位置计数');
    expect(r.out).not.toContain('Transposed convolutions are counted');
    expect(cli('summary', json, '--markdown', '--lang', 'zh').out).toContain('| 层 | 算子 | 输入 | 输出 | 参数量 | MACs | 感受野 | 空洞 | 跳距 | 关系式 |');
  });

  it('rf: labels in Chinese, axes named by direction', () => {
    const r = cli('rf', yaml, '--output-index', '3,3', '--lang', 'zh');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('“rate8”在输入“input”[1, 3, 64, 64] 中的感受野\n高度方向（H）：感受野大小 127，跳距 4，等效填充 63');
    expect(r.out).toContain('HDC 经验规则');
    expect(r.out).toContain('输出 3，宽度方向（W）：单元 0～63');
    expect(r.out).not.toMatch(/\baxis\b|receptive field|jump|cells/);
  });

  it('gallery: captions, index.html and labels in Chinese', () => {
    const out = join(dir, 'zh');
    const r = cli('gallery', '--out', out, '--lang', 'zh');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^已把 27 张图和 index\.html 写入 .*（\d+ KiB）\n$/);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h2>经典示意图</h2>');
    expect(html).toContain('输入 4×4，卷积核大小 3');
    expect(html).toContain('转置卷积，输入 2×2，卷积核大小 3，步长 2（散射视图）');
    expect(html).not.toMatch(/frames|kernel \d/);
    // Pooling has a window, not a kernel (review R3).
    expect(html).toContain('最大池化，输入 5×5，窗口大小 3');
    expect(html).not.toMatch(/池化[^<]*卷积核/);
    expect(r.err).toMatch(/^图库：1\/27 /);
  });

  it('a refusal under --lang zh starts with the Chinese headline', () => {
    expect(cli('matrix', '--input', '3', '--kernel', '5', '--lang', 'zh').err).toMatch(/^convkit: 错误：卷积核大于填充后的输入。详情：/);
    expect(cli('trace', '--input', '3', '--kernel', '5', '--lang', 'zh').err).toMatch(/^convkit: 错误：卷积核大于填充后的输入。详情：/);
    expect(cli('summary', join(dir, 'none.onnx'), '--lang', 'zh').err).toMatch(/^convkit: 错误：无法读取模型文件。详情：/);
    expect(cli('rf', join(dir, 'none.onnx'), '--lang', 'zh').err).toMatch(/^convkit: 错误：无法读取模型文件。详情：/);
  });
});

describe('solve configs and a kernel of one tap', () => {
  it('lists k=1 once, with d=1, and says so in its help', () => {
    const r = JSON.parse(cli('solve', 'configs', '--input', '8', '--output', '4', '--json').out) as { configs: { kernel: number; dilation: number }[] };
    const oneTap = r.configs.filter((c) => c.kernel === 1);
    expect(oneTap.length).toBeGreaterThan(0);
    expect(oneTap.every((c) => c.dilation === 1)).toBe(true);
    expect(cli('solve', 'configs', '--help').out).toContain('A kernel of 1 is listed once, with d=1');
  });
});

describe('a PNG named model.onnx', () => {
  it('is refused as a PNG image, not with the decoder’s words', () => {
    const png = join(dir, 'c.png');
    expect(cli('matrix', '--input', '3x3', '--kernel', '2', '--out', png).code).toBe(0);
    const model = join(dir, 'model.onnx');
    writeFileSync(model, readFileSync(png));
    const r = cli('summary', model);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^convkit: error: this is not an ONNX file: it starts with the PNG signature \(89 50 4E 47\), so it is a PNG image; give an \.onnx model exported from PyTorch/);
  });
});
