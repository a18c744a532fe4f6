/**
 * The backward functions' result types follow the call's options (GradientsOf): by default the
 * input and weight gradients are Tensors and the bias gradient is null unless a bias is given; a
 * gradient turned off is null; options typed only as the option interfaces give Tensor | null.
 * `npm test` type-checks this file (npm run typecheck): each `@ts-expect-error` must meet an error
 * and each annotated const must accept its value. The run checks the values agree with the types.
 */
import { describe, expect, it } from 'vitest';
import { conv2dBackward, conv2dBackwardAsync, convTranspose2dBackward, tensor, type ConvBackwardOptions, type Tensor } from '../../src/index.js';

const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
const w = tensor([1, 0, 0, 1], [1, 1, 2, 2]);
const gy = tensor([1, 1, 1, 1], [1, 1, 2, 2]);
const b = tensor([0.5], [1]);

describe('backward result types', () => {
  it('follow gradients and bias as the call states them', async () => {
    const plain = conv2dBackward(x, w, gy);
    const input: Tensor = plain.input;
    const weight: Tensor = plain.weight;
    const noBias: null = plain.bias;
    expect([input.shape, weight.shape, noBias]).toEqual([[1, 1, 3, 3], [1, 1, 2, 2], null]);

    const withBias = conv2dBackward(x, w, gy, { bias: b });
    const biasGrad: Tensor = withBias.bias;
    expect(Array.from(biasGrad.data)).toEqual([4]);

    const onlyKernel = conv2dBackward(x, w, gy, { gradients: { input: false } });
    const off: null = onlyKernel.input;
    expect(off).toBeNull();
    expect(onlyKernel.weight.shape).toEqual([1, 1, 2, 2]);

    const asked = await conv2dBackwardAsync(x, w, gy, { gradients: { bias: true } });
    const asyncBias: Tensor = asked.bias;
    expect(asyncBias.shape).toEqual([1]);

    const t = convTranspose2dBackward(gy, w, x);
    const tInput: Tensor = t.input;
    expect(tInput.shape).toEqual([1, 1, 2, 2]);

    // Options known only by their interface: any gradient may be off.
    const loose: ConvBackwardOptions = { stride: 1 };
    const l = conv2dBackward(x, w, gy, loose);
    // @ts-expect-error input may be null when the options' type does not say
    void l.input.shape;
    expect(l.input?.shape).toEqual([1, 1, 3, 3]);

    // @ts-expect-error a misspelt option is still refused by the types
    expect(() => conv2dBackward(x, w, gy, { strid: 2 })).toThrow(/strid/);
    // @ts-expect-error the forward's algorithm option is not the backward's
    expect(() => conv2dBackward(x, w, gy, { algorithm: 'direct' })).toThrow(/algorithm/);
  });
});
