/**
 * Sizes computed inside the graph, and graphs with several inputs: models torch exported
 * (test/fixtures/onnx/export_shapes.py → zoo/, facts from torch in the .json beside them) and hand-built
 * graphs for the cases torch does not write.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outputRegion, receptiveField } from '../../src/network/receptive.js';
import { onnxToNetwork, type OnnxOptions } from '../../src/model/onnx.js';
import { buildNetwork } from '../../src/network/build.js';
import { summarize } from '../../src/network/summary.js';
import { evaluateValue, resolveReshape } from '../../src/network/values.js';
import { inputView } from '../../src/network/views.js';
import { encodeModel, twoSymbolicInputsModel } from './onnx-builder.js';

const FIX = new URL('../fixtures/onnx/zoo/', import.meta.url);
const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(name, FIX)));
const json = (name: string) => JSON.parse(readFileSync(new URL(name, FIX), 'utf8'));

describe('sizes computed from shapes (torch export with dynamic H, W)', () => {
  const facts = json('shapes_tiny.json');
  for (const c of facts.cases as { input_shape: number[]; macs: number; output_shapes: number[][] }[]) {
    it(`input ${c.input_shape.join('×')}: Resize to c1's size and view(N, -1) are evaluated with the shapes of this input`, () => {
      const net = buildNetwork(onnxToNetwork(bytesOf('shapes_tiny.onnx'), { inputShape: c.input_shape }));
      expect(net.skipped).toEqual([]);
      const s = summarize(net);
      expect(s.totals.params).toBe(facts.params);
      expect(s.totals.macs).toBe(c.macs);
      expect(net.outputs.map((o) => s.rows.find((r) => r.name === o)!.outputShape)).toEqual(c.output_shapes);
      const resize = net.nodes.find((n) => n.kind === 'resize')!;
      // Its sizes read the shape of the Relu after c1 (another branch) and of its own input.
      expect(new Set(resize.def.shapeInputs)).toEqual(new Set(['/Relu', '/Relu_1']));
      expect(s.rows.find((r) => r.op === 'Reshape')).toMatchObject({ kind: 'flatten', outputShape: [1, 4] });
    });
  }

  it('without --input-shape the symbolic size is named', () => {
    expect(() => onnxToNetwork(bytesOf('shapes_tiny.onnx'))).toThrow(/symbolic size "h" on dimension 2/);
  });
});

describe('several network inputs (torch export: image + guide)', () => {
  const facts = json('two_inputs_tiny.json');
  const net = buildNetwork(onnxToNetwork(bytesOf('two_inputs_tiny.onnx')));

  it('both branches are analysed and counted', () => {
    expect(net.inputs.map((i) => i.name)).toEqual(['image', 'guide']);
    expect(net.skipped).toEqual([]);
    const s = summarize(net);
    expect(s.totals.params).toBe(facts.params);
    expect(s.totals.macs).toBe(facts.macs);
    expect(s.rows.find((r) => r.name === net.outputs[0])!.outputShape).toEqual(facts.output_shape);
    expect(new Set(s.rows.map((r) => r.rfInput))).toEqual(new Set(['image', 'guide']));
    expect(s.notes.join('\n')).toMatch(/2 network inputs/);
  });

  it("each input's cells that an output reads equal autograd's dependency sets", () => {
    for (const c of facts.cases as { output: number[]; image: { rows: number[]; cols: number[] }; guide: { rows: number[]; cols: number[] } }[]) {
      for (const input of ['image', 'guide'] as const) {
        const [h, w] = outputRegion(inputView(net, input), c.output, net.outputs[0]);
        expect(h.cells, `${input} ${c.output}`).toEqual(c[input].rows);
        expect(w.cells, `${input} ${c.output}`).toEqual(c[input].cols);
      }
    }
    // The guide's branch (5×5, then 3×3 dilated 2) sees more than the image's (3×3) before the shared head.
    const size = (input: string) => receptiveField(inputView(net, input)).axes[0].continuous!.size.valueOf();
    expect(size('guide')).toBeGreaterThan(size('image'));
  });

  it('the library functions given the whole two-input network analyse from its first input', () => {
    const out = net.outputs[0];
    expect(receptiveField(net, out).axes[0].continuous!.size.valueOf()).toBe(receptiveField(inputView(net, 'image'), out).axes[0].continuous!.size.valueOf());
    const c = (facts.cases as { output: number[]; image: { rows: number[] } }[])[0];
    expect(outputRegion(net, c.output, out)[0].cells).toEqual(c.image.rows);
  });

  it('a further input that is not spatial ([N, F]) is listed with what reads it; the rest is analysed', () => {
    const conv = { op: 'Conv', kind: 'conv' as const, outChannels: 1, kernel: [3, 3], stride: [1, 1], dilation: [1, 1], padding: { pairs: [[1, 1], [1, 1]] as [number, number][] }, groups: 1, bias: false };
    const net = buildNetwork({
      input: { name: 'x', shape: [1, 1, 8, 8] },
      extraInputs: [{ name: 'z', shape: [1, 10] }],
      layers: [
        { name: 'a', inputs: ['x'], ...conv },
        { name: 'b', op: 'Relu', kind: 'elementwise', inputs: ['z'] },
      ],
    });
    expect(net.nodes.map((n) => n.name)).toEqual(['a']);
    expect(net.inputs.map((i) => i.name)).toEqual(['x']);
    expect(net.skipped).toEqual([
      { name: 'z', op: 'input', reason: 'network input of shape [1, 10], not [N, C, 2 spatial sizes]' },
      { name: 'b', op: 'Relu', reason: 'depends on "z" (input), which is not analysed' },
    ]);
  });
});

describe('input shapes given by name (--input-shape name=N,C,H,W)', () => {
  const model = () => twoSymbolicInputsModel();

  it('without a shape for the second input, it and what reads it are listed as not analysed', () => {
    const net = buildNetwork(onnxToNetwork(model(), { inputShape: [1, 2, 6, 5] }));
    expect(net.inputs.map((i) => i.name)).toEqual(['x']);
    expect(net.skipped.map((s) => s.name)).toContain('m');
  });

  it('with both shapes (the first by position or by name) both inputs are analysed and counted', () => {
    const ways: OnnxOptions[] = [{ inputShape: [1, 2, 6, 5], inputShapes: { m: [1, 1, 6, 5] } }, { inputShapes: { x: [1, 2, 6, 5], m: [1, 1, 6, 5] } }];
    for (const options of ways) {
      const net = buildNetwork(onnxToNetwork(model(), options));
      expect(net.skipped).toEqual([]);
      expect(net.inputs.map((i) => i.name)).toEqual(['x', 'm']);
      const s = summarize(net);
      // 4·2·9 + 4·1 weights; MACs: 30 output cells × (4·2·9 + 4·1).
      expect(s.totals.params).toBe(76);
      expect(s.totals.macs).toBe(30 * 76);
      expect(s.rows.find((r) => r.name === net.outputs[0])!.outputShape).toEqual([1, 4, 6, 5]);
    }
  });

  it('a name the graph does not have is refused with the names it has', () => {
    expect(() => onnxToNetwork(model(), { inputShapes: { mask: [1, 1, 6, 5] } })).toThrow(/no input "mask"/);
    expect(() => onnxToNetwork(model(), { inputShapes: { mask: [1, 1, 6, 5] } })).toThrow(expect.objectContaining({ hint: 'its inputs are "x", "m"' }));
  });
});

describe('hand-built graphs', () => {
  it('MatMul by a constant after Flatten + Add of a bias = a Linear layer (weights and bias counted); MatMul over a spatial axis is listed', () => {
    const net = buildNetwork(onnxToNetwork(encodeModel({
      input: { name: 'x', dims: [2, 3, 4, 4] },
      initializers: { w: [48, 7], b: [7] },
      nodes: [
        { op: 'Flatten', inputs: ['x'], outputs: ['f'], attrs: { axis: 1 } },
        { op: 'MatMul', inputs: ['f', 'w'], outputs: ['m'] },
        { op: 'Add', inputs: ['m', 'b'], outputs: ['y'] },
        { op: 'MatMul', inputs: ['x', 'w'], outputs: ['bad'] },
      ],
      outputs: ['y', 'bad'],
    })));
    const s = summarize(net);
    // x·W for 2 samples: 2·48·7 MACs; 48·7 weights + 7 biases.
    expect(s.totals.macs).toBe(2 * 48 * 7);
    expect(s.totals.params).toBe(48 * 7 + 7);
    expect(s.rows.map((r) => [r.op, r.outputShape])).toEqual([['Flatten', [2, 48]], ['MatMul', [2, 7]], ['Add', [2, 7]]]);
    expect(net.skipped.map((x) => x.op)).toEqual(['MatMul']);
    expect(net.skipped[0].reason).toMatch(/MatMul of a \[2, 3, 4, 4\] tensor: a product over the last spatial axis/);
    expect(net.skippedOutputs).toEqual(['n3']);
  });

  it('Gemm with transB = 0 and 1; a Reshape across axes is listed; a Reshape to its own shape is an identity', () => {
    const gemm = (transB: number, w: number[]) =>
      summarize(buildNetwork(onnxToNetwork(encodeModel({
        input: { name: 'x', dims: [1, 2, 3, 3] },
        initializers: { w, c: [5] },
        nodes: [
          { op: 'GlobalAveragePool', inputs: ['x'], outputs: ['g'] },
          { op: 'Flatten', inputs: ['g'], outputs: ['f'] },
          { op: 'Gemm', inputs: ['f', 'w', 'c'], outputs: ['y'], attrs: { transB } },
        ],
      })))).rows[2];
    expect(gemm(1, [5, 2])).toMatchObject({ kind: 'linear', params: 15, macs: 10, outputShape: [1, 5] });
    expect(gemm(0, [2, 5])).toMatchObject({ kind: 'linear', params: 15, macs: 10, outputShape: [1, 5] });
    expect(() => gemm(0, [5, 2])).toThrow(/its weight takes 5 input features, but its input has 2/);
    const reshape = (shape: number[]) =>
      buildNetwork(onnxToNetwork(encodeModel({ input: { name: 'x', dims: [1, 2, 4, 4] }, constants: { s: { int64: shape } }, nodes: [{ op: 'Reshape', inputs: ['x', 's'], outputs: ['y'] }] })));
    expect(reshape([1, 2, 4, 4]).nodes[0]).toMatchObject({ kind: 'flatten', outputShape: [1, 2, 4, 4] });
    expect(reshape([0, -1]).nodes[0]).toMatchObject({ kind: 'flatten', outputShape: [1, 32, 1, 1], flat: true });
    expect(reshape([1, 8, 2, 2]).skipped[0].reason).toMatch(/Reshape of \[1, 2, 4, 4\] to \[1, 8, 2, 2\] moves cells between axes/);
  });

  it('a Resize whose sizes come from an op convkit does not fold is listed with the reason', () => {
    const net = buildNetwork(onnxToNetwork(encodeModel({
      input: { name: 'x', dims: [1, 1, 4, 4] },
      nodes: [
        { op: 'Shape', inputs: ['x'], outputs: ['s'] },
        { op: 'Gather', inputs: ['s', 'i'], outputs: ['bad'], attrs: { axis: 0 } },
        { op: 'Resize', inputs: ['x', '', '', 's'], outputs: ['same'], attrs: { mode: 'nearest' } },
      ],
      constants: { i: { int64: [9] } },
      outputs: ['same'],
    })));
    // sizes = Shape(x) itself: factor 1, analysed.
    expect(net.nodes.map((n) => [n.kind, n.outputShape])).toEqual([['resize', [1, 1, 4, 4]]]);
    expect(evaluateValue({ op: 'gather', data: { op: 'shape', of: 'x' }, indices: { op: 'const', dims: [1], data: [9] }, axis: 0 }, () => [1, 1, 4, 4])).toBe('Gather index 9 outside a value of length 4');
  });
});

describe('hostile shape arithmetic: bounded work, a reason, no crash', () => {
  it('a chain of 3000 Add(v, v) (a tree that doubles at every node) or Cast(v) feeding Resize sizes is listed, quickly', () => {
    for (const op of ['Add', 'Cast']) {
      const nodes = [{ op: 'Shape', inputs: ['x'], outputs: ['v0'] }];
      for (let i = 1; i <= 3000; i++) nodes.push({ op, inputs: op === 'Add' ? [`v${i - 1}`, `v${i - 1}`] : [`v${i - 1}`], outputs: [`v${i}`], ...(op === 'Cast' ? { attrs: { to: 7 } } : {}) });
      nodes.push({ op: 'Resize', inputs: ['x', '', '', 'v3000'], outputs: ['y'] });
      const t0 = performance.now();
      const net = buildNetwork(onnxToNetwork(encodeModel({ input: { name: 'x', dims: [1, 1, 4, 4] }, nodes, outputs: ['y'] })));
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(net.skipped.map((x) => x.reason)).toEqual(['Resize whose scales/sizes are computed at run time (not a small constant)']);
    }
  });
});

describe('values: ONNX shape arithmetic', () => {
  const c = (data: number[], dims = [data.length]) => ({ op: 'const' as const, dims, data });
  const shape = (name: string) => (name === 'x' ? [2, 3, 40, 60] : undefined);
  const v = (e: Parameters<typeof evaluateValue>[0]) => {
    const r = evaluateValue(e, shape);
    return typeof r === 'string' ? r : r.data;
  };
  it('Slice clamps and counts from the end (x.shape[-2:] with INT64_MAX), steps; Gather of a scalar drops the axis', () => {
    expect(v({ op: 'slice', data: { op: 'shape', of: 'x' }, starts: c([-2]), ends: c([2 ** 63]) })).toEqual([40, 60]);
    expect(v({ op: 'slice', data: { op: 'shape', of: 'x' }, starts: c([-1]), ends: c([-(2 ** 63)]), axes: c([0]), steps: c([-2]) })).toEqual([60, 3]);
    const g = evaluateValue({ op: 'gather', data: { op: 'shape', of: 'x' }, indices: c([-1], []), axis: 0 }, shape);
    expect(g).toEqual({ dims: [], data: [60], integer: true });
    expect(v({ op: 'shape', of: 'x', start: 1, end: -1 })).toEqual([3, 40]);
  });
  it('integer Div truncates towards zero (ONNX), float Div does not; Cast to int truncates; Unsqueeze/Concat', () => {
    expect(v({ op: 'binary', fn: 'Div', a: c([7, -7]), b: c([2]) })).toEqual([3, -3]);
    expect(v({ op: 'binary', fn: 'Div', a: c([7.5]), b: c([2]) })).toEqual([3.75]);
    expect(v({ op: 'cast', data: c([2.7, -2.7]), integer: true })).toEqual([2, -2]);
    const u = evaluateValue({ op: 'reshape', how: 'unsqueeze', data: c([5], []), arg: c([0]) });
    expect(u).toMatchObject({ dims: [1], data: [5] });
    expect(v({ op: 'concat', parts: [c([1]), { op: 'reshape', how: 'unsqueeze', data: c([5], []), arg: c([0]) }], axis: 0 })).toEqual([1, 5]);
    expect(v({ op: 'concat', parts: [c([1]), c([5], [])], axis: 0 })).toMatch(/Concat of scalars/);
    expect(v({ op: 'shape', of: 'y' })).toMatch(/shape of "y", which is not known/);
  });
  it('Reshape rules: 0 copies, −1 infers, anything inconsistent is a reason', () => {
    expect(resolveReshape([2, 3, 4], [0, -1])).toEqual([2, 12]);
    expect(resolveReshape([2, 3, 4], [-1, -1])).toMatch(/more than one −1/);
    expect(resolveReshape([2, 3, 4], [5, -1])).toMatch(/Reshape of 24 elements/);
    expect(resolveReshape([2, 3, 4], [2, 3, 5])).toMatch(/Reshape of \[2, 3, 4\]/);
  });
});
