/**
 * What a new user of `npx convkit` meets when they get something wrong, run as a shell runs it
 * (bin/convkit.js on the built dist/): one line on stderr, exit code 2, in the words they typed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/cli/main.js`);

function convkit(...argv: string[]) {
  const r = spawnSync('node', [`${root}bin/convkit.js`, ...argv], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A refusal as the user sees it: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function refused(...argv: string[]): string {
  const r = convkit(...argv);
  expect(r.status, argv.join(' ')).toBe(2);
  expect(r.stdout, argv.join(' ')).toBe('');
  expect(r.stderr.split('\n').filter(Boolean), argv.join(' ')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r.stderr;
}

describe.skipIf(!built)('refusals name the flags a user typed', () => {
  it('an output padding without --transposed, or too large, names --transposed and --output-padding', () => {
    // Was "outputPadding applies to transposed convolutions only; add transposed: true, or leave outputPadding out".
    expect(refused('explain', '--input', '3x3', '--kernel', '3', '--stride', '2', '--output-padding', '1')).toBe(
      'convkit: error: --output-padding applies to transposed convolutions only; add --transposed, or leave --output-padding out\n',
    );
    expect(refused('animate', '--input', '3x3', '--kernel', '3', '--stride', '2', '--transposed', '--output-padding', '2', '--out', join(tmpdir(), 'never.gif'))).toBe(
      'convkit: error: output padding 2 must be smaller than either the stride 2 or the dilation 1 on axis H; use --output-padding < 2 on this axis\n',
    );
  });

  it("a flag's value out of its choices gets the flag and the value meant", () => {
    const out = join(mkdtempSync(join(tmpdir(), 'convkit-mistake-')), 'x.gif');
    // Was "theme must be one of 'classic', 'flat', but got "flats"; use theme: 'classic'".
    expect(refused('animate', '--input', '5x5', '--kernel', '3', '--out', out, '--theme', 'flats')).toBe(
      `convkit: error: --theme must be one of 'classic', 'flat', but got "flats"; use --theme flat\n`,
    );
    expect(existsSync(out)).toBe(false);
    // Was "lower maxKernel, maxStride, maxPadding or maxDilation".
    expect(refused('solve', 'configs', '--input', '32', '--output', '16', '--max-kernel', '500', '--max-stride', '500')).toMatch(
      /; lower --max-kernel, --max-stride, --max-padding or --max-dilation\n$/,
    );
  });

  it('keeps the names a layer list is written with, and --json keeps the library’s message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-mistake-'));
    const list = join(dir, 'up.json');
    writeFileSync(list, JSON.stringify({ input: [1, 3, 4, 4], layers: [{ type: 'convTranspose', out: 8, kernel: 3, stride: 2, outputPadding: 2 }] }));
    // outputPadding is the file's field here, not a flag of rf.
    expect(refused('rf', list)).toMatch(/; use outputPadding < 2 on this axis\n$/);
    const j = convkit('explain', '--input', '3', '--kernel', '3', '--stride', '2', '--output-padding', '1', '--json');
    expect(j.status).toBe(2);
    expect(JSON.parse(j.stdout).error.message).toMatch(/^outputPadding applies to transposed convolutions only; add transposed: true/);
    expect(j.stderr).toMatch(/^convkit: error: --output-padding applies/);
  });
});

describe.skipIf(!built)('convkit matrix --out', () => {
  it('writes a PNG into a .png file, refuses another extension, and refuses --row without a drawing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-matrix-'));
    // A .png used to receive SVG text ("wrote c.png (4×16 matrix)").
    const r = convkit('matrix', '--input', '4x4', '--kernel', '3', '--out', join(dir, 'c.png'), '--row', '1');
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'c.png')).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(readFileSync(join(dir, 'c.png')).length).toBeGreaterThan(1000);
    expect(refused('matrix', '--input', '4x4', '--kernel', '3', '--out', join(dir, 'c.bmp'))).toMatch(/--out ".*c\.bmp": the file must end in \.svg or \.png; e\.g\. --out c\.svg\n$/);
    expect(existsSync(join(dir, 'c.bmp'))).toBe(false);
    // --row only marks a row of the drawing: without --out it used to be ignored.
    expect(refused('matrix', '--input', '4x4', '--kernel', '3', '--row', '1')).toBe(
      'convkit: error: --row highlights a row of the drawing, but no --out file was given; add --out c.svg, or drop --row\n',
    );
  });
});

describe.skipIf(!built)('convkit rf --input-shape', () => {
  it('refuses a shape with an empty or placeholder size whole, in the words typed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-shape-'));
    const list = join(dir, 'net.yaml');
    writeFileSync(list, 'input: [1, 3, 16, 16]\nlayers:\n  - {type: conv, out: 8, kernel: 3, padding: 1}\n');
    // '1,3,x' was read as [1, 3] and refused as "network input shape [1, 3] does not fit 2-D layers".
    for (const shape of ['1,3,x', '1,3,,16', '1,3,16,']) {
      expect(refused('rf', list, '--input-shape', shape)).toBe(
        `convkit: error: --input-shape "${shape}" must be whole numbers ≥ 1 separated by commas or x; e.g. --input-shape 1,3,64,64\n`,
      );
    }
    const ok = convkit('rf', list, '--input-shape', ' 1, 3, 8x8 ', '--json');
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).axes).toHaveLength(2);
  });
});

describe.skipIf(!built)('convkit summary on a layer list with a syntax error', () => {
  it('says where, quoting the line, without a dangling colon', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-yaml-'));
    const file = join(dir, 'layers.yaml');
    writeFileSync(file, 'input: [1, 3, 8, 8]\nlayers:\n  - {type: conv, out: 8 kernel: 3}\n');
    const line = refused('summary', file);
    expect(line).toContain('at line 3, column 23 (line 3 reads: - {type: conv, out: 8 kernel: 3}); e.g. {input: [1, 3, 32, 32]');
    expect(line).not.toMatch(/:;/);
  });
});

describe.skipIf(!built)('options that mean nothing for the layer asked about', () => {
  it('--ceil-mode without --pool is refused in flags, not ignored', () => {
    expect(refused('explain', '--input', '5', '--kernel', '3', '--stride', '2', '--ceil-mode')).toMatch(/--ceil-mode applies to pooling windows only.*--pool max.*leave --ceil-mode out/);
  });
});
