import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { bufferIO } from '../../src/cli/io.js';

const onnx = (n: string) => new URL(`../fixtures/onnx/${n}.onnx`, import.meta.url).pathname;
const example = (n: string) => new URL(`../model/examples/${n}`, import.meta.url).pathname;

async function run(...args: string[]) {
  const io = bufferIO();
  const code = await runCli(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('convkit rf / summary', () => {
  it('summary of an exported model: text, --json, --csv, --markdown', async () => {
    const t = await run('summary', onnx('unet_tiny'));
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/total\s.*7,562\s+1,626,112/);
    const j = JSON.parse((await run('summary', onnx('unet_tiny'), '--json')).out);
    expect(j.totals.macs).toBe(1626112);
    expect((await run('summary', onnx('unet_tiny'), '--csv')).out.split('\n')[0]).toMatch(/^layer,op,kind/);
    expect((await run('summary', example('unet-decoder.json'), '--markdown')).out).toMatch(/^\*\*unet-decoder\*\*/);
  });

  it('rf: exact field, HDC, alignment and the region of one output', async () => {
    const r = await run('rf', example('deeplab-rates.yaml'), '--output-index', '3,4');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/axis H: size 127, jump 4, effective padding 63/);
    expect(r.out).toMatch(/HDC heuristic .* M_2 = 2 ≤ K → passes; exact holes 0/);
    expect(r.out).toMatch(/output 3 on axis H: cells 0…63, centre 31.5/);
    const j = JSON.parse((await run('rf', onnx('unet_tiny'), '--json')).out);
    expect(j.misaligned.length).toBe(2);
    expect(j.axes[0].exact.period).toBe(4);
    expect(j.axes[0].continuous.jump).toBe(1);
  });

  it('transposed with gcd(d, s) > 1: outputs with no input are reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-rf-'));
    const f = join(dir, 'dead.yaml');
    writeFileSync(f, 'input: [1, 1, 8]\nlayers:\n  - {type: convTranspose, out: 1, kernel: 3, stride: 2, dilation: 2}\n');
    const r = await run('rf', f);
    expect(r.out).toMatch(/output 1: receives no input at all/);
    expect(r.out).toMatch(/1 of every 2 outputs receive no input/);
  });

  it('errors: one line on stderr, exit code 2', async () => {
    for (const args of [
      ['rf', '/nonexistent/model.onnx'],
      ['summary', example('deeplab-rates.yaml'), '--csv', '--json'],
      ['rf', example('deeplab-rates.yaml'), '--output-index', '99,0'],
      ['rf', example('deeplab-rates.yaml'), '--output-index', 'a,b'],
      ['rf', example('deeplab-rates.yaml'), '--layer', 'nope'],
      ['summary', new URL('../fixtures/onnx/export.py', import.meta.url).pathname],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n').length, r.err).toBe(1);
      expect(r.err).toMatch(/^convkit: error: /);
    }
  });
});
