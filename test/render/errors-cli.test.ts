import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { bufferIO } from '../../src/cli/io.js';
import { ConvError } from '../../src/geometry/errors.js';
import { MAX_CELLS_PER_AXIS, MAX_FRAMES, renderAnimatedSvg, renderGif, renderMatrixSvg, renderSvg } from '../../src/render/index.js';
import { writeFileAtomic } from '../../src/cli/write-file.js';
import { convMatrix } from '../../src/matrix/index.js';
import { decodeGif } from './gif-decode.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ConvError ? e.code : `not a ConvError: ${String(e)}`;
  }
  return undefined;
}

describe('bad input', () => {
  it('a grid too large to draw is TOO_LARGE, with the limit in the message', () => {
    expect(codeOf(() => renderSvg({ input: MAX_CELLS_PER_AXIS + 1, kernel: 3 }))).toBe('TOO_LARGE');
    expect(() => renderGif({ input: 200, kernel: 3 })).toThrow(new RegExp(`${MAX_CELLS_PER_AXIS}`));
    expect(codeOf(() => renderMatrixSvg(convMatrix({ input: 20, kernel: 3 })))).toBe('TOO_LARGE');
  });
  it('an animation past MAX_FRAMES is TOO_LARGE; one frame of it is drawn', () => {
    const spec = { input: 40, kernel: 1 }; // 1600 output cells
    expect(MAX_FRAMES).toBeLessThan(1600);
    expect(codeOf(() => renderGif(spec))).toBe('TOO_LARGE');
    expect(codeOf(() => renderAnimatedSvg(spec))).toBe('TOO_LARGE');
    expect(renderSvg(spec, { frame: 1599 })).toContain('1600/1600');
  });
  it('impossible configurations and unknown options are ConvErrors', () => {
    expect(codeOf(() => renderSvg({ input: 2, kernel: 3 }))).toBe('KERNEL_TOO_LARGE');
    expect(codeOf(() => renderSvg({ input: 5, kernel: 3 }, { theme: 'neon' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => renderSvg({ input: 5, kernel: 3 }, { lang: 'fr' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => renderSvg({ input: [4, 4, 4], kernel: 3 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => renderMatrixSvg(convMatrix({ input: 4, kernel: 3 }), { highlightRow: 4 }))).toBe('INVALID_NUMBER');
  });
});

describe('atomic writes', () => {
  it('writes the whole file and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-render-'));
    writeFileAtomic(join(dir, 'sub', 'a.svg'), '<svg/>');
    expect(readFileSync(join(dir, 'sub', 'a.svg'), 'utf8')).toBe('<svg/>');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a.svg']);
  });
  it('an unwritable path is a ConvError naming the path, and nothing is left behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-render-'));
    writeFileSync(join(dir, 'file'), 'x');
    const target = join(dir, 'file', 'out.gif'); // a folder that is a file
    expect(() => writeFileAtomic(target, new Uint8Array(10))).toThrow(/cannot write .*out\.gif/);
    expect(readdirSync(dir)).toEqual(['file']);
  });
});

describe('convkit animate / gallery', () => {
  it('animate writes a GIF with one frame per output cell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-render-'));
    const io = bufferIO();
    const out = join(dir, 'x.gif');
    const code = await runCli(['animate', '--input', '5x5', '--kernel', '3', '--stride', '2', '--padding', '1', '--out', out], io);
    expect(code, io.stderr()).toBe(0);
    expect(io.stdout()).toContain('9 frames');
    expect(decodeGif(readFileSync(out)).frames.length).toBe(9);
  });
  it('animate: PNG frame, SVG frame, zh/flat/numeric/scatter flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-render-'));
    const io = bufferIO();
    expect(await runCli(['animate', '--input', '2x2', '--kernel', '3', '--stride', '2', '--transposed', '--view', 'scatter', '--out', join(dir, 's.svg'), '--frame', '2', '--lang', 'zh'], io), io.stderr()).toBe(0);
    expect(readFileSync(join(dir, 's.svg'), 'utf8')).toContain('散射');
    expect(await runCli(['animate', '--input', '5x5', '--kernel', '3', '--numeric', '--theme', 'flat', '--out', join(dir, 'n.png'), '--frame', '9'], io), io.stderr()).toBe(0);
    expect(readFileSync(join(dir, 'n.png')).subarray(1, 4).toString()).toBe('PNG');
  });
  it('animate --empty-cells joined draws what renderSvg draws with emptyCells: joined; apart is the default; another value is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-render-'));
    const cfg = { input: [3, 3], kernel: 3, stride: 2, padding: 1, outputPadding: 1, transposed: true };
    const flags = ['--input', '3x3', '--kernel', '3', '--stride', '2', '--padding', '1', '--output-padding', '1', '--transposed', '--frame', '3'];
    const io = bufferIO();
    expect(await runCli(['animate', ...flags, '--empty-cells', 'joined', '--out', join(dir, 'j.svg')], io), io.stderr()).toBe(0);
    expect(readFileSync(join(dir, 'j.svg'), 'utf8')).toBe(renderSvg(cfg, { emptyCells: 'joined', frame: 2 }));
    expect(await runCli(['animate', ...flags, '--out', join(dir, 'a.svg')], io), io.stderr()).toBe(0);
    expect(readFileSync(join(dir, 'a.svg'), 'utf8')).toBe(renderSvg(cfg, { frame: 2 }));
    expect(readFileSync(join(dir, 'a.svg'), 'utf8')).not.toBe(readFileSync(join(dir, 'j.svg'), 'utf8'));
    const bad = bufferIO();
    expect(await runCli(['animate', ...flags, '--empty-cells', 'merged', '--out', join(dir, 'x.svg')], bad)).toBe(2);
    // In the flag's words (src/cli/flag-words.ts): the library says emptyCells: 'apart'.
    expect(bad.stderr()).toBe(`convkit: error: --empty-cells must be one of 'apart', 'joined', but got "merged"; use --empty-cells apart\n`);
    expect(existsSync(join(dir, 'x.svg'))).toBe(false);
    const help = bufferIO();
    expect(await runCli(['animate', '--help'], help)).toBe(0);
    expect(help.stdout()).toMatch(/--empty-cells <how>\s+padding, inserted zeros and output padding: apart/);
  });
  it('animate: unwritable output → exit 2, one-line error, no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-render-'));
    writeFileSync(join(dir, 'file'), 'x');
    const io = bufferIO();
    const code = await runCli(['animate', '--input', '5x5', '--kernel', '3', '--out', join(dir, 'file', 'x.gif')], io);
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(/^convkit: error: cannot write .*x\.gif/);
    expect(io.stderr().trim().split('\n').length).toBe(1);
    expect(readdirSync(dir)).toEqual(['file']);
  });
  it('animate: bad extension, frame out of range, too large → exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-render-'));
    for (const args of [
      ['--input', '5', '--kernel', '3', '--out', join(dir, 'x.jpg')],
      ['--input', '5', '--kernel', '3', '--out', join(dir, 'x.png'), '--frame', '10'],
      ['--input', '100', '--kernel', '3', '--out', join(dir, 'x.gif')],
    ]) {
      const io = bufferIO();
      expect(await runCli(['animate', ...args], io)).toBe(2);
      expect(io.stderr()).toMatch(/^convkit: error: /);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
  it('gallery writes the 19 classic figures, the tutorial examples and an index.html', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-gallery-'));
    const io = bufferIO();
    const code = await runCli(['gallery', '--out', dir], io);
    expect(code, io.stderr()).toBe(0);
    const files = readdirSync(dir);
    expect(files).toContain('index.html');
    expect(files.filter((f) => f.endsWith('.gif')).length).toBe(26);
    expect(files).toContain('tutorial_matrix_4x16.svg');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const f of files.filter((f) => f.endsWith('.gif'))) expect(html).toContain(`src="${f}"`);
    // Non-TTY progress: one line per picture on stderr.
    expect(io.stderr().trim().split('\n').length).toBe(27);
    expect(existsSync(join(dir, 'padding_strides_odd_transposed.gif'))).toBe(true);
    expect(decodeGif(readFileSync(join(dir, 'padding_strides_odd_transposed.gif'))).frames.length).toBe(36);
  }, 120_000);
});
