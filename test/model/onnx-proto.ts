/**
 * onnx-subset.proto loaded by protobufjs's reflection API, for tests only: it encodes the
 * hand-built models (onnx-builder.ts) and decodes files independently of the library's generated
 * decoder. Reflection compiles code at run time, which Node allows; the library never uses it.
 */
import protobuf from 'protobufjs';

const PROTO = new URL('../../src/model/onnx-subset.proto', import.meta.url);

let root: protobuf.Root | null = null;
export function onnxRoot(): protobuf.Root {
  root ??= protobuf.loadSync(decodeURIComponent(PROTO.pathname));
  return root;
}
