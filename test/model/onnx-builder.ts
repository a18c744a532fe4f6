/** Hand-encoded ONNX models for tests, written with the same .proto the library's decoder is generated from. */
import { onnxRoot } from './onnx-proto.js';

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attrs?: Record<string, number | number[] | string>;
}

export function attr(name: string, v: number | number[] | string) {
  if (typeof v === 'string') return { name, type: 3, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  return { name, type: 2, i: v };
}

export function encodeModel(spec: {
  input?: { name: string; dims: (number | string)[] } | null;
  /** Graph inputs after the first (a dim given as a string is symbolic). */
  moreInputs?: { name: string; dims: (number | string)[] }[];
  initializers?: Record<string, number[]>;
  /** Small constants with data (raw_data, little-endian): int64 or float32 values, 1-D. */
  constants?: Record<string, { int64?: number[]; float?: number[] }>;
  nodes: NodeSpec[];
  outputs?: string[];
}): Uint8Array {
  const type = onnxRoot().lookupType('onnx.ModelProto');
  const input = [...(spec.input === null ? [] : [spec.input ?? { name: 'x', dims: [1, 1, 16, 16] }]), ...(spec.moreInputs ?? [])];
  const msg = {
    irVersion: 8,
    producerName: 'convkit-test',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'g',
      node: spec.nodes.map((n, i) => ({ input: n.inputs, output: n.outputs, name: n.name ?? `n${i}`, opType: n.op, attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attr(k, v)) })),
      initializer: [
        ...Object.entries(spec.initializers ?? {}).map(([name, dims]) => ({ name, dims, dataType: 1 })),
        ...Object.entries(spec.constants ?? {}).map(([name, v]) => {
          const values = v.int64 ?? v.float ?? [];
          const raw = new Uint8Array(values.length * (v.int64 ? 8 : 4));
          const view = new DataView(raw.buffer);
          values.forEach((x, i) => (v.int64 ? view.setBigInt64(i * 8, BigInt(x), true) : view.setFloat32(i * 4, x, true)));
          return { name, dims: [values.length], dataType: v.int64 ? 7 : 1, rawData: raw };
        }),
      ],
      input: input.map((i) => ({ name: i.name, type: { tensorType: { elemType: 1, shape: { dim: i.dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } } })),
      output: (spec.outputs ?? []).map((name) => ({ name })),
    },
  };
  return type.encode(type.fromObject(msg)).finish();
}

/**
 * Two inputs whose spatial sizes the file leaves symbolic, each through its own conv, added:
 * x [N, 2, h, w] (3×3, padding 1) and m [N, 1, h, w] (1×1), 4 output channels; 76 weights.
 */
export function twoSymbolicInputsModel(batch: number | string = 'n'): Uint8Array {
  return encodeModel({
    input: { name: 'x', dims: [batch, 2, 'h', 'w'] },
    moreInputs: [{ name: 'm', dims: [batch, 1, 'h', 'w'] }],
    initializers: { wx: [4, 2, 3, 3], wm: [4, 1, 1, 1] },
    nodes: [
      { op: 'Conv', inputs: ['x', 'wx'], outputs: ['a'], attrs: { pads: [1, 1, 1, 1] } },
      { op: 'Conv', inputs: ['m', 'wm'], outputs: ['b'] },
      { op: 'Add', inputs: ['a', 'b'], outputs: ['y'] },
    ],
    outputs: ['y'],
  });
}
