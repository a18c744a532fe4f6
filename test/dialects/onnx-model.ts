/**
 * A one-node ONNX model (Conv or ConvTranspose, X and W as graph inputs) encoded by hand as protobuf
 * bytes, so the tests can feed ONNX Runtime without an exporter. Field numbers are onnx.proto's.
 */

type Bytes = number[];

function varint(v: bigint | number): Bytes {
  let n = BigInt(v);
  if (n < 0n) n += 1n << 64n; // int64 two's complement, 10 bytes
  const out: Bytes = [];
  do {
    let byte = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) byte |= 0x80;
    out.push(byte);
  } while (n > 0n);
  return out;
}

const key = (field: number, wire: number): Bytes => varint((field << 3) | wire);
const intField = (field: number, v: number): Bytes => [...key(field, 0), ...varint(v)];
const bytesField = (field: number, b: Bytes): Bytes => [...key(field, 2), ...varint(b.length), ...b];
const strField = (field: number, s: string): Bytes => bytesField(field, [...new TextEncoder().encode(s)]);

export type OnnxAttr = { name: string; ints: number[] } | { name: string; i: number } | { name: string; s: string };

function attribute(a: OnnxAttr): Bytes {
  // AttributeProto: name 1, i 3, s 4, ints 8, type 20 (INT 2, STRING 3, INTS 7).
  if ('ints' in a) return [...strField(1, a.name), ...a.ints.flatMap((v) => intField(8, v)), ...intField(20, 7)];
  if ('i' in a) return [...strField(1, a.name), ...intField(3, a.i), ...intField(20, 2)];
  return [...strField(1, a.name), ...strField(4, a.s), ...intField(20, 3)];
}

function valueInfo(name: string, dims?: number[]): Bytes {
  // TensorShapeProto.dim 1 → Dimension.dim_value 1; TypeProto.Tensor: elem_type 1 (FLOAT = 1), shape 2.
  const shape = dims ? bytesField(2, dims.flatMap((d) => bytesField(1, intField(1, d)))) : [];
  const tensorType = [...intField(1, 1), ...shape];
  return [...strField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

/** ModelProto bytes for Y = op(inputs…) at opset 21, IR version 10: one node, its inputs as graph inputs in order. */
export function oneNodeModel(op: string, inputs: { name: string; shape: readonly number[] }[], attrs: OnnxAttr[]): Uint8Array {
  const node = [...inputs.flatMap((i) => strField(1, i.name)), ...strField(2, 'Y'), ...strField(3, 'n'), ...strField(4, op), ...attrs.flatMap((a) => bytesField(5, attribute(a)))];
  const graph = [...bytesField(1, node), ...strField(2, 'g'), ...inputs.flatMap((i) => bytesField(11, valueInfo(i.name, [...i.shape]))), ...bytesField(12, valueInfo('Y'))];
  const opset = [...strField(1, ''), ...intField(2, 21)];
  return Uint8Array.from([...intField(1, 10), ...bytesField(8, opset), ...bytesField(7, graph)]);
}

/** ModelProto bytes for Y = op(X, W) at opset 21, IR version 10. */
export function convModel(op: 'Conv' | 'ConvTranspose', xShape: number[], wShape: number[], attrs: OnnxAttr[]): Uint8Array {
  return oneNodeModel(op, [{ name: 'X', shape: xShape }, { name: 'W', shape: wShape }], attrs);
}
