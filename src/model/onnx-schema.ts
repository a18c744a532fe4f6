/**
 * The subset of ONNX's onnx.proto that convkit reads, written as a protobufjs JSON descriptor
 * (field numbers as in the ONNX IR spec, https://onnx.ai/onnx/repo-docs/IR.html). Only what the
 * analysis needs is declared: tensor *data* fields (raw_data, float_data, …) are left out, so
 * protobufjs skips weight bytes without allocating them, and subgraph fields are left out, so no
 * recursion is possible.
 */
import protobuf from 'protobufjs/light.js';

export const ONNX_DESCRIPTOR = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
            producerName: { type: 'string', id: 2 },
            producerVersion: { type: 'string', id: 3 },
            graph: { type: 'GraphProto', id: 7 },
          },
        },
        OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
            valueInfo: { rule: 'repeated', type: 'ValueInfoProto', id: 13 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            domain: { type: 'string', id: 7 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            type: { type: 'int32', id: 20 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 },
            t: { type: 'TensorProto', id: 5 },
            floats: { rule: 'repeated', type: 'float', id: 7 },
            ints: { rule: 'repeated', type: 'int64', id: 8 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            dataType: { type: 'int32', id: 2 },
            name: { type: 'string', id: 8 },
            // Read only for small constants (Resize scales/sizes); a bytes field decodes as a view, not a copy.
            rawData: { type: 'bytes', id: 9 },
          },
        },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } } },
        TypeProto: { fields: { tensorType: { type: 'TypeProtoTensor', id: 1 } } },
        TypeProtoTensor: { fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } } },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        Dimension: { fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } } },
      },
    },
  },
};

/** Wire-level layout of the same subset, for the bounded pre-scan: field id → nested message or a counted repeated scalar. */
export type ScanField = { message: string; repeated: boolean } | { scalarRepeated: true };
export const SCAN_LAYOUT: Record<string, Record<number, ScanField>> = {
  ModelProto: { 7: { message: 'GraphProto', repeated: false }, 8: { message: 'OperatorSetIdProto', repeated: true } },
  OperatorSetIdProto: {},
  GraphProto: {
    1: { message: 'NodeProto', repeated: true },
    5: { message: 'TensorProto', repeated: true },
    11: { message: 'ValueInfoProto', repeated: true },
    12: { message: 'ValueInfoProto', repeated: true },
    13: { message: 'ValueInfoProto', repeated: true },
  },
  NodeProto: { 1: { scalarRepeated: true }, 2: { scalarRepeated: true }, 5: { message: 'AttributeProto', repeated: true } },
  AttributeProto: { 5: { message: 'TensorProto', repeated: false }, 7: { scalarRepeated: true }, 8: { scalarRepeated: true } },
  TensorProto: { 1: { scalarRepeated: true } },
  ValueInfoProto: { 2: { message: 'TypeProto', repeated: false } },
  TypeProto: { 1: { message: 'TypeProtoTensor', repeated: false } },
  TypeProtoTensor: { 2: { message: 'TensorShapeProto', repeated: false } },
  TensorShapeProto: { 1: { message: 'Dimension', repeated: true } },
  Dimension: {},
};

let root: protobuf.Root | null = null;
export function onnxRoot(): protobuf.Root {
  root ??= protobuf.Root.fromJSON(ONNX_DESCRIPTOR);
  return root;
}
