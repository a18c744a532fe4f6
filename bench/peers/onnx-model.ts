/**
 * A one-node ONNX model (Conv or ConvTranspose, weights as initializers) encoded by hand: the
 * few protobuf fields needed, so the benchmark needs no .onnx file.
 */

class Pb {
  bytes: number[] = [];
  varint(v: number): this {
    while (v > 127) { this.bytes.push((v & 127) | 128); v = Math.floor(v / 128); }
    this.bytes.push(v);
    return this;
  }
  tag(field: number, wire: number): this { return this.varint(field * 8 + wire); }
  int(field: number, v: number): this { return this.tag(field, 0).varint(v); }
  raw(field: number, b: Uint8Array | number[]): this { this.tag(field, 2).varint(b.length); for (const x of b) this.bytes.push(x); return this; }
  str(field: number, s: string): this { return this.raw(field, new TextEncoder().encode(s)); }
  msg(field: number, m: Pb): this { return this.raw(field, m.bytes); }
}

function attrInts(name: string, v: readonly number[]): Pb {
  const a = new Pb().str(1, name);
  for (const x of v) a.int(8, x);
  return a.int(20, 7);
}
function attrInt(name: string, v: number): Pb {
  return new Pb().str(1, name).int(3, v).int(20, 2);
}
function tensor(name: string, dims: readonly number[], data: Float32Array): Pb {
  const t = new Pb();
  for (const d of dims) t.int(1, d);
  return t.int(2, 1).str(8, name).raw(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}
function valueInfo(name: string, dims: readonly number[]): Pb {
  const shape = new Pb();
  for (const d of dims) shape.msg(1, new Pb().int(1, d));
  return new Pb().str(1, name).msg(2, new Pb().msg(1, new Pb().int(1, 1).msg(2, shape)));
}

/** What the model needs of a case: shapes of any rank (1-D to 3-D), PyTorch layouts. */
export interface ConvSpec {
  input: readonly number[];
  weight: readonly number[];
  stride: number;
  padding: number;
  dilation: number;
  outputPadding: number;
  groups: number;
  transposed: boolean;
}

export function onnxConvModel(bc: ConvSpec, w: Float32Array, bias: Float32Array | null, outShape: readonly number[]): Uint8Array {
  const rank = bc.weight.length - 2;
  const each = (v: number): number[] => Array<number>(rank).fill(v);
  const node = new Pb().str(1, 'x').str(1, 'w');
  if (bias) node.str(1, 'b');
  node.str(2, 'y').str(4, bc.transposed ? 'ConvTranspose' : 'Conv');
  node.msg(5, attrInts('kernel_shape', bc.weight.slice(2)));
  node.msg(5, attrInts('strides', each(bc.stride)));
  node.msg(5, attrInts('pads', each(bc.padding).concat(each(bc.padding))));
  node.msg(5, attrInts('dilations', each(bc.dilation)));
  node.msg(5, attrInt('group', bc.groups));
  if (bc.transposed) node.msg(5, attrInts('output_padding', each(bc.outputPadding)));
  const graph = new Pb().msg(1, node).str(2, 'g').msg(5, tensor('w', bc.weight, w));
  if (bias) graph.msg(5, tensor('b', [bias.length], bias));
  graph.msg(11, valueInfo('x', bc.input)).msg(12, valueInfo('y', outShape));
  const model = new Pb().int(1, 8).msg(8, new Pb().str(1, '').int(2, 17)).msg(7, graph);
  return Uint8Array.from(model.bytes);
}
