import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromOnnxPool, type OnnxPoolSpec } from '../../src/geometry/onnx-pool.js';
import { outputRegion, receptiveField } from '../../src/network/receptive.js';
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import { ConvError } from '../../src/geometry/errors.js';
import { onnxToNetwork } from '../../src/model/onnx.js';
import { onnxRoot } from './onnx-proto.js';
import { buildNetwork } from '../../src/network/build.js';
import { summarize } from '../../src/network/summary.js';
import { encodeModel } from './onnx-builder.js';

const FIX = new URL('../fixtures/onnx/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, FIX)));
const MODELS = ['resnet_tiny', 'deeplab_head', 'unet_tiny', 'fpn_tiny'];

/** Conv and ConvTranspose weight/bias sizes straight from the file's initializers and nodes. */
function countsFromFile(bytes: Uint8Array) {
  const m = onnxRoot().lookupType('onnx.ModelProto').toObject(onnxRoot().lookupType('onnx.ModelProto').decode(bytes), { longs: Number }) as {
    graph: { node: { opType: string; input: string[] }[]; initializer: { name: string; dims: number[] }[] };
  };
  const dims = new Map(m.graph.initializer.map((t) => [t.name, t.dims]));
  // torch also exports Identity nodes that alias a weight.
  for (const n of m.graph.node as { opType: string; input: string[]; output: string[] }[]) if (n.opType === 'Identity' && dims.has(n.input[0])) dims.set(n.output[0], dims.get(n.input[0])!);
  let params = 0;
  let convs = 0;
  for (const n of m.graph.node) {
    // Conv/ConvTranspose (W, B) and the classifier's Gemm (B, C): every learned tensor of these files.
    if (n.opType !== 'Conv' && n.opType !== 'ConvTranspose' && n.opType !== 'Gemm') continue;
    if (n.opType !== 'Gemm') convs++;
    for (const i of n.input.slice(1)) params += dims.get(i)!.reduce((a, b) => a * b, 1);
  }
  return { params, convs };
}

describe('exported models (torch 1.13 → ONNX)', () => {
  for (const name of MODELS) {
    it(`${name}: MAC and parameter totals equal first-principles counts; tools' differences stated`, () => {
      const bytes = file(`${name}.onnx`);
      const torch = JSON.parse(readFileSync(new URL(`${name}.counts.json`, FIX), 'utf8'));
      const net = buildNetwork(onnxToNetwork(bytes));
      const s = summarize(net);
      const fromFile = countsFromFile(bytes);
      const convRows = s.rows.filter((r) => r.kind === 'conv' || r.kind === 'convTranspose');
      const ofConvs = (f: (r: (typeof convRows)[number]) => number) => convRows.reduce((a, r) => a + f(r), 0);
      expect(convRows.length).toBe(fromFile.convs);
      expect(fromFile.convs).toBe(torch.conv_layers);
      expect(s.totals.params).toBe(fromFile.params);
      // BatchNorm is folded into every conv on export, so each conv has a bias of C_out. (The counts
      // file holds the convs only; whole models with their classifiers are in zoo.test.ts.)
      expect(ofConvs((r) => r.params)).toBe(torch.conv_weights + torch.conv_out_channels);
      expect(ofConvs((r) => r.macs)).toBe(torch.macs);
      expect(ofConvs((r) => r.tools!.thop)).toBe(torch.thop_macs);
      expect(s.notes.join('\n')).toMatch(/thop would report/);
    });
  }

  for (const name of MODELS) {
    it(`${name}: regions of output cells equal PyTorch autograd's dependency sets (${name}.rf.json)`, () => {
      const torch = JSON.parse(readFileSync(new URL(`${name}.rf.json`, FIX), 'utf8'));
      const net = buildNetwork(onnxToNetwork(file(`${name}.onnx`)));
      expect(net.byName.get(torch.onnx_layer)!.outputShape.slice(2)).toEqual(torch.feature_shape.slice(2));
      expect(torch.cases.length).toBe(6);
      for (const c of torch.cases) {
        const [h, w] = outputRegion(net, c.output, torch.onnx_layer);
        expect(h.cells, `${name} ${c.output} rows`).toEqual(c.rows);
        expect(w.cells, `${name} ${c.output} cols`).toEqual(c.cols);
        expect(h.cells.length * w.cells.length).toBe(c.cells);
      }
    });
  }

  it('U-Net: transposed convs counted by input positions; thop/torchinfo over-count them by s² = 4', () => {
    const s = summarize(buildNetwork(onnxToNetwork(file('unet_tiny.onnx'))));
    const t = s.rows.filter((r) => r.kind === 'convTranspose');
    expect(t.length).toBe(2);
    for (const r of t) expect(r.tools!.thop / r.macs).toBe(4);
    expect(s.notes[0]).toMatch(/count transposed convs by output positions.*×4\.000/);
    expect(s.totals.thopMacs).toBeGreaterThan(s.totals.macs);
  });

  it('ResNet: Flatten and Gemm (the classifier) are analysed: flat shapes, Linear counts; shapes follow the geometry', () => {
    const net = buildNetwork(onnxToNetwork(file('resnet_tiny.onnx')));
    expect(net.skipped).toEqual([]);
    expect(net.nodes.find((n) => n.def.op === 'GlobalAveragePool')!.outputShape).toEqual([1, 16, 1, 1]);
    const s = summarize(net);
    const fc = s.rows.find((r) => r.op === 'Gemm')!;
    // nn.Linear(16, 10) on one sample: 16·10 weights + 10 biases, 16·10 MACs; [1, 10] as the file has it.
    expect(fc).toMatchObject({ kind: 'linear', inputShapes: [[1, 16]], outputShape: [1, 10], params: 16 * 10 + 10, macs: 16 * 10 });
    expect(s.rows.find((r) => r.op === 'Flatten')).toMatchObject({ kind: 'flatten', inputShapes: [[1, 16, 1, 1]], outputShape: [1, 16] });
    expect(net.outputs).toEqual([fc.name]);
    const rf = receptiveField(net);
    expect(rf.target).toBe(fc.name);
    expect(rf.axes[0].continuous!.global).toBe(true);
  });

  it('DeepLab head: the dilated runs are found, HDC reported with the exact hole count', () => {
    const net = buildNetwork(onnxToNetwork(file('deeplab_head.onnx')));
    const rf = receptiveField(net);
    const runs = rf.axes[0].hdc;
    expect(runs.map((r) => r.report.rates)).toEqual([[1, 2, 4, 8, 2], [1, 2, 4, 8, 4], [1, 2, 4, 8, 6]]);
    for (const r of runs) expect(r.report.holes).toBe(0);
    expect(rf.misaligned).toEqual([]);
    // Backbone stride 4, context + largest branch: r = 7 + 4·(2·(1+2+4+8) + 2·6) = 175.
    expect(rf.axes[0].continuous!.size.valueOf()).toBe(175);
    expect(rf.axes[0].exact.maxSize).toBe(175);
  });

  it('U-Net: the half-pixel misalignment of the k3 s2 p1 op1 upsampling with its skip is reported', () => {
    const rf = receptiveField(buildNetwork(onnxToNetwork(file('unet_tiny.onnx'))));
    expect(rf.misaligned.map((m) => m.node)).toEqual(['/Concat_1', '/Concat_1']);
    expect(rf.misaligned[0].branches.map((b) => b.centre)).toEqual(['1/2', '0']);
  });

  it('FPN: nearest and bilinear Resize are analysed (0 MACs), not listed as unknown', () => {
    const net = buildNetwork(onnxToNetwork(file('fpn_tiny.onnx')));
    expect(net.skipped).toEqual([]);
    const resizes = net.nodes.filter((n) => n.kind === 'resize');
    expect(resizes.map((n) => (n.def as { mode: string }).mode)).toEqual(['nearest', 'linear']);
    expect(resizes.map((n) => n.macs + n.params)).toEqual([0, 0]);
  });

  it('shapes agree with ONNX Runtime on every exported model (ORT run recorded in test/fixtures/dialects/onnxruntime-models.json)', () => {
    // Recorded by scripts/peer-fixtures.ts (ONNX Runtime is installed into bench/ by npm run bench:setup).
    const recorded = JSON.parse(readFileSync(new URL('../fixtures/dialects/onnxruntime-models.json', import.meta.url), 'utf8')) as {
      models: { model: string; sha256: string; input: { name: string; shape: number[] }; outputs: { name: string; dims: number[] }[] }[];
    };
    expect(recorded.models.map((m) => m.model)).toEqual(['deeplab_head.onnx', 'unet_tiny.onnx', 'fpn_tiny.onnx']);
    for (const rec of recorded.models) {
      const bytes = file(rec.model);
      // The recording is of this very file (a re-exported model needs npm run gen:peer-fixtures).
      expect({ model: rec.model, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual({ model: rec.model, sha256: rec.sha256 });
      const net = buildNetwork(onnxToNetwork(bytes));
      expect({ name: net.input.name, shape: [...net.input.shape] }).toEqual(rec.input);
      // The graph's outputs in order (convkit names them by their nodes, ORT by their tensors).
      expect(rec.outputs.length).toBeGreaterThan(0);
      const ours = net.outputs.map((name) => ({ model: rec.model, shape: net.byName.get(name)!.outputShape }));
      expect(ours).toEqual(rec.outputs.map((o) => ({ model: rec.model, shape: o.dims })));
    }
  });
});

describe('ONNX attributes', () => {
  const conv = (attrs: Record<string, number | number[] | string>, w = [2, 1, 3, 3], x = [1, 1, 7, 7]) =>
    buildNetwork(onnxToNetwork(encodeModel({ input: { name: 'x', dims: x }, initializers: { w }, nodes: [{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attrs }], outputs: ['y'] })));

  it('pads are [begins…, ends…]; auto_pad SAME_UPPER/SAME_LOWER put the odd cell at the end/beginning', () => {
    const a = conv({ pads: [1, 0, 2, 1] }).nodes[0].conv!.axes;
    expect(a.map(paddingArgument)).toEqual([[1, 2], [0, 1]]);
    const up = conv({ auto_pad: 'SAME_UPPER', strides: [2, 2] }, [1, 1, 2, 2]).nodes[0].conv!.axes[0];
    const lo = conv({ auto_pad: 'SAME_LOWER', strides: [2, 2] }, [1, 1, 2, 2]).nodes[0].conv!.axes[0];
    expect([...paddingArgument(up), up.output]).toEqual([0, 1, 4]);
    expect([...paddingArgument(lo), lo.output]).toEqual([1, 0, 4]);
    const valid = conv({ auto_pad: 'VALID' }).nodes[0];
    expect(valid.outputShape).toEqual([1, 2, 5, 5]);
  });

  it('dilations, group and kernel_shape; a kernel_shape that disagrees with W is refused', () => {
    const n = conv({ dilations: [2, 3], group: 1, kernel_shape: [3, 3], pads: [2, 3, 2, 3] }).nodes[0];
    expect(n.conv!.axes.map((a) => a.dilation)).toEqual([2, 3]);
    expect(n.outputShape).toEqual([1, 2, 7, 7]);
    const g = conv({ group: 2 }, [4, 1, 3, 3], [1, 2, 7, 7]).nodes[0];
    expect([g.conv!.groups, g.params]).toEqual([2, 36]);
    expect(() => conv({ kernel_shape: [5, 5] })).toThrow(/kernel_shape \[5, 5\] does not match|disagrees/);
    expect(() => conv({ auto_pad: 'SAME_UPPER', pads: [1, 1, 1, 1] })).toThrow(/both 'auto_pad'|both auto_pad/);
  });

  it('ConvTranspose: output_padding, output_shape (SAME_UPPER crops at the end, otherwise at the beginning)', () => {
    const ct = (attrs: Record<string, number | number[] | string>) =>
      buildNetwork(onnxToNetwork(encodeModel({ input: { name: 'x', dims: [1, 1, 4, 4] }, initializers: { w: [1, 1, 3, 3] }, nodes: [{ op: 'ConvTranspose', inputs: ['x', 'w'], outputs: ['y'], attrs }] }))).nodes[0];
    const op = ct({ strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [1, 1] });
    expect(op.outputShape).toEqual([1, 1, 8, 8]);
    expect(op.macs).toBe(16 * 9); // by input positions: 4·4 inputs × 9 taps
    const upper = ct({ strides: [2, 2], auto_pad: 'SAME_UPPER' }).conv!.axes[0];
    expect([upper.transposed && upper.cropBefore, upper.transposed && upper.cropAfter, upper.output]).toEqual([0, 1, 8]);
    const notset = ct({ strides: [2, 2], output_shape: [8, 8] }).conv!.axes[0];
    expect([notset.transposed && notset.cropBefore, notset.transposed && notset.cropAfter, notset.output]).toEqual([1, 0, 8]);
  });

  it('pooling: kernel_shape required, ONNX default stride 1, count_include_pad, ceil_mode; asymmetric or large pads through the ONNX pooling dialect', () => {
    const pool = (attrs: Record<string, number | number[] | string>, op = 'MaxPool') =>
      buildNetwork(onnxToNetwork(encodeModel({ nodes: [{ op, inputs: ['x'], outputs: ['y'], attrs }] }))).nodes[0];
    expect(pool({ kernel_shape: [3, 3] }).outputShape).toEqual([1, 1, 14, 14]);
    expect(pool({ kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }).outputShape).toEqual([1, 1, 8, 8]);
    expect(pool({ kernel_shape: [2, 2], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 }, 'AveragePool').pool!.countIncludePad).toBe(true);
    expect(() => pool({ strides: [2, 2] })).toThrow(/kernel_shape is missing/);
    // What PyTorch's pooling cannot express, the network takes from fromOnnxPool as ONNX Runtime runs it.
    const cases: [Record<string, number | number[] | string>, string][] = [
      [{ kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_UPPER' }, 'MaxPool'],
      [{ kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_LOWER' }, 'AveragePool'],
      [{ kernel_shape: [2, 2], pads: [0, 0, 1, 1], ceil_mode: 1 }, 'MaxPool'],
      [{ kernel_shape: [3, 3], dilations: [2, 2], pads: [2, 2, 2, 2] }, 'MaxPool'],
      [{ kernel_shape: [3, 3], dilations: [2, 2], strides: [2, 2] }, 'AveragePool'],
    ];
    for (const [attrs, op] of cases) {
      const node = pool(attrs, op);
      const want = fromOnnxPool({ op: op as 'MaxPool' | 'AveragePool', xShape: [1, 1, 16, 16], ...(attrs as unknown as Omit<OnnxPoolSpec, 'op' | 'xShape'>) }).geometry;
      expect(node.pool, JSON.stringify(attrs)).toEqual(want);
      expect([node.params, node.macs, node.kind]).toEqual([0, 0, 'pool']);
    }
    const same = pool({ kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_UPPER' });
    expect(same.outputShape).toEqual([1, 1, 8, 8]);
    expect(same.pool!.axes.map((a) => [a.padBefore, a.padAfter])).toEqual([[0, 1], [0, 1]]);
    expect(pool({ kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_LOWER' }, 'AveragePool').pool!.axes[0].padBefore).toBe(1);
    expect(pool({ kernel_shape: [2, 2], pads: [0, 0, 1, 1], ceil_mode: 1 }).outputShape).toEqual([1, 1, 16, 16]);
    expect(() => pool({ kernel_shape: [2, 2], pads: [2, 2, 2, 2] })).toThrow(/pad/);
  });

  it('unknown ops are listed with everything downstream; nothing is dropped', () => {
    const def = onnxToNetwork(encodeModel({
      initializers: { w: [1, 1, 3, 3], scales: [4] },
      nodes: [
        { op: 'Conv', inputs: ['x', 'w'], outputs: ['a'], attrs: { pads: [1, 1, 1, 1] } },
        { op: 'DepthToSpace', inputs: ['a'], outputs: ['b'], attrs: { blocksize: 2 } },
        { op: 'Relu', inputs: ['b'], outputs: ['c'] },
        { op: 'Relu', inputs: ['a'], outputs: ['d'] },
      ],
      outputs: ['c', 'd'],
    }));
    const net = buildNetwork(def);
    expect(net.nodes.map((n) => n.def.op)).toEqual(['Conv', 'Relu']);
    expect(net.skipped.map((s) => [s.op, s.reason])).toEqual([
      ['DepthToSpace', 'op DepthToSpace is not analysed'],
      ['Relu', 'depends on "n1" (DepthToSpace), which is not analysed'],
    ]);
    expect(net.outputs).toEqual(['n3']);
    expect(() => receptiveField(net, 'n2')).toThrow(/layer "n2" \(Relu\) is not analysed: depends on "n1"/);
    const none = buildNetwork(onnxToNetwork(encodeModel({ nodes: [{ op: 'DepthToSpace', inputs: ['x'], outputs: ['y'] }] })));
    expect(() => receptiveField(none)).toThrow(/no layer of the network can be analysed: the first layer, "n0" \(DepthToSpace\)/);
    // A Resize whose scales are not a small constant, or with a mode convkit does not model, is listed too.
    const r = (attrs: Record<string, string>) =>
      buildNetwork(onnxToNetwork(encodeModel({ initializers: { scales: [4] }, nodes: [{ op: 'Resize', inputs: ['x', '', 'scales'], outputs: ['y'], attrs }] }))).skipped[0].reason;
    expect(r({ mode: 'nearest' })).toMatch(/computed at run time/);
    expect(r({ mode: 'cubic' })).toMatch(/mode cubic is not analysed/);
    expect(r({ mode: 'linear', coordinate_transformation_mode: 'align_corners' })).toMatch(/align_corners coordinates is not analysed/);
  });

  it('Pad (attribute or constant input; constant, reflect, edge) becomes a pad layer; other pads are listed', () => {
    const pad = (attrs: Record<string, number | number[] | string>) => buildNetwork(onnxToNetwork(encodeModel({ nodes: [{ op: 'Pad', inputs: ['x'], outputs: ['y'], attrs }] })));
    const p = pad({ pads: [0, 0, 1, 2, 0, 0, 3, 4], mode: 'reflect' }).nodes[0];
    expect([p.kind, p.outputShape, p.conv!.paddingMode]).toEqual(['pad', [1, 1, 20, 22], 'reflect']);
    expect(pad({ pads: [0, 1, 0, 0, 0, 0, 0, 0] }).skipped[0].reason).toMatch(/batch or channel/);
    // Opset ≥ 11: pads as a constant input (raw_data int64); Resize scales as a constant float input.
    const net = buildNetwork(onnxToNetwork(encodeModel({
      constants: { pads: { int64: [0, 0, 0, 1, 0, 0, 2, 0] }, scales: { float: [1, 1, 3, 2] } },
      nodes: [
        { op: 'Pad', inputs: ['x', 'pads'], outputs: ['p'], attrs: { mode: 'edge' } },
        { op: 'Resize', inputs: ['p', '', 'scales'], outputs: ['r'], attrs: { mode: 'linear', coordinate_transformation_mode: 'pytorch_half_pixel' } },
      ],
    })));
    expect(net.nodes.map((n) => n.outputShape)).toEqual([[1, 1, 18, 17], [1, 1, 54, 34]]);
    expect(net.nodes[0].conv!.paddingMode).toBe('replicate');
    expect(pad({ pads: [0, 0, -1, 0, 0, 0, 0, 0] }).skipped[0].reason).toMatch(/negative pads/);
    expect(pad({ pads: [0, 0, 1, 1, 0, 0, 1, 1], mode: 'wrap' }).skipped[0].reason).toMatch(/mode wrap/);
  });

  it('a leading NHWC→NCHW Transpose (TensorFlow/Keras exports) is taken as the input layout', () => {
    const net = buildNetwork(onnxToNetwork(encodeModel({
      input: { name: 'x', dims: [1, 12, 10, 3] },
      initializers: { w: [4, 3, 3, 3] },
      nodes: [
        { op: 'Transpose', inputs: ['x'], outputs: ['t'], attrs: { perm: [0, 3, 1, 2] } },
        { op: 'Conv', inputs: ['t', 'w'], outputs: ['y'], attrs: { auto_pad: 'SAME_UPPER', strides: [2, 2] } },
        { op: 'Transpose', inputs: ['y'], outputs: ['z'], attrs: { perm: [0, 2, 3, 1] } },
      ],
      outputs: ['z'],
    })));
    expect(net.input.shape).toEqual([1, 3, 12, 10]);
    expect(net.nodes[1].outputShape).toEqual([1, 4, 6, 5]);
    expect(net.skipped.map((x) => x.op)).toEqual(['Transpose']); // the trailing one is listed
  });

  it('a symbolic batch becomes 1; a symbolic spatial size asks for --input-shape', () => {
    const enc = (dims: (number | string)[]) => encodeModel({ input: { name: 'x', dims }, nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }] });
    expect(onnxToNetwork(enc(['N', 1, 8, 8])).input.shape).toEqual([1, 1, 8, 8]);
    expect(() => onnxToNetwork(enc([1, 1, 'H', 8]))).toThrow(/symbolic size "H".*--input-shape/);
    expect(onnxToNetwork(enc([1, 1, 'H', 8]), { inputShape: [1, 1, 5, 8] }).input.shape).toEqual([1, 1, 5, 8]);
  });
});

describe('corrupt, truncated and hostile ONNX files: a clear ConvError, bounded time and memory', () => {
  const expectConvError = (f: () => unknown, pattern?: RegExp) => {
    let err: unknown;
    try {
      buildNetwork(f() as ReturnType<typeof onnxToNetwork>);
    } catch (e) {
      err = e;
    }
    expect(err, 'should throw').toBeInstanceOf(ConvError);
    if (pattern) expect((err as Error).message).toMatch(pattern);
    return err as ConvError;
  };

  it('empty file and other formats (zip, HDF5, JSON, pickle) are named', () => {
    expectConvError(() => onnxToNetwork(new Uint8Array()), /empty/);
    expectConvError(() => onnxToNetwork(new TextEncoder().encode('PK\u0003\u0004rest')), /ZIP archive/);
    expectConvError(() => onnxToNetwork(new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a])), /HDF5/);
    expectConvError(() => onnxToNetwork(new TextEncoder().encode('{"layers": []}')), /JSON/);
    expectConvError(() => onnxToNetwork(new Uint8Array([0x80, 0x04, 0x95])), /pickle/);
  });

  it('random bytes (200 seeds) never crash: ConvError every time', () => {
    let s = 12345;
    const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    for (let t = 0; t < 200; t++) {
      const b = new Uint8Array(1 + (next() % 400));
      for (let i = 0; i < b.length; i++) b[i] = next() >>> 24;
      expectConvError(() => onnxToNetwork(b));
    }
  });

  it('every truncation of a real model is refused (or, if it still parses, analysed) without crashing', () => {
    const bytes = file('unet_tiny.onnx');
    let refused = 0;
    for (let cut = 1; cut < bytes.length; cut += 211) {
      try {
        buildNetwork(onnxToNetwork(bytes.subarray(0, cut)));
      } catch (e) {
        expect(e).toBeInstanceOf(ConvError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(100);
  });

  it('random byte flips in a real model: a ConvError or a network, never another error', () => {
    const orig = file('deeplab_head.onnx');
    let s = 99;
    const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
    for (let t = 0; t < 150; t++) {
      const b = orig.slice();
      for (let k = 0; k < 4; k++) b[next() % b.length] = next() >>> 24;
      try {
        buildNetwork(onnxToNetwork(b));
      } catch (e) {
        expect(e).toBeInstanceOf(ConvError);
      }
    }
  });

  it('giant dimensions are refused by value, not allocated', () => {
    expectConvError(() => onnxToNetwork(encodeModel({ input: { name: 'x', dims: [1, 1, 2 ** 40, 8] }, nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }] })), /larger than convkit accepts/);
    expectConvError(() => onnxToNetwork(encodeModel({ initializers: { w: [1, 1, 2 ** 33, 3] }, nodes: [{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'] }] })), /larger than convkit accepts/);
    // Valid int32 sizes whose product is astronomic: the geometry computes sizes only.
    const net = buildNetwork(onnxToNetwork(encodeModel({ input: { name: 'x', dims: [1, 1, 2 ** 30, 2 ** 30] }, initializers: { w: [1, 1, 3, 3] }, nodes: [{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'] }] })));
    expect(net.nodes[0].outputShape).toEqual([1, 1, 2 ** 30 - 2, 2 ** 30 - 2]);
  });

  it('cycles (two nodes reading each other, a self-loop) are refused', () => {
    expectConvError(() => onnxToNetwork(encodeModel({
      nodes: [
        { op: 'Add', inputs: ['x', 'b'], outputs: ['a'] },
        { op: 'Relu', inputs: ['a2'], outputs: ['b'] },
        { op: 'Relu', inputs: ['a'], outputs: ['a2'] },
      ],
    })), /cycle/);
    expectConvError(() => onnxToNetwork(encodeModel({ nodes: [{ op: 'Add', inputs: ['x', 'y'], outputs: ['y'] }] })), /cycle/);
  });

  it('missing attributes, weights and inputs are named', () => {
    expectConvError(() => onnxToNetwork(encodeModel({ nodes: [{ op: 'Conv', inputs: ['x'], outputs: ['y'] }] })), /no weight input/);
    expectConvError(() => onnxToNetwork(encodeModel({ nodes: [{ op: 'AveragePool', inputs: ['x'], outputs: ['y'] }] })), /kernel_shape is missing/);
    expectConvError(() => onnxToNetwork(encodeModel({ nodes: [{ op: 'Relu', inputs: ['nowhere'], outputs: ['y'] }] })), /reads tensor "nowhere"/);
    expectConvError(() => onnxToNetwork(encodeModel({ input: null, nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }] })), /no \(non-constant\) input/);
    expectConvError(() => onnxToNetwork(encodeModel({ initializers: { w: [1, 1, 3, 3] }, nodes: [{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attrs: { pads: [1, 1] } }] })), /pads has 2 values but needs 4/);
    // A weight computed at run time: listed as not analysed rather than guessed.
    const net = buildNetwork(onnxToNetwork(encodeModel({ nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['w'] }, { op: 'Conv', inputs: ['x', 'w'], outputs: ['y'] }] })));
    expect(net.skipped[0].reason).toMatch(/computed at run time/);
  });

  it('huge repeated fields and too many nodes are refused by the pre-scan before decoding', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => i);
    expectConvError(() => onnxToNetwork(encodeModel({ initializers: { w: [1, 1, 3, 3] }, nodes: [{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attrs: { pads: many } }] })), /more than any real model/);
    expectConvError(() => onnxToNetwork(encodeModel({ initializers: { w: many.slice(0, 10_000) }, nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }] })), /more than any real model/);
    const nodes = Array.from({ length: 200_001 }, (_, i) => ({ op: 'Relu', inputs: [i ? `t${i - 1}` : 'x'], outputs: [`t${i}`], name: '' }));
    expectConvError(() => onnxToNetwork(encodeModel({ nodes })), /more than any real model/);
  });

  it('deeply nested groups (wire type 3) are refused, not recursed into a stack overflow', () => {
    const depth = 100_000;
    const b = new Uint8Array(depth * 2);
    for (let i = 0; i < depth; i++) b[i] = (15 << 3) | 3; // start group, field 15
    for (let i = depth; i < 2 * depth; i++) b[i] = (15 << 3) | 4; // end group
    expectConvError(() => onnxToNetwork(b));
  });
});
