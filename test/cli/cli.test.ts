/**
 * The convkit CLI: in-process through runCli (fast, every path), and as a real process through
 * bin/convkit.js on the built dist/ (exit codes and streams as a shell sees them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/arithmetic/explain.js';
import { bufferIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { parsePadding, parseSizes } from '../../src/cli/parse.js';
import { registeredCommands } from '../../src/cli/registry.js';

async function cli(...argv: string[]) {
  const io = bufferIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('flag parsing', () => {
  it('reads sizes and padding in every documented form', () => {
    expect(parseSizes('5', '--input')).toBe(5);
    expect(parseSizes('5x6', '--input')).toEqual([5, 6]);
    expect(parseSizes('5,6,7', '--input')).toEqual([5, 6, 7]);
    expect(parseSizes('5×6', '--input')).toEqual([5, 6]);
    expect(parsePadding('same')).toBe('same');
    expect(parsePadding('VALID')).toBe('valid');
    expect(parsePadding('1x2')).toEqual([1, 2]);
    expect(parsePadding('[0,1]x[1,1]')).toEqual([[0, 1], [1, 1]]);
    expect(parsePadding('[0,1]')).toEqual([[0, 1]]);
    expect(parsePadding('2x[0, 1]')).toEqual([2, [0, 1]]);
    expect(() => parseSizes('5a', '--input')).toThrow(/not a number/);
    expect(() => parseSizes('1x2x3x4', '--input')).toThrow(/1 to 3 spatial axes/);
    expect(() => parsePadding('[0,1,2]')).toThrow(/not a \[before,after\] pair/);
  });
});

describe('convkit explain (in process)', () => {
  it('prints the explanation of the guide’s padding_strides figure', async () => {
    const r = await cli('explain', '--input', '5x5', '--kernel', '3', '--stride', '2', '--padding', '1');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('axis H: relationship 6');
    expect(r.out).toContain('o = ⌊(i + 2p − k)/s⌋ + 1 = ⌊(5 + 2·1 − 3)/2⌋ + 1 = 3');
    expect(r.out).toContain('FLOPs = 2·MACs = 162');
  });

  it('writes a transposed layer’s primes as ′, in its text and in trace’s help; its flags and JSON keys stay ASCII', async () => {
    for (const lang of ['en', 'zh']) {
      const r = await cli('explain', '--input', '4', '--kernel', '3', '--stride', '2', '--padding', '1', '--transposed', '--lang', lang);
      expect(r.code).toBe(0);
      expect(r.out).toContain('o′ = s(i′ − 1) + k − 2p = 2·(4 − 1) + 3 − 2·1 = 7');
      for (const name of ['ĩ′ = 7', 'k′ = 3', 's′ = 1', 'p′', 'o′ = 7']) expect(r.out, `${lang}: ${name}`).toContain(name);
      expect(r.out).not.toMatch(/(?<![A-Za-z])[A-Za-zĩ]'/);
    }
    const help = await cli('trace', '--help');
    expect(help.out.replace(/\s+/g, ' ')).toContain('the size i′ it receives');
    const j = JSON.parse((await cli('explain', '--input', '4', '--kernel', '3', '--stride', '2', '--padding', '1', '--transposed', '--json')).out);
    expect(Object.keys(j.axes[0].equivalent)).toContain('iTildePrime');
  });

  it('prints JSON equal to the library’s explanation, for every flag', async () => {
    const argv = ['explain', '--input', '5x5', '--kernel', '3', '--stride', '2', '--padding', '1', '--dilation', '2', '--transposed', '--output-padding', '1',
      '--in-channels', '64', '--out-channels', '128', '--groups', '2', '--no-bias', '--batch', '3', '--lang', 'zh', '--json'];
    const r = await cli(...argv);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const lib = explain({ input: [5, 5], kernel: 3, stride: 2, padding: 1, dilation: 2, transposed: true, outputPadding: 1, inChannels: 64, outChannels: 128, groups: 2, bias: false, batch: 3, lang: 'zh' });
    // What fills the padding is the library's too (padding-mode44, counts45).
    expect(j).toEqual(JSON.parse(JSON.stringify(lib)));
    expect(j.paddingMode).toBe('zeros');
    expect(j.output).toEqual([12, 12]);
    expect(j.relationships).toEqual([null, null]);
    expect(j.params).toBe(64 * 64 * 9);
    expect(j.macs).toBe(3 * 64 * 25 * 64 * 9);
  });

  it('takes --output-size and asymmetric padding pairs', async () => {
    const t = JSON.parse((await cli('explain', '--input', '3x3', '--kernel', '3', '--stride', '2', '--padding', '1', '--transposed', '--output-size', '6x5', '--json')).out);
    expect(t.output).toEqual([6, 5]);
    expect(t.relationships).toEqual([14, 13]);
    const a = JSON.parse((await cli('explain', '--input', '5x5', '--kernel', '2', '--padding', '[0,1]x[1,1]', '--json')).out);
    expect(a.axes.map((x: { padding: number[] }) => x.padding)).toEqual([[0, 1], [1, 1]]);
    expect(a.output).toEqual([5, 6]);
    expect(a.relationships).toEqual([null, 4]);
  });

  it('explains in Chinese', async () => {
    const r = await cli('explain', '--input', '5', '--kernel', '3', '--padding', '1', '--rank', '1', '--lang', 'zh');
    expect(r.code).toBe(0);
    expect(r.out).toContain('一维卷积');
    expect(r.out).toContain('关系式 3（半填充');
  });

  it('refuses bad input with one line on stderr and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['explain', '--input', '5x5', '--kernel', '9'], /kernel extent 9 is larger than the padded input 5 .* use --padding ≥ 2/],
      // The library's inChannels, in the flag's words (flag-words.ts).
      [['explain', '--input', '5x5', '--kernel', '3', '--groups', '3', '--in-channels', '4'], /--groups 3 must divide --in-channels 4/],
      [['explain', '--input', '5x', '--kernel', '3'], /not a number/],
      [['explain', '--input', '5', '--kernel', '3', '--lang', 'fr'], /lang must be one of en, zh/],
      [['explain', '--kernel', '3'], /required option '--input <sizes>' not specified/],
      [['explain', '--input', '5', '--kernel', '3', '--bogus'], /unknown option '--bogus'/],
      // A count is one number: its hint does not offer the sizes' 5x5.
      [['explain', '--input', '5', '--kernel', '3', '--groups', '2x2'], /--groups "2x2" is not understood: "2x2" is not a number; write a single whole number, such as 1$/m],
      [['solve', 'padding', '--input', '20', '--output', '2', '--kernel', '3', '--rank', '1'], /output 2 is smaller than 18, the output with no padding/],
      [['solve', 'configs', '--input', '5', '--output', '3', '--max-kernel', '1000', '--max-stride', '1000', '--max-padding', '1000'], /larger than 1,000,000/],
      [['nonsense'], /unknown command 'nonsense'/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('prints a JSON error on stdout as well when --json is given', async () => {
    const r = await cli('explain', '--input', '3', '--kernel', '5', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('KERNEL_TOO_LARGE');
  });
});

describe('convkit solve (in process)', () => {
  it('solves padding, direct and transposed', async () => {
    const d = JSON.parse((await cli('solve', 'padding', '--input', '32x32', '--output', '16x16', '--kernel', '3', '--stride', '2', '--json')).out);
    expect(d.padding).toEqual([1, 1]);
    expect(d.output).toEqual([16, 16]);
    const t = JSON.parse((await cli('solve', 'padding', '--input', '16', '--output', '32', '--kernel', '3', '--stride', '2', '--transposed', '--rank', '1', '--json')).out);
    expect(t.padding).toEqual([1]);
    expect(t.outputPadding).toEqual([1]);
    const txt = await cli('solve', 'padding', '--input', '6', '--output', '6', '--kernel', '4', '--rank', '1');
    expect(txt.out).toContain('padding 1 before, 2 after');
  });

  it('solves the restoring transpose', async () => {
    const r = await cli('solve', 'transpose', '--input', '6x5', '--kernel', '3', '--stride', '2', '--padding', '1', '--json');
    const j = JSON.parse(r.out);
    expect(j.outputPadding).toEqual([1, 0]);
    expect(j.explanation.output).toEqual([6, 5]);
    expect(j.explanation.relationships).toEqual([14, 13]);
    const text = await cli('solve', 'transpose', '--input', '6x5', '--kernel', '3', '--stride', '2', '--padding', '1');
    expect(text.out).toContain('output padding a = 1 → 6');
  });

  it('enumerates configurations', async () => {
    const j = JSON.parse((await cli('solve', 'configs', '--input', '32', '--output', '16', '--max-kernel', '4', '--max-dilation', '1', '--json')).out);
    expect(j.configs.map((c: { kernel: number; stride: number; padding: number }) => [c.kernel, c.stride, c.padding])).toEqual([[1, 2, 0], [2, 2, 0], [3, 2, 1], [4, 2, 1]]);
  });
});

describe('convkit rf (in process): the continuous size and the exact span', () => {
  const example = (n: string) => fileURLToPath(new URL(`../model/examples/${n}`, import.meta.url));
  // "rf prints 30 and 29" (an earlier review): two sizes for one field. They are two views: the
  // continuous one bounds every output's field, the exact one counts the cells read.
  it('says why the exact span is smaller after upsampling, and says nothing where they agree', async () => {
    for (const file of ['unet-decoder.json', 'deeplab-rates.yaml']) {
      const text = (await cli('rf', example(file))).out;
      const json = JSON.parse((await cli('rf', example(file), '--json')).out);
      for (const a of json.axes) {
        const continuous = Number(a.continuous.size);
        const why = new RegExp(`axis ${a.name}: size ${continuous},[^\\n]*\\n[^\\n]*span ${a.exact.maxSize} cells[^\\n]*\\n  the exact span \\(${a.exact.maxSize}\\) is smaller than the continuous size \\(${continuous}\\): an upsampled output reads only the whole input cells inside the continuous window\\n`);
        // The exact span never exceeds the continuous size: the continuous one bounds it.
        expect(a.exact.maxSize).toBeLessThanOrEqual(continuous);
        if (a.exact.maxSize < continuous) expect(text).toMatch(why);
        else expect(text).not.toMatch(/the exact span \(/);
      }
    }
    // The U-Net decoder's transposed layers make the two differ (and the DeepLab stack's do not): both branches above run.
    const unet = JSON.parse((await cli('rf', example('unet-decoder.json'), '--json')).out).axes[0];
    expect(unet.exact.maxSize).toBeLessThan(Number(unet.continuous.size));
    const deeplab = JSON.parse((await cli('rf', example('deeplab-rates.yaml'), '--json')).out).axes[0];
    expect(deeplab.exact.maxSize).toBe(Number(deeplab.continuous.size));
  });
});

describe('help', () => {
  it('documents every command and the size syntax', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    for (const c of registeredCommands()) expect(top.out).toContain(c.name);
    const ex = await cli('explain', '--help');
    expect(ex.code).toBe(0);
    expect(ex.out).toContain('[0,1]x[1,1]');
    expect(ex.out).toContain('--output-padding');
    expect(ex.out).toContain('--json');
    for (const sub of ['padding', 'transpose', 'configs']) {
      const h = await cli('solve', sub, '--help');
      expect(h.code).toBe(0);
      expect(h.out).toContain('--json');
    }
    // What the top help promises: every command that prints a result takes --json (solve only groups three).
    expect(top.out).toMatch(/every one that prints a result \(all but solve itself, which groups three\) takes --json/);
    for (const c of registeredCommands().filter((c) => c.name !== 'solve')) {
      const h = await cli(c.name, '--help');
      expect(h.out, c.name).toContain('--json');
    }
  });
});

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/cli/main.js`);

describe.skipIf(!built)('bin/convkit.js (built dist/)', () => {
  it('runs explain, prints JSON and exits 0', () => {
    const out = execFileSync('node', ['bin/convkit.js', 'explain', '--input', '5x5', '--kernel', '3', '--stride', '2', '--padding', '1', '--json'], { cwd: root, encoding: 'utf8' });
    const j = JSON.parse(out);
    expect(j.output).toEqual([3, 3]);
    expect(j.relationships).toEqual([6, 6]);
  });

  it('exits 2 with one line on stderr for bad input, and 0 for --help', () => {
    const bad = spawnSync('node', ['bin/convkit.js', 'explain', '--input', '3', '--kernel', '5'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^convkit: error: kernel extent 5/);
    const help = spawnSync('node', ['bin/convkit.js', 'solve', 'configs', '--help'], { cwd: root, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--max-kernel');
  });

  it('reports a misspelt required flag as unknown, with its near miss, before any missing one', () => {
    // Commander checks required options first: this was "required option '--kernel <sizes>' not specified".
    const typo = spawnSync('node', ['bin/convkit.js', 'explain', '--input', '5', '--kernal', '3'], { cwd: root, encoding: 'utf8' });
    expect(typo.status).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe("convkit: error: unknown option '--kernal' (Did you mean --kernel?)\n");
    const sub = spawnSync('node', ['bin/convkit.js', 'solve', 'padding', '--input', '5', '--outptu', '3', '--kernel', '3'], { cwd: root, encoding: 'utf8' });
    expect(sub.stderr).toBe("convkit: error: unknown option '--outptu' (Did you mean --output?)\n");
    // A required flag left out is still refused, in commander's words.
    const missing = spawnSync('node', ['bin/convkit.js', 'explain', '--kernel', '3'], { cwd: root, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("convkit: error: required option '--input <sizes>' not specified\n");
  });

  it("lists every padding form, same and valid included, when --padding is not understood", () => {
    const bad = spawnSync('node', ['bin/convkit.js', 'explain', '--input', '5', '--kernel', '3', '--padding', 'foo'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('convkit: error: --padding "foo" is not understood: "foo" is not a number; write padding as 1, 1x2, same, valid or [before,after] pairs such as [0,1]x[1,1] (same and valid: direct convolutions only)\n');
    // The forms it names are read: same (any case) and valid.
    for (const form of ['same', 'SAME', 'valid']) {
      const ok = spawnSync('node', ['bin/convkit.js', 'explain', '--input', '5', '--kernel', '3', '--padding', form, '--json'], { cwd: root, encoding: 'utf8' });
      expect(ok.status, form).toBe(0);
    }
  });

  it('stops quietly when its reader closes the pipe early (`convkit trace … --json | head -c 100`)', () => {
    // The shell runs the pipe as a user types it; the trace of a 32×32 input is megabytes of JSON.
    const run = spawnSync('bash', ['-c', 'set -o pipefail; node bin/convkit.js trace --input 32x32 --kernel 3 --json | head -c 100 > /dev/null'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe(''); // no "Unhandled 'error' event … EPIPE" stack trace
    expect(run.status).toBe(0);
  });
});
