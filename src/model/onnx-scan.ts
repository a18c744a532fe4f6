/**
 * A bounded pre-scan of an ONNX file before the generated decoder reads it. The decoder allocates every
 * element of a repeated field; a hostile file could hold millions of tiny entries (dims, ints,
 * nodes) and exhaust memory. Walking the wire format once with protobufjs's Reader (tags and
 * skips only, nothing allocated) lets us refuse such files with a clear error first.
 */
import protobuf from 'protobufjs/minimal.js';
import { ConvError } from '../geometry/errors.js';
import { SCAN_LAYOUT } from './onnx-schema.js';

export const SCAN_LIMITS = {
  /** Nodes, initializers or value infos in the graph. */
  graphEntries: 200_000,
  /** Entries of one repeated scalar field (dims, ints, floats, node inputs). */
  repeated: 4096,
  /** Attributes of one node; dims of one shape. */
  nested: 4096,
};

function tooMany(what: string, n: number, limit: number): ConvError {
  return new ConvError('MODEL_FILE', `ONNX file holds ${n > limit ? 'more than ' : ''}${limit} ${what}, more than any real model`, {
    hint: 'the file is corrupt or hostile; re-export the model',
  });
}

function scanMessage(reader: protobuf.Reader, end: number, type: string, depth: number): void {
  if (depth > 16) throw new ConvError('MODEL_FILE', 'ONNX file nests messages too deeply', { hint: 'the file is corrupt' });
  const layout = SCAN_LAYOUT[type];
  const counts = new Map<number, number>();
  while (reader.pos < end) {
    const tag = reader.uint32();
    const id = tag >>> 3;
    const wire = tag & 7;
    if (id === 0) throw new ConvError('MODEL_FILE', `invalid field number 0 in ${type} at byte ${reader.pos}`, { hint: 'the file is not an ONNX model, or is corrupt' });
    const f = layout[id];
    const n = (counts.get(id) ?? 0) + 1;
    counts.set(id, n);
    if (f && 'message' in f) {
      if (wire !== 2) throw new ConvError('MODEL_FILE', `${type} field ${id} has wire type ${wire}, expected a message`, { hint: 'the file is not an ONNX model, or is corrupt' });
      const limit = type === 'GraphProto' ? SCAN_LIMITS.graphEntries : SCAN_LIMITS.nested;
      if (n > limit) throw tooMany(`${f.message} entries in one ${type}`, n, limit);
      const len = reader.uint32();
      const sub = reader.pos + len;
      if (sub > end) throw new ConvError('MODEL_FILE', `ONNX file is truncated: a ${f.message} runs past the end of its ${type}`, { hint: 'the file is incomplete; copy or export it again' });
      scanMessage(reader, sub, f.message, depth + 1);
      reader.pos = sub;
    } else if (f) {
      // A repeated scalar: one entry per tag, or a packed run (wire type 2) of at least one byte per entry.
      if (wire === 2) {
        const len = reader.uint32();
        if (reader.pos + len > end) throw new ConvError('MODEL_FILE', `ONNX file is truncated inside a ${type}`, { hint: 'the file is incomplete; copy or export it again' });
        // A packed run: count its varints (one byte without the continuation bit ends each), bounded by len.
        let entries = n - 1;
        for (let i = reader.pos; i < reader.pos + len; i++) if (reader.buf[i] < 0x80) entries++;
        if (entries > SCAN_LIMITS.repeated) throw tooMany(`entries in one repeated field of a ${type}`, entries, SCAN_LIMITS.repeated);
        counts.set(id, entries);
        reader.skip(len);
      } else {
        if (n > SCAN_LIMITS.repeated) throw tooMany(`entries in one repeated field of a ${type}`, n, SCAN_LIMITS.repeated);
        reader.skipType(wire);
      }
    } else {
      reader.skipType(wire);
    }
  }
  if (reader.pos !== end) throw new ConvError('MODEL_FILE', `ONNX file is truncated: a ${type} ends mid-field`, { hint: 'the file is incomplete; copy or export it again' });
}

/** Throws a ConvError when `bytes` is not a plausible, bounded ONNX ModelProto. */
export function scanOnnx(bytes: Uint8Array): void {
  const reader = protobuf.Reader.create(bytes);
  try {
    scanMessage(reader, bytes.length, 'ModelProto', 0);
  } catch (e) {
    if (e instanceof ConvError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new ConvError('MODEL_FILE', `ONNX file cannot be decoded (${msg.split('\n')[0]})`, { hint: 'the file is truncated, corrupt, or not an ONNX model' });
  }
}
