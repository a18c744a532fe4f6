import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dependencySet } from '../../src/network/receptive.js';
import { layerListToNetwork } from '../../src/model/layers.js';
import { buildNetwork } from '../../src/network/build.js';

interface Stack {
  seed: number;
  input: number[];
  layers: Record<string, unknown>[];
  output: number;
  deps: string[];
}
const data = JSON.parse(readFileSync(new URL('./fixtures/rf_random_torch.json', import.meta.url), 'utf8')) as { torch_version: string; stacks: Stack[] };

/** Bit i of a hex mask → input cell i. */
function cells(hex: string): number[] {
  const out: number[] = [];
  let v = BigInt(`0x${hex}`);
  for (let i = 0; v > 0n; i++, v >>= 1n) if (v & 1n) out.push(i);
  return out;
}

describe(`receptive fields vs PyTorch ${data.torch_version} autograd (fixtures/rf_random_torch.py)`, () => {
  it(`every output of ${data.stacks.length} random 1-D stacks (conv, dilated, transposed, avg pool) reads exactly the cells autograd finds`, () => {
    let outputs = 0;
    for (const s of data.stacks) {
      const net = buildNetwork(layerListToNetwork({ input: s.input, layers: s.layers }));
      const target = net.nodes[net.nodes.length - 1];
      expect(target.outputShape[2], `seed ${s.seed} output size`).toBe(s.output);
      s.deps.forEach((hex, u) => {
        expect(dependencySet(net, target.name, 0, [u], true), `seed ${s.seed} output ${u}`).toEqual(cells(hex));
        outputs++;
      });
    }
    expect(data.stacks.length).toBe(200);
    expect(outputs).toBeGreaterThan(2000);
  });
});
