/**
 * Wire-level layout of the ONNX subset convkit reads, for the bounded pre-scan (onnx-scan.ts): per
 * message, the field numbers that hold a nested message or a repeated scalar (the ones a hostile
 * file could repeat millions of times). The messages and field numbers are those of
 * onnx-subset.proto, which the decoder is generated from; test/model/onnx-decoder.test.ts checks
 * that the two agree. Names are the .proto's, except TypeProtoTensor = TypeProto.Tensor and
 * Dimension = TensorShapeProto.Dimension (the names the pre-scan's messages have always used).
 */
/** Field id → nested message or a counted repeated scalar. */
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
