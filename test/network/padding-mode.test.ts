/**
 * A conv layer of a network built from layer definitions carries PyTorch's padding mode: the
 * receptive field then reads the pixels reflect, replicate or circular padding copies (the
 * per-layer padding map, tapSource, composed layer by layer here), and a transposed layer with
 * any mode but zeros is refused, as PyTorch refuses it.
 */
import { describe, expect, it } from 'vitest';
import { convGeometry } from '../../src/geometry/torch.js';
import { isConvError } from '../../src/geometry/errors.js';
import { tapSource } from '../../src/geometry/taps.js';
import type { AxisGeometry, PaddingMode } from '../../src/geometry/types.js';
import { buildNetwork } from '../../src/network/build.js';
import { outputRegion } from '../../src/network/receptive.js';
import type { ConvLayerDef } from '../../src/network/types.js';

const N = 20;

function layer(i: number, mode: PaddingMode, kind: 'conv' | 'convTranspose' = 'conv'): ConvLayerDef {
  return { kind, name: `c${i}`, op: kind, inputs: [i === 1 ? 'x' : `c${i - 1}`], outChannels: 1, kernel: [3], stride: [2], dilation: [3], padding: { pairs: [[3, 3]] }, groups: 1, bias: false, paddingMode: mode };
}

/** Output `o` of three such layers, back to the input through each layer's own padding map. */
function composed(mode: PaddingMode, o: number): number[] {
  const axes: AxisGeometry[] = [];
  let n = N;
  for (let i = 0; i < 3; i++) {
    axes.push(convGeometry({ inputShape: [1, 1, n], weightShape: [1, 1, 3] }, { stride: 2, dilation: 3, padding: [[3, 3]], paddingMode: mode }, 1).axes[0]);
    n = axes[i].output;
  }
  let set = new Set([o]);
  for (const ax of axes.reverse()) {
    const next = new Set<number>();
    for (const u of set) for (let k = 0; k < ax.kernel; k++) if (tapSource(ax, u, k, mode) >= 0) next.add(tapSource(ax, u, k, mode));
    set = next;
  }
  return [...set].sort((a, b) => a - b);
}

describe('network conv layers: padding mode', () => {
  for (const mode of ['reflect', 'replicate', 'circular'] as PaddingMode[]) {
    it(`${mode}: every output's field is the layers' ${mode} padding maps composed, and differs from zero padding somewhere`, () => {
      const net = buildNetwork({ input: { name: 'x', shape: [1, 1, N] }, layers: [1, 2, 3].map((i) => layer(i, mode)) });
      const zeros = buildNetwork({ input: { name: 'x', shape: [1, 1, N] }, layers: [1, 2, 3].map((i) => layer(i, 'zeros')) });
      const outputs = net.byName.get('c3')!.outputShape[2];
      let differs = false;
      for (let o = 0; o < outputs; o++) {
        const [r] = outputRegion(net, [o]);
        expect(r.cells).toEqual(composed(mode, o));
        if (r.cells.join() !== outputRegion(zeros, [o])[0].cells.join()) differs = true;
      }
      expect(differs).toBe(true);
    });
  }

  it('a transposed layer with reflect padding is refused (PADDING_MODE)', () => {
    let error: unknown = null;
    try {
      buildNetwork({ input: { name: 'x', shape: [1, 1, N] }, layers: [{ ...layer(1, 'reflect', 'convTranspose'), padding: { pairs: [[1, 1]] } }] });
    } catch (e) {
      error = e;
    }
    expect(isConvError(error) && error.code).toBe('PADDING_MODE');
  });
});
