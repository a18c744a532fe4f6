import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { convMatrix } from '../../src/matrix/build.js';

async function cli(args: string[]) {
  const io = bufferIO();
  const code = await runCli(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('convkit matrix', () => {
  it('prints the classic 4×16 matrix as a table of tap names', async () => {
    const r = await cli(['matrix', '--input', '4x4', '--kernel', '3']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^C: 4×16/);
    expect(lines[1].trim().split(/\s+/)).toEqual(['w₀₀', 'w₀₁', 'w₀₂', '0', 'w₁₀', 'w₁₁', 'w₁₂', '0', 'w₂₀', 'w₂₁', 'w₂₂', '0', '0', '0', '0', '0']);
  });

  it('--json prints the sparse matrix; --transpose and --weight apply', async () => {
    const r = await cli(['matrix', '--input', '4x4', '--kernel', '3', '--json', '--transpose', '--weight', '1,2,3,4,5,6,7,8,9']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out);
    expect([m.rows, m.cols, m.form]).toEqual([16, 4, 'CT']);
    const c = convMatrix({ input: [4, 4], kernel: 3 }, { weight: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect(m.entries.length).toBe(c.entries.length);
    expect(m.entries.find((e: { row: number; col: number }) => e.row === 5 && e.col === 0).value).toBe(5);
  });

  it('--pair prints one channel pair\'s block', async () => {
    const r = await cli(['matrix', '--input', '3x3', '--kernel', '2', '--in-channels', '2', '--out-channels', '2', '--pair', '1,0']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1].trim().split(/\s+/)[0]).toBe('w[1,0]₀₀');
    expect((await cli(['matrix', '--input', '3x3', '--kernel', '2', '--pair', 'a'])).code).toBe(2);
  });

  it('names a transposed convolution\'s own matrix Cᵀ', async () => {
    const r = await cli(['matrix', '--input', '2x2', '--kernel', '3', '--transposed']);
    expect(r.out).toMatch(/^Cᵀ: 16×4/);
  });

  it('refuses bad weights and sizes with exit code 2', async () => {
    expect((await cli(['matrix', '--input', '4x4', '--kernel', '3', '--weight', '1,2'])).code).toBe(2);
    expect((await cli(['matrix', '--input', '4x4', '--kernel', '3', '--weight', '1,x'])).err).toContain('not a number');
    expect((await cli(['matrix', '--input', '1500x1500', '--kernel', '3'])).err).toContain('limit of 2,000,000');
  });
});

describe('convkit matrix --out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convkit-matrix-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws the matrix into an SVG file (folders created)', async () => {
    const out = join(dir, 'a', 'b', 'c.svg');
    const r = await cli(['matrix', '--input', '4x4', '--kernel', '3', '--out', out, '--row', '1']);
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('w₂₂');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['c.svg']);
  });

  it('refuses an unwritable path, a bad row and a matrix too large to draw, leaving no file', async () => {
    const file = join(dir, 'plain');
    writeFileSync(file, 'x');
    const r = await cli(['matrix', '--input', '4x4', '--kernel', '3', '--out', join(file, 'c.svg')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^convkit: error: cannot write/);
    const row = await cli(['matrix', '--input', '4x4', '--kernel', '3', '--out', join(dir, 'r.svg'), '--row', '4']);
    expect(row.code).toBe(2);
    expect(row.err).toContain('--row must be a row index from 0 to 3');
    const big = await cli(['matrix', '--input', '40x40', '--kernel', '3', '--out', join(dir, 'big.svg')]);
    expect(big.code).toBe(2);
    expect(existsSync(join(dir, 'r.svg')) || existsSync(join(dir, 'big.svg'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a', 'plain']);
  });
});
