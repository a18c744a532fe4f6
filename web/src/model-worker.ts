/**
 * The model panel's worker: reads a model file off the page's thread, so a large or hostile file
 * never freezes the page (the panel also ends the worker if it runs too long). It answers one
 * message per file: the table (`ModelReport`) or the library's refusal (a ConvError's code and
 * message). Anything else that goes wrong is reported too, never thrown at the page.
 */
import { ConvError, isConvError } from '../../src/geometry/errors.js';
import { byteLimit, isLayerListName, loadModel, parseShapeText } from './model-load.js';
import type { ModelReport } from './model-load.js';

export type WorkerRequest = { id: number; file: File; shape: string };
export type WorkerReply =
  | { id: number; ok: true; report: ModelReport }
  | { id: number; ok: false; code: string; message: string };

// The library's ONNX decoder is generated ahead of time (no run-time code generation), so it runs
// under the page's CSP (no 'unsafe-eval') as it is: nothing to set up here.

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const { id, file, shape } = ev.data;
  let reply: WorkerReply;
  try {
    // The size is checked before a byte is read (a file past the library's limits is never loaded).
    const limit = byteLimit(file.name);
    if (file.size > limit) {
      throw new ConvError('MODEL_FILE', `${file.name} is ${file.size} bytes`, { hint: `convkit reads ${isLayerListName(file.name) ? 'layer lists' : 'ONNX files'} up to ${limit} bytes` });
    }
    const inputShape = parseShapeText(shape);
    reply = { id, ok: true, report: loadModel(file.name, new Uint8Array(await file.arrayBuffer()), inputShape) };
  } catch (e) {
    if (isConvError(e)) reply = { id, ok: false, code: e.code, message: e.message };
    else reply = { id, ok: false, code: 'INTERNAL', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  (self as unknown as Worker).postMessage(reply);
};
