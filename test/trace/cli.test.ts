import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { trace } from '../../src/trace/trace.js';

async function cli(args: string[]) {
  const io = bufferIO();
  const code = await runCli(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('convkit trace', () => {
  it('--json prints the library trace', async () => {
    const r = await cli(['trace', '--input', '3x3', '--kernel', '3', '--stride', '2', '--transposed', '--padding', '1', '--output-padding', '1', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(trace({ input: [3, 3], kernel: 3, stride: 2, transposed: true, padding: 1, outputPadding: 1 }));
  });

  it('--view scatter gives one frame per input cell and the overlap counts', async () => {
    const r = await cli(['trace', '--input', '2x2', '--kernel', '3', '--stride', '2', '--transposed', '--view', 'scatter', '--json']);
    const t = JSON.parse(r.out);
    expect(t.view).toBe('scatter');
    expect(t.frames).toHaveLength(4);
    expect(t.overlap[12]).toBe(4);
  });

  it('prints a large trace as compact JSON (one line)', async () => {
    const r = await cli(['trace', '--input', '120x120', '--kernel', '3', '--json']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const t = JSON.parse(r.out);
    expect(t.tapCount).toBe(118 * 118 * 9);
    expect(t.frames).toHaveLength(118 * 118);
  });

  it('prints text with the grid map and the frames', async () => {
    const r = await cli(['trace', '--input', '5x5', '--kernel', '3', '--stride', '2', '--padding', '1', '--frames', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('input 5×5 → output 3×3');
    expect(r.out).toContain('  · ■ ■ ■ ■ ■ ·');
    expect(r.out).toContain('1. output (0,0) ← (0,0)·w(1,1)');
    expect(r.out).toContain('7 more frames');
  });

  it('refuses bad input with exit code 2 and one line', async () => {
    const r = await cli(['trace', '--input', '3', '--kernel', '4']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^convkit: error: kernel extent 4 is larger/);
    const v = await cli(['trace', '--input', '3', '--kernel', '2', '--view', 'up']);
    expect(v.code).toBe(2);
    expect(v.err).toContain('--view must be direct or scatter');
    const big = await cli(['trace', '--input', '3000x3000', '--kernel', '3']);
    expect(big.code).toBe(2);
    expect(big.err).toContain('limit of 2,000,000');
  });
});
