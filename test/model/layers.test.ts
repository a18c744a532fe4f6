import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { receptiveField } from '../../src/network/receptive.js';
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import { ConvError } from '../../src/geometry/errors.js';
import { parseLayerList } from '../../src/model/layers.js';
import { onnxToNetwork } from '../../src/model/onnx.js';
import { buildNetwork } from '../../src/network/build.js';
import { summarize } from '../../src/network/summary.js';

const EX = new URL('./examples/', import.meta.url);
const build = (text: string) => buildNetwork(parseLayerList(text));
const err = (text: string): ConvError => {
  try {
    build(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConvError);
    return e as ConvError;
  }
  throw new Error('expected a ConvError');
};

describe('layer lists (JSON / YAML)', () => {
  it('a classifier: batchNorm counts γ, β (params) and running statistics (buffers); flatten and linear as in PyTorch', () => {
    const net = build(`
input: [2, 3, 8, 8]
layers:
  - {type: conv, name: c, out: 4, kernel: 3, padding: 1, bias: false}
  - {type: batchNorm, name: bn}
  - {type: relu}
  - {type: globalAvgPool, name: g}
  - {type: flatten, name: f}
  - {type: linear, name: fc, out: 10}
  - {type: linear, name: fc2, out: 3, bias: false}
`);
    const s = summarize(net);
    const row = (n: string) => s.rows.find((r) => r.name === n)!;
    // nn.BatchNorm2d(4): weight + bias = 2·4 parameters, running_mean + running_var = 2·4 buffers; 2·4·8·8 elements.
    expect(row('bn')).toMatchObject({ params: 2 * 4, buffers: 2 * 4, affineMacs: 2 * 4 * 8 * 8, macs: 0 });
    expect(row('f')).toMatchObject({ kind: 'flatten', outputShape: [2, 4] });
    // nn.Linear(4, 10) on 2 samples: 4·10 + 10 parameters, 2·4·10 MACs; nn.Linear(10, 3, bias=False).
    expect(row('fc')).toMatchObject({ kind: 'linear', inputShapes: [[2, 4]], outputShape: [2, 10], params: 4 * 10 + 10, macs: 2 * 4 * 10 });
    expect(row('fc2')).toMatchObject({ params: 10 * 3, macs: 2 * 10 * 3 });
    expect(s.totals).toMatchObject({ params: 4 * 3 * 9 + 8 + 50 + 30, buffers: 8, affineMacs: 512 });
    expect(err('input: [1, 3, 8, 8]\nlayers:\n  - {type: linear}').message).toMatch(/missing field "out" \(output features\)/);
    // A linear layer on a tensor with spatial sizes is not a Linear over features: listed, not analysed.
    expect(build('input: [1, 3, 8, 8]\nlayers:\n  - {type: linear, out: 3}').skipped[0].reason).toMatch(/of a \[1, 3, 8, 8\] tensor: a product over the last spatial axis/);
  });

  it('DeepLab-style rates 1, 2, 4, 8 (YAML): RF 127 at jump 4, no holes, HDC M_2 = 2', () => {
    const net = build(readFileSync(new URL('deeplab-rates.yaml', EX), 'utf8'));
    const rf = receptiveField(net);
    expect(rf.axes[0].continuous!.size.valueOf()).toBe(3 + 4 + 4 * 2 * (1 + 2 + 4 + 8));
    expect(rf.axes[0].continuous!.jump.valueOf()).toBe(4);
    expect(rf.axes[0].hdc[0].report).toMatchObject({ rates: [1, 2, 4, 8], m2: 2, heuristicPasses: true, holes: 0 });
  });

  it('the example of src/model/README.md builds and does what its comments say', () => {
    const readme = readFileSync(new URL('../../src/model/README.md', import.meta.url), 'utf8');
    const yaml = /## Layer lists[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1];
    const net = build(yaml);
    expect(net.outputs).toEqual(['up']);
    // The unnamed relu is relu1, and both branches read it (the second by name).
    expect(net.nodes.map((n) => [n.name, n.def.inputs])).toEqual([
      ['stem', ['input']], ['relu1', ['stem']], ['a6', ['relu1']], ['a1', ['relu1']], ['aspp', ['a1', 'a6']], ['up', ['aspp']],
    ]);
    expect(net.byName.get('up')!.outputShape).toEqual([1, 8, 64, 64]);
  });

  it('U-Net decoder (JSON): transposed upsampling + concat skips build and count', () => {
    const net = build(readFileSync(new URL('unet-decoder.json', EX), 'utf8'));
    expect(net.byName.get('head')!.outputShape).toEqual([1, 2, 32, 32]);
    const up2 = net.byName.get('up2')!;
    expect(up2.macs).toBe(32 * 8 * 8 * 16 * 4); // C_in · ΠIn · C_out · Πk
    expect(receptiveField(net).misaligned).toEqual([]);
  });

  it('the same U-Net as a layer list and as an exported ONNX file gives the same totals', () => {
    const yaml = `
input: [1, 1, 32, 32]
layers:
  - {type: conv, name: e1a, out: 4, kernel: 3, padding: 1}
  - {type: relu}
  - {type: conv, name: e1, out: 4, kernel: 3, padding: 1}
  - {type: maxPool, kernel: 2}
  - {type: conv, out: 8, kernel: 3, padding: 1}
  - {type: conv, name: e2, out: 8, kernel: 3, padding: 1}
  - {type: maxPool, kernel: 2}
  - {type: conv, out: 16, kernel: 3, padding: 1}
  - {type: conv, out: 16, kernel: 3, padding: 1}
  - {type: convTranspose, name: up2, out: 8, kernel: 2, stride: 2}
  - {type: concat, inputs: [up2, e2]}
  - {type: conv, out: 8, kernel: 3, padding: 1}
  - {type: conv, out: 8, kernel: 3, padding: 1}
  - {type: convTranspose, name: up1, out: 4, kernel: 3, stride: 2, padding: 1, outputPadding: 1}
  - {type: concat, inputs: [up1, e1]}
  - {type: conv, out: 4, kernel: 3, padding: 1}
  - {type: conv, out: 4, kernel: 3, padding: 1}
  - {type: conv, out: 2, kernel: 1}
`;
    const a = summarize(build(yaml)).totals;
    const b = summarize(buildNetwork(onnxToNetwork(new Uint8Array(readFileSync(new URL('../fixtures/onnx/unet_tiny.onnx', import.meta.url)))))).totals;
    expect(a).toEqual(b);
  });

  it('padding forms: number, per axis, [before, after] pairs, same (odd cell after), same_lower, valid', () => {
    const pads = (p: string, stride = 1) => build(`{input: [1, 1, 9, 9], layers: [{type: conv, out: 1, kernel: 4, stride: ${stride}, padding: ${p}}]}`).nodes[0].conv!.axes.map(paddingArgument);
    expect(pads('1')).toEqual([[1, 1], [1, 1]]);
    expect(pads('[1, 2]')).toEqual([[1, 1], [2, 2]]);
    expect(pads('[[0, 1], [2, 3]]')).toEqual([[0, 1], [2, 3]]);
    expect(pads('same')).toEqual([[1, 2], [1, 2]]);
    expect(pads('same_lower')).toEqual([[2, 1], [2, 1]]);
    expect(pads('same', 2)).toEqual([[1, 2], [1, 2]]); // total (⌈9/2⌉−1)·2 + 4 − 9 = 3
    expect(pads('valid')).toEqual([[0, 0], [0, 0]]);
  });

  it('convTranspose outputSize picks the output padding as PyTorch does', () => {
    const n = build(`{input: [1, 2, 5], layers: [{type: convTranspose, out: 1, kernel: 3, stride: 2, padding: 1, outputSize: [10]}]}`).nodes[0];
    expect(n.outputShape).toEqual([1, 1, 10]);
    expect(n.conv!.axes[0].outputPadding).toBe(1);
  });

  it('upsample layers (nearest / linear, scale or size)', () => {
    const net = build(`{input: [1, 4, 5, 6], layers: [{type: upsample, name: u, scale: [2, 3]}, {type: upsample, name: v, size: [20, 36], mode: linear}]}`);
    expect(net.byName.get('u')!.outputShape).toEqual([1, 4, 10, 18]);
    expect(net.byName.get('v')!.outputShape).toEqual([1, 4, 20, 36]);
    expect(err('{input: [1, 1, 4, 4], layers: [{type: upsample, scale: 2, size: 8}]}').message).toMatch(/exactly one of "scale" and "size"/);
    expect(err('{input: [1, 1, 4, 4], layers: [{type: upsample, scale: 2, mode: cubic}]}').message).toMatch(/"mode" must be nearest or linear/);
  });

  it('errors name the layer, the field and what is valid', () => {
    expect(err('{input: [1, 1, 8, 8], layers: [{type: convolution, out: 1}]}').message).toMatch(/layers\[0\]: unknown layer type "convolution".*valid types: conv, convTranspose/);
    // A framework's class name points to the type it means (review R43a); the rank is the kernel's.
    expect(err('{input: [1, 1, 8, 8], layers: [{type: conv2d, out: 1}]}').message).toMatch(/unknown layer type "conv2d"; did you mean conv\? valid types: conv, /);
    for (const [given, meant] of [['ConvTranspose2d', 'convTranspose'], ['MaxPooling2D', 'maxPool'], ['GlobalAveragePooling2D', 'globalAvgPool'], ['Dense', 'linear'], ['BatchNorm2d', 'batchNorm']]) {
      expect(err(`{input: [1, 1, 8, 8], layers: [{type: ${given}, out: 1}]}`).message).toContain(`"${given}"; did you mean ${meant}?`);
    }
    expect(err('{input: [1, 1, 8, 8], layers: [{type: convolution, out: 1}]}').message).not.toMatch(/did you mean/);
    expect(err('{input: [1, 1, 8, 8], layers: [{type: conv, kernel: 3}]}').message).toMatch(/layers\[0\] \(conv "conv0"\): missing field "out"/);
    expect(err('{input: [1, 1, 8, 8], layers: [{type: conv, out: 1, kernel: 3, strides: 2}]}').message).toMatch(/unknown field "strides".*takes type, name, input, inputs, out, kernel, stride/);
    expect(err('{input: [1, 1, 8, 8], layers: [{type: conv, out: 1, kernel: -3}]}').message).toMatch(/field "kernel" must be an integer ≥ 1, but is -3/);
    expect(err('{input: [1, 1, 8, 8], layers: [{type: conv, out: 1, kernel: 3, padding: [1, 2, 3]}]}').message).toMatch(/padding/);
    expect(err('{input: [1, 1, 8, 8], layers: [{type: add, inputs: [input]}]}').message).toMatch(/merges at least two inputs/);
    expect(err('{input: [1, 1, 8, 8], layers: [{type: relu, input: nope}]}').message).toMatch(/reads "nope", which is neither a layer nor the network input/);
    expect(err('{input: [1, 1, 8, 8], layers: [{type: relu, name: a}, {type: relu, name: a}]}').message).toMatch(/two layers are named "a"/);
    expect(err('{input: [1, 1, 8, 8], layers: [{type: relu, name: a, input: b}, {type: relu, name: b, input: a}]}').message).toMatch(/cycle through "a", "b"/);
    expect(err('{input: [1, 1, 8, 8], outputs: [c], layers: [{type: relu, name: a}, {type: relu}]}').message).toMatch(/output "c" is not a layer of the network; name one of the layers: "a", "relu1"$/);
    const many = `{input: [1, 1, 8, 8], outputs: [nope], layers: [${Array(10).fill('{type: relu}').join(', ')}]}`;
    expect(err(many).message).toMatch(/name one of the layers: "relu0", "relu1", .*"relu7", … \(10 in all\)$/);
    expect(err('{input: [1, 1, 4, 4], layers: [{type: conv, name: big, out: 1, kernel: 3, dilation: 3}]}').message).toMatch(/layer "big" \(conv\): kernel extent 7 \(kernel 3 dilated by 3\) is larger than the padded input/);
    expect(err('{input: [1, 1, 8, 8], layers: [{type: conv, name: c, out: 1, kernel: 3}, {type: add, inputs: [c, input]}]}').message).toMatch(/merges inputs of shapes \[1, 1, 6, 6\] and \[1, 1, 8, 8\]/);
    expect(err('layers: [}').code).toBe('MODEL_FILE');
    expect(err('{layers: []}').message).toMatch(/missing field "input"/);
    expect(err('{input: [1, 1, 8, 8], layers: [], extra: 1}').message).toMatch(/unknown top-level field "extra"/);
  });

  it('a syntax error names its line and column once, quotes the line and shows a valid list', () => {
    // Was "… at line 3, column 23:; check the syntax near the position given": the reader's code
    // frame cut off after its colon, and no sign of which line or what a list looks like.
    const e = err('input: [1, 3, 8, 8]\nlayers:\n  - {type: conv, out: 8 kernel: 3}\n');
    expect(e.code).toBe('MODEL_FILE');
    expect(e.message).toBe('layer list is not valid JSON or YAML: Block collections are not allowed within flow collections at line 3, column 23 '
      + '(line 3 reads: - {type: conv, out: 8 kernel: 3}); e.g. {input: [1, 3, 32, 32], layers: [{type: conv, out: 8, kernel: 3}]}');
    expect(e.values).toEqual({ line: 3, column: 23 });
    // The example it shows is itself a valid layer list.
    expect(build(e.hint!.slice('e.g. '.length)).nodes.length).toBe(1);
    // At the end of the text there is no line to quote, and no dangling colon either.
    expect(err('[{"type": "conv", "out": 8, "kernel": 3}\n').message).toMatch(/must end with a \] at line 2, column 1; e\.g\. /);
  });

  it('YAML alias bombs are refused by the parser limits', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const e = err(bomb);
    expect(['MODEL_FILE', 'MODEL_GRAPH']).toContain(e.code);
  });
});
