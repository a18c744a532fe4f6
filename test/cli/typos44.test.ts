/**
 * Typos that were read as something else (review R2): `--weight 1,,2,3` became [1, 2, 3], and
 * `--frames 1e3` and `--frames 0x10` were 1000 and 16 while `--frames 2.7` was refused. Each is now
 * refused with the form that would be read.
 */
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';

async function cli(...argv: string[]) {
  const io = bufferIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

async function refused(...argv: string[]): Promise<string> {
  const r = await cli(...argv);
  expect(r.code, argv.join(' ')).toBe(2);
  expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
  return r.err;
}

describe('typos in numbers are refused, not read as another number', () => {
  it('--weight with an empty value, or in hex', async () => {
    for (const w of ['1,,2,3', ',1,2,3', '1,2,3,']) {
      expect(await refused('matrix', '--input', '4', '--kernel', '3', '--rank', '1', '--weight', w)).toMatch(
        /^convkit: error: --weight ".*" has an empty value \(value \d\); give the weight values separated by commas, e\.g\. --weight 1,0,-1\n$/,
      );
    }
    expect(await refused('matrix', '--input', '4', '--kernel', '3', '--rank', '1', '--weight', '1,0x10,2')).toMatch(/--weight value "0x10" is not a number/);
    // Spaces after the commas, negative values and decimals (1e-3 too) still read.
    const ok = await cli('matrix', '--input', '4', '--kernel', '3', '--rank', '1', '--weight', '1, -0.5, 1e-3', '--json');
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out).entries.map((e: { value: number }) => e.value).slice(0, 3)).toEqual([1, -0.5, 1e-3]);
  });

  it('--frames, --row and --frame in exponent or hex notation, saying what to write', async () => {
    expect(await refused('trace', '--input', '5', '--kernel', '3', '--frames', '1e3')).toBe(
      'convkit: error: --frames "1e3" is not understood: "1e3" is not written in plain digits; write 1000\n',
    );
    expect(await refused('trace', '--input', '5', '--kernel', '3', '--frames', '0x10')).toBe(
      'convkit: error: --frames "0x10" is not understood: "0x10" is not written in plain digits; write 16\n',
    );
    expect(await refused('trace', '--input', '5', '--kernel', '3', '--frames', '2.7')).toMatch(/--frames must be a whole number ≥ 0, but got "2\.7"/);
    expect(await refused('matrix', '--input', '4x4', '--kernel', '3', '--out', 'never.svg', '--row', '0x1')).toMatch(/--row "0x1" is not understood: "0x1" is not written in plain digits; write 1/);
    expect(await refused('animate', '--input', '4x4', '--kernel', '3', '--out', 'never.svg', '--frame', '1e0')).toMatch(/--frame "1e0" is not understood/);
    const ok = await cli('trace', '--input', '5', '--kernel', '3', '--frames', '2');
    expect(ok.code, ok.err).toBe(0);
  });
});
