/**
 * A protobuf message decoder that walks protobufjs's reflection data instead of generating code.
 *
 * Why: protobufjs decodes by compiling a decoder with `Function(...)`, which the page's
 * Content-Security-Policy (`script-src 'self'`, no 'unsafe-eval') forbids — in the browser every
 * ONNX file would fail with an EvalError. This decoder reads the same wire format with protobufjs's
 * own Reader, field by field as the generated code would (same defaults on the prototype, packed
 * and unpacked repeated scalars, unknown fields skipped), so `onnxToNetwork` from the library runs
 * unchanged. Nothing ONNX-specific lives here: it applies to whichever types are given.
 */
import protobuf from 'protobufjs/light.js';

type Reader = protobuf.Reader;
type ScalarRead = (r: Reader) => unknown;

/** Reader methods per scalar type (protobufjs names its Reader methods after the types). */
const SCALARS: Record<string, ScalarRead> = {
  double: (r) => r.double(),
  float: (r) => r.float(),
  int32: (r) => r.int32(),
  uint32: (r) => r.uint32(),
  sint32: (r) => r.sint32(),
  fixed32: (r) => r.fixed32(),
  sfixed32: (r) => r.sfixed32(),
  int64: (r) => r.int64(),
  uint64: (r) => r.uint64(),
  sint64: (r) => r.sint64(),
  fixed64: (r) => r.fixed64(),
  sfixed64: (r) => r.sfixed64(),
  bool: (r) => r.bool(),
  string: (r) => r.string(),
  bytes: (r) => r.bytes(),
};

const prototypes = new WeakMap<protobuf.Type, object>();

/** Default values on a prototype, as protobufjs puts them on a message class's prototype. */
function prototypeOf(type: protobuf.Type): object {
  let proto = prototypes.get(type);
  if (!proto) {
    const p: Record<string, unknown> = {};
    for (const f of type.fieldsArray) {
      f.resolve();
      p[f.name] = f.repeated ? [] : f.resolvedType instanceof protobuf.Type ? null : f.defaultValue;
    }
    proto = p;
    prototypes.set(type, proto);
  }
  return proto;
}

function decodeMessage(type: protobuf.Type, r: Reader, end: number): Record<string, unknown> {
  const msg = Object.create(prototypeOf(type)) as Record<string, unknown>;
  while (r.pos < end) {
    const tag = r.uint32();
    const field = type.fieldsById[tag >>> 3];
    if (!field) {
      r.skipType(tag & 7);
      continue;
    }
    const sub = field.resolvedType;
    const readOne = (): unknown => {
      if (sub instanceof protobuf.Type) return decodeMessage(sub, r, r.uint32() + r.pos);
      if (sub) return r.int32(); // an enum
      const read = SCALARS[field.type];
      if (!read) throw new Error(`unsupported field type ${field.type}`);
      return read(r);
    };
    if (field.repeated) {
      if (!Object.prototype.hasOwnProperty.call(msg, field.name)) msg[field.name] = [];
      const list = msg[field.name] as unknown[];
      const packable = !(sub instanceof protobuf.Type) && field.type !== 'string' && field.type !== 'bytes';
      if (packable && (tag & 7) === 2) {
        const stop = r.uint32() + r.pos;
        while (r.pos < stop) list.push(readOne());
      } else {
        list.push(readOne());
      }
    } else {
      msg[field.name] = readOne();
    }
    if (r.pos > end) throw new RangeError('index out of range: field runs past its message');
  }
  return msg;
}

/**
 * protobufjs also compiles every message class's constructor with `Function(...)` as soon as a
 * root is built (`Root.fromJSON` → `Field.resolve` → `Type.ctor`), and looks its code generator up
 * at each use (`util.codegen`). This replaces the generator: a constructor becomes a plain function
 * that copies the given properties (what the generated one does, minus pre-filled arrays, which
 * the reflective decoder makes itself); any other generated function (encoder, verifier, …) throws a
 * clear error instead of an EvalError. Call before the first root is built.
 */
export function disableCodeGeneration(): void {
  const util = protobuf.util as unknown as { codegen: unknown };
  const codegen = (params?: string[] | string, name?: string) => {
    const fnName = typeof params === 'string' ? params : name ?? '';
    const fnParams = typeof params === 'string' ? undefined : params;
    const gen = (line?: unknown): unknown => {
      if (typeof line === 'string') return gen;
      if (fnParams && fnParams.length === 1 && fnParams[0] === 'p' && !fnName.includes('$')) {
        return function Message(this: Record<string, unknown>, p?: Record<string, unknown>) {
          if (p) for (const k of Object.keys(p)) if (p[k] != null) this[k] = p[k];
        };
      }
      return () => {
        throw new Error(`protobufjs generated code (${fnName || 'anonymous'}) is not available under the page's Content-Security-Policy`);
      };
    };
    return gen;
  };
  util.codegen = Object.assign(codegen, { verbose: false });
}

/**
 * Gives every type under `ns` a `decode` that needs no code generation (an own property, so the
 * prototype's code-generating `decode` is never reached).
 */
export function installReflectiveDecoders(ns: protobuf.NamespaceBase): void {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) {
      const type = nested;
      (type as unknown as { decode: (input: Reader | Uint8Array, length?: number) => unknown }).decode = (input, length) => {
        const r = input instanceof protobuf.Reader ? input : protobuf.Reader.create(input);
        return decodeMessage(type, r, length === undefined ? r.len : r.pos + length);
      };
    }
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) installReflectiveDecoders(nested);
  }
}
