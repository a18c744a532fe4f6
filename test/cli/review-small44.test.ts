/**
 * The smaller points of review R2: animate reported an SVG's length in characters as bytes; a usage
 * error under --json printed nothing on stdout while a refusal printed {"error": …}; explain printed
 * MACs beyond 2^53 as if exact; matrix and animate --out made missing folders without saying so.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { galleryEntries, renderEntry } from '../../src/cli/gallery-render.js';
import { bufferIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';

async function cli(...argv: string[]) {
  const io = bufferIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const grouped = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+$)/g, ',');

describe('bytes are bytes', () => {
  it('animate reports the UTF-8 size of an SVG, as on disk', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'convkit-bytes-')), 'a.svg');
    const r = await cli('animate', '--input', '3', '--kernel', '3', '--stride', '2', '--transposed', '--out', out, '--lang', 'zh');
    expect(r.code, r.err).toBe(0);
    const size = statSync(out).size;
    expect(size).toBeGreaterThan(readFileSync(out, 'utf8').length); // the picture has characters beyond ASCII
    expect(r.out).toContain(`，${size} 字节）`);
    const j = await cli('animate', '--input', '3', '--kernel', '3', '--stride', '2', '--transposed', '--out', out, '--lang', 'zh', '--json');
    expect(JSON.parse(j.out).bytes).toBe(size);
  });

  it("gallery's count for the matrix pictures is their size on disk", () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-bytes-'));
    const entry = galleryEntries().find((e) => e.kind === 'matrix');
    expect(entry).toBeDefined();
    const w = renderEntry(entry!, dir);
    expect(w.bytes).toBe(w.files.reduce((s, f) => s + statSync(join(dir, f)).size, 0));
  });
});

describe('--json answers a usage error with JSON too', () => {
  it('an unknown option and a missing flag: {"error": …} on stdout, the one line on stderr', async () => {
    for (const [argv, code, message] of [
      [['explain', '--input', '5', '--kernel', '3', '--bogus', '--json'], 'commander.unknownOption', "unknown option '--bogus'"],
      [['explain', '--kernel', '3', '--json'], 'commander.missingMandatoryOptionValue', "required option '--input <sizes>' not specified"],
      [['solve', 'configs', '--input', '5', '--json'], 'commander.missingMandatoryOptionValue', "required option '--output <n>' not specified"],
    ] as const) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toBe(`convkit: error: ${message}\n`);
      expect(JSON.parse(r.out)).toEqual({ error: { name: 'UsageError', code: 'USAGE', reason: code, message } });
    }
    // Without --json stdout stays empty.
    expect((await cli('explain', '--kernel', '3')).out).toBe('');
  });
});

describe('MACs past 2^53 are exact', () => {
  it('explain counts them with BigInt, in the text (both languages) and in --json', async () => {
    const argv = ['explain', '--input', '100000x100000x100000', '--kernel', '3', '--in-channels', '3', '--out-channels', '64'];
    const positions = 64n * 99998n ** 3n;
    const macs = positions * 81n;
    const en = await cli(...argv);
    expect(en.code, en.err).toBe(0);
    expect(en.out).toContain(`MACs: ${grouped(macs)} = ${grouped(positions)} output positions × 81 per position · FLOPs = 2·MACs = ${grouped(2n * macs)}`);
    const zh = await cli(...argv, '--lang', 'zh');
    expect(zh.out).toContain(`乘加次数（MACs）：${grouped(macs)} = ${grouped(positions)} 个输出位置`);
    const j = JSON.parse((await cli(...argv, '--json')).out);
    expect(j.macsExact).toBe(String(macs));
    expect(j.flopsExact).toBe(String(2n * macs));
    // Small counts: the numbers are exact, and the strings say the same (the library's fields, counts45).
    const small = JSON.parse((await cli('explain', '--input', '5', '--kernel', '3', '--json')).out);
    expect(small.macs).toBe(81);
    expect(small.macsExact).toBe('81');
  });
});

describe('--out says it creates missing folders', () => {
  it('in the help of matrix and animate, as gallery’s does', async () => {
    for (const command of ['matrix', 'animate']) {
      const help = (await cli(command, '--help')).out.replace(/\s+/g, ' ');
      // Said in --out's own description: before the next flag's.
      expect(help, command).toMatch(/--out <file> .*?folders are created if missing\)? --(row|theme) /);
    }
  });
});
