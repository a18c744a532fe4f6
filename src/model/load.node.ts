/** Reading a model file from disk (Node only): ONNX by extension or content, else a JSON/YAML layer list. */
import { readFileSync, statSync } from 'node:fs';
import { ConvError, show } from '../geometry/errors.js';
import { buildNetwork } from '../network/build.js';
import type { Network, NetworkDef } from '../network/types.js';
import { MAX_LAYER_LIST_BYTES, parseLayerList } from './layers.js';
import { MAX_ONNX_BYTES, onnxToNetwork, type OnnxOptions } from './onnx.js';

/** What the system said about a file it could not open, in words (an error code like ENOENT says little to most users). */
const FILE_PROBLEMS: Record<string, [problem: string, hint: string]> = {
  ENOENT: ['no such file', 'check the path'],
  ENOTDIR: ['a part of the path is a file, not a folder', 'check the path'],
  EISDIR: ['it is a folder', 'give an .onnx, .json or .yaml file'],
  EACCES: ['permission denied', 'make the file readable, or copy it somewhere you can read'],
  EPERM: ['permission denied', 'make the file readable, or copy it somewhere you can read'],
  ENAMETOOLONG: ['the path is too long', 'check the path'],
  ELOOP: ['the path has a loop of symbolic links', 'check the links on the path'],
};

function cannotRead(path: string, e: unknown): ConvError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const [problem, hint] = (code && FILE_PROBLEMS[code]) || [code ?? String(e), 'check the path'];
  return new ConvError('MODEL_FILE', `cannot read ${path}: ${problem}`, { values: { path, code }, hint });
}

export function readModelDef(path: string, options: OnnxOptions = {}): NetworkDef {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ConvError('MODEL_FILE', `${path} is ${st.isDirectory() ? 'a folder' : 'not a regular file'}`, { hint: 'give an .onnx, .json or .yaml file' });
    size = st.size;
  } catch (e) {
    if (e instanceof ConvError) throw e;
    throw cannotRead(path, e);
  }
  const lower = path.toLowerCase();
  const isText = /\.(json|ya?ml)$/.test(lower);
  const limit = isText ? MAX_LAYER_LIST_BYTES : MAX_ONNX_BYTES;
  if (size > limit) throw new ConvError('MODEL_FILE', `${path} is ${size} bytes`, { hint: `convkit reads ${isText ? 'layer lists' : 'ONNX files'} up to ${limit} bytes` });
  // stat needs only the folder's permission: an unreadable file is found here.
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw cannotRead(path, e);
  }
  if (isText) {
    return withInputShapes(parseLayerList(bytes.toString('utf8'), path), options);
  }
  const onnx = () => onnxToNetwork(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
  if (lower.endsWith('.onnx')) return onnx();
  // Any other name (model.txt, a file without extension): read by content, and when that fails say
  // which two kinds of file convkit reads, so a mistyped extension is not reported as a corrupt ONNX file.
  const text = looksLikeText(bytes);
  // Read as a layer list, it is held to the layer list's size (a 1 GiB text must not reach the parser).
  if (text && size > MAX_LAYER_LIST_BYTES) {
    throw new ConvError('MODEL_FILE', `${path} is ${size} bytes of text, read as a layer list`, { values: { path }, hint: `convkit reads layer lists up to ${MAX_LAYER_LIST_BYTES} bytes, and ONNX files (not text) up to ${MAX_ONNX_BYTES}` });
  }
  try {
    return text ? withInputShapes(parseLayerList(bytes.toString('utf8'), path), options) : onnx();
  } catch (e) {
    if (!(e instanceof ConvError)) throw e;
    const ext = /\.[^./\\]+$/.exec(lower)?.[0];
    // The inner error's own words without its hint, which joins this one's in `hint` (one of each field).
    const said = e.hint ? e.message.slice(0, e.message.length - e.hint.length - 2) : e.message;
    throw new ConvError(e.code, `${path} has ${ext ? `the extension ${ext}` : 'no extension'}; read as ${text ? 'a layer list (it is text)' : 'an ONNX file (it is not text)'}: ${said}`, {
      axis: e.axis,
      values: { ...e.values, path },
      hint: `${e.hint ? `${e.hint}; ` : ''}convkit reads .onnx models and .json, .yaml or .yml layer lists; name the file for what it is, or fix it`,
    });
  }
}

/**
 * Text: valid UTF-8 with no control characters but tab, newline and carriage return in its first
 * KiB. An ONNX protobuf starts with a field tag (0x08 for ir_version), a control character.
 */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  if (head.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return false;
  try {
    // stream: a character cut at the end of the KiB is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export function loadNetwork(path: string, options: OnnxOptions = {}): Network {
  return buildNetwork(readModelDef(path, options));
}

/** CLI flag text "1,3,64,64" or "1x3x64x64" → [1, 3, 64, 64]. */
export function parseIntList(text: string, flag: string, min: number): number[] {
  // Split at each separator, keeping empty parts: '1,3,x' (a size left as its placeholder) must be
  // refused whole, not read as [1, 3] and then blamed for having too few sizes.
  const parts = text.trim().split(/\s*[x×,]\s*|\s+/);
  const nums = parts.map((p) => (/^-?\d+$/.test(p) ? Number(p) : Number.NaN));
  if (nums.length === 0 || nums.some((n) => !Number.isSafeInteger(n) || n < min)) {
    throw new ConvError('INVALID_NUMBER', `${flag} ${JSON.stringify(text)} must be whole numbers ≥ ${min} separated by commas or x`, { hint: `e.g. ${flag} ${min === 0 ? '3,4' : '1,3,64,64'}` });
  }
  return nums;
}

/** A layer list with the shapes the options override (the first input's, or any input's by name). */
function withInputShapes(def: NetworkDef, options: OnnxOptions): NetworkDef {
  const named = options.inputShapes ?? {};
  const names = [def.input.name, ...(def.extraInputs ?? []).map((x) => x.name)];
  const unknownName = Object.keys(named).find((k) => !names.includes(k));
  if (unknownName !== undefined) {
    throw new ConvError('MODEL_GRAPH', `the layer list has no input ${show(unknownName)}`, { hint: `its inputs are ${names.map((n) => show(n)).join(', ')}` });
  }
  const pick = (name: string, shape: number[]) => (Object.hasOwn(named, name) ? named[name] : shape);
  return {
    ...def,
    input: { name: def.input.name, shape: Object.hasOwn(named, def.input.name) ? named[def.input.name] : (options.inputShape ?? def.input.shape) },
    ...(def.extraInputs ? { extraInputs: def.extraInputs.map((x) => ({ name: x.name, shape: pick(x.name, x.shape) })) } : {}),
  };
}

/**
 * The `--input-shape` flags, each "N,C,H,W" (the first input) or "name=N,C,H,W" (the input of that
 * name), as loader options. The first input may be given once.
 */
export function inputShapeFlags(flags: readonly string[]): OnnxOptions {
  const options: OnnxOptions = {};
  const named: Record<string, number[]> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq < 0) {
      if (options.inputShape) {
        throw new ConvError('INVALID_OPTION', `--input-shape ${JSON.stringify(flag)}: the first input's shape is already given`, { hint: 'name the input for every further shape: --input-shape guide=1,1,64,64' });
      }
      options.inputShape = parseIntList(flag, '--input-shape', 1);
      continue;
    }
    const name = flag.slice(0, eq).trim();
    if (name === '' || Object.hasOwn(named, name)) {
      throw new ConvError('INVALID_OPTION', `--input-shape ${JSON.stringify(flag)}: ${name === '' ? 'the input name before = is empty' : `input ${show(name)} is given twice`}`, { hint: 'e.g. --input-shape image=1,3,224,224 --input-shape guide=1,1,224,224' });
    }
    named[name] = parseIntList(flag.slice(eq + 1), `--input-shape ${name}=`, 1);
  }
  if (Object.keys(named).length) options.inputShapes = named;
  return options;
}

export function loadFromFlags(path: string, inputShapes: readonly string[] | undefined): Network {
  return loadNetwork(path, inputShapeFlags(inputShapes ?? []));
}
