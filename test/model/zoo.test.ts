/**
 * Whole torchvision models (random weights, eval mode, BatchNorm unfused) exported by
 * test/fixtures/onnx/export_zoo.py as structure-only ONNX files (large weights without data), checked
 * against what torch itself counted when it exported them (zoo/<name>.json): sum of p.numel(), the
 * BatchNorm running statistics, conv + linear MACs from forward hooks, BatchNorm output elements,
 * and the output shapes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { receptiveField } from '../../src/network/receptive.js';
import { onnxToNetwork } from '../../src/model/onnx.js';
import { buildNetwork } from '../../src/network/build.js';
import { summarize } from '../../src/network/summary.js';
import { onnxRoot } from './onnx-proto.js';

const FIX = new URL('../fixtures/onnx/zoo/', import.meta.url);
const MODELS = ['resnet18', 'alexnet', 'mobilenet_v3_small', 'deeplabv3_resnet50', 'fcn_resnet50'];
const load = (name: string) => {
  const bytes = new Uint8Array(readFileSync(new URL(`${name}.onnx`, FIX)));
  const torch = JSON.parse(readFileSync(new URL(`${name}.json`, FIX), 'utf8'));
  return { bytes, torch, net: buildNetwork(onnxToNetwork(bytes)) };
};

describe('torchvision models: convkit summary totals equal what torch counts', () => {
  for (const name of MODELS) {
    it(`${name}: parameters, buffers, conv + linear MACs, BatchNorm multiply-adds, layers and output shapes`, () => {
      const { torch, net } = load(name);
      const s = summarize(net);
      expect(net.skipped).toEqual([]);
      expect(s.totals.params).toBe(torch.params);
      expect(s.totals.buffers).toBe(torch.buffers);
      expect(s.totals.macs).toBe(torch.conv_macs + torch.linear_macs);
      expect(s.totals.affineMacs).toBe(torch.bn_elements);
      const count = (f: (r: (typeof s.rows)[number]) => boolean) => s.rows.filter(f).length;
      expect({ conv: count((r) => r.kind === 'conv'), linear: count((r) => r.kind === 'linear'), bn: count((r) => r.op === 'BatchNormalization') }).toEqual(torch.layers);
      const linearMacs = s.rows.filter((r) => r.kind === 'linear').reduce((a, r) => a + r.macs, 0);
      expect(linearMacs).toBe(torch.linear_macs);
      expect(s.rows.filter((r) => r.kind === 'conv').reduce((a, r) => a + r.macs, 0)).toBe(torch.conv_macs);
      // The network's outputs are the graph's own, with the shapes torch computed ([N, classes] for classifiers).
      expect(net.outputs.map((o) => s.rows.find((r) => r.name === o)!.outputShape)).toEqual(torch.output_shapes);
      expect(net.skippedOutputs).toEqual([]);
      expect(s.conventions.join(' ')).toMatch(/conv \+ linear MACs/);
      expect(s.notes.join(' ')).toMatch(/Parameters = learned values, as PyTorch sums p.numel\(\)/);
    });
  }

  it('the files are structure-only: large initializers carry no data, and convkit never needs it', () => {
    for (const name of MODELS) {
      const { bytes, torch } = load(name);
      const type = onnxRoot().lookupType('onnx.ModelProto');
      const m = type.toObject(type.decode(bytes), { longs: Number }) as { graph: { initializer: { dims: number[]; rawData?: Uint8Array }[] } };
      const empty = m.graph.initializer.filter((t) => !t.rawData || t.rawData.length === 0);
      expect(empty.length, name).toBe(torch.initializers_stripped);
      expect(empty.length, name).toBeGreaterThan(0);
      expect(bytes.length, name).toBeLessThan(100_000);
    }
  });

  it('DeepLabV3 and FCN: the final F.interpolate(size=x.shape[-2:]) (Shape → Slice → Concat → Resize sizes) is analysed', () => {
    for (const name of ['deeplabv3_resnet50', 'fcn_resnet50']) {
      const { net, torch } = load(name);
      const resizes = net.nodes.filter((n) => n.kind === 'resize');
      // DeepLab: the ASPP pooling branch (1×1 → the feature size) and the output; FCN: the output.
      expect(resizes.length, name).toBe(name.startsWith('deeplab') ? 2 : 1);
      const last = resizes[resizes.length - 1];
      // torch folds the input's static x.shape[-2:] into a constant; [N, C] stay Shape → Slice of the
      // resized tensor itself, concatenated with it: a size computed inside the graph from a layer's shape.
      expect(last.def.shapeInputs, name).toEqual(last.def.inputs);
      expect(last.outputShape, name).toEqual(torch.output_shapes[0]);
      // Output stride 8 (ResNet-50 with dilation in its last two stages): the upsampling factor is 8.
      expect(last.conv!.axes.map((a) => a.stride), name).toEqual([8, 8]);
      const rf = receptiveField(net);
      expect(rf.target).toBe(net.outputs[0]);
      expect(rf.axes[0].continuous!.jump.toString()).toBe('1');
    }
  });

  it('AlexNet: the classifier reads the whole flattened 6×6 feature map; the Linear layers make up 8 % of its MACs', () => {
    const { net, torch } = load('alexnet');
    const s = summarize(net);
    const flatten = s.rows.find((r) => r.kind === 'flatten')!;
    expect(flatten.inputShapes).toEqual([[1, 256, 6, 6]]);
    expect(flatten.outputShape).toEqual([1, 256 * 36]);
    const share = torch.linear_macs / (torch.conv_macs + torch.linear_macs);
    expect(share).toBeGreaterThan(0.08);
    expect(s.notes.join('\n')).toMatch(/Fully connected layers: 3,/);
  });
});
