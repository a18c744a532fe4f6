/**
 * A network input with one axis too few (review R2): `--input-shape 1,3,64` on a 2-D network, or a
 * layer list's `input: [1, 3, 32]` before 2-D kernels, was read as an unbatched [C, H, W] and gave
 * `[1, 3, 64] → [64, 2, 32]` without a word. The help says N,C,H,W and ONNX inputs already needed
 * the batch dimension: now every network input does, once its layers fix the spatial rank.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { buildNetwork } from '../../src/network/build.js';
import { layerListToNetwork } from '../../src/model/layers.js';

async function cli(...argv: string[]) {
  const io = bufferIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'convkit-rank-')), name);
  writeFileSync(path, text);
  return path;
}

describe('a network input without its batch dimension is refused, saying what was given and what is needed', () => {
  const net = () => file('net.yaml', 'input: [1, 3, 64, 64]\nlayers:\n  - {type: conv, name: stem, out: 64, kernel: [3, 3], stride: 2, padding: 1}\n');

  it('--input-shape 1,3,64 on a 2-D network (summary and rf)', async () => {
    for (const command of ['summary', 'rf']) {
      const r = await cli(command, net(), '--input-shape', '1,3,64');
      expect(r.code, command).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(
        'convkit: error: network input "input" has shape [1, 3, 64] (3 sizes), but the network\'s 2-D layers need [N, C, H, W] (4 sizes); give the batch dimension first, e.g. [1, 3, 64, 64]\n',
      );
    }
    const ok = await cli('summary', net(), '--input-shape', '1,3,64,64');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/stem\s+conv\s+\[1, 3, 64, 64\]\s+\[1, 64, 32, 32\]/);
  });

  it('a layer list whose input has one size too few for its kernels, in 1-D, 2-D and 3-D', async () => {
    const list = file('l.yaml', '{input: [1, 3, 32], layers: [{type: conv, out: 8, kernel: [3, 3]}]}');
    const r = await cli('summary', list);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/has shape \[1, 3, 32\] \(3 sizes\), but the network's 2-D layers need \[N, C, H, W\] \(4 sizes\)/);
    const build = (doc: unknown) => () => buildNetwork(layerListToNetwork(doc));
    expect(build({ input: [3, 16, 16, 16], layers: [{ type: 'conv', out: 8, kernel: [3, 3, 3] }] })).toThrow(/the network's 3-D layers need \[N, C, D, H, W\] \(5 sizes\); give the batch dimension first, e\.g\. \[1, 3, 16, 64, 64\]/);
    expect(build({ input: [3, 16, 16, 16], layers: [{ type: 'conv', out: 8, kernel: [3, 3, 3] }] })).toThrow(expect.objectContaining({ code: 'MODEL_GRAPH' }));
    // Batched inputs of every rank still build; a 1-D list with scalar kernels takes its rank from the input.
    expect(build({ input: [1, 3, 16, 16, 16], layers: [{ type: 'conv', out: 8, kernel: [3, 3, 3] }] })().nodes[0].outputShape).toEqual([1, 8, 14, 14, 14]);
    expect(build({ input: [1, 3, 16], layers: [{ type: 'conv', out: 8, kernel: 3 }] })().nodes[0].outputShape).toEqual([1, 8, 14]);
  });
});
