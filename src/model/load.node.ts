/** Reading a model file from disk (Node only): ONNX by extension or content, else a JSON/YAML layer list. */
import { readFileSync, statSync } from 'node:fs';
import { ConvError } from '../geometry/errors.js';
import { buildNetwork } from '../network/build.js';
import type { Network, NetworkDef } from '../network/types.js';
import { MAX_LAYER_LIST_BYTES, parseLayerList } from './layers.js';
import { MAX_ONNX_BYTES, onnxToNetwork, type OnnxOptions } from './onnx.js';

export function readModelDef(path: string, options: OnnxOptions = {}): NetworkDef {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ConvError('MODEL_FILE', `${path} is not a file`, { hint: 'give an .onnx, .json or .yaml file' });
    size = st.size;
  } catch (e) {
    if (e instanceof ConvError) throw e;
    throw new ConvError('MODEL_FILE', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { hint: 'check the path' });
  }
  const lower = path.toLowerCase();
  const isText = /\.(json|ya?ml)$/.test(lower);
  const limit = isText ? MAX_LAYER_LIST_BYTES : MAX_ONNX_BYTES;
  if (size > limit) throw new ConvError('MODEL_FILE', `${path} is ${size} bytes`, { hint: `convkit reads ${isText ? 'layer lists' : 'ONNX files'} up to ${limit} bytes` });
  const bytes = readFileSync(path);
  if (isText) {
    const def = parseLayerList(bytes.toString('utf8'), path);
    if (options.inputShape) def.input.shape = options.inputShape;
    return def;
  }
  return onnxToNetwork(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
}

export function loadNetwork(path: string, options: OnnxOptions = {}): Network {
  return buildNetwork(readModelDef(path, options));
}

/** CLI flag text "1,3,64,64" or "1x3x64x64" → [1, 3, 64, 64]. */
export function parseIntList(text: string, flag: string, min: number): number[] {
  const parts = text.split(/[x×,\s]+/).filter((p) => p !== '');
  const nums = parts.map((p) => (/^-?\d+$/.test(p) ? Number(p) : Number.NaN));
  if (nums.length === 0 || nums.some((n) => !Number.isSafeInteger(n) || n < min)) {
    throw new ConvError('INVALID_NUMBER', `${flag} ${JSON.stringify(text)} must be whole numbers ≥ ${min} separated by commas or x`, { hint: `e.g. ${flag} ${min === 0 ? '3,4' : '1,3,64,64'}` });
  }
  return nums;
}

export function loadFromFlags(path: string, inputShape: string | undefined): Network {
  return loadNetwork(path, inputShape === undefined ? {} : { inputShape: parseIntList(inputShape, '--input-shape', 1) });
}
